"""Hostile text: whatever a document holds, the pipeline answers in valid offsets and every output stays valid.

Texts are random mixes of Chinese, ASCII, punctuation and control characters
with the pieces that trigger each component (names, quoted slogans, titles,
figures, speaker headings, reposting noise), and of the pieces that break
formats: IRI and Turtle delimiters, XML specials, spreadsheet formulas.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from kg.export.delimited import write_csv
from kg.export.rows import glossary_rows
from kg.export.tbx import write_tbx
from kg.rdf.graph import build_graph
from kg.recognize.doc import Doc
from kg.recognize.pipeline import extract
from kg.text.inputs import Source, iter_sources

#: What the recognizer reacts to, and what output formats choke on.
TRIGGERS = [
    *("工业和信息化部", "工信部", "國務院新聞辦公室", "新华社记者：", "黄利斌：\n", "\n邢慧娜:\n", "（劉健 攝）"),
    *("“六稳”", "「六保」", "“專精特新”", "《政府工作报告》", "《", "》", "“", "”", "“十四五”规划"),
    *("24.5%", "1.79倍", "15.92億", "29萬款", "-0.99%", "第三批", "一季度", "同比增长", "分别为"),
    *("(yè)", "（zhòng）", "(19.920, -0.20, -0.99%)", "\u200b", "\ufeff", "\u2028", "\u00ad"),
    *("<", ">", "&", '"', "'", "\\", "]]>", "#", "%", "%41", "^^", "@en", '"""', "_:b0", "<http://x/>"),
    *("=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\t", "\r\n", "\r", "\n\n", "\x00", "\x1b[31m", "\x7f", "\x85"),
]
_CHARACTERS = st.characters(
    exclude_categories=["Cs"],  # lone surrogates: no reader produces them (decoding is strict)
    include_characters="\x00\x01\x08\x0b\x0c\x1b\x7f\u3000，。、；：？！",
)
HOSTILE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(TRIGGERS),
        st.text(_CHARACTERS, max_size=6),
        st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=6),
    ),
    max_size=24,
).map("".join)
FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_offsets_slice(doc: Doc) -> None:
    """Every annotation is a real slice of the text, in bounds and in order."""
    n = len(doc.text)
    for span in [*doc.ents, *doc.candidates]:
        assert 0 <= span.start < span.end <= n and doc.text[span.start : span.end] == span.text
    for figure in doc.figures:
        assert 0 <= figure.start < figure.end <= n and doc.text[figure.start : figure.end] == figure.text
    for turn in doc.turns:
        assert 0 <= turn.heading_start <= turn.heading_end <= turn.start <= turn.end <= n
    for start, end in doc.sentences:
        assert 0 <= start < end <= n


def assert_turtle_reparses(graph: Graph) -> None:
    turtle = graph.serialize(format="turtle")
    again = Graph().parse(data=turtle, format="turtle")
    assert len(again) == len(graph)


@FAST
@given(HOSTILE_TEXT)
def test_the_pipeline_never_raises_and_every_offset_slices(text: str) -> None:
    doc = extract(text, "hostile")
    assert doc.text == text
    assert_offsets_slice(doc)
    assert_turtle_reparses(build_graph([doc]))


@FAST
@given(
    HOSTILE_TEXT, st.text(_CHARACTERS, max_size=12), st.lists(st.text(_CHARACTERS, max_size=16), min_size=3, max_size=3)
)
def test_any_id_and_metadata_give_safe_iris_and_turtle_that_reparses(text: str, doc_id: str, meta: list[str]) -> None:
    title, day, url = meta
    doc = extract(text or "工信部", doc_id, {"title": title, "date": day, "url": f"http://example.org/{url}"})
    graph = build_graph([doc])
    assert_turtle_reparses(graph)
    iris = [node for node in graph.all_nodes() if isinstance(node, URIRef)]
    assert not any(character in iri for iri in iris for character in ' \n\t<>"{}|^`\\')


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=3))
def test_the_glossary_of_any_text_is_a_safe_csv_and_a_well_formed_tbx(texts: list[str]) -> None:
    docs = [extract(text + "工业和信息化部“六稳”", f"d{i}") for i, text in enumerate(texts)]
    rows = glossary_rows(build_graph(docs))
    table = io.StringIO()
    write_csv(rows, table)
    records = list(csv.reader(io.StringIO(table.getvalue())))
    assert len(records) == len(rows) + 1
    assert not any(cell.startswith(("=", "+", "-", "@")) for record in records[1:] for cell in record)
    tbx = io.StringIO()
    write_tbx(rows, tbx)
    ET.fromstring(tbx.getvalue().encode("utf-8"))  # well-formed XML whatever the terms hold


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(HOSTILE_TEXT, min_size=1, max_size=4))
def test_hostile_files_in_every_format_are_read_or_refused_in_one_line(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"t{i}.txt").write_bytes(text.encode("utf-8"))
        (folder / f"p{i}.html").write_bytes(f"<html><body><div id='UCAP-CONTENT'>{text}</div></body></html>".encode())
    lines = [json.dumps({"id": f"j{i}", "text": text}) for i, text in enumerate(texts)] + ["{broken"]
    (folder / "lines.jsonl").write_text("\n".join(lines), encoding="utf-8")
    docs = []
    for item in iter_sources([folder]):
        if isinstance(item, Source):
            docs.append(extract(item.text, item.doc_id, item.meta))
            assert_offsets_slice(docs[-1])
        else:
            assert "\n" not in str(item) and str(folder) in str(item)
    if docs:
        assert_turtle_reparses(build_graph(docs))
