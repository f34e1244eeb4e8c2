"""What a language pack says about relative dates: the patterns that find them and the words that give them a value.

Each pattern has a kind the date stage knows how to read ("weekday", "day_word", "week", "month_rel",
"month_part", "month", "year_rel", "ago", "in", "decade", "decade_word", "season", "year", and "same_day": "that
day", "в этот день", the day of the date before it) and named
groups: ``wd`` (a weekday), ``dir``/``dir2`` (a direction word: "vergangenen", "last", "прошлой"), ``w`` (a day
word: "gestern", "yesterday", "вчера"), ``mon`` (a month name), ``y`` (a year), ``n`` and ``unit`` (a count and
what it counts), ``dec``/``decw`` (a decade), ``season``. The words' meanings come from the pack's tables, so the
stage's reading is the same for every language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsprism.timex import MONTH_BY_NAME


@dataclass(frozen=True, slots=True)
class DateRules:
    """Relative date expressions of one language."""

    patterns: Sequence[tuple[str, re.Pattern[str]]]
    #: time words, searched for in the lower-cased text (``keywords``) or case-insensitively (``keywords_any_case``)
    #: when lower-casing would move offsets; every relative expression holds one
    keywords: re.Pattern[str]
    keywords_any_case: re.Pattern[str]
    past: tuple[str, ...]  # prefixes of words pointing back ("vergangen", "last", "прошл")
    future: tuple[str, ...]  # and forward ("kommend", "next", "следующ")
    day_words: Mapping[str, int]  # "gestern": -1
    units: Sequence[tuple[str, str]]  # (prefix of a unit word, year | month | week | day)
    numbers: Mapping[str, int] = field(default_factory=dict)  # "zwei": 2
    seasons: Mapping[str, str] = field(default_factory=dict)  # "sommer": "SU" (TIMEX codes)
    decade_words: Mapping[str, int] = field(default_factory=dict)  # "neunziger": 9
    #: a weekday just before a date in brackets, "Dienstag (4. März)", read as one expression (searched backwards)
    weekday_before_bracket: re.Pattern[str] | None = None
    #: month names by their forms in this language's patterns ("марте", "марта"); the shared table by default
    months: Mapping[str, int] = field(default_factory=lambda: MONTH_BY_NAME)

    def direction(self, word: str | None) -> int:
        """-1 for a word pointing back, 1 forward, 0 for "this"."""
        w = (word or "").lower()
        if w.startswith(self.past):
            return -1
        if w.startswith(self.future):
            return 1
        return 0

    def unit(self, word: str) -> str:
        w = word.lower()
        for prefix, unit in self.units:
            if w.startswith(prefix):
                return unit
        return "day"

    def number(self, raw: str | None) -> int:
        """A count written in figures or words; one when the text gives none ("a year ago", "год назад")."""
        if not raw:
            return 1
        return int(raw) if raw.isdigit() else self.numbers.get(raw.lower(), 1)

    def month(self, name: str) -> int | None:
        return self.months.get(name.lower().rstrip("."))


def compile_patterns(patterns: Sequence[tuple[str, str]], flags: int = re.IGNORECASE) -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, re.compile(rx, flags)) for kind, rx in patterns]


__all__ = ["DateRules", "compile_patterns"]
