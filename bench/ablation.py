"""Where the dev score comes from: each document's share (leave one out) and each component's (ablation).

The folder's micro-F1 is one number; a change that helps one document and
hurts another can leave it where it was.  This prints, for the documents
with gold under DIR (``tests/data/dev`` by default, the copy of
``../shared/corpus/dev``):

1. each document's scores (mention P/R/F1 and F1 per type, linking, figures,
   turns), worst first, then the folder's micro scores: the numbers of
   ``kg eval DIR --by-doc`` and of ``corpus_score.py``;
2. leave one document out: each document's own micro-F1 beside the folder's
   micro-F1 without it;
3. component ablation: for each component of
   :func:`kg.recognize.pipeline.default_pipeline` that comes before overlap
   resolution (the component named ``resolve``; resolution, compounds,
   linking and the event finder are structure and stay), by its declared
   name, every document's micro-F1 and the folder's with that component
   removed, and the change from the full pipeline.

Run: ``PYTHONPATH=. .venv/bin/python bench/ablation.py [DIR]``, a few seconds
for the four dev documents.  ``--markdown`` prints only tables 1 and 2, as
the README's "Measured" section shows them: paste its output there to
update it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from kg.evaluate import Counts, Evaluation, evaluate_folder, leave_one_out, worst_first
from kg.recognize.component import Component, declaration_of
from kg.recognize.contract import doc_to_json
from kg.recognize.pipeline import Pipeline, default_pipeline
from kg.text.inputs import InputError

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "dev"
#: The component that settles overlaps: what comes before it proposes candidates.
RESOLVE = "resolve"
#: The name of the run of the whole pipeline in :func:`ablate`'s result.
FULL = "(full pipeline)"
#: A cell for a measure a document gives no evidence on (no gold and no prediction of it).
NONE = "–"


def proposers(pipeline: Pipeline) -> list[Component]:
    """The components that propose candidates: those before the one named ``resolve``.

    Components from resolution on choose among the candidates, join, link
    and describe them; without them the output is no longer a recognizer's
    (overlapping mentions, no concepts), so dropping them measures nothing.
    """
    if RESOLVE not in pipeline.names:
        raise ValueError(f"the pipeline has no {RESOLVE!r} component: which components propose candidates is unknown")
    return pipeline.components[: pipeline.names.index(RESOLVE)]


def component_names(components: Sequence[Component]) -> list[str]:
    """Each component's declared name, which is also the ``source`` of the spans it proposes."""
    return [declaration_of(component).name for component in components]


def score(directory: Path, pipeline: Pipeline) -> Evaluation:
    """The documents with gold under ``directory`` scored as ``kg eval`` scores them, with ``pipeline``.

    Raises the first :class:`InputError`: a benchmark over part of the folder would mislead.
    """
    evaluation = evaluate_folder(directory, lambda doc_id, text: doc_to_json(pipeline(text, doc_id)))
    if evaluation.errors:
        raise evaluation.errors[0]
    return evaluation


def ablate(directory: Path, pipeline: Pipeline | None = None) -> dict[str, Evaluation]:
    """The folder scored by the whole pipeline (:data:`FULL`), then without each proposing component in turn."""
    pipeline = pipeline or default_pipeline()
    found = proposers(pipeline)
    runs = {FULL: score(directory, pipeline)}
    for name, dropped in zip(component_names(found), found, strict=True):
        runs[name] = score(directory, Pipeline([c for c in pipeline.components if c is not dropped]))
    return runs


# --- tables -----------------------------------------------------------------------------------


def _f1(counts: Counts) -> float:
    return counts.micro.prf()["f1"]


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(map(str, cells)) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], right_from: int = 1) -> str:
    """A Markdown table, columns from ``right_from`` on aligned right (they hold numbers)."""
    rule = ["---" if i < right_from else "---:" for i in range(len(header))]
    return "\n".join([_row(header), _row(rule), *map(_row, rows)])


def documents_table(documents: Mapping[str, Counts]) -> str:
    """One row per document, worst first, then the folder's micro scores: the numbers of ``kg eval --by-doc``.

    A measure a document has no gold and no prediction for shows as a dash,
    not as score.py's 0.000, so that a blank is not read as a failure.
    """
    total = sum(documents.values(), Counts())
    types = sorted(total.types)
    header = ["document", "gold", "P", "R", "F1", *types, "linking F1", "fig. value+unit", "fig. indicator"]
    header.append("turn speakers")
    rows = []
    for name, counts in [*worst_first(documents), (f"**micro, {len(documents)} documents**", total)]:
        report = counts.report()
        micro = report["micro"]
        cells: list[object] = [name, micro["gold"], *(f"{micro[key]:.3f}" for key in ("p", "r", "f1"))]
        cells += [f"{report[t]['f1']:.3f}" if t in counts.types else NONE for t in types]
        linked = counts.linking.gold or counts.linking.pred
        cells.append(f"{report['linking']['f1']:.3f}" if linked else NONE)
        figures = report["figures"]
        cells += [f"{figures[key]:.3f}" if counts.figures.gold else NONE for key in ("value_unit", "indicator")]
        cells.append(f"{counts.turns.speaker}/{counts.turns.gold}" if counts.turns.gold else NONE)
        rows.append(cells)
    return _table(header, rows)


def leave_one_out_table(documents: Mapping[str, Counts]) -> str:
    """Each document's own micro-F1 and the folder's without it; Δ > 0 means the document pulls the folder down."""
    total = _f1(sum(documents.values(), Counts()))
    others = leave_one_out(documents)
    rows = [
        [name, f"{_f1(counts):.3f}", f"{_f1(others[name]):.3f}", f"{_f1(others[name]) - total:+.3f}"]
        for name, counts in worst_first(documents)
    ]
    return _table(["left out", "its micro-F1", "micro-F1 of the others", f"Δ from all ({total:.3f})"], rows)


def ablation_table(runs: Mapping[str, Evaluation]) -> str:
    """Per removed component, each document's micro-F1, the folder's, and their change from the full pipeline."""
    full = runs[FULL]
    names = [name for name, _ in worst_first(full.documents)]
    header = ["without", *names, "micro-F1", "Δ micro-F1", "turn speakers"]
    rows = []
    for component, evaluation in runs.items():
        cells: list[object] = [component]
        for name in names:
            f1 = _f1(evaluation.documents[name])
            cells.append(f"{f1:.3f} ({f1 - _f1(full.documents[name]):+.3f})")
        micro = _f1(evaluation.total)
        turns = evaluation.total.turns
        cells += [f"{micro:.3f}", f"{micro - _f1(full.total):+.3f}", f"{turns.speaker}/{turns.gold}"]
        rows.append(cells)
    return _table(header, rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEV, help="documents with NAME.gold.json beside them")
    parser.add_argument("--markdown", action="store_true", help="only the README tables: documents, leave-one-out")
    args = parser.parse_args(argv)
    began = time.process_time()
    try:
        if args.markdown:
            documents = score(args.folder, default_pipeline()).documents
        else:
            runs = ablate(args.folder)
            documents = runs[FULL].documents
    except (InputError, ValueError) as error:
        print(f"ablation: error: {error}", file=sys.stderr)
        return 1
    parts = [documents_table(documents), leave_one_out_table(documents)]
    if not args.markdown:
        parts.append(ablation_table(runs))
        parts.append(f"({len(runs)} runs over {len(documents)} documents in {time.process_time() - began:.1f} s CPU)")
    print("\n\n".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
