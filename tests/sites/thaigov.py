"""`thaigov`: imitates thaigov.go.th, the Royal Thai Government's news site.

Hard cases it carries:

- listing ``/news/contents/ministry?page=N`` (2 per page) with numeric dates "11/04/2561";
  articles ``/news/contents/details/<n>`` with the date line "วันพุธที่ 11 เมษายน 2561" and the
  numeric stamp "11/04/2561 14:35 น." beside the view count;
- no ``<h1>``: the headline is a styled ``<div>``; ``<title>`` carries the prefix
  "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-" and ``og:title`` the clean title;
- ``<link rel="canonical">`` on every article, which is what dedupes the article's other URLs:
  listing and sidebar links carry ``?utm_source=fb&utm_medium=social``, ``?ref=popular`` (not a
  well-known tracking name) and fragments (``#content``), and the server answers all of them;
- one article is linked only through an old URL ``/news/old/<n>`` that answers 301;
- gzip when the client accepts it.
"""

from __future__ import annotations

from email.message import Message
from typing import Any

from tests.sites import thai
from tests.sites.articles import THAIGOV_ARTICLES, Article
from tests.sites.base import ArticleListSite, Query, Response, html_response, redirect
from tests.sites.base import esc as _esc

PER_PAGE = 2
DETAILS = "/news/contents/details/"
LISTING = "/news/contents/ministry"
TITLE_PREFIX = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-"

# How the listing links each article: the hard cases are in the hrefs.
LISTING_HREF = {
    "11702": DETAILS + "11702",
    "11688": DETAILS + "11688?utm_source=fb&utm_medium=social#comment",
    "11603": "/news/old/11603",  # 301 -> DETAILS + 11603; no other link to it exists
    "11547": DETAILS + "11547#content",
    "11520": DETAILS + "11520",
}
POPULAR = ("11547", "11702")  # sidebar links, with ?ref=popular
PUBLISHED_AT_TIME = {"11702": "14:35", "11688": "10:20", "11603": "16:05", "11547": "11:40", "11520": "09:15"}

NOTES = {
    "11702": "date line 'วันพุธที่ 11 เมษายน 2561'; also linked with ?ref=popular",
    "11688": "listing links it with ?utm_source=fb&utm_medium=social#comment; canonical is clean",
    "11603": "reachable only through /news/old/11603, a 301 redirect",
    "11547": "listing links it with a #content fragment; sidebar with ?ref=popular",
    "11520": "oldest: listing page 3 only",
}


