"""The local test sites themselves (tests/sites/): they must serve what their expectations claim.

Crawler tests trust ``expected_articles()`` and the hard cases; these checks, with plain urllib,
make sure that trust is deserved: every expected article is served with its title and phrases,
the boilerplate phrases really are on the pages, pagination/feed/sitemap/robots say what the
docstrings say, and the HTTP-level faults (304, 301, charsets, slow, 404, 500, truncation) happen.
"""

from __future__ import annotations

import gzip
import html
import http.client
import io
import re
import time
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from pypdf import PdfReader

from tests.sites import SITE_NAMES, TestSite, start_sites, stop_sites, thai
from tests.sites.articles import (
    LOCALNEWS_ARTICLES, NHSO_ARTICLES, SYNDICATION_ARTICLES, THAIGOV_ARTICLES, UNSEEN_POSTS, Article,
)
from tests.sites.base import visible_text


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, TestSite]]:
    running = start_sites()
    try:
        yield running
    finally:
        stop_sites(running)


@dataclass
class Fetched:
    status: int
    headers: Message
    body: bytes

    def text(self, encoding: str = "utf-8") -> str:
        return self.body.decode(encoding)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def fetch(url: str, headers: dict[str, str] | None = None, follow: bool = True, timeout: float = 10) -> Fetched:
    """GET with urllib; an HTTP error status is a result here, not an exception."""
    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return Fetched(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers, error.read())


def links(page: str, base: str) -> list[str]:
    """Absolute hrefs of a page, fragments kept (they are part of some hard cases)."""
    return [urljoin(base, html.unescape(href)) for href in re.findall(r'href="([^"]+)"', page)]


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def page_text(site: TestSite, url: str) -> str:
    response = fetch(url)
    assert response.status == 200, url
    return response.text("cp874" if site.name == "localnews" else "utf-8")


# ---- every site -----------------------------------------------------------------------------


def test_each_site_is_its_own_origin(sites: dict[str, TestSite]) -> None:
    assert set(sites) == set(SITE_NAMES) == {"nhso", "thaigov", "localnews", "syndication", "unseen"}
    origins = {site.url for site in sites.values()}
    assert len(origins) == len(sites)
    assert all(re.fullmatch(r"http://127\.0\.0\.1:\d+", origin) for origin in origins)


@pytest.mark.parametrize("name", SITE_NAMES)
def test_source_config_is_only_name_and_start_urls(sites: dict[str, TestSite], name: str) -> None:
    source = sites[name].source()
    assert set(source) == {"name", "start_urls"} and source["name"] == name
    for url in source["start_urls"]:
        assert url.startswith(sites[name].url) and fetch(url).status == 200


@pytest.mark.parametrize("name", SITE_NAMES)
def test_every_expected_article_is_served_as_described(sites: dict[str, TestSite], name: str) -> None:
    site = sites[name]
    expected = site.expected_articles()
    assert 4 <= len(expected) <= 8
    assert len({e["url"] for e in expected}) == len(expected)
    for entry in expected:
        assert set(entry) >= {"url", "title", "published_at", "must_contain", "must_not_contain", "attachments"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["published_at"])
        page = page_text(site, entry["url"])
        text = visible_text(page)
        assert entry["title"] in text, entry["url"]
        assert len(entry["must_contain"]) >= 2
        for phrase in entry["must_contain"]:
            assert phrase in text, (entry["url"], phrase)
        # a boilerplate phrase is a real trap only if it is on this page and not in the article
        assert len(entry["must_not_contain"]) >= 5, entry["url"]
        for phrase in entry["must_not_contain"]:
            assert phrase in text, (entry["url"], phrase)
            assert not any(phrase in p for p in entry["must_contain"])
        assert entry["url"] not in site.not_articles


@pytest.mark.parametrize("articles", [NHSO_ARTICLES, THAIGOV_ARTICLES, LOCALNEWS_ARTICLES, SYNDICATION_ARTICLES,
                                      UNSEEN_POSTS], ids=["nhso", "thaigov", "localnews", "syndication", "unseen"])
def test_article_texts_are_realistic_news_lengths(articles: tuple[Article, ...]) -> None:
    for article in articles:
        assert 300 <= len(article.text) <= 1200, (article.key, len(article.text))


@pytest.mark.parametrize("name", SITE_NAMES)
def test_not_articles_are_reachable_but_not_articles(sites: dict[str, TestSite], name: str) -> None:
    site = sites[name]
    assert site.not_articles
    statuses = {}
    for url in site.not_articles:
        try:
            statuses[path_of(url)] = fetch(url).status
        except http.client.IncompleteRead:
            statuses[path_of(url)] = "truncated"
    if name == "syndication":
        assert sorted(map(str, statuses.values())) == ["200", "404", "500", "truncated"]
    else:
        assert set(statuses.values()) == {200}, statuses


