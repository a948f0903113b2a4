"""The command line: parse arguments, call the library, render; errors become one line and an exit code.

Data goes to stdout (or -o FILE), every message to stderr. Exit codes: 0 all inputs done, 1 some
inputs failed (their records carry an `error` field), 2 usage error, 130/143 interrupted.
"""
from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.console import Console
from typer.core import TyperGroup

try:  # recent typer vendors click as typer._click; older ones use click itself
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover
    from click import exceptions as click_exc

from . import __version__, render
from .model import DEFAULT_MODEL, ModelError

err = Console(stderr=True, highlight=False, soft_wrap=True)
SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".md": "markdown", ".txt": "table"}


class _Group(TyperGroup):
    """Usage errors as one line `quotes: error: ...` (exit 2), never a traceback or a box."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[override]
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_exc.ClickException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()
                sys.exit(exc.exit_code)
            sub = f" (see: {exc.ctx.command_path} --help)" if getattr(exc, "ctx", None) else ""
            print(f"quotes: error: {exc.format_message()}{sub}", file=sys.stderr)
            sys.exit(exc.exit_code)
        except typer.Abort:
            print("quotes: interrupted", file=sys.stderr)
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(cls=_Group, help="Who said what in a news article, with proof: quotes, speakers, sources and exact offsets.",
                  no_args_is_help=True, add_completion=True, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotes {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")) -> None:
    """Who said what in a news article, with proof: quotes, speakers, sources and exact character offsets.

    Try: quotes extract article.txt   |   quotes extract https://example.org/news.html -f json
    """


def fail(msg: str, code: int = 2) -> None:
    err.print(f"quotes: error: {msg}", markup=False)
    raise typer.Exit(code)


def _load_model(model: str) -> None:
    from .model import load

    try:
        load(model)
    except ModelError as exc:
        fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - a broken install: one line, not a traceback
        fail(f"cannot load model {model!r}: {type(exc).__name__}: {exc}")


# -- signals: Ctrl-C / SIGTERM never cut a line in half -------------------------------------------------

class _Signals:
    """Turn SIGINT/SIGTERM into KeyboardInterrupt, but only between two lines of output."""

    def __init__(self) -> None:
        self.writing = False
        self.pending: int | None = None
        self.received: int | None = None

    def handler(self, signum: int, frame: Any) -> None:
        self.received = signum
        if self.writing:
            self.pending = signum
            return
        raise KeyboardInterrupt

    @contextmanager
    def installed(self) -> Iterator[None]:
        old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            for s in old:
                signal.signal(s, self.handler)
        except ValueError:  # not the main thread (e.g. some test runners): leave the defaults
            old = {}
        try:
            yield
        finally:
            for s, h in old.items():
                signal.signal(s, h)


class _LineWriter:
    """A text stream wrapper that writes whole lines only, each with signals held off until it is out."""

    def __init__(self, out: TextIO, sig: _Signals):
        self.out, self.sig, self.buf = out, sig, ""

    def write(self, s: str) -> int:
        self.buf += s
        if "\n" in self.buf:
            cut = self.buf.rindex("\n") + 1
            chunk, self.buf = self.buf[:cut], self.buf[cut:]
            self.sig.writing = True
            try:
                self.out.write(chunk)
                self.out.flush()
            finally:
                self.sig.writing = False
            if self.sig.pending is not None:
                raise KeyboardInterrupt
        return len(s)

    def flush(self) -> None:
        pass  # whole lines are flushed as they are written; a partial line is never flushed

    def finish(self) -> None:
        """At a normal end: write what is left even without a final newline."""
        if self.buf:
            self.out.write(self.buf)
            self.buf = ""
        self.out.flush()

    def isatty(self) -> bool:
        return self.out.isatty()


# -- progress and summary ---------------------------------------------------------------------------------

class _Tally:
    """Counts documents, quotes and failures as results stream past; reports failures on stderr."""

    def __init__(self) -> None:
        self.docs = self.quotes = self.failed = 0
        self.start = time.monotonic()

    def watch(self, results: Iterator[dict[str, Any]], progress: Any = None, task: Any = None) -> Iterator[dict[str, Any]]:
        for d in results:
            self.docs += 1
            if "error" in d:
                self.failed += 1
                err.print(f"quotes: error: {d['error']['document']}: {d['error']['message']}", markup=False)
            else:
                self.quotes += len(d["quotes"])
            if progress is not None:
                progress.advance(task)
            yield d

    def line(self, skipped: int = 0) -> str:
        secs = time.monotonic() - self.start
        rate = f", {self.docs / secs:.1f} documents/s" if secs > 0 and self.docs > 1 else ""
        skip = f", {skipped} skipped (already in the output)" if skipped else ""
        return (f"quotes: {self.docs} document{'s' if self.docs != 1 else ''}, {self.quotes} quote{'s' if self.quotes != 1 else ''}, "
                f"{self.failed} failed{skip} in {secs:.1f} s{rate}")


def _progress(total: int | None):
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "- docs/s", style="cyan")

    cols = [TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), Rate(), TimeElapsedColumn()]
    if total:
        cols.append(TimeRemainingColumn())
    return Progress(*cols, console=err, transient=True)


# -- commands ---------------------------------------------------------------------------------------------

@app.command()
def extract(
    paths: list[str] | None = typer.Argument(None, metavar="[INPUT]...", help="Files (.txt, .md, .html, .htm), folders (searched recursively), "
                                                 "http(s) URLs, or - for stdin (the default when stdin is piped)."),
    format: str | None = typer.Option(None, "--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(render.FORMATS)}. "
                                         "Default: from the -o suffix, else table on a terminal, else jsonl."),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the data to FILE instead of stdout (messages stay on stderr)."),
    input_format: str = typer.Option("auto", "--input-format", "-i", metavar="FORMAT", help="auto (HTML by suffix or a leading <!doctype/<html>, else text), "
                                     "text, html, or jsonl (one JSON object per line with \"text\" or \"html\" and \"id\")."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", metavar="NAME", help="Installed spaCy English pipeline to use (e.g. en_core_web_sm, en_core_web_md)."),
    include_text: bool = typer.Option(False, "--include-text", help="Add the analysed text as document.text (always there for HTML)."),
    jobs: int = typer.Option(1, "--jobs", "-j", metavar="N", help="Worker processes, each with its own model; 0 = one per CPU. Output stays in input order."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line (errors are still reported)."),
    resume: bool = typer.Option(False, "--resume", help="With -o FILE (jsonl): keep FILE, skip documents whose id already has a complete line."),
    timeout: float = typer.Option(30.0, "--timeout", metavar="SECONDS", help="Seconds to wait for a URL.", min=0.1),
) -> None:
    """Find the quotes in each input and print who said what.

    N inputs give N records in input order; an input that fails gives a record with an "error"
    field and the others go on (exit 1). Ctrl-C leaves only complete JSON lines behind.
    """
    from . import batch

    if not paths:
        if sys.stdin.isatty():
            fail("no input: give files, folders, URLs or - for stdin (see: quotes extract --help)")
        paths = ["-"]
    to_file = output not in (None, "-")
    fmt = format or (SUFFIX_FORMATS.get(Path(output).suffix.lower(), "jsonl") if to_file else
                     ("table" if sys.stdout.isatty() else "jsonl"))
    if fmt not in render.FORMATS:
        fail(f"unknown format {fmt!r}; choose one of {', '.join(render.FORMATS)}")
    if input_format not in batch.INPUT_FORMATS:
        fail(f"unknown input format {input_format!r}; choose one of {', '.join(batch.INPUT_FORMATS)}")
    if jobs < 0:
        fail("--jobs must be 0 (one per CPU) or more")
    if resume and (not to_file or fmt != "jsonl"):
        fail("--resume needs -o FILE and the jsonl format")
    n_jobs = jobs or batch.default_jobs()
    _load_model(model)

    try:
        done = batch.resume_ids(output) if resume else set()
    except (ValueError, OSError) as exc:
        fail(str(exc))
    total = batch.count(paths, input_format)
    skipped = 0

    def items():
        nonlocal skipped
        for job in batch.jobs(paths, input_format):
            if job.id in done:
                skipped += 1
                continue
            yield job

    if total is not None:
        total = max(0, total - len(done)) if done else total
    show_progress = not quiet and err.is_terminal and (total is None or total > 1)
    tally = _Tally()
    sig = _Signals()
    interrupted = False
    try:
        stream = open(output, "a" if resume else "w", encoding="utf-8", newline="") if to_file else sys.stdout
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    try:
        with sig.installed():
            out = _LineWriter(stream, sig)
            console = Console(file=out, width=100 if to_file else None, force_terminal=False if to_file else None,
                              highlight=False, soft_wrap=False)
            results = batch.results(items(), model=model, n_jobs=n_jobs, include_text=include_text, timeout=timeout)
            try:
                if show_progress:
                    with _progress(total) as progress:
                        task = progress.add_task("extract", total=total)
                        render.write(tally.watch(results, progress, task), fmt, out, console)
                else:
                    render.write(tally.watch(results), fmt, out, console)
                out.finish()
            except KeyboardInterrupt:
                interrupted = True
            finally:
                results.close()
    finally:
        if to_file:
            stream.close()
    if interrupted:
        code = 143 if sig.received == signal.SIGTERM else 130
        err.print(f"quotes: interrupted after {tally.docs} document{'s' if tally.docs != 1 else ''}; "
                  "the output holds only complete records", markup=False)
        raise typer.Exit(code)
    if not quiet and (tally.docs > 1 or tally.failed or skipped):
        err.print(tally.line(skipped), markup=False)
    if tally.failed:
        if quiet:
            err.print(f"quotes: {tally.failed} of {tally.docs} documents failed", markup=False)
        raise typer.Exit(1)


@app.command()
def evaluate(
    path: str = typer.Argument(..., metavar="PATH", help="A gold-standard file or folder of annotated articles."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table or json."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", metavar="NAME", help="Installed spaCy English pipeline to use."),
    limit: int | None = typer.Option(None, "--limit", "-n", metavar="N", help="Score only the first N documents.", min=1),
) -> None:
    """Score the extraction against annotated articles (precision, recall, F1)."""
    import json

    if format not in ("table", "json"):
        fail(f"unknown format {format!r}; choose table or json")
    try:
        from .evaluate import evaluate as run_eval
        from .evaluate import render_table
    except ImportError:
        fail("evaluation is not available in this installation (quotes.evaluate is missing)")
    _load_model(model)
    try:
        result = run_eval(path, model=model, limit=limit or 0)
    except FileNotFoundError as exc:
        fail(f"no such file or folder: {exc.filename or path}")
    except (ValueError, OSError) as exc:
        fail(str(exc))
    if format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        render_table(result, Console())


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", metavar="HOST", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", "-p", metavar="PORT", help="Port to listen on.", min=0, max=65535),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", metavar="NAME", help="Installed spaCy English pipeline to use."),
    max_body: int = typer.Option(10 * 1024 * 1024, "--max-body", metavar="BYTES", help="Largest request body in bytes; larger ones get 413.", min=1),
    timeout: float = typer.Option(60.0, "--timeout", metavar="SECONDS", help="Seconds one extraction may run before the request gets 504.", min=0.1),
    workers: int = typer.Option(4, "--threads", metavar="N", help="Threads running extractions at once.", min=1),
) -> None:
    """Serve POST /extract ({"text": ...} or {"html": ...}, optional "id") over HTTP; docs at /docs."""
    try:
        from .server import serve as run_server
    except ImportError as exc:
        fail(f"the server needs the 'server' extra: pip install 'quotes-attribution[server]' ({exc.name} is missing)")
    _load_model(model)
    run_server(host=host, port=port, model=model, max_body=max_body, timeout=timeout, threads=workers)


if __name__ == "__main__":
    app()