class ThaigovSite(ArticleListSite):
    name = "thaigov"
    server_header = "Apache/2.4.29 (Ubuntu)"
    boilerplate = (
        "ข่าวทำเนียบรัฐบาล", "ข่าวยอดนิยม", "พิมพ์หน้านี้", "แชร์ไปยัง Facebook", "ถนนพิษณุโลก",
        "สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี", "ข่าวกระทรวง",
    )

    site_articles = THAIGOV_ARTICLES
    per_page = PER_PAGE

    # ---- expectations --------------------------------------------------------------------------
    def start_paths(self) -> list[str]:
        return [LISTING]

    def not_article_paths(self) -> list[str]:
        return ["/", LISTING, *(f"{LISTING}?page={n}" for n in range(2, self.page_count() + 1))]

    def alias_paths(self) -> dict[str, str]:
        aliases = {href.split("#")[0]: DETAILS + key for key, href in LISTING_HREF.items()
                   if href.split("#")[0] != DETAILS + key}
        aliases.update({f"{DETAILS}{key}?ref=popular": DETAILS + key for key in POPULAR})
        return aliases

    def expected_articles(self) -> list[dict[str, Any]]:
        result = []
        for article in self.articles:
            others = [self._by_key[key].title for key in POPULAR if key != article.key]
            result.append(self.expected(DETAILS + article.key, article, extra_boilerplate=others,
                                        note=NOTES.get(article.key, "")))
        return result

    # ---- routing -------------------------------------------------------------------------------
    def route(self, path: str, query: Query, headers: Message) -> Response:
        if path == "/":
            return html_response(self._layout("หน้าแรก", f'<p><a href="{LISTING}">ข่าวกระทรวง</a></p>'), gzip_ok=True)
        if path == "/robots.txt":
            return Response(body=b"User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
        if path == LISTING:
            raw = query.get("page", ["1"])[0]
            page = int(raw) if raw.isdigit() else 0
            if not 1 <= page <= self.page_count():
                return html_response(self._layout("ไม่พบข้อมูล", "<p>ไม่พบข้อมูล</p>"), status=404)
            return html_response(self.listing_page(page), gzip_ok=True)
        if path.startswith(DETAILS) and path.removeprefix(DETAILS) in self._by_key:
            # any query string (utm_*, ref=...) gets the same page: only the canonical link tells
            return html_response(self.article_page(self._by_key[path.removeprefix(DETAILS)]), gzip_ok=True)
        if path.startswith("/news/old/") and path.removeprefix("/news/old/") in self._by_key:
            return redirect(self.url + DETAILS + path.removeprefix("/news/old/"))
        return html_response(self._layout("ไม่พบข้อมูล", "<p>ไม่พบหน้าที่ต้องการ</p>"), status=404)

    # ---- rendering -----------------------------------------------------------------------------
    def _layout(self, title: str, main: str, head: str = "") -> str:
        popular = "\n".join(
            f'    <li><a href="{DETAILS}{key}?ref=popular">{_esc(self._by_key[key].title)}</a></li>' for key in POPULAR
        )
        return f"""<!DOCTYPE html>
<html lang="th">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{TITLE_PREFIX}{_esc(title)}</title>
{head}
</head>
<body>
<header class="navbar"><a class="logo" href="/">ข่าวทำเนียบรัฐบาล</a>
 <ul class="nav"><li><a href="/">หน้าแรก</a></li><li><a href="{LISTING}">ข่าวกระทรวง</a></li></ul>
</header>
<div class="container">
 <div class="col-md-9">
{main}
 </div>
 <div class="col-md-3 sidebar">
  <div class="head-popular">ข่าวยอดนิยม</div>
  <ul>
{popular}
  </ul>
 </div>
</div>
<footer>สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี ทำเนียบรัฐบาล ถนนพิษณุโลก เขตดุสิต กรุงเทพฯ 10300</footer>
</body>
</html>
"""

    def article_page(self, article: Article) -> str:
        canonical = self.url + DETAILS + article.key
        head = f"""<link rel="canonical" href="{canonical}">
<meta property="og:title" content="{_esc(article.title)}">
<meta property="og:url" content="{canonical}">
<meta property="og:type" content="article">"""
        body = "\n".join(f"    <p>{_esc(p)}</p>" for p in article.paragraphs)
        main = f"""  <div class="breadcrumb"><a href="/">หน้าแรก</a> / <a href="{LISTING}">ข่าวกระทรวง</a></div>
  <div class="Circular font_level4 color2">{thai.weekday_date(article.published)}</div>
  <div class="view"><i class="fa fa-eye"></i> {article.views}</div>
  <div class="font_level2 color1 Circular headtitle">{_esc(article.title)}</div>
  <div class="border-normal clearfix" id="content">
{body}
  </div>
  <div class="stamp">{thai.numeric_be(article.published)} {PUBLISHED_AT_TIME[article.key]} น.</div>
  <div class="tools"><a href="javascript:window.print()">พิมพ์หน้านี้</a> <a href="https://www.facebook.com/sharer.php">แชร์ไปยัง Facebook</a></div>"""
        return self._layout(article.title, main, head)

    def listing_page(self, page: int) -> str:
        chunk = self.articles[(page - 1) * PER_PAGE: page * PER_PAGE]
        items = "\n".join(
            f"""  <div class="ministry-item">
   <a href="{_esc(LISTING_HREF[a.key])}"><div class="font_level4">{_esc(a.title)}</div></a>
   <span class="date">{thai.numeric_be(a.published)}</span>
  </div>"""
            for a in chunk
        )
        pages = " ".join(
            f"<b>{n}</b>" if n == page else f'<a href="{LISTING}?page={n}">{n}</a>' for n in range(1, self.page_count() + 1)
        )
        nxt = f' <a href="{LISTING}?page={page + 1}">&gt;</a>' if page < self.page_count() else ""
        main = f"  <h1>ข่าวกระทรวง</h1>\n{items}\n  <div class=\"pagination\">{pages}{nxt}</div>"
        return self._layout("ข่าวกระทรวง", main)