def test_hits_count_every_request_by_path_and_query(sites: dict[str, TestSite]) -> None:
    site = sites["thaigov"]
    site.reset_counters()
    fetch(site.url + "/news/contents/ministry?page=2")
    fetch(site.url + "/news/contents/ministry?page=2")
    fetch(site.url + "/news/contents/ministry")
    assert site.hits["/news/contents/ministry?page=2"] == 2
    assert site.hits["/news/contents/ministry"] == 1
    assert site.served["/news/contents/ministry?page=2"] == 2
    assert [record.status for record in site.log] == [200, 200, 200]


# ---- nhso ---------------------------------------------------------------------------------------


def test_nhso_pagination_is_the_only_way_to_some_articles(sites: dict[str, TestSite]) -> None:
    site = sites["nhso"]
    article_urls = set(site.article_urls())
    per_page = {}
    for page in (1, 2, 3):
        items = page_text(site, f"{site.url}/news?page={page}").split('<div class="news-item')[1:]
        per_page[page] = {u for item in items for u in links(item.split("</div>")[0], site.url) if u in article_urls}
    assert [len(per_page[p]) for p in (1, 2, 3)] == [3, 3, 1]
    assert set().union(*per_page.values()) == article_urls
    assert page_text(site, site.url + "/news") == page_text(site, site.url + "/news?page=1")
    assert fetch(site.url + "/news?page=4").status == 404
    assert f"{site.url}/news?page=2" in links(page_text(site, site.url + "/news"), site.url)

    # 1504 and 1503 are on listing page 2 and nowhere else: not home, feed, sitemap or any article
    only_page_2 = {f"{site.url}/news/1504", f"{site.url}/news/1503"}
    assert only_page_2 <= per_page[2]
    elsewhere = page_text(site, site.url + "/") + page_text(site, site.url + "/rss.xml") \
        + page_text(site, site.url + "/sitemap.xml") + page_text(site, site.url + "/news?page=1") \
        + page_text(site, site.url + "/news?page=3") + "".join(page_text(site, u) for u in article_urls)
    for url in only_page_2:
        assert path_of(url) not in elsewhere and url not in elsewhere


def test_nhso_feed_lists_only_the_newest_three(sites: dict[str, TestSite]) -> None:
    site = sites["nhso"]
    response = fetch(site.url + "/rss.xml")
    assert response.headers["Content-Type"].startswith("application/rss+xml")
    items = ET.fromstring(response.body).findall("./channel/item")
    assert [item.findtext("link") for item in items] == [f"{site.url}/news/{k}" for k in ("1507", "1506", "1505")]
    assert items[0].findtext("title") == NHSO_ARTICLES[0].title
    assert "/rss.xml" in page_text(site, site.url + "/")  # <link rel="alternate"> feed discovery


def test_nhso_robots_forbid_private_and_name_the_sitemap(sites: dict[str, TestSite]) -> None:
    site = sites["nhso"]
    robots = fetch(site.url + "/robots.txt").text()
    assert "Disallow: /private/" in robots
    assert f"Sitemap: {site.url}/sitemap.xml" in robots
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots.splitlines())
    assert not parser.can_fetch("KhaoBot", site.url + "/private/secret-news")
    assert parser.can_fetch("KhaoBot", site.url + "/news/1507")
    assert parser.site_maps() == [f"{site.url}/sitemap.xml"]
    # the listing links the private page in plain sight: only robots.txt keeps a crawler out
    assert f"{site.url}/private/secret-news" in links(page_text(site, site.url + "/news"), site.url)
    assert f"{site.url}/private/secret-news" in site.not_articles

    sitemap = ET.fromstring(fetch(site.url + "/sitemap.xml").body)
    locs = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{site.url}/news/1502" in locs and f"{site.url}/news/1501" in locs
    assert f"{site.url}/news/1507" not in locs  # stale sitemap: the newest are missing


def test_nhso_date_below_headline(sites: dict[str, TestSite]) -> None:
    site = sites["nhso"]
    page = page_text(site, site.url + "/news/1507")
    assert re.search(r"</h1>\s*<div class=\"news-date\">20 พฤษภาคม 2567</div>", page)
    assert '<div class="news-date">๘ พฤษภาคม ๒๕๖๗</div>' in page_text(site, site.url + "/news/1505")
    by_url = {e["url"]: e for e in site.expected_articles()}
    assert by_url[f"{site.url}/news/1507"]["published_at"] == "2024-05-20"
    assert by_url[f"{site.url}/news/1505"]["published_at"] == "2024-05-08"
    assert by_url[f"{site.url}/news/1504"]["published_at"] == "2024-04-29"  # body says 26 เมษายน 2567


