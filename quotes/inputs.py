"""Inputs: paths, folders and stdin to (id, text) documents, decoding honestly."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .types import Warning

SUFFIXES = (".txt", ".html", ".htm", ".md")


class InputError(Exception):
    """An input that cannot be read as text; the message names the reason."""


@dataclass
class Document:
    id: str
    text: str | None = None
    error: str | None = None
    warnings: list[Warning] = field(default_factory=list)
    html: bool = False


def decode(data: bytes) -> tuple[str, list[Warning]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else cp1252 with a warning.
    Refuses binary data (NUL bytes outside a UTF-16 text)."""
    boms = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
            (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
    for bom, enc in boms:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {enc} despite its byte-order mark ({exc.reason})") from None
            return text, ([] if enc == "utf-8-sig" else [Warning("encoding", f"decoded as {enc} (byte-order mark)")])
    sample = data[:8192]
    if sample.count(b"\x00") > max(1, len(sample) // 100):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        return text, [Warning("encoding", "not UTF-8; decoded as latin-1")]
    return text, [Warning("encoding", "not UTF-8; decoded as cp1252")]


def expand(paths: list[str]) -> Iterator[str]:
    """Paths as given, folders replaced by their text files (recursive, sorted)."""
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            yield from (str(f) for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def read(p: str) -> Document:
    """One input as a Document; a failure becomes Document.error, never an exception."""
    try:
        data = sys.stdin.buffer.read() if p == "-" else Path(p).read_bytes()
    except FileNotFoundError:
        return Document(p, error="no such file")
    except IsADirectoryError:
        return Document(p, error="is a folder")
    except PermissionError:
        return Document(p, error="permission denied")
    except OSError as exc:
        return Document(p, error=exc.strerror or str(exc))
    try:
        text, warnings = decode(data)
    except InputError as exc:
        return Document(p, error=str(exc))
    html = p.lower().endswith((".html", ".htm"))
    return Document(p, text=text, warnings=warnings, html=html)
