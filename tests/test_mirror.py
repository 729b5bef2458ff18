"""The bundled offline mirror: what `khao demo` and the crawler tests rely on.

These tests talk HTTP to a real MirrorServer (urllib only), because the point of the mirror is
what a crawler sees on the wire: status codes, headers, encodings, links and pagination.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from mirror import MirrorServer, demo_sources, expected_articles
from mirror.data import load_articles

DECOMPOSED = "\u0e14\u0e4d\u0e32\u0e40\u0e19\u0e34\u0e19\u0e07\u0e32\u0e19"  # ด + ํ + า + เนินงาน
COMPOSED = "\u0e14\u0e33\u0e40\u0e19\u0e34\u0e19\u0e07\u0e32\u0e19"  # ดำเนินงาน
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def server():
    with MirrorServer() as srv:
        yield srv


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body; HTTP errors are returned, not raised; redirects not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, method=method), timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def decode(source: str, body: bytes) -> str:
    return body.decode("cp874" if source == "mirror-localnews" else "utf-8")


def hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page)]


# ----------------------------------------------------------------------------- contract


def test_expected_articles_counts_and_shape() -> None:
    arts = expected_articles()
    assert len(arts) == 36
    assert Counter(a["source"] for a in arts) == {"mirror-nhso": 16, "mirror-thaigov": 12, "mirror-localnews": 8}
    assert len({(a["source"], a["path"]) for a in arts}) == 36
    years = set()
    for a in arts:
        assert set(a) == {"source", "path", "title", "published_at", "body_contains", "must_not_contain"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", a["published_at"])
        years.add(int(a["published_at"][:4]))
        assert len(a["body_contains"]) == 2 and all(len(p) >= 8 for p in a["body_contains"])
        assert a["must_not_contain"] == ["ข่าวยอดนิยม", "จำนวนผู้เข้าชม"]
    assert years == set(range(2017, 2026))


def test_demo_sources_point_at_listing_pages() -> None:
    assert demo_sources("http://127.0.0.1:9") == [
        {"name": "mirror-nhso", "start_urls": ["http://127.0.0.1:9/nhso/news"]},
        {"name": "mirror-thaigov", "start_urls": ["http://127.0.0.1:9/thaigov/news/contents/ministry"]},
        {"name": "mirror-localnews", "start_urls": ["http://127.0.0.1:9/localnews/index.php"]},
    ]


def test_article_bodies_are_realistic() -> None:
    for a in load_articles():
        assert 600 <= len(a.body) <= 1500, a.path
        assert 3 <= len(a.paragraphs) <= 6, a.path
        assert "ข่าวยอดนิยม" not in a.body and "จำนวนผู้เข้าชม" not in a.body
        for phrase in a.phrases:
            assert phrase in a.body
    with_compound = [a for a in load_articles() if "หลักประกันสุขภาพ" in a.body]
    assert len(with_compound) >= 30


def test_exactly_one_article_writes_decomposed_sara_am() -> None:
    decomposed = [a for a in load_articles() if DECOMPOSED in a.body]
    assert len(decomposed) == 1
    assert COMPOSED not in decomposed[0].body
    assert "ธนาคารเลือด" in decomposed[0].title
    composed = [a for a in load_articles() if COMPOSED in a.body]
    assert len(composed) >= 2
    # no other article hides a nikhahit anywhere
    assert sum("\u0e4d" in a.body for a in load_articles()) == 1


def test_one_press_release_is_syndicated_on_two_sites() -> None:
    by_body: dict[tuple[str, ...], list] = {}
    for a in load_articles():
        by_body.setdefault(a.paragraphs, []).append(a)
    copies = [group for group in by_body.values() if len(group) > 1]
    assert len(copies) == 1
    assert {a.site for a in copies[0]} == {"nhso", "thaigov"}


# ----------------------------------------------------------------------------- over HTTP


def test_home_robots_and_404(server: MirrorServer) -> None:
    status, headers, body = fetch(server.url + "/")
    assert status == 200
    links = hrefs(body.decode("utf-8"))
    for source in demo_sources(""):
        assert source["start_urls"][0] in links

    status, headers, body = fetch(server.url + "/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    lines = [line.strip() for line in body.decode().splitlines() if line.strip()]
    assert lines == ["User-agent: *", "Disallow: /private/"]

    for path in ["/nope", "/nhso/news/999999", "/nhso/news/abc", "/nhso/news?page=99", "/nhso/news?page=0",
                 "/thaigov/news/contents/details/1", "/localnews/news.php?id=7", "/localnews/news.php",
                 "/localnews/index.php?page=9", "/private/secret"]:
        assert fetch(server.url + path)[0] == 404, path


def test_site_roots_redirect_to_listings(server: MirrorServer) -> None:
    status, headers, _ = fetch(server.url + "/nhso/")
    assert status == 301 and headers["Location"] == "/nhso/news"


@pytest.mark.parametrize("source", ["mirror-nhso", "mirror-thaigov", "mirror-localnews"])
def test_pagination_reaches_every_article(server: MirrorServer, source: str) -> None:
    start = next(s for s in demo_sources(server.url) if s["name"] == source)["start_urls"][0]
    listing_path = start.removeprefix(server.url)
    expected = {a["path"] for a in expected_articles() if a["source"] == source}
    todo, seen_listings, found = [listing_path], set(), set()
    while todo:
        path = todo.pop()
        if path in seen_listings:
            continue
        seen_listings.add(path)
        status, _, body = fetch(server.url + path)
        assert status == 200, path
        for link in hrefs(decode(source, body)):
            if link.startswith(listing_path + "?page=") or link == listing_path:
                todo.append(link)
            elif link in expected:
                found.add(link)
    assert found == expected
    assert len(seen_listings) >= 2  # more than one page: pagination exercised


def test_every_article_served_with_title_body_and_boilerplate(server: MirrorServer) -> None:
    for a in expected_articles():
        status, headers, body = fetch(server.url + a["path"])
        assert status == 200, a["path"]
        page = decode(a["source"], body)
        assert "<title>" in page and html.escape(a["title"]) in page, a["path"]
        for phrase in a["body_contains"]:
            assert phrase in page, (a["path"], phrase)
        for marker in a["must_not_contain"]:
            assert marker in page, "the boilerplate must be there for the extractor to drop"
        assert "กลับ</a> | <a href=\"#top\">ขึ้นบน" in page


def test_localnews_is_windows_874_declared_only_in_meta(server: MirrorServer) -> None:
    for path in ["/localnews/index.php", "/localnews/index.php?page=2"] + [
            a["path"] for a in expected_articles() if a["source"] == "mirror-localnews"]:
        status, headers, body = fetch(server.url + path)
        assert status == 200
        assert headers["Content-Type"] == "text/html"
        assert b'<meta http-equiv="Content-Type" content="text/html; charset=windows-874">' in body
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        body.decode("cp874")  # strict: every byte is valid TIS-620 / windows-874


def test_utf8_sites_declare_charset_in_header(server: MirrorServer) -> None:
    for path in ["/nhso/news", "/nhso/news/4213", "/thaigov/news/contents/ministry",
                 "/thaigov/news/contents/details/84562"]:
        status, headers, body = fetch(server.url + path)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        body.decode("utf-8")


def test_date_formats_per_site(server: MirrorServer) -> None:
    page = fetch(server.url + "/nhso/news/4213")[2].decode()
    assert '<div class="news-date">17 กรกฎาคม 2567</div>' in page
    assert "article:published_time" not in page

    page = fetch(server.url + "/thaigov/news/contents/details/10245")[2].decode()
    assert "วันพุธที่ 25 เมษายน 2561" in page
    assert page.index("วันพุธที่ 25 เมษายน 2561") < page.index("25/04/2561")
    assert '<meta property="article:published_time" content="2018-04-25T10:00:00+07:00">' in page

    page = fetch(server.url + "/localnews/news.php?id=1893")[2].decode("cp874")
    assert "วันที่ 3/02/2565" in page
    page = fetch(server.url + "/localnews/news.php?id=1012")[2].decode("cp874")
    assert "2 พ.ย. 60" in page


def test_rss_has_the_ten_newest_items(server: MirrorServer) -> None:
    status, headers, body = fetch(server.url + "/nhso/rss.xml")
    assert status == 200 and "xml" in headers["Content-Type"]
    root = ET.fromstring(body)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert len(items) == 10
    nhso = sorted((a for a in expected_articles() if a["source"] == "mirror-nhso"),
                  key=lambda a: a["published_at"], reverse=True)
    assert [i.findtext("link") for i in items] == [server.url + a["path"] for a in nhso[:10]]
    assert [i.findtext("title") for i in items] == [a["title"] for a in nhso[:10]]
    assert all(i.findtext("pubDate") for i in items)


def test_decomposed_article_served_as_written(server: MirrorServer) -> None:
    pages = {a["path"]: decode(a["source"], fetch(server.url + a["path"])[2]) for a in expected_articles()}
    holders = [p for p, text in pages.items() if DECOMPOSED in text]
    assert len(holders) == 1
    assert COMPOSED not in pages[holders[0]]
    assert sum(COMPOSED in text for text in pages.values()) >= 2


def test_attachments_are_linked_and_missing(server: MirrorServer) -> None:
    linked = []
    for a in expected_articles():
        page = decode(a["source"], fetch(server.url + a["path"])[2])
        if "ไฟล์ที่เกี่ยวข้อง" in page:
            pdfs = [h for h in hrefs(page) if h.endswith(".pdf")]
            assert len(pdfs) == 1
            linked.append(pdfs[0])
    assert 3 <= len(linked) <= 4
    assert {urllib.parse.urlsplit(p).path.split("/")[1] for p in linked} == {"nhso", "thaigov"}
    for pdf in linked:
        assert fetch(server.url + pdf)[0] == 404


def test_syndicated_copies_differ_in_layout(server: MirrorServer) -> None:
    a = fetch(server.url + "/nhso/news/4213")[2].decode()
    b = fetch(server.url + "/thaigov/news/contents/details/84562")[2].decode()
    assert "<title>รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-สปสช. - ธ.ก.ส." in b
    assert "<title>สปสช. - ธ.ก.ส." in a
    phrase = "เพราะค่ารักษาพยาบาลเป็นสาเหตุหนึ่งของการก่อหนี้นอกระบบ"
    assert phrase in a and phrase in b


def test_comment_form_on_one_site_only(server: MirrorServer) -> None:
    assert b'<form method="post" action="/localnews/comment.php' in fetch(server.url + "/localnews/news.php?id=2230")[2]
    assert b'method="post"' not in fetch(server.url + "/nhso/news/4213")[2]
    assert b'method="post"' not in fetch(server.url + "/thaigov/news/contents/details/84562")[2]


def test_head_returns_headers_without_body(server: MirrorServer) -> None:
    status, headers, body = fetch(server.url + "/nhso/news/4213", method="HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == len(fetch(server.url + "/nhso/news/4213")[2])
    assert fetch(server.url + "/nope", method="HEAD")[0] == 404


def test_two_servers_get_distinct_ports_and_stop_cleanly() -> None:
    a, b = MirrorServer().start(), MirrorServer().start()
    try:
        assert a.url != b.url
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", a.url)
        assert fetch(b.url + "/robots.txt")[0] == 200
    finally:
        a.stop()
        b.stop()
        b.stop()  # idempotent
    with pytest.raises(OSError):
        urllib.request.urlopen(a.url + "/robots.txt", timeout=2)


def test_python_m_mirror_prints_url_and_serves() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "mirror", "--port", "0"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert fetch(url + "/robots.txt")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)
