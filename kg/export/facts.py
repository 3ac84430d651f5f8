"""What the glossary page shows beyond the rows, gathered a document at a time.

Most of what the page (:mod:`kg.export.html`) shows of a term is about
documents: the contexts it occurs in, the figures reported for an
indicator, who said it in which turn.  Each document's share is a
:class:`DocumentFacts`, made one of two ways that give the same value:

* from any graph kg wrote, by SPARQL (:func:`graph_documents`), which is
  how ``kg glossary OUT --format html`` reads a built corpus;
* from the annotated document itself (:func:`document_facts`), which is
  how a build's workers make it, beside the document's statements: the
  build keeps it with the shard and never reads the corpus's mentions back
  from a store.

Documents' facts are gathered, one document at a time, into a
:class:`PageDocuments`, which keeps of each term a sample of its contexts
and of each indicator a sample of its figures (:mod:`kg.sample`, spread
over the corpus and the same whatever order the documents come in, in
SQLite past a bound), and sums who said what: the page of a corpus of
millions of documents, and the build that makes it, hold what a
vocabulary needs, not the corpus.

The rest (labels, co-occurrence, broader and successor concepts,
memberships) is about the vocabulary, which a corpus's default graph holds
whole, so a build reads it from that graph alone (:func:`page_facts`).

A context is where a mention is in a *snippet*, the stretch of text shown
around it: its sentence, or in a document not split into sentences,
:data:`WINDOW` characters either side cut at line breaks.  Each document
stores each of its snippets once; positions inside a snippet count UTF-16
code units, as the page's JavaScript slices strings.

Where one node of the graph holds several figures (two figures over the
same text), SPARQL gives every combination of their values; each value is
taken as the least of them, which the document computes the same way.
"""

from __future__ import annotations

import heapq
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any, NamedTuple

from kg import regexes
from kg.rdf import terms
from kg.rdf.document import date_term, decimal_lexical, figures_by_range, mention_spans, script_of, source_value
from kg.rdf.sparql import Queryable, literal_value, select, select_each
from kg.recognize.doc import Doc, Figure
from kg.sample import SAMPLE_SIZE, Codec, Samples
from kg.text.script import to_simplified

#: Characters of text kept on each side of a mention whose document has no sentences.
WINDOW = 60
#: What a figure shows besides where it is, each the least value the graph holds for its observation.
FIGURE_VALUES = ("value", "unit", "period", "direction", "basis", "speaker")
_ASTRAL = regexes.compile("[\U00010000-\U0010ffff]")

_DOCUMENTS = """
SELECT ?document ?id ?text ?language ?title ?date ?url WHERE {
    ?document a nif:Context ; dcterms:identifier ?id .
    OPTIONAL { ?document nif:isString ?text }
    OPTIONAL { ?document dcterms:language ?language }
    OPTIONAL { ?document dcterms:title ?title }
    OPTIONAL { ?document schema:datePublished ?date }
    OPTIONAL { ?document dcterms:source ?url }
} ORDER BY ?id
"""

#: The parts of the text of a document too long for one literal (kg.rdf.document), in order.
_TEXT_PARTS = """
SELECT ?document ?begin ?text WHERE {
    ?part a kg:TextPart ; nif:referenceContext ?document ; nif:beginIndex ?begin ; nif:anchorOf ?text .
} ORDER BY ?document ?begin
"""

#: Labels of every concept, for the links to concepts the page has no row for (figures, filtered-out types).
_LABELS = """
SELECT ?concept ?label (lang(?label) AS ?lang) WHERE { ?concept a skos:Concept ; skos:prefLabel ?label }
"""
#: Labels of the concepts that are no term (:func:`kg.export.rows.glossary_rows` makes a row for every other):
#: what a page of every row links to without a row.
_LABELS_OF_NO_TERM = """
SELECT ?concept ?label (lang(?label) AS ?lang) WHERE {
    ?concept a skos:Concept ; skos:prefLabel ?label
    FILTER NOT EXISTS { ?concept kg:category ?category FILTER(?category != kg:FIGURE) }
}
"""

