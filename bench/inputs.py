"""Reading real-world input: encoding detection, the noise-free view and gov.cn pages, on the GWR corpus.

Every Government Work Report of ``../shared/corpus/gwr`` is encoded in each
encoding users send (GB18030, Big5 after conversion to Traditional, UTF-16
without a BOM) and read back by detection alone: the script prints how many
come back exactly, and the throughput of each step.

Run: ``.venv/bin/python bench/inputs.py [CORPUS_DIR]``.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from corpus_build import CORPUS

from kg.text.cleaning import clean
from kg.text.encodings import EncodingProblem, decode
from kg.text.html import parse_page
from kg.text.script import to_traditional

PAGE = Path(__file__).parent.parent / "tests" / "data" / "inputs" / "govcn-xinwen.html"


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def read_back(texts: list[str], encoding: str) -> tuple[int, float, float]:
    """How many ``texts`` encoded in ``encoding`` detection reads back exactly, the megabytes and the seconds."""
    blobs = [text.encode(encoding) for text in texts]
    exact = 0
    start = time.perf_counter()
    for blob, text in zip(blobs, texts, strict=True):
        with contextlib.suppress(EncodingProblem):
            exact += decode(blob).text == text
    return exact, sum(map(len, blobs)) / 1e6, time.perf_counter() - start


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"bench: no *.txt in {corpus}")
    chars = sum(map(len, texts))
    # Big5 has no code for a few mainland Traditional forms (爲); a Big5 file holds their Big5 twins.
    traditional = [to_traditional(text).replace("爲", "為").encode("cp950", "ignore").decode("cp950") for text in texts]
    print(f"corpus      {len(texts)} reports, {chars:,} characters")
    for label, items, encoding in (
        ("utf-8", texts, "utf-8"),
        ("gb18030", texts, "gb18030"),
        ("big5", traditional, "cp950"),
        ("utf-16-le", texts, "utf-16-le"),
    ):
        exact, megabytes, seconds = read_back(items, encoding)
        print(f"decode      {label:<10} {exact}/{len(items)} read back exactly, {megabytes / seconds:6.1f} MB/s")
    views = []
    seconds = timed(lambda: views.extend(clean(text) for text in texts))
    cuts = Counter(cut.kind for view in views for cut in view.cuts)
    print(f"clean       {chars / seconds / 1e6:.1f} M characters/s; cut: {dict(cuts)}")
    page = PAGE.read_text(encoding="utf-8")
    runs = 200
    seconds = timed(lambda: [parse_page(page) for _ in range(runs)])
    print(f"parse_page  {runs / seconds:.0f} gov.cn pages/s ({len(page.encode()) * runs / seconds / 1e6:.2f} MB/s)")


if __name__ == "__main__":
    main()
