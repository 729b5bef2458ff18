"""`unseen`: a community-health blog on a WordPress-style theme, unlike the other sites.

It exists to check that a source configured with nothing but a name and start URLs is crawled
completely and correctly by generic discovery (no selectors, no patterns). Hard cases:

- the front page and the category, tag and ``/page/2/`` listings are made of ``<article>``
  elements with excerpts, and the "about" page is an ``<article class="page">`` with long text and
  no date: none of these is an article;
- posts ``/YYYY/MM/DD/slug/``; one slug is Thai, so its URL is percent-encoded; a URL without the
  trailing slash answers 301 to the one with it; ``/?p=<id>`` shortlinks answer 301 too;
- dates: ``<time datetime>`` with +07:00 (and a later ``class="updated"`` time), one in UTC that
  is already the next day in Bangkok (2024-01-31T18:30Z = 1 Feb 01:30), one with a date only,
  and two posts with nothing but Thai text ("12 ม.ค. 2567", "20 ธันวาคม 2566");
- ``robots.txt`` → sitemap index → post/page/category sitemaps; an RSS feed at ``/feed/``;
- boilerplate: "เรื่องล่าสุด" (every post's title), categories, tag cloud, related posts, readers'
  comments and the comment form, a "Meta" widget linking ``/wp-login.php``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import quote

from tests.sites import thai
from tests.sites.articles import UNSEEN_ABOUT, UNSEEN_POSTS, Article
from tests.sites.base import Query, Response, TestSite, html_response, http_date, morning, redirect, text_response
from tests.sites.base import esc as _esc

PER_PAGE = 3
SITE_TITLE = "บันทึกสุขภาพชุมชน"
CATEGORIES = {"local-health-fund": "กองทุนสุขภาพท้องถิ่น", "gold-card": "บัตรทอง",
              "community": "สุขภาพชุมชน", "partnership": "ความร่วมมือ"}


@dataclass(frozen=True)
class PostMeta:
    """How the blog files and dates a post (the text itself is in articles.py)."""

    post_id: int
    category: str
    tags: tuple[str, ...]
    time_datetime: str | None = None   # <time datetime="...">; None: the theme prints Thai text only
    updated_datetime: str | None = None
    note: str = ""


META: dict[str, PostMeta] = {
    "local-fund-elderly-care": PostMeta(
        105, "local-health-fund", ("กปท.", "ผู้สูงอายุ"), "2024-03-05T09:30:00+07:00", "2024-03-07T16:12:00+07:00",
        note="<time datetime> +07:00 plus a later 'updated' <time>; readers' comments"),
    "สิทธิทันตกรรมบัตรทอง": PostMeta(
        104, "gold-card", ("สิทธิบัตรทอง", "ทันตกรรม"), "2024-01-31T18:30:00+00:00",
        note="Thai slug (percent-encoded URL); <time datetime> in UTC, 1 Feb in Bangkok"),
    "village-health-volunteers-screening": PostMeta(
        103, "community", ("อสม.", "กปท."), note="no <time>: date only as Thai text '12 ม.ค. 2567'; listing page 2"),
    "mou-university-caregivers": PostMeta(
        102, "partnership", ("MOU",), note="no <time>: date only as Thai text '20 ธันวาคม 2566'; listing page 2"),
    "newborn-rights-gold-card": PostMeta(
        101, "gold-card", ("สิทธิบัตรทอง",), "2023-11-30", note="<time datetime> holding a date only; oldest"),
}
SHORT_THAI_DATE = {"village-health-volunteers-screening"}  # "12 ม.ค. 2567" rather than the long form

COMMENTS = {
    "local-fund-elderly-care": (
        ("ครูสมศรี", "ที่ตำบลของดิฉันก็เริ่มทำราวจับในห้องน้ำแล้วค่ะ ผู้สูงอายุชอบมาก"),
        ("อาสาปัว", "ขอบคุณที่นำเรื่องของบ้านเรามาเล่าต่อครับ"),
    ),
}


def post_path(article: Article) -> str:
    return f"/{article.published:%Y/%m/%d}/{quote(article.key)}/"


def tag_path(tag: str) -> str:
    return f"/tag/{quote(tag)}/"


class UnseenSite(TestSite):
    name = "unseen"
    server_header = "Apache"
    boilerplate = (
        "เรื่องล่าสุด", "หมวดหมู่", "ป้ายกำกับ", "บทความที่เกี่ยวข้อง", "ใส่ความเห็น", "แสดงความเห็น",
        "ภูมิใจนำเสนอโดย WordPress", "เข้าสู่ระบบ", "ข้ามไปยังเนื้อหา",
    )

    def __init__(self) -> None:
        super().__init__()
        self.posts: tuple[Article, ...] = UNSEEN_POSTS
        self._by_path = {post_path(p): p for p in self.posts}
        self._by_id = {META[p.key].post_id: p for p in self.posts}

    # ---- expectations --------------------------------------------------------------------------
    def start_paths(self) -> list[str]:
        return ["/"]

    def page_count(self) -> int:
        return -(-len(self.posts) // PER_PAGE)

    def not_article_paths(self) -> list[str]:
        tags = sorted({tag for meta in META.values() for tag in meta.tags})
        return ["/", *(f"/page/{n}/" for n in range(2, self.page_count() + 1)), "/about/", "/wp-login.php",
                *(f"/category/{slug}/" for slug in CATEGORIES), *(tag_path(tag) for tag in tags)]

    def alias_paths(self) -> dict[str, str]:
        aliases = {f"/?p={META[p.key].post_id}": post_path(p) for p in self.posts}
        aliases.update({post_path(p).rstrip("/"): post_path(p) for p in self.posts})
        return aliases

    def expected_articles(self) -> list[dict[str, Any]]:
        result = []
        for post in self.posts:
            extra = [p.title for p in self.posts if p is not post]  # "เรื่องล่าสุด" lists them all
            if post.key in COMMENTS:
                extra += [text for _, text in COMMENTS[post.key]]
            result.append(self.expected(post_path(post), post, extra_boilerplate=extra, note=META[post.key].note))
        return result

    # ---- routing -------------------------------------------------------------------------------
    def route(self, path: str, query: Query, headers: Message) -> Response:
        if path == "/" and "p" in query:
            post = self._by_id.get(int(query["p"][0])) if query["p"][0].isdigit() else None
            return redirect(self.url + post_path(post)) if post else self._not_found()
        if path == "/":
            return html_response(self.listing_page(self.posts[:PER_PAGE], 1, SITE_TITLE))
        if path.startswith("/page/"):
            raw = path.removeprefix("/page/").strip("/")
            page = int(raw) if raw.isdigit() else 0
            if not 2 <= page <= self.page_count():
                return self._not_found()
            return html_response(self.listing_page(self.posts[(page - 1) * PER_PAGE: page * PER_PAGE], page, SITE_TITLE))
        if quote(path) in self._by_path:
            return html_response(self.post_page(self._by_path[quote(path)]))
        if quote(path) + "/" in self._by_path:
            return redirect(self.url + quote(path) + "/")
        if path.startswith("/category/"):
            slug = path.removeprefix("/category/").strip("/")
            if slug in CATEGORIES:
                posts = tuple(p for p in self.posts if META[p.key].category == slug)
                return html_response(self.listing_page(posts, 1, f"หมวดหมู่: {CATEGORIES[slug]}"))
        if path.startswith("/tag/"):
            tag = path.removeprefix("/tag/").strip("/")
            posts = tuple(p for p in self.posts if tag in META[p.key].tags)
            if posts:
                return html_response(self.listing_page(posts, 1, f"ป้ายกำกับ: {tag}"))
        if path == "/about/":
            return html_response(self.about_page())
        if path == "/wp-login.php":
            return html_response(self._layout("เข้าสู่ระบบ", "<form><input name='log'><input type='password' name='pwd'></form>"))
        if path == "/robots.txt":
            return text_response(f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                                 f"Sitemap: {self.url}/sitemap_index.xml\n", "text/plain; charset=utf-8")
        if path in ("/sitemap_index.xml", "/post-sitemap.xml", "/page-sitemap.xml", "/category-sitemap.xml"):
            return text_response(self.sitemap(path), "application/xml; charset=utf-8")
        if path == "/feed/":
            return text_response(self.feed(), "application/rss+xml; charset=UTF-8")
        return self._not_found()

    def _not_found(self) -> Response:
        return html_response(self._layout("ไม่พบหน้า", "<h1 class='page-title'>ไม่พบหน้าที่ต้องการ</h1>"), status=404)

    # ---- rendering -----------------------------------------------------------------------------
    def _date_html(self, post: Article) -> str:
        meta = META[post.key]
        if meta.time_datetime is None:
            shown = thai.short_date(post.published) if post.key in SHORT_THAI_DATE else thai.long_date(post.published)
            return f'<span class="posted-on">โพสต์เมื่อ {shown}</span>'
        updated = ""
        if meta.updated_datetime:
            updated_day = dt.date.fromisoformat(meta.updated_datetime[:10])
            updated = f'<time class="updated" datetime="{meta.updated_datetime}">{thai.long_date(updated_day)}</time>'
        return (f'<span class="posted-on">โพสต์เมื่อ <a href="{post_path(post)}" rel="bookmark">'
                f'<time class="entry-date published" datetime="{meta.time_datetime}">{thai.long_date(post.published)}</time>'
                f"{updated}</a></span>")

    def _layout(self, title: str, main: str, head: str = "") -> str:
        recent = "\n".join(f'    <li><a href="{post_path(p)}">{_esc(p.title)}</a></li>' for p in self.posts)
        categories = "\n".join(f'    <li><a href="/category/{slug}/">{name}</a></li>' for slug, name in CATEGORIES.items())
        tags = " ".join(f'<a href="{tag_path(t)}" class="tag-cloud-link">{_esc(t)}</a>'
                        for t in sorted({t for m in META.values() for t in m.tags}))
        return f"""<!doctype html>
