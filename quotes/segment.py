"""Segmenting: lines and paragraphs first, then sentences from spaCy inside each block.

News pages put headlines, captions and navigation on lines of their own, and spaCy's parser
glues such a line to the next sentence; parsing each line as its own Doc keeps them apart.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

# Longest block handed to spaCy at once; longer paragraphs are cut at sentence-like breaks.
MAX_BLOCK = 20_000
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# Bullets and list markers that open a line but belong to no sentence.
_LEAD = re.compile(r"^[\s\u2022\u25cf\u25aa\u2023\u2043*\-\u2013\u2014>|]*")


@dataclass
class Block:
    """One line of the input (a paragraph, headline or caption) and its parse."""

    start: int
    end: int
    doc: Doc | None = None

    def sents(self) -> Iterator[SpacySpan]:
        if self.doc is not None:
            yield from self.doc.sents

    def char(self, tok_or_span) -> tuple[int, int]:
        """Absolute offsets of a token or span of this block's Doc."""
        if hasattr(tok_or_span, "idx"):
            return self.start + tok_or_span.idx, self.start + tok_or_span.idx + len(tok_or_span.text)
        return self.start + tok_or_span.start_char, self.start + tok_or_span.end_char


def blocks(text: str) -> list[Block]:
    """Non-empty lines, bullets trimmed, long ones cut below MAX_BLOCK characters."""
    out: list[Block] = []
    for m in _LINE.finditer(text):
        s, e = m.start() + _LEAD.match(m.group()).end(), m.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_BLOCK:
            cut = _cut_point(text, s, s + MAX_BLOCK)
            out.append(Block(s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append(Block(s, e))
    return out


def _cut_point(text: str, s: int, limit: int) -> int:
    """The last sentence end (or space) before `limit`, so a chunk never splits a word."""
    window = text[s:limit]
    for pat in (r"[.!?][\"'\u201d\u2019]?\s", r"[;,]\s", r"\s"):
        hits = [m.end() for m in re.finditer(pat, window)]
        if hits and hits[-1] > len(window) // 2:
            return s + hits[-1]
    return limit


def parse(nlp: Language, text: str, bl: list[Block], batch_size: int = 64) -> None:
    """Parse every block in place with one nlp.pipe call."""
    docs = nlp.pipe((text[b.start:b.end] for b in bl), batch_size=batch_size)
    for b, doc in zip(bl, docs):
        b.doc = doc


def block_at(bl: list[Block], pos: int) -> Block | None:
    """The block holding character `pos` (binary search)."""
    lo, hi = 0, len(bl)
    while lo < hi:
        mid = (lo + hi) // 2
        if bl[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(bl) and bl[lo].start <= pos < bl[lo].end:
        return bl[lo]
    return None
