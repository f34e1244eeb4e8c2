"""Sentences of article paragraphs, aware of German news conventions.

Written here rather than taken from a library: SoMaJo splits best but is GPL-3, pysbd takes
about 20 ms an article (the whole spine has 3 ms), and syntok keeps a closing quote mark and
the next sentence together. The rules: a sentence ends at . ! ? … (plus closing quote marks and
brackets) before whitespace and a sentence start, but not after an abbreviation ("z. B.",
"Dr.", "J.D. Vance"), an initial, or an ordinal ("am 4. März", "der 2. Weltkrieg").
"""

from __future__ import annotations

import re

from newsprism.document import Document
from newsprism.pipeline.base import StageBase
from newsprism.text import strip_span
from newsprism.timex import MONTH_BY_NAME

# Abbreviations that end with a period and do not end a sentence (lower-cased, without the final period).
ABBREVIATIONS = frozenset(
    """
    abg abt adr ahd allg amtl anh anl anm aufl ausg bde bearb beil bes betr bez bgbl bhf bspw
    bsp bzgl bzw ca chr co corp dgl di dipl dr dres dt dtsch ebd ehem eig eigtl entspr erg etc ev evtl exkl
    fa fam ff fr frl geb gebr gegr gem ges gest ggf ggü gmbh hg hr hrn hrsg hl inkl inc insb jh jhd jr jun
    kath kfm kgl kl kr lt ltd mi mia mill min mind mio mo mr mrd mrs ms mt mwst nachf nrn o op orig
    pfd pkt pl pol prof prot rd rel resp rk sa sek sen sog sr st std stellv str stud tel tsd u ua uä usw
    übers vgl vs vj vors wg wiss zb zt ztr zz zzt zzgl dh ds co kg ag ev ao ao univ bzw pers jan feb febr mär
    apr jun jul aug sep sept okt oct nov dez dec e.g i.e approx dept est fig gen gov lt mt no nos rep sen sgt
    vol vols г гг др им проф см стр тыс млн млрд руб ул пр т тт
    """.split()
)
# Abbreviations only when a number follows; otherwise ordinary words that can end a sentence.
BEFORE_NUMBERS = frozenset("art nr abs kap tab abb bd s seite ziff".split())
# Words after which a number with a period is an ordinal, not a sentence end ("am 4. März", "der 2. Weltkrieg").
ORDINAL_CONTEXT = frozenset(
    """
    am vom zum zur bis ab seit der die das dem den des im beim ihr ihre ihrem ihren sein seine seinem seinen
    jeder jede jedes jedem den vor nach zwischen und oder bzw platz rang
    """.split()
)
_CANDIDATE = re.compile(r"[.!?…]+[\"“”»«‘’'‹›)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+(?:[-–—]\s+)?[\"„“”»«‚‘’'‹›(\[]*(?:[A-ZÄÖÜ0-9]|[^\W\d_a-zäöüß])")
_ORDINAL_ONLY = re.compile(r"\s*\d{1,3}\.\s*")  # "2. Bundesliga": a number alone cannot be a sentence
_WORD_BEFORE = re.compile(r"(\w+(?:\.\w+)*)\.$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` closes an abbreviation, an initial or an ordinal."""
    m = _WORD_BEFORE.search(text, max(0, dot - 40), dot + 1)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in ABBREVIATIONS or low.replace(".", "") in ABBREVIATIONS:
        return True
    if low in BEFORE_NUMBERS:  # "Art. 5 GG", "Nr. 12", but "auf seine Art. Dann"
        return bool(re.match(r"\s*\d", text[dot + 1 : dot + 4]))
    if "." in word and all(len(p) <= 2 for p in word.split(".")):  # z.B, u.a, J.D, U.S
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():  # initials: "Donald J. Trump"
        return True
    if len(word) == 1 and word.isalpha() and text[m.start() - 1 : m.start()] in (" ", ""):  # "z. B."
        nxt = text[dot + 1 : dot + 4].strip()
        return len(nxt) >= 1 and nxt[0].isalpha() and text[dot + 2 : dot + 4].endswith(".")
    if word.isdigit() and len(word) <= 2:
        after = re.match(r"\s*([\wÄÖÜäöüß]+)", text[dot + 1 : dot + 30])
        if after and after.group(1).lower() in MONTH_BY_NAME:
            return True
        before = re.search(r"(\w+)\s+$", text[max(0, m.start() - 20) : m.start()])
        return bool(before and before.group(1).lower() in ORDINAL_CONTEXT)
    return bool(re.fullmatch(r"[IVXLC]+", word) and len(word) <= 5 and word != "I")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``), whitespace trimmed."""
    out: list[tuple[int, int]] = []
    cur = start
    for m in _CANDIDATE.finditer(text, start, end):
        cut = m.end()
        if not _NEXT_START.match(text, cut, end):
            continue
        single_period = text[m.start()] == "." and m.end() - m.start() == 1
        if single_period and (_is_abbreviation(text, m.start()) or _ORDINAL_ONLY.fullmatch(text, cur, cut)):
            continue
        s, e = strip_span(text, cur, cut)
        if e > s:
            out.append((s, e))
        cur = cut
    s, e = strip_span(text, cur, end)
    if e > s:
        out.append((s, e))
    return out


class SentenceStage(StageBase):
    """Splits every article paragraph (not boilerplate) into sentences."""

    name = "sentences"
    requires = ("paragraphs",)
    assigns = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        for para in doc.layer("paragraphs"):
            for s, e in split_sentences(doc.text, para.start, para.end):
                doc.add("sentences", s, e, "sentence")
        return doc