#: Each mention of a term, with the bounds of its sentence where the document was split into sentences.
_MENTIONS = """
SELECT ?concept ?document ?begin ?end ?sentence_begin ?sentence_end WHERE {
    ?mention itsrdf:taIdentRef ?concept ; nif:referenceContext ?document ; nif:beginIndex ?begin ; nif:endIndex ?end .
    ?concept kg:category ?category FILTER(?category != kg:FIGURE)
    OPTIONAL { ?mention nif:sentence ?sentence . ?sentence nif:beginIndex ?sentence_begin ; nif:endIndex ?sentence_end }
}
"""

#: Every figure reported for an indicator, with where it is written and who reported it.
_FIGURES = """
SELECT ?observation ?concept ?document ?begin ?end ?sentence_begin ?sentence_end
       ?value ?unit ?period ?direction ?basis ?speaker WHERE {
    ?observation a schema:Observation ; schema:variableMeasured ?concept ;
        prov:hadPrimarySource ?document ; prov:wasDerivedFrom ?mention .
    ?mention nif:beginIndex ?begin ; nif:endIndex ?end .
    OPTIONAL { ?mention nif:sentence ?sentence . ?sentence nif:beginIndex ?sentence_begin ; nif:endIndex ?sentence_end }
    OPTIONAL { ?observation schema:value ?value }
    OPTIONAL { ?observation schema:unitText ?unit }
    OPTIONAL { ?observation kg:period ?period }
    OPTIONAL { ?observation kg:direction ?direction }
    OPTIONAL { ?observation kg:basis ?basis }
    OPTIONAL { ?observation prov:wasAttributedTo ?speaker }
}
"""

#: Who said each term in each document: mentions in the turns of each speaker (a person, or a reporter's outlet).
#: Written turns first: Oxigraph joins in this order, and on disk starting from every mention took seconds.
_SPEAKERS = """
SELECT ?document ?concept ?agent (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
    ?mention kg:inTurn ?turn . ?turn prov:wasAssociatedWith ?agent . ?mention itsrdf:taIdentRef ?concept .
    ?mention nif:referenceContext ?document .
    ?concept kg:category ?category FILTER(?category != kg:FIGURE)
} GROUP BY ?document ?concept ?agent
"""

#: The speakers of each document's turns, with the roles the turns' headings give them.
_TURNS = """
SELECT DISTINCT ?document ?agent ?role WHERE {
    ?turn a kg:Turn ; nif:referenceContext ?document ; prov:wasAssociatedWith ?agent .
    OPTIONAL { ?turn kg:role ?role }
}
"""

#: The organizations speakers belong to (for those that speak in turns).
_MEMBERSHIPS = """
SELECT DISTINCT ?agent ?org WHERE { ?agent org:memberOf ?org }
"""

_COOCCURRENCES = """
SELECT ?concept ?other ?count WHERE {
    ?pair a kg:Cooccurrence ; kg:term ?concept, ?other ; kg:count ?count FILTER(?concept != ?other)
}
"""

#: Links between concepts; the page shows each also from the other end (narrower, replaces).
_RELATIONS = """
SELECT ?concept ?relation ?other WHERE {
    { ?concept org:subOrganizationOf ?other BIND("broader" AS ?relation) }
    UNION { ?concept dcterms:isReplacedBy ?other BIND("replacedBy" AS ?relation) }
}
"""

#: Where a mention is shown: ``(snippet, start, end)``, the snippet's index in its document's and the mention's
#: place in it in UTF-16 code units.
Context = tuple[int, int, int]


