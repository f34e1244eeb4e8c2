"""Word knowledge for English quote attribution and names: speech verbs with their frames, role nouns and titles,
pronouns, the words that are never names.

A speech verb's frames say how it attributes words:
- ``clause``: reported speech after it, with or without "that" ("said (that) …", "warned that …");
- ``direct``: it attributes a direct quote beside it ("“…,” he fumed");
- ``object``: it takes whom the words were said to before the clause ("told reporters (that) …");
- ``to``: what someone was asked or urged to do ("called on Americans to leave", "urged X to …").
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsprism.lang.verbs import Verb

# lemma: frames — forms are made by the rules below unless given after "=" (irregular or doubled consonants)
_VERBS = """
say clause direct = says said saying
tell clause direct object = tells told telling
add clause direct
note clause direct
state clause direct
declare clause direct
announce clause direct
claim clause direct
deny clause direct = denies denied denying
warn clause direct object
insist clause direct
argue clause direct
stress clause direct
emphasise clause direct
emphasize clause direct
explain clause direct
write clause direct = writes wrote written writing
post clause
tweet clause direct
report clause direct
confirm clause direct
assert clause direct
acknowledge clause direct
admit clause direct = admits admitted admitting
allege clause direct
suggest clause direct
predict clause direct
reveal clause direct
indicate clause
promise clause direct object
vow clause direct
pledge clause direct
threaten clause direct to
reiterate clause direct
recall clause direct
concede clause direct
contend clause direct
maintain clause direct
mention clause direct
conclude clause direct
complain clause direct
agree clause direct
estimate clause
remark clause direct
observe clause direct
comment direct
reply clause direct = replies replied replying
respond clause direct
answer clause direct
ask direct to object
urge direct to object
call direct to
shout direct
fume direct
quip direct = quips quipped quipping
joke direct
boast clause direct
lament clause direct
cry direct = cries cried crying
exclaim direct
scream direct
insist clause direct
assure clause direct object
inform clause object
caution clause direct
advise clause object to
express clause
signal clause = signals signalled signaled signalling signaling
believe clause thought
think clause thought = thinks thought thinking
fear clause thought
hope clause thought
expect clause thought
doubt clause thought
accuse direct object
describe direct
dismiss direct
testify clause direct = testifies testified testifying
speak direct = speaks spoke spoken speaking
"""
_PARTICLE_VERBS = {"point out": "clause direct", "went on": "direct clause", "pointed out": "clause direct"}


def _forms(lemma: str) -> list[str]:
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, Verb]:
    """Every form of every speech verb ("said", "tells", "warning") → its verb."""
    out: dict[str, Verb] = {}
    for line in _VERBS.strip().splitlines():
        head, _, irregular = line.partition("=")
        parts = head.split()
        lemma, frames = parts[0], frozenset(p for p in parts[1:] if p != "thought")
        kind = "thought" if "thought" in parts else ("writing" if lemma in ("write", "post", "tweet") else "speech")
        verb = Verb(lemma, frames, kind)
        for form in irregular.split() or _forms(lemma):
            out.setdefault(form, verb)
        out.setdefault(lemma, verb)
    return out


def verb(word: str) -> Verb | None:
    return speech_verbs().get(word.lower())


# Role nouns and titles: what a person is ("the Kremlin spokesman", "Foreign Minister Sergei Lavrov", "the official").
# Values are registry titles where one fits (they resolve "the president" through the actor registry's roles).
ROLES: dict[str, str | None] = {
    "president": "president", "vice-president": "vice_president", "vice president": "vice_president",
    "prime minister": "head_of_government", "premier": "head_of_government", "chancellor": "head_of_government",
    "foreign minister": "foreign_minister", "defence minister": "defence_minister", "defense minister": "defence_minister",
    "defense secretary": "defence_minister", "defence secretary": "defence_minister",
    "foreign secretary": "foreign_minister", "secretary of state": "foreign_minister",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "press secretary": "press_secretary", "secretary-general": "secretary_general", "secretary general": "secretary_general",
    "general secretary": "secretary_general", "envoy": "envoy", "ambassador": "un_ambassador", "mayor": "mayor",
    "king": "monarch", "queen": "monarch", "pope": "pope", "commander-in-chief": "commander_in_chief",
    "minister": "minister", "secretary": None, "leader": None, "head": None, "chief": None, "official": None,
    "officials": None, "diplomat": None, "governor": None, "commander": None, "general": None, "gen.": None,
    "director": None, "chairman": None, "chairwoman": None, "chair": None, "adviser": None, "advisor": None,
    "aide": None, "analyst": None, "expert": None, "professor": None, "prof.": None, "researcher": None,
    "scientist": None, "economist": None, "lawmaker": None, "senator": None, "sen.": None, "congressman": None,
    "congresswoman": None, "representative": None, "rep.": None, "mp": None, "deputy": None, "lawyer": None,
    "attorney": None, "prosecutor": None, "judge": None, "host": None, "presenter": None, "anchor": None,
    "pundit": None, "propagandist": None, "propagandists": None, "journalist": None, "correspondent": None,
    "reporter": None, "editor": None, "commentator": None, "activist": None, "witness": None, "resident": None,
    "officer": None, "soldier": None, "colonel": None, "col.": None, "captain": None, "lieutenant": None,
    "sergeant": None, "admiral": None, "marshal": None, "prince": None, "princess": None, "patriarch": None,
    "ceo": None, "founder": None, "executive": None, "doctor": None, "dr.": None, "candidate": None,
    "nominee": None, "coordinator": None, "negotiator": None, "mp.": None, "member": None, "boss": None,
    "manager": None, "owner": None, "worker": None, "farmer": None, "student": None, "teacher": None,
    "father": None, "mother": None, "son": None, "daughter": None, "wife": None, "husband": None,
    "sources": None, "source": None, "authorities": None, "administration": None, "government": None,
    "ministry": None, "office": None, "military": None, "army": None, "police": None, "mission": None,
    "embassy": None, "campaign": None, "agency": None, "committee": None, "council": None, "court": None,
    "media": None, "press": None, "report": None, "statement": None, "study": None, "survey": None,
}  # fmt: skip
#: role words that name a body, not a person ("the ministry said"): the speaker is the body the article means
BODY_ROLES = frozenset(
    "authorities administration government ministry office military army police mission embassy campaign agency "
    "committee council court media press".split()
)
#: words that make a document speak ("the report said", "a statement read")
DOCUMENTS = frozenset("report statement study survey document letter memo paper analysis assessment".split())
#: plural role words: a group speaks ("officials said") — the speaker is the body they belong to when the text says
GROUP_ROLES = frozenset("officials sources propagandists authorities diplomats experts analysts lawmakers residents".split())
#: honorifics before a name that are not part of it
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. sir lord lady dr dr. prof prof. gen gen. col col. lt lt. sgt sgt. rev rev.".split()
)
_FEMALE_ROLES = frozenset("spokeswoman chairwoman congresswoman queen princess mother daughter wife".split())
_MALE_ROLES = frozenset("spokesman chairman congressman king prince father son husband".split())

PRONOUNS: dict[str, str] = {"he": "m", "she": "f", "they": "p", "it": "n", "i": "1", "we": "1p"}
POSSESSIVES: dict[str, str] = {"his": "m", "her": "f", "their": "p", "its": "n"}
OBJECT_PRONOUNS: dict[str, str] = {"him": "m", "her": "f", "them": "p", "it": "n", "me": "1", "us": "1p"}

# function words that open sentences and are written with a capital there: never names on their own
FUNCTION_WORDS = frozenset(
    """a an the this that these those there here it its he she they we i you his her their our my your but and or
    nor so yet for if when while as after before since until because although though however meanwhile moreover
    also still then thus now today yesterday tomorrow on in at of by to from with without about against between
    into over under during amid among according what which who whom whose where why how all some many most much
    more few several each every both either neither no not none one two three four five six seven eight nine ten
    first second last next other another such only even just yes no mr ms mrs dr st earlier later once despite
    instead rather perhaps maybe indeed asked speaking writing describing unlike like near around across along
    behind beyond beside besides within toward towards upon via per than""".split()
)
# capitalised words that are not names even inside a run of capitals: days, months, titles of address
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december""".split()
)
# words after "according to", "in": sources that are not speakers but can be ("according to the ministry")
SOURCE_PREPOSITIONS = ("according to", "in the words of", "as quoted by", "quoting")
# verbs of a group or body that mean "the speaker belongs to" ("X's office said")
ORG_WORDS = frozenset(
    """ministry ministries department office agency council committee commission party union alliance government
    parliament assembly court army forces force navy command service services bank fund organization organisation
    institute foundation university college school association federation corporation company group guard police
    police embassy mission administration authority authorities cabinet senate congress duma kremlin pentagon
    council house church""".split()
)
_TIME_WORDS = re.compile(
    r"^(?:on|last|this|next|earlier|later|late|early|tuesday|monday|wednesday|thursday|friday|saturday|sunday|"
    r"today|yesterday|morning|afternoon|evening|night|week|month|year|again|also|repeatedly|previously|recently|"
    r"once|then|now|publicly|privately|separately|bluntly|flatly|firmly|reportedly|allegedly|simply|quickly|"
    r"categorically|openly|clearly|earlier|already|further|in|a|an|the|statement|interview|post|speech|"
    r"briefing|press|conference|telegram|facebook|twitter|x|tv|television|radio|message|video|letter|at|to|with|"
    r"during|after|before|following|amid|while|his|her|their|its|own|separate|recent|televised|written|joint)$"
)