<html lang="th">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)} &#8211; {SITE_TITLE}</title>
<link rel="alternate" type="application/rss+xml" title="{SITE_TITLE} &raquo; ฟีด" href="{self.url}/feed/">
{head}<meta name="generator" content="WordPress 6.5.3">
</head>
<body class="wp-singular">
<a class="skip-link screen-reader-text" href="#content">ข้ามไปยังเนื้อหา</a>
<header id="masthead" class="site-header">
 <p class="site-title"><a href="/" rel="home">{SITE_TITLE}</a></p>
 <nav class="main-navigation"><ul><li><a href="/">หน้าแรก</a></li><li><a href="/about/">เกี่ยวกับเรา</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<main id="main" class="site-main">
{main}
</main>
<aside id="secondary" class="widget-area">
 <section class="widget widget_recent_entries"><h2 class="widget-title">เรื่องล่าสุด</h2>
  <ul>
{recent}
  </ul>
 </section>
 <section class="widget widget_categories"><h2 class="widget-title">หมวดหมู่</h2>
  <ul>
{categories}
  </ul>
 </section>
 <section class="widget widget_tag_cloud"><h2 class="widget-title">ป้ายกำกับ</h2>
  <div class="tagcloud">{tags}</div>
 </section>
 <section class="widget widget_meta"><h2 class="widget-title">Meta</h2>
  <ul><li><a href="/wp-login.php">เข้าสู่ระบบ</a></li><li><a href="/feed/">ฟีดเรื่อง</a></li></ul>
 </section>
