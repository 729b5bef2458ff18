"""The generic spider: from a source's start URLs (and optional feeds and sitemaps) to pages.

It only fetches and follows links within the source's sites; telling articles from listing
pages and extracting them is the pipeline's job (the same NLP path as ``khao ingest``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from config.sources import Source
from crawlers.items import FetchedPage
from crawlers.urls import canonicalize, is_asset, is_attachment

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def header_charset(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type", b"").decode("latin-1")
    match = _CHARSET.search(value)
    return match.group(1) if match else None


class GenericSpider(scrapy.Spider):
    """One spider for every source; a source is configuration, not code."""

    name = "khao"

    def __init__(self, sources: list[Source], known: dict[str, tuple[str | None, str | None, str]] | None = None,
                 recheck_days: float = 7.0, **kwargs: Any) -> None:
        """``known``: article URLs already stored, with (etag, last_modified, last seen) -- see crawl_recheck_days."""
        super().__init__(**kwargs)
        self.sources = sources
        self.hosts = {host: source for source in sources for host in source.domains}
        self.known = known or {}
        # Every page repeats its menu, sidebar and pager links: deciding once per URL saves
        # building ~30 requests per page that Scrapy's duplicate filter would drop anyway.
        self.requested: set[str] = set()
        self.recheck_before = (datetime.now(timezone.utc) - timedelta(days=recheck_days)).isoformat()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.sources:
            meta = {"source": source.name}
            for urls, callback in ((source.feeds, self.parse_feed), (source.sitemaps, self.parse_sitemap),
                                   (source.start_urls, self.parse)):
                for url in urls:
                    self.requested.add(canonicalize(url))
                    yield scrapy.Request(url, callback=callback, meta=meta, dont_filter=True, errback=self.on_error)
            # Sitemaps announced in robots.txt ("Sitemap:" lines) are discovered without configuration.
            for root in sorted({f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in source.start_urls}):
                yield scrapy.Request(root + "/robots.txt", callback=self.parse_robots, meta={**meta, "dont_retry": True, "handle_httpstatus_list": [403, 404, 410]},
                                     errback=self.on_error)

    def _source(self, response: Response) -> Source:
        return next(s for s in self.sources if s.name == response.meta["source"])

    def _follow(self, response: Response, url: str, **kwargs: Any) -> scrapy.Request | None:
        url = canonicalize(urljoin(response.url, url))
        if url in self.requested:
            return None
        self.requested.add(url)
        attachment = is_attachment(url)
        if urlsplit(url).scheme not in ("http", "https"):
            return None
        if urlsplit(url).hostname not in self.hosts and not attachment:  # files may live on another host
            return None
        if is_asset(url):
            return None
        meta = {"source": response.meta["source"], **kwargs.pop("meta", {})}
        if url in self.known:
            etag, last_modified, seen_at = self.known[url]
            if seen_at >= self.recheck_before:  # stored recently: not fetched again (incremental crawl)
                self.crawler.stats.inc_value("khao/skipped/already_stored")
                return None
            headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
            kwargs["headers"] = headers
            meta["handle_httpstatus_list"] = [304]
        return scrapy.Request(url, meta=meta, errback=self.on_error, **kwargs)

    def on_error(self, failure: Any) -> None:
        """Count a failed request against its source (shown by `khao sources`), then go on."""
        request = getattr(failure, "request", None)
        source = request.meta.get("source", "?") if request is not None else "?"
        self.crawler.stats.inc_value(f"khao/errors/{source}")
        self.crawler.stats.set_value(f"khao/last_error/{source}", f"{failure.getErrorMessage()[:200]}")

    def parse(self, response: Response) -> Iterator[Any]:
        """An HTML page: hand it to the pipeline and follow its in-site links."""
        if response.status == 304:
            self.crawler.stats.inc_value("khao/not_modified")
            yield self._page(response, "not-modified")
            return
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if is_attachment(response.url) or "pdf" in content_type:
            yield self._page(response, content_type or "application/pdf")
            return
        if "xml" in content_type or response.body.lstrip()[:5] == b"<?xml":
            yield from self.parse_feed(response)
            return
        if not isinstance(response, scrapy.http.TextResponse):
            self.crawler.stats.inc_value("khao/skipped/not_text")
            return
        source = self._source(response)
        yield self._page(response, "text/html", source.selectors or None)
        feeds = response.xpath("//link[@rel='alternate'][contains(@type, 'rss') or contains(@type, 'atom')]/@href")
        for href in feeds.getall():  # feeds a page announces are followed like configured ones
            request = self._follow(response, href, callback=self.parse_feed)
            if request is not None:
                yield request
        for link in response.xpath("//a[@href]"):
            href = link.attrib["href"]
            # Attachments remember the page that links them: they are stored as its children.
            meta = ({"parent_url": canonicalize(response.url), "label": " ".join(link.xpath("string()").get("").split())}
                    if is_attachment(href) else {})
            request = self._follow(response, href, meta=meta)
            if request is not None:
                yield request

    def _page(self, response: Response, content_type: str, selectors: dict[str, str] | None = None) -> FetchedPage:
        headers = response.headers
        label = response.meta.get("label") or None
        return FetchedPage(url=canonicalize(response.url), body=response.body, source=response.meta["source"],
                           charset=header_charset(response), content_type=content_type, status=response.status,
                           selectors=selectors, parent_url=response.meta.get("parent_url"), label=label,
                           redirected_from=tuple(canonicalize(u) for u in response.meta.get("redirect_urls", [])),
                           etag=(headers.get(b"ETag") or b"").decode("latin-1") or None,
                           last_modified=(headers.get(b"Last-Modified") or b"").decode("latin-1") or None)

    def parse_robots(self, response: Response) -> Iterator[Any]:
        if response.status != 200 or not isinstance(response, scrapy.http.TextResponse):
            return
        for line in response.text.splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "sitemap" and value.strip():
                request = self._follow(response, value.strip(), callback=self.parse_sitemap)
                if request is not None:
                    yield request

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """RSS 2.0 or Atom: follow every item link."""
        links = response.xpath("//*[local-name()='item']/*[local-name()='link']/text()").getall()
        links += response.xpath("//*[local-name()='entry']/*[local-name()='link']/@href").getall()
        head = response.body[:2000]
        if not links and (b"<urlset" in head or b"<sitemapindex" in head):
            yield from self.parse_sitemap(response)
            return
        for link in links:
            request = self._follow(response, link.strip())
            if request is not None:
                yield request

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # noqa: BLE001 -- a broken sitemap is counted and skipped, never fatal
            self.crawler.stats.inc_value("khao/errors/bad_sitemap")
            return
        for entry in sitemap:
            loc = entry.get("loc", "")
            callback = self.parse_sitemap if sitemap.type == "sitemapindex" else self.parse
            request = self._follow(response, loc, callback=callback)
            if request is not None:
                yield request
