"""What a command keeps until its process exits: held where the process frees nothing at exit, freed elsewhere."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import weakref

from kg.collector import keep_until_exit

_KEEPS = textwrap.dedent(
    """
    import gc, weakref
    from kg.collector import exit_without_freeing, keep_until_exit

    class Thing:
        pass

    def made_and_kept():
        thing = Thing()
        keep_until_exit(thing)
        return weakref.ref(thing)

    exit_without_freeing()
    kept = made_and_kept()
    gc.collect()
    print(kept() is not None, gc.get_freeze_count() > 0)
    """
)


class Thing:
    pass


def made_and_kept() -> weakref.ref[Thing]:
    thing = Thing()
    keep_until_exit(thing)
    return weakref.ref(thing)


def test_a_process_that_exits_without_freeing_holds_what_is_kept_out_of_the_collectors_way() -> None:
    done = subprocess.run([sys.executable, "-c", _KEEPS], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]


def test_elsewhere_what_is_kept_is_freed_as_it_would_be() -> None:
    assert made_and_kept()() is None
