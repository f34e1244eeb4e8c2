"""English relative dates: "on Tuesday", "Tuesday morning", "last week", "earlier this month", "end of April",
"two years ago", "in the 1990s", "in 2014", "that day" — the patterns and the words that give them a value.

Absolute ones ("March 5", "5 March 2025", "Feb. 16") are ``newsprism.timex``'s. English writes month and weekday
names with a capital letter, and "may", "march" and "sun" are words too: the names must be capitalised here.
"""

from __future__ import annotations

import re

from newsprism.lang.dates import DateRules, compile_patterns

_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WD = "(?-i:" + "|".join(_WEEKDAYS) + ")"
_MONTHS = "January February March April May June July August September October November December".split()
_MON = "(?-i:" + "|".join(_MONTHS) + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))"
_DIR = r"(?P<dir>last|next|this|past|previous|coming|following)"
_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "several": 3,
    "a few": 3, "few": 3, "a couple of": 2,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted((re.escape(w) for w in _NUM_WORDS), key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>years?|months?|weeks?|days?)"
_YEAR = r"(?P<y>1[89]\d\d|20\d\d)"
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# a year is not a count: "2,000 troops" has a comma, but "in 1500 years" or "2022 will be" need the word before
_NOT_A_COUNT = r"(?!\d)(?![.,:]\d)(?!\s+(?:years?|months?|days?|people|troops|soldiers|km|miles|tonnes|tons|dollars|euros)\b)"

_RELATIVE = [
    # "on Tuesday", "last Tuesday", "next Monday", "Tuesday morning", "Tuesday's", "Tuesday" (news says it bare)
    ("weekday", rf"\b(?:(?:on|since|until|till|by|from|before|after)\s+)?(?:{_DIR}\s+)?(?P<wd>{_WD})(?:{_PART_OF_DAY})?\b"),
    # "yesterday", "today", "tomorrow", "the day before yesterday"
    ("day_word", r"\b(?P<w>the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow)\b"),
    # "last week", "this week", "earlier this week", "next week"
    ("week", rf"\b(?:(?:earlier|later)\s+)?{_DIR}\s+week\b"),
    ("week", r"\b(?:earlier|later)\s+in\s+the\s+week\b"),
    # "last month", "earlier this month"
    ("month_rel", rf"\b(?:(?:earlier|later)\s+)?{_DIR}\s+month\b"),
    # "end of April", "early March", "mid-February 2024", "the beginning of May"
    (
        "month_part",
        rf"\b(?P<part>(?:at\s+)?(?:the\s+)?(?:end|beginning|start|middle)\s+of|early|late|mid-?)\s*(?P<mon>{_MON})(?:,?\s+{_YEAR})?\b(?!\s*\d)",
    ),
    # "in March", "since July", "by December", "last March" (no day: "March 5" is an absolute date)
    ("month", rf"\b(?:in|since|until|till|by|from|during|through|last|next|this)\s+(?P<mon>{_MON})\b(?!\.?\s*\d)"),
    # "last year", "this year", "earlier this year", "next year"
    ("year_rel", rf"\b(?:(?:earlier|later)\s+)?{_DIR}\s+year\b"),
    # "two years ago", "a week ago", "three days ago"
    ("ago", rf"\b{_NUM}\s+{_UNIT}\s+ago\b"),
    ("in", rf"\b(?:in|within)\s+{_NUM}\s+{_UNIT}(?!\s+ago)\b"),
    # "in the 1990s", "the '90s", "the early 2000s"
    ("decade", r"\b(?:in\s+|during\s+|since\s+|by\s+|of\s+)?the\s+(?:early\s+|late\s+|mid-)?['’]?(?P<dec>(?:19|20)?\d0)['’]?s\b"),
    (
        "decade_word",
        r"\b(?:in\s+|during\s+|since\s+)?the\s+(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    ),
    # "in the summer of 2024", "spring 2023"
    ("season", rf"\b(?:in\s+)?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}(?!\d)"),
    # "in 2014", "since 2022", "by 2030", "(2019)"
    (
        "year",
        rf"\b(?:in|since|until|till|by|from|during|before|after|of|early|late|mid-|the\s+year|year)\s+{_YEAR}{_NOT_A_COUNT}",
    ),
    ("year", rf"(?<=\(){_YEAR}(?=\))"),
    # "that day", "the same day", "later that day", "earlier in the day"
    ("same_day", r"\b(?:(?:earlier|later)\s+)?(?:that|the\s+same)\s+day\b|\b(?:earlier|later)\s+in\s+the\s+day\b"),
]
_KEYWORD_WORDS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|tomorrow|week|month|year|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|"
    r"aug|sep|oct|nov|dec|ago|\d0['’]?s|ties|\bday\b|\d\d\d\d"
)

RULES = DateRules(
    patterns=compile_patterns(_RELATIVE),
    keywords=re.compile(_KEYWORD_WORDS),
    keywords_any_case=re.compile(_KEYWORD_WORDS, re.IGNORECASE),
    past=("last", "past", "previous", "earlier"),
    future=("next", "coming", "following", "later"),
    day_words={
        "the day before yesterday": -2,
        "yesterday": -1,
        "today": 0,
        "tonight": 0,
        "tomorrow": 1,
        "the day after tomorrow": 2,
    },
    units=(("year", "year"), ("month", "month"), ("week", "week")),
    numbers=_NUM_WORDS,
    seasons=_SEASONS,
    decade_words=_DECADE_WORDS,
)
