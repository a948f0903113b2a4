"""The spaCy component: nlp.add_pipe("quotes") on a freshly loaded pipeline, found via the entry point."""
from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

import quotes
from quotes.model import ALIASES, DEFAULT_MODEL


def fresh(**config):
    for name in [DEFAULT_MODEL, *ALIASES.get(DEFAULT_MODEL, [])]:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    nlp.add_pipe("quotes", config=config)
    return nlp


@pytest.fixture(scope="module")
def pipeline():
    return fresh()


def test_component_sets_quotes_and_spans(pipeline, seed_text):
    doc = pipeline(seed_text)
    assert doc._.quotes and len(doc.spans["quotes"]) == len(doc._.quotes)
    for q, span in zip(doc._.quotes, doc.spans["quotes"], strict=True):
        assert span.label_ == q.kind
        assert span.start_char <= q.start and q.end <= span.end_char
    names = {s.name for s in doc._.quote_speakers}
    assert "Sergey Lavrov" in names


def test_component_agrees_with_extract(pipeline, seed_text):
    doc = pipeline(seed_text)
    res = quotes.extract(seed_text)
    key = [(q.kind, q.start, q.end, q.speaker_id, q.source_id) for q in res.quotes]
    assert [(q.kind, q.start, q.end, q.speaker_id, q.source_id) for q in doc._.quotes] == key


def test_component_on_empty_and_quoteless_docs(pipeline):
    assert pipeline("")._.quotes == []
    doc = pipeline("The weather was fine.\n\nNobody spoke.")
    assert doc._.quotes == [] and list(doc.spans["quotes"]) == []


def test_component_without_reparse_uses_the_docs_own_parse(seed_text):
    doc = fresh(reparse=False)(seed_text)
    assert doc._.quotes and len(doc.spans["quotes"]) == len(doc._.quotes)


def test_factory_is_found_through_the_entry_point_in_a_new_process():
    # a new interpreter that never imports quotes itself: spaCy must find the factory via the entry point
    code = ("import spacy\n"
            "nlp = spacy.blank('en')\n"
            "nlp.add_pipe('quotes')\n"
            "print(nlp.pipe_names)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['quotes']"