@dataclass(frozen=True)
class DocumentFacts:
    """What the page shows of one document: its record, its snippets, and the contexts, figures and speakers
    of the terms in it (concepts and speakers by IRI)."""

    iri: str
    id: str
    lang: str
    title: str
    date: str
    url: str
    snippets: list[tuple[int, str]]  # (offset in the document, text), each once, in the order first used
    mentions: list[tuple[str, Context]]  # (concept, context), in reading order
    figures: list[tuple[str, Context, dict[str, str]]]  # (indicator, context, FIGURE_VALUES present), in reading order
    speakers: list[tuple[str, str, int]]  # (concept, agent, mentions in the agent's turns)
    agents: list[str]  # who speaks in turns
    roles: list[tuple[str, str]]  # (agent, a role a turn's heading gives them)

    def record(self) -> dict[str, str]:
        """The document as the page lists it: the fields it has."""
        fields = {"id": self.id, "lang": self.lang, "title": self.title, "date": self.date, "url": self.url}
        return {name: value for name, value in fields.items() if value}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DocumentFacts:
        """The facts read back from the JSON of a shard (lists where there were tuples)."""
        return cls(
            **{name: data[name] for name in ("iri", "id", "lang", "title", "date", "url")},
            snippets=[(begin, text) for begin, text in data["snippets"]],
            mentions=[(concept, tuple(context)) for concept, context in data["mentions"]],  # type: ignore[misc]
            figures=[(concept, tuple(context), values) for concept, context, values in data["figures"]],  # type: ignore[misc]
            speakers=[(concept, agent, count) for concept, agent, count in data["speakers"]],
            agents=list(data["agents"]),
            roles=[(agent, role) for agent, role in data["roles"]],
        )


@dataclass(frozen=True)
class Shown:
    """What the page shows of one document: its record, and the mentions and figures the samples kept of it
    with the snippets they point into (numbered as :class:`DocumentFacts` numbers them)."""

    record: dict[str, str]
    snippets: list[tuple[int, str]]
    mentions: list[tuple[str, Context]]
    figures: list[tuple[str, Context, dict[str, str]]]


class _Kept(NamedTuple):
    """A mention or figure in a sample: its document's record (one dict for all of a document's, let go with
    the last of them), where it is, and a figure's values (in the order of :data:`FIGURE_VALUES`, ``None``
    where it has none: a tuple of six takes 88 bytes where a dict took 184 to 272, and the samples of a large
    vocabulary hold hundreds of thousands of figures)."""

    record: dict[str, str]
    order: int  # its place among its document's mentions (or figures)
    snippet: tuple[int, str]
    start: int
    end: int
    values: tuple[str | None, ...] | None


def _document(kept: _Kept) -> str:
    return kept.record["id"]


def _encoded(kept: _Kept) -> bytes:
    """``kept`` as SQLite keeps it: JSON, in ASCII (a JSON string may hold a lone surrogate)."""
    record, order, (begin, text), start, end, values = kept
    return json.dumps([record, order, begin, text, start, end, values], separators=(",", ":")).encode("ascii")


def _decoded(data: bytes) -> _Kept:
    record, order, begin, text, start, end, values = json.loads(data)
    return _Kept(record, order, (begin, text), start, end, None if values is None else tuple(values))


_KEPT = Codec(_document, _encoded, _decoded)


