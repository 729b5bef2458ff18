"""The Elasticsearch index backend, through the official ``elasticsearch`` client.

For deployments that outgrow one machine. It passes the same contract tests as the embedded
index, so it must find the same documents for the same query:

* Thai text is segmented by Khao's own segmenter and indexed as the U+200B-joined output of
  :func:`nlp.tokenize.join_words`; the analyzer's ``char_group`` tokenizer splits on U+200B,
  whitespace, punctuation and symbols -- the separators FTS5's ``unicode61`` uses in the embedded
  index -- and lowercases. Neither the JVM's ``thai`` tokenizer nor ICU is involved, so index and
  query agree with the embedded backend (THAI-SEARCH-NOTES.md). Splitting on punctuation is what
  makes ``สปสช.`` the token ``สปสช`` and ``ธ.ก.ส.`` the phrase ``ธ ก ส`` on both sides.
* Documents live in concrete indices ``<prefix>-v<N>-<stamp>`` created from a versioned index
  template; readers use the ``<prefix>`` alias and writers the ``<prefix>-write`` alias. A
  rebuild fills a new index through the write alias while readers stay on the old one, then one
  ``_aliases`` call swaps the read alias and deletes the old index: zero downtime.
* Bulk writes go in batches bounded by count and bytes; 429/502/503/504 (for the whole request
  or for single items) are retried with exponential back-off, bounded in attempts and time.
  An unreachable or persistently refusing cluster raises :class:`BackendUnavailable`, so the
  :class:`indexer.ingest.Ingestor` keeps the documents queued in the store's outbox.
* Queries arrive as :class:`Term` lists and become ``multi_match`` phrase queries: no user text
  is ever query-string syntax.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from elasticsearch import ApiError, ConnectionTimeout, Elasticsearch, TransportError

from config.errors import BackendUnavailable, ConfigError
from indexer.base import (
    FACET_KINDS,
    PARTY_BOOST,
    SNIPPET_CLOSE,
    SNIPPET_OPEN,
    Hit,
    SearchResponse,
    facet_json,
    facet_values,
    party_ids,
    merge_adjacent_marks,
    render_snippet,
    segmented_text,
)
from indexer.query import Filters, ParsedQuery, SearchRequest, Term
from nlp.document import Document
from nlp.tokenize import WORD_JOINER

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "khao-documents"
# Bump when the template's settings or mappings change, or the words Khao segments text into
# (nlp.tokenize.TEXT_PATH_VERSION): a new version gets its own template and index pattern, and
# `khao reindex --backend elasticsearch` moves the aliases onto an index built from it.
# 2: "parties" field; text path 2.
TEMPLATE_VERSION = 2
ANALYZER = "khao_words"
RETRYABLE_STATUS = frozenset({429, 502, 503, 504})
FACET_LIMIT = 50
# Facets with a label (agency name, province English name, region seat) are aggregated over
# "value<US>label" keywords, so one terms aggregation yields both without a lookup.
LABEL_SEPARATOR = "\x1f"
LABELLED_FACETS = ("agencies", "provinces", "nhso_regions")
# Keyword field each facet kind is aggregated over; filters use the plain value fields.
FACET_FIELDS = {
    "agencies": "facet_labels.agencies",
    "provinces": "facet_labels.provinces",
    "nhso_regions": "facet_labels.nhso_regions",
    "sources": "source",
    "years": "year",
    "months": "month",
}
# Only what a hit shows: the bodies (joined and raw) stay on the cluster.
HIT_SOURCE = ["id", "url", "title", "source", "published_at", "copies"]
SNIPPET_CHARS = 160  # about the 28 words of the embedded index's snippets
EMPTY_QUERY_SNIPPET_CHARS = 220
_VALID_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_-]{0,150}$")


@dataclass(frozen=True)
class RetryPolicy:
    """How long bulk writes keep trying an overloaded cluster before the outbox takes over.

    The store's outbox is the long-term retry; these bounds only decide how long one flush may
    block a crawl or an ingest while the cluster sheds load.
    """

    max_attempts: int = 5
    initial_backoff: float = 0.5  # seconds before the first retry; doubles each time
    max_backoff: float = 30.0
    max_total_seconds: float = 120.0

    def delay(self, attempt: int) -> float:
        """Back-off before retry number ``attempt`` (1-based)."""
        return min(self.max_backoff, self.initial_backoff * 2 ** (attempt - 1))


@dataclass(frozen=True)
class _Operation:
    """One bulk action, already serialised, with the id it concerns (for per-item results)."""

    doc_id: str
    kind: str  # "index" or "delete"
    payload: bytes  # NDJSON lines, newline-terminated


def analysis_settings() -> dict[str, Any]:
    """The analyzer that reads Khao's pre-segmented text (see the module docstring)."""
    return {
        "tokenizer": {
            "khao_word_boundaries": {
                "type": "char_group",
                # "\\u200b" is parsed by Elasticsearch as the escaped character U+200B.
                "tokenize_on_chars": ["whitespace", "punctuation", "symbol", "\\u200b"],
            }
        },
        "analyzer": {ANALYZER: {"type": "custom", "tokenizer": "khao_word_boundaries", "filter": ["lowercase"]}},
    }


