"""The Oxigraph store: incremental sync by document, interrupted syncs, serialization that keeps the terms."""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import threading
import time

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyparsing import ParseException
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV

import kg.corpus
import kg.entries
import kg.rdf.store
from kg.batches import batched
from kg.corpus import Assembler, Assembly, Shards, document_key
from kg.export.corpus import corpus_glossary
from kg.export.rows import glossary_rows
from kg.rdf import sparql
from kg.rdf.namespaces import KG
from kg.rdf.sparql import select, select_each
from kg.rdf.store import (
    MANIFEST,
    VOCABULARY,
    StoreError,
    check_store,
    load_file,
    memory_store,
    open_store,
    rdflib_view,
    read_manifest,
    sync_store,
    vocabulary_store,
)
from kg.rdf.terms import DOCUMENTS
from kg.recognize.pipeline import extract
from kg.text.inputs import InputError, Source

#: rdflib's own TriG parser and Dataset use the API rdflib deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*(ConjunctiveGraph|default_context).*:DeprecationWarning")

TEXTS = {
    "a": "工业和信息化部表示,1—3月全国规模以上工业增加值同比增长24.5%。\n",
    "b": "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。\n",
    "c": "国家发展改革委会同有关部门实施“专精特新”中小企业高质量发展行动。\n",
}


@pytest.fixture
def shards(tmp_path) -> Shards:
    return Shards(tmp_path / "shards")


def result(shards: Shards, doc_id: str, text: str | None = None):
    source = Source(doc_id, text or TEXTS[doc_id], {})
    return shards.write(extract(source.text, doc_id), document_key(source))


def assembly(shards: Shards, *results):
    assembler = Assembler(shards)
    for rank, each in enumerate(results):
        assembler.add(each, rank)
    return assembler.assemble()


def quads(store: ox.Store) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in store}


@pytest.mark.parametrize("moved", [False, True])
def test_a_sync_loads_only_new_and_changed_documents_and_drops_removed_ones(tmp_path, shards, moved, monkeypatch):
    """``moved``: the corpus's entries in SQLite, walked beside the manifest as they come from there."""
    if moved:
        monkeypatch.setattr(kg.entries, "IN_MEMORY", 0)
    folder = tmp_path / "store"
    a, b, c = (result(shards, name) for name in "abc")
    store, changes = sync_store(folder, assembly(shards, a, b, c))
    assert (changes.loaded, changes.unchanged, changes.full_reload) == (3, 0, True)
    assert quads(store) == quads(memory_store(assembly(shards, a, b, c)))
    del store  # an open store holds Oxigraph's lock
    store, changes = sync_store(folder, assembly(shards, a, b, c))
    assert (changes.loaded, changes.unchanged, changes.removed, changes.full_reload) == (0, 3, 0, False)
    del store
    changed = result(shards, "a", TEXTS["a"].replace("24.5%", "18.7%"))
    store, changes = sync_store(folder, assembly(shards, changed, b, c))
    assert (changes.loaded, changes.unchanged, changes.removed, changes.full_reload) == (1, 2, 0, False)
    assert quads(store) == quads(memory_store(assembly(shards, changed, b, c)))
    del store
    store, changes = sync_store(folder, assembly(shards, changed, b))
    assert (changes.loaded, changes.unchanged, changes.removed, changes.full_reload) == (0, 2, 1, False)
    assert quads(store) == quads(memory_store(assembly(shards, changed, b)))
    listed = [json.loads(line) for line in (folder / MANIFEST).read_text().splitlines()]
    vocabulary = hashlib.sha256((folder / VOCABULARY).read_bytes()).hexdigest()
    header = {"version": 2, "complete": True, "vocabulary": vocabulary}
    assert listed == [header, *sorted([r.doc_id, r.key] for r in (changed, b))]
    del store
    store, changes = sync_store(folder, assembly(shards, c))  # most of it changed: cleared and loaded anew
    assert (changes.loaded, changes.removed, changes.full_reload) == (1, 2, True)
    assert quads(store) == quads(memory_store(assembly(shards, c)))


