"""Real crawls of local imitations of the real sources (tests/sites), through `khao crawl`.

Each site is configured with nothing but its name and start URL, as a user would add a new one.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_khao
from tests.sites import TestSite, start_sites, stop_sites

pytestmark = pytest.mark.slow


def write_config(path: Path, sites: dict[str, TestSite], **settings: object) -> Path:
    lines = [f"{key} = {json.dumps(value)}" for key, value in {"crawl_delay": 0.0, "crawl_retry_backoff": 0.2, **settings}.items()]
    for site in sites.values():
        source = site.source()
        lines += ["[[sources]]", f"name = {json.dumps(source['name'])}",
                  f"start_urls = {json.dumps(source['start_urls'])}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def exported(data_dir: Path) -> list[dict]:
    result = run_khao("export", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, TestSite], Path, Path, str]]:
    sites = start_sites()
    base = tmp_path_factory.mktemp("crawl")
    config = write_config(base / "khao.toml", sites)
    try:
        result = run_khao("--config", str(config), "crawl", data_dir=base / "data", timeout=600)
        assert result.returncode == 0, result.stderr
        yield sites, base / "data", config, result.stdout
    finally:
        stop_sites(sites)


def test_every_expected_article_is_stored_once_with_exact_title_date_and_clean_text(crawled) -> None:  # type: ignore[no-untyped-def]
    sites, data_dir, _, _ = crawled
    docs = exported(data_dir)
    by_url = {d["canonical_url"]: d for d in docs}
    problems = []
    for site in sites.values():
        for article in site.expected_articles():
            doc = by_url.get(article["url"])
            if doc is None:
                problems.append(f"missing {article['url']}")
                continue
            if doc["title"] != article["title"]:
                problems.append(f"{article['url']}: title {doc['title']!r} != {article['title']!r}")
            if doc["published_at"] != article["published_at"]:
                problems.append(f"{article['url']}: date {doc['published_at']} != {article['published_at']}")
            problems += [f"{article['url']}: lacks {p!r}" for p in article["must_contain"] if p not in doc["text"]]
            problems += [f"{article['url']}: boilerplate {p!r}" for p in article["must_not_contain"] if p in doc["text"]]
    assert not problems, "\n".join(problems)


def test_listing_about_private_and_error_pages_are_not_documents(crawled) -> None:  # type: ignore[no-untyped-def]
    sites, data_dir, _, _ = crawled
    stored = {d["canonical_url"] for d in exported(data_dir)} | {d["url"] for d in exported(data_dir)}
    wrong = [url for site in sites.values() for url in site.not_articles if url in stored]
    assert not wrong, wrong
    articles = {a["url"] for site in sites.values() for a in site.expected_articles()}
    attachments = {d["url"] for d in exported(data_dir) if d.get("parent_id")}
    assert stored - articles - attachments == set() or all(u.startswith("file:") for u in stored - articles - attachments)


def test_robots_txt_is_obeyed(crawled) -> None:  # type: ignore[no-untyped-def]
    sites, _, _, _ = crawled
    assert sites["nhso"].hits["/private/secret-news"] == 0


def test_syndicated_copy_is_linked_to_the_original(crawled) -> None:  # type: ignore[no-untyped-def]
    sites, data_dir, _, _ = crawled
    docs = {d["canonical_url"]: d for d in exported(data_dir)}
    for copy_url, original_url in sites["syndication"].copies.items():
        copy, original = docs[copy_url], docs[original_url]
        assert {copy["duplicate_of"], original["duplicate_of"]} == {None, original["id"] if copy["duplicate_of"] else copy["id"]}


def test_pdf_attachments_are_documents_linked_to_their_article(crawled) -> None:  # type: ignore[no-untyped-def]
    sites, data_dir, _, _ = crawled
    docs = exported(data_dir)
    by_url = {d["canonical_url"]: d for d in docs}
    for article in sites["nhso"].expected_articles():
        for attachment in article.get("attachments", []):
            doc = by_url.get(attachment["url"])
            assert doc is not None, attachment["url"]
            assert doc["parent_id"] == by_url[article["url"]]["id"]
            if attachment["has_text"]:
                assert all(p in doc["text"] for p in attachment["must_contain"])
            else:
                assert doc["text"] == "" and doc["extraction_note"].startswith("no extractable text")


def test_scanned_pdf_is_stored_but_not_searchable_as_empty_text(crawled) -> None:  # type: ignore[no-untyped-def]
    _, data_dir, _, _ = crawled
    result = json.loads(run_khao("search", "", "--json", "--limit", "100", data_dir=data_dir).stdout)
    scanned = [d for d in exported(data_dir) if d.get("extraction_note")]
    assert scanned and not {d["id"] for d in scanned} & {h["id"] for h in result["hits"]}


def test_a_second_crawl_refetches_no_article_page(crawled) -> None:  # type: ignore[no-untyped-def]
    sites, data_dir, config, _ = crawled
    for site in sites.values():
        site.reset_counters()
    result = run_khao("--config", str(config), "crawl", data_dir=data_dir, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "documents new 0, updated 0" in result.stdout
    for site in sites.values():
        refetched = [a["url"] for a in site.expected_articles()
                     if site.served[a["url"].removeprefix(site.url)] > 0]
        assert not refetched, refetched


def test_a_crawl_killed_midway_and_restarted_stores_each_article_once(tmp_path: Path) -> None:
    sites = start_sites(["nhso", "thaigov"])
    try:
        config = write_config(tmp_path / "khao.toml", sites)
        data_dir = tmp_path / "data"
        command = [sys.executable, "-m", "khao", "--config", str(config), "--data-dir", str(data_dir), "crawl"]
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        expected = {a["url"] for site in sites.values() for a in site.expected_articles()}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and sum(site.served.total() for site in sites.values()) < 8:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait()
        result = run_khao("--config", str(config), "crawl", data_dir=data_dir, timeout=600)
        assert result.returncode == 0, result.stderr
        stored = [d["canonical_url"] for d in exported(data_dir) if not d.get("parent_id")]
        assert sorted(stored) == sorted(expected)
    finally:
        stop_sites(sites)


def test_429_with_retry_after_is_retried_after_the_wait(tmp_path: Path) -> None:
    """A server that answers 429 Retry-After: 1 twice, then the page: stored, and the wait was honoured."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    article = ("<html><head><title>สปสช. แจ้งข่าว</title></head><body><h1>สปสช. แจ้งข่าวกองทุนหลักประกันสุขภาพ</h1>"
               "<p>20 พฤษภาคม 2567</p><p>" + "สำนักงานหลักประกันสุขภาพแห่งชาติ แจ้งการดำเนินงานกองทุน " * 8 + "</p></body></html>")
    times: list[float] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- http.server's naming
            if self.path == "/robots.txt":
                self.send_response(404)
                self.end_headers()
                return
            times.append(time.monotonic())
            if len(times) <= 2:
                self.send_response(429)
                self.send_header("Retry-After", "1")
                self.end_headers()
                return
            body = article.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/news/1"
        config = tmp_path / "khao.toml"
        config.write_text("crawl_delay = 0.0\ncrawl_workers = 0  # the in-process writer path\n", encoding="utf-8")
        result = run_khao("--config", str(config), "crawl", url, data_dir=tmp_path / "data")
        assert result.returncode == 0, result.stderr
        assert "documents new 1" in result.stdout
        assert len(times) == 3 and times[1] - times[0] >= 0.9 and times[2] - times[1] >= 0.9
    finally:
        server.shutdown()


def test_sources_report_health_and_errors(crawled) -> None:  # type: ignore[no-untyped-def]
    sites, data_dir, config, _ = crawled
    result = run_khao("--config", str(config), "sources", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()[1:]}
    assert int(rows["nhso"][2]) >= len(sites["nhso"].expected_articles())
    assert rows["nhso"][3] != "never" and int(rows["nhso"][4]) > 0
    assert int(rows["syndication"][5]) >= 2 and "last error" in rows["syndication"][7]  # the 404 and the 500
    assert "nothing new" not in rows["nhso"][7]  # new documents were stored today

    from config import load_settings
    from khao.services import source_health

    settings = load_settings(config, environ={}, overrides={"data_dir": str(data_dir)})
    later = {line.split("\t")[0]: line for line in source_health(settings, today="2030-01-01")}
    assert "nothing new for 14+ days" in later["nhso"]
