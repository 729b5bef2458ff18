"""``python -m mirror [--host H] [--port P]``: serve the mirror in the foreground."""

from __future__ import annotations

import argparse
import sys
import threading

from mirror.server import MirrorServer


def main(argv: list[str] | None = None) -> int:
    """Start the server, print its URL, block until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m mirror", description="Serve the Khao offline mirror.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    args = parser.parse_args(argv)
    try:
        server = MirrorServer(args.host, args.port).start()
    except OSError as exc:
        print(f"mirror: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print(server.url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