def mappings() -> dict[str, Any]:
    """Field mappings; ``strict`` so a field added in code without a template bump fails loudly."""
    keyword = {"type": "keyword"}
    return {
        "dynamic": "strict",
        "properties": {
            "id": keyword,
            "url": {"type": "keyword", "ignore_above": 2048},
            "source": keyword,
            "title": {"type": "text", "analyzer": ANALYZER},
            # offsets make highlighting long articles cheap (no re-analysis at search time)
            "body": {"type": "text", "analyzer": ANALYZER, "index_options": "offsets"},
            "text": {"type": "text", "index": False},  # the raw text, for readers of _source
            "published_at": {"type": "date", "format": "strict_date_optional_time", "ignore_malformed": True},
            "year": keyword,
            "month": keyword,
            "agencies": keyword,
            "provinces": keyword,
            "nhso_regions": keyword,
            "partnership": {"type": "boolean"},
            "parties": keyword,
            "duplicate_of": keyword,
            "copies": {"type": "integer"},
            "facet_labels": {"properties": {kind: keyword for kind in LABELLED_FACETS}},
        },
    }


def index_template(prefix: str, *, shards: int = 1) -> dict[str, Any]:
    """The body of the versioned index template every concrete index is created from."""
    return {
        "index_patterns": [f"{prefix}-v{TEMPLATE_VERSION}-*"],
        "priority": 500,  # above Elasticsearch's built-in templates (which use <= 200)
        "version": TEMPLATE_VERSION,
        "meta": {"description": "Khao documents: pre-segmented Thai text (U+200B between words)"},
        "template": {
            "settings": {
                "number_of_shards": shards,
                "auto_expand_replicas": "0-1",  # green on one node, one replica once there are two
                "max_result_window": 100_000,  # the API allows page 1000 of 100 hits
                "analysis": analysis_settings(),
            },
            "mappings": mappings(),
        },
    }


def _phrase(term: Term) -> dict[str, Any]:
    """A Term as a phrase over title (weighted as in the embedded bm25) and body."""
    return {"multi_match": {"query": " ".join(term.words), "type": "phrase", "fields": ["title^4", "body"]}}


def _match(term: Term) -> dict[str, Any]:
    """An exact Term is a phrase; a loose one needs each word, and the phrase only adds score."""
    if term.exact or len(term.words) == 1:
        return _phrase(term)
    return {"bool": {"must": [_phrase(Term((word,))) for word in term.words], "should": [_phrase(term)]}}


def _group(terms: Sequence[Term]) -> dict[str, Any]:
    if len(terms) == 1:
        return _match(terms[0])
    return {"bool": {"should": [_match(t) for t in terms], "minimum_should_match": 1}}


def _filters(filters: Filters) -> list[dict[str, Any]]:
    """Term and range filters; several values of one filter must all hold, as in the embedded index."""
    clauses: list[dict[str, Any]] = []
    for field_name, values in (("agencies", filters.agencies), ("provinces", filters.provinces),
                               ("nhso_regions", tuple(map(str, filters.regions))), ("source", filters.sources)):
        clauses += [{"term": {field_name: value}} for value in values]
    if filters.partnership is not None:
        clauses.append({"term": {"partnership": filters.partnership}})
    bounds: dict[str, str] = {}
    if filters.date_from:
        bounds["gte"] = f"{filters.date_from.isoformat()}||/d"
    if filters.date_to:
        bounds["lte"] = f"{filters.date_to.isoformat()}||/d"  # /d rounds up to the day's end
    if bounds:
        clauses.append({"range": {"published_at": bounds}})
    return clauses


