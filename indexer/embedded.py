"""The SQLite FTS5 index (backend name ``fts5``) in its own file in the data directory.

The first embedded index; the embedded default is now tantivy (indexer/tantivy_index.py),
chosen by bench/search_bench.py, and this one stays as the measured baseline.

Thai text is segmented by Khao's own segmenter and stored with U+200B between words
(invisible, and a separator for FTS5), and the
``unicode61`` tokenizer is told to keep Thai vowel and tone marks (categories Mn, Mc) inside
tokens -- by default it splits ``ที่`` into ``ท``. Queries arrive as :class:`Term` lists and are
written into FTS5 syntax only as quoted phrases, so no user input is ever FTS5 syntax.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from config.errors import InputError
from indexer.base import FACET_KINDS, Hit, SearchResponse, facet_json, facet_values, render_snippet, segmented_text
from indexer.base import SNIPPET_CLOSE as _CLOSE, SNIPPET_OPEN as _OPEN
from indexer.query import ParsedQuery, SearchRequest, Term
from nlp.document import Document
from nlp.tokenize import TEXT_PATH_VERSION

log = logging.getLogger(__name__)

INDEX_FILE = "index-embedded.sqlite"
# The file's user_version: the words it was built with. Khao before stop 8 left it at 0.
INDEX_VERSION = TEXT_PATH_VERSION
_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    published_at TEXT,
    partnership INTEGER NOT NULL DEFAULT 0,
    duplicate_of TEXT,
    copies INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS docs_published ON docs(published_at);
CREATE TABLE IF NOT EXISTS facets (
    rowid INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facets_kind_value ON facets(kind, value);
CREATE INDEX IF NOT EXISTS facets_rowid ON facets(rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, body, tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co Mn Mc'"
);
"""


def _match(term: Term) -> str:
    """An exact Term is a phrase; a loose one needs each of its words (FTS5 cannot boost adjacency)."""
    if term.exact or len(term.words) == 1:
        return _phrase(term)
    return "(" + " AND ".join(_phrase(Term((word,))) for word in term.words) + ")"


def _phrase(term: Term) -> str:
    """A Term as an FTS5 quoted phrase; embedded quotes doubled, so input cannot escape it."""
    return '"' + " ".join(term.words).replace('"', '""') + '"'


def match_expression(query: ParsedQuery) -> str:
    """The FTS5 MATCH text for a parsed query (terms only ever as quoted phrases)."""
    positive = " AND ".join("(" + " OR ".join(_match(t) for t in group) + ")" for group in query.groups)
    for term in query.excluded:
        positive += " NOT " + _match(term)
    return positive


