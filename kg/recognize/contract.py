"""The JSON output contract of ``kg extract`` (``docs/annotation.md``).

Offsets are code-point indices into the text as read; ``text`` is the
original-script slice.  Extra fields (``source``, ``direction``, ``basis``,
``reporter``) are allowed by the contract and help users audit the output.
"""

from __future__ import annotations

from typing import Any

from kg.recognize.doc import Doc

_ENTITY_FIELDS = ("start", "end", "type", "text", "concept", "source")
_FIGURE_FIELDS = ("start", "end", "text", "value", "unit", "indicator", "period", "speaker", "direction", "basis")
_TURN_FIELDS = ("start", "end", "speaker", "person", "roles", "org", "reporter")


def _fields(record: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(record, "label" if name == "type" else name) for name in names}


def doc_to_json(doc: Doc) -> dict[str, Any]:
    """The contract's JSON object for ``doc``."""
    return {
        "doc": doc.id,
        "entities": [_fields(s, _ENTITY_FIELDS) for s in doc.ents],
        "figures": [_fields(f, (*_FIGURE_FIELDS, "concept")) for f in doc.figures],
        "turns": [_fields(t, _TURN_FIELDS) for t in doc.turns],
    }
