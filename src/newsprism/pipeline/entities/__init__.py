"""Entities with identities: every mention of a person, organisation, place or thing, linked to its actor."""

from __future__ import annotations

import datetime as dt
import re

from newsprism.document import Document
from newsprism.lang import DEFAULT_LANGUAGE
from newsprism.lang.de import lexicon as lx
from newsprism.lang.marks import pair_quotes
from newsprism.pipeline.base import StageBase
from newsprism.pipeline.entities import english, ner, russian
from newsprism.pipeline.entities.gazetteer import gazetteer_for
from newsprism.pipeline.entities.link import ArticleLinker
from newsprism.pipeline.entities.mentions import Mention, repeated_mentions, repeated_names, sentence_mentions
from newsprism.registry.actors import ActorRegistry, load_actors
from newsprism.text import Intervals


class EntityStage(StageBase):
    """Fills the ``entities`` layer: each mention with its type, its kind (name, title + name, role noun, age) and
    the actor it denotes ({id, name, type, source}: registry or new)."""

    name = "entities"
    requires = ("sentences", "boilerplate", "language", "reference_date")
    uses = ("paragraphs", "dateline", "dates")
    assigns = ("entities",)
    languages = ("de", "en", "ru")

    def __init__(self, registry: ActorRegistry | None = None) -> None:
        self.registry = registry or load_actors()
        self.gazetteer = gazetteer_for(self.registry)
        self.model = ner.bundled_model()

    def __call__(self, doc: Document) -> Document:
        language = doc.meta.get("language") or DEFAULT_LANGUAGE
        german = language == "de"
        boiler = [(b.start, b.end) for b in doc.layer("boilerplate")]
        datelines = [(d.start, d.end) for d in doc.layer("dateline")]
        quoted = [
            (q.start, q.end) for p in doc.layer("paragraphs") for q in pair_quotes(doc.text, p.start, p.end) if q.depth == 0
        ]
        mentions: list[Mention] = []
        nouns = common_nouns(doc.text, self.registry)
        sentences = [(s.start, s.end) for s in doc.layer("sentences")]
        for n, (a, b) in enumerate(sentences):
            if any(bs <= a and b <= be for bs, be in boiler):
                continue
            if language == "en":
                found = english.sentence_mentions(doc.text, a, b, self.gazetteer, self.registry, n)
            elif language == "ru":
                found = russian.sentence_mentions(doc.text, a, b, self.registry, n)
            else:
                found = sentence_mentions(doc.text, a, b, self.model if german else None, self.gazetteer, self.registry, n, nouns)
            mentions.extend(m for m in found if not any(bs <= m.start < be for bs, be in boiler))
        if language == "ru":
            russian.surnames_of_people(mentions)
        if language == "en":
            lone = english.repeated_surnames(doc.text, sentences, mentions)
            mentions.extend(m for m in lone if not any(bs <= m.start < be for bs, be in boiler))
            mentions.sort(key=lambda m: m.start)
        if german:  # names found once, wherever else they stand alone (outside the page furniture, as above)
            names = {w: t for w, t in repeated_names(mentions).items() if w.lower() not in nouns}
            lone = repeated_mentions(doc.text, sentences, names, [(m.start, m.end) for m in mentions])
            mentions.extend(m for m in lone if not any(bs <= m.start < be for bs, be in boiler))
            mentions.sort(key=lambda m: m.start)
        mentions = self._names_only(doc, mentions)
        in_quotes, in_datelines = Intervals(quoted), Intervals(datelines)
        for m in mentions:
            m.quoted = in_quotes.covers(m.start)
            m.in_dateline = in_datelines.covers(m.start)
        ref = doc.meta.get("reference_date")
        day = dt.date.fromisoformat(ref) if ref else None
        links = ArticleLinker(self.registry, day, mentions).run()
        for m, link in zip(mentions, links, strict=True):
            actor = None
            if link is not None:
                actor = {**link.actor.ref(), "source": link.actor.source, "how": link.how}
            typ = link.actor.type if link is not None and link.how != "new" else m.type
            attrs: dict[str, object] = {"type": typ, "kind": m.kind, "actor": actor}
            if m.kind == "role":
                attrs["role"] = {"title": m.title, "of": m.of}
            doc.add("entities", m.start, m.end, typ, attrs)
        return doc

    def _names_only(self, doc: Document, mentions: list[Mention]) -> list[Mention]:
        """Drop what only looks like a name: words inside a date ("Ende Februar"). (One-word finds the article also
        uses as a common noun, "das Ende", are weighed by the NER itself: see ``ner.tag``.)"""
        dates = [(d.start, d.end) for d in doc.layer("dates")]
        return [m for m in mentions if not any(s < m.end and m.start < e for s, e in dates)]


def common_nouns(text: str, registry: ActorRegistry) -> set[str]:
    """Capitalised words a text puts after an article ("das Ende", "am Ende") and the registry does not know as
    names ("die Ukraine"), in lower case: common nouns, not names, when they stand alone. After an article that opens
    a sentence, only words the German dictionary knows ("Die Hunde", not "Der Mussawi nahestehende …")."""
    return {
        w.lower()
        for article, w in set(_AFTER_ARTICLE.findall(text))
        if (article[0].islower() or lx.is_known_word(w)) and not registry.by_name(w)
    }


_AFTER_ARTICLE = re.compile(
    r"\b([Dd](?:er|ie|as|en|em|es)|[Ee]in(?:e|en|em|es)?|[Aa]m|[Ii]m|[Ii]ns|[Zz]u[mr]|[Bb]eim|[Vv]om)\s+([A-ZÄÖÜ][a-zäöüß]+)\b"
)

__all__ = ["EntityStage", "common_nouns"]
