from __future__ import annotations

import pytest

from newsprism import Document, Pipeline, PipelineError, StageBase, default_pipeline


class Adds(StageBase):
    name = "adds"
    assigns = ("thing",)

    def __call__(self, doc: Document) -> Document:
        doc.meta["thing"] = 1
        return doc


class Needs(StageBase):
    name = "needs"
    requires = ("thing",)
    assigns = ("other",)

    def __call__(self, doc: Document) -> Document:
        doc.meta["other"] = doc.meta["thing"] + 1
        return doc


def test_order_is_checked_when_assembled():
    with pytest.raises(PipelineError, match="requires thing"):
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


class UsesThing(StageBase):
    name = "uses-thing"
    uses = ("thing",)
    assigns = ("seen",)

    def __call__(self, doc: Document) -> Document:
        doc.meta["seen"] = doc.meta.get("thing")
        return doc


def test_a_used_layer_must_come_first_when_it_is_in_the_pipeline():
    assert Pipeline([UsesThing()])(Document("x")).meta["seen"] is None  # not in the pipeline: fine, read when present
    with pytest.raises(PipelineError, match="uses thing"):
        Pipeline([UsesThing(), Adds()])
    assert Pipeline([Adds(), UsesThing()])(Document("x")).meta["seen"] == 1


class GermanOnly(StageBase):
    name = "german-only"
    assigns = ("german",)
    languages = ("de",)

    def __call__(self, doc: Document) -> Document:
        doc.meta["german"] = True
        return doc


def test_a_stage_is_skipped_visibly_for_a_language_it_does_not_serve():
    p = Pipeline([GermanOnly()])
    fr = p(Document("x", meta={"language": "fr"}))
    assert "german" not in fr.meta
    assert fr.meta["skipped"] == [{"stage": "german-only", "reason": "no german-only rules for language 'fr' (it serves de)"}]
    de = p(Document("x", meta={"language": "de"}))
    assert de.meta["german"] and "skipped" not in de.meta


def test_an_unsupported_language_gets_no_german_quote_rules_and_says_so():
    from newsprism.output import contract

    text = "Ceci est un article en français. « Nous allons négocier », a déclaré le président lundi à Paris devant la presse."
    doc = default_pipeline()(Document(text))
    assert doc.meta["language"] == "fr"
    out = contract(doc)
    assert out["quotes"] == [] and out["dates"] == [] and out["entities"] == []
    assert {s["stage"] for s in out["skipped"]} >= {"quotes", "dates", "entities"}


def test_a_users_stage_joins_by_module_and_class():
    p = default_pipeline(stages="spine,tests.test_pipeline:UsesLanguage")
    assert p.names[-1] == "uses-language" and "language" in p.names
    assert p(Document("Ein kurzer deutscher Satz, der etwas länger ist als zwanzig Buchstaben.")).meta["lang_seen"] == "de"


def test_a_stage_spec_that_names_nothing_is_a_usage_error():
    from newsprism.errors import UsageError

    with pytest.raises(UsageError, match="cannot load the stage"):
        default_pipeline(stages="tests.test_pipeline:Nothing")
    with pytest.raises(UsageError, match="no stage or preset 'nothing'"):
        default_pipeline(stages="nothing")


class UsesLanguage(StageBase):
    name = "uses-language"
    requires = ("language",)
    assigns = ("lang_seen",)

    def __call__(self, doc: Document) -> Document:
        doc.meta["lang_seen"] = doc.meta.get("language")
        return doc
