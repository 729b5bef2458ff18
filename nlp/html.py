"""Main text, title and publish date from an HTML page, tuned for Thai government sites.

Thai government pages wrap a few paragraphs of news in menus, "ข่าวยอดนิยม" sidebars, view
counters ("จำนวนผู้เข้าชม"), "กลับ | ขึ้นบน" links and comment forms, are often encoded in
TIS-620 / Windows-874 (declared or not), and give the date only as visible Thai text with a
Buddhist-era year. General-purpose extractors handle none of the dates (THAI-SEARCH-NOTES.md),
so this module scores text blocks itself (readability-style: long, link-poor paragraphs win)
and finds dates with :mod:`nlp.thai_dates`.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from config.errors import InputError
from nlp.normalize import normalize_text
from nlp.thai_dates import find_dates, parse_date

# TIS-620 and ISO-8859-11 are subsets of Windows-874; decoding with cp874 reads all three.
_THAI_CHARSETS = {"tis-620", "tis620", "iso-8859-11", "iso8859-11", "windows-874", "x-windows-874", "cp874"}
_LATIN_CHARSETS = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_THAI_CHAR = re.compile("[\u0e01-\u0e5b]")

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
              "button", "select", "textarea", "svg", "template", "object", "embed", "label", "input")
_BOILERPLATE_ATTR = re.compile(
    r"(^|[\s_-])(menu|nav|navbar|sidebar|side-bar|footer|breadcrumbs?|share|social|comments?|related|"
    r"popular|widget|banner|advert|ads|pagination|pager|counter|views?|stat|tags|toolbar|topbar|skip)"
    r"($|[\s_-])",
    re.I,
)
_BLOCK_TAGS = {"p", "div", "td", "li", "blockquote", "pre", "section", "article", "main", "dd", "dt",
               "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "center", "font", "body"}
# Lines that are page furniture wherever they appear.
_BOILERPLATE_LINE = re.compile(
    r"จำนวนผู้เข้าชม|ผู้เข้าชม\s*[:：]?\s*[\d,]+|เข้าชม\s*[\d,]+\s*ครั้ง|อ่าน\s*[\d,]+\s*ครั้ง|^กลับ\s*(\||$)|ขึ้นบน|"
    r"^ข่าวยอดนิยม|^ข่าวที่เกี่ยวข้อง|^แชร์|^share\b|^พิมพ์\s*$|^print\s*$|^tags?\s*:|"
    r"แสดงความคิดเห็น|ความคิดเห็นของคุณ|^ชื่อ\s*[:：]?\s*$|^อีเมล|^ส่งความคิดเห็น|^copyright|สงวนลิขสิทธิ์|©",
    re.I,
)
_PAGED_URL = re.compile(r"[?&](page|p|paged|start|offset)=\d+|/page/\d+|/(category|tag|tags|author)/", re.I)
_READ_MORE = re.compile(r"^(อ่านต่อ|อ่านเพิ่มเติม|อ่านรายละเอียด|รายละเอียดเพิ่มเติม|read more|continue reading|more)\W*$", re.I)
_MAX_FURNITURE_LINE = 80
_COMMENTS_START = re.compile(r"^(ความคิดเห็นที่\s*\d+|แสดงความคิดเห็น|ความคิดเห็นทั้งหมด|\d+\s*ความคิดเห็น|"
                             r"comments?\s*(\(\d+\))?$|\d+\s+comments?|leave a (comment|reply))", re.I)
_META_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "publishdate", "pubdate",
                   "dc.date", "dc.date.issued", "dcterms.created", "date", "publish-date", "sailthru.date")
_URL_DATE = re.compile(r"/((?:19|20|25)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|$|[^\d])")


@dataclass
class Extracted:
    """What a page yields before NLP: the fields the Document needs from HTML."""

    title: str
    text: str
    published_at: str | None
    date_source: str | None
    canonical_url: str | None
    links: list[tuple[str, str]]  # (absolute URL, anchor text)
    attachments: list[dict[str, str]]
    link_density: float  # share of the main block's text inside links: high on listing pages

    listing_links: int = 0  # links in the main block with headline-length text
    read_more_links: int = 0  # "อ่านต่อ" / "read more" links in the main block
    url: str = ""

    def looks_like_article(self) -> bool:
        """An article has a title, a date and a main block of prose, not a list of headlines.

        Static pages (about, contact, policies) have no publish date; listing pages have several
        headline links, truncated teasers, "read more" links or a page number in the URL.
        """
        headlines = self.listing_links
        teasers = sum(1 for line in self.text.split("\n") if line.rstrip().endswith(("...", "…")))
        listing = (headlines >= 4
                   or (headlines >= 2 and (self.link_density >= 0.2 or teasers >= 2))
                   or (self.read_more_links >= 1 and (teasers >= 1 or headlines >= 1))
                   or (headlines >= 1 and bool(_PAGED_URL.search(self.url))))
        return (bool(self.title) and self.published_at is not None and len(self.text) >= 200
                and self.link_density < 0.4 and not listing)


def decode_html(body: bytes, declared: str | None = None) -> str:
    """Decode page bytes, trusting a declaration only when the bytes agree with it.

    Order: BOM; the HTTP charset; a ``<meta>`` charset; strict UTF-8; Windows-874. A Latin
    declaration over bytes that only make sense as Thai (a common server default) loses to cp874.
    """
    if not body:
        return ""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", errors="replace")
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16", errors="replace")
    candidates: list[str] = []
    meta = _META_CHARSET.search(body[:4096])
    for name in (declared, meta.group(1).decode("ascii", "ignore") if meta else None):
        if name:
            name = name.strip().lower()
            candidates.append("cp874" if name in _THAI_CHARSETS else name)
    candidates += ["utf-8"]
    for name in candidates:
        if name in _LATIN_CHARSETS:
            continue  # a Latin declaration is a server default more often than the truth; see below
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    thai = body.decode("cp874", errors="replace")
    latin = next((c for c in candidates if c in _LATIN_CHARSETS), None)
    if latin and len(_THAI_CHAR.findall(thai)) < len(body) // 50:
        return body.decode(latin, errors="replace")  # really a Latin page: few bytes read as Thai
    return thai


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _is_boilerplate_element(el: etree._Element) -> bool:
    attrs = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    return bool(attrs) and bool(_BOILERPLATE_ATTR.search(attrs)) and el.tag not in ("body", "html", "main", "article")


# libxml2 stops reading below 255 nested elements unless huge_tree is set (CMS pages can nest
# deeply). lxml parser objects must not be shared between threads: one per thread.
_PARSERS = threading.local()


def _parser() -> lxml.html.HTMLParser:
    if not hasattr(_PARSERS, "parser"):
        _PARSERS.parser = lxml.html.HTMLParser(huge_tree=True)
    return _PARSERS.parser

_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—»:]|::)\s+|^รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-")


def _title(tree: lxml.html.HtmlElement) -> str:
    """The article title: the page element that the <title> or og:title repeats, else their best part."""
    metas = {(m.get("property") or m.get("name") or "").lower(): m.get("content") or "" for m in tree.iter("meta")}
    page_title = _clean(tree.findtext(".//title") or "")
    og = _clean(metas.get("og:title", "") or metas.get("twitter:title", ""))
    candidates = [_clean(el.text_content()) for el in tree.iter("h1", "h2", "h3", "b", "strong", "font", "div", "span")
                  if el.tag.startswith("h") or len(el) <= 2]
    repeated = [c for c in candidates if len(c) >= 8 and ((page_title and c in page_title) or (og and c in og))]
    if repeated:
        return max(repeated, key=len)
    if og:
        return og
    if page_title:
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(page_title) if p and p.strip()]
        return max(parts, key=len) if parts else page_title
    headings = [c for c in (_clean(h.text_content()) for h in tree.iter("h1")) if c]
    return headings[0] if headings else ""


def _block_text(el: etree._Element) -> str:
    """Text of an element without its nested block elements (they are blocks of their own)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS and child.tag != "br":
            parts.append(child.text_content())
        elif child.tag == "br":
            parts.append("\n")
        parts.append(child.tail or "")
    return "".join(parts)


