"""Wiring for the command line and the scheduler: open the store and index from settings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from config.settings import Settings
from indexer.backends import open_index
from indexer.base import IndexBackend
from indexer.ingest import Ingestor
from indexer.store import Store


def open_store(settings: Settings, *, create: bool = True) -> Store:
    return Store.open(settings.data_path, create=create)


class ClosingIngestor(Ingestor):
    def close(self) -> None:
        self.store.close()
        self.index.close()


def open_ingestor(settings: Settings, backend: str | None = None) -> ClosingIngestor:
    return ClosingIngestor(open_store(settings), open_index(settings, backend))


@contextmanager
def open_index_for_reading(settings: Settings) -> Iterator[IndexBackend]:
    """The configured index, after checking there is a store to search at all."""
    open_store(settings, create=False).close()
    index = open_index(settings)
    try:
        yield index
    finally:
        index.close()


def source_health(settings: Settings, today: str | None = None) -> Iterator[str]:
    """One line per source, configured or found in the store: its last crawl, documents, errors,
    and a warning when it has produced nothing new for ``source_stale_days`` days."""
    from datetime import date, timedelta

    store = open_store(settings)
    stale_before = (date.fromisoformat(today) if today else date.today()) - timedelta(days=settings.source_stale_days)
    try:
        docs = {name: (count, newest_stored) for name, count, newest_stored in store.db.execute(
            "SELECT source, count(*), max(stored_at) FROM documents GROUP BY source")}
        runs = {row[0]: row[1:] for row in store.db.execute(
            "SELECT source, max(finished_at), sum(pages), sum(errors), "
            " (SELECT last_error FROM crawl_runs r2 WHERE r2.source = r.source AND r2.last_error IS NOT NULL"
            "  ORDER BY id DESC LIMIT 1) FROM crawl_runs r GROUP BY source")}
        configured = {s.name: s for s in settings.sources}
        yield "source\tstate\tdocuments\tlast crawl\tpages\terrors\tnewest document stored\twarning"
        for name in list(configured) + sorted((set(docs) | set(runs)) - set(configured)):
            count, newest = docs.get(name, (0, None))
            last_crawl, pages, errors, last_error = runs.get(name, (None, 0, 0, None))
            source = configured.get(name)
            state = "not configured" if source is None else "enabled" if source.enabled else "disabled"
            warnings = []
            if last_crawl and (newest is None or newest[:10] < stale_before.isoformat()):
                warnings.append(f"nothing new for {settings.source_stale_days}+ days")
            if errors:
                warnings.append(f"last error: {last_error}" if last_error else "errors")
            yield (f"{name}\t{state}\t{count}\t{(last_crawl or 'never')[:19]}\t{pages or 0}\t{errors or 0}\t"
                   f"{(newest or '-')[:10]}\t{'; '.join(warnings) or '-'}")
    finally:
        store.close()