class PageDocuments:
    """What the page shows of a corpus's documents, gathered a document at a time (:meth:`add`) in memory
    that grows with neither the corpus nor, past a bound, the vocabulary.

    Of each term it keeps a sample of its contexts and of each indicator
    a sample of its figures (:class:`kg.sample.Samples` of ``size``, in
    SQLite past ``in_memory`` items each), with how many there are; the
    mentions of each term in each speaker's turns, summed; who speaks in
    turns and the roles turns give them (the first spelling of each, by
    document id); and, with the items kept, the records of their documents.
    Documents may come in any order.
    """

    def __init__(self, size: int = SAMPLE_SIZE, *, in_memory: int | None = None) -> None:
        self.size = size
        self.count = 0  # the documents added
        self.contexts = Samples(_KEPT, size, in_memory=in_memory)  # concept IRI → its contexts
        self.figures = Samples(_KEPT, size, in_memory=in_memory)  # indicator IRI → its figures
        self.said: Counter[tuple[str, str]] = Counter()  # (concept, agent) → mentions in the agent's turns
        self.speaking: set[str] = set()
        self._roles: defaultdict[str, dict[str, tuple[str, str]]] = defaultdict(dict)  # agent → key → (id, role)
        self._shown: list[Shown] | None = None  # what :meth:`shown` made of samples in memory, until they change

    @property
    def in_database(self) -> bool:
        """Whether the samples moved to SQLite, whose connections a forked copy must not use."""
        return self.contexts.in_database or self.figures.in_database

    def add(self, facts: DocumentFacts) -> None:
        """Take in one document's facts."""
        self.count += 1
        self._shown = None
        record = facts.record()
        for order, (concept, (snippet, start, end)) in enumerate(facts.mentions):
            kept = _Kept(record, order, facts.snippets[snippet], start, end, None)
            self.contexts.add(concept, f"{facts.id}\0{order}", kept)
        for order, (concept, (snippet, start, end), values) in enumerate(facts.figures):
            kept = _Kept(record, order, facts.snippets[snippet], start, end, _compact(values))
            self.figures.add(concept, f"{facts.id}\0{order}", kept)
        self.said.update({(concept, agent): mentions for concept, agent, mentions in facts.speakers})
        self.speaking.update(facts.agents)
        for agent, role in facts.roles:
            # the same role written in either script is one role
            self._spell(agent, to_simplified(role), (facts.id, role))

    def merge(self, other: PageDocuments) -> None:
        """Take in ``other``'s documents (none of them added here): the same samples are kept as when each of
        its documents is added here (:meth:`kg.sample.Samples.merge`).  ``other`` is taken over, not copied: it
        is not to be used again."""
        self.count += other.count
        self._shown = None
        self.contexts.merge(other.contexts)
        self.figures.merge(other.figures)
        self.said.update(other.said)
        self.speaking.update(other.speaking)
        for agent, their_spellings in other._roles.items():
            for key, spelt in their_spellings.items():
                self._spell(agent, key, spelt)

    def close(self) -> None:
        """Delete the samples' databases, if they moved to SQLite."""
        self.contexts.close()
        self.figures.close()

    def _spell(self, agent: str, key: str, spelt: tuple[str, str]) -> None:
        """Keep ``spelt`` (a document's id and how it spells the role ``key`` of ``agent``) if it is the first
        spelling by document id."""
        spellings = self._roles[agent]
        if key not in spellings or spelt < spellings[key]:
            spellings[key] = spelt

    def roles(self) -> dict[str, list[str]]:
        """Each agent's roles, as first spelt."""
        return {agent: sorted(role for _, role in spellings.values()) for agent, spellings in self._roles.items()}

    def shown(self) -> Iterator[Shown]:
        """The documents the samples point into, by id, with what the samples kept of each, as the page takes
        them: from samples in SQLite made one at a time as they are read, every time; from samples in memory
        (no more than :data:`kg.sample.IN_MEMORY` items) made once and kept until documents are added, as a
        page reads them three times (its terms' extras, its documents, its snippets: 25 ms each of the
        serial end of a build of the 50 reports)."""
        if self.in_database:
            return self._made()
        if self._shown is None:
            self._shown = list(self._made())
        return iter(self._shown)

    def _made(self) -> Iterator[Shown]:
        """:meth:`shown`, made from the samples read in their documents' order."""
        parts = [_tagged(part, samples) for part, samples in enumerate((self.contexts, self.figures))]
        for _, items in groupby(heapq.merge(*parts, key=lambda item: item[0]), key=lambda item: item[0]):
            # the samples' items in order: a document's mentions, then its figures, each in reading order
            ordered = sorted(items, key=lambda item: item[1:3])
            numbers: dict[tuple[int, str], int] = {}  # snippets numbered in order of first use, mentions first
            contexts = [(concept, _numbered(kept, numbers)) for _, part, _, concept, kept in ordered if not part]
            measured = [
                (concept, _numbered(kept, numbers), _present(kept.values))
                for _, part, _, concept, kept in ordered
                if part
            ]
            yield Shown(ordered[0][4].record, list(numbers), contexts, measured)