</aside>
</div>
<footer id="colophon" class="site-footer"><a href="https://wordpress.org/">ภูมิใจนำเสนอโดย WordPress</a></footer>
</body>
</html>
"""

    def post_page(self, post: Article) -> str:
        meta = META[post.key]
        canonical = self.url + post_path(post)
        head = (f'<link rel="canonical" href="{canonical}">\n'
                f'<link rel="shortlink" href="{self.url}/?p={meta.post_id}">\n')
        body = "\n".join(f"  <p>{_esc(p)}</p>" for p in post.paragraphs)
        tags = ", ".join(f'<a href="{tag_path(t)}" rel="tag">{_esc(t)}</a>' for t in meta.tags)
        related = [p for p in self.posts if p is not post][:2]
        related_html = "\n".join(f'   <li><a href="{post_path(p)}">{_esc(p.title)}</a></li>' for p in related)
        comments = COMMENTS.get(post.key, ())
        comment_list = "\n".join(
            f'   <li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">{_esc(who)}</b> '
            f'<span class="says">พูดว่า:</span></footer><div class="comment-content"><p>{_esc(text)}</p></div></article></li>'
            for who, text in comments
        )
        comment_block = (f'  <h2 class="comments-title">{len(comments)} ความเห็นบน &ldquo;{_esc(post.title)}&rdquo;</h2>\n'
                         f'  <ol class="comment-list">\n{comment_list}\n  </ol>\n') if comments else ""
        main = f"""<article id="post-{meta.post_id}" class="post-{meta.post_id} post type-post status-publish format-standard hentry category-{meta.category}">
 <header class="entry-header">
  <h1 class="entry-title">{_esc(post.title)}</h1>
  <div class="entry-meta">{self._date_html(post)} <span class="byline">โดย <a href="/">ทีมงาน</a></span></div>
 </header>
 <div class="entry-content">
{body}
 </div>
 <footer class="entry-footer"><span class="cat-links">เรื่องใน <a href="/category/{meta.category}/" rel="category tag">{CATEGORIES[meta.category]}</a></span>
  <span class="tags-links">ป้ายกำกับ {tags}</span></footer>