def build_query(query: ParsedQuery, filters: Filters) -> dict[str, Any]:
    """The bool query for a parsed query. Copies (``duplicate_of`` set) are never hits."""
    must_not: list[dict[str, Any]] = [{"exists": {"field": "duplicate_of"}}]
    must: list[dict[str, Any]] = []
    if not query.is_empty:  # like the embedded index, exclusions alone select nothing away
        must = [_group(group) for group in query.groups]
        must_not += [_match(term) for term in query.excluded]
    boolean: dict[str, Any] = {"filter": _filters(filters), "must_not": must_not}
    if must:
        boolean["must"] = must
        if query.agencies:  # a named body's own signings rank higher (as in the embedded index)
            boolean["should"] = [{"constant_score": {"filter": {"term": {"parties": agency}}, "boost": PARTY_BOOST}}
                                 for agency in query.agencies]
    return {"bool": boolean}


def build_search(request: SearchRequest) -> dict[str, Any]:
    """The whole search request body (as keyword arguments of ``Elasticsearch.search``)."""
    by_date = request.sort == "date" or request.query.is_empty
    newest = {"published_at": {"order": "desc", "missing": "_last"}}
    body: dict[str, Any] = {
        "query": build_query(request.query, request.filters),
        "from_": (request.page - 1) * request.page_size,
        "size": request.page_size,
        "track_total_hits": True,
        "sort": [newest, "_score", {"id": "asc"}] if by_date else ["_score", newest, {"id": "asc"}],
        "source": HIT_SOURCE,
        "highlight": {
            "encoder": "default",  # escaping happens once, in render_snippet
            "fields": {"body": {
                "type": "unified",
                "pre_tags": [SNIPPET_OPEN],
                "post_tags": [SNIPPET_CLOSE],
                "fragment_size": SNIPPET_CHARS,
                "number_of_fragments": 1,
                "no_match_size": EMPTY_QUERY_SNIPPET_CHARS,
            }},
        },
        "aggs": {kind: {"terms": {"field": FACET_FIELDS[kind], "size": FACET_LIMIT,
                                  "order": [{"_count": "desc"}, {"_key": "asc"}]}} for kind in FACET_KINDS},
    }
    if by_date:
        body["track_scores"] = True
    return body


