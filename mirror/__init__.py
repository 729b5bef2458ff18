"""Bundled offline mirror of Thai health-insurance news sites (stdlib only).

``khao demo`` and the tests serve it on 127.0.0.1 so that a crawl, a search and the web page can
be shown without internet. Three imitated sites live under path prefixes of one server:
``/nhso/`` (UTF-8, RSS feed), ``/thaigov/`` (UTF-8, ``article:published_time``) and
``/localnews/`` (windows-874 bytes, charset only in ``<meta>``). :func:`expected_articles` is the
ground truth a crawl of the mirror must reproduce.

This package imports nothing from the rest of Khao, so it can never be broken by (or break) the
code it is used to test.
"""

from __future__ import annotations

from mirror.data import load_articles
from mirror.server import MirrorServer

__all__ = ["MirrorServer", "demo_sources", "expected_articles"]

BOILERPLATE_MARKERS: list[str] = ["ข่าวยอดนิยม", "จำนวนผู้เข้าชม"]


def demo_sources(base_url: str) -> list[dict]:
    """Source definitions (name + start URLs) for crawling a running mirror at ``base_url``."""
    base = base_url.rstrip("/")
    return [
        {"name": "mirror-nhso", "start_urls": [base + "/nhso/news"]},
        {"name": "mirror-thaigov", "start_urls": [base + "/thaigov/news/contents/ministry"]},
        {"name": "mirror-localnews", "start_urls": [base + "/localnews/index.php"]},
    ]


def expected_articles() -> list[dict]:
    """What a correct crawl + extraction of the mirror yields, one dict per article page.

    ``body_contains`` holds two exact, space-free phrases from the first and last paragraph;
    ``must_not_contain`` holds words that appear only in page boilerplate.
    """
    return [
        {
            "source": f"mirror-{a.site}",
            "path": a.path,
            "title": a.title,
            "published_at": a.published.isoformat(),
            "body_contains": list(a.phrases),
            "must_not_contain": list(BOILERPLATE_MARKERS),
        }
        for a in load_articles()
    ]
