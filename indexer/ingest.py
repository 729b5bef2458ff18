"""Store first, then index: the write path every way in shares.

A document is committed to the store together with an outbox entry for the index backend;
the index is then brought up to date from the outbox. If the index is down, the document
stays stored and queued, and the next :meth:`Ingestor.flush` (any later ingest, crawl or
``khao reindex``) indexes it. Nothing stored is lost because an index failed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from config.errors import BackendUnavailable
from indexer.base import IndexBackend
from indexer.store import Store, StoreResult
from nlp.document import Document

log = logging.getLogger(__name__)


@dataclass
class IngestCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    indexed: int = 0
    index_errors: list[str] = field(default_factory=list)


class Ingestor:
    """Writes documents to the store and keeps one index backend in step with it."""

    def __init__(self, store: Store, index: IndexBackend, *, batch_size: int = 200) -> None:
        self.store = store
        self.index = index
        self.batch_size = batch_size
        self.counts = IngestCounts()
        self.queued = 0  # queued since the last flush: no COUNT(*) on the outbox per document
        self._queue_all_if_index_lost()

    def _queue_all_if_index_lost(self) -> None:
        """An index that holds nothing while the store holds documents -- set aside by a Khao that
        segments words differently, or deleted -- gets every stored document queued, so the
        next flush (a crawl's, an ingest's) fills it without anyone running ``khao reindex``."""
        try:
            if self.index.count() == 0 and self.store.count() > self.store.pending_count(self.index.name):
                queued = self.store.queue_all(self.index.name)
                log.warning("the %s index is empty: %d stored documents queued to be indexed again",
                            self.index.name, queued)
        except BackendUnavailable:  # a down index is caught up through the outbox when it returns
            pass

    def ingest(self, doc: Document, *, flush: bool = True) -> StoreResult:
        result = self.store.upsert(doc, backends=(self.index.name,))
        setattr(self.counts, result.status, getattr(self.counts, result.status) + 1)
        if result.duplicate_of and result.status != "unchanged":
            self.counts.duplicates += 1
            # The first copy's "n copies" changed: re-index it too.
            self.store.requeue(self.index.name, [result.duplicate_of])
        if result.status != "unchanged":
            self.queued += 1
        if flush and self.queued >= self.batch_size:
            self.flush()
        return result

    def flush(self) -> int:
        """Index everything queued for this backend; returns how many were indexed."""
        self.queued = 0
        done = 0
        while True:
            ids = self.store.pending(self.index.name, self.batch_size)
            if not ids:
                return done
            docs = self.store.get_many(ids)
            # Documents without text (a scanned PDF) are stored and shown, but not searchable as empty.
            ready = [docs[i] for i in ids if i in docs and docs[i].text]
            copies = {d.id: self.store.copies(d.id) for d in ready}
            try:
                self.index.add(ready, copies)
                missing = [i for i in ids if i not in docs or not docs[i].text]
                if missing:
                    self.index.delete(missing)
            except BackendUnavailable as exc:
                self.store.mark_failed(self.index.name, ids, str(exc))
                self.counts.index_errors.append(str(exc))
                log.warning("index %s unavailable, %d documents stay queued: %s", self.index.name,
                            self.store.pending_count(self.index.name), exc)
                return done
            self.store.mark_indexed(self.index.name, ids)
            done += len(ids)
            self.counts.indexed += len(ids)

    def rebuild(self) -> int:
        """Fill a fresh index from the store (the system of record), then make it the live one.

        The swap happens only if every document was indexed: a rebuild cut short by a down
        index leaves readers on the old, complete index, and the rest stays queued.
        """
        self.index.start_rebuild()
        self.store.queue_all(self.index.name)
        done = self.flush()
        if self.store.pending_count(self.index.name) == 0:
            self.index.finish_rebuild()
        return done
