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
from newsprism.lang import pack_for
from newsprism.lang.dates import DateRules
from newsprism.pipeline.base import StageBase
from newsprism.timex import WEEKDAY_BY_NAME, find_dates, parse_iso


def _keyword_windows(rules: DateRules, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stretches of ``text[start:end]`` around its time words: every relative date expression has one."""
    low = text[start:end].lower()
    if len(low) == end - start:  # lower case keeps the offsets (but for a few letters, such as "İ")
        spans = [(m.start() + start, m.end() + start) for m in rules.keywords.finditer(low)]
    else:
        spans = [m.span() for m in rules.keywords_any_case.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    for ms, me in spans:
        a, b = max(start, ms - 45), min(end, me + 30)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


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


def _shift_months(d: dt.date, months: int) -> tuple[int, int]:
    m = d.year * 12 + (d.month - 1) + months
    return m // 12, m % 12 + 1


class DateFinder:
    """Date expressions of one text against a reference date, read with a language's date ``rules``."""

    def __init__(self, text: str, ref: dt.date | None, ref_year: int | None = None, rules: DateRules | None = None) -> None:
        self.text = text
        self.ref = ref
        self.ref_year = ref.year if ref else ref_year
        self.rules = rules or _default_rules()

    def absolute(self, start: int = 0, end: int | None = None) -> list[DateExpr]:
        out = []
        bracket = self.rules.weekday_before_bracket
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
            wd = bracket.search(before) if bracket is not None else None
            if wd is not None:  # "Dienstag (4. März)"
                close = self.text.find(")", m.end, m.end + 3)
                s = s - (len(before) - wd.start())
                e = close + 1 if close >= 0 else m.end
            else:
                e = m.end
            out.append(DateExpr(s, e, value, full.precision, m.year is None))
        return out

    def relative(self, ref: dt.date | None, start: int = 0, end: int | None = None) -> list[DateExpr]:
        """Relative expressions against ``ref``; with no reference, only those that name their year ("в 1999 году",
        "in den 1990er Jahren", "im März 2014")."""
        end = len(self.text) if end is None else end
        out = []
        seen: set[tuple[int, int]] = set()
        for a, b in _keyword_windows(self.rules, self.text, start, end):  # only where a time word stands
            for kind, rx in self.rules.patterns:
                for m in rx.finditer(self.text, a, b):
                    expr = self._relative(kind, m, ref, 0)
                    if expr is not None and (expr.start, expr.end) not in seen:
                        seen.add((expr.start, expr.end))
                        out.append(expr)
        return out

    def _relative(self, kind: str, m: re.Match[str], ref: dt.date | None, offset: int) -> DateExpr | None:
        g = m.groupdict()
        r = self.rules
        s, e = m.start() + offset, m.end() + offset
        if ref is None:
            return self._yeared(kind, m, g, s, e, offset)
        if kind == "weekday":
            wd = WEEKDAY_BY_NAME[g["wd"].lower()]
            ahead = (wd - ref.weekday()) % 7 or 7
            days = ahead if r.direction(g.get("dir")) > 0 else -((ref.weekday() - wd) % 7)  # in news: the last one
            return DateExpr(s, e, (ref + dt.timedelta(days=days)).isoformat(), "day", True)
        if kind == "day_word":
            shift = r.day_words[g["w"].lower()]
            return DateExpr(s, e, (ref + dt.timedelta(days=shift)).isoformat(), "day", True)
        if kind == "week":  # "Anfang der vergangenen Woche": the direction is the second word's
            shift = r.direction(g.get("dir2") or g.get("dir"))
            return DateExpr(s, e, _week(ref + dt.timedelta(weeks=shift)), "week", True)
        if kind == "month_rel":
            y, mo = _shift_months(ref, r.direction(g["dir"]))
            return DateExpr(s, e, f"{y:04d}-{mo:02d}", "month", True)
        if kind in ("month_part", "month"):
            month = r.month(g["mon"])
            if month is None:
                return None
            year = int(g["y"]) if g.get("y") else _closest_year(month, None, ref)
            return DateExpr(s, e, f"{year:04d}-{month:02d}", "month", not g.get("y"))
        if kind == "year_rel":
            return DateExpr(s, e, f"{ref.year + r.direction(g['dir']):04d}", "year", True)
        if kind in ("ago", "in"):
            n = r.number(g["n"]) * (-1 if kind == "ago" else 1)
            unit = r.unit(g["unit"])
            if unit == "year":
                return DateExpr(s, e, f"{ref.year + n:04d}", "year", True)
            if unit == "month":
                y, mo = _shift_months(ref, n)
                return DateExpr(s, e, f"{y:04d}-{mo:02d}", "month", True)
            if unit == "week":
                return DateExpr(s, e, _week(ref + dt.timedelta(weeks=n)), "week", True)
            return DateExpr(s, e, (ref + dt.timedelta(days=n)).isoformat(), "day", True)
        if kind == "decade":
            dec = g["dec"]
            if len(dec) == 2:  # "90er": the century of the reference
                dec = str((ref.year // 100 - (1 if int(dec) > ref.year % 100 else 0)) * 100 + int(dec))
            return DateExpr(s, e, dec[:3] + "X", "decade", True)
        if kind == "decade_word":
            d = r.decade_words[g["decw"].lower()]
            century = ref.year // 100 - (1 if d * 10 > ref.year % 100 else 0)
            return DateExpr(s, e, f"{century * 10 + d}X", "decade", True)
        if kind == "season":
            code = r.seasons[g["season"].lower()]
            return DateExpr(s, e, f"{g['y']}-{code}", "season", False)
        if kind == "year":
            ytext: str = g["y"]
            ys = m.start("y") + offset
            return DateExpr(ys, ys + len(ytext), ytext, "year", False)
        if kind == SAME_DAY:  # "that day": its value is the day of the date before it, filled in by ``find_all``
            return DateExpr(s, e, ref.isoformat(), SAME_DAY, True)
        return None

    def _yeared(self, kind: str, m: re.Match[str], g: dict[str, str | None], s: int, e: int, offset: int) -> DateExpr | None:
        """An expression that names its year, read without a reference date."""
        if kind in ("month_part", "month") and g.get("y"):
            month = self.rules.month(g["mon"] or "")
            return DateExpr(s, e, f"{int(g['y'] or 0):04d}-{month:02d}", "month", False) if month else None
        if kind == "decade" and len(g.get("dec") or "") == 4:
            return DateExpr(s, e, (g["dec"] or "")[:3] + "X", "decade", True)
        if kind == "season" and g.get("y"):
            return DateExpr(s, e, f"{g['y']}-{self.rules.seasons[(g['season'] or '').lower()]}", "season", False)
        if kind == "year":
            ytext = g["y"] or ""
            ys = m.start("y") + offset
            return DateExpr(ys, ys + len(ytext), ytext, "year", False)
        return None


SAME_DAY = "same_day"


def _same_days(found: list[DateExpr]) -> list[DateExpr]:
    """ "Later that day", "в этот день": the day of the last date to the day before it (the reference when none)."""
    out: list[DateExpr] = []
    last_day: str | None = None
    for d in found:
        if d.precision == SAME_DAY:
            d = DateExpr(d.start, d.end, last_day or d.value, "day", True)
        elif d.precision in ("day", "minute"):
            last_day = d.value[:10]
        out.append(d)
    return out


def _default_rules() -> DateRules:
    rules = pack_for(None).dates
    assert rules is not None, "the default language pack has date rules"
    return rules


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
    """The date expressions of ``doc`` and the reference date they were read against, in the words of its
    language."""
    pub = doc.meta.get("published")
    pm = parse_iso(pub) if pub else None
    rough = pm.as_date() if pm is not None else None
    rules = pack_for(doc.meta.get("language")).dates
    ref_day = rough if pm is not None and pm.day is not None else None
    finder = DateFinder(doc.text, ref_day, pm.year if pm else None, rules)
    if pm is not None and pm.day is None and rough is not None:
        finder.ref = rough  # years of day-less dates: the publication month is close enough
    absolute = finder.absolute()
    ref = reference_date(doc, absolute)
    if finder.ref is None and ref is not None:  # no publication date: dates without a year are read against the ref
        finder.ref = ref
        absolute = finder.absolute()
    return _same_days(_merge(absolute, finder.relative(ref))), ref


class DateStage(StageBase):
    """Fills the ``dates`` layer: each expression with its ISO value and precision."""

    name = "dates"
    requires = ("paragraphs", "published", "language")
    assigns = ("dates", "reference_date")
    languages = ("de", "en", "ru")

    def __call__(self, doc: Document) -> Document:
        found, ref = find_all(doc)
        for d in found:
            doc.add("dates", d.start, d.end, d.precision, value=d.value, precision=d.precision, relative=d.relative)
        doc.meta["reference_date"] = ref.isoformat() if ref else None
        return doc
