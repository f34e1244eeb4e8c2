"""The analysis pipeline: small stages, each adding layers or metadata to a document."""

from __future__ import annotations

from collections.abc import Iterable

from newsprism.errors import UsageError
from newsprism.pipeline.base import Pipeline, Stage, StageBase
from newsprism.pipeline.claims import ClaimStage
from newsprism.pipeline.dates import DateStage
from newsprism.pipeline.entities import EntityStage
from newsprism.pipeline.language import LanguageStage
from newsprism.pipeline.metadata import MetadataStage
from newsprism.pipeline.narratives import NarrativeStage
from newsprism.pipeline.quotes import QuoteStage
from newsprism.pipeline.sentences import SentenceStage
from newsprism.pipeline.structure import StructureStage
from newsprism.pipeline.techniques import TechniqueStage
from newsprism.registry.outlets import OutletRegistry

CLASSES: dict[str, type[StageBase]] = {
    c.name: c
    for c in (
        StructureStage,
        SentenceStage,
        LanguageStage,
        MetadataStage,
        DateStage,
        EntityStage,
        QuoteStage,
        TechniqueStage,
        NarrativeStage,
        ClaimStage,
    )
}
STAGE_NAMES = tuple(CLASSES)
PRESETS = {"all": STAGE_NAMES, "spine": ("structure", "sentences", "language", "metadata")}


def stage_selection(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """Stage names from a preset ("all", "spine") or a comma-separated list, with every stage they need before
    them added, in pipeline order: "narratives" brings structure, sentences, language and quotes along."""
    if spec is None:
        return STAGE_NAMES
    names = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    wanted: set[str] = set()
    for n in names:
        if n in PRESETS:
            wanted.update(PRESETS[n])
        elif n in CLASSES:
            wanted.add(n)
        else:
            raise UsageError(f"no stage or preset {n!r}; the stages are {', '.join(STAGE_NAMES)}; presets: {', '.join(PRESETS)}")
    for name in reversed(STAGE_NAMES):  # what each wanted stage needs comes from the stages before it
        if name in wanted:
            for need in CLASSES[name].needs:
                wanted.update(n for n in STAGE_NAMES[: STAGE_NAMES.index(name)] if need in CLASSES[n].adds)
    return tuple(n for n in STAGE_NAMES if n in wanted)


def default_pipeline(outlets: OutletRegistry | None = None, stages: str | Iterable[str] | None = None) -> Pipeline:
    """Every stage newsprism has (or those ``stages`` names, with what they need), in an order the pipeline checks."""
    return Pipeline([MetadataStage(outlets) if n == "metadata" else CLASSES[n]() for n in stage_selection(stages)])


__all__ = ["STAGE_NAMES", "Pipeline", "Stage", "StageBase", "default_pipeline", "stage_selection"]
