"""HTML pages and URLs: the article text (no navigation, no footers) via trafilatura.

The analysed text is the extracted article text, so every offset refers to it, and it is
returned as `document.text` (`Result.include_text` is set).
"""
from __future__ import annotations

import re
import urllib.error
import urllib.request
from email.message import Message

from .types import Result, Warning

_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
MAX_FETCH = 20 * 1024 * 1024
USER_AGENT = "quotes-attribution (+https://pypi.org/project/quotes-attribution/)"


class FetchError(Exception):
    """A URL could not be fetched; the message says why."""


def looks_like_html(text: str) -> bool:
    """True when the text starts (after whitespace) with <!doctype html or <html."""
    return bool(_HTML_START.match(text[:4096]))


def is_url(s: str) -> bool:
    return s.lower().startswith(("http://", "https://"))


def article_text(html: str) -> tuple[str, list[Warning]]:
    """The main text of an HTML page, paragraphs on lines of their own."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, include_images=False,
                               include_links=False, include_formatting=False, output_format="txt", deduplicate=False)
    if text:
        return text, []
    fallback = trafilatura.html2txt(html) or ""
    return fallback, [Warning("html-no-article", "no article found in the HTML page; analysed all of its text"
                              if fallback else "no text found in the HTML page")]


def extract_html(html: str, *, model: str | None = None, doc_id: str = "-") -> Result:
    """Find the quotes in an HTML page: its article text is analysed and returned as `document.text`."""
    from .model import load
    from .pipeline import run

    if not isinstance(html, str):
        raise TypeError(f"extract_html() wants a str, not {type(html).__name__}")
    text, warnings = article_text(html)
    res = run(load(model), text, doc_id=doc_id, include_text=True)
    res.warnings[:0] = warnings
    return res


def fetch(url: str, timeout: float = 30.0) -> tuple[str, bool]:
    """GET a URL: (decoded body, is_html). Raises FetchError with a one-line reason."""
    from .inputs import InputError, decode

    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) only, checked by is_url
            data = resp.read(MAX_FETCH + 1)
            headers: Message = resp.headers
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot fetch: {exc.reason}") from None
    except TimeoutError:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(f"cannot fetch: {exc}") from None
    if len(data) > MAX_FETCH:
        raise FetchError(f"page larger than {MAX_FETCH // (1024 * 1024)} MB")
    ctype = headers.get_content_type()
    charset = headers.get_content_charset()
    text = None
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text, _ = decode(data)
        except InputError as exc:
            raise FetchError(str(exc)) from None
    is_html = "html" in ctype or "xml" in ctype or looks_like_html(text)
    return text, is_html
