"""Extraction throughput on one core, beside jieba's POS tagger on the same text in the same run.

The text is every Government Work Report of ``../shared/corpus/gwr`` (about a
million characters), once converted to Simplified and once to Traditional
with OpenCC.  ``kg.extract`` runs the whole recognizer (turns, thesaurus,
rules, figures, propagation, resolution, linking); ``jieba.posseg.cut`` is
the stock tool a user would otherwise reach for, and does far less (words
and tags only).  Throughput is characters per second of CPU time of this
process, which is what one core delivers even when other work shares the
machine; the best of ``--repeat`` runs is kept.  jieba is slow on
Traditional text (its dictionary is Simplified), so it gets at most
``--jieba-seconds`` of it, and its rate is taken over what it did in that time.

Run: ``.venv/bin/python bench/extraction.py [--corpus DIR] [--repeat N]`` (jieba is a dependency of kg:
its dictionary decides word boundaries).
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from corpus_build import CORPUS

from kg.recognize.pipeline import extract
from kg.text.script import to_simplified, to_traditional


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="runs of kg per script; the fastest counts")
    parser.add_argument("--jieba-seconds", type=float, default=20.0, help="CPU seconds jieba may spend per script")
    args = parser.parse_args()
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    extract("预热。", "warm-up")  # load the thesaurus and compile the rules outside the timing
    reports = [path.read_text(encoding="utf-8") for path in sorted(args.corpus.glob("*.txt"))]
    if not reports:
        raise SystemExit(f"bench: no *.txt in {args.corpus}")
    simplified = [to_simplified(text) for text in reports]
    scripts = {"Simplified": simplified, "Traditional": [to_traditional(text) for text in simplified]}
    print(f"corpus      {args.corpus}: {len(reports)} reports, {sum(map(len, simplified)):,} characters")
    print(f"{'script':<12}  {'kg.extract':>14}  {'jieba.posseg':>14}  {'kg / jieba':>10}")
    for script, texts in scripts.items():
        ours = max(rate(texts, lambda text, i: extract(text, f"doc-{i}")) for _ in range(args.repeat))
        theirs = rate(texts, lambda text, i: sum(1 for _ in jieba.posseg.cut(text)), budget=args.jieba_seconds)
        print(f"{script:<12}  {ours:>14,.0f}  {theirs:>14,.0f}  {ours / theirs:>9.1f}×")
    print("(characters per CPU second on one core)")


def rate(texts: Sequence[str], work: Callable[[str, int], object], budget: float | None = None) -> float:
    """Characters per CPU second of ``work`` over ``texts``, stopping after ``budget`` seconds if given."""
    done = 0
    start = time.process_time()
    for index, text in enumerate(texts):
        work(text, index)
        done += len(text)
        if budget is not None and time.process_time() - start > budget:
            break
    return done / (time.process_time() - start)


if __name__ == "__main__":
    main()
