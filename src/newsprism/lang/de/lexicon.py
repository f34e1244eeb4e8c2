"""Word knowledge for German quote attribution: speech verbs, reporting phrases, roles, names, Konjunktiv.

The speech-verb lexicon and the role nouns are data files of this package (``newsprism/lang/de``) so that they can be read,
reviewed and extended without touching code.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import simplemma

from newsprism.errors import UsageError


@dataclass(frozen=True, slots=True)
class Verb:
    """A speech verb: ``lemma`` joined ("hinzufügen"), its ``base`` and separable ``particle``."""

    lemma: str
    base: str
    particle: str
    kind: str
    frames: frozenset[str]
    reflexive_only: bool = False  # "sich sorgen": without "sich" the verb says nothing ("sorgen dafür")


def _data(name: str) -> str:
    """A file of this language pack (speech verbs, role and institution nouns), else of the shared data (names)."""
    here = resources.files("newsprism.lang.de").joinpath(name)
    if here.is_file():
        return here.read_text(encoding="utf-8")
    return resources.files("newsprism.data").joinpath(name).read_text(encoding="utf-8")


SPEECH_VERBS_ENV = "NEWSPRISM_SPEECH_VERBS"
_KINDS = frozenset(("speech", "thought", "writing", "report", "address"))
_FRAMES = frozenset(("dass", "konj", "colon", "direct", "zu"))


def _lexicon_files() -> list[tuple[str, str]]:
    """(name, text) of the bundled speech-verb lexicon and of the users' files listed in $NEWSPRISM_SPEECH_VERBS."""
    files = [("speech_verbs.txt", _data("speech_verbs.txt"))]
    for path in filter(None, os.environ.get(SPEECH_VERBS_ENV, "").split(os.pathsep)):
        try:
            files.append((path, Path(path).read_text(encoding="utf-8")))
        except OSError as exc:
            raise UsageError(f"{path}: cannot read the speech-verb file named in ${SPEECH_VERBS_ENV}: {exc}") from exc
    return files


@lru_cache(maxsize=1)
def speech_verbs() -> dict[str, Verb]:
    """Speech verbs by joined lemma ("sagen", "hinzufügen", "deutlichmachen"), the users' files included."""
    return _parse_lexicon(_lexicon_files())


def _parse_lexicon(files: list[tuple[str, str]]) -> dict[str, Verb]:
    out: dict[str, Verb] = {}
    for name, text in files:
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if line:
                _add_verb(out, line, f"{name}:{number}")
    return out


def _add_verb(out: dict[str, Verb], line: str, where: str) -> None:
    parts = line.split()
    reflexive = parts[0] == "sich"
    if reflexive:
        parts = parts[1:]
    if len(parts) < 3 or parts[1] not in _KINDS or not set(parts[2:]) <= _FRAMES:
        raise UsageError(
            f"{where}: expected LEMMA KIND FRAMES... with KIND one of {', '.join(sorted(_KINDS))} and FRAMES among"
            f" {', '.join(sorted(_FRAMES))}, got {line!r}"
        )
    lemma_raw, kind, frames = parts[0], parts[1], frozenset(parts[2:])
    pieces = lemma_raw.split("+")
    particle, base = ("".join(pieces[:-1]), pieces[-1]) if len(pieces) > 1 else ("", pieces[0])
    lemma = particle + base
    old = out.get(lemma)
    if old is not None:
        frames |= old.frames
        reflexive = reflexive and old.reflexive_only
    out[lemma] = Verb(lemma, base, particle, kind, frames, reflexive)


@lru_cache(maxsize=1)
def verbs_by_base() -> dict[str, dict[str, Verb]]:
    """Speech verbs by their base, then particle ("" for the bare verb): fügen → {"hinzu": hinzufügen}."""
    out: dict[str, dict[str, Verb]] = {}
    for v in speech_verbs().values():
        out.setdefault(v.base, {})[v.particle] = v
    return out


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    return frozenset(v.particle for v in speech_verbs().values() if v.particle)


@lru_cache(maxsize=1)
def role_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    words = {w for line in _data("role_nouns.txt").splitlines() if not line.startswith("#") for w in line.split()}
    low = frozenset(w.lower() for w in words)
    suffixes = tuple(sorted((w.lower() for w in words if len(w) >= 4), key=len, reverse=True))
    return low, suffixes


