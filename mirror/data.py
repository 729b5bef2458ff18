"""Article data of the offline mirror and the Thai date formats the three sites print.

The articles live in small JSON files under ``mirror/articles/`` (one list of articles per file)
so that they can be reviewed and edited one site at a time. Everything here is plain data and
pure functions: the renderers in :mod:`mirror.site` and the ground truth in
:func:`mirror.expected_articles` both read the same records, so the two cannot drift apart.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"

SITES: tuple[str, ...] = ("nhso", "thaigov", "localnews")

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
# Indexed by date.weekday(): Monday is 0.
THAI_WEEKDAYS: tuple[str, ...] = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")

NIKHAHIT = "\u0e4d"


def buddhist_year(d: date) -> int:
    """Thai government sites print the Buddhist-era year (Gregorian + 543)."""
    return d.year + 543


def thai_date_long(d: date) -> str:
    """"20 พฤษภาคม 2567": the date line under the headline on nhso.go.th."""
    return f"{d.day} {THAI_MONTHS[d.month - 1]} {buddhist_year(d)}"


def thai_date_weekday(d: date) -> str:
    """"วันพุธที่ 11 เมษายน 2561": the date line of thaigov.go.th, weekday included."""
    return f"วัน{THAI_WEEKDAYS[d.weekday()]}ที่ {thai_date_long(d)}"


def thai_date_numeric(d: date) -> str:
    """"11/04/2561": the numeric form thaigov prints again near the end of a release."""
    return f"{d.day:02d}/{d.month:02d}/{buddhist_year(d)}"


def thai_date_short(d: date) -> str:
    """"3 ก.พ. 65": abbreviated month and two-digit BE year, common on provincial sites."""
    return f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {buddhist_year(d) % 100:02d}"


def thai_date_slash(d: date) -> str:
    """"3/02/2565": day without padding, month padded, as old PHP sites print it."""
    return f"{d.day}/{d.month:02d}/{buddhist_year(d)}"


@dataclass(frozen=True)
class Article:
    """One news item as one site publishes it."""

    site: str
    id: int
    title: str
    published: date
    paragraphs: tuple[str, ...]
    category: str = ""
    attachment: tuple[str, str] | None = None  # (link text, file name); the server 404s it
    syndicated_from: str | None = None  # "nhso/4213": same body as that article
    phrases: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """Root-relative URL path of the article page on its site."""
        if self.site == "nhso":
            return f"/nhso/news/{self.id}"
        if self.site == "thaigov":
            return f"/thaigov/news/contents/details/{self.id}"
        return f"/localnews/news.php?id={self.id}"

    @property
    def attachment_path(self) -> str | None:
        """Where the PDF would live; the mirror answers 404 there until PDFs are bundled."""
        if self.attachment is None:
            return None
        folder = {"nhso": "/nhso/files/", "thaigov": "/thaigov/uploads/document/",
                  "localnews": "/localnews/upload/"}[self.site]
        return folder + self.attachment[1]

    @property
    def body(self) -> str:
        """Plain body text, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)

    @property
    def views(self) -> int:
        """A stable fake view count: real pages show one, and it must not leak into the text."""
        return 120 + (self.id * 7919 + len(self.title) * 31) % 4800

    @property
    def teaser(self) -> str:
        """First sentence-ish of the body for listing pages and the RSS description."""
        first = self.paragraphs[0]
        return first if len(first) <= 160 else first[:157].rstrip() + "..."


_THAI_ONLY = re.compile(r"^[\u0e01-\u0e3a\u0e40-\u0e4c]+$")


def pick_phrase(paragraph: str, avoid: str = "") -> str:
    """Choose the longest space-free run of plain Thai letters in a paragraph.

    Space-free so that whitespace normalisation in an extractor cannot break the match; without
    NIKHAHIT, quotes or digits so that Unicode normalisation cannot change it either; longest
    and absent from ``avoid`` (all titles, which the sidebars repeat) so that finding it proves
    the article body was extracted, not a menu, a sidebar or the footer.
    """
    chunks = paragraph.split()
    candidates = [c for c in chunks if 12 <= len(c) <= 60 and _THAI_ONLY.match(c) and c not in avoid
                  and c not in _BOILERPLATE_WORDS]
    if not candidates:
        candidates = [c for c in chunks if len(c) >= 8 and NIKHAHIT not in c]
    if not candidates:
        raise ValueError(f"no usable phrase in paragraph: {paragraph[:40]!r}")
    return max(candidates, key=len)


# Words the page furniture (footers, menus) of the imitated sites also prints.
_BOILERPLATE_WORDS = frozenset({"สำนักงานหลักประกันสุขภาพแห่งชาติ", "กระทรวงสาธารณสุข"})


def _read_records() -> list[dict]:
    records: list[dict] = []
    for path in sorted(ARTICLES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise ValueError(f"{path.name}: expected a JSON list of articles")
        records.extend(data)
    return records


@lru_cache(maxsize=1)
def load_articles() -> tuple[Article, ...]:
    """All articles of all sites, syndicated bodies resolved, newest first within each site."""
    records = _read_records()
    by_key = {f"{r['site']}/{r['id']}": r for r in records}
    titles = "\n".join(r["title"] for r in records)
    articles: list[Article] = []
    seen: set[str] = set()
    for r in records:
        key = f"{r['site']}/{r['id']}"
        if key in seen:
            raise ValueError(f"duplicate article {key}")
        seen.add(key)
        if r["site"] not in SITES:
            raise ValueError(f"{key}: unknown site")
        source = r.get("syndicated_from")
        paragraphs = by_key[source]["paragraphs"] if source else r["paragraphs"]
        phrases = tuple(r.get("body_contains")
                        or (pick_phrase(paragraphs[0], titles), pick_phrase(paragraphs[-1], titles)))
        attachment = r.get("attachment")
        articles.append(Article(
            site=r["site"], id=int(r["id"]), title=r["title"],
            published=date.fromisoformat(r["date"]), paragraphs=tuple(paragraphs),
            category=r.get("category", ""),
            attachment=(attachment["text"], attachment["file"]) if attachment else None,
            syndicated_from=source, phrases=phrases,
        ))
    articles.sort(key=lambda a: (SITES.index(a.site), -a.published.toordinal(), -a.id))
    return tuple(articles)


def site_articles(site: str) -> list[Article]:
    """Articles of one site, newest first (the order listing pages and the feed use)."""
    return [a for a in load_articles() if a.site == site]


def find_article(site: str, article_id: int) -> Article | None:
    """The article with this id on this site, or None (the server then answers 404)."""
    for a in load_articles():
        if a.site == site and a.id == article_id:
            return a
    return None
