"""The Elasticsearch backend against a fake cluster: a real HTTP server on 127.0.0.1 that the
real official client talks to.

The fake records every request and answers the way Elasticsearch 9 does (the
``X-Elastic-Product`` header the client insists on, compatible-with=9 content types, error
bodies, bulk per-item results), keeping just enough state -- indices, aliases, documents -- to
follow alias swaps and bulk writes. It does not evaluate queries: what a query finds is the
contract suite's job against a real cluster (``KHAO_TEST_ELASTICSEARCH_URL``). Here we check
what is sent, how answers are read, and what happens when the cluster is down or overloaded.
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from config.errors import BackendUnavailable
from indexer.base import FACET_KINDS, PARTY_BOOST
from indexer.elasticsearch import TEMPLATE_VERSION, ElasticsearchIndex, RetryPolicy
from indexer.embedded import EmbeddedIndex
from indexer.ingest import Ingestor
from indexer.query import Filters, ParsedQuery, SearchRequest, Term, build_request
from indexer.store import Store
from nlp.document import Document
from nlp.tokenize import WORD_JOINER, join_words

ZW = WORD_JOINER
V = TEMPLATE_VERSION
READ, WRITE, FIRST = "khao-documents", "khao-documents-write", f"khao-documents-v{V}-initial"
STAMPED = re.compile(rf"khao-documents-v{V}-\d{{8}}-\d{{6}}-\d{{6}}")

# -- the fake cluster ---------------------------------------------------------------------------


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: Any  # parsed JSON, a list of NDJSON lines for _bulk, or None


def _error(status: int, kind: str, reason: str) -> dict[str, Any]:
    return {"error": {"root_cause": [{"type": kind, "reason": reason}], "type": kind, "reason": reason},
            "status": status}


class FakeElasticsearch:
    """A single-node Elasticsearch 9 stand-in with scripted faults."""

    def __init__(self, port: int = 0) -> None:
        self.requests: list[Request] = []
        self.templates: dict[str, Any] = {}
        self.indices: dict[str, dict[str, Any]] = {}  # name -> {"aliases": set, "docs": dict, "settings": dict}
        # Scripted whole-request faults: (method regex, path regex, status) answered once each, in order.
        self.faults: list[tuple[str, str, int]] = []
        self.down_for: dict[str, int] = {}  # path regex -> status answered every time
        # One entry per bulk call: doc id -> (status, error type) for that call's items.
        self.item_failures: list[dict[str, tuple[int, str]]] = []
        self.search_responses: list[dict[str, Any]] = []
        self.product: str | None = "Elasticsearch"  # None: answer like some other server would
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are separate writes

            def log_message(self, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Encoding") == "gzip":
                    raw = gzip.decompress(raw)
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                params = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                if path.endswith("/_bulk"):
                    body: Any = [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
                else:
                    body = json.loads(raw) if raw else None
                request = Request(self.command, path, params, {k.lower(): v for k, v in self.headers.items()}, body)
                with fake.lock:
                    fake.requests.append(request)
                    status, answer = fake.answer(request)
                data = json.dumps(answer, ensure_ascii=False).encode("utf-8") if answer is not None else b""
                self.send_response(status)
                if fake.product:
                    self.send_header("X-Elastic-Product", fake.product)
                self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=9")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> "FakeElasticsearch":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- what tests look at -------------------------------------------------------------------

    def find(self, method: str, path: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and re.fullmatch(path, r.path)]

    def only(self, method: str, path: str) -> Request:
        found = self.find(method, path)
        assert len(found) == 1, (method, path, [(r.method, r.path) for r in self.requests])
        return found[0]

    def bulks(self) -> list[Request]:
        return [r for r in self.requests if r.path.endswith("/_bulk")]

    def targets(self, alias: str) -> list[str]:
        return sorted(name for name, ix in self.indices.items() if alias in ix["aliases"])

    def docs(self, alias: str) -> dict[str, Any]:
        (name,) = self.targets(alias)
        return self.indices[name]["docs"]

    # -- the cluster's side -------------------------------------------------------------------

    def answer(self, r: Request) -> tuple[int, Any]:
        for i, (method, path, status) in enumerate(self.faults):
            if re.fullmatch(method, r.method) and re.search(path, r.path):
                del self.faults[i]
                return status, _error(status, "es_rejected_execution_exception" if status == 429
                                      else "unavailable_shards_exception", "scripted fault")
        for path, status in self.down_for.items():
            if re.search(path, r.path):
                return status, _error(status, "unavailable_shards_exception", "[khao][0] primary shard is not active")
        p = r.path
        if p == "/" and r.method == "GET":
            return 200, {"name": "es01", "cluster_name": "docker-cluster", "cluster_uuid": "k4XnK9vXQ7S8l2q1Zb0aGw",
                         "version": {"number": "9.5.2", "build_flavor": "default", "build_type": "docker",
                                     "build_hash": "0" * 40, "build_date": "2025-11-01T00:00:00.000Z",
                                     "build_snapshot": False, "lucene_version": "10.3.1",
                                     "minimum_wire_compatibility_version": "8.19.0",
                                     "minimum_index_compatibility_version": "8.0.0"},
                         "tagline": "You Know, for Search"}
        if m := re.fullmatch(r"/_index_template/([^/]+)", p):
            if r.method == "PUT":
                self.templates[m[1]] = r.body
                return 200, {"acknowledged": True}
            if r.method == "DELETE":
                if self.templates.pop(m[1], None) is None:
                    return 404, _error(404, "resource_not_found_exception", f"index_template [{m[1]}] missing")
                return 200, {"acknowledged": True}
        if m := re.fullmatch(r"/_alias/([^/]+)", p):
            found = {n: {"aliases": {m[1]: {}}} for n in self.targets(m[1])}
            return (200, found) if found else (404, {"error": f"alias [{m[1]}] missing", "status": 404})
        if m := re.fullmatch(r"/([^/_][^/]*)/_alias", p):
            return 200, {n: {"aliases": {a: {} for a in ix["aliases"]}} for n, ix in self.indices.items()
                         if fnmatch.fnmatch(n, m[1])}
        if p == "/_aliases" and r.method == "POST":
            return self._aliases(r.body["actions"])
        if m := re.fullmatch(r"/([^/_][^/]*)/_settings", p):
            self.indices[m[1]]["settings"].update(r.body.get("settings", r.body))
            return 200, {"acknowledged": True}
        if m := re.fullmatch(r"/([^/_][^/]*)/_refresh", p):
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if m := re.fullmatch(r"/([^/_][^/]*)/_bulk", p):
            return self._bulk(m[1], r)
        if m := re.fullmatch(r"/([^/_][^/]*)/_count", p):
            names = self._resolve(m[1])
            if not names:
                return 404, _error(404, "index_not_found_exception", f"no such index [{m[1]}]")
            return 200, {"count": sum(len(self.indices[n]["docs"]) for n in names),
                         "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0}}
        if m := re.fullmatch(r"/([^/_][^/]*)/_search", p):
            if self.search_responses:
                return 200, self.search_responses.pop(0)
            return 200, {"took": 1, "timed_out": False,
                         "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
                         "hits": {"total": {"value": 0, "relation": "eq"}, "max_score": None, "hits": []},
                         "aggregations": {k: {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
                                              "buckets": []} for k in FACET_KINDS}}
        if m := re.fullmatch(r"/([^/_][^/]*)", p):
            if r.method == "PUT":
                if m[1] in self.indices:
                    return 400, _error(400, "resource_already_exists_exception",
                                       f"index [{m[1]}/abc] already exists")
                body = r.body or {}
                self.indices[m[1]] = {"aliases": set(body.get("aliases", {})), "docs": {},
                                      "settings": dict(body.get("settings", {}))}
                return 200, {"acknowledged": True, "shards_acknowledged": True, "index": m[1]}
            if r.method == "DELETE":
                for name in m[1].split(","):
                    self.indices.pop(name, None)
                return 200, {"acknowledged": True}
        return 400, _error(400, "illegal_argument_exception", f"fake: unhandled {r.method} {p}")

    def _resolve(self, target: str) -> list[str]:
        return [target] if target in self.indices else self.targets(target)

    def _aliases(self, actions: list[dict[str, Any]]) -> tuple[int, Any]:
        for action in actions:  # validate everything first: the real call is atomic
            ((_, spec),) = action.items()
            if spec["index"] not in self.indices:
                return 404, _error(404, "index_not_found_exception", f"no such index [{spec['index']}]")
        for action in actions:
            ((kind, spec),) = action.items()
            if kind == "add":
                self.indices[spec["index"]]["aliases"].add(spec["alias"])
            elif kind == "remove":
                self.indices[spec["index"]]["aliases"].discard(spec["alias"])
            elif kind == "remove_index":
                del self.indices[spec["index"]]
        return 200, {"acknowledged": True, "errors": False}

    def _bulk(self, target: str, r: Request) -> tuple[int, Any]:
        failures = self.item_failures.pop(0) if self.item_failures else {}
        names = self.targets(target)
        items, lines = [], iter(r.body)
        for action in lines:
            ((kind, meta),) = action.items()
            source = next(lines) if kind == "index" else None
            doc_id = meta["_id"]
            if r.params.get("require_alias") == "true" and not names:
                result = {"_index": target, "_id": doc_id, "status": 404, "error": {
                    "type": "index_not_found_exception",
                    "reason": f"no such index [{target}] and [require_alias] request flag is [true] "
                              f"and [{target}] is not an alias"}}
            elif doc_id in failures:
                status, kind_of_error = failures[doc_id]
                result = {"_index": names[0], "_id": doc_id, "status": status,
                          "error": {"type": kind_of_error, "reason": "scripted item failure"}}
            else:
                docs = self.indices[names[0]]["docs"]
                if kind == "index":
                    created = doc_id not in docs
                    docs[doc_id] = source
                    result = {"_index": names[0], "_id": doc_id, "_version": 1,
                              "result": "created" if created else "updated", "status": 201 if created else 200,
                              "_shards": {"total": 1, "successful": 1, "failed": 0}, "_seq_no": 0,
                              "_primary_term": 1}
                else:
                    found = docs.pop(doc_id, None) is not None
                    result = {"_index": names[0], "_id": doc_id, "_version": 2,
                              "result": "deleted" if found else "not_found", "status": 200 if found else 404,
                              "_shards": {"total": 1, "successful": 1, "failed": 0}}
            items.append({kind: result})
        return 200, {"errors": any(next(iter(i.values()))["status"] >= 300 and "error" in next(iter(i.values()))
                                   for i in items), "took": 3, "items": items}


# -- fixtures and documents ---------------------------------------------------------------------

NHSO = {"id": "nhso", "name": "สำนักงานหลักประกันสุขภาพแห่งชาติ", "aliases": ["สปสช."], "mentions": []}
BAAC = {"id": "baac", "name": "ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร", "aliases": ["ธ.ก.ส."], "mentions": []}
PHUKET = {"name": "ภูเก็ต", "name_en": "Phuket", "mentions": []}
REGION_11 = {"number": 11, "seat": "สุราษฎร์ธานี", "mentions": []}


def make_docs() -> list[Document]:
    return [
        Document(url="https://a.go.th/1", source="nhso-news", published_at="2024-05-20",
                 title="สปสช. ลงนาม MOU กับ ธ.ก.ส.", agencies=[NHSO, BAAC],
                 partnership={"is_partnership": True, "kind": "MOU", "parties": ["nhso", "baac"]},
                 text="สำนักงานหลักประกันสุขภาพแห่งชาติ ลงนามบันทึกข้อตกลงความร่วมมือกับ ธ.ก.ส."),
        Document(url="https://a.go.th/2", source="nhso-news", published_at="2017-03-01",
                 title="กองทุนหลักประกันสุขภาพ อบจ.ภูเก็ต", agencies=[NHSO], provinces=[PHUKET],
                 nhso_regions=[REGION_11], text="การดำเนินงานกองทุนหลักประกันสุขภาพในระดับท้องถิ่น จังหวัดภูเก็ต"),
        Document(url="https://b.go.th/3", source="thaigov", title="ผู้ป่วยติดเตียงได้รับการดูแลที่บ้าน",
                 text="สิทธิบัตรทอง ครอบคลุมการดูแลผู้ป่วยติดเตียง"),
    ]


FAST = RetryPolicy(max_attempts=3, initial_backoff=0.01, max_backoff=0.05, max_total_seconds=5)


@pytest.fixture
def es() -> Iterator[FakeElasticsearch]:
    with FakeElasticsearch() as server:
        yield server


def open_index(url: str, **kw: Any) -> ElasticsearchIndex:
    kw.setdefault("retry", FAST)
    return ElasticsearchIndex(url, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sent_search(es: FakeElasticsearch, request: SearchRequest) -> dict[str, Any]:
    index = open_index(es.url)
    index.search(request)
    return es.find("POST", f"/{READ}/_search")[-1].body


def phrase(text: str) -> dict[str, Any]:
    return {"multi_match": {"query": text, "type": "phrase", "fields": ["title^4", "body"]}}


COLLAPSE = {"exists": {"field": "duplicate_of"}}

# -- set-up: template, analyzer, aliases --------------------------------------------------------


def test_opening_the_backend_sends_nothing(es: FakeElasticsearch) -> None:
    open_index(es.url).close()
    assert es.requests == []


def test_template_analyzer_and_mapping(es: FakeElasticsearch) -> None:
    assert open_index(es.url).count() == 0
    put = es.only("PUT", f"/_index_template/khao-documents-v{V}")
    assert put.headers["x-elastic-client-meta"]  # the real client, not a hand-made request
    template = put.body
    assert template["index_patterns"] == [f"khao-documents-v{V}-*"]
    assert template["version"] == V and template["priority"] > 200
    settings = template["template"]["settings"]
    assert settings["number_of_shards"] == 1 and settings["max_result_window"] >= 100_000
    assert settings["analysis"] == {
        "tokenizer": {"khao_word_boundaries": {
            "type": "char_group", "tokenize_on_chars": ["whitespace", "punctuation", "symbol", "\\u200b"]}},
        "analyzer": {"khao_words": {"type": "custom", "tokenizer": "khao_word_boundaries", "filter": ["lowercase"]}},
    }
    mappings = template["template"]["mappings"]
    assert mappings["dynamic"] == "strict"
    props = mappings["properties"]
    assert props["title"] == {"type": "text", "analyzer": "khao_words"}
    assert props["body"] == {"type": "text", "analyzer": "khao_words", "index_options": "offsets"}
    assert props["text"] == {"type": "text", "index": False}
    assert props["published_at"]["type"] == "date"
    for name in ("id", "source", "agencies", "provinces", "nhso_regions", "parties", "duplicate_of", "year", "month"):
        assert props[name] == {"type": "keyword"}, name
    assert props["url"]["type"] == "keyword"
    assert props["partnership"] == {"type": "boolean"} and props["copies"] == {"type": "integer"}
    assert props["facet_labels"] == {"properties": {k: {"type": "keyword"} for k in
                                                    ("agencies", "provinces", "nhso_regions")}}


def test_first_use_creates_one_index_with_read_and_write_aliases(es: FakeElasticsearch) -> None:
    open_index(es.url).count()
    assert es.only("PUT", f"/{FIRST}").body == {"aliases": {READ: {}, WRITE: {}}}
    assert es.only("POST", f"/{READ}/_count")  # counts read through the read alias
    open_index(es.url).count()  # a second process finds the aliases and creates nothing
    assert len(es.find("PUT", f"/{FIRST}")) == 1 and list(es.indices) == [FIRST]


def test_two_processes_racing_on_an_empty_cluster_share_one_index(es: FakeElasticsearch) -> None:
    es.indices[FIRST] = {"aliases": set(), "docs": {}, "settings": {}}  # the other process created it
    open_index(es.url).count()
    assert es.targets(READ) == es.targets(WRITE) == [FIRST]
    assert es.only("POST", "/_aliases").body == {"actions": [{"add": {"index": FIRST, "alias": WRITE}},
                                                             {"add": {"index": FIRST, "alias": READ}}]}


# -- bulk writes ----------------------------------------------------------------------------------


def test_bulk_sends_index_actions_with_joined_text_and_keywords(es: FakeElasticsearch) -> None:
    docs = make_docs()
    docs[2].duplicate_of = docs[0].id
    open_index(es.url).add(docs, {docs[0].id: 2})
    (bulk,) = es.bulks()
    assert bulk.method == "PUT" and bulk.path == f"/{WRITE}/_bulk" and bulk.params["require_alias"] == "true"
    assert bulk.headers["content-type"].startswith("application/vnd.elasticsearch+x-ndjson")
    actions, sources = bulk.body[0::2], bulk.body[1::2]
    assert actions == [{"index": {"_id": d.id}} for d in docs]
    first, second, third = sources
    assert first["title"] == join_words(docs[0].title)
    assert first["body"] == join_words(docs[0].text) and ZW in first["body"]
    assert first["body"].replace(ZW, "") == docs[0].text
    assert first["text"] == docs[0].text
    assert {k: first[k] for k in ("id", "url", "source", "published_at", "year", "month", "agencies", "provinces",
                                  "nhso_regions", "partnership", "parties", "duplicate_of", "copies")} == {
        "id": docs[0].id, "url": "https://a.go.th/1", "source": "nhso-news", "published_at": "2024-05-20",
        "year": "2024", "month": "2024-05", "agencies": ["nhso", "baac"], "provinces": [], "nhso_regions": [],
        "partnership": True, "parties": ["nhso", "baac"], "duplicate_of": None, "copies": 2}
    assert first["facet_labels"]["agencies"] == ["nhso\x1fสำนักงานหลักประกันสุขภาพแห่งชาติ",
                                                 "baac\x1fธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร"]
    assert second["provinces"] == ["ภูเก็ต"] and second["facet_labels"]["provinces"] == ["ภูเก็ต\x1fPhuket"]
    assert second["nhso_regions"] == ["11"] and second["facet_labels"]["nhso_regions"] == ["11\x1fสุราษฎร์ธานี"]
    assert second["partnership"] is False and second["copies"] == 1
    assert third["duplicate_of"] == docs[0].id and third["published_at"] is None and third["year"] is None
    assert set(es.docs(READ)) == {d.id for d in docs}


def test_bulk_batches_are_bounded_by_count_and_bytes(es: FakeElasticsearch) -> None:
    docs = make_docs() + [Document(url=f"https://x.go.th/{i}", title="ข่าว", text="ข้อความ" * 50) for i in range(2)]
    open_index(es.url, batch_docs=2).add(docs)
    assert [len(b.body) // 2 for b in es.bulks()] == [2, 2, 1]
    es.requests.clear()
    open_index(es.url, batch_bytes=600).add(docs)  # every document is larger than 600/2 bytes
    assert [len(b.body) // 2 for b in es.bulks()] == [1, 1, 1, 1, 1]
    assert len(es.docs(READ)) == 5


def test_delete_sends_delete_actions_and_tolerates_missing_ids(es: FakeElasticsearch) -> None:
    index = open_index(es.url)
    docs = make_docs()
    index.add(docs)
    index.delete([docs[0].id, "0000000000000000"])
    assert es.bulks()[-1].body == [{"delete": {"_id": docs[0].id}}, {"delete": {"_id": "0000000000000000"}}]
    assert set(es.docs(READ)) == {docs[1].id, docs[2].id}


def test_a_429_is_retried_and_then_succeeds(es: FakeElasticsearch) -> None:
    es.faults.append(("PUT", r"/_bulk$", 429))
    docs = make_docs()
    open_index(es.url).add(docs)
    first, second = es.bulks()
    assert first.body == second.body
    assert set(es.docs(READ)) == {d.id for d in docs}


def test_only_the_items_refused_for_load_are_retried(es: FakeElasticsearch) -> None:
    docs = make_docs()
    es.item_failures.append({docs[1].id: (429, "es_rejected_execution_exception")})
    open_index(es.url).add(docs)
    first, second = es.bulks()
    assert len(first.body) == 6 and second.body[0] == {"index": {"_id": docs[1].id}} and len(second.body) == 2
    assert set(es.docs(READ)) == {d.id for d in docs}


def test_an_item_rejected_for_its_content_is_not_retried(es: FakeElasticsearch) -> None:
    docs = make_docs()
    es.item_failures.append({docs[1].id: (400, "document_parsing_exception")})
    with pytest.raises(BackendUnavailable, match=f"rejected document {docs[1].id}.*document_parsing_exception"):
        open_index(es.url).add(docs)
    assert len(es.bulks()) == 1


def test_persistent_503_gives_up_after_bounded_attempts(es: FakeElasticsearch) -> None:
    es.down_for[r"/_bulk$"] = 503
    with pytest.raises(BackendUnavailable, match="kept refusing bulk indexing .*3 attempts.*HTTP 503") as info:
        open_index(es.url).add(make_docs())
    assert "\n" not in str(info.value)
    assert len(es.bulks()) == 3


def test_retries_are_bounded_in_time_too(es: FakeElasticsearch) -> None:
    es.down_for[r"/_bulk$"] = 429
    patient = RetryPolicy(max_attempts=1000, initial_backoff=0.05, max_backoff=0.1, max_total_seconds=0.3)
    started = time.monotonic()
    with pytest.raises(BackendUnavailable, match="kept refusing"):
        open_index(es.url, retry=patient).add(make_docs())
    assert time.monotonic() - started < 2 and 2 <= len(es.bulks()) < 10


def test_persistent_503_keeps_documents_queued_in_the_store(es: FakeElasticsearch, tmp_path: Path) -> None:
    es.down_for[r"/_bulk$"] = 503
    store = Store.open(tmp_path)
    ingestor = Ingestor(store, open_index(es.url))
    for doc in make_docs():
        ingestor.ingest(doc, flush=False)
    assert ingestor.flush() == 0
    assert store.pending_count("elasticsearch") == 3 and store.count() == 3
    assert "kept refusing" in ingestor.counts.index_errors[0]
    del es.down_for[r"/_bulk$"]
    assert ingestor.flush() == 3 and store.pending_count("elasticsearch") == 0
    assert len(es.docs(READ)) == 3


def test_unreachable_cluster_keeps_documents_queued_until_it_returns(tmp_path: Path) -> None:
    port = free_port()
    index = open_index(f"http://127.0.0.1:{port}")
    for call in (lambda: index.add(make_docs()), index.count, lambda: index.search(build_request("หลักประกัน"))):
        with pytest.raises(BackendUnavailable, match=f"Elasticsearch at http://127.0.0.1:{port} is unavailable"):
            call()
    store = Store.open(tmp_path)
    ingestor = Ingestor(store, index)
    docs = make_docs()
    for doc in docs:
        ingestor.ingest(doc, flush=False)
    started = time.monotonic()
    assert ingestor.flush() == 0
    assert time.monotonic() - started < 5  # refused means down: no back-off loop blocking the crawl
    assert store.pending_count("elasticsearch") == 3
    assert all(store.get(d.id) is not None for d in docs)
    assert "unavailable" in ingestor.counts.index_errors[0]
    with FakeElasticsearch(port) as es:  # the cluster comes back
        assert ingestor.flush() == 3
        assert store.pending_count("elasticsearch") == 0 and set(es.docs(READ)) == {d.id for d in docs}


def test_a_server_that_is_not_elasticsearch_is_unavailable(es: FakeElasticsearch) -> None:
    es.product = None
    with pytest.raises(BackendUnavailable, match="not Elasticsearch"):
        open_index(es.url).count()


def test_refresh_mode_makes_writes_searchable_at_once(es: FakeElasticsearch) -> None:
    open_index(es.url, refresh=True).add(make_docs())
    assert es.bulks()[0].params["refresh"] == "true"
    open_index(es.url).add(make_docs())
    assert "refresh" not in es.bulks()[1].params


def test_search_and_count_on_an_unhealthy_cluster_are_unavailable(es: FakeElasticsearch) -> None:
    index = open_index(es.url)
    index.count()
    es.down_for[r"/_(search|count)$"] = 503
    with pytest.raises(BackendUnavailable, match="searching.*HTTP 503"):
        index.search(build_request("หลักประกัน"))
    with pytest.raises(BackendUnavailable, match="counting"):
        index.count()


# -- search requests ------------------------------------------------------------------------------


def test_words_are_phrases_that_must_all_match(es: FakeElasticsearch) -> None:
    body = sent_search(es, build_request("หลักประกัน ภูเก็ต"))
    assert body["query"] == {"bool": {"filter": [], "must_not": [COLLAPSE],
                                      "must": [phrase("หลักประกัน"), phrase("ภูเก็ต")]}}
    assert body["sort"][0] == "_score" and "track_scores" not in body
    assert body["track_total_hits"] is True and body["from"] == 0 and body["size"] == 10
    assert body["_source"] == ["id", "url", "title", "source", "published_at", "copies"]


def test_a_thai_compound_and_a_quoted_phrase_become_one_phrase(es: FakeElasticsearch) -> None:
    body = sent_search(es, build_request('"หลักประกันสุขภาพถ้วนหน้า"'))
    assert body["query"]["bool"]["must"] == [phrase("หลักประกัน สุขภาพ ถ้วนหน้า")]


def test_or_groups_and_exclusions(es: FakeElasticsearch) -> None:
    # Built by hand: how the parser expands words into their other names is tested elsewhere.
    query = ParsedQuery(groups=((Term(("บัตรทอง",)), Term(("ธ.ก.ส.",))),), excluded=(Term(("ภูเก็ต",)),))
    body = sent_search(es, SearchRequest(text="บัตรทอง OR ธ.ก.ส. -ภูเก็ต", query=query))
    assert body["query"]["bool"]["must"] == [
        {"bool": {"should": [phrase("บัตรทอง"), phrase("ธ.ก.ส.")], "minimum_should_match": 1}}]
    assert body["query"]["bool"]["must_not"] == [COLLAPSE, phrase("ภูเก็ต")]


def test_a_named_body_ranks_its_own_signings_higher_without_changing_what_matches(es: FakeElasticsearch) -> None:
    query = ParsedQuery(groups=((Term(("สปสช.",)),),), agencies=("nhso",))
    body = sent_search(es, SearchRequest(text="สปสช.", query=query))
    assert body["query"]["bool"]["must"] == [phrase("สปสช.")]  # matching as before
    assert body["query"]["bool"]["should"] == [
        {"constant_score": {"filter": {"term": {"parties": "nhso"}}, "boost": PARTY_BOOST}}]


@pytest.mark.parametrize("q", ['title:x OR "a', "*:* AND {x} ^2", "a) OR (b"])
def test_user_text_is_never_query_syntax(es: FakeElasticsearch, q: str) -> None:
    sent = json.dumps(sent_search(es, build_request(q)))
    assert "query_string" not in sent and "simple_query_string" not in sent


def test_filters_sort_paging_aggregations_and_highlight(es: FakeElasticsearch) -> None:
    filters = Filters(agencies=("nhso", "baac"), provinces=("ภูเก็ต",), regions=(11,), sources=("thaigov",),
                      partnership=True, date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))
    body = sent_search(es, SearchRequest(text="", query=ParsedQuery(), filters=filters, page=3, page_size=20))
    assert body["query"] == {"bool": {"must_not": [COLLAPSE], "filter": [
        {"term": {"agencies": "nhso"}}, {"term": {"agencies": "baac"}}, {"term": {"provinces": "ภูเก็ต"}},
        {"term": {"nhso_regions": "11"}}, {"term": {"source": "thaigov"}}, {"term": {"partnership": True}},
        {"range": {"published_at": {"gte": "2024-01-01||/d", "lte": "2024-12-31||/d"}}}]}}
    assert body["from"] == 40 and body["size"] == 20
    newest = {"published_at": {"order": "desc", "missing": "_last"}}
    # an empty query lists the newest first
    assert body["sort"] == [newest, "_score", {"id": "asc"}] and body["track_scores"] is True
    by_date = sent_search(es, build_request("หลักประกัน", sort="date"))
    assert by_date["sort"][0] == newest
    order = [{"_count": "desc"}, {"_key": "asc"}]
    assert body["aggs"] == {
        "agencies": {"terms": {"field": "facet_labels.agencies", "size": 50, "order": order}},
        "provinces": {"terms": {"field": "facet_labels.provinces", "size": 50, "order": order}},
        "nhso_regions": {"terms": {"field": "facet_labels.nhso_regions", "size": 50, "order": order}},
        "sources": {"terms": {"field": "source", "size": 50, "order": order}},
        "years": {"terms": {"field": "year", "size": 50, "order": order}},
        "months": {"terms": {"field": "month", "size": 50, "order": order}},
    }
    highlight = body["highlight"]
    assert highlight["encoder"] == "default"
    assert highlight["fields"]["body"]["pre_tags"] == ["\x02"] and highlight["fields"]["body"]["post_tags"] == ["\x03"]
    assert highlight["fields"]["body"]["number_of_fragments"] == 1 and highlight["fields"]["body"]["no_match_size"] > 0


# -- reading answers ------------------------------------------------------------------------------


def _buckets(*pairs: tuple[str, int]) -> dict[str, Any]:
    return {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0,
            "buckets": [{"key": k, "doc_count": n} for k, n in pairs]}


def test_hits_snippets_and_facets_are_read_into_the_common_shapes(es: FakeElasticsearch) -> None:
    es.search_responses.append({
        "took": 4, "timed_out": False, "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": 2, "relation": "eq"}, "max_score": 5.12345, "hits": [
            {"_index": FIRST, "_id": "a2", "_score": 5.12345,
             "_source": {"id": "a2", "url": "https://a.go.th/2", "title": f"กองทุน{ZW}หลักประกัน{ZW}สุขภาพ",
                         "source": "nhso-news", "published_at": "2017-03-01", "copies": 1},
             "highlight": {"body": [f"การ{ZW}ดำเนินงาน{ZW}กองทุน{ZW}\x02หลักประกัน\x03{ZW}\x02สุขภาพ\x03 "
                                    f"<{ZW}script{ZW}>{ZW}x{ZW}</{ZW}script{ZW}> & \"q\""]}},
            {"_index": FIRST, "_id": "b3", "_score": 1.5,
             "_source": {"id": "b3", "url": "https://b.go.th/3", "title": "ผู้ป่วย", "copies": 2}},
        ]},
        "aggregations": {
            "agencies": _buckets(("nhso\x1fสำนักงานหลักประกันสุขภาพแห่งชาติ", 2), ("baac\x1fธ.ก.ส.", 1)),
            "provinces": _buckets(("ภูเก็ต\x1fPhuket", 1)),
            "nhso_regions": _buckets(("11\x1fสุราษฎร์ธานี", 1)),
            "sources": _buckets(("nhso-news", 2), ("thaigov", 1)),
            "years": _buckets(("2024", 1), ("2017", 2)),
            "months": _buckets(("2017-03", 2), ("2024-05", 1)),
        },
    })
    result = open_index(es.url).search(build_request("หลักประกัน สุขภาพ")).to_json()
    assert result["total"] == 2 and result["page"] == 1 and result["query"] == "หลักประกัน สุขภาพ"
    first, second = result["hits"]
    assert first == {"id": "a2", "url": "https://a.go.th/2", "title": "กองทุนหลักประกันสุขภาพ", "source": "nhso-news",
                     "published_at": "2017-03-01", "score": 5.123, "copies": 1,
                     "snippet": "การดำเนินงานกองทุน<mark>หลักประกันสุขภาพ</mark> &lt;script&gt;x&lt;/script&gt;"
                                " &amp; \"q\""}
    assert second["source"] == "" and second["published_at"] is None and second["snippet"] == ""
    assert second["copies"] == 2
    assert result["facets"] == {
        "agencies": [{"id": "nhso", "name": "สำนักงานหลักประกันสุขภาพแห่งชาติ", "count": 2},
                     {"id": "baac", "name": "ธ.ก.ส.", "count": 1}],
        "provinces": [{"name": "ภูเก็ต", "name_en": "Phuket", "count": 1}],
        "nhso_regions": [{"number": 11, "seat": "สุราษฎร์ธานี", "count": 1}],
        "sources": [{"name": "nhso-news", "count": 2}, {"name": "thaigov", "count": 1}],
        "years": [{"value": "2017", "count": 2}, {"value": "2024", "count": 1}],
        "months": [{"value": "2017-03", "count": 2}, {"value": "2024-05", "count": 1}],
    }


def test_facet_shapes_match_the_embedded_backend(es: FakeElasticsearch, tmp_path: Path) -> None:
    """Index the same documents in both; feed the fake the buckets our own bulk body implies."""
    docs = make_docs()
    embedded = EmbeddedIndex(tmp_path)
    embedded.add(docs)
    expected = embedded.search(build_request("")).to_json()["facets"]
    embedded.close()
    index = open_index(es.url)
    index.add(docs)
    sources = list(es.docs(READ).values())
    aggregations = {}
    for kind, field in (("agencies", "facet_labels.agencies"), ("provinces", "facet_labels.provinces"),
                        ("nhso_regions", "facet_labels.nhso_regions"), ("sources", "source"), ("years", "year"),
                        ("months", "month")):
        counts: dict[str, int] = {}
        for src in sources:
            node: Any = src
            for part in field.split("."):
                node = node[part]
            for value in ([node] if isinstance(node, str) else node or []):
                counts[value] = counts.get(value, 0) + 1
        aggregations[kind] = _buckets(*sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    es.search_responses.append({"took": 1, "timed_out": False, "hits": {"total": {"value": 3, "relation": "eq"},
                                                                        "hits": []}, "aggregations": aggregations})
    assert index.search(build_request("")).to_json()["facets"] == expected


# -- rebuilds with aliases ------------------------------------------------------------------------


def _ingest(es: FakeElasticsearch, tmp_path: Path) -> tuple[Store, Ingestor, list[Document]]:
    store = Store.open(tmp_path)
    ingestor = Ingestor(store, open_index(es.url))
    docs = make_docs()
    for doc in docs:
        ingestor.ingest(doc, flush=False)
    assert ingestor.flush() == 3
    return store, ingestor, docs


def test_rebuild_fills_a_new_index_then_swaps_readers_in_one_call(es: FakeElasticsearch, tmp_path: Path) -> None:
    store, ingestor, docs = _ingest(es, tmp_path)
    es.requests.clear()
    assert ingestor.rebuild() == 3
    (create,) = [r for r in es.requests if r.method == "PUT" and STAMPED.fullmatch(r.path[1:])]
    new = create.path[1:]
    assert create.body == {"settings": {"refresh_interval": "-1"}}
    move_writes, swap_reads = es.find("POST", "/_aliases")
    assert move_writes.body["actions"] == [{"remove": {"index": FIRST, "alias": WRITE}},
                                           {"add": {"index": new, "alias": WRITE}}]
    assert swap_reads.body["actions"] == [{"add": {"index": new, "alias": READ}}, {"remove_index": {"index": FIRST}}]
    order = [(r.method, r.path) for r in es.requests]
    bulk = order.index(("PUT", f"/{WRITE}/_bulk"))
    assert order.index(("POST", "/_aliases")) < bulk < order.index(("PUT", f"/{new}/_settings"))
    assert order.index(("PUT", f"/{new}/_settings")) < order.index(("POST", f"/{new}/_refresh")) < len(order) - 1
    assert es.only("PUT", f"/{new}/_settings").body == {"refresh_interval": None}
    assert list(es.indices) == [new] and es.targets(READ) == es.targets(WRITE) == [new]
    assert set(es.docs(READ)) == {d.id for d in docs} and store.pending_count("elasticsearch") == 0


def test_a_rebuild_cut_short_leaves_readers_on_the_old_index(es: FakeElasticsearch, tmp_path: Path) -> None:
    store, ingestor, docs = _ingest(es, tmp_path)
    es.down_for[r"/_bulk$"] = 503
    assert ingestor.rebuild() == 0
    assert es.targets(READ) == [FIRST] and len(es.docs(READ)) == 3  # readers see the complete old index
    (unfinished,) = es.targets(WRITE)
    assert unfinished != FIRST and store.pending_count("elasticsearch") == 3
    del es.down_for[r"/_bulk$"]
    es.requests.clear()
    assert ingestor.rebuild() == 3  # the next rebuild drops the unfinished index in the same alias call
    (new,) = es.targets(READ)
    assert es.find("POST", "/_aliases")[0].body["actions"] == [{"add": {"index": new, "alias": WRITE}},
                                                               {"remove_index": {"index": unfinished}}]
    assert list(es.indices) == [new] and new not in (FIRST, unfinished)


def test_clear_replaces_everything_in_one_alias_call(es: FakeElasticsearch) -> None:
    index = open_index(es.url)
    index.add(make_docs())
    es.requests.clear()
    index.clear()
    (swap,) = es.find("POST", "/_aliases")
    (new,) = es.targets(READ)
    assert swap.body["actions"] == [{"add": {"index": new, "alias": READ}}, {"add": {"index": new, "alias": WRITE}},
                                    {"remove_index": {"index": FIRST}}]
    assert index.count() == 0 and list(es.indices) == [new]


def test_drop_deletes_only_this_prefix_by_name(es: FakeElasticsearch) -> None:
    open_index(es.url, prefix="khao-test-abc").count()
    open_index(es.url).count()
    open_index(es.url, prefix="khao-test-abc").drop()
    assert list(es.indices) == [FIRST] and list(es.templates) == [f"khao-documents-v{V}"]
    assert es.only("DELETE", f"/khao-test-abc-v{V}-initial")
