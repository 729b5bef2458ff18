"""The store is the system of record: upserts by canonical URL, atomic writes, outbox, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from config.errors import BackendUnavailable, InputError
from indexer.embedded import EmbeddedIndex
from indexer.ingest import Ingestor
from indexer.query import build_request
from indexer.store import MIGRATIONS, STORE_FILE, Store
from nlp.document import Document


def make_doc(url: str = "https://www.nhso.go.th/news/1", text: str = "สปสช. ลงนามความร่วมมือกับ ธ.ก.ส.",
             title: str = "ข่าวทดสอบ", **extra: object) -> Document:
    return Document(url=url, title=title, text=text, source="test", published_at="2024-05-20", **extra)  # type: ignore[arg-type]


def test_upsert_new_unchanged_updated(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    assert store.upsert(make_doc()).status == "new"
    assert store.upsert(make_doc()).status == "unchanged"
    assert store.upsert(make_doc(text="ข้อความที่แก้ไขแล้ว")).status == "updated"
    assert store.count() == 1
    assert store.get(make_doc().id).text == "ข้อความที่แก้ไขแล้ว"  # type: ignore[union-attr]


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / STORE_FILE)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_store_from_a_newer_khao_is_refused(tmp_path: Path) -> None:
    Store.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / STORE_FILE)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    db.commit()
    with pytest.raises(InputError, match="newer Khao"):
        Store.open(tmp_path)


def test_a_failure_inside_a_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.upsert(make_doc())
    with pytest.raises(RuntimeError):
        with store.transaction() as db:
            db.execute("DELETE FROM documents")
            raise RuntimeError("crash in the middle")
    assert store.count() == 1


def test_syndicated_copy_is_kept_and_linked(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    first = store.upsert(make_doc(url="https://a.go.th/1"))
    copy = store.upsert(make_doc(url="https://b.co.th/news?id=9"))
    assert copy.status == "new" and copy.duplicate_of == first.doc_id
    assert store.count() == 2 and store.copies(first.doc_id) == 2


class RefusingIndex(EmbeddedIndex):
    """The real embedded index, but the 'cluster' refuses connections until told otherwise."""

    down = True

    def add(self, docs, copies=None):  # type: ignore[no-untyped-def]
        if self.down:
            raise BackendUnavailable("index refused the connection")
        super().add(docs, copies)


def test_documents_stay_stored_and_queued_while_the_index_is_down(tmp_path: Path) -> None:
    store, index = Store.open(tmp_path), RefusingIndex(tmp_path)
    ingestor = Ingestor(store, index)
    ingestor.ingest(make_doc())
    assert ingestor.flush() == 0
    assert store.count() == 1 and store.pending_count("embedded") == 1 and index.count() == 0
    index.down = False
    assert ingestor.flush() == 1
    assert store.pending_count("embedded") == 0 and index.count() == 1


def test_rebuild_from_the_store(tmp_path: Path) -> None:
    store, index = Store.open(tmp_path), EmbeddedIndex(tmp_path)
    ingestor = Ingestor(store, index)
    for n in range(5):
        ingestor.ingest(make_doc(url=f"https://a.go.th/{n}", text=f"ข่าวที่ {n} หลักประกันสุขภาพ"))
    ingestor.flush()
    index.clear()
    assert index.count() == 0
    assert ingestor.rebuild() == 5 and index.count() == 5


def test_an_fts5_index_built_with_other_words_is_emptied_and_refilled_from_the_store(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An index from a Khao whose segmentation differed would silently miss words."""
    store, index = Store.open(tmp_path), EmbeddedIndex(tmp_path)
    ingestor = Ingestor(store, index)
    ingestor.ingest(make_doc())
    ingestor.flush()
    assert index.count() == 1
    index.db.execute("PRAGMA user_version = 0")  # as Khao before stop 8 left it
    index.close()
    reopened = EmbeddedIndex(tmp_path)
    assert reopened.count() == 0 and "built by another Khao version" in caplog.text
    Ingestor(store, reopened).flush()
    assert reopened.count() == 1
    assert reopened.search(build_request("สปสช")).total == 1
    reopened.close()
    assert EmbeddedIndex(tmp_path).count() == 1  # the version is recorded: not emptied twice


def test_near_duplicate_with_another_title_and_line_breaks_is_linked(tmp_path: Path) -> None:
    body = ("สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) ร่วมกับ ธ.ก.ส. ลงนามบันทึกข้อตกลง เพื่อพัฒนาระบบ "
            "หลักประกันสุขภาพ ให้ประชาชน เข้าถึงบริการ ได้มากขึ้น นพ.จเด็จ กล่าวว่า การดำเนินงาน ครั้งนี้ "
            "จะช่วยให้ เกษตรกร ได้รับ สิทธิ อย่างทั่วถึง และ ต่อเนื่อง ในระยะยาว")
    store = Store.open(tmp_path)
    first = store.upsert(make_doc(url="https://www.nhso.go.th/news/5", title="สปสช. ลงนาม ธ.ก.ส.", text=body))
    copy = store.upsert(make_doc(url="https://www.hfocus.org/content/1", title="[ข่าวประชาสัมพันธ์] สปสช. ลงนาม ธ.ก.ส.",
                                 text=body.replace(" ได้มากขึ้น", " ได้มากขึ้น\n") + "\nข่าวโดย Hfocus"))
    other = store.upsert(make_doc(url="https://x.go.th/9", title="ข่าวอื่น",
                                  text="ข่าวอื่น ทั้งหมด ไม่เกี่ยวข้อง กับ ข่าวแรก เลย แม้แต่ น้อย ครับ จริงๆ นะ ครับ ผม ว่า"))
    assert copy.duplicate_of == first.doc_id
    assert other.duplicate_of is None
