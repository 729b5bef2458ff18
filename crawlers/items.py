"""What the spider hands to the pipeline: the fetched bytes, not yet understood."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FetchedPage:
    url: str
    body: bytes = field(repr=False)
    source: str
    charset: str | None = None  # from the HTTP Content-Type header, if any
    content_type: str = "text/html"
    status: int = 200
    selectors: dict[str, str] | None = None
    parent_url: str | None = None  # set for attachments: the page that links them
    label: str | None = None  # the link text an attachment was found under
    redirected_from: tuple[str, ...] = ()  # URLs that redirected here: remembered as seen too
    etag: str | None = None
    last_modified: str | None = None
