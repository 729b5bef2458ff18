"""The one ``Document`` record that crosses every stage: extraction, NLP, store, index, API.

Entities are kept as plain JSON-shaped dicts (the shapes of DESIGN.md's ``khao extract``
output) so that the store, the export and the API serialise them without translation.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timezone
from typing import Any

Entity = dict[str, Any]


def document_id(canonical_url: str) -> str:
    """A stable id from the canonical URL, so a re-crawl updates instead of duplicating."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]


def content_hash(title: str, text: str) -> str:
    """Hash of what a reader sees; unchanged pages keep their hash and are not re-indexed."""
    return hashlib.sha1(f"{title}\n{text}".encode("utf-8")).hexdigest()


def utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class Document:
    """A stored article or file, with its text and extracted entities."""

    url: str
    title: str
    text: str
    source: str = ""
    canonical_url: str = ""
    published_at: str | None = None  # ISO date (Gregorian)
    date_source: str | None = None  # where published_at came from: meta, jsonld, text, url, given
    fetched_at: str = field(default_factory=utc_now)
    language: str = "th"
    agencies: list[Entity] = field(default_factory=list)
    provinces: list[Entity] = field(default_factory=list)
    nhso_regions: list[Entity] = field(default_factory=list)
    dates: list[Entity] = field(default_factory=list)
    persons: list[Entity] = field(default_factory=list)
    partnership: Entity = field(default_factory=lambda: {"is_partnership": False})
    attachments: list[Entity] = field(default_factory=list)
    duplicate_of: str | None = None
    parent_id: str | None = None  # set on an attachment: the article that links it
    content_type: str = "text/html"
    extraction_note: str | None = None  # why a stored document has no text (e.g. a scanned PDF)
    raw: bytes | None = field(default=None, repr=False)  # original bytes, kept in the store

    def __post_init__(self) -> None:
        if not self.canonical_url:
            self.canonical_url = self.url

    @property
    def id(self) -> str:
        return document_id(self.canonical_url)

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.text)

    @property
    def published_date(self) -> date | None:
        return date.fromisoformat(self.published_at) if self.published_at else None

    def to_dict(self, *, with_raw: bool = False) -> dict[str, Any]:
        """The stored-document JSON of DESIGN.md (the export line), plus a few extra fields."""
        data = {"id": self.id, **asdict(self)}
        raw = data.pop("raw")
        if with_raw and raw is not None:
            data["raw"] = raw
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})
