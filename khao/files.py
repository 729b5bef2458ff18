"""Local files into Documents for ``khao ingest`` and ``khao extract``: the same NLP path as a crawl.

Each file (and each line of a .jsonl file) succeeds or fails on its own; a failure is an error
value with a one-line reason, so the rest of the batch goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from config.errors import InputError, KhaoError
from nlp.document import Document
from nlp.pipeline import document_from_html, document_from_pdf, document_from_text, looks_binary
from nlp.html import decode_html

MAX_FILE_BYTES = 50_000_000
SUFFIXES = (".html", ".htm", ".pdf", ".txt", ".jsonl")


def _read(path: Path) -> bytes:
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory (give files)")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{path}: too large ({size:,} bytes; at most {MAX_FILE_BYTES:,})")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:20000].lower()


def document_from_bytes(data: bytes, name: str, url: str, source: str) -> Document:
    """Dispatch on the file name's suffix (or the content, for stdin)."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        return document_from_pdf(data, url, source=source)
    if looks_binary(data):
        raise InputError(f"{name}: binary file, not text, HTML or PDF")
    if suffix in (".html", ".htm") or (suffix not in (".txt",) and _looks_like_html(data)):
        return document_from_html(data, url, source=source)
    return document_from_text(decode_html(data), url, source=source)


def _jsonl_documents(path: Path, data: bytes, source: str) -> Iterator[Document | KhaoError]:
    for number, line in enumerate(decode_html(data).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise InputError(f"{where}: each line must be a JSON object")
            url = record.get("url")
            if not isinstance(url, str) or not url:
                raise InputError(f"{where}: missing \"url\"")
            if isinstance(record.get("html"), str):
                doc = document_from_html(record["html"], url, source=source, title=record.get("title"),
                                         published_at=record.get("published_at"))
            elif isinstance(record.get("text"), str):
                doc = document_from_text(record["text"], url, source=source, title=record.get("title"),
                                         published_at=record.get("published_at"))
            else:
                raise InputError(f"{where}: needs \"html\" or \"text\"")
            yield doc
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: not valid JSON ({exc.msg})")
        except KhaoError as exc:
            yield exc if str(exc).startswith(where) else InputError(f"{where}: {exc}")


def documents_from_path(path: Path, source: str = "local") -> Iterator[Document | KhaoError]:
    """Documents (or one-line errors) from a file; never raises for bad input."""
    try:
        data = _read(path)
        if path.suffix.lower() == ".jsonl":
            if not data.strip():
                raise InputError(f"{path}: empty file")
            yield from _jsonl_documents(path, data, source)
            return
        if path.suffix.lower() not in SUFFIXES:
            raise InputError(f"{path}: unsupported file type (use {', '.join(SUFFIXES)})")
        yield document_from_bytes(data, str(path), path.resolve().as_uri(), source)
    except KhaoError as exc:
        yield exc if str(exc).startswith(str(path)) else InputError(f"{path}: {exc}")


def document_for_extract(name: str) -> Document:
    """One document for ``khao extract``: a file path or '-' for stdin; errors raise."""
    path = Path(name)
    data = _read(path)
    url = "stdin:" if name == "-" else path.resolve().as_uri()
    try:
        return document_from_bytes(data, name, url, "local")
    except KhaoError as exc:
        raise InputError(exc if str(exc).startswith(name) else f"{name}: {exc}") from None
