"""A corpus build: documents → per-document shards → one dataset, the only path there is.

``kg build``, :func:`kg.rdf.graph.build_graph` and
:func:`kg.rdf.graph.build_dataset` all go this way: each document becomes a
*shard* (:class:`Shards`): the Turtle of its own statements, the statements
of its named graph, in one file, and a small :class:`DocumentResult` (its
shared statements, the thesaurus concepts it names, co-occurring concepts,
mention counts, what the glossary page shows of it and the counts of the
build summary) in another.  An :class:`Assembler` takes the results as they
come, in any order, and keeps what spans documents, which grows with the
vocabulary, not with the corpus (the co-occurrence and usage counts, samples
of each term's documents and contexts for the glossary,
:class:`kg.export.facts.PageDocuments`), a line per document
(:mod:`kg.entries`), and the union of the shared statements, which grows
with the figures the documents report (:mod:`kg.rdf.union`); the lines and
the union move from memory to SQLite past a size.
A build's graph files (:class:`GraphFiles`) grow as the results come,
each shard copied in the corpus's order, and end with the default graph of
the :class:`Assembly` the assembler makes, which gives the same bytes and
feeds Oxigraph (:mod:`kg.rdf.store`); no document's graph is ever held in
memory with another's.

Extraction is the expensive step and each document's is independent of the
others, so :func:`extract_corpus` hands the documents to an engine that runs
it in worker processes (:func:`local_engine`) or on a Dask cluster
(:mod:`kg.dask`), each worker writing the shards of its documents itself.
A worker sends back a partition of documents at a time
(:class:`PartitionResult`), with what spans them gathered
(:class:`Gathered`) and their Turtle, so that the build's process, through
which every result passes, merges a partition rather than each document.
The shards are the cache: the key of a shard is a digest of everything it
depends on — the text, the document id and metadata, and a fingerprint of
this package's code and thesaurus — so a rebuild extracts only documents
that changed, a change to the recognizer invalidates everything, and an
interrupted build loses nothing: the next run finds the shards that were
done.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import itertools
import json
import multiprocessing
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

from kg import regexes
from kg.batches import batched
from kg.entries import Entries, Entry, listed_items, listing_header, write_listing
from kg.errors import KgError
from kg.rdf import terms
from kg.text.inputs import InputError, Source

if TYPE_CHECKING:
    from kg.export.facts import DocumentFacts, PageDocuments
    from kg.link.thesaurus import Thesaurus
    from kg.rdf.aggregates import Uses
    from kg.rdf.union import SharedStatements
    from kg.recognize.doc import Doc

#: What a shard's format is; shards of another version are ignored.
_CACHE_VERSION = 9
#: The index of the last complete build in a cache's folder: a line of JSON, then a document's id a line.
_INDEX = "index.jsonl"
#: The index as the builds of kg before stop 32 kept it (one JSON object), which a build's index replaces.
_EARLIER_INDEX = "index.json"
#: A shard's file (``KEY.ttl``; ``KEY.json`` beside it, before cache version 8) or a temporary one that a build
#: stopped mid-write left (``.KEY.ttl.PID.tmp``, :func:`_replacing`), the only files :meth:`Shards.commit` removes.
_SHARD_FILE = regexes.compile(r"(?P<temporary>\.)?(?P<key>[0-9a-f]{64})\.(?:ttl|json)(?(temporary)\.\d+\.tmp)")
#: Partitions queued per worker, so that a worker never waits for the next one.
_QUEUED_PER_JOB = 4
#: A local worker is handed documents of about this many characters at a time, at least one: a report alone,
#: or some fifty short releases.  One by one, 5,000 releases of a few hundred characters cost the build's
#: process a third of the CPU its two workers spent, in handing them over and back; a partition much larger
#: would leave one worker alone with the last of them.
LOCAL_PARTITION_CHARACTERS = 20_000
#: And at most this many documents: of a few characters each, 20,000 characters made partitions of thousands,
#: which the build's process read in full before a worker finished one (ten seconds to the first result).
LOCAL_PARTITION_DOCUMENTS = 100
#: A document of up to this many characters has its statements made in memory, and its Turtle (some 15 bytes a
#: character: up to about a megabyte) comes back from its worker with its entry, for the graph files
#: (:func:`extract_document`), where the build's process opened and read every shard, in turn, a third of what
#: it spent on each short document (and, on a cluster, over the network).  A longer one's are written to its
#: shard as they are made, and copied from there a block at a time, never whole in memory.
CARRIED_CHARACTERS = 65_536
#: A worker gathers what spans its partition's documents (:class:`Gathered`) when the partition holds at least
#: this many; a partition of one document (a report, locally) is sent back as its result.
GATHERED_DOCUMENTS = 2


class CorpusError(KgError):
    """A build that cannot go on; ``str()`` is one line."""


@dataclass(frozen=True)
class DocumentStats:
    """What the build summary counts in one document."""

    characters: int
    mentions: dict[str, int]
    concepts: list[str]
    figures: int
    turns: int
    speakers: list[str]


@dataclass(frozen=True)
class DocumentResult:
    """Everything a corpus build needs from one document but its own statements (its shard's Turtle)."""

    doc_id: str
    key: str
    statements: int  # how many statements its named graph has (the shard's Turtle)
    shared: str  # N-Triples it adds to the shared default graph (but the descriptions of thesaurus concepts)
    curated: list[str]  # the thesaurus concepts it names, which the corpus describes once
    pairs: list[tuple[str, str, int]]  # co-occurring concepts and in how many sentences
    usage: dict[str, int]  # how many times each concept is used (mentioned, or measured for an indicator)
    first_sentences: dict[str, str]  # the sentence of each concept's first use
    stats: DocumentStats
    page: DocumentFacts  # what the glossary page shows of it
    unnamed: list[tuple[str, str]]  # (zh-Hans name, category) of its concepts the thesaurus lacks: no English
    turtle_bytes: int = 0  # the size of its statements' Turtle, which its shard's file holds before this result

    @property
    def iri(self) -> str:
        """The document's IRI, which names its graph."""
        return terms.document_iri(self.doc_id)


#: A document to extract: its position in the corpus, its source and its shard's key.
Extraction = tuple[int, Source, str]
#: A document to extract; or the position alone of a document whose result the cache holds, which an engine
#: hands back at once as ``(position, None)`` when it takes it from the tasks.
Task = Extraction | int
#: Runs :data:`Task`\ s into a shard folder (its shards kept, or scratch: :func:`extract_document`), yielding
#: each partition's outcomes as it is done (:class:`PartitionResult`), and ``(position, None)`` for a cached
#: document.  The cached positions come back as they are taken, so that a corpus whose documents are nearly all
#: cached streams their results rather than holding them until the engine next finishes a document.
Engine = Callable[[Iterator[Task], Path, bool], Iterator["tuple[int, None] | PartitionResult"]]


@cache
def fingerprint() -> str:
    """A digest of the code and thesaurus that extraction depends on: the package's modules and the thesaurus files."""
    from kg.link.thesaurus import thesaurus_files

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for file in [*sorted(package.rglob("*.py")), *thesaurus_files()]:
        digest.update(str(file.relative_to(file.parents[1])).encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def document_key(source: Source) -> str:
    """The content key of a document's shard: its text, id and metadata, and the :func:`fingerprint`."""
    digest = hashlib.sha256()
    for part in (fingerprint(), source.doc_id, json.dumps(source.meta, sort_keys=True, default=str), source.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def document_result(doc: Doc, own: TextIO, key: str = "", thesaurus: Thesaurus | None = None) -> DocumentResult:
    """What an annotated document gives a corpus: its own statements, written to ``own`` as Turtle, and the rest."""
    from kg.export.facts import document_facts
    from kg.link.thesaurus import default_thesaurus
    from kg.rdf.document import cooccurrences, first_sentences, usage, write_document

    written = write_document(doc, thesaurus or default_thesaurus(), own)
    stats = DocumentStats(
        characters=len(doc.text),
        mentions=dict(Counter(span.label for span in doc.ents)),
        concepts=sorted({span.concept for span in doc.ents if span.concept and span.label != "FIGURE"}),
        figures=len(doc.figures),
        turns=len(doc.turns),
        speakers=sorted({speaker for turn in doc.turns if (speaker := turn.person or turn.org)}),
    )
    pairs = [(first, second, count) for (first, second), count in sorted(cooccurrences(doc).items())]
    uses = dict(usage(doc))
    return DocumentResult(
        doc.id,
        key,
        written.statements,
        written.shared,
        written.curated,
        pairs,
        uses,
        first_sentences(doc),
        stats,
        document_facts(doc, written.categories),
        written.unnamed,
    )


class Shards:
    """Documents' shards in ``folder``, a file per content key, and the index of the last complete build.

    ``KEY.ttl`` holds the Turtle of the document's own statements (without
    ``@prefix`` lines), then a last line, ``#kg-result `` and its
    :class:`DocumentResult` as JSON, which says how many bytes the Turtle
    before it has.  A shard whose last line is missing, unreadable or of
    another version, or whose Turtle is not the size it says (cut short by a
    crash), is a miss.  A file is replaced by renaming, so a reader never
    sees half of one; files are not synced to disk one by one, which is what
    the size check is for.  One file, not a Turtle file and a JSON file: a
    worker made two files for each document, which on an ext4 disk shared by
    two workers cost more than recognizing a short one, and a cache of a
    million documents held two million files.  Nothing is created until the
    first shard is written.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> DocumentResult | None:
        """The result of the shard ``key``, if it is there and whole."""
        from kg.export.facts import DocumentFacts

        try:
            size, data = _result_line(self.turtle(key))
            if data.pop("version") != _CACHE_VERSION or data["turtle_bytes"] != size:
                return None
            stats = DocumentStats(**data.pop("stats"))
            pairs = [tuple(pair) for pair in data.pop("pairs")]
            unnamed = [tuple(name) for name in data.pop("unnamed")]
            page = DocumentFacts.from_json(data.pop("page"))
            return DocumentResult(**data, pairs=pairs, stats=stats, page=page, unnamed=unnamed)  # type: ignore[arg-type]
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def turtle(self, key: str) -> Path:
        """The file of shard ``key``."""
        return self._path(key, ".ttl")

    def open_turtle(self, entry: Entry) -> TextIO:
        """The Turtle of ``entry``'s shard, as a text file that ends where the Turtle does."""
        return io.TextIOWrapper(io.BufferedReader(self._turtle_bytes(entry)), encoding="utf-8", newline="\n")

    def turtle_blocks(self, entry: Entry) -> Iterator[bytes]:
        """The Turtle of ``entry``'s shard as UTF-8, :data:`_BLOCK` bytes at a time: copied into the corpus's
        files as it is, where decoding it and encoding it again took most of the time writing them took."""
        with self._turtle_bytes(entry) as turtle:
            while block := turtle.read(_BLOCK):  # a document of any length, a few megabytes at a time
                yield block

    def _turtle_bytes(self, entry: Entry) -> _Prefix:
        """The Turtle of ``entry``'s shard, a binary file without the result line after it."""
        return _Prefix(self.turtle(entry.key).open("rb"), entry.turtle_bytes)

    def write(self, doc: Doc, key: str, thesaurus: Thesaurus | None = None) -> DocumentResult:
        """Write ``doc``'s shard under ``key``, its statements as they are made, and return its result."""
        with _replacing(self.turtle(key), "w") as own:
            result = document_result(doc, own, key, thesaurus)
            own.flush()
            result = replace(result, turtle_bytes=own.buffer.tell())
            own.write(_last_line(result))
        return result

    def keep(self, result: DocumentResult, turtle: bytes) -> None:
        """Write the shard of ``result``, whose statements were made in memory as ``turtle``."""
        with _replacing(self.turtle(result.key), "wb") as own:
            own.write(turtle)
            own.write(_last_line(result).encode())

    def count(self, since: float) -> int:
        """How many shards the folder holds (whole or not), of those written since the time ``since``."""
        if not self.folder.is_dir():
            return 0
        written = 0
        for path in self.folder.glob("*/*.ttl"):
            with contextlib.suppress(OSError):  # dropped meanwhile
                written += path.stat().st_mtime >= since
        return written

    def index(self) -> dict[str, Any]:
        """The index of the last complete build (:meth:`commit`), or empty: its first line, which says what the
        build was made from, what it left and how many documents it had (a rebuild with nothing changed reads
        no more)."""
        try:
            index = listing_header(self.folder / _INDEX)
        except (OSError, ValueError):
            return {}
        return index if isinstance(index, dict) and index.get("version") == _CACHE_VERSION else {}

    def indexed_ids(self) -> Iterator[str]:
        """The ids of the last complete build's documents, sorted, read a line at a time (none without an
        index)."""
        if not self.index():
            return
        with contextlib.suppress(OSError, ValueError):
            yield from listed_items(self.folder / _INDEX)

    def commit(self, used: Container[str], index: dict[str, Any], doc_ids: Iterable[str]) -> None:
        """Record ``index`` and the sorted ``doc_ids`` as the last complete build's, and drop the shards whose key
        is not ``used`` any more and the temporary files of shards a stopped build left; nothing else in the
        folder is touched but the index as earlier builds kept it (:data:`_EARLIER_INDEX`), which this one
        replaces."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_listing(self.folder / _INDEX, {"version": _CACHE_VERSION, **index}, doc_ids)
            (self.folder / _EARLIER_INDEX).unlink(missing_ok=True)
        except OSError as error:
            raise CorpusError(f"{self.folder}: the cache cannot be written: {error.strerror or error}") from None
        for entry in self.folder.glob("*/*"):
            shard = _SHARD_FILE.fullmatch(entry.name)
            # only what a build writes: a cache given as a folder of one's own (--cache DIR) keeps one's files
            if shard and entry.parent.name == shard["key"][:2] and (shard["temporary"] or shard["key"] not in used):
                with contextlib.suppress(OSError):
                    entry.unlink()

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"


@contextlib.contextmanager
def _replacing(path: Path, mode: str) -> Iterator[IO[Any]]:
    """A file that replaces ``path`` (in its folder, made if need be) by a rename when the block succeeds,
    without syncing it to disk: text in UTF-8 with line feeds, or bytes (``mode`` ``"wb"``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    text = {} if "b" in mode else {"encoding": "utf-8", "newline": "\n"}
    try:
        with open(temp, mode, **text) as handle:
            yield handle
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


#: What starts the last line of a shard's file, the document's result as JSON (the Turtle kg writes has no
#: line that starts with ``#``).
_RESULT_MARK = b"#kg-result "


def _last_line(result: DocumentResult) -> str:
    """The last line of ``result``'s shard: the mark, and the result as JSON (:func:`_result_line` reads it)."""
    # a shallow copy (dataclasses.asdict copied every tuple of the page's facts first): JSON writes tuples as
    # lists, and puts no line feed in a line
    record = {"version": _CACHE_VERSION, **vars(result)}
    record.update(stats=vars(result.stats), page=vars(result.page))
    return f"{_RESULT_MARK.decode()}{json.dumps(record, ensure_ascii=False)}\n"


#: How much of a shard's end is read at first to find its last line; more if that line is longer.
_TAIL = 1 << 16


def _result_line(path: Path) -> tuple[int, dict[str, Any]]:
    """Where the last line of a shard's file starts (the size of its Turtle), and that line's JSON; a
    ``ValueError`` if the file has no such line, whole."""
    with path.open("rb") as file:
        size = file.seek(0, os.SEEK_END)
        span = min(size, _TAIL)
        while True:
            file.seek(size - span)
            tail = file.read(span)
            found = tail.rfind(b"\n" + _RESULT_MARK)
            if found >= 0:
                start = found + 1
            elif span == size and tail.startswith(_RESULT_MARK):
                start = 0  # no Turtle at all before it
            elif span < size:
                span = min(size, span * 8)
                continue
            else:
                raise ValueError(f"{path}: no result line")
            line = tail[start + len(_RESULT_MARK) :]
            if not line.endswith(b"\n"):
                raise ValueError(f"{path}: the result line is cut short")
            return size - span + start, json.loads(line)


class _Prefix(io.RawIOBase):
    """The first ``size`` bytes of a binary file (a shard's Turtle, without the result line after it)."""

    def __init__(self, file: IO[bytes], size: int) -> None:
        self._file, self._left = file, size

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        if self._left <= 0:
            return 0
        count = self._file.readinto(memoryview(target)[: self._left]) or 0
        self._left -= count
        return count

    def close(self) -> None:
        self._file.close()
        super().close()


@dataclass
class Summary:
    """The counts of the build summary, summed over documents as they come."""

    documents: int = 0
    characters: int = 0
    mentions: Counter[str] = field(default_factory=Counter)
    concepts: set[str] = field(default_factory=set)
    figures: int = 0
    turns: int = 0
    speakers: set[str] = field(default_factory=set)

    def add(self, stats: DocumentStats) -> None:
        """Count one document."""
        self.merge(
            Summary(
                1,
                stats.characters,
                Counter(stats.mentions),
                set(stats.concepts),
                stats.figures,
                stats.turns,
                set(stats.speakers),
            )
        )

    def merge(self, other: Summary) -> None:
        """Add the counts of ``other``, of documents this has not counted."""
        self.documents += other.documents
        self.characters += other.characters
        self.mentions.update(other.mentions)
        self.concepts.update(other.concepts)
        self.figures += other.figures
        self.turns += other.turns
        self.speakers.update(other.speakers)


class Gathered:
    """What spans documents, gathered from some of them as their results come (:meth:`add`, in any order), and
    merged with what another process gathered from others (:meth:`merge`).

    A worker gathers its partition's documents and sends that back, not
    each document's result: the build's process then merges a partition in
    a few dict updates (:meth:`kg.rdf.union.SharedStatements.merge`,
    :meth:`kg.sample.Sample.merge`) where it parsed every document's shared
    statements and sampled its facts again, which bounded how many workers
    it kept up with (``bench/build_phases.py``).  Merged, the parts give the
    corpus's aggregates exactly as adding every document to one would.
    ``spill`` says whether the union of the shared statements and the
    samples of the page and of the terms' documents move to SQLite past
    their bounds (:data:`kg.rdf.union.IN_MEMORY`,
    :data:`kg.sample.IN_MEMORY`): not a partition's, which is sent as it
    is, and is bounded by the partition's characters.
    """

    def __init__(self, *, spill: bool = True) -> None:
        from kg.export.facts import PageDocuments
        from kg.rdf.aggregates import Totals, Uses
        from kg.rdf.union import SharedStatements

        bound = None if spill else sys.maxsize
        self.pages = PageDocuments(in_memory=bound)
        self.summary = Summary()
        self.shared = SharedStatements(in_memory=bound)
        self.curated: set[str] = set()
        self.totals = Totals(uses=Uses(in_memory=bound))
        self.unnamed: dict[tuple[str, str], None] = {}

    def add(self, result: DocumentResult, rank: int) -> None:
        """Take the result of the document at position ``rank``."""
        self.pages.add(result.page)
        self.summary.add(result.stats)
        self.shared.add(result.shared, rank)
        self.curated.update(result.curated)
        self.unnamed.update(dict.fromkeys(result.unnamed))
        self.totals.add(result.doc_id, result.pairs, result.usage, result.first_sentences)

    def merge(self, other: Gathered) -> None:
        """Take in what ``other`` gathered, of documents none of which were added here; ``other`` is taken
        over, not copied."""
        self.pages.merge(other.pages)
        self.summary.merge(other.summary)
        self.shared.merge(other.shared)
        self.curated.update(other.curated)
        self.unnamed.update(other.unnamed)
        self.totals.merge(other.totals)


@dataclass(frozen=True)
class PartitionResult:
    """What a worker sends back for a partition: each document's entry (or its error as one line), what spans
    them, gathered (:class:`Gathered`), and the Turtle of those of them no longer than
    :data:`CARRIED_CHARACTERS`, by position."""

    outcomes: list[tuple[int, DocumentResult | Entry | str]]
    gathered: Gathered | None
    turtles: dict[int, bytes] = field(default_factory=dict)


class Assembler:
    """Takes documents' results as they come (in any order) and keeps what spans documents.

    ``rank`` is a document's position in the corpus: where two documents
    label a concept differently in one language, the first one's label is
    kept (:class:`kg.rdf.union.SharedStatements`).  ``thesaurus`` must be
    the one the documents were linked with: it describes the thesaurus
    concepts they name, once for the corpus.
    """

    def __init__(self, shards: Shards, thesaurus: Thesaurus | None = None) -> None:
        self.shards = shards
        self.thesaurus = thesaurus  # the documents' (default: the bundled one), which describes their curated concepts
        self.entries = Entries()
        self.gathered = Gathered()

    @property
    def summary(self) -> Summary:
        """The build summary's counts of the documents taken so far."""
        return self.gathered.summary

    def add(self, result: DocumentResult, rank: int) -> Entry:
        """Take the result of the document at position ``rank``; its entry (what the corpus keeps of it)."""
        entry = Entry.of(result, rank)
        self.entries.add((entry,))
        self.gathered.add(result, rank)
        return entry

    def merge(self, entries: Iterable[Entry], gathered: Gathered) -> None:
        """Take the entries of some documents and what a worker gathered of them (a :class:`PartitionResult`)."""
        self.entries.add(entries)
        self.gathered.merge(gathered)

    @property
    def unnamed(self) -> list[tuple[str, str]]:
        """(zh-Hans name, category) of the concepts the documents named that the thesaurus lacks, but figures:
        they have no English, so the glossary shows drafts, which :func:`kg.export.english.draft_all` can make
        before the corpus is assembled."""
        return list(self.gathered.unnamed)

    def close(self) -> None:
        """Let go of the union of the shared statements, the entries and the samples of the page and of the terms'
        documents (databases, past a size): the assembly reads them."""
        self.gathered.shared.close()
        self.gathered.pages.close()
        self.gathered.totals.uses.close()
        self.entries.close()

    def assemble(self, *, generated_at: datetime | None = None, shared: Iterable[str] = ()) -> Assembly:
        """The corpus: each document's graph, and a default graph of the union of their shared statements,
        any further ``shared`` statements, and the corpus-wide ones (co-occurrence, usage, the build)."""
        from kg.link.thesaurus import default_thesaurus
        from kg.rdf.document import concept_statements

        thesaurus = self.thesaurus or default_thesaurus()
        gathered = self.gathered
        curated = concept_statements(sorted(gathered.curated), thesaurus)
        for text in itertools.chain([curated], shared, gathered.totals.statements()):
            gathered.shared.add(text, len(self.entries))  # after every document's: their labels win
        gathered.shared.settle()  # the assembly's readers (a thread among them) only read it
        self.entries.settle()
        union, uses = gathered.shared, gathered.totals.uses
        return Assembly(self.entries, union, self.shards, gathered.summary, uses, gathered.pages, generated_at)


@dataclass(frozen=True)
class Assembly:
    """A corpus ready to be written: its documents' shards (in the corpus's order) and its default graph: the
    vocabulary (:class:`kg.rdf.union.SharedStatements`, in memory or in SQLite), and the build's activity,
    which is made from the entries as it is written."""

    entries: Entries  # in the corpus's order
    default: SharedStatements  # all the default graph but the build's activity, read as sorted N-Triples lines
    shards: Shards
    summary: Summary
    uses: Uses  # each concept's count and sample of documents and its context sentence, by concept IRI
    pages: PageDocuments  # what the glossary page shows of the documents
    generated_at: datetime | None = None  # when the build ended, which its activity says if given

    def activity_turtle(self) -> Iterator[str]:
        """The build as a PROV activity that used every document (:func:`kg.rdf.aggregates.build_activity`), as
        Turtle nodes of at most :data:`_ACTIVITY_PAIRS` statements: made as it is written, so that a corpus of
        millions of documents never holds a line for each."""
        from kg.rdf.aggregates import build_activity
        from kg.rdf.terms import turtle_nodes

        yield from turtle_nodes(build_activity(_DocumentIris(self.entries), self.generated_at), _ACTIVITY_PAIRS)

    def default_chunks(self) -> Iterator[str]:
        """The default graph as Turtle, in whole nodes made as they are read: the vocabulary, then the build's
        activity."""
        from kg.rdf.terms import turtle_nodes

        yield from turtle_nodes(self.default.lines(), _DEFAULT_PAIRS)
        yield from self.activity_turtle()

    def default_blocks(self, leave_out: str | None = None) -> Iterator[bytes]:
        """The default graph but the build's activity as N-Triples in UTF-8, blocks of whole lines made as they
        are read (the glossary's vocabulary store loads them, :func:`kg.rdf.store.load_vocabulary`), without the
        statements about subjects that start with ``leave_out``, if given, in any order (a store loads them as
        they come)."""
        lines = self.default.lines(ordered=False)
        if leave_out:
            lines = (line for line in lines if not line.startswith(leave_out))
        for block in batched(lines, _DEFAULT_PAIRS):
            yield "".join(block).encode("utf-8")

    @property
    def in_database(self) -> bool:
        """Whether the default graph, the entries or the samples of the page or of the terms' documents moved to
        SQLite, whose connections a forked copy must not use."""
        return any(part.in_database for part in (self.default, self.entries, self.pages, self.uses))

    @property
    def triples(self) -> int:
        from kg.rdf.aggregates import activity_statements

        activity = activity_statements(_DocumentIris(self.entries), self.generated_at)
        return sum(entry.statements for entry in self.entries) + len(self.default) + activity

    def chunks(self, format: str, only: Iterable[str] | None = None) -> Iterator[bytes]:
        """The corpus as Turtle (``turtle``: every statement in one graph) or TriG (``trig``: a graph per
        document) in UTF-8, piece by piece: the prefixes, each document's shard in the corpus's order, then the
        default graph (:class:`GraphFiles` writes the same bytes as the documents come).

        ``only`` (IRIs) restricts the documents (the default graph is always
        there).  The same shards give the same bytes.
        """
        if format not in _FORMATS:
            raise ValueError(f"not a format an assembly writes: {format}")
        return (piece for trig_only, piece in self._pieces(only) if format == "trig" or not trig_only)

    def _pieces(self, only: Iterable[str] | None = None) -> Iterator[tuple[bool, bytes]]:
        """``(TriG only?, UTF-8)``: the pieces of both formats, and those that make TriG's graphs."""
        yield False, _prefixes()
        wanted = None if only is None else set(only)
        for entry in self.entries:
            if wanted is None or entry.iri in wanted:
                yield from _document_pieces(self.shards, entry)
        yield from self.default_pieces()

    def default_pieces(self) -> Iterator[tuple[bool, bytes]]:
        """The default graph as :meth:`_pieces` gives it: after the documents' graphs, out of them in TriG."""
        for chunk in self.default_chunks():
            yield False, chunk.encode()

    def text(self, format: str) -> str:
        return b"".join(self.chunks(format)).decode()

    def reader(self, format: str = "trig", only: Iterable[str] | None = None) -> IO[bytes]:
        """:meth:`chunks` as a binary file, which Oxigraph reads as it loads, a shard at a time."""
        return _ChunkReader(self.chunks(format, only))

    def batches(self, statements: int, entries: Iterable[Entry] | None = None) -> Iterator[IO[bytes]]:
        """The corpus but its vocabulary as TriG files of about ``statements`` statements each, for the bulk
        loader (:func:`trig_batches`): the build's activity, then the documents (those of ``entries``, if given).
        A store loads the vocabulary from its own lines (:func:`kg.rdf.store.sync_store`)."""
        return trig_batches(
            self.shards, self.entries if entries is None else entries, statements, self.activity_turtle()
        )


class GraphFiles:
    """The corpus's Turtle and TriG files (``handles``: binary files by format), written as its documents come.

    A build hands each document's entry over as soon as its result is in
    (:meth:`add`), in any order, and the shards are copied in the corpus's
    order, as soon as every document before them is in: the files are the
    same whatever order the workers finish in, and most of them is written
    while the documents are extracted, not after.  A document that failed is
    handed over as ``None``; one whose Turtle its worker sent back
    (:data:`CARRIED_CHARACTERS`) is handed over with it, and its shard is not
    read.  :meth:`finish` adds the default graph, which
    the whole corpus makes.  With ``discard``, each shard is deleted once
    copied: a scratch shard (``--no-cache``) then goes while it is still in
    the page cache, where deleting 432,000 of them at the end, written to
    the disk meanwhile, took 43 s.
    """

    def __init__(self, handles: Mapping[str, IO[bytes]], shards: Shards, *, discard: bool = False) -> None:
        if unknown := handles.keys() - _FORMATS:
            raise ValueError(f"not a format an assembly writes: {', '.join(sorted(unknown))}")
        self._handles, self._shards, self._discard = handles, shards, discard
        # handed over before a document ahead of them, with the Turtle given
        self._waiting: dict[int, tuple[Entry, bytes | None] | None] = {}
        self._next = 0  # the position of the next document to copy
        self._write(((False, _prefixes()),))

    def add(self, rank: int, entry: Entry | None, turtle: bytes | None = None) -> None:
        """The document at position ``rank`` is done (``None``: it failed), with its shard's ``turtle`` if its
        worker sent it; copy what is now in order."""
        self._waiting[rank] = None if entry is None else (entry, turtle)
        while self._next in self._waiting:
            ready = self._waiting.pop(self._next)
            self._next += 1
            if ready is None:
                continue
            document, carried = ready  # not ``entry``: the one handed over may be waiting still
            self._write(_document_pieces(self._shards, document, carried))
            if self._discard and carried is None:  # a scratch document whose Turtle came has no shard
                with contextlib.suppress(OSError):
                    self._shards.turtle(document.key).unlink()

    def finish(self, assembly: Assembly) -> None:
        """Write the default graph of ``assembly``, whose documents must all have been handed over."""
        if self._waiting:  # a bug: a position was never handed over, and the documents after it were not copied
            raise CorpusError(f"the graph files lack the document at position {self._next}")
        self._write(assembly.default_pieces())

    def flush(self) -> None:
        """Write out what the files hold buffered (before a fork: a copy would write it again, :mod:`kg.forked`)."""
        for handle in self._handles.values():
            handle.flush()

    def sync(self) -> None:
        """Flush the files to the disk (:func:`kg.atomic.sync`)."""
        from kg.atomic import sync

        for handle in self._handles.values():
            sync(handle)

    def _write(self, pieces: Iterable[tuple[bool, bytes]]) -> None:
        for trig_only, piece in pieces:
            for format, handle in self._handles.items():
                if format == "trig" or not trig_only:
                    handle.write(piece)


def _document_pieces(shards: Shards, entry: Entry, turtle: bytes | None = None) -> Iterator[tuple[bool, bytes]]:
    """``(TriG only?, UTF-8)`` of one document: its shard's Turtle (``turtle``, if given), inside a graph of its
    own in TriG."""
    yield True, _graph_open(entry.iri).encode()
    if turtle is not None:
        yield False, turtle
    else:
        yield from ((False, block) for block in shards.turtle_blocks(entry))
    yield True, _GRAPH_CLOSE.encode()


@cache
def _prefixes() -> bytes:
    """The ``@prefix`` lines every Turtle and TriG file opens with."""
    from kg.rdf.terms import turtle_prefixes

    return turtle_prefixes().encode()


def trig_batches(
    shards: Shards, entries: Iterable[Entry], statements: int, default: Iterable[str] = ()
) -> Iterator[IO[bytes]]:
    """``default`` (the default graph, as pieces of Turtle made of whole nodes) and the named graphs of
    ``entries`` as TriG files of about ``statements`` statements each (whole nodes; each file opens with the
    prefixes).

    Oxigraph's bulk loader holds what one call loads in memory (half a
    kilobyte a statement), so a corpus, or one long document, is loaded in
    calls of a bounded size.
    """
    stream = _batched(shards, entries, statements, default)
    while (first := next(stream, None)) is not None:
        pieces = itertools.chain([first], iter(stream.__next__, None))  # up to the end of the batch
        yield _ChunkReader(piece.encode("utf-8") for piece in pieces)


def _batched(shards: Shards, entries: Iterable[Entry], statements: int, default: Iterable[str]) -> Iterator[str | None]:
    """The TriG of :func:`trig_batches`, with ``None`` where a batch ends."""
    from kg.rdf.terms import turtle_prefixes

    prefixes = turtle_prefixes()
    yield prefixes
    count = 0
    for piece in default:  # a statement a line
        if count and count + piece.count("\n") > statements:
            yield None
            yield prefixes
            count = 0
        yield piece
        count += piece.count("\n")
    for entry in entries:
        if count and count + entry.statements > statements:
            yield None
            yield prefixes
            count = 0
        yield _graph_open(entry.iri)
        with shards.open_turtle(entry) as turtle:
            buffer: list[str] = []
            for line in turtle:  # a statement a line; a line not indented starts a node
                if count >= statements and line[0] != "\t":
                    yield "".join(buffer)
                    yield _GRAPH_CLOSE
                    yield None
                    yield prefixes
                    yield _graph_open(entry.iri)
                    buffer, count = [], 0
                buffer.append(line)
                count += 1
                if len(buffer) >= 10_000:
                    yield "".join(buffer)
                    buffer = []
            yield "".join(buffer)
        yield _GRAPH_CLOSE


class _DocumentIris(Iterable[str]):
    """The IRIs of entries, made as they are read (a build's activity reads them twice)."""

    def __init__(self, entries: Entries) -> None:
        self._entries = entries

    def __iter__(self) -> Iterator[str]:
        return (entry.iri for entry in self._entries)


#: Statements of the build's activity per Turtle node (:meth:`Assembly.activity_turtle`).
_ACTIVITY_PAIRS = 10_000
#: Statements of the default graph per piece of its Turtle (:meth:`Assembly.default_chunks`).
_DEFAULT_PAIRS = 10_000
#: The formats an assembly writes.
_FORMATS = frozenset({"turtle", "trig"})


def _graph_open(iri: str) -> str:
    return f"\n{terms.iri(iri)} {{\n"


_GRAPH_CLOSE = "}\n"
#: Characters of a shard read at a time when the corpus is written or loaded.
_BLOCK = 1 << 22


class _ChunkReader(io.RawIOBase):
    """A read-only binary file over an iterator of byte strings."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._buffer = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._buffer:
            try:
                self._buffer = memoryview(next(self._chunks))
            except StopIteration:
                return 0
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]  # a view: no copy of the rest
        return size


@dataclass
class ExtractionReport:
    """How many documents were taken from the shards unchanged, and those that failed."""

    reused: int = 0
    errors: list[InputError] = field(default_factory=list)


def extract_corpus(
    sources: Iterable[Source],
    shards: Shards,
    engine: Engine,
    report: ExtractionReport,
    assembler: Assembler,
    *,
    on_error: Callable[[InputError], None] = lambda error: None,
    on_done: Callable[[Source], None] = lambda source: None,
    on_failed: Callable[[int], None] = lambda position: None,
    reuse: bool = True,
    keep: bool = True,
) -> Iterator[tuple[int, Entry, bytes | None]]:
    """``(position, entry, Turtle)`` of each source, from its shard or extracted by ``engine``, as each is
    ready, once ``assembler`` has taken its result (or a worker's partition of them, :class:`PartitionResult`).
    The Turtle is the document's statements, where its worker sent them (:data:`CARRIED_CHARACTERS`); else
    ``None``: they are in its shard.

    A document whose extraction fails is reported to ``on_error`` as a
    one-line :class:`InputError` (and in ``report``), and its position to
    ``on_failed``, and left out; the others go on.  ``on_done`` is called
    as each document is finished (for a progress bar).  Sources are read as
    the engine asks for work, and a document found in the cache is given as
    soon as it is read (the engine hands its position back, :data:`Engine`),
    so only the documents in flight are in memory.  Without ``reuse`` (a build's fresh scratch
    folder, which holds no shard yet) no document is looked for in
    ``shards``: a look that cannot find anything cost the build's process
    a fifth of what it spent on each of 100,000 short documents.  Without
    ``keep`` (a scratch folder whose shards only the graph files read) a
    worker writes no shard for a short document (:func:`extract_document`).
    """
    sources_by_position: dict[int, Source] = {}
    cached: dict[int, DocumentResult] = {}  # the one the engine is about to hand back

    def tasks() -> Iterator[Task]:
        for position, source in enumerate(sources):
            key = document_key(source)
            result = shards.get(key) if reuse else None
            if result is not None and result.doc_id == source.doc_id:
                report.reused += 1
                on_done(source)
                cached[position] = result
                yield position
            else:
                sources_by_position[position] = source
                yield position, source, key

    def done(position: int, outcome: DocumentResult | Entry | str) -> bool:
        """Count the document at ``position`` done; whether it was done well (an error is reported)."""
        source = sources_by_position.pop(position)
        on_done(source)
        if not isinstance(outcome, str):
            return True
        error = InputError(source.meta.get("path") or source.doc_id, f"could not be processed: {outcome}")
        report.errors.append(error)
        on_error(error)
        on_failed(position)
        return False

    for item in engine(tasks(), shards.folder, keep):
        if isinstance(item, PartitionResult):
            entries = []
            for position, outcome in item.outcomes:
                if not done(position, outcome):
                    continue
                if isinstance(outcome, Entry):
                    entries.append(outcome)  # merged with the partition's gathered aggregates, below
                else:
                    yield position, assembler.add(outcome, position), item.turtles.get(position)  # type: ignore[arg-type]
            if item.gathered is not None:
                assembler.merge(entries, item.gathered)
                yield from ((entry.rank, entry, item.turtles.get(entry.rank)) for entry in entries)
            continue
        position, _ = item
        yield position, assembler.add(cached.pop(position), position), None


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def local_engine(jobs: int) -> Engine:
    """An engine that extracts in this process (``jobs`` 1) or in ``jobs`` worker processes of this machine."""

    def run(tasks: Iterator[Task], folder: Path, keep: bool) -> Iterator[tuple[int, None] | PartitionResult]:
        if jobs <= 1:
            for task in tasks:
                yield (task, None) if isinstance(task, int) else extract_partition([task], folder, keep)
            return
        yield from _pool(tasks, folder, jobs, keep)

    return run


def ready_to_fork_workers() -> None:
    """Build the pipeline and import what writes a document's statements, once, in the process that forks the
    workers: each starts as a copy of it, rather than building its own (``bench/parallel_ceiling.py`` forks its
    copies after this too)."""
    from kg.recognize.pipeline import extract
    from kg.text.script import to_traditional

    document_result(extract("。", "warm-up"), io.StringIO())
    to_traditional("。")  # and OpenCC's other converter, which labels names the thesaurus does not know
    gc.freeze()  # its tables live as long as the workers: the collector of each need not go through them


def _pool(tasks: Iterator[Task], folder: Path, jobs: int, keep: bool) -> Iterator[tuple[int, None] | PartitionResult]:
    ready_to_fork_workers()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    batches = partitions(tasks, LOCAL_PARTITION_CHARACTERS, LOCAL_PARTITION_DOCUMENTS)
    pending: set[Future[PartitionResult]] = set()
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts) as pool:
        try:
            # fork the workers now, while this process holds little more than the pipeline: forked at the first
            # document to extract, after those taken from the cache, each would start as a copy of all the build
            # has gathered of them
            pool.submit(os.getpid).result()
            while True:
                while len(pending) < jobs * _QUEUED_PER_JOB and (partition := next(batches, None)) is not None:
                    if isinstance(partition, int):
                        yield partition, None
                    else:
                        pending.add(pool.submit(extract_partition, partition, folder, keep))
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    pending.remove(future)
                    yield future.result()
        except BrokenProcessPool:
            raise CorpusError("a worker process died (out of memory?); the documents done so far are cached") from None
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def partitions(tasks: Iterator[Task], characters: int, documents: int) -> Iterator[list[Extraction] | int]:
    """Consecutive documents of about ``characters`` characters, and no more than ``documents`` of them (at
    least one); cached positions as they come."""
    partition: list[Extraction] = []
    size = 0
    for task in tasks:
        if isinstance(task, int):
            yield task
            continue
        partition.append(task)
        size += len(task[1].text)
        if size >= characters or len(partition) >= documents:
            yield partition
            partition, size = [], 0
    if partition:
        yield partition


def extract_partition(tasks: list[Extraction], folder: str | Path, keep: bool = True) -> PartitionResult:
    """What a worker (a local process or a Dask worker) runs: each document of a partition extracted into its
    shard in ``folder`` (:func:`extract_document`, which says what ``keep`` is), or its error as one line, and
    what spans them gathered for the build's process to merge."""
    gathered = Gathered(spill=False) if len(tasks) >= GATHERED_DOCUMENTS else None
    result = PartitionResult([], gathered)
    for position, source, key in tasks:
        outcome = extract_or_error(source, key, Path(folder), keep=keep)
        if isinstance(outcome, str):
            result.outcomes.append((position, outcome))
            continue
        document, turtle = outcome
        if gathered is not None:
            gathered.add(document, position)
        result.outcomes.append((position, document if gathered is None else Entry.of(document, position)))
        if turtle is not None:
            result.turtles[position] = turtle
    return result


def extract_document(
    source: Source, key: str, folder: Path, *, keep: bool = True
) -> tuple[DocumentResult, bytes | None]:
    """Recognize and link one document and write its statements (this is what a worker runs): its result, and
    its Turtle if it was made in memory.

    A document of up to :data:`CARRIED_CHARACTERS` has its statements made
    in memory, and written from there into its shard in ``folder``, but
    without ``keep``: then the shards are scratch, which nothing reads but
    the graph files, and creating a shard's file took a worker 0.14 ms on
    this project's ext4 disk, a fifth of what it spends on a one-paragraph
    release.  A longer one's are written into its shard as they are made.
    """
    from kg.recognize.pipeline import extract

    doc = extract(source.text, source.doc_id, source.meta)
    shards = Shards(folder)
    if len(source.text) > CARRIED_CHARACTERS:
        return shards.write(doc, key), None
    own = io.StringIO()
    result = document_result(doc, own, key)
    turtle = own.getvalue().encode()
    result = replace(result, turtle_bytes=len(turtle))
    if keep:
        shards.keep(result, turtle)
    return result, turtle


def extract_or_error(
    source: Source, key: str, folder: Path, *, keep: bool = True
) -> tuple[DocumentResult, bytes | None] | str:
    """What :func:`extract_document` gives, or the error as one line: an exception must not cross a process
    boundary or stop the others."""
    try:
        return extract_document(source, key, folder, keep=keep)
    except KgError as error:  # a limit of the store (kg.rdf.terms.LiteralTooLong): its message says it all
        return str(error)
    except OSError as error:  # extraction touches no file but the shard's (a full disk, a folder gone)
        return f"its shard cannot be written in {folder}: {error.strerror or error}"
    except Exception as error:  # a bug shown on one document; the build goes on with the rest
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C and SIGTERM (sent to the whole process group, as a job scheduler does) to the main
    process, which stops them after their current partition."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
