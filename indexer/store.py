"""The store: the system of record, one SQLite file in the data directory (WAL mode).

Every document, its raw bytes, extracted text, entities and crawl state live here. Indexes
are derived: each backend has an outbox of documents it has not indexed yet, written in the
same transaction as the document, so a crash or a down index never loses a document
(``khao reindex`` rebuilds any index from here).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config.errors import InputError
from nlp.document import Document, utc_now
from nlp.near_duplicates import DUPLICATE_THRESHOLD, sketch, similarity

STORE_FILE = "khao.sqlite"

# Each migration moves the schema one version up; user_version records where a file stands.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        canonical_url TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        published_at TEXT,
        fetched_at TEXT NOT NULL,
        stored_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'th',
        content_hash TEXT NOT NULL,
        content_type TEXT NOT NULL DEFAULT 'text/html',
        duplicate_of TEXT,
        parent_id TEXT,
        entities TEXT NOT NULL DEFAULT '{}',
        raw BLOB
    );
    CREATE INDEX documents_published ON documents(published_at);
    CREATE INDEX documents_source ON documents(source);
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE INDEX documents_stored ON documents(stored_at);
    CREATE TABLE outbox (
        backend TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        PRIMARY KEY (backend, doc_id)
    ) WITHOUT ROWID;
    CREATE TABLE crawl_runs (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        pages INTEGER NOT NULL DEFAULT 0,
        documents_new INTEGER NOT NULL DEFAULT 0,
        documents_updated INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    );
    CREATE TABLE seen_urls (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        doc_id TEXT,
        status INTEGER,
        seen_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2: near-duplicate sketches (bottom-k MinHash, nlp.near_duplicates)
    """
    CREATE TABLE sketches (
        hash INTEGER NOT NULL,
        doc_id TEXT NOT NULL
    );
    CREATE INDEX sketches_hash ON sketches(hash);
    CREATE INDEX sketches_doc ON sketches(doc_id);
    """,
    # 3: "n copies" is counted per indexed document; without this it scans the whole table
    """
    CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
    """,
)

# Fields kept in the JSON column next to the entities (no query filters on them in SQL).
_ENTITY_FIELDS = ("agencies", "provinces", "nhso_regions", "dates", "persons", "partnership", "attachments",
                  "date_source", "extraction_note")


@dataclass(frozen=True)
class StoreResult:
    """What an upsert did: ``new``, ``updated`` or ``unchanged``."""

    doc_id: str
    status: str
    duplicate_of: str | None = None


class Store:
    """SQLite store. Open with :meth:`open`; one instance per thread."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.db = connection

    @classmethod
    def open(cls, data_dir: Path | str, *, create: bool = True) -> "Store":
        data_dir = Path(data_dir)
        path = data_dir / STORE_FILE
        if not path.exists() and not create:
            raise InputError(f"no Khao store in {data_dir} (run `khao crawl`, `khao ingest` or `khao demo` first)")
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open the store at {path}: {exc}") from None
        store = cls(path, db)
        store.migrate()
        return store

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: a crash inside leaves the store as it was before."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise InputError(f"the store {self.path} was written by a newer Khao (schema {version}); upgrade Khao")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.transaction() as db:
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")

    # -- documents -------------------------------------------------------------------------

    def upsert(self, doc: Document, backends: tuple[str, ...] = ()) -> StoreResult:
        """Insert or update by canonical URL; queue changed documents for each index backend.

        An identical text already stored under another URL (a syndicated copy) is kept too,
        linked with ``duplicate_of`` to the first copy.
        """
        now = utc_now()
        entities = json.dumps({f: getattr(doc, f) for f in _ENTITY_FIELDS}, ensure_ascii=False)
        with self.transaction() as db:
            row = db.execute("SELECT content_hash, entities, stored_at FROM documents WHERE id = ?",
                             (doc.id,)).fetchone()
            if row and row[0] == doc.content_hash and row[1] == entities:
                db.execute("UPDATE documents SET fetched_at = ? WHERE id = ?", (doc.fetched_at, doc.id))
                return StoreResult(doc.id, "unchanged", doc.duplicate_of)
            fingerprint = sketch(doc.text)
            if doc.duplicate_of is None:
                doc.duplicate_of = self._find_original(db, doc, fingerprint)
            db.execute("DELETE FROM sketches WHERE doc_id = ?", (doc.id,))
            db.executemany("INSERT INTO sketches (hash, doc_id) VALUES (?, ?)", [(h, doc.id) for h in fingerprint])
            values = (doc.id, doc.canonical_url, doc.url, doc.source, doc.title, doc.text, doc.published_at,
                      doc.fetched_at, row[2] if row else now, now, doc.language, doc.content_hash,
                      doc.content_type, doc.duplicate_of, doc.parent_id, entities, doc.raw)
            db.execute(
                "INSERT OR REPLACE INTO documents (id, canonical_url, url, source, title, text, published_at,"
                " fetched_at, stored_at, updated_at, language, content_hash, content_type, duplicate_of,"
                " parent_id, entities, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", values)
            for backend in backends:
                db.execute("INSERT OR REPLACE INTO outbox (backend, doc_id, queued_at) VALUES (?, ?, ?)",
                           (backend, doc.id, now))
        return StoreResult(doc.id, "updated" if row else "new", doc.duplicate_of)

    @staticmethod
    def _find_original(db: sqlite3.Connection, doc: Document, fingerprint: list[int]) -> str | None:
        """The first stored copy of this text (exact, or near-duplicate by sketch), if any."""
        exact = db.execute("SELECT id, duplicate_of FROM documents WHERE content_hash = ? AND id != ? "
                           "ORDER BY stored_at LIMIT 1", (doc.content_hash, doc.id)).fetchone()
        if exact:
            return exact[1] or exact[0]
        if not fingerprint:
            return None
        marks = ",".join("?" * len(fingerprint))
        candidates = db.execute(
            f"SELECT doc_id FROM sketches WHERE hash IN ({marks}) AND doc_id != ? GROUP BY doc_id "
            f"ORDER BY count(*) DESC LIMIT 5", [*fingerprint, doc.id]).fetchall()
        for (candidate,) in candidates:
            other = [h for (h,) in db.execute("SELECT hash FROM sketches WHERE doc_id = ?", (candidate,))]
            if similarity(fingerprint, other) >= DUPLICATE_THRESHOLD:
                root = db.execute("SELECT duplicate_of FROM documents WHERE id = ?", (candidate,)).fetchone()
                return (root[0] if root else None) or candidate
        return None

    def _row_to_document(self, row: sqlite3.Row | tuple[Any, ...], with_raw: bool = False) -> Document:
        (doc_id, canonical_url, url, source, title, text, published_at, fetched_at, language,
         content_type, duplicate_of, parent_id, entities, raw) = row
        data = json.loads(entities)
        doc = Document(url=url, canonical_url=canonical_url, source=source, title=title, text=text,
                       published_at=published_at, fetched_at=fetched_at, language=language,
                       content_type=content_type, duplicate_of=duplicate_of, parent_id=parent_id,
                       raw=raw if with_raw else None, **{k: v for k, v in data.items() if k in _ENTITY_FIELDS})
        return doc

    _COLUMNS = ("id, canonical_url, url, source, title, text, published_at, fetched_at, language, content_type,"
                " duplicate_of, parent_id, entities, ")

    def get(self, doc_id: str, *, with_raw: bool = False) -> Document | None:
        row = self.db.execute(f"SELECT {self._COLUMNS}{'raw' if with_raw else 'NULL'} FROM documents WHERE id = ?",
                              (doc_id,)).fetchone()
        return self._row_to_document(row, with_raw) if row else None

    def get_many(self, doc_ids: list[str]) -> dict[str, Document]:
        out: dict[str, Document] = {}
        for start in range(0, len(doc_ids), 500):
            chunk = doc_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT {self._COLUMNS}NULL FROM documents WHERE id IN ({marks})", chunk):
                out[row[0]] = self._row_to_document(row)
        return out

    def iter_documents(self, *, batch: int = 500, since: str | None = None) -> Iterator[Document]:
        """Every document in storage order (``since``: stored at or after this UTC ISO time)."""
        last = ""
        while True:
            rows = self.db.execute(
                f"SELECT {self._COLUMNS}NULL FROM documents WHERE id > ? AND (? IS NULL OR stored_at >= ?)"
                " ORDER BY id LIMIT ?", (last, since, since, batch)).fetchall()
            if not rows:
                return
            for row in rows:
                yield self._row_to_document(row)
            last = rows[-1][0]

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def copies(self, doc_id: str) -> int:
        """How many stored documents (this one included) carry the same text."""
        return 1 + self.db.execute("SELECT count(*) FROM documents WHERE duplicate_of = ?", (doc_id,)).fetchone()[0]

    # -- crawl state -----------------------------------------------------------------------

    def record_seen(self, urls: list[str], source: str, doc_id: str | None, *, etag: str | None = None,
                    last_modified: str | None = None, status: int = 200) -> None:
        """Remember fetched article URLs (and the validators to ask the server if they changed)."""
        now = utc_now()
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO seen_urls (url, source, etag, last_modified, doc_id, status, seen_at)"
                " VALUES (?,?,?,?,?,?,?)", [(u, source, etag, last_modified, doc_id, status, now) for u in urls])

    def touch_seen(self, url: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE seen_urls SET seen_at = ? WHERE url = ?", (utc_now(), url))

    def seen_urls(self, sources: list[str]) -> dict[str, tuple[str | None, str | None, str]]:
        """url -> (etag, last_modified, seen_at) for stored articles of these sources."""
        marks = ",".join("?" * len(sources))
        rows = self.db.execute(f"SELECT url, etag, last_modified, seen_at FROM seen_urls WHERE source IN ({marks})"
                               " AND doc_id IS NOT NULL", sources)
        return {url: (etag, modified, seen) for url, etag, modified, seen in rows}

    def start_run(self, source: str) -> int:
        with self.transaction() as db:
            return db.execute("INSERT INTO crawl_runs (source, started_at) VALUES (?, ?)",
                              (source, utc_now())).lastrowid or 0

    def finish_run(self, run_id: int, *, pages: int, new: int, updated: int, errors: int,
                   last_error: str | None) -> None:
        with self.transaction() as db:
            db.execute("UPDATE crawl_runs SET finished_at = ?, pages = ?, documents_new = ?, documents_updated = ?,"
                       " errors = ?, last_error = ? WHERE id = ?",
                       (utc_now(), pages, new, updated, errors, last_error, run_id))

    # -- outbox ----------------------------------------------------------------------------

    def pending(self, backend: str, limit: int = 500) -> list[str]:
        rows = self.db.execute("SELECT doc_id FROM outbox WHERE backend = ? ORDER BY queued_at LIMIT ?",
                               (backend, limit)).fetchall()
        return [r[0] for r in rows]

    def pending_count(self, backend: str) -> int:
        return self.db.execute("SELECT count(*) FROM outbox WHERE backend = ?", (backend,)).fetchone()[0]

    def mark_indexed(self, backend: str, doc_ids: list[str]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM outbox WHERE backend = ? AND doc_id = ?", [(backend, d) for d in doc_ids])

    def mark_failed(self, backend: str, doc_ids: list[str], error: str) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE backend = ? AND doc_id = ?",
                           [(error[:500], backend, d) for d in doc_ids])

    def requeue(self, backend: str, doc_ids: list[str]) -> None:
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO outbox (backend, doc_id, queued_at) VALUES (?, ?, ?)",
                           [(backend, d, utc_now()) for d in doc_ids])

    def queue_all(self, backend: str) -> int:
        """Queue every document for a backend (used by ``khao reindex``)."""
        now = utc_now()
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO outbox (backend, doc_id, queued_at) SELECT ?, id, ? FROM documents",
                       (backend, now))
        return self.pending_count(backend)
