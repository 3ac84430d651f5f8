"""``kg push`` into a real Oxigraph server and ``kg serve``, each on a loopback port the test picks.

Servers are started by the test in a temporary folder, listen on 127.0.0.1
only, are asked a bounded number of requests with timeouts, and are stopped
(then killed if need be) whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from kg.cli import main
from kg.commands.serve import oxigraph_binary
from tests.conftest import DEV

NOTE = "國務院總理李克強表示,要紮實做好“六穩”工作,全面落實“六保”任務。\n"
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 20.0
REQUEST_TIMEOUT = 10.0


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("served")
    (root / "docs").mkdir()
    shutil.copy(DEV.with_suffix(".txt"), root / "docs" / "scio.txt")
    (root / "docs" / "note.txt").write_text(NOTE, encoding="utf-8")
    assert main(["build", str(root / "docs"), "-o", str(root / "out"), "--store", str(root / "store"), "-j", "1"]) == 0
    return root


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running(command: list[str], port: int) -> Iterator[str]:
    """Start a server, wait until it answers on ``port``, yield its base URL, and stop it."""
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=1.0):
                    break
            except (urllib.error.URLError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"the server did not start: {server.stderr.read().decode()}") from None
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        server.stderr.close()


def select(base: str, query: str) -> list[dict[str, str]]:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
        bindings = json.load(response)["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in bindings]


COUNTS = """SELECT (COUNT(*) AS ?triples) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"""
GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_push_puts_every_graph_into_an_oxigraph_server_and_a_second_push_replaces_them(capsys, built, tmp_path):
    port = free_port()
    command = [oxigraph_binary(), "serve", "--location", str(tmp_path / "server"), "--bind", f"{LOOPBACK}:{port}"]
    expected = len(Graph().parse(built / "out" / "graph.ttl", format="turtle"))
    with running(command, port) as base:
        for source in (["push", str(built / "out")], ["push", "--store", str(built / "store")]):
            assert main([*source, "--endpoint", f"{base}/store"]) == 0
            assert f"pushed 3 graphs ({expected:,} triples)" in capsys.readouterr().err
            assert select(base, GRAPHS) == [{"graphs": "2"}]
            assert select(base, COUNTS) == [{"triples": str(expected)}]  # replaced, not added twice
        labels = select(base, f"SELECT ?label WHERE {{ ?c <{SKOS.prefLabel}> ?label FILTER(STR(?label) = '國務院') }}")
        assert labels == [{"label": "國務院"}]
    assert main(["push", str(built / "out"), "--endpoint", f"http://{LOOPBACK}:{port}/store", "--timeout", "2"]) == 1
    assert "cannot reach the server" in capsys.readouterr().err


@pytest.mark.parametrize("timeout", ["0", "-1", "nan", "inf"])
def test_push_refuses_a_timeout_that_is_no_number_of_seconds_in_one_line(capsys, built, timeout):
    argv = ["push", str(built / "out"), "--endpoint", f"http://{LOOPBACK}:9/store", "--timeout", timeout]
    assert main(argv) == 1
    assert capsys.readouterr().err == f"kg: error: --timeout must be a number of seconds above 0, not {timeout}\n"


def test_serve_answers_the_sparql_protocol_over_the_union_and_refuses_updates(built):
    port = free_port()
    command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(built / "store"), "--port", str(port)]
    with running(command, port) as base:
        graphs = select(base, GRAPHS)
        union = select(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://www.w3.org/2004/02/skos/core#Concept> }")
        update = urllib.request.Request(
            f"{base}/update", data=b"update=INSERT+DATA+%7B%3Ca%3A1%3E+%3Ca%3A2%3E+%3Ca%3A3%3E%7D", method="POST"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=REQUEST_TIMEOUT)
    assert graphs == [{"graphs": "2"}]
    assert int(union[0]["n"]) > 50  # the default graph's concepts, seen without GRAPH: the union
    assert refused.value.code in (403, 405)
    with socket.socket() as probe:  # stopping kg serve stopped the Oxigraph server too
        assert probe.connect_ex((LOOPBACK, port)) != 0


def test_serve_refuses_a_store_kg_did_not_build(capsys, tmp_path):
    assert main(["serve", "--store", str(tmp_path)]) == 1
    assert "not a store built by kg build --store" in capsys.readouterr().err


def test_serve_says_in_one_line_that_it_cannot_listen_before_starting_the_server(capsys, built):
    """The server said it in several lines, with a Rust backtrace where RUST_BACKTRACE is set, and kg guessed."""
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--store", str(built / "store"), "--port", str(port)]) == 1
        said = capsys.readouterr().err
        assert said == f"kg: error: cannot listen at {LOOPBACK} port {port}: Address already in use\n"
    assert main(["serve", "--store", str(built / "store"), "--host", "999.1.1.1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kg: error: --host 999.1.1.1: ") and err.count("\n") == 1
