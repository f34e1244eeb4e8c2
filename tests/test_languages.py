"""English and Russian on hand-made sentences: quotes with their speakers, names in the nominative, dates,
datelines and the quotation marks quotes are shown in. (The real articles are scored in test_golden_languages.)"""

from __future__ import annotations

import pytest

from newsprism import Document
from newsprism.document import Source
from newsprism.lang import pack, quoted
from newsprism.lang.marks import pair_quotes
from newsprism.lang.ru import morph


def analyse(pipeline, text: str, language: str, published: str | None = None) -> Document:
    hints = {"language": language}
    if published:
        hints["published"] = published
    return pipeline(Document(text, source=Source(hints=hints)))


def quotes(doc: Document) -> list[tuple[str, str, str | None, str | None]]:
    out = []
    for q in doc.layer("quotes"):
        sp = q.attrs.get("speaker") or {}
        out.append((q.label, doc.span_text(q), sp.get("name"), sp.get("id")))
    return out


# --- Russian ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind, content, speaker, actor",
    [
        (
            "«Мы сядем и спокойно договоримся», — сказал Лукашенко.",
            "direct",
            "Мы сядем и спокойно договоримся",
            "Лукашенко",
            "alexander-lukashenko",
        ),
        (
            "Пресс-секретарь Кремля Дмитрий Песков заявил, что Москва готова к переговорам.",
            "indirect",
            "что Москва готова к переговорам",
            "Дмитрий Песков",
            "dmitry-peskov",
        ),
        (
            "В Кремле заявили, что не видят оснований для паники.",
            "indirect",
            "что не видят оснований для паники",
            "Кремль",
            "kremlin",
        ),
        ("Песков: «Мы не комментируем слухи».", "direct", "Мы не комментируем слухи", "Песков", "dmitry-peskov"),
        (
            "Санкции не помогут, считает политолог Юрий Светов.",
            "indirect",
            "Санкции не помогут",
            "Юрий Светов",
            "per:yury-svetov",
        ),
    ],
)
def test_russian_constructions(pipeline, text, kind, content, speaker, actor):
    found = quotes(analyse(pipeline, text, "ru"))
    assert found == [(kind, content, speaker, actor)]


def test_russian_pronoun_takes_the_speaker_of_its_gender_and_por_ego_slovam(pipeline):
    doc = analyse(
        pipeline,
        "Официальный представитель МИД России Мария Захарова выступила на брифинге. По её словам, Запад ведёт войну "
        "против России.\n\nПосле этого к журналистам вышел Дмитрий Песков. «Это провокация», — заявила она.",
        "ru",
    )
    found = quotes(doc)
    assert ("indirect", "Запад ведёт войну против России", "Мария Захарова", "maria-zakharova") in found
    assert ("direct", "Это провокация", "Мария Захарова", "maria-zakharova") in found  # заявила: not Peskov


def test_russian_about_this_reports_the_sentence_before(pipeline):
    doc = analyse(
        pipeline, "Переговоры пройдут во вторник в Минске. Об этом заявил президент Белоруссии Александр Лукашенко.", "ru"
    )
    kind, content, _speaker, actor = quotes(doc)[0]
    assert (kind, content, actor) == ("indirect", "Переговоры пройдут во вторник в Минске.", "alexander-lukashenko")


def test_russian_role_nouns_resolve_to_the_person_who_has_just_spoken(pipeline):
    doc = analyse(
        pipeline,
        "Позиция Венгрии изменилась. Об этом заявил декан факультета Александр Шатилов. «Сейчас я такого сказать не "
        "могу», – отметил эксперт.",
        "ru",
    )
    assert ("direct", "Сейчас я такого сказать не могу", "Александр Шатилов") in [q[:3] for q in quotes(doc)]


def test_russian_names_are_given_in_the_nominative():
    assert morph.nominative("Виктора Орбана") == "Виктор Орбан"
    assert morph.nominative("Марии Захаровой") == "Мария Захарова"
    assert morph.nominative("Шольца") == "Шольц"  # a foreign surname the dictionary does not know
    assert morph.nominative("Ибрахима Раиси") == "Ибрахим Раиси"  # an indeclinable one
    assert morph.nominative("Венгрии", "LOC") == "Венгрия"
    assert morph.nominative("Офиса Зеленского", "ORG") == "Офис Зеленского"  # the head inflects, not what follows
    assert morph.surname_key("Пескову") == morph.surname_key("Дмитрий Песков") == "песков"


