"""English for the attribution loop: "“…,” Stoltenberg said", "“…,” said Peskov, the Kremlin spokesman",
"Blinken said: “…”", "X said (that) …", "X told reporters …", "…, according to Reuters", "Russia will respond,
Peskov said.", ", adding that …". The words come from ``newsprism.lang.en``."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.lang.en import lexicon as en
from newsprism.lang.en.tokens import base, is_possessive, tokenize
from newsprism.lang.names import first_name_gender
from newsprism.lang.tokens import DASHES, QUOTE_MARKS, Token
from newsprism.pipeline.quotes.attribution import Chunk, Cue, Para, Reported

MAX_SUBJECT_TOKENS = 16  # a speaker's noun phrase is shorter ("Moscow’s deputy permanent representative to the UN, …")
MAX_GAP_TO_CLAUSE = 10  # "said on Tuesday in a statement posted on Telegram that …"
MAX_TAIL = 9  # "…, Peskov said on Tuesday in a call with reporters."

_DETERMINERS = frozenset("the a an his her their its our this that these those".split())
_MODIFIERS = frozenset(
    """senior top former deputy acting interim permanent local regional foreign military western eastern state
    state-run official leading prominent outgoing incoming new unnamed anonymous several other two three four some
    many few most both all chief veteran longtime long-time pro-kremlin pro-russian pro-ukrainian raging furious
    defence defense security intelligence government independent russian ukrainian american british german french
    european chinese israeli ugly hardline moderate liberal conservative influential well-known outspoken
    notorious so-called self-proclaimed exiled jailed imprisoned opposition election campaign press news
    military-political political""".split()
)
_PRONOUN_SUBJECTS = frozenset(("he", "she", "they", "it", "we", "i", "you", "who"))
_OBJECTS = frozenset(
    """reporters journalists lawmakers parliament congress the media press audience crowd viewers listeners
    supporters colleagues residents him her them us me you""".split()
)
_FINITE = frozenset(
    "is are was were has have had will would can could should may might must do does did am be been being".split()
)
_BARE_TIME = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight earlier later again also
    recently previously repeatedly publicly privately separately once then now already still last this week
    morning afternoon evening night""".split()
)
_ADJUNCT_PREPOSITIONS = frozenset("on in at during after before with via through while in".split())
_NOT_OPENERS = frozenset(
    "of about for to by from as into onto over under against with without at on in so yes no goodbye hello thanks".split()
)
_TAIL_WORDS = frozenset(
    """on in at to with during after before late early earlier later this last next week month year monday
    tuesday wednesday thursday friday saturday sunday morning afternoon evening night today yesterday a an the
    statement interview call briefing conference news press post video message speech remarks address his her
    their its on telegram facebook twitter x tv television radio programme program show channel website
    separate told reporters said adding noting""".split()
)


