"""Commands for claims, narratives and persuasion techniques: the narrative catalogues (list, import, remove),
which narratives the stored articles repeat, an outlet's profile over time, and the evaluations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from newsprism.cli.options import db_option, filter_options, filters_from
from newsprism.document import Document
from newsprism.errors import UsageError
from newsprism.lang import quoted
from newsprism.output import plain
from newsprism.storage import display, open_store


def _cut(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _voice(v: dict[str, Any] | None) -> str:
    if not v or v.get("kind") == "outlet":
        return f"the outlet ({v.get('name')})" if v and v.get("name") else "the outlet"
    return str(v.get("name") or "a speaker")


def describe_findings(doc: Document, top_claims: int = 4) -> list[str]:
    """Narratives (with the rebuttal's first sentence), techniques and the strongest claims, a line each."""
    out: list[str] = []
    lang = doc.meta.get("language")
    narratives = doc.layer("narratives")
    if narratives:
        out.append(f"  {'narratives':<11}{len(narratives)}:")
        for n in narratives:
            out.append(
                f"    {n.attrs['label']} [{n.label}] {n.attrs['score']:.2f} {n.attrs['stance']} by {_voice(n.attrs.get('voice'))}: "
                f"{quoted(_cut(doc.span_text(n), 90), lang)}"
            )
            rebuttal = (n.attrs.get("rebuttal") or {}).get("text") or ""
            if rebuttal:
                out.append(f"      rebuttal: {_cut(rebuttal.split('. ')[0], 120)}")
    techniques = doc.layer("techniques")
    if techniques:
        out.append(f"  {'techniques':<11}{len(techniques)}:")
        out.extend(
            f"    {t.label} by {_voice(t.attrs.get('voice'))}: {quoted(_cut(doc.span_text(t), 90), lang)}" for t in techniques
        )
    claims = doc.layer("claims")
    if claims:
        out.append(f"  {'claims':<11}{len(claims)} check-worthy sentences; the strongest:")
        for c in sorted(claims, key=lambda c: -float(c.attrs["score"]))[:top_claims]:
            out.append(
                f"    {c.attrs['score']:.2f} by {_voice(c.attrs.get('voice'))}: {quoted(_cut(doc.span_text(c), 90), lang)}"
            )
    return out


def register(cli: click.Group, eval_group: click.Group) -> None:
    cli.add_command(narratives)
    cli.add_command(outlet)
    eval_group.add_command(eval_findings)
    eval_group.add_command(eval_narratives)
    eval_group.add_command(eval_claims)


# --- narratives ---------------------------------------------------------------------------------------------------
@click.group()
def narratives() -> None:
    """Known disinformation narratives: the catalogues, importing data sets, and which narratives articles repeat."""


@narratives.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def narratives_list(as_json: bool) -> None:
    """The narratives of every catalogue in use: the bundled one, $NEWSPRISM_NARRATIVES, the imported ones."""
    from newsprism.pipeline.narratives.catalogue import load_catalogues

    for cat in load_catalogues():
        if not as_json:
            click.echo(click.style(f"{cat.name}", bold=True) + f"  {len(cat)} narratives  ({cat.source})")
        for n in cat.narratives:
            examples = sum(len(v) for v in n.examples.values())
            if as_json:
                click.echo(json.dumps({"catalogue": cat.name, **n.ref(), "examples": examples}, ensure_ascii=False))
            else:
                click.echo(f"  {n.id:<34} {_cut(n.label, 80)}  ({examples} examples)")


@narratives.command(name="import")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(["propaganda-diary", "euvsdisinfo"]))
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--name", help="Name of the catalogue (default: the format's name); importing again replaces it.")
@click.option("--country", "countries", multiple=True, help="Propaganda Diary: only cases from this country (repeatable).")
def narratives_import(fmt: str, path: str, name: str | None, countries: tuple[str, ...]) -> None:
    """Import a narrative data set as a catalogue: the Propaganda Diary (dataDe.json, …) or EUvsDisinfo (CSV).

    The data set's narrative names become the labels, its case texts the example phrasings; the catalogue is
    written to $NEWSPRISM_HOME/narratives and used by every later analysis."""
    from newsprism.pipeline.narratives.imports import import_cases

    target = import_cases(fmt, Path(path), name, countries, progress=lambda m: click.echo(m, err=True))
    data = json.loads(target.read_text(encoding="utf-8"))
    click.echo(f"imported {len(data['narratives'])} narratives from {path} → {target}")


@narratives.command(name="remove")
@click.argument("name")
def narratives_remove(name: str) -> None:
    """Remove an imported catalogue."""
    from newsprism.pipeline.narratives.catalogue import imported_dir

    path = imported_dir() / f"{name}.json"
    if not path.exists():
        raise UsageError(f"no imported catalogue {name!r} in {imported_dir()} (newsprism narratives list shows them)")
    path.unlink()
    path.with_suffix(".npz").unlink(missing_ok=True)
    click.echo(f"removed {name}")


@narratives.command(name="stats")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True, help="How many narratives.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def narratives_stats(
    db: str, outlet: str | None, since: str | None, until: str | None, language: str | None, limit: int, as_json: bool
) -> None:
    """Which narratives the stored articles repeat, the most widespread first, and in which outlets."""
    with open_store(db) as store:
        rows = store.narratives(filters_from(outlet, since, until, language), limit)
    for r in rows:
        if as_json:
            click.echo(json.dumps(plain(r), ensure_ascii=False))
        else:
            outlets = ", ".join(f"{o} {n}" for o, n in r.outlets[:6])
            click.echo(f"{r.id:<28} {r.articles:>4} articles  {r.first or '—'}…{r.last or '—'}  {_cut(r.label, 60)}  [{outlets}]")
    if not rows and not as_json:
        click.echo("no narratives in the stored articles")


