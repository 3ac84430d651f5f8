"""A corpus build: documents → per-document results → one dataset, the only path there is.

``kg build``, :func:`kg.rdf.graph.build_graph` and
:func:`kg.rdf.graph.build_dataset` all go this way: each document becomes a
:class:`DocumentResult` (:func:`document_result`), and :func:`assemble`
merges any number of them into the named graphs and the shared default graph
of one dataset.

Extraction is the expensive step and each document's is independent of the
others, so :func:`extract_corpus` runs it in worker processes, one document
per task, and keeps each result on disk (:class:`Cache`) the moment it
arrives.  The key of a result is a digest of everything it depends on — the
text, the document id and metadata, and a fingerprint of this package's
code and thesaurus — so a rebuild extracts only documents that changed, a
change to the recognizer invalidates everything, and an interrupted build
loses nothing: the next run finds the results that were done.

A result is plain data (:class:`DocumentResult`): the document's own and
shared statements as N-Triples (:func:`kg.rdf.document.document_statements`),
its co-occurring concept pairs, its concepts' mention counts and the counts of
the build summary.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from kg.atomic import atomic_write_text
from kg.errors import KgError
from kg.text.inputs import InputError, Source

if TYPE_CHECKING:
    from kg.link.thesaurus import Thesaurus
    from kg.recognize.doc import Doc

#: What a cache entry's format is; entries of another version are ignored.
_CACHE_VERSION = 2
#: Tasks queued per worker, so that a worker never waits for the next document.
_QUEUED_PER_JOB = 4


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
    """Everything a corpus build needs from one document, with no Doc and no rdflib graph."""

    doc_id: str
    key: str
    path: str
    own: str  # N-Triples of the document's named graph
    shared: str  # N-Triples it adds to the shared default graph
    pairs: list[tuple[str, str, int]]  # co-occurring concepts and in how many sentences
    usage: dict[str, int]  # how many times each concept is mentioned
    stats: DocumentStats

    @property
    def iri(self) -> URIRef:
        """The document's IRI, which names its graph."""
        from kg.rdf.namespaces import document_iri

        return document_iri(self.doc_id)


