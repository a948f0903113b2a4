"""Quote detection: pair quotation marks by type, at character level, over the raw text.

Works on blocks (lines) so that an unclosed mark cannot swallow the rest of an article, and
follows the news convention of a quote running over several paragraphs: each paragraph
reopens it with an opening mark and only the last one closes it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .segment import Block
from .types import Span, Warning

# Opening mark -> the closing marks that may end it. A curly open may close with a straight
# mark (a common typo, and the seed article has one).
DOUBLE_OPEN = {"\u201c": "\u201d\"\u201c", "\u201e": "\u201c\u201d\"", "\u00ab": "\u00bb", "\u300c": "\u300d",
               "\u300e": "\u300f", "\"": "\"\u201d", "\uff02": "\uff02"}
DOUBLE_CLOSE = set("\u201d\"\u00bb\u300d\u300f\uff02\u201c")
DOUBLE_MARKS = frozenset(DOUBLE_OPEN) | frozenset(DOUBLE_CLOSE)  # every double quotation mark, opening or closing
SINGLE_OPEN = {"\u2018": "\u2019'", "\u201a": "\u2018\u2019", "'": "'\u2019", "\u2039": "\u203a"}
ALL_MARKS = set(DOUBLE_OPEN) | DOUBLE_CLOSE | set(SINGLE_OPEN) | set("\u2019\u203a")
# Words written with a leading apostrophe that are not quotes ('90s, 'em, 'til, 'n').
_ELISION = re.compile(r"(\d\ds?\b|em\b|til\b|cause\b|n\b|tis\b|twas\b)", re.I)
_OPENERS_BEFORE = set(" \t([{\u2014\u2013-/\u00a0") | set(DOUBLE_OPEN) | set(SINGLE_OPEN)


@dataclass
class RawQuote:
    """A run of quoted text: one segment per paragraph it covers (or per interruption)."""

    segments: list[Span]
    opens: list[int] = field(default_factory=list)  # positions of the opening marks
    closes: list[int] = field(default_factory=list)  # positions of the closing marks (-1 if none)
    unclosed: bool = False
    single: bool = False  # quoted with single marks

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)


def _prev(text: str, i: int, lo: int) -> str:
    return text[i - 1] if i > lo else " "


def _next(text: str, i: int, hi: int) -> str:
    return text[i + 1] if i + 1 < hi else " "


def _role(text: str, i: int, lo: int, hi: int, stack: list[tuple[str, int]]) -> str | None:
    """'open', 'close' or None (apostrophe, prime, stray) for the mark at text[i]."""
    c, p, n = text[i], _prev(text, i, lo), _next(text, i, hi)
    top = stack[-1][0] if stack else None
    if c in DOUBLE_OPEN or c in DOUBLE_CLOSE:
        open_double = next((o for o, _ in reversed(stack) if o in DOUBLE_OPEN), None)
        if open_double and c in DOUBLE_OPEN[open_double]:
            # A mark that also opens ("), seen right after a space and before a word, while a
            # double quote is open: close only if the open one has content and the mark follows text.
            if not (p.isspace() and not n.isspace() and c in DOUBLE_OPEN and c != "\u201d" and n not in ",.;:!?"):
                return "close"
            return "open" if c != "\"" else "close"
        if c in DOUBLE_OPEN:
            if c == "\"" and p.isdigit() and not n.isalpha():
                return None  # a prime: 12" or 5'11"
            if n.isspace() and not p.isspace() and p not in _OPENERS_BEFORE:
                return None  # a stray closing-looking mark with nothing open
            return "open"
        if c == "\u201d" and (p.isspace() or i == lo) and not n.isspace():
            return "open"  # a right mark used as an opener (seen in scraped text)
        return None
    # single marks
    if c in ("\u2019", "'", "\u203a") and top in SINGLE_OPEN and c in SINGLE_OPEN[top]:
        if p.isalpha() and n.isalpha():
            return None  # an apostrophe inside a word: don't, Ra'ad
        if not p.isspace():
            return "close"
    if c in SINGLE_OPEN:
        if p.isalnum() or n.isspace() or n == "" or i + 1 >= hi:
            return None  # apostrophe (Russia's) or plural possessive (ministers')
        if p not in _OPENERS_BEFORE and i != lo:
            return None
        if _ELISION.match(text, i + 1, hi):
            return None
        return "open"
    return None


def detect(text: str, bl: list[Block]) -> tuple[list[RawQuote], list[Warning]]:
    """All outermost quoted stretches of the text, in order, with warnings for unclosed marks."""
    quotes: list[RawQuote] = []
    warnings: list[Warning] = []
    carry: RawQuote | None = None  # a double quote left open at the end of the previous paragraph
    for k, b in enumerate(bl):
        lo, hi = b.start, b.end
        stack: list[tuple[str, int]] = []
        i = lo
        if carry is not None:
            if text[lo] in DOUBLE_OPEN and text[lo] != "'":
                stack.append((text[lo], lo))
                i = lo + 1
            else:
                _unclosed(carry, warnings)
                carry = None
        marks = [j for j in range(i, hi) if text[j] in ALL_MARKS]
        for j in marks:
            role = _role(text, j, lo, hi, stack)
            if role == "open":
                stack.append((text[j], j))
            elif role == "close":
                while stack:
                    o, pos = stack.pop()
                    if (o in DOUBLE_OPEN) == (text[j] in DOUBLE_CLOSE and text[j] not in "'\u2019"):
                        if not stack:
                            q = _finish(text, carry, o, pos, j)
                            carry = None
                            if q:
                                quotes.append(q)
                        break
        outer_double = next(((o, pos) for o, pos in stack if o in DOUBLE_OPEN), None)
        if outer_double:
            o, pos = outer_double
            seg = _strip(text, pos + 1, hi)
            if carry is None:
                carry = RawQuote([], single=False)
            if seg:
                carry.segments.append(seg)
                carry.opens.append(pos)
                carry.closes.append(-1)
            nxt = bl[k + 1] if k + 1 < len(bl) else None
            if not (nxt and text[nxt.start] in DOUBLE_OPEN and text[nxt.start] != "'"):
                _unclosed(carry, warnings)
                if carry.segments:
                    quotes.append(carry)
                carry = None
    quotes.sort(key=lambda q: q.start)
    # NYT style ''...'' (two apostrophes as a double mark): a single-quoted stretch inside one is a
    # quote within a quote, part of the outer words like one inside “...”, not a quote of its own
    nyt = nyt_spans(text)
    if nyt:
        quotes = [q for q in quotes if not (q.single and any(a <= q.start and q.end <= z for a, z in nyt))]
    return quotes, warnings


_NYT = re.compile(r"(?<![\w'])''(?=\S)[^\n]+?(?<=\S)''(?!\w)")


def nyt_spans(text: str) -> list[tuple[int, int]]:
    """Stretches in NYT style ''...'' (two apostrophes as a double mark), marks included."""
    return [m.span() for m in _NYT.finditer(text)] if "''" in text else []


def _unclosed(q: RawQuote, warnings: list[Warning]) -> None:
    q.unclosed = True
    if q.segments:
        warnings.append(Warning("unclosed-quote", "quotation mark opened and never closed; quote taken to the end of the paragraph",
                                q.opens[0], q.opens[0] + 1))


def _finish(text: str, carry: RawQuote | None, o: str, open_pos: int, close_pos: int) -> RawQuote | None:
    seg = _strip(text, open_pos + 1, close_pos)
    q = carry or RawQuote([], single=o in SINGLE_OPEN)
    if seg:
        q.segments.append(seg)
        q.opens.append(open_pos)
        q.closes.append(close_pos)
    return q if q.segments else None


def _strip(text: str, s: int, e: int) -> Span | None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e, text[s:e]) if e > s else None