class EmbeddedIndex:
    """SQLite FTS5 index behind the :class:`indexer.base.IndexBackend` interface."""

    name = "embedded"

    def __init__(self, data_dir: Path | str, *, engine: str = "nlpo3") -> None:
        self.path = Path(data_dir) / INDEX_FILE
        self.engine = engine
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self._check_version()
        except sqlite3.Error as exc:
            raise InputError(f"cannot open the embedded index at {self.path}: {exc}") from None

    def _check_version(self) -> None:
        """An index built with other words (another segmentation, ``TEXT_PATH_VERSION``) would
        silently miss them: it is emptied, with a warning, and refilled from the store (the
        Ingestor queues every stored document when the index is empty; ``khao reindex`` too)."""
        built_with = self.db.execute("PRAGMA user_version").fetchone()[0]
        if built_with == INDEX_VERSION:
            return
        if self.db.execute("SELECT 1 FROM docs LIMIT 1").fetchone():
            log.warning("the embedded index at %s was built by another Khao version (words v%d, now v%d); "
                        "it starts empty and is refilled from the store -- run `khao reindex` to do it now",
                        self.path, built_with, INDEX_VERSION)
            self.clear()
        self.db.execute(f"PRAGMA user_version = {int(INDEX_VERSION)}")

    def close(self) -> None:
        self.db.close()

    # -- writes ----------------------------------------------------------------------------

    def _delete_rows(self, doc_ids: Sequence[str]) -> None:
        for doc_id in doc_ids:
            row = self.db.execute("SELECT rowid FROM docs WHERE id = ?", (doc_id,)).fetchone()
            if row:
                self.db.execute("DELETE FROM fts WHERE rowid = ?", row)
                self.db.execute("DELETE FROM facets WHERE rowid = ?", row)
                self.db.execute("DELETE FROM docs WHERE rowid = ?", row)

    def add(self, docs: Sequence[Document], copies: Mapping[str, int] | None = None) -> None:
        copies = copies or {}
        prepared = [(d, *segmented_text(d, self.engine)) for d in docs]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._delete_rows([d.id for d in docs])
            for doc, title, body in prepared:
                cursor = self.db.execute(
                    "INSERT INTO docs (id, url, title, source, published_at, partnership, duplicate_of, copies)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (doc.id, doc.url, doc.title, doc.source, doc.published_at,
                     int(bool(doc.partnership.get("is_partnership"))), doc.duplicate_of, copies.get(doc.id, 1)))
                rowid = cursor.lastrowid
                self.db.execute("INSERT INTO fts (rowid, title, body) VALUES (?,?,?)", (rowid, title, body))
                self.db.executemany(
                    "INSERT INTO facets (rowid, kind, value, label) VALUES (?,?,?,?)",
                    [(rowid, kind, value, label) for kind, pairs in facet_values(doc).items()
                     for value, label in dict(pairs).items()])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def delete(self, doc_ids: Sequence[str]) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self._delete_rows(doc_ids)
        self.db.execute("COMMIT")

    def clear(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        for table in ("fts", "facets", "docs"):
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("COMMIT")

    def start_rebuild(self) -> None:
        """One local file has no readers to shield: a rebuild starts from an empty index."""
        self.clear()

    def finish_rebuild(self) -> None:
        """Nothing to swap: the rebuild wrote into the index readers use."""

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM docs").fetchone()[0]

    # -- search ----------------------------------------------------------------------------

    def _filter_sql(self, request: SearchRequest) -> tuple[str, list[Any]]:
        """WHERE clauses over ``docs d`` for the request's filters."""
        f = request.filters
        clauses, params = ["d.duplicate_of IS NULL OR d.duplicate_of NOT IN (SELECT id FROM docs)"], []
        for kind, values in (("agencies", f.agencies), ("provinces", f.provinces),
                             ("nhso_regions", tuple(map(str, f.regions))), ("sources", f.sources)):
            for value in values:  # several values of one filter: all must hold (narrowing)
                clauses.append("d.rowid IN (SELECT rowid FROM facets WHERE kind = ? AND value = ?)")
                params += [kind, value]
        if f.partnership is not None:
            clauses.append("d.partnership = ?")
            params.append(int(f.partnership))
        if f.date_from:
            clauses.append("d.published_at >= ?")
            params.append(f.date_from.isoformat())
        if f.date_to:
            clauses.append("d.published_at <= ?")
            params.append(f.date_to.isoformat())
        return " AND ".join(f"({c})" for c in clauses), params

    def search(self, request: SearchRequest) -> SearchResponse:
        where, params = self._filter_sql(request)
        query = request.query
        self.db.execute("DROP TABLE IF EXISTS temp.matched")
        # An INTEGER PRIMARY KEY, so joins on the matched set are lookups, never scans of it.
        self.db.execute("CREATE TEMP TABLE matched (rowid INTEGER PRIMARY KEY, score REAL)")
        if query.is_empty:
            self.db.execute(f"INSERT INTO temp.matched SELECT d.rowid, 0.0 FROM docs d WHERE {where}", params)
        else:
            # CROSS JOIN keeps FTS first: SQLite would otherwise probe the FTS index per filtered row.
            self.db.execute(
                f"INSERT INTO temp.matched SELECT d.rowid, bm25(fts, 4.0, 1.0) "
                f"FROM fts CROSS JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ? AND {where}",
                [match_expression(query), *params])
        total = self.db.execute("SELECT count(*) FROM temp.matched").fetchone()[0]
        order = ("m.score ASC, d.published_at DESC" if request.sort == "relevance" and not query.is_empty
                 else "d.published_at IS NULL, d.published_at DESC, m.score ASC")
        offset = (request.page - 1) * request.page_size
        # The page first, snippets after: snippet() re-reads a whole document, so asking for it in
        # the ORDER BY ... LIMIT query computes it for every match (seconds for a common word).
        page = self.db.execute(
            f"SELECT d.rowid, d.id, d.url, d.title, d.source, d.published_at, m.score, d.copies "
            f"FROM temp.matched m JOIN docs d ON d.rowid = m.rowid ORDER BY {order} LIMIT ? OFFSET ?",
            [request.page_size, offset]).fetchall()
        hits = [Hit(id=r[1], url=r[2], title=r[3], source=r[4], published_at=r[5],
                    snippet=render_snippet(self._snippet(query, r[0])), score=round(-r[6], 3), copies=r[7])
                for r in page]
        facets = {kind: self._facet(kind) for kind in FACET_KINDS}
        return SearchResponse(query=request.text, total=total, page=request.page, page_size=request.page_size,
                              hits=hits, facets=facets)

    def _snippet(self, query: ParsedQuery, rowid: int) -> str:
        if query.is_empty:
            row = self.db.execute("SELECT substr(body, 1, 220) FROM fts WHERE rowid = ?", (rowid,)).fetchone()
        else:
            row = self.db.execute(f"SELECT snippet(fts, 1, '{_OPEN}', '{_CLOSE}', '…', 28) FROM fts "
                                  f"WHERE fts MATCH ? AND rowid = ?", (match_expression(query), rowid)).fetchone()
        return row[0] if row else ""

    def _facet(self, kind: str, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.execute(
            # CROSS JOIN: from the matched set to its facet rows; SQLite would otherwise walk every
            # facet row of the kind and probe the matched set for each (seconds at 10k documents).
            "SELECT f.value, f.label, count(*) AS n FROM temp.matched m CROSS JOIN facets f ON f.rowid = m.rowid "
            "WHERE f.kind = ? GROUP BY f.value ORDER BY n DESC, f.value LIMIT ?", (kind, limit)).fetchall()
        return facet_json(kind, rows)
