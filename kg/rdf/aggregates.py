"""Statements about a whole corpus, aggregated from its documents.

Co-occurrence counts and each concept's mention and document counts span
documents, so they are computed once per build from what each document
reports (:func:`kg.rdf.document.cooccurrences`, :func:`kg.rdf.document.usage`)
and written to the default graph with the build itself, a PROV activity.
``kg:mentionCount`` is the one count of a term every reader (the glossary,
the networkx view, the named queries) uses.

What is aggregated is small (a count per concept and per pair of concepts,
a sample of the documents that use each concept and the sentence of its
first use), so a build sums it as documents finish
(:class:`Totals`) and never holds the documents' statements for it; the
samples move to SQLite when a vocabulary grows large (:class:`Uses`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from rdflib.namespace import PROV, RDF, RDFS

from kg.batches import batched
from kg.rdf import terms
from kg.rdf.namespaces import KG
from kg.rdf.terms import XSD, integer, iri, literal, ntriples, typed
from kg.sample import SAMPLE_SIZE, TEXTS, Samples
from kg.spill import SpillDatabase

_A, _LABEL = f"<{RDF.type}>", f"<{RDFS.label}>"
_COUNT, _COOCCURRENCE, _TERM = f"<{KG['count']}>", f"<{KG.Cooccurrence}>", f"<{KG['term']}>"
_MENTION_COUNT, _DOCUMENT_COUNT = f"<{KG.mentionCount}>", f"<{KG.documentCount}>"
_ACTIVITY, _USED, _ENDED = f"<{PROV.Activity}>", f"<{PROV.used}>", f"<{PROV.endedAtTime}>"
#: Where the IRIs of builds' activities start (:func:`build_activity`).
BUILDS = f"{terms.DOCUMENTS}build/"
#: Lines of the corpus-wide statements made at a time (:meth:`Totals.statements`).
_BLOCK_LINES = 10_000
#: Each term's first context in SQLite (:class:`Uses`): UTF-8 that passes lone surrogates
#: (:data:`kg.sample.TEXTS`), whose bytes sort as Python sorts the strings, so the first document is the least.
_CONTEXTS_SCHEMA = "CREATE TABLE context (concept BLOB PRIMARY KEY, document BLOB, sentence BLOB) WITHOUT ROWID;"
_KEEP_FIRST = """
INSERT INTO context VALUES (?, ?, ?) ON CONFLICT (concept) DO UPDATE
    SET document = excluded.document, sentence = excluded.sentence WHERE excluded.document < context.document
