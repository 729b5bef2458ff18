"""`localnews`: a provincial newspaper site (Lampang) of the old school, in TIS-620 / windows-874.

Hard cases it carries:

- every page is TIS-620 bytes (never valid UTF-8), declared in a different way on each article:
  ``news.php?id=21`` only in the HTTP header (``charset=tis-620``), ``id=22`` only in a
  ``<meta http-equiv>`` (``windows-874``), ``id=23`` nowhere at all (the crawler must sniff),
  ``id=24`` only in a short ``<meta charset="tis-620">``; the listing declares it in the header;
- article URLs whose identity is the query string (``/news.php?id=21``): dropping queries loses them;
- table layout with ``<font>`` tags and no ``<h1>``; the headline is a bold ``<font size=4>``;
- dates "3 ก.พ. 65" (abbreviated month, two-digit Buddhist year) and "วันที่ 14/02/2565";
- boilerplate: a scrolling marquee, "อ่าน N ครั้ง", a "ข่าวยอดนิยม" box, and a comment
  section with readers' comments and a comment form.
"""

from __future__ import annotations

from email.message import Message
from typing import Any

from tests.sites import thai
from tests.sites.articles import LOCALNEWS_ARTICLES, Article
from tests.sites.base import ArticleListSite, Query, Response
from tests.sites.base import esc as _esc

ENCODING = "cp874"  # windows-874: for Thai and ASCII, byte for byte the same as TIS-620
PER_PAGE = 2
POPULAR = ("23", "21")

# How each article page declares its charset: "header", "meta-http-equiv", "none", "meta-charset".
CHARSET_DECLARATION = {"21": "header", "22": "meta-http-equiv", "23": "none", "24": "meta-charset"}
# Which date spelling each article's byline uses.
DATE_STYLE = {"21": thai.short_date_2digit, "22": thai.numeric_be_local, "23": thai.short_date_2digit,
              "24": thai.numeric_be_local}

# Readers' comments under an article: text on the page that is not the article's.
COMMENTS = {
    "21": (("ป้าแดง บ้านพิชัย", "ขอบคุณกองทุนมากค่ะ ตอนนี้อ่านหนังสือพิมพ์ได้ชัดแล้ว"),
           ("ลูกหลานแม่ทะ", "อยากให้มาจัดที่ตำบลเราบ้างครับ ผู้เฒ่าผู้แก่รอกันอยู่")),
    "23": (("คนเกาะคา", "เพิ่งรู้ว่าต้องย้ายสิทธิเองด้วย ขอบคุณสำหรับข้อมูลครับ"),),
}

NOTES = {
    "21": "charset only in the HTTP header (tis-620); byline '3 ก.พ. 65'; readers' comments",
    "22": "charset only in <meta http-equiv> (windows-874); byline 'วันที่ 14/02/2565'",
    "23": "no charset declared anywhere; byline '25 ก.พ. 65'; readers' comments",
    "24": "charset only in <meta charset=tis-620>; byline 'วันที่ 3/03/2565'",
}


