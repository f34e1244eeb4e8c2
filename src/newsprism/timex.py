"""Absolute date and time expressions in German, English and Russian news text.

dateparser reads one expression well but cannot find expressions in running German text
(its ``search_dates`` takes "die" or "so" for dates), so finding them is done here with
patterns over month and weekday names; each match carries its precision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("januar", "jänner", "jan", "january", "январь", "января", "янв"),
    2: ("februar", "feber", "feb", "february", "февраль", "февраля", "фев"),
    3: ("märz", "maerz", "mär", "mrz", "march", "mar", "март", "марта", "мар"),
    4: ("april", "apr", "апрель", "апреля", "апр"),
    5: ("mai", "may", "май", "мая"),
    6: ("juni", "jun", "june", "июнь", "июня", "июн"),
    7: ("juli", "jul", "july", "июль", "июля", "июл"),
    8: ("august", "aug", "август", "августа", "авг"),
    9: ("september", "sept", "sep", "сентябрь", "сентября", "сен", "сент"),
    10: ("oktober", "okt", "october", "oct", "октябрь", "октября", "окт"),
    11: ("november", "nov", "ноябрь", "ноября", "ноя"),
    12: ("dezember", "dez", "december", "dec", "декабрь", "декабря", "дек"),
}
MONTH_BY_NAME: dict[str, int] = {name: m for m, names in _MONTHS.items() for name in names}

_WEEKDAYS: dict[int, tuple[str, ...]] = {
    0: ("montag", "monday", "понедельник", "mo", "mon"),
    1: ("dienstag", "tuesday", "вторник", "di", "tue", "tues"),
    2: ("mittwoch", "wednesday", "среда", "среду", "mi", "wed"),
    3: ("donnerstag", "thursday", "четверг", "do", "thu", "thurs"),
    4: ("freitag", "friday", "пятница", "пятницу", "fr", "fri"),
    5: ("samstag", "sonnabend", "saturday", "суббота", "субботу", "sa", "sat"),
    6: ("sonntag", "sunday", "воскресенье", "so", "sun"),
}
WEEKDAY_BY_NAME: dict[str, int] = {name: d for d, names in _WEEKDAYS.items() for name in names}

_LONG_MONTH = sorted((n for n in MONTH_BY_NAME if len(n) > 3), key=len, reverse=True)
_SHORT_MONTH = sorted((n for n in MONTH_BY_NAME if len(n) <= 4), key=len, reverse=True)
_MONTH_INITIALS = "".join(sorted({n[0] for n in MONTH_BY_NAME} | {n[0].upper() for n in MONTH_BY_NAME}))
# the look-ahead lets the engine skip, in one step, every position where no month name can start
_MONTH_RE = f"(?=[{_MONTH_INITIALS}])" + "(?:" + "|".join(_LONG_MONTH) + "|(?:" + "|".join(_SHORT_MONTH) + r")\.?)"
_WEEKDAY_LONG = sorted((n for n in WEEKDAY_BY_NAME if len(n) > 3), key=len, reverse=True)
_WEEKDAY_RE = "(?:" + "|".join(_WEEKDAY_LONG) + ")"
_YEAR = r"(?:1\d\d\d|2[01]\d\d)"
_TIME = r"(?:,?\s*(?:um\s+|at\s+|в\s+)?(?P<hh>[01]?\d|2[0-3])(?::(?P<mm>[0-5]\d))(?:\s*(?P<ampm>[ap]\.?m\.?))?(?:\s*Uhr)?)"
_TIME_UHR = r"(?:,?\s*(?:um\s+)?(?P<hh2>[01]?\d|2[0-3])(?:\.(?P<mm2>[0-5]\d))?\s*Uhr)"

_PATTERNS = [
    # 2025-08-08T14:20 / 2025-08-08 / 2025-03
    (
        "iso",
        rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01])(?:[T ](?P<th>[01]\d|2[0-3]):(?P<tm>[0-5]\d)(?::\d\d)?)?)?(?![\d-])",
    ),
    # Dienstag, 12. August 2025, 14:20 / 8. August / 8 августа 2025 г.
    (
        "dmy",
        rf"(?<!\d)(?P<d>0?[1-9]|[12]\d|3[01])\.?\s+(?P<mon>{_MONTH_RE})(?:\s+(?P<y>{_YEAR})(?:\s*г(?:ода|\.)?)?)?(?:{_TIME}|{_TIME_UHR})?(?![\wäöüß])",
    ),
    # August 8, 2025 / Aug. 8 2025, 2:20 pm
    (
        "mdy",
        rf"(?P<mon>{_MONTH_RE})\s+(?P<d>0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?(?:{_TIME})?(?![\wäöüß])",
    ),
    # 08.08.2025 14:20 / 5.8.2005 / 4.3.
    (
        "numeric",
        rf"(?<![\d.])(?P<d>0?[1-9]|[12]\d|3[01])\.(?P<m>0?[1-9]|1[0-2])\.(?P<y>{_YEAR}|\d\d(?!\d))?(?:{_TIME}|{_TIME_UHR})?(?![\d])",
    ),
    # März 2025 / im August 2025
    ("my", rf"(?<![\wäöüß])(?P<mon>{_MONTH_RE})\s+(?P<y>{_YEAR})(?![\d])"),
]
_COMPILED = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in _PATTERNS]
_WEEKDAY_BEFORE = re.compile(rf"(?<![\wäöüß])(?P<wd>{_WEEKDAY_RE}),?\s+(?:den\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found at ``[start, end)``; parts not in the text are None."""

    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    hour: int | None = None
    minute: int | None = None
    weekday: int | None = None

    @property
    def precision(self) -> str:
        if self.hour is not None:
            return "minute"
        if self.day is not None:
            return "day"
        return "month"

    def with_year(self, year: int) -> DateMatch:
        return DateMatch(self.start, self.end, year, self.month, self.day, self.hour, self.minute, self.weekday)

    def value(self) -> str | None:
        """ISO 8601 at this match's precision, or None when the year is unknown."""
        if self.year is None:
            return None
        out = f"{self.year:04d}-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
            if self.hour is not None:
                out += f"T{self.hour:02d}:{(self.minute or 0):02d}"
        return out

    def as_date(self) -> date | None:
        if self.year is None:
            return None
        try:
            return date(self.year, self.month, self.day or 1)
        except ValueError:
            return None


