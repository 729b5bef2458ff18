"""The JSON API and the server-rendered search pages.

``GET /api/search`` answers DESIGN.md's search response; every bad parameter is a 400 with a
one-line ``{"error": ...}``, never a 500. Admin endpoints under ``/api/admin/`` need the bearer
token from settings and are refused outright when none is configured.
"""

from __future__ import annotations

import secrets
import threading
from typing import Annotated, Any

import orjson
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response

from config.errors import BackendUnavailable, KhaoError
from config.settings import Settings
from indexer.backends import open_index
from indexer.base import IndexBackend
from indexer.ingest import Ingestor
from indexer.query import build_request
from indexer.store import Store
from search_api import pages


class Connections(threading.local):
    """One store connection per worker thread (SQLite connections are not shared)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: Store | None = None

    def get_store(self) -> Store:
        if self.store is None:
            self.store = Store.open(self.settings.data_path)
        return self.store


class Indexes:
    """The index the API searches: one per process when its backend serves several threads at
    once (``thread_safe``; tantivy's readers do, and one shared index keeps one set of cached
    facet counts instead of a cold copy per worker thread), else one per thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.shared: IndexBackend | None = None
        self.lock = threading.Lock()
        self.per_thread = threading.local()

    def get(self) -> IndexBackend:
        if self.shared is not None:
            return self.shared
        index: IndexBackend | None = getattr(self.per_thread, "index", None)
        if index is None:
            with self.lock:
                if self.shared is not None:
                    return self.shared
                index = open_index(self.settings)
                if getattr(index, "thread_safe", False):
                    self.shared = index
                else:
                    self.per_thread.index = index
        return index


class FastJSONResponse(JSONResponse):
    """JSON encoded by orjson: a search response with its facet rows is ~20 kB, which the
    standard library encoder took ~0.25 ms to write and orjson ~0.03 ms (bench/search_bench.py
    measures every search through this path)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class AdminRefused(Exception):
    """Raised by the admin guard; answered with 401."""


def _as_bool(value: str | None) -> bool | None:
    if value is None or value == "":
        return None
    return value.lower() in ("1", "true", "yes", "on")


def create_app(settings: Settings) -> FastAPI:
    """The ASGI application for ``khao serve`` (and for tests, with an in-process client)."""
    app = FastAPI(title="Khao", version="0.1.0", description="Search Thai health-insurance news.")
    connections = Connections(settings)
    indexes = Indexes(settings)

    @app.exception_handler(KhaoError)
    async def khao_error(request: Request, exc: KhaoError) -> JSONResponse:
        status = 503 if isinstance(exc, BackendUnavailable) else 400
        return JSONResponse({"error": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return JSONResponse({"error": f"{where}: {first.get('msg', 'invalid value')}"}, status_code=400)

    def search_response(q: str, agency: list[str], province: list[str], region: list[str], source: list[str],
                        partnership: str | None, date_from: str | None, date_to: str | None, sort: str,
                        page: int, page_size: int) -> dict[str, Any]:
        request = build_request(q, sort=sort, page=page, page_size=page_size, engine=settings.tokenizer_engine,
                                agency=agency, province=province, region=region, source=source,
                                partnership=_as_bool(partnership), date_from=date_from, date_to=date_to)
        return indexes.get().search(request).to_json()

    @app.get("/api/search")
    async def api_search(q: str = "", agency: Annotated[list[str], Query()] = [],  # noqa: B006 -- FastAPI idiom
                   province: Annotated[list[str], Query()] = [], region: Annotated[list[str], Query()] = [],  # noqa: B006
                   source: Annotated[list[str], Query()] = [], partnership: str | None = None,  # noqa: B006
                   date_from: Annotated[str | None, Query(alias="from")] = None,
                   date_to: Annotated[str | None, Query(alias="to")] = None,
                   sort: str = "relevance", page: int = 1, page_size: int = 10) -> JSONResponse:
        # Answered on the event loop, not handed to a worker thread: the hand-off cost ~0.2 ms of
        # a 5 ms search in interleaved runs (bench/search_bench.py), and a search already uses
        # the second core for its facets, so worker threads bought no throughput on 2 cores
        # (4 clients: the same requests/s either way). The response is JSON-ready: answering
        # it directly skips FastAPI's recursive encoder (~1.7 ms for the facet rows).
        return FastJSONResponse(search_response(q, agency, province, region, source, partnership, date_from, date_to,
                                            sort, page, page_size))

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> JSONResponse:
        doc = connections.get_store().get(doc_id)
        if doc is None:
            return JSONResponse({"error": f"no document with id {doc_id!r}"}, status_code=404)
        return FastJSONResponse(doc.to_dict())

    @app.get("/api/health")
    def api_health() -> dict[str, Any]:
        store = connections.get_store()
        index = indexes.get()
        return {"documents": store.count(), "indexed": index.count(), "backend": index.name,
                "queued": store.pending_count(index.name)}

    def require_admin(authorization: Annotated[str | None, Header()] = None) -> None:
        token = settings.admin_token
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not token or not secrets.compare_digest(given.encode(), token.encode()):
            raise AdminRefused()

    @app.exception_handler(AdminRefused)
    async def admin_refused(request: Request, exc: AdminRefused) -> JSONResponse:
        message = ("admin endpoints are disabled: set KHAO_ADMIN_TOKEN" if not settings.admin_token
                   else "missing or wrong bearer token")
        return JSONResponse({"error": message}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/admin/reindex", dependencies=[Depends(require_admin)])
    def admin_reindex() -> dict[str, Any]:
        ingestor = Ingestor(connections.get_store(), indexes.get())
        done = ingestor.rebuild()
        return {"reindexed": done, "queued": ingestor.store.pending_count(ingestor.index.name)}

    @app.get("/", response_class=HTMLResponse)
    def search_page(q: str = "", agency: Annotated[list[str], Query()] = [],  # noqa: B006
                    province: Annotated[list[str], Query()] = [], region: Annotated[list[str], Query()] = [],  # noqa: B006
                    source: Annotated[list[str], Query()] = [], partnership: str | None = None,  # noqa: B006
                    date_from: Annotated[str | None, Query(alias="from")] = None,
                    date_to: Annotated[str | None, Query(alias="to")] = None,
                    sort: str = "relevance", page: int = 1) -> HTMLResponse:
        params = {"q": q, "agency": agency, "province": province, "region": region, "source": source,
                  "partnership": partnership, "from": date_from, "to": date_to, "sort": sort}
        try:
            result = search_response(q, agency, province, region, source, partnership, date_from, date_to, sort,
                                     page, 10)
            return HTMLResponse(pages.search_page(params, result))
        except KhaoError as exc:
            return HTMLResponse(pages.search_page(params, None, error=str(exc)), status_code=400)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(doc_id: str) -> Response:
        doc = connections.get_store().get(doc_id)
        if doc is None:
            return HTMLResponse(pages.not_found(doc_id), status_code=404)
        return HTMLResponse(pages.document_page(doc))

    return app
