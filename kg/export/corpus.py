"""The glossary of a built corpus, its rows and its page, read from the corpus's vocabulary alone.

``kg build`` writes ``glossary.csv`` and ``glossary.html`` without loading
its documents' statements anywhere: the rows and the page's vocabulary facts
are read from a store of the default graph
(:func:`kg.rdf.store.vocabulary_store`), which grows with the vocabulary,
and what the page shows of the documents came with their shards
(:attr:`kg.corpus.Assembly.pages`).  The store is queried by Oxigraph as it
is (:func:`kg.rdf.sparql.select`), not through rdflib's view of it, so a
build never imports rdflib's SPARQL engine.  These are the functions that
do it, for the build and for the benchmarks that measure it: the rows, the
page's facts beyond them, and both with the page's data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.export.facts import PageFacts, page_facts
from kg.export.html import page_data
from kg.export.rows import Drafter, GlossaryRow, glossary_rows

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.corpus import Assembly


def corpus_facts(vocabulary: ox.Store, assembly: Assembly) -> PageFacts:
    """What the glossary page of ``assembly``, whose vocabulary store is ``vocabulary``, shows beyond its rows:
    it needs no English, so a build reads it while the English is still being drafted.  The page shows every
    row, so it links to no term by its label."""
    return page_facts(vocabulary, assembly.pages, every_row=True)


def corpus_rows(vocabulary: ox.Store, assembly: Assembly, drafter: Drafter | None = None) -> list[GlossaryRow]:
    """The glossary's rows of ``assembly``, with the English drafts of ``drafter`` (default:
    :func:`kg.export.english.default_drafter`)."""
    return glossary_rows(vocabulary, drafter, uses=assembly.uses)


def corpus_glossary(
    vocabulary: ox.Store, assembly: Assembly, drafter: Drafter | None = None
) -> tuple[list[GlossaryRow], dict[str, Any]]:
    """The glossary's rows (:func:`corpus_rows`) and page data (with :func:`corpus_facts`) of ``assembly``."""
    facts = corpus_facts(vocabulary, assembly)
    rows = corpus_rows(vocabulary, assembly, drafter)
    return rows, page_data(None, rows, facts=facts)
