"""Derive a first-name list from GermEval 2014 PER spans (CC BY 4.0) into src/newsprism/data/first_names_germeval.txt.

    python scripts/build_first_names.py ../shared/data/ner-de

A first name here is the first token of a person span of two or more tokens: alphabetic, capitalised, at least
three letters, not a title or particle. The data itself is never copied; only this derived word list ships.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

NOT_NAMES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "la",
    "le",
    "al",
    "bin",
    "ibn",
    "Lady",
    "Sir",
    "Lord",
    "Papst",
    "Kaiser",
    "König",
    "Prinz",
    "Herr",
    "Frau",
    "Dr",
    "Prof",
    "Sankt",
    "Saint",
    "San",
    "Santa",
    "St",
    "Graf",
    "Gräfin",
    "Bischof",
    "Chr",
    "August",
    "April",
    "Mai",
    "Juni",
    "Juli",
}
OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "data" / "first_names_germeval.txt"


def spans(path: Path):
    span: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 3:
            if span:
                yield span
            span = []
            continue
        tag = parts[2]
        if tag == "B-PER":
            if span:
                yield span
            span = [parts[1]]
        elif tag == "I-PER" and span:
            span.append(parts[1])
        else:
            if span:
                yield span
            span = []


HELD_OUT = 550


def sentence_spans(path: Path):
    """The person spans (lists of tokens) of each sentence, one list per sentence."""
    sentence: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#"):
            continue
        if line.strip():
            parts = line.split("\t")
            sentence.append((parts[1], parts[2]))
            continue
        if sentence:
            found: list[list[str]] = []
            for word, tag in sentence:
                if tag == "B-PER":
                    found.append([word])
                elif tag == "I-PER" and found:
                    found[-1].append(word)
            yield found
        sentence = []


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ner-de")
    counts: Counter[str] = Counter()
    for name in ("NER-de-dev.tsv", "NER-de-test-a.tsv"):
        sentences = list(sentence_spans(folder / name))
        if name == "NER-de-test-a.tsv":
            sentences = sentences[:-HELD_OUT]  # the NER's held-out sentences stay unseen (scripts/train_ner.py)
        for span in (s for sent in sentences for s in sent):
            first = span[0]
            if len(span) >= 2 and first.isalpha() and first[0].isupper() and len(first) >= 3 and first not in NOT_NAMES:
                counts[first] += 1
    header = "# First names derived from GermEval 2014 (dev + test-a but its last 550 sentences) person spans, CC BY 4.0: Benikova, Biemann,\n"
    header += "# Reznicek, NoSta-D Named Entity Annotation for German, LREC 2014. Built by scripts/build_first_names.py.\n"
    OUT.write_text(header + "\n".join(sorted(counts)) + "\n", encoding="utf-8")
    print(f"{len(counts)} first names → {OUT}")


if __name__ == "__main__":
    main()
