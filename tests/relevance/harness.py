"""Relevance harness: build a Khao index over the health corpus + gold texts, run judged queries,
score them (recall@10 and nDCG@10, see README.md in this folder).

Used by ``tests/test_relevance.py``; also runnable by hand to look at one query's ranking::

    PYTHAINLP_OFFLINE=1 python -m tests.relevance.harness [--heldout] [DATA_DIR] [QUERY_ID ...]

(builds DATA_DIR once if it holds no store yet; prints the per-query table, and for the named
queries the top 10 with their judged grades).

Nothing from the corpus is copied into the project: documents are read from ../shared/corpus at
run time, ingested through Khao's real path (``nlp.pipeline.document_from_text`` -> ``Ingestor``)
into a temporary data directory, and forgotten.
"""

from __future__ import annotations

import gzip
import json
import math
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
QUERIES_FILE = HERE / "queries.jsonl"
# Judged blind after the search was tuned on QUERIES_FILE, and never tuned on: what relevance is
# on queries the search has not seen (README.md, "Held-out queries").
HELDOUT_FILE = HERE / "heldout.jsonl"
GOLD_FILE = REPO / "tests" / "gold" / "entities.jsonl"
CORPUS_FILE = "thaigov-health.jsonl.gz"
TITLE_PREFIX = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-"
GOLD_URL = "https://gold.khao.invalid/{}"  # the written gold texts have no URL of their own
NO_URL = "https://thaigov.khao.invalid/{}"  # 12 corpus articles have url null
K = 10
# Which index backend to measure: the configured default unless this names another (fts5, tantivy, ...).
BACKEND_ENV = "KHAO_RELEVANCE_BACKEND"
RELEVANT_FILTER_KEYS = {"agency", "province", "region", "source", "partnership", "date_from", "date_to"}


# -- the document collection ----------------------------------------------------------------

@dataclass
class Collection:
    """Judgeable ids (corpus ids like tg000024, gold ids like w01) <-> Khao document ids."""

    khao_id: dict[str, str] = field(default_factory=dict)  # judged id -> Khao document id
    judged_ids: dict[str, list[str]] = field(default_factory=dict)  # Khao document id -> judged ids
    titles: dict[str, str] = field(default_factory=dict)  # Khao document id -> title

    def add(self, judged_id: str, khao_id: str, title: str) -> None:
        self.khao_id[judged_id] = khao_id
        self.judged_ids.setdefault(khao_id, []).append(judged_id)
        self.titles.setdefault(khao_id, title)


