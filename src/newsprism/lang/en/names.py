"""English names in runs of capitalised words: where a run's title ends and its name starts ("Ukrainian Foreign
Minister Dmitry Kuleba"), and what kind of name it is — shared by the entity and the quote stages.

English capitalises words that are not names — a sentence's first word ("But", "Look"), titles, weekdays,
nationalities —, so a word the English dictionary knows is a name only when something vouches for it: the
registry, a first name before it, a title, or a run of several capitalised words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import simplemma

from newsprism.lang.en import lexicon as en
from newsprism.lang.en.tokens import base, is_possessive
from newsprism.lang.names import first_name_gender, is_first_name, is_surname
from newsprism.lang.tokens import QUOTE_MARKS, Token
from newsprism.registry.actors import ActorRegistry

OPENERS = QUOTE_MARKS | {"(", "[", "—", "–", "-", ":", ";"}


@lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """A word of the English dictionary (simplemma's), in any case."""
    return bool(simplemma.is_known(word.lower(), lang="en"))


def is_cap(t: Token) -> bool:
    w = t.text
    return w[:1].isupper() and (w[:1].isalpha() or w[:1] == "$") and w.lower() not in en.NOT_NAMES


def opens_sentence(toks: Sequence[Token], i: int) -> bool:
    return i == 0 or toks[i - 1].text in OPENERS or toks[i - 1].text in ".!?"


def capital_runs(toks: Sequence[Token]) -> list[tuple[int, int]]:
    """Runs [a, b) of capitalised tokens, with connectors inside ("Ministry of Defence", "Charles de Gaulle"); a
    possessive ends a run ("Russia’s"), a sentence's opening function word is not part of one ("But Russia")."""
    out = []
    i, n = 0, len(toks)
    while i < n:
        if not is_cap(toks[i]) or (toks[i].low in en.FUNCTION_WORDS and not toks[i].text.isupper()):
            i += 1
            continue
        j = i + 1
        if not is_possessive(toks[i].text):
            while j < n:
                t = toks[j]
                if is_cap(t) and t.low not in en.FUNCTION_WORDS:
                    j += 1
                    if is_possessive(t.text):
                        break
                elif t.text == "." and len(toks[j - 1].text) == 1 and j + 1 < n and is_cap(toks[j + 1]):
                    j += 1  # an initial: "Charles Q. Brown"
                elif (
                    t.text in QUOTE_MARKS
                    and j + 3 < n
                    and is_cap(toks[j + 1])
                    and toks[j + 2].text in QUOTE_MARKS
                    and is_cap(toks[j + 3])
                ):
                    j += 3  # a nickname: Charles “CQ” Brown
                elif t.low in en.NAME_CONNECTORS and j + 1 < n and is_cap(toks[j + 1]):
                    j += 1
                elif t.low == "the" and toks[j - 1].low == "of" and j + 1 < n and is_cap(toks[j + 1]):
                    j += 1  # "Office of the President"
                else:
                    break
        while j > i + 1 and toks[j - 1].low in en.NAME_CONNECTORS | {".", "the"}:
            j -= 1
        out.append((i, j))
        i = j
    return out


def is_title_word(t: Token, registry: ActorRegistry) -> bool:
    w = base(t.text).lower()
    return w in en.TITLE_WORDS or w in en.DEMONYMS or w in en.ROLES


def split_title(toks: Sequence[Token], a: int, b: int, registry: ActorRegistry) -> tuple[int, str | None, str | None]:
    """Where the name of run [a, b) starts after its title, and the title's registry role and country:
    "Ukrainian Foreign Minister Dmitry Kuleba" → (index of "Dmitry", "foreign_minister", "ua")."""
    k = a
    while k < b - 1 and (is_title_word(toks[k], registry) or _body_before_title(toks, k, b, registry)):
        k += 1
    while k < b - 1 and toks[k].low in en.NAME_CONNECTORS | {"the"}:  # "Secretary of State"
        k += 1
        while k < b - 1 and is_title_word(toks[k], registry):
            k += 1
    if k == a:
        return a, None, None
    words = " ".join(base(t.text).lower() for t in toks[a:k])
    title = None
    for phrase in sorted(en.ROLES, key=len, reverse=True):
        if phrase in words and en.ROLES[phrase]:
            title = en.ROLES[phrase]
            break
    of = next((en.DEMONYMS[t.low] for t in toks[a:k] if en.DEMONYMS.get(t.low)), None)
    if of is None:
        for t in toks[a:k]:
            hits = [x for x in registry.by_name(base(t.text)) if x.type in ("LOC", "ORG")]
            if hits:
                of = hits[0].id
                break
    return k, title, of


def _body_before_title(toks: Sequence[Token], k: int, b: int, registry: ActorRegistry) -> bool:
    """ "NATO Secretary-General …", "Kremlin …", "UN …": a body's name right before a title word."""
    return k + 1 < b and is_title_word(toks[k + 1], registry) and bool(registry.by_name(base(toks[k].text)))


def classify(
    words: Sequence[str], titled: bool, sentence_start: bool, gazetteer: Callable[[str], str | None], registry: ActorRegistry
) -> str | None:
    """The type of a name (PER, ORG, LOC, MISC), or None when the words are no name."""
    name = " ".join(words)
    hit = gazetteer(name)
    from_registry = bool(registry.by_name(name))
    last = base(words[-1]).lower()
    if from_registry and hit:
        return hit
    if titled:
        return "PER" if last not in en.ORG_HEADS else "ORG"
    if last in en.ORG_HEADS or words[0].lower() in en.ORG_HEADS:
        return "ORG"
    if len(words) == 1:
        w = base(words[0])
        if w.isupper() and 2 <= len(w) <= 6 and w.isalpha() and (hit or not known_word(w)):
            return hit or "ORG"  # an acronym: "IAEA", "DANS", "FSB" (not a shouted word: "KNOW", "NO")
        if known_word(w) or sentence_start:
            return None
        if hit == "LOC":
            return "LOC"
        return "PER" if is_surname(w) or is_first_name(w) else None
    first, surname = base(words[0]), base(words[-1])
    if (is_first_name(first) or first_name_gender(first)) and (is_surname(surname) or not known_word(surname)):
        return "PER"
    if hit == "LOC" and not all(known_word(w) for w in words):
        return "LOC"
    if not any(known_word(base(w)) for w in words):
        return "PER" if len(words) <= 3 else "ORG"
    return None


__all__ = ["capital_runs", "classify", "is_cap", "is_title_word", "known_word", "opens_sentence", "split_title"]
