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
