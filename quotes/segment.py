"""Segmenting: lines and paragraphs first, then sentences from spaCy inside each block.

News pages put headlines, captions and navigation on lines of their own, and spaCy's parser
glues such a line to the next sentence; parsing each line as its own Doc keeps them apart.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import lexicons

# Longest block handed to spaCy at once; longer paragraphs are cut at sentence-like breaks.
MAX_BLOCK = 20_000
# Words capitalised only for opening a sentence (conjunctions, sentence adverbs): no name or title starts with one.
SENTENCE_OPENERS = frozenset({"but", "and", "or", "as", "when", "while", "yet", "so", "then", "now", "after", "before", "if",
                              "because", "also", "even", "still", "though", "although", "since", "until", "where", "with",
                              "without", "meanwhile"})
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
# Bullets and list markers that open a line but belong to no sentence.
_LEAD = re.compile(r"^[\s\u2022\u25cf\u25aa\u2023\u2043*\-\u2013\u2014>|]*")
# A wire dateline opening a paragraph ("RENO, Nev. (AP) \u2014 ", "WASHINGTON (Reuters) - ", "NEW YORK, Dec. 11
# (UPI) \u2014 "): the parser takes the place name for the sentence's subject, so the block starts after it.
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'\- ]{2,}(?:,\s+[A-Z][A-Za-z.]*\.?(?:\s[A-Z0-9][A-Za-z0-9.]*)?)*\s*(?:\([A-Za-z ]{1,30}\))?"
                       r"|[A-Z][\w.' ]{2,30}?(?:,\s+[A-Z][\w.]*)?\s*\([A-Z][A-Za-z]{1,12}\))\s*[\u2014\u2013-]{1,2}\s+(?=\S)")


@dataclass
class Block:
    """One line of the input (a paragraph, headline or caption) and its parse."""

    start: int
    end: int
    doc: Doc | None = None

    def sents(self) -> Iterator[SpacySpan]:
        if self.doc is not None:
            yield from self.doc.sents

    def token(self, pos: int) -> Token | None:
        """The token of this block's Doc holding (or last starting before) absolute character `pos`."""
        if not self.doc:
            return None
        k = bisect_right(self.doc, pos - self.start, key=lambda t: t.idx)  # just after the last token starting by pos
        return self.doc[max(0, k - 1)]

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
        d = _DATELINE.match(text, s, e)
        if d:
            s = d.end()
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(piece: str) -> str:
    """The text for spaCy, which cannot store lone surrogates: each becomes U+FFFD (same length, same offsets)."""
    return _SURROGATE.sub("\ufffd", piece) if _SURROGATE.search(piece) else piece


def parse(nlp: Language, text: str, bl: list[Block], batch_size: int = 64) -> None:
    """Parse every block in place with one nlp.pipe call (all components)."""
    docs = nlp.pipe((_clean(text[b.start:b.end]) for b in bl), batch_size=batch_size)
    for b, doc in zip(bl, docs, strict=True):
        b.doc = doc


# Sentence-like breaks inside a block, found without the parser: after . ! ? (and closing
# marks), before a capital, a digit or an opening mark. Only used to choose what to parse.
_SENT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018'(\[]?[A-Z0-9])")


# Words whose full stop does not end a sentence: U.S., Mr., Sen., Jan., a middle initial.
_ABBREV = {"mr", "mrs", "ms", "dr", "sen", "gov", "rep", "reps", "del", "atty", "amb", "maj", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cmdr",
           "adm", "prof", "rev", "hon", "pres", "supt", "det", "insp", "inc", "co", "corp", "ltd", "bros", "vs", "v",
           "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "blvd",
           "dept", "univ", "est", "approx", "fig", "op", "vol", "pp", "al", "e.g", "i.e"}
_LAST_WORD = re.compile(r"(\S+?)[.!?][\"'\u201d\u2019)\]]*$")


def _sentence_cuts(text: str, s: int, e: int) -> list[int]:
    """Where sentences start inside text[s:e] (not after an abbreviation or an initial)."""
    out = []
    for m in _SENT.finditer(text, s, e):
        w = _LAST_WORD.search(text, max(s, m.start() - 30), m.start())
        if w is not None:
            word = w.group(1).lstrip("(\"'\u201c\u2018").lower()
            if word in _ABBREV or "." in word or (len(word) == 1 and word.isalpha()):
                continue
        out.append(m.end())
    return out


_WORDS = re.compile(r"[A-Za-z]+")


@cache
def _cues() -> frozenset[str]:
    """Speech-cue words (lower case): the lexicon's forms and 'according'."""
    return frozenset(lexicons.speech_verbs()) | {"according"}


