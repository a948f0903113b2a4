"""Typed result objects. Every span is an exact slice of the analysed text; dicts only in `to_dict`."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "quotes/1"


@dataclass(frozen=True, order=True)
class Span:
    """A stretch of the analysed text: `text == document[start:end]`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Quote:
    """One quotation (direct, partial) or reported clause (indirect)."""

    kind: str
    segments: list[Span]
    cue: Span | None = None
    speaker: Span | None = None  # the local mention the cue attaches to
    source: Span | None = None  # the relaying outlet's mention
    confidence: float = 0.0
    evidence: str = "none"
    id: str = ""
    speaker_id: str | None = None
    source_id: str | None = None
    # parse context kept for the later stages (sources, resolve); never serialised
    ctx: Any = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "segments": [{"start": s.start, "end": s.end} for s in self.segments],
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": {"id": self.speaker_id, "mention": self.speaker.to_dict()} if self.speaker_id and self.speaker else None,
            "source": {"id": self.source_id, "mention": self.source.to_dict()} if self.source_id and self.source else None,
            "confidence": round(self.confidence, 3),
            "evidence": self.evidence,
        }


@dataclass
class Entity:
    """A speaker or a relaying source: its mentions grouped, with the fullest name."""

    id: str
    name: str
    type: str = "unknown"
    title: str | None = None
    description: str | None = None
    mentions: list[Span] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    anonymous: bool = False

    def to_dict(self, source: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "name": self.name}
        if not source:
            d["title"] = self.title
        d["description"] = self.description
        d["type"] = self.type
        if not source:
            d["anonymous"] = self.anonymous
        d["mentions"] = [m.to_dict() for m in self.mentions]
        d["quotes"] = list(self.quotes)
        return d


@dataclass(frozen=True)
class Warning:
    """Something the reader should know: an unclosed quote, an ambiguous attribution, a decoding guess."""

    code: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "start": self.start, "end": self.end}


@dataclass
class Result:
    """What `quotes.extract` returns for one document."""

    text: str
    quotes: list[Quote]
    speakers: list[Entity]
    sources: list[Entity]
    warnings: list[Warning]
    id: str = "-"
    model: str = ""
    include_text: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The `quotes/1` JSON contract as plain Python data."""
        doc: dict[str, Any] = {"id": self.id, "length": len(self.text), "model": self.model}
        if self.include_text:
            doc["text"] = self.text
        return {
            "schema": SCHEMA,
            "document": doc,
            "quotes": [q.to_dict() for q in self.quotes],
            "speakers": [s.to_dict() for s in self.speakers],
            "sources": [s.to_dict(source=True) for s in self.sources],
            "warnings": [w.to_dict() for w in self.warnings],
        }
