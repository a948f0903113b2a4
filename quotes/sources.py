"""Sources: the outlet or document that relays a quote, never the speaker or the speaker's employer.

Patterns: "according to Russian news service TASS" (when someone else speaks), "told Reuters",
"was quoted by the Xinhua news service as saying", "in an interview with CNN", and a photo
credit on a caption line ("| Photo: Reuters-teleSUR").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from . import lexicons
from .attribute import Context, mention_of
from .segment import Block
from .types import Quote, Span

_CREDIT = re.compile(r"(?:Photo|Image|Picture|Video|Source|Credit)s?\s*:\s*([^|\n]{2,80})$", re.I)


@dataclass
class SourceMention:
    """A relaying outlet found for one quote: its name span and its description."""

    span: Span
    name: str
    description: str | None
    type: str = "media"


def _from_token(b: Block, tok: Token) -> SourceMention | None:
    """The outlet named by a noun phrase: 'Russian news service TASS' -> TASS, 'Russian news service'."""
    whole = mention_of(b, tok)
    appos = [c for c in tok.children if c.dep_ == "appos" and c.tag_.startswith("NNP")]
    if appos:
        name = mention_of(b, appos[0])
        if lexicons.is_media(whole.text + " " + name.text):
            return SourceMention(name, name.text, whole.text)
    if not lexicons.is_media(whole.text):
        return None
    hit = lexicons.outlet_in(whole.text)
    if hit:
        s, e = whole.start + hit[0], whole.start + hit[1]
        name = Span(s, e, whole.text[hit[0]:hit[1]])
        rest = (whole.text[:hit[0]] + whole.text[hit[1]:]).strip(" ,")
        rest = re.sub(r"^(the|a|an)\s+", "", rest, flags=re.I)
        return SourceMention(name, name.text, rest or None)
    return SourceMention(whole, whole.text, None)


def _credit(text: str, b: Block) -> SourceMention | None:
    """'Photo: Reuters-teleSUR' at the end of a caption line."""
    m = _CREDIT.search(text, b.start, b.end)
    if not m:
        return None
    s, e = m.span(1)
    hit = lexicons.outlet_in(text[s:e])
    if hit:
        s, e = s + hit[0], s + hit[1]
    else:
        e = s + len(re.split(r"[-/,;]", text[s:e])[0].rstrip())
    return SourceMention(Span(s, e, text[s:e]), text[s:e], "photo credit")


def find_source(text: str, q: Quote) -> SourceMention | None:
    """The relaying source of one quote, or None."""
    ctx: Context | None = q.ctx
    if ctx is None:
        return None
    b, sent = ctx.block, ctx.sent
    spk = ctx.speaker
    for tok in sent:
        # "according to X" when X is not the speaker: X relays the quote
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [g for g in tok.doc[tok.i + 1].children if g.dep_ == "pobj"]
            if objs and objs[0] != spk:
                sm = _from_token(b, objs[0])
                if sm:
                    return sm
        # "quoted by X", "in an interview with X", "told X", "on X's show"
        if tok.dep_ in ("pobj", "dobj", "dative", "agent") and tok != spk:
            head = tok.head
            rel = head.lower_
            cue_like = ctx.cue is not None and (head == ctx.cue or head.head == ctx.cue)
            if (tok.dep_ in ("dobj", "dative") and head.lower_ in {"told", "tell", "tells", "telling"} and cue_like) \
                    or (rel == "by" and head.head.lower_ == "quoted") \
                    or (rel in {"with", "to", "on"} and head.head.lower_ in {"interview", "statement", "told", "said", "spoke", "speaking", "appearance"}):
                sm = _from_token(b, tok)
                if sm:
                    return sm
    return _credit(text, b)