def _tagged(part: int, samples: Samples[_Kept]) -> Iterator[tuple[str, int, int, str, _Kept]]:
    """The items of ``samples`` in their documents' order, each as ``(document, part, order, concept, item)``."""
    for concept, kept in samples.items():
        yield _document(kept), part, kept.order, concept, kept


def _compact(values: Mapping[str, str] | None) -> tuple[str | None, ...] | None:
    """A figure's values as a sample keeps them (:class:`_Kept`), each value one string however many figures
    have it (a unit, a period, a speaker's IRI recur in thousands)."""
    if values is None:
        return None
    return tuple(None if (value := values.get(name)) is None else sys.intern(value) for name in FIGURE_VALUES)


def _present(values: tuple[str | None, ...] | None) -> dict[str, str]:
    """A kept figure's values (:func:`_compact`), as :class:`DocumentFacts` gives them: those it has, by name."""
    if values is None:
        return {}
    return {name: value for name, value in zip(FIGURE_VALUES, values, strict=True) if value is not None}


def _numbered(item: _Kept, numbers: dict[tuple[int, str], int]) -> Context:
    """``item``'s context, its snippet numbered in ``numbers`` (the next number if it is new)."""
    return numbers.setdefault(item.snippet, len(numbers)), item.start, item.end


@dataclass(frozen=True)
class PageFacts:
    """What the page shows beyond the rows, as plain data: the documents' facts and the vocabulary's."""

    labels: dict[str, str]
    documents: PageDocuments
    memberships: list[tuple[str, str]]  # (agent, organization)
    cooccurrences: list[tuple[str, str, int]]  # (concept, other, sentences), each IRI one string however often
    relations: list[dict[str, Any]]


def page_facts(graph: Queryable, documents: PageDocuments | None = None, *, every_row: bool = False) -> PageFacts:
    """What the page shows beyond the rows: the vocabulary's facts read from ``graph``, and the ``documents``'
    facts (read from ``graph`` too if not given: a build gives them and ``graph`` is its default graph).

    With ``every_row``, for a page of every row of ``graph``'s glossary (a
    build's), the labels are only those of the concepts that are no term:
    the page names every other concept by its row.
    """
    if documents is None:
        documents = PageDocuments()
        for facts in graph_documents(graph):
            documents.add(facts)
    return PageFacts(
        labels=_labels(graph, _LABELS_OF_NO_TERM if every_row else _LABELS),
        documents=documents,
        memberships=[(row["agent"], row["org"]) for row in select_each(graph, _MEMBERSHIPS)],
        cooccurrences=[
            (sys.intern(row["concept"]), sys.intern(row["other"]), row["count"])
            for row in select_each(graph, _COOCCURRENCES)
        ],
        relations=select(graph, _RELATIONS),
    )


