"""Known disinformation narratives an article repeats, each with a calibrated score, the evidence span, the stance
and the rebuttal; catalogues are the bundled one, the users' and those imported from data sets."""

from __future__ import annotations

from collections.abc import Sequence

from newsprism.document import Document
from newsprism.pipeline.base import StageBase
from newsprism.pipeline.narratives.catalogue import Catalogue, Narrative, load_catalogues
from newsprism.pipeline.narratives.match import Embed, Match, Matcher
from newsprism.pipeline.voice import Voices


class NarrativeStage(StageBase):
    """Fills the ``narratives`` layer: label = the narrative id; attrs: label, catalogue, score, stance, rebuttal,
    voice (the speaker of the quote it is in, or the outlet)."""

    name = "narratives"
    requires = ("sentences", "paragraphs", "boilerplate", "quotes")
    uses = ("outlet",)
    assigns = ("narratives",)

    def __init__(self, catalogues: Sequence[Catalogue] | None = None, embed: Embed | None = None) -> None:
        self.matcher = Matcher(load_catalogues() if catalogues is None else catalogues, embed)

    def __call__(self, doc: Document) -> Document:
        voices = Voices(doc)
        for m in self.matcher.match(doc):
            doc.add("narratives", m.start, m.end, m.narrative.id, m.as_attrs(), voice=voices.of(m.start, m.end))
        return doc


__all__ = ["Catalogue", "Match", "Matcher", "Narrative", "NarrativeStage", "load_catalogues"]