class English:
    """The ``Grammar`` of English news."""

    doubled_apostrophes = True  # ''…'' is a quote in English archives (the NYT's), never wiki italics

    def tokenize(self, text: str, start: int, end: int) -> list[Token]:
        return tokenize(text, start, end)

    # --- words --------------------------------------------------------------------------------------------------
    def verb_at(self, p: Para, k: int) -> en.Verb | None:
        t = p.toks[k]
        if not t.text[:1].islower():
            return None
        v = en.verb(t.low)
        if v is None:
            return None
        prev = p.toks[k - 1].low if k > 0 else ""
        if prev in _DETERMINERS or prev in ("’s", "'s") or is_possessive(p.toks[k - 1].text if k > 0 else ""):
            return None  # "the report", "his statement", "Russia’s claim": a noun
        if (
            t.low == v.lemma
            and prev not in ("to", "will", "would", "could", "did", "does", "do", "they", "we", "i", "you")
            and not (k > 0 and p.toks[k - 1].low.endswith("s") and p.toks[k - 1].text[:1].islower())
        ):
            return None  # a bare "report", "call", "post" is most often a noun
        return v

    def pronoun(self, tok: Token) -> str | None:
        return en.PRONOUNS.get(tok.low)

    def name_form(self, text: str) -> str:
        return base(" ".join(text.split()))

    def surname_key(self, name: str) -> str:
        words = [w for w in base(name).split() if w[:1].isalpha()]
        return words[-1].lower() if words else name.lower()

    def name_gender(self, name: str) -> str | None:
        first = name.split()[0] if name.split() else ""
        return first_name_gender(first)

    def role_gender(self, text: str) -> str | None:
        for w in reversed(text.lower().split()):
            g = en.gender_of_role(w)
            if g:
                return g
        return None

    def is_role(self, tok: Token) -> bool:
        return base(tok.low) in en.ROLES and base(tok.low) not in en.BODY_ROLES and base(tok.low) not in en.DOCUMENTS

    def role_key(self, tok: Token) -> str:
        return tok.low

    def body_form(self, text: str) -> str:
        return self.name_form(text)

    def is_group(self, toks: Sequence[Token]) -> bool:
        heads = [base(t.low) for t in toks if t.is_word]
        if not heads:
            return False
        head = heads[-1]
        return head in en.GROUP_ROLES or head in en.BODY_ROLES or head in en.ORG_HEADS or head in en.DOCUMENTS

    # --- noun phrases ---------------------------------------------------------------------------------------------
    def _np_word(self, t: Token) -> bool:
        if t.text in QUOTE_MARKS or not t.text[:1].isalnum():
            return False
        low = base(t.low)
        if t.text[:1].isupper():
            return low not in en.FUNCTION_WORDS or low in ("the", "a", "an", "his", "her", "their", "its")
        return (
            low in _DETERMINERS
            or low in en.ROLES
            or low in en.GROUP_ROLES
            or low in en.BODY_ROLES
            or low in en.DOCUMENTS
            or low in _MODIFIERS
            or low == "of"
            or (is_possessive(t.text) and low.isalpha())
        )

    def _content(self, toks: Sequence[Token]) -> bool:
        """A noun phrase names someone when it has a capitalised word or a role, not only modifiers."""
        return any(
            (t.text[:1].isupper() and base(t.low) not in en.FUNCTION_WORDS)
            or base(t.low) in en.ROLES
            or base(t.low) in en.GROUP_ROLES
            or base(t.low) in en.DOCUMENTS
            for t in toks
        )

    def subject_before(self, p: Para, k: int, lo: int) -> Chunk | None:
        """The noun phrase a verb at token ``k`` says spoke, before it: "NATO Secretary-General Jens Stoltenberg
        told", "he later said", "NATO’s Secretary-General, Jens Stoltenberg, has said"."""
        toks = p.toks
        j = k - 1
        while j >= lo and (toks[j].low in en.AUXILIARIES or toks[j].low in en.NEGATIONS or _adverb(toks[j])):
            j -= 1
        if j < lo:
            return None
        if toks[j].low in _PRONOUN_SUBJECTS:
            return Chunk(j, j + 1, "pronoun", en.PRONOUNS.get(toks[j].low))
        end = j + 1
        if toks[j].text == ",":  # a parenthesis before the verb: "Dujarric, commenting on the matter, said"
            opening = next((x for x in range(j - 1, max(lo - 1, j - 24), -1) if toks[x].text == ","), None)
            if opening is not None and toks[opening + 1].low.endswith("ing") and toks[opening + 1].text[:1].islower():
                j = opening
        if toks[j].text == ",":  # an apposition closes before the verb: "…, Jens Stoltenberg, has said"
            named = self._apposed_name(p, j, lo)
            if named is not None:
                return named
            end = j
            j -= 1
        while j >= lo and end - j <= MAX_SUBJECT_TOKENS:
            t = toks[j]
            if self._np_word(t):
                j -= 1
            elif t.text == "," and j - 1 >= lo and self._np_word(toks[j - 1]) and toks[j + 1].text[:1].isupper():
                j -= 1  # "the Russian mission’s head, Vassily Nebenzia"
            elif t.text == ")" and (o := next((x for x in range(j - 1, max(lo - 1, j - 8), -1) if toks[x].text == "("), None)):
                j = o - 1  # "Sen. David Perdue (R-Ga.)"
            elif t.low == "to" and j + 1 < end and toks[j + 1].low == "the" and j - 1 >= lo and self._np_word(toks[j - 1]):
                j -= 1  # "representative to the UN"
            else:
                break
        s = j + 1
        while s < end and (
            toks[s].low in ("of", ",")
            or (toks[s].text[:1].isupper() and toks[s].low in en.FUNCTION_WORDS and toks[s].low not in _DETERMINERS)
        ):
            s += 1
        if s >= end or not self._content(toks[s:end]):
            return None
        return Chunk(s, end)

    def _apposed_name(self, p: Para, comma: int, lo: int) -> Chunk | None:
        """ "Phil Smith, a spokesman for the United Mine Workers of America, said": the name before an apposition
        that opens with a determiner or a role, whatever the apposition holds."""
        toks = p.toks
        for x in range(comma - 2, max(lo, comma - 26), -1):
            if toks[x].text != ",":
                continue
            opener = toks[x + 1]
            if opener.low not in ("a", "an", "the") and base(opener.low) not in en.ROLES and not is_possessive(opener.text):
                continue
            e = x
            s = e
            while (
                s > lo and (toks[s - 1].text[:1].isupper() or _initial(toks, s - 1)) and toks[s - 1].low not in en.FUNCTION_WORDS
            ):
                s -= 1
            while s > lo and self._np_word(toks[s - 1]) and toks[s - 1].low not in ("of",):
                s -= 1
            if s < e and any(t.text[:1].isupper() for t in toks[s:e]):
                return Chunk(s, e)
            return None
        return None

    def coordinated_subject(self, p: Para, k: int, lo: int) -> Chunk | None:
        """ "host Vladimir Solovyov bizarrely raised his hand …, then stared at the camera and said:": the verb shares
        the subject the sentence opened with."""
        toks = p.toks
        if k - 1 < lo or toks[k - 1].low not in ("and", "then", "but"):
            return None
        for m in range(lo, k - 1):
            if toks[m].text[:1].isupper() and toks[m].low not in en.FUNCTION_WORDS and p.top[m] < 0:
                e = m
                while e < k and (toks[e].text[:1].isupper() or _initial(toks, e)) and p.top[e] < 0:
                    e += 1
                s = m
                while s > lo and self._np_word(toks[s - 1]) and not toks[s - 1].text[:1].isupper():
                    s -= 1
                return Chunk(s, e)
        return None

    def subject_after(self, p: Para, k: int, hi: int) -> Chunk | None:
        """The noun phrase after an inverted verb: "said Stoltenberg", "said the official", "said Dmitry Peskov, the
        Kremlin spokesman"."""
        toks = p.toks
        j = k + 1
        if j < hi and toks[j].low in _PRONOUN_SUBJECTS:
            return Chunk(j, j + 1, "pronoun", en.PRONOUNS.get(toks[j].low))
        e = j
        while e < hi and e - j < MAX_SUBJECT_TOKENS and (self._np_word(toks[e]) or _initial(toks, e)):
            e += 1
        if e == j or not self._content(toks[j:e]):
            return None
        return Chunk(j, e)

    # --- cues beside quotes ---------------------------------------------------------------------------------------
    def after_quote(self, p: Para, i: int, end: int) -> Cue | None:
        toks = p.toks
        if i < len(toks) and i >= 2 and toks[i - 2].text == "." and toks[i].text[:1].isupper():
            return None  # "“… dangerous.” He noted: …": a new sentence, whose cue is for what follows
        j = i
        while j < end and (toks[j].text in "," or toks[j].text in DASHES):
            j += 1
        if j >= end or p.top[j] >= 0:
            return None
        if self.verb_at(p, j) is not None:  # "…,” said Stoltenberg"
            subject = self.subject_after(p, j, end)
            return Cue((j, j + 1), subject, addressee=self._object(p, j, end) if subject is None else None)
        for m in range(j + 1, min(end, j + MAX_SUBJECT_TOKENS + 4)):
            if p.top[m] >= 0 or toks[m].text in ".!?;":
                break
            v = self.verb_at(p, m)
            if v is None:
                continue
            subject = self.subject_before(p, m, j)
            if subject is not None and subject.a == j:
                if m + 1 < end and toks[m + 1].text == ":":
                    return None  # "He noted: “…”": the cue of the next quote
                return Cue((m, m + 1), subject, addressee=self._object(p, m, end))
            break
        qa = i - 1
        while qa > 0 and p.top[qa - 1] == p.top[i - 1]:
            qa -= 1
        if sum(1 for t in toks[qa : i - 1] if t.is_word) < 4:
            return None  # a short quote before the predicate is part of reported speech: "“Many signs” show …"
        return self._closing_cue(p, i, end)

    def _closing_cue(self, p: Para, i: int, end: int) -> Cue | None:
        """ "“At least 315,000 …” since Russia launched …, Austin said.": a cue at the end of the sentence the quote
        opens, after a comma, with nothing but time words after it."""
        toks = p.toks
        for m in range(i + 1, end):
            if p.top[m] >= 0:
                return None
            if toks[m - 1].text != ",":
                continue
            for k in range(m, min(end, m + MAX_SUBJECT_TOKENS)):
                if toks[k].text in ",.;" and k > m:
                    break
                v = self.verb_at(p, k)
                if v is None:
                    continue
                subject = self.subject_before(p, k, m) if k > m else self.subject_after(p, k, end)
                if subject is None or (k > m and subject.a != m):
                    break
                rest = [t for t in toks[max(k + 1, subject.b) : end] if t.is_word]
                tail_ok = all(t.low in _TAIL_WORDS or t.text[:1].isupper() for t in rest[:MAX_TAIL])
                after = toks[max(k + 1, subject.b)] if max(k + 1, subject.b) < end else None
                if (tail_ok and len(rest) <= MAX_TAIL) or (after is not None and after.text == ","):
                    return Cue((k, k + 1), subject)
                break
        return None

    def before_quote(self, p: Para, o: int, start: int) -> Cue | None:
        toks = p.toks
        j = o - 1
        if j < start:
            return None
        if toks[j].text in ":,":
            j -= 1
        for m in range(j, max(start - 1, j - 6), -1):
            if p.top[m] >= 0 and m < j:
                break
            v = self.verb_at(p, m) if p.top[m] < 0 else None
            if v is None or ("direct" not in v.frames and "clause" not in v.frames):
                continue
            if any(t.low == "that" for t in toks[m + 1 : o]):
                return None  # "said that “…”" is reported speech with quoted words: a mixed quote
            if toks[o - 1].text not in ":," and self._runs_on(p, o):
                return None  # "Sunak said “nothing is off the table” when it comes to …": a mixed quote
            subject = self.subject_before(p, m, start) or self.coordinated_subject(p, m, start) or self.subject_after(p, m, o)
            return Cue((m, m + 1), subject, addressee=self._object(p, m, o))
        return None

    def _runs_on(self, p: Para, o: int) -> bool:
        """Whether the sentence goes on with words of its own after the quote that opens at token ``o``."""
        qi = p.top[o]
        k = o
        while k < len(p.toks) and p.top[k] == qi:
            k += 1
        for a, b in p.sents:
            if a <= o < b:
                return sum(1 for t in p.toks[k:b] if t.is_word) >= 3
        return False

    def _object(self, p: Para, k: int, hi: int) -> Chunk | None:
        """Whom the words were said to: "told reporters", "told Russian media", "told the BBC"."""
        v = en.verb(p.toks[k].low)
        if v is None or "object" not in v.frames:
            return None
        j = k + 1
        e = j
        while e < hi and e - j < 6 and (self._np_word(p.toks[e]) or p.toks[e].low in _OBJECTS or p.toks[e].low == "media"):
            e += 1
        if e > j and p.toks[e - 1].low not in _DETERMINERS:
            return Chunk(j, e)
        return None

    # --- reported speech ------------------------------------------------------------------------------------------
    def reported(self, p: Para, a: int, b: int, outside: Sequence[bool]) -> list[Reported]:
        toks = p.toks
        out: list[Reported] = []
        taken = -1
        out.extend(self._according(p, a, b, outside))
        for k in range(a, b):
            if not outside[k] or k <= taken:
                continue
            v = self.verb_at(p, k)
            if v is None or "clause" not in v.frames:
                continue
            inherit = k > a and toks[k - 1].text == "," and toks[k].low.endswith("ing")  # "…, adding that …"
            subject = None if inherit else self.subject_before(p, k, a)
            inverted = None
            if subject is None and not inherit:
                inverted = self.subject_after(p, k, b)
            tail = self._preposed(p, a, b, k, subject or inverted, outside)
            if tail is not None:
                out.append(Reported(a, tail, Cue((k, k + 1), subject or inverted)))
                taken = b
                continue
            if subject is None and not inherit:
                continue
            start = self._clause_start(p, k, b, v)
            if start is None:
                continue
            stop = self._clause_stop(p, start, b, outside)
            out.append(Reported(start, stop, Cue((k, k + 1), subject, self._object(p, k, b), inherit=inherit)))
            taken = stop
        return out

    def _clause_start(self, p: Para, k: int, b: int, v: en.Verb) -> int | None:
        """Where the reported clause after a verb starts: at its "that", or at a clause opener after the words that
        belong to the cue ("told reporters on Tuesday in a statement")."""
        toks = p.toks
        j = k + 1
        if "object" in v.frames:
            obj = self._object(p, k, b)
            if obj is not None:
                j = obj.b
        that = next((x for x in range(j, min(b, j + MAX_GAP_TO_CLAUSE + 1)) if toks[x].low == "that"), None)
        if that is not None and all(
            toks[x].is_word and p.top[x] < 0 and self.verb_at(p, x) is None and toks[x].low not in _FINITE for x in range(j, that)
        ):
            return that  # "told journalists en route to the Ukraine meeting that …" (not "said officials are … that")
        after = self._skip_adjuncts(p, j, b)
        if after is None or after >= b:
            return None
        j = after
        t = toks[j]
        if t.text in QUOTE_MARKS and p.top[j] >= 0:
            return j  # "said “…” …": words quoted in a reported clause
        if t.low in en.SUBORDINATORS or t.low in en.RELATIVE or t.low in _NOT_OPENERS or not (t.is_word or t.text[:1] == "$"):
            return None
        if self.verb_at(p, j) is not None or b - j < 4:
            return None
        return j

    def _skip_adjuncts(self, p: Para, j: int, b: int) -> int | None:
        """Past what belongs to the cue before its clause: time words ("on Tuesday", "yesterday"), a medium or an
        occasion ("in a statement", "at a press conference in Kyiv", "on Telegram"), an adverb."""
        toks = p.toks
        start = j
        while j < b and j - start < MAX_GAP_TO_CLAUSE:
            t = toks[j]
            if t.low in _BARE_TIME or _adverb(t):
                j += 1
            elif t.low in _ADJUNCT_PREPOSITIONS and j + 1 < b:
                k = j + 1
                while k < b and k - j <= 6 and (self._np_word(toks[k]) or toks[k].low in _TAIL_WORDS) and toks[k].low != "that":
                    k += 1
                if k == j + 1:
                    return j
                j = k
            elif t.text == ",":
                return None  # "said, …": the clause is elsewhere
            else:
                return j
        return j if j - start < MAX_GAP_TO_CLAUSE else None

    def _clause_stop(self, p: Para, start: int, b: int, outside: Sequence[bool]) -> int:
        """Where a reported clause ends: the sentence's end, or before a tail that attributes it again (", according
        to Reuters", ", he said") or a second cue (", adding that …")."""
        toks = p.toks
        for j in range(start + 1, b):
            if toks[j].text == ";" and outside[j]:
                return j
            if toks[j].text != "," or not outside[j]:
                continue
            nxt = toks[j + 1 : j + 4]
            words = " ".join(t.low for t in nxt)
            if words.startswith(("according to", "adding", "noting", "saying", "he said", "she said", "they said")):
                return j
            if nxt and nxt[0].low in ("and", "but") and len(nxt) > 1 and self.verb_at(p, j + 2) is not None:
                return j
        return b

    def _preposed(self, p: Para, a: int, b: int, k: int, subject: Chunk | None, outside: Sequence[bool]) -> int | None:
        """ "Russia will respond, Peskov said.": words before a comma and a cue that ends the sentence. Returns the
        comma's token, or None."""
        if subject is None:
            return None
        toks = p.toks
        first = min(subject.a, k)
        last = max(subject.b, k + 1)
        if first - 1 <= a or toks[first - 1].text != ",":
            return None
        if last < b and toks[last].text == "," and last + 1 < b and toks[last + 1].low in ("a", "an", "the"):
            last = b  # "…, said Jeffrey N. Trimble, a senior official with the board that oversees them."
        rest = [t for t in toks[last:b] if t.is_word]
        if len(rest) > MAX_TAIL or any(t.low not in _TAIL_WORDS and not t.text[:1].isupper() for t in rest):
            return None
        quoted = [x for x in range(a, first - 1) if not outside[x] and toks[x].is_word]
        if len(quoted) >= 4:
            return None  # a direct quote before the cue: found as one
        words = sum(1 for t in toks[a : first - 1] if t.is_word)
        return first - 1 if words >= 4 else None

    def _according(self, p: Para, a: int, b: int, outside: Sequence[bool]) -> list[Reported]:
        """ "According to X, …" and "…, according to X." — when the sentence has no other cue for it."""
        toks = p.toks
        out = []
        if (
            b - a > 4
            and toks[a].low == "in"
            and toks[a + 1].low in en.POSSESSIVES
            and toks[a + 2].low in ("opinion", "view", "words")
            and toks[a + 3].text == ","
        ):  # "In his opinion, Ukraine has enough time …"
            out.append(Reported(a + 4, b, Cue((a, a + 3), Chunk(a + 1, a + 2, "pronoun", en.POSSESSIVES[toks[a + 1].low]))))
        for k in range(a, b - 2):
            if not (outside[k] and toks[k].low == "according" and toks[k + 1].low == "to"):
                continue
            subject = self.subject_after(p, k + 1, b)
            if subject is None:
                continue
            if k == a or (k == a + 1 and not toks[a].is_word):
                comma = next((j for j in range(subject.b, b) if toks[j].text == ","), None)
                if comma is not None and comma == subject.b:
                    out.append(Reported(comma + 1, b, Cue((k, k + 2), subject)))
            elif (
                toks[k - 1].text == ","
                and subject.b >= b - 1
                and all(outside[x] for x in range(a, k))
                and not any(self.verb_at(p, x) for x in range(a, k - 1))
            ):
                out.append(Reported(a, k - 1, Cue((k, k + 2), subject)))
        return out


def _adverb(t: Token) -> bool:
    return t.low.endswith("ly") and t.text[:1].islower() and len(t.low) > 4


def _initial(toks: Sequence[Token], e: int) -> bool:
    return toks[e].text == "." and e > 0 and len(toks[e - 1].text) == 1 and toks[e - 1].text.isupper()


GRAMMAR = English()

__all__ = ["GRAMMAR", "English"]
