"""German relative dates: "am Dienstag", "gestern", "vergangene Woche", "Anfang März", "vor zwei Jahren",
"in den 1990er Jahren", "im Sommer 2024", "im Jahr 2014" — the patterns and the words that give them a value."""

from __future__ import annotations

import re

from newsprism.lang.dates import DateRules, compile_patterns
from newsprism.timex import MONTH_BY_NAME

_WEEKDAY_DE = "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag".split()
_WD = "(?:" + "|".join(_WEEKDAY_DE) + ")"
_PARTS_OF_DAY = "(?:morgen|vormittag|mittag|nachmittag|abend|nacht)"
_MONTHS_DE = sorted(
    (m for m in MONTH_BY_NAME if (len(m) > 3 and m.isascii()) or m in ("märz", "mai", "jänner")), key=len, reverse=True
)
_MON = "(?:" + "|".join(_MONTHS_DE) + ")"
_NUM_WORDS = {
    "einem": 1, "einer": 1, "einen": 1, "ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30,
}  # fmt: skip
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
_SEASONS = {"frühjahr": "SP", "frühling": "SP", "sommer": "SU", "herbst": "FA", "winter": "WI"}  # TIMEX codes
_DECADE_WORDS = {"zwanziger": 2, "dreißiger": 3, "vierziger": 4, "fünfziger": 5, "sechziger": 6, "siebziger": 7, "achtziger": 8, "neunziger": 9}  # fmt: skip

