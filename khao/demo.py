"""``khao demo``: the zero set-up tour on the bundled offline mirror.

Serves the mirror site on 127.0.0.1, crawls it with the real spider and pipeline (politeness
off: it is our own local server), indexes it in the embedded index and serves the search page.
"""

from __future__ import annotations

import socket

from config.settings import Settings
from config.sources import parse_source
from crawlers.run import run_crawl
from khao.services import open_store


def _free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the mirror server binds
        try:
            probe.bind((host, port))
            return True
        except OSError:
            return False


def run_demo(settings: Settings, *, serve: bool, host: str, port: int) -> int:
    from mirror import MirrorServer, demo_sources

    mirror_port = settings.demo_mirror_port if _free("127.0.0.1", settings.demo_mirror_port) else 0
    with MirrorServer("127.0.0.1", mirror_port) as mirror:
        print(f"offline mirror on {mirror.url}/", flush=True)
        sources = [parse_source(raw, "mirror") for raw in demo_sources(mirror.url)]
        report = run_crawl(settings, sources, polite=False)
        print(report.summary(), flush=True)
        store = open_store(settings)
        try:
            print(f"store {settings.data_path}: {store.count()} documents", flush=True)
        finally:
            store.close()
        if serve:
            from search_api.server import serve as serve_api

            serve_api(settings, host=host, port=port)
    return 0
