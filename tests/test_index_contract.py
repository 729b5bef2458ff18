"""The index contract: every backend must pass these (embedded always; Elasticsearch when
KHAO_TEST_ELASTICSEARCH_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from config.errors import InputError
from indexer.base import IndexBackend
from indexer.embedded import EmbeddedIndex
from indexer.query import build_request
from nlp.document import Document
from nlp.normalize import normalize_text

NHSO = {"id": "nhso", "name": "สำนักงานหลักประกันสุขภาพแห่งชาติ", "name_en": "National Health Security Office",
        "aliases": ["สปสช.", "NHSO"], "mentions": []}
BAAC = {"id": "baac", "name": "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "name_en": "BAAC", "aliases": ["ธ.ก.ส."],
        "mentions": []}
PHUKET = {"name": "ภูเก็ต", "name_en": "Phuket", "mentions": []}
KHONKAEN = {"name": "ขอนแก่น", "name_en": "Khon Kaen", "mentions": []}

DOCS = [
    Document(url="https://a.go.th/1", source="nhso-news", published_at="2024-05-20",
             title="สปสช. ลงนาม MOU กับ ธ.ก.ส.", agencies=[NHSO, BAAC],
             partnership={"is_partnership": True, "kind": "MOU", "parties": ["nhso", "baac"]},
             text="สำนักงานหลักประกันสุขภาพแห่งชาติ ลงนามบันทึกข้อตกลงความร่วมมือกับ ธ.ก.ส. "
                  "เพื่อพัฒนาระบบหลักประกันสุขภาพถ้วนหน้า"),
    Document(url="https://a.go.th/2", source="nhso-news", published_at="2017-03-01",
             title="กองทุนหลักประกันสุขภาพ อบจ.ภูเก็ต", agencies=[NHSO], provinces=[PHUKET],
             text=normalize_text("การด\u0e4d\u0e32เนินงานกองทุนหลักประกันสุขภาพในระดับท้องถิ่น จังหวัดภูเก็ต <script>x</script>")),
    Document(url="https://b.go.th/3", source="thaigov", published_at="2021-08-09",
             title="ผู้ป่วยติดเตียงได้รับการดูแลที่บ้าน", provinces=[KHONKAEN],
             text="สิทธิบัตรทอง ครอบคลุมการดูแลผู้ป่วยติดเตียง ณ จังหวัดขอนแก่น การดำเนินงานเป็นไปด้วยดี"),
    Document(url="https://c.co.th/3", source="localnews", published_at="2021-08-10",
             title="ผู้ป่วยติดเตียงได้รับการดูแลที่บ้าน", provinces=[KHONKAEN],
             text="สิทธิบัตรทอง ครอบคลุมการดูแลผู้ป่วยติดเตียง ณ จังหวัดขอนแก่น การดำเนินงานเป็นไปด้วยดี",
             duplicate_of=None),
]


ELASTICSEARCH_URL = os.environ.get("KHAO_TEST_ELASTICSEARCH_URL", "")


def open_backend(name: str, tmp_path: Path) -> IndexBackend:
    if name == "embedded":
        return EmbeddedIndex(tmp_path)
    if name == "tantivy":
        from indexer.tantivy_index import TantivyIndex

        return TantivyIndex(tmp_path)
    from indexer.elasticsearch import ElasticsearchIndex

    # A prefix of its own per test (indices, aliases and template), dropped afterwards; writes
    # wait for a refresh so searches see them at once.
    return ElasticsearchIndex(ELASTICSEARCH_URL, prefix=f"khao-test-{uuid.uuid4().hex[:12]}", refresh=True)


@pytest.fixture(params=["embedded", "tantivy", pytest.param("elasticsearch", marks=pytest.mark.skipif(
    not ELASTICSEARCH_URL, reason="set KHAO_TEST_ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200 after "
                                  "`docker compose up -d`) to run the contract against Elasticsearch"))])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[IndexBackend]:
    backend = open_backend(request.param, tmp_path)
    try:
        docs = [Document.from_dict(d.to_dict()) for d in DOCS]
        docs[3].duplicate_of = docs[2].id
        backend.add(docs, {docs[2].id: 2})
        yield backend
    finally:
        drop = getattr(backend, "drop", None)
        if drop:
            drop()
        backend.close()


def search(index: IndexBackend, q: str, **kw: object) -> dict:
    return index.search(build_request(q, **kw)).to_json()  # type: ignore[arg-type]


def urls(result: dict) -> set[str]:
    return {h["url"] for h in result["hits"]}


def test_word_inside_compounds_is_found_and_highlighted(index: IndexBackend) -> None:
    result = search(index, "หลักประกัน")
    assert urls(result) == {"https://a.go.th/1", "https://a.go.th/2"}
    assert all("<mark>หลักประกัน</mark>" in h["snippet"] for h in result["hits"])


def test_nikhahit_and_sara_am_find_each_other(index: IndexBackend) -> None:
    assert urls(search(index, "ด\u0e4d\u0e32เนินงาน")) == urls(search(index, "ดำเนินงาน")) == {
        "https://a.go.th/2", "https://b.go.th/3"}


def test_phrase_or_and_exclusion(index: IndexBackend) -> None:
    assert urls(search(index, '"หลักประกันสุขภาพถ้วนหน้า"')) == {"https://a.go.th/1"}
    assert urls(search(index, "บัตรทอง OR ธ.ก.ส.")) == {"https://a.go.th/1", "https://b.go.th/3"}
    assert urls(search(index, "หลักประกัน -ภูเก็ต")) == {"https://a.go.th/1"}
    assert urls(search(index, "หลักประกัน ภูเก็ต")) == {"https://a.go.th/2"}


def test_thai_typed_without_spaces_finds_its_words_apart_and_ranks_the_phrase_first(index: IndexBackend) -> None:
    assert urls(search(index, "กองทุนภูเก็ต")) == {"https://a.go.th/2"}  # written apart in the text
    assert urls(search(index, '"กองทุนภูเก็ต"')) == set()  # quoted: the exact phrase only
    ranked = [h["url"] for h in search(index, "หลักประกันสุขภาพถ้วนหน้า")["hits"]]
    assert ranked[0] == "https://a.go.th/1"


def test_abbreviation_with_or_without_dot(index: IndexBackend) -> None:
    assert urls(search(index, "สปสช")) == urls(search(index, "สปสช.")) == {"https://a.go.th/1"}


def test_syndicated_copies_are_one_hit_with_a_count(index: IndexBackend) -> None:
    result = search(index, "ติดเตียง")
    assert result["total"] == 1 and result["hits"][0]["copies"] == 2


def test_filters_and_buddhist_era_years(index: IndexBackend) -> None:
    assert urls(search(index, "หลักประกัน", date_from="2567")) == {"https://a.go.th/1"}
    assert urls(search(index, "", date_from="2560", date_to="2560")) == {"https://a.go.th/2"}
    assert urls(search(index, "", partnership=True)) == {"https://a.go.th/1"}
    assert urls(search(index, "", source=["thaigov"])) == {"https://b.go.th/3"}


def test_facets_cover_the_whole_result_set(index: IndexBackend) -> None:
    result = search(index, "", page_size=1)
    assert result["total"] == 3 and len(result["hits"]) == 1
    assert {f["id"]: f["count"] for f in result["facets"]["agencies"]} == {"nhso": 2, "baac": 1}
    assert sum(y["count"] for y in result["facets"]["years"]) == 3


def test_date_sort_and_paging(index: IndexBackend) -> None:
    first = search(index, "", sort="date", page_size=2)
    second = search(index, "", sort="date", page=2, page_size=2)
    dates = [h["published_at"] for h in first["hits"] + second["hits"]]
    assert dates == sorted(dates, reverse=True) and len(dates) == 3


def test_snippets_are_html_escaped(index: IndexBackend) -> None:
    snippet = search(index, "ภูเก็ต")["hits"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


@pytest.mark.parametrize("q", ['"unbalanced', "NEAR(a b)", "title:x", "a AND", ") ( OR", "*", "-", '"', "'; DROP TABLE docs; --",
                               "{x} ^2 col:", "AND OR NOT"])
def test_engine_syntax_is_never_injected(index: IndexBackend, q: str) -> None:
    result = search(index, q)
    assert result["total"] >= 0


def test_too_long_query_is_a_clear_error(index: IndexBackend) -> None:
    with pytest.raises(InputError, match="query is too long"):
        search(index, "ก" * 10_000)


@pytest.mark.parametrize("kw, message", [
    ({"date_from": "2024-13-40"}, "not a date"),
    ({"date_from": "2025", "date_to": "2020"}, "is after"),
    ({"sort": "random"}, "sort must be"),
    ({"page_size": 1000}, "page_size"),
    ({"region": ["15"]}, "region must be"),
])
def test_bad_parameters_are_clear_errors(index: IndexBackend, kw: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        search(index, "หลักประกัน", **kw)
