"""Annotated documents as an RDF knowledge graph in standard vocabularies.

Every fact is written in a vocabulary other tools already read, so the graph
is useful without this package: documents are ``schema:Article`` and NIF
contexts, mentions are NIF offset strings linked by ``itsrdf:taIdentRef``
to SKOS concepts, persons and organizations are also ``schema:Person`` and
W3C ORG organizations with ``org:Membership`` posts, speaker turns are PROV
activities, and reported figures are ``schema:Observation`` nodes.  Only
what no standard says (a concept's mention category, who said which term,
term co-occurrence) uses the project ontology ``kg:`` (``ontology/kg.ttl``).

IRIs are minted from offsets and ids, never from counters or blank nodes,
so the same documents give the same triples on every run and a document
can be added to a graph (or later to a named graph of its own) on its own:
:func:`add_document`.  Co-occurrence counts span documents and are written
once by :func:`build_graph`.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from itertools import combinations
from typing import Any
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

from kg.cleaning import clean
from kg.doc import Doc, Figure, Span, Turn
from kg.events import add_press_conference
from kg.ids import concept_iri, mint_concept_id, safe_segment
from kg.namespaces import ITSRDF, KG, KGC, KGD, NIF, PREFIXES
from kg.script import to_simplified, to_traditional
from kg.thesaurus import Concept, Thesaurus, default_thesaurus

#: Every prefix a written graph binds and every SPARQL query may use.
NAMESPACES: dict[str, Namespace] = {
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "org": Namespace(str(ORG)),
    "prov": Namespace(str(PROV)),
    "schema": Namespace(str(SDO)),
    "dcterms": Namespace(str(DCTERMS)),
    "foaf": Namespace(str(FOAF)),
    **PREFIXES,
}

#: The curated thesaurus's scheme (``ontology/thesaurus/scheme.ttl``).
THESAURUS_SCHEME = KGC["thesaurus"]
#: The scheme of concepts minted for names the thesaurus does not know.
EXTRACTED_SCHEME = KGC["extracted"]

_TYPES_BY_CATEGORY: dict[str, tuple[URIRef, ...]] = {
    "PERSON": (SDO.Person, FOAF.Person),
    "ORG": (ORG.Organization,),
}
_URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: Characters a URL may keep as they are; anything else is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def new_graph() -> Graph:
    """An empty graph with the project's and the standard prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def build_graph(
    docs: Iterable[Doc],
    thesaurus: Thesaurus | None = None,
    *,
    include_thesaurus: bool = False,
    generated_at: datetime | None = None,
) -> Graph:
    """The knowledge graph of ``docs``.

    Only concepts that occur are described, unless ``include_thesaurus``
    asks for every thesaurus concept (for publishing the vocabulary with
    its usage).  ``generated_at`` stamps the build activity; it is not read
    from the clock so that the same input serializes to the same bytes.
    """
    thesaurus = default_thesaurus() if thesaurus is None else thesaurus
    graph = new_graph()
    pairs: Counter[tuple[str, str]] = Counter()
    documents, usages = [], []
    for doc in docs:
        documents.append(add_document(graph, doc, thesaurus))
        pairs.update(cooccurrences(doc))
        usages.append(usage(doc))
    add_cooccurrences(graph, pairs)
    add_usage(graph, usage_totals(usages))
    if include_thesaurus:
        for concept_id in sorted(thesaurus.concepts):
            add_concept(graph, concept_id, thesaurus[concept_id].category, thesaurus)
    add_build_activity(graph, documents, generated_at)
    return graph


def document_iri(doc_id: str) -> URIRef:
    """The IRI of a document; any id is made safe, so ``>`` or spaces cannot break it."""
    return KGD[safe_segment(doc_id)]


def offset_iri(doc_id: str, start: int, end: int, kind: str = "char") -> URIRef:
    """An IRI for ``text[start:end]`` under its document, NIF style (``#char=10,14``)."""
    return URIRef(f"{document_iri(doc_id)}#{kind}={start},{end}")


def category_iri(category: str) -> URIRef:
    """The ``kg:`` individual of a mention or concept category (``kg:ORG``)."""
    return KG[safe_segment(category)]


