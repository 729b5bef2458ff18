"""Run a crawl in this process and report what it did.

Politeness is on by default (robots.txt, one request at a time per site, AutoThrottle, a
descriptive User-Agent, retries with back-off); ``polite=False`` is for local mirrors and
benchmarks only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess

from config.errors import InputError
from config.settings import Settings
from config.sources import Source, parse_source
from crawlers.spider import GenericSpider
from indexer.store import Store


@dataclass
class CrawlReport:
    pages: int
    new: int
    updated: int
    unchanged: int
    dropped: dict[str, int]
    errors: int
    indexed: int
    skipped_known: int
    stats: dict[str, Any]

    def summary(self) -> str:
        dropped = ", ".join(f"{k} {v}" for k, v in sorted(self.dropped.items())) or "none"
        return (f"pages fetched {self.pages}; documents new {self.new}, updated {self.updated}, "
                f"unchanged {self.unchanged}; indexed {self.indexed}; already stored, not fetched {self.skipped_known}; "
                f"skipped: {dropped}; errors {self.errors}")


def adhoc_source(url: str) -> Source:
    """A source for a URL given on the command line: named after its host."""
    host = urlsplit(url).hostname
    if not host:
        raise InputError(f"{url!r} is not an http(s) URL")
    return parse_source({"name": host.lower(), "start_urls": [url]}, f"URL {url}")


def scrapy_settings(settings: Settings, *, polite: bool = True) -> dict[str, Any]:
    """Scrapy settings derived from Khao's settings."""
    values: dict[str, Any] = {
        "KHAO_SETTINGS": settings,
        "USER_AGENT": settings.user_agent,
        "ROBOTSTXT_OBEY": settings.crawl_obey_robots,
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.crawl_concurrency_per_site,
        "DOWNLOAD_DELAY": settings.crawl_delay,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": settings.crawl_delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(settings.crawl_concurrency_per_site),
        "DOWNLOAD_MAXSIZE": settings.crawl_max_page_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "DOWNLOAD_TIMEOUT": settings.crawl_timeout,
        "CLOSESPIDER_PAGECOUNT": settings.crawl_max_pages,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "KHAO_RETRY_BACKOFF_BASE": settings.crawl_retry_backoff,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawlers.middlewares.BackoffRetryMiddleware": 550,
        },
        "ITEM_PIPELINES": {"crawlers.pipelines.StorePipeline": 300},
        "EXTENSIONS": {"crawlers.progress.CrawlProgress": 500},
        "LOG_FORMATTER": "crawlers.progress.QuietDropsLogFormatter",
        "KHAO_PROGRESS_INTERVAL": 30.0,
        "LOG_LEVEL": settings.log_level,
        "LOG_INSTALL_ROOT_HANDLER": False,  # the CLI owns logging
        "TELNETCONSOLE_ENABLED": False,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    }
    if not polite:
        values.update({"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8})
    return values


def _quiet_logging(level: str) -> None:
    """Scrapy lowers logger levels when it configures logging: raise them again so that no DEBUG
    record is even created for every request (the CLI's handler filters what is printed)."""
    logging.getLogger().setLevel(level)
    for name in ("scrapy", "twisted", "py.warnings", "filelock", "asyncio"):
        logging.getLogger(name).setLevel(level)


def run_crawl(settings: Settings, sources: list[Source], *, polite: bool = True) -> CrawlReport:
    """Crawl the sources to completion (blocking). Can run once per process (Twisted reactor)."""
    if not sources:
        raise InputError("nothing to crawl: no sources configured and no URL given")
    store = Store.open(settings.data_path)
    try:
        known = store.seen_urls([s.name for s in sources])
    finally:
        store.close()
    process = CrawlerProcess(scrapy_settings(settings, polite=polite))
    _quiet_logging(settings.log_level)
    crawler = process.create_crawler(GenericSpider)
    process.crawl(crawler, sources=sources, known=known, recheck_days=settings.crawl_recheck_days)
    process.start()
    stats: dict[str, Any] = crawler.stats.get_stats() if crawler.stats else {}
    dropped = {k.removeprefix("khao/dropped/"): v for k, v in stats.items() if k.startswith("khao/dropped/")}
    errors = sum(v for k, v in stats.items() if k.startswith(("spider_exceptions/", "downloader/exception_count"))
                 ) + sum(v for k, v in stats.items() if k.startswith("downloader/response_status_count/5"))
    return CrawlReport(pages=stats.get("response_received_count", 0), new=stats.get("khao/documents/new", 0),
                       updated=stats.get("khao/documents/updated", 0),
                       unchanged=stats.get("khao/documents/unchanged", 0), dropped=dropped, errors=errors,
                       indexed=stats.get("khao/documents/indexed", 0),
                       skipped_known=stats.get("khao/skipped/already_stored", 0), stats=stats)
