"""End-to-end crawl throughput: Khao (fetch + extraction + NLP + store + index) next to bare Scrapy.

Usage:
    python bench/crawl_bench.py [--pages 2000] [--repeats 3] [--profile-runs 1] [--cprofile]
                                [--server asyncio|threading] [--load-seconds 3] [--json FILE]

Issue 3, acceptance 4: with politeness off, a Khao crawl of a local site should reach at least
70% of the pages/s of bare Scrapy fetching the same pages on this 2-core machine.

What runs, each crawl in its own subprocess (the Twisted reactor runs once per process):

* the site: ``bench/site_for_bench.py`` in a separate process -- N real thaigov articles
  (``../shared/corpus/thaigov.jsonl.gz``) pre-rendered into memory with menu, sidebar, footer and a
  Thai date line under ``<h1>``, plus paginated listings linking every article; served by a bare
  asyncio keep-alive server. A wrk-like load test against it runs first, to show it can serve far
  more than a crawler asks for; its CPU time during each crawl is reported too.
* baseline: bare Scrapy with Khao's own ``scrapy_settings(settings, polite=False)`` (same
  concurrency, robots.txt, retries, timeouts, User-Agent) minus Khao's item pipeline and
  extensions, starting at the same URL and following every in-site ``<a href>`` with a trivial
  callback.
* Khao: ``crawlers.run.run_crawl(settings, [source], polite=False)`` into a fresh data directory,
  i.e. GenericSpider + StorePipeline (decode, extract_html, NLP analyse, SQLite upsert, the index
  backend the default settings choose), exactly as ``khao crawl`` does it.

Rates are pages fetched (``response_received_count``) over the wall time of the crawl inside the
worker (from creating the CrawlerProcess until it returns; Khao's also includes opening the store
and the final index flush). Repeats are interleaved (baseline, Khao, Khao, baseline, ...) and the
medians reported, with the CPU time per page of each crawler process (steadier than wall time when
other work shares the machine). Then Khao runs again with timers (wall and thread CPU time) wrapped
around each pipeline stage to show where the time goes; those runs are not counted in the rates.
``--cprofile`` adds one Khao run under cProfile and prints its top functions.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
TARGET = 0.70


# ============================================================================ worker side

def _cpu() -> float:
    """CPU seconds of this process (all threads) and of its finished children (e.g. a worker pool)."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def _khao_settings(data_dir: str) -> Any:
    from config.settings import load_settings

    # environ={}: no KHAO_* variable of the caller changes what is measured.
    return load_settings(environ={}, overrides={"data_dir": data_dir, "crawl_delay": 0.0, "crawl_max_pages": 0,
                                                "log_level": "WARNING"})


