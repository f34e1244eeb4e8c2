"""Narrative catalogues: the bundled one (``data/narratives.yaml``, written by the project), the users' YAML files
(``$NEWSPRISM_NARRATIVES``), and catalogues imported from data sets (``newsprism narratives import``), which live in
``$NEWSPRISM_HOME/narratives`` as a JSON file (narratives, examples, cue words) and an ``.npz`` beside it (the
examples' embeddings and the classifier trained on them at import).

Embeddings of a catalogue's examples are computed once and cached (``$NEWSPRISM_CACHE``), keyed by their text.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from newsprism.errors import UsageError
from newsprism.paths import cache_home, data_home
from newsprism.pipeline.narratives.features import Tfidf

FORMAT = "newsprism-narratives/1"
ENV_VAR = "NEWSPRISM_NARRATIVES"


@dataclass(slots=True)
class Narrative:
    id: str
    label: str
    description: str = ""
    taxonomy: str | None = None
    examples: dict[str, list[str]] = field(default_factory=dict)  # language → phrasings
    topic: re.Pattern[str] | None = None  # written cues (bundled and users' YAML)
    claim: re.Pattern[str] | None = None
    terms: frozenset[str] = frozenset()  # learnt cue stems (imported catalogues)
    context: re.Pattern[str] | None = None  # what the article must mention somewhere (the war: Ukraine, Russia, …)
    rebuttal: dict[str, Any] = field(default_factory=dict)  # {"text", "sources": [url, …]}

    def ref(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "taxonomy": self.taxonomy}


@dataclass(slots=True)
class LinearModel:
    """Multinomial logistic regression over [embedding · ``emb_weight``, tf-idf of stems]: which narrative."""

    classes: list[str]
    weights: np.ndarray  # (classes, 384 + vocabulary)
    bias: np.ndarray
    tfidf: Tfidf
    emb_weight: float = 2.0

    def proba(self, emb: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        x = np.hstack([emb * self.emb_weight, self.tfidf.matrix(texts)])
        z = x @ self.weights.T + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass(slots=True)
class Catalogue:
    name: str
    source: str
    narratives: list[Narrative]
    version: str = ""
    classifier: LinearModel | None = None
    _emb: np.ndarray | None = None
    _texts: list[str] = field(default_factory=list)
    _owner: np.ndarray | None = None
    any_claim: re.Pattern[str] | None = None  # every narrative's claim cue in one pattern: most sentences have none
    any_topic: re.Pattern[str] | None = None
    _by_term: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.any_claim = _union(n.claim for n in self.narratives)
        self.any_topic = _union(n.topic for n in self.narratives)
        for j, n in enumerate(self.narratives):
            for t in n.terms:
                self._by_term.setdefault(t, []).append(j)
        ids = [n.id for n in self.narratives]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise UsageError(f"{self.source}: narrative ids must be unique; repeated: {', '.join(sorted(dup))}")
        owner: list[int] = []
        for k, n in enumerate(self.narratives):
            for phrasings in n.examples.values():
                self._texts.extend(phrasings)
                owner.extend([k] * len(phrasings))
        self._owner = np.asarray(owner, dtype=np.int32)

    def __len__(self) -> int:
        return len(self.narratives)

    @property
    def has_terms(self) -> bool:
        return bool(self._by_term)

    def term_counts(self, stems: set[str]) -> dict[int, int]:
        """How many of each narrative's typical stems are among ``stems`` (narratives with none left out)."""
        counts: dict[int, int] = {}
        for t in stems:
            for j in self._by_term.get(t, ()):
                counts[j] = counts.get(j, 0) + 1
        return counts

    def get(self, narrative_id: str) -> Narrative | None:
        return next((n for n in self.narratives if n.id == narrative_id), None)

    @property
    def example_texts(self) -> list[str]:
        return self._texts

    @property
    def example_owner(self) -> np.ndarray:
        assert self._owner is not None
        return self._owner

    def embeddings(self) -> np.ndarray:
        """The examples' embeddings (rows in ``example_texts`` order), from the cache or computed now."""
        if self._emb is None:
            self._emb = _cached_embeddings(self._texts)
        return self._emb

    def set_embeddings(self, emb: np.ndarray) -> None:
        if emb.shape[0] != len(self._texts):
            raise UsageError(f"{self.source}: {emb.shape[0]} embeddings for {len(self._texts)} examples; import it again")
        self._emb = emb.astype(np.float32)


def _cached_embeddings(texts: list[str]) -> np.ndarray:
    from newsprism.embed import embed

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    key = hashlib.sha256("\n\x00".join(texts).encode("utf-8")).hexdigest()[:24]
    path = cache_home() / "narrative-embeddings" / f"{key}.npy"
    try:
        return np.asarray(np.load(path), dtype=np.float32)
    except (OSError, ValueError):
        pass
    emb = embed(texts)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(tmp, emb.astype(np.float16))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: compute again next time
    return emb


