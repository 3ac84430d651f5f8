"""``kg build`` over a corpus: parallel, cached and incremental, resumable, one line per bad document."""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import importlib
import io
import os
import pty
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import kg.commands.build
import kg.corpus
import kg.entries
import kg.export.corpus
import kg.export.ordered_rows
import kg.rdf.store
import kg.rdf.union
import kg.text.inputs
from kg.cli import main
from kg.corpus import Assembler, Entry, Shards, document_key
from kg.entries import Entries
from kg.rdf.graph import build_dataset, build_graph
from kg.rdf.terms import turtle_prefixes
from kg.rdf.union import SharedStatements
from kg.recognize.pipeline import extract
from kg.sample import SAMPLE_SIZE
from kg.text.inputs import Source, iter_sources
from tests.conftest import DATA, DEV, ROOT, cached_results_lag, in_fresh_process
from tests.test_export_html import page_json

#: rdflib's own TriG parser uses the API rdflib deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*(ConjunctiveGraph|default_context).*:DeprecationWarning")

NOTE = "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "docs"
    (folder / "reports").mkdir(parents=True)
    shutil.copy(DEV.with_suffix(".txt"), folder / "scio.txt")
    shutil.copy(DATA / "gwr" / "gwr-2015.txt", folder / "reports" / "gwr-2015.txt")
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in ("graph.ttl", "graph.trig", "glossary.csv", "glossary.html")}


def test_the_progress_bar_is_drawn_only_on_a_terminal(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "note.txt").write_text(NOTE, encoding="utf-8")
    command = [sys.executable, "-m", "kg.cli", "build", str(notes), "-o"]
    piped = subprocess.run([*command, str(tmp_path / "piped")], capture_output=True, text=True, cwd=ROOT)
    assert piped.returncode == 0 and piped.stderr == ""
    screen, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # a new one is 0 columns wide
    shown = subprocess.Popen([*command, str(tmp_path / "shown")], stdout=subprocess.DEVNULL, stderr=terminal, cwd=ROOT)
    os.close(terminal)
    drawn = b""
    with contextlib.suppress(OSError):  # EIO once every process writing to the terminal has ended
        while chunk := os.read(screen, 4096):
            drawn += chunk
    os.close(screen)
    assert shown.wait() == 0 and b"extracting" in drawn


@pytest.mark.parametrize("partition", [1, 10**9])  # each document alone, or all three handed over together
def test_two_jobs_write_the_same_files_as_one(capsys, corpus, tmp_path, monkeypatch, partition):
    monkeypatch.setattr(kg.corpus, "LOCAL_PARTITION_CHARACTERS", partition)
    for jobs in ("1", "2"):
        status, summary, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / jobs), "-j", jobs, "--no-cache")
        assert status == 0 and err == ""  # no progress bar when stderr is not a terminal
        assert f"with {jobs} job" in summary and "documents   3 (" in summary
    assert outputs(tmp_path / "1") == outputs(tmp_path / "2")
    assert not (tmp_path / "1" / ".kg-cache").exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_without_cache_or_store_a_short_document_gets_no_shard_and_the_files_are_the_same(
    capsys, corpus, tmp_path, monkeypatch, jobs
):
    """Scratch shards are only copied into the graph files: a short document's Turtle goes to them from memory."""
    monkeypatch.setattr(kg.corpus, "LOCAL_PARTITION_CHARACTERS", 10**9)  # two jobs: a partition of all three
    log = tmp_path / "written"  # the shard files made, by a worker too
    replacing = kg.corpus._replacing

    def recorded(path, mode):
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{path}\n")
        return replacing(path, mode)

    def written() -> int:
        return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0

    monkeypatch.setattr(kg.corpus, "_replacing", recorded)
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "cached"), "-j", "1")[0] == 0
    assert written() == 3
    scratch = ["-j", jobs, "--no-cache"]
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "scratch"), *scratch)[0] == 0
    assert written() == 3
    assert outputs(tmp_path / "scratch") == outputs(tmp_path / "cached")
    assert not list((tmp_path / "scratch").glob(".kg-shards-*"))
    monkeypatch.setattr(kg.corpus, "CARRIED_CHARACTERS", 0)  # every document long: each gets its scratch shard
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "long"), *scratch)[0] == 0
    assert written() == 6
    assert outputs(tmp_path / "long") == outputs(tmp_path / "cached")