def test_nhso_conditional_get_answers_304(sites: dict[str, TestSite]) -> None:
    site = sites["nhso"]
    url = site.url + "/news/1506"
    first = fetch(url)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag and last_modified == "Tue, 14 May 2024 02:00:00 GMT"
    site.reset_counters()
    assert fetch(url, {"If-None-Match": etag}).status == 304
    assert fetch(url, {"If-Modified-Since": last_modified}).status == 304
    assert fetch(url, {"If-Modified-Since": "Wed, 01 May 2024 00:00:00 GMT"}).status == 200
    assert fetch(url, {"If-None-Match": '"stale"', "If-Modified-Since": last_modified}).status == 200  # ETag wins
    assert site.hits["/news/1506"] == 4 and site.served["/news/1506"] == 2
    not_modified = fetch(url, {"If-None-Match": etag})
    assert not_modified.body == b"" and not_modified.headers["ETag"] == etag
    assert "ETag" not in fetch(site.url + "/news").headers  # listings change: no validators


def test_nhso_attachments_text_and_scanned_pdf(sites: dict[str, TestSite]) -> None:
    site = sites["nhso"]
    by_url = {e["url"]: e for e in site.expected_articles()}
    text_pdf, = by_url[f"{site.url}/news/1507"]["attachments"]
    scanned, = by_url[f"{site.url}/news/1504"]["attachments"]
    for attachment, article in ((text_pdf, "1507"), (scanned, "1504")):
        page = page_text(site, f"{site.url}/news/{article}")
        assert "ไฟล์ที่เกี่ยวข้อง" in page and attachment["url"] in links(page, site.url)

    response = fetch(text_pdf["url"])
    assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
    assert response.headers["ETag"]
    extracted = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body)).pages)
    assert text_pdf["has_text"] and text_pdf["must_contain"]
    for phrase in text_pdf["must_contain"]:
        assert phrase in extracted, phrase

    response = fetch(scanned["url"])
    reader = PdfReader(io.BytesIO(response.body))
    assert not scanned["has_text"] and scanned["must_contain"] == []
    assert all(not (page.extract_text() or "").strip() for page in reader.pages)
    assert len(reader.pages[0].images) == 1  # the page is one scanned image
    assert fetch(scanned["url"], {"If-None-Match": response.headers["ETag"]}).status == 304


# ---- thaigov ------------------------------------------------------------------------------------


def test_thaigov_dates_title_and_canonical(sites: dict[str, TestSite]) -> None:
    site = sites["thaigov"]
    page = page_text(site, site.url + "/news/contents/details/11702")
    assert "วันพุธที่ 11 เมษายน 2561" in page and "11/04/2561 14:35 น." in page
    assert f'<link rel="canonical" href="{site.url}/news/contents/details/11702">' in page
    assert "<title>รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-ครม. เห็นชอบ" in page and "<h1" not in page
    assert "11/04/2561" in page_text(site, site.url + "/news/contents/ministry")
    for article in THAIGOV_ARTICLES:  # the weekday is the true one for every date line
        assert thai.weekday_date(article.published) in page_text(site, f"{site.url}/news/contents/details/{article.key}")


def test_thaigov_tracking_params_fragments_and_redirect(sites: dict[str, TestSite]) -> None:
    site = sites["thaigov"]
    hrefs = links(page_text(site, site.url + "/news/contents/ministry"), site.url) \
        + links(page_text(site, site.url + "/news/contents/ministry?page=2"), site.url)
    assert f"{site.url}/news/contents/details/11688?utm_source=fb&utm_medium=social#comment" in hrefs
    assert f"{site.url}/news/contents/details/11547#content" in hrefs
    assert f"{site.url}/news/contents/details/11547?ref=popular" in hrefs
    assert f"{site.url}/news/old/11603" in hrefs

    clean = page_text(site, site.url + "/news/contents/details/11688")
    assert page_text(site, site.url + "/news/contents/details/11688?utm_source=fb&utm_medium=social") == clean
    for alias, canonical in site.aliases.items():
        assert canonical in site.article_urls()
        assert f'<link rel="canonical" href="{canonical}">' in page_text(site, alias)

    moved = fetch(site.url + "/news/old/11603", follow=False)
    assert moved.status == 301 and moved.headers["Location"] == f"{site.url}/news/contents/details/11603"
    everything = "".join(page_text(site, f"{site.url}/news/contents/ministry?page={n}") for n in (1, 2, 3))
    assert "/news/contents/details/11603" not in everything  # only the old URL leads there


