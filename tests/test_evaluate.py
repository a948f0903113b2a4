"""`quotes evaluate` uses the project scorer's definitions: on a few PolNeAR dev documents both give
the same figures for the same predictions."""
import importlib.util
from pathlib import Path

import pytest

from quotes.evaluate import evaluate_gold, evaluate_polnear, match, prf
from quotes.model import load
from quotes.pipeline import run

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize(
    "gold, pred, expected",
    [
        ([(0, 10)], [(0, 10)], {0: 0}),
        ([(0, 10)], [(0, 4)], {}),  # covers less than half of the gold span
        ([(0, 10)], [(0, 6)], {0: 0}),
        ([(0, 10), (20, 30)], [(21, 30), (0, 9)], {0: 1, 1: 0}),
        ([(0, 10)], [(0, 10), (1, 10)], {0: 0}),  # each span used once, largest overlap first
    ],
)
def test_match(gold, pred, expected):
    assert match(gold, pred) == expected


def test_prf():
    assert prf(2, 4, 8) == {"tp": 2, "pred": 4, "gold": 8, "precision": 0.5, "recall": 0.25, "f1": 0.3333}
    assert prf(0, 0, 0)["f1"] == 0.0


@pytest.fixture(scope="module")
def scorer():
    path = SHARED / "tools" / "score.py"
    if not path.exists():
        pytest.skip("shared/tools/score.py is not beside the clone")
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_same_figures_as_the_scorer_on_dev_documents(scorer):
    split = SHARED / "data" / "polnear" / "dev"
    names = sorted(t.stem for t in (split / "text").glob("*.txt"))[:6]
    nlp = load()
    preds = {n: run(nlp, (split / "text" / f"{n}.txt").read_text(encoding="utf-8"), doc_id=f"{n}.txt").to_dict() for n in names}
    theirs = scorer.score_polnear(split, preds, names)
    ours = evaluate_polnear(split, lambda text, name: preds[name], limit=len(names))
    assert ours["counts"]["dq_tp"] > 0
    for k in ("direct_quotes", "attributed_quotes", "speaker_accuracy_on_found", "indirect_precision",
              "indirect_recall_speech", "indirect_recall_all", "indirect_speaker_accuracy_on_found"):
        assert ours[k] == theirs[k], k


def test_seed_answer_key(scorer):
    keys = sorted((SHARED / "seed").glob("*.gold.json"))
    nlp = load()
    res = evaluate_gold(keys, SHARED / "seed", lambda text, name: run(nlp, text, doc_id=name).to_dict())
    assert (res["quote_recall"], res["speaker_accuracy"], res["title_accuracy"], res["source_accuracy"]) == (1.0, 1.0, 1.0, 1.0)
    assert res["spurious_quotes"] == 0
