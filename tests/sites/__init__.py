"""Local imitations of the sites Khao crawls, for crawler tests without the internet.

Each site is its own HTTP server on ``127.0.0.1`` (its own host:port, as the real sites are
separate hosts), serving our own Thai articles in that site's page structure and boilerplate,
with the hard cases of the real thing (see each module's docstring):

========== ==================================================================================
nhso        pagination that matters, RSS of the newest 3 only, robots.txt + sitemap, a
            disallowed /private/ page, text and scanned PDF attachments, ETag/304, ``hits``
thaigov     Thai weekday dates, no <h1>, canonical links, tracking params and fragments, 301
localnews   TIS-620 pages declared in the header, in <meta>, or not at all; "3 ก.พ. 65" dates
syndication a republished NHSO release, a 2 s slow page, 404, 500, a truncated response
unseen      a WordPress-like blog for the name-plus-start-URLs-only check: sitemap index,
            <time datetime> and Thai text dates, category/tag listings, an about page
========== ==================================================================================

Usage::

    sites = start_sites()                 # or start_sites(["nhso"])
    try:
        source = sites["nhso"].source()   # {"name": "nhso", "start_urls": [...]}
        ...crawl...
        for article in sites["nhso"].expected_articles(): ...
        assert sites["nhso"].hits["/private/secret-news"] == 0
    finally:
        stop_sites(sites)

Nothing here needs more than the standard library; the PDFs are pre-generated in ``files/``
(see ``make_pdfs.py``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from tests.sites.base import RequestRecord, Response, TestSite
from tests.sites.localnews import LocalnewsSite
from tests.sites.nhso import NhsoSite
from tests.sites.syndication import SyndicationSite
from tests.sites.thaigov import ThaigovSite
from tests.sites.unseen import UnseenSite

SITE_CLASSES: dict[str, type[TestSite]] = {
    cls.name: cls for cls in (NhsoSite, ThaigovSite, LocalnewsSite, SyndicationSite, UnseenSite)
}
SITE_NAMES: tuple[str, ...] = tuple(SITE_CLASSES)

__all__ = ["SITE_NAMES", "RequestRecord", "Response", "TestSite", "running_sites", "start_sites", "stop_sites"]


def start_sites(names: list[str] | None = None) -> dict[str, TestSite]:
    """Start the named sites (all when ``names`` is None), each on a free port; return them by name."""
    unknown = set(names or ()) - set(SITE_CLASSES)
    if unknown:
        raise ValueError(f"unknown test site(s): {', '.join(sorted(unknown))}; known: {', '.join(SITE_NAMES)}")
    sites: dict[str, TestSite] = {}
    try:
        for name in names if names is not None else SITE_NAMES:
            site = SITE_CLASSES[name]()
            site.start()
            sites[name] = site
    except BaseException:
        stop_sites(sites)
        raise
    urls = {name: site.url for name, site in sites.items()}
    for site in sites.values():  # the syndicated copy points at the nhso original when both run
        if isinstance(site, SyndicationSite):
            site.peer_urls = urls
            site.refresh_copies()
    return sites


def stop_sites(sites: dict[str, TestSite]) -> None:
    for site in sites.values():
        site.stop()


@contextlib.contextmanager
def running_sites(names: list[str] | None = None) -> Iterator[dict[str, TestSite]]:
    """``with running_sites(["nhso"]) as sites: ...``: start, then always stop."""
    sites = start_sites(names)
    try:
        yield sites
    finally:
        stop_sites(sites)
