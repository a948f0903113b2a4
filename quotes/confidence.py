"""Confidence that means something: the probability that a quote's speaker is right, looked up by
how it was attributed (rule, kind of speaker mention, kind of quote) in a table fitted on annotated
news (models/confidence.json, fitted on PolNeAR train). Fit it again with:

    python -m quotes.confidence ../shared/data/polnear/train
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from .attribute import PRONOUNS, RELATIVE
from .lexicons import fitted, models_dir
from .types import Quote

# Pseudo-count pulling a rare key toward its rule's mean: a key seen 5 times is not 100% sure.
PRIOR = 10


def mention_kind(mention: str | None) -> str:
    """pronoun, name or description: the kind of local speaker mention."""
    if not mention:
        return "none"
    first = mention.split()[0]
    if mention.lower() in PRONOUNS | RELATIVE:
        return "pronoun"
    if first[:1].isupper() and first.lower() not in {"the", "a", "an", "this", "that", "these", "those", "some", "many", "one"}:
        return "name"
    return "description"


def key(evidence: str, mention: str | None, kind: str, text: str = "", entity_type: str = "") -> str:
    # short partial quotes (1-3 words) are attributed less reliably than longer ones
    if kind == "partial" and len(text.split()) <= 3:
        kind = "partial-short"
    mk = mention_kind(mention)
    if mk == "name":
        mk += "-person" if entity_type == "person" else "-other"  # a named person is attributed more surely
    return f"{evidence}|{mk}|{kind}"


def rule_key(k: str) -> str:
    """The key of a key's rule and kind of quote, any mention: 'colon|*|direct'."""
    evidence, _, kind = k.split("|")
    return f"{evidence}|*|{kind}"


@cache
def table() -> dict[str, float]:
    return fitted("confidence.json", "table")


def assign(q: Quote, entity_type: str = "") -> None:
    """Set q.confidence from the fitted table; rules' own figures stand where the table has no entry."""
    if q.speaker_id is None:
        q.confidence = min(q.confidence, 0.2)
        return
    t = table()
    k = key(q.evidence, q.speaker.text if q.speaker else None, q.kind, q.text, entity_type)
    if k in t:
        q.confidence = t[k]
    elif rule_key(k) in t:
        q.confidence = t[rule_key(k)]
    if "unresolved" in q.evidence:
        q.confidence = min(q.confidence, 0.5)  # a pronoun nobody was found for: a lead, not an answer


def fit(split: Path) -> dict[str, Any]:
    """Speaker accuracy per key on a PolNeAR split, smoothed toward each rule's mean."""
    from . import evaluate as ev
    from .model import load
    from .pipeline import run

    nlp = load()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    anns = ev.annotation_files(split)
    for t in sorted((split / "text").glob("*.txt")):
        if t.stem not in anns:
            continue
        text = t.read_text(encoding="utf-8")
        doc = run(nlp, text, doc_id=t.name).to_dict()
        for unit, ok in ev.speaker_outcomes(text, anns[t.stem], doc):
            q = unit["quote"]
            men = (q.get("speaker") or {}).get("mention", {}).get("text")
            k = key(q["evidence"], men, q["kind"], q["text"], (unit["entity"] or {}).get("type", ""))
            for kk in (k, rule_key(k), "*"):
                counts[kk][0] += ok
                counts[kk][1] += 1
    out = {}
    g0, n0 = counts.pop("*")
    for k, (good, n) in counts.items():
        # each key is pulled toward its rule's rate, and each rule's rate toward the overall rate
        rg, rn = counts[rule_key(k)]
        rule_rate = (rg + PRIOR * g0 / n0) / (rn + PRIOR)
        out[k] = round((good + PRIOR * rule_rate) / (n + PRIOR), 3)
    return {"fitted_on": str(split.name), "quotes": sum(n for k, (_, n) in counts.items() if "|*|" in k),
            "counts": {k: v for k, v in sorted(counts.items())}, "table": dict(sorted(out.items()))}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m quotes.confidence PATH-TO-POLNEAR-SPLIT")
    result = fit(Path(sys.argv[1]))
    (models_dir() / "confidence.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"fitted on {result['quotes']} quotes; wrote {models_dir() / 'confidence.json'}", file=sys.stderr)
