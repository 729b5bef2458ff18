"""HTML, RSS and text renderers for the three imitated sites.

Each site gets its own page structure and its own boilerplate (menus, breadcrumbs, a
"ข่าวยอดนิยม" sidebar, a view counter, share buttons, footers, a comment form on one site),
because the point of the mirror is to exercise generic main-text extraction: an extractor that
only works on one layout would pass a single-layout mirror. Links are root-relative so the
pages work on whatever port the server gets. Every piece of text goes through ``esc``.
"""

from __future__ import annotations

import html
from datetime import datetime, time, timedelta, timezone
from email.utils import format_datetime
from urllib.parse import quote

from mirror.data import (
    Article,
    site_articles,
    thai_date_long,
    thai_date_numeric,
    thai_date_short,
    thai_date_slash,
    thai_date_weekday,
)

PAGE_SIZE = {"nhso": 10, "thaigov": 10, "localnews": 5}
BANGKOK = timezone(timedelta(hours=7))


def esc(text: str) -> str:
    """Escape text and attribute values (quotes included)."""
    return html.escape(text, quote=True)


def page_count(site: str) -> int:
    """Number of listing pages of a site."""
    n = len(site_articles(site))
    size = PAGE_SIZE[site]
    return max(1, (n + size - 1) // size)


def page_items(site: str, page: int) -> list[Article]:
    """Articles shown on one listing page (1-based), newest first."""
    size = PAGE_SIZE[site]
    return site_articles(site)[(page - 1) * size: page * size]


def popular(article: Article, n: int = 5) -> list[Article]:
    """Other articles of the same site with the most views: the sidebar boilerplate."""
    others = [a for a in site_articles(article.site) if a.id != article.id]
    return sorted(others, key=lambda a: -a.views)[:n]


def fmt_views(n: int) -> str:
    """"1,234": Thai sites print counts with thousands separators."""
    return f"{n:,}"


def share_links(path: str, domain: str) -> str:
    """Share buttons pointing at the real social sites, as the originals do."""
    url = quote(f"https://{domain}{path}", safe="")
    return (
        f'<a class="share-fb" href="https://www.facebook.com/sharer/sharer.php?u={url}" rel="nofollow">Facebook</a> '
        f'<a class="share-x" href="https://twitter.com/intent/tweet?url={url}" rel="nofollow">X (Twitter)</a> '
        f'<a class="share-line" href="https://social-plugins.line.me/lineit/share?url={url}" rel="nofollow">LINE</a>'
    )


# ----------------------------------------------------------------------------- nhso.go.th

NHSO_HEAD = """<!DOCTYPE html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="alternate" type="application/rss+xml" title="ข่าวสาร สปสช." href="/nhso/rss.xml">
{extra}<link rel="stylesheet" href="/nhso/static/css/main.css">
</head>
<body id="top">
<div class="topbar"><span>สายด่วน สปสช. 1330 ตลอด 24 ชั่วโมง</span>
<span class="lang"><a href="/nhso/">TH</a> | <a href="/nhso/en">EN</a></span></div>
<header class="site-header">
<a class="logo" href="/nhso/">สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.)</a>
<nav class="main-menu"><ul>
<li><a href="/nhso/">หน้าแรก</a></li>
<li><a href="/nhso/about">เกี่ยวกับ สปสช.</a></li>
<li><a href="/nhso/news">ข่าวสาร</a></li>
<li><a href="/nhso/rights">สิทธิบัตรทอง</a></li>
<li><a href="/nhso/downloads">ดาวน์โหลด</a></li>
<li><a href="/nhso/contact">ติดต่อเรา</a></li>
</ul></nav>
<form class="search" action="/nhso/search" method="get"><input type="text" name="q" placeholder="ค้นหา"><button>ค้นหา</button></form>
</header>
"""

NHSO_FOOTER = """<footer class="site-footer">
<div class="footer-address">สำนักงานหลักประกันสุขภาพแห่งชาติ เลขที่ 120 หมู่ 3 ชั้น 2-4 อาคารรวมหน่วยงานราชการ
"ศูนย์ราชการเฉลิมพระเกียรติ 80 พรรษา 5 ธันวาคม 2550" ถนนแจ้งวัฒนะ แขวงทุ่งสองห้อง เขตหลักสี่ กรุงเทพฯ 10210
โทรศัพท์ 0 2141 4000 โทรสาร 0 2143 9730</div>
<div class="footer-links"><a href="/nhso/sitemap">แผนผังเว็บไซต์</a> | <a href="/nhso/policy">นโยบายเว็บไซต์</a> |
<a href="/nhso/privacy">นโยบายคุ้มครองข้อมูลส่วนบุคคล</a></div>
<div class="copyright">สงวนลิขสิทธิ์ © 2568 สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.)</div>
</footer>
</body>
</html>
"""


def _nhso_sidebar(article: Article | None) -> str:
    items = popular(article) if article else site_articles("nhso")[:5]
    links = "\n".join(f'<li><a href="{a.path}">{esc(a.title)}</a></li>' for a in items)
    return (
        '<aside class="sidebar">\n<div class="widget popular"><h3>ข่าวยอดนิยม</h3>\n<ul>\n'
        f"{links}\n</ul></div>\n"
        '<div class="widget categories"><h3>หมวดหมู่ข่าว</h3><ul>'
        '<li><a href="/nhso/news">ข่าวประชาสัมพันธ์</a></li><li><a href="/nhso/news">ข่าวเขต</a></li>'
        '<li><a href="/nhso/news">ข่าวกองทุนท้องถิ่น</a></li></ul></div>\n'
        '<div class="widget hotline"><a href="tel:1330">โทร 1330</a> <a href="https://line.me/R/ti/p/@nhso" rel="nofollow">LINE @nhso</a></div>\n'
        "</aside>\n"
    )


def nhso_listing(page: int) -> str:
    """/nhso/news and /nhso/news?page=N: cards of ten, with numbered pages and "ถัดไป"."""
    total = page_count("nhso")
    cards = []
    for a in page_items("nhso", page):
        cards.append(
            f'<div class="news-card">\n<a class="news-card-title" href="{a.path}">{esc(a.title)}</a>\n'
            f'<div class="news-card-date">{thai_date_long(a.published)}</div>\n'
            f'<p class="news-card-teaser">{esc(a.teaser)}</p>\n'
            f'<a class="more" href="{a.path}">อ่านต่อ</a>\n</div>'
        )
    pager = ['<nav class="pagination">']
    if page > 1:
        prev = "/nhso/news" if page == 2 else f"/nhso/news?page={page - 1}"
        pager.append(f'<a class="prev" rel="prev" href="{prev}">&laquo; ก่อนหน้า</a>')
    for n in range(1, total + 1):
        href = "/nhso/news" if n == 1 else f"/nhso/news?page={n}"
        cls = ' class="active"' if n == page else ""
        pager.append(f'<a{cls} href="{href}">{n}</a>')
    if page < total:
        pager.append(f'<a class="next" rel="next" href="/nhso/news?page={page + 1}">ถัดไป &raquo;</a>')
    pager.append("</nav>")
    title = "ข่าวสาร | สำนักงานหลักประกันสุขภาพแห่งชาติ"
    return (
        NHSO_HEAD.format(title=esc(title), extra="")
        + '<div class="breadcrumb"><a href="/nhso/">หน้าแรก</a> &gt; <span>ข่าวสาร</span></div>\n'
        + '<main class="container"><div class="col-main">\n<h1 class="page-title">ข่าวสาร</h1>\n'
        + "\n".join(cards) + "\n" + " ".join(pager) + "\n</div>\n"
        + _nhso_sidebar(None) + "</main>\n" + NHSO_FOOTER
    )


def nhso_article(a: Article) -> str:
    """/nhso/news/<id>: h1, date line "20 พฤษภาคม 2567", body, attachments, share, sidebar."""
    body = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
    attach = ""
    if a.attachment:
        attach = (
            '<div class="attachments"><h3>ไฟล์ที่เกี่ยวข้อง</h3><ul>'
            f'<li><a href="{a.attachment_path}" target="_blank">{esc(a.attachment[0])}</a> (PDF)</li></ul></div>\n'
        )
    extra = (
        f'<link rel="canonical" href="{a.path}">\n'
        f'<meta property="og:title" content="{esc(a.title)}">\n'
        '<meta property="og:site_name" content="สำนักงานหลักประกันสุขภาพแห่งชาติ">\n'
    )
    return (
        NHSO_HEAD.format(title=esc(f"{a.title} | สำนักงานหลักประกันสุขภาพแห่งชาติ"), extra=extra)
        + '<div class="breadcrumb"><a href="/nhso/">หน้าแรก</a> &gt; <a href="/nhso/news">ข่าวสาร</a> &gt; '
        + f"<span>{esc(a.title)}</span></div>\n"
        + '<main class="container"><div class="col-main">\n<article class="news-detail">\n'
        + f'<h1 class="news-title">{esc(a.title)}</h1>\n'
        + f'<div class="news-date">{thai_date_long(a.published)}</div>\n'
        + f'<div class="news-views">จำนวนผู้เข้าชม {fmt_views(a.views)} ครั้ง</div>\n'
        + f'<div class="news-content">\n{body}\n</div>\n'
        + attach
        + f'<div class="share">แชร์ข่าวนี้: {share_links(a.path.removeprefix("/nhso"), "www.nhso.go.th")}</div>\n'
        + '<div class="back-top"><a href="/nhso/news">กลับ</a> | <a href="#top">ขึ้นบน</a></div>\n'
        + "</article>\n</div>\n"
        + _nhso_sidebar(a) + "</main>\n" + NHSO_FOOTER
    )


def nhso_rss(base_url: str) -> str:
    """RSS 2.0 with the newest ten items only, as feeds usually carry; links absolute."""
    items = []
    for a in site_articles("nhso")[:10]:
        when = datetime.combine(a.published, time(9, 0), tzinfo=BANGKOK)
        items.append(
            "<item>\n"
            f"<title>{esc(a.title)}</title>\n"
            f"<link>{esc(base_url + a.path)}</link>\n"
            f'<guid isPermaLink="true">{esc(base_url + a.path)}</guid>\n'
            f"<pubDate>{format_datetime(when)}</pubDate>\n"
            f"<description>{esc(a.teaser)}</description>\n"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        "<title>ข่าวสาร สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.)</title>\n"
        f"<link>{esc(base_url)}/nhso/news</link>\n"
        "<description>ข่าวประชาสัมพันธ์ สปสช.</description>\n<language>th</language>\n"
        + "\n".join(items) + "\n</channel>\n</rss>\n"
    )


# ----------------------------------------------------------------------------- thaigov.go.th

THAIGOV_HEAD = """<!DOCTYPE html>
<html lang="th">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{title}</title>
{extra}<link href="/thaigov/assets/css/style.css" rel="stylesheet">
</head>
<body>
<a name="top"></a>
<div id="header" class="header-gov">
<div class="container-fluid"><div class="logo-gov"><a href="/thaigov/"><span class="font_level3">รัฐบาลไทย</span>
<span class="font_level1">ROYAL THAI GOVERNMENT</span></a></div>
<div class="access-tools"><a href="#">ก-</a> <a href="#">ก</a> <a href="#">ก+</a> | <a href="/thaigov/en">ENG</a></div></div>
<div class="menu-gov"><ul class="nav-gov">
<li><a href="/thaigov/">หน้าแรก</a></li>
<li><a href="/thaigov/news/contents/ministry">ข่าวสาร</a></li>
<li><a href="/thaigov/aboutus">เกี่ยวกับรัฐบาล</a></li>
<li><a href="/thaigov/multimedia">มัลติมีเดีย</a></li>
<li><a href="/thaigov/contact">ติดต่อทำเนียบรัฐบาล</a></li>
</ul></div>
</div>
"""

THAIGOV_FOOTER = """<div id="footer" class="footer-gov">
<div class="container-fluid">
<div class="col-footer">ทำเนียบรัฐบาล เลขที่ 1 ถนนพิษณุโลก แขวงดุสิต เขตดุสิต กรุงเทพมหานคร 10300
โทร. 0 2288 4000 | ศูนย์บริการประชาชน สายด่วนรัฐบาล 1111</div>
<div class="col-footer">จำนวนผู้เข้าชมเว็บไซต์ 48,702,913 ครั้ง</div>
<div class="col-footer">Copyright © 2568 สำนักโฆษก สำนักเลขาธิการนายกรัฐมนตรี All rights reserved.</div>
</div></div>
</body>
</html>
"""


def _thaigov_popular(article: Article | None) -> str:
    items = popular(article) if article else site_articles("thaigov")[:5]
    rows = "\n".join(
        f'<div class="popular-item"><a href="{a.path}">{esc(a.title)}</a>'
        f'<span class="date-small">{thai_date_numeric(a.published)}</span></div>'
        for a in items
    )
    return f'<div class="col-md-3 right-col">\n<div class="head-popular">ข่าวยอดนิยม</div>\n{rows}\n</div>\n'


def thaigov_listing(page: int) -> str:
    """/thaigov/news/contents/ministry (+?page=N): rows with a numeric date, "หน้าถัดไป"."""
    total = page_count("thaigov")
    base = "/thaigov/news/contents/ministry"
    rows = []
    for a in page_items("thaigov", page):
        rows.append(
            '<div class="row news-row">\n'
            f'<div class="col-md-2 date-news">{thai_date_numeric(a.published)}</div>\n'
            f'<div class="col-md-10"><a class="news-link" href="{a.path}">{esc(a.title)}</a>'
            f'<div class="news-cat">{esc(a.category or "ข่าวกระทรวง")}</div></div>\n</div>'
        )
    pager = ['<ul class="pagination">']
    for n in range(1, total + 1):
        href = base if n == 1 else f"{base}?page={n}"
        cls = ' class="active"' if n == page else ""
        pager.append(f'<li{cls}><a href="{href}">{n}</a></li>')
    if page < total:
        pager.append(f'<li><a rel="next" href="{base}?page={page + 1}">หน้าถัดไป</a></li>')
    if page > 1:
        prev = base if page == 2 else f"{base}?page={page - 1}"
        pager.append(f'<li><a rel="prev" href="{prev}">หน้าก่อนหน้า</a></li>')
    pager.append("</ul>")
    return (
        THAIGOV_HEAD.format(title="รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-ข่าวกระทรวง", extra="")
        + '<div class="container-fluid"><ol class="breadcrumb"><li><a href="/thaigov/">หน้าแรก</a></li>'
        + "<li>ข่าวสาร</li><li>ข่าวกระทรวง</li></ol></div>\n"
        + '<div class="container-fluid"><div class="row">\n<div class="col-md-9">\n'
        + '<div class="headtitle">ข่าวกระทรวง</div>\n'
        + "\n".join(rows) + "\n" + "".join(pager) + "\n</div>\n"
        + _thaigov_popular(None) + "</div></div>\n" + THAIGOV_FOOTER
    )


def thaigov_article(a: Article) -> str:
    """/thaigov/news/contents/details/<n>: weekday date line, <br>-separated body, "11/04/2561"."""
    published = datetime.combine(a.published, time(10, 0), tzinfo=BANGKOK).isoformat()
    extra = (
        f'<meta property="og:title" content="{esc(a.title)}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="article:published_time" content="{published}">\n'
    )
    body = "<br>\n<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + esc(p) for p in a.paragraphs)
    attach = ""
    if a.attachment:
        attach = (
            '<div class="attach-file"><span class="font_level4">ไฟล์ที่เกี่ยวข้อง</span><br>'
            f'<a href="{a.attachment_path}"><img src="/thaigov/assets/img/pdf.png" alt="">'
            f" {esc(a.attachment[0])}</a></div>\n"
        )
    return (
        THAIGOV_HEAD.format(title=esc(f"รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-{a.title}"), extra=extra)
        + '<div class="container-fluid"><ol class="breadcrumb"><li><a href="/thaigov/">หน้าแรก</a></li>'
        + '<li><a href="/thaigov/news/contents/ministry">ข่าวสาร</a></li>'
        + f"<li>{esc(a.category or 'ข่าวกระทรวง')}</li></ol></div>\n"
        + '<div class="container-fluid"><div class="row">\n<div class="col-md-9 detail-col">\n'
        + f'<div class="Circular"><span class="font_level5">{thai_date_weekday(a.published)}</span></div>\n'
        + f'<div class="view-count"><i class="fa fa-eye"></i> จำนวนผู้เข้าชม {fmt_views(a.views)} ครั้ง</div>\n'
        + f'<h1 class="font_level2 color2">{esc(a.title)}</h1>\n'
        + f'<div class="border-normal-news-detail">\n{body}\n</div>\n'
        + '<div class="news-footnote">-----------------------</div>\n'
        + f'<div class="news-date-end">ข่าวโดย: {esc(a.category or "ข่าวกระทรวง")} วันที่ {thai_date_numeric(a.published)}</div>\n'
        + attach
        + f'<div class="share-tools">แบ่งปัน {share_links(a.path.removeprefix("/thaigov"), "www.thaigov.go.th")}'
        + ' <a href="javascript:window.print()">พิมพ์</a></div>\n'
        + '<div class="nav-tools"><a href="/thaigov/news/contents/ministry">กลับ</a> | <a href="#top">ขึ้นบน</a></div>\n'
        + "</div>\n" + _thaigov_popular(a) + "</div></div>\n" + THAIGOV_FOOTER
    )


# ----------------------------------------------------------------------------- provincial site (windows-874)

LOCAL_NAME = "ข่าวภูธรออนไลน์"

LOCAL_HEAD = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-874">
<title>{title}</title>
<link href="/localnews/style.css" rel="stylesheet" type="text/css">
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<a name="top"></a>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="banner"><img src="/localnews/images/banner.jpg" width="980" height="120" alt="{name}"></td></tr>
<tr><td class="menubar" bgcolor="#003366">
<a href="/localnews/index.php">หน้าแรก</a> | <a href="/localnews/index.php?cat=1">ข่าวท้องถิ่น</a> |
<a href="/localnews/index.php?cat=2">ข่าวสาธารณสุข</a> | <a href="/localnews/index.php?cat=3">ข่าวประชาสัมพันธ์</a> |
<a href="/localnews/webboard.php">เว็บบอร์ด</a> | <a href="/localnews/contact.php">ติดต่อเรา</a>
</td></tr>
<tr><td><marquee scrollamount="3">ยินดีต้อนรับสู่ {name} ข่าวสารท้องถิ่นทันเหตุการณ์ ส่งข่าวประชาสัมพันธ์ได้ที่ news@localnews.example</marquee></td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="4" cellspacing="0">
<tr>
"""

LOCAL_FOOTER = """</tr>
</table>
<table width="980" border="0" align="center" cellpadding="6" cellspacing="0" bgcolor="#003366">
<tr><td class="footer" align="center">{name} 99/9 ถนนศรีจันทร์ ตำบลในเมือง อำเภอเมือง จังหวัดขอนแก่น 40000
โทร. 043-000-000<br>
Copyright &copy; 2551-2568 {name} All Rights Reserved. | ผู้ชมขณะนี้ 12 คน</td></tr>
</table>
</body>
</html>
"""


def _local_left(article: Article | None) -> str:
    items = popular(article, 6) if article else site_articles("localnews")[:6]
    rows = "\n".join(
        f'<tr><td class="pop">&raquo; <a href="{a.path}">{esc(a.title)}</a></td></tr>' for a in items
    )
    return (
        '<td width="240" valign="top" class="leftcol">\n'
        '<table width="100%" border="0" cellpadding="3" cellspacing="0">\n'
        '<tr><td class="boxhead" bgcolor="#CC0000"><b>ข่าวยอดนิยม</b></td></tr>\n'
        f"{rows}\n"
        '<tr><td class="boxhead" bgcolor="#CC0000"><b>ลิงก์หน่วยงาน</b></td></tr>\n'
        '<tr><td><a href="https://www.nhso.go.th/" target="_blank">สปสช.</a><br>'
        '<a href="https://www.moph.go.th/" target="_blank">กระทรวงสาธารณสุข</a></td></tr>\n'
        "</table>\n</td>\n"
    )


def _local_date(a: Article) -> str:
    """Old provincial sites mix formats; alternate them so both get exercised."""
    if a.id % 2:
        return f"วันที่ {thai_date_slash(a.published)} เวลา 10:{a.id % 60:02d} น."
    return f"ลงข่าวเมื่อ {thai_date_short(a.published)}"


def local_listing(page: int) -> str:
    """/localnews/index.php (+?page=N): five per page, "หน้า 1 2 ถัดไป »"."""
    total = page_count("localnews")
    rows = []
    for a in page_items("localnews", page):
        rows.append(
            f'<tr><td class="listtopic"><a href="{a.path}"><b>{esc(a.title)}</b></a><br>\n'
            f'<font color="#999999" size="1">{_local_date(a)}</font><br>\n{esc(a.teaser)}</td></tr>'
        )
    pages = " ".join(
        f"<b>[{n}]</b>" if n == page else f'<a href="/localnews/index.php?page={n}">{n}</a>'
        for n in range(1, total + 1)
    )
    if page < total:
        pages += f' <a href="/localnews/index.php?page={page + 1}">ถัดไป &raquo;</a>'
    return (
        LOCAL_HEAD.format(title=esc(f"{LOCAL_NAME} :: หน้าแรก"), name=LOCAL_NAME)
        + _local_left(None)
        + '<td valign="top" class="maincol">\n<table width="100%" border="0" cellpadding="5" cellspacing="0">\n'
        + '<tr><td class="head" bgcolor="#EEEEEE">ข่าวล่าสุด</td></tr>\n'
        + "\n".join(rows) + "\n"
        + f'<tr><td align="center" class="pages">หน้า {pages}</td></tr>\n</table>\n</td>\n'
        + LOCAL_FOOTER.format(name=LOCAL_NAME)
    )


def local_article(a: Article) -> str:
    """/localnews/news.php?id=N: nested tables, a date line, <p> body, counter and comment form."""
    body = "\n".join(f'<p class="detail">&nbsp;&nbsp;&nbsp;&nbsp;{esc(p)}</p>' for p in a.paragraphs)
    attach = ""
    if a.attachment:
        attach = (
            f'<tr><td><b>ไฟล์ที่เกี่ยวข้อง :</b> <a href="{a.attachment_path}">{esc(a.attachment[0])}</a></td></tr>\n'
        )
    return (
        LOCAL_HEAD.format(title=esc(f"{a.title} :: {LOCAL_NAME}"), name=LOCAL_NAME)
        + _local_left(a)
        + '<td valign="top" class="maincol">\n<table width="100%" border="0" cellpadding="5" cellspacing="0">\n'
        + '<tr><td class="nav"><a href="/localnews/index.php">หน้าแรก</a> &raquo; '
        + f'<a href="/localnews/index.php?cat=2">{esc(a.category or "ข่าวสาธารณสุข")}</a> &raquo; อ่านข่าว</td></tr>\n'
        + f'<tr><td class="topic"><h2>{esc(a.title)}</h2></td></tr>\n'
        + f'<tr><td class="date"><font color="#666666">{_local_date(a)}</font></td></tr>\n'
        + f"<tr><td>\n{body}\n</td></tr>\n"
        + attach
        + f'<tr><td class="counter">จำนวนผู้เข้าชม {fmt_views(a.views)} ครั้ง | '
        + f'<a href="/localnews/print.php?id={a.id}">พิมพ์ข่าวนี้</a> | '
        + share_links(f"/news.php?id={a.id}", "www.localnews.example") + "</td></tr>\n"
        + '<tr><td align="right"><a href="javascript:history.back()">กลับ</a> | <a href="#top">ขึ้นบน</a></td></tr>\n'
        + '<tr><td class="comment"><b>แสดงความคิดเห็น</b> (ความคิดเห็น 0 รายการ)\n'
        + f'<form method="post" action="/localnews/comment.php?id={a.id}">\n'
        + 'ชื่อ: <input type="text" name="name" size="30"><br>\n'
        + 'ความคิดเห็น:<br><textarea name="message" rows="5" cols="60"></textarea><br>\n'
        + 'รหัสยืนยัน: <input type="text" name="captcha" size="6"> '
        + '<input type="submit" value="ส่งความคิดเห็น"></form></td></tr>\n'
        + "</table>\n</td>\n"
        + LOCAL_FOOTER.format(name=LOCAL_NAME)
    )


# ----------------------------------------------------------------------------- shared pages


def home_page() -> str:
    """/: links the three sites, so a crawl started at the root finds everything."""
    return """<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>Khao offline mirror</title></head>
<body>
<h1>Khao offline mirror</h1>
<p>Local imitations of Thai news sites, for demos and tests without internet.</p>
<ul>
<li><a href="/nhso/news">สำนักงานหลักประกันสุขภาพแห่งชาติ (สปสช.) — ข่าวสาร</a> (<a href="/nhso/rss.xml">RSS</a>)</li>
<li><a href="/thaigov/news/contents/ministry">รัฐบาลไทย — ข่าวกระทรวง</a></li>
<li><a href="/localnews/index.php">ข่าวภูธรออนไลน์ (windows-874)</a></li>
</ul>
</body></html>
"""


ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"


def not_found_page() -> str:
    """A plain 404 page in Thai, as real sites serve one."""
    return """<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>404 ไม่พบหน้าที่ต้องการ</title></head>
<body><h1>404</h1><p>ไม่พบหน้าที่ต้องการ (Not Found)</p><p><a href="/">กลับหน้าแรก</a></p></body></html>
"""
