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


def source_health(settings: Settings) -> Iterator[str]:
    """One line per source, configured or found in the store: documents, newest date, last fetch."""
    store = open_store(settings)
    try:
        rows = {name: (count, newest, fetched) for name, count, newest, fetched in store.db.execute(
            "SELECT source, count(*), max(published_at), max(fetched_at) FROM documents GROUP BY source")}
        configured = {s.name: s for s in settings.sources}
        yield "source\tstate\tdocuments\tnewest\tlast fetched\tstart URLs"
        for name in list(configured) + sorted(set(rows) - set(configured)):
            count, newest, fetched = rows.get(name, (0, None, None))
            source = configured.get(name)
            state = "not configured" if source is None else "enabled" if source.enabled else "disabled"
            urls = ", ".join(source.start_urls) if source else "-"
            yield f"{name}\t{state}\t{count}\t{newest or '-'}\t{fetched or 'never'}\t{urls}"
    finally:
        store.close()
