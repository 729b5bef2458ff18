"""The embedded index on tantivy (tantivy-py): the default, chosen by measurement (bench/search_bench.py).

How it keeps the contract the other backends keep, and why it is built this way:

* **Words.** Documents arrive pre-segmented (U+200B between Khao's words). A token is a maximal
  run of letters, digits, private-use characters and vowel and tone marks (Unicode L*, N*, Co,
  Mn, Mc), lowercased -- exactly what FTS5's ``unicode61`` keeps with those categories, and what
  Elasticsearch's ``char_group`` analyzer keeps -- so ``สปสช.`` is the token ``สปสช`` and
  ``ธ.ก.ส.`` the phrase ``ธ ก ส`` in every backend. :func:`index_text` rewrites a text so that
  these tokens are separated by plain spaces, and tantivy's whitespace tokenizer does the rest:
  measured on the real corpus, tantivy's own regex tokenizer (and its simple tokenizer, which
  also splits at Thai tone marks) spends ~0.8 ms per 3,300-character Thai article and caps
  indexing near 1,300 documents/s per core, while :func:`index_text` costs ~0.07 ms and
  indexing runs ~3.5x faster. Both give the same tokens on 10,000 real titles and bodies, and
  the same tokens as FTS5 itself (tests/test_tantivy_index.py). tantivy does not keep analyzers
  in the index, so ours is registered every time an index is opened.
* **Queries** are built from :class:`Term` objects with the Query API (term and phrase queries
  per field, the title boosted 4x as in FTS5's ``bm25(fts, 4.0, 1.0)``); user text never
  reaches tantivy's query parser. Filters are constant-score clauses, so they move no ranks.
* **Facets** are terms aggregations over fast fields, over the whole result set. Agencies,
  provinces and regions are aggregated as 48-bit codes of their values (multi-valued u64):
  a string fast field makes tantivy look up every distinct value in its dictionary on every
  search (3.5 ms for a 345-document result set at 100k documents); numbers need no lookup, and
  the 50 codes a facet shows are turned back into value and label from a process-wide cache,
  filled from any document carrying the code. Months are YYYYMM integers; years are summed
  from them, saving a pass. Counting costs ~0.2-0.3 us per matching document, so it runs on a
  second thread while the hits are fetched, and a result set larger than half the index is
  counted as the kept counts of all documents minus the rest (see :meth:`TantivyIndex._facet_counts`).
* **Snippets** come from :mod:`indexer.snippets`, not tantivy's SnippetGenerator.
* **Copies.** A document whose ``duplicate_of`` names an indexed document is hidden, and shown
  again when that document goes. FTS5 answers this with a sub-query on every search; here the
  single writer keeps a ``hidden`` flag up to date when either side is added or deleted, so a
  search pays one ``MUST_NOT`` clause.
* **One writer process.** tantivy allows one ``IndexWriter`` per index; a second process gets
  ``LockBusy``, turned into :class:`BackendUnavailable` so the Ingestor keeps documents queued in
  the store's outbox. The writer is opened on the first write only, so ``khao serve`` never
  takes the lock by searching. Readers ``reload()`` before each search (~0.05 ms) and so see
  every commit at once, from this process or another.
* **Generations** make rebuilds invisible to readers: ``index-tantivy/CURRENT`` names the live
  directory (``v<schema>-<n>``). :meth:`start_rebuild` fills a new generation while readers keep
  the old one (the rebuilding process holds the old generation's writer lock meanwhile, so no
  other writer's documents can land in an index about to be dropped); :meth:`finish_rebuild`
  switches ``CURRENT`` atomically. A schema or text-path change gets a new generation name, so
  an index from an older Khao is never opened with the wrong schema or words (it starts empty:
  run ``khao reindex``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import threading
import time
import unicodedata
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import tantivy
from tantivy import FieldType, Occur, Query

from config.errors import BackendUnavailable, InputError
from indexer.base import (
    FACET_KINDS,
    PARTY_BOOST,
    Hit,
    SearchResponse,
    facet_json,
    facet_values,
    party_ids,
    render_snippet,
    segmented_text,
)
from indexer.query import Filters, ParsedQuery, SearchRequest, Term, essential
from indexer.snippets import WORD_CATEGORIES, Wanted, stored_snippet
from nlp.document import Document
from nlp.tokenize import TEXT_PATH_VERSION, WORD_JOINER

log = logging.getLogger(__name__)

INDEX_DIR = "index-tantivy"
CURRENT = "CURRENT"
# Bump when the schema below changes: the new version is a new generation, never a mismatch.
SCHEMA_VERSION = 2
# What a generation's name records: the schema and the words it was built with.
INDEX_VERSION = f"{SCHEMA_VERSION}t{TEXT_PATH_VERSION}"
TOKENIZER = "khao_words"
TITLE_BOOST = 4.0
WRITER_HEAP_BYTES = 128_000_000
# A rebuild writes fewer, larger segments: searches pay per segment (a 100,000-document index
# written as one segment answered ~6% faster than as five), and its memory is given back when
# the rebuild ends. 512 MB holds 100,000 news articles' postings in one segment.
REBUILD_HEAP_BYTES = 512_000_000
REBUILD_COMMIT_EVERY = 100_000  # documents a rebuild adds between commits (see TantivyIndex._commit)
_GENERATION = re.compile(r"^v(\w+?)-(\d{6})$")

FACET_LIMIT = 50
ALL_VALUES = 1_000_000  # facet values counted per kind: all of them, so counts can be subtracted exactly
BASE_CACHE_SIZE = 64  # filter sets whose facet counts are kept for the current snapshot
BASE_AFTER_QUIET_SECONDS = 2.0  # a snapshot this old is worth counting the filters alone for
CODED_FACETS = ("agencies", "provinces", "nhso_regions")
COUNTED_FACETS = (*CODED_FACETS, "sources", "months")  # what an aggregation counts; years add months up
COUNTED_APART = ("agencies",)  # counted on their own when a search splits its counting
COUNTED_WITH_HITS = tuple(kind for kind in COUNTED_FACETS if kind not in COUNTED_APART)
# Agencies cost about as much to count as the other facets together (3.1 values a document, 4,500
# values): a search expected to leave this many documents to count counts them on one core and
# the rest on the other, once its hits are fetched (see TantivyIndex._split_counting).
SPLIT_COUNTING_AT = 8_000

# Separators Thai news is full of, replaced at C speed; any other character outside ASCII and
# the Thai letters and marks is looked up (once per distinct character in a text).
_COMMON_SEPARATORS = (WORD_JOINER, "\u201c", "\u201d", "\u2018", "\u2019", "\u2013", "\u2014", "\u2026",
                      "\u2022", "\u25cf", "\u00d7", "\u00a0")
_UNUSUAL = re.compile(r"[^\x00-\x7f\u0e01-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59]")
_ASCII_TO_SPACES = bytes(c if chr(c).isalnum() else 0x20 for c in range(128)) + bytes(range(128, 256))


def index_text(text: str) -> str:
    """The text's tokens separated by spaces (and runs of them); see the module doc.

    Lowercasing is left to the analyzer (Rust, and no copy of the text in Python). Query words
    go through this function and the same analyzer (:meth:`TantivyIndex._tokens`), so both sides
    always agree.
    """
    for separator in _COMMON_SEPARATORS:
        if separator in text:
            text = text.replace(separator, " ")
    for char in set(_UNUSUAL.findall(text)):
        if unicodedata.category(char) not in WORD_CATEGORIES:
            text = text.replace(char, " ")
    return text.encode("utf-8").translate(_ASCII_TO_SPACES).decode("utf-8")


@lru_cache(maxsize=4096)
def term_tokens(term: Term) -> tuple[str, ...]:
    """A query term's index tokens. A search needs them for its query, its snippets and its facet
    estimate, on two threads; the analyzer is stateless, so one shared instance serves all."""
    return tuple(token for word in term.words for token in _query_analyzer().analyze(index_text(word)))


@lru_cache(maxsize=1)
def _query_analyzer() -> tantivy.TextAnalyzer:
    return words_analyzer()


def facet_code(value: str) -> int:
    """A stable 48-bit number for a facet value (exact in the aggregation's JSON numbers)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=6).digest(), "big")


def build_schema() -> tantivy.Schema:
    """Fields: token text for search, codes and keywords for filters and facets, one stored blob.

    ``day`` is the publish date as the integer YYYYMMDD: range filters and date sort need no
    more, and an undated document simply has no value (sorted last and outside every range, as
    NULL is in FTS5). ``stored`` (JSON) and ``text`` (the joined body as UTF-8, kept out of the
    JSON because escaping 10 kB per document showed in the indexing profile) are what a hit is
    built from, and what the writer rebuilds a document from when only ``hidden`` changes.
    """
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", tokenizer_name="raw")
    builder.add_text_field("title", tokenizer_name=TOKENIZER)
    builder.add_text_field("body", tokenizer_name=TOKENIZER)
    builder.add_bytes_field("stored", stored=True, indexed=False)
    builder.add_bytes_field("text", stored=True, indexed=False)
    builder.add_text_field("duplicate_of", tokenizer_name="raw")
    builder.add_integer_field("hidden", indexed=True, fast=True)  # fast: counted by facet aggregations
    builder.add_integer_field("partnership", indexed=True)
    builder.add_integer_field("day", indexed=True, fast=True)
    builder.add_integer_field("month", fast=True)
    builder.add_text_field("source", tokenizer_name="raw", fast=True)
    for kind in CODED_FACETS:
        builder.add_unsigned_field(kind, indexed=True, fast=True)
    builder.add_unsigned_field("parties", indexed=True)  # codes of a signing's parties, for ranking
    return builder.build()


def words_analyzer() -> tantivy.TextAnalyzer:
    """Splits :func:`index_text` output on spaces and lowercases; no length limit on tokens."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(tantivy.Filter.lowercase()).build()


def _day(published_at: str | None) -> int | None:
    try:
        return int(published_at[:10].replace("-", "")) if published_at else None
    except ValueError:
        return None


def _stored(doc: Document, title: str, copies: int) -> dict[str, Any]:
    """Everything but the body a hit shows and a re-add needs; ``title`` is the joined title."""
    return {"id": doc.id, "url": doc.url, "title": title, "source": doc.source,
            "published_at": doc.published_at, "copies": copies, "duplicate_of": doc.duplicate_of,
            "partnership": bool(doc.partnership.get("is_partnership")),
            "parties": party_ids(doc),
            "facets": {kind: list(dict(pairs).items()) for kind, pairs in facet_values(doc).items()
                       if kind in CODED_FACETS}}


Snapshot = tuple[str, tuple[int, int, int]]  # (generation, meta.json identity): one commit of one index
FacetCounts = dict[str, dict[Any, int]]  # facet kind -> bucket key (code, source, YYYYMM) -> documents

# (facet kind, code) -> (value, label), shared by every index in the process: a code is a hash of
# its value, so the pair holds whichever index a search ran on.
_FACET_LABELS: dict[tuple[str, int], tuple[str, str]] = {}


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _counting_pool() -> ThreadPoolExecutor:
    """Threads for facet counting, shared by every index in the process; made on first use."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="khao-facets")
        return _POOL


@lru_cache(maxsize=4096)
def _month(key: float) -> str:
    """An aggregation's month key (YYYYMM, as a float) -> "YYYY-MM": formatting a hundred of
    them took ~0.1 ms of every search."""
    return f"{int(key) // 100:04d}-{int(key) % 100:02d}"


def _window_start(months: Mapping[Any, int], needed: int) -> int | None:
    """The first day (YYYYMMDD) of the earliest month such that the months from it to the newest
    hold ``needed`` documents; None when all dated documents are fewer (undated ones, sorted
    last, are then needed too)."""
    held = 0
    for month in sorted(months, reverse=True):
        held += months[month]
        if held >= needed:
            return int(month) * 100 + 1
    return None


def _top(counts: dict[int, int]) -> dict[int, int]:
    """The FACET_LIMIT most frequent codes, and every code tied with the last of them (ties are
    ordered by value, known only once labelled): labelling thousands of rare agencies would
    cost a lookup each."""
    if len(counts) <= FACET_LIMIT:
        return counts
    cut = sorted(counts.values(), reverse=True)[FACET_LIMIT - 1]
    return {code: n for code, n in counts.items() if n >= cut}


@dataclass
class _Generation:
    """One tantivy index directory, its reader and (in the writing process only) its writer."""

    name: str
    index: tantivy.Index
    writer: tantivy.IndexWriter | None = None


class TantivyIndex:
    """tantivy index behind the :class:`indexer.base.IndexBackend` interface."""

    name = "tantivy"
    # Searches from several threads may share one instance: readers are tantivy's (thread-safe),
    # and the only state a search touches is the facet-count cache, which has its own lock.
    thread_safe = True

    def __init__(self, data_dir: Path | str, *, engine: str = "nlpo3") -> None:
        self.root = Path(data_dir) / INDEX_DIR
        self.engine = engine
        self.schema = build_schema()
        self.analyzer = words_analyzer()
        self._current_stamp: tuple[int, int] | None = None
        self._rebuild: _Generation | None = None
        self._uncommitted: set[str] = set()  # ids a rebuild added since its last commit
        self._unhidden_targets: set[str] = set()  # originals of copies it added before them
        # Facet counts of filter sets, kept for one snapshot; the API's threads share this index.
        self._base_cache: dict[tuple[Snapshot, Filters], tuple[int, FacetCounts]] = {}
        self._base_lock = threading.Lock()
        self._first_seen: tuple[Snapshot | None, float] = (None, 0.0)  # the newest snapshot searched, and since when
        self._reloaded: Snapshot | None = None  # the commit the reader was last reloaded at
        self._rows_cache: dict[tuple[Snapshot, Filters], dict[str, list[dict[str, Any]]]] = {}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.live = self._open_live()
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot open the tantivy index at {self.root}: {exc}") from None

    # -- generations -----------------------------------------------------------------------

    def _open(self, name: str) -> _Generation:
        path = self.root / name
        path.mkdir(exist_ok=True)
        index = tantivy.Index(self.schema, path=str(path), reuse=True)
        index.register_tokenizer(TOKENIZER, self.analyzer)
        index.config_reader("manual")  # reloaded explicitly before each search
        return _Generation(name, index)

    def _read_current(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        match = _GENERATION.match(name)
        return name if match and match.group(1) == INDEX_VERSION else None

    def _write_current(self, name: str) -> None:
        tmp = self.root / f"{CURRENT}.{os.getpid()}.tmp"
        tmp.write_text(name + "\n", encoding="utf-8")
        tmp.replace(self.root / CURRENT)

    def _stamp(self) -> tuple[int, int] | None:
        try:
            st = (self.root / CURRENT).stat()
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns

    def _next_name(self) -> str:
        numbers = [int(m.group(2)) for p in self.root.iterdir() if (m := _GENERATION.match(p.name))]
        return f"v{INDEX_VERSION}-{max(numbers, default=0) + 1:06d}"

    def _open_live(self) -> _Generation:
        name = self._read_current()
        if name is None:
            if (self.root / CURRENT).exists():
                log.warning("the tantivy index at %s was built by another Khao version; starting an empty one "
                            "(run `khao reindex` to fill it from the store)", self.root)
            name = self._next_name()
            generation = self._open(name)
            self._write_current(name)
        else:
            generation = self._open(name)
        self._current_stamp = self._stamp()
        return generation

    def _searcher(self) -> tuple[tantivy.Searcher, Snapshot | None]:
        """The latest committed state, and which commit it is (None when a commit landed during
        the reload); follows ``CURRENT`` when another process finished a rebuild."""
        if self.live.writer is None and self._stamp() != self._current_stamp:
            self.live = self._open_live()
        before = self._meta_stamp()
        if before is not None and self._reloaded == (self.live.name, before):
            # No commit since the last reload: the reader is current (a stat instead of ~0.2 ms).
            return self.live.index.searcher(), self._reloaded
        try:
            self.live.index.reload()
        except ValueError:  # the generation was dropped by a rebuild between the check and now
            self.live = self._open_live()
            before = None
            self.live.index.reload()
        # The snapshot this searcher reads is known only if no commit landed during the reload.
        after = self._meta_stamp()
        snapshot = (self.live.name, after) if before == after and after is not None else None
        if snapshot is not None:
            self._reloaded = snapshot
        return self.live.index.searcher(), snapshot

    def _meta_stamp(self) -> tuple[int, int, int] | None:
        """Identity of the live generation's last commit (tantivy rewrites meta.json on each)."""
        try:
            st = (self.root / self.live.name / "meta.json").stat()
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _target(self) -> _Generation:
        """Where writes go: the generation being rebuilt, else the live one."""
        return self._rebuild or self.live

    def _writer(self, generation: _Generation) -> tantivy.IndexWriter:
        if generation.writer is None:
            try:
                heap = REBUILD_HEAP_BYTES if generation is self._rebuild else WRITER_HEAP_BYTES
                generation.writer = generation.index.writer(heap_size=heap, num_threads=1)
            except ValueError as exc:
                if "LockBusy" in str(exc):
                    raise BackendUnavailable(
                        f"the tantivy index at {self.root} is being written by another Khao process; "
                        "documents stay queued and are indexed by the next run") from None
                raise
        return generation.writer

    def _release(self, generation: _Generation) -> None:
        """Let background merges finish, then give up the writer lock."""
        if generation.writer is not None:
            writer, generation.writer = generation.writer, None
            writer.wait_merging_threads()

    def _abandon_rebuild(self) -> None:
        """Drop a rebuild that never finished: readers stay on the old index."""
        if self._rebuild is not None:
            abandoned, self._rebuild = self._rebuild, None
            self._uncommitted, self._unhidden_targets = set(), set()
            if abandoned.writer is not None:
                abandoned.writer.rollback()
            self._release(abandoned)
            shutil.rmtree(self.root / abandoned.name, ignore_errors=True)

    def close(self) -> None:
        self._abandon_rebuild()
        self._release(self.live)

    def wait_for_merges(self) -> None:
        """Finish background merges now (benchmarks count them as part of indexing)."""
        self._release(self._target())

    # -- writes ----------------------------------------------------------------------------

    def _document(self, stored: Mapping[str, Any], body: str, hidden: bool) -> tantivy.Document:
        out = tantivy.Document()
        out.add_text("id", stored["id"])
        out.add_text("title", index_text(stored["title"]))
        out.add_text("body", index_text(body))
        out.add_bytes("stored", json.dumps(stored, ensure_ascii=False).encode("utf-8"))
        out.add_bytes("text", body.encode("utf-8"))
        if stored["duplicate_of"]:
            out.add_text("duplicate_of", stored["duplicate_of"])
        out.add_integer("hidden", int(hidden))
        out.add_integer("partnership", int(stored["partnership"]))
        for party in stored.get("parties", []):
            out.add_unsigned("parties", facet_code(party))
        day = _day(stored["published_at"])
        if day is not None:
            out.add_integer("day", day)
            out.add_integer("month", day // 100)
        if stored["source"]:
            out.add_text("source", stored["source"])
        for kind in CODED_FACETS:
            for value, _ in stored["facets"][kind]:
                out.add_unsigned(kind, facet_code(value))
        return out

    def _exists(self, searcher: tantivy.Searcher, doc_id: str) -> bool:
        return searcher.search(Query.term_query(self.schema, "id", doc_id), 1, count=True).count > 0

    def _set_hidden(self, generation: _Generation, searcher: tantivy.Searcher, targets: Sequence[str],
                    hidden: bool, skip: set[str]) -> None:
        """Re-add the indexed copies of ``targets`` whose ``hidden`` flag must change."""
        if not targets:
            return
        query = Query.boolean_query([
            (Occur.Must, Query.term_set_query(self.schema, "duplicate_of", list(targets))),
            (Occur.Must, Query.term_query(self.schema, "hidden", int(not hidden))),
        ])
        matching = searcher.search(query, 1, count=True).count
        if not matching:  # the usual case: nothing to flip, and no collector sized for the whole index
            return
        writer = self._writer(generation)
        for _, address in searcher.search(query, matching, count=False).hits:
            found = searcher.doc(address)
            stored = json.loads(found.get_first("stored"))
            if stored["id"] not in skip:
                writer.delete_documents_by_term("id", stored["id"])
                writer.add_document(self._document(stored, found.get_first("text").decode("utf-8"), hidden))

    def _commit(self, generation: _Generation, *, deferrable: bool = False) -> None:
        """Commit the generation's writes. A rebuild's additions (``deferrable``) are committed
        every REBUILD_COMMIT_EVERY documents instead: readers do not see a rebuild before it
        finishes, and each commit writes a segment that later has to be merged (a rebuild
        committing every 200 documents ran at half the speed). Copies whose original came in
        after them, uncommitted, are hidden once both are committed."""
        if generation.writer is None:
            return
        if deferrable and generation is self._rebuild and len(self._uncommitted) < REBUILD_COMMIT_EVERY:
            return
        generation.writer.commit()
        generation.index.reload()
        targets, self._unhidden_targets = self._unhidden_targets, set()
        self._uncommitted = set()
        if targets:
            searcher = generation.index.searcher()
            present = [target for target in sorted(targets) if self._exists(searcher, target)]
            if present:
                self._set_hidden(generation, searcher, present, True, set())
                generation.writer.commit()
                generation.index.reload()

    def add(self, docs: Sequence[Document], copies: Mapping[str, int] | None = None) -> None:
        if not docs:  # nothing to write: do not take the writer lock for it
            return
        copies = copies or {}
        generation = self._target()
        writer = self._writer(generation)
        generation.index.reload()
        searcher = generation.index.searcher()
        ids = {d.id for d in docs}
        deferred = generation is self._rebuild  # see _commit: added, not yet visible to the searcher
        try:
            for doc in docs:
                title, body = segmented_text(doc, self.engine)
                target = doc.duplicate_of
                hidden = bool(target) and target != doc.id and (
                    target in ids or target in self._uncommitted or self._exists(searcher, target))
                if deferred and target and target != doc.id and not hidden:
                    self._unhidden_targets.add(target)
                writer.delete_documents_by_term("id", doc.id)
                writer.add_document(self._document(_stored(doc, title, copies.get(doc.id, 1)), body, hidden))
            # Copies already indexed of a document that is (again) in the index now disappear from view.
            self._set_hidden(generation, searcher, sorted(ids), True, ids)
            if deferred:
                self._uncommitted |= ids
            self._commit(generation, deferrable=True)
        except BaseException:
            writer.rollback()
            raise

    def delete(self, doc_ids: Sequence[str]) -> None:
        if not doc_ids:
            return
        generation = self._target()
        writer = self._writer(generation)
        generation.index.reload()
        searcher = generation.index.searcher()
        try:
            for doc_id in doc_ids:
                writer.delete_documents_by_term("id", doc_id)
            # Copies of a deleted document are the best remaining version: show them again.
            self._set_hidden(generation, searcher, list(doc_ids), False, set(doc_ids))
            self._commit(generation)
        except BaseException:
            writer.rollback()
            raise

    def clear(self) -> None:
        generation = self._target()
        self._writer(generation).delete_all_documents()
        self._commit(generation)

    def start_rebuild(self) -> None:
        """Fill a new generation; readers keep the live one until :meth:`finish_rebuild`."""
        self._abandon_rebuild()
        self._writer(self.live)  # hold the live lock: no other process may write to an index about to go
        self._rebuild = self._open(self._next_name())
        self._writer(self._rebuild)

    def finish_rebuild(self) -> None:
        """Switch readers to the rebuilt generation atomically, then drop the old one."""
        if self._rebuild is None:
            return
        rebuilt, self._rebuild = self._rebuild, None
        self._commit(rebuilt)
        self._release(rebuilt)
        self._write_current(rebuilt.name)
        old, self.live = self.live, rebuilt
        self._current_stamp = self._stamp()
        self._release(old)
        shutil.rmtree(self.root / old.name, ignore_errors=True)

    def count(self) -> int:
        return self._searcher()[0].num_docs

    # -- search ----------------------------------------------------------------------------

    def _tokens(self, term: Term) -> list[str]:
        return list(term_tokens(term))

    def _field_query(self, field: str, words: list[str]) -> Query:
        if len(words) == 1:
            return Query.term_query(self.schema, field, words[0])
        return Query.phrase_query(self.schema, field, words)

    def _words_query(self, words: list[str]) -> Query:
        """The words, adjacent and in order, in the title (boosted) or the body."""
        return Query.boolean_query([
            (Occur.Should, Query.boost_query(self._field_query("title", words), TITLE_BOOST)),
            (Occur.Should, self._field_query("body", words)),
        ])

    def _term_query(self, term: Term, *, scoring: bool = True) -> Query:
        """An exact term is a phrase; a loose one needs each word, and the phrase adds score
        (left out when only the matching documents count, as for facets)."""
        words = self._tokens(term)
        if not words:
            return Query.empty_query()
        if term.exact or len(words) == 1:
            return self._words_query(words)
        needed = [(Occur.Must, self._words_query([w])) for w in words]
        return Query.boolean_query(needed + ([(Occur.Should, self._words_query(words))] if scoring else []))

    def _filter_clauses(self, filters: Filters) -> list[tuple[Occur, Query]]:
        def keep(query: Query) -> tuple[Occur, Query]:
            return Occur.Must, Query.const_score_query(query, 0.0)

        clauses = [(Occur.MustNot, Query.term_query(self.schema, "hidden", 1))]
        for kind, values in (("agencies", filters.agencies), ("provinces", filters.provinces),
                             ("nhso_regions", tuple(map(str, filters.regions)))):
            clauses += [keep(Query.term_query(self.schema, kind, facet_code(value))) for value in values]
        clauses += [keep(Query.term_query(self.schema, "source", value)) for value in filters.sources]
        if filters.partnership is not None:
            clauses.append(keep(Query.term_query(self.schema, "partnership", int(filters.partnership))))
        if filters.date_from or filters.date_to:
            clauses.append(keep(self._days(_day(filters.date_from.isoformat()) if filters.date_from else None,
                                           _day(filters.date_to.isoformat()) if filters.date_to else None)))
        return clauses

    def _days(self, first: int | None, last: int | None) -> Query:
        """Documents published from day ``first`` to ``last`` (YYYYMMDD; None: unbounded)."""
        return Query.range_query(self.schema, "day", FieldType.Integer, first or 0, last or 99_991_231)

    def _text_clauses(self, query: ParsedQuery, *, scoring: bool) -> list[tuple[Occur, Query]]:
        clauses: list[tuple[Occur, Query]] = [
            (Occur.Must, Query.boolean_query([(Occur.Should, self._term_query(t, scoring=scoring))
                                              for t in (group if scoring else essential(group))]))
            for group in query.groups]
        if query.is_empty:  # like the other backends, exclusions alone select nothing away
            return [(Occur.Must, Query.all_query())]
        return clauses + [(Occur.MustNot, self._term_query(t, scoring=False)) for t in essential(query.excluded)]

    def _query(self, request: SearchRequest, *, scoring: bool = True) -> Query:
        clauses = self._text_clauses(request.query, scoring=scoring) + self._filter_clauses(request.filters)
        if scoring:  # a body the reader names ranks documents where it signs something higher
            clauses += [(Occur.Should, Query.const_score_query(
                Query.term_query(self.schema, "parties", facet_code(agency)), PARTY_BOOST))
                for agency in request.query.agencies]
        return Query.boolean_query(clauses)

    def _highlight_units(self, query: ParsedQuery) -> Wanted:
        """What snippets mark, group by group: an exact term as a whole (a phrase only where it
        occurs), each word of a loose term on its own. Excluded words are never highlighted."""
        groups = []
        for group in query.groups:
            alternatives = []
            for term in group:
                if term.exact:
                    units = {tuple(self._tokens(term))}
                else:
                    units = {tuple(self._tokens(Term((word,)))) for word in term.words}
                units.discard(())
                if units:
                    alternatives.append(frozenset(units))
            if alternatives:
                groups.append(tuple(alternatives))
        return tuple(groups)

    def search(self, request: SearchRequest) -> SearchResponse:
        searcher, snapshot = self._searcher()
        if request.query.is_empty:
            base = self._base_counts(searcher, snapshot, request.filters, needed=True)
            if base is not None:
                return self._browse(searcher, snapshot, request, base)
        # Facets are counted on another thread meanwhile: tantivy releases the GIL while it
        # counts, so on two cores a search costs about the slower of the two, not their sum.
        share = self._share_that_match(searcher, request.query)
        split = self._split_counting(searcher, request, share)
        counting = _counting_pool().submit(self._facet_counts, searcher, snapshot, request, share,
                                           COUNTED_APART if split else COUNTED_FACETS)
        total, hits = self._hits(searcher, request, self._query(request))
        parts = [self._facet_counts(searcher, snapshot, request, share, COUNTED_WITH_HITS)] if split else []
        parts.append(counting.result())
        counts = {kind: values for _, part in parts for kind, values in part.items()}
        if any(counted != total for counted, _ in parts):
            # kept counts of another snapshot (a commit raced the reload): count directly
            counts = self._counts(searcher, self._query(request, scoring=False))[1]
        return SearchResponse(query=request.text, total=total, page=request.page,
                              page_size=request.page_size, hits=hits,
                              facets=self._browse_rows(searcher, snapshot, request, counts))

    def _browse(self, searcher: tantivy.Searcher, snapshot: Snapshot | None, request: SearchRequest,
                base: tuple[int, FacetCounts]) -> SearchResponse:
        """Browsing without words, newest first. The total and facets are the filters' counts,
        kept for the snapshot; their months tell which recent months hold the documents this
        page needs, and only those are sorted by date (sorting the whole index took ~1.4 ms at
        100,000 documents, the search page's first view). Documents of earlier months all have
        earlier days, so the page is the same."""
        query = self._query(request)
        since = _window_start(base[1]["months"], request.page * request.page_size)
        if since is not None:
            query = Query.boolean_query([(Occur.Must, query),
                                         (Occur.Must, Query.const_score_query(self._days(since, None), 0.0))])
        _, hits = self._hits(searcher, request, query, count=False)
        return SearchResponse(query=request.text, total=base[0], page=request.page, page_size=request.page_size,
                              hits=hits, facets=self._browse_rows(searcher, snapshot, request, base[1]))

    def _hits(self, searcher: tantivy.Searcher, request: SearchRequest, query: Query, *,
              count: bool = True) -> tuple[int, list[Hit]]:
        """(documents matched, or 0 when not ``count``ed; the page's hits with their snippets)."""
        by_date = request.sort == "date" or request.query.is_empty
        result = searcher.search(query, request.page_size, count=count, offset=(request.page - 1) * request.page_size,
                                 order_by_field="day" if by_date else None)
        wanted = self._highlight_units(request.query)
        hits = []
        for score, address in result.hits:
            found = searcher.doc(address)
            stored = json.loads(found.get_first("stored"))
            snippet = stored_snippet(found.get_first("text"), wanted)
            hits.append(Hit(id=stored["id"], url=stored["url"], title=stored["title"].replace(WORD_JOINER, ""),
                            source=stored["source"], published_at=stored["published_at"],
                            snippet=render_snippet(snippet), score=0.0 if by_date else round(float(score), 3),
                            copies=int(stored["copies"])))
        return (result.count or 0) if count else 0, hits

    def _split_counting(self, searcher: tantivy.Searcher, request: SearchRequest, share: float) -> bool:
        """Whether to count agencies apart from the other facets, on the other core, once the
        hits are fetched. Worth it only when counting dominates: single words (no phrase
        positions for the hits thread to read, nor to read a third time) expected to leave many
        documents to count -- the matches, or on the complement path the documents that do not
        match, where the hits thread also walks over at least half the index, so twice as many.
        Not with filters: the estimate knows the words' frequency in the whole index only."""
        query = request.query
        if query.is_empty or request.filters != Filters() or any(
                len(self._tokens(term)) > 1 for group in query.groups for term in group):
            return False
        to_count = share if share <= 0.5 else 2 * (1 - share)
        return to_count * searcher.num_docs >= SPLIT_COUNTING_AT

    def _browse_rows(self, searcher: tantivy.Searcher, snapshot: Snapshot | None, request: SearchRequest,
                     counts: FacetCounts) -> dict[str, list[dict[str, Any]]]:
        """Facet rows; those of browsing without words (the search page's first view) are kept
        with the snapshot's counts: ordering thousands of agencies took ~1 ms of each visit."""
        if not request.query.is_empty or snapshot is None:
            return self._facet_rows(searcher, counts)
        key = (snapshot, request.filters)
        with self._base_lock:
            rows = self._rows_cache.get(key)
        if rows is None:
            rows = self._facet_rows(searcher, counts)
            self._keep(self._rows_cache, key, rows)
        return rows

    def _keep(self, cache: dict[tuple[Snapshot, Filters], Any], key: tuple[Snapshot, Filters], value: Any) -> None:
        """Keep a value computed for one snapshot; values of older snapshots are never asked for again."""
        with self._base_lock:
            if len(cache) >= BASE_CACHE_SIZE or any(k[0] != key[0] for k in cache):
                cache.clear()
            cache[key] = value

    def _facet_counts(self, searcher: tantivy.Searcher, snapshot: Snapshot | None,
                      request: SearchRequest, share: float, kinds: tuple[str, ...]) -> tuple[int, FacetCounts]:
        """(documents, counts of the facet ``kinds``) over every matching document.

        Counting reads each matching document's facet values, so its cost grows with the result
        set (a common word matches most of the index). The counts of the filters alone (the
        whole index for an unfiltered search) are kept per index snapshot; a search likely to
        match more than half of them (``share``, :meth:`_share_that_match`'s estimate) is counted
        as those counts minus the documents it does not match.
        """
        # (browsing without words is answered from these kept counts before this is called)
        base = self._base_counts(searcher, snapshot, request.filters, needed=False)
        if base is not None and share > 0.5:
            rest_query = Query.boolean_query([(Occur.Must, self._filter_query(request.filters)),
                                              (Occur.MustNot, Query.boolean_query(
                                                  self._text_clauses(request.query, scoring=False)))])
            rest_total, rest = self._counts(searcher, rest_query, kinds, every_value=True)
            return base[0] - rest_total, {kind: {key: n - rest[kind].get(key, 0) for key, n in base[1][kind].items()}
                                          for kind in kinds}
        return self._counts(searcher, self._query(request, scoring=False), kinds)

    def _share_that_match(self, searcher: tantivy.Searcher, query: ParsedQuery) -> float:
        """An estimate of the share of documents the words match, from their document
        frequencies, taking words as independent: a group matches the sum of its alternatives'
        shares, an alternative the product of its words' shares, the query the product of its
        groups'. Only the cost of counting facets depends on it, never the counts."""
        documents = max(searcher.num_docs, 1)

        def share(term: Term) -> float:
            product = 1.0
            for token in self._tokens(term):
                product *= min(1.0, (searcher.doc_freq("body", token) + searcher.doc_freq("title", token)) / documents)
            return product

        estimate = 1.0
        for group in query.groups:
            estimate *= min(1.0, sum(share(t) for t in essential(group)))
        return estimate

    def _filter_query(self, filters: Filters) -> Query:
        return Query.boolean_query([(Occur.Must, Query.all_query()), *self._filter_clauses(filters)])

    def _base_counts(self, searcher: tantivy.Searcher, snapshot: Snapshot | None, filters: Filters, *,
                     needed: bool) -> tuple[int, FacetCounts] | None:
        """(documents, counts) of the filters alone, kept for the snapshot; None when the
        snapshot is not known (a commit landed while the reader was reloading), or when the
        counts are not kept yet, not ``needed`` (they are the answer of an empty query), and the
        index is being written to: counting all documents to subtract some would then cost more
        than counting the matches, and the next commit would throw the counts away."""
        if snapshot is None:
            return None
        key = (snapshot, filters)
        with self._base_lock:
            found = self._base_cache.get(key)
            if self._first_seen[0] != snapshot:
                self._first_seen = (snapshot, time.monotonic())
            first_seen = self._first_seen[1]
        if found is None:
            if not needed and time.monotonic() - first_seen < BASE_AFTER_QUIET_SECONDS:
                return None
            found = self._counts(searcher, self._filter_query(filters), COUNTED_FACETS, every_value=True)
            self._keep(self._base_cache, key, found)
        return found

    def _counts(self, searcher: tantivy.Searcher, query: Query, kinds: tuple[str, ...] = COUNTED_FACETS, *,
                every_value: bool = False) -> tuple[int, FacetCounts]:
        """(documents, counts of each facet in ``kinds``) of a query's documents, in one pass.

        Each segment counts every value (``segment_size``), so the counts are exact, not
        estimates merged from per-segment top lists. Only counts that will be subtracted need
        ``every_value`` back; otherwise the most frequent (twice what a facet shows, so ties at
        its end are kept) are enough, and turning the 4,500 agency buckets into Python objects
        cost more than counting them (2.3 against 1.3 ms for 14,000 documents).
        """
        size = ALL_VALUES if every_value else 2 * FACET_LIMIT
        fields = {"sources": "source", "months": "month"}
        aggregations: dict[str, Any] = {
            kind: {"terms": {"field": fields.get(kind, kind), "size": ALL_VALUES if kind == "months" else size,
                             "segment_size": ALL_VALUES}}
            for kind in kinds}
        aggregations["documents"] = {"value_count": {"field": "hidden"}}
        result = searcher.aggregate(query, aggregations)
        counts: FacetCounts = {kind: {b["key"]: int(b["doc_count"]) for b in result[kind]["buckets"]} for kind in kinds}
        return int(result["documents"]["value"]), counts

    def _facet_rows(self, searcher: tantivy.Searcher, counts: FacetCounts) -> dict[str, list[dict[str, Any]]]:
        """Counts -> the response's facets: labels, most frequent first, at most FACET_LIMIT."""
        rows: dict[str, list[tuple[str, str, int]]] = {}
        for kind in CODED_FACETS:
            coded = _top({int(code): n for code, n in counts[kind].items() if n > 0})
            labels = self._labels(searcher, kind, coded)
            rows[kind] = [(*labels[code], n) for code, n in coded.items()]
        rows["sources"] = [(str(key), str(key), n) for key, n in counts["sources"].items() if n > 0]
        months = {_month(key): n for key, n in counts["months"].items() if n > 0}
        rows["months"] = [(m, m, n) for m, n in months.items()]
        years: dict[str, int] = {}
        for month, n in months.items():
            years[month[:4]] = years.get(month[:4], 0) + n
        rows["years"] = [(y, y, n) for y, n in years.items()]
        return {kind: facet_json(kind, sorted(rows[kind], key=lambda r: (-r[2], r[0]))[:FACET_LIMIT])
                for kind in FACET_KINDS}

    def _labels(self, searcher: tantivy.Searcher, kind: str, codes: Mapping[int, int]) -> dict[int, tuple[str, str]]:
        """(value, label) of each code: from the cache, else from a document that carries it."""
        found: dict[int, tuple[str, str]] = {}
        for code in codes:
            known = _FACET_LABELS.get((kind, code))
            if known is None:
                hits = searcher.search(Query.term_query(self.schema, kind, code), 1).hits
                if hits:
                    stored = json.loads(searcher.doc(hits[0][1]).get_first("stored"))
                    for value, label in stored["facets"][kind]:
                        _FACET_LABELS[(kind, facet_code(value))] = (value, label)
                known = _FACET_LABELS.get((kind, code), (str(code), str(code)))
            found[code] = known
        return found
