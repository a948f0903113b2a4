"""Output: one dispatcher over every format. Data goes to the stream given; never messages."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "jsonl", "csv", "markdown")
CSV_COLUMNS = ("document", "quote_id", "kind", "speaker", "title", "source", "quote", "cue", "start", "end", "confidence")


def rows(d: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """One flat row per quote of a contract dict (for table, CSV and Markdown)."""
    speakers = {s["id"]: s for s in d.get("speakers", [])}
    sources = {s["id"]: s for s in d.get("sources", [])}
    for q in d.get("quotes", []):
        sp = speakers.get((q.get("speaker") or {}).get("id"))
        so = sources.get((q.get("source") or {}).get("id"))
        yield {
            "document": d["document"]["id"],
            "quote_id": q["id"],
            "kind": q["kind"],
            "speaker": sp["name"] if sp else "",
            "title": (sp or {}).get("title") or "",
            "source": so["name"] if so else "",
            "quote": q["text"],
            "cue": (q.get("cue") or {}).get("text", ""),
            "start": q["segments"][0]["start"],
            "end": q["segments"][-1]["end"],
            "confidence": q["confidence"],
        }


def shorten(s: str, width: int) -> str:
    """Cut a long quote at a word boundary with an ellipsis."""
    s = " ".join(s.split())
    if len(s) <= width:
        return s
    cut = s[: width - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"


def table(d: dict[str, Any], console: Console) -> None:
    """A rich table under a header naming the document, one row per quote."""
    width = console.width or 80
    qwidth = max(24, width - 60)
    t = Table(title=f"{d['document']['id']}: {len(d['quotes'])} quotes, {len(d['speakers'])} speakers",
              title_justify="left", expand=False, show_lines=False, pad_edge=False)
    t.add_column("speaker", style="bold", max_width=22, overflow="fold")
    t.add_column("title", max_width=18, overflow="fold")
    t.add_column("quote", max_width=qwidth, overflow="fold")
    t.add_column("source", max_width=12, overflow="fold")
    t.add_column("kind", max_width=8)
    for r in rows(d):
        speaker = Text(r["speaker"]) if r["speaker"] else Text("?", style="dim")
        t.add_row(speaker, r["title"], shorten(r["quote"], qwidth * 2), r["source"], r["kind"])
    console.print(t)
    for w in d.get("warnings", []):
        console.print(f"[yellow]warning[/yellow] {w['code']}: {w['message']}", highlight=False)


def markdown(d: dict[str, Any]) -> str:
    def cell(v: Any) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")

    head = ["speaker", "title", "quote", "source", "kind", "cue", "start", "end", "confidence"]
    out = [f"### {cell(d['document']['id'])}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows(d):
        out.append("| " + " | ".join(cell(r[h]) for h in head) + " |")
    return "\n".join(out) + "\n"


def write(results: Iterable[dict[str, Any]], fmt: str, out: TextIO, console: Console | None = None) -> None:
    """Write contract dicts in one of FORMATS, streaming where the format allows."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonl":
        for d in results:
            out.write(json.dumps(d, ensure_ascii=False) + "\n")
            out.flush()
    elif fmt == "json":
        docs = list(results)
        obj = docs[0] if len(docs) == 1 else docs
        out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        w.writeheader()
        for d in results:
            w.writerows(rows(d))
    elif fmt == "markdown":
        for n, d in enumerate(results):
            out.write(("\n" if n else "") + markdown(d))
    else:
        con = console or Console(file=out)
        for d in results:
            if "error" in d:
                con.print(f"[red]{d['document']['id']}: {d['error']['message']}[/red]")
            else:
                table(d, con)


def to_string(d: dict[str, Any], fmt: str) -> str:
    buf = io.StringIO()
    write([d], fmt, buf, Console(file=buf, width=100))
    return buf.getvalue()
