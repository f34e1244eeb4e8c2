"""The actor registry (names across scripts, transliteration, roles with dates, user files) and the entity stage
on text it has never seen: full names, surnames, genitives, typos, titles, patronymics, role nouns at the
article's date, places in three languages, and new actors for unknown names."""

from __future__ import annotations

import datetime as dt

import pytest

from newsprism import Document
from newsprism.errors import UsageError
from newsprism.registry.actors import load_actors, name_key, transliterations


@pytest.fixture(scope="module")
def registry():
    return load_actors()


def _linked(pipeline, text: str) -> dict[str, str | None]:
    doc = pipeline(Document(text))
    return {doc.span_text(s): (s.attrs.get("actor") or {}).get("id") for s in doc.layer("entities")}


def test_transliteration_of_ukrainian_and_russian_names():
    assert {"Selenskyj", "Selensky", "Zelensky", "Zelenskyy"} <= set(transliterations("Зеленський"))
    assert {"Lukaschenko", "Lukashenko"} <= set(transliterations("Лукашенко"))
    assert {"Peskow", "Peskov"} <= set(transliterations("Песков"))
    assert transliterations("Putin") == []


def test_name_keys_ignore_case_dots_and_genitive_apostrophes():
    assert name_key("J.D. Vance") == name_key("JD Vance")
    assert name_key("Trump’s") == name_key("trump")


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Kiew", "kyiv"),
        ("Kyjiw", "kyiv"),
        ("Kyiv", "kyiv"),
        ("Киев", "kyiv"),
        ("Weißrussland", "by"),
        ("Belarus", "by"),
        ("Alexander Lukaschenko", "alexander-lukashenko"),
        ("Александр Лукашенко", "alexander-lukashenko"),
    ],
)
def test_names_in_three_languages(registry, name, actor):
    assert [a.id for a in registry.by_name(name)] == [actor]


@pytest.mark.parametrize("surname", ["Selenskyj", "Selenskyjs", "Zelensky", "Zelenskyy", "Зеленський"])
def test_surnames_and_their_spellings(registry, surname):
    assert [a.id for a in registry.by_surname(surname)] == ["volodymyr-zelenskyy"]


def test_a_typo_is_matched_fuzzily(registry):
    actor = registry.fuzzy("Wolodymyr Selensyj")
    assert actor is not None and actor.id == "volodymyr-zelenskyy"
    assert registry.fuzzy("Wolfgang Schmidt") is None


def test_roles_hold_between_their_dates(registry):
    before = {a.id for a in registry.holders("president", "ru", dt.date(2010, 1, 1))}
    after = {a.id for a in registry.holders("president", "ru", dt.date(2025, 1, 1))}
    assert before == {"dmitry-medvedev"} and after == {"vladimir-putin"}


