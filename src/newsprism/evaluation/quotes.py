"""Score quote extraction against gold files in the examples' format (``newsprism-gold/1``).

The rules are those of the examples' README: a predicted quote is found when its tokens overlap a
gold quote's text with an F1 of at least 0.5 (each gold quote matched at most once, best overlaps
first); its speaker is right when the predicted name is the gold's canonical name, one of its
aliases, or shares its surname. Gold quotes marked ``optional`` are neither rewarded nor punished:
a prediction that matches one is not counted at all.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.document import Document, Source
from newsprism.pipeline.base import Pipeline
from newsprism.text import match_key

MATCH_F1 = 0.5
_PRONOUNS = frozenset("er sie es ich wir ihr ihm ihn ihnen mir mich uns man der die das dem den dessen deren".split())
_TOKEN = re.compile(r"\w+", re.UNICODE)


def quote_tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text)]


def token_f1(a: Sequence[str], b: Sequence[str]) -> float:
    if not a or not b:
        return 0.0
    overlap = sum((Counter(a) & Counter(b)).values())
    return 2 * overlap / (len(a) + len(b))


def _surname(name: str) -> str:
    toks = [t for t in _TOKEN.findall(name) if not t.isdigit()]
    return _nogen(toks[-1]) if toks else ""


def _nogen(word: str) -> str:
    w = word.casefold()
    return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "os", "as")) else w


def _name_words(name: str) -> set[str]:
    """Capitalised words of a gold name. Gold names in the WikiNews set are whole mentions ("Manfred Berg, der
    Dekan der Philosophischen Fakultät"), whose surname is not their last word."""
    return {_nogen(t) for t in _TOKEN.findall(name) if t[:1].isupper() and not t.isdigit()}


def _name_key(name: str) -> str:
    """Names compare without the quote marks around them: „heise online“ is heise online."""
    return match_key(name).replace('"', "").strip()


def speaker_matches(predicted: str | None, gold: str | None, aliases: dict[str, list[str]], strict: bool = False) -> bool:
    """The canonical name, one of its aliases, or the same surname: the predicted name's last word is the last
    word of the gold name or an alias (``strict``), or any capitalised word of them (the default)."""
    if not predicted or not gold:
        return False
    names = [gold, *aliases.get(gold, [])]
    key = _name_key(predicted)
    if any(_name_key(n) == key for n in names):
        return True
    sur = _surname(predicted)
    if not sur:
        return False
    if strict:
        return any(_surname(n) == sur for n in names)
    return any(sur in _name_words(n) for n in names)


@dataclass(slots=True)
class Predicted:
    text: str
    kind: str
    speaker: str | None
    mention: str | None = None


@dataclass(slots=True)
class ArticleResult:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_ok: int = 0
    speaker_strict_ok: int = 0
    speaker_or_mention_ok: int = 0
    speaker_total: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[Predicted] = field(default_factory=list)
    wrong_speaker: list[tuple[dict[str, Any], Predicted]] = field(default_factory=list)
    by_kind: Counter[str] = field(default_factory=Counter)  # "kind:tp" / "kind:fn" / "kind:fp"

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 1.0 if denom == 0 else 2 * self.tp / denom


def score_article(name: str, gold: dict[str, Any], predicted: Sequence[Predicted]) -> ArticleResult:
    # Gold "attributions" ("Laut Belta wurde …") are source attributions without a speech verb; the quote
    # task counts "Laut X" as indirect speech, so finding them is neither rewarded nor punished.
    golds = list(gold.get("quotes", [])) + [
        {"text": a["text"], "kind": "indirect", "speaker": a.get("source"), "optional": True}
        for a in gold.get("attributions", [])
    ]
    aliases = gold.get("aliases", {}) or {}
    gtoks = [quote_tokens(g["text"]) for g in golds]
    ptoks = [quote_tokens(p.text) for p in predicted]
    pairs = sorted(
        ((token_f1(pt, gt), i, j) for i, pt in enumerate(ptoks) for j, gt in enumerate(gtoks)),
        key=lambda x: -x[0],
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    res = ArticleResult(name)
    for f1, i, j in pairs:
        if f1 < MATCH_F1:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        g, p = golds[j], predicted[i]
        if g.get("optional"):
            continue
        res.tp += 1
        res.by_kind[f"{g['kind']}:tp"] += 1
        if g.get("speaker"):
            res.speaker_total += 1
            res.speaker_strict_ok += speaker_matches(p.speaker, g["speaker"], aliases, strict=True)
            mention = p.mention or ""
            res.speaker_or_mention_ok += speaker_matches(p.speaker, g["speaker"], aliases) or (
                bool(mention) and mention.casefold() not in _PRONOUNS and speaker_matches(mention, g["speaker"], aliases)
            )
            if speaker_matches(p.speaker, g["speaker"], aliases):
                res.speaker_ok += 1
            else:
                res.wrong_speaker.append((g, p))
    for j, g in enumerate(golds):
        if j not in used_g and not g.get("optional"):
            res.fn += 1
            res.by_kind[f"{g['kind']}:fn"] += 1
            res.missed.append(g)
    for i, p in enumerate(predicted):
        if i not in used_p:
            res.fp += 1
            res.by_kind[f"{p.kind}:fp"] += 1
            res.spurious.append(p)
    return res


@dataclass(slots=True)
class Report:
    articles: list[ArticleResult]

    def totals(self) -> dict[str, Any]:
        tp = sum(a.tp for a in self.articles)
        fp = sum(a.fp for a in self.articles)
        fn = sum(a.fn for a in self.articles)
        sp_ok = sum(a.speaker_ok for a in self.articles)
        sp_strict = sum(a.speaker_strict_ok for a in self.articles)
        sp_mention = sum(a.speaker_or_mention_ok for a in self.articles)
        sp_n = sum(a.speaker_total for a in self.articles)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        kinds: Counter[str] = Counter()
        for a in self.articles:
            kinds.update(a.by_kind)
        by_kind = {}
        for kind in sorted({k.split(":")[0] for k in kinds}):
            ktp, kfn, kfp = kinds[f"{kind}:tp"], kinds[f"{kind}:fn"], kinds[f"{kind}:fp"]
            by_kind[kind] = {
                "gold": ktp + kfn,
                "found": ktp,
                "recall": round(ktp / (ktp + kfn), 4) if ktp + kfn else None,
                "spurious": kfp,
            }
        return {
            "articles": len(self.articles),
            "gold_required": tp + fn,
            "predicted_scored": tp + fp,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "speaker_accuracy": round(sp_ok / sp_n, 4) if sp_n else None,
            "speaker_accuracy_last_word": round(sp_strict / sp_n, 4) if sp_n else None,
            "speaker_accuracy_name_or_mention": round(sp_mention / sp_n, 4) if sp_n else None,
            "speaker_scored": sp_n,
            "by_kind": by_kind,
        }

    def worst(self, n: int) -> list[ArticleResult]:
        return sorted((a for a in self.articles if a.fn or a.fp), key=lambda a: (a.f1, -a.fn))[:n]

    def format(self, worst: int = 10, width: int = 100) -> str:
        """The report for people: totals, the breakdown by kind, and the worst articles with what went wrong."""
        t = self.totals()

        def pct(x: float | None) -> str:
            return "—" if x is None else f"{x:.3f}"

        lines = [
            f"articles {t['articles']}   gold quotes {t['gold_required']}   predicted {t['predicted_scored']}"
            "   (optional gold quotes and scare quotes not counted)",
            f"precision {pct(t['precision'])}   recall {pct(t['recall'])}   F1 {pct(t['f1'])}",
            f"speaker accuracy {pct(t['speaker_accuracy'])} of {t['speaker_scored']} found quotes with a gold speaker"
            f"   (last word only {pct(t['speaker_accuracy_last_word'])}; name or mention"
            f" {pct(t['speaker_accuracy_name_or_mention'])})",
            "",
            f"  {'kind':<10}{'gold':>6}{'found':>7}{'recall':>8}{'spurious':>10}",
        ]
        for kind, k in t["by_kind"].items():
            lines.append(f"  {kind:<10}{k['gold']:>6}{k['found']:>7}{pct(k['recall']):>8}{k['spurious']:>10}")
        bad = self.worst(worst)
        if bad:
            lines += ["", f"worst {len(bad)} articles:"]

        def cut(s: str | None, n: int = width - 30) -> str:
            s = " ".join((s or "").split())
            return s if len(s) <= n else s[: n - 1] + "…"

        for a in bad:
            lines.append(f"  {a.name}  F1 {a.f1:.2f}  missed {a.fn}  spurious {a.fp}  wrong speaker {len(a.wrong_speaker)}")
            for g in a.missed:
                lines.append(f"    missed    [{g['kind']}] “{cut(g['text'])}” — {g.get('speaker') or '?'}")
            for p in a.spurious:
                lines.append(f"    spurious  [{p.kind}] “{cut(p.text)}” — {p.speaker or '?'}")
            for g, p in a.wrong_speaker:
                lines.append(f"    speaker   “{cut(g['text'], 50)}” gold {g.get('speaker')}, predicted {p.speaker or '—'}")
        return "\n".join(lines)


def gold_files(folder: str | Path) -> Iterator[tuple[Path, dict[str, Any], Path]]:
    """(gold path, gold, text path) for every ``*.gold.json`` whose text file is beside it."""
    for g in sorted(Path(folder).glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = g.with_name(gold.get("file") or g.name.replace(".gold.json", ".txt"))
        if text.exists():
            yield g, gold, text


def predictions(doc: Document) -> list[Predicted]:
    out = []
    for q in doc.layer("quotes"):
        if q.label == "scare":
            continue
        spk = q.attrs.get("speaker") or {}
        out.append(Predicted(doc.span_text(q), q.label, spk.get("name"), spk.get("mention")))
    return out


def gold_articles(folder: str | Path, split: str = "dev") -> Iterator[tuple[str, dict[str, Any], Path]]:
    """(name, gold, text path) of every article in ``folder``: gold files beside their texts, or a PolNeAR folder's
    ``split`` converted."""
    from newsprism.evaluation import polnear

    if polnear.is_polnear(folder):
        yield from polnear.convert(folder, split)
        return
    for g, gold, text_path in gold_files(folder):
        yield g.name.replace(".gold.json", ""), gold, text_path


def evaluate(
    folder: str | Path, pipeline: Pipeline, names: Iterable[str] | None = None, split: str = "dev", limit: int | None = None
) -> Report:
    """Run ``pipeline`` over every article with a gold file in ``folder`` (or those in ``names``) and score it."""
    wanted = set(names) if names is not None else None
    results: list[ArticleResult] = []
    for name, gold, text_path in gold_articles(folder, split):
        if limit is not None and len(results) >= limit:
            break
        if wanted is not None and name not in wanted:
            continue
        doc = pipeline(Document(text_path.read_text(encoding="utf-8"), source=Source(path=str(text_path))))
        results.append(score_article(name, gold, predictions(doc)))
    return Report(results)
