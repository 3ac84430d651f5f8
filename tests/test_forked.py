"""kg.forked: a call run in a forked copy of the process, beside what the process does next.

Each scenario runs in a new interpreter (:func:`tests.conftest.in_fresh_process`):
this test process has other threads by now, and so would never fork.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from pathlib import Path

from kg.errors import KgError
from kg.forked import ForkedBug, can_fork, forked, forked_given
from tests.conftest import ROOT, in_fresh_process


def runs_elsewhere_on_what_this_process_holds() -> list:
    """Nothing is pickled on the way there: the call reads a lock, which pickle refuses."""
    held = {"lock": threading.Lock(), "numbers": list(range(1000))}
    assert can_fork()

    def call():
        return os.getpid(), sum(held["numbers"]), held["lock"].locked(), gc.isenabled()

    with forked(call, "adds numbers") as result:
        held["numbers"].append(10**6)  # a change made here after the fork is not seen there
        pid, total, locked, collecting = result()
    return [pid != os.getpid(), total, locked, collecting, gc.isenabled()]


def test_the_call_runs_in_another_process_on_what_this_one_holds():
    """And without the cyclic collector there, which would copy every page it went through."""
    assert in_fresh_process(runs_elsewhere_on_what_this_process_holds) == [True, 499500, False, False, True]


def errors() -> list[str]:
    def expected():
        raise KgError("store: cannot be opened for writing: locked")

    def bug():
        return 1 / 0

    def killed():
        os.kill(os.getpid(), signal.SIGKILL)

    said = []
    for call, doing in ((expected, "syncs the store"), (bug, "divides"), (killed, "loads the store")):
        with forked(call, doing) as result:
            try:
                result()
            except (KgError, ForkedBug) as error:
                said.append(f"{type(error).__name__}: {error}")
    return said


def test_errors_come_back_as_one_line_and_bugs_with_their_traceback():
    expected, bug, killed = in_fresh_process(errors)
    assert expected == "KgError: store: cannot be opened for writing: locked"
    assert bug.startswith("ForkedBug: the process that divides failed:\nTraceback") and "ZeroDivisionError" in bug
    assert killed == "KgError: the process that loads the store died (exit status -9; out of memory?)"


def signalled() -> str:
    def call():
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.2)  # time for a signal to act, were it not ignored
        return "answered"

    with forked(call, "waits") as result:
        return result()


def test_the_copy_leaves_ctrl_c_and_sigterm_to_this_process():
    assert in_fresh_process(signalled) == "answered"


def pid_written(marker: str) -> int:
    """The pid a copy writes in the file ``marker`` once it runs, waited for until the file holds it."""
    while not (text := Path(marker).read_text() if Path(marker).exists() else ""):
        time.sleep(0.01)
    return int(text)


def left_early(marker: str) -> list:
    def slow():
        Path(marker).write_text(str(os.getpid()))
        time.sleep(60)

    started = time.monotonic()
    try:
        with forked(slow, "sleeps"):
            copy = pid_written(marker)
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    try:
        os.kill(copy, 0)
    except ProcessLookupError:
        return [time.monotonic() - started, "gone"]  # and waited for: not even a zombie
    return [time.monotonic() - started, "still there"]


def test_leaving_the_block_early_kills_the_copy(tmp_path):
    seconds, copy = in_fresh_process(left_early, str(tmp_path / "pid"))
    assert seconds < 10 and copy == "gone"


def ready_before_given(marker: str) -> list:
    """The copy does its part before it asks for its input, which the block gives later."""

    def call(given):
        Path(marker).write_text(str(os.getpid()))  # ready: what a build's copy does loading CC-CEDICT
        return [os.getpid(), sum(given())]

    with forked_given(call, "adds numbers") as (give, result):
        ready = pid_written(marker)
        give(list(range(1000)))
        pid, total = result()
    return [pid != os.getpid(), ready == pid, total]


def test_the_copy_gets_ready_before_it_is_given_its_input(tmp_path):
    assert in_fresh_process(ready_before_given, str(tmp_path / "ready")) == [True, True, 499500]


def test_given_without_fork_the_call_runs_here_on_what_was_given():
    with forked_given(lambda given: (os.getpid(), given()), "tells its pid", fork=False) as (give, result):
        give("names")
        assert result() == (os.getpid(), "names")


def never_given(marker: str) -> None:
    """This process ends at once, without giving the copy its input or killing it (as SIGKILL would end it)."""

    def call(given):
        Path(marker).write_text(str(os.getpid()))
        return given()

    with forked_given(call, "waits"):
        pid_written(marker)
        os._exit(0)


def test_a_copy_whose_process_died_before_giving_its_input_ends(tmp_path):
    """The copy holds no end of the pipe its input comes through but its own: it sees the end of it, and does not
    wait for ever."""
    import subprocess
    import sys

    marker = tmp_path / "pid"
    code = f"from tests.test_forked import never_given; never_given({str(marker)!r})"
    quiet = subprocess.DEVNULL  # a pipe the copy inherited would keep run() waiting as long as the copy lives
    subprocess.run([sys.executable, "-c", code], check=True, stdout=quiet, stderr=quiet, cwd=ROOT)
    copy, deadline = pid_written(str(marker)), time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(copy, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(copy, signal.SIGKILL)
    raise AssertionError("the copy still waits for its input")


def printed_once() -> None:
    """A line still in stdout's buffer at the fork would be written by the copy too, as it ends."""
    print("before", end="")  # stdout is a pipe: block-buffered
    with forked(os.getpid, "tells its pid") as result:
        result()
    print(" after")


