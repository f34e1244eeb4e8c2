"""Stages and the pipeline that runs them.

A stage is a small callable: document in, the same document out with more spans or metadata. It declares
what it ``requires`` (layers or metadata an earlier stage must assign), what it ``uses`` when present (read if
a stage of the pipeline assigns it, which must then run first), what it ``assigns``, and the ``languages`` it
serves (None: every language). A pipeline refuses, when it is assembled, an order in which a stage would run
before what it depends on; when it runs, it skips a stage for an article in a language the stage does not serve
and says so in ``doc.meta["skipped"]`` — an English article is never read with German quote rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, ClassVar, Protocol, runtime_checkable

from newsprism.document import Document
from newsprism.errors import NewsprismError, PipelineError
from newsprism.lang import DEFAULT_LANGUAGE

#: Layers and metadata every document has before any stage ran.
BASE_PROVIDES = frozenset({"text", "source"})
#: ``doc.meta`` key of the stages a pipeline skipped for the article's language: [{"stage", "reason"}].
SKIPPED = "skipped"


@runtime_checkable
class Stage(Protocol):
    """What the pipeline calls; see ``StageBase`` for a convenient base class."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def assigns(self) -> tuple[str, ...]: ...

    def __call__(self, doc: Document) -> Document: ...


class StageBase:
    """Base for stages: subclasses set ``name``, ``requires``, ``uses``, ``assigns``, ``languages`` and implement
    ``__call__``."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    uses: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    languages: ClassVar[tuple[str, ...] | None] = None

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}: {', '.join(self.requires) or '-'} -> {', '.join(self.assigns)}>"


def uses_of(stage: Stage) -> tuple[str, ...]:
    return tuple(getattr(stage, "uses", ()) or ())


def languages_of(stage: Stage) -> tuple[str, ...] | None:
    langs = getattr(stage, "languages", None)
    return tuple(langs) if langs is not None else None


def serves(stage: Stage, language: str | None) -> bool:
    """Whether ``stage`` reads articles in ``language`` (an article too short to tell is read as the default's)."""
    langs = languages_of(stage)
    return langs is None or (language or DEFAULT_LANGUAGE) in langs


ErrorHandler = Callable[[Document, Stage, Exception], None]


def _raise(doc: Document, stage: Stage, exc: Exception) -> None:
    raise exc


class Pipeline:
    """Stages in order, checked when assembled; ``pipe`` runs many documents lazily."""

    def __init__(self, stages: Sequence[Stage], on_error: ErrorHandler = _raise) -> None:
        self.stages = list(stages)
        self.on_error = on_error
        self._check()

    def _check(self) -> None:
        have = set(BASE_PROVIDES)
        order = ", ".join(s.name for s in self.stages)
        for n, stage in enumerate(self.stages):
            missing = [x for x in stage.requires if x not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                    f"put a stage that assigns it first (order now: {order})"
                )
            later = {x: s.name for s in self.stages[n + 1 :] for x in s.assigns}
            late = [f"{x} (assigned by {later[x]})" for x in uses_of(stage) if x in later and x not in have]
            if late:
                raise PipelineError(
                    f"stage {stage.name!r} uses {', '.join(late)}, which would be assigned after it; "
                    f"put that stage first (order now: {order})"
                )
            have.update(stage.assigns)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def provides(self) -> set[str]:
        have = set(BASE_PROVIDES)
        for s in self.stages:
            have.update(s.assigns)
        return have

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            if not serves(stage, doc.meta.get("language")):
                _note_skip(doc, stage)
                continue
            try:
                doc = stage(doc)
            except NewsprismError:
                raise
            except Exception as exc:  # a stage bug must not take the batch down: the handler decides
                self.on_error(doc, stage, exc)
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[Document]:
        """Run over ``docs`` lazily, ``batch_size`` at a time, so memory stays flat for any corpus size."""
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            for doc in batch:
                yield self(doc)


def _note_skip(doc: Document, stage: Stage) -> None:
    langs = languages_of(stage) or ()
    reason = f"no {stage.name} rules for language {doc.meta.get('language')!r} (it serves {', '.join(langs)})"
    skipped: list[dict[str, Any]] = doc.meta.setdefault(SKIPPED, [])
    skipped.append({"stage": stage.name, "reason": reason})
