"""How the vocabulary grows with the text: the terms and indicators a corpus's documents name, in their order.

What a build holds once per document moves out of memory past a bound
(the listing, the entries, the union of shared statements), and so do the
samples it keeps of each term (its contexts, figures and documents, at
most :data:`kg.sample.SAMPLE_SIZE` each, :class:`kg.sample.Samples`); the
rest of what it holds per term does not: its counts, its first context,
the glossary's rows.  So a build's memory follows its vocabulary, and how
fast the vocabulary grows with the text says what a corpus of millions of
documents would hold.  This recognizes the documents of ``--corpus`` (by default the
Government Work Reports, one a year) in the order of their names, and
prints, at a few points, the characters read and the distinct terms
(concepts, or the text of a mention no concept names) and indicators met so
far; then the exponent ``b`` of the growth from the first fifth of the
documents to all of them, where the vocabulary grows as the text to the
power ``b`` (Heaps' law): 1 is as fast as the text, 0.5 as its square root.

Run: ``.venv/bin/python bench/vocabulary_growth.py [--corpus DIR]``.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from corpus_build import CORPUS

from kg.recognize.pipeline import extract
from kg.text.inputs import read_text, text_files

#: The shares of the corpus, in documents, after which a line is printed.
POINTS = (0.1, 0.2, 0.4, 0.6, 0.8, 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    files = text_files(args.corpus)
    if not files:
        raise SystemExit(f"{args.corpus}: no .txt document")
    terms: set[str] = set()
    indicators: set[str] = set()
    characters = 0
    growth: list[tuple[int, int, int]] = []  # after each document: characters, terms, indicators
    for path in files:
        text = read_text(path)
        characters += len(text)
        doc = extract(text, path.stem)
        terms.update(span.concept or span.text for span in doc.ents if span.label != "FIGURE")
        indicators.update(figure.indicator for figure in doc.figures if figure.indicator)
        growth.append((characters, len(terms), len(indicators)))
    print(f"corpus      {args.corpus}: {len(files)} documents, in the order of their names")
    print(f"{'documents':>10} {'characters':>12} {'terms':>8} {'indicators':>11}")
    shown = sorted({max(1, round(point * len(files))) for point in POINTS})
    for count in shown:
        read, term_count, indicator_count = growth[count - 1]
        print(f"{count:>10} {read:>12,} {term_count:>8,} {indicator_count:>11,}")
    first = growth[max(1, round(0.2 * len(files))) - 1]
    last = growth[-1]
    if last[0] > first[0] and min(first[1:]) > 0:
        exponents = [math.log(last[i] / first[i]) / math.log(last[0] / first[0]) for i in (1, 2)]
        print(
            f"growth as characters^b from a fifth of the documents to all: terms b={exponents[0]:.2f}, "
            f"indicators b={exponents[1]:.2f}"
        )
    else:
        print("growth: too few documents, or no terms in the first fifth, to say")


if __name__ == "__main__":
    main()