def _month(name: str) -> int | None:
    return MONTH_BY_NAME.get(name.lower().rstrip("."))


def _hour(m: re.Match[str]) -> tuple[int | None, int | None]:
    groups = m.groupdict()
    if groups.get("th"):
        return int(groups["th"]), int(groups["tm"])
    hh, mm = groups.get("hh"), groups.get("mm")
    if hh is None:
        hh, mm = groups.get("hh2"), groups.get("mm2")
    if hh is None:
        return None, None
    hour = int(hh)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour, int(mm or 0)


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    y = int(raw)
    if len(raw) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _to_match(kind: str, m: re.Match[str], offset: int) -> DateMatch | None:
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else _month(g.get("mon") or "")
    if month is None:
        return None
    day = int(g["d"]) if g.get("d") else None
    year = _year(g.get("y"))
    if kind == "numeric" and year is None and not m.group(0).endswith("."):
        return None
    hour, minute = _hour(m)
    start = m.start()
    weekday = None
    if kind in ("dmy", "mdy", "numeric"):  # "Dienstag, 12. August", "Montag, den 3.3.": the weekday before the date
        before = _WEEKDAY_BEFORE.search(m.string, max(0, start - 22), start)
        if before is not None:
            weekday = WEEKDAY_BY_NAME.get(before.group("wd").lower())
            start = before.start()
    if day is not None and year is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    return DateMatch(start + offset, m.end() + offset, year, month, day, hour, minute, weekday)


_DIGITS = re.compile(r"\d+")
_PLAUSIBLE = re.compile(r"\d[.\-:/]|" + _MONTH_RE, re.IGNORECASE)


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of ``text`` around its numbers: every date expression has one (a day, a year, a time)."""
    out: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text, start, end):
        a, b = max(start, m.start() - 40), min(end, m.end() + 40)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Absolute date expressions in ``text[start:end]``, longest first where they overlap, in text order."""
    end = len(text) if end is None else end
    found: list[DateMatch] = []
    for a, b in _windows(text, start, end):
        if not _PLAUSIBLE.search(text, a, b):
            continue  # numbers with no month name and no date punctuation near them: "200 Kilometer", "2,5 Prozent"
        for kind, rx in _COMPILED:
            for m in rx.finditer(text, a, b):  # pos/endpos, not a slice: look-behinds see what comes before
                dm = _to_match(kind, m, 0)
                if dm is not None:
                    found.append(dm)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMatch] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def parse_iso(value: str) -> DateMatch | None:
    """Read an ISO-like date string ("2025-03", "2025-08-08T14:20:00+02:00", "2021-03-5") given as metadata."""
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?)?", value)
    if not m:
        found = find_dates(value)
        return found[0] if found else None
    y, mo, d, hh, mm = m.groups()
    if mo is None:
        return None
    try:
        date(int(y), int(mo), int(d or 1))
    except ValueError:
        return None
    return DateMatch(0, len(value), int(y), int(mo), int(d) if d else None, int(hh) if hh else None, int(mm) if mm else None)
