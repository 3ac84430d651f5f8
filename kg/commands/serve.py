"""``kg serve --store DIR``: a built store over the SPARQL 1.1 Protocol, read-only.

The server is Oxigraph's own (the ``oxigraph`` package ships the binary):
``oxigraph serve-read-only`` answers SPARQL 1.1 Protocol queries at
``/query``, serves the YASGUI query editor at ``/``, stops a query after
``--timeout`` seconds, and cannot be written to.  Queries see the union of
the document graphs and the shared default graph, as ``kg query`` does.
It listens on the loopback interface unless ``--host`` says otherwise.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
from pathlib import Path

from kg.commands import CommandError

NAME = "serve"
HELP = "Serve an Oxigraph store built by kg build --store over the SPARQL 1.1 Protocol (read-only)."


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--store", type=Path, required=True, metavar="DIR", help="the store kg build --store made")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine)")
    parser.add_argument("--port", type=int, default=7878, help="port to listen on (default: 7878)")
    parser.add_argument("--timeout", type=int, default=30, metavar="S", help="stop a query after S seconds (30)")


def run(args: argparse.Namespace) -> int:
    from kg.rdf.store import StoreError, check_store

    if not 0 < args.port < 65536:
        raise CommandError(f"--port must be between 1 and 65535, not {args.port}")
    if args.timeout < 1:
        raise CommandError(f"--timeout must be 1 second or more, not {args.timeout}")
    try:
        check_store(args.store)
    except StoreError as error:
        raise CommandError(str(error)) from None
    _check_address(args.host, args.port)
    address = f"[{args.host}]:{args.port}" if ":" in args.host else f"{args.host}:{args.port}"
    command = [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(args.store),
        "--bind",
        address,
        "--timeout-s",
        str(args.timeout),
        "--union-default-graph",
        "--cors",
    ]
    print(
        f"kg: serving {args.store} read-only at http://{address}/query (SPARQL 1.1 Protocol), "
        f"YASGUI at http://{address}/; Ctrl-C stops",
        file=sys.stderr,
    )
    server = subprocess.Popen(command)
    signal.signal(signal.SIGTERM, lambda *_: server.terminate())  # stopping kg serve stops the server
    try:
        status = server.wait()
    except KeyboardInterrupt:  # the terminal sent the interrupt to the server too
        server.wait()
        return 0
    if status > 0:
        raise CommandError(f"the Oxigraph server stopped with status {status}; it says why above")
    return 0  # stopped by a signal: the normal way to end a server


def _check_address(host: str, port: int) -> None:
    """That the server can listen at ``host``:``port``: a host that names no address of this machine, or a port
    in use, is said in one line before the server starts (the server says it in several, and with a backtrace
    where ``RUST_BACKTRACE`` is set)."""
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as error:
        raise CommandError(f"--host {host}: {error.strerror}") from None
    with socket.socket(family, kind, protocol) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as a server does: a closed port is free
        try:
            probe.bind(address)
        except OSError as error:
            raise CommandError(f"cannot listen at {host} port {port}: {error.strerror}") from None


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary: beside this Python (a virtualenv's ``bin``), else on the ``PATH``."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise CommandError("the oxigraph server is not installed: pip install oxigraph")
    return found
