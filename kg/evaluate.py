"""Scoring recognizer output against gold annotations: the engine of ``kg eval``.

The project is judged by two shared scorers, kept verbatim in
``tests/data/eval/judges/``: ``score.py`` (one document) and
``corpus_score.py`` (a folder, micro-averaged).
The measures here give the numbers of both (copies of the two scripts in
``tests/data/eval/judges/`` are run by the tests against this module), but
they are kept as *counts* (:class:`Counts`) rather than ratios, so the
counts of the documents in a folder add up to counts over the folder, and
every ratio over the folder is micro-averaged: a long transcript weighs more
than a two-line notice, as it would if the folder were one document.

What is counted, per ``docs/annotation.md``:

* mentions: exact ``(start, end, type)`` matches, per type and in total
  (duplicates in a list count once, the last one's fields win);
* lenient: a mention is found if one of the same type overlaps it;
* linking: over pairs of exactly matched mentions, whether the prediction
  groups them under one concept exactly when the gold does (concept ids are
  never compared across the two files);
* figures: for each gold figure whose span is predicted, which fields agree,
  and whether value and unit both do (corpus_score.py's ``value+unit``);
* turns: for each gold turn, whether a predicted turn starts within 3
  characters of it, and which of its fields agree.

Strings are compared after NFKC then OpenCC's Traditional→Simplified
conversion (score.py's ``norm``), so neither width (``％``/``%``) nor script
counts as an error.
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import accumulate
from pathlib import Path
from typing import Any, Self

from kg.text.inputs import InputError, read_text, text_files, unique_ids
from kg.text.script import to_simplified

#: How far (in characters) a predicted turn's start or end may be from the gold.
TURN_TOLERANCE = 3
#: An indicator is right when the character-multiset F1 with the gold is at
#: least this, as a fraction (numerator, denominator) so the test is exact.
INDICATOR_MIN_F1 = (3, 5)
#: The relative tolerance of a figure's value (absolute below 1).
VALUE_TOLERANCE = 1e-6

_SUMMARY_ROWS = ("micro", "lenient", "linking", "figures", "turns")
#: How a field is labelled in printed tables when its name is not what the scorers print.
_LABELS = {"value_unit": "value+unit"}

Annotation = Mapping[str, Any]


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _prf(precision: float, recall: float) -> dict[str, float]:
    return {"p": precision, "r": recall, "f1": _f1(precision, recall)}


@dataclass(frozen=True, slots=True)
class Confusion:
    """True positives, false positives and false negatives of one decision."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp

    def prf(self) -> dict[str, float]:
        return _prf(_ratio(self.tp, self.pred), _ratio(self.tp, self.gold))


@dataclass(frozen=True, slots=True)
class Overlap:
    """Lenient matching: gold mentions overlapped by a prediction, and vice versa.

    Unlike exact matching, one prediction can cover two gold mentions, so
    both directions are counted rather than one true-positive count.
    """

    gold: int = 0
    gold_found: int = 0
    pred: int = 0
    pred_right: int = 0

    def __add__(self, other: Overlap) -> Overlap:
        return Overlap(
            self.gold + other.gold,
            self.gold_found + other.gold_found,
            self.pred + other.pred,
            self.pred_right + other.pred_right,
        )

    def prf(self) -> dict[str, float]:
        return _prf(_ratio(self.pred_right, self.pred), _ratio(self.gold_found, self.gold))