def test_the_glossary_a_build_aggregates_is_the_one_its_graph_gives(capsys, corpus, tmp_path):
    """A build takes each term's documents and context sentence, and what the page shows of each document,
    from the shards, never reading its documents' statements back; read back from the graph it wrote, by
    SPARQL, the glossary and the page are the same, byte for byte."""
    (corpus / "reports" / "gwr-2019.txt").write_bytes((DATA / "dev" / "gwr-2019-part1-zh-Hans.txt").read_bytes())
    out = tmp_path / "out"
    assert run(capsys, "build", str(corpus), "-o", str(out), "-j", "2")[0] == 0
    for name in ("glossary.csv", "glossary.html"):
        assert run(capsys, "glossary", str(out), "-o", str(tmp_path / name))[0] == 0
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()
    with (out / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any(row["documents"] == "gwr-2015; gwr-2019; scio" for row in rows)
    for row in rows:  # every document has sentences: the context is from the first (by id) that uses the term
        if row["documents"]:
            assert row["context"] and row["context_document"] == row["documents"].split("; ")[0], row["id"]


def test_a_term_in_more_documents_than_the_glossary_keeps_has_a_sample_of_them_and_their_count(
    capsys, sampled_build, tmp_path
):
    """What a build keeps of each term does not grow with the corpus: a sample of its documents and contexts
    (the same as ``kg glossary`` samples reading the graph), and the counts of all of them."""
    with (sampled_build / "glossary.csv").open(encoding="utf-8", newline="") as handle:
        rows = {row["zh-Hant"]: row for row in csv.DictReader(handle)}
    copies = [f"copy-{number:03d}" for number in range(SAMPLE_SIZE + 1)]
    miit = rows["工業和信息化部"]
    mentions = int(miit["count"])
    assert int(miit["document_count"]) == len(copies) and mentions % len(copies) == 0 and mentions > len(copies)
    documents = miit["documents"].split("; ")
    assert len(documents) == SAMPLE_SIZE and set(documents) < set(copies) and documents == sorted(documents)
    data = page_json((sampled_build / "glossary.html").read_text(encoding="utf-8"))
    assert data["documentCount"] == len(copies)
    (concept,) = [concept for concept in data["concepts"] if concept["row"]["id"] == miit["id"]]
    assert (len(concept["contexts"]), concept["contextsTotal"]) == (SAMPLE_SIZE, mentions)
    assert len({data["snippets"][snippet][0] for snippet, _, _ in concept["contexts"]}) > SAMPLE_SIZE // 3
    shown = [
        at
        for each in data["concepts"]
        for at in (*each.get("contexts", ()), *(f["at"] for f in each.get("figures", ())))
    ]
    assert {data["snippets"][snippet][0] for snippet, _, _ in shown} == set(range(len(data["documents"])))
    for name in ("glossary.csv", "glossary.html"):
        assert run(capsys, "glossary", str(sampled_build), "-o", str(tmp_path / name))[0] == 0
        assert (tmp_path / name).read_bytes() == (sampled_build / name).read_bytes()


def test_the_files_hold_the_graph_and_the_dataset_of_the_python_api(capsys, corpus, tmp_path):
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"))[0] == 0
    docs = [extract(s.text, s.doc_id, s.meta) for s in iter_sources([corpus])]
    written = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    assert set(written) == set(build_graph(docs))
    dataset = Dataset().parse(tmp_path / "out" / "graph.trig", format="trig")
    expected = build_dataset(docs)
    assert {g.identifier for g in dataset.graphs()} == {g.identifier for g in expected.graphs()}
    for graph in expected.graphs():
        assert set(dataset.graph(graph.identifier)) == set(graph), graph.identifier
    names = {str(g.identifier).rsplit("/", 1)[-1] for g in dataset.graphs()}
    assert {"scio", "gwr-2015", "note"} <= names  # a named graph per document


@pytest.mark.parametrize("moved", [False, True])
def test_a_rebuild_extracts_only_what_changed_and_forgets_what_was_removed(
    capsys, corpus, tmp_path, moved, monkeypatch
):
    """``moved``: the entries in SQLite, where the gone documents are counted and the shards kept are asked."""
    if moved:
        monkeypatch.setattr(kg.entries, "IN_MEMORY", 1)
    out = tmp_path / "out"
    assert "extracted   3 with" in run(capsys, "build", str(corpus), "-o", str(out))[1]
    (out / "glossary.html").unlink()  # an output gone: everything is assembled again, nothing extracted
    assert "extracted   0 with 2 jobs; 3 unchanged" in run(capsys, "build", str(corpus), "-o", str(out), "-j", "2")[1]
    (corpus / "note.txt").write_text(NOTE.replace("李克強", "李強"), encoding="utf-8")
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(out))
    assert status == 0 and "extracted   1 with" in summary and "2 unchanged" in summary
    assert "李強" in (out / "graph.ttl").read_text(encoding="utf-8")
    shutil.rmtree(corpus / "reports")
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(out))
    assert "documents   2 (" in summary and "extracted   0 with" in summary and "1 gone since the last build" in summary
    assert "gwr-2015" not in (out / "graph.trig").read_text(encoding="utf-8")
    assert len(list((out / ".kg-cache").glob("*/*"))) == 2  # a file a shard; those of removed versions are dropped
    assert len(list((out / ".kg-cache").glob("*/*.ttl"))) == 2


