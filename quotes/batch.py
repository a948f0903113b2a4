"""Batches: inputs to jobs, jobs to contract dicts in input order, in one or N worker processes.

A failing input never stops a batch: it becomes a record with an `error` field. Results are
yielded one by one (streaming) and at most a small window of documents is in flight at once.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from spacy.language import Language

from .html import FetchError, article_text, fetch, is_url, looks_like_html
from .inputs import InputError, decode, expand, needs_text, read
from .model import DEFAULT_MODEL, describe, load
from .types import SCHEMA, Warning

INPUT_FORMATS = ("auto", "text", "html", "jsonl")


@dataclass(frozen=True)
class Job:
    """One input document: `kind` says what `payload` is (a path, a URL, raw bytes, text, HTML or an error)."""

    id: str
    kind: str
    payload: str | bytes = ""
    input_format: str = "auto"
    warnings: tuple[Warning, ...] = field(default=())


class JobError(Exception):
    """An input that cannot be analysed; the message is the record's error message."""


def error_record(doc_id: str, message: str, model: str) -> dict[str, Any]:
    """The contract record for a failed input: empty lists and an `error` field."""
    return {"schema": SCHEMA, "document": {"id": doc_id, "length": 0, "model": model},
            "quotes": [], "speakers": [], "sources": [], "warnings": [],
            "error": {"document": doc_id, "message": message}}


def _jsonl_jobs(name: str, stream: Iterable[bytes]) -> Iterator[Job]:
    for n, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        where = f"{name}:{n}"
        try:
            obj = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as exc:
            yield Job(where, "error", f"line {n} is not JSON: {exc}")
            continue
        if not isinstance(obj, dict):
            yield Job(where, "error", f"line {n} is not a JSON object")
            continue
        doc_id = obj.get("id")
        doc_id = where if doc_id is None else str(doc_id)
        if isinstance(obj.get("html"), str):
            yield Job(doc_id, "html", obj["html"])
        elif isinstance(obj.get("text"), str):
            yield Job(doc_id, "text", obj["text"])
        else:
            yield Job(doc_id, "error", f"line {n} has neither a \"text\" nor an \"html\" string")


def jobs(paths: list[str], input_format: str = "auto", stdin: BinaryIO | None = None) -> Iterator[Job]:
    """The jobs for the given paths, URLs, folders and - (stdin), lazily and in order."""
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; choose one of {', '.join(INPUT_FORMATS)}")
    stdin = stdin if stdin is not None else sys.stdin.buffer
    if input_format == "jsonl":
        for p in paths:
            if p == "-":
                yield from _jsonl_jobs("-", stdin)
                continue
            try:
                with open(p, "rb") as fh:
                    yield from _jsonl_jobs(p, fh)
            except OSError as exc:
                yield Job(p, "error", exc.strerror or str(exc))
        return
    for p in expand(paths):
        if is_url(p):
            yield Job(p, "url", p, input_format)
        elif p == "-":
            yield Job("-", "data", stdin.read(), input_format)
        else:
            yield Job(p, "path", p, input_format)


