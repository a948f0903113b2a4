"""Property-based tests: generated and mutated news-like text through quotes.extract.

For any input: no exception; every span slices to its text; quotes in order with segments that do
not overlap; ids that resolve; the same output for the same input; output valid against the JSON
Schema. The generators and `check` are also used by bench/fuzz.py (>= 10,000 inputs).
"""
from __future__ import annotations

import random
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quotes
from quotes.types import Result, Span

# -- vocabulary -----------------------------------------------------------------------------

NAMES = ["Sergey Lavrov", "Lavrov", "Angela Merkel", "Merkel", "Zeid Ra'ad Al Hussein", "Zeid", "John Kerry", "Kerry",
         "Conor O'Brien", "O\u2019Neill", "Mr. Smith", "Dr. Ana María Pérez", "Li Wei", "Jean-Luc Mélenchon",
         "Ngozi Okonjo-Iweala", "the spokesman", "a senior official", "two diplomats", "police", "the ministry",
         "he", "she", "they", "He", "She", "the U.S. State Department", "Amnesty International", "witnesses"]
TITLES = ["", "", "", "Russian Foreign Minister ", "U.S. Secretary of State ", "German Chancellor ", "Sen. ",
          "U.N. High Commissioner for Human Rights ", "Police Chief ", "Prime Minister ", "spokeswoman "]
VERBS = ["said", "says", "told reporters", "added", "warned", "stated", "claimed", "insisted", "explained", "noted",
         "wrote on Twitter", "replied", "was quoted as saying", "tweeted", "asked", "argued", "declared", "admitted"]
OUTLETS = ["Reuters", "TASS", "the Associated Press", "AFP", "the BBC", "CNN", "Xinhua", "Russian news service TASS",
           "The New York Times", "Al Jazeera"]
WORDS = ("the government will not accept any deal that harms our people and we will continue to work for peace "
         "in the region with all our partners it is unacceptable that civilians are attacked every day "
         "Russia's position U.S. Syria's ceasefire don't can't won't it's ministers' rock 'n' roll the '90s "
         "5'11\" 12\" 3.5% $4bn 2016 #Syria @UN e-mail U.N. Jan. 1 a.m. I'm we're they've").split()
# Quotation-mark pairs in every style, plus mismatched and half pairs.
PAIRS = [("\u201c", "\u201d"), ('"', '"'), ("\u2018", "\u2019"), ("'", "'"), ("\u00ab", "\u00bb"), ("\u00bb", "\u00ab"),
         ("\u00ab\u00a0", "\u00a0\u00bb"), ("\u2039", "\u203a"), ("\u201e", "\u201c"), ("\u201a", "\u2018"),
         ("\u300c", "\u300d"), ("\u300e", "\u300f"), ("\uff02", "\uff02"), ("\u201d", "\u201d"), ("\u201c", '"'),
         ('"', "\u201d"), ("\u201c", ""), ("", "\u201d"), ("``", "''"), ("\u2018", "'")]
INNER = [("\u2018", "\u2019"), ("'", "'"), ("\u201c", "\u201d"), ("\u2039", "\u203a"), ("\u201a", "\u2018"), ("\u300e", "\u300f"),
         ("\u00ab", "\u00bb")]
MARKS = "\"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f\uff02`\u2032\u2033"
ODD = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u00a0", "\u200b", "\u200d", "\u2028", "\u2029",
       "\u202e", "\ufeff", "\ufffd", "\u0301", "\U0001f600", "\U0001f1f7\U0001f1fa", "\u3000", "\t", "\r", "\r\n", "\n\n",
       "\u2014", "\u2026", "...", " - ", ": ", "|", "\u2022 ", "\ud800"]
SEPS = ["\n", "\n\n", "\r\n", "\r\n\r\n", " ", "\n \n", "\u2029", "\n\t"]


# -- generators (driven by any random.Random, so hypothesis and bench/fuzz.py share them) ---

