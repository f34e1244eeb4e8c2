"""PolNeAR (Political News Attribution Relations, brat standoff) as gold files in the examples' format.

Each attribution relation (``E`` line: source, cue, content) becomes a gold quote — one per fragment when the
content is split by its cue ("“A,” she said. “B.”"), as the examples' gold counts them: its ``text`` the content, its ``kind`` direct when the
content is wholly inside quotation marks, mixed when it holds quoted words, indirect otherwise; its
``speaker_mention`` the source as written and its ``speaker`` the source when it names someone — a source that is
a pronoun or a common noun ("she", "sources", "a spokesman") has no name to compare with, so its quote is scored
for finding but not for its speaker. Relations with no source are kept (their speaker unknown). Articles with
several annotators' files are read with the first annotator's (sorted by code), as the corpus's own tools do.

    convert(root, "dev") → [(name, gold, text path)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SPLITS = ("train", "dev", "test")
_PRONOUNS = frozenset("i you he she it we they me him her us them his its our their this that these those who".split())
_QUOTES = '"“”«»„'


def is_polnear(folder: str | Path) -> bool:
    root = Path(folder)
    return (root / "data" / "dev" / "attributions").is_dir() or (root / "dev" / "attributions").is_dir()


def _data_root(folder: str | Path) -> Path:
    root = Path(folder)
    return root / "data" if (root / "data").is_dir() else root


def _spans(offsets: str) -> list[tuple[int, int]]:
    out = []
    for part in offsets.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path, text: str) -> list[dict[str, Any]]:
    """The attribution relations of one ``.ann`` file as gold quotes."""
    spans: dict[str, list[tuple[int, int]]] = {}
    relations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, body, *_ = line.split("\t")
            label, _, offsets = body.partition(" ")
            if label in ("Source", "Cue", "Content"):
                spans[tid] = _spans(offsets)
        elif line.startswith("E"):
            args = dict(part.split(":", 1) for part in line.split("\t")[1].split()[1:])
            relations.append(args)
    quotes = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if not content:
            continue
        source = " ".join(text[a:b] for a, b in spans.get(rel.get("Source", ""), []))
        cue = " ".join(text[a:b] for a, b in spans.get(rel.get("Cue", ""), []))
        for words in _fragments(text, content):
            q: dict[str, Any] = {"text": words.strip(_QUOTES + " \n").strip(), "kind": _kind(words), "cue": cue or None}
            q["speaker_mention"] = source or None
            q["speaker"] = source if _names(source) else None
            quotes.append(q)
    return quotes


def _fragments(text: str, content: list[tuple[int, int]]) -> list[str]:
    """A content split by its cue ("“A,” she said. “B.”") is two quotes, as newsprism and the examples' gold count
    them; fragments of a few words are joined to their neighbour."""
    parts: list[str] = []
    for a, b in content:
        words = text[a:b]
        if parts and (len(words.split()) < 4 or len(parts[-1].split()) < 4):
            parts[-1] = f"{parts[-1]} {words}"
        else:
            parts.append(words)
    return parts


def _kind(words: str) -> str:
    w = words.strip()
    marks = sum(w.count(c) for c in _QUOTES)
    if marks >= 2 and w[:1] in _QUOTES and w.rstrip(".,")[-1:] in _QUOTES:
        return "direct"
    return "mixed" if marks >= 2 else "indirect"


def _names(source: str) -> bool:
    """Whether a source names someone ("Clinton", "The Post"), not only a pronoun or a common noun ("sources")."""
    words = [w for w in re.findall(r"[\w’'.-]+", source) if w.lower() not in _PRONOUNS]
    return any(w[:1].isupper() for w in words[1:] or words) and not all(w.lower() in ("the", "a") for w in words)


def convert(folder: str | Path, split: str = "dev") -> Iterator[tuple[str, dict[str, Any], Path]]:
    """(article name, gold, text path) for every article of ``split``."""
    if split not in SPLITS:
        raise ValueError(f"PolNeAR has the splits {', '.join(SPLITS)}, not {split!r}")
    root = _data_root(folder) / split
    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(article, ann)
    for article, ann in sorted(anns.items()):
        text_path = root / "text" / f"{article}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        yield article, {"format": "newsprism-gold/1", "language": "en", "quotes": read_ann(ann, text)}, text_path


def write(folder: str | Path, out: str | Path, split: str = "dev") -> int:
    """Write the converted gold files beside copies of the texts' names into ``out`` (for ``eval quotes``)."""
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, gold, text_path in convert(folder, split):
        gold["file"] = str(text_path.resolve())
        (target / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        n += 1
    return n


__all__ = ["convert", "is_polnear", "read_ann", "write"]
