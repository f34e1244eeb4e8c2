"""Mentions in English text: names in runs of capitalised words, split from the titles before them ("Ukrainian
Foreign Minister Dmitry Kuleba" is the name "Dmitry Kuleba" with the role "foreign minister" of Ukraine), typed by
the registry, the first-name lists, the heads of bodies ("Defense Ministry", "Security Council") and the places of
the gazetteer (``newsprism.lang.en.names``); role nouns that stand for a person ("the Kremlin spokesman",
"Ukraine's foreign minister")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from newsprism.lang.en import lexicon as en
from newsprism.lang.en.names import capital_runs, classify, is_cap, is_title_word, opens_sentence, split_title
from newsprism.lang.en.tokens import base, is_possessive, tokenize
from newsprism.lang.tokens import Token
from newsprism.pipeline.entities.mentions import Mention
from newsprism.registry.actors import ActorRegistry


def sentence_mentions(
    text: str,
    start: int,
    end: int,
    gazetteer: Callable[[str], str | None],
    registry: ActorRegistry,
    sentence: int = 0,
) -> list[Mention]:
    """The mentions of one English sentence ``text[start:end]``."""
    toks = tokenize(text, start, end)
    out: list[Mention] = []
    taken = [False] * len(toks)
    for a, b in capital_runs(toks):
        k, title, of = split_title(toks, a, b, registry)
        words = [base(t.text) for t in toks[k:b]]
        if all(is_title_word(t, registry) for t in toks[k:b]):
            continue  # a title with no name: "the U.N. Secretary-General" is a role
        titled = any(base(t.text).lower() not in en.DEMONYMS for t in toks[a:k])  # a nationality alone is no title
        typ = classify(words, titled, opens_sentence(toks, a) and k == a, gazetteer, registry)
        if typ is None:
            continue
        body = toks[a] if k > a and registry.by_name(base(toks[a].text)) else None
        if body is not None and not is_title_word(toks[a], registry):  # "NATO" of "NATO Secretary-General …"
            out.append(_mention(text, toks, a, a + 1, gazetteer(base(toks[a].text)) or "ORG", sentence))
        m = _mention(text, toks, k, b, typ, sentence)
        if k > a:
            m.title, m.of = title, of
        out.append(m)
        for x in range(a, b):
            taken[x] = True
    out.extend(_role_mentions(text, toks, taken, registry, sentence))
    return sorted(out, key=lambda m: m.start)


def _mention(text: str, toks: Sequence[Token], s: int, e: int, typ: str, sentence: int) -> Mention:
    end = toks[e - 1].start + len(base(toks[e - 1].text))  # "Russia’s" names Russia: the span ends before "’s"
    return Mention(
        start=toks[s].start,
        end=end,
        type=typ,
        kind="name",
        text=text[toks[s].start : end],
        name=text[toks[s].start : end],
        sentence=sentence,
        token=s,
        follows=toks[s - 1].low if s > 0 else "",
        precedes=toks[e].low if e < len(toks) else "",
        after=" ".join(t.low for t in toks[e : e + 6]),
    )


def _role_mentions(text: str, toks: Sequence[Token], taken: list[bool], registry: ActorRegistry, sentence: int) -> list[Mention]:
    """ "the president", "the Kremlin spokesman", "Ukraine’s foreign minister": a role that stands for a person."""
    out = []
    for i, t in enumerate(toks):
        if t.low not in ("the", "a") and not is_possessive(t.text):
            continue
        j = i + 1
        of = None
        if is_possessive(t.text):
            owner = registry.by_name(base(t.text))
            of = owner[0].id if owner else None
            j = i + 1
        elif j < len(toks) and toks[j].text[:1].isupper() and registry.by_name(base(toks[j].text)) and not taken[j]:
            of = registry.by_name(base(toks[j].text))[0].id  # "the Kremlin spokesman"
            j += 1
        elif j < len(toks) and en.DEMONYMS.get(toks[j].low):
            of = en.DEMONYMS[toks[j].low]
            j += 1
        for n in (2, 1):
            phrase = " ".join(x.low for x in toks[j : j + n])
            title = en.ROLES.get(phrase)
            if title and len(toks[j : j + n]) == n and not any(taken[j : j + n]):
                nxt = toks[j + n] if j + n < len(toks) else None
                if nxt is not None and nxt.text[:1].isupper() and not nxt.text.isupper():
                    break  # a name follows: "the foreign minister Dmitry Kuleba" is a title and a name
                start = toks[i + 1].start if is_possessive(t.text) and of is None else t.start
                m = Mention(
                    start=start,
                    end=toks[j + n - 1].end,
                    type="PER",
                    kind="role",
                    text=text[start : toks[j + n - 1].end],
                    name=text[start : toks[j + n - 1].end],
                    title=title,
                    of=of,
                    sentence=sentence,
                    token=i,
                    follows=toks[i - 1].low if i > 0 else "",
                    precedes=nxt.low if nxt else "",
                )
                out.append(m)
                break
    return out


def repeated_surnames(text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[Mention]) -> list[Mention]:
    """The surname of a person the article names in full, wherever it stands alone ("Stoltenberg said"), though the
    dictionary knows it ("Brown", "Austin")."""
    surnames = {}
    for m in mentions:
        words = m.name.split()
        if m.type == "PER" and m.kind == "name" and len(words) >= 2 and words[-1][:1].isupper():
            surnames[words[-1]] = m.name
    if not surnames:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    for n, (a, b) in enumerate(sentences):
        toks = tokenize(text, a, b)
        for i, t in enumerate(toks):
            w = base(t.text)
            if w not in surnames or any(x < t.end and t.start < y for x, y in taken):
                continue
            if i + 1 < len(toks) and is_cap(toks[i + 1]) and toks[i + 1].low not in en.FUNCTION_WORDS:
                continue  # part of a longer name
            out.append(_mention(text, toks, i, i + 1, "PER", n))
    return out


__all__ = ["repeated_surnames", "sentence_mentions"]
