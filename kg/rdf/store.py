"""The corpus in Oxigraph: a persistent on-disk store, loaded from shards, rdflib on top.

rdflib stays the API (``kg.rdf.graph``, ``kg.export.rows``, ``kg.rdf.query`` take an
``rdflib.Graph``), but its in-memory store is slow at corpus scale: at a
million triples it writes Turtle in 91 s and answers a join in 9 s, where
Oxigraph takes 0.8 s and 0.36 s (measured on this project's kind of machine).  So a corpus is held
in a ``pyoxigraph.Store`` — in memory (:func:`memory_store`) or on disk for
``--store DIR`` (:func:`sync_store`) — loaded straight from the shards of an assembly
(:class:`kg.corpus.Assembly`), and :func:`rdflib_view` wraps it with the
``oxrdflib`` store plugin, through which rdflib hands whole SPARQL queries
to Oxigraph (and :func:`kg.rdf.sparql.select` skips rdflib for them).

A store holds one named graph per document (named by the document's IRI)
and the shared vocabulary in the default graph (:func:`kg.rdf.document.write_document`);
queries see their union.  An on-disk store carries a manifest
(``kg-manifest.jsonl``, beside Oxigraph's own files) saying which version
(content key) of each document it holds, so :func:`sync_store` replaces
only the graphs of documents that changed.  Its first line says whether the
store is complete, which is all a query reads; a line for each document
follows, sorted by id, which a sync reads beside the corpus's entries,
sorted too, a line at a time: a store of millions of documents is synced
without holding a line for each.  The manifest is marked
incomplete while a sync runs: a store whose sync was interrupted is
reloaded in full by the next one, and refused by queries until then.
The default graph's vocabulary is kept beside them as the sorted lines
it was loaded from (``kg-vocabulary.nt``), which the next sync compares
with the corpus's, sorted too, a block at a time, to change only the
statements that differ.

A store is never serialized to the files ``kg build`` writes: Oxigraph
canonicalizes what it stores (``"05"^^xsd:nonNegativeInteger`` comes back
as ``"5"^^xsd:integer``, ``"290000.0"`` as ``"290000"``, ``zh-Hans`` as
``zh-hans``), so the files are written from the shards
(:class:`kg.corpus.GraphFiles`) and keep every term as made.  Queries
compare tags with ``langMatches``; :func:`restore_language_case` gives
what is read back from a store (``kg push``) the conventional case.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import hashlib
import itertools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.namespace import PROV, RDF

from kg import regexes
from kg.atomic import atomic_write, atomic_write_text
from kg.batches import batched
from kg.entries import beside, listed_items, listing_header, write_listing
from kg.errors import KgError, first_line
from kg.link.ids import FIGURE_ID_PREFIX
from kg.rdf import terms
from kg.rdf.namespaces import NAMESPACES
from kg.rdf.query import (  # not inside keep_answers: under pytest that import kept the open store alive
    named_queries,
    store_cells,
)
from kg.spill import SpillError
from kg.text.inputs import InputError, read_text

if TYPE_CHECKING:
    from kg.corpus import Assembly
    from kg.entries import Entry

#: The manifest file an on-disk store carries beside Oxigraph's files: a line of JSON (its version, whether the
#: store is complete), then ``[doc id, content key]`` for each document graph it holds, sorted by id.
MANIFEST = "kg-manifest.jsonl"
#: The manifest of the stores kg built before stop 32, one JSON object: a store of another version.
_EARLIER_MANIFEST = "kg-manifest.json"
_MANIFEST_VERSION = 2
#: The file of the store's vocabulary as the last sync left it: the default graph but the build's activity, as the
#: sorted N-Triples lines of the corpus's :attr:`kg.corpus.Assembly.default`, whose SHA-256 the manifest's first line
#: records.  A sync compares it with the corpus's lines and changes only the statements that differ
#: (:func:`_sync_vocabulary`), where clearing the default graph and loading its 74,000 statements again took a
#: rebuild of the reports with one of them changed 0.3 s.
VOCABULARY = "kg-vocabulary.nt"

#: A literal as Oxigraph writes it (one line, ``"`` quotes, backslash escapes), with its language tag if any.
#: Matched from the start of the output, each match ends a literal, so a quote inside one is never taken for its end.
_LITERAL = regexes.compile(rb'"[^"\\\n]*(?:\\.[^"\\\n]*)*"(?:@([A-Za-z0-9-]+))?')


class StoreError(KgError):
    """A store that cannot be used; ``str()`` is one line: ``PATH: problem``."""

    def __init__(self, path: str | os.PathLike[str], problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class StoreChanges:
    """What :func:`sync_store` did, counted in documents."""

    loaded: int
    removed: int
    unchanged: int
    full_reload: bool


def memory_store(assembly: Assembly) -> ox.Store:
    """An in-memory store holding the corpus of ``assembly``: a named graph per document, and the default graph."""
    store = ox.Store()
    store.load(assembly.reader("trig"), format=ox.RdfFormat.TRIG)
    return store


#: Bytes of N-Triples the glossary's vocabulary store holds in memory: past them it is loaded into a store on disk
#: (:func:`load_vocabulary`), that many at a time.  In memory a statement takes some 260 bytes, so 32 MiB of text
#: (some 220,000 statements; the 50 reports make 11 MB) hold about 60 MiB.  Oxigraph's bulk loader holds what it
#: is given: the 300 MB of a vocabulary of 236,000 terms loaded at once took 2 GiB more at its peak, and 32 MiB
#: at a time 236 MiB more (11.4 s against 9.8; 8 MiB, 160 MiB in 13.4 s, and the rows then read slower).
VOCABULARY_IN_MEMORY = 32 * 2**20


def load_vocabulary(assembly: Assembly, folder: Callable[[], Path], in_memory: int | None = None) -> ox.Store:
    """A store of the corpus's default graph alone, but the build's activity and its figures' concepts: its
    concepts, their labels and counts, co-occurrence and memberships.  In memory, unless its N-Triples are more
    than ``in_memory`` bytes (:data:`VOCABULARY_IN_MEMORY`): then on disk, in the empty folder ``folder()``
    makes, which must outlive the store; a :class:`kg.spill.SpillError` if it cannot be made or written.

    That is all the glossary's rows and the page's vocabulary facts read
    (the documents' facts come with their shards), and it grows with the
    vocabulary, not with the corpus, so a build never loads its documents'
    statements into a store to write its glossary.  What grows with the
    corpus is left out: the activity names every document, and each figure
    a document reports is a concept (``figure-24.5%25-…``), which no row
    or page shows as a term.  A vocabulary can keep growing too (the 50
    reports name about as many new terms in their last year as in their
    first), which on disk takes what Oxigraph's bulk loader and caches take.
    """
    bound = VOCABULARY_IN_MEMORY if in_memory is None else in_memory
    figures = f"<{terms.concept_iri(FIGURE_ID_PREFIX)}"
    store: ox.Store | None = None
    held: list[bytes] = []
    size = 0
    try:
        for block in assembly.default_blocks(leave_out=figures):
            held.append(block)
            size += len(block)
            if size > bound:  # on disk, a bound's worth at a time: the bulk loader holds what it is given
                store = store or ox.Store(str(folder()))
                _bulk_load(store, held)
                held, size = [], 0
        if store is not None and held:
            _bulk_load(store, held)
    except OSError as error:
        raise SpillError(
            f"the glossary's vocabulary cannot be kept in the temporary folder (TMPDIR, /var/tmp or /tmp): "
            f"{first_line(error)}"
        ) from None
    if store is None:
        store = ox.Store()
        # loaded whole: Oxigraph then parses it without taking the interpreter back for every block it reads,
        # while the build writes its graph files in the main thread
        store.load(b"".join(held), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return store


def _bulk_load(store: ox.Store, blocks: list[bytes]) -> None:
    """Load N-Triples ``blocks`` into ``store`` on disk; leniently (their IRIs not checked again, a third of the
    time): they are :mod:`kg.rdf.terms`', which its tests hold to rdflib's parser."""
    store.bulk_load(b"".join(blocks), format=ox.RdfFormat.N_TRIPLES, lenient=True)


@contextlib.contextmanager
def vocabulary_store(assembly: Assembly, in_memory: int | None = None) -> Iterator[ox.Store]:
    """:func:`load_vocabulary`, on disk (past ``in_memory`` bytes) in a temporary folder (in ``TMPDIR``, as
    SQLite's spill databases) made only then and deleted afterwards."""
    with contextlib.ExitStack() as stack:
        temporary = functools.partial(tempfile.TemporaryDirectory, prefix="kg-vocabulary-")
        yield load_vocabulary(assembly, lambda: Path(stack.enter_context(temporary())), in_memory)


def load_file(path: str | os.PathLike[str]) -> Dataset:
    """A Turtle or TriG file (``.trig``) parsed by Oxigraph into memory, as an rdflib dataset.

    This is how ``kg query`` and ``kg glossary`` read a built graph: on the
    corpus of Government Work Reports Oxigraph parses ``graph.ttl`` in about
    a second where rdflib takes eight, and answers the named queries in tens
    of milliseconds where rdflib takes one or two seconds
    (``bench/named_queries.py``).  A file that cannot be read or parsed is a
    one-line :class:`~kg.text.inputs.InputError`.
    """
    source = Path(path)
    text = read_text(source)
    trig = source.suffix.lower() == ".trig"
    store = ox.Store()
    try:
        store.load(text, format=ox.RdfFormat.TRIG if trig else ox.RdfFormat.TURTLE)
    except SyntaxError as error:
        raise InputError(source, f"not valid {'TriG' if trig else 'Turtle'}: {first_line(error)}") from None
    return rdflib_view(store)


def rdflib_view(store: ox.Store) -> Dataset:
    """An rdflib dataset over ``store`` whose queries run in Oxigraph over the union of its graphs."""
    from oxrdflib import OxigraphStore

    dataset = Dataset(store=OxigraphStore(store=store), default_union=True)
    for prefix, namespace in NAMESPACES.items():
        dataset.bind(prefix, namespace, override=True)
    return dataset


def check_store(path: str | os.PathLike[str]) -> dict[str, object]:
    """The manifest of a complete store built by ``kg build --store``, or a :class:`StoreError` saying what is wrong."""
    folder = Path(path)
    if not folder.is_dir():
        raise StoreError(folder, "no such store (build one with kg build --store)")
    manifest = read_manifest(folder)
    if manifest is None:
        if (why := _why_unread(folder)) == _OTHER_VERSION:
            raise StoreError(folder, f"{_OTHER_VERSION}: run kg build --store again to rebuild it")
        raise StoreError(folder, f"not a store built by kg build --store ({why})")
    if not manifest.get("complete"):
        raise StoreError(folder, "the store was left incomplete by an interrupted build; run kg build --store again")
    return manifest


def open_store(path: str | os.PathLike[str]) -> ox.Store:
    """A store built by ``kg build --store``, opened read-only so that several readers may share it."""
    folder = Path(path)
    check_store(folder)
    try:
        return ox.Store.read_only(str(folder))
    except OSError as error:
        raise StoreError(folder, f"cannot be opened: {first_line(error)}") from None


def sync_store(
    path: str | os.PathLike[str],
    assembly: Assembly,
    threads: int = 1,
    answers: Callable[[], Answers] | None = None,
) -> tuple[ox.Store, StoreChanges]:
    """Make the on-disk store at ``path`` hold exactly the corpus of ``assembly``, loading it on up to ``threads``
    cores; return it, open, and what changed.  ``answers``, if given, gives those of :data:`VOCABULARY_ANSWERS`
    (:func:`vocabulary_answers`) once the store is loaded: a build has them from the vocabulary it loaded for its
    glossary.

    A document graph whose content key the manifest already records is left
    as it is.  The default graph's vocabulary (the concepts' labels and
    counts, co-occurrence) changes by the statements that differ from what
    the last sync left (:data:`VOCABULARY`), and the build's activity is
    replaced.  A new or previously interrupted store, or one most of whose
    documents changed, is cleared and loaded in full.
    Close the returned store (drop it) before opening the folder again:
    Oxigraph locks it.
    """
    folder = Path(path)
    manifest = read_manifest(folder) if folder.is_dir() else None
    if manifest is None:
        # a store another version of kg built is loaded anew
        if folder.is_dir() and any(folder.iterdir()) and (why := _why_unread(folder)) != _OTHER_VERSION:
            raise StoreError(folder, f"the folder is not empty and is not a store kg built ({why})")
        try:
            _write_manifest(folder, (), complete=False)  # claim the folder before Oxigraph creates its files
        except OSError as error:
            raise StoreError(folder, f"cannot be created: {error.strerror or error}") from None
    try:
        store = ox.Store(str(folder))
    except OSError as error:
        raise StoreError(folder, f"cannot be opened for writing: {first_line(error)}") from None
    held = manifest is not None and bool(manifest.get("complete"))  # else what it lists may not be in the store

    def compared() -> Iterator[tuple[str, str | None, Entry | None]]:
        return beside(_graphs(folder) if held else (), assembly.entries.by_id())

    holding = stale = changed = removed = 0
    for _, kept, entry in compared():
        holding += kept is not None
        stale += kept is not None and (entry is None or entry.key != kept)
        changed += entry is not None and entry.key != kept
        removed += entry is None
    # Replacing most of the store graph by graph costs more than loading it anew.
    full = not holding or stale > holding // 2
    vocabulary = _kept_vocabulary(folder, manifest) if held and not full else None
    _write_manifest(folder, _graphs(folder) if held else (), complete=False)  # its lines, read as it is rewritten
    if full:
        store.clear()
    else:
        for doc_id, kept, entry in compared():
            if kept is not None and (entry is None or entry.key != kept):
                store.remove_graph(ox.NamedNode(terms.document_iri(doc_id)))
        if vocabulary is None:
            store.clear_graph(ox.DefaultGraph())
        else:
            _remove_activity(store)
    fresh = (entry for _, kept, entry in compared() if entry is not None and (full or entry.key != kept))
    _load(store, assembly, fresh, threads)  # the documents; the vocabulary is loaded from its lines, below
    digest = _sync_vocabulary(store, folder, assembly.default.lines(), vocabulary)
    store.flush()
    keep_answers(folder, store, assembly, answers)
    graphs = ((entry.doc_id, entry.key) for entry in assembly.entries.by_id())
    _write_manifest(folder, graphs, complete=True, vocabulary=digest)
    (folder / _EARLIER_MANIFEST).unlink(missing_ok=True)
    loaded = len(assembly.entries) if full else changed
    return store, StoreChanges(
        loaded=loaded, removed=removed, unchanged=len(assembly.entries) - loaded, full_reload=full
    )


def _graphs(folder: Path) -> Iterator[tuple[str, str]]:
    """``(doc id, content key)`` of each document graph the manifest of the store in ``folder`` lists, sorted by
    id, read a line at a time."""
    return ((doc_id, key) for doc_id, key in listed_items(folder / MANIFEST))


#: Statements per call of Oxigraph's bulk loader, which holds what it loads in memory (about half a kilobyte each).
#: Calls of this size load faster than larger ones even one after another (the loader sorts what it is given, for
#: each of its indexes), and are many enough for two cores to share: the 50 reports' 256,736 statements loaded in
#: 1.84 s in one call, 1.34 s in four, and 0.70 s in four on two threads.
BULK_STATEMENTS = 64_000


def _load(store: ox.Store, assembly: Assembly, entries: Iterable[Entry], threads: int = 1) -> None:
    """Load the build's activity and the documents of ``entries`` with the bulk loader, in memory bounded whatever
    the corpus's or a document's length: up to ``threads`` batches at once, as Oxigraph lets the interpreter go
    while it loads one.  Each batch is read whole first (some 60 bytes a statement), so that Oxigraph parses it
    without taking the interpreter back for every block it reads."""
    with ThreadPoolExecutor(threads, thread_name_prefix="kg-bulk-load") as loader:
        loading: set[Future[None]] = set()
        for batch in assembly.batches(BULK_STATEMENTS, entries):
            data = batch.read()
            if len(loading) >= threads:
                done, loading = wait(loading, return_when=FIRST_COMPLETED)
                for load in done:
                    load.result()  # a batch Oxigraph refused stops the sync here
            loading.add(loader.submit(store.bulk_load, data, format=ox.RdfFormat.TRIG))
        for load in loading:
            load.result()


def _kept_vocabulary(folder: Path, manifest: Mapping[str, object]) -> Path | None:
    """The store's :data:`VOCABULARY` file, if it is the one ``manifest`` (the last sync's, complete) records: a
    store another version of kg synced last records none, and a file changed since is not trusted."""
    recorded = manifest.get("vocabulary")
    path = folder / VOCABULARY
    try:
        with path.open("rb") as file:
            found = hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None
    return path if isinstance(recorded, str) and found == recorded else None


def _remove_activity(store: ox.Store) -> None:
    """Remove the build's activity from the default graph (:func:`kg.rdf.aggregates.build_activity`): it names
    every document, and is loaded again with those that changed."""
    from kg.rdf.aggregates import BUILDS

    kind = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Activity))
    for activity in store.quads_for_pattern(None, *kind, ox.DefaultGraph()):
        if isinstance(run := activity.subject, ox.NamedNode) and run.value.startswith(BUILDS):
            break
    else:
        return
    # the activity has a statement a document: removed a batch at a time, each read before it is removed
    while said := list(itertools.islice(store.quads_for_pattern(run, None, None, ox.DefaultGraph()), BULK_STATEMENTS)):
        for statement in said:
            store.remove(statement)


