"""``kg build INPUT... -o OUT [--store DIR]``: the graph and the glossary of a corpus.

Documents are extracted in parallel (``--jobs``, all cores by default) and
each result is cached under ``OUT/.kg-cache`` by content key, so a rebuild
extracts only what changed and an interrupted build resumes where it
stopped (:mod:`kg.corpus`).  The corpus is then assembled by Oxigraph
(:mod:`kg.rdf.store`): ``OUT/graph.ttl`` (every statement), ``OUT/graph.trig``
(a named graph per document), ``OUT/glossary.csv``, ``OUT/glossary.html``
(the glossary as an offline page, :mod:`kg.export.html`), and with ``--store``
a persistent Oxigraph store that ``kg query --store`` and ``kg serve`` use.

A document that cannot be read or processed is reported on one line and
left out; the rest is built and written, and the exit status is 1.  A
mistake in the command itself (a missing path, a pattern that matches
nothing) stops it before anything is read or written.  Outputs replace the
previous ones only when all are complete.
"""

from __future__ import annotations

import argparse
import glob
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg.commands import EXIT_FAILED, CommandError, Interrupted
from kg.recognize.doc import ENTITY_TYPES
from kg.text.inputs import InputError, Source, iter_sources

if TYPE_CHECKING:
    from tqdm import tqdm

    from kg.corpus import DocumentResult

NAME = "build"
HELP = "Build the graph (Turtle, TriG), the glossary (CSV, HTML page) and optionally an Oxigraph store from documents."

_PATTERN = re.compile(r"[*?[]")
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
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="worker processes (default: every core)")
    parser.add_argument("--encoding", metavar="NAME", help="read every file in this encoding (default: detected)")
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="extraction cache (default: OUT/.kg-cache, or DIR.kg-cache beside --store)",
    )
    parser.add_argument("--no-cache", action="store_true", help="extract every document again and cache nothing")


def run(args: argparse.Namespace) -> int:
    before = _disk_state(args)
    try:
        return _build(args)
    except KeyboardInterrupt:
        raise Interrupted(_after_interrupt(args, before)) from None


def _build(args: argparse.Namespace) -> int:
    from kg.corpus import Cache, CorpusError, default_jobs, extract_corpus

    started = time.perf_counter()
    if args.output is None and args.store is None:
        raise CommandError("say where to build: -o OUT, --store DIR, or both")
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise CommandError(f"--jobs must be 1 or more, not {jobs}")
    for folder in (args.output, args.store):
        if folder is not None and folder.exists() and not folder.is_dir():
            raise CommandError(f"{folder}: is a file, not a folder")
    sources, errors = _read(expand_patterns(args.inputs), args.encoding)
    for error in errors:
        _report(error)
    cache = None if args.no_cache else Cache(args.cache or _default_cache(args.output, args.store))
    with _progress(sum(len(source.text) for source in sources)) as bar:
        extraction = extract_corpus(
            sources, cache, jobs, on_error=_report, on_done=lambda source: bar.update(len(source.text))
        )

    errors += extraction.errors
    results = extraction.results
    if not results:
        raise CommandError(f"none of the {len(sources)} documents could be processed; nothing was written")
    gone = len(cache.manifest().keys() - {result.doc_id for result in results}) if cache is not None else 0
    summary = _summary(results, len(errors), extraction.reused, gone, jobs)
    summary += _write(results, args.output, args.store)
    if cache is not None:
        try:
            cache.commit(results)
        except CorpusError as error:
            raise CommandError(f"the outputs are written, but {error}") from None
    summary.append(f"time        {time.perf_counter() - started:.1f} s")
    print("\n".join(summary))
    return EXIT_FAILED if errors else 0


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


def _read(paths: list[str], encoding: str | None) -> tuple[list[Source], list[InputError]]:
    """Every document, and the errors of those that cannot be read; stops if none can."""
    sources: list[Source] = []
    errors: list[InputError] = []
    for item in iter_sources(paths, encoding):
        (errors if isinstance(item, InputError) else sources).append(item)  # type: ignore[arg-type]
    if not sources and len(errors) == 1:
        raise errors[0]
    if not sources:
        for error in errors:
            _report(error)
        raise CommandError(f"none of the {len(errors)} documents could be read; nothing was written")
    return sources, errors


def _write(results: Sequence[DocumentResult], output: Path | None, store_dir: Path | None) -> list[str]:
    """Assemble the corpus, load the store and write the outputs; the summary lines that say what was done."""
    from kg.atomic import AtomicFiles
    from kg.corpus import assemble
    from kg.export.delimited import write_csv
    from kg.export.html import write_html
    from kg.export.rows import glossary_rows
    from kg.export.writer import ExportOptions
    from kg.rdf.store import load_store, rdflib_view, serialize, sync_store

    assembly = assemble(results)
    graphs, default = assembly.graphs, assembly.default
    lines = [f"triples     {assembly.triples:,} in {len(graphs)} document graphs and the shared default graph"]
    store = None
    if store_dir is not None:
        store, changes = sync_store(store_dir, {str(r.iri): (r.key, r.own) for r in results}, default)

        how = "loaded in full" if changes.full_reload else f"{changes.unchanged} unchanged, {changes.removed} removed"
        lines.append(f"store       {store_dir}: {changes.loaded} document graphs loaded, {how}")
    if output is None:
        return lines
    graph = rdflib_view(store if store is not None else load_store(graphs, default))
    rows = glossary_rows(graph)
    turtle, trig = serialize(graphs, default, "turtle"), serialize(graphs, default, "trig")
    files = [output / name for name in OUTPUT_FILES]
    try:
        output.mkdir(parents=True, exist_ok=True)
        with AtomicFiles() as outputs:
            outputs.open(files[0], "wb").write(turtle)
            outputs.open(files[1], "wb").write(trig)
            write_csv(rows, outputs.open(files[2], newline=""))
            write_html(rows, outputs.open(files[3]), ExportOptions(graph=graph))
    except OSError as error:
        raise CommandError(f"{output}: cannot write the outputs: {error.strerror or error}") from None
    lines.append(f"glossary    {len(rows)} concepts")
    lines.append("written     " + "  ".join(str(file) for file in files))
    return lines


