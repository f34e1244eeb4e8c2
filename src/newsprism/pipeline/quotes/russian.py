"""Russian for the attribution loop: "«…», — отметил Орбан", "«…», — сказал он", "Песков заявил: «…»",
"X заявил, что …", "По словам X, …", "По его словам, …", "Об этом заявил X" (the sentence before), "…, сообщил
губернатор Белгородской области Вячеслав Гладков.", "Да и в самой Венгрии, указал Шатилов, …", "предложил
рассмотреть …". The words come from ``newsprism.lang.ru``; the verb's form says the speaker's gender ("заявила",
"заявили"), the names are given in the nominative ("Орбана" → "Орбан")."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.lang.ru import lexicon as ru
from newsprism.lang.ru import morph
from newsprism.lang.ru.tokens import tokenize
from newsprism.lang.tokens import DASHES, QUOTE_MARKS, Token
from newsprism.pipeline.quotes.attribution import Chunk, Cue, Para, Reported

MAX_SUBJECT_TOKENS = 16  # "декан ФСНиМК Финансового университета при Правительстве РФ Александр Шатилов"
MAX_GAP_TO_CLAUSE = 8  # "заявил журналистам в кулуарах форума, что …"
MAX_TAIL = 10  # "…, сообщил координатор николаевского подполья Сергей Лебедев в разговоре с РИА Новости."

#: words between a subject and its verb, or a verb and its subject: "он также отметил", "заявил 2 июля"
_ADVERBS = frozenset(
    """также тоже еще ещё уже лишь ранее позднее накануне вновь снова вчера сегодня затем потом тогда неоднократно
    прямо открыто публично недавно не ни впрочем кроме""".split()
)
_PREPOSITIONS = frozenset("в во на с со к ко у о об от до из за под над по для без про при через между перед после".split())
_CONJUNCTIONS = frozenset("и а но или что чтобы как когда если хотя ли же да".split())
_TO_FRAMES = frozenset(("to",))
#: verbs of an outlet citing someone: the words are the possessive's ("цитирует его РИА Новости")
_CITING = frozenset("цитировать процитировать приводить привести".split())
_WHAT_VERBS = frozenset("назвать называть оценить охарактеризовать обвинить обвинять".split())


class Russian:
    """The ``Grammar`` of Russian news."""

    directed_guillemets = True  # «…»: never »…« in Russian

    def tokenize(self, text: str, start: int, end: int) -> list[Token]:
        return tokenize(text, start, end)

    # --- words --------------------------------------------------------------------------------------------------
    def verb_at(self, p: Para, k: int) -> tuple[ru.Verb, str | None] | None:
        t = p.toks[k]
        if not t.text[:1].islower() and not (k == 0 or p.toks[k - 1].text in ".!?" or p.marks[k - 1]):
            return None
        return ru.verb(t.text)

    def pronoun(self, tok: Token) -> str | None:
        return ru.PRONOUNS.get(tok.low)

    def name_form(self, text: str) -> str:
        return morph.nominative(" ".join(text.split()), "PER")

    def body_form(self, text: str) -> str:
        return morph.nominative(" ".join(text.split()), "ORG")

    def surname_key(self, name: str) -> str:
        return morph.surname_key(name)

    def name_gender(self, name: str) -> str | None:
        words = name.split()
        for w in words[:-1] or words:
            g = morph.gender(w)
            if g:
                return g
        return morph.gender(words[-1]) if words else None

    def role_gender(self, text: str) -> str | None:
        for w in reversed(text.split()):
            if morph.lemma(w) in ru.FEMALE_ROLES:
                return "f"
        return None

    def _lemma(self, tok: Token) -> str:
        return morph.lemma(tok.text).replace("ё", "е")

    def is_role(self, tok: Token) -> bool:
        return tok.text[:1].isalpha() and ru.role_title(self._lemma(tok))[0]

    def role_key(self, tok: Token) -> str:
        lemma = self._lemma(tok)
        title = ru.ROLES.get(lemma)
        return title or lemma

    def is_group(self, toks: Sequence[Token]) -> bool:
        words = [t for t in toks if t.is_word]
        if not words:
            return False
        if words[0].low in ("в", "во", "у") and len(words) > 1:
            return True  # "в Кремле заявили", "у Зеленского назвали"
        head = self._lemma(words[0])
        if head in ru.BODIES or head in ru.DOCUMENTS:
            return True
        return head in ru.GROUP_ROLES and any("plur" in p.tag for p in morph.parses(words[0].text)[:1])

    # --- noun phrases ---------------------------------------------------------------------------------------------
    def _np_word(self, t: Token) -> bool:
        if t.text in QUOTE_MARKS or not t.text[:1].isalnum():
            return False
        if t.low in _PREPOSITIONS or t.low in _CONJUNCTIONS or t.low in ru.FUNCTION_WORDS:
            return False
        if t.text[:1].isupper() or t.text[:1].isdigit() or t.text[:1].isascii():
            return True
        ps = morph.parses(t.text)
        return bool(ps) and ps[0].tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR")

    def _content(self, p: Para, a: int, b: int) -> bool:
        """A noun phrase names someone: a capitalised word, a role, a body."""
        return any(
            (t.text[:1].isupper() and t.low not in ru.FUNCTION_WORDS)
            or self.is_role(t)
            or self._lemma(t) in ru.BODIES
            or self._lemma(t) in ru.GROUP_ROLES
            for t in p.toks[a:b]
        )

    def _person_in(self, p: Para, a: int, b: int) -> tuple[int, int] | None:
        return next(((s, e) for s, e in p.people if a <= s and e <= b), None)

    def _stop(self, t: Token) -> bool:
        return t.text in ",.;:!?…()" or t.text in DASHES

    def subject_after(self, p: Para, k: int, hi: int) -> Chunk | None:
        """The noun phrase after a verb: "отметил Орбан", "сказал он", "заявил премьер-министр Венгрии Виктор Орбан в
        интервью", "сообщил «Радио Пловдив» депутат Иван Петков", "сообщили в Минобороны РФ"."""
        toks = p.toks
        j = k + 1
        while j < hi and (toks[j].low in _ADVERBS or toks[j].text[:1].isdigit()):
            j += 1
        if j >= hi:
            return None
        if toks[j].low in ru.PRONOUNS:
            return Chunk(j, j + 1, "pronoun", ru.PRONOUNS[toks[j].low])
        window = j
        while (
            window < hi and window - j < MAX_SUBJECT_TOKENS and not self._stop(toks[window]) and self.verb_at(p, window) is None
        ):
            window += 1
        person = self._person_in(p, j, window)
        if person is not None:
            s = person[0]
            while s > j and (self._np_word(toks[s - 1]) or (toks[s - 1].low in ("при", "и") and s - 1 > j)):
                s -= 1  # the role phrase before the name: "декан … при Правительстве РФ Александр Шатилов"
            return Chunk(s, person[1])
        s = j
        if toks[s].low in ("в", "во", "у") and s + 1 < window and toks[s + 1].text[:1].isupper():
            e = s + 1  # "сообщили в Минобороны РФ"
            while e < window and toks[e].text[:1].isupper():
                e += 1
            return Chunk(s, e)
        if p.marks[s]:  # "сообщил «Радио Пловдив» …": a quoted addressee before the subject
            close = next((x for x in range(s + 1, window) if p.marks[x]), None)
            if close is not None:
                s = close + 1
        e = s
        while e < window and self._np_word(toks[e]):
            e += 1
        if e == s or not self._content(p, s, e):
            return None
        return Chunk(s, e)

    def subject_before(self, p: Para, k: int, lo: int) -> Chunk | None:
        """The noun phrase before a verb: "Орбан добавил", "он также отметил", "замглавы Офиса Зеленского Игорь Жовква
        заявил", "Политолог и журналист Юрий Светов, в свою очередь, напомнил", "в Кремле заявили"."""
        toks = p.toks
        j = k - 1
        while j >= lo and toks[j].low in _ADVERBS:
            j -= 1
        if j >= lo and toks[j].text == ",":  # "…, в свою очередь, напомнил": a parenthesis without a verb
            opening = next((x for x in range(j - 1, max(lo - 1, j - 6), -1) if toks[x].text == ","), None)
            if opening is not None and not any(self._finite(t) for t in toks[opening + 1 : j]):
                j = opening - 1
            else:
                return None
        if j < lo:
            return None
        if toks[j].low in ru.PRONOUNS:
            return Chunk(j, j + 1, "pronoun", ru.PRONOUNS[toks[j].low])
        end = j + 1
        while j >= lo and end - j <= MAX_SUBJECT_TOKENS:
            t = toks[j]
            if self._np_word(t):
                j -= 1
            elif t.low == "и" and j - 1 >= lo and self._np_word(toks[j - 1]) and j + 1 < end:
                j -= 1  # "Политолог и журналист"
            elif t.low == "при" and j - 1 >= lo and self._np_word(toks[j - 1]):
                j -= 1
            else:
                break
        s = j + 1
        if j >= lo and toks[j].low in ("в", "во", "у") and s < end and toks[s].text[:1].isupper():
            s = j  # "в Минобороны РФ сообщили", "У Зеленского назвали"
        if s >= end or not self._content(p, s, end):
            return None
        person = self._person_in(p, s, end)
        if person is not None and person[1] < end:
            return None  # the name is an object inside the phrase: "попросил Владимира Зеленского …"
        return Chunk(s, end)

    def _finite(self, t: Token) -> bool:
        ps = morph.parses(t.text)
        return bool(ps) and ps[0].tag.POS in ("VERB", "PRTS", "INFN")

    def _possessive(self, p: Para, k: int, hi: int) -> Chunk | None:
        """ "цитирует его РИА Новости", "приводит его слова", "сказано в его телеграм-канале": whose words they are."""
        for x in range(k + 1, min(hi, k + 4)):
            g = ru.POSSESSIVES.get(p.toks[x].low)
            if g is not None:
                return Chunk(x, x + 1, "pronoun", g)
        return None

    # --- cues beside quotes ---------------------------------------------------------------------------------------
    def after_quote(self, p: Para, i: int, end: int) -> Cue | None:
        toks = p.toks
        j = i
        dashed = False
        while j < end and (toks[j].text == "," or toks[j].text in DASHES):
            dashed = dashed or toks[j].text in DASHES
            j += 1
        if j >= end or p.top[j] >= 0 or not (dashed or (j > i and toks[j].text[:1].islower())):
            return None
        for m in range(j, min(end, j + 4)):
            found = self.verb_at(p, m)
            if found is None:
                if self._np_word(toks[m]) or toks[m].low in _ADVERBS:
                    continue
                break
            v, gender = found
            if "direct" not in v.frames and "clause" not in v.frames:
                return None
            if v.lemma in _CITING:
                own = self._possessive(p, m, end)
                if own is not None:  # "цитирует его РИА Новости": his words, the agency's report
                    return Cue((m, m + 1), own, gender=own.gender)
            if v.lemma in ("сказать", "говориться") and gender in ("n", None):
                own = self._possessive(p, m, end)  # "сказано в его телеграм-канале"
                subject = own or self._document(p, m, end)
                return Cue((m, m + 1), subject, gender=subject.gender if subject else None)
            subject = self.subject_before(p, m, j) if m > j else None
            if subject is None:
                subject = self.subject_after(p, m, end)
            return Cue((m, m + 1), subject, gender=gender)
        return None

    def _document(self, p: Para, k: int, hi: int) -> Chunk | None:
        """ "говорится в заявлении МИД": the body whose document speaks."""
        j = k + 1
        if j < hi and p.toks[j].low in ("в", "во"):
            e = j + 1
            while e < hi and self._np_word(p.toks[e]):
                e += 1
            if e > j + 1:
                return Chunk(j + 1, e)
        return None

    def before_quote(self, p: Para, o: int, start: int) -> Cue | None:
        toks = p.toks
        j = o - 1
        if j < start or toks[j].text != ":":
            return None
        j -= 1
        for m in range(j, max(start - 1, j - 8), -1):
            if p.top[m] >= 0:
                break
            found = self.verb_at(p, m)
            if found is None:
                continue
            v, gender = found
            if "direct" not in v.frames and "clause" not in v.frames:
                return None
            subject = self.subject_before(p, m, start) or self.subject_after(p, m, j + 1)
            return Cue((m, m + 1), subject, gender=gender)
        person = self._person_in(p, max(start, j - 6), j + 1)  # "Песков: «…»"
        if person is not None and person[1] == j + 1:
            return Cue(None, Chunk(person[0], person[1]))
        return None

    # --- reported speech ------------------------------------------------------------------------------------------
    def reported(self, p: Para, a: int, b: int, outside: Sequence[bool]) -> list[Reported]:
        toks = p.toks
        out: list[Reported] = []
        according = self._according(p, a, b, outside)
        if according is not None:
            out.append(according)
        back = self._about_this(p, a, b, outside)
        if back is not None:
            return [back]
        taken = -1
        for k in range(a, b):
            if not outside[k] or k <= taken:
                continue
            found = self.verb_at(p, k)
            if found is None:
                continue
            v, gender = found
            if "clause" not in v.frames and not (v.frames & _TO_FRAMES) and v.lemma not in _WHAT_VERBS | _CITING:
                continue
            subject = self.subject_before(p, k, a)
            inverted = self.subject_after(p, k, b) if subject is None else None
            if v.lemma in _CITING:
                inverted = self._possessive(p, k, b) or inverted  # "…, приводит его слова РИА Новости"
            cue_subject = subject or inverted
            if cue_subject is None and not (k > a and toks[k - 1].text == ","):
                continue
            preposed = self._preposed(p, a, b, k, inverted, outside)
            if preposed is not None:
                out.append(Reported(preposed[0], preposed[1], Cue((k, k + 1), inverted, gender=gender)))
                taken = b
                continue
            if cue_subject is None:
                continue
            start = self._clause_start(p, k, b, v, cue_subject)
            if start is None:
                continue
            stop = self._clause_end(p, start, b)
            out.append(Reported(start, stop, Cue((k, k + 1), cue_subject, gender=gender)))
            taken = stop
        return out

    def _clause_start(self, p: Para, k: int, b: int, v: ru.Verb, subject: Chunk) -> int | None:
        """Where the reported words after a verb start: at its "что" (kept: "что Будапешт хочет …"), at an infinitive
        ("предложил рассмотреть …"), or right after the verb for "назвал такую реакцию ожидаемой"."""
        toks = p.toks
        j = max(k + 1, subject.b if subject.a > k else k + 1)
        for x in range(j, min(b, j + MAX_GAP_TO_CLAUSE + 1)):
            if toks[x].low == "что" and (x == j or toks[x - 1].text == ","):
                return x
            if toks[x].text in ".;!?" or (toks[x].text == "," and x + 1 < b and toks[x + 1].low != "что"):
                break
        if v.frames & _TO_FRAMES:
            for x in range(k + 1, min(b, k + 5)):
                ps = morph.parses(toks[x].text)
                if ps and ps[0].tag.POS == "INFN":
                    return k + 1 if x > k + 1 and subject.a < k else x
        if v.lemma in _WHAT_VERBS and subject.a < k and b - k > 4:
            return k + 1
        return None

    def _clause_end(self, p: Para, start: int, b: int) -> int:
        """The reported words end with the sentence, before a cue of the reporting outlet: "…, передаёт ТАСС."."""
        toks = p.toks
        for x in range(start + 2, b):
            if toks[x].text != "," or x + 1 >= b:
                continue
            found = self.verb_at(p, x + 1)
            if found is not None and b - x <= MAX_TAIL and self.subject_after(p, x + 1, b) is not None:
                return x
        return b

    def _preposed(
        self, p: Para, a: int, b: int, k: int, subject: Chunk | None, outside: Sequence[bool]
    ) -> tuple[int, int] | None:
        """ "…, сообщил губернатор Белгородской области Вячеслав Гладков." (the words before the cue) and "Поэтому,
        подытожил политолог, Орбан …" (a cue inside the words: the whole sentence)."""
        toks = p.toks
        if subject is None or k - 1 <= a or toks[k - 1].text not in (",", *DASHES):
            return None
        comma = k - 1
        while comma > a and toks[comma - 1].text in (",", *DASHES):
            comma -= 1
        if sum(1 for t in toks[a:comma] if t.is_word) < 3 and not (subject.b < b and toks[subject.b].text == ","):
            return None
        rest = [t for t in toks[subject.b : b] if t.is_word]
        if subject.b < b and toks[subject.b].text == "," and len(rest) >= 3:
            return a, b  # "Да и в самой Венгрии, указал Шатилов, неожиданно возникло …"
        if len(rest) > MAX_TAIL:
            return None
        if not all(outside[x] or p.marks[x] for x in range(a, comma)) and not any(outside[x] for x in range(a, comma)):
            return None
        return a, comma

    def _according(self, p: Para, a: int, b: int, outside: Sequence[bool]) -> Reported | None:
        """ "По словам X, …", "По его словам, …", "По мнению экспертов, …"."""
        toks = p.toks
        if b - a < 5 or toks[a].low != "по" or not outside[a]:
            return None
        if toks[a + 1].low in ru.POSSESSIVES and toks[a + 2].low in ru.ACCORDING:
            comma = a + 3
            subject = Chunk(a + 1, a + 2, "pronoun", ru.POSSESSIVES[toks[a + 1].low])
            verb = (a, a + 3)
        elif toks[a + 1].low in ru.ACCORDING:
            found = next((x for x in range(a + 2, min(b, a + 2 + MAX_SUBJECT_TOKENS)) if toks[x].text == ","), None)
            if found is None or found == a + 2:
                return None
            comma = found
            subject = Chunk(a + 2, comma)
            verb = (a, a + 2)
        else:
            return None
        if comma >= b or toks[comma].text != ",":
            return None
        return Reported(comma + 1, b, Cue(verb, subject))

    def _about_this(self, p: Para, a: int, b: int, outside: Sequence[bool]) -> Reported | None:
        """ "Об этом 2 июля заявил премьер-министр Венгрии Виктор Орбан …", "Об этом сообщает ТАСС", "Такое мнение
        высказал …": the words are the sentence before."""
        toks = p.toks
        if b - a < 3:
            return None
        opener = f"{toks[a].low} {toks[a + 1].low}"
        if opener not in ("об этом", "о этом", "такое мнение", "такое заявление", "такую оценку", "это заявил"):
            return None
        for k in range(a + 2, min(b, a + 8)):
            found = self.verb_at(p, k)
            if found is None:
                continue
            _v, gender = found
            subject = self.subject_after(p, k, b) or self.subject_before(p, k, a + 2)
            return Reported(a, b, Cue((k, k + 1), subject, gender=gender), back=True)
        return None


GRAMMAR = Russian()

__all__ = ["GRAMMAR", "Russian"]