def add_document(graph: Graph, doc: Doc, thesaurus: Thesaurus) -> URIRef:
    """Add ``doc``, its mentions, turns and figures to ``graph``; return the document's IRI."""
    node = document_iri(doc.id)
    _describe_document(graph, node, doc)
    for span in _mention_spans(doc):
        _add_mention(graph, node, doc, span, thesaurus)
    for turn in doc.turns:
        _add_turn(graph, node, doc, turn, thesaurus)
    for figure in doc.figures:
        _add_figure(graph, node, doc, figure, thesaurus)
    add_press_conference(graph, node, doc)
    return node


def add_concept(
    graph: Graph,
    concept_id: str,
    category: str,
    thesaurus: Thesaurus,
    name: str | None = None,
    script: str = "zh-Hans",
) -> URIRef:
    """Describe a concept once: from the thesaurus if it has it, else from ``name`` and ``category``.

    The first description wins, so a concept never gets two prefLabels in
    one language however many surface forms it has.  ``script`` is the
    language tag of ``name`` as written: a Traditional name is kept as its
    own zh-Hant label rather than round-tripped through Simplified (於→于→于).
    """
    iri = concept_iri(concept_id)
    if (iri, RDF.type, SKOS.Concept) in graph:
        return iri
    graph.add((iri, RDF.type, SKOS.Concept))
    entry = thesaurus.concepts.get(concept_id)
    if entry is not None:
        category = entry.category
        _describe_curated(graph, iri, entry, thesaurus)
    else:
        _describe_extracted(graph, iri, name, script)
    graph.add((iri, KG.category, category_iri(category)))
    for rdf_type in _TYPES_BY_CATEGORY.get(category, ()):
        graph.add((iri, RDF.type, rdf_type))
    return iri


def cooccurrences(doc: Doc) -> Counter[tuple[str, str]]:
    """Sentences in which each unordered pair of (non-figure) concepts occurs together.

    Pairs are sorted tuples of concept ids; a document not split into
    sentences counts as one sentence.
    """
    by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for span in doc.ents:
        if span.concept and span.label != "FIGURE":
            by_sentence[doc.sentence_of(span.start)].add(span.concept)
    return Counter(pair for concepts in by_sentence.values() for pair in combinations(sorted(concepts), 2))


def usage(doc: Doc) -> Counter[str]:
    """How many times each (non-figure) concept is mentioned in ``doc``."""
    return Counter(span.concept for span in doc.ents if span.concept and span.label != "FIGURE")


def usage_totals(per_document: Iterable[Mapping[str, int]]) -> dict[str, tuple[int, int]]:
    """``concept → (mentions, documents)`` over a corpus, from each document's :func:`usage`."""
    mentions: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for counts in per_document:
        mentions.update(counts)
        documents.update(counts.keys())
    return {concept: (mentions[concept], documents[concept]) for concept in mentions}


def add_usage(graph: Graph, totals: Mapping[str, tuple[int, int]]) -> None:
    """Record each concept's corpus-wide mention and document counts.

    They are computed once per build, like the co-occurrence counts, so that
    the glossary query reads one value per concept instead of counting every
    mention of the corpus.
    """
    for concept, (mentions, documents) in sorted(totals.items()):
        iri = concept_iri(concept)
        graph.set((iri, KG.mentionCount, Literal(mentions, datatype=XSD.integer)))
        graph.set((iri, KG.documentCount, Literal(documents, datatype=XSD.integer)))


def add_cooccurrences(graph: Graph, counts: Mapping[tuple[str, str], int]) -> None:
    """Add ``counts`` to the graph's ``kg:Cooccurrence`` nodes (creating them as needed)."""
    for (first, second), count in sorted(counts.items()):
        first, second = sorted((first, second))
        node = KGC[f"cooccurrence/{first}/{second}"]
        previous = graph.value(node, KG["count"])
        total = count + (previous.toPython() if isinstance(previous, Literal) else 0)
        graph.set((node, KG["count"], Literal(total, datatype=XSD.integer)))
        graph.add((node, RDF.type, KG.Cooccurrence))
        graph.add((node, KG["term"], concept_iri(first)))
        graph.add((node, KG["term"], concept_iri(second)))


