"""The bilingual glossary: one row per term of the knowledge graph.

Rows are read from the graph with SPARQL, so a glossary can be made from
any graph this package wrote (or merged), not only from documents in
memory.  They are plain dataclasses, the one definition of a row every
export format writes (:mod:`kg.export.formats`).

English comes from the graph when a concept has it (``official``: the
curated thesaurus).  A concept without English gets a draft from
:mod:`kg.export.english` while its row is made (``draft``), so that every export
of the same graph shows the same draft, marked as such; the graph itself is
not changed and keeps ``kg:englishStatus "missing"`` for it.

Tables of rows are meant to be opened in spreadsheets, which run a cell
starting with ``=``, ``+``, ``-`` or ``@`` as a formula; :func:`neutralize`
gives such cells (and those starting with a tab or carriage return, which
some spreadsheets strip before the check) a leading ``'`` (OWASP's
CSV-injection advice).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import Field, dataclass, field, fields
from functools import cache
from operator import attrgetter

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.export.english import Draft, default_drafter
from kg.export.ordered_rows import OrderedRows
from kg.link.thesaurus import ONTOLOGY_DIR, local_id
from kg.rdf.aggregates import Usage, Uses
from kg.rdf.namespaces import KG
from kg.rdf.sparql import Queryable, select_each

#: The glossary's languages, in column order.
LANGUAGES = ("zh-Hans", "zh-Hant", "en")
#: Joins the several values of one cell (abbreviations, documents).
SEPARATOR = "; "
#: What a spreadsheet takes for the start of a formula (and what it strips before looking).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_TERMS = """
SELECT ?concept ?category ?hans ?hant ?en ?status ?definition ?source ?count WHERE {
    ?concept kg:category ?category FILTER(?category != kg:FIGURE)
    OPTIONAL { ?concept kg:mentionCount ?count }
    OPTIONAL { ?concept skos:prefLabel ?hans FILTER(langMatches(lang(?hans), "zh-Hans")) }
    OPTIONAL { ?concept skos:prefLabel ?hant FILTER(langMatches(lang(?hant), "zh-Hant")) }
    OPTIONAL { ?concept skos:prefLabel ?en FILTER(langMatches(lang(?en), "en")) }
    OPTIONAL { ?concept kg:englishStatus ?status }
    OPTIONAL { ?concept skos:definition ?definition FILTER(langMatches(lang(?definition), "en")) }
    OPTIONAL { ?concept dcterms:source ?source }
}
"""

_ALT_LABELS = """
SELECT ?concept ?label (lang(?label) AS ?lang) WHERE {
    ?concept kg:category ?category ; skos:altLabel ?label FILTER(?category != kg:FIGURE)
}
"""

#: Every use of a term, in reading order, with its sentence where there is one: its mentions, and for an
#: indicator the figures that measure it (kg:mentionCount counts both, :func:`kg.rdf.document.usage`).
#: One alternative path, not a UNION of the two: Oxigraph joined the UNION with every mention, 46 s on the reports
#: where the path takes 0.2 s (bench/corpus_build.py).
_MENTIONS = """
SELECT ?concept ?document ?begin ?sentence WHERE {
    ?mention (itsrdf:taIdentRef|^prov:wasDerivedFrom/schema:variableMeasured) ?concept .
    ?concept kg:category ?category FILTER(?category != kg:FIGURE)
    ?mention nif:beginIndex ?begin ; nif:referenceContext/dcterms:identifier ?document .
    OPTIONAL { ?mention nif:sentence/nif:anchorOf ?sentence }
} ORDER BY ?document ?begin
"""


def _column(name: str, lang: str | None = None) -> Field:
    """A field whose CSV column is ``name`` and that belongs to ``lang`` (``--lang`` may leave it out)."""
    return field(metadata={"column": name, "lang": lang})


@dataclass(frozen=True, slots=True)
class GlossaryRow:
    """One term: its labels, how it is used, and one sentence that shows it in use.

    A field's CSV column is its name, or its ``column`` metadata where a
    language tag reads better than an identifier (``zh-Hans``).
    Abbreviations are the alternative labels shorter than the preferred one
    (工信部, MIIT); variants are the others (中华人民共和国国务院,
    "President Xi Jinping").  ``english_status`` is ``official`` (curated),
    ``draft`` (composed, see ``english_note``) or ``missing``.
    """

    id: str
    type: str
    zh_hans: str = _column("zh-Hans", "zh-Hans")
    zh_hant: str = _column("zh-Hant", "zh-Hant")
    en: str = _column("en", "en")
    english_status: str = _column("english_status", "en")
    abbreviations_zh_hans: tuple[str, ...] = _column("abbreviations_zh-Hans", "zh-Hans")
    abbreviations_zh_hant: tuple[str, ...] = _column("abbreviations_zh-Hant", "zh-Hant")
    abbreviations_en: tuple[str, ...] = _column("abbreviations_en", "en")
    variants_zh_hans: tuple[str, ...] = _column("variants_zh-Hans", "zh-Hans")
    variants_zh_hant: tuple[str, ...] = _column("variants_zh-Hant", "zh-Hant")
    variants_en: tuple[str, ...] = _column("variants_en", "en")
    count: int = _column("count")  # mentions; for an indicator, the figures that measure it
    document_count: int = _column("document_count")
    documents: tuple[str, ...] = _column("documents")  # all of them, or a sample of SAMPLE_SIZE (kg.sample)
    context: str = _column("context")
    context_document: str = _column("context_document")
    definition: str = _column("definition", "en")
    source: str = _column("source")
    english_note: str = _column("english_note", "en")

    def label(self, lang: str) -> str:
        """The preferred label in ``lang`` (one of :data:`LANGUAGES`)."""
        return getattr(self, _suffixed("", lang))

    def abbreviations(self, lang: str) -> tuple[str, ...]:
        """The abbreviations in ``lang``."""
        return getattr(self, _suffixed("abbreviations_", lang))

    def variants(self, lang: str) -> tuple[str, ...]:
        """The variants in ``lang``."""
        return getattr(self, _suffixed("variants_", lang))


@cache
def _suffixed(prefix: str, lang: str) -> str:
    """The field name for ``lang``: ``abbreviations_`` + ``zh-Hans`` → ``abbreviations_zh_hans`` (asked for on
    every row: made once)."""
    if lang not in LANGUAGES:
        raise ValueError(f"not a glossary language: {lang!r} (one of {', '.join(LANGUAGES)})")
    return prefix + lang.lower().replace("-", "_")


#: Drafts English for a name of a category; :func:`kg.export.english.default_drafter` unless a caller passes its own.
Drafter = Callable[[str, str], Draft]


def glossary_rows(graph: Queryable, drafter: Drafter | None = None, uses: Uses | None = None) -> Sequence[GlossaryRow]:
    """Every non-figure concept of ``graph``, most mentioned first, then by id (:func:`kg.export.ordered_rows.order`):
    a list, or past :data:`kg.export.ordered_rows.IN_MEMORY` rows a sequence read from SQLite as it is read.

    A concept without an English label gets a draft from ``drafter``
    (default: :func:`kg.export.english.default_drafter`, loaded only when needed).
    ``uses`` are each term's documents and context as a build
    aggregated them (:attr:`kg.corpus.Assembly.uses`); without them they are
    read from every mention in ``graph``, which on a large store on disk takes
    far longer than the rest of the glossary.
    """
    alternatives = _alternative_labels(graph)
    usage = _usage(graph) if uses is None else uses
    seen: set[str] = set()
    rows = OrderedRows()
    try:
        # each term's row is made as its answer comes: a vocabulary's answers held together cost more than the rows
        for term in select_each(graph, _TERMS):
            concept = term["concept"]
            if concept in seen:
                continue  # two definitions or sources make two answers: the first is kept
            seen.add(concept)
            if not term["en"] and (term["hans"] or term["hant"]):
                drafter = drafter or default_drafter()
            rows.add(_row(term, alternatives.pop(concept, {}), usage.get(concept), drafter))
    finally:
        if uses is None:
            usage.close()  # its database, if the mentions were many
    return rows.sorted()


def select_rows(rows: Iterable[GlossaryRow], types: Iterable[str] = (), min_count: int = 0) -> list[GlossaryRow]:
    """The rows of the given types (all if none) mentioned at least ``min_count`` times, order kept."""
    wanted = {t.upper() for t in types}
    return [row for row in rows if (not wanted or row.type in wanted) and row.count >= min_count]


def mentions_by_status(rows: Iterable[GlossaryRow]) -> Counter[str]:
    """How many mentions belong to terms whose English is official, draft or missing."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts[row.english_status] += row.count
    return counts


