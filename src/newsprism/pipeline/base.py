"""Stages and the pipeline that runs them.

A stage is a small callable: document in, the same document out with more spans or metadata.
It declares what it ``needs`` and what it ``adds`` (layer or metadata names) so a pipeline can
refuse, when it is assembled, an order in which a stage would run before what it depends on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import ClassVar, Protocol, runtime_checkable

from newsprism.document import Document
from newsprism.errors import NewsprismError, PipelineError

#: Layers and metadata every document has before any stage ran.
BASE_PROVIDES = frozenset({"text", "source"})


@runtime_checkable
class Stage(Protocol):
    """What the pipeline calls; see ``StageBase`` for a convenient base class."""

    @property
    def name(self) -> str: ...

    @property
    def needs(self) -> tuple[str, ...]: ...

    @property
    def adds(self) -> tuple[str, ...]: ...

    def __call__(self, doc: Document) -> Document: ...


class StageBase:
    """Base for stages: subclasses set ``name``, ``needs``, ``adds`` and implement ``__call__``."""

    name: ClassVar[str] = ""
    needs: ClassVar[tuple[str, ...]] = ()
    adds: ClassVar[tuple[str, ...]] = ()

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}: {', '.join(self.needs) or '-'} -> {', '.join(self.adds)}>"


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
        for stage in self.stages:
            missing = [n for n in stage.needs if n not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} needs {', '.join(missing)}, which no earlier stage adds; "
                    f"put a stage that adds it first (order now: {', '.join(s.name for s in self.stages)})"
                )
            have.update(stage.adds)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def provides(self) -> set[str]:
        have = set(BASE_PROVIDES)
        for s in self.stages:
            have.update(s.adds)
        return have

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
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