class Timers:
    """Accumulated wall time, CPU time of the calling thread, and calls per stage.

    CPU time is the steadier figure when other work shares the machine (wall time then includes
    time the crawler waited for a core).
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.backend = ""

    def add(self, name: str, seconds: float, cpu: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu
        self.calls[name] = self.calls.get(name, 0) + 1

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        clock, cpu_clock = time.perf_counter, time.thread_time

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0, c0 = clock(), cpu_clock()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(name, clock() - t0, cpu_clock() - c0)

        return timed

    def wrap_generator(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """Time the work a generator does (each step), not the time Scrapy holds it."""
        clock, cpu_clock = time.perf_counter, time.thread_time

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0, c0 = clock(), cpu_clock()
            gen = fn(*args, **kwargs)
            spent, spent_cpu = clock() - t0, cpu_clock() - c0
            try:
                while True:
                    t0, c0 = clock(), cpu_clock()
                    try:
                        item = next(gen)
                    except StopIteration:
                        return
                    finally:
                        spent += clock() - t0
                        spent_cpu += cpu_clock() - c0
                    yield item
            finally:
                self.add(name, spent, spent_cpu)

        return timed


def _install_khao_timers(timers: Timers) -> list[str]:
    """Wrap each pipeline stage in a timer; returns the stages not found (the code moved)."""
    import crawlers.pipelines as pipelines
    import nlp.pipeline as nlp_pipeline
    from crawlers.spider import GenericSpider
    from indexer.ingest import Ingestor
    from indexer.store import Store

    missing: list[str] = []

    def patch(owner: Any, attrs: tuple[str, ...], name: str, generator: bool = False) -> None:
        for attr in attrs:  # the first that exists (names differ between versions of the code)
            fn = getattr(owner, attr, None)
            if fn is not None:
                setattr(owner, attr, (timers.wrap_generator if generator else timers.wrap)(name, fn))
                return
        missing.append(f"{getattr(owner, '__name__', owner)}.{'/'.join(attrs)}")

    patch(nlp_pipeline, ("decode_html",), "decode_html")
    patch(nlp_pipeline, ("extract_html",), "extract_html")
    patch(nlp_pipeline, ("analyse",), "nlp_analyse")
    patch(pipelines, ("document_from_html",), "document_from_html")
    patch(pipelines.StorePipeline, ("process_item",), "pipeline_process_item")
    patch(pipelines.StorePipeline, ("open_spider",), "pipeline_open_spider")
    patch(pipelines.StorePipeline, ("close_spider",), "pipeline_close_spider")
    patch(Store, ("upsert",), "store_upsert")
    patch(Store, ("record_seen",), "store_record_seen")
    patch(Store, ("pending_count",), "outbox_pending_count")
    patch(Ingestor, ("flush",), "index_flush")
    # Whichever index backend the settings choose: time its add (segmenting included) and close.
    open_index = getattr(pipelines, "open_index", None)
    if open_index is None:
        missing.append("crawlers.pipelines.open_index")
    else:
        def timed_open_index(*args: Any, **kwargs: Any) -> Any:
            index = open_index(*args, **kwargs)
            timers.backend = f"{type(index).__module__}.{type(index).__name__}"
            module = sys.modules.get(type(index).__module__)
            if module is not None:
                patch(module, ("segmented_text", "join_words"), "index_tokenize")
            for attr, name in (("add", "index_add"), ("close", "index_close")):
                if callable(getattr(index, attr, None)):
                    setattr(index, attr, timers.wrap(name, getattr(index, attr)))
            return index

        pipelines.open_index = timed_open_index
    patch(GenericSpider, ("parse",), "spider_parse", generator=True)
    return missing


def _bare_spider_class() -> type:
    import scrapy

    class BareSpider(scrapy.Spider):
        """Follows every in-site link; does nothing else with a page."""

        name = "bare"

        def __init__(self, start_url: str, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.start_url = start_url
            self.prefix = start_url.split("/", 3)[0] + "//" + start_url.split("/", 3)[2] + "/"

        async def start(self) -> Any:
            yield scrapy.Request(self.start_url, callback=self.parse, dont_filter=True)  # as GenericSpider does

        def parse(self, response: Any) -> Any:
            for href in response.xpath("//a/@href").getall():
                url = response.urljoin(href)
                if url.startswith(self.prefix):
                    yield scrapy.Request(url, callback=self.parse)

    return BareSpider


def run_worker(kind: str, url: str, timers_on: bool, cprofile_path: str | None) -> dict[str, Any]:
    """One crawl in this process; returns its measurements."""
    from config.sources import parse_source
    from crawlers.run import _quiet_logging, run_crawl, scrapy_settings

    data_dir = tempfile.mkdtemp(prefix=f"khao-bench-{kind}-")
    settings = _khao_settings(data_dir)
    timers = Timers()
    profiler = None
    if cprofile_path:
        import cProfile

        profiler = cProfile.Profile()
    result: dict[str, Any] = {"kind": kind}
    try:
        if kind == "scrapy":
            from scrapy.crawler import CrawlerProcess

            values = scrapy_settings(settings, polite=False)
            for key in ("KHAO_SETTINGS", "ITEM_PIPELINES", "EXTENSIONS", "LOG_FORMATTER", "KHAO_PROGRESS_INTERVAL"):
                values.pop(key, None)
            spider_cls = _bare_spider_class()
            if timers_on:
                spider_cls.parse = timers.wrap_generator("spider_parse", spider_cls.parse)
            cpu0, t0 = _cpu(), time.perf_counter()
            if profiler:
                profiler.enable()
            process = CrawlerProcess(values)
            _quiet_logging(settings.log_level)
            crawler = process.create_crawler(spider_cls)
            process.crawl(crawler, start_url=url)
            process.start()
            if profiler:
                profiler.disable()
            wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
            stats = crawler.stats.get_stats() if crawler.stats else {}
        else:
            if timers_on:
                result["timers_missing"] = _install_khao_timers(timers)
            source = parse_source({"name": "benchsite", "start_urls": [url]}, "bench")
            cpu0, t0 = _cpu(), time.perf_counter()
            if profiler:
                profiler.enable()
            report = run_crawl(settings, [source], polite=False)
            if profiler:
                profiler.disable()
            wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
            stats = report.stats
            result.update({"new": report.new, "updated": report.updated, "unchanged": report.unchanged,
                           "indexed": report.indexed, "dropped": report.dropped, "errors": report.errors,
                           "duplicates": stats.get("khao/documents/duplicates", 0)})
        pages = stats.get("response_received_count", 0)
        result.update({
            "pages": pages, "wall": wall, "cpu": cpu, "rate": pages / wall if wall else 0.0,
            "scrapy_elapsed": stats.get("elapsed_time_seconds"),
            "requests": stats.get("downloader/request_count", 0),
            "status_200": stats.get("downloader/response_status_count/200", 0),
            "status_404": stats.get("downloader/response_status_count/404", 0),
            "exceptions": stats.get("downloader/exception_count", 0),
            "robots": stats.get("robotstxt/request_count", 0),
            "finish_reason": stats.get("finish_reason"),
            "timers": {"seconds": timers.seconds, "cpu": timers.cpu, "calls": timers.calls},
            "index_backend": timers.backend,
        })
        if profiler and cprofile_path:
            profiler.dump_stats(cprofile_path)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return result


# ============================================================================ driver side

def _proc_cpu(pid: int) -> float:
    """user + system CPU seconds of a process (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


class Site:
    def __init__(self, pages: int, server: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "site_for_bench.py"), "--pages", str(pages), "--port", "0", "--server", server],
            stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("READY "):
            self.process.kill()
            raise SystemExit(f"the bench site did not start: {line!r}")
        _, port, self.description = line.split(" ", 2)
        self.base = f"http://127.0.0.1:{port}"
        self.pid = self.process.pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _run_subprocess(kind: str, url: str, *, timers: bool = False, cprofile: str | None = None,
                    site: Site | None = None) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_worker", kind, url]
    if timers:
        cmd.append("--timers")
    if cprofile:
        cmd += ["--cprofile-out", cprofile]
    server_cpu0 = _proc_cpu(site.pid) if site else float("nan")
    load0 = os.getloadavg()[0]
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHAINLP_OFFLINE": "1"})
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{kind} worker failed (exit {done.returncode})")
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    result = json.loads(lines[-1])
    result["server_cpu"] = (_proc_cpu(site.pid) - server_cpu0) if site else float("nan")
    result["load_before"] = load0
    return result


