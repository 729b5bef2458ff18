"""Shared fixtures. Everything is real: SQLite files, HTTP servers on 127.0.0.1, subprocesses."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["PYTHAINLP_OFFLINE"] = "1"  # nothing may download at run time

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"


def corpus_path(name: str) -> Path:
    """A file of ../shared/corpus, or skip: a user's machine does not have it (CI always does)."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared corpus is only on the team's machines and CI)")
    return path


def read_corpus_jsonl(name: str, limit: int | None = None) -> list[dict]:
    rows = []
    with gzip.open(corpus_path(name), "rt", encoding="utf-8") as handle:
        for line in handle:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def run_khao(*args: str, data_dir: Path | None = None, env: dict[str, str] | None = None,
             input: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the real `khao` command line in a subprocess."""
    full_env = {**os.environ, "PYTHAINLP_OFFLINE": "1", **(env or {})}
    full_env.pop("KHAO_CONFIG", None)
    command = [sys.executable, "-m", "khao"] + (["--data-dir", str(data_dir)] if data_dir else []) + list(args)
    result = subprocess.run(command, capture_output=True, input=input, timeout=timeout, env=full_env, cwd=REPO)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8", "replace"),
                                       result.stderr.decode("utf-8", "replace"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def mirror_url() -> Iterator[str]:
    from mirror import MirrorServer

    with MirrorServer() as server:
        yield server.url


@pytest.fixture(scope="session")
def demo_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory filled once by `khao demo --no-serve`: a real crawl of the mirror."""
    directory = tmp_path_factory.mktemp("demo") / "data"
    result = run_khao("demo", "--no-serve", data_dir=directory, env={"KHAO_DEMO_MIRROR_PORT": "0"})
    assert result.returncode == 0, result.stderr
    return directory
