"""The one place an index backend is chosen from settings.

``embedded`` is the zero-set-up default and names whichever embedded engine won the measurement
in ``bench/search_bench.py`` (:data:`EMBEDDED_DEFAULT`); the engines can also be named directly.
"""

from __future__ import annotations

from config.errors import ConfigError
from config.settings import Settings
from indexer.base import IndexBackend

# Measured at 100,000 real articles through the API (bench/search_bench.py --summary): tantivy
# p50 9-15 ms / p95 22-35 ms against FTS5's 186 / 1,357 ms, indexing 2,300-2,900 against 1,560
# documents/s, 554 MB against 1,417 MB.
EMBEDDED_DEFAULT = "tantivy"
BACKENDS = ("embedded", "tantivy", "fts5", "elasticsearch")


def open_index(settings: Settings, name: str | None = None) -> IndexBackend:
    """Open the configured (or named) backend. Heavy clients are imported only when chosen."""
    name = name or settings.index_backend
    if name == "embedded":
        name = EMBEDDED_DEFAULT
    if name == "tantivy":
        from indexer.tantivy_index import TantivyIndex

        return TantivyIndex(settings.data_path, engine=settings.tokenizer_engine)
    if name == "fts5":
        from indexer.embedded import EmbeddedIndex

        return EmbeddedIndex(settings.data_path, engine=settings.tokenizer_engine)
    if name == "elasticsearch":
        from indexer.elasticsearch import ElasticsearchIndex

        return ElasticsearchIndex(settings.elasticsearch_url, engine=settings.tokenizer_engine)
    raise ConfigError(f"unknown index backend {name!r}; choose one of {', '.join(BACKENDS)}")
