"""The Oxigraph store: incremental sync by document, interrupted syncs, serialization that keeps the terms."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef

import kg.rdf.store
from kg.corpus import extract_document
from kg.export.rows import glossary_rows
from kg.rdf.namespaces import new_graph
from kg.rdf.store import (
    MANIFEST,
    StoreError,
    check_store,
    load_file,
    load_store,
    open_store,
    rdflib_view,
    serialize,
    sync_store,
)
from kg.text.inputs import InputError, Source

#: rdflib's own TriG parser and Dataset use the API rdflib deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*(ConjunctiveGraph|default_context).*:DeprecationWarning")

TEXTS = {
    "a": "工业和信息化部表示,1—3月全国规模以上工业增加值同比增长24.5%。\n",
    "b": "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。\n",
    "c": "国家发展改革委会同有关部门实施“专精特新”中小企业高质量发展行动。\n",
}


def result(doc_id: str, text: str | None = None):
    return extract_document(Source(doc_id, text or TEXTS[doc_id], {}))


def documents(*results) -> dict[str, tuple[str, str]]:
    return {str(r.iri): (r.key, r.own) for r in results}


def quads(store: ox.Store) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in store}


def test_a_sync_loads_only_new_and_changed_documents_and_drops_removed_ones(tmp_path):
    folder = tmp_path / "store"
    a, b, c = result("a"), result("b"), result("c")
    store, changes = sync_store(folder, documents(a, b, c), "")
    assert (changes.loaded, changes.unchanged, changes.full_reload) == (3, 0, True)
    del store  # an open store holds Oxigraph's lock
    store, changes = sync_store(folder, documents(a, b, c), a.shared)
    assert (changes.loaded, changes.unchanged, changes.removed, changes.full_reload) == (0, 3, 0, False)
    del store
    changed = result("a", TEXTS["a"].replace("24.5%", "18.7%"))
    store, changes = sync_store(folder, documents(changed, b, c), b.shared)
    assert (changes.loaded, changes.unchanged, changes.removed, changes.full_reload) == (1, 2, 0, False)
    assert quads(store) == quads(load_store(documents_graphs(changed, b, c), b.shared))
    del store
    store, changes = sync_store(folder, documents(changed, b), "")
    assert (changes.loaded, changes.unchanged, changes.removed, changes.full_reload) == (0, 2, 1, False)
    assert quads(store) == quads(load_store(documents_graphs(changed, b), ""))
    assert json.loads((folder / MANIFEST).read_text())["graphs"] == {str(r.iri): r.key for r in (changed, b)}
    del store
    store, changes = sync_store(folder, documents(c), "")  # most of it changed: cleared and loaded anew
    assert (changes.loaded, changes.removed, changes.full_reload) == (1, 2, True)
    assert quads(store) == quads(load_store(documents_graphs(c), ""))


def documents_graphs(*results) -> dict[str, str]:
    return {str(r.iri): r.own for r in results}


def test_an_interrupted_sync_is_refused_by_readers_and_reloaded_by_the_next_one(tmp_path, monkeypatch):
    folder = tmp_path / "store"
    a, b = result("a"), result("b")
    store, _ = sync_store(folder, documents(a), "")
    del store
    assert check_store(folder)["complete"] is True

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.rdf.store, "_quads", interrupted)
    with pytest.raises(KeyboardInterrupt):
        sync_store(folder, documents(a, b), "")
    with pytest.raises(StoreError, match="interrupted build"):
        open_store(folder)
    monkeypatch.undo()
    store, changes = sync_store(folder, documents(a, b), "")
    assert changes.full_reload and changes.loaded == 2
    assert quads(store) == quads(load_store(documents_graphs(a, b), ""))


def test_a_folder_kg_did_not_build_is_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        sync_store(tmp_path, documents(result("a")), "")
    with pytest.raises(StoreError, match="not a store"):
        open_store(tmp_path)
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_written_files_keep_datatypes_and_the_case_of_language_tags():
    a, b = result("a"), result("b")
    graphs, default = documents_graphs(a, b), a.shared + b.shared
    expected = Graph().parse(data="".join([*graphs.values(), default]), format="nt")
    turtle = Graph().parse(data=serialize(graphs, default, "turtle").decode(), format="turtle")
    assert set(turtle) == set(expected)
    assert any(isinstance(o, Literal) and o.language == "zh-Hant" for o in turtle.objects())
    assert serialize(graphs, default, "turtle") == serialize(dict(reversed(graphs.items())), default, "turtle")


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    language=st.sampled_from(["zh-Hans", "zh-Hant", "en", "zh-Hant-TW", "en-GB"]),
)
def test_any_literal_and_tag_survive_a_round_trip(text, language):
    graph = new_graph()
    literal = Literal(text, lang=language)
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), literal))
    graph.add(
        (URIRef("https://example.org/s"), URIRef("https://example.org/q"), Literal(f'"@{language.lower()} {text}'))
    )
    statements = graph.serialize(format="nt")
    turtle = serialize({"https://example.org/g": statements}, "", "turtle").decode()
    assert set(Graph().parse(data=turtle, format="turtle")) == set(graph)
    trig = serialize({"https://example.org/g": statements}, "", "trig").decode()
    dataset = Dataset().parse(data=trig, format="trig")
    assert set(dataset.graph(URIRef("https://example.org/g"))) == set(graph)


def test_queries_through_rdflib_run_in_oxigraph_with_the_same_answers(dev_text):
    transcript = extract_document(Source("dev", dev_text, {}))
    graphs = {str(transcript.iri): transcript.own}
    memory = Graph().parse(data=transcript.own + transcript.shared, format="nt")
    view = rdflib_view(load_store(graphs, transcript.shared))
    assert glossary_rows(view) == glossary_rows(memory)


def test_a_file_loaded_into_memory_keeps_its_named_graphs_and_reports_bad_syntax_in_one_line(tmp_path) -> None:
    trig = tmp_path / "graph.trig"
    trig.write_text(
        '<https://x.org/d1> { <https://x.org/a> <https://x.org/p> "甲"@zh-Hans . }\n'
        '<https://x.org/d2> { <https://x.org/b> <https://x.org/p> "乙" . }\n',
        encoding="utf-8",
    )
    view = load_file(trig)
    graphs = {str(row[0]) for row in view.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs == {"https://x.org/d1", "https://x.org/d2"}
    assert len(list(view.query("SELECT ?s WHERE { ?s ?p ?o }"))) == 2  # the union, as kg query sees it
    trig.write_text('<https://x.org/d1> { <https://x.org/a> <https://x.org/p> "甲 . }\n', encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_file(trig)
    assert "not valid TriG" in str(raised.value) and len(str(raised.value).splitlines()) == 1
