"""The test transcripts of ``tests/data/transcripts``: every heading style, both scripts, through the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.recognize.pipeline import extract

TRANSCRIPTS = sorted((Path(__file__).parent / "data" / "transcripts").glob("*.txt"))


@pytest.fixture(scope="module", params=TRANSCRIPTS, ids=lambda path: path.stem)
def case(request):
    path = request.param
    text = path.read_text(encoding="utf-8")
    return text, extract(text, path.stem), json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_turns(case):
    text, doc, expected = case
    found = [
        {"start": t.start, "end": t.end, "says": text[t.start : t.start + 6], "speaker": t.speaker}
        | {"person": t.person, "roles": t.roles, "org": t.org}
        for t in doc.turns
    ]
    assert found == expected["turns"]


def test_persons(case):
    _, doc, expected = case
    assert [[s.start, s.end, s.text] for s in doc.ents if s.label == "PERSON"] == expected["persons"]


def test_the_expectations_slice_the_text(case):
    """The expected offsets are checked against the text, so a wrong expectation cannot pass unnoticed."""
    text, _, expected = case
    for turn in expected["turns"]:
        assert text[turn["start"] :].startswith(turn["says"]) and not text[turn["start"]].isspace()
    for start, end, name in expected["persons"]:
        assert text[start:end] == name
