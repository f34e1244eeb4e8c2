"""Article metadata with evidence: title, publication date (not the capture date), dateline, outlet, section.

A scraped page often shows two dates: the day it was captured (a site header's "today") and the
day the article was published. The publication date is the candidate that agrees with the
dateline, carries a time of day, or stands next to the title; a later date at the top of the page
is the capture date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsprism.document import Document
from newsprism.pipeline.base import StageBase
from newsprism.pipeline.structure import section_of
from newsprism.registry.outlets import Outlet, OutletRegistry, default_outlets
from newsprism.timex import DateMatch, find_dates, parse_iso

# "MINSK, 8. August (BelTA) -", "Berlin (dpa/AFP) –", "KYIV, Aug 8 (Reuters) -", "МИНСК, 8 августа /БЕЛТА/ -" or "/БЕЛТА/."
_DATELINE_RE = re.compile(
    r"(?P<place>[A-ZÄÖÜА-ЯЁ][\w’'.\-]*(?:[ /][A-ZÄÖÜА-ЯЁ][\w’'.\-]*){0,3})"
    r"(?:\s*,\s*(?P<date>[^()/\n]{3,40}?))?"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\)|/(?P<agency2>[^/\n]{2,30})/)"
    r"(?:\s*[.:]?\s*[-–—]\s+|(?<=/)\.\s+)"  # "… (TASS) –", "МИНСК, 8 августа /БЕЛТА/. …"
)
# "МОСКВА, 8 авг - РИА Новости." (Russian agencies put the name after the dash)
_DATELINE_RU_RE = re.compile(
    r"(?P<place>[А-ЯЁ][А-ЯЁ\-]+(?:[ /][А-ЯЁ][А-ЯЁ\-]+){0,2})\s*,\s*(?P<date>[^–—\-\n]{3,30}?)\s*[-–—]\s*(?P<agency>[^.\n]{2,30}?)\.\s"
)
_PUBLISHED_CUE_RE = re.compile(
    r"(?:veröffentlicht|publiziert|erschienen|published|posted|опубликовано|stand|aktualisiert|updated)", re.I
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    match: DateMatch
    evidence: tuple[int, int]
    line_index: int
    source: str  # artifact | header | footer | dateline


def _title_case(place: str) -> str:
    if place.isupper():
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), place.lower())
    return place


class MetadataStage(StageBase):
    """Fills ``doc.meta`` with title, published (+ evidence), captured, dateline, outlet, section, key points."""

    name = "metadata"
    requires = ("boilerplate", "paragraphs")
    assigns = ("title", "published", "captured", "dateline", "outlet", "section", "key_points")

    def __init__(self, outlets: OutletRegistry | None = None) -> None:
        self.outlets = outlets or default_outlets()

    def __call__(self, doc: Document) -> Document:
        hints = doc.source.hints
        paras = doc.layer("paragraphs")
        title = next((p for p in paras if p.label == "title"), None)
        doc.meta["title"] = doc.span_text(title) if title else (hints.get("title") or None)
        doc.meta["key_points"] = [doc.span_text(p) for p in paras if p.label == "key_point"]
        dateline = self._dateline(doc)
        self._dates(doc, dateline)
        doc.meta["dateline"] = dateline
        doc.meta["outlet"] = self._outlet(doc, dateline)
        section = section_of(doc)
        doc.meta["section"] = section[0] if section else (hints.get("section") or None)
        return doc

    # --- dateline --------------------------------------------------------------------------------------------
    def _dateline(self, doc: Document) -> dict[str, Any] | None:
        paras = [p for p in doc.layer("paragraphs") if p.label in ("lede", "body", "title")][:3]
        for p in paras:
            if p.label == "title":
                continue
            for rx in (_DATELINE_RE, _DATELINE_RU_RE):
                m = rx.match(doc.text, p.start, p.end)
                if m and self._plausible_dateline(m):
                    return self._dateline_dict(doc, m)
        return None

    def _plausible_dateline(self, m: re.Match[str]) -> bool:
        agency = (m.group("agency") or m.groupdict().get("agency2") or "").strip()
        if not agency:
            return False
        parts = [a.strip() for a in re.split(r"[/,]", agency)]
        known = any(self.outlets.by_name(a) for a in parts)
        return known or (m.group("date") is not None and len(agency.split()) <= 3)

    def _dateline_dict(self, doc: Document, m: re.Match[str]) -> dict[str, Any]:
        agency_raw = (m.group("agency") or m.groupdict().get("agency2") or "").strip()
        first = re.split(r"[/,]", agency_raw)[0].strip()
        outlet = self.outlets.by_name(first)
        date_m = None
        if m.group("date"):
            found = find_dates(doc.text, m.start("date"), m.end("date"))
            date_m = found[0] if found else None
        doc.add("dateline", m.start(), m.end(), "dateline", place=(m.start("place"), m.end("place")))
        return {
            "place": _title_case(m.group("place").strip()),
            "date": None,
            "agency": outlet.name if outlet else first,
            "agency_id": outlet.id if outlet else None,
            "_date_match": date_m,
            "evidence": {"start": m.start(), "end": m.end()},
        }

    # --- dates -----------------------------------------------------------------------------------------------
    def _candidates(self, doc: Document) -> list[_Candidate]:
        paras = doc.layer("paragraphs")
        first_body = next((p.start for p in paras if p.label not in ("title",)), len(doc.text))
        title = next((p for p in paras if p.label == "title"), None)
        header_end = max(first_body, title.end if title else 0)
        line_starts = [m.start() for m in re.finditer(r"^", doc.text, re.M)]
        out = []
        for b in doc.layer("boilerplate"):
            kind = b.attrs.get("kind")
            in_header = b.end <= header_end
            if kind == "artifact":
                d = parse_iso(doc.span_text(b).split(None, 1)[-1])
                if d:
                    out.append(_Candidate(d, (b.start, b.end), _line_no(line_starts, b.start), "artifact"))
                continue
            if kind not in ("date", "nav", "footer", "furniture", "header"):
                continue
            if not in_header and not _PUBLISHED_CUE_RE.search(doc.text, max(0, b.start - 30), b.end):
                continue
            for d in find_dates(doc.text, b.start, b.end):
                if d.year is not None:
                    out.append(
                        _Candidate(d, (d.start, d.end), _line_no(line_starts, d.start), "header" if in_header else "footer")
                    )
        return out

    def _dates(self, doc: Document, dateline: dict[str, Any] | None) -> None:
        hints = doc.source.hints
        cands = self._candidates(doc)
        dl_date: DateMatch | None = dateline.pop("_date_match") if dateline else None
        published: DateMatch | None = None
        evidence: tuple[int, int] | None = None
        title = next((p for p in doc.layer("paragraphs") if p.label == "title"), None)
        title_line = _line_no([m.start() for m in re.finditer(r"^", doc.text, re.M)], title.start) if title else None
        if hints.get("published"):
            published = parse_iso(str(hints["published"]))
        elif cands:
            best = max(cands, key=lambda c: (self._score(c, dl_date, title_line, cands), -c.line_index))
            published, evidence = best.match, best.evidence
        elif dl_date is not None and dl_date.year is not None:
            published, evidence = dl_date, (dl_date.start, dl_date.end)
        if dl_date is not None and dl_date.year is None and published is not None and published.year is not None:
            dl_date = dl_date.with_year(published.year)
        if dateline is not None and dl_date is not None:
            dateline["date"] = dl_date.value()
        doc.meta["published"] = published.value() if published else None
        doc.meta["published_precision"] = published.precision if published and published.year else None
        doc.meta["published_evidence"] = {"start": evidence[0], "end": evidence[1]} if evidence else None
        doc.meta["captured"] = self._captured(cands, published)

    @staticmethod
    def _score(c: _Candidate, dl: DateMatch | None, title_line: int | None, cands: list[_Candidate]) -> int:
        score = 0
        if c.source == "artifact":
            score += 6
        if c.match.hour is not None:
            score += 2
        if dl is not None and (c.match.month, c.match.day) == (dl.month, dl.day):
            score += 3
        if title_line is not None and abs(c.line_index - title_line) <= 2:
            score += 1
        others = [o for o in cands if o is not c and o.match.as_date() and c.match.as_date()]
        if c.match.weekday is not None and any(o.match.as_date() < c.match.as_date() for o in others):  # type: ignore[operator]
            score -= 2  # a site header's "today, Tuesday ..." later than another date on the page
        return score

    @staticmethod
    def _captured(cands: list[_Candidate], published: DateMatch | None) -> str | None:
        pub = published.as_date() if published else None
        later = [c.match for c in cands if c.source == "header" and pub and (c.match.as_date() or pub) > pub]
        if not later:
            return None
        return max(later, key=lambda d: d.as_date()).value()  # type: ignore[arg-type, return-value]

    # --- outlet ---------------------------------------------------------------------------------------------
    def _outlet(self, doc: Document, dateline: dict[str, Any] | None) -> dict[str, Any] | None:
        """The outlet given with the input, as given (given fields are trusted, registry name or not); else the
        first source, in order of trust, that names a registry outlet; else the first raw name found."""
        hints, src = doc.source.hints, doc.source
        candidates: list[tuple[Outlet | None, str | None, str]] = []
        if hints.get("outlet"):
            candidates.append((self.outlets.by_name(str(hints["outlet"])), str(hints["outlet"]), "given"))
        if src.url:
            candidates.append((self.outlets.by_host(src.url), None, "url"))
        if hints.get("sitename"):
            candidates.append((self.outlets.by_name(str(hints["sitename"])), str(hints["sitename"]), "html"))
        if dateline and dateline.get("agency_id"):
            candidates.append((self.outlets.get(dateline["agency_id"]), None, "dateline"))
        candidates.append((self._outlet_from_copyright(doc), None, "copyright"))
        known = next((c for c in candidates if c[0] is not None), None)
        chosen = candidates[0] if candidates[0][2] == "given" else known or next((c for c in candidates if c[1]), None)
        if chosen is None:
            return None
        outlet, name, how = chosen
        ref: dict[str, Any] = outlet.ref() if outlet else {"id": None, "name": name, "country": None, "state_affiliated": None}
        ref["source"] = how
        if how == "dateline" and dateline:
            ref["evidence"] = dateline["evidence"]
        return ref

    def _outlet_from_copyright(self, doc: Document) -> Outlet | None:
        for b in doc.layer("boilerplate"):
            m = re.match(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*([^|,.\n]{2,40})", doc.span_text(b), re.I)
            if m:
                found = self.outlets.by_name(m.group(1).strip())
                if found is not None:
                    return found
        return None


def _line_no(line_starts: list[int], offset: int) -> int:
    lo, hi = 0, len(line_starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if line_starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1
