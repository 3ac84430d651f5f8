"""Writing outputs so that a failed or interrupted run never leaves half a file.

Each output is written to a temporary file beside it, flushed to disk, and
only then renamed over the target with :func:`os.replace`, which is atomic
within one directory: a reader sees the old file or the new one, never a
mixture.  Temporary files are hidden (``.NAME.XXXXXXXX.tmp``) and removed on
any exception, including ``KeyboardInterrupt``.

:class:`AtomicFiles` extends this to several outputs that belong together
(a graph and its glossary): nothing is renamed until every file has been
written, and a rename that fails undoes the ones before it.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

_MODES = ("w", "wb")


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO[Any]]:
    """Open ``path`` for writing (``"w"`` or ``"wb"``); it changes only if the block succeeds.

    ``encoding`` and ``newline`` apply to text mode, as in :func:`open`.
    A new file gets the permissions :func:`open` would give it; a replaced
    file keeps its own.
    """
    target = Path(path)
    temp, handle = _open_temp(target, mode, encoding, newline)
    try:
        yield handle
        _sync_close(handle)
        os.replace(temp, target)
    except BaseException:
        _discard(temp, handle)
        raise
    _sync_directory(target.parent)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Replace the content of ``path`` with ``text`` atomically."""
    with atomic_write(path, encoding=encoding) as handle:
        handle.write(text)


class AtomicFiles:
    """A group of outputs that replace their targets together when the block ends.

    ``open`` returns a file to write to; the group closes it.  On leaving
    the ``with`` block without an exception every file is synced, existing
    targets are backed up (a hard link where possible), and the temporary
    files are renamed over the targets; if a rename fails, the targets
    already replaced are restored and new ones removed.  On an exception no
    target is touched.  A crash of the machine in the middle of the renames
    can still leave some targets new and some old: renames of several files
    are not one atomic step on any common file system.
    """

    def __init__(self) -> None:
        self._pending: dict[Path, tuple[Path, IO[Any]]] = {}

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self._commit()
        else:
            self._discard_all()

    def open(
        self, path: str | os.PathLike[str], mode: str = "w", encoding: str = "utf-8", newline: str | None = None
    ) -> IO[Any]:
        """A file whose content will replace ``path`` when the group commits."""
        target = Path(os.path.abspath(path))
        if target in self._pending:
            raise ValueError(f"{path} is already written in this group")
        temp, handle = _open_temp(target, mode, encoding, newline)
        self._pending[target] = (temp, handle)
        return handle

    def _commit(self) -> None:
        try:
            for _, handle in self._pending.values():
                _sync_close(handle)
        except BaseException:
            self._discard_all()
            raise
        backups: dict[Path, Path] = {}
        replaced: list[Path] = []
        try:
            for target in self._pending:
                if target.exists():
                    backups[target] = _backup(target)
            for target, (temp, _) in self._pending.items():
                os.replace(temp, target)
                replaced.append(target)
        except BaseException:
            self._roll_back(replaced, backups)
            self._discard_all()
            raise
        finally:
            for backup in backups.values():
                _remove(backup)
        for directory in {target.parent for target in self._pending}:
            _sync_directory(directory)
        self._pending.clear()

    @staticmethod
    def _roll_back(replaced: list[Path], backups: dict[Path, Path]) -> None:
        """Put back the previous version of each replaced target, as far as possible.

        A backup that cannot be restored is dropped from ``backups`` so that
        it is kept on disk, the only remaining copy of the old content.
        """
        for target in replaced:
            try:
                if target in backups:
                    os.replace(backups[target], target)
                    del backups[target]
                else:
                    target.unlink()
            except OSError:
                backups.pop(target, None)

    def _discard_all(self) -> None:
        for temp, handle in self._pending.values():
            _discard(temp, handle)
        self._pending.clear()


def _open_temp(target: Path, mode: str, encoding: str, newline: str | None) -> tuple[Path, IO[Any]]:
    """Create a new hidden temporary file beside ``target`` and open it.

    Created with mode 0o666 like :func:`open` (the umask applies), unlike
    :func:`tempfile.mkstemp`'s 0o600, which a rename would otherwise leave
    on every output.  A replaced file's own permissions are copied instead.
    """
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {_MODES}, not {mode!r}")
    if mode == "w":
        codecs.lookup(encoding)  # fail before a file exists, not halfway through opening it
    if target.exists() and not target.is_file():
        # renaming over /dev/null or a FIFO would replace the device with a regular file
        raise IsADirectoryError(f"{target} is not a regular file; an output is only ever a regular file")
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temp, flags, 0o666)
    try:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
    except BaseException:
        os.close(descriptor)
        _remove(temp)
        raise
    if mode == "wb":
        return temp, os.fdopen(descriptor, mode)
    return temp, os.fdopen(descriptor, mode, encoding=encoding, newline=newline)


def sync(handle: IO[Any]) -> None:
    """Flush ``handle`` to the disk.  A group syncs each file as it commits; one synced already (by the forked
    copy of a build that wrote it, beside the build) costs the commit nothing more."""
    handle.flush()
    os.fsync(handle.fileno())


def _sync_close(handle: IO[Any]) -> None:
    """Flush ``handle`` to the disk before it is renamed, so the rename cannot outrun the data."""
    sync(handle)
    handle.close()


def _sync_directory(directory: Path) -> None:
    """Make a rename durable; a no-op where directories cannot be opened (Windows)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _backup(target: Path) -> Path:
    """A hidden copy of ``target`` beside it: a hard link, or a real copy where links fail."""
    backup = target.with_name(f".{target.name}.{secrets.token_hex(4)}.bak")
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def _discard(temp: Path, handle: IO[Any]) -> None:
    with contextlib.suppress(OSError):
        handle.close()
    _remove(temp)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