def test_a_rebuild_with_nothing_changed_reads_only_the_index_and_leaves_the_outputs_alone(
    capsys, corpus, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    assert run(capsys, "build", str(corpus), "-o", str(out))[0] == 0
    written = {name: (out / name).stat().st_mtime_ns for name in outputs(out)}

    def must_not_read(*args, **kwargs):
        raise AssertionError("a document or the cache's shards were read")

    monkeypatch.setattr(kg.commands.build, "read_listed", must_not_read)
    monkeypatch.setattr(kg.corpus.Shards, "count", must_not_read)  # a walk of the cache's folder
    status, summary, err = run(capsys, "build", str(corpus), "-o", str(out))
    assert status == 0 and err == "" and "nothing changed since the last build" in summary
    assert {name: (out / name).stat().st_mtime_ns for name in outputs(out)} == written
    monkeypatch.undo()
    os.utime(corpus / "note.txt")  # touched: read again, and found unchanged by content
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(out))
    assert status == 0 and "extracted   0 with" in summary and "3 unchanged" in summary


def test_an_interrupted_build_keeps_the_old_outputs_and_loses_no_work(capsys, corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert run(capsys, "build", str(corpus), "-o", str(out))[0] == 0
    before = outputs(out)
    for name in ("note.txt", "scio.txt"):
        (corpus / name).write_text(
            (corpus / name).read_text(encoding="utf-8") + "\n工业和信息化部。\n", encoding="utf-8"
        )
    done = []
    real = kg.corpus.extract_document

    def interrupted_after_one(source, key, folder, **options):
        if done:
            raise KeyboardInterrupt
        done.append(source.doc_id)
        return real(source, key, folder, **options)

    monkeypatch.setattr(kg.corpus, "extract_document", interrupted_after_one)
    status, _, err = run(capsys, "build", str(corpus), "-o", str(out), "-j", "1")
    assert status == 130 and "1 newly extracted document is cached" in err  # not the shards of the first build
    assert outputs(out) == before
    monkeypatch.setattr(kg.corpus, "extract_document", real)
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(out), "-j", "1")
    assert status == 0 and "extracted   1 with 1 job; 2 unchanged" in summary  # the one done before the interrupt
    assert outputs(out) != before


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def _terminate(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)  # its handler raises in this thread as soon as this call returns
    time.sleep(5)
    raise AssertionError("SIGTERM did not stop the build")


def test_sigterm_stops_a_build_as_ctrl_c_does_and_leaves_nothing_behind(capsys, corpus, tmp_path, monkeypatch):
    """Killed by its default action, a build left its graph files' temporary copies and its scratch shards."""

    def unhandled(signum, frame):
        raise AssertionError("kg build left SIGTERM to its default action, which ends the process where it stands")

    out = tmp_path / "out"
    monkeypatch.setattr(kg.export.corpus, "corpus_facts", _terminate)  # while the graph files are open
    before = signal.signal(signal.SIGTERM, unhandled)  # what the command finds, and restores when it returns
    try:
        status, _, err = run(capsys, "build", str(corpus), "-o", str(out), "-j", "1", "--no-cache")
        assert status == 143 and err == "kg: terminated; no output was written\n"
        assert not out.exists()  # no temporary file, no scratch folder, and so no folder
        assert signal.getsignal(signal.SIGTERM) is unhandled
        status, _, err = run(capsys, "build", str(corpus), "-o", str(out), "-j", "1")
        cached = "; no output was written; 3 newly extracted documents are cached for the next build\n"
        assert status == 143 and err.endswith(cached)
        assert [path.name for path in out.iterdir()] == [".kg-cache"]
    finally:
        signal.signal(signal.SIGTERM, before)
    monkeypatch.undo()
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(out), "-j", "1")
    assert status == 0 and "3 unchanged, taken from the cache" in summary