def test_thaigov_gzip_when_asked(sites: dict[str, TestSite]) -> None:
    site = sites["thaigov"]
    response = fetch(site.url + "/news/contents/details/11520", {"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.body).decode("utf-8") == page_text(site, site.url + "/news/contents/details/11520")


# ---- localnews ----------------------------------------------------------------------------------


def test_localnews_tis620_declared_three_ways_and_not_at_all(sites: dict[str, TestSite]) -> None:
    site = sites["localnews"]
    seen = {}
    for key in ("21", "22", "23", "24"):
        response = fetch(f"{site.url}/news.php?id={key}")
        with pytest.raises(UnicodeDecodeError):
            response.body.decode("utf-8")
        text = response.body.decode("tis-620")
        assert response.body.decode("cp874") == text
        head = text[: text.index("</head>")].lower()
        seen[key] = (response.headers["Content-Type"], "charset" in head)
    assert seen == {
        "21": ("text/html; charset=tis-620", False),  # header only
        "22": ("text/html", True),                    # <meta http-equiv> only
        "23": ("text/html", False),                   # nowhere
        "24": ("text/html", True),                    # <meta charset> only
    }
    assert "windows-874" in fetch(f"{site.url}/news.php?id=22").body.decode("cp874")
    assert '<meta charset="tis-620">' in fetch(f"{site.url}/news.php?id=24").body.decode("cp874")
    listing = fetch(site.url + "/")
    assert listing.headers["Content-Type"] == "text/html; charset=tis-620"
    with pytest.raises(UnicodeDecodeError):
        listing.body.decode("utf-8")


def test_localnews_dates_and_query_string_urls(sites: dict[str, TestSite]) -> None:
    site = sites["localnews"]
    assert "โพสต์เมื่อ : 3 ก.พ. 65" in page_text(site, f"{site.url}/news.php?id=21")
    assert "โพสต์เมื่อ : วันที่ 14/02/2565" in page_text(site, f"{site.url}/news.php?id=22")
    assert "โพสต์เมื่อ : 25 ก.พ. 65" in page_text(site, f"{site.url}/news.php?id=23")
    assert "โพสต์เมื่อ : วันที่ 3/03/2565" in page_text(site, f"{site.url}/news.php?id=24")
    published = {e["url"].rsplit("=", 1)[1]: e["published_at"] for e in site.expected_articles()}
    assert published == {"21": "2022-02-03", "22": "2022-02-14", "23": "2022-02-25", "24": "2022-03-03"}
    listed = links(page_text(site, site.url + "/"), site.url) + links(page_text(site, site.url + "/index.php?page=2"), site.url)
    assert set(site.article_urls()) <= set(listed)
    assert fetch(f"{site.url}/news.php").status == 404  # the id is the article


# ---- syndication --------------------------------------------------------------------------------


def test_syndicated_copy_of_the_nhso_release(sites: dict[str, TestSite]) -> None:
    site, nhso = sites["syndication"], sites["nhso"]
    copy_url, original_url = f"{site.url}/content/2024/05/30512", f"{nhso.url}/news/1506"
    assert site.copies == {copy_url: original_url}
    entry = {e["url"]: e for e in site.expected_articles()}[copy_url]
    original = {e["url"]: e for e in nhso.expected_articles()}[original_url]
    assert entry["copy_of"] == original_url and original["copy_of"] is None
    assert entry["title"] == "[ข่าวประชาสัมพันธ์] " + original["title"]
    assert entry["must_contain"] == original["must_contain"]
    copy_text, original_text = visible_text(page_text(site, copy_url)), visible_text(page_text(nhso, original_url))
    for paragraph in NHSO_ARTICLES[1].paragraphs:
        assert paragraph in copy_text and paragraph in original_text
    assert "Wed, 2024-05-15 10:32" in copy_text and entry["published_at"] == "2024-05-15"


def test_syndication_without_nhso_has_no_copy_target() -> None:
    alone = start_sites(["syndication"])
    try:
        assert alone["syndication"].copies == {}
        assert any(e["copy_of"] is None and e["title"].startswith("[ข่าวประชาสัมพันธ์]")
                   for e in alone["syndication"].expected_articles())
    finally:
        stop_sites(alone)


def test_syndication_faults(sites: dict[str, TestSite]) -> None:
    site = sites["syndication"]
    front = links(page_text(site, site.url + "/"), site.url)
    assert set(site.article_urls()) | set(site.not_articles) - {site.url + "/"} <= set(front)

    started = time.monotonic()
    assert fetch(f"{site.url}/content/2024/05/30477").status == 200
    assert time.monotonic() - started >= 1.9

    assert fetch(f"{site.url}/content/2024/03/29999").status == 404
    error = fetch(f"{site.url}/content/2024/04/30401")
    assert error.status == 500 and "ระบบขัดข้อง" in error.text()

    connection = http.client.HTTPConnection(urlsplit(site.url).netloc, timeout=5)
    connection.request("GET", "/content/2024/04/30433")
    response = connection.getresponse()
    declared = int(response.headers["Content-Length"])
    with pytest.raises(http.client.IncompleteRead) as cut:
        response.read()
    connection.close()
    partial = cut.value.partial
    assert len(partial) < declared
    assert partial.endswith(b"<p cla")  # cut in the middle of a tag
    assert f"{site.url}/content/2024/04/30433" in site.not_articles


# ---- unseen -------------------------------------------------------------------------------------


def test_unseen_sitemap_index_leads_to_every_post(sites: dict[str, TestSite]) -> None:
    site = sites["unseen"]
    robots = fetch(site.url + "/robots.txt").text()
    assert f"Sitemap: {site.url}/sitemap_index.xml" in robots
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    index = ET.fromstring(fetch(site.url + "/sitemap_index.xml").body)
    assert index.tag == ns + "sitemapindex"
    locs = []
    for sitemap in index.iter(ns + "loc"):
        locs += [loc.text for loc in ET.fromstring(fetch(sitemap.text).body).iter(ns + "loc")]
    assert set(site.article_urls()) <= set(locs)
    assert f"{site.url}/about/" in locs and f"{site.url}/about/" in site.not_articles
    feed = ET.fromstring(fetch(site.url + "/feed/").body)
    assert [i.findtext("link") for i in feed.iter("item")] == site.article_urls()


def test_unseen_posts_are_reachable_by_links_from_the_start_url(sites: dict[str, TestSite]) -> None:
    site = sites["unseen"]
    seen, queue = set(), list(site.source()["start_urls"])
    while queue:
        url = queue.pop()
        if url in seen or not url.startswith(site.url) or url.endswith((".php", "/feed/")):
            continue
        seen.add(url)
        response = fetch(url)
        if response.status == 200 and "text/html" in response.headers["Content-Type"]:
            queue += [u.split("#")[0] for u in links(response.text(), url)]
    assert set(site.article_urls()) <= seen


def test_unseen_urls_dates_and_non_articles(sites: dict[str, TestSite]) -> None:
    site = sites["unseen"]
    by_title = {e["title"]: e for e in site.expected_articles()}
    dental = by_title["สิทธิทันตกรรมบัตรทอง: ขูดหินปูน อุดฟัน ถอนฟัน ทำได้ที่ไหนบ้าง"]
    assert "%E0%B8%AA" in dental["url"] and unquote(dental["url"]).endswith("/2024/02/01/สิทธิทันตกรรมบัตรทอง/")
    dental_page = page_text(site, dental["url"])
    assert 'datetime="2024-01-31T18:30:00+00:00">1 กุมภาพันธ์ 2567</time>' in dental_page
    assert dental["published_at"] == "2024-02-01"  # Bangkok's date, not the UTC one

    elderly = page_text(site, f"{site.url}/2024/03/05/local-fund-elderly-care/")
    assert 'class="entry-date published" datetime="2024-03-05T09:30:00+07:00"' in elderly
    assert 'class="updated" datetime="2024-03-07T16:12:00+07:00"' in elderly
    assert "โพสต์เมื่อ 12 ม.ค. 2567" in page_text(site, f"{site.url}/2024/01/12/village-health-volunteers-screening/")
    assert "โพสต์เมื่อ 20 ธันวาคม 2566" in page_text(site, f"{site.url}/2023/12/20/mou-university-caregivers/")
    assert "<time" not in page_text(site, f"{site.url}/2023/12/20/mou-university-caregivers/").split('class="entry-meta"')[1][:200]

    for alias, canonical in site.aliases.items():
        moved = fetch(alias, follow=False)
        assert moved.status == 301 and moved.headers["Location"] == canonical, alias
    about = page_text(site, site.url + "/about/")
    assert 'class="post-2 page type-page' in about and "<time" not in about
    assert page_text(site, site.url + "/").count("<article") == 3
    assert fetch(site.url + "/page/3/").status == 404