def _clause(r: random.Random, lo: int = 3, hi: int = 14) -> str:
    words = [r.choice(WORDS) for _ in range(r.randint(lo, hi))]
    s = " ".join(words)
    return s[:1].upper() + s[1:] if r.random() < 0.8 else s


def _speaker(r: random.Random) -> str:
    name = r.choice(NAMES)
    if name[0].isupper() and name not in ("He", "She") and r.random() < 0.4:
        name = r.choice(TITLES) + name
    if r.random() < 0.15:
        name += ", a " + r.choice(["spokesman for the ministry", "Jordanian prince", "former diplomat"]) + ","
    return name


def _quoted(r: random.Random, body: str) -> str:
    o, c = r.choice(PAIRS)
    if r.random() < 0.2:  # a quote inside the quote
        io, ic = r.choice(INNER)
        words = body.split(" ")
        k = r.randint(0, len(words))
        words.insert(k, io + _clause(r, 1, 4) + ic)
        body = " ".join(words)
    return o + body + c


def sentence(r: random.Random) -> str:
    """One news-like sentence: a direct, partial, interrupted, nested or indirect quote, or none."""
    spk, verb = _speaker(r), r.choice(VERBS)
    k = r.randrange(12)
    if k == 0:
        return _quoted(r, _clause(r) + ",") + f" {spk} {verb}."
    if k == 1:
        return f"{spk} {verb}: " + _quoted(r, _clause(r) + ".")
    if k == 2:
        return _quoted(r, _clause(r) + ",") + f" {verb} {spk}, " + _quoted(r, _clause(r).lower() + ".")
    if k == 3:
        return f"{spk} {verb} that {_clause(r).lower()}."
    if k == 4:
        return f"According to {r.choice(OUTLETS)}, {_clause(r).lower()}."
    if k == 5:
        return f"{spk} told {r.choice(OUTLETS)} the plan was " + _quoted(r, _clause(r, 1, 3)) + "."
    if k == 6:
        return _quoted(r, _clause(r) + ",") + f" {spk} {verb}, according to {r.choice(OUTLETS)}."
    if k == 7:
        return _quoted(r, _clause(r, 2, 5)) + ": " + _speaker(r)  # headline style
    if k == 8:
        return _clause(r) + " | Photo: " + r.choice(OUTLETS)  # caption with a credit
    if k == 9:
        return f"{spk} {verb} the deal was " + _quoted(r, _clause(r, 1, 4).lower()) + f", adding that {_clause(r).lower()}."
    if k == 10:
        return _clause(r) + "."
    return f"{spk} {verb} {_clause(r).lower()}" + r.choice([".", "!", "?", "", "..."])


def document(r: random.Random, max_paragraphs: int = 6) -> str:
    """Paragraphs of sentences; sometimes a quote running over paragraphs (reopened, closed at the end)."""
    paras = []
    for _ in range(r.randint(1, max_paragraphs)):
        if r.random() < 0.1:
            o, c = r.choice(PAIRS[:5])
            n = r.randint(2, 3)
            paras += [o + _clause(r) + "." + (c if i == n - 1 else "") for i in range(n)]
            continue
        paras.append(" ".join(sentence(r) for _ in range(r.randint(1, 3))))
    text = paras[0]
    for p in paras[1:]:
        text += r.choice(SEPS) + p
    if r.random() < 0.2:
        text = r.choice(["", " ", "\n", "\ufeff", "  \u2022 "]) + text + r.choice(["", "\n", " ", "\n\n", "\x00"])
    return text