def interrupted_build(corpus: str, out: str, store: str, when: str, *options: str) -> tuple[int, str]:
    """``kg build CORPUS -o OUT --store STORE -j 1`` interrupted in the glossary once the copy that syncs the store
    has marked it complete (``synced``) or while it syncs (``syncing``): its status and what it said."""
    import kg.export.corpus

    if when == "syncing":
        kg.rdf.store.keep_answers = lambda *args: time.sleep(60)  # the copy's last step
    deadline = time.monotonic() + 60

    def interrupt(*args, **kwargs):
        while (kg.rdf.store.read_manifest(Path(store)) or {}).get("complete") is not (when == "synced"):
            assert time.monotonic() < deadline, "the store was not synced beside the files"
            time.sleep(0.01)
        raise KeyboardInterrupt

    kg.export.corpus.glossary_rows = interrupt
    said = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(said):
        status = main(["build", corpus, "-o", out, "--store", store, "-j", "1", *options])
    return status, said.getvalue()


def test_an_interrupt_says_what_was_written_at_each_stage(capsys, corpus, tmp_path, monkeypatch):
    """Ctrl-C after the store is loaded said "no output was written" though the store was (issue 15)."""
    import kg.export.corpus

    out, store = tmp_path / "out", tmp_path / "store"
    # after the store is synced, while the files are made: the store is updated, OUT is not written
    status, err = in_fresh_process(interrupted_build, str(corpus), str(out), str(store), "synced")
    assert status == 130 and len(err.splitlines()) == 1
    assert "no output was written" not in err
    assert f"the store {store} is updated" in err and f"{out} was not written" in err
    assert "3 newly extracted documents are cached" in err
    assert not (out / "graph.ttl").exists()
    # while the store is synced beside the files: its copy is stopped too, and the store marked incomplete
    started = time.monotonic()
    status, err = in_fresh_process(interrupted_build, str(corpus), str(out), str(store), "syncing", "--no-cache")
    assert status == 130 and time.monotonic() - started < 30
    assert err.startswith(f"kg: interrupted; the store {store} is marked incomplete: ")
    assert f"{out} was not written" in err
    assert kg.rdf.store.read_manifest(store)["complete"] is False
    # after the files are written, while the cache is recorded: OUT is written, the store unchanged is not named
    monkeypatch.setattr(kg.corpus.Shards, "commit", _interrupt)
    status, _, err = run(capsys, "build", str(corpus), "-o", str(out), "-j", "1")
    assert status == 130 and err.strip() == f"kg: interrupted; {out} was written"
    assert (out / "graph.ttl").is_file()
    monkeypatch.undo()
    # while the store is being loaded: marked incomplete, and said so
    monkeypatch.setattr(kg.rdf.store, "_load", _interrupt)
    (corpus / "note.txt").write_text(NOTE + "工业和信息化部。\n", encoding="utf-8")
    status, _, err = run(capsys, "build", str(corpus), "--store", str(store), "-j", "1", "--no-cache")
    assert status == 130 and err.strip() == f"kg: interrupted; the store {store} is marked incomplete: " + (
        "kg query refuses it and the next build reloads it"
    )
    monkeypatch.undo()
    # before anything is written: nothing
    monkeypatch.setattr(kg.corpus, "extract_document", _interrupt)
    status, _, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "new"), "-j", "1")
    assert status == 130 and err.strip() == "kg: interrupted; no output was written"


def test_a_document_that_fails_is_one_line_and_the_rest_is_built(capsys, corpus, tmp_path, monkeypatch):
    real = kg.corpus.extract_document

    def failing_on_the_note(source, key, folder, **options):
        if source.doc_id == "note":
            raise ValueError("no figure can be\nthis long")
        return real(source, key, folder, **options)

    monkeypatch.setattr(kg.corpus, "extract_document", failing_on_the_note)
    monkeypatch.setattr(kg.corpus, "LOCAL_PARTITION_CHARACTERS", 10**9)  # with two jobs, one partition of three
    for jobs in ("1", "2"):
        status, summary, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / jobs), "-j", jobs)
        assert status == 1
        assert err == f"kg: error: {corpus / 'note.txt'}: could not be processed: ValueError: no figure can be\n"
        assert "documents   2 (" in summary and "1 failed" in summary
        assert "kgd:scio" in (tmp_path / jobs / "graph.ttl").read_text(encoding="utf-8")


def test_a_shard_that_cannot_be_written_says_where_and_why(capsys, corpus, tmp_path, monkeypatch):
    def full(path, mode):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(kg.corpus, "_replacing", full)
    status, _, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1")
    cache = tmp_path / "out" / ".kg-cache"
    assert status == 1 and f"could not be processed: its shard cannot be written in {cache}: No space left" in err
    assert err.count("\n") == 4 and "none of the 3 documents could be processed; nothing was written" in err


