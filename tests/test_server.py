"""The HTTP service over real HTTP on a loopback port: contract, limits, errors, concurrency."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import jsonschema
import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

import quotes  # noqa: E402
from quotes.server import create_app  # noqa: E402

SMALL = '"We will not allow this to happen," Russian Foreign Minister Sergey Lavrov told reporters.'
PAGE = ("<!doctype html><html><body><nav>Home | World | Sport</nav><article><p>" + SMALL +
        "</p><p>The talks went on for hours in Geneva on Monday, officials said.</p></article>"
        "<footer>All rights reserved</footer></body></html>")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Running:
    """uvicorn serving an app in a thread on a free loopback port."""

    def __init__(self, app):
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def url(nlp):
    with Running(create_app(max_body=64 * 1024, timeout=60, threads=4)) as base:
        yield base


def test_health_and_docs(url):
    r = httpx.get(f"{url}/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["model"].startswith("en_core_web_sm")
    assert httpx.get(f"{url}/docs").status_code == 200
    spec = httpx.get(f"{url}/openapi.json").json()
    assert "/extract" in spec["paths"] and "/health" in spec["paths"]


def test_extract_text_is_the_contract(url, seed_text):
    r = httpx.post(f"{url}/extract", json={"text": seed_text, "id": "seed"}, timeout=60)
    assert r.status_code == 200
    d = r.json()
    jsonschema.validate(d, quotes.json_schema())
    assert d["document"]["id"] == "seed" and "text" not in d["document"]
    assert d == quotes.extract(seed_text, doc_id="seed").to_dict()


def test_extract_html(url):
    r = httpx.post(f"{url}/extract", json={"html": PAGE}, timeout=60)
    assert r.status_code == 200
    d = r.json()
    text = d["document"]["text"]
    assert "Sport" not in text and "All rights reserved" not in text
    q = d["quotes"][0]
    assert q["text"] == "We will not allow this to happen,"
    assert text[q["segments"][0]["start"]:q["segments"][0]["end"]] == q["text"]


@pytest.mark.parametrize("body, needle", [
    (b'{"text": "unterminated', "malformed JSON"),
    (b"[1, 2]", "valid dictionary"),
    (b'{"text": "a", "html": "<p>b</p>"}', "exactly one"),
    (b"{}", "exactly one"),
    (b'{"url": "http://127.0.0.1:1/"}', "url"),  # never fetches: unknown fields are refused
    (b'{"text": 5}', "text"),
])
def test_bad_requests_are_422_with_a_message(url, body, needle):
    r = httpx.post(f"{url}/extract", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert needle in r.json()["message"]


def test_body_over_the_limit_is_413(url):
    big = json.dumps({"text": "x" * (70 * 1024)}).encode()
    r = httpx.post(f"{url}/extract", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413

    def chunks():  # no Content-Length: the limit still holds
        for _ in range(20):
            yield b"x" * 8192

    r = httpx.post(f"{url}/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert httpx.get(f"{url}/health").status_code == 200


def test_twenty_concurrent_requests_are_all_answered(url):
    texts = [f'"Number {n} is fine," said Maria Lopez.' for n in range(20)]

    def call(n: int) -> tuple[int, dict]:
        r = httpx.post(f"{url}/extract", json={"text": texts[n], "id": str(n)}, timeout=60)
        return r.status_code, r.json()

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(call, range(20)))
    assert [code for code, _ in answers] == [200] * 20
    for n, (_, d) in enumerate(answers):
        assert d["document"]["id"] == str(n)
        assert d["quotes"][0]["text"] == f"Number {n} is fine,"


def test_timeout_is_504(nlp, seed_text):
    with Running(create_app(timeout=0.001)) as base:
        r = httpx.post(f"{base}/extract", json={"text": seed_text * 3}, timeout=60)
        assert r.status_code == 504
        assert "longer than" in r.json()["detail"]


def test_quotes_serve_command():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quotes.cli", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert r.json()["status"] == "ok"
        r = httpx.post(f"http://127.0.0.1:{port}/extract", json={"text": SMALL}, timeout=60)
        assert r.json()["quotes"][0]["text"] == "We will not allow this to happen,"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
