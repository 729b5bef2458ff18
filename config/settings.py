"""Every Khao setting, declared once.

Each setting has a type, a default and help text, and is read in layers:
built-in default < TOML file (``--config`` / ``KHAO_CONFIG``) < environment (``KHAO_...``)
< explicit overrides (command-line options). ``docs/settings.md`` is checked against this
table by a test, so a setting cannot be added without being documented.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from config.errors import ConfigError
from config.sources import load_sources
from config.toml import read_toml


@dataclass(frozen=True)
class Setting:
    """One declared setting: ``name`` is the TOML key, ``env`` the environment variable."""

    name: str
    type: type
    default: Any
    help: str
    choices: tuple[str, ...] = ()

    @property
    def env(self) -> str:
        return "KHAO_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", str, "./khao-data", "Directory holding the SQLite store, the embedded index and crawl state."),
    Setting("config", str, "", "TOML file with settings and [[sources]]; empty means built-in defaults only."),
    Setting("sources_file", str, "", "TOML file with [[sources]]; empty means the bundled config/sources.toml."),
    Setting("admin_token", str, "", "Bearer token for /api/admin/ endpoints; when empty, admin endpoints are refused."),
    Setting("smtp_host", str, "localhost", "SMTP server for the daily digest."),
    Setting("smtp_port", int, 25, "SMTP port."),
    Setting("smtp_username", str, "", "SMTP user name; empty means no login."),
    Setting("smtp_password", str, "", "SMTP password."),
    Setting("smtp_security", str, "none", "SMTP transport security.", ("none", "starttls", "ssl")),
    Setting("mail_from", str, "khao@localhost", "Sender address of digest emails."),
    Setting("public_url", str, "http://127.0.0.1:8000", "Base URL used for links in emails."),
    Setting("index_backend", str, "embedded", "Search index backend: `embedded` is the measured default (tantivy; `fts5` is the SQLite FTS5 alternative).", ("embedded", "tantivy", "fts5", "elasticsearch")),
    Setting("elasticsearch_url", str, "http://127.0.0.1:9200", "Elasticsearch URL when index_backend is elasticsearch."),
    Setting("tokenizer_engine", str, "nlpo3", "Thai word segmenter used at index and query time (measured in bench/segmentation.py).", ("nlpo3", "newmm")),
    Setting("user_agent", str, "KhaoBot/0.1 (+https://github.com/khao-news/khao; Thai health news archive)", "User-Agent sent by crawlers; keep a contact URL in it."),
    Setting("crawl_delay", float, 1.0, "Seconds between requests to one site (AutoThrottle start delay)."),
    Setting("crawl_concurrency_per_site", int, 1, "Parallel requests per site."),
    Setting("crawl_obey_robots", bool, True, "Obey robots.txt."),
    Setting("crawl_max_pages", int, 5000, "Stop a crawl of one run after this many pages (0 = no limit)."),
    Setting("crawl_max_page_bytes", int, 10_000_000, "Pages larger than this are refused."),
    Setting("crawl_retry_backoff", float, 1.0, "First wait (seconds) before retrying a 429/5xx answer; doubles each retry; a Retry-After header wins (capped at 120 s)."),
    Setting("crawl_recheck_days", float, 7.0, "Stored articles are not fetched again until this many days have passed; then only with a conditional GET (ETag / Last-Modified)."),
    Setting("crawl_workers", int, 1, "Worker processes for extraction, NLP and indexing during a crawl (0 = in Scrapy's process; an embedded index takes one writer)."),
    Setting("crawl_timeout", float, 30.0, "Seconds before a request is abandoned."),
    Setting("source_stale_days", int, 14, "`khao sources` warns when a crawled source has produced nothing new for this many days."),
    Setting("host", str, "127.0.0.1", "Address `khao serve` listens on."),
    Setting("port", int, 8000, "Port `khao serve` listens on."),
    Setting("demo_mirror_port", int, 8765, "Port of the bundled offline mirror site served by `khao demo`."),
    Setting("log_level", str, "WARNING", "Logging level for the CLI.", ("DEBUG", "INFO", "WARNING", "ERROR")),
)

_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Read attributes (``settings.data_dir``); build with :func:`load_settings`."""

    values: Mapping[str, Any]
    sources: tuple[dict[str, Any], ...] = field(default=())

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("values", "sources"):
            raise AttributeError(name)  # copy/pickle probe these before __init__ has run
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def data_path(self) -> Path:
        return Path(self.values["data_dir"]).expanduser()

    def replace(self, **changes: Any) -> "Settings":
        return Settings({**self.values, **changes}, self.sources)


def _coerce(setting: Setting, raw: Any, origin: str) -> Any:
    """Convert a TOML or environment value to the setting's type, with a one-line error."""
    try:
        if setting.type is bool:
            if isinstance(raw, bool):
                value: Any = raw
            elif str(raw).strip().lower() in {"1", "true", "yes", "on"}:
                value = True
            elif str(raw).strip().lower() in {"0", "false", "no", "off"}:
                value = False
            else:
                raise ValueError
        elif setting.type is str:
            if not isinstance(raw, (str, int, float)):
                raise ValueError
            value = str(raw)
        else:
            value = setting.type(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{origin}: {setting.name} must be a {setting.type.__name__}, got {raw!r}") from None
    if setting.choices and value not in setting.choices:
        raise ConfigError(f"{origin}: {setting.name} must be one of {', '.join(setting.choices)}, got {value!r}")
    return value


def load_settings(
    config_file: str | os.PathLike[str] | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Resolve settings: defaults < TOML < environment < overrides.

    ``config_file`` falls back to ``KHAO_CONFIG``. Unknown TOML keys are an error so that a
    typo is not silently ignored. ``[[sources]]`` in the file replace the bundled sources.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    path_value = config_file or env.get("KHAO_CONFIG") or ""
    file_sources: list[dict[str, Any]] | None = None
    if path_value:
        path = Path(path_value).expanduser()
        document = read_toml(path)
        table = dict(document.get("khao", {})) if isinstance(document.get("khao"), dict) else {}
        for key, raw in document.items():
            if key in ("khao", "sources"):
                continue
            table[key] = raw
        for key, raw in table.items():
            setting = _BY_NAME.get(key)
            if setting is None:
                raise ConfigError(f"{path}: unknown setting {key!r} (see docs/settings.md)")
            values[key] = _coerce(setting, raw, str(path))
        if "sources" in document:
            if not isinstance(document["sources"], list):
                raise ConfigError(f"{path}: sources must be an array of tables ([[sources]])")
            file_sources = document["sources"]
        values["config"] = str(path)
    for setting in SETTINGS:
        if setting.env in env and setting.name != "config":
            values[setting.name] = _coerce(setting, env[setting.env], setting.env)
    for key, raw in (overrides or {}).items():
        if raw is None:
            continue
        setting = _BY_NAME.get(key)
        if setting is None:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(setting, raw, "command line")
    sources = load_sources(file_sources, values["sources_file"])
    return Settings(values, tuple(sources))