def test_glob_patterns_are_expanded_and_one_that_matches_nothing_stops_the_build(capsys, corpus, tmp_path):
    status, summary, _ = run(capsys, "build", str(corpus / "**" / "*.txt"), "-o", str(tmp_path / "out"))
    assert status == 0 and "documents   3 (" in summary
    status, stdout, err = run(capsys, "build", str(corpus / "*.html"), "-o", str(tmp_path / "none"))
    assert status == 1 and stdout == "" and "no file or folder matches this pattern" in err
    assert not (tmp_path / "none").exists()


def test_a_cache_in_a_folder_of_ones_own_drops_only_shards(capsys, corpus, tmp_path):
    """Dropping unused shards removed every file two folders down: --cache ~/corpus deleted documents."""
    cache = tmp_path / "mine"
    own = [cache / "notes" / "todo.md", cache / "ab" / "draft.txt", cache / "cd" / f"{'0' * 64}.ttl", cache / "x.json"]
    for path in own:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("mine", encoding="utf-8")
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(cache), "-j", "1")[0] == 0

    def shards() -> list[Path]:
        return sorted(path for path in cache.glob("*/*.ttl") if path.stem[:2] == path.parent.name)

    assert len(shards()) == 3
    stale = [
        shards()[0].with_name(f".{shards()[0].stem}.ttl.12345.tmp"),  # left by a build stopped mid-write
        cache / "ab" / f"{'ab' * 32}.json",  # the second file of a shard, before version 8
    ]
    for path in stale:
        path.write_text("half", encoding="utf-8")
    (corpus / "note.txt").unlink()
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "--cache", str(cache), "-j", "1")[0] == 0
    assert len(shards()) == 2 and not any(path.exists() for path in stale)
    assert all(path.read_text(encoding="utf-8") == "mine" for path in own)


@pytest.mark.parametrize("held", ["out", "cache", "store"])
def test_a_folder_another_build_is_writing_is_refused_in_one_line(capsys, corpus, tmp_path, held):
    """Two builds into one folder dropped each other's shards: the first failed, its outputs half replaced."""
    import fcntl  # POSIX, as the machines kg builds on; kg does not keep builds apart where it is missing

    out, cache, store = tmp_path / "out", tmp_path / "cache", tmp_path / "store"
    argv = ["build", str(corpus), "-o", str(out), "--cache", str(cache), "--store", str(store), "-j", "1"]
    folder = {"out": out, "cache": cache, "store": store}[held]
    folder.mkdir()
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a build running meanwhile holds it
        status, stdout, err = run(capsys, *argv)
        assert status == 1 and stdout == ""
        assert err == f"kg: error: {folder}: another kg build is writing here; run this one when it has finished\n"
        assert list(folder.iterdir()) == [] and all(not path.exists() for path in (out, cache, store) if path != folder)
    finally:
        os.close(handle)
    assert run(capsys, *argv)[0] == 0


def test_a_file_system_that_cannot_lock_a_folder_does_not_stop_a_build(capsys, corpus, tmp_path, monkeypatch):
    import fcntl

    def refused(handle, operation):
        raise OSError(errno.EBADF, "NFS locks only files opened for writing")

    monkeypatch.setattr(fcntl, "flock", refused)
    status, summary, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1")
    assert status == 0 and err == "" and "documents   3 (" in summary


def test_a_build_into_the_folder_it_reads_does_not_read_its_own_outputs(capsys, corpus):
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(corpus), "-j", "1")
    assert status == 0 and summary.startswith("documents   3 ") and (corpus / "glossary.html").is_file()
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(corpus), "-j", "1")
    assert status == 0 and summary.startswith("documents   3; nothing changed since the last build")
    (corpus / "note.txt").write_text(NOTE + "工业和信息化部。\n", encoding="utf-8")
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(corpus), "-j", "1")
    assert status == 0 and "extracted   1 with 1 job; 2 unchanged" in summary


def test_a_glossary_page_kg_wrote_is_not_read_as_a_document(capsys, corpus, tmp_path):
    """Copied into a folder of inputs, the page of another build was read as a document of 783 characters."""
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "first"), "-j", "1")[0] == 0
    shutil.copy(tmp_path / "first" / "glossary.html", corpus / "reports" / "glossary-2023.html")
    status, summary, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "second"), "-j", "1")
    page = corpus / "reports" / "glossary-2023.html"
    assert status == 1 and err == f"kg: error: {page}: a page kg wrote (kg glossary --format html), not a document\n"
    assert summary.startswith("documents   3 (") and "1 failed" in summary