@lru_cache(maxsize=32768)
def is_role_noun(word: str) -> bool:
    """ "Präsident", "Kremlsprecher", "US-Präsidentin", "SPD-Vorsitzenden", "70-Jährige", "Sprecherinnen"."""
    w = word.lower().strip(".,")
    first_letter = next((c for c in word if c.isalpha()), "")
    if w.endswith(("jährige", "jährigen", "jähriger")) and (first_letter.isupper() or w[0].isdigit()):
        return True  # "der 70-Jährige", also written "der 81-jährige"
    if not w or not first_letter.isupper():
        return False
    words, suffixes = role_nouns()
    for form in (
        w,
        w.removesuffix("innen"),
        w.removesuffix("in"),
        w.removesuffix("en"),
        w.removesuffix("n"),
        w.removesuffix("s"),
        w.removesuffix("r"),
    ):
        if form in words or (len(form) > 5 and form.endswith(suffixes)):
            return True
    return False


@lru_cache(maxsize=1)
def _verb_forms() -> tuple[dict[str, str], bool]:
    """Inflected forms of the lexicon's verbs (lang/de/speech_verb_forms.txt, built by scripts/build_verb_forms.py),
    and whether the users added verbs that file cannot know."""
    forms = {w: w for w in (*speech_verbs(), *verbs_by_base())}
    for line in _data("speech_verb_forms.txt").splitlines():
        if line and not line.startswith("#"):
            form, lem = line.split()
            forms[form] = lem
    bundled = _parse_lexicon([("speech_verbs.txt", _data("speech_verbs.txt"))])
    return forms, bool(set(speech_verbs()) - set(bundled))


@lru_cache(maxsize=32768)
def verb_lemma(text: str, low: str) -> str | None:
    """The lexicon lemma or base a word form belongs to ("wies" → "weisen", "hinzugefügt" → "hinzufügen"), or None.
    Forms come from the bundled table; verbs the users added are found by lemmatising."""
    forms, user_only = _verb_forms()
    lem = forms.get(low)
    if lem is not None:
        return lem
    for k in range(2, min(len(low) - 2, 8)):  # a particle verb the table lacks in one piece: "nachlegte"
        p = low[:k]
        if p in particles():
            base = forms.get(low[k:])
            if base is not None and p + base in speech_verbs():
                return p + base
    if user_only:
        lem = lemma(text)
        if lem in speech_verbs() or lem in verbs_by_base():
            return lem
    return None


def in_speech_lexicon(text: str, low: str) -> bool:
    """Whether a word form can be a speech verb at all (most words cannot: a cheap test before the real one)."""
    return verb_lemma(text, low) is not None


def speech_alone(text: str, low: str) -> bool:
    """Whether a word form is a speech verb without help: one of the lexicon's verbs, or a base that speaks bare.
    "wurde", "ist", "hat" are bases of speech verbs only with a particle ("bekannt wurde", "der Ansicht ist")."""
    lem = verb_lemma(text, low)
    if lem is None:
        return False
    verbs = speech_verbs()
    return lem in verbs or low in verbs or "" in speech_particles(text, low)


@lru_cache(maxsize=32768)
def speech_particles(text: str, low: str) -> dict[str, Verb]:
    """The particles a base needs to be a speech verb ("gab" → "bekannt", "an", …), with the verb each makes;
    "" for the bare base when it speaks alone."""
    lem = verb_lemma(text, low) or low
    return verbs_by_base().get(lem) or verbs_by_base().get(low) or {}


REPORT_TRIGGERS = frozenset("laut gemäß zufolge nach so wie heißt hieß demnach danach soll sollen".split())
# Triggers that report only beside a word that reports by itself: "nach" beside a noun of saying ("nach Angaben",
# "Gerüchte, nach denen"), "wie" beside a speech verb ("wie die Polizei mitteilte").
_NEEDS_COMPANY = frozenset(("nach", "wie"))


def may_report(text: str, low: str) -> bool:
    """Whether a word can start any of the ways reported speech is found: a speech verb or adjective, a reporting
    word ("laut", "zufolge", "demnach"), a noun of saying, or a Konjunktiv form. A base that speaks only with a
    particle ("gab … bekannt") does not count here; see ``speech_particles``."""
    return (
        (low in REPORT_TRIGGERS and low not in _NEEDS_COMPANY)
        or low in SPEECH_ADJECTIVES
        or speech_alone(text, low)
        or is_statement_noun(text)
        or is_attribution_noun(text)
        or (not text[:1].isupper() and is_konjunktiv(text))  # a verb; "Nähe", "Frage" are nouns
    )


