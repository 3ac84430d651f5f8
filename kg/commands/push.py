"""``kg push (--store DIR | OUT) --endpoint URL``: the corpus's graphs into a SPARQL Graph Store.

For a team that outgrows one machine: every named graph (one per
document) and the shared default graph are sent with the SPARQL 1.1 Graph
Store HTTP Protocol — ``PUT URL?graph=IRI`` and ``PUT URL?default`` with an
N-Triples body — which Oxigraph (``/store``), Apache Jena Fuseki
(``/DATASET/data``), GraphDB, Virtuoso and others implement.  ``PUT``
replaces a graph, so pushing again after a rebuild leaves the server with
the new version of each document, not two.  The source is a store built by
``kg build --store`` or the ``graph.trig`` of a ``kg build`` output folder.
"""

from __future__ import annotations

import argparse
import math
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from kg.commands import CommandError

NAME = "push"
HELP = "Load the per-document graphs into a SPARQL 1.1 Graph Store Protocol server (PUT per graph)."

_N_TRIPLES = "application/n-triples"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="?", type=Path, help="a kg build output folder, or its graph.trig")
    parser.add_argument("--store", type=Path, metavar="DIR", help="push the store kg build --store made")
    parser.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the server's Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph)",
    )
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for each graph")


def run(args: argparse.Namespace) -> int:
    if (args.source is None) == (args.store is None):
        raise CommandError("give either a kg build output folder (or graph.trig) or --store DIR")
    if not 0 < args.timeout < math.inf:  # also NaN
        raise CommandError(f"--timeout must be a number of seconds above 0, not {args.timeout:g}")
    endpoint = urllib.parse.urlsplit(args.endpoint)
    if endpoint.scheme not in ("http", "https") or not endpoint.netloc:
        raise CommandError(f"--endpoint must be an http(s) URL, not {args.endpoint!r}")
    graphs = triples = 0
    for name, body in _graphs(args.store, args.source):
        put_graph(args.endpoint, name, body, args.timeout)
        graphs += 1
        triples += body.count(b"\n")
    print(f"pushed {graphs} graphs ({triples:,} triples) to {args.endpoint}", file=sys.stderr)
    return 0


def put_graph(endpoint: str, graph: str | None, body: bytes, timeout: float) -> None:
    """Replace one graph (``None``: the default graph) on a Graph Store Protocol server."""
    import urllib.error
    import urllib.request  # here, not above: every kg command would import http.client for this one

    query = urllib.parse.urlencode({"graph": graph}) if graph is not None else "default"
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    request = urllib.request.Request(
        f"{endpoint}{separator}{query}", data=body, method="PUT", headers={"Content-Type": _N_TRIPLES}
    )
    what = f"graph <{graph}>" if graph is not None else "the default graph"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip().splitlines()
        reason = f": {detail[0][:200]}" if detail else ""
        raise CommandError(
            f"{endpoint}: the server refused {what} (HTTP {error.code} {error.reason}{reason})"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise CommandError(f"{endpoint}: cannot reach the server ({reason})") from None


def _graphs(store_dir: Path | None, source: Path | None) -> Iterator[tuple[str | None, bytes]]:
    """``(graph IRI or None for the default graph, N-Triples)`` of each graph of the source."""
    import pyoxigraph as ox

    from kg.errors import first_line
    from kg.rdf.store import open_store, restore_language_case

    if store_dir is not None:
        store = open_store(store_dir)
    else:
        trig = source / "graph.trig" if source is not None and source.is_dir() else source
        assert trig is not None
        if not trig.is_file():
            raise CommandError(f"{trig}: no such file (kg build writes OUT/graph.trig)")
        store = ox.Store()
        try:
            store.load(path=str(trig), format=ox.RdfFormat.TRIG)
        except (SyntaxError, ValueError, OSError) as error:
            raise CommandError(f"{trig}: not valid TriG: {first_line(error)}") from None
    names: list[ox.NamedNode | ox.DefaultGraph] = sorted(
        (g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=str
    )
    for name in [*names, ox.DefaultGraph()]:
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        yield (name.value if isinstance(name, ox.NamedNode) else None), restore_language_case(body)
