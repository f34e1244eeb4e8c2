"""Who said what: direct, indirect, mixed and nested quotes with speaker, cue and addressee, in German, English and
Russian."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

from newsprism.document import Document
from newsprism.lang import DEFAULT_LANGUAGE
from newsprism.lang.de import lexicon, tokens
from newsprism.pipeline.base import StageBase
from newsprism.pipeline.quotes.attribution import Entity, Grammar, attribute
from newsprism.pipeline.quotes.extract import Found, Speaker, extract
from newsprism.registry.actors import name_key
from newsprism.text import Intervals

SPEECH_KINDS = ("direct", "indirect", "mixed")


def _english() -> Grammar:
    from newsprism.pipeline.quotes.english import GRAMMAR

    return GRAMMAR


def _russian() -> Grammar:
    from newsprism.pipeline.quotes.russian import GRAMMAR

    return GRAMMAR


#: languages read by the attribution loop, with their grammar (German has its own reader: ``extract``)
GRAMMARS: dict[str, Callable[[], Grammar]] = {"en": _english, "ru": _russian}


def _entities(doc: Document) -> list[Entity]:
    out = []
    for e in doc.layer("entities"):
        actor = e.attrs.get("actor") or {}
        role = e.attrs.get("role") or {}
        out.append(
            Entity(e.start, e.end, e.label, str(e.attrs.get("kind")), doc.span_text(e), actor.get("name"), role.get("title"))
        )
    return out


def _speaker(s: Speaker | None) -> dict[str, object] | None:
    if s is None or not (s.name or s.mention):
        return None
    return s.as_dict()


class QuoteStage(StageBase):
    """Fills the ``quotes`` layer (and ``scare_quotes``: quoted titles and words that nobody says)."""

    name = "quotes"
    requires = ("paragraphs", "sentences", "language")
    uses = ("dateline", "entities")
    assigns = ("quotes", "scare_quotes")
    languages = ("de", "en", "ru")

    def __init__(self) -> None:
        lexicon.speech_verbs()  # read the lexicon (and the users' additions) now: a bad file fails here, once

    def __call__(self, doc: Document) -> Document:
        paras = [(p.start, p.end) for p in doc.layer("paragraphs") if p.label != "title"]
        sents = [(s.start, s.end) for s in doc.layer("sentences")]
        skip = [(s.start, s.end) for s in doc.layer("dateline")]
        titles = [(p.start, p.end) for p in doc.layer("paragraphs") if p.label == "title"]
        language = doc.meta.get("language") or DEFAULT_LANGUAGE
        if language in GRAMMARS:
            found = attribute(doc.text, GRAMMARS[language](), paras, sents, skip, _entities(doc), titles)
        else:
            found = extract(doc.text, paras, sents, skip, titles)
        actors = _ActorLookup(doc)
        _drop_unfit(found, doc)
        speech = [f for f in found if f.kind in SPEECH_KINDS]
        order = sorted(range(len(speech)), key=lambda i: (speech[i].start, -speech[i].end))
        position = {id(speech[i]): n for n, i in enumerate(order)}
        for i in order:
            f = speech[i]
            parent = found[f.parent] if f.parent is not None else None
            doc.add(
                "quotes",
                f.start,
                f.end,
                f.kind,
                kind=f.kind,
                speaker=actors.link(_speaker(f.speaker)),
                cue=_cue(doc, f),
                addressee=actors.link(_speaker(f.addressee)),
                parent=position.get(id(parent)) if parent is not None else None,
            )
        for f in found:
            if f.kind == "scare":
                doc.add("scare_quotes", f.start, f.end, "scare")
        return doc


def _drop_unfit(found: Sequence[Found], doc: Document) -> None:
    """Speakers that are common nouns naming no one who can speak ("die Frage", "Corona-Viren") keep their
    mention but lose their name — unless an entity is found there (a name that is also a word: "Köhler",
    "Greenpeace"); quotes given to such a name by the reading context lose it too."""
    named = Intervals((e.start, e.end) for e in doc.layer("entities"))
    fit: set[str] = set()
    unfit: set[str] = set()
    for f in found:
        for sp in (f.speaker, f.addressee):
            if sp is None or not sp.name:
                continue
            if sp.unfit and sp.start is not None and sp.end is not None and not named.overlaps(sp.start, sp.end):
                unfit.add(sp.name)
                sp.name = None
            elif sp.kind != "context":
                fit.add(sp.name)
    unfit -= fit
    for f in found:
        if f.speaker is not None and f.speaker.kind == "context" and f.speaker.name in unfit:
            f.speaker = None


class _ActorLookup:
    """The actor a speaker is, from the entities stage (when it ran): the entity at the speaker's mention, else
    the entity whose name the speaker's resolved name is ("er" → "Alexander Lukaschenko" → his actor)."""

    def __init__(self, doc: Document) -> None:
        self.spans = [e for e in doc.layer("entities") if e.attrs.get("actor")]
        self.order = sorted(range(len(self.spans)), key=lambda k: self.spans[k].start)  # for bisection, by start
        self.starts = [self.spans[k].start for k in self.order]
        self.longest = max((x.end - x.start for x in self.spans), default=0)
        self.by_name: dict[str, dict[str, object]] = {}
        self.by_last: dict[str, dict[str, object]] = {}
        for e in self.spans:
            actor = e.attrs["actor"]
            if e.attrs.get("kind") in ("name", "title"):
                text = doc.span_text(e)
                self.by_name.setdefault(name_key(text), actor)
                if actor.get("type") == "PER":
                    self.by_last.setdefault(name_key(text).split()[-1].removesuffix("s"), actor)

    def link(self, speaker: dict[str, object] | None) -> dict[str, object] | None:
        if speaker is None or not self.spans:
            return speaker
        actor = None
        s, e = speaker.get("start"), speaker.get("end")
        if isinstance(s, int) and isinstance(e, int):
            lo, hi = bisect_left(self.starts, s - self.longest), bisect_left(self.starts, e)
            near = sorted(self.order[lo:hi])  # in the layer's order, as a scan of all of them would meet them
            hits = [x for x in (self.spans[k] for k in near) if x.start < e and s < x.end]
            people = [x for x in hits if x.attrs["actor"].get("type") == "PER"]
            if people:
                hits = people  # "декан ФСНиМК Финансового университета … Александр Шатилов" is the dean, not the faculty
            if hits:
                actor = max(hits, key=lambda x: min(x.end, e) - max(x.start, s)).attrs["actor"]
        name = speaker.get("name")
        if actor is None and isinstance(name, str) and name:
            key = name_key(name)
            words = key.split()  # none for a name of punctuation only ("," in scrambled text)
            actor = self.by_name.get(key) or (self.by_last.get(words[-1].removesuffix("s")) if words else None)
        if actor is not None:  # a mention without a name of its own (an unfit noun, a pronoun) takes the actor's
            speaker = {**speaker, "id": actor["id"], "actor": actor.get("name"), "name": name or actor.get("name")}
        return speaker


def reload_lexicon() -> None:
    """Forget what was read from the lexicon files (after $NEWSPRISM_SPEECH_VERBS changed in this process)."""
    for cached in (
        lexicon.speech_verbs,
        lexicon.verbs_by_base,
        lexicon.particles,
        lexicon._verb_forms,
        lexicon.verb_lemma,
        lexicon.speech_particles,
    ):
        cached.cache_clear()
    tokens.forget_word_forms()


def _cue(doc: Document, f: Found) -> dict[str, object] | None:
    if f.cue is None:
        return None
    s, e = f.cue[:2]
    cue: dict[str, object] = {"text": doc.text[s:e], "start": s, "end": e}
    if len(f.cue) == 4:  # a separable verb's particle: "fügte … hinzu"
        ps, pe = f.cue[2:]
        cue["particle"] = {"text": doc.text[ps:pe], "start": ps, "end": pe}
    return cue


__all__ = ["QuoteStage", "reload_lexicon"]
