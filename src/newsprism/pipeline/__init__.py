"""The analysis pipeline: small stages, each adding layers or metadata to a document."""

from __future__ import annotations

from newsprism.pipeline.base import Pipeline, Stage, StageBase
from newsprism.pipeline.dates import DateStage
from newsprism.pipeline.entities import EntityStage
from newsprism.pipeline.language import LanguageStage
from newsprism.pipeline.metadata import MetadataStage
from newsprism.pipeline.quotes import QuoteStage
from newsprism.pipeline.sentences import SentenceStage
from newsprism.pipeline.structure import StructureStage
from newsprism.registry.outlets import OutletRegistry


def default_pipeline(outlets: OutletRegistry | None = None) -> Pipeline:
    """Every stage newsprism has, in an order the pipeline checks."""
    return Pipeline(
        [StructureStage(), SentenceStage(), LanguageStage(), MetadataStage(outlets), DateStage(), EntityStage(), QuoteStage()]
    )


__all__ = ["Pipeline", "Stage", "StageBase", "default_pipeline"]
