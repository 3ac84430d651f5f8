"""The bilingual glossary: one row per term of the knowledge graph.

Rows are read from the graph with SPARQL, so a glossary can be made from
any graph this package wrote (or merged), not only from documents in
memory.  They are plain dataclasses: CSV is one writer of them and other
formats (TBX, Markdown) are others.

The CSV is meant to be opened in spreadsheets, which run a cell starting
with ``=``, ``+``, ``-`` or ``@`` as a formula; such cells (and those
starting with a tab or carriage return, which some spreadsheets strip
before the check) get a leading ``'`` (OWASP's CSV-injection advice).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field, fields
from pathlib import Path
from typing import IO

from rdflib import Graph

from kg.graph import select
from kg.thesaurus import local_id

#: Joins the several values of one cell (abbreviations, documents).
SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_TERMS = """
SELECT ?concept ?category ?hans ?hant ?en ?status WHERE {
    ?concept kg:category ?category FILTER(?category != kg:FIGURE)
    OPTIONAL { ?concept skos:prefLabel ?hans FILTER(langMatches(lang(?hans), "zh-Hans")) }
    OPTIONAL { ?concept skos:prefLabel ?hant FILTER(langMatches(lang(?hant), "zh-Hant")) }
    OPTIONAL { ?concept skos:prefLabel ?en FILTER(langMatches(lang(?en), "en")) }
    OPTIONAL { ?concept kg:englishStatus ?status }
}
"""

_ABBREVIATIONS = """
SELECT ?concept ?label (lang(?label) AS ?lang) WHERE {
    ?concept kg:category ?category ; skos:altLabel ?label FILTER(?category != kg:FIGURE)
}
"""

#: Every mention of a term, in reading order, with its sentence where there is one.
_MENTIONS = """
SELECT ?concept ?mention ?document ?begin ?sentence WHERE {
    ?mention itsrdf:taIdentRef ?concept ; nif:beginIndex ?begin ; nif:referenceContext/dcterms:identifier ?document .
    ?concept kg:category ?category FILTER(?category != kg:FIGURE)
    OPTIONAL { ?mention nif:sentence/nif:anchorOf ?sentence }
} ORDER BY ?document ?begin
"""


@dataclass(frozen=True, slots=True)
class GlossaryRow:
    """One term: its labels, how it is used, and one sentence that shows it in use.

    A field's CSV column is its name, or its ``column`` metadata where a
    language tag reads better than an identifier (``zh-Hans``).
    """

    id: str
    type: str
    zh_hans: str = field(metadata={"column": "zh-Hans"})
    zh_hant: str = field(metadata={"column": "zh-Hant"})
    en: str
    abbreviations_zh: tuple[str, ...]
    abbreviations_en: tuple[str, ...]
    english_status: str
    count: int
    documents: tuple[str, ...]
    context: str
    context_document: str


@dataclass
class _Usage:
    mentions: set[str]
    documents: set[str]
    context: tuple[str, str] | None = None


def glossary_rows(graph: Graph) -> list[GlossaryRow]:
    """Every non-figure concept of ``graph``, most mentioned first, then by id."""
    abbreviations = _abbreviations(graph)
    usage = _usage(graph)
    rows = [_row(term, abbreviations[term["concept"]], usage.get(term["concept"])) for term in select(graph, _TERMS)]
    return sorted(rows, key=lambda row: (-row.count, row.id))


def write_csv(rows: Iterable[GlossaryRow], target: str | Path | IO[str], *, bom: bool = False) -> None:
    """Write ``rows`` as UTF-8 CSV with a header; ``bom`` adds the byte-order mark Excel looks for."""
    if isinstance(target, str | Path):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            _write(rows, handle, bom)
    else:
        _write(rows, target, bom)


def neutralize(cell: str) -> str:
    """``cell`` made safe from spreadsheet formula evaluation."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def _write(rows: Iterable[GlossaryRow], handle: IO[str], bom: bool) -> None:
    if bom:
        handle.write("\ufeff")
    writer = csv.writer(handle)
    writer.writerow(column.metadata.get("column", column.name) for column in fields(GlossaryRow))
    for row in rows:
        writer.writerow(_cell(value) for value in astuple(row))


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        value = SEPARATOR.join(value)
    return neutralize(str(value))


def _row(term: dict, abbreviations: dict[str, set[str]], usage: _Usage | None) -> GlossaryRow:
    usage = usage or _Usage(set(), set())
    context, context_document = usage.context or ("", "")
    return GlossaryRow(
        id=local_id(term["concept"]),
        type=term["category"].rsplit("#", 1)[-1],
        zh_hans=term["hans"] or "",
        zh_hant=term["hant"] or "",
        en=term["en"] or "",
        abbreviations_zh=tuple(sorted(abbreviations["zh"])),
        abbreviations_en=tuple(sorted(abbreviations["en"])),
        english_status=term["status"] or "missing",
        count=len(usage.mentions),
        documents=tuple(sorted(usage.documents)),
        context=context,
        context_document=context_document,
    )


def _abbreviations(graph: Graph) -> defaultdict[str, dict[str, set[str]]]:
    """Concept → ``{"zh": …, "en": …}`` altLabels; zh-Hans and zh-Hant forms are pooled."""
    found: defaultdict[str, dict[str, set[str]]] = defaultdict(lambda: {"zh": set(), "en": set()})
    for row in select(graph, _ABBREVIATIONS):
        language = row["lang"].lower().split("-", 1)[0]
        if language in ("zh", "en"):
            found[row["concept"]][language].add(row["label"])
    return found


def _usage(graph: Graph) -> dict[str, _Usage]:
    """Concept → its mentions, documents and first sentence (in document-id and reading order)."""
    usage: dict[str, _Usage] = {}
    for row in select(graph, _MENTIONS):
        entry = usage.setdefault(row["concept"], _Usage(set(), set()))
        entry.mentions.add(row["mention"])
        entry.documents.add(row["document"])
        if entry.context is None and row["sentence"]:
            entry.context = (row["sentence"], row["document"])
    return usage