def test_a_users_file_adds_and_replaces_actors(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(
        "actors:\n"
        "  - {id: erika-beispiel, name: Erika Beispiel, type: PER, country: de, aliases: [Эрика Бейспиль],"
        " roles: [{title: mayor, of: musterstadt, since: 2020-01-01}]}\n",
        encoding="utf-8",
    )
    reg = load_actors((str(f),))
    assert [a.id for a in reg.by_name("Эрика Бейспиль")] == ["erika-beispiel"]
    assert [a.id for a in reg.holders("mayor", "musterstadt", dt.date(2024, 1, 1))] == ["erika-beispiel"]


def test_a_broken_users_file_is_a_clear_error(tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text("actors:\n  - {id: x, name: X, type: ALIEN}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"broken\.yaml"):
        load_actors((str(f),))


def test_a_country_code_yaml_reads_as_true_or_false_is_refused_with_the_fix(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text("actors:\n  - {id: jonas, name: Jonas Beispiel, type: PER, country: no}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"country read as true/false; put the code in quotes"):
        load_actors((str(f),))


def test_every_bundled_id_and_country_is_a_code_not_a_yes_or_no(registry):
    assert registry.actors["no"].name == "Norway"
    assert registry.country_of_adjective("norwegischen") == "no"
    codes = {a.id for a in registry.actors.values()} | {a.country for a in registry.actors.values()}
    assert not {"True", "False"} & codes
    assert [a.id for a in registry.holders("head_of_government", "no", dt.date(2024, 1, 1))] == ["jonas-gahr-store"]


def test_linking_in_an_unseen_article(pipeline):
    text = (
        "Berlin, 4. März 2025 (dpa) - Der ukrainische Präsident Wolodymyr Selenskyj traf am Dienstag in Kiew ein. "
        "Selenskyjs Sprecher sagte, Selensyj habe gestern mit US-Präsident Trump telefoniert. Der Kremlsprecher "
        "erklärte, man sehe keinen Fortschritt. Präsident Putin schwieg, Wladimir Wladimirowitsch war verreist. "
        "Der belarussische Machthaber meldete sich aus Minsk."
    )
    linked = _linked(pipeline, text)
    assert linked["Präsident Wolodymyr Selenskyj"] == "volodymyr-zelenskyy"
    assert linked["Selenskyjs"] == "volodymyr-zelenskyy"
    assert linked["Selensyj"] == "volodymyr-zelenskyy"
    assert linked["US-Präsident Trump"] == "donald-trump"
    assert linked["Der Kremlsprecher"] == "dmitry-peskov"
    assert linked["Präsident Putin"] == "vladimir-putin"
    assert linked["Wladimir Wladimirowitsch"] == "vladimir-putin"
    assert linked["Der belarussische Machthaber"] == "alexander-lukashenko"
    assert linked["Kiew"] == "kyiv" and linked["Minsk"] == "minsk"


def test_a_common_noun_before_a_name_is_not_part_of_it(pipeline):
    linked = _linked(pipeline, "Nach dem Besuch Selenskyjs in Washington war die Stimmung gut.")
    assert linked.get("Selenskyjs") == "volodymyr-zelenskyy", linked
    assert "Besuch Selenskyjs" not in linked


def test_role_nouns_resolve_at_the_articles_date(pipeline):
    old = _linked(pipeline, "Moskau, 3. Juni 2010 (dpa) - Der russische Präsident sprach lange über die Wirtschaft.")
    new = _linked(pipeline, "Moskau, 3. Juni 2024 (dpa) - Der russische Präsident sprach lange über die Wirtschaft.")
    assert old["Der russische Präsident"] == "dmitry-medvedev"
    assert new["Der russische Präsident"] == "vladimir-putin"


def test_unknown_people_and_organisations_become_new_actors(pipeline):
    linked = _linked(
        pipeline,
        "Die Firma Müller Logistik GmbH aus Bielefeld meldete, dass Hans-Peter Kowalczyk gehe. Kowalczyk war seit 2010 Chef.",
    )
    assert linked["Hans-Peter Kowalczyk"] == linked["Kowalczyk"] == "per:hans-peter-kowalczyk"
    assert linked["Müller Logistik GmbH"] == "org:muller-logistik-gmbh"


def test_cyrillic_names_in_german_text(pipeline):
    linked = _linked(pipeline, "In Киев sagte Лукашенко nichts, in Kyjiw schwieg man.")
    assert linked["Киев"] == linked["Kyjiw"] == "kyiv"
    assert linked["Лукашенко"] == "alexander-lukashenko"


def test_types_and_registry_links(pipeline):
    doc = pipeline(Document("Olaf Scholz und Emmanuel Macron trafen sich in Paris mit Vertretern der NATO."))
    got = [(doc.span_text(s), s.label, s.attrs["actor"]["id"]) for s in doc.layer("entities")]
    assert got == [
        ("Olaf Scholz", "PER", "olaf-scholz"),
        ("Emmanuel Macron", "PER", "emmanuel-macron"),
        ("Paris", "LOC", "paris"),
        ("NATO", "ORG", "nato"),
    ]


def test_the_ner_knows_first_names_and_surnames_of_many_countries_but_not_german_function_words():
    from newsprism.pipeline.entities.ner import Sentence, person_names, span_features

    names = person_names()
    assert names["Holger"] == "F" and names["Scholz"] == "L" and "F" in names["Olaf"]
    assert not {"Die", "Mai", "Freitag", "Und"} & names.keys()
    feats = span_features(Sentence.of("Gestern sagte Holger Scholz , er komme .".split()), 2, 4, 2, 4)
    assert "person_pair=F|L" in feats and any(f.startswith("person_first=F|") for f in feats)


def test_ner_span_scores_from_word_parts_equal_the_scores_of_all_the_span_features():
    from newsprism.pipeline.entities.gazetteer import default_gazetteer
    from newsprism.pipeline.entities.ner import Sentence, bundled_model, candidates, span_features

    model, gaz = bundled_model(), default_gazetteer()
    words = "Laut US-Präsident Donald Trump hat der Kremlsprecher Dmitri Peskow in Moskau mit Olaf Scholz gesprochen .".split()
    sent = Sentence.of(words)
    spans = candidates(words)
    assert any(e - s == 1 for s, e, _, _ in spans) and any(e - s >= 2 for s, e, _, _ in spans)
    for s, e, a, b in spans:
        whole = model.scores(span_features(sent, s, e, a, b, gaz))
        parts = model.span_scores(sent, s, e, a, b, gaz)
        assert parts == pytest.approx(whole, abs=1e-9), words[s:e]


def test_one_word_bodies_the_registry_holds_are_found_though_they_are_german_words(pipeline):
    linked = _linked(
        pipeline,
        "Der Kreml wies die Vorwürfe zurück. Die Nato verstärkt ihre Ostflanke. Die EU beschloss neue Sanktionen. "
        "Im Bundestag wurde debattiert. Die UN fordern eine Waffenruhe.",
    )
    assert linked == {"Kreml": "kremlin", "Nato": "nato", "EU": "eu", "Bundestag": "bundestag", "UN": "un"}


def test_nouns_that_are_places_somewhere_are_not_places(pipeline):
    # GeoNames knows a Laut, an Ende and a Lage; "Es" is no "ES" (the EU's Russian "ЕС" transliterated)
    doc = pipeline(Document("Laut Polizei kamen am Ende des Tages Kinder zu Schaden. Es war eine schwierige Lage."))
    assert [doc.span_text(s) for s in doc.layer("entities")] == []


def test_a_lone_surname_is_the_person_the_article_named_in_full(pipeline):
    linked = _linked(
        pipeline,
        "Die Senatorin Kirsten Gillibrand kritisierte das Gesetz. Gillibrand: Das ist verfassungswidrig. "
        "Später traf Olaf Scholz die Presse. Scholz schwieg.",
    )
    assert linked["Gillibrand"] == "per:kirsten-gillibrand" and linked["Scholz"] == "olaf-scholz"


def test_a_noun_after_an_article_is_a_name_only_when_the_model_is_sure(pipeline):
    doc = pipeline(
        Document(
            "Die Hunde nahmen zum ersten Mal teil. Er reiste in den Kongo, von dort ins Münsterland. "
            "Auf dem Genfer Autosalon zeigte der Hersteller ein neues Modell."
        )
    )
    got = {doc.span_text(s): s.label for s in doc.layer("entities")}
    assert got == {"Kongo": "LOC", "Münsterland": "LOC"}


def test_a_name_found_once_is_found_wherever_it_stands_alone_in_the_article():
    from newsprism.pipeline.entities.mentions import Mention, repeated_mentions, repeated_names

    text = "Porsche meldete Gewinne. Die Aktie Porsches stieg, Porsche-Chef Blume lobte. Petra Pau sprach. Pau: Nein."
    ends = [i + 1 for i, c in enumerate(text) if c == "."]
    sentences = list(zip([0, *(e + 1 for e in ends[:-1])], ends, strict=True))
    petra = text.index("Petra Pau")
    found = [
        Mention(0, 7, "ORG", "name", "Porsche", "Porsche", sure=True),
        Mention(petra, petra + 9, "PER", "name", "Petra Pau", "Petra Pau"),
        Mention(text.index("Blume"), text.index("Blume") + 5, "PER", "name", "Blume", "Blume"),  # unsure: not repeated
    ]
    names = repeated_names(found)
    assert names == {"Porsche": "ORG", "Pau": "PER"}
    taken = [(m.start, m.end) for m in found]
    got = [(text[m.start : m.end], m.type, m.sentence) for m in repeated_mentions(text, sentences, names, taken)]
    assert got == [("Porsches", "ORG", 1), ("Pau", "PER", 3)]  # not the "Porsche" inside "Porsche-Chef"


def test_names_with_particles_and_articles_are_one_name(pipeline):
    assert _linked(pipeline, "Ursula von der Leyen besuchte am Montag Kiew.")["Ursula von der Leyen"] == "ursula-von-der-leyen"
    # the registry's longer name wins over the NER's part of it
    found = _linked(pipeline, "Alexander Van der Bellen empfing am Montag den Gast.")
    assert found.get("Alexander Van der Bellen") == "alexander-van-der-bellen", found
    # an article after "von" continues a name only into a surname, not into a party
    found = _linked(pipeline, "Angela Merkel von der CDU besuchte am Montag Kiew.")
    assert found.get("Angela Merkel") == "angela-merkel" and "CDU" in found, found
