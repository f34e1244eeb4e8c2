"""HTML pages: trafilatura finds the main text and metadata, htmldate the publication date.

The document's text is the page title on its own line, a blank line, then the main text as
trafilatura gives it (one paragraph or heading a line). The original HTML is kept beside it.
"""

from __future__ import annotations

import re
from typing import Any

from newsprism.errors import InputError

MIN_WORDS = 15  # less main text than this is a fragment of a broken or empty page, not an article
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S
)


def looks_like_html(data: bytes, name: str = "") -> bool:
    if re.search(r"\.(?:x?html?|shtml|php|aspx?)(?:\.gz)?$", name, re.I):
        return True
    head = data[:2048]
    return bool(_HTML_SNIFF.match(head)) or (b"<body" in data[:65536].lower() and b"</" in head)


def extract_html(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Main text and metadata hints of a page; ``InputError`` when no article text is found."""
    import trafilatura
    from htmldate import find_date

    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"broken HTML: {type(exc).__name__}: {str(exc)[:120]}") from None
    if result is None:
        raise InputError("no article text found in the HTML page")
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = (meta.get("text") or "").strip()
    n_words = len(body.split())
    if n_words < MIN_WORDS:
        raise InputError(f"no article text found in the HTML page (only {n_words} words of main text)")
    title = (meta.get("title") or "").strip()
    text = f"{title}\n\n{body}\n" if title and not body.startswith(title) else f"{body}\n"
    hints: dict[str, Any] = {}
    if title:
        hints["title"] = title
    try:
        date = find_date(html, original_date=True, url=url)
    except Exception:  # htmldate fails on some malformed pages; the date is then simply unknown
        date = None
    if date or meta.get("date"):
        hints["published"] = date or meta.get("date")
    sitename = meta.get("sitename")
    if sitename and not str(sitename).startswith("http"):
        hints["sitename"] = sitename
    if meta.get("url"):
        hints["url"] = meta["url"]
    cats = meta.get("categories") or []
    if isinstance(cats, list) and cats:
        hints["section"] = str(cats[0])
    if meta.get("author"):
        hints["author"] = meta["author"]
    return text, hints