def _summary(results: Sequence[DocumentResult], failed: int, reused: int, gone: int, jobs: int) -> list[str]:
    """The counts of the build summary, from the documents' results (no Doc needs to be in memory)."""
    mentions: Counter[str] = Counter()
    concepts: set[str] = set()
    speakers: set[str] = set()
    for result in results:
        mentions.update(result.stats.mentions)
        concepts.update(result.stats.concepts)
        speakers.update(result.stats.speakers)
    characters = sum(result.stats.characters for result in results)
    extracted = len(results) - reused
    return [
        f"documents   {len(results)} ({characters:,} characters)" + (f"; {failed} failed" if failed else ""),
        f"extracted   {extracted} with {jobs} job{'s' if jobs != 1 else ''}; {reused} unchanged, taken from the cache"
        + (f"; {gone} gone since the last build" if gone else ""),
        "mentions    " + "  ".join(f"{label} {mentions[label]}" for label in ENTITY_TYPES),
        f"concepts    {len(concepts)}",
        f"figures     {sum(result.stats.figures for result in results)}",
        f"turns       {sum(result.stats.turns for result in results)} by {len(speakers)} speakers",
    ]


#: A file's identity: replaced (atomically, so a new inode) or rewritten, it changes.
_Identity = tuple[int, int] | None


def _disk_state(args: argparse.Namespace) -> dict[str, object]:
    """What is on disk before the build, to tell after a Ctrl-C what it changed (:func:`_after_interrupt`)."""
    from kg.rdf.store import MANIFEST

    outputs = [args.output / name for name in OUTPUT_FILES] if args.output is not None else []
    return {
        "outputs": {path: _identity(path) for path in outputs},
        "store": _identity(args.store / MANIFEST) if args.store is not None else None,
        "cached": _cache_entries(args),
    }


def _after_interrupt(args: argparse.Namespace, before: dict[str, object]) -> str:
    """What a build stopped by Ctrl-C leaves, read from the disk rather than assumed: the line kg prints.

    The outputs are replaced all together or not at all; the store marks
    itself incomplete while it is updated; the cache keeps every document
    extracted.  Each is said as it is found.
    """
    from kg.rdf.store import MANIFEST, read_manifest

    said = []
    outputs: dict[Path, _Identity] = before["outputs"]  # type: ignore[assignment]
    changed = [path for path, identity in outputs.items() if _identity(path) != identity]
    if args.store is not None and _identity(args.store / MANIFEST) != before["store"]:
        manifest = read_manifest(args.store) or {}
        if manifest.get("complete"):
            said.append(f"the store {args.store} is updated")
        else:
            said.append(
                f"the store {args.store} is marked incomplete: kg query refuses it and the next build reloads it"
            )
    if changed:
        said.append(
            f"{args.output} was written" if len(changed) == len(outputs) else f"written: {', '.join(map(str, changed))}"
        )
    elif args.output is not None and said:
        said.append(f"{args.output} was not written (its previous files are as they were)")
    if not said:
        said.append("no output was written")
    extracted = _cache_entries(args) - before["cached"]  # type: ignore[operator]
    if extracted > 0:
        said.append(
            f"{extracted} newly extracted document{'s are' if extracted != 1 else ' is'} cached for the next build"
        )
    return "; ".join(said)


def _identity(path: Path) -> _Identity:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_ino, status.st_mtime_ns


def _cache_entries(args: argparse.Namespace) -> int:
    """How many extraction results the build's cache holds (0 without one)."""
    if args.no_cache or (args.output is None and args.store is None):
        return 0
    folder = args.cache or _default_cache(args.output, args.store)
    return sum(1 for _ in folder.glob("*/*.json")) if folder.is_dir() else 0


def _default_cache(output: Path | None, store: Path | None) -> Path:
    if output is not None:
        return output / ".kg-cache"
    assert store is not None
    return store.with_name(f"{store.name}.kg-cache")


def _report(error: InputError) -> None:
    from tqdm import tqdm

    tqdm.write(f"kg: error: {error}", file=sys.stderr)


def _progress(total: int) -> tqdm:
    """A progress bar in characters on stderr, shown only when stderr is a terminal."""
    from tqdm import tqdm

    return tqdm(
        total=total,
        desc="extracting",
        unit="char",
        unit_scale=True,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        leave=False,
    )
