"""kg.corpus.Gathered and extract_partition: what workers gather of their partitions, merged by the build's process
in any order, is what adding every document to one assembler gives; and what a worker sends back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph

import kg.corpus
import kg.rdf.aggregates
from kg.corpus import Assembler, DocumentResult, Entry, Gathered, PartitionResult, Shards, document_key
from kg.export.facts import PageDocuments
from kg.rdf import terms
from kg.rdf.aggregates import Uses
from kg.rdf.namespaces import KG
from kg.recognize.pipeline import extract
from kg.text.inputs import Source

DATA = Path(__file__).parent / "data"
NOTES = [
    "工业和信息化部表示,1—3月全国规模以上工业增加值同比增长24.5%。",
    "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。",
    "国家发展改革委会同有关部门实施“专精特新”中小企业高质量发展行动。",
    "財政部表示,一季度全國一般公共預算收入同比增長24.2%。",
]
#: The same sentence in documents of their own: the samples keep some of them and leave the others out whole.
ECHOES = ["財政部表示,要紮實做好“六穩”工作。"] * 6
#: Small samples, so that the documents' contexts and figures overflow them and the merges must choose.
SAMPLE = 3
WHEN = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Shards, list[DocumentResult]]:
    """The dev documents (a transcript with turns among them) and short notes, each written to its shard."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((DATA / "dev").glob("*.txt"))] + NOTES + ECHOES
    shards = Shards(tmp_path_factory.mktemp("shards"))
    sources = [Source(f"doc-{rank}", text, {}) for rank, text in enumerate(texts)]
    return shards, [shards.write(extract(source.text, source.doc_id), document_key(source)) for source in sources]


def _gathered() -> Gathered:
    gathered = Gathered(spill=False)
    gathered.pages = PageDocuments(SAMPLE)
    gathered.totals.uses = Uses(SAMPLE)
    return gathered


def _what_it_gives(assembler: Assembler) -> tuple[object, ...]:
    pages = assembler.gathered.pages
    totals = (pages.contexts.totals(), pages.figures.totals())
    assembly = assembler.assemble(generated_at=WHEN)
    try:
        uses = {iri: assembly.uses.get(iri) for iri in assembly.uses.document_counts()}
        return (
            assembly.text("trig"),
            list(pages.shown()),
            pages.roles(),
            dict(pages.said),
            pages.speaking,
            pages.count,
            totals,
            uses,
            assembler.summary,
            sorted(assembler.unnamed),
        )
    finally:
        assembler.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_partitions_gathered_apart_and_merged_in_any_order_give_what_adding_every_document_gives(
    written, data, monkeypatch
):
    shards, results = written
    whole = Assembler(shards)
    whole.gathered.pages = PageDocuments(SAMPLE)
    whole.gathered.totals.uses = Uses(SAMPLE)
    for rank, result in enumerate(results):
        whole.add(result, rank)
    cuts = sorted(data.draw(st.lists(st.integers(1, len(results) - 1), max_size=4)))
    parts = list(zip([0, *cuts], [*cuts, len(results)], strict=True))
    merged = Assembler(shards)
    # the build's samples stay in memory, or move to SQLite at once or midway
    merged.gathered.pages = PageDocuments(SAMPLE, in_memory=data.draw(st.sampled_from([None, 0, 20])))
    merged.gathered.totals.uses = Uses(SAMPLE, in_memory=data.draw(st.sampled_from([None, 0, 20])))
    # the first contexts, once in SQLite, written there at every merge or only as they are read
    monkeypatch.setattr(kg.rdf.aggregates, "_CONTEXTS_AT_ONCE", data.draw(st.sampled_from([1, 10_000])))
    for start, end in data.draw(st.permutations(parts)):
        gathered = _gathered()
        for rank in range(start, end):
            gathered.add(results[rank], rank)
        merged.merge([Entry.of(results[rank], rank) for rank in range(start, end)], gathered)
    pages = whole.gathered.pages
    assert any(cut for _, cut in pages.contexts.totals().values())  # the merges had to choose
    assert len(list(pages.shown())) < pages.count  # and some documents are no longer shown at all
    uses = whole.gathered.totals.uses
    assert any(count > SAMPLE for count in uses.document_counts().values())  # the terms' samples had to choose
    assert _what_it_gives(merged) == _what_it_gives(whole)


