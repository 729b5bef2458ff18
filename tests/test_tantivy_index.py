"""What the tantivy backend adds beyond the shared contract (tests/test_index_contract.py):
one writer process at a time, readers that follow commits and rebuilds, and copies that come
back into view when their original goes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from config.errors import BackendUnavailable
from indexer.ingest import Ingestor
from indexer.query import build_request
from indexer.store import Store
from indexer.tantivy_index import INDEX_VERSION, TantivyIndex, index_text, words_analyzer
from nlp.document import Document

ROOT = Path(__file__).resolve().parent.parent


def doc(n: int, text: str = "กองทุนหลักประกันสุขภาพ", **kw: object) -> Document:
    return Document(url=f"https://a.go.th/{n}", title=f"ข่าว {n}", text=f"{text} {n}",
                    published_at="2024-05-20", **kw)  # type: ignore[arg-type]


def urls(index: TantivyIndex, q: str) -> list[str]:
    return [h.url for h in index.search(build_request(q)).hits]


def test_a_second_writer_gets_backend_unavailable_and_the_outbox_keeps_the_documents(tmp_path: Path) -> None:
    writer = TantivyIndex(tmp_path)
    writer.add([doc(1)])
    other = TantivyIndex(tmp_path)
    store = Store.open(tmp_path)
    ingestor = Ingestor(store, other)
    try:
        with pytest.raises(BackendUnavailable, match="another Khao process"):
            other.add([doc(2)])
        ingestor.ingest(doc(3), flush=False)
        assert ingestor.flush() == 0 and store.pending_count(other.name) == 1
        writer.close()  # the first writer is done: the queued document goes in on the next flush
        assert ingestor.flush() == 1 and other.count() == 2
    finally:
        store.close()
        other.close()


def test_a_reader_sees_commits_from_another_process_at_once(tmp_path: Path) -> None:
    reader = TantivyIndex(tmp_path)
    assert reader.count() == 0
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from indexer.tantivy_index import TantivyIndex, index_text, words_analyzer
        from nlp.document import Document
        index = TantivyIndex({str(tmp_path)!r})
        index.add([Document(url="https://b.go.th/1", title="t", text="ผู้ป่วยติดเตียง")])
        index.close()
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
    assert urls(reader, "ติดเตียง") == ["https://b.go.th/1"]
    reader.close()


def test_copies_are_hidden_while_their_original_is_indexed(tmp_path: Path) -> None:
    index = TantivyIndex(tmp_path)
    original = doc(1, "ผู้ป่วยติดเตียง")
    copy = doc(2, "ผู้ป่วยติดเตียง", duplicate_of=original.id)
    index.add([copy])  # the copy first: nothing to collapse into yet, so it is shown
    assert urls(index, "ติดเตียง") == [copy.url]
    index.add([original], {original.id: 2})
    result = index.search(build_request("ติดเตียง"))
    assert [h.url for h in result.hits] == [original.url] and result.hits[0].copies == 2 and result.total == 1
    index.delete([original.id])
    assert urls(index, "ติดเตียง") == [copy.url]
    index.close()


def test_readers_keep_the_old_index_until_a_rebuild_finishes(tmp_path: Path) -> None:
    writer, reader = TantivyIndex(tmp_path), TantivyIndex(tmp_path)
    writer.add([doc(1), doc(2)])
    writer.start_rebuild()
    writer.add([doc(3)])
    assert reader.count() == 2 and len(urls(reader, "หลักประกัน")) == 2
    with pytest.raises(BackendUnavailable):  # nothing may be written to the index about to go
        reader.add([doc(4)])
    writer.finish_rebuild()
    assert urls(reader, "หลักประกัน") == ["https://a.go.th/3"]
    assert sorted(p.name for p in (tmp_path / "index-tantivy").iterdir()) == ["CURRENT", f"v{INDEX_VERSION}-000002"]
    writer.close()
    reader.close()


def test_an_unfinished_rebuild_is_dropped(tmp_path: Path) -> None:
    writer = TantivyIndex(tmp_path)
    writer.add([doc(1)])
    writer.start_rebuild()
    writer.add([doc(2)])
    writer.close()
    reader = TantivyIndex(tmp_path)
    assert urls(reader, "หลักประกัน") == ["https://a.go.th/1"]
    assert sorted(p.name for p in (tmp_path / "index-tantivy").iterdir()) == ["CURRENT", f"v{INDEX_VERSION}-000001"]
    reader.close()


def test_pre_segmented_text_is_used_as_given(tmp_path: Path) -> None:
    index = TantivyIndex(tmp_path)
    given = doc(1, "abcdef")
    given.segmented = {"title": "ข่าว", "text": "abc\u200bdef"}  # type: ignore[attr-defined]
    index.add([given])
    assert urls(index, "def") == [given.url] and urls(index, "abcdef") == []
    index.close()


@pytest.mark.parametrize("text", [
    "สปสช.\u200bลงนาม MOU กับ ธ.ก.ส.", "ที่\u200bบ้าน ด\u0e4d\u0e32เนินงาน ดำเนินงาน", "Covid-19 www.เราไม่ทิ้งกัน.com",
    "“ข่าว”–ดี…•●×", "a_b ASCII\u00a0NBSP", "x² ½ ① ๏ ฿100 ๚ ๛ ๆ ฯ", "emoji😀ok", "ห้อง\u0301 \ue000pua café",
    "tab\tnew\nline\r\x0bvt",
])
def test_tokens_are_the_tokens_fts5_makes(text: str) -> None:
    """The same words as FTS5's unicode61 with Thai marks kept (and Elasticsearch's char_group)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = \"unicode61 remove_diacritics 0 "
               "categories 'L* N* Co Mn Mc'\")")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    db.execute("INSERT INTO t(rowid, body) VALUES (1, ?)", (text,))
    fts5 = [row[0] for row in db.execute("SELECT term FROM v ORDER BY offset")]
    assert words_analyzer().analyze(index_text(text)) == fts5