def ran_elsewhere(targets: str, spilled: str, *argv: str) -> tuple[int, list[bool]]:
    """``kg ARGV``, what the module ``spilled`` names (``kg.rdf.union``: the union, ``kg.entries``: the entries;
    none if empty) moving to SQLite at once: its status, and whether each function of
    ``targets`` (``module:name,…``) ran in another process than the command's."""
    elsewhere = []
    for target in targets.split(","):
        module_name, name = target.split(":")
        module = importlib.import_module(module_name)
        real, record = getattr(module, name), Path(tempfile.mkdtemp()) / "pid"
        elsewhere.append(lambda record=record: int(record.read_text()) != os.getpid())

        def recording(*args, real=real, record=record):
            record.write_text(str(os.getpid()))
            return real(*args)

        setattr(module, name, recording)
    if spilled:
        importlib.import_module(spilled).IN_MEMORY = 1
    with contextlib.redirect_stdout(io.StringIO()):
        status = main(list(argv))
    return status, [ran() for ran in elsewhere]


@pytest.mark.parametrize("spilled", ["kg.rdf.union", "kg.entries"])
def test_the_store_is_synced_in_a_forked_copy_beside_the_files_unless_a_build_moved_to_sqlite(
    corpus, tmp_path, spilled
):
    """Both ways give the same store and files: what differs is only which process loads it.  A copy must not
    use the connection to SQLite of the union, or of the entries, that moved there."""
    stores = {}
    for moved in ("", spilled):
        out, store = tmp_path / f"out-{moved}", tmp_path / f"store-{moved}"
        argv = ["build", str(corpus), "-o", str(out), "--store", str(store)]
        targets = "kg.rdf.store:keep_answers,kg.commands.build:_end_graph_files"
        status, elsewhere = in_fresh_process(ran_elsewhere, targets, moved, *argv)
        assert status == 0 and elsewhere == [not moved, False]  # beside the store's copy, files are made here
        opened = kg.rdf.store.open_store(store)
        stores[moved] = sorted(str(quad) for quad in opened if "endedAtTime" not in str(quad.predicate))
        del opened
    assert stores[""] == stores[spilled] and len(stores[spilled]) > 1000
    assert outputs(tmp_path / "out-") == outputs(tmp_path / f"out-{spilled}")


def test_the_files_are_the_same_ended_and_drafted_in_forked_copies_or_here(capsys, corpus, tmp_path, monkeypatch):
    """The English drafts and the graph files' default graph are made in forked copies of the build where it can
    fork, and here where it cannot: the same files either way."""
    import kg.forked

    forked, here = tmp_path / "forked", tmp_path / "here"
    argv = ["build", str(corpus), "-o", str(forked)]
    targets = "kg.export.english:draft_all,kg.commands.build:_end_graph_files"
    assert in_fresh_process(ran_elsewhere, targets, "", *argv) == [0, [True, True]]
    monkeypatch.setattr(kg.forked, "can_fork", lambda: False)
    assert run(capsys, "build", str(corpus), "-o", str(here))[0] == 0
    assert outputs(forked) == outputs(here)
    with (here / "glossary.csv").open(encoding="utf-8", newline="") as table:
        assert any(row["english_status"] == "draft" for row in csv.DictReader(table))  # there were drafts to make


def test_a_store_can_be_the_only_output(capsys, corpus, tmp_path):
    store = tmp_path / "corpus.oxigraph"
    status, summary, _ = run(capsys, "build", str(corpus), "--store", str(store))
    assert status == 0 and "store       " in summary and "written" not in summary
    assert (tmp_path / "corpus.oxigraph.kg-cache" / "index.jsonl").exists()
    status, table, _ = run(
        capsys, "query", "--store", str(store), "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {} }"
    )
    assert status == 0 and table.splitlines()[2].strip() == "3"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "say where to build"),
        (("-o", "OUT", "-j", "0"), "--jobs must be 1 or more"),
        (("-o", "FILE"), "is a file, not a folder"),
        (("--store", "FILE"), "is a file, not a folder"),
        (("-o", "OUT", "--cache", "FILE"), "is a file, not a folder"),
        (("-o", "FILE/out"), "cannot be made, as"),
        (("--store", "FILE/deeper/store"), "cannot be made, as"),
        (("-o", "OUT", "--cache", "FILE/cache"), "cannot be made, as"),
        (("-o", "OUT", "--encoding", "nonsense"), "--encoding nonsense: unknown text encoding 'nonsense'"),
        (("-o", "OUT", "--encoding", "base64"), "--encoding base64: unknown text encoding 'base64'"),
    ],
)
def test_mistakes_in_the_command_are_one_line(capsys, corpus, tmp_path, argv, message):
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    argv = tuple(a.replace("OUT", str(tmp_path / "out")).replace("FILE", str(tmp_path / "file")) for a in argv)
    status, stdout, err = run(capsys, "build", str(corpus), *argv)
    assert status == 1 and stdout == "" and message in err and len(err.splitlines()) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["docs", "file"]  # nothing was made


