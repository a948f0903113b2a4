"""quotes: who said what in a news article, with proof (character offsets into the input)."""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .html import extract_html
from .model import DEFAULT_MODEL, ModelError
from .types import Entity, Quote, Result, Span, Warning

__version__ = "0.1.0"
__all__ = ["extract", "extract_html", "json_schema", "DEFAULT_MODEL", "ModelError", "Result", "Quote", "Entity", "Span", "Warning", "__version__"]


def extract(text: str, *, model: str | None = None, doc_id: str = "-", include_text: bool = False) -> Result:
    """Find the quotes in `text`, their speakers and sources. `model` names any installed spaCy
    English pipeline (default: quotes.DEFAULT_MODEL)."""
    from .pipeline import extract as _extract

    return _extract(text, model_name=model, doc_id=doc_id, include_text=include_text)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the `quotes/1` output contract."""
    return json.loads(resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8"))