"""
_CONTEXT = "SELECT document, sentence FROM context WHERE concept = ?"
#: Contexts held in memory at most, once they moved to SQLite, before they are written there.
_CONTEXTS_AT_ONCE = 10_000


@dataclass(frozen=True)
class Usage:
    """Where a term is used: how many documents use it, a sample of their ids (:class:`kg.sample.Sample`,
    sorted), and the first sentence it is used in with that document's id (the first document by id that uses
    it in a sentence)."""

    document_count: int = 0
    documents: tuple[str, ...] = ()
    context: tuple[str, str] | None = None


class Uses:
    """Each term's :class:`Usage` (by concept IRI) as documents are added: the samples of their documents held
    in memory or, past ``in_memory`` ids in all, in SQLite (:class:`kg.sample.Samples`), as a vocabulary that
    keeps growing would otherwise hold a hundred ids for each of its terms.  Once they are there, the first
    contexts follow, a sentence a term (some 300 bytes), :data:`_CONTEXTS_AT_ONCE` at a time."""

    def __init__(self, size: int = SAMPLE_SIZE, *, in_memory: int | None = None) -> None:
        self._documents = Samples(TEXTS, size, in_memory=in_memory)
        # each term's first context, or once they moved to SQLite those not written there yet
        self._contexts: dict[str, tuple[str, str]] = {}
        self._stored = SpillDatabase(_CONTEXTS_SCHEMA, "the terms' first contexts")

    @property
    def in_database(self) -> bool:
        """Whether the samples (and after them the first contexts) moved to SQLite, whose connections a forked
        copy must not use."""
        return self._documents.in_database

    def add(self, concept: str, doc_id: str, sentence: str | None) -> None:
        """Count the use of ``concept`` in ``doc_id`` (once per document), whose first one is in ``sentence``
        (if the document has sentences)."""
        self._documents.add(concept, doc_id, doc_id)
        if sentence:
            self._offer(concept, (sentence, doc_id))
            self._store_when_due()

    def merge(self, other: Uses) -> None:
        """Take in the uses of ``other``'s documents, none of which this counts (a worker's partition, held in
        memory); ``other`` is taken over, not copied."""
        self._documents.merge(other._documents)
        for concept, context in other._contexts.items():
            self._offer(concept, context)
        self._store_when_due()

    def document_counts(self) -> dict[str, int]:
        """How many documents use each term."""
        return {concept: total for concept, (total, _) in self._documents.totals().items()}

    def get(self, concept: str) -> Usage:
        """Where ``concept`` is used (nowhere, if no document added uses it)."""
        count, documents = self._documents.group(concept)
        return Usage(count, tuple(documents), self._context(concept))

    def close(self) -> None:
        """Delete the databases of the samples and the contexts, if they moved to them."""
        self._documents.close()
        self._stored.close()

    def _context(self, concept: str) -> tuple[str, str] | None:
        """The first context of ``concept``, in memory or in SQLite."""
        if not self._stored.opened:
            return self._contexts.get(concept)
        if self._contexts:
            self._store_contexts()
        row = self._stored.first(_CONTEXT, (TEXTS.encode(concept),))
        return None if row is None else (TEXTS.decode(row[1]), TEXTS.decode(row[0]))

    def _store_when_due(self) -> None:
        """Move the contexts held in memory to SQLite once the samples of documents are there, and then each
        time :data:`_CONTEXTS_AT_ONCE` are held."""
        if self._documents.in_database and (not self._stored.opened or len(self._contexts) >= _CONTEXTS_AT_ONCE):
            self._store_contexts()

    def _store_contexts(self) -> None:
        """Write the contexts held in memory to SQLite, where a term keeps the one of the first document."""
        encode = TEXTS.encode
        rows = (
            (encode(concept), encode(doc_id), encode(sentence))
            for concept, (sentence, doc_id) in self._contexts.items()
        )
        self._stored.write((_KEEP_FIRST, rows))
        self._contexts = {}

    def _offer(self, concept: str, context: tuple[str, str]) -> None:
        """Keep ``context`` (a sentence and its document's id) if its document comes before the kept one's."""
        kept = self._contexts.get(concept)
        if kept is None or context[1] < kept[1]:
            self._contexts[concept] = context


@dataclass
class Totals:
    """Co-occurrence and usage counts summed over the documents added so far, and each concept's
    :class:`Usage` (:class:`Uses`)."""

    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    mentions: Counter[str] = field(default_factory=Counter)
    uses: Uses = field(default_factory=Uses)

    def add(
        self,
        doc_id: str,
        pairs: Iterable[tuple[str, str, int]],
        usage: Mapping[str, int],
        first_sentences: Mapping[str, str],
    ) -> None:
        """Count one document: its co-occurring pairs, its concepts' uses and the sentence of the first."""
        for first, second, count in pairs:
            self.pairs[tuple(sorted((first, second)))] += count  # type: ignore[index]
        self.mentions.update(usage)
        for concept in usage:
            self.uses.add(terms.concept_iri(concept), doc_id, first_sentences.get(concept))

    def merge(self, other: Totals) -> None:
        """Take in the counts of ``other``, summed over documents this has not counted (a worker's partition);
        ``other`` is taken over, not copied."""
        self.pairs.update(other.pairs)
        self.mentions.update(other.mentions)
        self.uses.merge(other.uses)

    def statements(self, lines: int = _BLOCK_LINES) -> Iterator[str]:
        """The corpus-wide counts as N-Triples (:func:`corpus_statements`), in blocks of ``lines`` lines: a
        vocabulary of a million terms makes some 300 MB of them, which the union takes a block at a time."""
        documents = self.uses.document_counts()
        usage = ((concept, (count, documents[terms.concept_iri(concept)])) for concept, count in self.mentions.items())
        statements = corpus_statements(self.pairs, usage)
        for block in batched(statements, lines):
            yield "".join(block)


def corpus_statements(
    pairs: Mapping[tuple[str, str], int], totals: Iterable[tuple[str, tuple[int, int]]] = ()
) -> Iterator[str]:
    """The corpus-wide counts as N-Triples lines, each once.

    A pair's count is the number of sentences its two concepts share
    (``kg:Cooccurrence``; ``pairs`` keyed in order, as :class:`Totals` keys
    them); a concept's ``kg:mentionCount`` and ``kg:documentCount`` (its
    ``totals``, by concept id) are computed once per build so that the
    glossary query reads one value per concept instead of counting every
    mention.
    """
    for (first, second), count in sorted(pairs.items()):
        node = iri(f"{terms.CONCEPTS}cooccurrence/{first}/{second}")
        yield ntriples(node, _COUNT, integer(count))
        yield ntriples(node, _A, _COOCCURRENCE)
        for concept in (first, second):
            yield ntriples(node, _TERM, iri(terms.concept_iri(concept)))
    for concept, (mentions, in_documents) in sorted(totals):
        node = iri(terms.concept_iri(concept))
        yield ntriples(node, _MENTION_COUNT, integer(mentions))
        yield ntriples(node, _DOCUMENT_COUNT, integer(in_documents))


def build_activity(documents: Iterable[str], generated_at: datetime | None = None) -> Iterator[str]:
    """The build as a PROV activity that used ``documents`` (their IRIs, sorted), as N-Triples lines.

    Its IRI is a digest of the documents' IRIs, so rebuilding the same
    corpus names the same activity.  The lines are made as they are read,
    and ``documents`` is read twice (the digest first: a collection, not an
    iterator), so that a corpus of millions of documents never holds a line
    for each.
    """
    digest, separator = hashlib.sha256(), b""
    for document in _unique(documents):
        digest.update(separator + document.encode())
        separator = b"\n"
    run = iri(f"{BUILDS}{digest.hexdigest()[:16]}")
    yield ntriples(run, _A, _ACTIVITY)
    yield ntriples(run, _LABEL, literal("kg graph build", "en"))
    for document in _unique(documents):
        yield ntriples(run, _USED, iri(document))
    if generated_at is not None:
        yield ntriples(run, _ENDED, typed(generated_at.isoformat(), XSD + "dateTime"))


def activity_statements(documents: Iterable[str], generated_at: datetime | None = None) -> int:
    """How many statements :func:`build_activity` gives for ``documents`` (sorted), without making them: its
    type and label, a ``prov:used`` per document, and its end if ``generated_at`` is given."""
    return 2 + sum(1 for _ in _unique(documents)) + (generated_at is not None)


def _unique(documents: Iterable[str]) -> Iterator[str]:
    """Sorted ``documents`` without repeats."""
    previous = None
    for document in documents:
        if document != previous:
            yield document
        previous = document
