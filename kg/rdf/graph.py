"""The knowledge graph of annotated documents, as rdflib sees it: the Python API's graph.

Both functions go the corpus's one way (:class:`kg.corpus.Assembler`): each
document's statements (:mod:`kg.rdf.document`), merged with the others', and
the corpus-wide ones (:mod:`kg.rdf.aggregates`); they differ only in how the
result is held.  :func:`build_graph` gives one graph, the union of all;
:func:`build_dataset` a dataset with a named graph per document, as
``kg build`` writes ``graph.trig``.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from rdflib import Dataset, Graph

from kg.corpus import Assembler, Shards
from kg.link.thesaurus import Thesaurus, default_thesaurus
from kg.rdf.document import concept_statements
from kg.rdf.namespaces import NAMESPACES, new_graph
from kg.recognize.doc import Doc


def build_graph(
    docs: Iterable[Doc],
    thesaurus: Thesaurus | None = None,
    *,
    include_thesaurus: bool = False,
    generated_at: datetime | None = None,
) -> Graph:
    """The knowledge graph of ``docs``, all in one graph.

    Only concepts that occur are described, unless ``include_thesaurus``
    asks for every thesaurus concept (for publishing the vocabulary with
    its usage).  ``generated_at`` stamps the build activity; it is not read
    from the clock so that the same input serializes to the same bytes.
    """
    graph = new_graph()
    graph.parse(data=_assembled(docs, thesaurus, include_thesaurus, generated_at, "turtle"), format="turtle")
    return graph


def build_dataset(
    docs: Iterable[Doc], thesaurus: Thesaurus | None = None, *, generated_at: datetime | None = None
) -> Dataset:
    """The knowledge graph of ``docs`` as an RDF dataset with a named graph per document.

    Each document's own statements are in the named graph of its IRI; the
    default graph holds the shared vocabulary, the co-occurrence counts and
    the build.  Queries see the union of all graphs, so the SPARQL that runs
    on :func:`build_graph`'s graph gives the same answers here.
    """
    dataset = Dataset(default_union=True)
    for prefix, namespace in NAMESPACES.items():
        dataset.bind(prefix, namespace, override=True)
    dataset.parse(data=_assembled(docs, thesaurus, False, generated_at, "trig"), format="trig")
    return dataset


def _assembled(
    docs: Iterable[Doc],
    thesaurus: Thesaurus | None,
    include_thesaurus: bool,
    generated_at: datetime | None,
    format: str,
) -> str:
    """The corpus of ``docs`` as Turtle or TriG, made as ``kg build`` makes it, through shards in a scratch folder."""
    thesaurus = default_thesaurus() if thesaurus is None else thesaurus
    with tempfile.TemporaryDirectory(prefix="kg-shards-") as folder:
        shards = Shards(Path(folder))
        assembler = Assembler(shards, thesaurus)
        with contextlib.closing(assembler):
            for rank, doc in enumerate(docs):
                assembler.add(shards.write(doc, f"{rank:08d}", thesaurus=thesaurus), rank)
            extra = [concept_statements(sorted(thesaurus.concepts), thesaurus)] if include_thesaurus else []
            return assembler.assemble(generated_at=generated_at, shared=extra).text(format)
