"""Extraction on saved pages: title, date, main text with must-contain / must-not-contain phrases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from config.errors import InputError
from nlp.html import decode_html, extract_html, publish_date

PAGES = Path(__file__).parent / "pages"
BOILERPLATE = ["ข่าวยอดนิยม", "จำนวนผู้เข้าชม", "ขึ้นบน", "แชร์ Facebook", "สงวนลิขสิทธิ์", "หน้าหลัก",
               "ถนนแจ้งวัฒนะ", "ข่าวล่าสุด", "แสดงความคิดเห็น", "อ่าน 1,024 ครั้ง", "Copyright"]


def local_page(charset_meta: str) -> bytes:
    html = (PAGES / "local_news_tis620.html").read_text(encoding="utf-8").replace("<!--CHARSET-->", charset_meta)
    return html.encode("cp874")


def test_nhso_article() -> None:
    page = extract_html((PAGES / "nhso_article.html").read_text(encoding="utf-8"), "https://www.nhso.go.th/news/9")
    assert page.title == "สปสช.เขต 7 ขอนแก่น ลงนามความร่วมมือกับ 4 จังหวัด พัฒนากองทุนหลักประกันสุขภาพ"
    assert (page.published_at, page.date_source) == ("2023-03-14", "text")
    for phrase in ("จัดพิธีลงนามบันทึกข้อตกลงความร่วมมือ", "การดำเนินงานจะเน้น", "ขอนแก่น | 235",
                   "สายด่วน สปสช. 1330"):
        assert phrase in page.text
    for phrase in BOILERPLATE:
        assert phrase not in page.text
    assert page.looks_like_article()


@pytest.mark.parametrize("meta, header", [
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-874">', None),
    ('<meta http-equiv="Content-Type" content="text/html; charset=tis-620">', None),
    ("", "TIS-620"),
    ("", None),  # no declaration at all
    ("", "ISO-8859-1"),  # a wrong Latin declaration from the server
])
def test_tis620_pages_decode_whatever_they_declare(meta: str, header: str | None) -> None:
    body = local_page(meta)
    html = decode_html(body, header)
    page = extract_html(html, "http://localnews.example/news.php?id=121")
    assert page.title == "อบจ.ภูเก็ต ต้อนรับคณะศึกษาดูงานกองทุนหลักประกันสุขภาพ"
    assert page.published_at == "2022-02-03"
    assert "เทศบาลตำบลบรบือ จังหวัดมหาสารคาม" in page.text
    assert "ก่อนเดินทางกลับในช่วงบ่าย" in page.text
    for phrase in BOILERPLATE:
        assert phrase not in page.text


def test_listing_page_is_not_an_article() -> None:
    page = extract_html((PAGES / "listing.html").read_text(encoding="utf-8"), "https://www.nhso.go.th/news")
    assert not page.looks_like_article()
    assert ("https://www.nhso.go.th/news?page=2", "หน้าถัดไป") in page.links


@pytest.mark.parametrize("html", ["", "   ", "\n\n"])
def test_empty_page_is_a_clear_error(html: str) -> None:
    with pytest.raises(InputError, match="empty page"):
        extract_html(html)


def test_malformed_html_still_extracts() -> None:
    html = "<html><body><div><p>ข่าว สปสช. " + "หลักประกันสุขภาพถ้วนหน้า " * 20 + "<p><div><b>ไม่ปิดแท็ก"
    page = extract_html(html)
    assert "หลักประกันสุขภาพถ้วนหน้า" in page.text


def test_meta_and_jsonld_dates_win_and_future_dates_are_rejected() -> None:
    import lxml.html

    meta = lxml.html.document_fromstring('<html><head><meta property="article:published_time" '
                                        'content="2018-04-11T10:00:00+07:00"></head><body>x</body></html>')
    assert publish_date(meta, "", "", "") == ("2018-04-11", "meta")
    jsonld = lxml.html.document_fromstring('<html><head><script type="application/ld+json">'
                                          '{"@type": "NewsArticle", "datePublished": "2021-01-05"}</script></head>'
                                          '<body>x</body></html>')
    assert publish_date(jsonld, "", "", "") == ("2021-01-05", "jsonld")
    future = lxml.html.document_fromstring("<html><body><h1>ข่าว</h1><p>1 มกราคม 2580</p></body></html>")
    assert publish_date(future, "ข่าว 1 มกราคม 2580", "ข่าว", "", today=date(2026, 11, 22)) == (None, None)
    empty = lxml.html.document_fromstring("<html><body>x</body></html>")
    assert publish_date(empty, "", "", "https://x.go.th/2024/05/20/news") == ("2024-05-20", "url")