</article>
<div class="related-posts"><h3>บทความที่เกี่ยวข้อง</h3>
  <ul>
{related_html}
  </ul>
</div>
<div id="comments" class="comments-area">
{comment_block}  <div id="respond" class="comment-respond"><h3 class="comment-reply-title">ใส่ความเห็น</h3>
   <form action="/wp-comments-post.php" method="post"><p>ชื่อ * <input name="author"></p><p>อีเมล * <input name="email"></p>
   <textarea name="comment"></textarea><p class="form-submit"><button type="submit" class="submit">แสดงความเห็น</button></p></form>
  </div>
</div>"""
        return self._layout(post.title, main, head)

    def listing_page(self, posts: tuple[Article, ...], page: int, heading: str) -> str:
        items = "\n".join(
            f"""<article id="post-{META[p.key].post_id}" class="post type-post hentry">
 <header class="entry-header"><h2 class="entry-title"><a href="{post_path(p)}" rel="bookmark">{_esc(p.title)}</a></h2>
  <div class="entry-meta">{self._date_html(p)}</div></header>
 <div class="entry-summary"><p>{_esc(p.paragraphs[0][:140])} [&hellip;]</p></div>
 <a class="more-link" href="{post_path(p)}">อ่านต่อ &raquo;</a>
</article>"""
            for p in posts
        )
        nav = ""
        if heading == SITE_TITLE:
            older = f'<a class="next" href="/page/{page + 1}/">เรื่องก่อนหน้า</a>' if page < self.page_count() else ""
            newer = (f'<a class="prev" href="{"/" if page == 2 else f"/page/{page - 1}/"}">เรื่องใหม่กว่า</a>'
                     if page > 1 else "")
            nav = f'\n<nav class="navigation posts-navigation">{older} {newer}</nav>'
        return self._layout(heading, f'<header class="page-header"><h1 class="page-title">{_esc(heading)}</h1></header>\n'
                                     f"{items}{nav}")

    def about_page(self) -> str:
        main = f"""<article id="post-2" class="post-2 page type-page status-publish hentry">
 <header class="entry-header"><h1 class="entry-title">เกี่ยวกับเรา</h1></header>
 <div class="entry-content">
  <p>{_esc(UNSEEN_ABOUT)}</p>
  <p>ติดต่อทีมงาน: editor@example.org</p>
 </div>
</article>"""
        return self._layout("เกี่ยวกับเรา", main, f'<link rel="canonical" href="{self.url}/about/">\n')

    def sitemap(self, path: str) -> str:
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        if path == "/sitemap_index.xml":
            maps = "\n".join(f"  <sitemap><loc>{self.url}/{name}-sitemap.xml</loc><lastmod>2024-03-07T09:12:00+00:00</lastmod></sitemap>"
                             for name in ("post", "page", "category"))
            return head + f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{maps}\n</sitemapindex>\n'
        if path == "/post-sitemap.xml":
            locs = [(self.url + post_path(p), p.published.isoformat()) for p in self.posts]
        elif path == "/page-sitemap.xml":
            locs = [(self.url + "/", "2024-03-05"), (self.url + "/about/", "2023-10-01")]
        else:
            locs = [(f"{self.url}/category/{slug}/", "2024-03-05") for slug in CATEGORIES]
        urls = "\n".join(f"  <url><loc>{loc}</loc><lastmod>{lastmod}</lastmod></url>" for loc, lastmod in locs)
        return head + f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'

    @staticmethod
    def _moment(post: Article) -> dt.datetime:
        """When the post went out: its <time datetime> when it has a full one, else 09:00 Bangkok."""
        stamp = META[post.key].time_datetime
        return dt.datetime.fromisoformat(stamp) if stamp and "T" in stamp else morning(post.published)

    def feed(self) -> str:
        items = "\n".join(
            f"""  <item>
   <title>{_esc(p.title)}</title>
   <link>{self.url}{post_path(p)}</link>
   <pubDate>{http_date(self._moment(p)).replace("GMT", "+0000")}</pubDate>
   <guid isPermaLink="false">{self.url}/?p={META[p.key].post_id}</guid>
   <description><![CDATA[{p.paragraphs[0][:140]} [&#8230;]]]></description>
  </item>"""
            for p in self.posts
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
 <title>{SITE_TITLE}</title>
 <link>{self.url}/</link>
 <description>เรื่องเล่าสุขภาพชุมชน</description>
 <language>th</language>
{items}
</channel>
</rss>
"""