@pytest.mark.parametrize(
    "in_memory, block", [(None, None), (0, None), (100_000, 100)], ids=["in memory", "on disk", "on disk, blocks held"]
)
def test_the_vocabulary_store_holds_the_default_graph_alone_and_gives_the_whole_glossary(
    dev_text, shards, in_memory, block, tmp_path, monkeypatch
):
    if block:  # blocks of 100 lines: some held in memory, the rest read as they are loaded on disk
        monkeypatch.setattr(kg.corpus, "_DEFAULT_PAIRS", block)
    corpus = assembly(shards, *(result(shards, name) for name in "abc"), result(shards, "dev", dev_text))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    with vocabulary_store(corpus, in_memory) as vocabulary:
        folders = list((tmp_path / "temporary").iterdir())  # a folder of Oxigraph's files, only if on disk
        assert [any(folder.iterdir()) for folder in folders] == ([] if in_memory is None else [True])
        check_vocabulary_store(corpus, vocabulary)
    assert not any(folder.exists() for folder in folders)


def check_vocabulary_store(corpus: Assembly, vocabulary: ox.Store) -> None:
    whole = memory_store(corpus)
    default = {quad for quad in quads(whole) if quad[3] == "DEFAULT"}
    activity = {quad for quad in default if quad[0].startswith(f"<{DOCUMENTS}build/")}  # names every document
    assert {quad[2] for quad in activity if quad[1] == f"<{PROV.used}>"} == {
        f"<{entry.iri}>" for entry in corpus.entries
    }
    figures = {quad[0] for quad in default if quad[1:3] == (f"<{KG.category}>", f"<{KG.FIGURE}>")}
    assert len(figures) > 50  # a concept for each fact the dev transcript reports
    assert quads(vocabulary) == {quad for quad in default - activity if quad[0] not in figures}
    assert len(quads(vocabulary)) < len(quads(whole)) / 2
    rows, page = corpus_glossary(vocabulary, corpus)
    assert rows == glossary_rows(rdflib_view(whole)) and any(row.documents == ("dev",) for row in rows)
    assert page == corpus_glossary(whole, corpus)[1] and any("figures" in concept for concept in page["concepts"])


@pytest.mark.parametrize("step", ["_load", "_change_statements"])
def test_an_interrupted_sync_is_refused_by_readers_and_reloaded_by_the_next_one(tmp_path, shards, step, monkeypatch):
    """``step``: loading the documents, or changing the vocabulary by what differs (some of it changed already)."""
    folder = tmp_path / "store"
    a, b = result(shards, "a"), result(shards, "b")
    store, _ = sync_store(folder, assembly(shards, a))
    del store
    assert check_store(folder)["complete"] is True

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.rdf.store, step, interrupted)
    with pytest.raises(KeyboardInterrupt):
        sync_store(folder, assembly(shards, a, b))
    with pytest.raises(StoreError, match="interrupted build"):
        open_store(folder)
    monkeypatch.undo()
    store, changes = sync_store(folder, assembly(shards, a, b))
    assert changes.full_reload and changes.loaded == 2
    assert quads(store) == quads(memory_store(assembly(shards, a, b)))


@pytest.mark.parametrize(
    "left",
    ["as synced", "changed since", "unrecorded"],
    ids=["the manifest's vocabulary", "a vocabulary changed since", "a manifest of stop 38, which records none"],
)
def test_a_sync_changes_the_vocabulary_by_the_statements_that_differ(tmp_path, shards, left, monkeypatch):
    """The store's vocabulary file is what the last sync left: the next changes only the lines that differ.  A file
    whose digest is not the manifest's is not trusted, nor one a manifest does not record: the default graph is
    then loaded in full, as before."""
    folder = tmp_path / "store"
    a, b, c = (result(shards, name) for name in "abc")
    store, _ = sync_store(folder, assembly(shards, a, b, c))
    del store
    before = set((folder / VOCABULARY).read_text(encoding="utf-8").splitlines(keepends=True))
    if left == "changed since":
        with (folder / VOCABULARY).open("a", encoding="utf-8") as vocabulary:
            vocabulary.write('<urn:kg:test> <urn:kg:said> "not in the store" .\n')
    elif left == "unrecorded":
        manifest = (folder / MANIFEST).read_text(encoding="utf-8").splitlines(keepends=True)
        header = {"version": 2, "complete": True}
        assert json.loads(manifest[0]).keys() == {*header, "vocabulary"}
        (folder / MANIFEST).write_text(json.dumps(header) + "\n" + "".join(manifest[1:]), encoding="utf-8")
    removed, added = [], []
    for name, lines in (("_remove_lines", removed), ("_add_lines", added)):
        change = getattr(kg.rdf.store, name)
        monkeypatch.setattr(
            kg.rdf.store,
            name,
            lambda store, given, lines=lines, change=change: (lines.extend(given), change(store, given)),
        )
    changed = result(shards, "a", TEXTS["a"] + "国家发展改革委表示,要稳住工业经济。\n")
    store, changes = sync_store(folder, assembly(shards, changed, b, c))
    assert (changes.loaded, changes.full_reload) == (1, False)
    assert quads(store) == quads(memory_store(assembly(shards, changed, b, c)))
    after = set((folder / VOCABULARY).read_text(encoding="utf-8").splitlines(keepends=True))
    if left == "as synced":  # the new concept's statements and the counts that changed, nothing else
        assert set(removed) == before - after and set(added) == after - before
        assert any("mentionCount" in line for line in removed) and len(added) < len(after) / 10
    else:
        assert removed == added == []
    assert read_manifest(folder)["vocabulary"] == hashlib.sha256((folder / VOCABULARY).read_bytes()).hexdigest()