@dataclass
class ExtractionReport:
    """The results of :func:`extract_corpus`, in input order, and the documents that failed."""

    results: list[DocumentResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    reused: int = 0


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
    """The content key of a document's result: its text, id and metadata, and the :func:`fingerprint`."""
    digest = hashlib.sha256()
    for part in (fingerprint(), source.doc_id, json.dumps(source.meta, sort_keys=True, default=str), source.text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def extract_document(source: Source, key: str | None = None) -> DocumentResult:
    """Recognize, link and turn into statements one document (this is what a worker process runs)."""
    from kg.recognize.pipeline import extract

    doc = extract(source.text, source.doc_id, source.meta)
    return document_result(doc, key or document_key(source), source.meta.get("path", ""))


def document_result(doc: Doc, key: str = "", path: str = "", thesaurus: Thesaurus | None = None) -> DocumentResult:
    """What an annotated document gives a corpus: its statements, co-occurrences, usage and counts."""
    from kg.link.thesaurus import default_thesaurus
    from kg.rdf.document import cooccurrences, document_statements, usage

    own, shared = document_statements(doc, thesaurus or default_thesaurus())
    stats = DocumentStats(
        characters=len(doc.text),
        mentions=dict(Counter(span.label for span in doc.ents)),
        concepts=sorted({span.concept for span in doc.ents if span.concept and span.label != "FIGURE"}),
        figures=len(doc.figures),
        turns=len(doc.turns),
        speakers=sorted({speaker for turn in doc.turns if (speaker := turn.person or turn.org)}),
    )
    pairs = [(first, second, count) for (first, second), count in sorted(cooccurrences(doc).items())]
    return DocumentResult(doc.id, key, path, own, shared, pairs, dict(usage(doc)), stats)


@dataclass(frozen=True)
class Assembly:
    """A corpus as N-Triples: each document's named graph by IRI, and the shared default graph."""

    graphs: dict[str, str]
    default: str

    @property
    def triples(self) -> int:
        return sum(text.count("\n") for text in self.graphs.values()) + self.default.count("\n")


def assemble(
    results: Sequence[DocumentResult], *, generated_at: datetime | None = None, shared: Iterable[str] = ()
) -> Assembly:
    """The corpus of ``results``: their own graphs, and a default graph of their merged shared statements,
    any further ``shared`` statements, and the corpus-wide ones (co-occurrence, usage, the build)."""
    from kg.rdf.aggregates import corpus_statements, usage_totals
    from kg.rdf.nquads import merge_shared

    pairs: Counter[tuple[str, str]] = Counter()
    for result in results:
        pairs.update({(first, second): count for first, second, count in result.pairs})
    merged = "".join(merge_shared([*(result.shared for result in results), *shared]))
    totals = usage_totals(result.usage for result in results)
    corpus = corpus_statements(pairs, [result.iri for result in results], generated_at, totals)
    return Assembly({str(result.iri): result.own for result in results}, merged + corpus)


class Cache:
    """Document results on disk under ``folder``, one JSON file per content key, and the last build's manifest.

    Nothing is created until the first result is stored.  An entry that
    cannot be read (cut short by a crash, another version) is a miss.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> DocumentResult | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            if data.pop("version") != _CACHE_VERSION:
                return None
            stats = DocumentStats(**data.pop("stats"))
            pairs = [tuple(pair) for pair in data.pop("pairs")]
            return DocumentResult(**data, pairs=pairs, stats=stats)  # type: ignore[arg-type]
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, result: DocumentResult) -> None:
        path = self._path(result.key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(path, json.dumps({"version": _CACHE_VERSION, **asdict(result)}, ensure_ascii=False))
        except OSError as error:
            raise CorpusError(f"{self.folder}: the cache cannot be written: {error.strerror or error}") from None

    def manifest(self) -> dict[str, dict[str, object]]:
        """``doc_id → {key, path, characters}`` of the last complete build, or empty."""
        try:
            manifest = json.loads((self.folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return manifest.get("documents", {}) if isinstance(manifest, dict) else {}

    def commit(self, results: Sequence[DocumentResult]) -> None:
        """Record ``results`` as the last complete build and drop the entries no document uses any more."""
        documents = {r.doc_id: {"key": r.key, "path": r.path, "characters": r.stats.characters} for r in results}
        manifest = json.dumps({"documents": documents}, ensure_ascii=False, indent=1) + "\n"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.folder / "manifest.json", manifest)
        except OSError as error:
            raise CorpusError(f"{self.folder}: the cache cannot be written: {error.strerror or error}") from None
        keep = {r.key for r in results}
        for entry in self.folder.glob("*/*.json"):
            if entry.stem not in keep:
                with contextlib.suppress(OSError):
                    entry.unlink()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"


def extract_corpus(
    sources: Sequence[Source],
    cache: Cache | None,
    jobs: int,
    *,
    on_error: Callable[[InputError], None] = lambda error: None,
    on_done: Callable[[Source], None] = lambda source: None,
) -> ExtractionReport:
    """Each source's result, from the cache or extracted with ``jobs`` processes.

    A document whose extraction fails is reported to ``on_error`` as a
    one-line :class:`InputError` and left out; the others go on.
    ``on_done`` is called as each document is finished (for a progress bar).
    Results are stored in ``cache`` as they arrive.
    """
    report = ExtractionReport()
    by_key: dict[str, DocumentResult] = {}
    todo: list[tuple[Source, str]] = []
    keys = [document_key(source) for source in sources]
    for source, key in zip(sources, keys, strict=True):
        cached = cache.get(key) if cache is not None else None
        if cached is not None and cached.doc_id == source.doc_id:
            by_key[key] = cached
            report.reused += 1
            on_done(source)
        else:
            todo.append((source, key))
    for source, key, outcome in _run(todo, jobs):
        if isinstance(outcome, str):
            error = InputError(source.meta.get("path") or source.doc_id, f"could not be processed: {outcome}")
            report.errors.append(error)
            on_error(error)
        else:
            by_key[key] = outcome
            if cache is not None:
                cache.put(outcome)
        on_done(source)
    report.results = [by_key[key] for key in keys if key in by_key]
    return report


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _run(todo: list[tuple[Source, str]], jobs: int) -> Iterator[tuple[Source, str, DocumentResult | str]]:
    """``(source, key, result or error message)`` as each document is done, in this process or in ``jobs`` workers."""
    if jobs <= 1 or len(todo) <= 1:
        for source, key in todo:
            yield source, key, _extract_or_error(source, key)
        return
    from kg.recognize.pipeline import extract

    extract("。", "warm-up")  # build the pipeline once, before the workers are forked from this process
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pending: dict[Future[DocumentResult | str], tuple[Source, str]] = {}
    queue = iter(todo)
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_ignore_interrupts) as pool:
        try:
            while True:
                for source, key in _take(queue, jobs * _QUEUED_PER_JOB - len(pending)):
                    pending[pool.submit(_extract_or_error, source, key)] = (source, key)
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    source, key = pending.pop(future)
                    yield source, key, future.result()
        except BrokenProcessPool:
            raise CorpusError("a worker process died (out of memory?); the documents done so far are cached") from None
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _take(items: Iterator[tuple[Source, str]], count: int) -> list[tuple[Source, str]]:
    return [item for _, item in zip(range(max(count, 0)), items, strict=False)]


def _extract_or_error(source: Source, key: str) -> DocumentResult | str:
    """The result, or the error as one line: an exception must not cross a process boundary or stop the others."""
    try:
        return extract_document(source, key)
    except Exception as error:  # a bug shown on one document; the build goes on with the rest
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops them after their current document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