def test_an_index_built_with_other_words_is_not_searched(tmp_path: Path) -> None:
    """An index from a Khao whose segmentation differed would silently miss words: it is set
    aside (empty, with a warning to run khao reindex) instead."""
    index = TantivyIndex(tmp_path)
    index.add([doc(1)])
    index.close()
    root = tmp_path / "index-tantivy"
    old = root / "v1-000001"
    (root / (root / "CURRENT").read_text().strip()).rename(old)
    (root / "CURRENT").write_text("v1-000001\n")
    reopened = TantivyIndex(tmp_path)
    assert reopened.count() == 0 and reopened.live.name == f"v{INDEX_VERSION}-000002"
    reopened.close()


def _facet_doc(n: int) -> Document:
    """Documents whose facet values vary with n; 'ทั่วไป' is in 7 of 10, 'พิเศษ' in 1 of 10."""
    provinces = [{"name": name, "name_en": name} for name in (["ภูเก็ต"], ["ตาก", "น่าน"], [])[n % 3]]
    agencies = [{"id": aid, "name": aid} for aid in (["nhso"], ["moph", "nhso"], ["dla"], [])[n % 4]]
    words = "ทั่วไป" if n % 10 < 7 else "พิเศษ" if n % 10 == 7 else "อื่น"
    return Document(url=f"https://f.go.th/{n}", title=f"ข่าว {n}", text=f"{words} ข่าว {n}",
                    source=("a", "b", "c", "d", "e")[n % 5], provinces=provinces, agencies=agencies,
                    nhso_regions=[{"number": n % 13 + 1, "seat": ""}] if n % 2 else [],
                    published_at=f"{2019 + n % 6}-{n % 12 + 1:02d}-15" if n % 11 else None)


def _expected_facets(docs: list[Document]) -> dict[str, dict[str, int]]:
    from indexer.base import facet_values

    counts: dict[str, dict[str, int]] = {}
    for d in docs:
        for kind, pairs in facet_values(d).items():
            for value, _ in pairs:
                counts.setdefault(kind, {})[value] = counts.setdefault(kind, {}).get(value, 0) + 1
    return counts


