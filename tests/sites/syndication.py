"""`syndication`: a health-policy news outlet (in the manner of hfocus.org) on a Drupal-like theme.

Hard cases it carries:

- it republishes an NHSO press release (nhso ``/news/1506``) a day later: same paragraphs, its
  own layout, the title prefixed "[ข่าวประชาสัมพันธ์] " and a "ที่มา:" line; ``copies`` and the
  entry's ``copy_of`` say which URL is the copy of which (filled when the nhso site runs too);
- dates in the Gregorian year and English weekday: "Wed, 2024-05-15 10:32";
- a slow article (2 s before the first byte), a listed link that answers 404, a listed page that
  answers 500, and a listed page whose server hangs up mid-tag, well short of its Content-Length;
- boilerplate: related-news box with other titles, newsletter box, share bar, footer.
"""

from __future__ import annotations

import datetime as dt
from email.message import Message
from typing import Any

from tests.sites.articles import (
    NHSO_ARTICLES, SYNDICATED_COPY_DATE, SYNDICATED_COPY_KEY, SYNDICATED_ORIGINAL_KEY,
    SYNDICATED_TITLE_PREFIX, SYNDICATION_ARTICLES, SYNDICATION_TRUNCATED, Article,
)
from tests.sites.base import Query, Response, TestSite, html_response
from tests.sites.base import esc as _esc

SLOW = {"30477": 2.0}  # seconds before the answer
ERROR_500_PATH = "/content/2024/04/30401"
NOT_FOUND_PATH = "/content/2024/03/29999"  # listed, but the article was taken down
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
POSTED_AT = {"30512": "10:32", "30498": "08:15", "30477": "13:40", "30455": "17:05", "30433": "09:50"}

NOTES = {
    SYNDICATED_COPY_KEY: "republished NHSO press release (nhso /news/1506) with a title prefix",
    "30498": "own analysis article",
    "30477": "slow: answered after 2 seconds",
    "30455": "own article; oldest",
}


def _path(article: Article) -> str:
    return f"/content/{article.published:%Y/%m}/{article.key}"


def _posted(article: Article) -> str:
    day = article.published
    return f"{WEEKDAYS_EN[day.weekday()]}, {day.isoformat()} {POSTED_AT[article.key]}"


def _copy() -> Article:
    """The republished release: the nhso article's body under the outlet's key, title and date."""
    original = next(a for a in NHSO_ARTICLES if a.key == SYNDICATED_ORIGINAL_KEY)
    return Article(key=SYNDICATED_COPY_KEY, title=SYNDICATED_TITLE_PREFIX + original.title,
                   published=SYNDICATED_COPY_DATE, paragraphs=original.paragraphs, views=842)