@click.command()
@click.argument("name")
@db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def outlet(
    name: str, db: str, outlet: str | None, since: str | None, until: str | None, language: str | None, as_json: bool
) -> None:
    """An outlet's profile: per month, how many of its articles carry each narrative and technique (NAME: registry
    id or name)."""
    with open_store(db) as store:
        found = [o for o in store.outlets() if name.casefold() in ((o.id or "").casefold(), o.name.casefold())]
        if not found:
            raise UsageError(f"no outlet {name!r} in {display(db)} (newsprism outlets are those of the stored articles)")
        o = found[0]
        rows = store.outlet_profile(o.id or o.name, filters_from(None, since, until, language))
    if as_json:
        click.echo(json.dumps({"outlet": plain(o), "profile": [plain(r) for r in rows]}, ensure_ascii=False))
        return
    state = {True: "state-affiliated", False: "not state-affiliated", None: "affiliation unknown"}[o.state_affiliated]
    click.echo(f"{o.name}  ({o.country or 'country unknown'}, {state})  {o.articles} articles  {o.first or '—'}…{o.last or '—'}")
    months = dict(o.by_month)
    for month in sorted({r.month or "undated" for r in rows}):
        items = [r for r in rows if (r.month or "undated") == month]
        click.echo(f"  {month}  ({months.get(month, '?')} articles)")
        for r in items:
            own = f", {r.own} in its own voice" if r.own else ""
            click.echo(f"    {r.layer:<10} {_cut(r.name or r.label, 60):<60} {r.articles} articles{own}")
    if not rows:
        click.echo("  no narratives or techniques found in its articles")


# --- evaluation ---------------------------------------------------------------------------------------------------
@click.command(name="findings")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_findings(gold_dir: str, as_json: bool) -> None:
    """Narratives, techniques and claims against GOLD_DIR/*.gold.json: each gold item found with its evidence (token
    F1 >= 0.5 with the gold evidence), and what was found that the gold does not have."""
    from newsprism.evaluation.findings import evaluate_findings

    report = evaluate_findings(Path(gold_dir))
    if not report["articles"]:
        raise UsageError(f"{gold_dir}: no *.gold.json files with their article text beside them")
    if as_json:
        click.echo(json.dumps(report, indent=1, ensure_ascii=False))
        return
    for layer in ("narratives", "techniques", "claims"):
        s = report[layer]
        click.echo(
            f"{layer:<11} gold {s['gold']:>3}   found {s['found']:>3} (recall {s['recall']:.3f})   "
            f"predicted {s['predicted']:>3}   not in gold {s['extra']:>3}"
        )
    for miss in report["missed"]:
        click.echo(f"  missed in {miss['file']}: {miss['layer']} {miss['label']}: „{_cut(miss['evidence'], 80)}“")


