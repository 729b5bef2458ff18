"""End to end: a real Scrapy crawl of the offline mirror on 127.0.0.1 -> store -> index -> search,
through the real command line (`khao demo --no-serve`, then `khao search` and `khao export`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_khao

pytestmark = pytest.mark.slow


def search(data_dir: Path, query: str, *extra: str) -> dict:
    result = run_khao("search", query, "--json", "--limit", "100", *extra, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def exported(data_dir: Path) -> list[dict]:
    result = run_khao("export", "--format", "jsonl", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_every_mirror_article_is_stored_once_with_title_date_and_clean_text(demo_data_dir: Path) -> None:
    from mirror import expected_articles

    docs = exported(demo_data_dir)
    by_path = {doc["url"].split("//", 1)[1].split("/", 1)[1]: doc for doc in docs}
    expected = expected_articles()
    assert len(docs) == len(expected)
    for article in expected:
        doc = by_path["/".join(article["path"].split("/")[1:])]
        assert doc["title"] == article["title"]
        assert doc["published_at"] == article["published_at"], doc["url"]
        assert doc["source"] == article["source"]
        for phrase in article["body_contains"]:
            assert phrase in doc["text"], (doc["url"], phrase)
        for phrase in article["must_not_contain"]:
            assert phrase not in doc["text"], (doc["url"], phrase)


def test_search_finds_words_inside_compounds_with_highlights(demo_data_dir: Path) -> None:
    docs = exported(demo_data_dir)
    containing = {d["id"] for d in docs if "หลักประกัน" in d["text"] or "หลักประกัน" in d["title"]}
    result = search(demo_data_dir, "หลักประกัน")
    copies = {d["id"] for d in docs if d["duplicate_of"]}
    assert {h["id"] for h in result["hits"]} == containing - copies
    assert result["total"] == len(containing - copies)
    assert all("<mark>หลักประกัน</mark>" in h["snippet"] for h in result["hits"])


def test_nikhahit_spelling_and_sara_am_find_each_other(demo_data_dir: Path) -> None:
    docs = exported(demo_data_dir)
    decomposed = search(demo_data_dir, "ด\u0e4d\u0e32เนินงาน")
    composed = search(demo_data_dir, "ดำเนินงาน")
    assert decomposed["hits"] and {h["id"] for h in decomposed["hits"]} == {h["id"] for h in composed["hits"]}
    assert len(decomposed["hits"]) == len({d["id"] for d in docs if "ดำเนินงาน" in d["text"] and not d["duplicate_of"]})


def test_syndicated_copy_is_one_hit_with_copies(demo_data_dir: Path) -> None:
    docs = exported(demo_data_dir)
    copies = [d for d in docs if d["duplicate_of"]]
    assert copies, "the mirror carries one syndicated press release"
    original = next(d for d in docs if d["id"] == copies[0]["duplicate_of"])
    result = search(demo_data_dir, f'"{original["title"]}"')
    assert result["hits"][0]["id"] == original["id"] and result["hits"][0]["copies"] == 2


def test_sources_report_counts(demo_data_dir: Path) -> None:
    result = run_khao("sources", data_dir=demo_data_dir)
    assert result.returncode == 0, result.stderr
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    counts = {}
    for doc in exported(demo_data_dir):
        counts[doc["source"]] = counts.get(doc["source"], 0) + 1
    for source, count in counts.items():
        assert int(rows[source][2]) == count
    assert rows["nhso-news"][2] == "0" and rows["nhso-news"][3] == "never"  # configured, never crawled here
    assert rows["mirror-nhso"][3] != "never" and int(rows["mirror-nhso"][4]) > 16  # pages of the last crawls