def add_build_activity(graph: Graph, documents: Iterable[URIRef], generated_at: datetime | None = None) -> URIRef:
    """Record the build as a PROV activity that used ``documents``.

    Its IRI is a digest of the documents' IRIs, so rebuilding the same
    corpus names the same activity.
    """
    documents = sorted(set(documents))
    digest = hashlib.sha256("\n".join(documents).encode()).hexdigest()[:16]
    run = KGD[f"build/{digest}"]
    graph.add((run, RDF.type, PROV.Activity))
    graph.add((run, RDFS.label, Literal("kg graph build", lang="en")))
    for document in documents:
        graph.add((run, PROV.used, document))
    if generated_at is not None:
        graph.add((run, PROV.endedAtTime, Literal(generated_at)))
    return run


def document_statements(doc: Doc, thesaurus: Thesaurus) -> tuple[str, str]:
    """What ``doc`` adds to a corpus, as N-Triples: its own statements, and the shared ones.

    A document's own statements are about the document and the mentions,
    sentences, turns, figures and events under its IRI: they make its named
    graph, replaced whole when the document changes.  The rest (concepts,
    memberships, who said which term) describe a vocabulary all documents
    share, so they go to the corpus's default graph, merged by
    :func:`merge_shared`.  N-Triples, one statement a line, is what a worker
    process hands back and a cache keeps, and any RDF store loads it fast.
    The throwaway graph uses rdflib's ``SimpleMemory`` store, a third faster
    to fill than the default one, whose extra indexes only a long-lived
    graph needs.
    """
    graph = Graph(store="SimpleMemory", bind_namespaces="none")
    node = add_document(graph, doc, thesaurus)
    own, shared = [], []
    for line in ntriples_lines(graph.serialize(format="nt")):
        (own if _is_about(line, node) else shared).append(line)
    return "".join(own), "".join(shared)


def merge_shared(statements: Iterable[str]) -> list[str]:
    """The union of the shared N-Triples of several documents, in order, with one prefLabel per language.

    Each document describes the concepts it mentions on its own, so a name
    minted from a Traditional form in one document and from a Simplified
    form in another could get two zh-Hant prefLabels; as in
    :func:`add_concept`, the first description wins.
    """
    kept: dict[str, None] = {}
    labelled: set[tuple[str, str]] = set()
    for text in statements:
        for line in ntriples_lines(text):
            if line in kept:
                continue
            subject, predicate, rest = line.split(" ", 2)
            if predicate == _PREF_LABEL:
                language = _language(rest)
                if (subject, language) in labelled:
                    continue
                labelled.add((subject, language))
            kept[line] = None
    return list(kept)


def ntriples_lines(text: str) -> list[str]:
    """The statements of an N-Triples text, one per line, each ending in a newline.

    Lines end at ``\n`` only: ``str.splitlines`` would also cut at U+2028,
    U+0085 or ``\x1e``, which N-Triples leaves unescaped inside literals.
    """
    return [line + "\n" for line in text.split("\n") if line.strip()]


def corpus_statements(
    pairs: Mapping[tuple[str, str], int],
    documents: Iterable[URIRef],
    generated_at: datetime | None = None,
    totals: Mapping[str, tuple[int, int]] | None = None,
) -> str:
    """The corpus-wide statements as N-Triples: co-occurrence and usage counts, and the build activity."""
    graph = new_graph()
    add_cooccurrences(graph, pairs)
    add_usage(graph, totals or {})
    add_build_activity(graph, documents, generated_at)
    return graph.serialize(format="nt")


def build_dataset(
    docs: Iterable[Doc], thesaurus: Thesaurus | None = None, *, generated_at: datetime | None = None
) -> Dataset:
    """The knowledge graph of ``docs`` as an RDF dataset with a named graph per document.

    Each document's own statements are in the named graph of its IRI; the
    default graph holds the shared vocabulary, the co-occurrence counts and
    the build (see :func:`document_statements`).  Queries see the union of
    all graphs, so the SPARQL that runs on :func:`build_graph`'s graph gives
    the same answers here.
    """
    thesaurus = default_thesaurus() if thesaurus is None else thesaurus
    dataset = Dataset(default_union=True)
    for prefix, namespace in NAMESPACES.items():
        dataset.bind(prefix, namespace, override=True)
    pairs: Counter[tuple[str, str]] = Counter()
    documents, shared, usages = [], [], []
    for doc in docs:
        own, statements = document_statements(doc, thesaurus)
        node = document_iri(doc.id)
        dataset.graph(node).parse(data=own, format="nt")
        documents.append(node)
        shared.append(statements)
        pairs.update(cooccurrences(doc))
        usages.append(usage(doc))
    default = dataset.default_graph
    default.parse(data="".join(merge_shared(shared)), format="nt")
    default.parse(data=corpus_statements(pairs, documents, generated_at, usage_totals(usages)), format="nt")
    return dataset