def pieces(text: str, b: Block, spans: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The block cut into runs of sentences as (start, end, matters). A sentence matters when it holds
    an end of a quoted stretch of `spans` (sorted [start, end) ranges, marks included) or a speech-cue
    word outside the quoted stretches. A sentence wholly inside a quotation does not: attribution
    reads the sentences where a quote opens and closes, and a cue inside a quote is never used."""
    cuts = _sentence_cuts(text, b.start, b.end) + [b.end]
    verbs = _cues()
    k0 = max(0, bisect_left(spans, (b.start, -1)) - 1)
    near = [sp for sp in spans[k0:bisect_left(spans, (b.end, -1))] if sp[1] > b.start]
    ends = {p for a, z in near for p in (a, z - 1) if b.start <= p < b.end}
    for _a, z in near:
        # '"...right?" Jones went on.': the splitter cuts after '?"' or '!"', and the attribution is the next sentence
        w = re.match(r"[ \t]+\S", text[z:z + 4]) if b.start < z < b.end and text[z - 2:z - 1] in ("?", "!") else None
        if w is not None:
            ends.add(z + w.end() - 1)
    ends = sorted(ends)
    cues = []
    for m in _WORDS.finditer(text, b.start, b.end):
        if m.group().lower() in verbs:
            p = m.start()
            k = bisect_left(near, (p + 1, -1)) - 1
            if k < 0 or near[k][1] <= p:
                cues.append(p)
    out: list[tuple[int, int, bool]] = []
    s = b.start
    for e in cuts:
        hot = bisect_left(ends, s) < bisect_left(ends, e) or bisect_left(cues, s) < bisect_left(cues, e)
        if out and out[-1][2] == hot:
            out[-1] = (out[-1][0], e, hot)
        else:
            out.append((s, e, hot))
        s = e
    return out


def _inert(nlp: Language, piece: str) -> Doc:
    """A Doc for text that is tokenised only, as one sentence with a placeholder tree: no tags, no
    entities, every token hanging from the first; nothing in it can be a cue or a speaker."""
    toks = nlp.make_doc(_clean(piece))
    n = len(toks)
    return Doc(nlp.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks],
               heads=[0] * n, deps=["ROOT"] + ["dep"] * (n - 1))


def parse_selective(nlp: Language, text: str, bl: list[Block], spans: list[tuple[int, int]],
                    batch_size: int = 256) -> None:
    """Parse (tagger + parser, no NER) only the sentences that can hold a quote or a cue: those
    overlapping a quoted stretch in `spans` or holding a speech-cue word. The rest of a block is
    tokenised only; a block with nothing to parse keeps doc=None. Entities are added later, only
    where a speaker needs them (see ner_spans)."""
    spans = sorted(spans)
    plan: list[tuple[Block, list[tuple[int, int, bool]]]] = []
    for b in bl:
        ps = pieces(text, b, spans)
        if any(hot for _, _, hot in ps):
            plan.append((b, ps))
    hot_texts = (_clean(text[s:e]) for _, ps in plan for s, e, hot in ps if hot)
    disable = [n for n in ("ner",) if n in nlp.pipe_names]
    docs = iter(nlp.pipe(hot_texts, batch_size=batch_size, disable=disable))
    for b, ps in plan:
        parts = [next(docs) if hot else _inert(nlp, text[s:e]) for s, e, hot in ps]
        b.doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False,
                                                               exclude=["tensor", "user_data", "spans"])


def sentence_at(nlp: Language, text: str, bl: list[Block], pos: int) -> SpacySpan | None:
    """The sentence holding character `pos` (a block left unparsed gets a tokenised-only Doc)."""
    tok = token_at(nlp, text, bl, pos)
    return tok.sent if tok is not None else None


def token_at(nlp: Language, text: str, bl: list[Block], pos: int):
    """The token holding (or last starting before) character `pos`; a block left unparsed gets a
    tokenised-only Doc first."""
    b = block_at(bl, pos)
    if b is None:
        return None
    if b.doc is None:
        b.doc = _inert(nlp, text[b.start:b.end])
    return b.token(pos)


def window(doc: Doc, i: int, j: int, margin: int = 6) -> SpacySpan:
    """Tokens [i, j) with `margin` tokens of context on each side, inside their sentence."""
    sent = doc[i].sent
    return doc[max(sent.start, i - margin):min(sent.end, j + margin)]


def ner_spans(nlp: Language, spans: list[SpacySpan], done: dict | None = None, batch_size: int = 256) -> None:
    """Run the entity recogniser on these stretches alone (overlapping ones merged, none twice:
    `done` remembers them across calls) and add the entities found to their Docs. An entity cut by
    the edge of a stretch (not a sentence edge) is dropped."""
    if "ner" not in nlp.pipe_names or not spans:
        return
    done = {} if done is None else done
    by_doc: dict[int, tuple[Doc, list[tuple[int, int]]]] = {}
    for sp in spans:
        by_doc.setdefault(id(sp.doc), (sp.doc, []))[1].append((sp.start, sp.end))
    todo: list[SpacySpan] = []
    for key, (doc, rs) in by_doc.items():
        seen = done.setdefault(key, [])
        merged: list[list[int]] = []
        for a, z in sorted(rs):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], z)
            else:
                merged.append([a, z])
        for a, z in merged:
            if any(x <= a and z <= y for x, y in seen):
                continue
            seen.append((a, z))
            todo.append(doc[a:z])
    if not todo:
        return
    found: dict[int, tuple[Doc, list[SpacySpan]]] = {}
    for sp, sd in zip(todo, nlp.get_pipe("ner").pipe((sp.as_doc() for sp in todo), batch_size=batch_size), strict=True):
        doc = sp.doc
        ents = found.setdefault(id(doc), (doc, []))[1]
        for e in sd.ents:
            a, z = sp.start + e.start, sp.start + e.end
            if (e.start == 0 and not doc[a].is_sent_start) or (e.end == len(sd) and z < len(doc) and not doc[z].is_sent_start):
                continue
            ents.append(SpacySpan(doc, a, z, label=e.label_))
    for doc, ents in found.values():
        if ents:
            keep = [e for e in doc.ents if not any(e.start < x.end and x.start < e.end for x in ents)]
            doc.set_ents(sorted(keep + ents, key=lambda e: e.start), default="unmodified")


def index_at(bl: list[Block], pos: int) -> int | None:
    """Index of the block holding character `pos` (binary search), or None."""
    lo = bisect_right(bl, pos, key=lambda b: b.end)  # the first block ending after pos
    return lo if lo < len(bl) and bl[lo].start <= pos < bl[lo].end else None


def block_at(bl: list[Block], pos: int) -> Block | None:
    """The block holding character `pos`."""
    k = index_at(bl, pos)
    return None if k is None else bl[k]
