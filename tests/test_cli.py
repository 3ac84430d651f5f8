"""The ``kg`` command end to end, on the bundled documents and on bad input."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import pytest

from kg.cli import main
from tests.conftest import DEV


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_extract_json_follows_the_contract(capsys, dev_text):
    status, out, _ = run(capsys, "extract", str(DEV.with_suffix(".txt")), "--format", "json")
    result = json.loads(out)
    assert status == 0 and set(result) >= {"entities", "figures", "turns"}
    for entity in result["entities"]:
        assert dev_text[entity["start"] : entity["end"]] == entity["text"]
        assert entity["type"] in {"ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN", "FIGURE"} and entity["concept"]
    figure_spans = {(f["start"], f["end"]) for f in result["figures"]}
    assert figure_spans == {(e["start"], e["end"]) for e in result["entities"] if e["type"] == "FIGURE"}
    assert {"speaker", "person", "roles", "org"} <= set(result["turns"][0])


def test_extract_table_is_readable(capsys):
    status, out, _ = run(capsys, "extract", str(DEV.with_suffix(".txt")), "--format", "table")
    assert status == 0
    assert "工業和信息化部" in out and "24.5%" in out and "黃利斌" in out


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(DEV.with_suffix(".txt"), folder / "scio.txt")
    (folder / "note.txt").write_text(
        "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。\n", encoding="utf-8"
    )
    return folder


def test_build_writes_graph_and_glossary_and_a_summary(capsys, corpus, tmp_path):
    out = tmp_path / "out"
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(out))
    assert status == 0
    assert {p.name for p in out.iterdir()} == {"graph.ttl", "graph.trig", "glossary.csv", "glossary.html", ".kg-cache"}
    for line in ("documents   2", "mentions", "concepts", "figures", "turns", "triples"):
        assert line in summary
    header = (out / "glossary.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "zh-Hans" in header and "en" in header

    status, table, _ = run(
        capsys, "query", str(out / "graph.ttl"),
        "SELECT ?label WHERE { ?c skos:prefLabel ?label FILTER(lang(?label) = 'en' && STR(?label) = 'State Council') }",
    )  # fmt: skip
    assert status == 0 and "State Council" in table and "(1 row)" in table


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\xb9\xfa\xce\xf1\xd4\xba", "not valid UTF-8"),  # 国务院 in GBK
        (b"PK\x03\x04\x00\x00", "binary"),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_written(capsys, tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "out"
    for argv in (("extract", str(bad)), ("build", str(bad), "-o", str(out))):
        status, stdout, err = run(capsys, *argv)
        assert status != 0 and stdout == ""
        assert len(err.strip().splitlines()) == 1 and message in err and "bad.txt" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_bad_file_in_a_folder_is_reported_and_the_rest_is_built(capsys, corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    out = tmp_path / "out"
    status, summary, err = run(capsys, "build", str(corpus), "-o", str(out))
    assert status == 1
    assert err.splitlines() == [line for line in err.splitlines() if line.startswith("kg: error: ")]
    assert len(err.splitlines()) == 1 and "broken.txt" in err and "binary" in err
    assert "documents   2 (" in summary and "1 failed" in summary
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "kgd:scio" in graph and "kgd:note" in graph and "broken" not in graph


def test_a_missing_path_stops_the_build_before_anything_is_read_or_written(capsys, corpus, tmp_path):
    out = tmp_path / "out"
    status, stdout, err = run(capsys, "build", str(corpus), str(tmp_path / "missing"), "-o", str(out))
    assert (
        status == 1 and stdout == "" and err.strip() == f"kg: error: {tmp_path / 'missing'}: no such file or directory"
    )
    assert not out.exists()


def test_directory_without_text(capsys, tmp_path):
    status, _, err = run(capsys, "build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert status != 0 and "holds no document (*.txt" in err and str(tmp_path) in err


def test_query_errors_are_one_line(capsys, tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n", encoding="utf-8")
    status, _, err = run(capsys, "query", str(graph), "SELECT ?x WHERE { ?x ")
    assert status != 0 and err.startswith("kg: error:") and len(err.strip().splitlines()) == 1
    graph.write_text("this is not turtle", encoding="utf-8")
    status, _, err = run(capsys, "query", str(graph), "SELECT * WHERE { ?s ?p ?o }")
    assert status != 0 and "not valid Turtle" in err and len(err.strip().splitlines()) == 1
    (tmp_path / "empty").mkdir()
    status, _, err = run(capsys, "query", str(tmp_path / "empty"), "SELECT * WHERE { ?s ?p ?o }")
    assert status != 0 and "no graph.ttl in this folder" in err and len(err.strip().splitlines()) == 1


def test_eval_prints_the_per_type_table(capsys, tmp_path):
    for suffix in (".txt", ".gold.json"):  # the transcript alone, as this test was written for
        shutil.copy(DEV.with_suffix(suffix), tmp_path)
    status, out, _ = run(capsys, "eval", str(tmp_path))
    assert status == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert {"ORG", "PERSON", "POLICY", "PROGRAM", "SLOGAN", "FIGURE", "micro", "linking"} <= set(rows)
    assert float(rows["micro"][-1]) >= 0.85


def test_console_script_runs():
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", "/nonexistent.txt"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and done.stderr.startswith("kg: error: /nonexistent.txt")


def test_every_error_a_user_can_meet_is_a_kg_error():
    """One base class, so the command line prints every expected failure the same way, in one line."""
    import importlib
    import inspect
    import pkgutil

    import kg
    from kg.errors import KgError
    from kg.forked import ForkedBug
    from kg.recognize.component import DeclarationError

    defined = set()
    for module_info in pkgutil.walk_packages(kg.__path__, "kg."):
        module = importlib.import_module(module_info.name)
        defined |= {
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Exception) and cls.__module__ == module.__name__
        }
    assert len(defined) >= 10
    programming_errors = {DeclarationError, ForkedBug}  # a bug shows its traceback
    assert {cls for cls in defined if not issubclass(cls, KgError)} == programming_errors


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # rdflib's own JSON-LD parser, reading it back
def test_a_graph_answer_is_turtle_json_ld_or_csv_with_the_projects_prefixes_and_tags(capsys, corpus, tmp_path):
    """CONSTRUCT printed Turtle whatever --format said, with ns1: for kg: and the store's lowercased zh-hant."""
    import pandas as pd
    from rdflib import Graph, Literal

    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1")[0] == 0
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    sparql = f"CONSTRUCT {{ ?c {label} ?l }} WHERE {{ ?c {label} ?l FILTER(lang(?l) = 'zh-hant') }} LIMIT 20"
    answers = {}
    for output in ("table", "json", "csv"):
        status, answers[output], _ = run(capsys, "query", str(tmp_path / "out"), sparql, "--format", output)
        assert status == 0
    turtle = Graph().parse(data=answers["table"], format="turtle")
    assert "@prefix kgc: <https://w3id.org/cnpolicy/concept/>" in answers["table"] and "ns1:" not in answers["table"]
    assert len(turtle) == 20 and {o.language for o in turtle.objects() if isinstance(o, Literal)} == {"zh-Hant"}
    assert set(Graph().parse(data=answers["json"], format="json-ld")) == set(turtle)
    assert json.loads(answers["json"])["@context"]["kgc"] == "https://w3id.org/cnpolicy/concept/"
    table = pd.read_csv(io.StringIO(answers["csv"]))
    assert list(table.columns) == ["subject", "predicate", "object"] and len(table) == 20
    assert table["subject"].str.startswith("kgc:").any()


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
        "# a comment\nPREFIX ex: <http://example.org/>\nBASE <http://example.org/>\ndelete where { ?s ?p ?o }",
        "CLEAR ALL",
    ],
)
def test_a_sparql_update_is_said_to_be_one_not_a_syntax_error(capsys, tmp_path, update):
    """Oxigraph's query parser said only 'error at 1:1: expected CONSTRUCT'."""
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n", encoding="utf-8")
    status, _, err = run(capsys, "query", str(graph), update)
    assert status == 1 and err.startswith("kg: error: this is a SPARQL update; kg query runs queries (SELECT, ")
    assert len(err.splitlines()) == 1
    status, _, err = run(capsys, "query", str(graph), "SELECT ?deleted WHERE { ?deleted ?p ?o } LIMIT ; INSERT")
    assert status == 1 and err.startswith("kg: error: SPARQL syntax error")


def test_a_misspelled_query_is_a_syntax_error_and_a_mistyped_file_a_missing_file(capsys, tmp_path):
    """The first keyword does not decide: `SELEC ?x WHERE {` was taken for a file name (issue 15)."""
    graph = tmp_path / "g.ttl"
    graph.write_text("@prefix ex: <http://example.org/> . ex:a ex:b ex:c .\n", encoding="utf-8")
    status, _, err = run(capsys, "query", str(graph), "SELEC ?x WHERE {")
    assert status == 1 and err.startswith("kg: error: SPARQL syntax error") and len(err.splitlines()) == 1
    status, _, err = run(capsys, "query", str(graph), "select ?x where { ?x ?p ?o }")
    assert status == 0
    for name in ("figures.rq", "my queries/q.sparql", "SELEC"):
        status, _, err = run(capsys, "query", str(graph), str(tmp_path / name) if "/" in name else name)
        assert status == 1 and "no such file" in err and len(err.splitlines()) == 1, err
    saved = tmp_path / "all"  # a file named without a suffix, whatever it holds, is read
    saved.write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    status, out, _ = run(capsys, "query", str(graph), str(saved))
    assert status == 0 and "http://example.org/a" in out