def gender_of_role(word: str) -> str | None:
    w = word.lower()
    if w in _FEMALE_ROLES:
        return "f"
    if w in _MALE_ROLES:
        return "m"
    return None


def is_role(word: str) -> bool:
    return word.lower() in ROLES


def is_time_or_manner(word: str) -> bool:
    """Words between a cue and its clause that belong to neither: "said on Tuesday in a statement that …"."""
    return bool(_TIME_WORDS.match(word.lower()))


COMPLEMENTIZERS = frozenset(("that",))
#: words that open a clause reported without "that" ("said Russia would …"), besides names and capitals
CLAUSE_OPENERS = frozenset(
    "the a an it he she they we i there this these those its his her their our no some all any what how why".split()
)
SUBORDINATORS = frozenset("if whether because although though while when as since unless until after before".split())
RELATIVE = frozenset("who which whom whose where".split())
COORDINATORS = frozenset("and or but".split())
NEGATIONS = frozenset("not never n't".split())
AUXILIARIES = frozenset(
    "has have had is was were are be been will would could should can may might must did does do also later then "
    "again repeatedly previously recently once publicly reportedly allegedly further already long often never "
    "always since still even first last".split()
)


__all__ = [
    "BODY_ROLES",
    "DOCUMENTS",
    "FUNCTION_WORDS",
    "GROUP_ROLES",
    "HONORIFICS",
    "NOT_NAMES",
    "ORG_WORDS",
    "POSSESSIVES",
    "PRONOUNS",
    "ROLES",
    "Verb",
    "gender_of_role",
    "is_role",
    "speech_verbs",
    "verb",
]


