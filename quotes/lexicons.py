"""The rules' data: lexicons read from models/ (shipped inside the wheel as quotes/models)."""
from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any


def models_dir() -> Path:
    """models/ inside the installed package, else the repository's (editable installs)."""
    here = Path(__file__).resolve().parent
    for cand in (here / "models", here.parent / "models"):
        if (cand / "speech_verbs.txt").exists():
            return cand
    raise FileNotFoundError("quotes: lexicons not found (models/speech_verbs.txt is missing from the install)")


def fitted(name: str, field: str) -> dict[str, Any]:
    """`field` of a fitted file in models/ (confidence.json, speech.json); empty when the file is absent."""
    path = models_dir() / name
    return json.loads(path.read_text(encoding="utf-8"))[field] if path.exists() else {}


def _lines(name: str) -> list[str]:
    out = []
    for line in (models_dir() / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@cache
def speech_verbs() -> dict[str, str]:
    """Inflected form -> lemma, e.g. 'said' -> 'say'."""
    out: dict[str, str] = {}
    for line in _lines("speech_verbs.txt"):
        forms = line.lower().split()
        for f in forms:
            out.setdefault(f, forms[0])
    return out


@cache
def speech_nouns() -> frozenset[str]:
    return frozenset(w for line in _lines("speech_nouns.txt") for w in line.lower().split())


def _section_words(name: str) -> dict[str, set[str]]:
    """"[section]" -> the words listed under it in a sectioned lexicon."""
    out: dict[str, set[str]] = {}
    section = ""
    for line in _lines(name):
        if line.startswith("["):
            section = line.strip("[]")
            continue
        out.setdefault(section, set()).update(line.lower().split())
    return out


def _sections(name: str) -> dict[str, str]:
    """Word -> the "[section]" of a sectioned lexicon it is listed under."""
    return {w: sec for sec, words in _section_words(name).items() for w in words}


@cache
def first_names() -> dict[str, str]:
    """Given name -> 'female' or 'male' (models/first_names.txt)."""
    return _sections("first_names.txt")


@cache
def document_makers() -> dict[str, frozenset[str]]:
    """'document' -> nouns of things that carry words (ad, letter, sign); 'maker' -> verb forms that say who
    made, issued or showed one (released, ran, hoisted). A word may be both ('sign'): models/document_makers.txt."""
    return {k: frozenset(v) for k, v in _section_words("document_makers.txt").items()}


@cache
def title_context() -> dict[str, frozenset[str]]:
    """'before' / 'after' -> the words beside a title-case quoted phrase that make it a name
    (models/title_context.txt; before it, the media and work words count too)."""
    sec = _sections("title_context.txt")
    out = {k: frozenset(w for w, s in sec.items() if s == k) for k in ("before", "after")}
    out["before"] |= media_words() | work_words()
    return out


@cache
def title_words() -> frozenset[str]:
    return frozenset(w for line in _lines("titles.txt") for w in line.lower().split())


@cache
def outlets() -> frozenset[str]:
    return frozenset(_lines("outlets.txt"))


@cache
def media_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("media_words.txt"))


def outlet_in(text: str) -> tuple[int, int] | None:
    """The longest lexicon outlet name inside `text`, as offsets."""
    best = None
    for m in _outlet_re().finditer(text):
        if best is None or m.end() - m.start() > best[1] - best[0]:
            best = (m.start(), m.end())
    return best


@cache
def _outlet_re() -> re.Pattern[str]:
    """All lexicon outlets in one pattern, longest first so "Fox News" wins over "Fox"."""
    names = sorted(outlets(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def is_media(phrase: str) -> bool:
    """An outlet from the lexicon, or a phrase with a media word ('news service', 'newspaper')."""
    if outlet_in(phrase):
        return True
    return any(w in media_words() for w in re.findall(r"[a-z]+", phrase.lower()))


@cache
def org_words() -> frozenset[str]:
    return frozenset(w for line in _lines("org_words.txt") for w in line.lower().split())


@cache
def person_words() -> frozenset[str]:
    """Common nouns for people ('supporter', 'friend', 'crowd'): models/person_words.txt."""
    return frozenset(w for line in _lines("person_words.txt") for w in line.lower().split())


@cache
def anonymous_words() -> frozenset[str]:
    return frozenset(w for line in _lines("anonymous_words.txt") for w in line.lower().split())


@cache
def reporting_frames() -> dict[str, frozenset[str]]:
    """Frame name ('infinitive', 'object', 'object-noun', 'preposition', 'as-after', 'passive', and
    'appositive-end' for the resolver) -> the speech-verb lemmas (or verb:preposition, verb:noun pairs) that
    report their content in that frame.
    A frame named on several lines takes the words of all of them."""
    out: dict[str, frozenset[str]] = {}
    for line in _lines("reporting_frames.txt"):
        key, _, words = line.partition(":")
        out[key.strip()] = out.get(key.strip(), frozenset()) | frozenset(words.split())
    return out


@cache
def title_abbreviations() -> dict[str, str]:
    """'sen.' -> 'senator': abbreviated titles and the word they stand for."""
    return dict(line.split()[:2] for line in _lines("title_abbreviations.txt"))


@cache
def work_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("work_words.txt"))
