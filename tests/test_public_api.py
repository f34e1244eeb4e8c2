"""The package root's public names are an API: changing them must be a decision, so this test pins them."""

import newsprism

EXPECTED = {
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
}


def test_exported_members():
    assert set(newsprism.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(newsprism, name), name
