"""`nhso`: imitates nhso.go.th, the National Health Security Office's news pages.

Hard cases it carries:

- pagination that matters: 3 articles per ``/news?page=N`` page; the RSS feed lists only the
  newest 3 and the (stale) sitemap only the oldest 2, so 1504 and 1503 are reachable through
  listing page 2 alone;
- ``/robots.txt`` disallows ``/private/`` and names the sitemap; the listing links
  ``/private/secret-news``, which must never be requested;
- the date sits below the ``<h1>`` as "20 พฤษภาคม 2567" (one article in Thai digits), while
  bodies mention other dates (the event day before the publication day);
- attachments under "ไฟล์ที่เกี่ยวข้อง": a PDF with a Thai text layer and a scanned, image-only PDF;
- ETag and Last-Modified on articles and files, 304 to a matching If-None-Match /
  If-Modified-Since, and ``hits`` to prove a re-crawl fetched no article body again;
- paragraphs indented with ``&nbsp;`` runs, menus, breadcrumb, view counter, share buttons,
  "กลับ | ขึ้นบน", a "ข่าวยอดนิยม" sidebar of other articles' titles, and a footer.
"""

from __future__ import annotations

from email.message import Message
from typing import Any

from tests.sites import thai
from tests.sites.articles import NHSO_ARTICLES, NHSO_PRIVATE, Article
from tests.sites.base import (
    ArticleListSite,
    esc as _esc,
    Query, Response, file_response, html_response, http_date, morning, text_response,
)

PER_PAGE = 3
FEED_SIZE = 3
SITEMAP_ARTICLES = ("1502", "1501")  # the sitemap was last generated in April: only old articles
THAI_DIGIT_DATES = {"1505"}           # typed with Thai digits below the headline
POPULAR = ("1502", "1507", "1506")    # the sidebar's "ข่าวยอดนิยม"

NOTES = {
    "1507": "newest; in the RSS feed; PDF attachment with a Thai text layer",
    "1506": "in the RSS feed; republished by the syndication site",
    "1505": "in the RSS feed; date below the <h1> written in Thai digits (๘ พฤษภาคม ๒๕๖๗)",
    "1504": "only via listing page 2; scanned (image-only) PDF attachment; body names an earlier date",
    "1503": "only via listing page 2",
    "1502": "listing page 2 and the stale sitemap",
    "1501": "oldest: listing page 3 and the stale sitemap",
}