def _vocabulary_lines(texts: set[str]) -> list[str]:
    return sorted(f'<urn:kg:{len(text) % 3}> <urn:kg:said> "{text}" .\n' for text in texts)


_TEXTS = st.sets(st.text(alphabet="ab六穩 ", max_size=4), max_size=40)


@given(_TEXTS, _TEXTS, st.integers(1, 6), st.integers(1, 300))
def test_the_store_holds_this_syncs_vocabulary_whatever_the_blocks_it_is_compared_in(last, this, block, read_ahead):
    """The last sync's lines are read ahead ``read_ahead`` characters at a time, this one's compared ``block`` lines
    at a time: whatever the sizes, and whichever lines either lacks, the store ends with this sync's."""
    before, now = _vocabulary_lines(last), _vocabulary_lines(this)
    store = ox.Store()
    if before:
        store.load("".join(before), format=ox.RdfFormat.N_TRIPLES)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(kg.rdf.store, "_READ_AHEAD", read_ahead)
        kg.rdf.store._change_statements(store, io.StringIO("".join(before)), batched(now, block))
    assert {f"{q.subject} {q.predicate} {q.object} .\n" for q in store} == set(now)


def test_a_folder_kg_did_not_build_is_left_alone(tmp_path, shards):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="not empty"):
        sync_store(folder, assembly(shards, result(shards, "a")))
    with pytest.raises(StoreError, match="not a store"):
        open_store(folder)
    with pytest.raises(StoreError, match="no such store"):
        open_store(folder / "missing")
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_store_of_another_version_of_kg_is_said_to_be_one_and_a_build_loads_it_anew(tmp_path, shards):
    folder = tmp_path / "store"
    a = result(shards, "a")
    store, _ = sync_store(folder, assembly(shards, a))
    del store  # closed: Oxigraph locks the folder while it is open
    (folder / MANIFEST).write_text('{"version": 999, "complete": true, "graphs": {}}', encoding="utf-8")
    with pytest.raises(StoreError, match="built by another version of kg: run kg build --store again"):
        open_store(folder)
    store, changes = sync_store(folder, assembly(shards, a))
    assert changes.full_reload and quads(store) == quads(memory_store(assembly(shards, a)))
    del store
    earlier = folder / "kg-manifest.json"  # the manifest of kg before stop 32: one JSON object
    (folder / MANIFEST).rename(earlier)
    earlier.write_text('{\n "version": 1,\n "complete": true,\n "graphs": {}\n}\n', encoding="utf-8")
    with pytest.raises(StoreError, match="built by another version of kg: run kg build --store again"):
        open_store(folder)
    store, changes = sync_store(folder, assembly(shards, a))
    assert changes.full_reload and not earlier.exists() and (folder / MANIFEST).is_file()
    del store
    (folder / MANIFEST).write_text("garbage", encoding="utf-8")
    with pytest.raises(StoreError, match=f"not a store built by kg build --store \\(its {MANIFEST} is not one kg"):
        open_store(folder)
    with pytest.raises(StoreError, match=f"the folder is not empty and is not a store kg built \\(its {MANIFEST}"):
        sync_store(folder, assembly(shards, a))