def test_a_shard_is_one_file_its_result_line_after_its_turtle_and_a_cut_one_is_a_miss(tmp_path, monkeypatch):
    shards, source = Shards(tmp_path / "cache"), Source("note", NOTE, {})
    key = document_key(source)
    written = shards.write(extract(source.text, source.doc_id), key)
    assert list((tmp_path / "cache").glob("*/*")) == [shards.turtle(key)]
    data = shards.turtle(key).read_bytes()
    turtle, line = data[: written.turtle_bytes], data[written.turtle_bytes :]
    assert line.startswith(b"#kg-result ") and line.count(b"\n") == 1 and line.endswith(b"\n")
    with shards.open_turtle(Entry.of(written)) as text:
        assert text.read() == turtle.decode("utf-8")
    monkeypatch.setattr(kg.corpus, "_BLOCK", 100)  # the bytes a corpus's files copy, a block at a time
    blocks = list(shards.turtle_blocks(Entry.of(written)))
    assert b"".join(blocks) == turtle and len(blocks) == -(-len(turtle) // 100)
    assert len(Graph().parse(data=turtle_prefixes() + turtle.decode("utf-8"), format="turtle")) == written.statements
    assert shards.get(key) == written
    monkeypatch.setattr(kg.corpus, "_TAIL", 16)  # a result line longer than the end read first
    assert shards.get(key) == written
    lines = turtle.splitlines(keepends=True)
    for cut in (b"".join(lines[:-1]) + line, data[:-1], turtle):  # a line of Turtle lost; the result's end; all of it
        shards.turtle(key).write_bytes(cut)
        assert shards.get(key) is None


def test_without_reuse_no_shard_is_looked_for(tmp_path, monkeypatch):
    shards, engine = Shards(tmp_path / "shards"), kg.corpus.local_engine(1)
    sources = [Source("note", NOTE, {}), Source("other", NOTE + "工業和信息化部。", {})]

    def extracted(report, **options):
        return list(kg.corpus.extract_corpus(sources, shards, engine, report, Assembler(shards), **options))

    assert len(extracted(kg.corpus.ExtractionReport())) == 2
    report = kg.corpus.ExtractionReport()
    assert len(extracted(report)) == 2 and report.reused == 2
    monkeypatch.setattr(Shards, "get", _interrupt)  # a scratch folder holds nothing: it is not looked in
    report = kg.corpus.ExtractionReport()
    assert len(extracted(report, reuse=False)) == 2
    assert report.reused == 0 and not report.errors


def test_the_first_description_of_a_concept_keeps_its_labels():
    concept = "<https://w3id.org/cnpolicy/concept/org-x>"
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    first = f'{concept} {label} "於是"@zh-Hant .\n{concept} {label} "于是"@zh-Hans .\n'
    second = f'{concept} {label} "于是"@zh-hant .\n{concept} {label} "于是"@zh-Hans .\n'
    merged = SharedStatements()
    for rank, text in enumerate([first, second]):
        merged.add(text, rank)
    assert list(merged.lines()) == sorted(first.splitlines(keepends=True))


def test_a_build_whose_union_moves_to_sqlite_writes_the_same_files(capsys, corpus, tmp_path, monkeypatch):
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "memory"), "-j", "1", "--no-cache")[0] == 0
    monkeypatch.setattr(kg.rdf.union, "IN_MEMORY", 100)  # the three documents share a few thousand lines
    spilled: list[SharedStatements] = []
    monkeypatch.setattr(SharedStatements, "_spill", _recorded(SharedStatements._spill, spilled))
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "sqlite"), "-j", "1", "--no-cache")[0] == 0
    assert len(spilled) > 1  # it moved during the build, not only at the end
    assert outputs(tmp_path / "sqlite") == outputs(tmp_path / "memory")


@pytest.mark.parametrize("union", [None, 100], ids=["union in memory", "union in SQLite"])
def test_a_build_whose_vocabulary_store_is_on_disk_writes_the_same_files(capsys, corpus, tmp_path, monkeypatch, union):
    """With the union in memory the graph files are ended in a forked copy while the glossary is written from the
    store on disk; in SQLite, while the store loads, in a thread."""
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "memory"), "-j", "1", "--no-cache")[0] == 0
    if union:
        monkeypatch.setattr(kg.rdf.union, "IN_MEMORY", union)
    monkeypatch.setattr(kg.rdf.store, "VOCABULARY_IN_MEMORY", 0)
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    folders: list[tuple[str, bool]] = []
    real = kg.rdf.store.load_vocabulary
    monkeypatch.setattr(kg.rdf.store, "load_vocabulary", lambda *args: _listed(real(*args), temporary, folders))
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "disk"), "-j", "1", "--no-cache")[0] == 0
    assert [name.startswith("kg-vocabulary-") and filled for name, filled in folders] == [True]
    assert not any(temporary.iterdir())  # deleted at the end of the build
    assert outputs(tmp_path / "disk") == outputs(tmp_path / "memory")


