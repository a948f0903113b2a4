"""The model that judges doubtful quoted phrases (quotes/speech.py): its fit and its plumbing."""
import pytest

from quotes import speech


def test_logistic_fit_separates_what_it_was_shown():
    rows = [{"bias": 1.0, "a": 1.0}] * 20 + [{"bias": 1.0, "b": 1.0}] * 20
    w = speech._logistic(rows, [1] * 20 + [0] * 20)
    assert speech._sigmoid(w, {"bias": 1.0, "a": 1.0}) > 0.8
    assert speech._sigmoid(w, {"bias": 1.0, "b": 1.0}) < 0.2


def test_no_weights_file_keeps_nothing(monkeypatch):
    monkeypatch.setattr(speech, "weights", lambda: {})
    assert speech.probability({"bias": 1.0, "words=6+": 1.0}) == 0.0


def test_shipped_weights_are_read():
    assert speech.weights()["bias"] != 0.0


@pytest.fixture()
def tiny_split(tmp_path):
    """One article in PolNeAR's brat layout: an annotated partial quote and a scare quote."""
    text = ('Trump likened the refugees to a "vicious snake" at the rally. '
            'Mary Hale compared the plan to a "total disaster" on Monday. '
            'The "experts" were not there.\n')
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(text, encoding="utf-8")
    s = text.index("Mary")
    c = text.index("compared")
    q = text.index("the plan")
    ann = (f"T1\tSource {s} {s + 9}\tMary Hale\nT2\tCue {c} {c + 8}\tcompared\n"
           f"T3\tContent {q} {text.index(' on Monday', q)}\tx\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n")
    (tmp_path / "attributions" / "a_ann1.ann").write_text(ann, encoding="utf-8")
    return tmp_path


def test_collect_labels_doubtful_phrases_by_the_annotation(nlp, tiny_split):
    rows, labels = speech.collect(tiny_split)
    # three phrases no speech verb governs; only the one inside an annotated content is speech
    assert len(rows) == 3
    assert labels == [0, 1, 0]
    assert speech.RECORD is None