class LocalnewsSite(ArticleListSite):
    name = "localnews"
    server_header = "Apache/2.2.15 (CentOS)"
    boilerplate = (
        "ยินดีต้อนรับสู่ลำปางนิวส์", "หน้าแรก", "ข่าวยอดนิยม", "แสดงความคิดเห็น", "ส่งความคิดเห็น",
        "ลำปางนิวส์ หนังสือพิมพ์ท้องถิ่น", "ติดต่อโฆษณา",
    )

    site_articles = LOCALNEWS_ARTICLES
    per_page = PER_PAGE

    # ---- expectations --------------------------------------------------------------------------
    def start_paths(self) -> list[str]:
        return ["/"]

    def not_article_paths(self) -> list[str]:
        return ["/", "/index.php", *(f"/index.php?page={n}" for n in range(2, self.page_count() + 1))]

    def expected_articles(self) -> list[dict[str, Any]]:
        result = []
        for article in self.articles:
            extra = [self._by_key[key].title for key in POPULAR if key != article.key]
            if article.key in COMMENTS:
                extra += ["ความคิดเห็นที่ 1", *(text for _, text in COMMENTS[article.key])]
            result.append(self.expected(f"/news.php?id={article.key}", article, extra_boilerplate=extra,
                                        note=NOTES[article.key]))
        return result

    # ---- routing -------------------------------------------------------------------------------
    def route(self, path: str, query: Query, headers: Message) -> Response:
        if path in ("/", "/index.php"):
            raw = query.get("page", ["1"])[0]
            page = int(raw) if raw.isdigit() else 0
            if not 1 <= page <= self.page_count():
                return self._encoded(self._layout("ไม่พบหน้า", "<p>ไม่พบหน้าที่ต้องการ</p>"), "header", 404)
            return self._encoded(self.listing_page(page), "header")
        if path == "/news.php":
            key = query.get("id", [""])[0]
            if key in self._by_key:
                mode = CHARSET_DECLARATION[key]
                return self._encoded(self.article_page(self._by_key[key], mode), mode)
        if path == "/robots.txt":
            return Response(body=b"User-agent: *\nDisallow:\n", content_type="text/plain")
        return self._encoded(self._layout("ไม่พบหน้า", "<p>ไม่พบหน้าที่ต้องการ</p>"), "header", 404)

    @staticmethod
    def _encoded(page: str, declaration: str, status: int = 200) -> Response:
        content_type = "text/html; charset=tis-620" if declaration == "header" else "text/html"
        return Response(status=status, body=page.encode(ENCODING), content_type=content_type)

    # ---- rendering -----------------------------------------------------------------------------
    @staticmethod
    def _meta(declaration: str) -> str:
        if declaration == "meta-http-equiv":
            return '<meta http-equiv="Content-Type" content="text/html; charset=windows-874">\n'
        if declaration == "meta-charset":
            return '<meta charset="tis-620">\n'
        return ""

    def _layout(self, title: str, main: str, declaration: str = "header") -> str:
        popular = "<br>\n".join(
            f'&raquo; <a href="news.php?id={key}">{_esc(self._by_key[key].title)}</a>' for key in POPULAR
        )
        return f"""<html>
<head>
{self._meta(declaration)}<title>{_esc(title)} - ลำปางนิวส์</title>
</head>
<body bgcolor="#FFFFFF" topmargin="0">
<table width="780" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><img src="images/banner.gif" width="780" height="120" alt="ลำปางนิวส์ หนังสือพิมพ์ท้องถิ่น"></td></tr>
<tr><td colspan="2" bgcolor="#003366"><marquee><font color="#FFFFFF">ยินดีต้อนรับสู่ลำปางนิวส์ ข่าวสารเมืองรถม้า ทันเหตุการณ์ทุกวัน</font></marquee></td></tr>
<tr><td colspan="2"><a href="index.php">หน้าแรก</a> | <a href="index.php?page=2">ข่าวเก่า</a> | <a href="mailto:ads@example.org">ติดต่อโฆษณา</a></td></tr>
<tr>
<td width="580" valign="top">
{main}
</td>
<td width="200" valign="top" bgcolor="#EEEEEE">
<b>ข่าวยอดนิยม</b><br>
{popular}
</td>
</tr>
<tr><td colspan="2" align="center"><font size="1">ลำปางนิวส์ หนังสือพิมพ์ท้องถิ่น 88 ถนนบุญวาทย์ อำเภอเมืองลำปาง จังหวัดลำปาง 52000</font></td></tr>
</table>
</body>
</html>
"""

    def article_page(self, article: Article, declaration: str) -> str:
        byline = DATE_STYLE[article.key](article.published)
        body = "<br><br>\n".join(_esc(p) for p in article.paragraphs)
        comments = "".join(
            f'<p class="cm"><b>ความคิดเห็นที่ {n}</b> โดย {_esc(who)}<br>{_esc(text)}</p>\n'
            for n, (who, text) in enumerate(COMMENTS.get(article.key, ()), start=1)
        )
        main = f"""<font size="4" color="#003366"><b>{_esc(article.title)}</b></font><br>
<font size="2" color="#666666">โพสต์เมื่อ : {byline} | อ่าน {article.views} ครั้ง</font>
<hr size="1">
<font size="3">
{body}
</font>
<hr size="1">
{comments}<form action="comment.php" method="post">
<b>แสดงความคิดเห็น</b><br>
ชื่อ : <input type="text" name="name"><br>
<textarea name="msg" cols="50" rows="4"></textarea><br>
<button type="submit">ส่งความคิดเห็น</button>
</form>"""
        return self._layout(article.title, main, declaration)

    def listing_page(self, page: int) -> str:
        chunk = self.articles[(page - 1) * PER_PAGE: page * PER_PAGE]
        rows = "\n".join(
            f'<p><a href="news.php?id={a.key}"><b>{_esc(a.title)}</b></a><br>'
            f'<font size="2">{thai.short_date_2digit(a.published)}</font><br>{_esc(a.paragraphs[0][:100])}...</p>'
            for a in chunk
        )
        pages = " ".join(
            f"[{n}]" if n == page else f'<a href="index.php?page={n}">[{n}]</a>' for n in range(1, self.page_count() + 1)
        )
        return self._layout("ข่าวท้องถิ่น", f"{rows}\n<p>หน้า {pages}</p>")
