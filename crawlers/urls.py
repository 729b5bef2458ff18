"""URL canonicalisation: one article, one URL, whatever tracking decorations a link carried."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref|ref_src|_ga|share|from)$", re.I)
_ASSET = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|css|js|mp[34]|avi|mov|zip|rar|7z|exe|woff2?|ttf)(\?|$)", re.I)
_ATTACHMENT = re.compile(r"\.(pdf|docx?)(\?|$)", re.I)


def canonicalize(url: str) -> str:
    """Drop the fragment and tracking parameters, lowercase the host, keep everything else."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def is_asset(url: str) -> bool:
    return bool(_ASSET.search(url))


def is_attachment(url: str) -> bool:
    return bool(_ATTACHMENT.search(url))
