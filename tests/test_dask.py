"""``kg build --engine dask``: documents extracted on a real two-worker Dask cluster give the local engine's graph."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import distributed
import pytest
from distributed import LocalCluster

from kg.cli import main
from kg.corpus import CorpusError, fingerprint, partitions
from kg.dask import _check_workers, dask_engine
from kg.rdf.nquads import sorted_nquads
from kg.text.inputs import Source
from tests.conftest import DATA, cached_results_lag

FILES = ("graph.ttl", "graph.trig", "glossary.csv", "glossary.html")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster


@pytest.fixture
def corpus(transcript_and_report) -> Path:
    shutil.copy(DATA / "dev" / "gwr-2019-part1-zh-Hans.txt", transcript_and_report / "gwr-2019.txt")
    return transcript_and_report


def test_a_dask_cluster_builds_the_graph_the_local_engine_builds(capsys, corpus, tmp_path, cluster):
    status, summary, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "local"), "-j", "2")
    assert status == 0 and "with 2 jobs" in summary
    status, summary, err = run(
        capsys, "build", str(corpus), "-o", str(tmp_path / "dask"), "--engine", "dask", "--scheduler",
        cluster.scheduler_address,
    )  # fmt: skip
    assert status == 0 and err == "" and "extracted   3 with Dask" in summary
    assert sorted_nquads(tmp_path / "dask" / "graph.trig") == sorted_nquads(tmp_path / "local" / "graph.trig")
    for name in FILES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    shards = {path.name for path in (tmp_path / "dask" / ".kg-cache").glob("*/*")}
    assert shards == {path.name for path in (tmp_path / "local" / ".kg-cache").glob("*/*")}  # the workers wrote them
    assert len(cluster.scheduler_info["workers"]) == 2
    status, summary, _ = run(
        capsys, "build", str(corpus), "-o", str(tmp_path / "dask"), "--engine", "dask", "--scheduler",
        cluster.scheduler_address,
    )  # fmt: skip
    assert status == 0 and "nothing changed" in summary


def test_without_cache_the_workers_send_their_documents_turtle_and_the_files_are_the_same(
    capsys, corpus, tmp_path, cluster
):
    """Scratch shards: the workers write none for these documents (kg.corpus.extract_document) and send each
    document's Turtle back with its result."""
    assert run(capsys, "build", str(corpus), "-o", str(tmp_path / "local"), "-j", "1", "--no-cache")[0] == 0
    status, _, err = run(
        capsys, "build", str(corpus), "-o", str(tmp_path / "dask"), "--engine", "dask", "--scheduler",
        cluster.scheduler_address, "--no-cache",
    )  # fmt: skip
    assert status == 0 and err == ""
    for name in FILES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name
    assert sorted(path.name for path in (tmp_path / "dask").iterdir()) == sorted(FILES)


def test_documents_taken_from_the_cache_come_as_they_are_read_not_after_the_rest(tmp_path, cluster):
    with dask_engine(cluster.scheduler_address, 2) as engine:
        positions, lags = cached_results_lag(engine, tmp_path / "shards")
    assert sorted(positions) == list(range(8))
    assert max(lag for position, lag in zip(positions, lags, strict=True) if position < 7) == 0


def test_without_an_address_a_local_cluster_of_jobs_workers_is_started(capsys, corpus, tmp_path):
    out = tmp_path / "out"
    status, summary, _ = run(capsys, "build", str(corpus), "-o", str(out), "--engine", "dask", "-j", "2", "--no-cache")
    assert status == 0 and "extracted   3 with Dask" in summary and "turns" in summary
    assert sorted(path.name for path in out.iterdir()) == sorted(FILES)  # the scratch shards are gone


def test_an_unreachable_scheduler_is_one_line(capsys, corpus, tmp_path):
    status, stdout, err = run(
        capsys,
        "build",
        str(corpus),
        "-o",
        str(tmp_path / "out"),
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert status == 1 and stdout == ""
    assert err.startswith("kg: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9") and err.count("\n") == 1


@pytest.mark.parametrize("address", ["nonsense", "foo://host:8786", "tcp://host:port"])
def test_a_malformed_scheduler_address_is_one_line_and_writes_nothing(capsys, corpus, tmp_path, address, monkeypatch):
    monkeypatch.setattr(distributed, "Client", _never)  # refused before a client (and its event loop) starts
    status, stdout, err = run(
        capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler", address
    )
    assert status == 1 and stdout == "" and err.count("\n") == 1
    assert err.startswith(f"kg: error: {address} is not the address of a Dask scheduler (")
    assert not (tmp_path / "out").exists()


def _never(*args, **kwargs):
    raise AssertionError("no client is started for an address that cannot be one")


def test_a_scheduler_without_the_dask_engine_is_a_mistake_in_the_command(capsys, corpus, tmp_path):
    status, _, err = run(capsys, "build", str(corpus), "-o", str(tmp_path / "out"), "--scheduler", "tcp://x:8786")
    assert status == 1 and "--scheduler is the address of a Dask scheduler" in err


class _Client:
    """What ``_check_workers`` asks a client: each worker's answer to ``run``."""

    def __init__(self, answers: dict[str, tuple[bool, str]]) -> None:
        self.answers = answers

    def run(self, function, *args):
        return self.answers


def test_workers_that_cannot_share_the_folder_or_run_another_kg_are_refused_before_any_document(tmp_path):
    _check_workers(_Client({"tcp://a:1": (True, fingerprint())}), tmp_path / "shards")
    with pytest.raises(CorpusError, match=r"tcp://b:1 cannot write .*shared by every worker"):
        _check_workers(_Client({"tcp://a:1": (True, fingerprint()), "tcp://b:1": (False, fingerprint())}), tmp_path)
    with pytest.raises(CorpusError, match="runs another version of kg"):
        _check_workers(_Client({"tcp://a:1": (True, "0" * 64)}), tmp_path)
    with pytest.raises(CorpusError, match="no workers"):
        _check_workers(_Client({}), tmp_path)
    assert not list(tmp_path.glob(".probe-*"))


def test_partitions_keep_the_order_and_hold_about_a_partition_of_characters():
    tasks = [(position, Source(f"d{position}", "字" * size, {}), "") for position, size in enumerate([4, 4, 4, 30, 1])]
    tasks.insert(2, 9)  # a cached document's position goes on at once
    made = list(partitions(iter(tasks), 10, 100))
    assert made[0] == 9
    assert [[task[0] for task in partition] for partition in made[1:]] == [[0, 1, 2], [3], [4]]
    few = list(partitions(iter(tasks), 10, 2))  # no more than two documents, whatever their size
    assert [item if isinstance(item, int) else [task[0] for task in item] for item in few] == [[0, 1], 9, [2, 3], [4]]