def mutate(r: random.Random, text: str, rounds: int | None = None) -> str:
    """Hostile edits: insert, delete, swap or duplicate characters, marks and odd code points."""
    for _ in range(r.randint(1, 6) if rounds is None else rounds):
        n = len(text)
        i = r.randint(0, n)
        k = r.randrange(9)
        if k == 0:
            text = text[:i] + r.choice(MARKS) + text[i:]
        elif k == 1:
            text = text[:i] + r.choice(ODD) + text[i:]
        elif k == 2 and n:
            j = min(n, i + r.randint(1, 20))
            text = text[:i] + text[j:]
        elif k == 3 and n:
            j = min(n, i + r.randint(1, 40))
            text = text[:j] + text[i:j] + text[j:]
        elif k == 4:
            marks = [m for m in range(n) if text[m] in MARKS]
            if marks:
                m = r.choice(marks)
                text = text[:m] + r.choice(MARKS) + text[m + 1:]
        elif k == 5:
            text = text[:i] + r.choice(MARKS) * r.randint(2, 30) + text[i:]
        elif k == 6:
            text = text[:i] + chr(r.choice([r.randint(0x20, 0x2FF), r.randint(0x370, 0x4FF), r.randint(0x600, 0x6FF),
                                            r.randint(0x2000, 0x206F), r.randint(0x3000, 0x30FF),
                                            r.randint(0x4E00, 0x4FFF), r.randint(0x1F300, 0x1F6FF)])) + text[i:]
        elif k == 7:
            text = text[:i] + r.choice(SEPS) + text[i:]
        elif n:
            text = text[:i].upper() + text[i:] if r.random() < 0.5 else text.replace(" ", r.choice(["\u00a0", "  ", "\t"]), 3)
    return text


def news_text(r: random.Random) -> str:
    """A generated document, mutated half of the time."""
    text = document(r)
    return mutate(r, text) if r.random() < 0.5 else text


# -- invariants -------------------------------------------------------------------------------

@cache
def _validator():
    import jsonschema

    schema = quotes.json_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _span_ok(text: str, sp: Span | dict | None, what: str, errors: list[str]) -> None:
    if sp is None:
        return
    s, e, t = (sp.start, sp.end, sp.text) if isinstance(sp, Span) else (sp["start"], sp["end"], sp["text"])
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
        errors.append(f"{what}: bad offsets {s}..{e} (length {len(text)})")
    elif text[s:e] != t:
        errors.append(f"{what}: text[{s}:{e}] == {text[s:e]!r} != {t!r}")


def check(text: str, res: Result, d: dict[str, Any] | None = None) -> list[str]:
    """Every invariant of the output contract for `res` = extract(text); the list of violations."""
    errors: list[str] = []
    d = res.to_dict() if d is None else d
    for err in _validator().iter_errors(d):
        errors.append(f"schema: {err.message[:200]} at {'/'.join(map(str, err.absolute_path))}")
    if d["document"]["length"] != len(text):
        errors.append("document.length != len(text)")
    if "text" in d["document"] and d["document"]["text"] != text:
        errors.append("document.text is not the analysed text")
    # quotes: spans, order, no overlap, text = segments joined
    prev_start, last_end = -1, -1
    qids = [q["id"] for q in d["quotes"]]
    if qids != [f"q{n}" for n in range(1, len(qids) + 1)]:
        errors.append(f"quote ids not q1..qN in order: {qids[:10]}")
    segs = []
    for q, qd in zip(res.quotes, d["quotes"], strict=True):
        if not q.segments:
            errors.append(f"{q.id}: no segments")
            continue
        for n, s in enumerate(q.segments):
            _span_ok(text, s, f"{q.id}.segments[{n}]", errors)
            if s.start >= s.end:
                errors.append(f"{q.id}.segments[{n}]: empty segment")
            segs.append((s.start, s.end, q.id))
        if qd["text"] != " ".join(s.text for s in q.segments):
            errors.append(f"{q.id}: text is not its segments joined by a space")
        if [(s["start"], s["end"]) for s in qd["segments"]] != [(s.start, s.end) for s in q.segments]:
            errors.append(f"{q.id}: serialised segments differ")
        for a, b in zip(q.segments, q.segments[1:], strict=False):
            if b.start < a.end:
                errors.append(f"{q.id}: segments out of order or overlapping")
        if q.start < prev_start:
            errors.append(f"{q.id}: quotes not in order of their first segment")
        prev_start = q.start
        _span_ok(text, qd["cue"], f"{q.id}.cue", errors)
        for role in ("speaker", "source"):
            if qd[role] is not None:
                _span_ok(text, qd[role]["mention"], f"{q.id}.{role}.mention", errors)
    segs.sort()
    for (s1, e1, q1), (s2, e2, q2) in zip(segs, segs[1:], strict=False):
        if s2 < e1:
            errors.append(f"segments overlap: {q1} {s1}..{e1} and {q2} {s2}..{e2}")
    del last_end
    # entities: mentions slice, ids exist both ways
    for key, prefix, role in (("speakers", "s", "speaker"), ("sources", "m", "source")):
        ents = {e["id"]: e for e in d[key]}
        if len(ents) != len(d[key]):
            errors.append(f"{key}: duplicate ids")
        for e in d[key]:
            if not e["id"].startswith(prefix):
                errors.append(f"{key}: id {e['id']!r}")
            for n, m in enumerate(e["mentions"]):
                _span_ok(text, m, f"{e['id']}.mentions[{n}]", errors)
            for qid in e["quotes"]:
                if qid not in qids:
                    errors.append(f"{e['id']}.quotes names unknown quote {qid}")
                else:
                    ref = d["quotes"][qids.index(qid)][role]
                    if ref is None or ref["id"] != e["id"]:
                        errors.append(f"{e['id']}.quotes lists {qid}, which does not name it")
        for qd in d["quotes"]:
            ref = qd[role]
            if ref is not None:
                if ref["id"] not in ents:
                    errors.append(f"{qd['id']}.{role}.id {ref['id']!r} not in {key}")
                elif qd["id"] not in ents[ref["id"]]["quotes"]:
                    errors.append(f"{qd['id']}.{role}: {ref['id']} does not list the quote")
    for n, w in enumerate(d["warnings"]):
        s, e = w.get("start"), w.get("end")
        if s is not None or e is not None:
            if s is None or e is None or not (0 <= s <= e <= len(text)):
                errors.append(f"warnings[{n}] ({w['code']}): bad offsets {s}..{e}")
        if "\n" in w["message"]:
            errors.append(f"warnings[{n}] ({w['code']}): message is not one line")
    return errors


