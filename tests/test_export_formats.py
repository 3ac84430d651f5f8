"""The export registry: every format is one entry, written through one signature, chosen by name or suffix."""

from __future__ import annotations

import inspect
import io

import pytest

from kg.commands.glossary import configure
from kg.export.formats import FORMATS, format_for
from kg.export.rows import glossary_rows
from kg.export.writer import DEFAULTS, ExportOptions
from kg.rdf.graph import build_graph
from tests.test_graph import fixture_thesaurus, gold_doc


@pytest.fixture(scope="module")
def graph():
    return build_graph([gold_doc()], fixture_thesaurus())


@pytest.fixture(scope="module")
def rows(graph):
    return glossary_rows(graph)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_writes_through_the_one_signature(graph, rows, name):
    export = FORMATS[name]
    assert list(inspect.signature(export.write).parameters) == ["rows", "handle", "options"]
    assert inspect.signature(export.write).parameters["options"].default is DEFAULTS
    everything, chinese = io.StringIO(), io.StringIO()
    export.write(rows, everything, ExportOptions(graph=graph))
    export.write(rows, chinese, ExportOptions(languages=("zh-Hans",), graph=graph))
    assert "工业和信息化部" in everything.getvalue() and "工业和信息化部" in chinese.getvalue()
    assert "Ministry of Industry and Information Technology" in everything.getvalue()
    english_left_out = "Ministry of Industry and Information Technology" not in chinese.getvalue()
    assert english_left_out == export.languages  # a format that ignores --lang writes every language


def test_a_format_is_chosen_by_name_then_by_suffix_then_csv():
    assert format_for("tbx", ".csv").name == "tbx"
    by_suffix = {name for name, fmt in FORMATS.items() if fmt.by_suffix}
    assert {format_for(None, fmt.suffix.upper()).name for fmt in FORMATS.values()} == by_suffix
    assert set(FORMATS) - by_suffix == {"tbx-2008"} and format_for(None, ".tbx").name == "tbx"  # .tbx: 2019
    assert len({FORMATS[name].suffix for name in by_suffix}) == len(by_suffix)  # one format per suffix
    assert format_for(None, ".xlsx").name == format_for(None, None).name == "csv"


def test_the_command_offers_exactly_the_registered_formats():
    import argparse

    parser = argparse.ArgumentParser()
    configure(parser)
    choices = next(action.choices for action in parser._actions if action.dest == "format")
    assert list(choices) == list(FORMATS)


def test_excel_applies_to_tables_only(graph, rows):
    for export in FORMATS.values():
        handle = io.StringIO()
        export.write(rows, handle, ExportOptions(excel=True, graph=graph))
        assert handle.getvalue().startswith("\ufeff") == export.table
