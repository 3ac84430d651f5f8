"""How good are the English drafts?  Drafted blind, the thesaurus's concepts are compared with their official English.

Every concept of the bundled thesaurus whose English is official is drafted
as if the thesaurus did not know it (its own labels hidden, every other
concept still known, as a new term of a corpus would be), and the draft is
compared with the official English: chrF (Popović 2015, character 6-grams,
β = 2, sacrebleu's implementation) over the concepts that get a draft, and
exact matches.  A concept the drafter refuses (``untranslated``, for a
stated reason) is counted in the coverage, not in chrF.

Run: ``.venv/bin/python bench/english.py`` (``--examples N`` prints N drafts
beside their official English; ``--limit N`` drafts the first N concepts only).
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from dataclasses import dataclass

from sacrebleu.metrics import CHRF

from kg.export.english import default_drafter
from kg.link.thesaurus import Concept, default_thesaurus, surface_key
from kg.tables import format_table


@dataclass(frozen=True)
class Trial:
    """One concept drafted blind: its category, Chinese, official English and the draft (empty if refused)."""

    category: str
    chinese: str
    official: str
    draft: str
    basis: str


def trials(limit: int | None = None) -> list[Trial]:
    """Every official concept of the thesaurus drafted with its own labels hidden."""
    drafter = default_drafter()
    done = []
    concepts = [c for c in default_thesaurus().concepts.values() if _official(c) and not c.ambiguous]
    for concept in sorted(concepts, key=lambda c: c.id)[:limit]:
        hidden = frozenset(surface_key(form) for form in concept.zh_forms())
        chinese = concept.pref["zh-Hans"]
        result = drafter(chinese, concept.category, hidden)
        done.append(Trial(concept.category, chinese, _official(concept) or "", result.text, result.basis))
    return done


def scores(done: list[Trial]) -> list[list[str]]:
    """A row per category and one for all: concepts, share drafted, chrF and exact matches of the drafts."""
    by_category: defaultdict[str, list[Trial]] = defaultdict(list)
    for trial in done:
        by_category[trial.category].append(trial)
    rows = []
    for name, group in [*sorted(by_category.items()), ("all", done)]:
        drafted = [t for t in group if t.draft]
        chrf = CHRF().corpus_score([t.draft for t in drafted], [[t.official for t in drafted]]).score if drafted else 0
        exact = sum(t.draft == t.official for t in drafted)
        folded = sum(t.draft.casefold() == t.official.casefold() for t in drafted)
        rows.append(
            [
                name,
                f"{len(group):,}",
                f"{len(drafted) / len(group):.1%}",
                f"{chrf:.1f}",
                f"{exact / max(len(drafted), 1):.1%}",
                f"{folded / max(len(drafted), 1):.1%}",
            ]
        )
    return rows


HEADER = ["category", "concepts", "drafted", "chrF", "exact", "exact, any case"]


def _official(concept: Concept) -> str | None:
    if concept.english_status != "official":
        return None
    return next((label for lang, label in concept.pref.items() if lang.lower().startswith("en")), None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="draft only the first N concepts (by id)")
    parser.add_argument("--examples", type=int, default=0, metavar="N", help="print N drafts beside the official")
    args = parser.parse_args()
    done = trials(args.limit)
    print(format_table(HEADER, scores(done)))
    refused: defaultdict[str, int] = defaultdict(int)
    for trial in done:
        if not trial.draft:
            refused[trial.basis.split(" ", 1)[-1].split(":")[0]] += 1
    if args.examples:
        print()
        sample = random.Random(7).sample(done, min(args.examples, len(done)))
        print(format_table(["zh-Hans", "official", "draft (or why not)"], [
            [t.chinese, t.official, t.draft or f"untranslated: {t.basis}"] for t in sample
        ]))  # fmt: skip


if __name__ == "__main__":
    main()
