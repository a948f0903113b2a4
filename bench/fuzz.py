"""Fuzz quotes.extract with generated and mutated news-like text; check the output contract's invariants.

    python bench/fuzz.py                 # 10,000 inputs, seed 0
    python bench/fuzz.py -n 500 --seed 7 --failures failures.jsonl

Uses the generators and the invariant checker of tests/test_properties.py (spans slice to their
text, quotes in order, segments disjoint, ids resolve, schema-valid, same output twice). The
model is loaded once. Prints counts of inputs, failures and time; exits 1 if anything failed.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import test_properties as tp  # noqa: E402

import quotes  # noqa: E402
from quotes import model  # noqa: E402


def soup(r: random.Random) -> str:
    """Words, names, verbs, marks and odd characters in any order."""
    parts = [r.choice([r.choice(tp.WORDS), r.choice(tp.NAMES), r.choice(tp.VERBS), r.choice(tp.MARKS), r.choice(tp.ODD),
                       r.choice(tp.SEPS)]) for _ in range(r.randint(0, 60))]
    return (" " if r.random() < 0.6 else "").join(parts)


def make_input(seed: int, i: int) -> str:
    """Input number i: a generated document (60%), a mutated one (30%) or a token soup (10%)."""
    r = random.Random(seed * 1_000_003 + i)
    k = r.random()
    if k < 0.6:
        return tp.document(r)
    if k < 0.9:
        return tp.mutate(r, tp.document(r, max_paragraphs=4), rounds=r.randint(1, 12))
    return soup(r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of inputs (default 10000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--twice-every", type=int, default=1, metavar="K",
                    help="check determinism (a second run) on every K-th input (default: every input)")
    ap.add_argument("--failures", metavar="FILE", help="write failing inputs here (JSON lines)")
    ap.add_argument("--progress", type=int, default=1000, metavar="K", help="a progress line every K inputs")
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    model.load(None)
    quotes.extract("warm-up: \u201cYes,\u201d he said.")
    load_s = time.monotonic() - t0

    kinds: collections.Counter[str] = collections.Counter()
    failed = exceptions = 0
    chars = n_quotes = 0
    slowest = (0.0, -1)
    out = open(args.failures, "w", encoding="utf-8") if args.failures else None
    t1 = time.monotonic()
    for i in range(args.n):
        text = make_input(args.seed, i)
        chars += len(text)
        ts = time.monotonic()
        try:
            errors = tp.check_extract(text, twice=i % max(1, args.twice_every) == 0)
            n_quotes += len(quotes.extract(text).quotes)  # cached model; cheap next to the checks
        except Exception as exc:  # noqa: BLE001 - the fuzzer records every crash
            exceptions += 1
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            errors = [f"exception {type(exc).__name__}: {str(exc)[:200]} at {Path(tb.filename).name}:{tb.lineno}"]
        dt = time.monotonic() - ts
        slowest = max(slowest, (dt, i))
        if errors:
            failed += 1
            for e in errors:
                kinds[e.split(":")[0] if not e.startswith("exception") else e[:160]] += 1
            if failed <= 10:
                print(f"FAIL input {i}: {errors[:3]}\n  {text[:300]!r}", flush=True)
            if out:
                out.write(json.dumps({"seed": args.seed, "i": i, "text": text, "errors": errors}, ensure_ascii=True) + "\n")  # lone surrogates survive as \\ud800
        if args.progress and (i + 1) % args.progress == 0:
            el = time.monotonic() - t1
            print(f"... {i + 1} inputs, {failed} failures, {el:.0f} s ({(i + 1) / el:.1f} inputs/s)", flush=True)
    if out:
        out.close()
    el = time.monotonic() - t1
    print(f"inputs: {args.n}  failures: {failed}  (exceptions: {exceptions}, invariant violations: {failed - exceptions})")
    print(f"time: {el:.1f} s for the inputs ({args.n / max(el, 1e-9):.1f} inputs/s; model load {load_s:.1f} s); "
          f"{chars} characters, {n_quotes} quotes found; slowest input {slowest[1]} ({slowest[0]:.2f} s)")
    for k, c in kinds.most_common(15):
        print(f"  {c:6d}  {k}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
