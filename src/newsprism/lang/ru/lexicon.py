"""Word knowledge for Russian quote attribution and names: speech verbs by lemma with their frames, role nouns
with their registry titles, bodies that speak, pronouns.

A speech verb's frames, as in English:
- ``clause``: reported speech after it, "заявил, что …" (and "считает, что …");
- ``direct``: it attributes a direct quote beside it ("«…», — отметил Орбан");
- ``to``: what someone was asked or offered to do ("предложил рассмотреть …", "призвал …").
"""

from __future__ import annotations

from newsprism.lang.ru import morph
from newsprism.lang.verbs import Verb

_VERBS = """
сказать clause direct
говорить clause direct
заявить clause direct
заявлять clause direct
сообщить clause direct
сообщать clause direct
отметить clause direct
отмечать clause direct
подчеркнуть clause direct
подчёркивать clause direct
подчеркивать clause direct
добавить clause direct
добавлять clause direct
заметить clause direct
замечать clause direct
пояснить clause direct
пояснять clause direct
рассказать clause direct
рассказывать clause direct
указать clause direct
указывать clause direct
напомнить clause direct
напоминать clause direct
констатировать clause direct
прогнозировать clause direct
подытожить clause direct
резюмировать clause direct
уточнить clause direct
уточнять clause direct
ответить clause direct
отвечать clause direct
признать clause direct
признаться clause direct
признавать clause direct
объявить clause direct
объявлять clause direct
предупредить clause direct
предупреждать clause direct
пообещать clause direct
обещать clause direct
заверить clause direct
заверять clause direct
утверждать clause direct
настаивать clause direct
отрицать clause direct
опровергнуть clause direct
написать clause direct writing
писать clause direct writing
сослаться clause
цитировать direct
процитировать direct
передать direct
передавать direct
высказаться direct
выразить direct
высказать direct
считать clause thought
верить clause thought
приводить direct
привести direct
говориться clause direct
полагать clause thought
думать clause thought
уверять clause direct
убеждать clause direct
опасаться clause thought
подозревать clause thought
допустить clause direct
допускать clause direct
предположить clause direct
предполагать clause direct thought
раскрыть clause
обвинить clause
обвинять clause
назвать direct
называть direct
охарактеризовать direct
оценить direct
подтвердить clause direct
подтверждать clause direct
анонсировать clause
пригрозить clause direct
грозить clause
возмутиться clause direct
посетовать clause direct
пожаловаться clause direct
призвать to direct
призывать to direct
предложить to direct
предлагать to direct
попросить to direct
просить to direct
потребовать to direct clause
требовать to direct clause
"""

VERBS: dict[str, Verb] = {}
for _line in _VERBS.strip().splitlines():
    _lemma, *_frames = _line.split()
    _kind = next((f for f in _frames if f in ("thought", "writing")), "speech")
    VERBS[_lemma] = Verb(_lemma, frozenset(f for f in _frames if f not in ("thought", "writing")), _kind)


def verb(word: str) -> tuple[Verb, str | None] | None:
    """The speech verb a word form is and the gender its form says of the subject ("заявила" → заявить, f)."""
    found = morph.verb(word.lower())
    if found is None:
        return None
    lemma, gender = found
    v = VERBS.get(lemma) or VERBS.get(lemma.replace("ё", "е"))
    return (v, gender) if v is not None else None