# Capitalised words of a title before a name ("Ukrainian Foreign Minister Dmitry Kuleba", "Secretary of State
# Antony Blinken", "NATO Secretary-General Jens Stoltenberg"): never part of the name itself
TITLE_WORDS = frozenset(
    """president vice prime minister foreign defense defence secretary secretary-general general gen. chancellor
    premier king queen prince princess pope senator sen. rep. representative governor gov. mayor ambassador envoy
    spokesman spokeswoman spokesperson chief director chairman chairwoman chair commander admiral colonel col. judge
    justice dr. mr. mrs. ms. professor prof. deputy acting interim former supreme leader head attorney
    attorney-general interior finance economy health energy state trade labour labor home culture education
    agriculture transport environment emergency emergencies lieutenant lt. sergeant sgt. captain capt. major
    marshal patriarch archbishop bishop sheikh emir crown host ceo undersecretary under assistant special first
    security national adviser advisor press spokesperson minister-president commissioner high chief-of-staff
    staff joint chiefs speaker lawmaker mp congressman congresswoman lord lady sir dame president-elect
    vice-president deputy-head ex-president ex-prime top senior""".split()
)
# English demonyms and the countries (ISO codes) they say a role belongs to
DEMONYMS: dict[str, str | None] = {
    "russian": "ru", "ukrainian": "ua", "belarusian": "by", "belarussian": "by", "byelorussian": "by",
    "american": "us", "u.s.": "us", "us": "us", "british": "gb", "uk": "gb", "german": "de", "french": "fr",
    "chinese": "cn", "polish": "pl", "hungarian": "hu", "serbian": "rs", "bulgarian": "bg", "romanian": "ro",
    "moldovan": "md", "georgian": "ge", "armenian": "am", "azerbaijani": "az", "kazakh": "kz", "turkish": "tr",
    "iranian": "ir", "israeli": "il", "palestinian": "ps", "syrian": "sy", "iraqi": "iq", "indian": "in",
    "pakistani": "pk", "japanese": "jp", "korean": "kr", "north korean": "kp", "south korean": "kr",
    "italian": "it", "spanish": "es", "portuguese": "pt", "dutch": "nl", "belgian": "be", "austrian": "at",
    "swiss": "ch", "swedish": "se", "finnish": "fi", "norwegian": "no", "danish": "dk", "estonian": "ee",
    "latvian": "lv", "lithuanian": "lt", "czech": "cz", "slovak": "sk", "slovenian": "si", "croatian": "hr",
    "greek": "gr", "canadian": "ca", "australian": "au", "brazilian": "br", "mexican": "mx", "saudi": "sa",
    "egyptian": "eg", "qatari": "qa", "emirati": "ae", "afghan": "af", "european": "eu", "western": None,
}  # fmt: skip
# capitalised heads that make a name a body ("Defense Ministry", "Ministry of Defence", "Security Council")
ORG_HEADS = frozenset(
    """ministry ministries department office agency council committee commission party union alliance government
    parliament assembly court army forces navy command service services bank fund organization organisation
    institute foundation university college school association federation corporation company group guard police
    embassy mission administration authority cabinet senate congress duma house church news times post press
    network channel tv radio television journal herald telegraph guardian tribune inc corp ltd llc bureau board
    centre center programme program movement front brigade battalion regiment division corps unit staff""".split()
)
# connectors inside a name ("Ministry of Defence", "Charles de Gaulle", "Bashar al-Assad")
NAME_CONNECTORS = frozenset("of de van von der den da di del la le du dos al bin ibn &".split())
