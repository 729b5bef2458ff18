"""Run the API and pages with uvicorn."""

from __future__ import annotations

import uvicorn

from config.errors import InputError
from config.settings import Settings
from search_api.app import create_app


def serve(settings: Settings, *, host: str, port: int) -> None:
    """Serve until interrupted. A port in use is a one-line error, not a traceback."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    print(f"Khao search on http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