def test_written_files_hold_every_statement_with_its_datatype_and_the_case_of_its_language_tag(shards):
    a, b = result(shards, "a"), result(shards, "b")
    corpus = assembly(shards, a, b)
    dataset = Dataset().parse(data=corpus.text("trig"), format="trig")
    turtle = Graph().parse(data=corpus.text("turtle"), format="turtle")
    assert set(turtle) == {(s, p, o) for s, p, o, _ in dataset.quads()}
    assert len(turtle) == corpus.triples
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} >= {a.iri, b.iri}
    assert any(isinstance(o, Literal) and o.language == "zh-Hant" for o in turtle.objects())
    begin = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex")
    assert {o.datatype for o in turtle.objects(None, begin)} == {
        URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
    }
    # the same documents, finished in another order, give the same bytes
    assembler = Assembler(shards)
    assembler.add(b, 1)
    assembler.add(a, 0)
    assert assembler.assemble().text("trig") == corpus.text("trig")


def test_queries_through_rdflib_run_in_oxigraph_with_the_same_answers(dev_text, shards):
    corpus = assembly(shards, result(shards, "dev", dev_text))
    memory = Graph().parse(data=corpus.text("turtle"), format="turtle")
    assert glossary_rows(rdflib_view(memory_store(corpus))) == glossary_rows(memory)


def test_a_store_queried_as_it_is_answers_as_through_rdflib(dev_text, shards):
    corpus = assembly(shards, result(shards, "dev", dev_text))
    store, memory = memory_store(corpus), Graph().parse(data=corpus.text("turtle"), format="turtle")
    query = """SELECT ?concept ?count ?label ?said WHERE {
        ?concept kg:mentionCount ?count ; skos:prefLabel ?label OPTIONAL { ?said kg:said ?concept }
    }"""
    answers = sorted(select(store, query), key=str)  # the engines order tagged literals differently
    assert answers == sorted(select(rdflib_view(store), query), key=str) == sorted(select(memory, query), key=str)
    assert any(isinstance(row["count"], int) and row["said"] for row in answers)


def test_answers_one_at_a_time_are_the_answers_and_a_bad_query_is_refused_when_asked(dev_text, shards, monkeypatch):
    corpus = assembly(shards, result(shards, "dev", dev_text))
    store, memory = memory_store(corpus), Graph().parse(data=corpus.text("turtle"), format="turtle")
    query = "SELECT ?concept ?count WHERE { ?concept kg:mentionCount ?count } ORDER BY ?concept"
    whole = select(store, query)
    assert len(whole) > 3
    monkeypatch.setattr(sparql, "ANSWERS_AT_ONCE", 3)  # Oxigraph's answers taken in many batches
    for graph in (store, rdflib_view(store), memory):
        answers = select_each(graph, query)
        assert not isinstance(answers, list)
        first = next(answers)
        assert [first, *answers] == select(graph, query) == whole
        with pytest.raises((SyntaxError, ParseException)):  # Oxigraph's, rdflib's: at the call, not when read
            select_each(graph, "SELECT ?concept WHERE { ?concept kg:mentionCount }")


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


def test_a_store_keeps_the_answers_of_the_row_per_term_queries_and_they_are_its_own(tmp_path, shards, dev_text):
    from kg.rdf.query import bind_parameters, named_queries, query_store, run_query
    from kg.rdf.store import ANSWERS, KEPT_ANSWERS

    folder = tmp_path / "store"
    a, b = result(shards, "a"), result(shards, "dev", dev_text)
    store, _ = sync_store(folder, assembly(shards, a, b))
    del store
    live = rdflib_view(memory_store(assembly(shards, a, b)))
    queries = named_queries()
    for name in KEPT_ANSWERS:
        assert query_store(folder, queries[name].text, "csv") == run_query(live, queries[name].text, "csv")
    kept = json.loads((folder / ANSWERS).read_text(encoding="utf-8"))
    assert len(kept) == len(KEPT_ANSWERS)
    # another document: the answers kept are computed again with the store
    store, _ = sync_store(folder, assembly(shards, a, b, result(shards, "c")))
    del store
    assert json.loads((folder / ANSWERS).read_text(encoding="utf-8")) != kept
    live = rdflib_view(memory_store(assembly(shards, a, b, result(shards, "c"))))
    text = queries["glossary"].text
    for output in ("json", "table"):
        assert query_store(folder, text, output) == run_query(live, text, output)
    # a query the store keeps no answer for runs on it, and so does a kept one whose answers are gone
    other = bind_parameters(queries["figures-by-speaker"].text, {"name": "黄利斌"})
    assert query_store(folder, other, "csv") == run_query(live, other, "csv")
    (folder / ANSWERS).unlink()
    assert query_store(folder, text, "csv") == run_query(live, text, "csv")