@lru_cache(maxsize=1)
def institution_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    words = frozenset(
        w.lower() for line in _data("institution_nouns.txt").splitlines() if not line.startswith("#") for w in line.split()
    )
    return words, tuple(sorted((w for w in words if len(w) >= 5), key=len, reverse=True))


@lru_cache(maxsize=32768)
def is_institution_noun(word: str) -> bool:
    """ "Polizei", "Staatsanwaltschaft", "Innenministerium", "Nachrichtenagentur": a body that can speak."""
    w = word.lower()
    words, suffixes = institution_nouns()
    forms = (w, w.removesuffix("en"), w.removesuffix("n"))  # "Behörden", "Parteien", "Unternehmen"
    return any(f in words or (len(f) > 6 and f.endswith(suffixes)) for f in forms)


@lru_cache(maxsize=1)
def speaker_nouns() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """The nouns of ``speaker_nouns.txt`` by section (people, documents, things): (words, suffixes), lower case."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in _data("speaker_nouns.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections.setdefault(current, set()).update(w.lower() for w in line.split())
    return {
        name: (frozenset(words), tuple(sorted((w for w in words if len(w) >= 5), key=len, reverse=True)))
        for name, words in sections.items()
    }


_PERSON_SUFFIXES = (
    "ist",
    "loge",
    "olog",
    "ator",
    "ierer",
    "eur",
    "iker",
    "ierende",
    "ierte",
    "ant",
    "enden",
)  # Aktivist, Virologe, …
_INFLECTIONS = ("innen", "in", "en", "nen", "n", "e", "s", "er")


@lru_cache(maxsize=32768)
def may_speak(head: str) -> bool:
    """Whether a common noun at the head of a quote's subject can be its speaker: a person or group of people
    ("Experten", "die Betroffenen", "Ärzte"), a body ("das Ministerium") or a document or medium that the text makes
    speak ("die Studie", "das Nachrichtenportal") — not an abstract noun or a thing ("Frage", "Corona-Viren")."""
    if not head[:1].isupper():
        return False
    w = head.lower()
    bare = {head, *(head[: -len(x)] for x in ("es", "s") if w.endswith(x) and len(w) - len(x) >= 4)}  # genitive
    if any(is_role_noun(h) or is_institution_noun(h) or is_people_plural(h) for h in bare):
        return True
    forms = {w, *(w.removesuffix(x) for x in (*_INFLECTIONS, "es") if w.endswith(x) and len(w) - len(x) >= 3)}
    if _listed(forms, "people") or _listed(forms, "documents"):
        return True
    lem = lemma(head)  # plurals with an umlaut: "Anwälte", "Landräte"
    if lem != head and (is_role_noun(lem) or is_institution_noun(lem) or _listed({lem.lower()}, "people")):
        return True
    return any(f.endswith(_PERSON_SUFFIXES) and len(f) > 5 for f in forms)


def _listed(forms: set[str], section: str) -> bool:
    """One of ``forms`` is a noun of that section of ``speaker_nouns.txt`` or ends with one."""
    words, suffixes = speaker_nouns()[section]
    return any(f in words or (len(f) > 5 and f.endswith(suffixes)) for f in forms)


_ABSTRACT_SUFFIXES = ("ung", "ungen", "heit", "heiten", "keit", "keiten", "ion", "ionen", "tät", "täten", "ismus", "nis")


@lru_cache(maxsize=32768)
def cannot_speak(head: str) -> bool:
    """A quote's subject noun that is surely no speaker: not one ``may_speak`` knows, and an abstract noun
    ("Verarmung", "Argumentation", "Ideologie") or a thing or word of the [things] list ("Frage", "Corona-Viren",
    "Man"). A capitalised word neither list knows may be a name and is left alone."""
    if may_speak(head) or is_attribution_noun(head) or is_statement_noun(head):
        return False
    w = head.lower()
    last = w.rsplit("-", 1)[-1]
    if last.endswith(_ABSTRACT_SUFFIXES) and len(last) > 5:
        return True
    return _listed(
        {last, *(last.removesuffix(x) for x in _INFLECTIONS if last.endswith(x) and len(last) - len(x) >= 3)}, "things"
    )


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    names: set[str] = set()
    for name in ("first_names_curated.txt", "first_names_germeval.txt"):
        for line in _data(name).splitlines():
            if not line.startswith("#"):
                names.update(line.split())
    return frozenset(names)


def is_first_name(word: str) -> bool:
    return word in first_names()


@lru_cache(maxsize=1)
def female_names() -> frozenset[str]:
    return frozenset(w for line in _data("first_names_female.txt").splitlines() if not line.startswith("#") for w in line.split())


def gender(name: str | None, mention: str | None = None) -> str | None:
    """ "f", "m" or None: from a first name ("Angela Merkel"), or a role noun's ending ("die Ministerin")."""
    if mention:
        words = mention.split()
        if words and words[0].lower() in ("die", "eine") and len(words) > 1 and words[-1].lower().endswith("in"):
            return "f"
    first = (name or "").split()[0] if name else ""
    if first in female_names():
        return "f"
    if first in first_names():
        return "m"
    return None


