"""The machinery every test site shares: one stdlib HTTP server per site, request counting,
conditional GET, slow and truncated answers, and the shape of the expected results.

Why one server per site: a crawler keys politeness, robots.txt and deduplication by host, so each
imitated site must be its own ``127.0.0.1:PORT`` origin, as the real ones are separate hosts.
"""

from __future__ import annotations

import collections
import datetime as dt
import email.utils
import gzip
import hashlib
import html
import re
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

from tests.sites.articles import Article, Attachment

FILES = Path(__file__).resolve().parent / "files"
BANGKOK = dt.timezone(dt.timedelta(hours=7), "Asia/Bangkok")

Query = Mapping[str, list[str]]


@dataclass
class Response:
    """What a site's router decides; the handler turns it into HTTP, including the faults."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"  # None: send no Content-Type at all
    headers: dict[str, str] = field(default_factory=dict)
    last_modified: dt.datetime | None = None  # set: send ETag + Last-Modified, answer 304 when unchanged
    delay: float = 0.0                         # seconds before answering (a slow page)
    truncate_at: int | None = None             # send only this many body bytes, then hang up
    gzip_ok: bool = False                      # compress when the client accepts gzip


def html_response(text: str, status: int = 200, **kwargs: Any) -> Response:
    return Response(status=status, body=text.encode("utf-8"), **kwargs)


def redirect(location: str, status: int = 301) -> Response:
    return Response(status=status, body=b"", content_type="text/html; charset=utf-8", headers={"Location": location})


def text_response(text: str, content_type: str) -> Response:
    return Response(body=text.encode("utf-8"), content_type=content_type)


def file_response(name: str, content_type: str, last_modified: dt.datetime) -> Response:
    return Response(body=(FILES / name).read_bytes(), content_type=content_type, last_modified=last_modified)


@dataclass(frozen=True)
class RequestRecord:
    """One request as the server saw it, for tests that need more than counts."""

    method: str
    path: str  # as sent: percent-encoded path plus query
    status: int
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None


def http_date(moment: dt.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(dt.timezone.utc), usegmt=True)


def morning(day: dt.date) -> dt.datetime:
    """The time a site stamps an article of that day (09:00 Bangkok): its Last-Modified and feed date."""
    return dt.datetime.combine(day, dt.time(9, 0), BANGKOK)


def key_phrases(paragraphs: Iterable[str], limit: int = 3) -> list[str]:
    """The longest space-free run of each paragraph (up to ``limit``).

    Thai separates phrases, not words, with spaces, so such a run is a distinctive piece of
    article text that survives any whitespace normalisation an extractor applies.
    """
    phrases = []
    for paragraph in paragraphs:
        runs = sorted(paragraph.split(), key=len, reverse=True)
        if runs and runs[0] not in phrases:
            phrases.append(runs[0])
    if len(phrases) > limit:  # keep the first and last paragraphs' runs: a cut body loses those first
        phrases = phrases[: limit - 1] + phrases[-1:]
    return phrases


def visible_text(page: str) -> str:
    """Rough text of an HTML page (tags dropped, entities decoded, whitespace collapsed).

    Only for checking the test data itself, e.g. that a boilerplate phrase really is on the page."""
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page).replace("\xa0", " ")).strip()


class TestSite:
    """One running imitation of a real site on 127.0.0.1.

    Subclasses say what the site serves (``route``) and what a correct crawl must find
    (``article_urls_expected``); this class runs the server and counts requests.
    """

    __test__ = False  # not a pytest test class, despite the name

    name: ClassVar[str] = ""
    server_header: ClassVar[str] = "Apache"
    #: Phrases of the site's chrome (menus, counters, footers ...): never part of any article text.
    boilerplate: ClassVar[tuple[str, ...]] = ()

    def __init__(self) -> None:
        self.url = ""  # "http://127.0.0.1:PORT" once started
        self.hits: collections.Counter[str] = collections.Counter()    # every request, by path+query
        self.served: collections.Counter[str] = collections.Counter()  # full 200 answers (not 304), by path+query
        self.log: list[RequestRecord] = []
        self.not_articles: list[str] = []      # full URLs that must not become documents
        self.aliases: dict[str, str] = {}      # other URL of an article -> its canonical URL
        self.copies: dict[str, str] = {}       # URL of a republished copy -> URL of the original
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- what subclasses provide --------------------------------------------------------------
    def route(self, path: str, query: Query, headers: Message) -> Response:
        """Answer a request; ``path`` is percent-decoded, ``query`` parsed."""
        raise NotImplementedError

    def start_paths(self) -> list[str]:
        """Where a crawler configured with nothing else starts."""
        return ["/"]

    def not_article_paths(self) -> list[str]:
        return []

    def alias_paths(self) -> dict[str, str]:
        return {}

    def expected_articles(self) -> list[dict[str, Any]]:
        """Every article a complete, correct crawl stores, with what its document must hold:

        ``url`` (canonical, full), ``title``, ``published_at`` (ISO date), ``must_contain``
        (phrases of the article text), ``must_not_contain`` (boilerplate of that very page),
        ``attachments`` ([{url, label, has_text, must_contain}]), ``copy_of`` (URL of the original
        when this is a republished copy, else None) and ``note`` (the hard case, for messages).
        """
        raise NotImplementedError

    # ---- shared ------------------------------------------------------------------------------
    def source(self) -> dict[str, Any]:
        """The minimal source config: a name and start URLs, nothing else."""
        return {"name": self.name, "start_urls": [self.url + path for path in self.start_paths()]}

    def article_urls(self) -> list[str]:
        return [article["url"] for article in self.expected_articles()]

    def expected(self, url_path: str, article: Article, *, title: str | None = None,
                 published: dt.date | None = None, extra_boilerplate: Iterable[str] = (),
                 copy_of: str | None = None, note: str = "") -> dict[str, Any]:
        """One entry of ``expected_articles`` for an article rendered by this site."""
        title = article.title if title is None else title
        must_not = list(dict.fromkeys((*self.boilerplate, *extra_boilerplate)))
        clashing = [phrase for phrase in must_not if phrase in article.text or phrase in title]
        if clashing:  # a data mistake: such a phrase could never tell boilerplate from article
            raise ValueError(f"{self.name} {article.key}: boilerplate phrases also in the article: {clashing}")
        return {
            "url": self.url + url_path,
            "title": title,
            "published_at": (published or article.published).isoformat(),
            "must_contain": key_phrases(article.paragraphs),
            "must_not_contain": must_not,
            "attachments": [self._attachment(a) for a in article.attachments],
            "copy_of": copy_of,
            "note": note,
        }

    def _attachment(self, attachment: Attachment) -> dict[str, Any]:
        return {"url": f"{self.url}/files/{attachment.file}", "label": attachment.label,
                "has_text": attachment.has_text, "must_contain": list(attachment.phrases)}

    def reset_counters(self) -> None:
        """Forget past requests, e.g. between a first and a second crawl."""
        with self._lock:
            self.hits.clear()
            self.served.clear()
            self.log.clear()

    def _record(self, record: RequestRecord, full_body: bool) -> None:
        with self._lock:
            self.hits[record.path] += 1
            if full_body:
                self.served[record.path] += 1
            self.log.append(record)

    # ---- lifecycle -----------------------------------------------------------------------------
    def start(self) -> None:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.not_articles = [self.url + path for path in self.not_article_paths()]
        self.aliases = {self.url + alias: self.url + target for alias, target in self.alias_paths().items()}
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"test-site-{self.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __repr__(self) -> str:
        return f"<TestSite {self.name} {self.url or '(stopped)'}>"


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha1(body).hexdigest()[:16] + '"'


def _not_modified(headers: Message, etag: str, last_modified: dt.datetime) -> bool:
    """RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = headers.get("If-Modified-Since")
    if if_modified_since:
        try:
            since = email.utils.parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.timezone.utc)
        return last_modified.replace(microsecond=0) <= since
    return False


