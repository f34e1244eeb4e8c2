"""The web UI in a real browser: Debian's chromium, headless, driven by Playwright (the system browser by its
path: Playwright's own browser download is not used). Skipped when no chromium is installed, unless
$NEWSPRISM_REQUIRE_BROWSER is set (CI sets it, and installs chromium)."""

from __future__ import annotations

import os
import shutil

import pytest

from newsprism.web.server import HEADLESS_CHROMIUM_ARGS

ID_002 = "8e781e70ede3aa1d"


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    if path is None:
        if os.environ.get("NEWSPRISM_REQUIRE_BROWSER"):
            pytest.fail("no chromium on this machine, and $NEWSPRISM_REQUIRE_BROWSER says the browser tests must run")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=HEADLESS_CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.errors.append("dialog: " + d.message), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def test_article_view_highlights_quotes_by_speaker_and_links_to_the_actor(web, page, tmp_path):
    base, _ = web
    page.goto(f"{base}/articles/{ID_002}")
    assert page.locator("h1.doc-title").inner_text().startswith("Lukaschenko: Wir verhandeln nicht")
    quotes = page.locator("#text .q")
    assert quotes.count() >= 52
    by_lukashenko = page.locator('#text .q[data-speaker="Alexander Lukaschenko"]')
    assert by_lukashenko.count() >= 30
    colors = set(by_lukashenko.evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)"))
    journalist = page.locator('#text .q[data-speaker="Journalist"]').first
    assert journalist.evaluate("e => getComputedStyle(e).backgroundColor") not in colors  # another speaker, another color
    assert page.locator("#text .bp").first.inner_text().strip() == "Projekte"  # boilerplate greyed, not cut
    staatsoberhaupt = page.locator("#text a.ent", has_text="das Staatsoberhaupt").first
    assert "alexander-lukashenko" in (staatsoberhaupt.get_attribute("href") or "")
    assert page.locator("ol.quotes li").count() == len(page.locator("#text .anchor").all())
    shot = tmp_path / "article-002.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.locator("ol.quotes li").first.locator("a.speaker").click()
    page.wait_for_url("**/actors/alexander-lukashenko")
    assert page.locator("h1").inner_text().startswith("Alexander Lukashenko")
    assert page.locator("ol.timeline > li").count() == 2
    assert page.locator("li.by").count() >= 40
    page.screenshot(path=str(tmp_path / "actor.png"))
    assert not page.errors  # type: ignore[attr-defined]


def test_a_hostile_article_is_shown_as_text_and_nothing_runs(web, page):
    base, _ = web
    import httpx

    hits = httpx.get(f"{base}/api/search", params={"q": "klicken"}).json()["items"]
    assert hits, "the hostile article was not stored"
    page.goto(f"{base}/articles/{hits[0]['id']}")
    text = page.locator("#text").inner_text()
    assert "<script>window.__pwned = 'script'</script>" in text  # the markup is visible as characters
    assert "&lt;b&gt;fett&lt;/b&gt; &amp;" in text  # entities stay as the source wrote them
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.scripts.length") == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror],[onload],svg,img,style:not(head style)').length") == 0
    assert page.evaluate("() => [...document.querySelectorAll('a')].filter(a => a.href.startsWith('javascript:')).length") == 0
    assert page.locator("body").is_visible()
    assert not page.errors  # type: ignore[attr-defined]


def test_search_page_filters_and_exports(web, page):
    base, _ = web
    page.goto(f"{base}/search")
    page.fill("form.filters input[name=q]", "Verhandlungen")
    page.locator("form.filters button").click()
    page.wait_for_url(lambda url: "q=Verhandlungen" in url)
    assert page.locator("table.list tbody tr").count() == 2
    page.select_option("select[name=outlet]", "BelTA")
    page.locator("form.filters button").click()
    page.wait_for_url(lambda url: "outlet=BelTA" in url)
    assert page.locator("table.list tbody tr").count() == 1
    csv_href = page.locator("a.export", has_text="CSV").get_attribute("href") or ""
    assert csv_href.startswith("/api/search?") and "format=csv" in csv_href and "outlet=BelTA" in csv_href


def test_outlet_page_has_a_chart(web, page):
    base, _ = web
    page.goto(f"{base}/outlets")
    page.locator("table.list a", has_text="BelTA").click()
    page.wait_for_url("**/outlets/belta")
    assert page.locator(".chart .bar").count() == 1
    assert page.locator(".badge.state").count() == 1


def test_from_an_article_to_its_story(web, page):
    base, _ = web
    page.goto(f"{base}/articles/{ID_002}")
    page.locator("a", has_text="the other articles about this event").click()
    page.wait_for_url(lambda url: "/stories/" in url)
    assert page.locator(".columns .col").count() >= 1
    assert page.locator(".col h3 a").first.inner_text().startswith("Lukaschenko")
    assert not page.errors  # type: ignore[attr-defined]


def test_narratives_and_techniques_are_highlighted_with_their_rebuttal_on_hover(web, page):
    base, _ = web
    page.goto(f"{base}/articles/{ID_002}")
    bucha = page.locator('#text .narr[data-narrative="bucha-staged"]').first
    assert "Es war eine gut geplante Aktion" in page.locator('#text .narr[data-narrative="bucha-staged"]').all_inner_texts()[-1]
    title = bucha.get_attribute("title") or ""
    assert "The Bucha massacre was staged" in title and "rebuttal:" in title
    pieces = page.locator('#text .tech[data-technique="Name_Calling-Labeling"]').all_inner_texts()  # cut by the entity link
    assert "".join(pieces) == "die Schwätzer aus der Europäischen Union"
    assert page.locator("ol.narratives li").count() >= 3
    page.locator("ol.narratives li .rebuttal a.source-link").first.wait_for()
    page.goto(f"{base}/outlets/belta")
    assert page.locator("table.heat tbody tr").count() >= 7  # three narratives and five techniques, at least
    page.locator("table.heat a", has_text="The Bucha massacre").click()
    page.wait_for_url("**/articles?narrative=bucha-staged")
    assert page.locator("table.list tbody tr").count() == 1
    assert not page.errors  # type: ignore[attr-defined]
