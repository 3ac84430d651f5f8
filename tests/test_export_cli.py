"""``kg glossary``: every format from a built graph or its folder, filters, and one-line errors that write nothing."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from kg.cli import main
from kg.rdf.graph import build_graph
from tests.test_export_tbx import tbx_basic_problems
from tests.test_glossary import HEADER
from tests.test_graph import fixture_thesaurus, gold_doc


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as ``kg build`` leaves it: the dev transcript's graph in ``graph.ttl``."""
    folder = tmp_path_factory.mktemp("out")
    build_graph([gold_doc()], fixture_thesaurus()).serialize(folder / "graph.ttl", format="turtle")
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["glossary", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_csv_from_a_build_folder_with_a_summary(capsys, built: Path, tmp_path: Path) -> None:
    target = tmp_path / "glossary.csv"
    status, out, err = run(capsys, str(built), "-o", str(target))
    assert (status, err) == (0, "")
    with target.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == HEADER and table[0]["id"] == "org-miit"
    assert {row["english_status"] for row in table} == {"official", "draft", "untranslated"}
    assert f"{len(table)} terms written to {target} as csv" in out
    assert "% of " in out and "mentions are of terms with official English" in out


@pytest.mark.parametrize(
    ("suffix", "kind"), [(".tbx", "tbx"), (".ttl", "skos"), (".md", "md"), (".tsv", "tsv"), (".html", "html")]
)
def test_the_format_follows_the_file_suffix(capsys, built: Path, tmp_path: Path, suffix: str, kind: str) -> None:
    target = tmp_path / f"glossary{suffix}"
    status, out, _ = run(capsys, str(built / "graph.ttl"), "-o", str(target))
    assert status == 0 and f"as {kind}" in out
    text = target.read_text(encoding="utf-8")
    if kind == "tbx":
        assert tbx_basic_problems(ET.fromstring(text)) == []
    elif kind == "skos":
        assert len(set(Graph().parse(data=text, format="turtle").subjects(RDF.type, SKOS.Concept))) > 50
    elif kind == "md":
        assert text.startswith("# kg glossary") and "## ORG: organization" in text
    elif kind == "html":
        assert text.startswith("<!DOCTYPE html>") and '"id":"org-miit"' in text and "Content-Security-Policy" in text
    else:
        assert text.splitlines()[0].split("\t") == HEADER


def test_filters_and_languages(capsys, built: Path) -> None:
    status, out, _ = run(
        capsys, str(built), "--format", "csv", "--type", "person,org", "--type", "SLOGAN",
        "--min-count", "2", "--lang", "zh-hans", "--lang", "en",
    )  # fmt: skip
    assert status == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert table and {row["type"] for row in table} <= {"PERSON", "ORG", "SLOGAN"}
    assert all(int(row["count"]) >= 2 for row in table)
    assert "zh-Hant" not in table[0] and {"zh-Hans", "en", "english_status"} <= set(table[0])


def test_excel_flag_adds_a_byte_order_mark(capsys, built: Path, tmp_path: Path) -> None:
    target = tmp_path / "glossary.tsv"
    assert run(capsys, str(built), "-o", str(target), "--excel")[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfid\ttype\t")


def test_markdown_to_standard_output(capsys, built: Path) -> None:
    status, out, _ = run(capsys, str(built), "--format", "md", "--type", "PERSON")
    assert status == 0 and out.startswith("# kg glossary") and "## PERSON" in out and "## ORG" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["{missing}"], "no such file"),
        (["{empty_dir}"], "no graph.ttl in this folder"),
        (["{bad_turtle}"], "not valid Turtle"),
        (["{built}", "--type", "FIGURE"], "unknown --type FIGURE"),
        (["{built}", "--lang", "fr"], "unknown --lang fr"),
        (["{built}", "--min-count", "-1"], "--min-count must be 0 or more"),
        (["{built}", "--min-count", "1000"], "no term matches the filters"),
        (["{built}", "--format", "tbx", "--excel"], "--excel applies to csv and tsv"),
        (["{built}", "--format", "html", "--lang", "en"], "the html format shows every language"),
        (["{built}", "-o", "{tmp}/no/such/folder/g.csv"], "does not exist"),
        (["{built}", "-o", "{tmp}/previous.csv/g.csv"], "previous.csv is a file, not a folder"),
        (["{built}", "-o", "{tmp}"], "is a folder"),
    ],
)
def test_mistakes_are_one_line_and_leave_the_old_output(capsys, built: Path, tmp_path: Path, argv, message) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.ttl").write_text("@prefix broken", encoding="utf-8")
    previous = tmp_path / "previous.csv"
    previous.write_text("old content\n", encoding="utf-8")
    places = {"missing": tmp_path / "nope.ttl", "empty_dir": tmp_path / "empty", "bad_turtle": tmp_path / "bad.ttl"}
    filled = [arg.format(built=built, tmp=tmp_path, **places) for arg in argv]
    if "-o" not in filled:
        filled += ["-o", str(previous)]
    status, out, err = run(capsys, *filled)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("kg: error: ") and message in err
    assert previous.read_text(encoding="utf-8") == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "empty", "previous.csv"]
