"""The command line: formats, -o, batches in input order, failures as records, exit codes, resume, signals."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console
from typer.testing import CliRunner

import quotes
from quotes import cli, render

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "telesur-2016-10-04-lavrov.txt"
QUOTES_BIN = [sys.executable, "-m", "quotes.cli"]


def invoke(*args: str, input: str | None = None):
    return runner.invoke(cli.app, list(args), input=input)


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def docs(tmp_path: Path, seed_text: str) -> list[Path]:
    """Five small articles with different speakers, so order mistakes show."""
    names = ["Alice Walker", "Bob Jones", "Carol King", "David Brown", "Eve Adams"]
    paths = []
    for n, name in enumerate(names):
        p = tmp_path / f"d{n}.txt"
        p.write_text(f'"Point number {n} matters," {name} said on Monday.\n', encoding="utf-8")
        paths.append(p)
    return paths


def test_version():
    r = invoke("--version")
    assert r.exit_code == 0
    assert r.stdout.strip() == f"quotes {quotes.__version__}"


def test_help_lists_commands_and_options():
    r = invoke("--help")
    assert r.exit_code == 0
    for word in ("extract", "evaluate", "serve", "--install-completion"):
        assert word in r.stdout
    r = invoke("extract", "--help")
    assert r.exit_code == 0
    for word in ("--output", "--jobs", "--resume", "--input-format", "--quiet"):
        assert word in r.stdout


def test_jsonl_is_the_contract(seed_text):
    r = invoke("extract", str(SEED), "-f", "jsonl")
    assert r.exit_code == 0, r.stderr
    (d,) = records(r.stdout)
    jsonschema.validate(d, quotes.json_schema())
    assert d["document"]["id"] == str(SEED)
    assert "text" not in d["document"]  # plain text: offsets refer to the file itself
    assert d["quotes"]
    for q in d["quotes"]:
        for s in q["segments"]:
            assert seed_text[s["start"]:s["end"]] in q["text"]
    assert r.stderr == ""  # one document: no summary noise


def test_every_format_renders(docs):
    for fmt in render.FORMATS:
        r = invoke("extract", str(docs[0]), str(docs[1]), "-f", fmt, "-q")
        assert r.exit_code == 0, (fmt, r.stderr)
        assert "Alice Walker" in r.stdout and "Bob Jones" in r.stdout, fmt
    r = invoke("extract", str(docs[0]), str(docs[1]), "-f", "json", "-q")
    assert [d["document"]["id"] for d in json.loads(r.stdout)] == [str(docs[0]), str(docs[1])]
    rows = list(csv.DictReader(io.StringIO(invoke("extract", str(docs[0]), "-f", "csv").stdout)))
    assert rows[0]["speaker"] == "Alice Walker" and rows[0]["quote"].startswith("Point number 0")


def test_table_fits_80_columns_and_has_a_header_per_document(seed_text, docs):
    buf = io.StringIO()
    con = Console(file=buf, width=80, force_terminal=False)
    d1 = quotes.extract(seed_text, doc_id="seed.txt").to_dict()
    d2 = quotes.extract(docs[0].read_text(), doc_id="other.txt").to_dict()
    render.write([d1, d2], "table", buf, con)
    out = buf.getvalue()
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80
    assert out.count("seed.txt") == 1 and out.count("other.txt") == 1
    assert "Sergey Lavrov" in out and "Russian Foreign" in out
    assert out.index("seed.txt") < out.index("other.txt")


def test_output_file_keeps_stdout_empty_and_takes_the_format_from_the_suffix(tmp_path, docs):
    out = tmp_path / "out.csv"
    r = invoke("extract", str(docs[0]), str(docs[1]), "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ""
    assert "2 documents" in r.stderr  # the summary line goes to stderr
    assert out.read_text().splitlines()[0].startswith("document,quote_id,kind")
    out = tmp_path / "out.jsonl"
    assert invoke("extract", str(docs[0]), "-o", str(out)).exit_code == 0
    assert records(out.read_text())[0]["document"]["id"] == str(docs[0])


@pytest.mark.parametrize("args, needle", [
    (["-f", "xml"], "unknown format 'xml'"),
    (["-m", "no_such_model_xx"], "unknown spaCy model"),
    (["--bogus"], "No such option"),
    (["-i", "pdf"], "unknown input format"),
    (["--resume"], "--resume needs -o FILE"),
])
def test_usage_errors_are_one_line_exit_2(args, needle, docs):
    r = invoke("extract", str(docs[0]), *args)
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quotes: error: ") and needle in lines[0]
    assert "Traceback" not in r.stderr


def test_failures_are_records_in_input_order_exit_1(tmp_path, docs):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x00\x00\x00\x00garbage\x00")
    missing = tmp_path / "missing.txt"
    r = invoke("extract", str(docs[0]), str(missing), str(binary), str(docs[1]), "-f", "jsonl")
    assert r.exit_code == 1
    recs = records(r.stdout)
    assert [d["document"]["id"] for d in recs] == [str(docs[0]), str(missing), str(binary), str(docs[1])]
    assert [("error" in d) for d in recs] == [False, True, True, False]
    assert recs[1]["error"] == {"document": str(missing), "message": "no such file"}
    for d in recs:
        jsonschema.validate(d, quotes.json_schema())
    assert "2 failed" in r.stderr and "4 documents" in r.stderr


def test_quiet_still_reports_the_failure_count(tmp_path, docs):
    r = invoke("extract", str(docs[0]), str(tmp_path / "nope.txt"), "-q")
    assert r.exit_code == 1
    assert "1 of 2 documents failed" in r.stderr
    assert "documents/s" not in r.stderr


def test_stdin_and_html_sniffing():
    r = invoke("extract", "-", input='"We are ready," Mayor Anne Hidalgo said.')
    assert r.exit_code == 0
    (d,) = records(r.stdout)
    assert d["document"]["id"] == "-" and d["quotes"][0]["text"] == "We are ready,"


def test_jsonl_input(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": '"One," said Tom Hanks.'}),
        json.dumps({"id": "b", "html": '<html><body><article><p>"Two," said Meryl Streep.</p></article></body></html>'}),
        "{not json",
        json.dumps({"id": "d"}),
        json.dumps({"text": '"Four," said Tom Hanks.'}),
    ]) + "\n", encoding="utf-8")
    r = invoke("extract", "-i", "jsonl", str(src))
    assert r.exit_code == 1
    recs = records(r.stdout)
    assert [d["document"]["id"] for d in recs] == ["a", "b", f"{src}:3", "d", f"{src}:5"]
    assert recs[1]["document"]["text"] == '"Two," said Meryl Streep.'
    assert "not JSON" in recs[2]["error"]["message"]
    assert "neither" in recs[3]["error"]["message"]
    r = invoke("extract", "-i", "jsonl", "-", input=src.read_text().splitlines()[0] + "\n")
    assert records(r.stdout)[0]["document"]["id"] == "a"


def test_jobs_keep_input_order_and_match_one_process(docs, tmp_path):
    missing = str(tmp_path / "missing.txt")
    args = ["extract", *map(str, docs), missing, *map(str, docs), "-f", "jsonl", "-q"]
    one = invoke(*args)
    two = invoke(*args, "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    ids = [d["document"]["id"] for d in records(two.stdout)]
    assert ids == [*map(str, docs), missing, *map(str, docs)]


def test_resume_skips_complete_lines_and_cuts_a_partial_one(docs, tmp_path):
    out = tmp_path / "out.jsonl"
    first = invoke("extract", str(docs[0]), str(docs[1]), "-f", "jsonl", "-q").stdout
    out.write_text(first + '{"schema": "quotes/1", "document": {"id": "', encoding="utf-8")  # cut mid-line
    r = invoke("extract", *map(str, docs), "-o", str(out), "--resume")
    assert r.exit_code == 0, r.stderr
    assert "2 skipped" in r.stderr
    recs = records(out.read_text())
    assert [d["document"]["id"] for d in recs] == list(map(str, docs))
    assert out.read_text().startswith(first)


def test_progress_bar_only_on_a_terminal(docs, monkeypatch):
    r = invoke("extract", *map(str, docs), "-f", "jsonl")
    assert "docs/s" not in r.stderr  # stderr is not a terminal here
    buf = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=buf, force_terminal=True, width=100))
    r = invoke("extract", *map(str, docs), "-f", "jsonl")
    assert r.exit_code == 0
    assert "docs/s" in buf.getvalue() and "extracting" in buf.getvalue()
    buf.truncate(0)
    invoke("extract", *map(str, docs), "-f", "jsonl", "--quiet")
    assert buf.getvalue() == ""


def test_sigterm_leaves_only_complete_lines(tmp_path, seed_text):
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"id": f"doc{n}", "text": seed_text}) + "\n" for n in range(25)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*QUOTES_BIN, "extract", "-i", "jsonl", str(src), "-o", str(out), "-q"],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text().count("\n") < 2):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 143, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    text = out.read_text()
    assert text.endswith("\n")
    recs = records(text)
    assert 2 <= len(recs) < 25
    assert [d["document"]["id"] for d in recs] == [f"doc{n}" for n in range(len(recs))]
    # and --resume finishes the job from there
    r = subprocess.run([*QUOTES_BIN, "extract", "-i", "jsonl", str(src), "-o", str(out), "--resume", "-q", "-j", "2"],
                       capture_output=True, text=True, timeout=240, env={**os.environ, "COLUMNS": "80"})
    assert r.returncode == 0, r.stderr
    assert [d["document"]["id"] for d in records(out.read_text())] == [f"doc{n}" for n in range(25)]


def test_evaluate_is_wired(monkeypatch, tmp_path):
    import types

    calls = {}
    fake = types.ModuleType("quotes.evaluate")

    def evaluate(path, model=None, limit=None):
        calls.update(path=path, model=model, limit=limit)
        return {"f1": 0.5, "documents": 1}

    def render_table(result, console):
        console.print(f"F1 {result['f1']}")

    fake.evaluate, fake.render_table = evaluate, render_table
    monkeypatch.setitem(sys.modules, "quotes.evaluate", fake)
    r = invoke("evaluate", str(tmp_path), "--format", "json", "--limit", "3")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout) == {"f1": 0.5, "documents": 1}
    assert calls == {"path": str(tmp_path), "model": "en_core_web_sm", "limit": 3}
    r = invoke("evaluate", str(tmp_path))
    assert r.exit_code == 0 and "F1 0.5" in r.stdout
    r = invoke("evaluate", str(tmp_path), "--format", "xml")
    assert r.exit_code == 2 and r.stderr.startswith("quotes: error: ")


def test_evaluate_on_the_seed_answer_key():
    pytest.importorskip("quotes.evaluate")
    seed = ROOT.parent / "shared" / "seed"
    if not (seed / "telesur-2016-10-04-lavrov.gold.json").exists():
        pytest.skip("shared/seed is not beside the repo")
    r = invoke("evaluate", str(seed), "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["documents"] == 1
    r = invoke("evaluate", str(ROOT / "no-such-folder"))
    assert r.exit_code == 2 and r.stderr.startswith("quotes: error: ")


def test_resume_refuses_a_file_that_is_not_ours(docs, tmp_path):
    out = tmp_path / "notes.jsonl"
    out.write_text("my notes\nmore notes\n", encoding="utf-8")
    r = invoke("extract", str(docs[0]), "-o", str(out), "--resume")
    assert r.exit_code == 2 and "line 1 is not a quotes record" in r.stderr
    assert out.read_text() == "my notes\nmore notes\n"
