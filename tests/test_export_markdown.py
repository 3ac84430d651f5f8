"""Markdown export: a table per type whose rows no term can break."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.export.markdown import escape, write_markdown
from kg.export.rows import GlossaryRow, glossary_rows
from kg.export.writer import ExportOptions
from kg.rdf.graph import build_graph
from tests.test_graph import fixture_thesaurus, gold_doc

_CELL_BORDER = re.compile(r"(?<!\\)\|")


@pytest.fixture(scope="module")
def dev_rows() -> list[GlossaryRow]:
    return glossary_rows(build_graph([gold_doc()], fixture_thesaurus()))


def markdown_of(rows: list[GlossaryRow], **options) -> str:
    buffer = io.StringIO()
    write_markdown(rows, buffer, ExportOptions(**options))
    return buffer.getvalue()


def tables(text: str) -> dict[str, list[list[str]]]:
    """Section heading → its table's rows, split on unescaped pipes."""
    found: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:]
            found[heading] = []
        elif line.startswith("|"):
            found[heading].append([cell.strip() for cell in _CELL_BORDER.split(line)[1:-1]])
    return found


def test_one_table_per_type_in_the_contract_order(dev_rows: list[GlossaryRow]) -> None:
    sections = tables(markdown_of(dev_rows))
    order = [heading.split(":")[0] for heading in sections]
    assert order == [t for t in ("ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN", "INDICATOR") if t in order]
    assert sections["ORG: organization, 机构 (" + str(sum(r.type == "ORG" for r in dev_rows)) + ")"]
    for rows in sections.values():
        assert rows[0] == ["zh-Hans", "zh-Hant", "English", "status", "abbreviations", "count", "context"]
        assert {len(row) for row in rows} == {7}
    assert sum(len(rows) - 2 for rows in sections.values()) == len(dev_rows)


def test_official_and_draft_english_are_told_apart(dev_rows: list[GlossaryRow]) -> None:
    text = markdown_of(dev_rows)
    org = next(rows for heading, rows in tables(text).items() if heading.startswith("ORG"))
    miit = next(row for row in org if row[0] == "工业和信息化部")
    assert miit[2:6] == ["Ministry of Industry and Information Technology", "official", "工信部; MIIT", "25"]
    draft = next(row for row in dev_rows if row.english_status == "draft")
    assert f"| *{escape(draft.en)}* | draft |" in text
    assert "not an official translation" in text and "CC BY-SA 4.0" in text


def test_languages_can_be_chosen(dev_rows: list[GlossaryRow]) -> None:
    text = markdown_of(dev_rows, languages=["zh-Hant"])
    first = next(iter(tables(text).values()))
    assert first[0] == ["zh-Hant", "abbreviations", "count", "context"]
    assert "CC-CEDICT" not in text and "*" not in text.replace("\\*", "")


def test_a_term_cannot_break_its_table() -> None:
    row = GlossaryRow(
        "slogan-x", "SLOGAN", "甲|乙", "甲|乙", "*a* | `b` <i>", "draft", ("x_y",), (), (), (), (), (), 1, 1, ("d",),
        "第一行\n| 第二行", "d", "", "", "composed by kg: x",
    )  # fmt: skip
    (rows,) = tables(markdown_of([row])).values()
    assert len(rows[2]) == 7 and rows[2][0] == r"甲\|乙" and rows[2][2] == r"*\*a\* \| \`b\` \<i\>*"


@given(st.text(max_size=40))
def test_escaped_text_is_one_line_without_live_markup(text: str) -> None:
    escaped = escape(text)
    assert "\n" not in escaped and not _CELL_BORDER.search(escaped)
    assert re.sub(r"\\(.)", r"\1", escaped) == " ".join(text.split())