def select(graph: Graph, query: str, **bindings: Node) -> list[dict[str, Any]]:
    """Run a SPARQL SELECT with the project's prefixes; rows as plain Python values.

    IRIs become ``str``, literals their Python value (``Decimal``, ``int``,
    ``str`` …) and unbound variables ``None``, so callers deal in plain
    data, not rdflib terms.
    """
    result = graph.query(query, initNs=NAMESPACES, initBindings=bindings or None)
    names = [str(var) for var in result.vars or ()]
    return [{name: _plain(row[name]) for name in names} for row in result]


_PREF_LABEL = SKOS.prefLabel.n3()
_LANGUAGE_TAG = re.compile(r'"@([A-Za-z0-9-]+) \.\s*$')


def _is_about(line: str, document: URIRef) -> bool:
    """Whether an N-Triples line's subject is ``document`` or a fragment of it (``…#char=3,5``)."""
    return line.startswith((f"<{document}>", f"<{document}#"))


def _language(term: str) -> str:
    """The language tag that ends an N-Triples object (``"国务院"@zh-Hans .``), lowercased as BCP 47 compares."""
    match = _LANGUAGE_TAG.search(term)
    return match[1].lower() if match else ""


def _plain(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.toPython()
    return str(term)


def _script(doc: Doc) -> str:
    """The language tag of the document's script: Simplified text is its own Simplified view."""
    return "zh-Hans" if doc.text == doc.simplified else "zh-Hant"


def _describe_document(graph: Graph, node: URIRef, doc: Doc) -> None:
    script = _script(doc)
    for rdf_type in (SDO.Article, NIF.Context, PROV.Entity):
        graph.add((node, RDF.type, rdf_type))
    graph.add((node, DCTERMS.identifier, Literal(doc.id)))
    graph.add((node, DCTERMS.language, Literal(script, datatype=XSD.language)))
    graph.add((node, NIF.isString, Literal(doc.text)))
    _add_offsets(graph, node, 0, len(doc.text))
    if doc.meta.get("title"):
        graph.add((node, DCTERMS.title, Literal(str(doc.meta["title"]), lang=script)))
    if doc.meta.get("date"):
        graph.add((node, SDO.datePublished, _date_literal(doc.meta["date"])))
    if doc.meta.get("url"):
        graph.add((node, DCTERMS.source, _link(str(doc.meta["url"]))))


def _mention_spans(doc: Doc) -> list[Span]:
    """Entity spans, plus a FIGURE span for each figure that has none, so every figure has a mention."""
    covered = {(span.start, span.end) for span in doc.ents}
    extra = [
        Span(f.start, f.end, "FIGURE", f.text, f.concept, "figure")
        for f in doc.figures
        if (f.start, f.end) not in covered
    ]
    return [*doc.ents, *extra]


def _add_mention(graph: Graph, doc_node: URIRef, doc: Doc, span: Span, thesaurus: Thesaurus) -> None:
    node = _add_text(graph, doc_node, doc, span.start, span.end, NIF.Phrase)
    graph.add((node, KG.mentionType, category_iri(span.label)))
    if doc.sentences:
        sentence = _add_text(graph, doc_node, doc, *doc.sentence_of(span.start), NIF.Sentence)
        graph.add((node, NIF.sentence, sentence))
    if not span.concept:
        return
    # a name's label is the name without reposting noise (工业(yè)和信息化部 → 工业和信息化部);
    # a name with no Chinese in it is not noise to the cleaner's line rule, so it is kept as written
    written = doc.text[span.start : span.end]
    name = clean(written).text or written
    concept = add_concept(graph, span.concept, span.label, thesaurus, name, _script(doc))
    graph.add((node, ITSRDF.taIdentRef, concept))
    turn = doc.turn_of(span.start)
    if turn is not None:
        graph.add((node, KG.inTurn, offset_iri(doc.id, turn.start, turn.end, "turn")))
        agent = turn.person or turn.org
        if agent and span.label != "FIGURE":
            graph.add((concept_iri(agent), KG.said, concept))


def _add_text(graph: Graph, doc_node: URIRef, doc: Doc, start: int, end: int, kind: URIRef) -> URIRef:
    """A NIF string node for ``doc.text[start:end]``; its anchor is read from the text, never trusted from a span."""
    node = offset_iri(doc.id, start, end)
    graph.add((node, RDF.type, kind))
    graph.add((node, RDF.type, NIF.OffsetBasedString))
    graph.add((node, NIF.anchorOf, Literal(doc.text[start:end])))
    graph.add((node, NIF.referenceContext, doc_node))
    _add_offsets(graph, node, start, end)
    return node


def _add_offsets(graph: Graph, node: URIRef, start: int, end: int) -> None:
    graph.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    graph.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))


