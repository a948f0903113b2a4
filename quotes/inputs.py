"""Inputs: paths, folders and stdin to (id, text) documents, decoding honestly.

Every input ends as a Document with text, or with `error`: a one-line reason (no such file,
binary file, too large, ...). Nothing here raises for a bad input. Text that was not UTF-8
is decoded with a warning naming the encoding; since the offsets then refer to the decoded
text, not the bytes, such a document should be output with its text (`Document.include_text`).
"""
from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .types import Warning

SUFFIXES = (".txt", ".html", ".htm", ".md")
# Largest input read (bytes); a bigger one is refused with an error naming the size.
MAX_BYTES = 256 * 1024 * 1024
# Warning codes whose documents must carry their analysed text (offsets are into decoded text).
TEXT_WARNINGS = {"encoding"}

# File signatures of common binary formats: refused by name rather than decoded as cp1252.
_MAGIC = [(b"%PDF-", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG image"), (b"GIF87a", "GIF image"), (b"GIF89a", "GIF image"),
          (b"\xff\xd8\xff", "JPEG image"), (b"PK\x03\x04", "zip archive or Office document"), (b"PK\x05\x06", "zip archive"),
          (b"\x1f\x8b", "gzip archive"), (b"BZh", "bzip2 archive"), (b"\xfd7zXZ\x00", "xz archive"),
          (b"7z\xbc\xaf\x27\x1c", "7z archive"), (b"Rar!\x1a\x07", "rar archive"), (b"\x7fELF", "executable"),
          (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"), (b"SQLite format 3\x00", "SQLite database"),
          (b"OggS", "audio"), (b"ID3", "audio"), (b"fLaC", "audio"), (b"\x1a\x45\xdf\xa3", "video"),
          (b"\x28\xb5\x2f\xfd", "zstd archive"), (b"\xca\xfe\xba\xbe", "executable"), (b"\xcf\xfa\xed\xfe", "executable")]
# C0 controls other than the usual whitespace (tab, newline, vertical tab, form feed, return), and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Controls among all characters above which a text is taken for binary data.
_BINARY_SHARE = 0.05
_SAMPLE = 8192


class InputError(Exception):
    """An input that cannot be read as text; the message names the reason."""


@dataclass
class Document:
    id: str
    text: str | None = None
    error: str | None = None
    warnings: list[Warning] = field(default_factory=list)
    html: bool = False

    @property
    def include_text(self) -> bool:
        """True when the analysed text is not the raw bytes of the input (HTML, or decoded from an
        encoding other than UTF-8): the output must then carry it as document.text."""
        return self.html or needs_text(self.warnings)


def needs_text(warnings: list[Warning]) -> bool:
    """Whether decoding warnings mean the output must include the analysed text."""
    return any(w.code in TEXT_WARNINGS for w in warnings)


def _accepted(text: str, *warnings: Warning) -> tuple[str, list[Warning]]:
    """A decoded text with its decoding warnings and a note of control characters; InputError when
    control characters show it is binary data."""
    sample = text[:_SAMPLE]
    n = len(_CONTROL.findall(sample))
    if n > max(2, _BINARY_SHARE * len(sample)):
        raise InputError(f"binary file, not text ({n} control bytes in the first {len(sample)} characters)")
    return text, [*warnings, *_control_warning(text)]


def _control_warning(text: str) -> list[Warning]:
    n = len(_CONTROL.findall(text))
    if not n:
        return []
    nul = text.count("\x00")
    what = f"{n} control character{'s' if n != 1 else ''}" + (f" ({nul} NUL)" if nul else "")
    return [Warning("control-characters", f"{what} in the text, kept as they are")]


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the NUL bytes fall on one side of every pair, as in ASCII-range UTF-16."""
    pairs = len(sample) // 2
    if pairs < 2 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.6 * pairs and even <= 0.02 * pairs:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd <= 0.02 * pairs:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, list[Warning]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with a BOM (or UTF-16 recognised by its
    NUL bytes), mostly-UTF-8 with its few bad bytes replaced, else cp1252; every guess other than
    UTF-8 gives a warning naming the encoding. Raises InputError for binary data (a known file
    signature, or many control bytes), naming the reason in one line."""
    if not data:
        return "", []
    boms = [(b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"), (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
            (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"), (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16")]
    failed = None
    for bom, enc, name in boms:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                failed = failed or f"not valid {name} despite its byte-order mark ({exc.reason})"
                continue  # FF FE 00 00 may also be a UTF-16 BOM followed by a NUL: try the next
            return _accepted(text, Warning("encoding", "UTF-8 with a byte-order mark, which is left out of the text (offsets start "
                                           "after it)") if enc == "utf-8-sig" else Warning("encoding", f"decoded as {name} (byte-order mark)"))
    if failed:
        raise InputError(failed)
    sample = data[:_SAMPLE]
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({kind}), not text")
    enc16 = _utf16_without_bom(sample)
    if enc16:
        try:
            text = data.decode(enc16)
        except UnicodeDecodeError:
            pass
        else:
            return _accepted(text, Warning("encoding", f"decoded as {enc16.upper()} (no byte-order mark; guessed from its NUL bytes)"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _accepted(text)
    # Not UTF-8. Mostly UTF-8 with a few broken bytes (a cut or a bad paste): keep UTF-8, replace them.
    good = len(re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", data))
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if good >= 3 * bad and bad <= max(3, len(data) // 1000):
        return _accepted(text, Warning("encoding", f"mostly UTF-8; {bad} invalid byte sequence{'s' if bad != 1 else ''} replaced with U+FFFD"))
    try:
        text, name = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, name = data.decode("latin-1"), "latin-1"
    return _accepted(text, Warning("encoding", f"not UTF-8; decoded as {name}"))


def expand(paths: list[str]) -> Iterator[str]:
    """Paths as given, folders replaced by their text files (recursive, sorted)."""
    for p in paths:
        try:
            is_dir = p != "-" and Path(p).is_dir()
        except (OSError, ValueError):
            is_dir = False  # read() reports the reason
        if is_dir:
            yield from (str(f) for f in sorted(Path(p).rglob("*")) if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def _read_bytes(p: str) -> bytes:
    """The bytes of a path (or stdin for '-'), at most MAX_BYTES; InputError or OSError otherwise."""
    if p == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError("no standard input")
        data = stream.read(MAX_BYTES + 1)
    else:
        st = os.stat(p)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(p)
        if stat.S_ISSOCK(st.st_mode):
            raise InputError("not a regular file (a socket)")
        if stat.S_ISREG(st.st_mode) and st.st_size > MAX_BYTES:
            raise InputError(f"too large: {st.st_size / 2**20:.0f} MB (limit {MAX_BYTES // 2**20} MB)")
        with open(p, "rb") as fh:  # a FIFO or device (/dev/stdin, process substitution) is read up to the limit
            data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"too large: over {MAX_BYTES // 2**20} MB")
    return data


def read(p: str) -> Document:
    """One input as a Document; a failure becomes Document.error (one line), never an exception."""
    try:
        data = _read_bytes(p)
        text, warnings = decode(data)
    except InputError as exc:
        return Document(p, error=str(exc))
    except FileNotFoundError:
        return Document(p, error="no such file")
    except IsADirectoryError:
        return Document(p, error="is a folder")
    except PermissionError:
        return Document(p, error="permission denied")
    except OSError as exc:
        return Document(p, error=" ".join((exc.strerror or str(exc) or type(exc).__name__).split()))
    except ValueError as exc:  # e.g. a NUL byte in the path
        return Document(p, error=f"invalid path ({' '.join(str(exc).split())})")
    except MemoryError:
        return Document(p, error="too large to read into memory")
    html = p.lower().endswith((".html", ".htm"))
    return Document(p, text=text, warnings=warnings, html=html)
