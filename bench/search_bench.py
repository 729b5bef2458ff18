"""Search benchmark (issue 5): indexing rate, index size and API latency at 10k / 100k / 1M documents.

Usage (PYTHAINLP_OFFLINE=1; the first run spends ~7 minutes on the NLP stage, then it is cached)::

    nice python bench/search_bench.py --backend tantivy --docs 100000      # embedded = tantivy
    nice python bench/search_bench.py --backend fts5 --docs 10000 --rounds 3 --writer-rate 0
    python bench/search_bench.py --summary                                 # table of saved runs

``--docs 1000000`` needs ~6 GB of disk for tantivy and ~8 minutes of indexing on 2 cores.
The writer runs at ``--writer-rate`` documents/s (default 200, far above a crawl; 0 = flat out).

What it does, and why each step is there:

1. **Prepare** (once, cached in ``bench/results/``, which git ignores): the 90,703 real articles of
   ``../shared/corpus/thaigov.jsonl.gz`` are normalised, segmented (paragraph by paragraph, so
   variants can reuse the segmentation), and get their cheap entities (agencies, provinces,
   NHSO regions) and publish date (the corpus ``date``, else the Thai date line). This is the NLP
   stage; it is timed and reported on its own, never counted in the indexing rate.
2. **Documents**: document ``n`` is article ``n % 90,703``, variant ``n // 90,703``. Variant 0 is
   the real article; variant ``k > 0`` gets ``#v{k}`` on its URL, its paragraphs shuffled and its
   date shifted by a seeded random generator, and every 50th is marked a copy (``duplicate_of``)
   of the real article, so collapsing is exercised. Same ``--docs``, same documents, every run.
3. **Index** with the chosen backend as ``khao reindex`` does (``start_rebuild``, ``add`` in
   batches of ``--batch`` documents, ``finish_rebuild``), each document carrying the
   pre-segmented text (``doc.segmented``), and report documents/s of those calls (merges
   included) and the size on disk. Adding to a live index, a commit per batch, is what the
   writer of step 4 does; its rate is reported there.
4. **Serve** the real API (``search_api.app.create_app`` under uvicorn, as ``khao serve`` runs
   it) in a subprocess on 127.0.0.1 and measure, with one keep-alive HTTP client, p50/p95 of a
   fixed query set (common and rare words, phrases, OR, exclusion, filters on agency, province
   and dates, date sort, browsing without a query), every answer top-10 with facets and
   snippets: first idle, then while a separate writer process adds new variants.

Prints a summary and writes ``bench/results/search-<backend>-<docs>.json``.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.document import Document  # noqa: E402
from nlp.tokenize import WORD_JOINER  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "thaigov.jsonl.gz"
RESULTS = ROOT / "bench" / "results"
PREPARED = RESULTS / "thaigov-prepared.jsonl.gz"
PREPARED_STATS = RESULTS / "thaigov-prepared.stats.json"
PREPARE_VERSION = 2  # 2: segmentation of TEXT_PATH_VERSION 2
TITLE_PREFIX = "รัฐบาลไทย-ข่าวทำเนียบรัฐบาล-"
COPY_EVERY = 50  # one variant in 50 is a syndicated copy of its real article
DATE_SHIFT_DAYS = 3 * 365

# The fixed query set: (label, kind, params). Kinds group the report; "filtered" means any filter.
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("common", {"q": "สุขภาพ"}),
    ("common", {"q": "ประชาชน"}),
    ("common", {"q": "รัฐบาล"}),
    ("common", {"q": "นายกรัฐมนตรี"}),
    ("common", {"q": "การ"}),
    ("common", {"q": "ประเทศไทย"}),
    ("common", {"q": "ประชาชน สุขภาพ"}),
    ("rare", {"q": "บัตรทอง"}),
    ("rare", {"q": "สปสช"}),
    ("rare", {"q": "ไข้เลือดออก"}),
    ("rare", {"q": "ทุเรียน"}),
    ("rare", {"q": "ผู้ป่วยติดเตียง"}),
    ("rare", {"q": "กองทุนหลักประกันสุขภาพ"}),
    ("phrase", {"q": '"หลักประกันสุขภาพถ้วนหน้า"'}),
    ("phrase", {"q": '"การประชุมคณะรัฐมนตรี"'}),
    ("phrase", {"q": '"ระบบสาธารณสุข"'}),
    ("or", {"q": "บัตรทอง OR สปสช"}),
    ("or", {"q": "ทุเรียน OR มังคุด OR ลำไย"}),
    ("or", {"q": "โควิด OR วัคซีน"}),
    ("and", {"q": "ผู้สูงอายุ สุขภาพ"}),
    ("and", {"q": "โควิด วัคซีน ประชาชน"}),
    ("exclude", {"q": "สุขภาพ -โควิด"}),
    ("english", {"q": "NHSO"}),
    ("date-sort", {"q": "ประชาชน", "sort": "date"}),
    ("date-sort", {"q": "วัคซีน", "sort": "date"}),
    ("page-5", {"q": "สุขภาพ", "page": 5}),
    ("filtered", {"q": "สุขภาพ", "agency": "moph"}),
    ("filtered", {"q": "ประชาชน", "province": "เชียงใหม่"}),
    ("filtered", {"q": "ประชาชน", "from": "2563", "to": "2564"}),
    ("filtered", {"q": "วัคซีน", "from": "2021-01-01", "to": "2021-06-30"}),
    ("filtered", {"q": "สุขภาพ", "agency": "moph", "province": "ขอนแก่น"}),
    ("filtered", {"q": "บัตรทอง", "agency": "nhso"}),
    ("filtered", {"q": "การ", "from": "2565"}),
    ("filtered", {"q": "ทุเรียน", "province": "จันทบุรี", "sort": "date"}),
    ("filtered", {"q": "", "agency": "nhso", "sort": "date"}),
    ("filtered", {"q": "", "province": "ภูเก็ต"}),
    ("filtered", {"q": "", "from": "2566", "to": "2566"}),
    ("filtered", {"q": "สุขภาพ", "region": "11"}),
    ("browse", {"q": ""}),
    ("browse", {"q": "", "sort": "date", "page": 3}),
]


# -- 1. prepare: the NLP stage, once ------------------------------------------------------------

def _slim(entities: list[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    """Entities without mentions: the index needs only ids and labels, and memory matters at 1M."""
    return [{k: e[k] for k in keys if k in e} for e in entities]


def _prepare_one(line: str) -> tuple[dict[str, Any], dict[str, float]]:
    """One corpus line -> the prepared record, and seconds spent per NLP step."""
    from nlp.agencies import find_agencies
    from nlp.normalize import normalize_text
    from nlp.places import find_nhso_regions, find_provinces
    from nlp.thai_dates import find_dates
    from nlp.tokenize import join_words

    spent: dict[str, float] = {}
    article = json.loads(line)
    clock = time.perf_counter()
    text = normalize_text(article["text"])
    first, _, rest = text.partition("\n")
    title = first.strip().removeprefix(TITLE_PREFIX) or first.strip()
    body = rest.strip() or title
    spent["normalise"] = time.perf_counter() - clock

    clock = time.perf_counter()
    published = article.get("date")
    if published:
        published = str(published)[:10]
    else:
        found = next((m for m in find_dates(body[:600]) if m.kind in ("day", "range") and m.start <= date.today()),
                     None)
        published = found.start.isoformat() if found else None
    spent["date"] = time.perf_counter() - clock

    clock = time.perf_counter()
    agencies = find_agencies(title + "\n" + body)
    spent["agencies"] = time.perf_counter() - clock
    clock = time.perf_counter()
    provinces = find_provinces(title + "\n" + body)
    regions = find_nhso_regions(body, provinces)
    spent["provinces+regions"] = time.perf_counter() - clock

    clock = time.perf_counter()
    title_seg = join_words(title)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    paras_seg = [join_words(p) for p in paragraphs]
    spent["segmentation"] = time.perf_counter() - clock
    record = {
        "url": article["url"], "title": title_seg, "paras": paras_seg, "published_at": published,
        "agencies": _slim(agencies, ("id", "name")), "provinces": _slim(provinces, ("name", "name_en")),
        "nhso_regions": _slim(regions, ("number", "seat")), "chars": len(title) + len(body),
    }
    return record, spent


def _prepare_chunk(lines: list[str]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    records, totals = [], {}
    for line in lines:
        record, spent = _prepare_one(line)
        records.append(record)
        for step, seconds in spent.items():
            totals[step] = totals.get(step, 0.0) + seconds
    return records, totals


def _corpus_chunks(size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for line in handle:
            chunk.append(line)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def prepare(workers: int) -> dict[str, Any]:
    """Run the NLP stage over the corpus once and cache it; returns its timing figures."""
    if PREPARED.exists() and PREPARED_STATS.exists():
        stats = json.loads(PREPARED_STATS.read_text())
        if stats.get("version") == PREPARE_VERSION:
            return stats
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(f"preparing {CORPUS.name} (NLP, {workers} processes; cached afterwards) ...", flush=True)
    tmp = PREPARED.with_suffix(".tmp")
    totals: dict[str, float] = {}
    count = chars = 0
    start = time.perf_counter()
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as out, \
            multiprocessing.get_context("spawn").Pool(workers) as pool:
        for records, spent in pool.imap(_prepare_chunk, _corpus_chunks(64)):
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                chars += record["chars"]
            count += len(records)
            for step, seconds in spent.items():
                totals[step] = totals.get(step, 0.0) + seconds
            if count % 6400 < 64:
                print(f"  {count:,} articles, {count / (time.perf_counter() - start):,.0f}/s", flush=True)
    wall = time.perf_counter() - start
    tmp.replace(PREPARED)
    cpu = sum(totals.values())
    stats = {
        "version": PREPARE_VERSION, "articles": count, "mean_chars": round(chars / count),
        "wall_seconds": round(wall, 1), "workers": workers,
        "docs_per_s_wall": round(count / wall), "docs_per_s_per_core": round(count / cpu),
        "segmentation_docs_per_s_per_core": round(count / totals["segmentation"]),
        "segmentation_chars_per_s_per_core": round(chars / totals["segmentation"]),
        "step_seconds": {k: round(v, 1) for k, v in totals.items()},
    }
    PREPARED_STATS.write_text(json.dumps(stats, indent=2))
    return stats


def load_prepared() -> list[dict[str, Any]]:
    with gzip.open(PREPARED, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


# -- 2. documents and their variants ------------------------------------------------------------

def make_document(n: int, articles: Sequence[dict[str, Any]]) -> Document:
    """Document number ``n``: a real article (variant 0) or a reproducible variant of one."""
    article = articles[n % len(articles)]
    variant = n // len(articles)
    paragraphs = list(article["paras"])
    published = article["published_at"]
    # 110 corpus lines have no URL: give them a stable one, so every document has its own id
    real_url = article["url"] or f"https://www.thaigov.go.th/khao-bench/{n % len(articles)}"
    url, source, duplicate_of = real_url, "thaigov", None
    if variant:
        rng = random.Random(n)
        head, tail = paragraphs[:1], paragraphs[1:]
        rng.shuffle(tail)
        paragraphs = head + tail
        if published:
            shifted = date.fromisoformat(published) + timedelta(days=rng.randint(-DATE_SHIFT_DAYS, DATE_SHIFT_DAYS))
            published = min(shifted, date(2025, 12, 31)).isoformat()
        url = f"{real_url}#v{variant}"
        source = f"thaigov-v{variant % 5}"
        if n % COPY_EVERY == 0:
            duplicate_of = Document(url=real_url, title="", text="").id
    title_seg, text_seg = article["title"], "\n".join(paragraphs)
    doc = Document(url=url, title=title_seg.replace(WORD_JOINER, ""), text=text_seg.replace(WORD_JOINER, ""),
                   source=source, published_at=published, agencies=article["agencies"],
                   provinces=article["provinces"], nhso_regions=article["nhso_regions"], duplicate_of=duplicate_of)
    doc.segmented = {"title": title_seg, "text": text_seg}  # type: ignore[attr-defined]
    return doc


def document_batches(start: int, stop: int, size: int, articles: Sequence[dict[str, Any]]) -> Iterator[list[Document]]:
    for first in range(start, stop, size):
        yield [make_document(n, articles) for n in range(first, min(stop, first + size))]


# -- 3. index -----------------------------------------------------------------------------------

def open_backend(name: str, data_dir: Path) -> Any:
    from config.settings import load_settings
    from indexer.backends import open_index

    settings = load_settings(environ={}, overrides={"data_dir": str(data_dir)}).replace(index_backend=name)
    return open_index(settings)


def disk_size(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file())


def build_index(name: str, data_dir: Path, docs: int, batch: int, articles: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Index documents 0..docs-1 as ``khao reindex`` does (start_rebuild, add in batches,
    finish_rebuild); only the backend's calls are timed, never building the documents."""
    index = open_backend(name, data_dir)
    indexing = 0.0
    done = 0
    report_every = max(batch, docs // 10)
    try:
        clock = time.perf_counter()
        index.start_rebuild()
        indexing += time.perf_counter() - clock
        for documents in document_batches(0, docs, batch, articles):
            clock = time.perf_counter()
            index.add(documents)
            indexing += time.perf_counter() - clock
            done += len(documents)
            if done % report_every < batch:
                print(f"  indexed {done:,} ({done / indexing:,.0f} docs/s)", flush=True)
        clock = time.perf_counter()
        index.finish_rebuild()
        finish = getattr(index, "wait_for_merges", None)
        if finish:  # background merges are part of the cost of indexing
            finish()
        indexing += time.perf_counter() - clock
        count = index.count()
    finally:
        index.close()
    return {"indexed": done, "count": count, "seconds": round(indexing, 1), "docs_per_s": round(done / indexing),
            "size_mb": round(disk_size(data_dir) / 1e6, 1)}


# -- 4. serve and measure -----------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_main(name: str, data_dir: str, port: int) -> None:
    """The API exactly as ``khao serve`` builds it, with the bench's backend name and data dir."""
    import uvicorn

    from config.settings import load_settings
    from search_api.app import create_app

    settings = load_settings(environ={}, overrides={"data_dir": data_dir}).replace(index_backend=name)
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


def writer_main(name: str, data_dir: str, start: int, rate: float, batch: int, status: str) -> None:
    """Add new variants (documents ``start``, ``start + 1``, ...) until terminated.

    ``rate`` documents/s (0: as fast as possible). Progress goes to the ``status`` file so the
    parent can report what the writer achieved while latency was measured.
    """
    articles = load_prepared()
    index = open_backend(name, Path(data_dir))
    stop = False

    def _stop(*_: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, _stop)
    added, busy = 0, 0.0
    Path(status).write_text(json.dumps({"ready": True, "added": 0, "busy_seconds": 0}))
    began = time.perf_counter()
    n = start
    while not stop:
        documents = [make_document(i, articles) for i in range(n, n + batch)]
        clock = time.perf_counter()
        index.add(documents)
        busy += time.perf_counter() - clock
        n += batch
        added += batch
        Path(status).write_text(json.dumps({"ready": True, "added": added, "busy_seconds": round(busy, 2),
                                            "wall_seconds": round(time.perf_counter() - began, 2)}))
        if rate:
            pause = began + added / rate - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
    index.close()


def _spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, __file__, *args], cwd=ROOT)


