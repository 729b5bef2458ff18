"""Crawl sources: a name and start URLs, plus optional refinements.

A new site is added by configuration, not code (DESIGN.md): only ``name`` and ``start_urls``
are required; feeds, sitemaps, an article URL pattern and CSS selectors are optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from config.errors import ConfigError
from config.toml import read_toml

BUNDLED_SOURCES = Path(__file__).with_name("sources.toml")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_KNOWN_KEYS = {"name", "start_urls", "feeds", "sitemaps", "article_pattern", "selectors", "description", "enabled"}


@dataclass(frozen=True)
class Source:
    """One configured site."""

    name: str
    start_urls: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_pattern: str = ""
    selectors: dict[str, str] = field(default_factory=dict)
    description: str = ""
    enabled: bool = True

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(sorted({urlsplit(u).hostname or "" for u in self.start_urls + self.feeds + self.sitemaps}))


def _check_url(url: Any, where: str) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise ConfigError(f"{where}: {url!r} is not an http(s) URL")
    return url


def parse_source(raw: Any, where: str = "sources") -> Source:
    """Validate one ``[[sources]]`` table, with a one-line error naming the field."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: each source must be a table")
    unknown = set(raw) - _KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ConfigError(f"{where}: name must be lowercase letters, digits, '-', '_' or '.', got {name!r}")
    where = f"source {name!r}"
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("start_urls", "feeds", "sitemaps"):
        value = raw.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ConfigError(f"{where}: {key} must be a list of URLs")
        lists[key] = tuple(_check_url(u, f"{where} {key}") for u in value)
    if not (lists["start_urls"] or lists["feeds"] or lists["sitemaps"]):
        raise ConfigError(f"{where}: needs at least one of start_urls, feeds or sitemaps")
    pattern = raw.get("article_pattern", "")
    try:
        re.compile(pattern)
    except (re.error, TypeError) as exc:
        raise ConfigError(f"{where}: article_pattern is not a regular expression: {exc}") from None
    selectors = raw.get("selectors", {})
    if not isinstance(selectors, dict) or not all(isinstance(v, str) for v in selectors.values()):
        raise ConfigError(f"{where}: selectors must be a table of CSS selector strings")
    return Source(
        name=name,
        start_urls=lists["start_urls"],
        feeds=lists["feeds"],
        sitemaps=lists["sitemaps"],
        article_pattern=pattern,
        selectors=dict(selectors),
        description=str(raw.get("description", "")),
        enabled=bool(raw.get("enabled", True)),
    )


def load_sources(inline: list[dict[str, Any]] | None, sources_file: str = "") -> list[Source]:
    """Sources from the config file's own ``[[sources]]``, else ``sources_file``, else the bundled file."""
    if inline is not None:
        raw_sources, origin = inline, "config"
    else:
        path = Path(sources_file).expanduser() if sources_file else BUNDLED_SOURCES
        raw_sources, origin = read_toml(path).get("sources", []), str(path)
    sources = [parse_source(raw, f"{origin} source #{i + 1}") for i, raw in enumerate(raw_sources)]
    names = [s.name for s in sources]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ConfigError(f"{origin}: duplicate source name(s) {', '.join(duplicated)}")
    return sources
