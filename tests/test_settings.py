"""Settings are declared once, layered, validated with one-line errors, and all documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config import ConfigError, load_settings
from config.settings import SETTINGS
from khao.cli import COMMANDS_HELP, build_parser

REPO = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented_with_its_env_name_and_default() -> None:
    doc = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        row = next((line for line in doc.splitlines() if line.startswith(f"| `{setting.name}` |")), None)
        assert row is not None, f"{setting.name} is missing from docs/settings.md"
        assert f"`{setting.env}`" in row
        assert str(setting.default) in row, f"{setting.name}: documented default differs"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert commands == set(COMMANDS_HELP)
    for command in commands:
        assert re.search(rf"`khao [^`]*\b{command}\b", readme), f"`khao {command}` is not in the README"


def test_layers_default_then_toml_then_environment_then_overrides(tmp_path: Path) -> None:
    config = tmp_path / "khao.toml"
    config.write_text('data_dir = "/from/toml"\nport = 9000\ncrawl_delay = 2.5\n', encoding="utf-8")
    assert load_settings(environ={}).port == 8000
    from_file = load_settings(config, environ={})
    assert (from_file.data_dir, from_file.port, from_file.crawl_delay) == ("/from/toml", 9000, 2.5)
    from_env = load_settings(config, environ={"KHAO_PORT": "9100", "KHAO_CRAWL_OBEY_ROBOTS": "false"})
    assert from_env.port == 9100 and from_env.crawl_obey_robots is False and from_env.data_dir == "/from/toml"
    assert load_settings(config, environ={"KHAO_PORT": "9100"}, overrides={"port": 9200}).port == 9200
    assert load_settings(environ={"KHAO_CONFIG": str(config)}).port == 9000


@pytest.mark.parametrize("content, message", [
    ("port = [", "not valid TOML"),
    ('port = "many"', "port must be a int"),
    ('index_backend = "solr"', "must be one of embedded, tantivy, fts5, elasticsearch"),
    ("colour = 3", "unknown setting 'colour'"),
    ('[[sources]]\nname = "Bad Name"\nstart_urls = ["https://x.go.th"]', "name must be lowercase"),
    ('[[sources]]\nname = "a"\nstart_urls = ["ftp://x"]', "is not an http(s) URL"),
    ('[[sources]]\nname = "a"', "needs at least one of start_urls"),
    ('[[sources]]\nname = "a"\nstart_urls = ["https://a.th"]\n[[sources]]\nname = "a"\nstart_urls = ["https://b.th"]',
     "duplicate source name"),
])
def test_malformed_config_is_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        load_settings(config, environ={})
    assert "\n" not in str(caught.value)


def test_environment_values_are_type_checked() -> None:
    with pytest.raises(ConfigError, match="KHAO_SMTP_PORT: smtp_port must be a int"):
        load_settings(environ={"KHAO_SMTP_PORT": "twenty-five"})


def test_bundled_sources_are_valid_and_include_nhso() -> None:
    names = [s.name for s in load_settings(environ={}).sources]
    assert "nhso-news" in names and "thaigov" in names
