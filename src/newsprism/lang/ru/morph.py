"""Russian morphology for names, role nouns and speech verbs, by pymorphy3 and its OpenCorpora dictionaries.

Russian inflects what newsprism links: "Пескова", "Пескову" and "Песков" are one man, "Венгрии" is Hungary,
"заявила" says its speaker is a woman. The analyzer is loaded once, on first use (about 0.1 s), and every word's
analyses are cached: news repeats its names.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pymorphy3.analyzer import Parse

_NAME_TAGS = ("Name", "Surn", "Patr")


@cache
def analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def parses(word: str) -> tuple[Parse, ...]:
    """pymorphy3's analyses of a word, the likeliest first; none for a word pymorphy3 cannot read (a letter that
    this Python's Unicode database has no name for makes its shape check raise ValueError)."""
    try:
        return tuple(analyzer().parse(word))
    except ValueError:
        return ()


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """The dictionary form of the likeliest analysis, in lower case ("заявила" → "заявить")."""
    ps = parses(word)
    return str(ps[0].normal_form) if ps else word.lower()


@lru_cache(maxsize=100_000)
def is_known(word: str) -> bool:
    """Whether the dictionary knows the word (not guessed from its ending)."""
    return bool(analyzer().word_is_known(word))


def _has(p: Parse, *grammemes: str) -> bool:
    return any(g in p.tag for g in grammemes)


@lru_cache(maxsize=100_000)
def kind(word: str) -> str | None:
    """What a capitalised word is, by its analyses: "name" (a first name, surname or patronymic), "place" (Geox),
    "org" (Orgn, an abbreviation), or None."""
    ps = parses(word)
    if not ps:
        return None
    best = ps[0].score
    for p in ps:
        if p.score < best * 0.3:
            break
        if _has(p, *_NAME_TAGS):
            return "name"
        if _has(p, "Geox"):
            return "place"
        if _has(p, "Orgn", "Abbr"):
            return "org"
    return None


@lru_cache(maxsize=100_000)
def may_be_name(word: str) -> bool:
    """Whether any analysis of the word is a first name or a surname ("Песков" is also the genitive of sand)."""
    return any(_has(p, "Name", "Surn") for p in parses(word))


@lru_cache(maxsize=100_000)
def gender(word: str) -> str | None:
    """m or f for a first name, or a surname whose analyses all agree (Захаровой), None when the word does not say
    ("Захарова" is a woman in the nominative or a man in the genitive)."""
    for p in parses(word):
        if _has(p, "Name", "Patr"):
            return "f" if "femn" in p.tag else "m" if "masc" in p.tag else None
    found = {("f" if "femn" in p.tag else "m" if "masc" in p.tag else "?") for p in parses(word) if _has(p, "Surn")}
    return found.pop() if len(found) == 1 and "?" not in found else None


@lru_cache(maxsize=100_000)
def verb(word: str) -> tuple[str, str | None] | None:
    """(lemma, gender of the subject it agrees with: m, f, p, n or None) of a finite verb or a short participle
    ("заявила" → ("заявить", "f"), "считает" → ("считать", None), "сказано" → ("сказать", "n"))."""
    for p in parses(word):
        if p.tag.POS in ("VERB", "PRTS"):
            g = None
            if "plur" in p.tag:
                g = "p"
            elif "femn" in p.tag:
                g = "f"
            elif "masc" in p.tag:
                g = "m"
            elif "neut" in p.tag:
                g = "n"
            return str(p.normal_form), g
    return None


