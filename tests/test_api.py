"""The JSON API and pages, through an in-process HTTP client over a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from config import load_settings
from indexer.backends import open_index
from indexer.ingest import Ingestor
from indexer.store import Store
from nlp.pipeline import document_from_html, document_from_text

PAGES = Path(__file__).parent / "pages"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    from search_api.app import create_app

    settings = load_settings(environ={}, overrides={"data_dir": str(tmp_path), "admin_token": "s3cret"})
    ingestor = Ingestor(Store.open(tmp_path), open_index(settings))
    ingestor.ingest(document_from_html((PAGES / "nhso_article.html").read_bytes(), "https://www.nhso.go.th/news/9",
                                       source="nhso-news"))
    ingestor.ingest(document_from_text("ข่าว <b>ทดสอบ</b> กองทุนหลักประกันสุขภาพ\nสปสช. หารือ <b>ทดสอบ</b> อบจ.ภูเก็ต เรื่องกองทุนหลักประกันสุขภาพ",
                                       "https://x.go.th/2", source="local", published_at="2017-02-01"))
    ingestor.flush()
    ingestor.index.close()  # the app opens its own (an embedded index allows one writer)
    return TestClient(create_app(settings))


def test_search_answers_the_design_shape(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "หลักประกัน"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"query", "total", "page", "page_size", "hits", "facets"}
    assert body["total"] == 2
    assert set(body["hits"][0]) == {"id", "url", "title", "source", "published_at", "snippet", "score", "copies"}
    assert "<mark>หลักประกัน</mark>" in body["hits"][0]["snippet"]
    assert {"agencies", "provinces", "nhso_regions", "sources", "years"} <= set(body["facets"])


def test_filters_by_alias_and_buddhist_era_year(client: TestClient) -> None:
    by_alias = client.get("/api/search", params={"q": "", "agency": "สปสช."}).json()
    by_name = client.get("/api/search", params={"q": "", "agency": "NHSO"}).json()
    assert by_alias["total"] == by_name["total"] == 2
    old = client.get("/api/search", params={"q": "กองทุน", "from": "2560", "to": "2560"}).json()
    assert [h["url"] for h in old["hits"]] == ["https://x.go.th/2"]


@pytest.mark.parametrize("params, message", [
    ({"q": "x", "from": "2024-02-30"}, "not a date"),
    ({"q": "x", "page": "abc"}, "page"),
    ({"q": "x", "agency": "no-such-agency-xyz"}, "unknown agency"),
    ({"q": "ก" * 5000}, "too long"),
    ({"q": "x", "sort": "best"}, "sort must be"),
])
def test_bad_parameters_are_400_with_one_line(client: TestClient, params: dict, message: str) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"] and "\n" not in response.json()["error"]


def test_odd_query_syntax_never_500(client: TestClient) -> None:
    for q in ['"unbalanced', "a OR", "-", "NEAR(x", "title:สปสช", "*"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200


def test_document_endpoint_and_404(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "ภูเก็ต"}).json()["hits"][0]
    doc = client.get(f"/api/documents/{hit['id']}").json()
    assert doc["url"] == hit["url"] and "text" in doc
    assert client.get("/api/documents/nope").status_code == 404


def test_admin_needs_the_bearer_token(client: TestClient) -> None:
    assert client.post("/api/admin/reindex").status_code == 401
    assert client.post("/api/admin/reindex", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post("/api/admin/reindex", headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["reindexed"] == 2


def test_admin_refused_without_configured_token(tmp_path: Path) -> None:
    from search_api.app import create_app

    app = create_app(load_settings(environ={}, overrides={"data_dir": str(tmp_path)}))
    response = TestClient(app).post("/api/admin/reindex", headers={"Authorization": "Bearer "})
    assert response.status_code == 401 and "KHAO_ADMIN_TOKEN" in response.json()["error"]


def test_search_page_escapes_and_highlights(client: TestClient) -> None:
    page = client.get("/", params={"q": "ทดสอบ"}).text
    assert "<b>ทดสอบ</b>" not in page and "&lt;b&gt;" in page
    assert "<mark>ทดสอบ</mark>" in page
    bad = client.get("/", params={"q": "x", "from": "not-a-date"})
    assert bad.status_code == 400 and "not a date" in bad.text
