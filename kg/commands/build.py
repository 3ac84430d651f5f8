"""``kg build INPUT... -o OUT [--store DIR]``: the graph and the glossary of a corpus.

Documents are extracted in parallel (``--jobs``, all cores by default) and
each result is cached under ``OUT/.kg-cache`` by content key, so a rebuild
extracts only what changed and an interrupted build resumes where it
stopped (:mod:`kg.corpus`).  The corpus is then assembled from the shards:
``OUT/graph.ttl`` (every statement), ``OUT/graph.trig`` (a named graph per
document), ``OUT/glossary.csv``, ``OUT/glossary.html`` (the glossary as an
offline page, :mod:`kg.export.html`), and with ``--store`` a persistent
Oxigraph store that ``kg query --store`` and ``kg serve`` use
(:mod:`kg.rdf.store`).

A document that cannot be read or processed is reported on one line and
left out; the rest is built and written, and the exit status is 1.  A
mistake in the command itself (a missing path, a pattern that matches
nothing) stops it before anything is read or written.  Outputs replace the
previous ones only when all are complete.

Documents are read as the workers ask for them and each worker writes its
documents' shards itself (:mod:`kg.corpus`): what the main process keeps
grows with the vocabulary (of a term's contexts and documents, a sample:
:mod:`kg.sample`) and by a line per document, not with the text.
``--engine dask`` hands the documents to a Dask cluster (:mod:`kg.dask`)
instead of local worker processes; the shards and everything after them are
the same.

When nothing changed since the last build — the same input files (path,
size, modification time), code, thesaurus and options, and the outputs as
that build left them — the build reads only the cache's index and stops.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import glob
import importlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import regexes
from kg.collector import keep_until_exit, paused_gc
from kg.commands import EXIT_FAILED, CommandError, Interrupted
from kg.text.inputs import InputError, Listing, Source, list_documents, read_listed

if TYPE_CHECKING:
    from tqdm import tqdm

    from kg.atomic import AtomicFiles
    from kg.corpus import Assembly, Engine, GraphFiles, Shards, Summary
    from kg.entries import Entries
    from kg.export.english import Draft
    from kg.rdf.store import Answers, StoreChanges

NAME = "build"
HELP = "Build the graph (Turtle, TriG), the glossary (CSV, HTML page) and optionally an Oxigraph store from documents."

_PATTERN = regexes.compile(r"[*?[]")
#: How far a file's time may lag the clock: file systems stamp files from a clock that advances a tick at a time.
_FILE_CLOCK_LAG = 0.05
#: The files ``-o OUT`` receives, all replaced together.
OUTPUT_FILES = ("graph.ttl", "graph.trig", "glossary.csv", "glossary.html")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="documents, folders of them, or glob patterns such as 'news/**/*.txt'",
    )
    parser.add_argument("-o", "--output", type=Path, metavar="OUT", help="output folder for the graph and glossary")
    parser.add_argument("--store", type=Path, metavar="DIR", help="create or update an Oxigraph store in DIR")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes, and threads loading a store (default: every core)",
    )
    parser.add_argument("--encoding", metavar="NAME", help="read every file in this encoding (default: detected)")
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="extraction cache (default: OUT/.kg-cache, or DIR.kg-cache beside --store)",
    )
    parser.add_argument("--no-cache", action="store_true", help="extract every document again and cache nothing")
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local worker processes (default), or a Dask cluster (pip install 'kg[dask]')",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to use, such as tcp://host:8786 (default: a local cluster of --jobs workers)",
    )


def run(args: argparse.Namespace) -> int:
    before = _disk_state(args)
    try:
        with contextlib.ExitStack() as held:
            return _build(args, held)
    except KeyboardInterrupt:
        raise Interrupted(_after_interrupt(args, before)) from None


def _build(args: argparse.Namespace, held: contextlib.ExitStack) -> int:
    """The build; ``held`` keeps until it returns its folders' locks and its assembler's databases."""
    from kg.corpus import Shards, default_jobs

    started = time.perf_counter()
    if args.output is None and args.store is None:
        raise CommandError("say where to build: -o OUT, --store DIR, or both")
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise CommandError(f"--jobs must be 1 or more, not {jobs}")
    if args.scheduler and args.engine != "dask":
        raise CommandError("--scheduler is the address of a Dask scheduler: give it with --engine dask")
    if args.encoding is not None:
        _check_encoding(args.encoding)
    for folder in (args.output, args.store, args.cache):
        if folder is not None:
            _check_folder(folder)
    cache = _cache(args)
    for folder in (args.output, cache.folder if cache else None, args.store):
        if folder is not None:
            held.enter_context(_exclusive(folder))
    paths = expand_patterns(args.inputs)
    own = [args.output / name for name in OUTPUT_FILES] if args.output is not None else []
    listed = list_documents(paths, leave_out=own)  # a missing path or an empty folder stops here, before any read
    inputs = _inputs_state(args, listed) if cache is not None else None
    index = cache.index() if cache is not None else {}
    if _up_to_date(index, inputs, args):
        documents = index.get("documents", 0)
        print(f"documents   {documents}; nothing changed since the last build, whose outputs are up to date")
        print(f"time        {time.perf_counter() - started:.1f} s")
        return 0
    del index
    listed.settle()  # each file its id (in SQLite, past a bound): held until the build ends

    from kg.corpus import Assembler, ExtractionReport, GraphFiles, extract_corpus
    from kg.forked import forked_given

    errors: list[InputError] = []
    report = ExtractionReport()
    with contextlib.ExitStack() as stack:
        # a copy of this process loads CC-CEDICT on the core the start leaves idle, then drafts the English the
        # glossary shows of the names the documents give
        give_names, drafts = stack.enter_context(forked_given(_draft, "drafts English", fork=args.output is not None))
        shards = cache or Shards(stack.enter_context(_scratch(args.output, args.store, ".kg-shards-")))
        # shards that only the graph files read (no cache, no store): a short document gets none, its Turtle is
        # carried to them (kg.corpus.extract_document), and a shard is deleted once copied
        scratch = cache is None and args.store is None
        outputs = stack.enter_context(_outputs(args.output))  # replaced together when the stack closes
        graphs = None
        if outputs is not None:
            handles = {"turtle": outputs.open(args.output / OUTPUT_FILES[0], "wb")}
            handles["trig"] = outputs.open(args.output / OUTPUT_FILES[1], "wb")
            graphs = GraphFiles(handles, shards, discard=scratch)
        bar = stack.enter_context(_progress())
        assembler = Assembler(shards)
        held.callback(assembler.close)  # its databases, if any: the cache's index is written from the entries
        sources = _sources(listed, args.encoding, errors, bar)
        with _engine(args, jobs) as engine:  # the workers (or the Dask cluster) go once the shards are written
            prepared = jobs <= 1 or graphs is None
            for rank, entry, turtle in extract_corpus(
                sources,
                shards,
                engine,
                report,
                assembler,
                on_error=_report,
                on_done=lambda source: bar.update(len(source.text)),
                on_failed=lambda position: graphs.add(position, None) if graphs is not None else None,
                reuse=cache is not None,
                keep=not scratch,
            ):
                if not prepared:
                    prepared = True
                    _prepare_the_end()
                if graphs is not None:
                    graphs.add(rank, entry, turtle)  # the graph files grow as the documents come, in the corpus's order
        bar.close()
        errors += report.errors
        summary = assembler.summary
        if not summary.documents:
            raise CommandError(f"none of the {len(report.errors)} documents could be processed; nothing was written")
        gone = _gone(cache.indexed_ids(), assembler.entries) if cache is not None else 0
        lines = _summary(summary, len(errors), report.reused, gone, jobs, args.engine)
        give_names(assembler.unnamed)
        with paused_gc():  # what is made from here on lives until the build ends
            assembly = assembler.assemble()
            keep_until_exit(assembler, assembly)
            lines += _write(assembly, outputs, graphs, args.output, args.store, drafts, jobs)
    if cache is not None:  # once the outputs are all written; the entries it reads are let go after it
        _commit(cache, assembly.entries, None if errors else inputs, args)
    lines.append(f"time        {time.perf_counter() - started:.1f} s")
    print("\n".join(lines))
    return EXIT_FAILED if errors else 0


def _commit(cache: Shards, entries: Entries, inputs: dict[str, Any] | None, args: argparse.Namespace) -> None:
    """Record in ``cache`` the build of ``entries`` from ``inputs`` (``None`` for a build with errors, which is
    done again: its failed documents are tried again), once its outputs are written, and drop the shards it
    no longer uses."""
    from kg.corpus import CorpusError

    index = {"inputs": inputs, "outputs": _outputs_state(args.output, args.store), "documents": len(entries)}
    try:
        cache.commit(entries.keys(), index, (entry.doc_id for entry in entries.by_id()))
    except CorpusError as error:
        raise CommandError(f"the outputs are written, but {error}") from None


def _gone(before: Iterable[str], entries: Entries) -> int:
    """How many of the sorted ids ``before`` (the last build's documents) have no entry among ``entries``."""
    from kg.entries import beside

    return sum(entry is None for _, _, entry in beside(((doc_id, True) for doc_id in before), entries.by_id()))


def _draft(names: Callable[[], list[tuple[str, str]]]) -> dict[tuple[str, str], Draft]:
    """The English drafts of ``names()``: CC-CEDICT is loaded first, while the names are still being found."""
    from kg.export.english import default_drafter, draft_all

    default_drafter()
    return draft_all(names())


def _prepare_the_end() -> None:
    """Import and make ahead what writes the glossary, while the workers extract: at the end of the build one
    core works alone.  The modules take some 30 ms to import, the page's tables 20 ms to make
    (:func:`kg.export.html.prepare`)."""
    for module in ("kg.rdf.store", "kg.export.corpus", "kg.export.delimited"):
        importlib.import_module(module)
    from kg.export.html import prepare

    prepare()


def _check_encoding(encoding: str) -> None:
    """An encoding that decodes no text is a mistake in the command: one line, not one for each document."""
    from kg.text.encodings import EncodingProblem, codecs_for

    try:
        codecs_for(encoding)
    except EncodingProblem as problem:
        raise CommandError(f"--encoding {encoding}: {problem}") from None


def _check_folder(folder: Path) -> None:
    """A folder the build writes in must be a folder or one it can make: a file where it or a folder above it
    should be is a mistake in the command, said before anything is read (not by every document that fails)."""
    place = next((place for place in (folder, *folder.parents) if place.exists()), None)
    if place is None or place.is_dir():
        return
    raise CommandError(
        f"{folder}: is a file, not a folder" if place == folder else f"{folder}: cannot be made, as {place} is a file"
    )


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[None]:
    """``folder`` (OUT, the cache or the store), this build's alone while it runs.

    Two builds writing the same folder would each drop the shards the other
    is writing and each replace the other's outputs.  The lock is
    ``flock`` on the folder itself, so nothing is added to it; the folder
    is made for it if missing, and removed again if the build leaves it
    empty.  The system lets go of it however the build ends.  Where
    ``fcntl`` does not exist (Windows), or the file system cannot lock a
    folder, builds are not kept apart.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    made = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder, os.O_RDONLY)
    except OSError as error:
        raise CommandError(f"{folder}: cannot be made: {error.strerror or error}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CommandError(
                f"{folder}: another kg build is writing here; run this one when it has finished"
            ) from None
        except OSError:  # a file system that cannot lock a folder (NFS may refuse a folder opened to read)
            pass
        yield
    finally:
        os.close(handle)
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: a build that wrote nothing leaves no folder behind


def expand_patterns(inputs: Sequence[str]) -> list[str]:
    """The inputs, each glob pattern the shell left alone replaced by what it matches (sorted; ``**`` recurses).

    A name that exists is taken as it is, even with ``*`` or ``[`` in it; a
    pattern that matches nothing is a mistake in the command.
    """
    paths = []
    for given in inputs:
        if _PATTERN.search(given) and not Path(given).exists():
            matches = sorted(glob.glob(given, recursive=True))
            if not matches:
                raise InputError(given, "no file or folder matches this pattern")
            paths.extend(matches)
        else:
            paths.append(given)
    return paths


def _sources(
    listed: Listing, encoding: str | None, errors: list[InputError], bar: tqdm | _NoProgress
) -> Iterator[Source]:
    """Every document, read as extraction asks for it; each one that cannot be read is reported and left out.

    Errors are held back until a document is read: if none can be, the one
    error is the build's (or, if several, each is reported and the build
    stops), as for a command given no usable input.
    """
    held: list[InputError] = []
    readable = False
    for item in read_listed(listed, encoding):
        if isinstance(item, InputError):
            errors.append(item)
            if readable:
                _report(item)
            else:
                held.append(item)
            continue
        if not readable:
            readable = True
            for error in held:
                _report(error)
        bar.total = (bar.total or 0) + len(item.text)
        yield item
    if not readable:
        if len(held) == 1:
            raise held[0]
        for error in held:
            _report(error)
        raise CommandError(f"none of the {len(held)} documents could be read; nothing was written")


@contextlib.contextmanager
def _engine(args: argparse.Namespace, jobs: int) -> Iterator[Engine]:
    """Where documents are extracted: local processes, or a Dask cluster (closed again when the build ends)."""
    from kg.corpus import local_engine

    if args.engine == "local":
        yield local_engine(jobs)
        return
    from kg.dask import dask_engine

    with dask_engine(args.scheduler, jobs) as engine:
        yield engine


@contextlib.contextmanager
def _scratch(output: Path | None, store: Path | None, prefix: str) -> Iterator[Path]:
    """A hidden scratch folder beside the outputs (where the workers of a cluster can reach it), removed at the end."""
    parent = output if output is not None else store.parent  # type: ignore[union-attr]
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            parent.rmdir()  # only if empty: a build that wrote nothing leaves no folder behind


@contextlib.contextmanager
def _outputs(output: Path | None) -> Iterator[AtomicFiles | None]:
    """The files of ``-o OUT``, if given, which replace the previous ones together when the block ends; a file
    that cannot be written is one line."""
    from kg.atomic import AtomicFiles

    if output is None:
        yield None
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
        with AtomicFiles() as outputs:
            yield outputs
    except OSError as error:
        raise CommandError(f"{output}: cannot write the outputs: {error.strerror or error}") from None


def _write(
    assembly: Assembly,
    outputs: AtomicFiles | None,
    graphs: GraphFiles | None,
    output: Path | None,
    store: Path | None,
    drafts: Callable[[], Mapping[tuple[str, str], Draft]],
    jobs: int,
) -> list[str]:
    """Finish the outputs of ``assembly`` in ``output`` (``outputs``, whose graph files ``graphs`` hold its
    documents already, and whose glossary takes the English ``drafts`` give) and sync the store ``store`` on up
    to ``jobs`` cores, those given; the summary lines that say what was done.

    The store is synced in a forked copy of this process (:mod:`kg.forked`)
    while this one writes the files: each is a core's worth of Python.  Not
    when the union of the shared statements or the entries moved to SQLite,
    whose connection a copy must not share: then one is done after the
    other.  With the files, this process gives the copy the answers the
    store keeps that read the vocabulary alone
    (:data:`kg.rdf.store.VOCABULARY_ANSWERS`), from the vocabulary it loads
    for the glossary, which the copy would otherwise load too.
    The files are written as :func:`_files` says: nothing reads the
    documents' statements back.
    """
    from kg.forked import forked, forked_given

    graph_count = len(assembly.entries)
    lines = [f"triples     {assembly.triples:,} in {graph_count} document graphs and the shared default graph"]
    files = graphs is not None and outputs is not None and output is not None  # else no -o OUT: a store alone
    with contextlib.ExitStack() as stack:
        synced = give_answers = None
        if store is not None:
            fork = files and not assembly.in_database
            if fork:
                assembly.default.settle(ordered=True)  # sorted once, here: the copy and the graph files both read it
            sync = functools.partial(_sync, store, assembly, jobs)
            if files:
                give_answers, synced = stack.enter_context(forked_given(sync, "syncs the store", fork=fork))
            else:
                synced = stack.enter_context(forked(functools.partial(sync, None), "syncs the store", fork=fork))
        written = []
        if graphs is not None and outputs is not None and output is not None:
            written = _files(assembly, outputs, graphs, output, drafts, give_answers)
        if synced is not None and store is not None:
            lines.append(_store_line(store, synced()))
    return lines + written


def _store_line(store: Path, changes: StoreChanges) -> str:
    how = "loaded in full" if changes.full_reload else f"{changes.unchanged} unchanged, {changes.removed} removed"
    return f"store       {store}: {changes.loaded} document graphs loaded, {how}"


def _sync(store: Path, assembly: Assembly, jobs: int, answers: Callable[[], Answers] | None) -> StoreChanges:
    """Sync the on-disk store ``store`` with ``assembly`` on up to ``jobs`` cores, keeping the vocabulary's
    ``answers`` if given, and close it (Oxigraph locks it while open)."""
    from kg.rdf.store import sync_store

    return sync_store(store, assembly, jobs, answers)[1]


def _files(
    assembly: Assembly,
    outputs: AtomicFiles,
    graphs: GraphFiles,
    output: Path,
    drafts: Callable[[], Mapping[tuple[str, str], Draft]],
    give_answers: Callable[[Answers], None] | None = None,
) -> list[str]:
    """End the graph files and write the glossary's in ``output``, with the English ``drafts`` give; the summary
    lines that say so.  ``give_answers``, where a copy syncs the store beside this, takes the answers the store
    keeps that read the vocabulary (:func:`kg.rdf.store.vocabulary_answers`), as soon as it is loaded.

    The glossary is read from the corpus's vocabulary alone, loaded in an
    Oxigraph store (:func:`kg.rdf.store.vocabulary_store`), while a forked
    copy of this process ends the graph files with the default graph: each
    is a core's worth of Python.  Not when the build does something else
    beside them (a copy syncs the store), as a third
    process would only take turns with the other two; and not where the
    copy cannot read the union of the shared statements or the entries (in
    SQLite, whose connection a copy must not share): then they are ended while the store
    loads, as Oxigraph loads without holding the interpreter.  The rows'
    CSV is written here, after the page: a second copy, forked to write it
    beside the page, made the page 40 ms slower, as each memory page the
    process wrote to after a fork was copied first (copy on write).
    """
    from kg.export.corpus import corpus_facts, corpus_rows
    from kg.export.delimited import write_csv
    from kg.export.english import Drafted
    from kg.export.html import page_data, write_page
    from kg.forked import forked
    from kg.rdf.store import vocabulary_answers, vocabulary_store

    files = [output / name for name in OUTPUT_FILES]
    fork = give_answers is None and not assembly.in_database
    with contextlib.ExitStack() as stack:  # the store's folder, if the vocabulary is large enough to be on disk
        if fork:
            vocabulary = stack.enter_context(vocabulary_store(assembly))  # no thread: none would still be ending
        else:
            with ThreadPoolExecutor(1, thread_name_prefix="kg-vocabulary") as loader:
                loading = loader.submit(stack.enter_context, vocabulary_store(assembly))
                graphs.finish(assembly)
                vocabulary = loading.result()
            if give_answers is not None:
                give_answers(vocabulary_answers(vocabulary))
        graphs.flush()  # what the graph files hold buffered would be written by the copy too
        ending = functools.partial(_end_graph_files, assembly, graphs if fork else None)
        with forked(ending, "ends the graph files", fork=fork) as ended:
            facts = corpus_facts(vocabulary, assembly)  # first: it needs no English, which may still be drafted
            rows = corpus_rows(vocabulary, assembly, Drafted(drafts()))
            data = page_data(None, rows, facts=facts)
            write_page(data, outputs.open(files[3]))
            write_csv(rows, outputs.open(files[2], newline=""))
            ended()
        keep_until_exit(vocabulary, facts, rows, data)
    return [f"glossary    {len(rows)} concepts", "written     " + "  ".join(str(file) for file in files)]


def _end_graph_files(assembly: Assembly, graphs: GraphFiles | None) -> None:
    """End ``graphs`` with the default graph of ``assembly``, and flush them to the disk (in a forked copy, beside
    the build, rather than in the outputs' commit), unless they were ended already (``None``)."""
    if graphs is not None:
        graphs.finish(assembly)
        graphs.sync()


def _summary(summary: Summary, failed: int, reused: int, gone: int, jobs: int, engine: str) -> list[str]:
    """The counts of the build summary, summed as the documents came (no Doc needs to be in memory)."""
    from kg.recognize.doc import ENTITY_TYPES

    extracted = summary.documents - reused
    workers = f"{jobs} job{'s' if jobs != 1 else ''}" if engine == "local" else "Dask"
    return [
        f"documents   {summary.documents} ({summary.characters:,} characters)"
        + (f"; {failed} failed" if failed else ""),
        f"extracted   {extracted} with {workers}; {reused} unchanged, taken from the cache"
        + (f"; {gone} gone since the last build" if gone else ""),
        "mentions    " + "  ".join(f"{label} {summary.mentions[label]}" for label in ENTITY_TYPES),
        f"concepts    {len(summary.concepts)}",
        f"figures     {summary.figures}",
        f"turns       {summary.turns} by {len(summary.speakers)} speakers",
    ]


def _inputs_state(args: argparse.Namespace, listed: Listing) -> dict[str, Any]:
    """What a build's result depends on, read without opening a document: each input file's path, size and
    modification time (a digest of them, taken as the files were listed: the index need not hold a line per
    file), the code and thesaurus (:func:`kg.corpus.fingerprint`), and the options."""
    from kg.corpus import fingerprint

    return {
        "files": listed.digest,
        "fingerprint": fingerprint(),
        "encoding": args.encoding,
        "output": str(args.output.resolve()) if args.output else None,
        "store": str(args.store.resolve()) if args.store else None,
    }


def _outputs_state(output: Path | None, store: Path | None) -> dict[str, _FileState]:
    """The state of each file a build writes: the outputs of ``-o`` and a store's manifest."""
    files = [output / name for name in OUTPUT_FILES] if output is not None else []
    if store is not None:
        from kg.rdf.store import MANIFEST  # with rdflib and Oxigraph: not for a build that has no store

        files.append(store / MANIFEST)
    return {str(file): _file_state(file) for file in files}


#: A file's inode, size and modification time, or ``None`` if it is missing: replaced (atomically, so a new
#: inode) or rewritten, it changes.
_FileState = list[int] | None


def _file_state(path: Path) -> _FileState:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_ino, status.st_size, status.st_mtime_ns]


def _up_to_date(index: dict[str, Any], inputs: dict[str, Any] | None, args: argparse.Namespace) -> bool:
    """Whether the last build, whose cache index is ``index``, had these inputs and left the outputs as they are
    now (so there is nothing to do)."""
    return (
        bool(index)
        and index.get("inputs") == inputs
        and index.get("outputs") == _outputs_state(args.output, args.store)
    )


def _disk_state(args: argparse.Namespace) -> dict[str, Any]:
    """What is on disk before the build, to tell after a Ctrl-C what it changed (:func:`_after_interrupt`): the
    outputs' states, and the time from which a shard is new (not a count of the shards: a cache of millions
    would be walked at every build).  Shards that Dask workers on other machines write are stamped by the
    file server's clock, so after a Ctrl-C there the count of new ones is as good as the clocks agree."""
    return {"files": _outputs_state(args.output, args.store), "started": time.time() - _FILE_CLOCK_LAG}


def _after_interrupt(args: argparse.Namespace, before: dict[str, Any]) -> str:
    """What a build stopped by Ctrl-C leaves, read from the disk rather than assumed: the line kg prints.

    The outputs are replaced all together or not at all; the store marks
    itself incomplete while it is updated; the cache keeps every document
    extracted.  Each is said as it is found.
    """
    from kg.rdf.store import MANIFEST, read_manifest

    said = []
    now = _outputs_state(args.output, args.store)
    manifest = str(args.store / MANIFEST) if args.store is not None else None
    outputs = [name for name in now if name != manifest]
    changed = [name for name in outputs if now[name] != before["files"][name]]
    if manifest is not None and now[manifest] != before["files"][manifest]:
        if (read_manifest(args.store) or {}).get("complete"):
            said.append(f"the store {args.store} is updated")
        else:
            said.append(
                f"the store {args.store} is marked incomplete: kg query refuses it and the next build reloads it"
            )
    if changed:
        said.append(f"{args.output} was written" if len(changed) == len(outputs) else f"written: {', '.join(changed)}")
    elif args.output is not None and said:
        said.append(f"{args.output} was not written (its previous files are as they were)")
    if not said:
        said.append("no output was written")
    cache = _cache(args)
    extracted = cache.count(since=before["started"]) if cache else 0
    if extracted > 0:
        said.append(
            f"{extracted} newly extracted document{'s are' if extracted != 1 else ' is'} cached for the next build"
        )
    return "; ".join(said)


def _cache(args: argparse.Namespace) -> Shards | None:
    """The build's shards, which are its cache (``None`` with ``--no-cache``)."""
    from kg.corpus import Shards

    if args.no_cache or (args.output is None and args.store is None):
        return None
    return Shards(args.cache or _default_cache(args.output, args.store))


def _default_cache(output: Path | None, store: Path | None) -> Path:
    if output is not None:
        return output / ".kg-cache"
    assert store is not None
    return store.with_name(f"{store.name}.kg-cache")


def _report(error: InputError) -> None:
    from tqdm import tqdm

    tqdm.write(f"kg: error: {error}", file=sys.stderr)


def _progress() -> tqdm | _NoProgress:
    """A progress bar in characters on stderr, shown only when stderr is a terminal; its total grows as
    documents are read.

    Without tqdm's monitor thread, which would outlive the bar: the build
    forks copies of itself as it goes (:mod:`kg.forked`), which no other
    running thread may make unsafe.
    """
    if not sys.stderr.isatty():
        return _NoProgress()
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0

    return Bar(
        total=0,
        desc="extracting",
        unit="char",
        unit_scale=True,
        file=sys.stderr,
        leave=False,
    )


class _NoProgress(contextlib.AbstractContextManager):
    """The progress bar where stderr is no terminal, which tqdm would not draw either: importing tqdm took 18 ms
    before the workers could start."""

    total = 0

    def update(self, characters: int) -> None:
        """Nothing is shown."""

    def close(self) -> None:
        """Nothing was shown."""

    def __exit__(self, *exception: object) -> None:
        self.close()
