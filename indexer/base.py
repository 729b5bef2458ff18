"""The one index interface both backends implement, and the shapes they answer with.

A backend indexes :class:`Document` records and answers :class:`SearchRequest` with a
:class:`SearchResponse` whose JSON is DESIGN.md's search response. The contract tests in
``tests/test_index_contract.py`` run against every backend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from indexer.query import SearchRequest
from nlp.document import Document

FACET_KINDS = ("agencies", "provinces", "nhso_regions", "sources", "years", "months")


@dataclass
class Hit:
    id: str
    url: str
    title: str
    source: str
    published_at: str | None
    snippet: str
    score: float
    copies: int = 1


@dataclass
class SearchResponse:
    query: str
    total: int
    page: int
    page_size: int
    hits: list[Hit]
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def facet_values(doc: Document) -> dict[str, list[tuple[str, str]]]:
    """(value, label) pairs a document contributes to each facet; shared by every backend."""
    year = doc.published_at[:4] if doc.published_at else None
    month = doc.published_at[:7] if doc.published_at else None
    return {
        "agencies": [(a["id"], a.get("name", a["id"])) for a in doc.agencies],
        "provinces": [(p["name"], p.get("name_en", p["name"])) for p in doc.provinces],
        "nhso_regions": [(str(r["number"]), r.get("seat", "")) for r in doc.nhso_regions],
        "sources": [(doc.source, doc.source)] if doc.source else [],
        "years": [(year, year)] if year else [],
        "months": [(month, month)] if month else [],
    }


class IndexBackend(Protocol):
    """What every index backend offers. Writes are idempotent: adding a document again replaces it."""

    name: str

    def add(self, docs: Sequence[Document], copies: Mapping[str, int] | None = None) -> None:
        """Index or re-index documents (``copies``: how many stored copies each id stands for)."""

    def delete(self, doc_ids: Sequence[str]) -> None: ...

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def count(self) -> int: ...

    def clear(self) -> None:
        """Remove everything (before a rebuild from the store)."""

    def close(self) -> None: ...
