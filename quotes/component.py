"""The spaCy component: nlp.add_pipe("quotes") sets doc._.quotes and doc.spans["quotes"]."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import attribute, detect, resolve, segment, sources
from .types import Quote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuotesComponent:
    """Finds quotes on a parsed Doc: `match` finds and attributes them, `set_annotations` stores them."""

    def __init__(self, nlp: Language, name: str = "quotes"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Quote]:
        text = doc.text
        bl = segment.blocks(text)
        for b in bl:
            b.doc = doc.char_span(b.start, b.end, alignment_mode="expand").as_doc()
        raws, _ = detect.detect(text, bl)
        quotes, _ = attribute.attribute(text, bl, raws)
        quotes += attribute.indirect(text, bl, quotes)
        quotes.sort(key=lambda q: (q.start, q.end))
        for n, q in enumerate(quotes, 1):
            q.id = f"q{n}"
        found = {id(q): sm for q in quotes if (sm := sources.find_source(text, q)) is not None}
        resolve.resolve(text, bl, quotes, found)
        return quotes

    def set_annotations(self, doc: Doc, quotes: list[Quote]) -> None:
        doc._.quotes = quotes
        spans = []
        for q in quotes:
            sp = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        doc.spans["quotes"] = spans


@Language.factory("quotes", requires=["token.dep", "token.tag"], assigns=["doc._.quotes", "doc.spans"])
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """Factory registered under the spacy_factories entry point."""
    return QuotesComponent(nlp, name)
