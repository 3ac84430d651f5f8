"""kg.evaluate: agreement with the project's two scorers, and the properties of summed counts.

The scorers are the copies in ``tests/data/eval/judges/`` (see ORIGIN.md
there): score.py's outputs are stored fixtures, corpus_score.py is run here,
both in-process on generated documents and as the command it is on a folder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from itertools import combinations
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.cli import main
from kg.evaluate import (
    Confusion,
    Counts,
    Evaluation,
    FigureTally,
    Overlap,
    TurnTally,
    evaluate_folder,
    find_gold_pairs,
    format_documents,
    format_evaluation,
    format_report,
    leave_one_out,
    read_gold,
    score_document,
    worst_first,
)
from kg.text.inputs import InputError
from tests.conftest import ROOT
from tests.data.eval.make_fixtures import joined, perturb, shifted, wide

DATA = Path(__file__).parent / "data" / "eval"
JUDGES = DATA / "judges"
DEV = Path(__file__).parent / "data" / "dev"
TYPES = ("ORG", "PERSON", "POLICY", "FIGURE")


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def judge(name: str) -> ModuleType:
    """``score`` or ``corpus_score`` from the copies of the shared scripts, imported as they import each other."""
    sys.path.insert(0, str(JUDGES))
    try:
        spec = importlib.util.spec_from_file_location(name, JUDGES / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(JUDGES))
    return module


def score_py_view(report: dict[str, Any]) -> dict[str, Any]:
    """A report without the one key score.py does not print (corpus_score.py's value+unit)."""
    return {**report, "figures": {k: v for k, v in report["figures"].items() if k != "value_unit"}}


def assert_same_report(mine: Any, theirs: Any, where: str = "report") -> None:
    """Equal keys in equal order, equal ints, floats within 1e-9."""
    if isinstance(theirs, dict):
        assert list(mine) == list(theirs), where
        for key in theirs:
            assert_same_report(mine[key], theirs[key], f"{where}.{key}")
    else:
        assert type(mine) is type(theirs), where
        assert mine == pytest.approx(theirs, abs=1e-9, rel=0), where


# --- agreement with score.py (outputs stored by tests/data/eval/make_fixtures.py) -----------


@pytest.mark.parametrize(("pred", "expected"), [("pred-1.json", "score-1.json"), ("pred-2.json", "score-2.json")])
def test_equals_score_py_on_perturbed_predictions(pred: str, expected: str) -> None:
    assert_same_report(score_py_view(score_document(load("gold.json"), load(pred)).report()), load(expected))


def test_equals_score_py_on_an_empty_prediction() -> None:
    assert_same_report(score_py_view(score_document(load("gold.json"), {}).report()), load("score-empty.json"))


def test_sum_of_documents_equals_score_py_on_the_documents_joined() -> None:
    gold = load("gold.json")
    total = score_document(gold, load("pred-1.json")) + score_document(gold, load("pred-2.json"))
    assert_same_report(score_py_view(total.report()), load("score-sum.json"))


def test_fixture_predictions_are_imperfect_in_every_measure() -> None:
    """Agreement on a perfect prediction would prove little: every field must have errors."""
    report = score_document(load("gold.json"), load("pred-1.json")).report()
    for row in ("micro", "lenient", "linking"):
        assert 0 < report[row]["p"] < 1 or 0 < report[row]["r"] < 1
    for row in ("figures", "turns"):
        assert all(0 < value < 1 for key, value in report[row].items() if key != "gold")


def test_fixture_predictions_write_some_units_in_full_width() -> None:
    """So the agreement above covers score.py's NFKC: ``％`` is ``%``."""
    gold = {(f["start"], f["end"]): f["unit"] for f in load("gold.json")["figures"]}
    units = {(gold.get((f["start"], f["end"])), f["unit"]) for f in load("pred-1.json")["figures"]}
    assert ("%", "％") in units and ("%", "%") in units


# --- generated documents --------------------------------------------------------------------


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A gold-shaped document with non-overlapping mentions, figures and turns."""
    lengths = draw(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 6)), max_size=25))
    entities, position = [], 0
    people = [f"person:{i}" for i in range(3)]
    for i, (gap, length) in enumerate(lengths):
        start = position + gap
        position = start + length
        kind = draw(st.sampled_from(TYPES))
        concept = people[i % 3] if kind == "PERSON" else draw(st.sampled_from(["c1", "c2", "c3", f"own{i}"]))
        entities.append({"start": start, "end": position, "type": kind, "text": f"t{i}", "concept": concept})
    named = [e["concept"] for e in entities if e["type"] == "PERSON"]
    figures = [
        {
            "start": e["start"],
            "end": e["end"],
            "value": draw(st.floats(-1e12, 1e12)),
            "unit": draw(st.sampled_from(["%", "％", "個百分點", "km", None])),
            "indicator": draw(st.sampled_from(["規模以上工業增加值", "", None])),
            "period": draw(st.sampled_from(["一季度", None])),
            "speaker": draw(st.sampled_from([*named, None])),
        }
        for e in entities
        if e["type"] == "FIGURE"
    ]
    starts = sorted(draw(st.sets(st.integers(0, 500), max_size=8)))
    turns = [
        {
            "start": s,
            "end": s + 5,
            "speaker": "黃利斌",
            "roles": draw(st.lists(st.sampled_from(["局長", "新聞發言人"]))),
        }
        for s in starts
    ]
    return {"entities": entities, "figures": figures, "turns": turns}


@given(documents())
def test_a_document_scored_against_itself_is_perfect(doc: dict[str, Any]) -> None:
    report = score_document(doc, doc).report()
    if doc["entities"]:
        for name in {e["type"] for e in doc["entities"]} | {"micro", "lenient"}:
            assert report[name]["f1"] == 1.0
    concepts = [e["concept"] for e in doc["entities"]]
    if len(concepts) > len(set(concepts)):
        assert report["linking"]["f1"] == 1.0
    if doc["figures"]:
        assert all(report["figures"][key] == 1.0 for key in report["figures"] if key != "gold")
    # turns whose starts lie within 3 characters are matched to the first of them
    for key in ("found", "speaker", "end"):
        assert report["turns"][key] == (1.0 if doc["turns"] else 0.0)


counts = st.builds(
    Counts,
    types=st.dictionaries(st.sampled_from(TYPES), st.builds(Confusion, *[st.integers(0, 50)] * 3)),
    lenient=st.builds(Overlap, *[st.integers(0, 50)] * 4),
    linking=st.builds(Confusion, *[st.integers(0, 50)] * 3),
    figures=st.builds(FigureTally, *[st.integers(0, 50)] * 8),
    turns=st.builds(TurnTally, *[st.integers(0, 50)] * 5),
)


@given(counts, counts, counts)
def test_adding_counts_is_associative_and_commutative(a: Counts, b: Counts, c: Counts) -> None:
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert Counts() + a == a
    assert sum([a, b, c], Counts()) == a + b + c


@given(documents(), documents())
def test_counts_add_up_like_one_document_made_of_both(first: dict[str, Any], second: dict[str, Any]) -> None:
    a, b = shifted(first, 0, "a/"), shifted(second, 10_000, "b/")
    both = joined(a, b)
    assert score_document(both, both) == score_document(a, a) + score_document(b, b)
    empty: dict[str, list[Any]] = {"entities": [], "figures": [], "turns": []}
    assert score_document(both, empty) == score_document(a, empty) + score_document(b, empty)


concepts = st.sampled_from(["x", "y", "z", None])


@given(st.lists(st.tuples(concepts, concepts), max_size=30))
def test_linking_counts_every_pair_as_a_pairwise_comparison_would(pairs: list[tuple[Any, Any]]) -> None:
    gold = {"entities": [{"start": i, "end": i + 1, "type": "ORG", "concept": g} for i, (g, _) in enumerate(pairs)]}
    pred = {"entities": [{"start": i, "end": i + 1, "type": "ORG", "concept": p} for i, (_, p) in enumerate(pairs)]}
    expected = Confusion()
    for (g1, p1), (g2, p2) in combinations(pairs, 2):
        same_gold, same_pred = g1 == g2, p1 is not None and p1 == p2
        expected += Confusion(
            int(same_gold and same_pred), int(same_pred and not same_gold), int(same_gold and not same_pred)
        )
    assert score_document(gold, pred).linking == expected


spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 6), st.sampled_from(["ORG", "PERSON"])), max_size=15)


@given(spans, spans)
def test_lenient_counts_overlaps_as_a_pairwise_comparison_would(gold_spans: list, pred_spans: list) -> None:
    def mentions(found: list[tuple[int, int, str]]) -> dict[str, Any]:
        return {"entities": [{"start": s, "end": s + n, "type": t} for s, n, t in found]}

    def overlapped(these: set, those: set) -> int:
        return sum(any(a[0] < b[1] and b[0] < a[1] and a[2] == b[2] for b in those) for a in these)

    gold = {(s, s + n, t) for s, n, t in gold_spans}
    pred = {(s, s + n, t) for s, n, t in pred_spans}
    lenient = score_document(mentions(gold_spans), mentions(pred_spans)).lenient
    assert lenient == Overlap(len(gold), overlapped(gold, pred), len(pred), overlapped(pred, gold))


# --- agreement with corpus_score.py ---------------------------------------------------------


@st.composite
def predictions(draw: st.DrawFn, gold: dict[str, Any]) -> dict[str, Any]:
    """A prediction for ``gold`` with each error corpus_score.py counts, repeated spans and wide units included."""
    entities = []
    for entity in gold["entities"]:
        action = draw(st.sampled_from(["keep", "keep", "drop", "retype", "shorten", "twice"]))
        if action == "drop":
            continue
        e = {**entity, "concept": draw(st.sampled_from([entity["concept"], entity["concept"], "c1", None]))}
        if action == "retype":
            e["type"] = draw(st.sampled_from(TYPES))
        elif action == "shorten":
            e["end"] -= 1
        entities.append(e)
        if action == "twice":
            entities.append({**e, "concept": draw(st.sampled_from(["c2", None]))})
    figures = []
    for f in gold["figures"]:
        if draw(st.integers(0, 5)) == 0:
            continue
        value = draw(st.sampled_from([f["value"], str(f["value"]), f["value"] * 1.1 + 1, None]))
        unit = draw(st.sampled_from([f["unit"], wide(f["unit"] or ""), "个百分点", "%", None]))
        indicator = draw(st.sampled_from([f["indicator"], "规模以上工业增加值", "工業增加值", None]))
        figures.append({**f, "value": value, "unit": unit, "indicator": indicator})
        if draw(st.integers(0, 5)) == 0:
            figures.append({**figures[-1], "value": draw(st.sampled_from([f["value"], -1]))})
    turns = [
        {
            **t,
            "start": t["start"] + draw(st.integers(-5, 5)),
            "speaker": draw(st.sampled_from(["黃利斌", "黄利斌", "x"])),
        }
        for t in gold["turns"]
        if draw(st.integers(0, 5))
    ]
    return {"entities": entities, "figures": figures, "turns": turns}


def corpus_counts(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> dict[str, list[int]]:
    """corpus_score.py's counts of one document: ``[tp, fp, fn, gold items]`` by its keys, zeros left out."""
    counts: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    judge("corpus_score").counts(gold, pred, counts)
    return {key: [int(n) for n in value] for key, value in counts.items() if any(value)}


def as_corpus_counts(counts: Counts) -> dict[str, list[int]]:
    """:class:`Counts` in corpus_score.py's layout, to compare count by count."""
    micro, linking, figures, turns = counts.micro, counts.linking, counts.figures, counts.turns
    out = {name: [c.tp, c.fp, c.fn, 0] for name, c in counts.types.items()}
    out |= {
        "ALL": [micro.tp, micro.fp, micro.fn, 0],
        "LINK": [linking.tp, linking.fp, linking.fn, 0],
        "FIG": [0, 0, 0, figures.gold],
        "FIGV": [figures.value_unit, 0, 0, 0],
        "FIGI": [figures.indicator, 0, 0, 0],
        "TURN": [0, 0, 0, turns.gold],
        "TURNS": [turns.speaker, 0, 0, 0],
    }
    return {key: value for key, value in out.items() if any(value)}


@given(st.data())
def test_counts_are_corpus_score_counts(data: st.DataObject) -> None:
    gold = data.draw(documents())
    repeated = data.draw(st.lists(st.sampled_from(gold["entities"]), max_size=3)) if gold["entities"] else []
    gold["entities"] += [{**e, "concept": "again"} for e in repeated]  # a repeated gold span: the last one counts
    pred = data.draw(predictions(gold))
    assert as_corpus_counts(score_document(gold, pred)) == corpus_counts(gold, pred)


@given(st.one_of(st.none(), st.text(), st.sampled_from(["％", "個百分點", "ｋｍ", "㎡", "戶／百人", "①"])))
def test_strings_are_normalised_as_score_py_normalises_them(text: str | None) -> None:
    from kg.evaluate import _norm

    assert _norm(text) == judge("score").norm(text)


def test_value_and_unit_are_right_together_only() -> None:
    assert figure_hits(figure(unit="%"), figure(unit="％")).value_unit == 1
    assert figure_hits(figure(unit="戶/百人"), figure(unit="户／百人")).value_unit == 1
    wrong_unit = figure_hits(figure(unit="%"), figure(unit="个百分点"))
    wrong_value = figure_hits(figure(unit="%"), figure(value=2.45))
    assert (wrong_unit.value, wrong_unit.unit, wrong_unit.value_unit) == (1, 0, 0)
    assert (wrong_value.value, wrong_value.unit, wrong_value.value_unit) == (0, 1, 0)


def test_repeated_mentions_count_once_as_in_a_set() -> None:
    a, b = {"start": 0, "end": 2, "type": "ORG"}, {"start": 3, "end": 5, "type": "ORG"}
    counts = score_document({"entities": [a, a, b]}, {"entities": [a, a, a]})
    assert counts.types == {"ORG": Confusion(tp=1, fp=0, fn=1)}


def corpus_score(folder: Path, predictor: list[str]) -> str:
    """The output of the copy of corpus_score.py with ``--by-doc`` on ``folder`` (documents and gold together)."""
    done = subprocess.run(
        [sys.executable, JUDGES / "corpus_score.py", folder, folder, "--by-doc", "--", *predictor],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUTF8": "1"},
    )
    assert "docs_failed=0" in done.stdout, done.stderr
    return done.stdout


def parse_corpus_score(out: str) -> tuple[dict[str, str], list[str]]:
    """corpus_score.py's numbers as ``{"ROW key": "0.123"}``, and its documents in the order printed."""
    numbers, order = {}, []
    for line in out.splitlines():
        head, *cells = line.split()
        if head == "doc":
            numbers[f"doc {cells[1]}"] = cells[0]
            order.append(cells[1])
            continue
        if head.startswith("micro_f1="):
            head, *cells = ["micro", *line.replace("micro_f1=", "f1=").split()]
        for cell in cells:
            key, value = cell.split("=")
            if key != "docs_failed":
                numbers[f"{head} {key}"] = value
    return numbers, order


def parse_kg_eval(out: str) -> tuple[dict[str, str], list[str]]:
    """``kg eval --by-doc``'s numbers under corpus_score.py's names, and its documents in the order printed."""
    numbers, order, table = {}, [], ""
    for line in filter(str.strip, out.splitlines()):
        head, *cells = line.split()
        if head in ("type", "document"):
            table = head
        elif head.startswith("micro_f1="):
            numbers["micro line"] = line
        elif table == "document":
            if head != "total":
                numbers[f"doc {head}"] = cells[4]
                order.append(head)
        elif head in ("figures", "turns"):
            numbers[f"{head} gold"] = cells[0]
            numbers.update({f"{head} {key}": value for key, value in zip(cells[2::2], cells[3::2], strict=True)})
        elif head in ("lenient", "linking"):
            numbers.update({f"{head} {key}": value for key, value in zip(("p", "r", "f1"), cells, strict=True)})
        else:
            numbers.update(
                {f"{head} {key}": value for key, value in zip(("gold", "pred", "p", "r", "f1"), cells, strict=True)}
            )
    return numbers, order


def assert_same_numbers(ours: str, theirs: str) -> None:
    """Every number corpus_score.py prints is printed alike by kg eval; the documents come in the same order."""
    mine, my_order = parse_kg_eval(ours)
    their, their_order = parse_corpus_score(theirs)
    assert {key: mine.get(key) for key in their} == their
    assert my_order == their_order and len(their_order) == 4
    assert mine["micro line"] == theirs.splitlines()[-1]


def test_kg_eval_prints_corpus_score_numbers_on_saved_predictions(tmp_path: Path) -> None:
    saved = tmp_path / "pred"
    saved.mkdir()
    for seed, gold in enumerate(sorted(DEV.glob("*.gold.json")), 1):
        pred = perturb(json.loads(gold.read_text(encoding="utf-8")), seed)
        (saved / gold.name.replace(".gold.json", ".json")).write_text(json.dumps(pred), encoding="utf-8")
    show = "import pathlib, sys; print(pathlib.Path(sys.argv[1], pathlib.Path(sys.argv[2]).stem + '.json').read_text())"
    theirs = corpus_score(DEV, [sys.executable, "-c", show, str(saved)])
    evaluation = evaluate_folder(DEV, lambda doc_id, _: json.loads((saved / f"{doc_id}.json").read_text()))
    assert_same_numbers(format_evaluation(evaluation, by_doc=True), theirs)
    assert all(0 < counts.micro.prf()["f1"] < 1 for counts in evaluation.documents.values())


def test_kg_eval_prints_corpus_score_numbers_on_the_dev_documents(capsys: pytest.CaptureFixture[str]) -> None:
    theirs = corpus_score(DEV, [sys.executable, "-m", "kg.cli", "extract", "--format", "json"])
    assert main(["eval", str(DEV), "--by-doc"]) == 0
    assert_same_numbers(capsys.readouterr().out, theirs)


# --- single measures ------------------------------------------------------------------------


def figure(**fields: Any) -> dict[str, Any]:
    base = {"start": 0, "end": 5, "value": 24.5, "unit": "%", "indicator": None, "period": None, "speaker": None}
    return {**base, **fields}


def figure_hits(gold: dict[str, Any], pred: dict[str, Any], entities: list[dict[str, Any]] = ()) -> FigureTally:
    return score_document({"figures": [gold], "entities": list(entities)}, {"figures": [pred]}).figures


def test_figure_strings_are_compared_across_scripts() -> None:
    gold = figure(unit="個百分點", indicator="規模以上工業增加值", period="前兩個月")
    pred = figure(unit="个百分点", indicator="规模以上工业增加值", period="前两个月")
    assert figure_hits(gold, pred) == FigureTally(
        gold=1, found=1, value=1, unit=1, value_unit=1, indicator=1, period=1, speaker=1
    )


@pytest.mark.parametrize(
    ("indicator", "right"),
    [
        ("abcxy", True),
        ("abxyz", False),
        ("abcwxyz", False),
        ("", False),
        (None, False),
        ("abcde", True),
        ("edcba", True),
    ],
)
def test_an_indicator_is_right_from_a_character_f1_of_three_fifths(indicator: str | None, right: bool) -> None:
    assert figure_hits(figure(indicator="abcde"), figure(indicator=indicator)).indicator == right


@pytest.mark.parametrize(
    ("value", "right"), [(24.5, True), ("24.5", True), (24.500001, True), (24.6, False), (None, False), ("x", False)]
)
def test_a_value_is_right_within_a_relative_millionth(value: Any, right: bool) -> None:
    assert figure_hits(figure(), figure(value=value)).value == right


def test_a_figure_speaker_is_right_when_the_concepts_share_a_surface_name() -> None:
    gold_entities = [{"start": 9, "end": 12, "type": "PERSON", "text": "黃利斌", "concept": "person:huang"}]
    pred = {
        "figures": [figure(speaker="p7")],
        "entities": [{"start": 30, "end": 33, "type": "PERSON", "text": "黄利斌", "concept": "p7"}],
    }
    gold = {"figures": [figure(speaker="person:huang")], "entities": gold_entities}
    assert score_document(gold, pred).figures.speaker == 1
    pred["entities"][0]["text"] = "趙志國"
    assert score_document(gold, pred).figures.speaker == 0


@pytest.mark.parametrize(("shift", "found"), [(0, 1), (3, 1), (-3, 1), (4, 0), (-4, 0)])
def test_a_turn_is_found_within_three_characters_of_its_start(shift: int, found: int) -> None:
    gold = {"turns": [{"start": 100, "end": 200, "speaker": "黃利斌", "roles": ["新聞發言人", "局長"]}]}
    pred = {"turns": [{"start": 100 + shift, "end": 204, "speaker": "黄利斌", "roles": ["局长", "新闻发言人"]}]}
    assert score_document(gold, pred).turns == TurnTally(gold=1, found=found, speaker=found, roles=found, end=0)


def test_report_lists_types_sorted_then_the_summaries() -> None:
    gold = {"entities": [{"start": 0, "end": 2, "type": "SLOGAN"}, {"start": 3, "end": 5, "type": "ORG"}]}
    pred = {"entities": [{"start": 0, "end": 2, "type": "SLOGAN"}, {"start": 6, "end": 8, "type": "FIGURE"}]}
    report = score_document(gold, pred).report()
    assert list(report) == ["FIGURE", "ORG", "SLOGAN", "micro", "lenient", "linking", "figures", "turns"]
    assert report["micro"] == {"p": 0.5, "r": 0.5, "f1": 0.5, "gold": 2, "pred": 2}


def test_format_report_shows_each_type_and_summary() -> None:
    table = format_report(load("score-1.json"))
    lines = table.splitlines()
    assert lines[0].split() == ["type", "gold", "pred", "P", "R", "F1"]
    assert lines[1].split() == ["FIGURE", "64", "56", "0.964", "0.844", "0.900"]
    assert [line.split()[0] for line in lines[7:]] == ["micro", "lenient", "linking", "figures", "turns"]
    assert "indicator 0.844" in lines[-2]


def test_format_documents_has_a_row_per_document_worst_first_and_a_total() -> None:
    gold = load("gold.json")
    documents = {"one": score_document(gold, gold), "two": score_document(gold, {})}
    table = format_documents(documents)
    lines = table.splitlines()
    assert lines[0].split()[-1] == "without"
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:]}
    assert list(rows) == ["two", "one", "total"]
    assert rows["one"][:5] == ["244", "244", "1.000", "1.000", "1.000"]
    assert rows["two"][:3] == ["244", "0", "0.000"]
    assert rows["one"][-1] == "0.000" and rows["two"][-1] == "1.000"  # the folder's micro-F1 without it
    assert rows["total"][:5] == ["488", "244", "1.000", "0.500", "0.667"] and len(rows["total"]) == 9
    assert len(format_documents({"one": documents["one"]}).splitlines()[1].split()) == 10  # no one to leave out


