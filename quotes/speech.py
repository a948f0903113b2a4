"""Is a doubtful quoted stretch someone's words? A small logistic model, fitted on annotated news.

The rules doubt a partial quote that no speech verb governs, and a "direct" quote of three words or
fewer with no speech verb: most are scare quotes, names or headings. Some are not: 'likened the
refugees to a "vicious snake"', 'deemed him "well qualified"'. For those doubtful stretches only, this
model weighs a few features of the quote and its parse (length, case, what governs it, the word before
it, what the rules found) and keeps the ones it judges speech.
Weights: models/speech.json, fitted on PolNeAR train (see models/README.md). Fit it again with:

    python -m quotes.speech ../shared/data/polnear/train
"""
from __future__ import annotations

import json
import math
import sys
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from .detect import RawQuote
from .lexicons import fitted, models_dir

# Keep a doubtful stretch when the model's probability that it is speech is at least this.
THRESHOLD = 0.5
# L2 penalty and passes of the fit; the data is a few hundred stretches, so a plain batch gradient.
L2, EPOCHS, RATE = 1.0, 3000, 0.5
# Recorder the fit sets: every doubtful stretch's features and segments, whatever the decision.
RECORD: list[tuple[dict[str, float], list[tuple[int, int]]]] | None = None

_TAG_GROUPS = {"DT": "det", "IN": "prep", "TO": "prep", "POS": "poss", "PRP$": "poss", "JJ": "adj", "JJS": "adj",
               "JJR": "adj", "NN": "noun", "NNS": "noun", "NNP": "name", "NNPS": "name"}
_DEP_GROUPS = {"dobj": "object", "pobj": "object", "attr": "predicate", "acomp": "predicate", "oprd": "predicate",
               "compound": "modifier", "amod": "modifier", "nmod": "modifier", "nsubj": "subject",
               "nsubjpass": "subject", "appos": "apposition", "conj": "conj"}


def features(q: RawQuote, line: str, inside: list[Token], top: Token, how: str, kind: str) -> dict[str, float]:
    """The features of one doubtful stretch: `line` the text line holding it, `inside` its tokens, `top` the
    one the parse hangs the rest on, `how` what the rules found for it (no cue, a speech verb elsewhere in
    the sentence or paragraph)."""
    n = len(q.text.split())
    f: dict[str, float] = {"bias": 1.0, "words=" + (str(n) if n < 4 else "4-5" if n < 6 else "6+"): 1.0}
    first = next((ch for ch in q.text if ch.isalnum()), "")
    f["upper"] = float(first.isupper())
    f["ends-in-punct"] = float(q.text.rstrip()[-1:] in {".", ",", "!", "?"})
    f["has-verb"] = float(any(t.tag_.startswith("VB") and t.dep_ not in ("aux", "auxpass") for t in inside))
    f["single-marks"] = float(bool(q.single))
    f[f"how={how}"] = 1.0
    f[f"kind={kind}"] = 1.0
    f[f"dep={_DEP_GROUPS.get(top.dep_, 'other')}"] = 1.0
    k = inside[0].i - 1
    while k > 0 and top.doc[k].is_punct:
        k -= 1  # the word before the opening mark
    if k >= 0 and not top.doc[k].is_punct:
        before = top.doc[k]
        f[f"before={_TAG_GROUPS.get(before.tag_, 'verb' if before.tag_.startswith('VB') else 'other')}"] = 1.0
    f["headline-line"] = float(not line.rstrip().endswith((".", "!", "?", '"', "\u201d", ":")))
    return f


@cache
def weights() -> dict[str, float]:
    return fitted("speech.json", "weights")


def probability(f: dict[str, float]) -> float:
    """The model's probability that a stretch with features `f` is speech (0 with no weights file)."""
    w = weights()
    return _sigmoid(w, f) if w else 0.0


def _sigmoid(w: dict[str, float], f: dict[str, float]) -> float:
    return 1 / (1 + math.exp(-sum(w.get(k, 0.0) * v for k, v in f.items())))


def _logistic(rows: list[dict[str, float]], labels: list[int]) -> dict[str, float]:
    """Batch gradient descent on the L2-penalised log loss; bias not penalised."""
    import numpy as np

    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(k, 0.0) for k in names] for r in rows])
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    pen = np.array([0.0 if k == "bias" else L2 for k in names])
    for _ in range(EPOCHS):
        p = 1 / (1 + np.exp(-x @ w))
        w -= RATE * ((x.T @ (p - y)) + pen * w) / len(y)
    return {k: round(float(v), 4) for k, v in zip(names, w, strict=True)}


def collect(split: Path) -> tuple[list[dict[str, float]], list[int]]:
    """Every doubtful stretch on a PolNeAR split: its features, and 1 where the annotation counts it a quote."""
    global RECORD
    from . import evaluate as ev
    from .model import load
    from .pipeline import run

    nlp = load()
    anns = ev.annotation_files(split)
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    try:
        for t in sorted((split / "text").glob("*.txt")):
            if t.stem not in anns:
                continue
            text = t.read_text(encoding="utf-8")
            RECORD = []
            run(nlp, text, doc_id=t.name)
            gold = ev.quoted_spans(text, anns[t.stem])
            for f, segs in RECORD:
                rows.append(f)
                labels.append(int(bool(ev.match(gold, segs))))
    finally:
        RECORD = None
    return rows, labels


def fit(split: Path) -> dict[str, Any]:
    """Fit the weights on a PolNeAR split; the result is what models/speech.json holds."""
    rows, labels = collect(split)
    w = _logistic(rows, labels)
    kept = [lab for r, lab in zip(rows, labels, strict=True) if _sigmoid(w, r) >= THRESHOLD]
    return {"fitted_on": split.name, "stretches": len(rows), "speech": sum(labels),
            "kept_on_fit": len(kept), "kept_speech_on_fit": sum(kept), "threshold": THRESHOLD, "weights": w}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m quotes.speech PATH-TO-POLNEAR-SPLIT")
    from quotes import speech  # the imported module, whose RECORD attribution sees (not this __main__)

    result = speech.fit(Path(sys.argv[1]))
    (models_dir() / "speech.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"fitted on {result['stretches']} stretches ({result['speech']} speech); kept {result['kept_on_fit']}, "
          f"{result['kept_speech_on_fit']} of them speech; wrote {models_dir() / 'speech.json'}", file=sys.stderr)
