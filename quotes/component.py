"""The spaCy component: nlp.add_pipe("quotes") sets doc._.quotes and doc.spans["quotes"].

With `reparse` (the default) the text is analysed by `quotes.extract`'s own pipeline (each line
parsed on its own) using this pipeline's components, so the component finds exactly the quotes
that `quotes.extract` finds; with `reparse=False` it reuses the Doc's own parse instead (no second
parse, but spaCy's parser may glue a headline to the next sentence, so results can differ).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import attribute, detect, resolve, segment, sources
from .types import Entity, Quote

for _ext in ("quotes", "quote_speakers", "quote_sources"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


class QuotesComponent:
    """Finds quotes on a parsed Doc: `match` finds and attributes them, `set_annotations` stores them."""

    def __init__(self, nlp: Language, name: str = "quotes", reparse: bool = True):
        self.nlp = nlp
        self.name = name
        self.reparse = reparse

    def __call__(self, doc: Doc) -> Doc:
        quotes, speakers, srcs = self.match(doc)
        self.set_annotations(doc, quotes, speakers, srcs)
        return doc

    def match(self, doc: Doc) -> tuple[list[Quote], list[Entity], list[Entity]]:
        """The quotes, speakers and sources of the Doc's text."""
        if self.reparse:
            return self._match_reparse(doc)
        return self._match_own_parse(doc)

    def _match_reparse(self, doc: Doc) -> tuple[list[Quote], list[Entity], list[Entity]]:
        # quotes.extract's own pipeline, run with this pipeline's components (this one switched off)
        from .pipeline import run

        with self.nlp.select_pipes(disable=[self.name]):
            res = run(self.nlp, doc.text)
        for q in res.quotes:
            q.ctx = None  # parse context of the block Docs: not kept on the user's Doc
        return res.quotes, res.speakers, res.sources

    def _match_own_parse(self, doc: Doc) -> tuple[list[Quote], list[Entity], list[Entity]]:
        text = doc.text
        bl = segment.blocks(text)
        for b in bl:
            span = doc.char_span(b.start, b.end, alignment_mode="expand")
            b.doc = span.as_doc() if span is not None else None
        bl = [b for b in bl if b.doc is not None]
        raws, _ = detect.detect(text, bl)
        quotes, _ = attribute.attribute(text, bl, raws)
        quotes += attribute.indirect(text, bl, quotes)[0]
        quotes.sort(key=lambda q: (q.start, q.end))
        for n, q in enumerate(quotes, 1):
            q.id = f"q{n}"
        found = {id(q): sm for q in quotes if (sm := sources.find_source(text, q)) is not None}
        speakers, srcs = resolve.resolve(text, bl, quotes, found)
        for q in quotes:
            q.ctx = None
        return quotes, speakers, srcs

    def set_annotations(self, doc: Doc, quotes: list[Quote], speakers: list[Entity] | None = None,
                        srcs: list[Entity] | None = None) -> None:
        doc._.quotes = quotes
        doc._.quote_speakers = speakers or []
        doc._.quote_sources = srcs or []
        spans = []
        for q in quotes:
            sp = doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand")
            if sp is not None:
                spans.append(sp)
        doc.spans["quotes"] = spans


@Language.factory("quotes", default_config={"reparse": True}, requires=["token.dep", "token.tag"],
                  assigns=["doc._.quotes", "doc.spans"])
def make_quotes(nlp: Language, name: str, reparse: bool = True) -> QuotesComponent:
    """Factory registered under the spacy_factories entry point."""
    return QuotesComponent(nlp, name, reparse=reparse)
