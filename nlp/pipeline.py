"""From raw input (HTML bytes, plain text, PDF) to an analysed :class:`Document`.

This is the one path every way in uses: a crawl, ``khao ingest FILE`` and ``khao extract``
run exactly the same extraction and NLP, so what a test sees on a saved page is what a crawl
stores.
"""

from __future__ import annotations

import io
import logging
import re
from datetime import date
from typing import Any, Callable

from config.errors import InputError
from nlp.document import Document, Entity
from nlp.html import decode_html, extract_html
from nlp.normalize import normalize_text
from nlp.thai_dates import find_dates

_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, archives, executables)."""
    sample = data[:4096]
    return bool(sample) and len(_BINARY.findall(sample)) > max(4, len(sample) // 100)


class NotAnArticle(InputError):
    """A listing, navigation or other non-article page (crawls skip these quietly)."""


def document_from_html(body: bytes | str, url: str, *, source: str = "", charset: str | None = None,
                       selectors: dict[str, str] | None = None, require_article: bool = False,
                       title: str | None = None, published_at: str | None = None) -> Document:
    """Extract and analyse one HTML page; ``require_article`` refuses listing pages before NLP.

    ``title`` and ``published_at``, when given (e.g. by a .jsonl line), override what the page says.
    """
    raw = body.encode("utf-8") if isinstance(body, str) else body
    html = body if isinstance(body, str) else decode_html(body, charset)
    if not html.strip():
        raise InputError("empty page: nothing to extract")
    if isinstance(body, bytes) and looks_binary(body):
        raise InputError("not an HTML page: the content is binary")
    page = extract_html(html, url, selectors)
    if require_article and not page.looks_like_article():
        raise NotAnArticle("not an article (listing or navigation page)")
    if not page.text.strip():
        raise InputError("no article text found on the page")
    doc = Document(url=url, canonical_url=page.canonical_url or url, source=source,
                   title=normalize_text(title) if title else page.title, text=page.text,
                   published_at=parse_published(published_at) if published_at else page.published_at,
                   date_source="given" if published_at else page.date_source,
                   attachments=page.attachments, raw=raw)
    return analyse(doc)


def document_from_text(text: str, url: str, *, source: str = "", title: str | None = None,
                       published_at: str | None = None) -> Document:
    """A plain-text document: the first line is the title unless one is given."""
    text = normalize_text(text)
    if not text:
        raise InputError("empty text: nothing to ingest")
    if title is None:
        first, _, rest = text.partition("\n")
        title, body = first.strip(), rest.strip() or first.strip()
    else:
        title, body = normalize_text(title), text
    date_source = "given" if published_at else None
    if published_at:
        published_at = parse_published(published_at)
    else:
        head = body[:600]
        day = next((m for m in find_dates(head) if m.kind in ("day", "range") and m.start <= date.today()), None)
        published_at, date_source = (day.start.isoformat(), "text") if day else (None, None)
    doc = Document(url=url, source=source, title=title, text=body, published_at=published_at,
                   date_source=date_source, content_type="text/plain", raw=None)
    return analyse(doc)


def document_from_pdf(data: bytes, url: str, *, source: str = "", title: str | None = None) -> Document:
    """A PDF's text. A PDF without extractable text (a scan) becomes a document with no text and an
    ``extraction_note``: stored and shown, never indexed as empty text."""
    if not data.startswith(b"%PDF"):
        raise InputError("not a PDF file (no %PDF header)")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings repeat what the InputError says
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(f"broken PDF: {exc}") from None
    text = normalize_text("\n".join(pages))
    name = title or normalize_text(str(meta_title)) or url.rstrip("/").rsplit("/", 1)[-1]
    if not text:
        doc = Document(url=url, source=source, title=name, text="", content_type="application/pdf", raw=data,
                       extraction_note=f"no extractable text ({len(pages)} page(s); a scanned image?)")
        return doc
    doc = document_from_text(text, url, source=source, title=name if (title or meta_title) else None)
    doc.content_type, doc.raw = "application/pdf", data
    return doc


def parse_published(value: str) -> str:
    """A given publish date in any supported form -> ISO, or a one-line error."""
    from nlp.thai_dates import parse_date

    found = parse_date(str(value))
    if not found:
        raise InputError(f"published_at {value!r} is not a date")
    return found.isoformat()


def _merge_title_entities(found_in_text: list[Entity], found_in_title: list[Entity], key: str) -> list[Entity]:
    """Entities only named in the title are kept, their mentions marked as in the title."""
    known = {e[key] for e in found_in_text}
    extra = []
    for entity in found_in_title:
        if entity[key] not in known:
            entity = {**entity, "mentions": [{**m, "field": "title"} for m in entity.get("mentions", [])]}
            extra.append(entity)
    return found_in_text + extra


def _over_title_and_text(finder: Callable[[str], list[Entity]], doc: Document, key: str) -> list[Entity]:
    in_text = finder(doc.text)
    in_title = finder(doc.title) if doc.title and doc.title not in doc.text else []
    return _merge_title_entities(in_text, in_title, key)


def analyse(doc: Document) -> Document:
    """Fill the entity fields of a document from its (normalised) title and text."""
    from nlp.agencies import find_agencies
    from nlp.partnership import detect_partnership
    from nlp.persons import find_persons
    from nlp.places import find_nhso_regions, find_provinces

    doc.agencies = _over_title_and_text(find_agencies, doc, "id")
    doc.provinces = _over_title_and_text(find_provinces, doc, "name")
    doc.nhso_regions = _over_title_and_text(find_nhso_regions, doc, "number")
    reference = doc.published_date
    mentions = find_dates(doc.text, reference)
    seen: set[tuple[str, str]] = set()
    doc.dates = []
    for m in mentions:
        item: dict[str, Any] = m.as_json()
        if (item["start"], item["end"]) not in seen:
            seen.add((item["start"], item["end"]))
            doc.dates.append(item)
    doc.persons = find_persons(doc.text)
    doc.partnership = detect_partnership(doc.text, doc.agencies, mentions, reference, doc.title)
    return doc


def extract_json(doc: Document) -> dict[str, Any]:
    """The ``khao extract`` output of DESIGN.md."""
    return {
        "title": doc.title,
        "published_at": doc.published_at,
        "agencies": doc.agencies,
        "provinces": doc.provinces,
        "nhso_regions": doc.nhso_regions,
        "dates": doc.dates,
        "persons": doc.persons,
        "partnership": doc.partnership,
    }
