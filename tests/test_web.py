"""The HTTP API against a real server: JSON twins of the pages, paging, CSV and JSON Lines export, errors in one
shape, the security headers, and ingest behind the token."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

ID_002 = "8e781e70ede3aa1d"


@pytest.fixture(scope="module")
def client(web):
    base, _ = web
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def test_articles_list_pages_and_counts(client):
    r = client.get("/api/articles", params={"limit": 2})
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == 2 and int(r.headers["x-total-count"]) == 3
    r2 = client.get("/api/articles", params={"limit": 2, "offset": 2})
    ids = {a["id"] for a in body["items"]} | {a["id"] for a in r2.json()["items"]}
    assert len(ids) == 3 and ID_002 in ids
    assert client.get("/api/articles", params={"outlet": "BelTA"}).json()["count"] >= 1


def test_one_article_is_the_output_contract(client):
    c = client.get(f"/api/articles/{ID_002}").json()
    assert c["id"] == ID_002 and c["metadata"]["outlet"]["name"] == "BelTA"
    for layer in ("quotes", "entities", "dates"):
        assert c[layer]
        for s in c[layer]:
            assert c["text"][s["start"] : s["end"]] == s["text"]


def test_search_exports_csv_and_jsonl(client):
    r = client.get("/api/search", params={"q": "Minsk", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and {"id", "title", "published", "outlet"} <= rows[0].keys()
    r = client.get("/api/search", params={"q": "Minsk", "format": "jsonl"})
    lines = [json.loads(x) for x in r.text.splitlines()]
    assert [x["id"] for x in lines] == [x["id"] for x in rows]


def test_actor_and_its_quotes(client):
    a = client.get("/api/actors/alexander-lukashenko").json()
    assert a["actor"]["articles"] == 2 and len(a["quotes"]) >= 40
    published = [m["published"] or "" for m in a["mentions"]]
    assert published == sorted(published)
    r = client.get("/api/actors/alexander-lukashenko/quotes", params={"format": "csv"})
    assert "relation" in r.text.splitlines()[0]
    found = client.get("/api/actors", params={"q": "Лукашенко"}).json()["items"]
    assert found[0]["id"] == "alexander-lukashenko"


def test_outlets(client):
    items = client.get("/api/outlets").json()["items"]
    belta = next(o for o in items if o["name"] == "BelTA")
    assert belta["state_affiliated"] is True and belta["by_month"] == [["2025-08", 1]]
    assert client.get("/api/outlets/belta").json()["outlet"]["name"] == "BelTA"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/articles/nope", 404), ("/api/actors/nobody", 404), ("/api/articles?limit=0", 422), ("/api/search", 422),
     ("/api/articles?format=xml", 400), ("/api/articles?since=yesterday", 400)],
)  # fmt: skip
def test_errors_have_one_shape(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["status"] == status and err["message"]


def test_pages_say_what_went_wrong_in_html(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404 and "no article" in r.text and r.headers["content-type"].startswith("text/html")


def test_every_response_forbids_scripts(client):
    for path in ("/articles", f"/articles/{ID_002}", "/api/articles", "/articles/nope"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'none'" in csp and "default-src 'none'" in csp


def test_openapi_schema_lists_the_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{doc_id}", "/api/search", "/api/actors/{actor_id}", "/api/ingest"} <= paths.keys()
    assert "/api/ingest" in client.get("/docs").text


def test_ingest_needs_the_token(client):
    rec = {"text": "Berlin, 3. März 2025 (dpa) - Der Kanzler sagte, die Lage sei ernst.", "title": "Kanzler"}
    assert client.post("/api/ingest", json=rec).status_code == 401
    assert client.post("/api/ingest", json=rec, headers={"Authorization": "Bearer wrong"}).status_code == 401
    auth = {"Authorization": "Bearer test-token"}
    first = client.post("/api/ingest", json=[rec, {"nothing": 1}], headers=auth).json()
    assert (first["new"], first["failed"]) == (1, 1)
    assert first["results"][1]["reason"]
    again = client.post("/api/ingest", json=rec, headers=auth).json()
    assert again["duplicate"] == 1
    new_id = first["results"][0]["id"]
    assert client.get(f"/api/articles/{new_id}").json()["metadata"]["title"] == "Kanzler"


def test_stories_and_their_json_twin(client):
    items = client.get("/api/stories").json()["items"]
    assert items and all(s["articles"] >= 1 for s in items)
    story = client.get(f"/api/stories/{items[0]['id']}").json()
    assert story["articles"] and all("quotes" in a and "outlet" in a for a in story["articles"])
    assert client.get(f"/stories/{items[0]['id']}").status_code == 200
    assert client.get("/api/stories/99999").json()["error"]["status"] == 404
    page = client.get(f"/articles/{ID_002}").text
    assert "/stories/" in page  # the article links to its story


def test_search_by_actor(client):
    everything = client.get("/api/search", params={"q": "Präsident"}).json()["items"]
    putin = client.get("/api/search", params={"q": "Präsident", "actor": "vladimir-putin"}).json()["items"]
    assert putin and len(putin) <= len(everything)
    for hit in putin:
        ids = {e["id"] for e in client.get(f"/api/articles/{hit['id']}").json()["entities"]}
        assert "vladimir-putin" in ids
    assert client.get("/api/articles", params={"actor": "nobody-at-all"}).json()["count"] == 0


def test_narratives_techniques_and_claims_are_in_the_article_json(client):
    c = client.get(f"/api/articles/{ID_002}").json()
    for layer in ("narratives", "techniques", "claims"):
        assert c[layer], layer
        for s in c[layer]:
            assert c["text"][s["start"] : s["end"]] == s["text"]
    assert {n["id"] for n in c["narratives"]} >= {"bucha-staged", "human-shields", "western-infowar"}
    assert all(n["rebuttal"]["sources"] for n in c["narratives"])


def test_narratives_list_and_the_articles_that_repeat_one(client):
    rows = client.get("/api/narratives").json()["items"]
    bucha = next(r for r in rows if r["id"] == "bucha-staged")
    assert bucha["articles"] == 1 and bucha["outlets"][0][0] == "BelTA"
    ids = [a["id"] for a in client.get("/api/articles", params={"narrative": "bucha-staged"}).json()["items"]]
    assert ids == [ID_002]
    page = client.get("/narratives").text
    assert "The Bucha massacre was staged" in page and "ohchr.org" in page


def test_the_outlet_profile_counts_narratives_and_techniques_by_month(client):
    data = client.get("/api/outlets/belta").json()
    profile = {(r["layer"], r["label"]): r for r in data["profile"]}
    assert profile[("narrative", "bucha-staged")]["month"] == "2025-08"
    assert profile[("technique", "Loaded_Language")]["own"] == 1  # the outlet's own "vernünftig"
    assert profile[("technique", "Name_Calling-Labeling")]["own"] == 0  # Lukashenko's, in a quote
    html = client.get("/outlets/belta").text
    assert 'class="heat"' in html and "Whataboutism" in html


@pytest.mark.parametrize("until", ["2025", "2025-12", "2025-12-31"])
def test_until_a_year_or_month_means_its_end_in_the_api_as_in_the_cli(client, web, until, tmp_path):
    from click.testing import CliRunner

    from newsprism.cli.main import cli

    _, db = web
    api = {a["id"] for a in client.get("/api/articles", params={"until": until, "limit": 50}).json()["items"]}
    path = tmp_path / "out.jsonl"
    out = CliRunner().invoke(cli, ["export", "--db", str(db), "--until", until, "-o", str(path)])
    assert out.exit_code == 0, out.output
    cli_ids = {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert api == cli_ids and api  # the examples are of 2025: "until 2025" keeps them, in both