def _facet_rows(kind: str, buckets: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    """(value, label, count) rows in count order; labelled buckets are merged by value."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    for bucket in buckets:
        key = str(bucket["key"])
        value, _, label = key.partition(LABEL_SEPARATOR) if kind in LABELLED_FACETS else (key, "", key)
        counts[value] = counts.get(value, 0) + int(bucket["doc_count"])
        labels.setdefault(value, label)
    ordered = sorted(counts, key=lambda v: (-counts[v], v))[:FACET_LIMIT]
    return [(v, labels[v], counts[v]) for v in ordered]


def _snippet(hit: Mapping[str, Any]) -> str:
    fragments = hit.get("highlight", {}).get("body") or [""]
    return render_snippet(merge_adjacent_marks(fragments[0]))


def _hit(hit: Mapping[str, Any], *, scored: bool) -> Hit:
    """A response hit; the stored title is the joined text, and removing U+200B restores it."""
    src = hit["_source"]
    return Hit(id=src["id"], url=src["url"], title=src["title"].replace(WORD_JOINER, ""),
               source=src.get("source") or "", published_at=src.get("published_at"), snippet=_snippet(hit),
               score=round(hit.get("_score") or 0.0, 3) if scored else 0.0, copies=int(src.get("copies", 1)))


def _display_url(url: str) -> str:
    """The cluster address for messages, without any user:password in it."""
    parts = urlsplit(url)
    if not parts.hostname:
        return url
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def _reason(exc: Exception) -> str:
    """One line saying what the cluster (or the network) answered."""
    if isinstance(exc, ApiError):
        body = exc.body if isinstance(exc.body, dict) else {}
        error = body.get("error")
        detail = error.get("reason") if isinstance(error, dict) else error
        text = f"HTTP {exc.meta.status} {exc.message}" + (f": {detail}" if detail and detail != exc.message else "")
    elif isinstance(exc, TransportError):
        text = exc.message if isinstance(exc.message, str) else type(exc).__name__
    else:
        text = str(exc)
    return " ".join(text.split())


class ElasticsearchIndex:
    """Elasticsearch behind the :class:`indexer.base.IndexBackend` interface.

    Nothing is sent to the cluster until the first call, so opening the backend never fails
    because the cluster is down; the template and aliases are set up on first use.
    """

    name = "elasticsearch"

    def __init__(self, url: str, *, engine: str = "nlpo3", prefix: str = DEFAULT_PREFIX, shards: int = 1,
                 refresh: bool = False, request_timeout: float = 30.0, retry: RetryPolicy | None = None,
                 batch_docs: int = 500, batch_bytes: int = 8 * 1024 * 1024, http_compress: bool = True) -> None:
        """``refresh``: make every write visible to search before returning (tests; slow in bulk).

        A forced refresh rather than ``wait_for``, which would wait forever on a rebuild index
        (refreshes are off while it fills).
        """
        if not _VALID_PREFIX.match(prefix):
            raise ConfigError(f"Elasticsearch index prefix {prefix!r} must be lowercase letters, digits, - or _")
        self.url = url
        self.engine = engine
        self.prefix = prefix
        self.read_alias = prefix
        self.write_alias = f"{prefix}-write"
        self.template_name = f"{prefix}-v{TEMPLATE_VERSION}"
        # The first index has a fixed name, so two processes starting together on an empty
        # cluster create one index, not two that an alias would then span.
        self._first_index = f"{prefix}-v{TEMPLATE_VERSION}-initial"
        self.shards = shards
        self.refresh_writes = refresh
        self.retry = retry or RetryPolicy()
        self.batch_docs = max(1, batch_docs)
        self.batch_bytes = max(1, batch_bytes)
        self._where = _display_url(url)
        self._ready = False
        try:
            # Retries are ours (bounded, per item); the transport must not retry underneath.
            self._client = Elasticsearch(url, request_timeout=request_timeout, max_retries=0, retry_on_status=(),
                                         retry_on_timeout=False, http_compress=http_compress)
        except ValueError as exc:
            raise ConfigError(f"elasticsearch_url {url!r} is not usable: {exc}") from None

    def close(self) -> None:
        self._client.close()

    # -- set-up and aliases -----------------------------------------------------------------

    def _unavailable(self, doing: str, exc: Exception) -> BackendUnavailable:
        return BackendUnavailable(f"Elasticsearch at {self._where} is unavailable ({doing}): {_reason(exc)}")

    def _call(self, doing: str, fn: Callable[..., Any], /, **kwargs: Any) -> Any:
        """One request; any failure becomes a one-line BackendUnavailable."""
        try:
            return fn(**kwargs)
        except (ApiError, TransportError) as exc:
            if isinstance(exc, ApiError) and exc.meta.status == 404:
                self._ready = False  # an alias or index vanished: set up again next time
            raise self._unavailable(doing, exc) from None

    def _targets(self, alias: str) -> list[str]:
        """The concrete indices an alias points at ([] if the alias does not exist)."""
        response = self._call(f"reading alias {alias}", self._client.options(ignore_status=404).indices.get_alias,
                              name=alias)
        return sorted(k for k, v in response.body.items() if isinstance(v, dict) and "aliases" in v)

    def _new_index_name(self) -> str:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
        return f"{self.prefix}-v{TEMPLATE_VERSION}-{stamp}"

    def _ensure_ready(self) -> None:
        """Install the template and make sure both aliases exist (idempotent, race-tolerant)."""
        if self._ready:
            return
        self._call("installing the index template", self._client.indices.put_index_template,
                   name=self.template_name, **index_template(self.prefix, shards=self.shards))
        read, write = self._targets(self.read_alias), self._targets(self.write_alias)
        if not read and not write:
            try:
                self._client.indices.create(index=self._first_index,
                                            aliases={self.read_alias: {}, self.write_alias: {}})
                read = write = [self._first_index]
            except ApiError as exc:
                if exc.message != "resource_already_exists_exception":
                    raise self._unavailable("creating the index", exc) from None
                # Another process won the race (or the index lost its aliases): use what is there.
                read, write = self._targets(self.read_alias), self._targets(self.write_alias)
            except TransportError as exc:
                raise self._unavailable("creating the index", exc) from None
        home = (read or write or [self._first_index])[0]
        actions = [{"add": {"index": home, "alias": alias}}
                   for alias, targets in ((self.write_alias, write), (self.read_alias, read)) if not targets]
        if actions:
            self._call("creating the aliases", self._client.indices.update_aliases, actions=actions)
        self._ready = True

    def start_rebuild(self) -> None:
        """Point the write alias at a new, empty index; readers stay on the current one.

        An earlier rebuild that never finished (its index has the write alias but not the read
        alias) is dropped in the same atomic ``_aliases`` call: this rebuild re-sends everything.
        """
        self._ensure_ready()
        read, write = self._targets(self.read_alias), self._targets(self.write_alias)
        new = self._new_index_name()
        # No refreshes while filling: much faster bulk indexing; finish_rebuild turns them back on.
        self._call("creating the rebuild index", self._client.indices.create, index=new,
                   settings={"refresh_interval": "-1"})
        actions: list[dict[str, Any]] = [{"remove": {"index": i, "alias": self.write_alias}}
                                         for i in write if i in read]
        actions.append({"add": {"index": new, "alias": self.write_alias}})
        actions += [{"remove_index": {"index": i}} for i in write if i not in read]
        self._call("moving the write alias", self._client.indices.update_aliases, actions=actions)

    def finish_rebuild(self) -> None:
        """Atomically move the read alias to the rebuilt index and delete the old index."""
        self._ensure_ready()
        read, write = self._targets(self.read_alias), self._targets(self.write_alias)
        if len(write) != 1 or write == read:
            return  # no rebuild in progress
        new = write[0]
        self._call("enabling refresh", self._client.indices.put_settings, index=new,
                   settings={"refresh_interval": None})
        self._call("refreshing the rebuilt index", self._client.indices.refresh, index=new)
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.read_alias}}]
        actions += [{"remove_index": {"index": i}} for i in read if i != new]
        self._call("swapping the read alias", self._client.indices.update_aliases, actions=actions)

    def clear(self) -> None:
        """Replace every index of this prefix by one empty index, in one atomic alias change."""
        self._ensure_ready()
        old = sorted(set(self._targets(self.read_alias)) | set(self._targets(self.write_alias)))
        new = self._new_index_name()
        self._call("creating an empty index", self._client.indices.create, index=new)
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.read_alias}},
                                         {"add": {"index": new, "alias": self.write_alias}}]
        actions += [{"remove_index": {"index": i}} for i in old]
        self._call("replacing the index", self._client.indices.update_aliases, actions=actions)

    def drop(self) -> None:
        """Delete every index and the template of this prefix (tests; uninstalling).

        Indices are deleted by name: clusters refuse wildcard deletes by default
        (``action.destructive_requires_name``).
        """
        listed = self._call("listing indices", self._client.indices.get_alias, index=f"{self.prefix}-v*")
        ours = re.compile(rf"^{re.escape(self.prefix)}-v\d+-")
        names = sorted(name for name in listed.body if ours.match(name))
        if names:
            self._call("deleting indices", self._client.options(ignore_status=404).indices.delete,
                       index=",".join(names))
        self._call("deleting the template", self._client.options(ignore_status=404).indices.delete_index_template,
                   name=self.template_name)
        self._ready = False

    def refresh(self) -> None:
        """Make everything written so far visible to search now rather than within a second."""
        self._ensure_ready()
        self._call("refreshing", self._client.indices.refresh, index=self.write_alias)

    # -- writes ------------------------------------------------------------------------------

    def _document(self, doc: Document, copies: int) -> dict[str, Any]:
        """The indexed form of a document: joined text for search, keywords for filters and facets."""
        facets = {kind: dict(pairs) for kind, pairs in facet_values(doc).items()}  # one label per value
        title, body = segmented_text(doc, self.engine)
        return {
            "id": doc.id,
            "url": doc.url,
            "source": doc.source or None,
            "title": title,
            "body": body,
            "text": doc.text,
            "published_at": doc.published_at,
            "year": next(iter(facets["years"]), None),
            "month": next(iter(facets["months"]), None),
            "agencies": list(facets["agencies"]),
            "provinces": list(facets["provinces"]),
            "nhso_regions": list(facets["nhso_regions"]),
            "partnership": bool(doc.partnership.get("is_partnership")),
            "parties": party_ids(doc),
            "duplicate_of": doc.duplicate_of,
            "copies": copies,
            "facet_labels": {kind: [f"{v}{LABEL_SEPARATOR}{label}" for v, label in facets[kind].items()]
                             for kind in LABELLED_FACETS},
        }

    @staticmethod
    def _line(data: Mapping[str, Any]) -> bytes:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"

    def add(self, docs: Sequence[Document], copies: Mapping[str, int] | None = None) -> None:
        if not docs:
            return
        copies = copies or {}
        self._bulk([_Operation(d.id, "index", self._line({"index": {"_id": d.id}})
                               + self._line(self._document(d, copies.get(d.id, 1)))) for d in docs])

    def delete(self, doc_ids: Sequence[str]) -> None:
        if doc_ids:
            self._bulk([_Operation(i, "delete", self._line({"delete": {"_id": i}})) for i in doc_ids])

    def _batches(self, operations: Sequence[_Operation]) -> Iterator[list[_Operation]]:
        """Consecutive batches within both limits; a single oversized document goes alone."""
        batch: list[_Operation] = []
        size = 0
        for op in operations:
            if batch and (len(batch) >= self.batch_docs or size + len(op.payload) > self.batch_bytes):
                yield batch
                batch, size = [], 0
            batch.append(op)
            size += len(op.payload)
        if batch:
            yield batch

    def _bulk(self, operations: Sequence[_Operation]) -> None:
        self._ensure_ready()
        for batch in self._batches(operations):
            self._send(batch)

    def _send(self, batch: list[_Operation]) -> None:
        """Send one batch, retrying what the cluster refused for load; raise if it keeps refusing."""
        started = time.monotonic()
        pending = batch
        attempt = 0
        while True:
            attempt += 1
            try:
                response = self._client.bulk(operations=[op.payload for op in pending], index=self.write_alias,
                                             require_alias=True, refresh=True if self.refresh_writes else None)
                pending, why = self._refused_items(pending, response.body)
                if not pending:
                    return
            except ApiError as exc:
                if exc.meta.status not in RETRYABLE_STATUS:
                    raise self._unavailable("bulk indexing", exc) from None
                why = _reason(exc)
            except ConnectionTimeout as exc:  # may have been applied; re-sending is idempotent
                why = _reason(exc)
            except TransportError as exc:
                # Refused or unresolvable: the cluster is down, and the outbox waits better than we do.
                raise self._unavailable("bulk indexing", exc) from None
            delay = self.retry.delay(attempt)
            if attempt >= self.retry.max_attempts or time.monotonic() - started + delay > self.retry.max_total_seconds:
                raise BackendUnavailable(f"Elasticsearch at {self._where} kept refusing bulk indexing "
                                         f"({len(pending)} of {len(batch)} documents, {attempt} attempts): {why}")
            log.info("Elasticsearch refused %d documents (%s); retry %d in %.1fs", len(pending), why, attempt, delay)
            time.sleep(delay)

    def _refused_items(self, sent: list[_Operation], body: Mapping[str, Any]) -> tuple[list[_Operation], str]:
        """The operations to send again, from the bulk response's per-item results.

        Items refused for load are retried; any other failure would fail again, so it is raised
        (the documents stay queued, and the message names the document and the reason).
        """
        if not body.get("errors"):
            return [], ""
        retry: list[_Operation] = []
        why = ""
        for op, item in zip(sent, body.get("items", []), strict=True):
            result = next(iter(item.values()))
            status = int(result.get("status", 500))
            if status < 300 or (op.kind == "delete" and status == 404):
                continue
            error = result.get("error") or {}
            reason = f"{error.get('type', 'error')}: {error.get('reason', '')}".rstrip(": ")
            if status not in RETRYABLE_STATUS:
                if status == 404:
                    self._ready = False
                raise BackendUnavailable(f"Elasticsearch at {self._where} rejected document {op.doc_id} "
                                         f"(HTTP {status} {reason})")
            retry.append(op)
            why = f"HTTP {status} {reason}"
        return retry, why

    def count(self) -> int:
        self._ensure_ready()
        return int(self._call("counting", self._client.count, index=self.read_alias)["count"])

    # -- search ------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        self._ensure_ready()
        result = self._call("searching", self._client.search, index=self.read_alias, **build_search(request))
        hits = [_hit(hit, scored=not request.query.is_empty) for hit in result["hits"]["hits"]]
        aggregations = result.get("aggregations", {})
        facets = {kind: facet_json(kind, _facet_rows(kind, aggregations.get(kind, {}).get("buckets", [])))
                  for kind in FACET_KINDS}
        return SearchResponse(query=request.text, total=int(result["hits"]["total"]["value"]), page=request.page,
                              page_size=request.page_size, hits=hits, facets=facets)
