"""The one place an index backend is chosen from settings."""

from __future__ import annotations

from config.errors import ConfigError
from config.settings import Settings
from indexer.base import IndexBackend

BACKENDS = ("embedded", "elasticsearch")


def open_index(settings: Settings, name: str | None = None) -> IndexBackend:
    """Open the configured (or named) backend. Heavy clients are imported only when chosen."""
    name = name or settings.index_backend
    if name == "embedded":
        from indexer.embedded import EmbeddedIndex

        return EmbeddedIndex(settings.data_path, engine=settings.tokenizer_engine)
    if name == "elasticsearch":
        from indexer.elasticsearch import ElasticsearchIndex

        return ElasticsearchIndex(settings.elasticsearch_url, engine=settings.tokenizer_engine)
    raise ConfigError(f"unknown index backend {name!r}; choose one of {', '.join(BACKENDS)}")
