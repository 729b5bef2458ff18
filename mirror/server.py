"""HTTP server of the offline mirror: routing, encodings and status codes.

Stdlib only (``http.server``) so that the demo and the tests need nothing installed and start in
milliseconds. Each site answers the way its original does at the HTTP level too: nhso and
thaigov declare UTF-8 in the Content-Type header, the provincial site sends windows-874 bytes
with a bare ``text/html`` header and declares the charset only in a ``<meta>`` tag, so that a
crawler has to sniff the document to decode it.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from mirror import site
from mirror.data import find_article

Response = tuple[int, str, bytes, dict[str, str]]

HTML_UTF8 = "text/html; charset=utf-8"


def _html(status: int, text: str) -> Response:
    return status, HTML_UTF8, text.encode("utf-8"), {}


def _not_found() -> Response:
    return _html(404, site.not_found_page())


def _page_number(query: dict[str, list[str]], site_name: str) -> int | None:
    """The ?page=N of a listing, or None when it is malformed or out of range (then 404)."""
    raw = query.get("page", ["1"])[0]
    if not raw.isdigit():
        return None
    page = int(raw)
    return page if 1 <= page <= site.page_count(site_name) else None


def _int_id(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else None


def route(path: str, query: dict[str, list[str]], base_url: str) -> Response:
    """Map a request path to (status, content type, body bytes, extra headers)."""
    if path == "/":
        return _html(200, site.home_page())
    if path == "/robots.txt":
        return 200, "text/plain; charset=utf-8", site.ROBOTS_TXT.encode("utf-8"), {}
    for prefix, target in (("/nhso", "/nhso/news"), ("/thaigov", "/thaigov/news/contents/ministry"),
                           ("/localnews", "/localnews/index.php")):
        if path in (prefix, prefix + "/"):
            return 301, "text/plain; charset=utf-8", b"", {"Location": target}

    # nhso.go.th
    if path == "/nhso/news":
        page = _page_number(query, "nhso")
        return _html(200, site.nhso_listing(page)) if page else _not_found()
    if path.startswith("/nhso/news/"):
        article_id = _int_id(path.removeprefix("/nhso/news/"))
        article = find_article("nhso", article_id) if article_id is not None else None
        return _html(200, site.nhso_article(article)) if article else _not_found()
    if path == "/nhso/rss.xml":
        return 200, "application/rss+xml; charset=utf-8", site.nhso_rss(base_url).encode("utf-8"), {}

    # thaigov.go.th
    if path == "/thaigov/news/contents/ministry":
        page = _page_number(query, "thaigov")
        return _html(200, site.thaigov_listing(page)) if page else _not_found()
    if path.startswith("/thaigov/news/contents/details/"):
        article_id = _int_id(path.removeprefix("/thaigov/news/contents/details/"))
        article = find_article("thaigov", article_id) if article_id is not None else None
        return _html(200, site.thaigov_article(article)) if article else _not_found()

    # provincial site: windows-874 bytes, charset only in the <meta> tag
    if path == "/localnews/index.php":
        page = _page_number(query, "localnews")
        if not page:
            return _not_found()
        return 200, "text/html", site.local_listing(page).encode("cp874"), {}
    if path == "/localnews/news.php":
        article_id = _int_id(query.get("id", [""])[0])
        article = find_article("localnews", article_id) if article_id is not None else None
        if not article:
            return _not_found()
        return 200, "text/html", site.local_article(article).encode("cp874"), {}

    # everything else, attachments (PDFs) included for now
    return _not_found()


class MirrorHandler(BaseHTTPRequestHandler):
    """GET and HEAD only; POST (the comment form) gets 405 like a read-only archive."""

    server_version = "KhaoMirror/1.0"

    def _respond(self, send_body: bool) -> None:
        parts = urlsplit(self.path)
        host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
        try:
            status, ctype, body, extra = route(parts.path, parse_qs(parts.query), f"http://{host}")
        except Exception:  # a renderer bug must show up as a 500, not a dropped connection
            status, ctype, body, extra = 500, "text/plain; charset=utf-8", b"internal error", {}
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in extra.items():
            self.send_header(key, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def do_POST(self) -> None:  # noqa: N802
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silent: a crawl would otherwise print one stderr line per page into the demo."""


class MirrorServer:
    """The mirror on a ThreadingHTTPServer in a daemon thread; port 0 picks a free port."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "MirrorServer":
        """Bind and serve in the background; returns self so ``MirrorServer().start().url`` works."""
        if self._httpd is not None:
            return self
        httpd = ThreadingHTTPServer((self.host, self.port), MirrorHandler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self._thread = threading.Thread(target=httpd.serve_forever, name="khao-mirror", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; safe to call twice."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. ``http://127.0.0.1:43121``."""
        if self._httpd is None and self.port == 0:
            raise RuntimeError("MirrorServer.url is only known after start()")
        return f"http://{self.host}:{self.port}"

    def __enter__(self) -> "MirrorServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
