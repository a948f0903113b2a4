"""HTTP service: POST /extract, GET /health, OpenAPI docs at /docs (needs the `server` extra).

The model is loaded once at startup. Extraction is CPU-bound, so it runs in a thread pool and the
event loop stays free to accept and answer other requests. A request never makes the server read a
file or fetch a URL: it sends the text or the HTML itself.
"""
from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import __version__
from .model import DEFAULT_MODEL

MAX_BODY = 10 * 1024 * 1024


class ExtractRequest(BaseModel):
    """Exactly one of `text` (plain text) or `html` (a whole page; its article text is analysed)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"id": "lavrov", "text": "\"We will not allow this,\" Russian Foreign Minister Sergey Lavrov said."}]})

    text: str | None = Field(None, description="Plain text to analyse; offsets refer to it.")
    html: str | None = Field(None, description="An HTML page; its article text is analysed and returned as document.text.")
    id: str = Field("-", description="Document id echoed in document.id.")
    include_text: bool = Field(False, description="Add the analysed text as document.text (always there for html).")

    @model_validator(mode="after")
    def _one_input(self) -> ExtractRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        return self


class _BodyLimit:
    """ASGI middleware: a request body over `limit` bytes is answered 413 without being read further."""

    def __init__(self, app: Any, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await self._too_large(send)
            return
        if length is not None:  # the server holds the client to its Content-Length
            await self.app(scope, receive, send)
            return
        chunks, seen = [], 0  # chunked upload: read it here, at most `limit` bytes, then replay it
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                return
            chunk = msg.get("body", b"")
            seen += len(chunk)
            if seen > self.limit:
                await self._too_large(send)
                return
            chunks.append(chunk)
            if not msg.get("more_body"):
                break
        body, replayed = b"".join(chunks), False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, send: Any) -> None:
        body = json.dumps({"detail": f"request body larger than {self.limit} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def create_app(model: str | None = None, *, max_body: int = MAX_BODY, timeout: float = 60.0, threads: int = 4) -> FastAPI:
    """The FastAPI application; `model` is loaded once, when the app starts."""
    from .html import article_text
    from .model import describe, load
    from .pipeline import run

    model = model or DEFAULT_MODEL
    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        state["nlp"] = load(model)
        state["pool"] = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="quotes")
        try:
            yield
        finally:
            state["pool"].shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="quotes", version=__version__, lifespan=lifespan,
                  description="Who said what in a news article, with proof: quotes, speakers, sources and exact "
                              "character offsets, as the `quotes/1` JSON contract.")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        msgs = []
        for e in errors:
            loc = ".".join(str(p) for p in e.get("loc", ()) if p != "body")
            msg = e.get("msg", "invalid")
            if e.get("type") == "json_invalid":
                pos = next((p for p in e.get("loc", ()) if isinstance(p, int)), None)
                where = f" at character {pos}" if pos is not None else ""
                msg = f"malformed JSON{where}: {(e.get('ctx') or {}).get('error', msg)}"
            msgs.append(f"{loc}: {msg}" if loc and e.get("type") != "json_invalid" else msg)
        return JSONResponse(status_code=422, content={"message": "; ".join(msgs) or "invalid request",
                                                      "detail": json.loads(json.dumps(errors, default=str))})

    @app.get("/health", summary="Liveness and the loaded model")
    async def health() -> dict[str, Any]:
        return {"status": "ok", "model": describe(state["nlp"]), "version": __version__}

    def _extract(req: ExtractRequest) -> dict[str, Any]:
        warnings = []
        if req.html is not None:
            text, warnings = article_text(req.html)
        else:
            text = req.text or ""
        res = run(state["nlp"], text, doc_id=req.id, include_text=req.include_text or req.html is not None)
        res.warnings[:0] = warnings
        return res.to_dict()

    @app.post("/extract", summary="Find the quotes in a text or an HTML page",
              responses={413: {"description": "Body too large"}, 422: {"description": "Malformed JSON or fields"},
                         504: {"description": "Extraction ran past the timeout"}})
    async def extract(req: ExtractRequest) -> JSONResponse:
        loop = asyncio.get_running_loop()
        fut = loop.run_in_executor(state["pool"], _extract, req)
        try:
            result = await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            return JSONResponse(status_code=504, content={"detail": f"extraction took longer than {timeout:g} s"})
        except Exception as exc:  # noqa: BLE001 - answer 500 with a message, keep serving
            return JSONResponse(status_code=500, content={"detail": f"{type(exc).__name__}: {exc}"})
        return JSONResponse(content=result)

    app.add_middleware(_BodyLimit, limit=max_body)
    return app


def serve(host: str = "127.0.0.1", port: int = 8000, model: str | None = None, *, max_body: int = MAX_BODY,
          timeout: float = 60.0, threads: int = 4) -> None:
    """Run the service with uvicorn until Ctrl-C."""
    import uvicorn

    uvicorn.run(create_app(model, max_body=max_body, timeout=timeout, threads=threads), host=host, port=port,
                log_level="info", timeout_graceful_shutdown=5)