def _listed(store, folder: Path, listed: list[tuple[str, bool]]):
    """``store``, after listing the folders ``folder`` holds, and whether each holds files, in ``listed``."""
    listed.extend((path.name, any(path.iterdir())) for path in folder.iterdir())
    return store


def test_a_build_whose_glossary_rows_move_to_sqlite_writes_the_same_files(capsys, corpus, tmp_path, monkeypatch):
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "memory"), "-j", "1", "--no-cache")[0] == 0
    monkeypatch.setattr(kg.export.ordered_rows, "IN_MEMORY", 2)
    monkeypatch.setattr(kg.export.ordered_rows, "_BATCH", 3)
    stored, readings = kg.export.ordered_rows._StoredRows, []
    real = stored.__iter__
    monkeypatch.setattr(stored, "__iter__", lambda rows: readings.append(len(rows)) or real(rows))
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "sqlite"), "-j", "1", "--no-cache")[0] == 0
    # the page reads the rows before it is written and as it is written, the CSV once: none is held
    assert len(readings) == 3 and readings[0] > 3
    assert outputs(tmp_path / "sqlite") == outputs(tmp_path / "memory")


def test_a_vocabulary_store_that_cannot_be_made_on_disk_is_one_line_and_nothing_is_written(
    capsys, corpus, tmp_path, monkeypatch
):
    monkeypatch.setattr(kg.rdf.store, "VOCABULARY_IN_MEMORY", 0)
    (tmp_path / "file").write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "file"))  # a file: no folder can be made in it
    status, _, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--no-cache")
    assert status == 1 and len(err.splitlines()) == 1
    assert err.startswith("kg: error: the glossary's vocabulary cannot be kept in the temporary folder"), err
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_build_whose_entries_and_listing_move_to_sqlite_writes_the_same_files_and_cache(
    capsys, corpus, tmp_path, monkeypatch
):
    """Two workers' partitions and the cache's index read from the entries in SQLite as from those in memory,
    and the documents from a listing there."""
    names = ("memory", "sqlite")
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "memory"), "-j", "2")[0] == 0
    monkeypatch.setattr(kg.entries, "IN_MEMORY", 1)
    monkeypatch.setattr(kg.text.inputs, "IN_MEMORY", 1)
    spilled: list[Entries] = []
    monkeypatch.setattr(Entries, "_spill", _recorded(Entries._spill, spilled))
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "sqlite"), "-j", "2")[0] == 0
    assert spilled
    assert outputs(tmp_path / "sqlite") == outputs(tmp_path / "memory")
    memory, sqlite = ((tmp_path / name / ".kg-cache" / "index.jsonl").read_text().splitlines() for name in names)
    assert memory[1:] == sqlite[1:] == ['"gwr-2015"', '"note"', '"scio"']


def test_a_union_sqlite_cannot_keep_is_one_line_and_nothing_is_written(
    capsys, corpus, tmp_path, monkeypatch, full_temporary_folder
):
    monkeypatch.setattr(kg.rdf.union, "IN_MEMORY", 100)
    full_temporary_folder(8)
    status, _, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "1", "--no-cache")
    assert status == 1 and len(err.splitlines()) == 1
    assert err.startswith("kg: error: the union of the documents' shared statements cannot be kept") and "full" in err
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_listing_sqlite_cannot_keep_is_one_line_and_nothing_is_written(
    capsys, corpus, tmp_path, monkeypatch, full_temporary_folder
):
    monkeypatch.setattr(kg.text.inputs, "IN_MEMORY", 0)
    full_temporary_folder(2)
    status, _, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "--no-cache")
    assert status == 1 and len(err.splitlines()) == 1
    assert err.startswith("kg: error: the listing of the inputs cannot be kept") and "full" in err
    assert not (tmp_path / "out").exists()


def _recorded(method, calls):
    def spill(self):
        calls.append(self)
        return method(self)

    return spill


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_taken_from_the_cache_come_as_they_are_read_not_after_the_rest(tmp_path, jobs):
    positions, lags = cached_results_lag(kg.corpus.local_engine(jobs), tmp_path / "shards")
    assert sorted(positions) == list(range(8))
    assert max(lag for position, lag in zip(positions, lags, strict=True) if position < 7) == 0
