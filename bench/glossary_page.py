"""Size and speed of the glossary page (``glossary.html``) on the 50 Government Work Reports and the examples.

Builds ``../shared/corpus/gwr`` and ``examples/`` with ``kg build`` into a
temporary folder, then opens the ``glossary.html`` it wrote in headless
Chromium (Debian's, as the tests drive it) and measures with the browser's
performance API:

* load: the page's own ``kg-ready`` mark, set once its script has read the
  data and built the list, so that it answers input; navigation timing
  (``domContentLoadedEventEnd``, ``loadEventEnd``).  The first load is a
  cold one, the others warm;
* keystroke to render: queries typed one character at a time, each
  character an ``input`` event; the time from before the event to after the
  handler and the layout it causes (``performance.now()`` around a
  synchronous dispatch, then a forced layout), and the handler alone (the
  page's ``kg-search`` measure).

Goals (issue 16): load under 1 s, a keystroke under 50 ms.

Run: ``.venv/bin/python bench/glossary_page.py [--corpus DIR]`` (needs the
dev extra and Debian's chromium and chromium-driver; ``make bench`` installs them).
``--screenshot FILE`` instead saves the README's picture: the page of
``examples/`` with 工信部 searched and its term open (needs the CJK font).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_build import CORPUS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.browser: the tests' own way of starting Chromium

from tests.browser import chromium  # noqa: E402

EXAMPLES = ROOT / "examples"
QUERIES = (
    "工信部",
    "工業和信息化部",
    "MIIT",
    "专精特新",
    "国内生产总值",
    "高质量发展",
    "乡村振兴",
    "industry",
    "Made in China",
)
LOADS = 5
ROUNDS = 3

_LOAD = """
const navigation = performance.getEntriesByType("navigation")[0];
const ready = performance.getEntriesByName("kg-ready")[0];
return [ready.startTime, navigation.domContentLoadedEventEnd, navigation.loadEventEnd];
"""

_TYPE = """
const [queries, done] = [arguments[0], arguments[arguments.length - 1]];
const box = document.getElementById("q");
const total = [], handler = [];
for (const query of queries) {
  box.value = "";
  box.dispatchEvent(new Event("input"));
  for (const char of query) {
    box.value += char;
    const started = performance.now();
    box.dispatchEvent(new Event("input"));
    document.body.offsetHeight;  // the layout the new list needs, as the next frame would do it
    total.push(performance.now() - started);
    handler.push(performance.getEntriesByName("kg-search").pop().duration);
  }
}
done([total, handler]);
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--screenshot", type=Path, metavar="FILE", help="save a PNG of the examples' page instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as scratch:
        out = Path(scratch) / "out"
        started = time.perf_counter()
        inputs = [EXAMPLES] if args.screenshot else [args.corpus, EXAMPLES]
        documents = build(inputs, out)
        print(f"build       {documents} in {time.perf_counter() - started:.1f} s")
        page = out / "glossary.html"
        if args.screenshot:
            screenshot(page, args.screenshot)
            return
        print(f"page        {page.stat().st_size / 1e6:.2f} MB ({_counts(page)})")
        with chromium() as browser:
            loads = []
            for _ in range(LOADS):
                browser.get("about:blank")
                browser.get(page.as_uri())
                loads.append(browser.execute_script(_LOAD))
            cold, warm = loads[0], loads[1:]
            names = ("ready", "DOMContentLoaded", "load")
            medians = [statistics.median(row[column] for row in warm) for column in range(len(names))]
            print(f"load        cold: {_times(names, cold)}")
            print(f"            warm (median of {len(warm)}): {_times(names, medians)}")
            total, handler = [], []
            for _ in range(ROUNDS):
                measured = browser.execute_async_script(_TYPE, list(QUERIES))
                total += measured[0]
                handler += measured[1]
            print(
                f"keystroke   {len(total)} keystrokes ({ROUNDS} × {len(QUERIES)} queries typed one character at a time)"
            )
            print(f"            to render: {_spread(total)}")
            print(f"            handler:   {_spread(handler)}")


def build(inputs: list[Path], out: Path) -> str:
    """Run ``kg build INPUTS -o OUT``; the summary's documents line."""
    command = [sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "-o", str(out)]
    built = subprocess.run(command, capture_output=True, text=True, check=False)
    if built.returncode != 0:
        raise SystemExit(f"bench: kg build failed: {built.stderr.strip()}")
    return next(line for line in built.stdout.splitlines() if line.startswith("documents")).split(None, 1)[1]


def screenshot(page: Path, target: Path) -> None:
    """The page at 1280 × 1280 with 工信部 searched and the first term open, as a reader would see it."""
    from selenium.webdriver.common.by import By

    if not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file():
        raise SystemExit("bench: install Debian's fonts-noto-cjk first (make test does): Chinese would be empty boxes")
    with chromium(1280, 1280) as browser:
        browser.get(page.as_uri())
        browser.find_element(By.ID, "q").send_keys("工信部")
        browser.find_element(By.CSS_SELECTOR, "#results li").click()
        browser.execute_script("document.activeElement.blur()")
        target.write_bytes(browser.get_screenshot_as_png())
    print(f"screenshot  {target}")


def _counts(page: Path) -> str:
    """Terms, contexts and figures in the page's data."""
    text = page.read_text(encoding="utf-8")
    start = text.index('id="kg-data">') + len('id="kg-data">')
    data = json.loads(text[start : text.index("</script>", start)])
    concepts = data["concepts"]
    contexts = sum(len(c.get("contexts", ())) for c in concepts)
    figures = sum(len(c.get("figures", ())) for c in concepts)
    return f"{len(concepts):,} terms, {contexts:,} contexts, {figures:,} figures, {len(data['documents'])} documents"


def _times(names: tuple[str, ...], values: list[float]) -> str:
    return ", ".join(f"{name} {value:.0f} ms" for name, value in zip(names, values, strict=True))


def _spread(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):.1f} ms, 95th percentile {p95:.1f} ms, max {ordered[-1]:.1f} ms"


if __name__ == "__main__":
    main()
