"""bench/ablation.py: leave-one-out and component ablation, on an excerpt of the dev transcript (fast)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.ablation import (
    FULL,
    NONE,
    ablate,
    ablation_table,
    component_names,
    documents_table,
    leave_one_out_table,
    main,
    proposers,
)
from kg.evaluate import Counts, evaluate_folder
from kg.link.linker import Linker
from kg.recognize.contract import doc_to_json
from kg.recognize.pipeline import default_pipeline, extract
from kg.recognize.resolve import OrganizationCompounds, resolve_overlaps
from tests.conftest import DEV

#: The transcript up to the end of its third turn: an introduction, a speech with figures, a question.
EXCERPT = 1998


def cells(table: str) -> list[list[str]]:
    """The body rows of a Markdown table, cell by cell."""
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One short document with its gold: the items of the transcript's gold that lie in the excerpt."""
    text = DEV.with_suffix(".txt").read_text(encoding="utf-8")[:EXCERPT]
    gold = json.loads(DEV.with_suffix(".gold.json").read_text(encoding="utf-8"))
    inside: dict[str, Any] = {kind: [x for x in gold[kind] if x["end"] <= EXCERPT] for kind in gold if kind != "doc"}
    assert len(inside["turns"]) == 3 and inside["figures"]
    path = tmp_path_factory.mktemp("excerpt")
    (path / "miit.txt").write_text(text, encoding="utf-8")
    (path / "miit.gold.json").write_text(json.dumps(inside, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def runs(folder: Path) -> dict:
    return ablate(folder)


def test_proposers_are_the_components_before_resolution() -> None:
    pipeline = default_pipeline()
    found = proposers(pipeline)
    assert found == pipeline.components[: len(found)] and pipeline.components[len(found)] is resolve_overlaps
    structural = pipeline.components[len(found) :]
    assert any(isinstance(c, Linker) for c in structural) and any(
        isinstance(c, OrganizationCompounds) for c in structural
    )
    names = component_names(found)
    assert len(set(names)) == len(names) and {"thesaurus", "org-head", "figure", "turns"} <= set(names)


def test_without_resolution_the_proposers_are_unknown() -> None:
    pipeline = default_pipeline()
    pipeline.components.remove(resolve_overlaps)
    with pytest.raises(ValueError, match="no 'resolve' component"):
        proposers(pipeline)


def test_the_full_run_is_what_kg_eval_scores(folder: Path, runs: dict) -> None:
    assert list(runs) == [FULL, *component_names(proposers(default_pipeline()))]
    assert runs[FULL].documents == evaluate_folder(folder, lambda i, t: doc_to_json(extract(t, i))).documents


def test_dropping_a_component_removes_what_it_proposes(runs: dict) -> None:
    full, no_figures, no_turns = runs[FULL].total, runs["figure"].total, runs["turns"].total
    assert full.types["FIGURE"].tp > 0 and full.turns.speaker == 3
    assert "FIGURE" not in no_figures.types or no_figures.types["FIGURE"].pred == 0
    assert no_figures.figures.found == 0 and no_figures.micro.tp < full.micro.tp
    assert no_turns.turns.found == 0 and no_turns.types == full.types


def test_ablation_table_shows_each_run_and_its_change(runs: dict) -> None:
    rows = cells(ablation_table(runs))
    assert [row[0] for row in rows] == list(runs)
    full_f1 = runs[FULL].total.micro.prf()["f1"]
    assert rows[0][1:4] == [f"{full_f1:.3f} (+0.000)", f"{full_f1:.3f}", "+0.000"] and rows[0][4] == "3/3"
    figures = rows[list(runs).index("figure")]
    f1 = runs["figure"].total.micro.prf()["f1"]
    assert figures[2:4] == [f"{f1:.3f}", f"{f1 - full_f1:+.3f}"] and f1 < full_f1


def test_documents_and_leave_one_out_tables(runs: dict) -> None:
    one = runs[FULL].documents["miit"]
    documents = {"a": one, "b": runs["figure"].documents["miit"]}
    rows = cells(documents_table(documents))
    assert [row[0] for row in rows] == ["b", "a", "**micro, 2 documents**"]
    header = [cell.strip() for cell in documents_table(documents).splitlines()[0].strip("|").split("|")]
    assert rows[0][header.index("FIGURE")] == "0.000" and rows[1][header.index("turn speakers")] == "3/3"
    assert rows[2][1] == str(2 * one.micro.gold)
    left = cells(leave_one_out_table(documents))
    f1 = {name: counts.micro.prf()["f1"] for name, counts in documents.items()}
    assert left[0][:3] == ["b", f"{f1['b']:.3f}", f"{f1['a']:.3f}"] and left[1][2] == f"{f1['b']:.3f}"
    assert left[0][3].startswith("+") and left[1][3].startswith("-")


def test_a_measure_without_evidence_is_a_dash(runs: dict) -> None:
    rows = cells(documents_table({"empty": Counts(), "miit": runs[FULL].documents["miit"]}))
    assert rows[0][0] == "empty" and rows[0][-4:] == [NONE] * 4 and NONE not in rows[1]


def test_main_prints_the_readme_tables_or_says_what_is_wrong(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(folder), "--markdown"]) == 0
    out = capsys.readouterr().out
    assert out.count("| --- |") == 2 and "Δ micro-F1" not in out
    assert main([str(tmp_path)]) == 1
    assert "nothing to evaluate" in capsys.readouterr().err
