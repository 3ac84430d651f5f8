"""kg.corpus.GraphFiles: the graph files written as documents come are the assembly's, in the corpus's order."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.corpus import Assembler, CorpusError, DocumentResult, Entry, GraphFiles, Shards, document_key
from kg.recognize.pipeline import extract
from kg.text.inputs import Source

#: rdflib's own TriG parser uses the API rdflib deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*(ConjunctiveGraph|default_context).*:DeprecationWarning")

TEXTS = [
    "工业和信息化部表示,1—3月全国规模以上工业增加值同比增长24.5%。",
    "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。",
    "国家发展改革委会同有关部门实施“专精特新”中小企业高质量发展行动。",
    "财政部表示,一季度全国一般公共预算收入同比增长24.2%。",
]


def _shards(folder: Path) -> tuple[Shards, list[DocumentResult]]:
    shards = Shards(folder)
    sources = [Source(f"doc-{rank}", text, {}) for rank, text in enumerate(TEXTS)]
    return shards, [shards.write(extract(s.text, s.doc_id), document_key(s)) for s in sources]


def _files() -> dict[str, io.BytesIO]:
    return {"turtle": io.BytesIO(), "trig": io.BytesIO()}


def test_documents_in_any_order_and_failures_give_the_files_of_the_assembly(tmp_path: Path) -> None:
    """Workers finish in any order; the files are the same bytes as the assembly gives, in rank order."""
    shards, results = _shards(tmp_path)

    @settings(max_examples=40, deadline=None)
    @given(order=st.permutations(range(len(TEXTS))), failed=st.sets(st.sampled_from(range(len(TEXTS))), max_size=3))
    def check(order: list[int], failed: set[int]) -> None:
        assembler = Assembler(shards)
        entries = {rank: None if rank in failed else assembler.add(results[rank], rank) for rank in order}
        assembly = assembler.assemble()
        streamed = _files()
        files = GraphFiles(streamed, shards)
        for rank in order:
            files.add(rank, entries[rank])
        files.finish(assembly)
        assert {name: file.getvalue() for name, file in streamed.items()} == {
            name: b"".join(assembly.chunks(name)) for name in streamed
        }
        trig = Dataset().parse(data=streamed["trig"].getvalue(), format="trig")
        graphs = [str(graph.identifier) for graph in trig.graphs() if str(graph.identifier).endswith(tuple("0123"))]
        assert sorted(graphs) == [entry.iri for entry in assembly.entries]
        assembler.close()

    check()


def test_a_scratch_shard_is_deleted_once_copied(tmp_path: Path) -> None:
    shards, results = _shards(tmp_path)
    files = GraphFiles(_files(), shards, discard=True)
    files.add(1, Entry.of(results[1], 1))  # waits for the document before it
    assert shards.turtle(results[1].key).exists()
    files.add(0, Entry.of(results[0], 0))
    assert not shards.turtle(results[0].key).exists() and not shards.turtle(results[1].key).exists()
    assert shards.turtle(results[2].key).exists()


def test_a_position_never_handed_over_is_an_error_not_files_without_the_documents_after_it(tmp_path: Path) -> None:
    shards, results = _shards(tmp_path)
    assembler = Assembler(shards)
    entries = [assembler.add(result, rank) for rank, result in enumerate(results)]
    files = GraphFiles(_files(), shards)
    for rank in (0, 2, 3):
        files.add(rank, entries[rank])
    with pytest.raises(CorpusError, match="lack the document at position 1"):
        files.finish(assembler.assemble())
    assembler.close()
