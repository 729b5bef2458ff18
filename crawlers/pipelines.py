"""Scrapy item pipeline: fetched pages through the shared NLP path into the store and index.

Built from settings (``from_crawler``); every page that is not stored is dropped with a
reason and a stats counter (``khao/dropped/<reason>``), so a crawl report says what happened.
The work itself is done by :class:`crawlers.writer.PageWriter`, in a worker process fed with
small batches (``crawl_workers`` = 1) or inline (``crawl_workers`` = 0).
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from config.settings import Settings
from crawlers import writer
from crawlers.items import FetchedPage
from crawlers.writer import Outcome, PageWriter
from indexer.store import Store

BATCH_SIZE = 8  # pages per trip to the worker: fewer trips, little waiting
BATCH_WAIT = 0.02  # seconds a partial batch waits for more pages


class StorePipeline:
    """Hand each fetched page to the PageWriter and account for what it did."""

    def __init__(self, settings: Settings, crawler: Crawler) -> None:
        self.settings = settings
        self.crawler = crawler
        self.inline: PageWriter | None = None
        self.pool: ProcessPoolExecutor | None = None
        self.batch: list[tuple[FetchedPage, asyncio.Future[Outcome]]] = []
        self.timer: asyncio.TimerHandle | None = None
        self.in_flight: set[asyncio.Future[Outcome]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        return cls(crawler.settings["KHAO_SETTINGS"], crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.store = Store.open(self.settings.data_path)  # crawl bookkeeping only; documents go via the writer
        sources = getattr(spider or self.crawler.spider, "sources", [])
        self.runs = {s.name: self.store.start_run(s.name) for s in sources}
        self.per_source: dict[str, dict[str, int]] = {s.name: {"pages": 0, "new": 0, "updated": 0} for s in sources}
        if self.settings.crawl_workers > 0:
            self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=writer.init_worker, initargs=(self.settings,))
        else:
            self.inline = PageWriter(self.settings)

    async def close_spider(self, spider: Spider | None = None) -> None:
        self._send()
        if self.in_flight:
            await asyncio.gather(*self.in_flight, return_exceptions=True)
        if self.pool is not None:
            report = await asyncio.wrap_future(self.pool.submit(writer.finish_in_worker))
            self.pool.shutdown()
        else:
            assert self.inline is not None
            report = self.inline.finish()
        for name in ("new", "updated", "unchanged", "duplicates", "indexed"):
            self.crawler.stats.set_value(f"khao/documents/{name}", report[name])
        self.crawler.stats.set_value("khao/index/errors", report["index_errors"])
        stats = self.crawler.stats.get_stats()
        for name, run_id in self.runs.items():
            counts = self.per_source[name]
            self.store.finish_run(run_id, pages=counts["pages"], new=counts["new"], updated=counts["updated"],
                                  errors=stats.get(f"khao/errors/{name}", 0),
                                  last_error=stats.get(f"khao/last_error/{name}"))
        self.store.close()

    # -- batching to the worker ---------------------------------------------------------------

    def _send(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        batch, self.batch = self.batch, []
        if not batch or self.pool is None:
            return
        loop = asyncio.get_running_loop()
        pending: Future[list[Outcome]] = self.pool.submit(writer.write_batch_in_worker, [page for page, _ in batch])

        def resolve(done: Future[list[Outcome]]) -> None:
            error = done.exception()
            for index, (_, waiter) in enumerate(batch):
                if waiter.done():
                    continue
                if error is not None:
                    waiter.set_exception(error)
                else:
                    waiter.set_result(done.result()[index])

        pending.add_done_callback(lambda done: loop.call_soon_threadsafe(resolve, done))

    async def _write(self, page: FetchedPage) -> Outcome:
        if self.inline is not None:
            return self.inline.write(page)
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[Outcome] = loop.create_future()
        self.batch.append((page, waiter))
        self.in_flight.add(waiter)
        waiter.add_done_callback(self.in_flight.discard)
        if len(self.batch) >= BATCH_SIZE:
            self._send()
        elif self.timer is None:
            self.timer = loop.call_later(BATCH_WAIT, self._send)
        return await waiter

    # -- items --------------------------------------------------------------------------------

    async def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        page: FetchedPage = item
        counts = self.per_source.setdefault(page.source, {"pages": 0, "new": 0, "updated": 0})
        counts["pages"] += 1
        if page.status == 304:
            self.store.touch_seen(page.url)
            self.crawler.stats.inc_value("khao/dropped/not_modified")
            raise DropItem(f"not modified: {page.url}")
        outcome = await self._write(page)
        if outcome.dropped:
            self.crawler.stats.inc_value(f"khao/dropped/{outcome.dropped}")
            raise DropItem(f"{outcome.message}: {page.url}")
        self.crawler.stats.inc_value(f"khao/stored/{outcome.status}")
        if outcome.status in counts:
            counts[outcome.status] += 1
        return {"id": outcome.doc_id, "url": outcome.url, "title": outcome.title, "status": outcome.status}
