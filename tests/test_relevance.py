"""Search relevance on judged queries (issue 5): recall@10 and nDCG@10 floors.

The collection is built at run time, once per module, through Khao's real write path: the 3,351
articles of ../shared/corpus/thaigov-health.jsonl.gz plus the written gold texts of
tests/gold/entities.jsonl, each analysed by ``nlp.pipeline.document_from_text`` and ingested by
``indexer.ingest.Ingestor`` into a temporary data directory with the configured default index
backend (``KHAO_RELEVANCE_BACKEND=fts5`` measures another one). The 41 judged queries live in
tests/relevance/queries.jsonl; judgments, metric and how they were made: tests/relevance/README.md.

The floors are the issue's acceptance numbers. They are not to be lowered to fit the system, and
judgments are not to be edited to fit a ranking: fix the search, or argue a judgment in the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import corpus_path
from tests.relevance import harness

# Issue 5 targets: recall@10 0.95, nDCG@10 0.85, both met (measured 0.958 / 0.919 with tantivy).
# Pinned at the target and just below the measured nDCG, so nothing gets worse; raise, never lower.
FLOORS = {"recall@10": 0.95, "ndcg@10": 0.91}
MIN_QUERIES = 30  # the issue asks for at least 30
MAX_GRADE_2 = harness.K  # recall@10 cannot reach 1.0 over more targets than the cut-off

pytestmark = pytest.mark.slow
Built = tuple[object, harness.Collection, dict[str, str]]  # (index, id map, copy -> shown copy)


@pytest.fixture(scope="module")
def relevance_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    corpus = corpus_path(harness.CORPUS_FILE)
    data_dir = tmp_path_factory.mktemp("relevance") / "data"
    collection = harness.build_index(corpus, data_dir)
    index = harness.open_search_index(data_dir)
    try:
        yield index, collection, harness.duplicate_roots(data_dir)
    finally:
        index.close()


@pytest.fixture(scope="module")
def results(relevance_index: Built) -> list[harness.Result]:
    index, collection, roots = relevance_index
    return harness.run_queries(index, harness.load_queries(), collection, roots)


JUDGED_FILES = pytest.mark.parametrize("path, at_least", [(harness.QUERIES_FILE, MIN_QUERIES), (harness.HELDOUT_FILE, 12)],
                                       ids=["tuned-on", "held-out"])


@JUDGED_FILES
def test_judgments_are_well_formed(path: Path, at_least: int) -> None:
    """Every query has an id, text, 1 to 10 grade-2 documents, grades 1/2 only, known filters and a why."""
    queries = harness.load_queries(path)
    assert len(queries) >= at_least
    assert len({q.id for q in queries}) == len(queries), "duplicate query ids"
    for q in queries:
        assert q.query.strip(), q.id
        assert q.relevant and all(g in (1, 2) for g in q.relevant.values()), q.id
        assert 1 <= list(q.relevant.values()).count(2) <= MAX_GRADE_2, f"{q.id}: needs 1 to {MAX_GRADE_2} grade-2 documents"
        assert set(q.filters) <= harness.RELEVANT_FILTER_KEYS, q.id
        assert q.why, q.id


@JUDGED_FILES
def test_judged_documents_exist_in_the_collection(relevance_index: Built, path: Path, at_least: int) -> None:
    _, collection, _ = relevance_index
    missing = {(q.id, d) for q in harness.load_queries(path) for d in q.relevant if d not in collection.khao_id}
    assert not missing, f"judged documents not in the collection: {sorted(missing)}"


def test_the_whole_collection_is_indexed(relevance_index: Built) -> None:
    """Every document reached the index (a silent indexing failure would show up as bad relevance)."""
    index, collection, _ = relevance_index
    assert index.count() == len(collection.judged_ids)


def test_relevance_floors(results: list[harness.Result], relevance_index: Built) -> None:
    _, collection, _ = relevance_index
    scores = harness.means(results)
    below = {name: round(scores[name], 3) for name, floor in FLOORS.items() if scores[name] < floor}
    report = (f"\nmeans over {len(results)} queries: " + ", ".join(f"{k} {v:.3f}" for k, v in scores.items())
              + f" (floors {FLOORS})\nqueries below recall 1.0 or nDCG 0.85:\n"
              + harness.table(results, collection, only_failing=True))
    if below:  # the table says more than a traceback through the fixtures would
        pytest.fail(f"below the floors: {below}{report}", pytrace=False)
