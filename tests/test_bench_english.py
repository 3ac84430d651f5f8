"""bench/english.py, which the README's draft-English figure comes from, runs and measures what it says."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

from sacrebleu.metrics import CHRF

BENCH = Path(__file__).parent.parent / "bench" / "english.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_english", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_chrf_is_popovic_2015_as_sacrebleu_computes_it() -> None:
    chrf = CHRF()  # character 6-grams, beta 2, no word n-grams: chrF, not chrF++
    assert (chrf.char_order, chrf.word_order, chrf.beta) == (6, 0, 2)
    assert chrf.corpus_score(["Ministry of Commerce"], [["Ministry of Commerce"]]).score == 100.0
    assert chrf.corpus_score(["zzz"], [["Ministry of Commerce"]]).score < 5


def test_drafts_are_blind_and_scored() -> None:
    bench = _bench()
    trials = bench.trials(limit=60)
    assert len(trials) == 60
    for trial in trials:
        assert trial.official and not re.search("[\u3400-\u9fff]", trial.draft)
        assert trial.draft or trial.basis  # a refusal says why
    # its own labels are hidden: only a label another concept shares can still be looked up whole
    assert sum(trial.basis == "thesaurus" for trial in trials) < len(trials) / 10
    rows = bench.scores(trials)
    assert rows[-1][0] == "all" and rows[-1][1] == "60" and len(rows[-1]) == len(bench.HEADER)
