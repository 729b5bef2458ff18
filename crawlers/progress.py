"""A Scrapy extension printing one progress line per interval on stderr during long crawls."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.logformatter import LogFormatter
from twisted.internet import task


class CrawlProgress:
    """Pages fetched, documents stored, pages skipped, errors, and the rate since the start."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "CrawlProgress":
        interval = crawler.settings.getfloat("KHAO_PROGRESS_INTERVAL", 0)
        if interval <= 0:
            raise NotConfigured
        extension = cls(crawler, interval)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()

    def line(self) -> str:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        pages = stats.get("response_received_count", 0)
        stored = sum(v for k, v in stats.items() if k in ("khao/stored/new", "khao/stored/updated"))
        errors = sum(v for k, v in stats.items() if k.startswith("khao/errors/"))
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (f"crawl: {pages} pages, {stored} documents stored, {errors} errors, "
                f"{pages / elapsed:.1f} pages/s, {elapsed:.0f}s")

    def report(self) -> None:
        print(self.line(), file=sys.stderr, flush=True)


class QuietDropsLogFormatter(LogFormatter):
    """Skipped pages (listing pages, not-modified...) are routine: DEBUG, not WARNING.

    They are counted in the crawl stats and summary (``khao/dropped/<reason>``) instead.
    """

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any = None) -> dict[str, Any]:
        entry = super().dropped(item, exception, response, spider)
        entry["level"] = logging.DEBUG
        return entry
