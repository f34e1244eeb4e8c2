"""The analysis pipeline: small stages, each adding layers or metadata to a document.

Stages are found by name in a registry: the bundled ones, those other packages declare under the entry-point
group ``newsprism.stages`` (``name = "package.module:StageClass"``), and any ``module:Class`` given directly
(``newsprism analyze --stages all,mypackage.stages:Sentiment``). A user's stage joins the pipeline after the
bundled stages, in the order given, with what it requires checked like every other stage's.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from importlib.metadata import entry_points
from typing import Any

from newsprism.errors import UsageError
from newsprism.pipeline.base import Pipeline, Stage, StageBase, serves
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
ENTRY_POINT_GROUP = "newsprism.stages"


def _load(spec: str) -> type[Any]:
    module, _, attr = spec.partition(":")
    try:
        found = getattr(importlib.import_module(module), attr)
    except (ImportError, AttributeError) as exc:
        raise UsageError(f"cannot load the stage {spec!r}: {exc}") from None
    if not isinstance(found, type) or not callable(found):
        raise UsageError(f"{spec!r} is not a stage class")
    for attr_name in ("name", "requires", "assigns"):
        if not hasattr(found, attr_name):
            raise UsageError(f"{spec!r} is not a stage: it has no {attr_name!r} (see newsprism.pipeline.StageBase)")
    return found


def plugin_stages() -> dict[str, str]:
    """Stages other packages declare: name → "module:Class" (entry-point group ``newsprism.stages``)."""
    return {ep.name: ep.value for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _expand(spec: str | Iterable[str] | None) -> tuple[set[str], list[type[Any]]]:
    if spec is None:
        return set(STAGE_NAMES), []
    names = [s.strip() for s in (spec.split(",") if isinstance(spec, str) else spec) if s.strip()]
    wanted: set[str] = set()
    extra: list[type[Any]] = []
    plugins = plugin_stages()
    for n in names:
        if n in PRESETS:
            wanted.update(PRESETS[n])
        elif n in CLASSES:
            wanted.add(n)
        elif n in plugins or ":" in n:
            cls = _load(plugins.get(n, n))
            if cls not in extra:
                extra.append(cls)
        else:
            known = ", ".join(STAGE_NAMES + tuple(plugins))
            raise UsageError(f"no stage or preset {n!r}; the stages are {known}; presets: {', '.join(PRESETS)}")
    return wanted, extra


def _with_requirements(wanted: set[str], extra: list[type[Any]]) -> set[str]:
    """``wanted`` and every bundled stage that assigns what a wanted stage (or a user's stage) requires."""
    for cls in extra:
        for need in cls.requires:
            wanted.update(n for n in STAGE_NAMES if need in CLASSES[n].assigns)
    for name in reversed(STAGE_NAMES):  # what each wanted stage needs comes from the stages before it
        if name in wanted:
            for need in CLASSES[name].requires:
                wanted.update(n for n in STAGE_NAMES[: STAGE_NAMES.index(name)] if need in CLASSES[n].assigns)
    return wanted


def stage_selection(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """Bundled stage names from a preset ("all", "spine") or a comma-separated list, with every stage they require
    before them added, in pipeline order: "narratives" brings structure, sentences, language and quotes along."""
    wanted, extra = _expand(spec)
    wanted = _with_requirements(wanted, extra)
    return tuple(n for n in STAGE_NAMES if n in wanted)


def default_pipeline(outlets: OutletRegistry | None = None, stages: str | Iterable[str] | None = None) -> Pipeline:
    """Every stage newsprism has (or those ``stages`` names, with what they require), in an order the pipeline
    checks; users' stages (``module:Class`` or an entry-point name) come after the bundled ones."""
    wanted, extra = _expand(stages)
    names = [n for n in STAGE_NAMES if n in _with_requirements(wanted, extra)]
    built: list[Stage] = [MetadataStage(outlets) if n == "metadata" else CLASSES[n]() for n in names]
    built.extend(cls() for cls in extra)
    return Pipeline(built)


__all__ = ["STAGE_NAMES", "Pipeline", "Stage", "StageBase", "default_pipeline", "plugin_stages", "serves", "stage_selection"]
