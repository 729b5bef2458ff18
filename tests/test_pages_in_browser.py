"""The search page as a reader sees it: real `khao serve`, real headless Chromium (Debian's package)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_data_dir: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "khao", "--data-dir", str(demo_data_dir), "serve",
                                "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/api/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("khao serve did not answer")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def render(url: str) -> str:
    """The DOM after Chromium loaded the page (flags as this workplace's machines need them)."""
    if not CHROMIUM:
        pytest.skip("chromium is not installed (`make test` installs Debian's chromium)")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_search_page_shows_highlighted_hits_facets_and_paging(server: str) -> None:
    dom = render(f"{server}/?q={quote('หลักประกัน')}")
    assert 'id="total"' in dom and "documents" in dom
    assert dom.count('class="hit"') == 10
    assert "<mark>หลักประกัน</mark>" in dom
    assert 'aria-label="facets"' in dom and "หน่วยงาน" in dom and "จังหวัด" in dom
    assert "ถัดไป" in dom  # more than one page of results


def test_document_page_and_bad_input_message(server: str) -> None:
    import json

    hit = json.loads(urllib.request.urlopen(f"{server}/api/search?q=%E0%B8%9A%E0%B8%B1%E0%B8%95%E0%B8%A3%E0%B8%97%E0%B8%AD%E0%B8%87").read())["hits"][0]
    dom = render(f"{server}/documents/{hit['id']}")
    assert hit["title"] in dom
    error = render(f"{server}/?q=x&from=2024-13-45")
    assert 'class="error"' in error and "not a date" in error
