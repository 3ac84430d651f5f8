"""The named queries: the same answers from rdflib, Oxigraph in memory and the Oxigraph store; parameters."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal, InvalidOperation

import pytest

from kg.cli import main
from kg.rdf.query import QueryError, bind_parameters, load_graph, named_queries, named_query, parameters, run_query
from kg.rdf.store import load_file, open_store, rdflib_view
from tests.conftest import DATA, DEV

NOTE = "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。工业和信息化部推动“专精特新”发展。\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The dev transcript, a work report and a note, built once into files and a store."""
    root = tmp_path_factory.mktemp("built")
    (root / "docs").mkdir()
    shutil.copy(DEV.with_suffix(".txt"), root / "docs" / "scio-2021-04-20.txt")
    shutil.copy(DATA / "gwr" / "gwr-2015.txt", root / "docs" / "gwr-2015.txt")
    (root / "docs" / "note-2024.txt").write_text(NOTE, encoding="utf-8")
    status = main(["build", str(root / "docs"), "-o", str(root / "out"), "--store", str(root / "store"), "-j", "1"])
    assert status == 0
    return root


@pytest.fixture(scope="module")
def engines(built):
    return {
        "rdflib": load_graph(built / "out" / "graph.ttl"),
        "oxigraph": rdflib_view(open_store(built / "store")),
        "oxigraph memory": load_file(built / "out" / "graph.ttl"),
        "oxigraph memory, trig": load_file(built / "out" / "graph.trig"),
    }


def rows(graph, sparql: str) -> list[dict[str, str]]:
    return json.loads(run_query(graph, sparql, "json"))


def comparable(row: dict[str, str]) -> tuple:
    """A row with numbers compared by value: Oxigraph writes 24.5 where rdflib keeps 24.50 or 290000.0."""

    def value(cell: str) -> str:
        try:
            return str(Decimal(cell).normalize())
        except InvalidOperation:
            return cell

    return tuple(sorted((name, value(cell)) for name, cell in row.items()))


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_named_query_answers_the_same_on_rdflib_and_oxigraph(engines, name):
    text = named_query(name).text
    answers = {engine: sorted(map(comparable, rows(graph, text))) for engine, graph in engines.items()}
    assert answers["rdflib"], f"{name} found nothing"
    assert answers["rdflib"] == answers["oxigraph"] == answers["oxigraph memory"] == answers["oxigraph memory, trig"]


def test_a_parameter_replaces_the_default_value_in_either_script(engines):
    text = named_query("figures-by-speaker").text
    assert parameters(text) == {"name": "黄利斌"}
    default = rows(engines["oxigraph"], text)
    assert default[0]["figure"] == "24.5%" and len(default) > 10
    for name in ("趙志國", "赵志国"):
        other = rows(engines["oxigraph"], bind_parameters(text, {"name": name}))
        assert other and other[0]["figure"] == "29萬款" and not {r["figure"] for r in other} & {"24.5%"}
    gdp = rows(engines["oxigraph"], named_query("figures-by-indicator").text)
    employment = rows(
        engines["oxigraph"], bind_parameters(named_query("figures-by-indicator").text, {"name": "城镇新增就业"})
    )
    assert gdp and employment and {row["document"] for row in gdp} == {"gwr-2015"}
    assert {row["figure"] for row in gdp}.isdisjoint(row["figure"] for row in employment)


def test_slogans_are_counted_by_the_year_of_their_document(engines):
    by_year = [row for row in rows(engines["oxigraph"], named_query("slogans-by-year").text) if row["slogan"] == "六稳"]
    assert [(row["year"], row["slogan"], row["documents"]) for row in by_year] == [
        ("2021", "六稳", "1"),  # the transcript, scio-2021-04-20
        ("2024", "六稳", "1"),  # the note, note-2024
    ]


def test_every_named_query_says_what_it_answers_and_declares_its_parameters():
    for query in named_queries().values():
        assert query.description, query.name
        for parameter in query.parameters:
            assert f"?{parameter}" in query.text.split("PREFIX", 1)[0], (query.name, parameter)


def test_binding_a_value_escapes_it_and_an_unknown_parameter_is_an_error():
    text = 'SELECT * WHERE { VALUES ?name { UNDEF } VALUES ?label { "x"@zh-Hans "x"@zh-Hant } ?s ?p ?name }'
    assert parameters(text) == {"name": "UNDEF", "label": "x"}
    assert 'VALUES ?name { "a\\"b" }' in bind_parameters(text, {"name": 'a"b'})
    assert 'VALUES ?label { "y"@zh-Hans "y"@zh-Hant }' in bind_parameters(text, {"label": "y"})
    with pytest.raises(QueryError, match=r"no parameter \?speaker \(its parameters: \?name, \?label\)"):
        bind_parameters(text, {"speaker": "x"})
    with pytest.raises(QueryError, match="no named query 'nope'; there are: "):
        named_query("nope")


def test_the_answers_a_built_store_keeps_are_those_of_the_queries_run_on_it(built):
    from kg.rdf.query import query_store
    from kg.rdf.store import ANSWERS, KEPT_ANSWERS

    assert (built / "store" / ANSWERS).is_file()
    live = rdflib_view(open_store(built / "store"))
    try:
        for name in KEPT_ANSWERS:
            text = named_query(name).text
            assert query_store(built / "store", text, "csv") == run_query(live, text, "csv")
    finally:
        live.close()


def test_the_command_runs_named_queries_on_a_folder_or_a_store(capsys, built):
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in named_queries())
    for source in (["query", str(built / "out")], ["query", "--store", str(built / "store")]):
        status = main([*source, "--named", "cooccurring-terms", "--bind", "name=小巨人", "--format", "csv"])
        out, err = capsys.readouterr()
        assert status == 0 and err == "" and out.startswith("term,category,sentences\n专精特新,kg:SLOGAN,3\n")
    assert main(["query", "--store", str(built / "store"), "--named", "glossary", "--bind", "type"]) == 1
    assert "--bind takes NAME=VALUE" in capsys.readouterr().err
