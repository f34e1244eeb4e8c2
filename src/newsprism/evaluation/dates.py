"""Score the dates stage on TIMEX2-annotated German text (WikiWarsDE, ACE TERN inline SGML).

WikiWarsDE is history, not news: its relative expressions ("im Mai") are anchored by the narrative, not by a
publication date, so only expressions that name their year ("7. Juli 1937", "September 1939", "1941") are scored.
Recall: such a gold expression is found when a ``dates`` span overlaps it with the gold value. Precision: a ``dates``
span that names a year is right when it overlaps a gold expression with its value.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from newsprism.document import Document
from newsprism.pipeline.base import Pipeline

_TIMEX = re.compile(r'<TIMEX2(?:\s+val="(?P<val>[^"]*)")?[^>]*>(?P<text>.*?)</TIMEX2>', re.DOTALL)
_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_YEAR = re.compile(r"\b\d{4}\b")


@dataclass(slots=True)
class DateScore:
    documents: int = 0
    gold: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_timex(sgml: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text of an inline-annotated document and its (start, end, value) expressions."""
    body = sgml.split("<TEXT>", 1)[-1].split("</TEXT>", 1)[0]
    body = re.sub(r"<(?!/?TIMEX2)[^>]+>", "", body)  # nested markup other than TIMEX2
    text_parts: list[str] = []
    gold: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for m in _TIMEX.finditer(body):
        before = html.unescape(body[pos : m.start()])
        text_parts.append(before)
        length += len(before)
        inner = html.unescape(re.sub(r"</?TIMEX2[^>]*>", "", m.group("text")))
        gold.append((length, length + len(inner), m.group("val") or ""))
        text_parts.append(inner)
        length += len(inner)
        pos = m.end()
    text_parts.append(html.unescape(body[pos:]))
    return "".join(text_parts), gold


def evaluate_timex(folder: str | Path, pipeline: Pipeline) -> DateScore:
    score = DateScore()
    for path in sorted(Path(folder).glob("*.xml")):
        text, gold = read_timex(path.read_text(encoding="utf-8", errors="replace"))
        scored = [(s, e, v) for s, e, v in gold if _VALUE.match(v) and _YEAR.search(text[s:e])]
        doc = pipeline(Document(text))
        ours = [(d.start, d.end, d.attrs.get("value")) for d in doc.layer("dates")]
        score.documents += 1
        score.gold += len(scored)
        score.found += sum(1 for s, e, v in scored if any(a < e and s < b and val == v for a, b, val in ours))
        with_year = [(a, b, val) for a, b, val in ours if _YEAR.search(text[a:b])]
        score.predicted += len(with_year)
        score.right += sum(1 for a, b, val in with_year if any(s < b and a < e and v == val for s, e, v in gold))
    return score