def _facets_of(index: TantivyIndex, q: str, **kw: object) -> dict[str, dict[str, int]]:
    facets = index.search(build_request(q, **kw)).to_json()["facets"]  # type: ignore[arg-type]
    key = {"agencies": "id", "provinces": "name", "nhso_regions": "number", "sources": "name",
           "years": "value", "months": "value"}
    return {kind: {str(row[key[kind]]): row["count"] for row in rows} for kind, rows in facets.items() if rows}


@pytest.mark.parametrize("q, kw, keep", [
    ("ทั่วไป", {}, lambda n: n % 10 < 7),  # most documents: counted as all minus the rest
    ("ข่าว -พิเศษ", {}, lambda n: n % 10 != 7),
    ("พิเศษ", {}, lambda n: n % 10 == 7),  # few documents: counted directly
    ("", {}, lambda n: True),
    ("ทั่วไป", {"province": ["ภูเก็ต"]}, lambda n: n % 10 < 7 and n % 3 == 0),
    ("", {"agency": ["nhso"], "date_from": "2562", "date_to": "2566"},
     lambda n: n % 4 in (0, 1) and n % 11 != 0 and 2019 <= 2019 + n % 6 <= 2023),
])
@pytest.mark.parametrize("quiet_seconds", [0.0, 3600.0])  # counts of the filters alone kept at once, or never
@pytest.mark.parametrize("split_at", [10**9, 0])  # all facets on one thread, or agencies apart on another
def test_facets_add_up_however_they_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet_seconds: float,
                                                split_at: int, q: str, kw: dict, keep) -> None:  # type: ignore[no-untyped-def]
    import indexer.tantivy_index as module

    monkeypatch.setattr(module, "BASE_AFTER_QUIET_SECONDS", quiet_seconds)
    monkeypatch.setattr(module, "SPLIT_COUNTING_AT", split_at)
    index = TantivyIndex(tmp_path)
    docs = [_facet_doc(n) for n in range(300)]
    index.add(docs[:200])
    assert _facets_of(index, q, **kw) == _expected_facets([d for n, d in enumerate(docs[:200]) if keep(n)])
    index.add(docs[200:])  # a new snapshot: counts kept for the old one must not be used
    assert _facets_of(index, q, **kw) == _expected_facets([d for n, d in enumerate(docs) if keep(n)])
    index.delete([docs[0].id, docs[1].id])
    assert _facets_of(index, q, **kw) == _expected_facets([d for n, d in enumerate(docs) if keep(n) and n > 1])
    index.close()


def test_a_phrase_is_highlighted_where_it_occurs_not_at_each_of_its_words(tmp_path: Path) -> None:
    index = TantivyIndex(tmp_path)
    text = "ทุกคนทุกวัน ทุกพื้นที่ รักษาตัว ประชาชนใช้สิทธิ 30 บาทรักษาทุกที่ ได้ที่คลินิก"
    index.add([doc(1, text)])
    snippet = index.search(build_request("บัตรทอง")).hits[0].snippet  # expands to 30 บาทรักษาทุกที่
    assert "<mark>30 บาทรักษาทุกที่</mark>" in snippet
    assert snippet.count("<mark>") == 1, snippet  # not every ทุก and รักษา
    index.close()