def count(paths: list[str], input_format: str = "auto") -> int | None:
    """How many documents `jobs` will give, when it can be known without reading stdin."""
    if input_format != "jsonl":
        return sum(1 for _ in expand(paths))
    if "-" in paths:
        return None
    total = 0
    for p in paths:
        try:
            with open(p, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        except OSError:
            total += 1
    return total


def _text_of(job: Job, timeout: float) -> tuple[str, bool, list[Warning]]:
    """(text, is_html, warnings) of a job, or JobError."""
    fmt = job.input_format
    if job.kind == "error":
        raise JobError(str(job.payload))
    if job.kind == "text":
        return str(job.payload), False, []
    if job.kind == "html":
        return str(job.payload), True, []
    if job.kind == "url":
        try:
            text, html = fetch(str(job.payload), timeout=timeout)
        except FetchError as exc:
            raise JobError(str(exc)) from None
        return text, (html if fmt == "auto" else fmt == "html"), []
    if job.kind == "data":
        try:
            text, warnings = decode(bytes(job.payload))
        except InputError as exc:
            raise JobError(str(exc)) from None
        html = fmt == "html" or (fmt == "auto" and looks_like_html(text))
        return text, html, warnings
    doc = read(str(job.payload))
    if doc.error is not None:
        raise JobError(doc.error)
    assert doc.text is not None
    html = fmt == "html" or (fmt == "auto" and (doc.html or looks_like_html(doc.text)))
    return doc.text, html, list(doc.warnings)


def run_job(nlp: Language, job: Job, *, include_text: bool = False, timeout: float = 30.0) -> dict[str, Any]:
    """One job to its contract dict; any failure becomes an error record (never an exception)."""
    from .pipeline import run

    try:
        text, html, warnings = _text_of(job, timeout)
        if html:
            text, more = article_text(text)
            warnings += more
        # the analysed text differs from the bytes given (HTML, another encoding): return it with the offsets
        res = run(nlp, text, doc_id=job.id, include_text=include_text or html or needs_text(warnings))
        res.warnings[:0] = [*job.warnings, *warnings]
        return res.to_dict()
    except JobError as exc:
        return error_record(job.id, str(exc), describe(nlp))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
        return error_record(job.id, " ".join(f"{type(exc).__name__}: {exc}".split()), describe(nlp))


# -- worker processes ---------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(model: str, include_text: bool, timeout: float) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER.update(nlp=load(model), include_text=include_text, timeout=timeout)


def _work(job: Job) -> dict[str, Any]:
    return run_job(_WORKER["nlp"], job, include_text=_WORKER["include_text"], timeout=_WORKER["timeout"])


def _stop(pool: ProcessPoolExecutor) -> None:
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=5)


def results(items: Iterable[Job], *, model: str | None = None, n_jobs: int = 1, include_text: bool = False,
            timeout: float = 30.0) -> Iterator[dict[str, Any]]:
    """Contract dicts for `items`, in input order. With n_jobs > 1, N worker processes each hold
    the model; at most 4 * N documents are in flight, so memory stays flat on any batch size."""
    model = model or DEFAULT_MODEL
    nlp = load(model)  # loaded here once: a bad name fails before any worker starts, and fork shares it
    if n_jobs <= 1:
        for job in items:
            yield run_job(nlp, job, include_text=include_text, timeout=timeout)
        return
    window = 4 * n_jobs
    it = iter(items)
    pending: deque[tuple[Job, Future]] = deque()
    pool = _pool(model, n_jobs, include_text, timeout)
    try:
        while True:
            while len(pending) < window:
                job = next(it, None)
                if job is None:
                    break
                pending.append((job, pool.submit(_work, job)))
            if not pending:
                return
            job, fut = pending.popleft()
            try:
                yield fut.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): fail the documents in flight, carry on with a new pool.
                yield error_record(job.id, "worker process died", describe(nlp))
                while pending:
                    job, _ = pending.popleft()
                    yield error_record(job.id, "worker process died", describe(nlp))
                _stop(pool)
                pool = _pool(model, n_jobs, include_text, timeout)
    finally:
        _stop(pool)


def _pool(model: str, n_jobs: int, include_text: bool, timeout: float) -> ProcessPoolExecutor:
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() and os.name == "posix" else mp.get_context()
    return ProcessPoolExecutor(max_workers=n_jobs, mp_context=ctx, initializer=_init_worker,
                               initargs=(model, include_text, timeout))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def resume_ids(path: str | os.PathLike) -> set[str]:
    """Ids of the documents with a complete JSON line in `path`; a trailing partial line (one cut
    off by a crash or a kill) is truncated. A complete line that is not a record raises ValueError:
    the file is not ours to cut."""
    p = Path(path)
    if not p.exists():
        return set()
    done: set[str] = set()
    keep = 0
    with open(p, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if not line.endswith(b"\n"):
                break  # the trailing partial line
            if line.strip():
                try:
                    done.add(str(json.loads(line)["document"]["id"]))
                except (ValueError, KeyError, TypeError):
                    raise ValueError(f"{p}: line {n} is not a quotes record; not resuming into this file") from None
            keep += len(line)
    if keep < p.stat().st_size:
        with open(p, "r+b") as fh:
            fh.truncate(keep)
    return done