def columns(languages: Sequence[str] = LANGUAGES) -> list[Field]:
    """The row fields a table shows for ``languages``: language-neutral ones and those of the languages asked."""
    return list(_columns(tuple(languages)))


@cache
def _columns(languages: tuple[str, ...]) -> tuple[Field, ...]:
    """:func:`columns`, found once per choice of languages: a table asks for them on every row."""
    return tuple(f for f in fields(GlossaryRow) if f.metadata.get("lang") in (None, *languages))


def header(languages: Sequence[str] = LANGUAGES) -> list[str]:
    """The column names of :func:`columns`."""
    return [f.metadata.get("column", f.name) for f in columns(languages)]


def cells(row: GlossaryRow, languages: Sequence[str] = LANGUAGES) -> list[str]:
    """The row's values for :func:`columns`, as text: several values joined by :data:`SEPARATOR`."""
    values = _values(tuple(languages))(row)
    return [SEPARATOR.join(value) if isinstance(value, tuple) else str(value) for value in values]


@cache
def _values(languages: tuple[str, ...]) -> attrgetter:
    """What reads a row's values for :func:`columns` in one call (a table reads every row's)."""
    return attrgetter(*(f.name for f in _columns(languages)))


@cache
def type_labels() -> dict[str, dict[str, str]]:
    """Each term type (``ORG``) → its labels by language, from the ontology (``organization``, ``机构``)."""
    ontology = Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    labels: defaultdict[str, dict[str, str]] = defaultdict(dict)
    for category in ontology.subjects(RDF.type, KG.Category):
        for label in ontology.objects(category, RDFS.label):
            labels[str(category).rsplit("#", 1)[-1]][getattr(label, "language", None) or ""] = str(label)
    return dict(labels)