_ARTICLE_GENDER = {"der": "m", "ein": "m", "dieser": "m", "die": "f", "eine": "f", "diese": "f", "das": "n", "dieses": "n"}


def mention_gender(name: str | None, mention: str | None) -> str | None:
    """ "m", "f" or "n" of one person or body: its first name, else the article of its mention ("der iranische
    Vize-Außenminister", "die Organisation", "das Gericht"); None when neither tells."""
    known = gender(name, mention)
    if known is not None:
        return known
    words = (mention or "").split()
    return _ARTICLE_GENDER.get(words[0].lower()) if len(words) > 1 else None


@lru_cache(maxsize=32768)
def lemma(word: str) -> str:
    """German lemma by simplemma's dictionary (fast; good enough for verbs and nouns)."""
    return simplemma.lemmatize(word, lang="de", low_memory=True)


@lru_cache(maxsize=32768)
def is_known_word(word: str) -> bool:
    return bool(simplemma.is_known(word, lang="de", low_memory=True))


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


DETERMINERS = _words(
    "wenige zahlreiche etliche sämtliche dies der die das den dem des ein eine einer eines einem einen kein keine keiner keines keinem keinen dieser diese "
    "dieses diesem diesen jener jene jenes jenem jenen mancher manche einige mehrere viele alle beide sein seine "
    "seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren unser unsere unserer unseres unserem unseren "
    "euer eure dessen deren jeder jede jedes jedem jeden"
)
NOMINATIVE_DETERMINERS = _words(
    "der die das ein eine kein keine dieser diese dieses jener jene jenes einige mehrere viele alle beide sein seine ihr ihre unser unsere jeder jede jedes manche"
)
SUBJECT_PRONOUNS = _words("er sie es ich wir ihr")
TIME_NOUNS = _words(
    "stunde stunden minute minuten sekunde sekunden tag tage tagen woche wochen monat monate monaten jahr jahre "
    "jahren jahrzehnt jahrzehnte jahrhundert abend abende morgen nachmittag vormittag nacht nächte mittag wochenende "
    "zeit zeiten mal male montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai "
    "juni juli august september oktober november dezember frühjahr sommer herbst winter anfang ende mitte beginn"
)
PERSONAL_PRONOUNS = _words("er sie ich wir ihr es man")
OBJECT_PRONOUNS = _words("ihm ihn ihr ihnen mir mich uns dir dich euch")
PREPOSITIONS = _words(
    "bezüglich hinsichtlich anlässlich mittels zwecks seitens inmitten oberhalb unterhalb jenseits diesseits "
    "in im ins an am ans auf aus bei beim mit nach von vom vor zu zum zur für gegen gegenüber über unter ohne durch "
    "seit während wegen trotz um bis ab neben hinter zwischen entlang innerhalb außerhalb infolge angesichts "
    "aufgrund gemäß dank statt anstatt per pro via samt"
)
SUBORDINATORS = _words(
    "dass daß ob wie weil wenn als obwohl obgleich damit sodass während nachdem bevor ehe da falls sofern wonach "
    "indem seitdem sobald solange bis wo wohin woher warum weshalb wieso was wer wen wem welche welcher welches"
)
RELATIVE_PRONOUNS = _words("der die das dem den dessen deren denen welcher welche welches welchem welchen")
COORDINATORS = _words("und oder aber sondern doch denn sowie")
COMPLEMENTIZERS = _words("dass daß ob wonach wie")
# First words of a clause that are not its subject: adverbs and sentence adverbials.
CLAUSE_ADVERBS = _words(
    "wieder folglich sonst selten fast nachher wirklich natürlich bekanntlich währenddessen eher längst außerdem zudem gleichzeitig zugleich daraufhin dabei darauf danach dann davor deshalb deswegen daher darum "
    "jedoch aber doch allerdings trotzdem dennoch auch ebenfalls ebenso zuvor vorher später nun jetzt heute gestern "
    "morgen bereits schon noch immer inzwischen mittlerweile unterdessen indes indessen zuletzt zunächst erst "
    "schließlich letztlich endlich weiter weiterhin ferner zusätzlich insbesondere vor allem so also somit demnach "
    "damals seither bisher hier dort da oft häufig manchmal mehrfach wiederholt erneut abermals offenbar "
    "offensichtlich angeblich vermutlich wahrscheinlich möglicherweise tatsächlich wörtlich ausdrücklich zwar nur "
    "sogar gerade kürzlich jüngst neulich anschließend zuerst zweitens drittens erstens letztens hingegen dagegen "
    "stattdessen vielmehr überdies obendrein ebenso genauso gleichwohl nichtsdestotrotz kurioserweise "
    "interessanterweise bezeichnenderweise derzeit zurzeit gegenwärtig momentan aktuell einst bald sofort stets nie "
    "niemals oftmals meist meistens zuweilen mitunter künftig bislang seitdem ohnehin jedenfalls immerhin zumindest "
    "wenigstens kaum beinahe nahezu lediglich bloß insgesamt allesamt teilweise grundsätzlich"
)
SPEECH_ADJECTIVES = _words(
    "überzeugt zuversichtlich optimistisch pessimistisch sicher besorgt skeptisch enttäuscht erfreut froh stolz "
    "dankbar empört entsetzt erleichtert verwundert überrascht glücklich zufrieden unzufrieden hoffnungsvoll "
    "beunruhigt alarmiert irritiert verärgert schockiert fassungslos gelassen kämpferisch selbstbewusst zurückhaltend "
    "offen bereit entschlossen bewusst"
)
_PRONOMINAL_ADVERB = re.compile(
    r"^(?:hier|da|dar|wo|wor)(?:zu|bei|für|mit|von|nach|auf|aus|in|an|über|unter|um|durch|gegen|neben|vor|hinter|zwischen|aufhin|außer)$"
)


