"""Structure of a flattened web page: boilerplate, title, lede, key points, subheadings, body.

Scraped plain text keeps the page's navigation around the article. The article is the run of
paragraph-like lines; what stands before it is the header (navigation, dates, the title), what
stands after it the footer. Nothing is cut: boilerplate becomes spans in the ``boilerplate`` layer
and every article line a span in ``paragraphs`` whose label is its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.document import Document
from newsprism.pipeline.base import StageBase
from newsprism.text import SENTENCE_END, Line, lines, match_key, strip_span, words
from newsprism.timex import find_dates

# Labels of key-point boxes ("Das Wichtigste in Kürze" and its kin) in de, en, ru.
KEY_POINT_LABELS = (
    "das wichtigste in kürze",
    "das wichtigste im überblick",
    "das wichtigste auf einen blick",
    "das wichtigste in zahlen",
    "auf einen blick",
    "in kürze",
    "kurz und knapp",
    "zusammenfassung",
    "key points",
    "key takeaways",
    "the key points",
    "at a glance",
    "in brief",
    "главное",
    "коротко",
    "кратко",
    "главное за день",
)
# Labels that may stand glued before the first point; the others only alone on their line or with a colon.
_STRONG_LABELS = tuple(x for x in KEY_POINT_LABELS if x.startswith(("das wichtigste", "key ")))
_LABEL_RE = re.compile(
    r"^(?:" + "|".join(re.escape(x) for x in sorted(KEY_POINT_LABELS, key=len, reverse=True)) + r")(?![\w-])\s*(:?)",
    re.IGNORECASE,
)


def _label(text: str) -> int | None:
    """End of a key-point box label at the start of ``text``, or None."""
    m = _LABEL_RE.match(text)
    if not m:
        return None
    if m.end() >= len(text.rstrip()) or m.group(1) or text[: m.end()].strip().lower().startswith(_STRONG_LABELS):
        return m.end()
    return None


# A scraper's metadata field glued before the text ("date 2025-03 Der belarussische ...").
_FIELD_ARTIFACT_RE = re.compile(
    r"(?:date|datum|published|updated|veröffentlicht|aktualisiert|stand)\s*:?\s+\d{4}-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?)?(?=\s|$)",
    re.IGNORECASE,
)

# Page furniture that is never article text, wherever it stands (whole line, case-insensitive).
_FURNITURE_RE = re.compile(
    r"^(?:"
    r"(?:abonnieren sie uns(?: auf)?|folgen sie uns(?: auf)?|subscribe(?: to us)?(?: on)?|follow us(?: on)?|подписывайтесь(?: на нас)?(?: в)?)\b.*"
    r"|(?:top-?nachrichten|alle nachrichten|letzte nachrichten|neueste nachrichten|meistgelesen|top news|latest news|most read|главные новости|последние новости|все новости)\b.*"
    r"|(?:lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|das könnte sie auch interessieren|weiterlesen|zum thema|read more|related(?: articles| stories)?|see also|читайте также|подробнее)\b.{0,120}"
    r"|(?:foto|fotos|bild|bilder|quelle|photo|image|credit|credits|фото|источник)\s*:.{0,100}"
    r"|(?:anzeige|werbung|advertisement|sponsored|реклама)"
    r"|(?:teilen|drucken|share|tweet|print|e-?mail|facebook|twitter|x|telegram|whatsapp|vk|vkontakte|instagram|youtube|linkedin|pinterest|reddit|odnoklassniki|rss)(?:\s*[|/·•,]\s*\w+)*"
    r"|(?:©|\(c\)|copyright\b).{0,150}"
    r"|(?:impressum|datenschutz(?:erklärung)?|kontakt|cookies?(?:-einstellungen)?|nutzungsbedingungen|privacy policy|terms of use|contact)"
    r"|(?:von|by|автор:?)\s+[A-ZÄÖÜА-Я][\w.\-]+(?:\s+[A-ZÄÖÜА-Я][\w.\-]+){0,3}(?:\s*[,|].{0,40})?"
    r")$",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"^[^.!?]{1,40}(?:\s*[›»>|/]\s*[^.!?›»>|/]{1,40}){1,6}$")
_BULLET_RE = re.compile(r"^[•·▪◦●■\-–—*]\s+")
_GENERIC_NAV = frozenset(
    match_key(x)
    for x in """
    alle nachrichten news aktuell startseite home menü menu suche search login anmelden newsletter mehr more
    teilen share top-nachrichten themen rubriken ressorts projekte video videos fotos audio podcast live ticker
    archiv archive главная новости все меню поиск
    """.split()
) | {match_key("alle nachrichten"), match_key("top news"), match_key("latest news")}

MAX_KEY_POINTS = 8


@dataclass(slots=True)
class _Line:
    line: Line
    start: int  # after any inline boilerplate prefix
    end: int
    n_words: int
    text: str
    role: str = ""  # title | lede | key_point | subheading | body | boilerplate
    kind: str = ""  # for boilerplate: nav | date | furniture | footer
    prefix: tuple[int, int, str] | None = None  # inline boilerplate before the content
    attrs: dict[str, object] = field(default_factory=dict)


def _ends_sentence(s: str) -> bool:
    s = s.rstrip("\"“”»«‘’'‹›)] ")
    return bool(s) and s[-1] in SENTENCE_END


def _is_date_line(text: str) -> bool:
    """A line that is a date and little else ("08 August 2025, 14:20", "flag Dienstag, 12 August 2025")."""
    found = find_dates(text)
    if not found:
        return False
    covered = sum(d.end - d.start for d in found)
    rest = text
    for d in reversed(found):
        rest = rest[: d.start] + " " + rest[d.end :]
    return len(words(rest)) <= 2 and covered >= 0.5 * len(text.strip())


def _is_paragraph(ln: _Line) -> bool:
    return ln.n_words >= 20 or (ln.n_words >= 5 and _ends_sentence(ln.text))


def _is_nav(ln: _Line) -> bool:
    return ln.n_words <= 4 and not _ends_sentence(ln.text)


def _sentence_count(text: str) -> int:
    from newsprism.pipeline.sentences import split_sentences

    return len(split_sentences(text, 0, len(text)))


class StructureStage(StageBase):
    """Marks boilerplate and gives every article line its role."""

    name = "structure"
    requires = ("text",)
    assigns = ("boilerplate", "paragraphs")

    def __call__(self, doc: Document) -> Document:
        text = doc.text
        ls = [self._prepare(text, ln) for ln in lines(text)]
        if ls:
            self._classify(ls, doc.source.hints.get("title"))
        boiler, paras = [], []
        for ln in ls:
            if ln.prefix:
                boiler.append((ln.prefix[0], ln.prefix[1], ln.prefix[2]))
            if ln.role == "boilerplate":
                boiler.append((ln.start, ln.end, ln.kind))
            elif ln.start < ln.end:
                paras.append((ln.start, ln.end, ln.role))
        for s, e, kind in boiler:
            doc.add("boilerplate", s, e, "boilerplate", kind=kind)
        for s, e, role in paras:
            doc.add("paragraphs", s, e, role)
        return doc

    @staticmethod
    def _prepare(text: str, ln: Line) -> _Line:
        s, e = ln.start, ln.end
        prefix = None
        m = _FIELD_ARTIFACT_RE.match(text, s, e)
        if m:
            prefix = (s, m.end(), "artifact")
            s, _ = strip_span(text, m.end(), e)
        chunk = text[s:e]
        return _Line(ln, s, e, len(words(chunk)), chunk, prefix=prefix)

    def _classify(self, ls: list[_Line], hint_title: str | None) -> None:
        paragraph_like = [i for i, ln in enumerate(ls) if _is_paragraph(ln) and not self._furniture(ln)]
        if not paragraph_like:  # nothing article-like: keep the lines as body, mark obvious furniture
            for ln in ls:
                ln.role, ln.kind = ("boilerplate", "furniture") if self._furniture(ln) else ("body", "")
            return
        first_para, last_para = paragraph_like[0], paragraph_like[-1]
        title_idx = self._find_title(ls, first_para, hint_title)
        body_start = first_para if title_idx is None else title_idx + 1
        for ln in ls[: title_idx if title_idx is not None else first_para]:
            self._header_line(ln)
        self._body(ls, body_start, last_para)
        for ln in ls[last_para + 1 :]:
            if self._furniture(ln) or _is_nav(ln):
                ln.role, ln.kind = "boilerplate", "footer"
            else:
                ln.role = "body"

    @staticmethod
    def _furniture(ln: _Line) -> bool:
        t = ln.text
        return (len(t) <= 200 and bool(_FURNITURE_RE.match(t))) or (ln.n_words <= 8 and _is_date_line(t))

    def _find_title(self, ls: list[_Line], first_para: int, hint: str | None) -> int | None:
        """The given title's line; else the first headline-like line above the article; else its first line
        when that is a single sentence followed by more article."""
        if hint:
            key = match_key(hint)
            for i, ln in enumerate(ls[: first_para + 3]):
                if key and match_key(ln.text).startswith(key):
                    ls[i].role = "title"
                    return i
            return None
        header = [i for i in range(first_para) if not self._furniture(ls[i]) and not _BREADCRUMB_RE.match(ls[i].text)]
        for i in header:
            if ls[i].n_words >= 3:
                ls[i].role = "title"
                return i
        for i in header:  # a short title stands alone above the article or right above its date
            alone = len(header) == 1
            dated = i + 1 < len(ls) and _is_date_line(ls[i + 1].text)
            if (alone or dated) and match_key(ls[i].text) not in _GENERIC_NAV:
                ls[i].role = "title"
                return i
        ln = ls[first_para]
        more = any(_is_paragraph(x) for x in ls[first_para + 1 :])
        if more and ln.n_words <= 30 and _sentence_count(ln.text) == 1 and not _label(ln.text):
            ln.role = "title"
            return first_para
        return None

    def _header_line(self, ln: _Line) -> None:
        """Above the title: dates, furniture and short navigation entries; longer lines stay article text."""
        ln.role = "boilerplate"
        if _is_date_line(ln.text):
            ln.kind = "date"
        elif self._furniture(ln):
            ln.kind = "furniture"
        elif _is_nav(ln) or _BREADCRUMB_RE.match(ln.text):
            ln.kind = "nav"
        else:
            ln.role = "body"

    def _body(self, ls: list[_Line], start: int, last_para: int) -> None:
        in_box, n_points, n_body, bulleted = False, 0, 0, False
        for i in range(start, last_para + 1):
            ln = ls[i]
            label = _label(ln.text) if n_body <= 1 else None  # a key-point box opens the article, not its end
            if label is not None:
                in_box, n_points = True, 0
                rest, _ = strip_span(ln.text, label, len(ln.text))
                if rest >= len(ln.text):
                    ln.role, ln.kind = "boilerplate", "label"
                    continue
                ln.prefix = (ln.start, ln.start + len(ln.text[:label].rstrip(" :\u00a0\t")), "label")
                self._advance(ln, rest)
            if in_box and n_points < MAX_KEY_POINTS and self._key_point(ln) and self._continues_box(ls, i, n_points, bulleted):
                ln.role = "key_point"
                bullet = _BULLET_RE.match(ln.text)
                if n_points == 0:
                    bulleted = bool(bullet)
                if bullet:
                    self._advance(ln, bullet.end())
                n_points += 1
                continue
            in_box = False
            if self._furniture(ln):
                ln.role, ln.kind = "boilerplate", "date" if _is_date_line(ln.text) else "furniture"
            elif not n_body and _is_nav(ln):
                ln.role, ln.kind = "boilerplate", "nav"
            elif n_body and self._subheading(ln, ls, i, last_para):
                ln.role = "subheading"
            else:
                ln.role = "body"
                n_body += 1
        first_body = next((ln for ln in ls[start : last_para + 1] if ln.role == "body"), None)
        if first_body is not None:
            first_body.role = "lede"

    @staticmethod
    def _advance(ln: _Line, n: int) -> None:
        ln.start += n
        ln.text = ln.text[n:]
        ln.n_words = len(words(ln.text))

    @staticmethod
    def _key_point(ln: _Line) -> bool:
        return 2 <= ln.n_words <= 30 and len(ln.text) <= 250 and _sentence_count(ln.text) <= 2

    @staticmethod
    def _continues_box(ls: list[_Line], i: int, n_points: int, bulleted: bool) -> bool:
        """A box of bullets ends at the first line without one; a box of adjacent lines ends at a blank line."""
        if n_points == 0:
            return True
        if bulleted and not _BULLET_RE.match(ls[i].text):
            return False
        tight = n_points >= 2 and ls[i - 1].line.index - ls[i - 2].line.index == 1
        return not (tight and ls[i].line.index - ls[i - 1].line.index > 1)

    @staticmethod
    def _subheading(ln: _Line, ls: list[_Line], i: int, last_para: int) -> bool:
        if _is_paragraph(ln) or ln.n_words > 15 or len(ln.text) > 120 or _BULLET_RE.match(ln.text):
            return False
        if _ends_sentence(ln.text) and not ln.text.rstrip().endswith("?"):
            return False
        return i < last_para and _is_paragraph(ls[i + 1])


def section_of(doc: Document) -> tuple[str, int, int] | None:
    """The section label of the page: the navigation entry nearest above the title, or a breadcrumb's last step."""
    title = next((p for p in doc.layer("paragraphs") if p.label == "title"), None)
    limit = title.start if title else min((p.start for p in doc.layer("paragraphs")), default=0)
    navs = [b for b in doc.layer("boilerplate") if b.end <= limit and b.attrs.get("kind") == "nav"]
    for b in reversed(navs):
        t = doc.span_text(b)
        if _BREADCRUMB_RE.match(t) and re.search(r"[›»>|/]", t):
            last = re.split(r"\s*[›»>|/]\s*", t)[-1]
            off = t.rfind(last)
            return last, b.start + off, b.start + off + len(last)
        if match_key(t) not in _GENERIC_NAV and len(words(t)) <= 3:
            return t, b.start, b.end
    return None
