"""The glossary of the dev transcript and its CSV, including cells a spreadsheet would run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kg.glossary import GlossaryRow, glossary_rows, write_csv
from kg.graph import build_graph
from kg.ids import mint_concept_id
from tests.test_graph import DEV, fixture_thesaurus, gold, gold_doc, simple_doc

HEADER = [
    "id", "type", "zh-Hans", "zh-Hant", "en", "abbreviations_zh", "abbreviations_en",
    "english_status", "count", "documents", "context", "context_document",
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
    assert (miit.abbreviations_zh, miit.abbreviations_en) == (("工信部",), ("MIIT",))
    assert (miit.english_status, miit.count, miit.documents) == ("official", 25, (DEV,))
    assert miit.context_document == DEV
    assert "工業和信息化部" in miit.context or "工信部" in miit.context


def test_extracted_row_has_no_english(dev_rows: list[GlossaryRow]) -> None:
    xinhua = next(row for row in dev_rows if row.id == "org-xinhua")
    assert (xinhua.zh_hans, xinhua.zh_hant, xinhua.en, xinhua.english_status) == ("新华社", "新華社", "", "missing")
    assert xinhua.count == 1 and "新華社" in xinhua.context


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
    write_csv(rows, path)
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == HEADER
    cells = [cell for line in table[1:] for cell in line]
    assert "'=cmd|' /C calc'!A0" in cells and "'-2+3" in cells and "'@SUM(A1)" in cells and "'=doc" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert len(table) == 1 + len(rows)
    assert rows[-1].id == "org-state_council" and rows[-1].count == 0  # 工信部's parent, never mentioned


def test_csv_bom_is_optional() -> None:
    rows = glossary_rows(
        build_graph([simple_doc("d", "工信部。", [("工信部", "ORG", "org-miit")])], fixture_thesaurus())
    )
    plain, marked = io.StringIO(), io.StringIO()
    write_csv(rows, plain)
    write_csv(rows, marked, bom=True)
    assert marked.getvalue() == "\ufeff" + plain.getvalue()
    assert plain.getvalue().startswith("id,type,zh-Hans,zh-Hant,en,")
    assert "org-miit,ORG,工业和信息化部,工業和信息化部" in plain.getvalue()