def graph_documents(graph: Queryable) -> list[DocumentFacts]:
    """The facts of every document of ``graph``, by id, read by SPARQL."""
    parts: defaultdict[str, list[str]] = defaultdict(list)
    for part in select_each(graph, _TEXT_PARTS):
        parts[part["document"]].append(part["text"])
    mentions = _grouped(select_each(graph, _MENTIONS))
    figures = _grouped(select_each(graph, _FIGURES))
    speakers = _grouped(select_each(graph, _SPEAKERS))
    turns = _grouped(select_each(graph, _TURNS))
    documents: dict[str, DocumentFacts] = {}
    for row in select_each(graph, _DOCUMENTS):
        iri = row["document"]
        if iri in documents:
            continue
        text = row["text"] if row["text"] is not None else "".join(parts[iri])
        snippets = _Snippets(text)
        found = {(m["begin"], m["end"], m["concept"], m["sentence_begin"], m["sentence_end"]) for m in mentions[iri]}
        observations: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for figure in figures[iri]:
            observations[figure["observation"]].append(figure)
        measured = []
        for rows in observations.values():
            first = rows[0]
            values = {name: _least(row[name] for row in rows) for name in FIGURE_VALUES}
            sentence = _bounds(first["sentence_begin"], first["sentence_end"])
            measured.append((first["begin"], first["end"], sentence, _least(row["concept"] for row in rows), values))
        documents[iri] = DocumentFacts(
            iri=iri,
            id=row["id"],
            lang=str(row["language"] or ""),
            title=row["title"] or "",
            date=str(row["date"] or ""),
            url=row["url"] or "",
            snippets=snippets.table,
            mentions=[
                (concept, snippets.context(begin, end, _bounds(first, last)))
                for begin, end, concept, first, last in sorted(found)
            ],
            figures=_figures(measured, snippets),
            speakers=sorted((s["concept"], s["agent"], s["mentions"]) for s in speakers[iri]),
            agents=sorted({turn["agent"] for turn in turns[iri]}),
            roles=sorted({(turn["agent"], turn["role"]) for turn in turns[iri] if turn["role"]}),
        )
    return list(documents.values())


def document_facts(doc: Doc, categories: Mapping[str, str]) -> DocumentFacts:
    """The facts of ``doc`` as its graph states them (:mod:`kg.rdf.document`), ``categories`` being the
    category its statements give each concept (a figure's is ``FIGURE``)."""
    document = terms.document_iri(doc.id)
    snippets = _Snippets(doc.text)
    found: set[tuple[int, int, str]] = set()
    said: set[tuple[int, int, str, str]] = set()
    for span in mention_spans(doc):
        if not span.concept or categories.get(span.concept) == "FIGURE":
            continue
        concept = terms.concept_iri(span.concept)
        found.add((span.start, span.end, concept))
        turn = doc.turn_of(span.start)
        if turn is not None and (agent := turn.person or turn.org):
            said.add((span.start, span.end, concept, terms.concept_iri(agent)))
    measured = []
    for (start, end), figures in figures_by_range(doc.figures).items():
        indicators = [terms.concept_iri(f.indicator_concept) for f in figures if f.indicator and f.indicator_concept]
        if indicators:
            measured.append((start, end, _sentence(doc, start), min(indicators), _figure_values(figures, doc)))
    agents: set[str] = set()
    roles: set[tuple[str, str]] = set()
    for turn in doc.turns:
        if agent := turn.person or turn.org:
            agents.add(terms.concept_iri(agent))
            roles.update((terms.concept_iri(agent), role) for role in turn.roles)
    meta = doc.meta
    date = ""
    if meta.get("date"):
        lexical, datatype = date_term(meta["date"])
        date = lexical if datatype is None else str(literal_value(lexical, datatype))
    return DocumentFacts(
        iri=document,
        id=doc.id,
        lang=script_of(doc),
        title=str(meta["title"]) if meta.get("title") else "",
        date=date,
        url=source_value(str(meta["url"])) if meta.get("url") else "",
        snippets=snippets.table,
        mentions=[
            (concept, snippets.context(begin, end, _sentence(doc, begin))) for begin, end, concept in sorted(found)
        ],
        figures=_figures(measured, snippets),
        speakers=sorted((concept, agent, count) for (concept, agent), count in Counter(s[2:] for s in said).items()),
        agents=sorted(agents),
        roles=sorted(roles),
    )


