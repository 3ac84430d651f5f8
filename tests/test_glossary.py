"""The glossary of the dev transcript and its CSV/TSV, including cells a spreadsheet would run."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.export.delimited import write_csv, write_tsv
from kg.export.rows import (
    GlossaryRow,
    cells,
    glossary_rows,
    header,
    mentions_by_status,
    neutralize,
    select_rows,
)
from kg.export.writer import ExportOptions
from kg.link.ids import mint_concept_id
from kg.rdf.graph import build_graph
from tests.test_graph import DEV, fixture_thesaurus, gold, gold_doc, simple_doc

HEADER = [
    "id", "type", "zh-Hans", "zh-Hant", "en", "english_status",
    "abbreviations_zh-Hans", "abbreviations_zh-Hant", "abbreviations_en",
    "variants_zh-Hans", "variants_zh-Hant", "variants_en",
    "count", "document_count", "documents", "context", "context_document", "definition", "source", "english_note",
]  # fmt: skip


@pytest.fixture(scope="module")
def dev_rows() -> list[GlossaryRow]:
    return glossary_rows(build_graph([gold_doc()], fixture_thesaurus()))


def test_one_row_per_term_most_mentioned_first(dev_rows: list[GlossaryRow]) -> None:
    concepts = {e["concept"] for e in gold()["entities"] if e["type"] != "FIGURE"}
    indicators = {row.id for row in dev_rows if row.type == "INDICATOR"}
    assert len(dev_rows) == len({row.id for row in dev_rows})
    assert {row.id for row in dev_rows} - indicators - {"org-state_council"} <= {c.replace(":", "-") for c in concepts}
    assert [row.count for row in dev_rows] == sorted((row.count for row in dev_rows), reverse=True)
    assert dev_rows[0].id == "org-miit"
    assert "FIGURE" not in {row.type for row in dev_rows}


def test_thesaurus_row_has_labels_abbreviations_and_context(dev_rows: list[GlossaryRow]) -> None:
    miit = next(row for row in dev_rows if row.id == "org-miit")
    assert (miit.zh_hans, miit.zh_hant, miit.en) == (
        "工业和信息化部", "工業和信息化部", "Ministry of Industry and Information Technology",
    )  # fmt: skip
    assert (miit.abbreviations_zh_hans, miit.abbreviations_zh_hant, miit.abbreviations_en) == (
        ("工信部",), ("工信部",), ("MIIT",),
    )  # fmt: skip
    assert (miit.english_status, miit.english_note, miit.count, miit.documents) == ("official", "", 25, (DEV,))
    assert miit.definition.startswith("The State Council ministry") and miit.source == "https://www.miit.gov.cn/"
    assert miit.context_document == DEV
    assert "工業和信息化部" in miit.context or "工信部" in miit.context


def test_alternative_labels_longer_than_the_preferred_one_are_variants() -> None:
    doc = simple_doc("d", "六个稳和六稳。", [("六个稳", "SLOGAN", "slogan-six_stabilities")])
    (row,) = [r for r in glossary_rows(build_graph([doc], fixture_thesaurus())) if r.type == "SLOGAN"]
    assert (row.abbreviations_zh_hans, row.variants_zh_hans) == ((), ("六个稳",))


def test_term_the_thesaurus_lacks_gets_draft_english_marked_draft(dev_rows: list[GlossaryRow]) -> None:
    xinhua = next(row for row in dev_rows if row.id == "org-xinhua")
    assert (xinhua.zh_hans, xinhua.zh_hant) == ("新华社", "新華社")
    assert xinhua.count == 1 and "新華社" in xinhua.context
    name = "人工智能专项行动"  # a campaign the bundled thesaurus does not hold
    doc = simple_doc("d", f"开展{name}。", [(name, "PROGRAM", mint_concept_id("PROGRAM", name))])
    (program,) = glossary_rows(build_graph([doc], fixture_thesaurus()))
    assert program.en == "special campaign on artificial intelligence" and program.english_status == "draft"
    assert "pattern X专项行动" in program.english_note and "CC-CEDICT" in program.english_note


def test_a_term_without_a_reliable_draft_says_untranslated_and_why(dev_rows: list[GlossaryRow]) -> None:
    """No word salad (用户实现了携号转网 → "user achieve finish carry roar turn net") and no Chinese in English."""
    taken_down = next(row for row in dev_rows if row.zh_hans == "下架的拒不整改APP")
    assert (taken_down.en, taken_down.english_status) == ("", "untranslated")
    assert taken_down.english_note == "no draft: 下架 is a verb ('to take down from the shelves'): a clause, not a name"
    name = "用户实现了携号转网"
    doc = simple_doc("d", f"{name}。", [(name, "SLOGAN", mint_concept_id("SLOGAN", name))])
    (row,) = glossary_rows(build_graph([doc], fixture_thesaurus()))
    assert (row.en, row.english_status) == ("", "untranslated") and "实现 is a verb" in row.english_note


def test_every_term_of_the_dev_glossary_has_english_or_says_why_not(dev_rows: list[GlossaryRow]) -> None:
    assert {row.english_status for row in dev_rows} == {"official", "draft", "untranslated"}
    for row in dev_rows:
        assert bool(row.en.strip()) == (row.english_status != "untranslated")
        assert not re.search("[\u3400-\u9fff]", row.en), row
        assert row.english_note.startswith("no draft: ") == (row.english_status == "untranslated")
    official = {row.id for row in dev_rows if row.english_status == "official"}
    assert official == set(OFFICIAL)


#: The concepts of the fixture thesaurus the dev glossary holds: all with English.
OFFICIAL = ("org-miit", "org-state_council", "person-huang_libin", "slogan-six_stabilities",
            "indicator-industrial_value_added")  # fmt: skip


def test_mentions_by_status_counts_mentions_not_terms(dev_rows: list[GlossaryRow]) -> None:
    counts = mentions_by_status(dev_rows)
    gold_mentions = [e["concept"].replace(":", "-") for e in gold()["entities"] if e["type"] != "FIGURE"]
    measured = [f.indicator_concept for f in gold_doc().figures if f.indicator and f.indicator_concept]
    assert counts["official"] == sum(concept in OFFICIAL for concept in gold_mentions + measured) > 30
    assert sum(counts.values()) == len(gold_mentions) + len(measured)


def test_an_indicator_is_counted_by_the_figures_that_measure_it(dev_rows: list[GlossaryRow]) -> None:
    """All 124 INDICATOR rows had count 0, no document and no context, so --min-count 1 found none (issue 15)."""
    doc = gold_doc()
    measured = [f for f in doc.figures if f.indicator and f.indicator_concept]
    indicators = select_rows(dev_rows, ["INDICATOR"], min_count=1)
    assert indicators == [row for row in dev_rows if row.type == "INDICATOR"] and len(indicators) > 10
    for row in indicators:
        figures = [f for f in measured if f.indicator_concept == row.id]
        assert row.count == len(figures) and row.documents == (DEV,)
        first = min(figures, key=lambda f: f.start)
        assert row.context == doc.text[slice(*doc.sentence_of(first.start))] and row.context_document == DEV
    added = next(row for row in indicators if row.id == "indicator-industrial_value_added")
    assert added.count >= 2 and "24.5%" in added.context


def test_select_rows_by_type_and_count(dev_rows: list[GlossaryRow]) -> None:
    people = select_rows(dev_rows, ["person"])
    assert people and {row.type for row in people} == {"PERSON"}
    frequent = select_rows(dev_rows, (), min_count=10)
    assert {row.id for row in frequent} == {row.id for row in dev_rows if row.count >= 10}
    assert [row.id for row in select_rows(dev_rows, ["ORG", "SLOGAN"], 2)] == [
        row.id for row in dev_rows if row.type in {"ORG", "SLOGAN"} and row.count >= 2
    ]


def test_columns_follow_the_languages_asked(dev_rows: list[GlossaryRow]) -> None:
    assert header() == HEADER
    bilingual = header(["zh-Hans", "en"])
    assert "zh-Hant" not in bilingual and "abbreviations_zh-Hant" not in bilingual and "en" in bilingual
    assert header(["zh-Hant"]) == [name for name in HEADER if "zh-Hans" not in name and not _english(name)]
    assert len(cells(dev_rows[0], ["zh-Hans", "en"])) == len(bilingual)


def _english(column: str) -> bool:
    return column in {"en", "english_status", "abbreviations_en", "variants_en", "definition", "english_note"}


def test_csv_has_header_and_neutralizes_formulas(tmp_path: Path) -> None:
    text = "=cmd|' /C calc'!A0 和 -2+3 与 @SUM(A1) 都写进了工信部文件。"
    mentions = [
        ("=cmd|' /C calc'!A0", "POLICY", mint_concept_id("POLICY", "=cmd|' /C calc'!A0")),
        ("-2+3", "SLOGAN", mint_concept_id("SLOGAN", "-2+3")),
        ("@SUM(A1)", "PROGRAM", mint_concept_id("PROGRAM", "@SUM(A1)")),
        ("工信部", "ORG", "org-miit"),
    ]
    rows = glossary_rows(build_graph([simple_doc("=doc", text, mentions)], fixture_thesaurus()))
    path = tmp_path / "glossary.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(rows, handle)
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == HEADER
    cells_written = [cell for line in table[1:] for cell in line]
    assert "'=cmd|' /C calc'!A0" in cells_written and "'-2+3" in cells_written and "'@SUM(A1)" in cells_written
    assert "'=doc" in cells_written
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells_written)
    assert len(table) == 1 + len(rows)
    assert rows[-1].id == "org-state_council" and rows[-1].count == 0  # 工信部's parent, never mentioned


def test_csv_bom_is_optional() -> None:
    rows = glossary_rows(
        build_graph([simple_doc("d", "工信部。", [("工信部", "ORG", "org-miit")])], fixture_thesaurus())
    )
    plain, marked = io.StringIO(), io.StringIO()
    write_csv(rows, plain)
    write_csv(rows, marked, ExportOptions(excel=True))
    assert marked.getvalue() == "\ufeff" + plain.getvalue()
    assert plain.getvalue().startswith("id,type,zh-Hans,zh-Hant,en,english_status,")
    assert "org-miit,ORG,工业和信息化部,工業和信息化部,Ministry of Industry and Information Technology,official" in (
        plain.getvalue()
    )


def test_tsv_is_one_line_per_row_whatever_the_cells_hold(dev_rows: list[GlossaryRow]) -> None:
    tricky = GlossaryRow(
        "slogan-x", "SLOGAN", "甲\t乙", "甲\n乙", "-a", "draft", (), (), (), (), (), (), 1, 1, ("d",),
        "第一行\r\n第二行", "d", "", "", "",
    )  # fmt: skip
    buffer = io.StringIO()
    write_tsv([*dev_rows, tricky], buffer, ExportOptions(excel=True, languages=["zh-Hans", "en"]))
    lines = buffer.getvalue().removeprefix("\ufeff").splitlines()
    assert len(lines) == 1 + len(dev_rows) + 1
    assert {len(line.split("\t")) for line in lines} == {len(header(["zh-Hans", "en"]))}
    assert lines[-1].split("\t")[2:4] == ["甲 乙", "'-a"] and "第一行 第二行" in lines[-1]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_a_neutralized_cell_never_starts_a_formula(cell: str) -> None:
    safe = neutralize(cell)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert safe.removeprefix("'") == cell or safe == cell


def test_pandas_reads_the_csv_and_tsv_as_written(dev_rows: list[GlossaryRow]) -> None:
    """The client most users open a glossary table with: every row, every column, counts as numbers, English as
    written (an untranslated row's English is empty, its note says why)."""
    import pandas as pd

    for writer, separator in ((write_csv, ","), (write_tsv, "\t")):
        handle = io.StringIO()
        writer(dev_rows, handle, ExportOptions())
        table = pd.read_csv(io.StringIO(handle.getvalue()), sep=separator, keep_default_na=False, dtype={"id": str})
        assert list(table.columns) == HEADER and len(table) == len(dev_rows)
        assert table["count"].dtype.kind == "i" and table["count"].tolist() == [row.count for row in dev_rows]
        assert table["en"].tolist() == [row.en for row in dev_rows]
        untranslated = table[table["english_status"] == "untranslated"]
        assert len(untranslated) and (untranslated["en"] == "").all()
        assert untranslated["english_note"].str.startswith("no draft: ").all()
        indicators = table[table["type"] == "INDICATOR"]
        assert (indicators["count"] >= 1).all() and (indicators["documents"] != "").all()