def _sync_vocabulary(store: ox.Store, folder: Path, lines: Iterable[str], kept: Path | None) -> str:
    """Write the corpus's vocabulary, the sorted N-Triples ``lines``, as the store's :data:`VOCABULARY`, and load
    it into the store's default graph as it is written; return its SHA-256, which the manifest records.  With
    ``kept``, the file the last sync left (whose lines the store's default graph holds), load only what differs:
    remove from the store the statements of the lines only it has, and add those of the lines only ``lines`` has
    (:func:`_change_statements`).  Either way the lines are read once, and loaded without being made into Turtle
    first.

    A line is a statement, and a statement one line: :mod:`kg.rdf.terms`
    writes each term one way (counts as Python writes integers, labels'
    tags as their source gives them), so the lines that differ are the
    statements that do, whatever Oxigraph canonicalizes as it loads them.
    """
    digest = hashlib.sha256()
    with atomic_write(folder / VOCABULARY, "wb") as handle:
        blocks = _written(lines, handle, digest)
        if kept is None:  # loaded as written, some :data:`BULK_STATEMENTS` at a time (a block at least)
            for group in batched(blocks, max(1, BULK_STATEMENTS // _VOCABULARY_BLOCK)):
                _bulk_load(store, [data for _, data in group])
        else:
            with kept.open(encoding="utf-8", newline="\n") as before:
                _change_statements(store, before, (block for block, _ in blocks))
    return digest.hexdigest()


def _written(lines: Iterable[str], handle: IO[bytes], digest: hashlib._Hash) -> Iterator[tuple[list[str], bytes]]:
    """``lines`` in blocks of :data:`_VOCABULARY_BLOCK`, with their UTF-8, each once it is written to ``handle``
    and added to ``digest``."""
    for block in batched(lines, _VOCABULARY_BLOCK):
        data = "".join(block).encode("utf-8")
        handle.write(data)
        digest.update(data)
        yield block, data


def _change_statements(store: ox.Store, before: IO[str], blocks: Iterable[list[str]]) -> None:
    """Remove from the store's default graph the statements of the lines of ``before`` (the last sync's) that
    ``blocks`` (this one's) lack, and add those of the lines of ``blocks`` that ``before`` lacks; both sorted.

    Each block of this sync's lines is compared with the lines of the last
    that sort after the block before it, up to its own last line: only
    those can equal its lines.  Most blocks are the same list (one
    comparison, in C), and the others are compared as sets, so that no
    line is looked at in Python; memory holds a block and the last sync's
    lines read ahead of it.
    """
    ahead: list[str] = []  # the last sync's lines read and not yet compared, sorted
    for block in blocks:
        last = block[-1]
        while (not ahead or ahead[-1] <= last) and (more := before.readlines(_READ_AHEAD)):
            ahead += more
        cut = bisect.bisect_right(ahead, last)
        compared, ahead = ahead[:cut], ahead[cut:]
        if compared != block:
            now, then = set(block), set(compared)
            _remove_lines(store, then - now)
            _add_lines(store, now - then)
    _remove_lines(store, ahead)
    while more := before.readlines(_READ_AHEAD):  # past this sync's last line: none of them is this sync's
        _remove_lines(store, more)


def _remove_lines(store: ox.Store, lines: Iterable[str]) -> None:
    """Remove the statements of N-Triples ``lines`` from the store's default graph."""
    for statement in ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True):
        store.remove(statement)


def _add_lines(store: ox.Store, lines: Iterable[str]) -> None:
    """Add the statements of N-Triples ``lines`` to the store's default graph."""
    if text := "".join(lines):
        store.load(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)


#: Lines of the vocabulary written to its file, and compared with the last sync's, at a time.
_VOCABULARY_BLOCK = 10_000
#: Bytes of the last sync's vocabulary read at a time (some 6,000 lines).
_READ_AHEAD = 1 << 20
#: Named queries whose answer (with the default parameters) a store keeps beside its files, computed once built.
#: They return a row per term, and on disk Oxigraph spends 70–340 ms on them, most of it reading back every
#: string to sort the rows, and rdflib as long again making a term of each value; read back from
#: ``kg-answers.json`` as the text ``kg query`` prints, an answer takes a few milliseconds.
KEPT_ANSWERS = ("glossary", "slogans-by-year")
#: Those of :data:`KEPT_ANSWERS` that read only the vocabulary: a concept's counts, category and labels, which are
#: statements every document shares (the default graph), never a document's own (:mod:`kg.rdf.document`).  They
#: are answered on the vocabulary's store (:func:`load_vocabulary`), in memory unless it is large, where Oxigraph on
#: disk reads a string back at each join: on the reports, the glossary in 0.06 s rather than 0.40 s.
VOCABULARY_ANSWERS = frozenset({"glossary"})
#: Named queries' answers by name: the variables, and the rows as the text cells ``kg query`` prints.
Answers = dict[str, tuple[list[str], list[list[str]]]]
#: The file of kept answers: by the SHA-256 of the query's text, its variables and rows as text cells.
ANSWERS = "kg-answers.json"


def keep_answers(folder: Path, store: ox.Store, assembly: Assembly, given: Callable[[], Answers] | None = None) -> None:
    """Compute and keep the answers of :data:`KEPT_ANSWERS` on ``store``, which ``folder`` holds, as it is now
    (those of :data:`VOCABULARY_ANSWERS` as ``given()`` gives them, if given, else on the vocabulary of
    ``assembly``, the corpus it holds): the cells ``kg query --store`` prints (:func:`kg.rdf.query.result_cells`),
    read from Oxigraph's answers (:func:`kg.rdf.query.store_cells`)."""
    if given is not None:
        known = given()
    else:
        with vocabulary_store(assembly) as vocabulary:
            known = vocabulary_answers(vocabulary)
    answered = {**known, **_answers(store, (name for name in KEPT_ANSWERS if name not in known))}
    queries = named_queries()
    answers = {}
    for name in KEPT_ANSWERS:
        variables, rows = answered[name]
        answers[_digest(queries[name].text)] = {"variables": variables, "rows": rows}
    atomic_write_text(folder / ANSWERS, json.dumps(answers, ensure_ascii=False))


def vocabulary_answers(vocabulary: ox.Store) -> Answers:
    """The answers of :data:`VOCABULARY_ANSWERS` on ``vocabulary``, a store of the corpus's vocabulary alone
    (:func:`load_vocabulary`), as :func:`keep_answers` keeps them."""
    return _answers(vocabulary, sorted(VOCABULARY_ANSWERS))


def _answers(store: ox.Store, names: Iterable[str]) -> Answers:
    """The answers of the named queries ``names`` on ``store``, as :func:`keep_answers` keeps them."""
    queries = named_queries()
    graph = rdflib_view(store)
    try:
        return {name: store_cells(graph, queries[name].text) for name in names}
    finally:
        graph.close()  # the view's objects refer to each other: closing it lets the store go when its owner does


def kept_answer(folder: Path, sparql: str) -> tuple[list[str], list[list[str]]] | None:
    """The answer the store in ``folder`` keeps for exactly this query text, as its variables and rows of
    text cells, or ``None``.

    The answers are written before the store is marked complete and are
    dropped with the store's files by the next build, so a complete store's
    answers are its own; a file of another layout is no answer.
    """
    try:
        answers = json.loads((folder / ANSWERS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    kept = answers.get(_digest(sparql)) if isinstance(answers, dict) else None
    if (
        not isinstance(kept, dict)
        or not isinstance(kept.get("variables"), list)
        or not isinstance(kept.get("rows"), list)
    ):
        return None
    return kept["variables"], kept["rows"]


def _digest(sparql: str) -> str:
    return hashlib.sha256(sparql.encode("utf-8")).hexdigest()


def read_manifest(folder: Path) -> dict[str, object] | None:
    """The first line of the store's manifest (its version, whether it is complete), or ``None`` if it has none
    (or one this version cannot read)."""
    try:
        manifest = listing_header(folder / MANIFEST)
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("version") == _MANIFEST_VERSION else None


#: What :func:`_why_unread` says of the manifest of a store another version of kg built (which a build reloads).
_OTHER_VERSION = "built by another version of kg"


def _why_unread(folder: Path) -> str:
    """Why ``folder`` has no manifest :func:`read_manifest` reads, said in a few words: :data:`_OTHER_VERSION`
    when it has the manifest of another version of kg."""
    try:
        manifest = listing_header(folder / MANIFEST)
    except FileNotFoundError:
        return _OTHER_VERSION if (folder / _EARLIER_MANIFEST).is_file() else f"no {MANIFEST}"
    except OSError as error:
        return f"its {MANIFEST} cannot be read: {error.strerror or error}"
    except ValueError:
        return f"its {MANIFEST} is not one kg writes"
    if isinstance(manifest, dict) and isinstance(manifest.get("version"), int):
        return _OTHER_VERSION
    return f"its {MANIFEST} is not one kg writes"


def restore_language_case(data: bytes) -> bytes:
    """Language tags after literals in Turtle, TriG or N-Quads in BCP 47's conventional case (``zh-Hans``)."""
    return _LITERAL.sub(_restore, data)


def _restore(literal: re.Match[bytes]) -> bytes:
    tag = literal[1]
    if not tag or b"-" not in tag:
        return literal[0]
    return literal[0][: -len(tag)] + _conventional_case(tag.lower())


def _conventional_case(tag: bytes) -> bytes:
    """``zh-hant-tw`` → ``zh-Hant-TW``: 4-letter script subtags titled, 2-letter regions upper-cased."""
    parts = tag.split(b"-")
    for index in range(1, len(parts)):
        if len(parts[index - 1]) == 1:  # a singleton (x-…) starts private use or an extension: leave it
            break
        if len(parts[index]) == 4 and parts[index].isalpha():
            parts[index] = parts[index].title()
        elif len(parts[index]) == 2 and parts[index].isalpha():
            parts[index] = parts[index].upper()
    return b"-".join(parts)


def _write_manifest(
    folder: Path, graphs: Iterable[tuple[str, str]], *, complete: bool, vocabulary: str | None = None
) -> None:
    """Replace the manifest of the store in ``folder``: ``graphs`` (doc id, key), sorted by id, written as they
    are read, after a first line that says whether the store is complete and the SHA-256 of its
    :data:`VOCABULARY` file, if given."""
    folder.mkdir(parents=True, exist_ok=True)
    header: dict[str, object] = {"version": _MANIFEST_VERSION, "complete": complete}
    if vocabulary is not None:
        header["vocabulary"] = vocabulary
    write_listing(folder / MANIFEST, header, graphs)
