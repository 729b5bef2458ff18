"""Fetched page -> Document -> store and index: the CPU-heavy half of a crawl.

Scrapy spends one core fetching and parsing links; extraction, NLP and indexing would compete
with it on the same core. :class:`PageWriter` does that work and can run in a worker process
(``crawl_workers`` = 1, the default), fed with batches of pages, so a crawl uses both cores.
With ``crawl_workers`` = 0 it runs inline, in Scrapy's process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from config.errors import KhaoError
from config.settings import Settings
from crawlers.items import FetchedPage
from indexer.backends import open_index
from indexer.ingest import Ingestor
from indexer.store import Store
from nlp.document import Document, document_id
from nlp.pipeline import document_from_html, document_from_pdf

# Link texts that say nothing about the file ("download", "ไฟล์ที่เกี่ยวข้อง"): not used as its title.
_GENERIC_LABEL = re.compile(r"^.{0,6}$|ดาวน์โหลด|ไฟล์|เอกสารแนบ|คลิก|download|\.pdf$", re.I)


@dataclass
class Outcome:
    """What became of one page: stored (``status``) or skipped (``dropped`` reason key + message)."""

    url: str
    doc_id: str | None = None
    status: str | None = None  # new / updated / unchanged
    title: str = ""
    dropped: str | None = None  # e.g. not_an_article, input_error
    message: str = ""


def _reason_key(error: KhaoError) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(error).__name__).lower()  # NotAnArticle -> not_an_article


class PageWriter:
    """Owns the store and the index writer for a crawl (one writer per index)."""

    def __init__(self, settings: Settings) -> None:
        self.ingestor = Ingestor(Store.open(settings.data_path), open_index(settings))

    def _document(self, page: FetchedPage) -> Document:
        if "pdf" in page.content_type or page.body.startswith(b"%PDF"):
            label = page.label if page.label and not _GENERIC_LABEL.search(page.label) else None
            doc = document_from_pdf(page.body, page.url, source=page.source, title=label)
            parent = document_id(page.parent_url) if page.parent_url else None
            doc.parent_id = parent if parent and self.ingestor.store.get(parent) else None
            return doc
        return document_from_html(page.body, page.url, source=page.source, charset=page.charset,
                                  selectors=page.selectors, require_article=True)

    def write(self, page: FetchedPage) -> Outcome:
        try:
            doc = self._document(page)
        except KhaoError as exc:
            return Outcome(page.url, dropped=_reason_key(exc), message=str(exc))
        result = self.ingestor.ingest(doc)
        self.ingestor.store.record_seen([page.url, *page.redirected_from], page.source, result.doc_id,
                                        etag=page.etag, last_modified=page.last_modified)
        return Outcome(page.url, doc_id=result.doc_id, status=result.status, title=doc.title)

    def write_batch(self, pages: list[FetchedPage]) -> list[Outcome]:
        return [self.write(page) for page in pages]

    def finish(self) -> dict[str, int]:
        """Index what is queued, close, and report the counts."""
        self.ingestor.flush()
        counts = self.ingestor.counts
        report = {name: getattr(counts, name) for name in ("new", "updated", "unchanged", "duplicates", "indexed")}
        report["index_errors"] = len(counts.index_errors)
        self.ingestor.store.close()
        self.ingestor.index.close()
        return report


# -- worker process glue (module-level so that a spawned process can import it) ----------------

_writer: PageWriter | None = None


def init_worker(settings: Settings) -> None:
    global _writer  # noqa: PLW0603 -- one writer per worker process, by design
    _writer = PageWriter(settings)


def write_batch_in_worker(pages: list[FetchedPage]) -> list[Outcome]:
    assert _writer is not None, "init_worker was not run"
    return _writer.write_batch(pages)


def finish_in_worker() -> dict[str, int]:
    assert _writer is not None, "init_worker was not run"
    return _writer.finish()