@lru_cache(maxsize=32768)
def is_adverb(word: str) -> bool:
    """Adverbs, also capitalised at a sentence start ("Hierzu", "Kurioserweise", "Gegenwärtig")."""
    w = word.lower()
    return w in CLAUSE_ADVERBS or bool(_PRONOMINAL_ADVERB.match(w)) or w.endswith(("weise", "maßen", "falls", "dings", "wärts"))


COPULAS = _words("sein ist sind war waren sei seien wäre wären zeigen zeigte zeigten zeigt gab gibt geben")

AUXILIARIES_SET = _words(
    "hat haben hatte hatten habe hätte hätten ist sind war waren sei seien wäre wären wird werden wurde wurden "
    "würde würden kann können konnte konnten könne könnte muss müssen musste mussten will wollen wollte wollten "
    "soll sollen sollte sollten darf dürfen durfte worden"
)

# Konjunktiv I/II forms that are not also indicative (3rd person), for reported speech without a cue.
KONJUNKTIV_FORMS = _words(
    "sei seien seiest habe hätte hätten habest könne könnte könnten müsse müsste müssten dürfe dürfte dürften wolle "
    "solle möge möchte möchten werde würde würden wisse wüsste wäre wären gebe gäbe stünde stände läge liege bliebe "
    "bleibe käme komme ginge gehe hieße heiße täte tue stehe gelte gälte brauche fehle lasse ließe sehe sähe"
)
KONJUNKTIV_I_FORMS = _words(
    "sei seien habe könne müsse dürfe wolle solle möge werde wisse gebe liege bleibe komme gehe heiße tue stehe gelte brauche fehle lasse sehe"
)
_NOT_VERBS = _words(
    "eine keine diese jede alle gerne ohne ende bitte seine ihre meine deine unsere eure welche manche solche "
    "beide einige andere viele wenige mehrere ganze halbe erste letzte nächste große kleine neue alte"
)