def test_the_answers_kept_from_the_vocabulary_read_no_statement_a_document_holds_as_its_own(shards, dev_text):
    """VOCABULARY_ANSWERS are answered on the default graph alone: no predicate of their patterns is in a named
    graph, on a transcript with speakers, posts and figures and two other documents."""
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.algebra import traverse

    from kg.rdf.query import named_queries
    from kg.rdf.store import VOCABULARY_ANSWERS

    read: set[str] = set()

    def patterns(node) -> None:
        if getattr(node, "name", None) == "BGP":
            read.update(str(predicate) for _, predicate, _ in node.triples if isinstance(predicate, URIRef))

    for name in VOCABULARY_ANSWERS:
        traverse(prepareQuery(named_queries()[name].text).algebra, visitPost=patterns)
    assert {str(KG.mentionCount), str(KG.category)} <= read
    store = memory_store(assembly(shards, result(shards, "a"), result(shards, "dev", dev_text), result(shards, "c")))
    own = {quad.predicate.value for quad in store if not isinstance(quad.graph_name, ox.DefaultGraph)}
    assert own and not own & read


def test_answers_of_the_vocabulary_given_to_a_sync_are_kept_and_no_vocabulary_is_loaded(tmp_path, shards, monkeypatch):
    """A build gives the sync the answers it has from the vocabulary it loaded for its glossary
    (kg.commands.build._write); they are those the sync would compute itself."""
    from kg.rdf.query import named_queries, query_store
    from kg.rdf.store import VOCABULARY_ANSWERS, vocabulary_answers

    corpus = assembly(shards, result(shards, "a"), result(shards, "b"))
    with vocabulary_store(corpus) as vocabulary:
        given = vocabulary_answers(vocabulary)
    assert given.keys() == VOCABULARY_ANSWERS
    store, _ = sync_store(tmp_path / "computed", corpus)
    del store
    monkeypatch.setattr(kg.rdf.store, "vocabulary_store", lambda *args: pytest.fail("the vocabulary was loaded"))
    store, _ = sync_store(tmp_path / "given", corpus, answers=lambda: given)
    del store
    for name in named_queries():
        text = named_queries()[name].text
        assert query_store(tmp_path / "given", text, "csv") == query_store(tmp_path / "computed", text, "csv")


def test_a_kept_answer_is_read_without_opening_the_store(tmp_path, shards, monkeypatch):
    from kg.rdf.query import named_queries, query_store

    folder = tmp_path / "store"
    store, _ = sync_store(folder, assembly(shards, result(shards, "a"), result(shards, "c")))
    del store
    text = named_queries()["glossary"].text
    expected = query_store(folder, text, "csv")
    monkeypatch.setattr(kg.rdf.store, "open_store", lambda path: pytest.fail("the store was opened"))
    assert query_store(folder, text, "csv") == expected and "org-ndrc" in expected


def test_the_build_activity_of_many_documents_is_written_in_nodes_that_load_as_the_same_graph(
    tmp_path, shards, monkeypatch
):
    corpus = assembly(shards, *(result(shards, name) for name in "abc"))
    whole = quads(memory_store(corpus))
    (build,) = {quad[0] for quad in whole if quad[0].startswith(f"<{DOCUMENTS}build/")}

    def nodes(turtle: str) -> int:
        return sum(line.startswith(build) for line in turtle.splitlines())

    one_node = corpus.text("turtle")
    monkeypatch.setattr("kg.corpus._ACTIVITY_PAIRS", 2)  # its 5 statements (a, label, 3 prov:used) in nodes of 2
    turtle = corpus.text("turtle")
    assert (nodes(one_node), nodes(turtle)) == (1, 3)
    assert set(Graph().parse(data=turtle, format="turtle")) == set(Graph().parse(data=one_node, format="turtle"))
    monkeypatch.setattr("kg.rdf.store.BULK_STATEMENTS", 3)  # the activity's nodes loaded in batches of their own
    store, _ = sync_store(tmp_path / "store", corpus)
    assert quads(store) == whole and corpus.triples == len(whole)


