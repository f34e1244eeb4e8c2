"""Scoring narratives, techniques and claims against gold files in the examples' format.

A gold narrative is found when a predicted one has its id and evidence whose tokens overlap the gold evidence with
F1 >= 0.5; a gold technique likewise with the technique's name; a gold claim when a predicted claim overlaps its text
so. Predictions that match no gold item are counted as ``extra`` (for a layer the gold file lists).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsprism.document import Document, Span
from newsprism.evaluation.quotes import MATCH_F1, quote_tokens, token_f1
from newsprism.pipeline import Pipeline, default_pipeline

LAYERS = {"narratives": ("id", "evidence"), "techniques": ("technique", "evidence"), "claims": (None, "text")}


def _matches(doc: Document, span: Span, label: str | None, gold: dict[str, Any], key: str | None, text_key: str) -> bool:
    if key is not None and span.label != gold.get(key):
        return False
    return token_f1(quote_tokens(doc.span_text(span)), quote_tokens(str(gold.get(text_key, "")))) >= MATCH_F1


def score_document(doc: Document, gold: dict[str, Any], name: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"missed": []}
    for layer, (key, text_key) in LAYERS.items():
        if layer not in gold:
            continue
        items = [g for g in gold[layer] if g.get("checkworthy", True) and not g.get("optional")]
        spans = doc.layer(layer)
        found = 0
        for g in items:
            if any(_matches(doc, s, None, g, key, text_key) for s in spans):
                found += 1
            else:
                label = g.get(key) if key else "claim"
                out["missed"].append({"file": name, "layer": layer, "label": label, "evidence": g.get(text_key, "")})
        extra = sum(1 for s in spans if not any(_matches(doc, s, None, g, key, text_key) for g in gold[layer]))
        out[layer] = {"gold": len(items), "found": found, "predicted": len(spans), "extra": extra}
    return out


def evaluate_findings(gold_dir: Path, pipeline: Pipeline | None = None) -> dict[str, Any]:
    pipeline = pipeline or default_pipeline()
    totals: dict[str, Any] = {layer: {"gold": 0, "found": 0, "predicted": 0, "extra": 0} for layer in LAYERS}
    totals["missed"] = []
    totals["articles"] = 0
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        if not text_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = pipeline(Document(text_path.read_text(encoding="utf-8")))
        s = score_document(doc, gold, text_path.name)
        totals["articles"] += 1
        totals["missed"].extend(s.pop("missed"))
        for layer, counts in s.items():
            for k, v in counts.items():
                totals[layer][k] += v
    for layer in LAYERS:
        t = totals[layer]
        t["recall"] = t["found"] / t["gold"] if t["gold"] else 1.0
    return totals