def number(value: object) -> str | None:
    """A figure's value as plain digits (11860000, 24.5), never in exponent form."""
    if value is None:
        return None
    text = format(Decimal(str(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Snippets:
    """A document's snippets, each stored once, and where each mention is in its snippet."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.table: list[tuple[int, str]] = []
        self._index: dict[tuple[int, int], int] = {}

    def context(self, begin: int, end: int, sentence: tuple[int, int] | None) -> Context:
        """``(snippet, start, end)`` of the mention at ``begin``–``end`` in ``sentence`` (``None``: a window)."""
        text = self.text
        if sentence is not None:
            first, last = sentence
        else:
            first = max(text.rfind("\n", max(0, begin - WINDOW), begin) + 1, begin - WINDOW, 0)
            stop = text.find("\n", end, end + WINDOW)
            last = stop if stop >= 0 else min(len(text), end + WINDOW)
        if (first, last) not in self._index:
            self._index[first, last] = len(self.table)
            self.table.append((first, text[first:last]))
        snippet = text[first:last]
        start, stop = begin - first, end - first
        if _ASTRAL.search(snippet):  # JavaScript counts a character beyond U+FFFF as two
            start, stop = _utf16_length(snippet[:start]), _utf16_length(snippet[:stop])
        return self._index[first, last], start, stop


def _figures(
    measured: list[tuple[int, int, tuple[int, int] | None, str, dict[str, Any]]], snippets: _Snippets
) -> list[tuple[str, Context, dict[str, str]]]:
    """Figures in reading order, after the mentions (whose snippets come first), with their values as shown."""
    figures = []
    for begin, end, sentence, concept, values in sorted(measured, key=lambda figure: figure[:2]):
        shown = {**values, "value": number(values["value"])}
        present = {name: value for name, value in shown.items() if value not in (None, "")}
        figures.append((concept, snippets.context(begin, end, sentence), present))
    return figures


def _figure_values(figures: list[Figure], doc: Doc) -> dict[str, Any]:
    """Each of :data:`FIGURE_VALUES` of the figures over one stretch of text, the least as SPARQL would pair them."""
    candidates: dict[str, list[Any]] = {
        "value": [Decimal(lexical) for f in figures if (lexical := decimal_lexical(f.value)) is not None],
        "unit": [f.unit for f in figures if f.unit],
        "period": [f.period for f in figures if f.period],
        "direction": [f.direction for f in figures if f.direction],
        "basis": [f.basis for f in figures if f.basis],
        "speaker": [terms.concept_iri(f.speaker) for f in figures if f.speaker],
    }
    return {name: _least(values) for name, values in candidates.items()}


def _least(values: Iterable[Any]) -> Any:
    """The least of the values that are there, or ``None``."""
    return min((value for value in values if value is not None), default=None)


def _sentence(doc: Doc, offset: int) -> tuple[int, int] | None:
    return doc.sentence_of(offset) if doc.sentences else None


def _bounds(first: int | None, last: int | None) -> tuple[int, int] | None:
    return None if first is None or last is None else (first, last)


def _grouped(rows: Iterable[dict[str, Any]]) -> defaultdict[str, list[dict[str, Any]]]:
    """Rows by their ``document``."""
    grouped: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["document"]].append(row)
    return grouped


def _labels(graph: Queryable, query: str) -> dict[str, str]:
    """Concept IRI → its name for a reader: the zh-Hans prefLabel, else the English one, else any; of the
    concepts ``query`` (:data:`_LABELS`, or :data:`_LABELS_OF_NO_TERM`) gives the labels of."""
    ranked: dict[str, tuple[int, str]] = {}
    preference = {"zh-hans": 0, "en": 1}
    for row in select_each(graph, query):
        rank = preference.get((row["lang"] or "").lower(), 2)
        if row["concept"] not in ranked or (rank, row["label"]) < ranked[row["concept"]]:
            ranked[row["concept"]] = (rank, row["label"])
    return {concept: label for concept, (_, label) in ranked.items()}


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
