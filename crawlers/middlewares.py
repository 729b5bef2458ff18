"""Retries with back-off that honour ``Retry-After`` (Scrapy's RetryMiddleware retries at once).

Small government servers answer 429 or 503 when they are overloaded; retrying immediately makes
it worse. A retried request waits ``Retry-After`` seconds (capped) or an exponential back-off,
and the whole site's download delay is raised so that other requests to it slow down too.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater


def retry_after_seconds(value: bytes | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (now if now is not None else time.time()))


class BackoffRetryMiddleware:
    """Retry 429/5xx with back-off; built from settings like Scrapy's own middleware."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.codes = set(settings.getlist("RETRY_HTTP_CODES"))
        self.max_retries = settings.getint("RETRY_TIMES")
        self.base = settings.getfloat("KHAO_RETRY_BACKOFF_BASE", 1.0)
        self.cap = settings.getfloat("KHAO_RETRY_BACKOFF_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "BackoffRetryMiddleware":
        return cls(crawler)

    def delay_for(self, response: Response, attempt: int) -> float:
        told = retry_after_seconds(response.headers.get(b"Retry-After"))
        return min(self.cap, told if told is not None else self.base * 2 ** attempt)

    def _slow_down_site(self, request: Request, delay: float) -> None:
        downloader = self.crawler.engine.downloader if self.crawler.engine else None
        if downloader is None:
            return
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is not None and slot.delay < delay:
            slot.delay = delay

    async def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Any:
        if request.meta.get("dont_retry") or response.status not in self.codes:
            return response
        attempt = request.meta.get("retry_times", 0)
        retry = get_retry_request(request, spider=spider or self.crawler.spider, reason=f"HTTP {response.status}",
                                  max_retry_times=self.max_retries, stats_base_key="retry")
        if retry is None:
            return response
        delay = self.delay_for(response, attempt)
        self._slow_down_site(request, min(delay, self.cap))
        self.crawler.stats.inc_value("khao/retry/backoff_seconds", int(delay))
        await maybe_deferred_to_future(deferLater(reactor, delay, lambda: None))
        return retry