_RELATIVE = [
    # "am Dienstag", "am vergangenen Dienstag", "Dienstagabend", "am kommenden Montag"
    (
        "weekday",
        rf"\b(?:am|seit|bis|ab|vom|zum)\s+(?:(?P<dir>vergangenen|letzten|vorigen|kommenden|nächsten|darauffolgenden)\s+)?(?P<wd>{_WD})(?:{_PARTS_OF_DAY})?\b",
    ),
    ("weekday", rf"\b(?P<wd>{_WD})(?:{_PARTS_OF_DAY})\b"),
    ("weekday", rf"\b(?P<dir>vergangenen|letzten|vorigen|kommenden|nächsten)\s+(?P<wd>{_WD})\b"),
    # "gestern", "vorgestern", "heute" (not "heute Morgen": that is still today), "morgen" only before a time word
    (
        "day_word",
        r"\b(?P<w>vorgestern|gestern|heute|übermorgen)(?:\s*(?:früh|morgen|vormittag|mittag|nachmittag|abend|nacht))?\b",
    ),
    ("day_word", r"\b(?P<w>morgen)\s+(?:früh|vormittag|mittag|nachmittag|abend)\b"),
    # "vergangene Woche", "in der vergangenen Woche", "diese Woche", "nächste Woche"
    (
        "week",
        r"\b(?:(?:in\s+)?der\s+|diese[rn]?\s+|)(?P<dir>vergangenen?|letzten?|vorigen?|diese[rn]?|kommenden?|nächsten?|laufenden?)\s+Woche\b",
    ),
    ("week", r"\b(?P<dir>Anfang|Mitte|Ende)\s+der\s+(?P<dir2>Woche|vergangenen\s+Woche|kommenden\s+Woche)\b"),
    # "vergangenen Monat", "im kommenden Monat"
    ("month_rel", r"\b(?:im\s+)?(?P<dir>vergangenen|letzten|vorigen|diesen|kommenden|nächsten|laufenden)\s+Monat\b"),
    # "Anfang März", "Mitte Februar 2024", "Ende des Monats"
    ("month_part", rf"\b(?P<part>Anfang|Mitte|Ende)\s+(?P<mon>{_MON})(?:\s+(?P<y>(?:19|20)\d\d))?\b"),
    # "im März", "seit Juli", "bis Dezember" (without a day)
    ("month", rf"\b(?:im|seit|bis|ab|Anfang|Mitte|Ende|vom|zum)\s+(?P<mon>{_MON})(?!\s+(?:19|20)\d\d)\b"),
    # "im vergangenen Jahr", "letztes Jahr", "im Vorjahr", "dieses Jahr", "nächstes Jahr"
    ("year_rel", r"\b(?:im\s+)?(?P<dir>vergangenen|letzten|vorigen|diesem|kommenden|nächsten|laufenden)\s+Jahr\b"),
    ("year_rel", r"\b(?P<dir>letztes|vergangenes|dieses|nächstes|kommendes|voriges)\s+Jahr\b"),
    ("year_rel", r"\b(?:im\s+)?(?P<dir>Vorjahr)\b"),
    # "vor zwei Jahren", "vor drei Wochen", "vor fünf Tagen", "vor einem Monat"
    ("ago", rf"\b[vV]or\s+(?P<n>{_NUM})\s+(?P<unit>Jahren|Monaten|Wochen|Tagen|Jahr|Monat|Woche|Tag)\b"),
    ("in", rf"\b(?:in|binnen|innerhalb\s+von)\s+(?P<n>{_NUM})\s+(?P<unit>Jahren|Monaten|Wochen|Tagen)\b"),
    # "in den 1990er Jahren", "in den 90er-Jahren", "in den Neunzigerjahren"
    (
        "decade",
        r"\b(?:in\s+den|der|die|seit\s+den|Anfang\s+der|Mitte\s+der|Ende\s+der)\s+(?P<dec>(?:19|20)?\d0)er[\s-]?Jahre[n]?\b",
    ),
    (
        "decade_word",
        r"\b(?:in\s+den|der|die|seit\s+den)\s+(?P<decw>zwanziger|dreißiger|vierziger|fünfziger|sechziger|siebziger|achtziger|neunziger)[\s-]?Jahre[n]?\b",
    ),
    # "im Sommer 2024", "Frühjahr 1945"
    ("season", r"\b(?:im\s+)?(?P<season>Frühjahr|Frühling|Sommer|Herbst|Winter)(?:e?s)?\s+(?P<y>1\d\d\d|20\d\d)(?!\d)(?![.,]\d)"),
    # "im Jahr 2014", "seit 2022", "bis 2030", "Ende 1941", "(2019)"
    (
        "year",
        r"\b(?:(?:das|im)\s+Jahre?|seit|bis|ab|Anfang|Mitte|Ende|Jahres|Jahrgangs?|Kriegsjahr(?:es)?|bis\s+zum\s+Jahr|(?:Anfang|Mitte|Ende)\s+des\s+Jahres)\s+(?P<y>1\d\d\d|20\d\d)(?!\d)(?![.,]\d)(?!\s*(?:Euro|Dollar|Soldaten|Menschen|Kilometer|Meter|Mal|Prozent|%|km\b|kg\b))",
    ),
    # a bare year: "Polen 1939", "1940/1941", "(1890–1970)"; not a count ("1500 Soldaten", "2000 km", "1.800")
    (
        "year",
        r"(?<![\w.,:€$])(?P<y>1[89]\d\d|20\d\d)(?!\d)(?![.,:]\d)(?![ \t]*(?-i:[A-ZÄÖÜ]|%|€|\$|km\b|m\b|kg\b|t\b|Mio\b|Mrd\b))",
    ),
]
_KEYWORD_WORDS = (
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|gestern|heute|morgen|woche|monat|jahr|"
    r"januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|ziger|\d\d\d\d"
)

RULES = DateRules(
    patterns=compile_patterns(_RELATIVE),
    keywords=re.compile(_KEYWORD_WORDS),
    keywords_any_case=re.compile(_KEYWORD_WORDS, re.IGNORECASE),
    past=("vergangen", "letzt", "vorig", "vorjahr"),
    future=("kommend", "nächst", "darauffolgend"),
    day_words={"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2},
    units=(("jahr", "year"), ("monat", "month"), ("woche", "week")),
    numbers=_NUM_WORDS,
    seasons=_SEASONS,
    decade_words=_DECADE_WORDS,
    weekday_before_bracket=re.compile(rf"\b{_WD}\s*\(\s*$", re.IGNORECASE),  # "Dienstag (4. März)"
)