#: role nouns (lemmas) → the registry's title; None: a role the registry has no title for
ROLES: dict[str, str | None] = {
    "президент": "president", "вице-президент": "vice_president", "премьер-министр": "head_of_government",
    "премьер": "head_of_government", "канцлер": "head_of_government", "глава правительства": "head_of_government",
    "министр иностранных дел": "foreign_minister", "глава мид": "foreign_minister", "министр обороны": "defence_minister",
    "глава минобороны": "defence_minister", "госсекретарь": "foreign_minister", "пресс-секретарь": "press_secretary",
    "официальный представитель": "spokesperson", "представитель": "spokesperson", "спикер": None,
    "генсек": "secretary_general", "генеральный секретарь": "secretary_general", "генсекретарь": "secretary_general",
    "посол": None, "постпред": "un_ambassador", "постоянный представитель": "un_ambassador", "мэр": "mayor",
    "король": "monarch", "королева": "monarch", "папа": "pope", "понтифик": "pope", "министр": "minister",
    "глава": None, "лидер": None, "руководитель": None, "замглавы": None, "заместитель": None, "замминистра": None,
    "губернатор": None, "председатель": None, "спикер парламента": "parliament_president", "советник": "adviser",
    "помощник": None, "командующий": None, "главнокомандующий": "commander_in_chief", "генерал": None,
    "директор": None, "декан": None, "ректор": None, "профессор": None, "депутат": None, "сенатор": None,
    "дипломат": None, "политик": None, "политолог": None, "эксперт": None, "аналитик": None, "историк": None,
    "экономист": None, "военкор": None, "корреспондент": None, "журналист": None, "обозреватель": None,
    "блогер": None, "писатель": None, "собеседник": None, "глава государства": "president", "лидер страны": None,
    "военный эксперт": None, "политический обозреватель": None, "автор": None, "ведущий": None, "министр финансов": None,
    "секретарь": None, "секретарь совбеза": "security_council_secretary", "начальник": None, "командир": None,
    "военнослужащий": None, "боец": None, "офицер": None, "депутат госдумы": None, "вице-премьер": None,
    "кандидат": None, "глава делегации": None, "посланник": "envoy", "спецпредставитель": "envoy",
}  # fmt: skip

#: the first words of the role phrases, in their lemma ("министр" of "министр иностранных дел")
ROLE_HEADS = frozenset(k.split()[0] for k in ROLES)
#: role nouns for women (the verb's form tells the rest: "заявила")
FEMALE_ROLES = frozenset("королева".split())
#: words for a group that speaks: "в Кремле заявили", "эксперты считают"
GROUP_ROLES = frozenset(
    """эксперт аналитик военный чиновник политолог источник власть официальный представитель депутат дипломат
    журналист военкор""".split()
)
#: bodies that speak ("МИД России сообщил", "в Кремле заявили", "ведомство отметило")
BODIES = frozenset(
    """мид минобороны министерство ведомство правительство кремль администрация офис посольство пентагон госдеп
    совет совбез штаб генштаб служба пресс-служба управление комитет партия агентство издание газета телеканал
    канал сми журнал портал сайт организация альянс союз блок фонд суд прокуратура парламент дума рада сенат
    конгресс кабмин минфин минздрав""".split()
)
#: words that make a document speak ("говорится в заявлении", "сказано в его телеграм-канале")
DOCUMENTS = frozenset("заявление сообщение документ доклад отчёт отчет письмо коммюнике телеграм-канал канал пост".split())

PRONOUNS: dict[str, str] = {"он": "m", "она": "f", "они": "p", "оно": "n", "я": "1", "мы": "1p"}
#: the possessive that names the speaker of "по его словам", "по её мнению"
POSSESSIVES: dict[str, str] = {"его": "m", "её": "f", "ее": "f", "их": "p"}

#: "по словам X", "по мнению X", "по данным X", "по информации X"
ACCORDING = frozenset("словам мнению данным информации оценке оценкам утверждению заявлению версии".split())

#: words that open a sentence with a capital and are never names on their own
FUNCTION_WORDS = frozenset(
    """а и но или да нет не ни же ли бы вот это этот эта эти тот та те так также тоже как когда если что чтобы
    потому поэтому однако кроме между после перед при во в на с со к ко у о об от до из за под над по для без про
    через он она оно они мы вы я ты его ее её их им ей ему нам вам мне меня кто где куда зачем почему какой какая
    какие который которая которые весь вся все всё сам сама сами уже еще ещё ранее накануне позднее затем тогда
    сейчас сегодня вчера завтра теперь здесь там впрочем кстати более менее самый очень лишь только даже именно
    ведь хотя пока ни""".split()
)


def role_title(lemma_phrase: str) -> tuple[bool, str | None]:
    """(whether ``lemma_phrase`` is a role noun, its registry title)."""
    key = lemma_phrase.replace("ё", "е")
    if key in ROLES:
        return True, ROLES[key]
    return False, None


__all__ = [
    "ACCORDING",
    "BODIES",
    "DOCUMENTS",
    "FEMALE_ROLES",
    "FUNCTION_WORDS",
    "GROUP_ROLES",
    "POSSESSIVES",
    "PRONOUNS",
    "ROLES",
    "ROLE_HEADS",
    "VERBS",
    "Verb",
    "role_title",
    "verb",
]
