from __future__ import annotations

import pytest

from newsprism import Document, Pipeline, PipelineError, StageBase, default_pipeline


class Adds(StageBase):
    name = "adds"
    adds = ("thing",)

    def __call__(self, doc: Document) -> Document:
        doc.meta["thing"] = 1
        return doc


class Needs(StageBase):
    name = "needs"
    needs = ("thing",)
    adds = ("other",)

    def __call__(self, doc: Document) -> Document:
        doc.meta["other"] = doc.meta["thing"] + 1
        return doc


def test_order_is_checked_when_assembled():
    with pytest.raises(PipelineError, match="needs thing"):
        Pipeline([Needs(), Adds()])
    assert Pipeline([Adds(), Needs()])(Document("x")).meta["other"] == 2


def test_default_pipeline_is_consistent():
    p = default_pipeline()
    assert p.names[:2] == ["structure", "sentences"]
    assert {"boilerplate", "paragraphs", "sentences", "language", "published", "outlet"} <= p.provides()


def test_pipe_is_lazy_and_ordered():
    p = Pipeline([Adds()])
    seen = []

    def docs():
        for i in range(5):
            seen.append(i)
            yield Document(f"text {i}")

    it = p.pipe(docs(), batch_size=2)
    first = next(it)
    assert first.text == "text 0" and seen == [0, 1]
    assert [d.text for d in it] == [f"text {i}" for i in range(1, 5)]


def test_stage_bug_goes_to_the_error_handler():
    class Broken(StageBase):
        name = "broken"

        def __call__(self, doc: Document) -> Document:
            raise RuntimeError("boom")

    seen = []
    p = Pipeline([Broken(), Adds()], on_error=lambda doc, stage, exc: seen.append((stage.name, str(exc))))
    assert p(Document("x")).meta["thing"] == 1
    assert seen == [("broken", "boom")]
