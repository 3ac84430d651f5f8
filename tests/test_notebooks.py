"""The notebooks run as they are on the bundled examples, show what they promise, and are committed clean.

Each notebook is executed headless with nbclient in a scratch copy of the
repository's layout (``notebooks/`` beside ``examples/``), so the files it
writes to ``../out`` land in the scratch folder, not in the work tree.
"""

from __future__ import annotations

import base64
import csv
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import NotebookNode
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
BUILD_AND_QUERY, VISUALISE, GLOSSARY = NAMES = ("01-build-and-query.ipynb", "02-visualise.ipynb", "03-glossary.ipynb")

Cells = dict[str, NotebookNode]


def test_the_notebooks_are_the_three_of_the_readme() -> None:
    assert tuple(sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebooks_are_valid_and_have_no_outputs(name: str) -> None:
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(book)
    dirty = [
        cell.get("id") for cell in book.cells if cell.cell_type == "code" and (cell.outputs or cell.execution_count)
    ]
    assert not dirty, f"{name}: cells {dirty} hold outputs; strip them with .venv/bin/nbstripout notebooks/*.ipynb"
    assert book.metadata.kernelspec.name == "python3"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch folder laid out like the repository: notebooks/ and examples/."""
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(NOTEBOOKS, root / "notebooks")
    shutil.copytree(ROOT / "examples", root / "examples")
    return root


@pytest.fixture(scope="module")
def run(workspace: Path) -> Callable[[str], Cells]:
    """``run(name)``: the notebook executed top to bottom, once (a failing cell fails the test); its cells by id."""
    done: dict[str, Cells] = {}

    def execute(name: str) -> Cells:
        if name not in done:
            folder = workspace / "notebooks"
            book = nbformat.read(folder / name, as_version=4)
            client = NotebookClient(book, timeout=600, kernel_name="python3", resources={"metadata": {"path": folder}})
            client.execute()
            done[name] = {cell["id"]: cell for cell in book.cells}
        return done[name]

    return execute


def shown(cell: NotebookNode, mime: str = "text/plain") -> str:
    """What the cell displays (its result or last display) as ``mime``."""
    data = [output.data[mime] for output in cell.outputs if mime in output.get("data", {})]
    assert data, f"cell {cell.get('id')} shows no {mime}"
    return data[-1]


def printed(cell: NotebookNode) -> str:
    """What the cell printed to stdout."""
    return "".join(output.text for output in cell.outputs if output.get("name") == "stdout")


def table_rows(cell: NotebookNode, count: int) -> list[list[str]]:
    """The first ``count`` rows of the DataFrame a cell shows, split into cells (the index dropped)."""
    return [line.split()[1:] for line in shown(cell).splitlines()[1 : 1 + count]]


@pytest.mark.parametrize("name", NAMES)
def test_every_code_cell_runs_cleanly(run: Callable[[str], Cells], name: str) -> None:
    for cell_id, cell in run(name).items():
        if cell.cell_type == "code":
            assert cell.execution_count, f"{name}: cell {cell_id} did not run"
            noise = [output for output in cell.outputs if output.get("name") == "stderr"]
            assert not noise, f"{name}: cell {cell_id} wrote to stderr: {noise[0].text}"


def test_build_and_query_answers_the_readme_questions(run: Callable[[str], Cells]) -> None:
    cells = run(BUILD_AND_QUERY)
    assert printed(cells["build"]).startswith("3 documents")
    assert "<table" in shown(cells["q1"], "text/html")
    assert table_rows(cells["q1"], 1) == [["24.5%", "24.5", "%", "规模以上工业增加值", "一季度"]]
    assert ["工业和信息化部", "专精特新"] in [row[:2] for row in table_rows(cells["q2"], 10)]
    sparql, networkx = table_rows(cells["q3"], 5), table_rows(cells["q3-netx"], 5)
    assert sparql[0] == ["小巨人", "kg:SLOGAN", "3"]
    assert sparql == [[term, f"kg:{category}", sentences] for term, category, sentences in networkx]


def test_visualise_shows_an_offline_page_and_a_png(run: Callable[[str], Cells], workspace: Path) -> None:
    cells = run(VISUALISE)
    out = workspace / "out"
    assert "<iframe srcdoc=" in shown(cells["speakers"], "text/html")
    page = (out / "speakers.html").read_text(encoding="utf-8")
    assert "new vis.Network" in page and "<script src" not in page and "<link" not in page
    assert "黄利斌" in page and "Ministry of Industry and Information Technology" in page
    assert ["小巨人", "little", "giant", "SLOGAN", "cooccurs", "3"] in table_rows(cells["ego"], 3)
    png = base64.b64decode(shown(cells["png"], "image/png"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert [path.read_bytes() for path in out.glob("ego-*.png")] == [png]


def test_glossary_filters_and_exports(run: Callable[[str], Cells], workspace: Path) -> None:
    build = workspace / "out" / "glossary.csv"  # as `make run` leaves it: the notebook must not write over it
    build.parent.mkdir(exist_ok=True)
    build.write_text("id,type\n", encoding="utf-8")
    cells = run(GLOSSARY)
    assert build.read_text(encoding="utf-8") == "id,type\n"
    out = workspace / "out" / "exports"
    assert "<table" in shown(cells["rows"], "text/html")
    assert "SLOGAN" in shown(cells["slogans"]) and "PROGRAM" not in shown(cells["slogans"])
    assert (out / "glossary.csv").read_text(encoding="utf-8").startswith("\ufeffid,type,zh-Hans,zh-Hant,en")
    assert (out / "glossary.tsv").read_text(encoding="utf-8").startswith("id\ttype\tzh-Hans")
    assert ElementTree.parse(out / "glossary.tbx").getroot().get("type") == "TBX-Basic"
    scheme = Graph().parse(out / "glossary.ttl", format="turtle")
    assert (None, RDF.type, SKOS.ConceptScheme) in scheme
    assert "专精特新" in (out / "glossary.md").read_text(encoding="utf-8")
    with open(out / "to-translate.csv", encoding="utf-8", newline="") as handle:
        to_translate = list(csv.DictReader(handle))
    assert to_translate and {row["english_status"] for row in to_translate} <= {"draft", "untranslated", "missing"}
    slogans = shown(cells["subset"], "text/markdown")
    assert slogans.startswith("# Slogans") and "| zh-Hans | English |" in slogans and "| zh-Hant |" not in slogans
