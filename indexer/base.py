"""The one index interface both backends implement, and the shapes they answer with.

A backend indexes :class:`Document` records and answers :class:`SearchRequest` with a
:class:`SearchResponse` whose JSON is DESIGN.md's search response. The contract tests in
``tests/test_index_contract.py`` run against every backend.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from indexer.query import SearchRequest
from nlp.document import Document
from nlp.tokenize import WORD_JOINER, join_words

FACET_KINDS = ("agencies", "provinces", "nhso_regions", "sources", "years", "months")
# Added to a document's score when a body the query names is a party to its signing
# (``ParsedQuery.agencies``); BM25 scores of a match run ~10-90. Ranking only, never matching.
PARTY_BOOST = 10.0
# Match markers a backend asks its engine to put around highlighted words: control characters
# cannot occur in normalised text, so they survive HTML escaping and cannot be forged by a page.
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"
_ADJACENT_MARKS = re.compile(f"{SNIPPET_CLOSE}([{WORD_JOINER} ]?){SNIPPET_OPEN}")


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
        """The response JSON. Not ``dataclasses.asdict``: its deep copy of every facet row cost
        ~1.3 ms per search, a quarter of the latency budget; the rows are plain dicts already."""
        return {"query": self.query, "total": self.total, "page": self.page, "page_size": self.page_size,
                "hits": [dict(vars(hit)) for hit in self.hits],
                "facets": {kind: [dict(row) for row in rows] for kind, rows in self.facets.items()}}


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


def party_ids(doc: Document) -> list[str]:
    """The gazetteer ids of a document's partnership parties (stored as ids, or as entity dicts)."""
    return [p if isinstance(p, str) else p.get("id", "") for p in doc.partnership.get("parties", [])]


def segmented_text(doc: Document, engine: str) -> tuple[str, str]:
    """(title, text) with U+200B between words, as every backend indexes them.

    The NLP stage (or a benchmark) may already have segmented a document and left the result
    on it as ``doc.segmented = {"title": ..., "text": ...}``; using it means segmenting once
    instead of once per backend, and lets the indexing rate be measured apart from NLP. It is a
    transient attribute (not stored), so a document read back from the store is segmented here.
    """
    given = getattr(doc, "segmented", None)
    if given:
        return given["title"], given["text"]
    return join_words(doc.title, engine), join_words(doc.text, engine)


def merge_adjacent_marks(raw: str) -> str:
    """Join highlights separated only by a word joiner or a space into one.

    Engines that highlight word by word (Elasticsearch's unified highlighter, tantivy's snippet
    generator) mark each word of a phrase on its own; FTS5 marks the phrase once. Merging keeps
    snippets alike whichever backend answered.
    """
    return _ADJACENT_MARKS.sub(r"\1", raw)


def render_snippet(raw: str) -> str:
    """Engine snippet text -> safe HTML: escaped, word joiners removed, matches in <mark>."""
    text = html.escape(raw.replace(WORD_JOINER, ""), quote=False)
    return text.replace(SNIPPET_OPEN, "<mark>").replace(SNIPPET_CLOSE, "</mark>").replace("\n", " ")


def facet_json(kind: str, rows: Iterable[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """The response JSON of one facet from (value, label, count) rows already in count order.

    One function for every backend, so the API's facet shapes cannot drift apart.
    """
    rows = list(rows)
    if kind == "agencies":
        return [{"id": v, "name": label, "count": n} for v, label, n in rows]
    if kind == "provinces":
        return [{"name": v, "name_en": label, "count": n} for v, label, n in rows]
    if kind == "nhso_regions":
        return [{"number": int(v), "seat": label, "count": n} for v, label, n in rows]
    if kind in ("years", "months"):
        return sorted(({"value": v, "count": n} for v, _, n in rows), key=lambda x: x["value"])
    return [{"name": v, "count": n} for v, _, n in rows]


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

    def start_rebuild(self) -> None:
        """Begin a rebuild from the store: later writes go to a fresh, empty index.

        Readers keep seeing the current index until :meth:`finish_rebuild`, where a backend can
        do so (Elasticsearch aliases); the embedded index simply starts empty.
        """

    def finish_rebuild(self) -> None:
        """Make the rebuilt index the one readers see, atomically, and drop the old one.

        Called only when the rebuild indexed everything; otherwise readers stay on the old index.
        """

    def close(self) -> None: ...