class NhsoSite(ArticleListSite):
    name = "nhso"
    server_header = "nginx"
    boilerplate = (
        "หน้าหลัก", "เกี่ยวกับ สปสช.", "ข่าวประชาสัมพันธ์", "จำนวนผู้เข้าชม", "แชร์ Facebook", "แชร์ LINE",
        "กลับ | ขึ้นบน", "ข่าวยอดนิยม", "ถนนแจ้งวัฒนะ", "สงวนลิขสิทธิ์",
    )

    site_articles = NHSO_ARTICLES
    per_page = PER_PAGE

    # ---- expectations --------------------------------------------------------------------------
    def start_paths(self) -> list[str]:
        return ["/"]

    def not_article_paths(self) -> list[str]:
        pages = [f"/news?page={n}" for n in range(2, self.page_count() + 1)]
        return ["/", "/news", *pages, "/about", "/private/secret-news"]

    def expected_articles(self) -> list[dict[str, Any]]:
        result = []
        for article in self.articles:
            others = [self._by_key[key].title for key in POPULAR if key != article.key]
            result.append(self.expected(f"/news/{article.key}", article, extra_boilerplate=others,
                                        note=NOTES.get(article.key, "")))
        return result

    # ---- routing -------------------------------------------------------------------------------
    def route(self, path: str, query: Query, headers: Message) -> Response:
        if path == "/":
            return html_response(self.home_page())
        if path == "/robots.txt":
            return text_response(self.robots_txt(), "text/plain; charset=utf-8")
        if path == "/sitemap.xml":
            return text_response(self.sitemap_xml(), "application/xml; charset=utf-8")
        if path == "/rss.xml":
            return text_response(self.rss_xml(), "application/rss+xml; charset=utf-8")
        if path == "/about":
            return html_response(self.about_page())
        if path == "/news":
            raw = query.get("page", ["1"])[0]
            page = int(raw) if raw.isdigit() else 0
            if not 1 <= page <= self.page_count():
                return html_response(self.not_found_page(), status=404)
            return html_response(self.listing_page(page))
        if path.startswith("/news/") and path.removeprefix("/news/") in self._by_key:
            article = self._by_key[path.removeprefix("/news/")]
            return html_response(self.article_page(article), last_modified=morning(article.published))
        if path == "/private/secret-news":
            return html_response(self.article_page(NHSO_PRIVATE))
        if path.startswith("/files/"):
            name = path.removeprefix("/files/")
            for article in self.articles:
                for attachment in article.attachments:
                    if attachment.file == name:
                        return file_response(name, "application/pdf", morning(article.published))
        return html_response(self.not_found_page(), status=404)

    # ---- rendering -----------------------------------------------------------------------------
    def _layout(self, title: str, main: str, breadcrumb: str) -> str:
        popular = "\n".join(
            f'   <li><a href="/news/{key}">{_esc(self._by_key[key].title)}</a></li>' for key in POPULAR
        )
        return f"""<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)} | สำนักงานหลักประกันสุขภาพแห่งชาติ</title>
<link rel="alternate" type="application/rss+xml" title="ข่าว สปสช." href="/rss.xml">
<link rel="stylesheet" href="/themes/nhso/css/style.css">
</head>
<body>
<a id="top"></a>
<div id="top-menu"><ul>
 <li><a href="/">หน้าหลัก</a></li><li><a href="/news">ข่าวประชาสัมพันธ์</a></li>
 <li><a href="/about">เกี่ยวกับ สปสช.</a></li><li><a href="tel:1330">สายด่วน 1330</a></li>
</ul></div>
<div class="breadcrumb"><a href="/">หน้าแรก</a> &gt; {breadcrumb}</div>
<div class="container">
 <div class="main-content">
{main}
 </div>
 <div class="sidebar">
  <h3>ข่าวยอดนิยม</h3>
  <ul>
{popular}
  </ul>
 </div>
</div>
<div id="footer">สำนักงานหลักประกันสุขภาพแห่งชาติ 120 หมู่ 3 อาคารรวมหน่วยราชการ ถนนแจ้งวัฒนะ หลักสี่ กรุงเทพฯ 10210
<br>สงวนลิขสิทธิ์ &copy; 2567 สำนักงานหลักประกันสุขภาพแห่งชาติ</div>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</body>
</html>
"""

    def article_page(self, article: Article) -> str:
        date = (thai.long_date_thai_digits if article.key in THAI_DIGIT_DATES else thai.long_date)(article.published)
        body = "\n".join(f"   <p>&nbsp;&nbsp;&nbsp;&nbsp;{_esc(p)}</p>" for p in article.paragraphs)
        files = ""
        if article.attachments:
            items = "\n".join(
                f'    <li><img src="/themes/nhso/img/pdf.png" alt=""> <a href="/files/{a.file}" target="_blank">{_esc(a.label)}</a></li>'
                for a in article.attachments
            )
            files = f'  <div class="attachments">\n   <h4>ไฟล์ที่เกี่ยวข้อง</h4>\n   <ul>\n{items}\n   </ul>\n  </div>\n'
        main = f"""  <h1 class="news-title">{_esc(article.title)}</h1>
  <div class="news-date">{date}</div>
  <div class="news-body">
{body}
  </div>
{files}  <div class="news-counter">จำนวนผู้เข้าชม {article.views:,} ครั้ง</div>
  <div class="share-buttons"><a href="https://www.facebook.com/sharer/sharer.php">แชร์ Facebook</a> <a href="https://social-plugins.line.me/lineit/share">แชร์ LINE</a></div>
  <p class="back"><a href="javascript:history.back()">กลับ</a> | <a href="#top">ขึ้นบน</a></p>"""
        return self._layout(article.title, main, '<a href="/news">ข่าวประชาสัมพันธ์</a>')

    def listing_page(self, page: int) -> str:
        chunk = self.articles[(page - 1) * PER_PAGE: page * PER_PAGE]
        items = [
            f"""  <div class="news-item">
   <a href="/news/{a.key}"><h3>{_esc(a.title)}</h3></a>
   <span class="date">{thai.long_date(a.published)}</span>
   <p>{_esc(a.paragraphs[0][:120])}...</p>
   <a class="more" href="/news/{a.key}">อ่านต่อ</a>
  </div>"""
            for a in chunk
        ]
        if page == 1:  # staff-only item, linked in plain sight; robots.txt forbids it
            items.append(f"""  <div class="news-item staff-only">
   <a href="/private/secret-news"><h3>{_esc(NHSO_PRIVATE.title)}</h3></a>
   <span class="date">{thai.long_date(NHSO_PRIVATE.published)}</span>
  </div>""")
        links = []
        if page > 1:
            links.append(f'<a href="/news?page={page - 1}">&laquo; ก่อนหน้า</a>')
        for n in range(1, self.page_count() + 1):
            links.append(f"<span class=\"current\">{n}</span>" if n == page else f'<a href="/news?page={n}">{n}</a>')
        if page < self.page_count():
            links.append(f'<a href="/news?page={page + 1}">ถัดไป &raquo;</a>')
        main = "  <h1>ข่าวประชาสัมพันธ์</h1>\n" + "\n".join(items) + \
               f'\n  <div class="pagination">{" ".join(links)}</div>'
        return self._layout("ข่าวประชาสัมพันธ์", main, "ข่าวประชาสัมพันธ์")

    def home_page(self) -> str:
        latest = "\n".join(f'   <li><a href="/news/{a.key}">{_esc(a.title)}</a></li>' for a in self.articles[:3])
        main = f"""  <div class="banner"><img src="/themes/nhso/img/banner-1330.jpg" alt="สายด่วน สปสช. 1330"></div>
  <h2>ข่าวล่าสุด</h2>
  <ul class="latest">
{latest}
  </ul>
  <p><a href="/news">ดูข่าวทั้งหมด</a> · <a href="/rss.xml">RSS</a></p>"""
        return self._layout("หน้าหลัก", main, "หน้าหลัก")

    def about_page(self) -> str:
        main = """  <h1>เกี่ยวกับ สปสช.</h1>
  <p>สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) เป็นหน่วยงานของรัฐที่บริหารกองทุนหลักประกันสุขภาพแห่งชาติ
  ตามพระราชบัญญัติหลักประกันสุขภาพแห่งชาติ พ.ศ. 2545 มีสำนักงานเขต 13 เขตทั่วประเทศ</p>
  <p>วิสัยทัศน์: ประชาชนทุกคนได้รับความคุ้มครองด้านสุขภาพอย่างมีคุณภาพ</p>"""
        return self._layout("เกี่ยวกับ สปสช.", main, "เกี่ยวกับ สปสช.")

    def not_found_page(self) -> str:
        return self._layout("ไม่พบหน้า", "  <h1>404</h1>\n  <p>ไม่พบหน้าที่ท่านต้องการ</p>", "ไม่พบหน้า")

    def robots_txt(self) -> str:
        return (f"User-agent: *\nDisallow: /private/\nDisallow: /search\n\n"
                f"User-agent: BadBot\nDisallow: /\n\nSitemap: {self.url}/sitemap.xml\n")

    def sitemap_xml(self) -> str:
        entries = [(f"{self.url}{p}", "2024-04-10") for p in ("/", "/news", "/about")]
        entries += [(f"{self.url}/news/{key}", self._by_key[key].published.isoformat()) for key in SITEMAP_ARTICLES]
        urls = "\n".join(f"  <url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>" for loc, lastmod in entries)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + urls + "\n</urlset>\n")

    def rss_xml(self) -> str:
        items = "\n".join(
            f"""  <item>
   <title>{_esc(a.title)}</title>
   <link>{self.url}/news/{a.key}</link>
   <guid isPermaLink="true">{self.url}/news/{a.key}</guid>
   <pubDate>{http_date(morning(a.published)).replace("GMT", "+0000")}</pubDate>
   <description>{_esc(a.paragraphs[0][:200])}</description>
  </item>"""
            for a in self.articles[:FEED_SIZE]
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
 <channel>
  <title>ข่าวประชาสัมพันธ์ สปสช.</title>
  <link>{self.url}/news</link>
  <description>ข่าวล่าสุดจากสำนักงานหลักประกันสุขภาพแห่งชาติ</description>
  <language>th</language>
{items}
 </channel>
</rss>
"""
