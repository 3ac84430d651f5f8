"""What kg produces is what it produced when the snapshot was recorded.

The snapshot (``tests/data/snapshot``) holds the graph of ``kg build
examples`` as sorted N-Quads, its glossary in every format and the extraction
of every dev document.  A refactoring must leave all of them unchanged; a
change meant to alter them regenerates the snapshot in the same commit
(``tests/data/snapshot/make_snapshot.py``), so the diff shows what changed.
"""

from __future__ import annotations

import difflib
import gzip
import importlib.util
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).parent / "data" / "snapshot"


def _recorder():
    spec = importlib.util.spec_from_file_location("make_snapshot", SNAPSHOT / "make_snapshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, str]:
    return _recorder().outputs(tmp_path_factory.mktemp("snapshot"))


def recorded() -> list[Path]:
    return sorted(SNAPSHOT.glob("*.gz"))


def test_the_snapshot_covers_the_graph_every_glossary_format_and_every_dev_document():
    from kg.export.formats import FORMATS

    names = {path.name.removesuffix(".gz") for path in recorded()}
    dev = {f"extract-{text.stem}.json" for text in (SNAPSHOT.parent / "dev").glob("*.txt")}
    assert names == {"examples.nq", *(fmt.file_name() for fmt in FORMATS.values()), *dev}


@pytest.mark.parametrize("path", recorded(), ids=lambda path: path.name)
def test_output_is_unchanged(fresh, path):
    expected = gzip.decompress(path.read_bytes()).decode("utf-8")
    actual = fresh[path.name.removesuffix(".gz")]
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "recorded", "now", lineterm="", n=0)
        pytest.fail(f"{path.name} changed:\n" + "\n".join(list(diff)[:40]))