def _wait_for_server(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the API server exited early")
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the API server did not come up")


def machine_speed_ms() -> float:
    """A fixed CPU task (median of 5, ms): the machines here run the same code up to ~1.5x
    slower from one quarter of an hour to the next, so every saved result carries the speed it
    was measured at, and results are compared at similar speeds."""
    def task() -> float:
        clock = time.perf_counter()
        total = 0
        for i in range(300_000):
            total += i * i % 7
        json.loads(json.dumps([{"k": i, "v": str(i)} for i in range(20_000)]))
        return time.perf_counter() - clock

    return round(statistics.median(task() for _ in range(5)) * 1000, 1)


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def measure(port: int, rounds: int) -> dict[str, Any]:
    """``rounds`` passes over the query set (first pass is warm-up), in a seeded shuffled order.

    The client is the standard library's keep-alive HTTP connection, the thinnest one at hand:
    the figure is the API's latency, not the client's. httpx, used up to stop 7, spent ~0.5 ms
    of its own on each request on this machine (measured against the same server).
    """
    samples: dict[int, list[float]] = {i: [] for i in range(len(QUERIES))}
    totals: dict[int, int] = {}
    order = list(range(len(QUERIES)))
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for round_number in range(rounds + 1):
            random.Random(round_number).shuffle(order)
            for i in order:
                path = "/api/search?" + urlencode({"page_size": 10, **QUERIES[i][1]})
                clock = time.perf_counter()
                connection.request("GET", path)
                response = connection.getresponse()
                payload = response.read()
                elapsed = (time.perf_counter() - clock) * 1000
                if response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status}: {payload[:200]!r}")
                body = json.loads(payload)
                assert len(body["hits"]) <= 10 and "agencies" in body["facets"], body
                totals[i] = body["total"]
                if round_number:
                    samples[i].append(elapsed)
    finally:
        connection.close()

    def summary(indices: Sequence[int]) -> dict[str, float]:
        values = [v for i in indices for v in samples[i]]
        return {"p50": round(statistics.median(values), 1), "p95": round(percentile(values, 95), 1),
                "max": round(max(values), 1), "n": len(values)}

    unfiltered = [i for i, (kind, _) in enumerate(QUERIES) if kind != "filtered"]
    filtered = [i for i, (kind, _) in enumerate(QUERIES) if kind == "filtered"]
    by_kind = {kind: summary([i for i, (k, _) in enumerate(QUERIES) if k == kind])
               for kind in dict.fromkeys(k for k, _ in QUERIES)}
    by_median = sorted(range(len(QUERIES)), key=lambda i: -statistics.median(samples[i]))
    per_query = [{"kind": QUERIES[i][0], "params": QUERIES[i][1], "total": totals[i],
                  "p50": round(statistics.median(samples[i]), 2)} for i in by_median]
    return {"all": summary(range(len(QUERIES))), "unfiltered": summary(unfiltered), "filtered": summary(filtered),
            "by_kind": by_kind, "slowest": per_query[:5], "per_query": per_query}