@dataclass(frozen=True, slots=True)
class _Tally:
    """How many gold items there are and, per field, how many were got right."""

    gold: int = 0

    def __add__(self, other: Self) -> Self:
        return type(self)(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    def accuracy(self) -> dict[str, float | int]:
        """Each field's share of the gold items, then ``gold`` (score.py's layout)."""
        out: dict[str, float | int] = {
            f.name: _ratio(getattr(self, f.name), self.gold) for f in fields(self) if f.name != "gold"
        }
        out["gold"] = self.gold
        return out


@dataclass(frozen=True, slots=True)
class FigureTally(_Tally):
    found: int = 0
    value: int = 0
    unit: int = 0
    #: value and unit both right: the one figure measure corpus_score.py prints besides the indicator
    value_unit: int = 0
    indicator: int = 0
    period: int = 0
    speaker: int = 0


@dataclass(frozen=True, slots=True)
class TurnTally(_Tally):
    found: int = 0
    speaker: int = 0
    roles: int = 0
    end: int = 0


@dataclass(frozen=True)
class Counts:
    """Everything the measures are computed from, for one document or a sum of them.

    ``Counts()`` is the zero, so ``sum(counts, Counts())`` totals a folder.
    """

    types: Mapping[str, Confusion] = field(default_factory=dict)
    lenient: Overlap = Overlap()
    linking: Confusion = Confusion()
    figures: FigureTally = FigureTally()
    turns: TurnTally = TurnTally()

    def __add__(self, other: Counts) -> Counts:
        types = dict(self.types)
        for name, confusion in other.types.items():
            types[name] = types.get(name, Confusion()) + confusion
        return Counts(
            types,
            self.lenient + other.lenient,
            self.linking + other.linking,
            self.figures + other.figures,
            self.turns + other.turns,
        )

    @property
    def micro(self) -> Confusion:
        return sum(self.types.values(), Confusion())

    def report(self) -> dict[str, dict[str, float | int]]:
        """The measures, keyed and laid out as ``score.py --json`` prints them.

        ``figures`` has one key more, ``value_unit``: corpus_score.py's
        ``value+unit``, which score.py does not print.
        """
        out: dict[str, dict[str, float | int]] = {}
        for name, confusion in sorted(self.types.items()):
            out[name] = {**confusion.prf(), "gold": confusion.gold, "pred": confusion.pred}
        micro = self.micro
        out["micro"] = {**micro.prf(), "gold": micro.gold, "pred": micro.pred}
        out["lenient"] = self.lenient.prf()
        out["linking"] = self.linking.prf()
        out["figures"] = self.figures.accuracy()
        out["turns"] = self.turns.accuracy()
        return out


# --- scoring one document -------------------------------------------------------------------


def _norm(value: Any) -> Any:
    """A field as compared (score.py's ``norm``): missing and empty are alike, strings NFKC then Simplified.

    NFKC first, as score.py does: ``％`` and ``%`` are one unit, and
    full-width letters and digits are their ASCII forms before conversion.
    """
    if not value:
        return ""
    return to_simplified(unicodedata.normalize("NFKC", value)) if isinstance(value, str) else value


def _index(items: Iterable[Annotation] | None, *keys: str) -> dict[tuple[Any, ...], Annotation]:
    """Items by the values of ``keys``; a repeated key keeps the last item."""
    return {tuple(item[key] for key in keys): item for item in items or ()}


def score_document(gold: Annotation, pred: Annotation) -> Counts:
    """Count how well ``pred`` matches ``gold`` (both in the ``docs/annotation.md`` JSON shape)."""
    gold_mentions = _index(gold.get("entities"), "start", "end", "type")
    pred_mentions = _index(pred.get("entities"), "start", "end", "type")
    return Counts(
        types=_type_confusions(gold_mentions.keys(), pred_mentions.keys()),
        lenient=_overlap(gold_mentions.keys(), pred_mentions.keys()),
        linking=_linking(gold_mentions, pred_mentions),
        figures=_figures(gold, pred),
        turns=_turns(gold.get("turns") or (), pred.get("turns") or ()),
    )


def _type_confusions(gold: Iterable[tuple[Any, ...]], pred: Iterable[tuple[Any, ...]]) -> dict[str, Confusion]:
    gold_keys, pred_keys = set(gold), set(pred)
    out = {}
    for name in {key[2] for key in gold_keys | pred_keys}:
        gold_of = {key for key in gold_keys if key[2] == name}
        pred_of = {key for key in pred_keys if key[2] == name}
        out[name] = Confusion(len(gold_of & pred_of), len(pred_of - gold_of), len(gold_of - pred_of))
    return out


def _overlap(gold: Iterable[tuple[Any, ...]], pred: Iterable[tuple[Any, ...]]) -> Overlap:
    gold_keys, pred_keys = list(gold), list(pred)
    return Overlap(
        gold=len(gold_keys),
        gold_found=_count_overlapped(gold_keys, pred_keys),
        pred=len(pred_keys),
        pred_right=_count_overlapped(pred_keys, gold_keys),
    )


def _count_overlapped(spans: list[tuple[Any, ...]], others: list[tuple[Any, ...]]) -> int:
    """How many ``spans`` share a character and the type with one of ``others``.

    ``others`` of a type are sorted by start; those starting before a span's
    end overlap it exactly when the furthest end among them passes its start.
    """
    by_type: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end, name in others:
        by_type[name].append((start, end))
    reach: dict[str, tuple[list[int], list[int]]] = {}
    for name, found in by_type.items():
        found.sort()
        reach[name] = ([start for start, _ in found], list(accumulate((end for _, end in found), max)))
    count = 0
    for start, end, name in spans:
        if name in reach:
            starts, furthest = reach[name]
            before = bisect_left(starts, end)
            count += before > 0 and furthest[before - 1] > start
    return count


def _pairs(groups: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in groups.values())


def _linking(gold: dict[tuple[Any, ...], Annotation], pred: dict[tuple[Any, ...], Annotation]) -> Confusion:
    """Pairwise linking over exactly matched mentions, counted by group sizes.

    A pair is linked in the gold when both concepts are equal (two missing
    concepts included); in the prediction only when both are present and
    equal, so an unlinked prediction never earns a pair.
    """
    matched = gold.keys() & pred.keys()
    gold_concepts = [gold[key].get("concept") for key in matched]
    pred_concepts = [pred[key].get("concept") for key in matched]
    gold_pairs = _pairs(Counter(gold_concepts))
    pred_pairs = _pairs(Counter(c for c in pred_concepts if c is not None))
    both = _pairs(Counter((g, p) for g, p in zip(gold_concepts, pred_concepts, strict=True) if p is not None))
    return Confusion(both, pred_pairs - both, gold_pairs - both)


def _surface_names(entities: Iterable[Annotation] | None) -> dict[Any, set[Any]]:
    """The normalised texts of each concept's mentions, to compare speakers across files."""
    names: dict[Any, set[Any]] = defaultdict(set)
    for entity in entities or ():
        if entity.get("concept"):
            names[entity["concept"]].add(_norm(entity.get("text")))
    return names


def _same_value(gold: Any, pred: Any) -> bool:
    try:
        expected, got = float(gold), float(pred)
    except (TypeError, ValueError):
        return False
    return abs(got - expected) <= VALUE_TOLERANCE * max(1.0, abs(expected))


def _same_indicator(gold: Any, pred: Any) -> bool:
    """Equal, or for two non-empty strings a character-multiset F1 of at least 0.6.

    A paraphrased indicator (规模以上工业增加值 / 工业增加值) is still right.
    """
    gold, pred = _norm(gold), _norm(pred)
    if not (gold and pred and isinstance(gold, str) and isinstance(pred, str)):
        return gold == pred
    common = sum((Counter(gold) & Counter(pred)).values())
    numerator, denominator = INDICATOR_MIN_F1
    return 2 * common * denominator >= numerator * (len(gold) + len(pred))


def _figures(gold: Annotation, pred: Annotation) -> FigureTally:
    gold_figures = _index(gold.get("figures"), "start", "end")
    pred_figures = _index(pred.get("figures"), "start", "end")
    gold_names = _surface_names(gold.get("entities"))
    pred_names = _surface_names(pred.get("entities"))
    hits: Counter[str] = Counter()
    for key, expected in gold_figures.items():
        got = pred_figures.get(key)
        if got is None:
            continue
        hits["found"] += 1
        value = _same_value(expected.get("value"), got.get("value"))
        unit = _norm(expected.get("unit")) == _norm(got.get("unit"))
        hits["value"] += value
        hits["unit"] += unit
        hits["value_unit"] += value and unit
        hits["indicator"] += _same_indicator(expected.get("indicator"), got.get("indicator"))
        hits["period"] += _norm(expected.get("period")) == _norm(got.get("period"))
        gold_speaker, pred_speaker = expected.get("speaker"), got.get("speaker")
        hits["speaker"] += (not gold_speaker and not pred_speaker) or bool(
            gold_names.get(gold_speaker, set()) & pred_names.get(pred_speaker, set())
        )
    return FigureTally(gold=len(gold_figures), **hits)


def _near(a: Any, b: Any) -> bool:
    return isinstance(a, int | float) and isinstance(b, int | float) and abs(a - b) <= TURN_TOLERANCE


def _roles(turn: Annotation) -> Counter[Any]:
    """A turn's roles as a multiset: their order in the heading is not scored."""
    return Counter(map(_norm, turn.get("roles") or ()))


def _turns(gold: Iterable[Annotation], pred: Iterable[Annotation]) -> TurnTally:
    """Each gold turn is compared with the first predicted turn starting near it.

    Matching is not one-to-one: a predicted turn may serve two gold turns
    that start within a few characters of each other.
    """
    pred = list(pred)
    gold_count = 0
    hits: Counter[str] = Counter()
    for expected in gold:
        gold_count += 1
        got = next((turn for turn in pred if _near(turn.get("start"), expected["start"])), None)
        if got is None:
            continue
        hits["found"] += 1
        hits["speaker"] += _norm(expected.get("speaker")) == _norm(got.get("speaker"))
        hits["roles"] += _roles(expected) == _roles(got)
        hits["end"] += _near(got.get("end"), expected["end"])
    return TurnTally(gold=gold_count, **hits)


# --- folders ----------------------------------------------------------------------------------


def find_gold_pairs(directory: str | Path) -> list[tuple[Path, Path]]:
    """``(document, gold)`` for each ``NAME.txt`` under ``directory`` with ``NAME.gold.json`` beside it.

    Documents are found as :func:`kg.text.inputs.text_files` finds them
    (recursively, hidden directories skipped, sorted); a document without
    gold is skipped, since there is nothing to score it against.  Raises
    :class:`InputError` when ``directory`` is not one or holds no pair.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise InputError(folder, "not a directory (kg eval takes a folder of NAME.txt with NAME.gold.json)")
    pairs = []
    for document in text_files(folder):
        gold = document.with_suffix(".gold.json")
        if gold.is_file():
            pairs.append((document, gold))
    if not pairs:
        raise InputError(folder, "no NAME.txt with a NAME.gold.json beside it, so nothing to evaluate")
    return pairs


#: The fields the scorers index each kind of gold item by: without them they fail, so the gold is refused.
_KEYS = {"entities": ("start", "end", "type"), "figures": ("start", "end"), "turns": ("start", "end")}


def _check_shape(path: str | Path, gold: dict[str, Any]) -> None:
    """Refuse a gold file the scorers would fail on or read two ways, naming its first bad item.

    A figure span listed twice is counted once by score.py and twice by
    corpus_score.py, so such a gold has no single score.
    """
    for kind, keys in _KEYS.items():
        items = gold.get(kind)
        if items is None:
            continue
        if not isinstance(items, list):
            raise InputError(path, f"{kind} is not a list")
        for number, item in enumerate(items, 1):
            if not isinstance(item, dict):
                raise InputError(path, f"{kind} item {number} is not an object")
            for key in keys:
                wanted = str if key == "type" else int
                if not isinstance(item.get(key), wanted) or isinstance(item.get(key), bool):
                    raise InputError(path, f"{kind} item {number} has no {wanted.__name__} {key!r}")
    spans = Counter((f["start"], f["end"]) for f in gold.get("figures") or ())
    twice = next((span for span, n in spans.items() if n > 1), None)
    if twice:
        raise InputError(path, f"the figure at {twice[0]}-{twice[1]} is listed twice: the scorers disagree on it")


def read_gold(path: str | Path, text: str | None = None) -> dict[str, Any]:
    """A gold file's annotations, checked to have the shape the scorers index; with ``text``, checked to be *of* it.

    A gold file edited for another version of its document would otherwise
    be scored silently against shifted offsets; its first mention whose
    ``text`` differs from the document at its offsets is reported instead.
    """
    try:
        gold = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    if not isinstance(gold, dict):
        raise InputError(path, "not a gold file: the JSON is not an object with entities/figures/turns")
    _check_shape(path, gold)
    if text is not None:
        for kind in ("entities", "figures"):
            for item in gold.get(kind) or ():
                start, end, written = item.get("start"), item.get("end"), item.get("text")
                if written is None or text[start:end] == written:
                    continue
                if end < start:
                    found = "ends before it starts"
                elif start >= 0 and end <= len(text):
                    found = f"reads {_excerpt(text[start:end])!r} in the document"
                else:
                    found = f"lies outside the document's {len(text):,} characters"
                raise InputError(
                    path,
                    f"{kind} {_excerpt(written)!r} at {start}-{end} {found}: "
                    "the gold does not belong to this version of the text",
                )
    return gold


def _excerpt(text: str, size: int = 40) -> str:
    """``text``, its middle cut out if it is longer than ``size`` characters: an error is one readable line."""
    return text if len(text) <= size else f"{text[: size // 2]}…{text[-size // 2 :]}"


@dataclass
class Evaluation:
    """The counts of each document of a folder, and the documents that could not be scored."""

    documents: dict[str, Counts] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)

    @property
    def total(self) -> Counts:
        return sum(self.documents.values(), Counts())


def leave_one_out(documents: Mapping[str, Counts]) -> dict[str, Counts]:
    """For each document, the counts of all the *others*: the folder's score had it been left out.

    Set beside the document's own score, this shows a change that helps one
    document and hurts another, which the folder's total can hide.
    """
    return {
        doc_id: sum((counts for other, counts in documents.items() if other != doc_id), Counts())
        for doc_id in documents
    }


def worst_first(documents: Mapping[str, Counts]) -> list[tuple[str, Counts]]:
    """The documents by mention micro-F1, lowest first, ties by id: corpus_score.py's ``--by-doc`` order."""
    return sorted(documents.items(), key=lambda item: (item[1].micro.prf()["f1"], item[0]))


def evaluate_folder(directory: str | Path, predict: Callable[[str, str], Annotation]) -> Evaluation:
    """Score ``predict(doc_id, text)`` against each gold document under ``directory``.

    A document or gold file that cannot be read is recorded in ``errors``
    and the others are still scored; the caller decides whether a partial
    total is worth printing.  So is a gold file without its ``NAME.txt``:
    corpus_score.py counts it as a failed document, and it should not pass
    unnoticed.
    """
    pairs = find_gold_pairs(directory)
    evaluation = Evaluation()
    paired = {gold for _, gold in pairs}
    for gold_path in text_files(Path(directory), (".gold.json",)):
        if gold_path not in paired:
            evaluation.errors.append(InputError(gold_path, "no NAME.txt beside this gold file, so it was not scored"))
    for doc_id, (document, gold_path) in zip(unique_ids([d for d, _ in pairs]), pairs, strict=True):
        try:
            text = read_text(document)
            gold = read_gold(gold_path, text)
        except InputError as error:
            evaluation.errors.append(error)
            continue
        evaluation.documents[doc_id] = score_document(gold, predict(doc_id, text))
    return evaluation


# --- printing ---------------------------------------------------------------------------------


def format_report(report: Mapping[str, Mapping[str, float | int]]) -> str:
    """A report (:meth:`Counts.report`) as a table: one row per type, then the summaries."""
    lines = [f"{'type':<10}{'gold':>7}{'pred':>7}{'P':>8}{'R':>8}{'F1':>8}"]
    for name in [key for key in report if key not in _SUMMARY_ROWS] + ["micro"]:
        row = report[name]
        lines.append(f"{name:<10}{row['gold']:>7}{row['pred']:>7}{row['p']:>8.3f}{row['r']:>8.3f}{row['f1']:>8.3f}")
    for name in ("lenient", "linking"):
        row = report[name]
        lines.append(f"{name:<10}{'':>14}{row['p']:>8.3f}{row['r']:>8.3f}{row['f1']:>8.3f}")
    for name in ("figures", "turns"):
        row = report[name]
        fields_ = "  ".join(f"{_LABELS.get(key, key)} {value:.3f}" for key, value in row.items() if key != "gold")
        lines.append(f"{name:<10}{row['gold']:>7} gold  {fields_}")
    return "\n".join(lines)


def format_documents(documents: Mapping[str, Counts]) -> str:
    """One row per document, worst first, then the total.

    A row has the mention P/R/F1, lenient and linking F1, the share of gold
    figures and turns found, and ``without``: the folder's micro-F1 without
    that document (blank when it is the only one).
    """
    width = max([len("document"), len("total"), *map(len, documents)])
    header = ("gold", "pred", "P", "R", "F1", "lenF1", "linkF1", "figs", "turns", "without")
    lines = [f"{'document':<{width}}" + "".join(f"{name:>8}" for name in header)]
    others = leave_one_out(documents) if len(documents) > 1 else {}
    rows: list[tuple[str, Counts, Counts | None]] = [(d, c, others.get(d)) for d, c in worst_first(documents)]
    rows.append(("total", sum(documents.values(), Counts()), None))
    for doc_id, counts, without in rows:
        report = counts.report()
        micro = report["micro"]
        cells = [f"{micro['gold']:>8}", f"{micro['pred']:>8}"]
        cells += [f"{micro[key]:>8.3f}" for key in ("p", "r", "f1")]
        cells += [f"{report[key]['f1']:>8.3f}" for key in ("lenient", "linking")]
        cells += [f"{report[key]['found']:>8.3f}" for key in ("figures", "turns")]
        if without is not None:
            cells.append(f"{without.micro.prf()['f1']:>8.3f}")
        lines.append(f"{doc_id:<{width}}" + "".join(cells))
    return "\n".join(lines)


def format_micro(counts: Counts) -> str:
    """corpus_score.py's last line, ``micro_f1=X p=X r=X``, for scripts that read only that."""
    micro = counts.micro.prf()
    return f"micro_f1={micro['f1']:.3f} p={micro['p']:.3f} r={micro['r']:.3f}"


def format_evaluation(evaluation: Evaluation, by_doc: bool = False) -> str:
    """What ``kg eval`` prints: the folder's table, with ``by_doc`` the documents worst first, then the micro line."""
    parts = [format_report(evaluation.total.report())]
    if by_doc:
        parts.append(format_documents(evaluation.documents))
    return "\n\n".join(parts) + "\n" + format_micro(evaluation.total)