@click.command(name="narratives")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--folds", default=5, show_default=True, help="Cross-validation folds (cut by the cases' links).")
@click.option("--country", "countries", multiple=True, help="Score only the cases from this country (repeatable).")
@click.option(
    "--neutral", type=click.Path(exists=True, file_okay=False), help="A folder of neutral news .txt files: false alarms."
)
@click.option(
    "--train-share",
    default=1.0,
    show_default=True,
    type=click.FloatRange(0.05, 1.0),
    help="Train each fold on this share of its training cases (a learning curve's point).",
)
@click.option(
    "--cases",
    "cases_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Test on this file's cases (dataRu.json, dataEng.json: the same cases in another language), trained on PATH's.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_narratives(
    path: str,
    folds: int,
    countries: tuple[str, ...],
    neutral: str | None,
    train_share: float,
    cases_path: str | None,
    as_json: bool,
) -> None:
    """Narrative matching on a Propaganda Diary file (dataDe.json): top-1 accuracy of imported narratives by
    cross-validation, the bundled catalogue's recall on the cases of the narratives it covers, and — with
    --neutral — the share of neutral articles the bundled catalogue flags."""
    from newsprism.evaluation.narratives import bundled_on_cases, cross_validate, false_alarms

    progress = None if as_json else (lambda m: click.echo(m, err=True))
    cases = Path(cases_path) if cases_path else None
    out: dict[str, Any] = {"imported": cross_validate(Path(path), folds, countries, progress, train_share, cases)}
    out["bundled"] = bundled_on_cases(Path(path))
    if neutral:
        fa = false_alarms(sorted(Path(neutral).glob("*.txt")))
        out["neutral"] = {k: v for k, v in fa.items() if k != "examples"}
    if as_json:
        click.echo(json.dumps(out, indent=1, ensure_ascii=False))
        return
    cv = out["imported"]
    click.echo(
        f"imported, {cv['folds']}-fold: top-1 accuracy {cv['top1_accuracy']:.3f} on {cv['cases']} cases ({cv['unmatched']} unmatched)"
        + (f", trained on {cv['train_share']:g} of each fold's training cases" if cv["train_share"] < 1 else "")
    )
    click.echo(
        f"    top-1 among the narratives the data set files the same passage under: {cv['top1_passage_accuracy']:.3f} "
        f"({cv['cases_sharing_their_passage']} cases share their passage with a case of another narrative)"
    )
    for label, s in cv["by_narrative"].items():
        click.echo(f"    {s['right']:>3}/{s['cases']:<3} {_cut(label, 90)}")
    b = out["bundled"]
    click.echo(
        f"bundled catalogue: recall {b['recall']:.3f} (top-1 {b['top1']:.3f}) on {b['mapped_cases']} cases of the narratives it covers; "
        f"flags {b['unmapped_flagged']:.3f} of the {b['unmapped_cases']} others"
    )
    if neutral:
        n = out["neutral"]
        click.echo(f"neutral news: {n['flagged_share']:.3f} of {n['articles']} articles flagged {n['fired']}")


@click.command(name="claims")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--fit", "fit_out", type=click.Path(dir_okay=False), help="Also write the model fitted on the other 80 % here.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_claims(path: str, fit_out: str | None, as_json: bool) -> None:
    """Claim detection on GermEval 2021 (GermEval21_TrainData.csv): the active model and the same recipe fitted on
    the other 80 %, both scored on the held-out 20 % (macro-F1, the shared task's measure, and F1 of the claims).
    --fit writes the fitted model; use it with $NEWSPRISM_CLAIMS_MODEL."""
    from newsprism.evaluation.claims import germeval2021
    from newsprism.pipeline.claims import ClaimModel, load_model

    r = germeval2021(Path(path), load_model())
    fitted = r.pop("fitted_model")
    assert isinstance(fitted, ClaimModel)
    if fit_out:
        Path(fit_out).write_text(json.dumps(fitted.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    if as_json:
        click.echo(json.dumps(r, indent=1))
        return
    for name, label in (("model", "active model"), ("fitted", "fitted on 80 %")):
        s = r[name]
        assert isinstance(s, dict)
        click.echo(
            f"{label:<15} macro-F1 {s['macro_f1']:.3f}   F1 (claims) {s['f1_claim']:.3f}   accuracy {s['accuracy']:.3f}   n {int(s['n'])}"
        )
    if fit_out:
        click.echo(f"wrote {fit_out}")
