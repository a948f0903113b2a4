"""The command line: parse arguments, call the library, render; errors become one line and an exit code."""
from __future__ import annotations

import sys
from typing import Any, Optional

import typer
from rich.console import Console

from . import __version__, render
from .inputs import Document, expand, read
from .model import DEFAULT_MODEL, ModelError

app = typer.Typer(help="Who said what in a news article, with proof: quotes, speakers, sources and exact offsets.",
                  no_args_is_help=True, add_completion=True)
err = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotes {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit.")) -> None:
    """Who said what in a news article, with proof."""


def fail(msg: str, code: int = 2) -> None:
    err.print(f"quotes: error: {msg}", highlight=False, markup=False)
    raise typer.Exit(code)


def error_record(doc: Document, model: str) -> dict[str, Any]:
    return {"schema": "quotes/1", "document": {"id": doc.id, "length": 0, "model": model},
            "quotes": [], "speakers": [], "sources": [], "warnings": [],
            "error": {"document": doc.id, "message": doc.error}}


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Text files, folders (searched recursively for .txt/.html/.htm/.md), or - for stdin."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help=f"Output format: {', '.join(render.FORMATS)}. Default: table on a terminal, else jsonl."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Installed spaCy English pipeline to use (e.g. en_core_web_sm, en_core_web_md)."),
    include_text: bool = typer.Option(False, "--include-text", help="Add the analysed text as document.text."),
) -> None:
    """Find the quotes in each input and print who said what."""
    fmt = format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt not in render.FORMATS:
        fail(f"unknown format {fmt!r}; choose one of {', '.join(render.FORMATS)}")
    from .model import describe, load
    from .pipeline import run

    try:
        nlp = load(model)
    except ModelError as exc:
        fail(str(exc))
    failures = 0

    def results():
        nonlocal failures
        for p in expand(paths):
            doc = read(p)
            if doc.error is None:
                try:
                    res = run(nlp, doc.text, doc_id=doc.id, include_text=include_text)
                    res.warnings[:0] = doc.warnings
                    yield res.to_dict()
                    continue
                except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch
                    doc.error = f"{type(exc).__name__}: {exc}"
            failures += 1
            err.print(f"quotes: error: {doc.id}: {doc.error}", highlight=False, markup=False)
            if fmt in ("json", "jsonl"):
                yield error_record(doc, describe(nlp))

    render.write(results(), fmt, sys.stdout, Console())
    if failures:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