@given(st.dictionaries(st.text("abc", min_size=1, max_size=3), counts, max_size=6))
def test_leaving_one_document_out_leaves_the_total_of_the_others(documents: dict[str, Counts]) -> None:
    total = sum(documents.values(), Counts())
    for doc_id, others in leave_one_out(documents).items():
        assert others + documents[doc_id] == total
    scores = [counts.micro.prf()["f1"] for _, counts in worst_first(documents)]
    assert scores == sorted(scores) and {d for d, _ in worst_first(documents)} == set(documents)


def test_format_evaluation_ends_with_corpus_score_s_last_line() -> None:
    gold = load("gold.json")
    evaluation = Evaluation({"a": score_document(gold, load("pred-1.json")), "b": score_document(gold, {})})
    short, long = format_evaluation(evaluation), format_evaluation(evaluation, by_doc=True)
    micro = evaluation.total.micro.prf()
    expected = f"micro_f1={micro['f1']:.3f} p={micro['p']:.3f} r={micro['r']:.3f}"
    assert short.splitlines()[-1] == long.splitlines()[-1] == expected
    assert "value+unit" in short and "document" not in short and "document" in long


# --- folders --------------------------------------------------------------------------------


def write_pair(folder: Path, name: str, text: str, gold: dict[str, Any] | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    if gold is not None:
        (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")


GOLD = {"entities": [{"start": 0, "end": 3, "type": "ORG", "text": "工信部", "concept": "org:miit"}]}


def test_find_gold_pairs_finds_documents_with_gold_recursively(tmp_path: Path) -> None:
    write_pair(tmp_path, "b", "工信部", GOLD)
    write_pair(tmp_path, "a", "工信部", GOLD)
    write_pair(tmp_path, "no-gold", "工信部", None)
    write_pair(tmp_path / "sub", "c", "工信部", GOLD)
    write_pair(tmp_path / ".hidden", "d", "工信部", GOLD)
    pairs = find_gold_pairs(tmp_path)
    assert [(d.relative_to(tmp_path).as_posix(), g.name) for d, g in pairs] == [
        ("a.txt", "a.gold.json"),
        ("b.txt", "b.gold.json"),
        ("sub/c.txt", "c.gold.json"),
    ]


def test_find_gold_pairs_says_when_there_is_nothing_to_evaluate(tmp_path: Path) -> None:
    write_pair(tmp_path, "a", "工信部", None)
    with pytest.raises(InputError, match=r"no NAME\.txt with a NAME\.gold\.json") as caught:
        find_gold_pairs(tmp_path)
    assert caught.value.path == tmp_path
    with pytest.raises(InputError, match="not a directory"):
        find_gold_pairs(tmp_path / "a.txt")


def test_read_gold_reports_bad_json_and_gold_of_another_text(tmp_path: Path) -> None:
    path = tmp_path / "a.gold.json"
    path.write_text('{"entities": [}', encoding="utf-8")
    with pytest.raises(InputError, match=r"not valid JSON: .* line 1 column 15"):
        read_gold(path)
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="not an object"):
        read_gold(path)
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    assert read_gold(path, "工信部發佈") == GOLD
    with pytest.raises(InputError, match="does not belong to this version"):
        read_gold(path, "財政部發佈")
    long = "財政部" * 5000  # what the offsets read is cut to one line, not the whole document quoted
    with pytest.raises(InputError, match=r"'工信部' at 0-3 reads '財政部' in the document: the gold does not belong"):
        read_gold(path, long)
    outside = [(0, 99999, "lies outside the document's 15,000 characters"), (3, 0, "ends before it starts")]
    for start, end, found in outside:
        path.write_text(json.dumps({"entities": [{"start": start, "end": end, "type": "ORG", "text": "工信部"}]}))
        with pytest.raises(InputError, match=f"'工信部' at {start}-{end} {found}: the gold") as raised:
            read_gold(path, long)
        assert len(str(raised.value)) - len(str(path)) < 150
    path.write_text(json.dumps({"entities": [{"start": 0, "end": 100, "type": "ORG", "text": "工信部"}]}))
    with pytest.raises(InputError, match=r"reads '(財政部){6}財政…部(財政部){6}財' in the document"):
        read_gold(path, long)


def test_evaluate_folder_scores_each_document_and_reports_the_unreadable(tmp_path: Path) -> None:
    write_pair(tmp_path, "good", "工信部發佈", GOLD)
    write_pair(tmp_path, "other", "工信部和財政部", GOLD)
    write_pair(tmp_path, "bad", "", GOLD)
    (tmp_path / "bad.txt").write_bytes(b"\xb9\xa4\xd0\xc5\xb2\xbf")  # GBK, not UTF-8
    seen = []

    def predict(doc_id: str, text: str) -> dict[str, Any]:
        seen.append((doc_id, text))
        return GOLD if doc_id == "good" else {}

    (tmp_path / "lost.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    evaluation = evaluate_folder(tmp_path, predict)
    assert seen == [("good", "工信部發佈"), ("other", "工信部和財政部")]
    assert [str(error.path.name) for error in evaluation.errors] == ["lost.gold.json", "bad.txt"]
    assert "no NAME.txt beside this gold file" in str(evaluation.errors[0])
    assert evaluation.documents["good"].report()["micro"]["f1"] == 1.0
    assert evaluation.total.micro == Confusion(tp=1, fp=0, fn=1)


@pytest.mark.parametrize(
    ("gold", "problem"),
    [
        ({"entities": {}}, "entities is not a list"),
        ({"entities": ["工信部"]}, "entities item 1 is not an object"),
        ({"entities": [GOLD["entities"][0], {"start": 0, "end": 3}]}, "entities item 2 has no str 'type'"),
        ({"figures": [{"start": "0", "end": 3}]}, "figures item 1 has no int 'start'"),
        ({"turns": [{"start": 0, "end": True}]}, "turns item 1 has no int 'end'"),
        ({"figures": [{"start": 0, "end": 3}, {"start": 0, "end": 3}]}, "figure at 0-3 is listed twice"),
    ],
)
def test_read_gold_refuses_what_the_scorers_would_fail_on_or_read_two_ways(
    tmp_path: Path, gold: dict[str, Any], problem: str
) -> None:
    path = tmp_path / "a.gold.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_gold(path, "工信部發佈")


def run_eval(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["eval", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_kg_eval_on_bad_input_says_what_is_wrong_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pair(tmp_path / "none", "a", "工信部", None)
    status, out, err = run_eval(capsys, str(tmp_path / "none"))
    assert status == 1 and out == "" and len(err.splitlines()) == 1 and "nothing to evaluate" in err
    write_pair(tmp_path / "bad", "a", "工信部", None)
    (tmp_path / "bad" / "a.gold.json").write_text('{"entities": [', encoding="utf-8")
    status, out, err = run_eval(capsys, str(tmp_path / "bad"))
    assert status == 1 and out == "" and len(err.splitlines()) == 1 and "a.gold.json: not valid JSON" in err
    write_pair(tmp_path / "bad", "b", "工信部", GOLD)
    status, out, err = run_eval(capsys, str(tmp_path / "bad"), "--by-doc")
    assert status == 1 and len(err.splitlines()) == 1 and out.splitlines()[-1] == "micro_f1=1.000 p=1.000 r=1.000"


def test_kg_eval_per_document_is_another_spelling_of_by_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_pair(tmp_path, "a", "工信部", GOLD)
    outputs = [run_eval(capsys, str(tmp_path), flag) for flag in ("--by-doc", "--per-document")]
    assert outputs[0] == outputs[1] and outputs[0][0] == 0 and "\ndocument " in outputs[0][1]
