"""Candidate terms for the thesaurus, mined from a folder of reports (the Government Work Reports by default).

Three kinds of candidates are counted by the number of reports (years) they occur in:

* titles in 《…》;
* quoted phrases in “…”;
* names ending in a head word of strategies, campaigns and programs (战略, 攻坚战, 保卫战, 专项斗争,
  学习教育, 工程, 行动, 计划, 试点, 示范区, 试验区), taken from the head back to the nearest
  punctuation or governing verb, at most 14 characters.

Each candidate is printed with its year count, its first and last year and whether the bundled
thesaurus already knows it (``+`` a label of a concept, ``~`` a label contains it or it contains one).
The list is raw material for curation: most head-word matches are generic phrases, not names.

Run: ``python bench/term_candidates.py [FOLDER] [--min-years N] [--kind title|quote|head]``.
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

from kg.link.thesaurus import default_thesaurus, surface_key

GWR = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "gwr"

TITLE = re.compile(r"《([^《》\n]{2,40})》")
QUOTE = re.compile(r"“([^“”\n]{2,24})”")
HEADS = "战略|攻坚战|保卫战|专项斗争|学习教育|工程|行动|计划|试点|示范区|试验区"
#: Words a name does not run across, going left from its head: verbs that govern it, particles, conjunctions.
GOVERNING = (
    "实施|推进|推动|开展|启动|加快|加强|深入|继续|全面|坚持|落实|打好|打赢|组织|扩大|完善|建设|做好|"
    "搞好|抓好|执行|制定|进一步|积极|大力|稳步|扎实|广泛|重点|着力|努力|的|和|及|与|是|在|为|把|对|以"
)
HEAD_NAME = re.compile(rf"((?:[\u4e00-\u9fff“”0-9A-Za-z+]){{2,14}}?)(?:{HEADS})")
SPLIT = re.compile(rf"(?:{GOVERNING})")


def head_names(text: str) -> set[str]:
    """Names ending in a head word: each clause's last run before the head, cut at the last governing word."""
    found = set()
    for clause in re.split(r"[，。；：、！？（）()\s《》]", text):
        for match in re.finditer(rf"(?:{HEADS})", clause):
            left = clause[: match.start()]
            pieces = SPLIT.split(left)
            name = pieces[-1] if pieces else ""
            if 2 <= len(name) <= 14:
                found.add(name + match.group(0))
    return found


def mine(folder: Path, kind: str) -> dict[str, list[int]]:
    years: dict[str, list[int]] = defaultdict(list)
    for path in sorted(folder.glob("*.txt")):
        match = re.search(r"(\d{4})", path.stem)
        if not match:
            continue
        year, text = int(match.group(1)), path.read_text(encoding="utf-8")
        if kind == "title":
            found = set(TITLE.findall(text))
        elif kind == "quote":
            found = set(QUOTE.findall(text))
        else:
            found = head_names(text)
        for term in found:
            years[term].append(year)
    return years


def known_mark(term: str, labels: set[str]) -> str:
    key = surface_key(term)
    if key in labels:
        return "+"
    if any(len(label) >= 3 and (label in key or key in label) for label in labels):
        return "~"
    return " "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=GWR)
    parser.add_argument("--min-years", type=int, default=2)
    parser.add_argument("--kind", choices=("title", "quote", "head"), default="head")
    args = parser.parse_args()
    labels = set(default_thesaurus().forms())
    years = mine(args.folder, args.kind)
    rows = sorted(((len(ys), term, ys) for term, ys in years.items() if len(ys) >= args.min_years), reverse=True)
    for count, term, ys in rows:
        print(f"{count:3d} {ys[0]}-{ys[-1]} {known_mark(term, labels)} {term}")


if __name__ == "__main__":
    main()