def test_the_corpus_wide_statements_come_in_blocks_of_whole_lines_each_once(written):
    _, results = written
    gathered = Gathered(spill=False)
    for rank, result in enumerate(results):
        gathered.add(result, rank)
    totals = gathered.totals
    blocks, whole = list(totals.statements(lines=7)), "".join(totals.statements())
    assert len(blocks) > 2 and all(block.endswith(" .\n") and block.count("\n") <= 7 for block in blocks)
    assert "".join(blocks) == whole
    graph = Graph().parse(data=whole, format="nt")
    assert len(graph) == whole.count("\n")  # no line twice
    counted = {str(concept): int(count) for concept, count in graph.subject_objects(KG.mentionCount)}
    assert counted == {terms.concept_iri(concept): count for concept, count in totals.mentions.items()}
    pairs = {str(node) for node in graph.subjects(RDF.type, KG.Cooccurrence)}
    assert len(pairs) == len(totals.pairs) > 0


def _tasks(texts: list[str]) -> list[tuple[int, Source, str]]:
    sources = [Source(f"note-{rank}", text, {}) for rank, text in enumerate(texts)]
    return [(rank, source, document_key(source)) for rank, source in enumerate(sources)]


def test_a_partition_of_documents_comes_back_as_entries_their_turtle_and_what_spans_them(tmp_path):
    result = kg.corpus.extract_partition(_tasks(NOTES), tmp_path)
    assert isinstance(result, PartitionResult) and result.gathered is not None
    assert [position for position, _ in result.outcomes] == [0, 1, 2, 3]
    shards = Shards(tmp_path)
    for position, entry in result.outcomes:
        assert isinstance(entry, Entry) and entry.doc_id == f"note-{position}"
        assert result.turtles[position] == b"".join(shards.turtle_blocks(entry))  # what its shard holds
    assert result.gathered.summary.documents == 4 and result.gathered.pages.count == 4


def test_a_partition_of_one_document_comes_back_as_its_result(tmp_path):
    result = kg.corpus.extract_partition(_tasks(NOTES[:1]), tmp_path)
    ((position, outcome),) = result.outcomes
    assert result.gathered is None and position == 0 and isinstance(outcome, DocumentResult)
    assert outcome.doc_id == "note-0" and result.turtles[0].startswith(b"kgd:note-0 a schema:Article")
    assert result.turtles[0] == b"".join(Shards(tmp_path).turtle_blocks(Entry.of(outcome)))


def test_a_longer_document_is_written_to_its_shard_as_it_is_made_and_not_carried(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.corpus, "CARRIED_CHARACTERS", sorted(map(len, NOTES))[1])
    result = kg.corpus.extract_partition(_tasks(NOTES), tmp_path)
    short = {position for position, text in enumerate(NOTES) if len(text) <= kg.corpus.CARRIED_CHARACTERS}
    assert result.turtles.keys() == short and 0 < len(short) < len(NOTES)


def test_a_shard_written_from_memory_is_the_shard_written_as_the_statements_are_made(tmp_path):
    """Both ways give the same file, which the cache reads back whatever way wrote it."""
    source = Source("note-1", NOTES[1], {})
    key = document_key(source)
    result, turtle = kg.corpus.extract_document(source, key, tmp_path / "memory")
    streamed = Shards(tmp_path / "streamed").write(extract(source.text, source.doc_id, source.meta), key)
    assert turtle is not None and result == streamed
    memory, written = (Shards(tmp_path / name).turtle(key).read_bytes() for name in ("memory", "streamed"))
    assert memory == written and Shards(tmp_path / "memory").get(key) == result