def test_what_was_printed_before_the_fork_is_printed_once():
    import subprocess
    import sys

    code = "from tests.test_forked import printed_once; printed_once()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "before after\n"


def with_a_thread_running() -> list:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        forkable = can_fork()
        calls = []
        with forked(lambda: calls.append(os.getpid()) or len(calls), "counts") as result:
            before = list(calls)  # not called before it is asked for
            answer = result()
        return [forkable, before, answer, calls == [os.getpid()]]
    finally:
        stop.set()
        thread.join()


def test_with_another_thread_running_the_call_runs_here_when_asked():
    assert in_fresh_process(with_a_thread_running) == [False, [], 1, True]


def while_a_thread_ends() -> list:
    """A thread Python does not know of (started by ``_thread``, as a joined one is no longer known), which the
    system counts until it ends, 30 ms later."""
    import _thread

    _thread.start_new_thread(time.sleep, (0.03,))
    time.sleep(0.005)  # started
    counted = len(os.listdir("/proc/self/task"))
    with forked(os.getpid, "tells its pid") as result:
        return [counted, threading.active_count(), result() != os.getpid()]


def test_a_thread_that_is_ending_does_not_keep_the_call_here():
    """A Python thread is counted by the system for a moment after its join has returned: a build that forked
    right after the thread that loaded its vocabulary store was joined ran its copy's call in place."""
    assert in_fresh_process(while_a_thread_ends) == [2, 1, True]


def after_a_store_on_disk(folder: str) -> list:
    import pyoxigraph

    forkable = can_fork()
    store = pyoxigraph.Store(folder)
    store.update("INSERT DATA { <http://a> <http://b> <http://c> }")
    del store
    with forked(os.getpid, "tells its pid") as result:
        here = result() == os.getpid()
    return [forkable, threading.active_count(), can_fork(), here]


def test_native_threads_count_and_so_the_call_runs_here(tmp_path):
    """RocksDB's threads outlive the store on disk that started them: a copy forked then waited for ever on a
    lock one of them held.  Python sees no thread of theirs."""
    assert in_fresh_process(after_a_store_on_disk, str(tmp_path / "store")) == [True, 1, False, True]


def test_without_fork_the_call_runs_here():
    with forked(os.getpid, "tells its pid", fork=False) as result:
        assert result() == os.getpid()
