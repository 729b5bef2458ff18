"""Scrapy item pipeline: fetched pages through the shared NLP path into the store and index.

Built from settings (``from_crawler``); every page that is not stored is dropped with a
reason and a stats counter (``khao/dropped/<reason>``), so a crawl report says what happened.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from config.errors import KhaoError
from config.settings import Settings
from crawlers.items import FetchedPage
from indexer.backends import open_index
from indexer.ingest import Ingestor
from indexer.store import Store
from nlp.document import Document, document_id
from nlp.pipeline import document_from_html, document_from_pdf

log = logging.getLogger(__name__)
# Link texts that say nothing about the file ("download", "ไฟล์ที่เกี่ยวข้อง"): not used as its title.
_GENERIC_LABEL = re.compile(r"^.{0,6}$|ดาวน์โหลด|ไฟล์|เอกสารแนบ|คลิก|download|\.pdf$", re.I)


class StorePipeline:
    """Extract, analyse, store and index each fetched page."""

    def __init__(self, settings: Settings, crawler: Crawler) -> None:
        self.settings = settings
        self.crawler = crawler
        self.ingestor: Ingestor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        return cls(crawler.settings["KHAO_SETTINGS"], crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        store = Store.open(self.settings.data_path)
        self.ingestor = Ingestor(store, open_index(self.settings))
        sources = getattr(spider or self.crawler.spider, "sources", [])
        self.runs = {s.name: store.start_run(s.name) for s in sources}
        self.per_source: dict[str, dict[str, int]] = {s.name: {"pages": 0, "new": 0, "updated": 0} for s in sources}

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.ingestor is None:
            return
        self.ingestor.flush()
        for name in ("new", "updated", "unchanged", "duplicates", "indexed"):
            self.crawler.stats.set_value(f"khao/documents/{name}", getattr(self.ingestor.counts, name))
        self.crawler.stats.set_value("khao/index/errors", len(self.ingestor.counts.index_errors))
        stats = self.crawler.stats.get_stats()
        for name, run_id in self.runs.items():
            counts = self.per_source[name]
            self.ingestor.store.finish_run(run_id, pages=counts["pages"], new=counts["new"], updated=counts["updated"],
                                           errors=stats.get(f"khao/errors/{name}", 0),
                                           last_error=stats.get(f"khao/last_error/{name}"))
        self.ingestor.store.close()
        self.ingestor.index.close()

    def _drop(self, error: KhaoError, page: FetchedPage) -> DropItem:
        key = re.sub(r"(?<!^)(?=[A-Z])", "_", type(error).__name__).lower()  # NotAnArticle -> not_an_article
        self.crawler.stats.inc_value(f"khao/dropped/{key}")
        return DropItem(f"{error}: {page.url}")

    def _document(self, page: FetchedPage) -> Document:
        if "pdf" in page.content_type or page.body.startswith(b"%PDF"):
            label = page.label if page.label and not _GENERIC_LABEL.search(page.label) else None
            doc = document_from_pdf(page.body, page.url, source=page.source, title=label)
            parent = document_id(page.parent_url) if page.parent_url else None
            assert self.ingestor is not None
            doc.parent_id = parent if parent and self.ingestor.store.get(parent) else None
            return doc
        return document_from_html(page.body, page.url, source=page.source, charset=page.charset,
                                  selectors=page.selectors, require_article=True)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        page: FetchedPage = item
        assert self.ingestor is not None
        counts = self.per_source.setdefault(page.source, {"pages": 0, "new": 0, "updated": 0})
        counts["pages"] += 1
        if page.status == 304:
            self.ingestor.store.touch_seen(page.url)
            self.crawler.stats.inc_value("khao/dropped/not_modified")
            raise DropItem(f"not modified: {page.url}")
        try:
            doc = self._document(page)
        except KhaoError as exc:
            raise self._drop(exc, page) from None
        result = self.ingestor.ingest(doc)
        self.ingestor.store.record_seen([page.url, *page.redirected_from], page.source, result.doc_id,
                                        etag=page.etag, last_modified=page.last_modified)
        self.crawler.stats.inc_value(f"khao/stored/{result.status}")
        if result.status in counts:
            counts[result.status] += 1
        return {"id": result.doc_id, "url": doc.url, "title": doc.title, "status": result.status}
