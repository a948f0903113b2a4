"""The whole pipeline for one text: segment -> detect -> attribute -> sources -> resolve."""
from __future__ import annotations

from spacy.language import Language

from . import attribute, detect, model, resolve, segment, sources
from .types import Result


def run(nlp: Language, text: str, doc_id: str = "-", include_text: bool = False) -> Result:
    """Extract quotes, speakers and sources from `text` with a loaded spaCy pipeline."""
    bl = segment.blocks(text)
    segment.parse(nlp, text, bl)
    raws, warnings = detect.detect(text, bl)
    quotes, more = attribute.attribute(text, bl, raws)
    warnings += more
    quotes += attribute.indirect(text, bl, quotes)
    quotes.sort(key=lambda q: (q.start, q.end))
    for n, q in enumerate(quotes, 1):
        q.id = f"q{n}"
    found = {id(q): sm for q in quotes if (sm := sources.find_source(text, q)) is not None}
    speakers, srcs = resolve.resolve(text, bl, quotes, found)
    warnings.sort(key=lambda w: (w.start if w.start is not None else -1, w.code))
    return Result(text=text, quotes=quotes, speakers=speakers, sources=srcs, warnings=warnings,
                  id=doc_id, model=model.describe(nlp), include_text=include_text)


def extract(text: str, *, model_name: str | None = None, doc_id: str = "-", include_text: bool = False) -> Result:
    """Load (once) the named spaCy model and run the pipeline."""
    if not isinstance(text, str):
        raise TypeError(f"extract() wants a str, not {type(text).__name__}")
    return run(model.load(model_name), text, doc_id=doc_id, include_text=include_text)