def test_russian_mentions_link_whatever_their_case(pipeline):
    doc = analyse(
        pipeline,
        "Премьер-министр Венгрии Виктор Орбан прибыл в Киев. Зеленскому не понравилась идея Орбана. "
        "Позже Орбану позвонил Шатилов.",
        "ru",
    )
    linked = {doc.span_text(e): (e.attrs["actor"] or {}).get("id") for e in doc.layer("entities")}
    assert linked["Виктор Орбан"] == linked["Орбана"] == linked["Орбану"] == "viktor-orban"
    assert linked["Венгрии"] == "hu" and linked["Киев"] == "kyiv"
    assert "Премьер-министр Венгрии" not in linked  # a role opening the sentence is no name


def test_russian_dates_against_the_publication_date(pipeline):
    doc = analyse(pipeline, "3 марта Путин встретился с Лукашенко. Во вторник он выступил.", "ru", "2024-03-10")
    dates = {doc.span_text(d): d.attrs["value"] for d in doc.layer("dates")}
    assert dates == {"3 марта": "2024-03-03", "Во вторник": "2024-03-05"}


@pytest.mark.parametrize(
    "text, place, agency",
    [
        ("МОСКВА, 3 марта (ТАСС) – Путин встретился с Лукашенко.", "Москва", "tass"),
        ("МИНСК, 8 августа /БЕЛТА/. Лукашенко провел совещание.", "Минск", "belta"),
        ("КИШИНЕВ, 9 июл – РИА Новости. Майя Санду выступила в парламенте.", "Кишинев", "ria-novosti"),
    ],
)
def test_russian_datelines(pipeline, text, place, agency):
    doc = analyse(pipeline, text, "ru")
    assert doc.meta["dateline"]["place"] == place and doc.meta["dateline"]["agency_id"] == agency
    assert doc.meta["outlet"]["id"] == agency


def test_russian_guillemets_open_and_close_whatever_their_spacing():
    text = "Прокуратура сообщила о « возможном разглашении тайны. «Сегодня задержаны два человека», - уточнили там."
    closed = [text[q.start : q.end] for q in pair_quotes(text, 0, len(text), guillemets=True) if q.close_pos is not None]
    assert closed == ["Сегодня задержаны два человека"]


# --- English ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, kind, content, speaker",
    [
        ("“We will respond,” Putin told reporters on Tuesday.", "direct", "We will respond,", "Putin"),
        (
            "Kremlin spokesman Dmitry Peskov said the reports were a staged provocation.",
            "indirect",
            "the reports were a staged provocation",
            "Dmitry Peskov",
        ),
        (
            "According to the ministry, the strike hit a military target.",
            "indirect",
            "the strike hit a military target",
            "ministry",
        ),
        (
            "The talks will resume next week, NATO Secretary-General Jens Stoltenberg said.",
            "indirect",
            "The talks will resume next week",
            "Jens Stoltenberg",
        ),
    ],
)
def test_english_constructions(pipeline, text, kind, content, speaker):
    found = [q[:3] for q in quotes(analyse(pipeline, text, "en"))]
    assert len(found) == 1, found
    k, words, name = found[0]
    assert (k, words.rstrip(",").strip(), name) == (kind, content.rstrip(","), speaker)


def test_english_pronouns_and_role_nouns(pipeline):
    doc = analyse(
        pipeline,
        "Kuleba asks NATO for air defence\n\n"
        "Ukrainian Foreign Minister Dmytro Kuleba met his counterparts in Brussels on Monday.\n\n"
        "“We need more air defence now,” the minister said. He later added that the talks had been useful.",
        "en",
    )
    found = {q[1].strip(" ,"): q[2] for q in quotes(doc)}
    assert found["We need more air defence now"] == "Dmytro Kuleba"
    assert found["that the talks had been useful"] == "Dmytro Kuleba"


def test_english_dates_against_the_publication_date(pipeline):
    doc = analyse(pipeline, "Putin spoke on Tuesday. The talks began on March 5, two years ago.", "en", "2024-03-10")
    dates = {doc.span_text(d): d.attrs["value"] for d in doc.layer("dates")}
    assert dates.get("on Tuesday") == "2024-03-05"
    assert dates.get("March 5") == "2024-03-05"
    assert any(v.startswith("2022") for v in dates.values())


def test_english_datelines(pipeline):
    doc = analyse(pipeline, "KYIV (AP) — Zelenskyy said on Tuesday that the talks had failed.", "en")
    assert doc.meta["dateline"]["agency_id"] == "ap" and doc.meta["outlet"]["id"] == "ap"


# --- shown in the language's marks --------------------------------------------------------------------------------
def test_quotes_are_shown_in_their_languages_marks():
    assert quoted("Мы договоримся", "ru") == "«Мы договоримся»"
    assert quoted("We will", "en") == "“We will”"
    assert quoted("Wir werden", "de") == "„Wir werden“"
    assert quoted("x", "xx") == "„x“"  # a language without a pack: the default's
    assert pack("ru") is not None and pack("xx") is None
