"""Output: one dispatcher over every format. Data goes to the stream given; never messages."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, TextIO

from rich import box
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


KIND_MARK = {"direct": "", "partial": "partial", "indirect": "indirect"}


def summary(d: dict[str, Any]) -> str:
    n, s, m = len(d.get("quotes", [])), len(d.get("speakers", [])), len(d.get("sources", []))
    parts = [f"{n} quote{'s' if n != 1 else ''}", f"{s} speaker{'s' if s != 1 else ''}"]
    if m:
        parts.append(f"{m} source{'s' if m != 1 else ''}")
    return ", ".join(parts)


def table(d: dict[str, Any], console: Console) -> None:
    """A header naming the document, then one row per quote: who (with title), what, relayed by whom.
    Fits 80 columns: the quote column takes what the others leave and long quotes are shortened."""
    width = console.width or 80
    doc_id = d["document"]["id"]
    if "error" in d:
        console.print(Text.assemble((doc_id, "bold cyan"), ("  failed: ", "red"), (d["error"]["message"], "red")), overflow="fold")
        console.print()
        return
    console.print(Text.assemble((doc_id, "bold cyan"), ("  " + summary(d), "dim")), overflow="fold")
    rws = list(rows(d))
    if rws:
        has_source = any(r["source"] for r in rws)
        t = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False, header_style="bold")
        t.add_column("#", justify="right", style="dim", no_wrap=True, width=3)
        sw = min(26, max(14, width // 4))
        mw = min(16, max(8, width // 7)) if has_source else 0
        qw = max(20, width - 3 - sw - mw - (8 if has_source else 6))
        t.add_column("speaker", width=sw, overflow="fold")
        t.add_column("quote", min_width=20, ratio=1, overflow="fold")
        if has_source:
            t.add_column("source", width=mw, overflow="fold")
        qchars = max(60, qw * 3)  # about three lines of the quote column
        for r in rws:
            who = Text(r["speaker"], style="bold") if r["speaker"] else Text("(unknown)", style="dim italic")
            if r["title"]:
                who.append("\n" + " ".join(r["title"].split()), style="dim")
            body = shorten(r["quote"], qchars)
            quote = Text(body if r["kind"] == "indirect" else f"\u201c{body}\u201d")
            if KIND_MARK[r["kind"]]:
                quote.append(f"  ({KIND_MARK[r['kind']]})", style="dim italic")
            cells = [r["quote_id"].lstrip("q"), who, quote]
            if has_source:
                cells.append(r["source"])
            t.add_row(*cells)
        console.print(t)
    for w in d.get("warnings", []):
        where = f" at {w['start']}" if w.get("start") is not None else ""
        console.print(Text.assemble(("  warning ", "yellow"), f"{w['code']}{where}: {w['message']}"), overflow="fold")
    console.print()


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
            table(d, con)


def to_string(d: dict[str, Any], fmt: str) -> str:
    buf = io.StringIO()
    write([d], fmt, buf, Console(file=buf, width=100))
    return buf.getvalue()
