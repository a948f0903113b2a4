"""The whole pipeline for one text: segment -> detect -> parse -> attribute -> sources -> resolve.

Detection reads characters only, so it runs first and tells what to parse: only the sentences
where a quote opens or closes or a speech cue stands get the tagger and parser, and the entity
recogniser runs afterwards only where the resolver reads entities (QUOTES_SELECTIVE=0 parses
every block with every component instead). Very long texts go through in sections.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_left

from spacy.language import Language

from . import attribute, detect, lexicons, model, resolve, segment, sources
from .types import Entity, Quote, Result, Span, Warning

# Parse only what can hold a quote, a cue or a speaker (QUOTES_SELECTIVE=0: parse everything).
SELECTIVE = os.environ.get("QUOTES_SELECTIVE", "1") != "0"


def quoted_stretches(raws) -> list[tuple[int, int]]:
    """Character ranges of every quoted segment, its marks included."""
    out = []
    for q in raws:
        for seg, o, c in zip(q.segments, q.opens, q.closes, strict=False):
            out.append((min(o, seg.start), max(c + 1, seg.end)))
    return out


def _intro_lines(text: str, bl: list[segment.Block], raws) -> list[tuple[int, int]]:
    """The end of a line right before a quoted paragraph (ending in a colon, "He then listed them:", or
    quoting no one, whose last sentence's subject may be the speaker), and a
    signature line right after one ("- President Obama"): the attribution stage reads its speaker there, so
    it must be parsed even with no cue word in it."""
    lines = {k for q in raws if (k := attribute.intro_line(text, bl, q)) is not None}
    lines |= {k for q in raws if (k := attribute.before_line(text, bl, q)) is not None}
    signed = {k for q in raws if (k := attribute.signature_line(text, bl, q)) is not None}
    return sorted([(bl[k].end - 1, bl[k].end) for k in lines] + [(bl[k].start, bl[k].end) for k in signed])


_CAP = r"[A-Z][\w'\u2019.&-]*"
_GLUE = r"(?:of|for|and|the|de|al|da|van|von|der|bin)"
_CAPWORD = re.compile(_CAP)
_PREV_CAP = re.compile(rf"({_CAP})(?:\s+{_GLUE})?\s+$")
_NEXT_CAP = re.compile(rf"\s+(?:{_GLUE}\s+)?({_CAP})")
# Capitalised words that do not start a longer name: sentence openers, determiners, pronouns, prepositions.
_OPENERS = segment.SENTENCE_OPENERS | {"the", "a", "an", "in", "on", "at", "for", "by", "from", "to", "of", "he", "she", "they",
                                       "it", "we", "i", "you", "this", "that", "these", "those", "mr.", "mrs.", "ms.", "dr.",
                                       "mr", "mrs", "ms", "dr"}
_SINGULAR = {"he", "she", "him", "her", "i", "you", "it"}
_HAS_NAME = re.compile(r"\s[A-Z]")


def entity_sentences(nlp: Language, text: str, bl: list[segment.Block], quotes) -> None:
    """Run the entity recogniser only where the resolver can use entities: the sentence of each named
    speaker, the places where a longer form of a speaker's name may stand, and, for 'he' / 'she',
    the sentences before it back to the nearest person named (within the resolver's window)."""
    done: dict = {}
    spans = []
    for q in quotes:
        tok = q.ctx.speaker if q.ctx is not None else None
        if tok is None or tok.lower_ in attribute.PRONOUNS:
            continue
        i, j = attribute.np_span(tok)
        if any(t.text[:1].isupper() for t in tok.doc[i:j]):
            spans.append(segment.window(tok.doc, i, j))
    for pos in name_positions(text, quotes):
        if (t := segment.token_at(nlp, text, bl, pos)) is not None:
            spans.append(segment.window(t.doc, t.i, t.i + 1))
    segment.ner_spans(nlp, spans, done)
    # 'he said': the resolver takes the last person named before it in this paragraph and the eight
    # before; look in this paragraph and the one before first, then further back if none is found.
    # a person speaking earlier is the resolver's choice unless a person is named after it: look no further back
    anchors = sorted((q.start, id(q)) for q in quotes if q.ctx is not None and q.ctx.speaker is not None
                     and (q.ctx.speaker.ent_type_ == "PERSON" or q.ctx.speaker.lower_ in {"he", "she"}))
    pending = []
    for q in quotes:
        tok = q.ctx.speaker if q.ctx is not None else None
        if tok is not None and tok.lower_ in _SINGULAR and q.speaker is not None:
            k = segment.index_at(bl, q.speaker.start)
            if k is not None:
                pos = q.speaker.start
                a = bisect_left(anchors, (pos, -1)) - 1
                while a >= 0 and anchors[a][1] == id(q):
                    a -= 1
                lower = anchors[a][0] if a >= 0 else -1
                pending.append((pos, k, lower))
    for near, far in ((0, 1), (2, 3), (4, 8)):  # out to the resolver's window of 8 paragraphs
        spans = []
        for pos, k, lower in pending:
            for kk in range(k - near, max(-1, k - far - 1), -1):
                blk = bl[kk]
                if blk.end <= lower:
                    break
                if blk.doc is None:
                    segment.token_at(nlp, text, bl, blk.start)
                spans += [s for s in blk.doc.sents if blk.start + s.start_char < pos and blk.start + s.end_char > lower
                          and _HAS_NAME.search(text, blk.start + s.start_char, blk.start + s.end_char)]
        segment.ner_spans(nlp, spans, done)
        pending = [(pos, k, lower) for pos, k, lower in pending
                   if k - far > 0 and bl[k - far].start > lower
                   and not any(e.label_ == "PERSON" and bl[kk].start + e.start_char < pos
                               for kk in range(max(0, k - far), k + 1) if bl[kk].doc is not None for e in bl[kk].doc.ents)]
        if not pending:
            break


def name_positions(text: str, quotes) -> list[int]:
    """Where a longer form of a speaker's name may stand: occurrences of a capitalised word of a
    speaker mention next to another capitalised word ("Kerry" in "John Kerry"), at most two per form."""
    words = {w.removesuffix("'s").removesuffix("\u2019s").rstrip(".") for q in quotes if q.speaker is not None
             for w in _CAPWORD.findall(q.speaker.text)}
    words = {w for w in words if len(w) >= 2 and w.lower() not in _OPENERS}
    titles = lexicons.title_words()
    out = []
    seen: dict[tuple[str, str, str], int] = {}
    for m in _CAPWORD.finditer(text):  # one pass over the text, whatever the number of speakers
        tok = m.group()
        w = next((f for f in (tok, tok.removesuffix("'s").removesuffix("\u2019s"), tok.rstrip("."), tok.split("-")[0])
                  if f in words), None)
        if w is None or (m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")):
            continue
        p = _PREV_CAP.search(text, max(0, m.start() - 40), m.start())
        n = _NEXT_CAP.match(text, m.start() + len(w))
        pw = p.group(1) if p and p.group(1).lower() not in _OPENERS and p.group(1).lower().rstrip(".") not in titles else ""
        nw = n.group(1) if n else ""
        if not (pw or nw):
            continue
        key = (pw, w, nw)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= 2:
            out.append(m.start())
    return out


# Texts longer than LONG characters (far longer than any news article) are analysed in sections of
# about SECTION characters, cut between paragraphs, so that time stays linear in the length: the
# later stages compare quotes and names across a whole text (0: never cut).
LONG = int(os.environ.get("QUOTES_LONG", "100000"))
SECTION = int(os.environ.get("QUOTES_SECTION", "10000"))


def run(nlp: Language, text: str, doc_id: str = "-", include_text: bool = False) -> Result:
    """Extract quotes, speakers and sources from `text` with a loaded spaCy pipeline."""
    if LONG and SECTION and len(text) > max(LONG, 2 * SECTION):
        quotes, speakers, srcs, warnings = _run_sections(nlp, text)
    else:
        quotes, speakers, srcs, warnings = _analyse(nlp, text)
    return Result(text=text, quotes=quotes, speakers=speakers, sources=srcs, warnings=warnings,
                  id=doc_id, model=model.describe(nlp), include_text=include_text)


def _analyse(nlp: Language, text: str):
    """quotes, speakers, sources and warnings of one text."""
    bl = segment.blocks(text)
    raws, warnings = detect.detect(text, bl)  # text only: tells what needs parsing
    selective = SELECTIVE and "parser" in nlp.pipe_names
    if selective:
        segment.parse_selective(nlp, text, bl, quoted_stretches(raws) + _intro_lines(text, bl, raws))
    else:
        segment.parse(nlp, text, bl)
    quotes, more = attribute.attribute(text, bl, raws)
    warnings += more
    found_ind, more = attribute.indirect(text, bl, quotes, raws)
    quotes += found_ind
    warnings += more
    if selective:
        entity_sentences(nlp, text, bl, quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    for n, q in enumerate(quotes, 1):
        q.id = f"q{n}"
    found = {id(q): sm for q in quotes if (sm := sources.find_source(text, q)) is not None}
    speakers, srcs = resolve.resolve(text, bl, quotes, found)
    warnings += [Warning("unresolved-pronoun", f"speaker {q.speaker.text!r} names nobody found before it", q.speaker.start, q.speaker.end)
                 for q in quotes if q.speaker is not None and "unresolved" in q.evidence]
    warnings.sort(key=lambda w: (w.start if w.start is not None else -1, w.code))
    return quotes, speakers, srcs, warnings


def sections(text: str, size: int) -> list[tuple[int, int]]:
    """Cuts of `text` into stretches of about `size` characters, at a paragraph break (a blank line if
    one is near, else a line end) that does not open a quote running on from the paragraph before."""
    out, s, n = [], 0, len(text)
    while n - s > 2 * size:
        cut = -1
        for sep in ("\n\n", "\n"):
            j = text.find(sep, s + size, s + 2 * size)
            while j != -1:
                k = j + len(sep)
                while k < n and text[k].isspace():
                    k += 1
                if k < n and text[k] not in "\"\u201c\u201e\u00ab'\u2018":
                    cut = k
                    break
                j = text.find(sep, k, s + 2 * size)
            if cut != -1:
                break
        if cut == -1:
            break
        out.append((s, cut))
        s = cut
    out.append((s, n))
    return out


def _shift(sp, off: int):
    return None if sp is None else Span(sp.start + off, sp.end + off, sp.text)


def _run_sections(nlp: Language, text: str):
    """The pipeline section by section; quotes, entities and warnings merged with absolute offsets.
    Speakers and sources with the same name in several sections are one entity."""
    quotes: list[Quote] = []
    warnings: list[Warning] = []
    merged: dict[str, dict[str, Entity]] = {"s": {}, "m": {}}
    for s, e in sections(text, SECTION):
        qs, spk, src, ws = _analyse(nlp, text[s:e])
        qid = {}
        for q in qs:
            q.segments = [_shift(x, s) for x in q.segments]
            q.cue, q.speaker, q.source = _shift(q.cue, s), _shift(q.speaker, s), _shift(q.source, s)
            q.ctx = None  # the section's Docs can go
            qid[q.id] = q.id = f"q{len(quotes) + 1}"
            quotes.append(q)
        for prefix, ents, attr in (("s", spk, "speaker_id"), ("m", src, "source_id")):
            table = merged[prefix]
            new_id = {}
            for ent in ents:
                key = ent.name.lower()
                tgt = table.get(key)
                if tgt is None and prefix == "s" and " " not in key:
                    # a surname alone: the fuller name of an earlier section ("Lavrov" -> "Sergey Lavrov")
                    tgt = next((t for k, t in reversed(table.items()) if " " in k and key in (k.split()[0], k.split()[-1])
                                and t.type == "person"), None)
                if tgt is None:
                    tgt = table[key] = Entity(id=f"{prefix}{len(table) + 1}", name=ent.name, type=ent.type, title=ent.title,
                                              description=ent.description, anonymous=ent.anonymous)
                tgt.title, tgt.description = tgt.title or ent.title, tgt.description or ent.description
                if tgt.type == "unknown":
                    tgt.type = ent.type
                tgt.mentions += [_shift(m, s) for m in ent.mentions]
                tgt.quotes += [qid[x] for x in ent.quotes if x in qid]
                new_id[ent.id] = tgt.id
            for q in qs:
                if getattr(q, attr) is not None:
                    setattr(q, attr, new_id.get(getattr(q, attr)))
        warnings += [Warning(w.code, w.message, None if w.start is None else w.start + s, None if w.end is None else w.end + s)
                     for w in ws]
    return quotes, list(merged["s"].values()), list(merged["m"].values()), warnings


def extract(text: str, *, model_name: str | None = None, doc_id: str = "-", include_text: bool = False) -> Result:
    """Load (once) the named spaCy model and run the pipeline."""
    if not isinstance(text, str):
        raise TypeError(f"extract() wants a str, not {type(text).__name__}")
    return run(model.load(model_name), text, doc_id=doc_id, include_text=include_text)