def _link_text_len(el: etree._Element) -> int:
    return sum(len(_clean(a.text_content())) for a in el.iter("a"))


def _best_container(body: etree._Element) -> etree._Element:
    """Readability-style: paragraphs score their parent (and half their grandparent)."""
    scores: dict[etree._Element, float] = {}
    for el in body.iter(*_BLOCK_TAGS):
        text = _clean(_block_text(el))
        if len(text) < 25:
            continue
        links = sum(len(_clean(a.text_content())) for a in el if isinstance(a.tag, str) and a.tag == "a")
        score = len(text) - 2 * links
        if score <= 0:
            continue
        parent = el.getparent()
        if el.tag in ("div", "td", "article", "section", "main") and len(text) > 200:
            scores[el] = scores.get(el, 0.0) + score  # a text block with <br> lines is its own container
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + score
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + score / 2
    if not scores:
        return body
    return max(scores, key=lambda e: scores[e])


def _container_lines(container: etree._Element) -> list[str]:
    """Lines of the container in reading order: one per block, table rows as ' | '-joined cells."""
    lines: list[str] = []

    def walk(el: etree._Element) -> None:
        if el.tag == "tr":
            cells = [_clean(c.text_content()) for c in el if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if any(cells):
                lines.append(" | ".join(c for c in cells if c))
            return
        text = _block_text(el)
        for piece in text.split("\n"):
            if _clean(piece):
                lines.append(_clean(piece))
        for child in el:
            if isinstance(child.tag, str) and child.tag in _BLOCK_TAGS:
                walk(child)
                if _clean(child.tail or ""):
                    lines.append(_clean(child.tail or ""))

    walk(container)
    return lines


def _meta_date(tree: lxml.html.HtmlElement) -> str | None:
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_DATE_KEYS and meta.get("content"):
            found = parse_date(meta.get("content", "")[:40])
            if found:
                return found.isoformat()
    for el in tree.iter("time"):
        if el.get("datetime"):
            found = parse_date(el.get("datetime", "")[:40])
            if found:
                return found.isoformat()
    return None


def _jsonld_date(tree: lxml.html.HtmlElement) -> str | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished") or item.get("dateCreated")
                if isinstance(value, str) and (found := parse_date(value[:40])):
                    return found.isoformat()
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return None


def _text_date(page_text: str, title: str) -> str | None:
    """The first full Thai date shortly after the title (or at the top of the page)."""
    at = page_text.find(title) if title else -1
    window = page_text[at + len(title): at + len(title) + 800] if at >= 0 else page_text[:1500]
    for mention in find_dates(window):
        if mention.kind == "day":
            return mention.start.isoformat()
    return None


def _not_future(iso: str | None, today: date) -> str | None:
    if iso and date.fromisoformat(iso) <= today + timedelta(days=1):
        return iso
    return None


def publish_date(tree: lxml.html.HtmlElement, page_text: str, title: str, url: str,
                 today: date | None = None) -> tuple[str | None, str | None]:
    """(ISO date, where it came from). Dates in the future are rejected as misreadings."""
    today = today or date.today()
    for source, finder in (("meta", lambda: _meta_date(tree)), ("jsonld", lambda: _jsonld_date(tree)),
                           ("text", lambda: _text_date(page_text, title))):
        found = _not_future(finder(), today)
        if found:
            return found, source
    match = _URL_DATE.search(url)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            found = _not_future(date(year - 543 if year > 2400 else year, month, day).isoformat(), today)
        except ValueError:
            found = None
        if found:
            return found, "url"
    return None, None


def _strip_repeats(lines: list[str], title: str) -> list[str]:
    """Drop furniture lines, readers' comments and the title repeated at the top of the text."""
    for at, line in enumerate(lines):
        if _COMMENTS_START.search(line):
            lines = lines[:at]  # readers' comments come after the article: cut them all
            break
    # Furniture lines are short; a paragraph that merely mentions "แสดงความคิดเห็น" is article text.
    kept = [ln for ln in lines if len(ln) > _MAX_FURNITURE_LINE or not _BOILERPLATE_LINE.search(ln)]
    while kept and ((title and kept[0].strip(" .") in (title, title.strip(" .")))
                    or (len(kept[0]) <= 48 and any(m.offset == 0 and m.offset_end >= len(kept[0]) - 2
                                                     for m in find_dates(kept[0])))):
        kept.pop(0)  # the title repeated, or a date line on its own (the date is in published_at)
    out: list[str] = []
    for line in kept:  # consecutive duplicates come from nested blocks repeating a line
        if not out or out[-1] != line:
            out.append(line)
    return out


def extract_html(html: str, url: str = "", selectors: dict[str, str] | None = None) -> Extracted:
    """Title, main text, publish date, canonical URL, links and attachments of one page."""
    if not html or not html.strip():
        raise InputError("empty page: no HTML to extract")
    try:
        tree = lxml.html.document_fromstring(html, parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"unreadable HTML: {exc}") from None
    # Only the links Khao keeps are made absolute (make_links_absolute rewrites every URL attribute:
    # ~0.8 ms a page).
    base_el = tree.find(".//base[@href]")
    base = urljoin(url, base_el.get("href", "")) if url and base_el is not None else url
    canonical = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = urljoin(url, link.get("href", ""))
    links: list[tuple[str, str]] = []
    attachments: list[dict[str, str]] = []
    for a in tree.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("mailto:", "javascript:", "tel:")):
            continue
        try:
            href = urljoin(base, href.strip()) if base else href
        except ValueError:  # a malformed URL (e.g. a bad IPv6 host) is skipped, not fatal
            continue
        label = _clean(a.text_content())
        links.append((href.split("#")[0], label))
        if re.search(r"\.(pdf|docx?|xlsx?)(\?|$)", href, re.I):
            attachments.append({"url": href, "title": label})
    selectors = selectors or {}
    title = ""
    if selectors.get("title"):
        found = tree.cssselect(selectors["title"])
        title = _clean(found[0].text_content()) if found else ""
    title = normalize_text(title or _title(tree))
    body = tree.body if tree.body is not None else tree
    for el in list(body.iter(*_DROP_TAGS)):
        el.drop_tree()
    page_text = normalize_text(body.text_content())
    published_at, date_source = publish_date(tree, page_text, title, url)
    if selectors.get("date") and (found := tree.cssselect(selectors["date"])):
        mentions = find_dates(normalize_text(found[0].text_content()))
        if mentions:
            published_at, date_source = mentions[0].start.isoformat(), "selector"
    for el in [e for e in body.iter() if isinstance(e.tag, str) and _is_boilerplate_element(e)]:
        if el.getparent() is not None:
            el.drop_tree()
    container = None
    if selectors.get("body"):
        found = tree.cssselect(selectors["body"])
        container = found[0] if found else None
    container = container if container is not None else _best_container(body)
    link_density = _link_text_len(container) / max(len(_clean(container.text_content())), 1)
    listing_links = len({a.get("href") for a in container.iter("a") if len(_clean(a.text_content())) >= 20})
    read_more = sum(1 for a in container.iter("a") if _READ_MORE.match(_clean(a.text_content())))
    lines = _strip_repeats([normalize_text(ln) for ln in _container_lines(container)], title)
    return Extracted(title=title, text="\n".join(ln for ln in lines if ln), published_at=published_at,
                     date_source=date_source, canonical_url=canonical, links=links, attachments=attachments,
                     link_density=link_density, listing_links=listing_links, read_more_links=read_more, url=url)
