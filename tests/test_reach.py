"""Reach: HTML files, HTML on stdin, http(s) URLs and JSON Lines all get to the pipeline as article text."""
from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

import quotes
from quotes import cli
from quotes.html import article_text, looks_like_html

runner = CliRunner()

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Lavrov warns Washington</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><div class="menu">Subscribe | Log in | Newsletter</div></header>
<main><article>
<h1>Lavrov warns Washington</h1>
<p>Russian Foreign Minister Sergey Lavrov spoke to reporters in Moscow on Tuesday about the talks.</p>
<p>\u201cWe will not allow this to happen,\u201d Lavrov told reporters in Moscow. \u201cThe Americans have broken every promise they made.\u201d</p>
<p>The State Department suspended the talks on Monday, officials in Washington confirmed later that day.</p>
<p>\u201cIt is a sad day for the people of Syria,\u201d spokesman John Kirby said.</p>
</article></main>
<footer><p>Copyright 2016 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def check_spans(d: dict) -> None:
    """Every span slices document.text (the analysed article text)."""
    text = d["document"]["text"]
    assert d["document"]["length"] == len(text)
    for q in d["quotes"]:
        assert " ".join(text[s["start"]:s["end"]] for s in q["segments"]) == q["text"]
        if q["speaker"]:
            m = q["speaker"]["mention"]
            assert text[m["start"]:m["end"]] == m["text"]


def check_article(d: dict) -> None:
    jsonschema.validate(d, quotes.json_schema())
    text = d["document"]["text"]
    assert "Lavrov told reporters" in text
    for chrome in ("Subscribe", "Privacy policy", "All rights reserved", "Sport"):
        assert chrome not in text  # navigation and footer are gone
    check_spans(d)
    names = {s["id"]: s["name"] for s in d["speakers"]}
    said = {(q["text"], names.get((q["speaker"] or {}).get("id"))) for q in d["quotes"]}
    assert ("We will not allow this to happen,", "Sergey Lavrov") in said
    assert ("It is a sad day for the people of Syria,", "John Kirby") in said


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A local web server on 127.0.0.1 serving the page, a text file and nothing else."""
    root = tmp_path_factory.mktemp("site")
    (root / "article.html").write_text(PAGE, encoding="utf-8")
    (root / "plain.txt").write_text('"Hello," said Anna Smith.\n', encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_looks_like_html():
    assert looks_like_html("  \n<!DOCTYPE html><html>")
    assert looks_like_html("<html lang=en>")
    assert looks_like_html("<!-- saved page -->\n<!doctype html>")
    assert not looks_like_html('"Hi," she said. <html> is a tag.')
    assert not looks_like_html("<htmlx>")


def test_extract_html_api():
    res = quotes.extract_html(PAGE, doc_id="page")
    assert res.include_text and res.id == "page"
    check_article(res.to_dict())


def test_html_without_article_warns():
    text, warnings = article_text("<html><body></body></html>")
    assert text == "" and warnings and warnings[0].code == "html-no-article"


def test_html_file(tmp_path):
    page = tmp_path / "page.htm"
    page.write_text(PAGE, encoding="utf-8")
    r = runner.invoke(cli.app, ["extract", str(page), "-f", "json"])
    assert r.exit_code == 0, r.stderr
    check_article(json.loads(r.stdout))


def test_html_sniffed_on_stdin_and_in_a_txt_file(tmp_path):
    r = runner.invoke(cli.app, ["extract", "-", "-f", "json"], input="\n  " + PAGE)
    assert r.exit_code == 0, r.stderr
    check_article(json.loads(r.stdout))
    saved = tmp_path / "saved.txt"
    saved.write_text(PAGE, encoding="utf-8")
    r = runner.invoke(cli.app, ["extract", str(saved), "-f", "json"])
    check_article(json.loads(r.stdout))
    # --input-format text forces the raw markup to be analysed as it is: offsets into the file itself
    r = runner.invoke(cli.app, ["extract", str(saved), "-f", "json", "-i", "text"])
    d = json.loads(r.stdout)
    assert "text" not in d["document"] and d["document"]["length"] == len(PAGE)


def test_url(site):
    r = runner.invoke(cli.app, ["extract", f"{site}/article.html", f"{site}/missing.html", f"{site}/plain.txt", "-f", "jsonl"])
    assert r.exit_code == 1
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["document"]["id"] for d in recs] == [f"{site}/article.html", f"{site}/missing.html", f"{site}/plain.txt"]
    check_article(recs[0])
    assert recs[1]["error"]["message"].startswith("HTTP 404")
    assert recs[2]["quotes"][0]["text"] == "Hello," and "text" not in recs[2]["document"]
    assert "1 failed" in r.stderr


def test_unreachable_url_is_a_record_not_a_crash():
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = runner.invoke(cli.app, ["extract", f"http://127.0.0.1:{port}/x", "-f", "jsonl", "--timeout", "2"])
    assert r.exit_code == 1
    (d,) = [json.loads(line) for line in r.stdout.splitlines()]
    assert d["error"]["message"].startswith("cannot fetch")


def test_jsonl_html_and_folder(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, encoding="utf-8")
    (folder / "b.txt").write_text('"Yes," said Bo Diddley.\n', encoding="utf-8")
    (folder / "skip.bin").write_bytes(b"\x00" * 10)
    r = runner.invoke(cli.app, ["extract", str(folder), "-f", "jsonl"])
    assert r.exit_code == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [Path(d["document"]["id"]).name for d in recs] == ["a.html", "b.txt"]
    check_article(recs[0])
    line = json.dumps({"id": "p1", "html": PAGE})
    r = runner.invoke(cli.app, ["extract", "-i", "jsonl", "-", "-f", "jsonl"], input=line + "\n")
    (d,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert d["document"]["id"] == "p1"
    check_article(d)
