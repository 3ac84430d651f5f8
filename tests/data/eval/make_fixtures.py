"""Regenerate the scorer-agreement fixtures in this folder.

usage: python tests/data/eval/make_fixtures.py GOLD.json [SCORE_PY]

Tests must not depend on the shared folder, so the official scorer's
*outputs* are stored here for fixed inputs and ``kg.evaluate`` is checked
against them (SCORE_PY defaults to the copy in ``judges/``).  The
predictions are the gold perturbed in every way the scorer measures:
mentions dropped, shortened, retyped, added and repeated; concepts renamed,
merged, split and removed; figure fields changed, written in Simplified
script or in full-width forms; turns shifted within and beyond the
tolerance, roles reordered or dropped.  The tests also perturb the dev
documents' gold with :func:`perturb` to check folder scores against
corpus_score.py.

Written: ``gold.json`` (a copy), ``pred-1.json``/``pred-2.json`` (two
perturbations), ``score-1.json``/``score-2.json``/``score-empty.json``
(``score.py --json`` against the gold), and ``score-sum.json``: the scorer
on one document made of both pairs end to end, which a sum of the two
documents' counts must reproduce.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import opencc

HERE = Path(__file__).parent
JUDGES = HERE / "judges"
#: Offset of the second document in the concatenation: past any gold offset.
SECOND = 100_000
T2S = opencc.OpenCC("t2s")


def wide(text: str) -> str:
    """``text`` with its ASCII characters in full-width form (``%`` → ``％``): NFKC undoes it."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def perturb(gold: dict, seed: int) -> dict:
    """A prediction for ``gold`` with errors of every kind the scorers measure, the same for the same seed."""
    rng = random.Random(seed)
    concepts = sorted({e["concept"] for e in gold["entities"]})
    merged = dict(zip(concepts, concepts, strict=True))
    for a, b in zip(rng.sample(concepts, 6)[::2], rng.sample(concepts, 6)[1::2], strict=True):
        merged[a] = merged[b]
    split = set(rng.sample(concepts, 3))
    entities = []
    for i, entity in enumerate(gold["entities"]):
        e = copy.deepcopy(entity)
        roll = rng.random()
        if roll < 0.08:
            continue
        if roll < 0.14 and e["end"] - e["start"] > 1:
            e["end"] -= 1
            e["text"] = e["text"][:-1]
        elif roll < 0.18:
            e["type"] = rng.choice([t for t in ("ORG", "PERSON", "POLICY", "SLOGAN") if t != e["type"]])
        e["concept"] = "pred/" + merged[e["concept"]] + (f"#{i % 2}" if e["concept"] in split else "")
        if rng.random() < 0.04:
            e["concept"] = None
        entities.append(e)
    entities.append({**entities[5], "concept": "pred/other"})  # a repeated span: the last one counts
    for _ in range(10):
        start = rng.randrange(0, 12000)
        entities.append({"start": start, "end": start + rng.randint(2, 6), "type": "ORG", "text": "?"})
    rng.shuffle(entities)

    speakers = sorted({f["speaker"] for f in gold["figures"] if f["speaker"]})
    figures = []
    for figure in gold["figures"]:
        f = copy.deepcopy(figure)
        if rng.random() < 0.08:
            continue
        if f["speaker"]:
            f["speaker"] = "pred/" + merged[f["speaker"]]
        roll = rng.random()
        if roll < 0.1:
            f["value"] *= 1.1
        elif roll < 0.15:
            f["value"] = str(f["value"])
        elif roll < 0.18:
            f["value"] = None
        if rng.random() < 0.15:
            f["unit"] = (T2S.convert(f["unit"] or "") or None) if rng.random() < 0.5 else "倍"
        roll = rng.random()
        if roll < 0.1 and f["indicator"]:
            f["indicator"] = f["indicator"][: len(f["indicator"]) // 2]
        elif roll < 0.2 and f["indicator"]:
            f["indicator"] = T2S.convert(f["indicator"])
        elif roll < 0.25:
            f["indicator"] = None
        if rng.random() < 0.12:
            f["period"] = None if rng.random() < 0.5 else T2S.convert(f["period"] or "本月")
        if rng.random() < 0.1:
            f["speaker"] = rng.choice([None, *(["pred/" + merged[rng.choice(speakers)]] if speakers else [])])
        figures.append(f)
    if len(figures) > 3:
        figures.append({**figures[3], "value": -1})  # a repeated span: the last one counts
    width = random.Random(seed + 1000)  # its own stream, so the other perturbations stay as they were
    for f in figures:
        if f["unit"] and width.random() < 0.3:
            f["unit"] = wide(f["unit"])

    turns = []
    for turn in gold["turns"]:
        t = copy.deepcopy(turn)
        roll = rng.random()
        if roll < 0.07:
            continue
        if roll < 0.2:
            t["start"] += rng.choice([-3, 2, 3])
        elif roll < 0.28:
            t["start"] += rng.choice([-5, 4])
        if rng.random() < 0.15:
            t["end"] += rng.choice([-4, 1, 3, 9])
        roll = rng.random()
        if roll < 0.15:
            t["roles"] = list(reversed(t["roles"]))
        elif roll < 0.25:
            t["roles"] = [T2S.convert(r) for r in t["roles"]][1:]
        if rng.random() < 0.2:
            t["speaker"] = T2S.convert(t["speaker"])
        turns.append(t)
    turns.insert(0, {"start": 5, "end": 20, "speaker": "主持人", "roles": []})
    return {"entities": entities, "figures": figures, "turns": turns}


def shifted(doc: dict, offset: int, prefix: str) -> dict:
    """``doc`` moved ``offset`` characters on, with concept ids of its own."""
    out = copy.deepcopy(doc)
    for kind, key in (("entities", "concept"), ("figures", "speaker"), ("turns", None)):
        for item in out[kind]:
            item["start"] += offset
            item["end"] += offset
            if key and item.get(key):
                item[key] = prefix + item[key]
    return out


def joined(first: dict, second: dict) -> dict:
    return {kind: first[kind] + second[kind] for kind in ("entities", "figures", "turns")}


def main() -> None:
    gold_path = Path(sys.argv[1])
    scorer = sys.argv[2] if len(sys.argv) > 2 else str(JUDGES / "score.py")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    preds = {1: perturb(gold, 1), 2: perturb(gold, 2)}

    def write(name: str, data: dict) -> Path:
        path = HERE / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return path

    def score(gold_file: Path, pred_file: Path) -> dict:
        run = subprocess.run([sys.executable, scorer, gold_file, pred_file, "--json"], capture_output=True, check=True)
        return json.loads(run.stdout)

    gold_file = write("gold.json", gold)
    for n, pred in preds.items():
        write(f"score-{n}.json", score(gold_file, write(f"pred-{n}.json", pred)))
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp, "empty.json")
        empty.write_text("{}", encoding="utf-8")
        write("score-empty.json", score(gold_file, empty))
        joined_gold, joined_pred = Path(tmp, "gold.json"), Path(tmp, "pred.json")
        both_gold = joined(shifted(gold, 0, "a/"), shifted(gold, SECOND, "b/"))
        both_pred = joined(shifted(preds[1], 0, "a/"), shifted(preds[2], SECOND, "b/"))
        joined_gold.write_text(json.dumps(both_gold, ensure_ascii=False), encoding="utf-8")
        joined_pred.write_text(json.dumps(both_pred, ensure_ascii=False), encoding="utf-8")
        write("score-sum.json", score(joined_gold, joined_pred))


if __name__ == "__main__":
    main()