def test_a_rebuild_commits_in_large_steps_and_still_collapses_copies(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import indexer.tantivy_index as module

    monkeypatch.setattr(module, "REBUILD_COMMIT_EVERY", 4)
    index, reader = TantivyIndex(tmp_path), TantivyIndex(tmp_path)
    index.add([doc(1, "ผู้ป่วยติดเตียง")])
    original = doc(5, "ผู้ป่วยติดเตียง")
    early_copy = doc(2, "ผู้ป่วยติดเตียง", duplicate_of=original.id)  # before its original, uncommitted
    late_copy = doc(9, "ผู้ป่วยติดเตียง", duplicate_of=original.id)  # after it, uncommitted
    index.start_rebuild()
    index.add([early_copy])
    index.add([doc(3, "ผู้ป่วยติดเตียง")])
    index.add([original])
    assert urls(reader, "ติดเตียง") == ["https://a.go.th/1"]  # readers see the old index meanwhile
    index.add([late_copy, doc(4, "ผู้ป่วยติดเตียง")])  # the fifth document: committed here
    index.add([doc(6, "ผู้ป่วยติดเตียง")])  # and this one only when the rebuild finishes
    assert urls(reader, "ติดเตียง") == ["https://a.go.th/1"]
    index.finish_rebuild()
    shown = sorted(urls(reader, "ติดเตียง"))
    assert shown == [f"https://a.go.th/{n}" for n in (3, 4, 5, 6)], shown
    index.close()
    reader.close()


def test_a_body_named_in_the_query_ranks_its_own_signings_first(tmp_path: Path) -> None:
    index = TantivyIndex(tmp_path)
    text = "สปสช. ร่วมงานลงนามความร่วมมือ ด้านสุขภาพ"
    mentioned = doc(1, text, partnership={"is_partnership": True, "kind": "MOU", "parties": ["moph", "dms"]})
    signed = doc(2, text, partnership={"is_partnership": True, "kind": "MOU", "parties": ["moph", "nhso"]})
    index.add([mentioned, signed])
    assert urls(index, "สปสช.") == [signed.url, mentioned.url]
    assert urls(index, "NHSO") == [signed.url, mentioned.url]  # any of its names
    assert len(urls(index, "ความร่วมมือ")) == 2  # the boost never changes what matches
    index.close()


def test_facet_counts_are_exact_with_many_values_over_many_segments(tmp_path: Path) -> None:
    index = TantivyIndex(tmp_path)
    docs = [Document(url=f"https://m.go.th/{n}", title="ข่าว", text=f"ข่าว {n}", published_at="2024-05-20",
                     agencies=[{"id": f"a{n % 170:03d}", "name": "x"}, *([{"id": "every-third", "name": "x"}] if n % 3 == 0 else [])])
            for n in range(1_700)]
    for first in range(0, len(docs), 170):  # one commit, one segment, each
        index.add(docs[first:first + 170])
    rows = index.search(build_request("ข่าว")).to_json()["facets"]["agencies"]
    expected = _expected_facets(docs)["agencies"]
    assert len(rows) == 50 and rows[0] == {"id": "every-third", "name": "x", "count": 567}
    assert all(row["count"] == expected[row["id"]] for row in rows)
    index.close()


def test_browsing_newest_first_pages_through_every_document_in_date_order(tmp_path: Path) -> None:
    """Browsing sorts only the recent months a page needs: the pages must still hold every
    document once, newest first, with undated ones last, whatever months they fall in."""
    dated = [Document(url=f"https://b.go.th/{n}", title=f"ข่าว {n}", text=f"เนื้อหา {n}", source="b",
                      published_at=f"{2015 + n % 9}-{n % 12 + 1:02d}-{n % 28 + 1:02d}") for n in range(57)]
    undated = [Document(url=f"https://b.go.th/u{n}", title=f"ไม่ระบุวันที่ {n}", text="เนื้อหา", source="b")
               for n in range(5)]
    index = TantivyIndex(tmp_path)
    index.add(dated + undated)
    newest_first = [d.url for d in sorted(dated, key=lambda d: d.published_at or "", reverse=True)]
    seen = []
    for page in range(1, 8):
        result = index.search(build_request("", page=page, page_size=10))
        assert result.total == 62
        seen += [hit.url for hit in result.hits]
    assert seen[:57] == newest_first and sorted(seen[57:]) == sorted(d.url for d in undated)
    latest = index.search(build_request("", date_from="2016", date_to="2017", page_size=5))
    assert latest.total == len([d for d in dated if d.published_at[:4] in ("2016", "2017")])
    assert [h.url for h in latest.hits] == [u for u in newest_first if u in
                                            {d.url for d in dated if d.published_at[:4] in ("2016", "2017")}][:5]
    index.close()
