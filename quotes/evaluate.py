"""`quotes evaluate`: score the extractor on annotated data, with the definitions of the project's
scorer (shared/tools/score.py): PolNeAR brat folders (text/*.txt + attributions/*.ann) and JSON
answer keys shaped like the seed's *.gold.json.

Matching: a predicted segment and a gold span match when their overlap covers at least half of
each; pairs are taken greedily, largest overlap first.
"""
from __future__ import annotations

import json
import re
import unicodedata
from itertools import pairwise
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
# The scorer's list of speech cues: indirect recall is measured over attributions cued by these.
SPEECH_CUES = set("""said says say saying told tell tells telling added adds according stated states state announced
announces declared explained noted wrote writes argued argues claimed claims asked asks insisted warned warns replied
responded acknowledged admitted denied confirmed suggested urged continued recalled predicted promised vowed pledged
called described tweeted reported reports quoted testified conceded boasted complained remarked observed commented
emphasized stressed maintained contended countered joked shouted declined accused criticized praised blamed""".split())
QUOTE_RE = re.compile(r"([\"\u201c\u201e\u00ab])(.+?)([\"\u201d\u00bb]|\n|$)", re.S)
BUCKETS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.01)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in MARKS):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in MARKS):
        e -= 1
    return s, e


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """{gold index: pred index} for mutual-majority overlaps, largest first."""
    cands = sorted(((o, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                    if (o := _overlap(g, p)) and o * 2 >= g[1] - g[0] and o * 2 >= p[1] - p[0]), reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = {}
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out[gi] = pi
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": n_pred, "gold": n_gold, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def norm(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).replace("\u2019", "'").lower()
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    return re.sub(r"[^\w' ]+", "", re.sub(r"\s+", " ", s)).strip()


def _units(doc: dict[str, Any], text: str, kinds: set[str]) -> list[dict[str, Any]]:
    speakers = {s["id"]: s for s in doc.get("speakers", [])}
    sources = {s["id"]: s for s in doc.get("sources", [])}
    out = []
    for q in doc.get("quotes", []):
        if q["kind"] not in kinds:
            continue
        sp, so = q.get("speaker"), q.get("source")
        for seg in q["segments"]:
            if 0 <= seg["start"] <= seg["end"] <= len(text):
                out.append({"span": (seg["start"], seg["end"]), "quote": q, "speaker": sp,
                            "entity": speakers.get(sp["id"]) if sp else None, "source": sources.get(so["id"]) if so else None})
    return out


def _parse_ann(path: Path) -> tuple[dict, list]:
    ents, rels = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^T\d+\t", line):
            tid, mid, _ = (line.split("\t", 2) + [""])[:3]
            typ, spans = mid.split(" ", 1)
            ents[tid] = (typ, [tuple(map(int, s.split())) for s in spans.split(";")])
        elif re.match(r"^E\d+\t", line):
            rels.append(dict(p.split(":", 1) for p in line.split("\t")[1].split()))
    return ents, rels


def _speaker_ok(text: str, u: dict[str, Any], src: list[tuple[int, int]]) -> bool:
    if not u["speaker"]:
        return False
    spans = []
    men = u["speaker"].get("mention") or {}
    if "start" in men:
        spans.append((men["start"], men["end"]))
    spans += [(m["start"], m["end"]) for m in (u["entity"] or {}).get("mentions", [])]
    if any(_overlap(s, g) for s in spans for g in src):
        return True
    gtext = norm(" ".join(text[a:b] for a, b in src))
    ename = norm((u["entity"] or {}).get("name"))
    head = ename.split()[-1] if ename else ""
    return len(head) > 2 and re.search(rf"\b{re.escape(head)}\b", gtext) is not None


def quoted_spans(text: str, ann: Path) -> list[tuple[int, int]]:
    """The quoted stretches PolNeAR counts as direct quotes: those inside an attribution's content."""
    return _gold(text, ann)["dq"]


def _gold(text: str, ann: Path) -> dict[str, list]:
    """The gold units of one PolNeAR document: quoted stretches and indirect contents with their sources."""
    ents, rels = _parse_ann(ann)
    g: dict[str, list] = {k: [] for k in ("dq", "dq_src", "ind", "ind_src", "ind_speech", "content")}
    for r in rels:
        cont = ents.get(r.get("Content", ""), (None, []))[1]
        src = ents.get(r.get("Source", ""), (None, []))[1] if r.get("Source") else []
        cue = " ".join(text[a:b] for a, b in ents.get(r.get("Cue", ""), (None, []))[1]).lower()
        g["content"] += [_strip(text, a, b) for a, b in cont]
        qu = [_strip(text, s + m.start(2), s + m.end(2)) for s, e in cont for m in QUOTE_RE.finditer(text[s:e])]
        qu = [u for u in qu if u[1] - u[0] >= 1]
        if qu:
            g["dq"] += qu
            g["dq_src"] += [src] * len(qu)
        elif cont:
            g["ind"].append(_strip(text, min(x for x, _ in cont), max(y for _, y in cont)))
            g["ind_src"].append(src)
            g["ind_speech"].append(any(w in SPEECH_CUES for w in re.findall(r"[a-z]+", cue)))
    return g


def speaker_outcomes(text: str, ann: Path, doc: dict[str, Any]) -> list[tuple[dict[str, Any], bool]]:
    """(predicted unit, speaker right) for each found quote whose gold has a speaker."""
    g = _gold(text, ann)
    units = _units(doc, text, {"direct", "partial"})
    m = match(g["dq"], [u["span"] for u in units])
    return [(units[pi], _speaker_ok(text, units[pi], g["dq_src"][gi])) for gi, pi in m.items() if g["dq_src"][gi]]


def score_polnear_doc(text: str, ann: Path, doc: dict[str, Any], c: dict[str, int], calib: list[tuple[float, bool]]) -> None:
    """Add one document's counts to `c` (the scorer's counters) and confidence/correctness pairs to `calib`."""
    g = _gold(text, ann)
    gold_dq, gold_dq_src, gold_ind, gold_ind_src = g["dq"], g["dq_src"], g["ind"], g["ind_src"]
    gold_ind_speech, all_content = g["ind_speech"], g["content"]
    units = _units(doc, text, {"direct", "partial"})
    m = match(gold_dq, [u["span"] for u in units])
    c["dq_gold"] += len(gold_dq)
    c["dq_pred"] += len(units)
    c["dq_tp"] += len(m)
    c["dq_gold_src"] += sum(1 for x in gold_dq_src if x)
    matched = {pi: gi for gi, pi in m.items()}
    for gi, pi in m.items():
        if gold_dq_src[gi]:
            ok = _speaker_ok(text, units[pi], gold_dq_src[gi])
            c["spk_gold"] += 1
            c["spk_ok"] += ok
            calib.append((units[pi]["quote"]["confidence"], ok))
    for pi, u in enumerate(units):
        if u["speaker"]:
            c["att_pred"] += 1
            gi = matched.get(pi)
            c["att_tp"] += gi is not None and bool(gold_dq_src[gi]) and _speaker_ok(text, u, gold_dq_src[gi])
    iu = _units(doc, text, {"indirect"})
    c["ind_pred"] += len(iu)
    c["ind_gold_all"] += len(gold_ind)
    c["ind_gold_speech"] += sum(gold_ind_speech)
    mi = match(gold_ind, [u["span"] for u in iu])
    c["ind_rec_all"] += len(mi)
    c["ind_rec_speech"] += sum(1 for gi in mi if gold_ind_speech[gi])
    for gi, pi in mi.items():
        if gold_ind_src[gi]:
            c["ind_spk_gold"] += 1
            c["ind_spk_ok"] += _speaker_ok(text, iu[pi], gold_ind_src[gi])
    c["ind_tp_any"] += len(match(all_content, [u["span"] for u in iu]))


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def calibration(pairs: list[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Speaker accuracy per confidence band, on matched quotes with a gold speaker."""
    out = []
    for lo, hi in pairwise(BUCKETS):
        xs = [ok for conf, ok in pairs if lo <= conf < hi]
        out.append({"confidence": f"{lo:.1f}-{min(hi, 1.0):.1f}", "quotes": len(xs), "speaker_accuracy": _ratio(sum(xs), len(xs))})
    hi_conf = [ok for conf, ok in pairs if conf >= 0.9]
    out.append({"confidence": ">=0.9", "quotes": len(hi_conf), "speaker_accuracy": _ratio(sum(hi_conf), len(hi_conf))})
    return out


def annotation_files(split: Path) -> dict[str, Path]:
    """Article name -> its annotation file; with several annotators, the first in sorted order."""
    by_doc: dict[str, Path] = {}
    for a in sorted((split / "attributions").glob("*.ann")):
        by_doc.setdefault(a.stem.rsplit("_", 1)[0], a)
    return by_doc


def evaluate_polnear(split: Path, predict, limit: int = 0) -> dict[str, Any]:
    """Score `predict(text, doc_id) -> contract dict` on a PolNeAR split folder."""
    by_doc = annotation_files(split)
    names = sorted(t.stem for t in (split / "text").glob("*.txt") if t.stem in by_doc)
    if limit:
        names = names[:limit]
    keys = ("dq_gold dq_gold_src dq_pred dq_tp spk_gold spk_ok att_pred att_tp ind_gold_all ind_gold_speech ind_pred "
            "ind_tp_any ind_rec_all ind_rec_speech ind_spk_ok ind_spk_gold").split()
    c = dict.fromkeys(keys, 0)
    calib: list[tuple[float, bool]] = []
    for name in names:
        text = (split / "text" / f"{name}.txt").read_text(encoding="utf-8")
        score_polnear_doc(text, by_doc[name], predict(text, name), c, calib)
    return {
        "kind": "polnear",
        "documents": len(names),
        "direct_quotes": prf(c["dq_tp"], c["dq_pred"], c["dq_gold"]),
        "speaker_accuracy_on_found": _ratio(c["spk_ok"], c["spk_gold"]),
        "attributed_quotes": prf(c["att_tp"], c["att_pred"], c["dq_gold_src"]),
        "indirect_precision": _ratio(c["ind_tp_any"], c["ind_pred"]),
        "indirect_recall_speech": _ratio(c["ind_rec_speech"], c["ind_gold_speech"]),
        "indirect_recall_all": _ratio(c["ind_rec_all"], c["ind_gold_all"]),
        "indirect_speaker_accuracy_on_found": _ratio(c["ind_spk_ok"], c["ind_spk_gold"]),
        "calibration": calibration(calib),
        "counts": c,
    }


def name_match(pred: str | None, gold: str) -> bool:
    """Right when the resolved name is the gold name, holds all its words, or is 2+ words inside it."""
    p, g = norm(pred).split(), norm(gold).split()
    if not p:
        return False
    return p == g or set(g) <= set(p) or (len(p) >= 2 and set(p) <= set(g))


def title_match(pred: str | None, gold: str) -> bool:
    p, g = norm(pred), norm(gold)
    if not p:
        return False
    if p in g or g in p:
        return True
    ps, gs = set(p.split()), set(g.split())
    return len(ps & gs) * 2 >= max(len(ps), len(gs))


def evaluate_gold(keys: list[Path], texts_dir: Path, predict) -> dict[str, Any]:
    """Score answer keys shaped like the seed's *.gold.json (required quotes, speakers, titles, sources)."""
    t = dict.fromkeys(("required", "found", "speaker_ok", "title_ok", "title_gold", "source_ok", "source_gold", "spurious"), 0)
    problems = []
    for kp in keys:
        gold = json.loads(kp.read_text(encoding="utf-8"))
        tp = texts_dir / Path(gold["document"]).name
        text = tp.read_text(encoding="utf-8")
        doc = predict(text, tp.stem)
        gq = [q for q in gold["quotes"] if q.get("kind") in ("direct", "partial")]
        spans = []
        for q in gq:
            start = -1
            for _ in range(max(1, q.get("occurrence", 1))):
                start = text.find(q["text"], start + 1)
            spans.append(_strip(text, start, start + len(q["text"])))
        units = _units(doc, text, {"direct", "partial"})
        m = match(spans, [u["span"] for u in units])
        for gi, q in enumerate(gq):
            if not q.get("required", True):
                continue
            t["required"] += 1
            u = units[m[gi]] if gi in m else None
            if u is None:
                problems.append(f"{tp.name} {q['id']}: not found")
                continue
            t["found"] += 1
            name = (u["entity"] or {}).get("name")
            want = q.get("speaker")
            t["speaker_ok"] += want is None or name_match(name, want)
            wt = q.get("title", (gold.get("speakers", {}).get(want) or {}).get("title") if want else None)
            if wt:
                t["title_gold"] += 1
                t["title_ok"] += title_match((u["entity"] or {}).get("title"), wt)
            if q.get("source"):
                t["source_gold"] += 1
                got = norm((u["source"] or {}).get("name"))
                t["source_ok"] += bool(got) and (norm(q["source"]) in got or got in norm(q["source"]))
        gold_any = [_strip(text, text.find(q["text"]), text.find(q["text"]) + len(q["text"])) for q in gold["quotes"]]
        t["spurious"] += sum(1 for pi, u in enumerate(units) if pi not in m.values() and not any(_overlap(u["span"], g) for g in gold_any))
    r = t["required"] or 1
    return {"kind": "gold", "documents": len(keys), "required_quotes": t["required"], "quote_recall": _ratio(t["found"], r),
            "speaker_accuracy": _ratio(t["speaker_ok"], r), "title_accuracy": _ratio(t["title_ok"], t["title_gold"]),
            "source_accuracy": _ratio(t["source_ok"], t["source_gold"]), "spurious_quotes": t["spurious"], "problems": problems}


def evaluate(path: str, *, model: str | None = None, limit: int = 0) -> dict[str, Any]:
    """Score the extractor on a PolNeAR split folder or a folder (or file) of *.gold.json answer keys."""
    from .model import load
    from .pipeline import run

    nlp = load(model)

    def predict(text: str, doc_id: str) -> dict[str, Any]:
        return run(nlp, text, doc_id=doc_id).to_dict()

    p = Path(path)
    if (p / "attributions").is_dir() and (p / "text").is_dir():
        return evaluate_polnear(p, predict, limit)
    keys = sorted(p.glob("*.gold.json")) if p.is_dir() else [p]
    if not keys or not all(k.exists() for k in keys):
        raise FileNotFoundError(f"{path}: neither a PolNeAR split (text/ + attributions/) nor *.gold.json answer keys")
    return evaluate_gold(keys[: limit or None], p if p.is_dir() else p.parent, predict)


def render_table(result: dict[str, Any], console: Console) -> None:
    """The figures as a rich table, then the confidence calibration table."""
    t = Table(title=f"quotes evaluate: {result['documents']} documents ({result['kind']})", title_justify="left")
    t.add_column("measure")
    t.add_column("precision", justify="right")
    t.add_column("recall", justify="right")
    t.add_column("F1 / value", justify="right")
    for k, v in result.items():
        if k in ("kind", "documents", "counts", "calibration", "problems"):
            continue
        if isinstance(v, dict):
            t.add_row(k.replace("_", " "), f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}")
        else:
            t.add_row(k.replace("_", " "), "", "", f"{v}")
    console.print(t)
    if result.get("calibration"):
        c = Table(title="confidence calibration (speaker right, on found quotes)", title_justify="left")
        for col in ("confidence", "quotes", "speaker accuracy"):
            c.add_column(col, justify="right")
        for row in result["calibration"]:
            c.add_row(row["confidence"], str(row["quotes"]), f"{row['speaker_accuracy']:.3f}")
        console.print(c)
    for line in result.get("problems", [])[:30]:
        console.print(f"  - {line}", highlight=False, markup=False)
