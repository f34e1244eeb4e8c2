"""newsprism: who said what, when, about whom — from raw news, with every fact pointing at its source characters."""

from __future__ import annotations

from newsprism.document import Document, Source, Span
from newsprism.errors import InputError, NewsprismError, PipelineError, SpanError, StorageError, UsageError
from newsprism.pipeline import Pipeline, Stage, StageBase, default_pipeline

__version__ = "0.1.0"

__all__ = [
    "Document",
    "InputError",
    "NewsprismError",
    "Pipeline",
    "PipelineError",
    "Source",
    "Span",
    "SpanError",
    "Stage",
    "StageBase",
    "StorageError",
    "UsageError",
    "__version__",
    "default_pipeline",
]