def _handler_for(site: TestSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive and Content-Length, as real servers

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def version_string(self) -> str:
            return site.server_header  # "Server: nginx", as the imitated site says

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # quiet: tests read site.hits and site.log instead

        def _answer(self, send_body: bool) -> None:
            split = urlsplit(self.path)
            query = parse_qs(split.query, keep_blank_values=True)
            try:
                response = site.route(unquote(split.path), query, self.headers)
            except Exception as error:  # a bug in a test site must show, not hang the crawler
                response = Response(status=500, body=f"test site error: {error!r}".encode(),
                                    content_type="text/plain; charset=utf-8")
            if response.delay:
                time.sleep(response.delay)

            body, headers, status = response.body, dict(response.headers), response.status
            if response.last_modified is not None and status == 200:
                etag = _etag(body)
                headers["ETag"] = etag
                headers["Last-Modified"] = http_date(response.last_modified)
                if _not_modified(self.headers, etag, response.last_modified):
                    status, body = 304, b""
            if response.gzip_ok and body and "gzip" in (self.headers.get("Accept-Encoding") or ""):
                body = gzip.compress(body, mtime=0)
                headers["Content-Encoding"] = "gzip"
                headers["Vary"] = "Accept-Encoding"

            site._record(RequestRecord(self.command, self.path, status, self.headers.get("If-None-Match"),
                                       self.headers.get("If-Modified-Since"), self.headers.get("User-Agent")),
                         full_body=status == 200)

            self.send_response(status)
            if response.content_type and status != 304:
                self.send_header("Content-Type", response.content_type)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))  # the full length, even when truncating
            if response.truncate_at is not None:
                self.send_header("Connection", "close")
            self.end_headers()
            if send_body and status != 304:
                self.wfile.write(body if response.truncate_at is None else body[: response.truncate_at])
            if response.truncate_at is not None:
                self.close_connection = True  # hang up short of Content-Length: the client sees data loss

    return Handler


def esc(text: str) -> str:
    """HTML-escape text for the sites' pages (attributes too)."""
    return html.escape(text, quote=True)


class ArticleListSite(TestSite):
    """A site serving a fixed tuple of articles, ``per_page`` to a listing page."""

    site_articles: tuple[Article, ...] = ()
    per_page = 1

    def __init__(self) -> None:
        super().__init__()
        self.articles: tuple[Article, ...] = self.site_articles
        self._by_key = {article.key: article for article in self.articles}

    def page_count(self) -> int:
        return -(-len(self.articles) // self.per_page)
