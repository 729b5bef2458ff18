"""The command line: bad input gets one line on stderr and a non-zero exit, never a traceback;
ingest, search and export work on a real data directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_khao

PAGES = Path(__file__).parent / "pages"


def assert_one_line_error(result, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in lines[0], lines[0]


def test_unknown_option_and_command() -> None:
    assert_one_line_error(run_khao("search", "x", "--colour", "red"), "unrecognized arguments: --colour red")
    assert_one_line_error(run_khao("fly"), "invalid choice: 'fly'")


def test_missing_file(data_dir: Path) -> None:
    assert_one_line_error(run_khao("ingest", "/nonexistent/a.html", data_dir=data_dir), "no such file")
    assert_one_line_error(run_khao("extract", "/nonexistent/a.html"), "no such file")


@pytest.mark.parametrize("name, content, expected", [
    ("empty.html", b"", "empty file"),
    ("blank.txt", b"   \n\n", "empty file"),
    ("image.html", bytes(range(256)) * 40, "binary file"),
    ("broken.pdf", b"%PDF-1.4\n garbage without objects", "broken PDF"),
    ("notes.docx", b"PK\x03\x04", "unsupported file type"),
])
def test_bad_files_for_ingest(tmp_path: Path, data_dir: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_line_error(run_khao("ingest", str(path), data_dir=data_dir), expected)


def test_malformed_config(tmp_path: Path) -> None:
    config = tmp_path / "khao.toml"
    config.write_text("port = [", encoding="utf-8")
    assert_one_line_error(run_khao("--config", str(config), "sources"), "is not valid TOML")
    assert_one_line_error(run_khao("--config", str(tmp_path / "missing.toml"), "sources"), "config file not found")


def test_search_before_anything_was_stored(data_dir: Path) -> None:
    assert_one_line_error(run_khao("search", "หลักประกัน", data_dir=data_dir), "no Khao store")


def test_ingest_a_batch_goes_on_past_bad_items(tmp_path: Path, data_dir: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join([
        json.dumps({"url": "https://www.nhso.go.th/news/77", "title": "สปสช. จัดประชุมกองทุนหลักประกันสุขภาพ",
                    "text": "สปสช. จัดประชุมกองทุนหลักประกันสุขภาพระดับท้องถิ่น จังหวัดภูเก็ต", "published_at": "2567-05-20"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"url": "https://x.go.th/1"}),
        json.dumps({"url": "https://x.go.th/2", "text": "ข่าว", "published_at": "31 กุมภาพันธ์ 2567"}, ensure_ascii=False),
    ]), encoding="utf-8")
    result = run_khao("ingest", str(good), str(PAGES / "nhso_article.html"), data_dir=data_dir)
    assert result.returncode == 1  # some items failed...
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("khao: error: ") for e in errors)
    assert ":2: not valid JSON" in errors[0] and ':3: needs "html" or "text"' in errors[1]
    assert ":4: published_at" in errors[2]
    assert "documents new 2" in result.stdout  # ...and the rest were stored

    found = json.loads(run_khao("search", "กองทุน", "--json", data_dir=data_dir).stdout)
    assert found["total"] == 2
    by_url = {h["url"]: h for h in found["hits"]}
    assert by_url["https://www.nhso.go.th/news/77"]["published_at"] == "2024-05-20"

    lines = run_khao("export", "--format", "jsonl", data_dir=data_dir).stdout.strip().splitlines()
    exported = [json.loads(line) for line in lines]
    assert len(exported) == 2
    for key in ("id", "url", "canonical_url", "source", "title", "published_at", "fetched_at", "language", "text",
                "agencies", "provinces", "nhso_regions", "dates", "partnership", "attachments", "duplicate_of"):
        assert all(key in doc for doc in exported), key

    csv_lines = run_khao("export", "--format", "csv", "--query", "ภูเก็ต", data_dir=data_dir).stdout.splitlines()
    assert csv_lines[0].startswith("id,url,") and len(csv_lines) == 2


def test_extract_prints_the_design_json() -> None:
    result = run_khao("extract", str(PAGES / "nhso_article.html"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"title", "published_at", "agencies", "provinces", "nhso_regions", "dates", "persons",
                         "partnership"}
    assert data["published_at"] == "2023-03-14"
    assert "nhso" in {a["id"] for a in data["agencies"]}
    assert 7 in {r["number"] for r in data["nhso_regions"]}


def test_extract_from_stdin() -> None:
    result = run_khao("extract", "-", input="ข่าว สปสช.\nวันที่ 1 มกราคม 2567 สปสช. ประชุม".encode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["published_at"] == "2024-01-01"


def test_search_over_an_empty_index_says_to_reindex(tmp_path: Path, data_dir: Path) -> None:
    page = tmp_path / "one.jsonl"
    page.write_text(json.dumps({"url": "https://x.go.th/9", "title": "ข่าว", "text": "สปสช. ประชุมกองทุน",
                                "published_at": "2567-05-20"}, ensure_ascii=False), encoding="utf-8")
    assert run_khao("ingest", str(page), data_dir=data_dir).returncode == 0
    import shutil
    shutil.rmtree(data_dir / "index-tantivy")  # as when an index built by another Khao is set aside
    result = run_khao("search", "กองทุน", data_dir=data_dir)
    assert result.returncode == 0 and "0 documents match" in result.stdout
    assert "store holds 1 documents; run `khao reindex`" in result.stderr
    # the next ingest (or crawl) fills the empty index from the store without being asked
    other = tmp_path / "two.jsonl"
    other.write_text(json.dumps({"url": "https://x.go.th/10", "title": "ข่าว", "text": "กองทุนภูเก็ต",
                                 "published_at": "2567-05-21"}, ensure_ascii=False), encoding="utf-8")
    assert run_khao("ingest", str(other), data_dir=data_dir).returncode == 0
    assert "2 documents match" in run_khao("search", "กองทุน", data_dir=data_dir).stdout
    assert run_khao("reindex", data_dir=data_dir).returncode == 0
    assert "2 documents match" in run_khao("search", "กองทุน", data_dir=data_dir).stdout
