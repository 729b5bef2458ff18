"""What the spider hands to the pipeline: the fetched bytes, not yet understood."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FetchedPage:
    url: str
    body: bytes
    source: str
    charset: str | None = None  # from the HTTP Content-Type header, if any
    content_type: str = "text/html"
    status: int = 200
    selectors: dict[str, str] | None = None
    parent_url: str | None = None  # set for attachments