def check_extract(text: str, twice: bool = True) -> list[str]:
    """extract(text) (twice: the output must be the same) and its invariant violations."""
    res = quotes.extract(text, include_text=True)
    d = res.to_dict()
    errors = check(text, res, d)
    if twice and quotes.extract(text, include_text=True).to_dict() != d:
        errors.append("not deterministic: a second run gave a different output")
    return errors


# -- the properties ---------------------------------------------------------------------------

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def _model():
    from quotes import model

    model.load(None)  # what quotes.extract uses, loaded once before the timed examples


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_generated_news(r):
    text = document(r)
    assert check_extract(text) == [], text


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_mutated_news(r):
    text = mutate(r, document(r, max_paragraphs=4))
    assert check_extract(text) == [], text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(WORDS + NAMES + VERBS), st.sampled_from(list(MARKS)), st.sampled_from(ODD),
                          st.text(max_size=5), st.just(" "), st.just("\n")), max_size=60))
def test_token_soup(parts):
    text = " ".join(parts) if len(parts) % 2 else "".join(parts)
    assert check_extract(text) == [], text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text(text):
    assert check_extract(text, twice=False) == [], text


def test_same_output_across_processes(tmp_path):
    """Ids and order do not depend on hash randomisation: two processes with different PYTHONHASHSEED agree."""
    import json
    import os
    import subprocess
    import sys

    docs = [mutate(random.Random(n), document(random.Random(n))) if n % 2 else document(random.Random(n)) for n in range(40)]
    src = tmp_path / "docs.json"
    src.write_text(json.dumps(docs), encoding="utf-8")
    code = ("import json, sys, quotes; docs = json.load(open(sys.argv[1], encoding='utf-8')); "
            "print(json.dumps([quotes.extract(t).to_dict() for t in docs], sort_keys=True))")
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code, str(src)], capture_output=True, text=True, env=env, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]
        outs.append(run.stdout)
    assert outs[0] == outs[1]