def neutralize(cell: str) -> str:
    """``cell`` made safe from spreadsheet formula evaluation."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _row(term: dict, alternatives: dict[str, set[str]], usage: Usage, drafter: Drafter | None) -> GlossaryRow:
    context, context_document = usage.context or ("", "")
    hans, hant, en = term["hans"] or "", term["hant"] or "", term["en"] or ""
    category = term["category"].rsplit("#", 1)[-1]
    status, note = term["status"] or ("official" if en else "missing"), ""
    if en and status == "draft":
        note = "translated by the thesaurus curators: no official English rendering is documented"
    if not en and drafter is not None:
        draft = drafter(hans or hant, category)
        if draft.drafted:
            en, status, note = draft.text, "draft", f"composed by kg: {draft.basis}"
        else:  # no English rather than word salad: the row says why
            status, note = "untranslated", f"no draft: {draft.basis}"
    preferred = {"zh-Hans": hans, "zh-Hant": hant, "en": en}
    short = {lang: _split_alternatives(alternatives.get(lang, set()), preferred[lang]) for lang in LANGUAGES}
    return GlossaryRow(
        id=local_id(term["concept"]),
        type=category,
        zh_hans=hans,
        zh_hant=hant,
        en=en,
        english_status=status,
        abbreviations_zh_hans=short["zh-Hans"][0],
        abbreviations_zh_hant=short["zh-Hant"][0],
        abbreviations_en=short["en"][0],
        variants_zh_hans=short["zh-Hans"][1],
        variants_zh_hant=short["zh-Hant"][1],
        variants_en=short["en"][1],
        count=term["count"] or 0,  # the build's one count of a term (kg:mentionCount)
        document_count=usage.document_count,
        documents=usage.documents,
        context=context,
        context_document=context_document,
        definition=term["definition"] or "",
        source=term["source"] or "",
        english_note=note,
    )


def _split_alternatives(labels: set[str], preferred: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Alternative labels as (abbreviations, variants): shorter than the preferred label, or not."""
    if not labels:
        return (), ()  # most terms have none in a language: asked 13,000 times on the Government Work Reports
    ordered = sorted(labels - {preferred})
    shorter = tuple(label for label in ordered if preferred and len(label) < len(preferred))
    return shorter, tuple(label for label in ordered if label not in shorter)


def _alternative_labels(graph: Queryable) -> defaultdict[str, dict[str, set[str]]]:
    """Concept → language tag (as :data:`LANGUAGES` spells it) → altLabels; other languages are dropped."""
    spelling = {lang.lower(): lang for lang in LANGUAGES}
    found: defaultdict[str, dict[str, set[str]]] = defaultdict(dict)
    for row in select_each(graph, _ALT_LABELS):
        lang = spelling.get((row["lang"] or "").lower())
        if lang:
            found[row["concept"]].setdefault(lang, set()).add(row["label"])
    return found


def _usage(graph: Queryable) -> Uses:
    """Each concept's documents and first sentence (in document-id and reading order)."""
    sentences: dict[tuple[str, str], str | None] = {}  # (concept, document) → the first sentence of a use there
    for row in select_each(graph, _MENTIONS):
        key = (row["concept"], row["document"])
        if sentences.get(key) is None:
            sentences[key] = row["sentence"]
    uses = Uses()
    for (concept, document), sentence in sentences.items():
        uses.add(concept, document, sentence)
    return uses