def _union(patterns: Iterable[re.Pattern[str] | None]) -> re.Pattern[str] | None:
    parts = [p.pattern for p in patterns if p is not None]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I) if parts else None


# --- reading --------------------------------------------------------------------------------------------------------
def _pattern(text: Any, where: str) -> re.Pattern[str] | None:
    if not text:
        return None
    alternation = re.sub(r"\s+", "", str(text))
    try:
        return re.compile(rf"\b(?:{alternation})", re.I)
    except re.error as exc:
        raise UsageError(f"{where}: not a regular expression: {exc}") from exc


def narrative_from(raw: dict[str, Any], where: str, context: Any = None) -> Narrative:
    nid, label = str(raw.get("id") or ""), str(raw.get("label") or "")
    if not nid or not label:
        raise UsageError(f"{where}: every narrative needs an id and a label")
    examples = raw.get("examples") or {}
    if isinstance(examples, list):
        examples = {"de": examples}
    cues = raw.get("cues") or {}
    rebuttal = raw.get("rebuttal") or {}
    if isinstance(rebuttal, str):
        rebuttal = {"text": rebuttal, "sources": []}
    return Narrative(
        id=nid,
        label=label,
        description=str(raw.get("description") or "").strip(),
        taxonomy=raw.get("taxonomy"),
        examples={str(k): [str(x) for x in v] for k, v in examples.items() if v},
        topic=_pattern(cues.get("topic"), f"{where}: {nid}: cues.topic"),
        claim=_pattern(cues.get("claim"), f"{where}: {nid}: cues.claim"),
        terms=frozenset(raw.get("terms") or ()),
        context=_pattern(raw.get("context", context), f"{where}: {nid}: context"),
        rebuttal={"text": str(rebuttal.get("text") or "").strip(), "sources": list(rebuttal.get("sources") or [])},
    )


def catalogue_from(data: dict[str, Any], name: str, source: str) -> Catalogue:
    narratives = [narrative_from(n, source, data.get("context")) for n in data.get("narratives") or []]
    return Catalogue(name, source, narratives, str(data.get("version") or ""))


def read_catalogue(path: Path) -> Catalogue:
    """A YAML catalogue (the bundled format) or an imported JSON one with its ``.npz`` beside it."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: cannot read this narrative catalogue: {exc}") from exc
    if not isinstance(data, dict) or "narratives" not in data:
        raise UsageError(f"{path}: not a narrative catalogue (no 'narratives' list)")
    cat = catalogue_from(data, str(data.get("name") or path.stem), str(path))
    arrays = path.with_suffix(".npz")
    if path.suffix == ".json" and arrays.exists():
        _attach_arrays(cat, arrays)
    return cat


def _attach_arrays(cat: Catalogue, path: Path) -> None:
    with np.load(path, allow_pickle=False) as z:
        cat.set_embeddings(np.asarray(z["embeddings"], dtype=np.float32))
        if "weights" in z:
            meta = json.loads(str(z["meta"]))
            tfidf = Tfidf({w: i for i, w in enumerate(meta["vocab"])}, z["idf"])
            cat.classifier = LinearModel(meta["classes"], z["weights"], z["bias"], tfidf, float(meta["emb_weight"]))


def write_catalogue(cat: Catalogue, path: Path, data: dict[str, Any]) -> None:
    """Write an imported catalogue: ``data`` (JSON-ready narratives) and the arrays of ``cat``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = {"embeddings": cat.embeddings().astype(np.float16)}
    if cat.classifier is not None:
        m = cat.classifier
        vocab = sorted(m.tfidf.vocab, key=m.tfidf.vocab.__getitem__)
        meta = {"classes": m.classes, "vocab": vocab, "emb_weight": m.emb_weight}
        arrays.update(weights=m.weights.astype(np.float32), bias=m.bias, idf=m.tfidf.idf, meta=np.array(json.dumps(meta)))
    np.savez_compressed(path.with_suffix(".npz"), **arrays)
    path.write_text(json.dumps({"format": FORMAT, **data}, ensure_ascii=False, indent=1), encoding="utf-8")


@lru_cache(maxsize=1)
def bundled() -> Catalogue:
    text = resources.files("newsprism.data").joinpath("narratives.yaml").read_text(encoding="utf-8")
    return catalogue_from(yaml.safe_load(text), "newsprism", "newsprism/data/narratives.yaml")


def imported_dir() -> Path:
    return data_home() / "narratives"


def catalogue_paths() -> list[Path]:
    """The users' catalogue files: $NEWSPRISM_NARRATIVES, then the imported ones."""
    paths = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    folder = imported_dir()
    if folder.is_dir():
        paths.extend(sorted(folder.glob("*.json")))
    return paths


def load_catalogues(extra: Sequence[Path] = ()) -> list[Catalogue]:
    """Every catalogue in use: the bundled one, the users' files and the imported ones."""
    return [bundled(), *(read_catalogue(p) for p in (*catalogue_paths(), *extra))]
