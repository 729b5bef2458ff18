"""The ``khao`` command line: a thin layer that parses arguments and calls the packages below.

Bad input gets one line on stderr and a non-zero exit, never a traceback (DESIGN.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from config.errors import InputError, KhaoError
from config.settings import Settings, load_settings

COMMANDS_HELP = {
    "crawl": "crawl configured sources, or ad-hoc start URLs, into the store and index",
    "ingest": "ingest local files: .html, .pdf, .txt, or .jsonl lines of {url, html or text, title?, published_at?}",
    "extract": "print the NLP result for one text or HTML file as JSON",
    "search": "search the index",
    "export": "write stored documents, one per line (jsonl or csv)",
    "serve": "serve the JSON API and the search pages",
    "reindex": "rebuild an index from the store",
    "sources": "configured sources and their health",
    "demo": "serve the bundled offline mirror, crawl it, index it and serve the search page",
}


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error on one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"khao: error: {message} (see '{self.prog} --help')\n")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agency", action="append", help="agency id or any alias (nhso, สปสช., NHSO); repeatable")
    parser.add_argument("--province", action="append", help="province, Thai or English; repeatable")
    parser.add_argument("--region", action="append", help="NHSO region number 1-13; repeatable")
    parser.add_argument("--source", action="append", help="source name; repeatable")
    parser.add_argument("--partnership", action="store_true", default=None, help="only partnership events (MOUs...)")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="from date: ISO date, year or Buddhist-era year")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="to date: ISO date, year or Buddhist-era year")


def build_parser() -> Parser:
    parser = Parser(prog="khao", description="Thai health-insurance news: crawl, understand, search.")
    parser.add_argument("--config", help="TOML settings file (env KHAO_CONFIG)")
    parser.add_argument("--data-dir", help="data directory (env KHAO_DATA_DIR)")
    parser.add_argument("--log-level", choices=("DEBUG", "INFO", "WARNING", "ERROR"), help="logging detail")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True

    crawl = sub.add_parser("crawl", help=COMMANDS_HELP["crawl"])
    crawl.add_argument("--source", action="append", dest="sources", metavar="NAME", help="configured source; repeatable")
    crawl.add_argument("urls", nargs="*", metavar="URL", help="ad-hoc start URLs")

    ingest = sub.add_parser("ingest", help=COMMANDS_HELP["ingest"])
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--source", default="local", help="source name to record (default: local)")

    extract = sub.add_parser("extract", help=COMMANDS_HELP["extract"])
    extract.add_argument("path", nargs="?", default="-", metavar="PATH", help="text or HTML file, or - for stdin")

    search = sub.add_parser("search", help=COMMANDS_HELP["search"])
    search.add_argument("query", metavar="QUERY")
    _add_filters(search)
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--limit", type=int, default=10, help="hits per page (1-100)")
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--json", action="store_true", help="print the API's JSON response")

    export = sub.add_parser("export", help=COMMANDS_HELP["export"])
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--query", default="", help="only documents matching this query")
    _add_filters(export)

    serve = sub.add_parser("serve", help=COMMANDS_HELP["serve"])
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)

    reindex = sub.add_parser("reindex", help=COMMANDS_HELP["reindex"])
    reindex.add_argument("--backend", choices=("embedded", "tantivy", "fts5", "elasticsearch"))

    sub.add_parser("sources", help=COMMANDS_HELP["sources"])

    demo = sub.add_parser("demo", help=COMMANDS_HELP["demo"])
    demo.add_argument("--no-serve", action="store_true", help="crawl and index, print counts, exit")
    demo.add_argument("--host")
    demo.add_argument("--port", type=int)
    return parser


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {"agency": args.agency, "province": args.province, "region": args.region, "source": args.source,
            "partnership": args.partnership, "date_from": args.date_from, "date_to": args.date_to}


# -- commands ---------------------------------------------------------------------------------

def cmd_crawl(settings: Settings, args: argparse.Namespace) -> int:
    from crawlers.run import adhoc_source, run_crawl

    by_name = {s.name: s for s in settings.sources}
    unknown = [n for n in args.sources or [] if n not in by_name]
    if unknown:
        raise InputError(f"unknown source(s): {', '.join(unknown)} (configured: {', '.join(by_name) or 'none'})")
    chosen = [by_name[n] for n in args.sources or []] + [adhoc_source(u) for u in args.urls]
    if not chosen:
        chosen = [s for s in settings.sources if s.enabled]
    report = run_crawl(settings, chosen)
    print(report.summary())
    return 0


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from khao.files import documents_from_path
    from khao.services import open_ingestor

    failures = 0
    ingestor = open_ingestor(settings)
    try:
        for path in args.paths:
            for doc_or_error in documents_from_path(Path(path), source=args.source):
                if isinstance(doc_or_error, KhaoError):
                    failures += 1
                    print(f"khao: error: {doc_or_error}", file=sys.stderr)
                    continue
                ingestor.ingest(doc_or_error)
                if doc_or_error.extraction_note:
                    print(f"khao: note: {path}: stored without text: {doc_or_error.extraction_note}", file=sys.stderr)
        ingestor.flush()
    finally:
        ingestor.close()
    c = ingestor.counts
    print(f"documents new {c.new}, updated {c.updated}, unchanged {c.unchanged}; indexed {c.indexed}; "
          f"failed {failures}")
    return 1 if failures else 0


def cmd_extract(settings: Settings, args: argparse.Namespace) -> int:
    from khao.files import document_for_extract
    from nlp.pipeline import extract_json

    doc = document_for_extract(args.path)
    print(json.dumps(extract_json(doc), ensure_ascii=False, indent=2))
    return 0


def _request(settings: Settings, query: str, args: argparse.Namespace, **extra: Any) -> Any:
    from indexer.query import build_request

    return build_request(query, engine=settings.tokenizer_engine, **_filters(args), **extra)


def cmd_search(settings: Settings, args: argparse.Namespace) -> int:
    from khao.services import open_index_for_reading

    request = _request(settings, args.query, args, sort=args.sort, page=args.page, page_size=args.limit)
    with open_index_for_reading(settings) as index:
        response = index.search(request)
        index_is_empty = response.total == 0 and index.count() == 0
    if index_is_empty:  # e.g. an index set aside because this Khao segments words differently
        from khao.services import open_store

        store = open_store(settings, create=False)
        stored = store.count()
        store.close()
        if stored:
            print(f"note: the {settings.index_backend} index is empty but the store holds {stored} documents; "
                  "run `khao reindex` to fill it", file=sys.stderr)
    if args.json:
        print(json.dumps(response.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{response.total} documents match {args.query!r}")
    for rank, hit in enumerate(response.hits, start=(response.page - 1) * response.page_size + 1):
        copies = f", {hit.copies} copies" if hit.copies > 1 else ""
        print(f"{rank}. {hit.title} ({hit.published_at or 'no date'}, {hit.source}{copies})")
        snippet = hit.snippet.replace("<mark>", "[").replace("</mark>", "]")
        print(f"   {snippet}\n   {hit.url}")
    return 0


def _export_documents(settings: Settings, args: argparse.Namespace) -> Iterator[Any]:
    from khao.services import open_index_for_reading, open_store

    store = open_store(settings, create=False)
    try:
        filters = _filters(args)
        if not args.query and not any(v for v in filters.values()):
            yield from store.iter_documents()
            return
        with open_index_for_reading(settings) as index:
            page = 1
            while True:
                response = index.search(_request(settings, args.query, args, sort="date", page=page, page_size=100))
                docs = store.get_many([h.id for h in response.hits])
                yield from (docs[h.id] for h in response.hits if h.id in docs)
                if page * 100 >= response.total or page >= 1000:
                    return
                page += 1
    finally:
        store.close()


CSV_COLUMNS = ("id", "url", "canonical_url", "source", "title", "published_at", "fetched_at", "language",
               "agencies", "provinces", "nhso_regions", "partnership", "duplicate_of", "text")


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    writer = csv.writer(sys.stdout) if args.format == "csv" else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    for doc in _export_documents(settings, args):
        data = doc.to_dict()
        if writer is None:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            continue
        flat = {**data, "agencies": ";".join(a["id"] for a in doc.agencies),
                "provinces": ";".join(p["name"] for p in doc.provinces),
                "nhso_regions": ";".join(str(r["number"]) for r in doc.nhso_regions),
                "partnership": ";".join(doc.partnership.get("parties", [])) if doc.partnership.get("is_partnership") else ""}
        writer.writerow([flat.get(c) or "" for c in CSV_COLUMNS])
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    from search_api.server import serve

    serve(settings, host=args.host or settings.host, port=args.port or settings.port)
    return 0


def cmd_reindex(settings: Settings, args: argparse.Namespace) -> int:
    from khao.services import open_ingestor

    ingestor = open_ingestor(settings, backend=args.backend)
    try:
        done = ingestor.rebuild()
        left = ingestor.store.pending_count(ingestor.index.name)
    finally:
        ingestor.close()
    print(f"reindexed {done} documents into {ingestor.index.name}" + (f"; {left} still queued" if left else ""))
    return 1 if left else 0


def cmd_sources(settings: Settings, args: argparse.Namespace) -> int:
    from khao.services import source_health

    for line in source_health(settings):
        print(line)
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from khao.demo import run_demo

    return run_demo(settings, serve=not args.no_serve, host=args.host or settings.host, port=args.port or settings.port)


HANDLERS = {"crawl": cmd_crawl, "ingest": cmd_ingest, "extract": cmd_extract, "search": cmd_search,
            "export": cmd_export, "serve": cmd_serve, "reindex": cmd_reindex, "sources": cmd_sources,
            "demo": cmd_demo}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(args.config, overrides={"data_dir": args.data_dir, "log_level": args.log_level})
        logging.basicConfig(level=settings.log_level, format="%(levelname)s %(name)s: %(message)s")
        for handler in logging.getLogger().handlers:  # libraries may lower logger levels; the handler decides
            handler.setLevel(settings.log_level)
        return HANDLERS[args.command](settings, args)
    except KhaoError as exc:
        print(f"khao: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("khao: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