def test_a_store_loaded_in_small_batches_on_two_threads_holds_what_one_call_loads(tmp_path, shards, monkeypatch):
    corpus = assembly(shards, *(result(shards, name) for name in "abc"))
    whole = quads(memory_store(corpus))
    monkeypatch.setattr("kg.rdf.store.BULK_STATEMENTS", 7)  # a dozen batches, two loading at a time
    monkeypatch.setattr("kg.rdf.store._VOCABULARY_BLOCK", 2)  # the vocabulary loaded three blocks of 2 at a time
    assert len([batch.read() for batch in corpus.batches(7)]) > 10
    store, _ = sync_store(tmp_path / "store", corpus, threads=2)
    assert quads(store) == whole


class _CountingStore:
    """A store whose bulk loader parses what it is given and counts the loads under way at once; it refuses the
    batch whose number is ``refused``."""

    def __init__(self, refused: int | None = None) -> None:
        self.batches: list[bytes] = []
        self.running = self.most = 0
        self.refused = refused
        self.lock = threading.Lock()

    def bulk_load(self, data: bytes, format: ox.RdfFormat) -> None:
        with self.lock:
            self.batches.append(data)
            self.running += 1
            self.most = max(self.most, self.running)
            number = len(self.batches)
        try:
            list(ox.parse(data, format=format))
            time.sleep(0.05)  # long enough for the next batches to be read and given meanwhile
            if number == self.refused:
                raise OSError("the disk is full")
        finally:
            with self.lock:
                self.running -= 1


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_the_bulk_loader_gets_every_batch_whole_and_no_more_at_once_than_threads(shards, threads, monkeypatch):
    corpus = assembly(shards, *(result(shards, name) for name in "abc"))
    monkeypatch.setattr("kg.rdf.store.BULK_STATEMENTS", 7)
    counting = _CountingStore()
    kg.rdf.store._load(counting, corpus, corpus.entries, threads)  # type: ignore[arg-type]
    assert counting.batches == [batch.read() for batch in corpus.batches(7)]
    assert counting.most == threads


def test_a_batch_the_bulk_loader_refuses_stops_the_load_with_its_error(shards, monkeypatch):
    corpus = assembly(shards, *(result(shards, name) for name in "abc"))
    monkeypatch.setattr("kg.rdf.store.BULK_STATEMENTS", 7)
    refusing = _CountingStore(refused=3)
    with pytest.raises(OSError, match="the disk is full"):
        kg.rdf.store._load(refusing, corpus, corpus.entries, 2)  # type: ignore[arg-type]
    assert len(refusing.batches) < len([batch.read() for batch in corpus.batches(7)])


def test_cells_read_from_oxigraph_are_the_cells_of_the_query_through_rdflib():
    """keep_answers reads its answers from Oxigraph directly (kg.rdf.query.store_cells): every kind of value
    comes out as kg query --store prints it through rdflib."""
    from kg.rdf.query import execute, result_cells, store_cells

    store = ox.Store()
    store.update(
        f"PREFIX kg: <{KG}>"
        """
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        INSERT DATA {
          kg:a kg:count "05"^^xsd:integer ; kg:share "1.50"^^xsd:decimal ; kg:ratio "1.0E0"^^xsd:double ;
               kg:day "2021-04-20"^^xsd:date ; kg:yes "true"^^xsd:boolean ; kg:name "工信部"@zh-Hans ;
               kg:plain "a \\"quoted\\" line" ; kg:odd "x"^^<http://example.org/odd> ; kg:other <http://example.org/x> .
          kg:b kg:count "05"^^xsd:integer ; kg:share "1.50"^^xsd:decimal .
          GRAPH <http://example.org/g> { _:b kg:name "in a graph" }
        }
        """
    )
    graph = rdflib_view(store)
    query = "SELECT ?s ?p ?o ?missing WHERE { ?s ?p ?o OPTIONAL { ?s kg:nothing ?missing } } ORDER BY ?p ?o"
    assert store_cells(graph, query) == result_cells(execute(graph, query), graph)
    names, rows = store_cells(graph, query)
    assert names == ["s", "p", "o", "missing"] and len(rows) == 12  # kg:b's values are kg:a's, written again
    assert ["kg:a", "kg:name", "工信部", ""] in rows and ["kg:a", "kg:other", "<http://example.org/x>", ""] in rows
    assert ["kg:a", "kg:count", "5", ""] in rows and ["kg:b", "kg:count", "5", ""] in rows
    assert ["kg:a", "kg:plain", 'a "quoted" line', ""] in rows