def _restore_case(model: str, word: str) -> str:
    """``word`` written as ``model`` is: МИД stays in capitals, "Орбана" → "Орбан", "Санкт-Петербурга"."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    parts = word.split("-")
    src = model.split("-")
    out = []
    for k, part in enumerate(parts):
        m = src[k] if k < len(src) else src[-1]
        out.append(part[:1].upper() + part[1:] if m[:1].isupper() else part)
    return "-".join(out)


def _case_of(words: list[str]) -> str | None:
    """The grammatical case a name of several words stands in, told by its first name (the surest analysis)."""
    for w in words:
        for p in parses(w):
            if _has(p, "Name", "Patr") and p.tag.case:
                return str(p.tag.case)
    for w in words:
        for p in parses(w):
            if _has(p, "Surn") and p.tag.case:
                return str(p.tag.case)
    return None


_ENDINGS = {"gent": ("а", "я"), "accs": ("а", "я"), "datv": ("у", "ю"), "ablt": ("ом", "ем"), "loct": ("е",)}
_VOWELS = frozenset("аеёиоуыэюя")


def _strip_ending(word: str, case: str | None) -> str:
    """A foreign surname the dictionary does not know, in an oblique case: "Шольца" → "Шольц", "Макрону" →
    "Макрон"; indeclinable ones stay ("Раиси", "Фицо")."""
    for end in _ENDINGS.get(case or "", ()):
        stem = word[: -len(end)]
        if word.lower().endswith(end) and len(stem) >= 3 and stem[-1].lower() not in _VOWELS:
            return stem
    return word


def _nominative_word(word: str, case: str | None, sex: str | None, person: bool, head_gender: str | None = None) -> str:
    if word.isupper() and len(word) > 1:
        return word  # an abbreviation: МИД, НАТО, ВСУ
    ps = parses(word)
    if person and not any(_has(p, *_NAME_TAGS) for p in ps):
        if case is None:
            nouns = [p for p in ps if p.tag.POS == "NOUN"]
            case = str(nouns[0].tag.case) if nouns and nouns[0].tag.case else None
        return _strip_ending(word, case) if case not in (None, "nomn") else word
    fits = [
        p
        for p in ps
        if (case is None or p.tag.case == case)
        and (not person or _has(p, *_NAME_TAGS))
        and (sex is None or not person or "ms-f" in p.tag or (("femn" in p.tag) == (sex == "f")))
        and p.tag.POS in ("NOUN", "ADJF")
    ]
    if not fits:
        return word
    p = fits[0]
    if ("nomn" in p.tag and "sing" in p.tag) or "Fixd" in p.tag:
        return word
    wanted = {"nomn", "sing"} if "plur" not in p.tag or person else {"nomn"}
    if person and sex in ("m", "f") and "ms-f" not in p.tag:
        wanted.add("femn" if sex == "f" else "masc")
    if not person and p.tag.POS == "ADJF" and head_gender:
        wanted.add(head_gender)
    form = p.inflect(wanted) or p.inflect({"nomn"})
    return _restore_case(word, str(form.word)) if form is not None else word


@lru_cache(maxsize=100_000)
def nominative(name: str, typ: str = "PER") -> str:
    """A name in the nominative, as it is listed: "Виктора Орбана" → "Виктор Орбан", "Марии Захаровой" → "Мария
    Захарова", "Венгрии" → "Венгрия", "Финансового университета" → "Финансовый университет". For a body or a
    place, only the words up to its head noun inflect ("Офиса Зеленского" → "Офис Зеленского")."""
    words = name.split()
    if not words or not any("\u0400" <= c <= "\u04ff" for c in name):
        return name
    person = typ == "PER"
    if person:
        case = _case_of(words)
        sex = next((g for w in words if (g := gender(w)) is not None and any(_has(p, "Name") for p in parses(w))), None)
        return " ".join(_nominative_word(w, case, sex, True) for w in words)
    out = []
    first = parses(words[0])
    case = str(first[0].tag.case) if first and first[0].tag.case else None
    head = next((p for w in words for p in parses(w)[:1] if p.tag.POS == "NOUN"), None)
    head_gender = next((g for g in ("masc", "femn", "neut") if head is not None and g in head.tag), None)
    for k, w in enumerate(words):
        ps = parses(w)
        out.append(_nominative_word(w, case, None, False, head_gender))
        if ps and ps[0].tag.POS == "NOUN":
            out.extend(words[k + 1 :])  # the head noun: what follows depends on it and keeps its case
            break
    return " ".join(out)


@lru_cache(maxsize=100_000)
def surname_key(name: str) -> str:
    """What a person is known by whatever the form of the surname: its lemma ("Орбана", "Орбан" → "орбан";
    "Захарова", "Захаровой" → "захаров")."""
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return name.lower()
    last = words[-1]
    ps = parses(last)
    for p in ps:
        if _has(p, "Surn", "Name"):
            return str(p.normal_form).replace("ё", "е")
    nouns = [p for p in ps if p.tag.POS == "NOUN"]
    case = str(nouns[0].tag.case) if nouns and nouns[0].tag.case else None
    return _strip_ending(last, case).lower().replace("ё", "е")


__all__ = ["analyzer", "gender", "is_known", "kind", "lemma", "may_be_name", "nominative", "parses", "surname_key", "verb"]