# Prepositions and nouns that introduce a source without a speech verb ("laut X", "nach Angaben von X").
ATTRIBUTION_NOUNS = _words(
    "angaben angabe ansicht auffassung einschätzung meinung informationen information darstellung aussage aussagen "
    "worten wort schätzung schätzungen berechnungen zahlen daten berichten bericht berichte meldungen meldung "
    "recherchen erkenntnissen erkenntnisse untersuchung studie umfrage prognose prognosen einschätzungen sicht "
    "überzeugung lesart version vorstellung idee plänen plan auffassung urteil mitteilung erklärung bewertung "
    "beobachtungen beobachtung vermutung vermutungen ermittlungen darstellungen worte zeugenaussagen dokument "
    "papier gutachten artikel interview analyse statistik beschluss entwurf protokoll kommuniqué schreiben brief "
    "vernehmen ergebnis ergebnissen erkenntnisstand kenntnisstand wunsch willen hochrechnung hochrechnungen "
    "auskunft auskünften einschätzungen bekunden dafürhalten zählung recherche"
)
STATEMENT_NOUNS = _words(
    "vorwurf vorwürfe aussage aussagen behauptung behauptungen forderung forderungen ansicht auffassung meinung "
    "überzeugung hinweis hinweise warnung warnungen erklärung einschätzung vermutung befürchtung befürchtungen "
    "hoffnung kritik darstellung argument begründung annahme prognose ankündigung versprechen drohung zusage "
    "beteuerung feststellung gerücht gerüchte berichte meldungen nachricht nachrichten einwand einwände klage "
    "fazit bilanz kommentar reaktion antwort appell botschaft"
)


def is_statement_noun(word: str) -> bool:
    return word[:1].isupper() and word.lower() in STATEMENT_NOUNS


_ATTRIBUTION_SUFFIXES = tuple(sorted((w for w in ATTRIBUTION_NOUNS if len(w) >= 5), key=len, reverse=True))


@lru_cache(maxsize=16384)
def is_attribution_noun(word: str) -> bool:
    """ "Angaben", "Polizeiangaben", "Fernsehbericht", "Meinung": a noun that names where a claim comes from."""
    w = word.lower()
    return w in ATTRIBUTION_NOUNS or (len(w) > 6 and w.endswith(_ATTRIBUTION_SUFFIXES))


@lru_cache(maxsize=32768)
def is_konjunktiv(word: str, first_person_subject: bool = False) -> bool:
    """A finite verb form that marks reported speech (3rd person Konjunktiv: "sei", "habe", "zeige", "würden")."""
    w = word.lower()
    if w in KONJUNKTIV_FORMS:
        return not (
            first_person_subject
            and w
            in ("habe", "werde", "komme", "gehe", "stehe", "sehe", "brauche", "lasse", "bleibe", "liege", "gebe", "tue", "möchte")
        )
    if first_person_subject or not w.endswith("e") or w in _NOT_VERBS or len(w) < 4 or not word.islower():
        return False
    lem = lemma(word)
    if lem.endswith(("eln", "ern")) and w in (lem[:-1] + "e", lem[:-3] + lem[-2] + "e"):
        return True  # "handele", "handle", "ändere"
    return lem.endswith("en") and lem[:-1] == w and lem != w


def is_konjunktiv_i(word: str) -> bool:
    w = word.lower()
    return w in KONJUNKTIV_I_FORMS or (w not in KONJUNKTIV_FORMS and is_konjunktiv(word))


DEMONYMS = _words(
    "russen belarussen weißrussen ukrainer amerikaner us-amerikaner europäer westeuropäer osteuropäer briten "
    "engländer franzosen deutschen deutsche polen tschechen slowaken ungarn rumänen bulgaren serben kroaten "
    "griechen türken italiener spanier portugiesen niederländer belgier schweizer österreicher dänen schweden "
    "norweger finnen esten letten litauer georgier armenier aserbaidschaner kasachen usbeken chinesen japaner "
    "koreaner inder pakistaner iraner iraker syrer israelis palästinenser araber afghanen kanadier mexikaner "
    "brasilianer argentinier afrikaner australier tschetschenen tataren moldauer"
)


@lru_cache(maxsize=32768)
def is_people_plural(word: str) -> bool:
    """A plural noun for a group of people ("die Amerikaner", "die Ermittler"), a possible "sie" who speaks."""
    w = word.lower()
    return w in DEMONYMS or w.endswith(("aner", "äer", "ener")) or (is_role_noun(word) and w.endswith(("er", "en", "innen")))
