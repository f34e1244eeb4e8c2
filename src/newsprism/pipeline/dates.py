"""Dates that mean something: every date expression of an article, normalised against its reference date.

Absolute expressions ("27. Februar", "Dienstag (4. März)", "08 August 2025, 14:20", "März 2025") come from
``newsprism.timex``; relative ones are found here: "am Dienstag", "gestern", "vergangene Woche", "Anfang März",
"im vergangenen Jahr", "vor zwei Jahren", "in den 1990er Jahren", "im Jahr 2014".

The reference date is the publication date when it is known to the day; otherwise (a page that shows only the
month) the latest date the article itself gives to the day, which is when the news was written. A missing year is
the one that puts the date closest to the reference. Values are ISO 8601 at their precision: ``2025-03-04``,
``2025-W09`` (a week), ``2025-03``, ``2024-SU`` (a season, TIMEX codes SP SU FA WI), ``2025``,
``199X`` (a decade), ``2025-03-04T14:20``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newsprism.document import Document
from newsprism.pipeline.base import StageBase
from newsprism.timex import MONTH_BY_NAME, WEEKDAY_BY_NAME, find_dates, parse_iso

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
_RELATIVE_RX = [(k, re.compile(rx, re.IGNORECASE)) for k, rx in _RELATIVE]
_KEYWORD_WORDS = (
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|gestern|heute|morgen|woche|monat|jahr|"
    r"januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|ziger|\d\d\d\d"
)
_KEYWORDS_LOW = re.compile(_KEYWORD_WORDS)  # on lower-case text: the engine skips ahead by the words' first letters
_KEYWORDS = re.compile(_KEYWORD_WORDS, re.IGNORECASE)


def _keyword_windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of ``text[start:end]`` around its time words: every relative date expression has one."""
    low = text[start:end].lower()
    if len(low) == end - start:  # lower case keeps the offsets (but for a few letters, such as "İ")
        spans = [(m.start() + start, m.end() + start) for m in _KEYWORDS_LOW.finditer(low)]
    else:
        spans = [m.span() for m in _KEYWORDS.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    for ms, me in spans:
        a, b = max(start, ms - 45), min(end, me + 30)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# "Dienstag (4. März)": a weekday with its date in brackets, one expression
_WEEKDAY_WITH_DATE = re.compile(rf"\b{_WD}\s*\(\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    value: str
    precision: str  # minute | day | week | month | season | year | decade
    relative: bool


def _closest_year(month: int, day: int | None, ref: dt.date) -> int:
    """The year that puts ``month``/``day`` closest to ``ref`` ("27. Februar" written in March 2025 is 2025)."""
    best, best_gap = ref.year, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            d = dt.date(y, month, day or 15)
        except ValueError:
            continue
        gap = abs((d - ref).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _number(raw: str) -> int:
    return int(raw) if raw.isdigit() else _NUM_WORDS.get(raw.lower(), 1)


def _shift_months(d: dt.date, months: int) -> tuple[int, int]:
    m = d.year * 12 + (d.month - 1) + months
    return m // 12, m % 12 + 1


class DateFinder:
    """Date expressions of one text against a reference date."""

    def __init__(self, text: str, ref: dt.date | None, ref_year: int | None = None) -> None:
        self.text = text
        self.ref = ref
        self.ref_year = ref.year if ref else ref_year

    def absolute(self, start: int = 0, end: int | None = None) -> list[DateExpr]:
        out = []
        for m in find_dates(self.text, start, end):
            year = m.year
            if year is None:
                if self.ref is not None:
                    year = _closest_year(m.month, m.day, self.ref)
                elif self.ref_year is not None:
                    year = self.ref_year
                else:
                    continue
            full = m.with_year(year)
            value = full.value()
            if value is None:
                continue
            s = m.start
            before = self.text[max(0, s - 14) : s]
            wd = _WEEKDAY_WITH_DATE.search(before)
            if wd is not None:  # "Dienstag (4. März)"
                close = self.text.find(")", m.end, m.end + 3)
                s = s - (len(before) - wd.start())
                e = close + 1 if close >= 0 else m.end
            else:
                e = m.end
            out.append(DateExpr(s, e, value, full.precision, m.year is None))
        return out

    def relative(self, ref: dt.date | None, start: int = 0, end: int | None = None) -> list[DateExpr]:
        if ref is None:
            return []
        end = len(self.text) if end is None else end
        out = []
        seen: set[tuple[int, int]] = set()
        for a, b in _keyword_windows(self.text, start, end):  # only where a time word stands
            for kind, rx in _RELATIVE_RX:
                for m in rx.finditer(self.text, a, b):
                    expr = self._relative(kind, m, ref, 0)
                    if expr is not None and (expr.start, expr.end) not in seen:
                        seen.add((expr.start, expr.end))
                        out.append(expr)
        return out

    def _relative(self, kind: str, m: re.Match[str], ref: dt.date, offset: int) -> DateExpr | None:
        g = m.groupdict()
        s, e = m.start() + offset, m.end() + offset
        if kind == "weekday":
            wd = WEEKDAY_BY_NAME[g["wd"].lower()]
            direction = (g.get("dir") or "").lower()
            if direction in ("kommenden", "nächsten", "darauffolgenden"):
                days = (wd - ref.weekday()) % 7 or 7
            else:  # a weekday in news is the last one, or today
                days = -((ref.weekday() - wd) % 7)
            return DateExpr(s, e, (ref + dt.timedelta(days=days)).isoformat(), "day", True)
        if kind == "day_word":
            shift = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}[g["w"].lower()]
            return DateExpr(s, e, (ref + dt.timedelta(days=shift)).isoformat(), "day", True)
        if kind == "week":
            direction = (g.get("dir") or "").lower()
            if direction in ("anfang", "mitte", "ende"):
                direction = (g.get("dir2") or "").lower()
            shift = (
                -1
                if direction.startswith(("vergangen", "letzt", "vorig"))
                else (1 if direction.startswith(("kommend", "nächst")) else 0)
            )
            return DateExpr(s, e, _week(ref + dt.timedelta(weeks=shift)), "week", True)
        if kind == "month_rel":
            direction = g["dir"].lower()
            shift = (
                -1 if direction in ("vergangenen", "letzten", "vorigen") else (1 if direction in ("kommenden", "nächsten") else 0)
            )
            y, mo = _shift_months(ref, shift)
            return DateExpr(s, e, f"{y:04d}-{mo:02d}", "month", True)
        if kind in ("month_part", "month"):
            month = MONTH_BY_NAME.get(g["mon"].lower())
            if month is None:
                return None
            year = int(g["y"]) if g.get("y") else _closest_year(month, None, ref)
            return DateExpr(s, e, f"{year:04d}-{month:02d}", "month", not g.get("y"))
        if kind == "year_rel":
            direction = g["dir"].lower()
            shift = (
                -1
                if direction.startswith(("vergangen", "letzt", "vorig", "vorjahr"))
                else (1 if direction.startswith(("kommend", "nächst")) else 0)
            )
            return DateExpr(s, e, f"{ref.year + shift:04d}", "year", True)
        if kind in ("ago", "in"):
            n = _number(g["n"]) * (-1 if kind == "ago" else 1)
            unit = g["unit"].lower()
            if unit.startswith("jahr"):
                return DateExpr(s, e, f"{ref.year + n:04d}", "year", True)
            if unit.startswith("monat"):
                y, mo = _shift_months(ref, n)
                return DateExpr(s, e, f"{y:04d}-{mo:02d}", "month", True)
            if unit.startswith("woche"):
                return DateExpr(s, e, _week(ref + dt.timedelta(weeks=n)), "week", True)
            return DateExpr(s, e, (ref + dt.timedelta(days=n)).isoformat(), "day", True)
        if kind == "decade":
            dec = g["dec"]
            if len(dec) == 2:  # "90er": the century of the reference
                dec = str((ref.year // 100 - (1 if int(dec) > ref.year % 100 else 0)) * 100 + int(dec))
            return DateExpr(s, e, dec[:3] + "X", "decade", True)
        if kind == "decade_word":
            d = _DECADE_WORDS[g["decw"].lower()]
            century = ref.year // 100 - (1 if d * 10 > ref.year % 100 else 0)
            return DateExpr(s, e, f"{century * 10 + d}X", "decade", True)
        if kind == "season":
            code = _SEASONS[g["season"].lower()]
            return DateExpr(s, e, f"{g['y']}-{code}", "season", False)
        if kind == "year":
            ytext: str = g["y"]
            ys = m.start("y") + offset
            return DateExpr(ys, ys + len(ytext), ytext, "year", False)
        return None


def reference_date(doc: Document, absolute: list[DateExpr]) -> dt.date | None:
    """The publication date when known to the day; otherwise the latest day the article names in that month."""
    pub = doc.meta.get("published")
    pm = parse_iso(pub) if pub else None
    if pm is not None and pm.day is not None:
        return pm.as_date()
    days = []
    for d in absolute:
        if d.precision in ("day", "minute"):
            try:
                days.append(dt.date.fromisoformat(d.value[:10]))
            except ValueError:
                continue
    if pm is not None:
        same = [d for d in days if (d.year, d.month) == (pm.year, pm.month)]
        if same:
            return max(same)
        return pm.as_date()  # the month's first day, for want of better
    return max(days) if days else None


def _merge(absolute: list[DateExpr], relative: list[DateExpr]) -> list[DateExpr]:
    """Absolute expressions first ("am Dienstag (4. März)" is the date in brackets), then relative ones that do not
    overlap them; the longest where expressions of one kind overlap."""
    kept: list[DateExpr] = []
    for group in (absolute, relative):
        for d in sorted(group, key=lambda d: (-(d.end - d.start), d.start)):
            if not any(d.start < k.end and k.start < d.end for k in kept):
                kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def find_all(doc: Document) -> tuple[list[DateExpr], dt.date | None]:
    """The date expressions of ``doc`` and the reference date they were read against."""
    pub = doc.meta.get("published")
    pm = parse_iso(pub) if pub else None
    rough = pm.as_date() if pm is not None else None
    finder = DateFinder(doc.text, rough if pm is not None and pm.day is not None else None, pm.year if pm else None)
    if pm is not None and pm.day is None and rough is not None:
        finder.ref = rough  # years of day-less dates: the publication month is close enough
    absolute = finder.absolute()
    ref = reference_date(doc, absolute)
    return _merge(absolute, finder.relative(ref)), ref


class DateStage(StageBase):
    """Fills the ``dates`` layer: each expression with its ISO value and precision."""

    name = "dates"
    needs = ("paragraphs", "published")
    adds = ("dates", "reference_date")

    def __call__(self, doc: Document) -> Document:
        found, ref = find_all(doc)
        for d in found:
            doc.add("dates", d.start, d.end, d.precision, value=d.value, precision=d.precision, relative=d.relative)
        doc.meta["reference_date"] = ref.isoformat() if ref else None
        return doc
