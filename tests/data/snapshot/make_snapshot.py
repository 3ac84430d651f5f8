"""Record what kg produces today, so that a refactoring can be checked to change nothing.

Writes, beside this file: the sorted N-Quads of ``kg build examples`` (its
``graph.trig``), the glossary of that build in every registered export format, and the
``kg extract --format json`` output of every dev document.  Files are gzipped
to keep the repository small.  ``tests/test_snapshot.py`` compares a fresh run
with them.  A change to the recognizer or the graph that is meant (a better
rule, a new statement) regenerates them in the same commit:

    .venv/bin/python tests/data/snapshot/make_snapshot.py
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
DEV = ROOT / "tests" / "data" / "dev"


def outputs(workdir: Path) -> dict[str, str]:
    """File name → content of everything recorded, computed afresh in ``workdir``."""
    import contextlib
    import io

    from kg.cli import main
    from kg.export.formats import FORMATS
    from kg.rdf.nquads import sorted_nquads

    def run(*argv: str) -> str:
        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            status = main(list(argv))
        if status != 0:
            raise SystemExit(f"kg {' '.join(argv)} exited with {status}")
        return captured.getvalue()

    out = workdir / "out"
    run("build", str(ROOT / "examples"), "-o", str(out), "--no-cache")
    recorded = {"examples.nq": "\n".join(sorted_nquads(out / "graph.trig")) + "\n"}
    for export in FORMATS.values():
        target = workdir / export.file_name()
        run("glossary", str(out), "--format", export.name, "-o", str(target))
        recorded[target.name] = target.read_text(encoding="utf-8")
    for text in sorted(DEV.glob("*.txt")):
        recorded[f"extract-{text.stem}.json"] = run("extract", str(text), "--format", "json")
    return recorded


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        for name, content in outputs(Path(workdir)).items():
            (HERE / f"{name}.gz").write_bytes(gzip.compress(content.encode("utf-8"), mtime=0))
    print(f"snapshot written to {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()