def _load_test(site: Site, pages: int, connections: int, seconds: float) -> dict[str, float]:
    done = subprocess.run([sys.executable, str(HERE / "site_for_bench.py"), "--load-test", site.base,
                           "--pages", str(pages), "--connections", str(connections), "--seconds", str(seconds)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _fmt_run(r: dict[str, Any]) -> str:
    extra = ""
    if r["kind"] == "khao":
        extra = (f"; stored new {r['new']}, updated {r['updated']}, unchanged {r['unchanged']} (duplicates "
                 f"{r['duplicates']}), indexed {r['indexed']}, dropped {r['dropped']}, errors {r['errors']}")
    return (f"{r['kind']:6s} {r['pages']:5d} pages in {r['wall']:6.2f}s = {r['rate']:6.1f} pages/s; "
            f"crawler CPU {r['cpu']:.2f}s ({r['cpu'] / r['wall'] * 100:.0f}% of a core), "
            f"server CPU {r['server_cpu']:.2f}s; load avg before {r['load_before']:.2f}{extra}")


def _stage_rows(m: dict[str, float], total: float) -> list[tuple[str, int, float, str | None]]:
    """(label, indent, seconds, timer key) rows from one measure (wall or CPU seconds by timer)."""
    g = m.get
    doc = g("document_from_html", 0.0)
    item = g("pipeline_process_item", 0.0)
    flush, add, tok = g("index_flush", 0.0), g("index_add", 0.0), g("index_tokenize", 0.0)
    stored = g("store_upsert", 0.0) + g("store_record_seen", 0.0) + g("outbox_pending_count", 0.0)
    khao = item + g("pipeline_open_spider", 0.0) + g("pipeline_close_spider", 0.0) + g("spider_parse", 0.0)
    return [
        ("StorePipeline.process_item (all of it)", 0, item, "pipeline_process_item"),
        ("document_from_html", 2, doc, "document_from_html"),
        ("decode_html", 4, g("decode_html", 0.0), "decode_html"),
        ("extract_html (lxml parse, blocks, date)", 4, g("extract_html", 0.0), "extract_html"),
        ("NLP analyse (articles only)", 4, g("nlp_analyse", 0.0), "nlp_analyse"),
        ("other (binary check, Document)", 4,
         doc - g("decode_html", 0.0) - g("extract_html", 0.0) - g("nlp_analyse", 0.0), None),
        ("store upsert (SQLite, sketch, dedup)", 2, g("store_upsert", 0.0), "store_upsert"),
        ("store record_seen", 2, g("store_record_seen", 0.0), "store_record_seen"),
        ("outbox pending_count (every ingest)", 2, g("outbox_pending_count", 0.0), "outbox_pending_count"),
        ("index flushes (every 200 docs) + rest", 2, item - doc - stored, None),
        ("StorePipeline.open_spider", 0, g("pipeline_open_spider", 0.0), "pipeline_open_spider"),
        ("StorePipeline.close_spider (last flush)", 0, g("pipeline_close_spider", 0.0), "pipeline_close_spider"),
        ("all index flushes (within rows above)", 0, flush, "index_flush"),
        ("index add: segment title+text", 2, tok, "index_tokenize"),
        ("index add: write to the backend", 2, add - tok, None),
        ("outbox read, get_many, mark_indexed", 2, flush - add, None),
        ("index close (commit/merge, in close_spider)", 0, g("index_close", 0.0), "index_close"),
        ("GenericSpider.parse (links, FetchedPage)", 0, g("spider_parse", 0.0), "spider_parse"),
        ("Scrapy itself, startup (total - above)", 0, total - khao, None),
    ]


def _profile_table(runs: list[dict[str, Any]]) -> str:
    """Per-stage CPU and wall time per fetched page (medians over the profile runs)."""
    pages = statistics.median(r["pages"] for r in runs)
    keys = {k for r in runs for k in r["timers"]["seconds"]}

    def med(measure: str) -> dict[str, float]:
        return {k: statistics.median(r["timers"][measure].get(k, 0.0) for r in runs) for k in keys}

    wall, cpu = med("seconds"), med("cpu")
    calls = {k: statistics.median(r["timers"]["calls"].get(k, 0) for r in runs) for k in keys}
    total_wall, total_cpu = _median(runs, "wall"), _median(runs, "cpu")
    lines = [f"  {'stage':<44s} {'CPU ms/page':>11s} {'% of CPU':>8s} {'wall ms/page':>12s} {'calls':>6s} "
             f"{'CPU ms/call':>11s}"]
    for (label, indent, c, key), (_, _, w, _) in zip(_stage_rows(cpu, total_cpu), _stage_rows(wall, total_wall)):
        n = calls.get(key, 0) if key else 0
        per_call = f"{c / n * 1000:11.2f}" if n else ""
        lines.append(f"  {' ' * indent}{label:<{44 - indent}s} {c / pages * 1000:11.2f} {c / total_cpu * 100:7.1f}% "
                     f"{w / pages * 1000:12.2f} {int(n) if n else '':>6} {per_call}")
    lines.append(f"  {'whole crawl process':<44s} {total_cpu / pages * 1000:11.2f} {100.0:7.1f}% "
                 f"{total_wall / pages * 1000:12.2f}")
    return "\n".join(lines)


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000, help="article pages on the bench site (default 2000)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--server", choices=("asyncio", "threading"), default="asyncio")
    parser.add_argument("--profile-runs", type=int, default=1,
                        help="extra Khao runs with per-stage timers (0 = none; not counted in the rates)")
    parser.add_argument("--json", metavar="FILE", help="also write every run's measurements to FILE")
    parser.add_argument("--cprofile", action="store_true", help="also run Khao once under cProfile, print the top")
    parser.add_argument("--load-seconds", type=float, default=3.0, help="server load test length (0 = skip)")
    args = parser.parse_args()

    print(f"crawl bench: {args.pages} articles, {args.repeats} repeats, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}", flush=True)
    site = Site(args.pages, args.server)
    try:
        print(f"site {site.base}: {site.description}", flush=True)
        if args.load_seconds > 0:
            for connections in (1, 8):
                cpu0 = _proc_cpu(site.pid)
                load = _load_test(site, args.pages, connections, args.load_seconds)
                server_cpu = _proc_cpu(site.pid) - cpu0
                print(f"server load test (raw asyncio keep-alive client, {connections} connection(s)): "
                      f"{load['requests_per_s']:,.0f} requests/s, {load['MB_per_s']:.0f} MB/s; server CPU "
                      f"{server_cpu / load['requests'] * 1e6:.0f} us/request", flush=True)
        url = site.base + "/news"
        runs: dict[str, list[dict[str, Any]]] = {"scrapy": [], "khao": []}
        for r in range(args.repeats):
            order = ("scrapy", "khao") if r % 2 == 0 else ("khao", "scrapy")
            for kind in order:
                result = _run_subprocess(kind, url, site=site)
                runs[kind].append(result)
                print(f"run {r + 1}: {_fmt_run(result)}", flush=True)
        profile: list[dict[str, Any]] = []
        bare_parse: list[dict[str, Any]] = []
        for r in range(args.profile_runs):
            profile.append(_run_subprocess("khao", url, timers=True, site=site))
            print(f"profile run {r + 1}: {_fmt_run(profile[-1])}", flush=True)
            bare_parse.append(_run_subprocess("scrapy", url, timers=True, site=site))
            print(f"profile run {r + 1}: {_fmt_run(bare_parse[-1])}", flush=True)
        cprofile_out = None
        if args.cprofile:
            cprofile_out = str(Path(tempfile.gettempdir()) / "khao-crawl-bench.prof")
            _run_subprocess("khao", url, cprofile=cprofile_out, site=site)
    finally:
        site.stop()

    if args.json:
        Path(args.json).write_text(json.dumps({"site": site.description, "runs": runs, "profile": profile,
                                               "bare_profile": bare_parse}, indent=1))
    scrapy_rate, khao_rate = _median(runs["scrapy"], "rate"), _median(runs["khao"], "rate")
    ratio = khao_rate / scrapy_rate
    per_page = {k: _median(runs[k], "cpu") / _median(runs[k], "pages") * 1000 for k in runs}
    server = {k: statistics.median(r["server_cpu"] / r["pages"] for r in runs[k]) * 1000 for k in runs}
    print()
    print("=" * 100)
    for kind, label in (("scrapy", "bare Scrapy"), ("khao", "Khao crawl ")):
        print(f"{label} : {_median(runs[kind], 'rate'):6.1f} pages/s, median of {args.repeats} "
              f"(runs {', '.join(format(r['rate'], '.1f') for r in runs[kind])}); crawler CPU {per_page[kind]:.2f} "
              f"ms/page, server CPU {server[kind]:.2f} ms/page")
    print(f"ratio       : Khao = {ratio * 100:.0f}% of bare Scrapy's pages/s (target >= {TARGET * 100:.0f}%): "
          f"{'PASS' if ratio >= TARGET else 'FAIL'}")
    print(f"CPU view    : bare Scrapy {1000 / per_page['scrapy']:.0f} pages per CPU-second, Khao "
          f"{1000 / per_page['khao']:.0f} ({per_page['scrapy'] / per_page['khao'] * 100:.0f}%): less sensitive to other "
          f"work on the machine; equals the rate ratio only while each crawl keeps to one core")
    print(f"pages per crawl: Scrapy {runs['scrapy'][0]['pages']}, Khao {runs['khao'][0]['pages']} "
          f"(articles + listings + static pages + robots.txt; Khao also reads robots.txt for Sitemap: lines)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine lowers both rates)")
    if profile:
        print()
        print(f"Khao per-stage profile ({len(profile)} extra run(s) with timers, median; "
              f"{statistics.median(r['rate'] for r in profile):.1f} pages/s while timed). Per FETCHED page "
              f"({profile[0]['pages']}: articles and listings alike); NLP and store run only on articles:")
        print(f"  index backend: {profile[0].get('index_backend') or '?'}")
        print(_profile_table(profile))
        if profile[0].get("timers_missing"):
            print(f"  (not timed, not found in the code: {', '.join(profile[0]['timers_missing'])})")
    if bare_parse:
        s = statistics.median(r["timers"]["cpu"].get("spider_parse", 0.0) / r["pages"] for r in bare_parse)
        print(f"  bare Scrapy for comparison: its parse callback {s * 1000:.2f} CPU ms/page, whole crawl "
              f"{statistics.median(r['cpu'] / r['pages'] for r in bare_parse) * 1000:.2f} CPU ms/page")
    if cprofile_out:
        import pstats

        print()
        print(f"cProfile of one Khao crawl ({cprofile_out}), top 30 by cumulative time:")
        pstats.Stats(cprofile_out).sort_stats("cumulative").print_stats(30)


def worker_main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("scrapy", "khao"))
    parser.add_argument("url")
    parser.add_argument("--timers", action="store_true")
    parser.add_argument("--cprofile-out")
    args = parser.parse_args(argv)
    result = run_worker(args.kind, args.url, args.timers, args.cprofile_out)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        worker_main(sys.argv[2:])
    else:
        main()
