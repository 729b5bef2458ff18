"""A fast local news site for the crawl benchmark (bench/crawl_bench.py).

Usage:
    python bench/site_for_bench.py [--pages N] [--port P] [--server asyncio|threading]
    python bench/site_for_bench.py --load-test URL [--connections C] [--seconds S]

The first form pre-renders N article pages (default 2,000) plus listing pages into memory and
serves them on 127.0.0.1 (port 0 = any free port); it prints ``READY <port> <n_urls>`` on
stdout when it accepts connections. Articles are real Government House news texts from
``../shared/corpus/thaigov.jsonl.gz`` (read at start, never copied into the repo): the first N
clean ones in file order, so the site is the same on every run. Pages have a thaigov-like
structure -- top bar, menu, breadcrumb, ``<h1>``, the Thai long date line under it, a view
counter, body paragraphs, share links, a "ข่าวยอดนิยม"/"ข่าวล่าสุด" sidebar, a footer -- and
``/news?page=K`` listings of 20 headlines with teasers and a pager, which link every article.

``--server asyncio`` (default) is a bare ``asyncio.Protocol`` HTTP/1.1 server with keep-alive
that writes pre-built response bytes; ``--server threading`` is stdlib ``ThreadingHTTPServer``
serving the same bytes, for comparison. ``--load-test`` is a wrk-like client (raw asyncio
sockets, keep-alive, C connections) that fetches the site's URLs in a loop and reports
requests/s, to show that the server is not what limits a crawl.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import html
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "thaigov.jsonl.gz"
TITLE_PREFIX = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-"
DATE_LINE = re.compile(r"^วัน\S+ที่\s*\d{1,2}\s+\S+\s+25\d\d$")
JUNK_LINE = re.compile(r"[{};]\s*$|^\s*(var |function|\$\(|//|p\.p\d|span\.)|flowplayer|getElementById")
LISTING_SIZE = 20
ARTICLE_PATH = "/news/contents/details/{id}"


@dataclass(frozen=True)
class BenchArticle:
    id: int
    title: str
    date_line: str  # "วันเสาร์ที่ 18 เมษายน 2563", as the corpus (and thaigov.go.th) prints it
    paragraphs: tuple[str, ...]
    views: int

    @property
    def path(self) -> str:
        return ARTICLE_PATH.format(id=self.id)


def parse_corpus_text(text: str) -> tuple[str, str, list[str]] | None:
    """(title, Thai date line, body paragraphs) of one corpus text, or None if it is unusable."""
    lines = [ln.strip() for ln in text.split("\n")]
    if not lines or not lines[0].startswith(TITLE_PREFIX):
        return None
    title = lines[0].removeprefix(TITLE_PREFIX).strip()
    at = next((i for i, ln in enumerate(lines[:6]) if DATE_LINE.match(ln)), None)
    if at is None or len(title) < 10:
        return None
    body = [ln for ln in lines[at + 1:] if ln and ln != "พิมพ์"]
    if body and body[0] == title:
        body = body[1:]
    if any(JUNK_LINE.search(ln) for ln in body):
        return None  # pages whose text kept inline scripts or CSS: not what a page shows
    if sum(len(p) for p in body) < 400 or len(body) < 2:
        return None
    return title, lines[at], body


def load_articles(n: int, corpus: Path = CORPUS) -> list[BenchArticle]:
    """The first n clean articles of the corpus, in file order (reproducible)."""
    out: list[BenchArticle] = []
    rng = random.Random(20240520)
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            parsed = parse_corpus_text(record["text"])
            if parsed is None:
                continue
            title, date_line, body = parsed
            out.append(BenchArticle(id=100000 + len(out), title=title, date_line=date_line,
                                    paragraphs=tuple(body), views=rng.randint(50, 25000)))
            if len(out) >= n:
                break
    if len(out) < n:
        raise SystemExit(f"only {len(out)} usable articles in {corpus}")
    return out


# ----------------------------------------------------------------------------- rendering

def esc(text: str) -> str:
    return html.escape(text, quote=True)


HEAD = """<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{extra}<link rel="stylesheet" href="/static/css/main.css">
<script src="/static/js/jquery.min.js"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body id="top">
<div class="topbar"><span>ศูนย์บริการประชาชน สำนักปลัดสำนักนายกรัฐมนตรี สายด่วน 1111</span>
<span class="lang"><a href="/">TH</a> | <a href="/en">EN</a></span></div>
<header class="site-header">
<a class="logo" href="/">รัฐบาลไทย ทำเนียบรัฐบาล</a>
<nav class="main-menu"><ul>
<li><a href="/">หน้าแรก</a></li>
<li><a href="/news">ข่าวทำเนียบรัฐบาล</a></li>
<li><a href="/about">เกี่ยวกับรัฐบาล</a></li>
<li><a href="/policy">นโยบายรัฐบาล</a></li>
<li><a href="/cabinet">มติคณะรัฐมนตรี</a></li>
<li><a href="/contact">ติดต่อเรา</a></li>
</ul></nav>
<form class="search" action="/search" method="get"><input type="text" name="q" placeholder="ค้นหา"><button>ค้นหา</button></form>
</header>
"""

FOOTER = """<footer class="site-footer">
<div class="footer-address">สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี ทำเนียบรัฐบาล ถนนพิษณุโลก เขตดุสิต กรุงเทพมหานคร 10300
โทรศัพท์ 0 2288 4000</div>
<div class="footer-links"><a href="/sitemap">แผนผังเว็บไซต์</a> | <a href="/policy">นโยบายเว็บไซต์</a> |
<a href="/privacy">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></div>
<div class="copyright">สงวนลิขสิทธิ์ © 2568 สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี</div>
</footer>
</body>
</html>
"""

STATIC_PAGES = {
    "/about": ("เกี่ยวกับรัฐบาล", "รัฐบาลไทยบริหารราชการแผ่นดินตามรัฐธรรมนูญแห่งราชอาณาจักรไทย"),
    "/policy": ("นโยบายรัฐบาล", "นโยบายของคณะรัฐมนตรีที่แถลงต่อรัฐสภา"),
    "/cabinet": ("มติคณะรัฐมนตรี", "สรุปมติคณะรัฐมนตรีรายสัปดาห์"),
    "/contact": ("ติดต่อเรา", "ทำเนียบรัฐบาล ถนนพิษณุโลก เขตดุสิต กรุงเทพมหานคร 10300"),
    "/sitemap": ("แผนผังเว็บไซต์", "หน้าแรก ข่าวทำเนียบรัฐบาล เกี่ยวกับรัฐบาล นโยบายรัฐบาล"),
    "/privacy": ("นโยบายคุ้มครองข้อมูลส่วนบุคคล", "การเก็บรวบรวม ใช้ และเปิดเผยข้อมูลส่วนบุคคล"),
    "/en": ("Royal Thai Government", "News from Government House."),
}


def share_links(path: str) -> str:
    url = f"https%3A%2F%2Fwww.thaigov.go.th{path.replace('/', '%2F')}"
    return (f'<a class="share-fb" href="https://www.facebook.com/sharer/sharer.php?u={url}" rel="nofollow">Facebook</a> '
            f'<a class="share-x" href="https://twitter.com/intent/tweet?url={url}" rel="nofollow">X</a> '
            f'<a class="share-line" href="https://social-plugins.line.me/lineit/share?url={url}" rel="nofollow">LINE</a>')


def sidebar(popular: list[BenchArticle], latest: list[BenchArticle]) -> str:
    def items(arts: list[BenchArticle]) -> str:
        return "\n".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>' for a in arts)

    return ('<aside class="sidebar">\n<div class="widget popular"><h3>ข่าวยอดนิยม</h3>\n<ul>\n'
            f"{items(popular)}\n</ul></div>\n"
            f'<div class="widget latest"><h3>ข่าวล่าสุด</h3>\n<ul>\n{items(latest)}\n</ul></div>\n'
            '<div class="widget social"><a href="https://www.facebook.com/thaigov" rel="nofollow">Facebook</a> '
            '<a href="https://line.me/R/ti/p/@thaigov" rel="nofollow">LINE</a></div>\n</aside>\n')


def article_page(a: BenchArticle, popular: list[BenchArticle], latest: list[BenchArticle]) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
    extra = (f'<link rel="canonical" href="{a.path}">\n'
             f'<meta property="og:title" content="{esc(a.title)}">\n'
             '<meta property="og:site_name" content="รัฐบาลไทย">\n')
    return (HEAD.format(title=esc(f"{TITLE_PREFIX}{a.title}"), extra=extra)
            + '<div class="breadcrumb"><a href="/">หน้าแรก</a> &gt; <a href="/news">ข่าวทำเนียบรัฐบาล</a> &gt; '
            + f"<span>{esc(a.title)}</span></div>\n"
            + '<main class="container"><div class="col-main">\n<article class="news-detail">\n'
            + f'<h1 class="news-title">{esc(a.title)}</h1>\n'
            + f'<div class="news-date">{esc(a.date_line)}</div>\n'
            + f'<div class="news-views">จำนวนผู้เข้าชม {a.views:,} ครั้ง <a href="#" onclick="window.print()">พิมพ์</a></div>\n'
            + f'<div class="news-content">\n{body}\n</div>\n'
            + f'<div class="share">แชร์ข่าวนี้: {share_links(a.path)}</div>\n'
            + '<div class="back-top"><a href="/news">กลับ</a> | <a href="#top">ขึ้นบน</a></div>\n'
            + "</article>\n</div>\n" + sidebar(popular, latest) + "</main>\n" + FOOTER)


def listing_href(page: int) -> str:
    return "/news" if page == 1 else f"/news?page={page}"


def listing_page(page: int, total: int, items: list[BenchArticle], latest: list[BenchArticle]) -> str:
    cards = []
    for a in items:
        teaser = a.paragraphs[0][:160].rstrip() + "..."
        cards.append(f'<div class="news-card">\n<a class="news-card-title" href="{a.path}">{esc(a.title)}</a>\n'
                     f'<div class="news-card-date">{esc(a.date_line)}</div>\n'
                     f'<p class="news-card-teaser">{esc(teaser)}</p>\n'
                     f'<a class="more" href="{a.path}">อ่านต่อ</a>\n</div>')
    pager = ['<nav class="pagination">']
    if page > 1:
        pager.append(f'<a class="first" href="/news">&laquo; หน้าแรก</a>')
        pager.append(f'<a class="prev" rel="prev" href="{listing_href(page - 1)}">ก่อนหน้า</a>')
    for n in range(max(1, page - 5), min(total, page + 5) + 1):
        cls = ' class="active"' if n == page else ""
        pager.append(f'<a{cls} href="{listing_href(n)}">{n}</a>')
    if page < total:
        pager.append(f'<a class="next" rel="next" href="{listing_href(page + 1)}">ถัดไป</a>')
        pager.append(f'<a class="last" href="{listing_href(total)}">หน้าสุดท้าย &raquo;</a>')
    pager.append("</nav>")
    return (HEAD.format(title=esc(f"ข่าวทำเนียบรัฐบาล หน้า {page} | รัฐบาลไทย"), extra="")
            + '<div class="breadcrumb"><a href="/">หน้าแรก</a> &gt; <span>ข่าวทำเนียบรัฐบาล</span></div>\n'
            + '<main class="container"><div class="col-main">\n<h1 class="page-title">ข่าวทำเนียบรัฐบาล</h1>\n'
            + "\n".join(cards) + "\n" + " ".join(pager) + "\n</div>\n"
            + sidebar([], latest) + "</main>\n" + FOOTER)


def static_page(title: str, text: str, latest: list[BenchArticle]) -> str:
    return (HEAD.format(title=esc(f"{title} | รัฐบาลไทย"), extra="")
            + f'<main class="container"><div class="col-main">\n<h1>{esc(title)}</h1>\n<p>{esc(text)}</p>\n</div>\n'
            + sidebar([], latest) + "</main>\n" + FOOTER)


def home_page(latest: list[BenchArticle]) -> str:
    items = "\n".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>' for a in latest)
    return (HEAD.format(title="รัฐบาลไทย - ทำเนียบรัฐบาล", extra="")
            + '<main class="container"><div class="col-main">\n<h1>ข่าวเด่น</h1>\n'
            + f'<ul class="headlines">\n{items}\n</ul>\n<a class="more" href="/news">ข่าวทั้งหมด</a>\n</div>\n'
            + "</main>\n" + FOOTER)


def render_site(articles: list[BenchArticle]) -> dict[str, bytes]:
    """path (with query) -> UTF-8 HTML. Reproducible: the sidebar picks are seeded."""
    rng = random.Random(7)
    latest = articles[:5]
    total = max(1, (len(articles) + LISTING_SIZE - 1) // LISTING_SIZE)
    pages: dict[str, str] = {"/": home_page(latest)}
    for path, (title, text) in STATIC_PAGES.items():
        pages[path] = static_page(title, text, latest)
    for page in range(1, total + 1):
        items = articles[(page - 1) * LISTING_SIZE: page * LISTING_SIZE]
        pages[listing_href(page)] = listing_page(page, total, items, latest)
    for a in articles:
        popular = [articles[i] for i in rng.sample(range(len(articles)), min(5, len(articles)))]
        pages[a.path] = article_page(a, popular, latest)
    return {path: text.encode("utf-8") for path, text in pages.items()}


ROBOTS = b"User-agent: *\nDisallow: /search\n"


def build_responses(pages: dict[str, bytes]) -> tuple[dict[bytes, bytes], bytes]:
    """Complete HTTP/1.1 responses (status line, headers, body) by request target."""
    date = formatdate(usegmt=True)
    out: dict[bytes, bytes] = {}
    for path, body in [*pages.items(), ("/robots.txt", ROBOTS)]:
        ctype = "text/plain; charset=utf-8" if path == "/robots.txt" else "text/html; charset=utf-8"
        etag = hashlib.md5(body).hexdigest()[:16]
        head = (f"HTTP/1.1 200 OK\r\nServer: khao-bench\r\nDate: {date}\r\nContent-Type: {ctype}\r\n"
                f"Content-Length: {len(body)}\r\nETag: \"{etag}\"\r\nLast-Modified: {date}\r\n"
                "Connection: keep-alive\r\n\r\n")
        out[path.encode("ascii")] = head.encode("ascii") + body
    body = b"<html><body><h1>404 Not Found</h1></body></html>"
    not_found = (f"HTTP/1.1 404 Not Found\r\nServer: khao-bench\r\nContent-Type: text/html; charset=utf-8\r\n"
                 f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n").encode("ascii") + body
    return out, not_found


# ----------------------------------------------------------------------------- servers

class _Http(asyncio.Protocol):
    """Keep-alive HTTP/1.1 for GET (and HEAD) of pre-built responses; pipelining allowed."""

    responses: dict[bytes, bytes] = {}
    not_found = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > 65536:
                    self.transport.close()
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            line_end = head.find(b"\r\n")
            request_line = head if line_end < 0 else head[:line_end]
            parts = request_line.split(b" ")
            if len(parts) != 3:
                self.transport.close()
                return
            method, target = parts[0], parts[1]
            if target.startswith(b"http"):  # absolute-form
                target = b"/" + target.split(b"/", 3)[-1] if target.count(b"/") >= 3 else b"/"
            target = target.split(b"#", 1)[0]
            response = self.responses.get(target, self.not_found)
            if method == b"HEAD":
                response = response[:response.find(b"\r\n\r\n") + 4]
            self.transport.write(response)  # type: ignore[attr-defined]
            if b"\r\nconnection: close" in head.lower():
                self.transport.close()
                return


async def _serve_asyncio(port: int, responses: dict[bytes, bytes], not_found: bytes, announce: str) -> None:
    _Http.responses, _Http.not_found = responses, not_found
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Http, "127.0.0.1", port, backlog=1024, reuse_address=True)
    bound = server.sockets[0].getsockname()[1]
    print(f"READY {bound} {announce}", flush=True)
    async with server:
        await server.serve_forever()


def _serve_threading(port: int, responses: dict[bytes, bytes], not_found: bytes, announce: str) -> None:
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            self.wfile.write(responses.get(self.path.encode("ascii", "replace"), not_found))

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"READY {server.server_address[1]} {announce}", flush=True)
    server.serve_forever()


# ----------------------------------------------------------------------------- load test

async def _load_test(base: str, paths: list[str], connections: int, seconds: float) -> dict[str, float]:
    host, port = urlsplit(base).hostname or "127.0.0.1", urlsplit(base).port or 80
    done = 0
    nbytes = 0
    deadline = time.perf_counter() + seconds

    async def worker(offset: int) -> None:
        nonlocal done, nbytes
        reader, writer = await asyncio.open_connection(host, port)
        i = offset
        while time.perf_counter() < deadline:
            path = paths[i % len(paths)]
            i += connections
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: identity\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
            await reader.readexactly(length)
            done += 1
            nbytes += len(head) + length
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(connections)))
    elapsed = time.perf_counter() - start
    return {"requests": done, "seconds": elapsed, "requests_per_s": done / elapsed, "MB_per_s": nbytes / elapsed / 1e6}


def site_paths(n_pages: int) -> list[str]:
    """The site's URL paths without rendering it (for the load test): articles and listings."""
    total = max(1, (n_pages + LISTING_SIZE - 1) // LISTING_SIZE)
    return [ARTICLE_PATH.format(id=100000 + i) for i in range(n_pages)] + [listing_href(p) for p in range(1, total + 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="number of article pages")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--server", choices=("asyncio", "threading"), default="asyncio")
    parser.add_argument("--load-test", metavar="BASE_URL", help="measure a running site instead of serving one")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    if args.load_test:
        result = asyncio.run(_load_test(args.load_test.rstrip("/"), site_paths(args.pages), args.connections,
                                        args.seconds))
        print(json.dumps(result), flush=True)
        return
    t0 = time.perf_counter()
    articles = load_articles(args.pages)
    pages = render_site(articles)
    responses, not_found = build_responses(pages)
    size = sum(len(b) for b in pages.values())
    announce = (f"{len(pages)} pages, {size / 1e6:.1f} MB of HTML, mean {size / len(pages) / 1e3:.1f} kB, "
                f"built in {time.perf_counter() - t0:.1f}s, server {args.server}")
    if args.server == "threading":
        _serve_threading(args.port, responses, not_found, announce)
    else:
        asyncio.run(_serve_asyncio(args.port, responses, not_found, announce))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