def latency(name: str, data_dir: Path, docs: int, rounds: int, writer_rate: float, writer_batch: int) -> dict[str, Any]:
    port = _free_port()
    server = _spawn("_serve", name, str(data_dir), str(port))
    result: dict[str, Any] = {}
    try:
        _wait_for_server(port, server)
        print("  measuring idle ...", flush=True)
        result["load_average_before"] = os.getloadavg()
        result["idle"] = measure(port, rounds)
        if writer_rate >= 0:
            status = data_dir.parent / f"{data_dir.name}.writer.json"
            status.unlink(missing_ok=True)
            writer = _spawn("_writer", name, str(data_dir), str(docs), str(writer_rate), str(writer_batch), str(status))
            try:
                deadline = time.monotonic() + 300
                while not (status.exists() and json.loads(status.read_text() or "{}").get("added", 0) > 0):
                    if writer.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit("the writer did not start adding documents")
                    time.sleep(0.2)
                before = json.loads(status.read_text())
                print("  measuring with a writer ...", flush=True)
                clock = time.perf_counter()
                result["with_writer"] = measure(port, rounds)
                wall = time.perf_counter() - clock
                after = json.loads(status.read_text())
                added = after["added"] - before["added"]
                result["writer"] = {"rate_asked": writer_rate, "batch": writer_batch, "added": added,
                                    "docs_per_s": round(added / wall)}
                result["load_average_after"] = os.getloadavg()
            finally:
                _stop(writer, signal.SIGTERM, 120)
                status.unlink(missing_ok=True)
    finally:
        _stop(server, signal.SIGINT, 30)
    return result