def _add_turn(graph: Graph, doc_node: URIRef, doc: Doc, turn: Turn, thesaurus: Thesaurus) -> None:
    """A turn is a PROV activity of its speaker (the outlet, for a reporter) over a stretch of text."""
    script = _script(doc)
    node = offset_iri(doc.id, turn.start, turn.end, "turn")
    graph.add((node, RDF.type, KG.Turn))
    graph.add((node, RDFS.label, Literal(turn.speaker, lang=script)))
    graph.add((node, NIF.referenceContext, doc_node))
    _add_offsets(graph, node, turn.start, turn.end)
    for role in turn.roles:
        graph.add((node, KG.role, Literal(role, lang=script)))
    person = add_concept(graph, turn.person, "PERSON", thesaurus, turn.speaker, script) if turn.person else None
    org = add_concept(graph, turn.org, "ORG", thesaurus) if turn.org else None
    agent = person or org
    if agent is not None:
        graph.add((node, PROV.wasAssociatedWith, agent))
    if turn.person and turn.org:
        graph.add((concept_iri(turn.person), ORG.memberOf, concept_iri(turn.org)))
        for role in turn.roles:
            _add_membership(graph, doc_node, turn.person, turn.org, role, script)


def _add_membership(graph: Graph, doc_node: URIRef, person: str, org: str, role: str, script: str) -> None:
    """A W3C ORG post: ``person`` holds ``role`` in ``org``, as stated in the document."""
    role_id = mint_concept_id("ROLE", role)
    role_node = concept_iri(role_id)
    if (role_node, RDF.type, ORG.Role) not in graph:
        graph.add((role_node, RDF.type, ORG.Role))
        _add_name_labels(graph, role_node, role, script)
    node = KGC[f"membership/{person}/{org}/{role_id}"]
    graph.add((node, RDF.type, ORG.Membership))
    graph.add((node, ORG.member, concept_iri(person)))
    graph.add((node, ORG.organization, concept_iri(org)))
    graph.add((node, ORG.role, role_node))
    graph.add((node, PROV.wasDerivedFrom, doc_node))


def _add_figure(graph: Graph, doc_node: URIRef, doc: Doc, figure: Figure, thesaurus: Thesaurus) -> None:
    """A figure as a ``schema:Observation`` of its indicator, attributed to its speaker."""
    node = offset_iri(doc.id, figure.start, figure.end, "figure")
    graph.add((node, RDF.type, SDO.Observation))
    graph.add((node, PROV.wasDerivedFrom, offset_iri(doc.id, figure.start, figure.end)))
    graph.add((node, PROV.hadPrimarySource, doc_node))
    value = _decimal(figure.value)
    if value is not None:
        graph.add((node, SDO.value, value))
    script = _script(doc)
    if figure.unit:
        graph.add((node, SDO.unitText, Literal(figure.unit, lang=script)))
    if figure.indicator:
        indicator = _indicator_id(figure.indicator, thesaurus)
        concept = add_concept(graph, indicator, "INDICATOR", thesaurus, figure.indicator, script)
        graph.add((node, SDO.variableMeasured, concept))
    for predicate, text in ((KG.period, figure.period), (KG.basis, figure.basis)):
        if text:
            graph.add((node, predicate, Literal(text, lang=script)))
    if figure.direction:
        graph.add((node, KG.direction, Literal(figure.direction)))
    if figure.speaker:
        speaker = add_concept(graph, figure.speaker, "PERSON", thesaurus)
        graph.add((node, PROV.wasAttributedTo, speaker))


