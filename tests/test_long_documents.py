"""A document of any length builds: its text in parts no literal of the store is too long for, offsets exact.

The limits are lowered here (:data:`kg.rdf.document.TEXT_PART`, :data:`kg.rdf.terms.LITERAL_LIMIT`) so
that documents of a few thousand characters stand for ones of tens of millions; ``bench/scale.py`` builds a
real 54 MB one.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph

import kg.rdf.document
import kg.rdf.terms
from kg.cli import main
from kg.rdf.document import text_parts
from kg.rdf.namespaces import KG
from kg.rdf.query import named_queries, run_query
from kg.rdf.store import load_file
from kg.rdf.terms import PREFIXES
from kg.text.sentences import split_sentences

NIF = PREFIXES["nif"]
SENTENCE_TEXT = st.lists(
    st.sampled_from(["国务院", "。", "！", "\n", "“六稳”", "工作", " ", "2021年", "？”"]), max_size=80
).map("".join)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@settings(max_examples=200, deadline=None)
@given(text=SENTENCE_TEXT, size=st.integers(1, 40))
def test_parts_cover_the_text_in_order_and_end_after_a_sentence_where_one_fits(text, size):
    sentences = split_sentences(text)
    parts = text_parts(text, sentences, size)
    assert "".join(text[start:end] for start, end in parts) == text
    assert all(0 < end - start <= size for start, end in parts)
    assert [end for _, end in parts[:-1]] == [start for start, _ in parts[1:]]
    ends = {end for _, end in sentences}
    for start, end in parts[:-1]:
        fitting = [e for e in ends if start < e <= start + size]
        assert end == (max(fitting) if fitting else start + size)


@pytest.fixture
def corpus(transcript_and_report) -> Path:
    (transcript_and_report / "note.txt").write_text("国务院常务会议。\n", encoding="utf-8")
    return transcript_and_report


def texts_and_anchors(trig: Path) -> tuple[dict[str, str], list[tuple[str, int, int, str]]]:
    """Each document's text (its nif:isString, or its parts joined in order) and every anchored span."""
    store = ox.Store()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    query = f"""PREFIX nif: <{NIF}> PREFIX kg: <{PREFIXES["kg"]}>
        SELECT ?doc ?b ?e ?anchor ?whole ?part WHERE {{
            {{ ?doc nif:isString ?whole }}
            UNION {{ ?s a kg:TextPart ; nif:referenceContext ?doc ; nif:beginIndex ?b ; nif:anchorOf ?part }}
            UNION {{ ?s nif:referenceContext ?doc ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?anchor }}
        }}"""
    texts: dict[str, str] = {}
    parts: dict[str, list[tuple[int, str]]] = {}
    anchors = []
    for row in store.query(query, use_default_graph_as_union=True):
        doc = row["doc"].value
        if row["whole"] is not None:
            texts[doc] = row["whole"].value
        elif row["part"] is not None:
            parts.setdefault(doc, []).append((int(row["b"].value), row["part"].value))
        else:
            anchors.append((doc, int(row["b"].value), int(row["e"].value), row["anchor"].value))
    for doc, pieces in parts.items():
        assert doc not in texts  # a document has its text one way or the other
        texts[doc] = "".join(text for _, text in sorted(pieces))
    return texts, anchors


def test_a_long_document_keeps_its_text_in_parts_and_everything_read_from_it_is_the_same(
    capsys, corpus, tmp_path, monkeypatch
):
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "whole"), "-j", "1")[0] == 0
    monkeypatch.setattr(kg.rdf.document, "TEXT_PART", 1000)
    status, _, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "parts"), "-j", "1")
    assert status == 0 and err == ""

    whole_texts, whole_anchors = texts_and_anchors(tmp_path / "whole" / "graph.trig")
    texts, anchors = texts_and_anchors(tmp_path / "parts" / "graph.trig")
    assert texts == whole_texts and len(texts) == 3
    parts_file = (tmp_path / "parts" / "graph.trig").read_text(encoding="utf-8")
    assert parts_file.count("nif:isString") == 1  # only the note is short enough for one literal
    assert parts_file.count("kg:TextPart") >= 30
    for doc, begin, end, anchor in anchors:  # mentions, sentences and parts: offsets into the whole text
        assert texts[doc][begin:end] == anchor
    assert set(whole_anchors) <= set(anchors)

    whole, parts = load_file(tmp_path / "whole" / "graph.ttl"), load_file(tmp_path / "parts" / "graph.ttl")
    for name, query in named_queries().items():
        assert run_query(parts, query.text, "csv") == run_query(whole, query.text, "csv"), name
    for name in ("glossary.csv", "glossary.html"):  # the page reads the text back from its parts
        assert (tmp_path / "parts" / name).read_bytes() == (tmp_path / "whole" / name).read_bytes(), name
    status, report, _ = run(capsys, "validate", str(tmp_path / "parts" / "graph.ttl"))
    assert status == 0, report
    partless = Graph().parse(tmp_path / "parts" / "graph.ttl", format="turtle")
    partless.remove((None, RDF.type, KG.TextPart))
    partless.serialize(tmp_path / "partless.ttl", format="turtle")
    status, report, _ = run(capsys, "validate", str(tmp_path / "partless.ttl"))
    assert status == 1 and "a document has its text: a nif:isString, or kg:TextPart parts" in report


def test_a_value_too_long_for_the_store_is_one_line_naming_the_file_and_the_rest_is_built(
    capsys, corpus, tmp_path, monkeypatch
):
    monkeypatch.setattr(kg.rdf.document, "TEXT_PART", 500)
    monkeypatch.setattr(kg.rdf.terms, "LITERAL_LIMIT", 3000)
    (corpus / "scio.txt").unlink()
    (corpus / "gwr-2015.txt").unlink()
    (corpus / "endless.txt").write_text(
        "国务院" + "发展" * 600 + "\n", encoding="utf-8"
    )  # one sentence, 1,203 characters
    status, summary, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1")
    assert status == 1
    assert err == (
        f"kg: error: {corpus / 'endless.txt'}: could not be processed: the sentence at characters 0–1,203 is "
        "3,609 bytes long, more than one literal of the store may hold (3,000 bytes)\n"
    )
    assert "documents   1 (" in summary and "1 failed" in summary
    assert "kgd:note" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