def _stop(process: subprocess.Popen[bytes], how: signal.Signals, seconds: float) -> None:
    """Ask a child to finish (the writer commits, uvicorn closes), kill it if it does not in time."""
    process.send_signal(how)
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()


# -- report ------------------------------------------------------------------------------------

def _line(label: str, figures: dict[str, Any]) -> str:
    return (f"{label:<22} all p50 {figures['all']['p50']:>6} p95 {figures['all']['p95']:>6} | "
            f"unfiltered p50 {figures['unfiltered']['p50']:>6} p95 {figures['unfiltered']['p95']:>6} | "
            f"filtered p50 {figures['filtered']['p50']:>6} p95 {figures['filtered']['p95']:>6}  (ms)")


def summary() -> None:
    """One line per saved run (bench/results/search-*.json): the scaling table of the issue."""
    print(f"{'run':<46} {'docs/s':>7} {'MB':>8} | {'idle p50/p95':>13} {'unfilt.':>13} {'filtered':>13} | "
          f"{'writer d/s':>10} {'p50/p95':>13} {'unfilt.':>13} {'filtered':>13}  load  speed")
    runs = [json.loads(p.read_text()) | {"file": p.stem} for p in RESULTS.glob("search-*.json")]
    for run in sorted(runs, key=lambda r: (r["backend"], r["docs"], r["file"])):
        index, latency = run["index"], run["latency"]

        def pair(mode: str, part: str) -> str:
            figures = latency.get(mode, {}).get(part)
            return f"{figures['p50']:>6}/{figures['p95']:<6}" if figures else f"{'-':>13}"

        writer = latency.get("writer", {})
        print(f"{run['file']:<46} {index.get('docs_per_s', '-'):>7} {index['size_mb']:>8} | "
              f"{pair('idle', 'all')} {pair('idle', 'unfiltered')} {pair('idle', 'filtered')} | "
              f"{writer.get('docs_per_s', '-'):>10} {pair('with_writer', 'all')} {pair('with_writer', 'unfiltered')} "
              f"{pair('with_writer', 'filtered')}  {latency.get('load_average_before', [0])[0]:.1f}  "
              f"{run.get('machine', {}).get('speed_ms_before', '-')}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="embedded", help="index backend name (embedded, fts5, tantivy)")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200, help="documents per add() while building (200: the Ingestor's batch)")
    parser.add_argument("--rounds", type=int, default=5, help="measured passes over the query set")
    parser.add_argument("--writer-rate", type=float, default=200,
                        help="documents/s the concurrent writer adds (0: as fast as it can; -1: no writer run)")
    parser.add_argument("--writer-batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2, help="processes for the one-off NLP preparation")
    parser.add_argument("--data-dir", type=Path, help="where to build the index (default bench/results/data-...)")
    parser.add_argument("--reuse", action="store_true", help="measure an index built by an earlier run")
    parser.add_argument("--keep", action="store_true", help="keep the index afterwards")
    parser.add_argument("--summary", action="store_true", help="print the table of every saved result and exit")
    args = parser.parse_args(argv)
    if args.summary:
        summary()
        return

    nlp = prepare(args.workers)
    print(f"NLP (excluded from indexing): {nlp['articles']:,} articles of {nlp['mean_chars']:,} characters, "
          f"{nlp['docs_per_s_per_core']:,} docs/s per core (segmentation alone "
          f"{nlp['segmentation_docs_per_s_per_core']:,} docs/s, "
          f"{nlp['segmentation_chars_per_s_per_core'] / 1e6:.2f} M chars/s per core); "
          f"{nlp['docs_per_s_wall']:,} docs/s with {nlp['workers']} processes", flush=True)
    data_dir = args.data_dir or RESULTS / f"data-{args.backend}-{args.docs}"
    result: dict[str, Any] = {"backend": args.backend, "docs": args.docs, "nlp": nlp,
                              "machine": {"cpus": os.cpu_count(), "speed_ms_before": machine_speed_ms()}}
    if args.reuse and data_dir.exists():
        result["index"] = {"size_mb": round(disk_size(data_dir) / 1e6, 1), "reused": True}
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        clock = time.perf_counter()
        articles = load_prepared()
        print(f"loaded prepared articles in {time.perf_counter() - clock:.0f} s; indexing {args.docs:,} documents "
              f"with {args.backend} ...", flush=True)
        result["index"] = build_index(args.backend, data_dir, args.docs, args.batch, articles)
        del articles
        print(f"index: {result['index']['docs_per_s']:,} docs/s, {result['index']['size_mb']:,} MB", flush=True)
    result["latency"] = latency(args.backend, data_dir, args.docs, args.rounds, args.writer_rate, args.writer_batch)
    result["machine"]["speed_ms_after"] = machine_speed_ms()
    if not args.keep and not args.reuse:
        shutil.rmtree(data_dir, ignore_errors=True)
    out = RESULTS / f"search-{args.backend}-{args.docs}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))

    print(f"\n== {args.backend}, {args.docs:,} documents, {os.cpu_count()} CPUs "
          f"(load average before measuring: {result['latency']['load_average_before'][0]:.1f}; machine speed "
          f"{result['machine']['speed_ms_before']} / {result['machine']['speed_ms_after']} ms before / after, "
          f"lower is faster) ==")
    index = result["index"]
    if "docs_per_s" in index:
        print(f"indexing (no NLP): {index['docs_per_s']:,} docs/s; size {index['size_mb']:,} MB")
    print(_line("idle", result["latency"]["idle"]))
    if "with_writer" in result["latency"]:
        writer = result["latency"]["writer"]
        print(_line(f"writer {writer['docs_per_s']} docs/s", result["latency"]["with_writer"]))
    for mode in ("idle", "with_writer"):
        if mode in result["latency"]:
            print(f"slowest ({mode}):", "; ".join(f"{s['params']} total={s['total']} p50={s['p50']}"
                                                 for s in result["latency"][mode]["slowest"][:3]))
    print(f"(details: {out.relative_to(ROOT)})")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_serve":
        serve_main(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_writer":
        writer_main(sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), sys.argv[7])
    elif len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        print(json.dumps(prepare(int(sys.argv[2]) if len(sys.argv) > 2 else 2), indent=2))
    else:
        main()
