"""Extraction on a Dask cluster: ``kg build --engine dask [--scheduler ADDRESS]``.

One machine's cores are the limit of the local engine; a corpus of every
press release since 2000 wants more.  This engine hands the documents, in
partitions of about :data:`PARTITION_CHARACTERS` characters (and at most
:data:`PARTITION_DOCUMENTS` documents), to the workers
of a Dask cluster — the scheduler at ``ADDRESS``, or a ``LocalCluster`` of
``--jobs`` single-threaded worker processes — and each worker writes the
shards of its documents into the shard folder (:class:`kg.corpus.Shards`)
and sends back what spans them (:class:`kg.corpus.PartitionResult`),
exactly as a local worker does.  Everything after the shards (assembly,
store, files) is the same as with the local engine, so the outputs are the
same bytes.

The shard folder (``OUT/.kg-cache`` by default) must therefore be a folder
every worker can write at the same path, such as a network file system
mounted alike on every machine, and the workers must run the same version of
kg (its code and thesaurus are part of every shard's key): both are checked
before any document is sent.  Only the documents of a few partitions per
worker are in flight at a time, so the client's memory stays flat.

Dask is an optional dependency: ``pip install 'kg[dask]'``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.corpus import CorpusError, Extraction, PartitionResult, Task, extract_partition, fingerprint, partitions
from kg.errors import first_line

if TYPE_CHECKING:
    from kg.corpus import Engine

#: A partition holds documents of about this many characters (at least one document),
PARTITION_CHARACTERS = 200_000
#: and no more than this many documents.
PARTITION_DOCUMENTS = 1_000
#: Partitions in flight per worker thread: enough that no worker waits, few enough that memory stays flat.
IN_FLIGHT_PER_THREAD = 2


@contextlib.contextmanager
def dask_engine(scheduler: str | None, jobs: int) -> Iterator[Engine]:
    """An engine on the Dask scheduler at ``scheduler``, or on a local cluster of ``jobs`` worker processes."""
    try:
        from distributed import Client, LocalCluster
        from distributed.comm.addressing import get_address_host_port
    except ImportError:
        raise CorpusError("--engine dask needs Dask and distributed: pip install 'kg[dask]'") from None
    with contextlib.ExitStack() as stack:
        if scheduler is None:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",  # a build's own cluster listens on this machine only
                    dashboard_address="127.0.0.1:0",
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        else:
            try:
                get_address_host_port(scheduler)  # refused before a client starts its event loop's thread
                client = stack.enter_context(Client(scheduler, timeout="5s"))
            except ValueError as error:  # distributed's parser of addresses: no port, an unknown scheme
                raise CorpusError(
                    f"{scheduler} is not the address of a Dask scheduler ({first_line(error)}); "
                    "give one such as tcp://host:8786"
                ) from None
            except (OSError, TimeoutError) as error:
                raise CorpusError(f"cannot reach the Dask scheduler at {scheduler}: {first_line(error)}") from None

        def run(tasks: Iterator[Task], folder: Path, keep: bool) -> Iterator[tuple[int, None] | PartitionResult]:
            yield from _run(client, tasks, folder, keep)

        yield run


def _run(client: Any, tasks: Iterator[Task], folder: Path, keep: bool) -> Iterator[tuple[int, None] | PartitionResult]:
    from distributed import as_completed

    extract = functools.partial(extract_partition, folder=str(folder), keep=keep)
    batches = partitions(tasks, PARTITION_CHARACTERS, PARTITION_DOCUMENTS)
    pending = as_completed()
    try:
        first = yield from _next_partition(batches)
        if first is None:
            return
        _check_workers(client, folder)  # only once there is work for them
        pending.add(client.submit(extract, first, pure=False))
        threads = max(sum(client.nthreads().values()), 1)
        yield from _submit(client, batches, pending, extract, threads * IN_FLIGHT_PER_THREAD - 1)
        for future in pending:
            try:
                partition = future.result()
            except Exception as error:  # a worker died (out of memory?) or the cluster went away
                raise CorpusError(
                    f"a Dask worker failed: {first_line(error)}; the documents done so far are cached"
                ) from None
            yield from _submit(client, batches, pending, extract, 1)
            yield partition
    finally:
        pending.clear()  # on an error or Ctrl-C, the partitions not done are dropped (and cancelled once forgotten)


def _submit(
    client: Any,
    batches: Iterator[list[Extraction] | int],
    pending: Any,
    extract: Callable[[list[Extraction]], PartitionResult],
    count: int,
) -> Iterator[tuple[int, None]]:
    """Submit the next ``count`` partitions (fewer at the end) to ``extract``, handing back the cached positions
    met on the way."""
    for _ in range(count):
        partition = yield from _next_partition(batches)
        if partition is None:
            return
        pending.add(client.submit(extract, partition, pure=False))


def _next_partition(
    batches: Iterator[list[Extraction] | int],
) -> Generator[tuple[int, None], None, list[Extraction] | None]:
    """The next partition, or ``None`` at the end; the cached positions before it are handed back on the way."""
    for item in batches:
        if not isinstance(item, int):
            return item
        yield item, None
    return None


def _check_workers(client: Any, folder: Path) -> None:
    """Stop before sending a document if a worker cannot write the shard folder or runs another kg."""
    folder.mkdir(parents=True, exist_ok=True)
    probe = folder / f".probe-{os.getpid()}"
    probe.write_text("kg", encoding="utf-8")
    try:
        seen = client.run(_sees, str(probe), str(folder))
    finally:
        probe.unlink(missing_ok=True)
    if not seen:
        raise CorpusError("the Dask cluster has no workers")
    for worker, (visible, version) in sorted(seen.items()):
        if not visible:
            raise CorpusError(
                f"the Dask worker {worker} cannot write {folder}: the shard folder must be shared by every worker "
                "at the same path (--cache DIR on a shared file system)"
            )
        if version != fingerprint():
            raise CorpusError(f"the Dask worker {worker} runs another version of kg (its code or thesaurus differ)")


def _sees(probe: str, folder: str) -> tuple[bool, str]:
    """On a worker: whether it reads the client's probe and may write the shard folder, and its kg's fingerprint."""
    visible = os.path.exists(probe) and os.access(folder, os.W_OK)
    return visible, fingerprint()