def _indicator_id(text: str, thesaurus: Thesaurus) -> str:
    """The thesaurus's indicator named ``text``, else one minted from it."""
    curated = (c.id for c in thesaurus.lookup(text) if c.category == "INDICATOR")
    return next(curated, None) or mint_concept_id("INDICATOR", text)


def _describe_curated(graph: Graph, iri: URIRef, entry: Concept, thesaurus: Thesaurus) -> None:
    graph.add((iri, SKOS.inScheme, THESAURUS_SCHEME))
    graph.add((THESAURUS_SCHEME, RDF.type, SKOS.ConceptScheme))
    for lang, label in sorted(entry.pref.items()):
        graph.add((iri, SKOS.prefLabel, Literal(label, lang=lang or None)))
    for lang, labels in sorted(entry.alt.items()):
        for label in labels:
            graph.add((iri, SKOS.altLabel, Literal(label, lang=lang or None)))
    if entry.definition:
        graph.add((iri, SKOS.definition, Literal(entry.definition, lang="en")))
    if entry.source:
        graph.add((iri, DCTERMS.source, _link(entry.source)))
    if entry.ambiguous:
        graph.add((iri, KG.ambiguous, Literal(True)))
    graph.add((iri, KG.englishStatus, Literal(entry.english_status)))
    if entry.parent:
        parent_category = thesaurus[entry.parent].category if entry.parent in thesaurus else "ORG"
        graph.add((iri, ORG.subOrganizationOf, add_concept(graph, entry.parent, parent_category, thesaurus)))
    if entry.replaced_by:
        # described like a parent, so that a reader of the graph (or of the glossary page) can follow the link
        successor = thesaurus.concepts.get(entry.replaced_by, entry)
        graph.add((iri, DCTERMS.isReplacedBy, add_concept(graph, entry.replaced_by, successor.category, thesaurus)))


def _describe_extracted(graph: Graph, iri: URIRef, name: str | None, script: str) -> None:
    graph.add((iri, SKOS.inScheme, EXTRACTED_SCHEME))
    graph.add((EXTRACTED_SCHEME, RDF.type, SKOS.ConceptScheme))
    graph.add((iri, KG.englishStatus, Literal("missing")))
    if name:
        _add_name_labels(graph, iri, name, script)


def _add_name_labels(graph: Graph, iri: URIRef, name: str, script: str) -> None:
    """zh-Hans and zh-Hant prefLabels of a name written in ``script``."""
    hant = name if script == "zh-Hant" else to_traditional(name)
    graph.add((iri, SKOS.prefLabel, Literal(to_simplified(name), lang="zh-Hans")))
    graph.add((iri, SKOS.prefLabel, Literal(hant, lang="zh-Hant")))


def _decimal(value: float) -> Literal | None:
    """``value`` as an exact ``xsd:decimal`` (24.5, not 24.499999…); ``None`` if not finite.

    The lexical form is canonical (digits, a point, digits: ``1592000000.0``)
    because Turtle writes decimals that way and re-parses them as written.
    """
    if not math.isfinite(value):
        return None
    lexical = format(Decimal(repr(value)), "f")
    return Literal(lexical if "." in lexical else f"{lexical}.0", datatype=XSD.decimal)


def _date_literal(value: object) -> Literal:
    """A typed date or dateTime when ``value`` is ISO 8601, else the text as written."""
    if isinstance(value, date):
        return Literal(value)
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return Literal(parse(str(value)))
        except ValueError:
            continue
    return Literal(str(value))


def _link(value: str) -> URIRef | Literal:
    """A URL as an IRI, percent-encoding what Turtle cannot hold; anything else stays text."""
    if _URL_SCHEME.match(value):
        return URIRef(quote(value, safe=_URL_SAFE))
    return Literal(value)