def corpus_title(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    return first.removeprefix(TITLE_PREFIX).strip() or first


def corpus_url(row: dict[str, Any]) -> str:
    return row["url"] or NO_URL.format(row["id"])


def read_corpus(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def read_gold_texts() -> list[dict[str, Any]]:
    with GOLD_FILE.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if "text" in r]


def settings_for(data_dir: Path) -> Any:
    from config.settings import load_settings

    return load_settings(environ={}, overrides={"data_dir": str(data_dir)})


def open_search_index(data_dir: Path) -> Any:
    """The configured index backend of a data directory, or the one named by $KHAO_RELEVANCE_BACKEND."""
    import os

    from indexer.backends import open_index

    return open_index(settings_for(data_dir), os.environ.get(BACKEND_ENV) or None)


def build_index(corpus_file: Path, data_dir: Path) -> Collection:
    """Ingest every corpus article and gold text through Khao's real path; return the id map."""
    from indexer.ingest import Ingestor
    from indexer.store import Store
    from nlp.document import document_id
    from nlp.pipeline import document_from_text

    store = Store.open(settings_for(data_dir).data_path)
    index = open_search_index(data_dir)
    ingestor = Ingestor(store, index)
    collection = Collection()
    try:
        for row in read_corpus(corpus_file):
            title = corpus_title(row["text"])
            doc = document_from_text(row["text"], corpus_url(row), source="thaigov-health", title=title)
            ingestor.ingest(doc)
            collection.add(row["id"], document_id(doc.canonical_url), title)
        for row in read_gold_texts():
            url = GOLD_URL.format(row["doc"])
            doc = document_from_text(row["text"], url, source="gold",
                                     title=row.get("title"), published_at=row.get("published_at"))
            ingestor.ingest(doc)
            collection.add(row["doc"], document_id(doc.canonical_url), doc.title)
        ingestor.flush()
    finally:
        store.close()
        index.close()
    return collection


def collection_for(corpus_file: Path) -> Collection:
    """The id map without building anything (for a data directory built earlier)."""
    from nlp.document import document_id

    collection = Collection()
    for row in read_corpus(corpus_file):
        collection.add(row["id"], document_id(corpus_url(row)), corpus_title(row["text"]))
    for row in read_gold_texts():
        collection.add(row["doc"], document_id(GOLD_URL.format(row["doc"])), row.get("title") or "")
    return collection


def duplicate_roots(data_dir: Path) -> dict[str, str]:
    """Khao id -> the id of the copy search shows for it (the store's near-duplicate links)."""
    from indexer.store import STORE_FILE

    db = sqlite3.connect(Path(data_dir) / STORE_FILE)
    try:
        return dict(db.execute("SELECT id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"))
    finally:
        db.close()


# -- queries and metrics --------------------------------------------------------------------

@dataclass
class Query:
    id: str
    query: str
    filters: dict[str, Any]
    relevant: dict[str, int]
    kinds: list[str]
    why: str


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            out.append(Query(id=row["id"], query=row["query"], filters=row.get("filters") or {},
                             relevant=row["relevant"], kinds=row.get("kinds", []), why=row.get("why", "")))
    return out


def dcg(gains: list[float]) -> float:
    return sum((2 ** g - 1) / math.log2(rank + 2) for rank, g in enumerate(gains))


@dataclass
class Result:
    query: Query
    ranked: list[str]  # Khao ids of the top K hits
    grades: dict[str, int]  # Khao id -> grade (after mapping judged ids and collapsing copies)
    total: int
    recall: float
    ndcg: float
    error: str = ""

    @property
    def target(self) -> set[str]:
        return recall_target(self.grades)


def recall_target(grades: dict[str, int]) -> set[str]:
    """The documents recall@10 is measured over: the grade-2 ones (grade-1 when there is none)."""
    top = max(grades.values(), default=0)
    return {d for d, g in grades.items() if g == top}


def map_grades(query: Query, collection: Collection, roots: dict[str, str]) -> dict[str, int]:
    """Judged ids -> Khao ids, each copy collapsed onto the copy search shows; max grade wins."""
    grades: dict[str, int] = {}
    for judged, grade in query.relevant.items():
        khao = collection.khao_id[judged]
        khao = roots.get(khao, khao)
        grades[khao] = max(grades.get(khao, 0), int(grade))
    return grades


def score(query: Query, ranked: list[str], grades: dict[str, int], total: int, error: str = "") -> Result:
    target = recall_target(grades)
    found = len(target & set(ranked[:K]))
    recall = found / min(len(target), K) if target else 1.0
    ideal = dcg(sorted(grades.values(), reverse=True)[:K])
    ndcg = dcg([grades.get(d, 0) for d in ranked[:K]]) / ideal if ideal else 1.0
    return Result(query, ranked[:K], grades, total, recall, ndcg, error)


def run_queries(index: Any, queries: list[Query], collection: Collection, roots: dict[str, str]) -> list[Result]:
    from config.errors import InputError
    from indexer.query import build_request

    results = []
    for q in queries:
        grades = map_grades(q, collection, roots)
        try:
            response = index.search(build_request(q.query, page_size=K, **q.filters))
            ranked, total, error = [h.id for h in response.hits], response.total, ""
        except InputError as exc:  # an unknown filter value is a failure of this query, not a crash
            ranked, total, error = [], 0, str(exc)
        results.append(score(q, ranked, grades, total, error))
    return results


def means(results: list[Result]) -> dict[str, float]:
    n = len(results) or 1
    return {"recall@10": sum(r.recall for r in results) / n, "ndcg@10": sum(r.ndcg for r in results) / n}


def table(results: list[Result], collection: Collection | None = None, only_failing: bool = False,
          detail: bool = False) -> str:
    lines = [f"{'id':<6} {'R@10':>5} {'nDCG':>5} {'total':>5}  query [filters] -- missed grade-2 ids"]
    for r in results:
        if only_failing and r.recall >= 1.0 and r.ndcg >= 0.85:
            continue
        missed = [_name(d, collection) for d in sorted(r.target - set(r.ranked))]
        filters = f" {json.dumps(r.query.filters, ensure_ascii=False)}" if r.query.filters else ""
        lines.append(f"{r.query.id:<6} {r.recall:5.2f} {r.ndcg:5.2f} {r.total:5d}  {r.query.query}{filters}"
                     + (f" -- missed {', '.join(missed)}" if missed else "") + (f" -- ERROR {r.error}" if r.error else ""))
        if detail:
            for rank, d in enumerate(r.ranked, 1):
                title = collection.titles.get(d, "") if collection else ""
                lines.append(f"{'':6} {rank:2d}. [{r.grades.get(d, 0)}] {_name(d, collection)} {title[:90]}")
    return "\n".join(lines)


def _name(khao_id: str, collection: Collection | None) -> str:
    if collection and khao_id in collection.judged_ids:
        return "/".join(collection.judged_ids[khao_id])
    return khao_id


def main(argv: list[str]) -> int:
    import os

    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    sys.path.insert(0, str(REPO))
    from indexer.ingest import Ingestor
    from indexer.store import STORE_FILE, Store

    corpus = REPO.parent / "shared" / "corpus" / CORPUS_FILE
    query_file = QUERIES_FILE
    if "--heldout" in argv:
        argv = [arg for arg in argv if arg != "--heldout"]
        query_file = HELDOUT_FILE
    data_dir = Path(argv[0]) if argv else Path("/tmp/khao-relevance")
    if not (data_dir / STORE_FILE).exists():
        collection = build_index(corpus, data_dir)
    else:
        collection = collection_for(corpus)
    index = open_search_index(data_dir)
    if index.count() == 0:  # a store built earlier, an index backend not filled yet: rebuild from the store
        store = Store.open(data_dir)
        Ingestor(store, index).rebuild()
        store.close()
    queries = load_queries(query_file)
    wanted = set(argv[1:])
    results = run_queries(index, queries, collection, duplicate_roots(data_dir))
    print(table(results, collection))
    if wanted:
        print(table([r for r in results if r.query.id in wanted], collection, detail=True))
    print({k: round(v, 3) for k, v in means(results).items()}, f"{len(results)} queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