class SyndicationSite(TestSite):
    name = "syndication"
    server_header = "nginx/1.18.0"
    boilerplate = (
        "Health Today สุขภาพวันนี้", "ข่าวที่เกี่ยวข้อง", "สมัครรับจดหมายข่าว", "แชร์บทความนี้",
        "สงวนลิขสิทธิ์", "สัมภาษณ์พิเศษ",
    )

    def __init__(self) -> None:
        super().__init__()
        self.copy = _copy()
        # front page order: newest first, the broken items among the real ones as they were listed
        self.articles: tuple[Article, ...] = (self.copy, *SYNDICATION_ARTICLES)
        self._by_path = {_path(a): a for a in self.articles}
        self.peer_urls: dict[str, str] = {}  # other running sites, set by start_sites()

    # ---- expectations --------------------------------------------------------------------------
    def original_url(self) -> str | None:
        nhso = self.peer_urls.get("nhso")
        return f"{nhso}/news/{SYNDICATED_ORIGINAL_KEY}" if nhso else None

    def not_article_paths(self) -> list[str]:
        return ["/", NOT_FOUND_PATH, ERROR_500_PATH, _path(SYNDICATION_TRUNCATED)]

    def expected_articles(self) -> list[dict[str, Any]]:
        result = []
        for article in self.articles:
            related = [a.title for a in self._related(article)]
            copy_of = self.original_url() if article is self.copy else None
            result.append(self.expected(_path(article), article, extra_boilerplate=related, copy_of=copy_of,
                                        note=NOTES.get(article.key, "")))
        return result

    def refresh_copies(self) -> None:
        original = self.original_url()
        self.copies = {self.url + _path(self.copy): original} if original else {}

    # ---- routing -------------------------------------------------------------------------------
    def route(self, path: str, query: Query, headers: Message) -> Response:
        if path == "/":
            return html_response(self.front_page())
        if path == "/robots.txt":
            return Response(body=b"User-agent: *\nCrawl-delay: 0\nDisallow: /admin/\nDisallow: /user/\n",
                            content_type="text/plain")
        if path in self._by_path:
            article = self._by_path[path]
            return html_response(self.article_page(article), delay=SLOW.get(article.key, 0.0))
        if path == _path(SYNDICATION_TRUNCATED):
            page = self.article_page(SYNDICATION_TRUNCATED).encode("utf-8")
            cut = page.index(b"<p class=\"body-text\"", page.index(b"field-body")) + 1
            cut = page.index(b"<p class=\"body-text\"", cut) + len(b"<p cla")  # inside the 2nd paragraph's tag
            return Response(body=page, truncate_at=cut)
        if path == ERROR_500_PATH:
            return html_response(self._layout("เกิดข้อผิดพลาด",
                                              "<h1>Internal Server Error</h1>\n<p>ขออภัย ระบบขัดข้องชั่วคราว กรุณาลองใหม่ภายหลัง</p>"),
                                 status=500)
        return html_response(self._layout("ไม่พบหน้า", "<h1>ไม่พบหน้าที่คุณต้องการ</h1>"), status=404)

    # ---- rendering -----------------------------------------------------------------------------
    def _related(self, article: Article) -> list[Article]:
        return [a for a in SYNDICATION_ARTICLES if a.key != article.key][:2]

    def _layout(self, title: str, main: str) -> str:
        return f"""<!DOCTYPE html>
<html lang="th" dir="ltr">
<head>
<meta charset="utf-8">
<title>{_esc(title)} | Health Today สุขภาพวันนี้</title>
<meta name="generator" content="Drupal 7">
</head>
<body class="html not-front page-node">
<div id="header"><a href="/" class="logo">Health Today สุขภาพวันนี้</a>
 <ul class="menu"><li><a href="/">หน้าแรก</a></li><li><a href="/">ข่าว</a></li><li><a href="/">สัมภาษณ์พิเศษ</a></li></ul>
</div>
<div id="main">
{main}
</div>
<div class="block-newsletter"><h2>สมัครรับจดหมายข่าว</h2><form><input type="email" placeholder="อีเมลของคุณ"><button>สมัคร</button></form></div>
<div id="footer">&copy; 2567 Health Today สุขภาพวันนี้ สงวนลิขสิทธิ์ ห้ามนำเนื้อหาไปใช้โดยไม่ได้รับอนุญาต</div>
</body>
</html>
"""

    def article_page(self, article: Article) -> str:
        body = "\n".join(f'  <p class="body-text">{_esc(p)}</p>' for p in article.paragraphs)
        source = '  <div class="field-source">ที่มา: สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.)</div>\n' \
            if article.key == SYNDICATED_COPY_KEY else ""
        related = "\n".join(f'   <li><a href="{_path(a)}">{_esc(a.title)}</a></li>' for a in self._related(article))
        main = f""" <div class="node node-article">
  <h1 class="page-title">{_esc(article.title)}</h1>
  <div class="submitted"><span class="date-display-single">{_posted(article)}</span></div>
  <div class="field-body">
{body}
  </div>
{source}  <div class="addthis">แชร์บทความนี้ <a href="https://www.facebook.com/sharer.php">Facebook</a> <a href="https://twitter.com/intent/tweet">X</a></div>
  <div class="related"><h3>ข่าวที่เกี่ยวข้อง</h3>
   <ul>
{related}
   </ul>
  </div>
 </div>"""
        return self._layout(article.title, main)

    def front_page(self) -> str:
        rows = [(a.title, _path(a), a.published) for a in self.articles]
        rows += [
            (SYNDICATION_TRUNCATED.title, _path(SYNDICATION_TRUNCATED), SYNDICATION_TRUNCATED.published),
            ("สปสช. ชี้แจงงบเหมาจ่ายรายหัวปี 2568", ERROR_500_PATH, dt.date(2024, 4, 10)),
            ("สัมภาษณ์พิเศษ: อนาคตกองทุนสุขภาพท้องถิ่น", NOT_FOUND_PATH, dt.date(2024, 3, 29)),
        ]
        items = "\n".join(
            f'  <div class="views-row"><a href="{path}">{_esc(title)}</a> <span class="date">{day.isoformat()}</span></div>'
            for title, path, day in rows
        )
        return self._layout("หน้าแรก", f" <h1>ข่าวล่าสุด</h1>\n{items}")
