"""The statements of one annotated document, in standard vocabularies.

Every fact is written in a vocabulary other tools already read, so the graph
is useful without this package: documents are ``schema:Article`` and NIF
contexts, mentions are NIF offset strings linked by ``itsrdf:taIdentRef``
to SKOS concepts, persons and organizations are also ``schema:Person`` and
W3C ORG organizations with ``org:Membership`` posts, speaker turns are PROV
activities, reported figures are ``schema:Observation`` nodes, and a press
conference a transcript reports is a ``schema:Event``.  Only what no
standard says (a concept's mention category, who said which term) uses the
project ontology ``kg:`` (``ontology/kg.ttl``).

A document's statements are made from what linking decided (concepts,
names, indicator concepts); nothing here looks a name up again.  What a
document adds to a corpus is split in two (:func:`document_statements`): its
own statements, which make its named graph, and the shared ones (concepts,
memberships, who said which term), which all documents' default graph holds.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal
from itertools import combinations
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.link.ids import concept_iri, mint_concept_id
from kg.link.thesaurus import Concept, Thesaurus
from kg.rdf.namespaces import ITSRDF, KG, KGC, NIF, category_iri, document_iri, offset_iri
from kg.rdf.nquads import is_about, ntriples_lines
from kg.recognize.doc import Doc, Figure, Span, Turn
from kg.recognize.events import PressConference
from kg.text.script import to_simplified, to_traditional

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
        (own if is_about(line, node) else shared).append(line)
    return "".join(own), "".join(shared)


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
    """How many times each (non-figure) concept is used in ``doc``: mentioned, or for an indicator, measured.

    An indicator is not named on its own but in the figures that measure it
    (规模以上工业增加值 in 规模以上工业增加值同比增长24.5%): each figure is a use
    of it, counted as a mention is, so that its glossary row has a count and
    documents like any term's (``--type INDICATOR --min-count 1``).
    """
    counts = Counter(span.concept for span in doc.ents if span.concept and span.label != "FIGURE")
    counts.update(figure.indicator_concept for figure in doc.figures if figure.indicator and figure.indicator_concept)
    return counts


def add_press_conference(graph: Graph, doc_node: URIRef, doc: Doc) -> URIRef | None:
    """The event node of ``doc``'s press conference, if it reports one."""
    event = doc.meta.get("event")
    if not isinstance(event, PressConference):
        return None
    node = URIRef(f"{doc_node}#event")
    graph.add((node, RDF.type, SDO.Event))
    graph.add((node, RDF.type, KG.PressConference))
    if doc.meta.get("title"):
        graph.add((node, SDO.name, Literal(doc.meta["title"])))
    if event.announcement:
        graph.add((node, RDFS.comment, Literal(event.announcement)))
    if event.date:
        graph.add((node, SDO.startDate, Literal(event.date, datatype=XSD.date)))
    if event.host:
        graph.add((node, SDO.organizer, concept_iri(event.host)))
    for speaker in event.speakers:
        graph.add((node, SDO.performer, concept_iri(speaker)))
    graph.add((node, SDO.subjectOf, doc_node))
    graph.add((doc_node, SDO.about, node))
    return node


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
    # a name's label is the name as linking read it, without reposting noise (工业(yè)和信息化部 → 工业和信息化部)
    concept = add_concept(graph, span.concept, span.label, thesaurus, span.name or span.text, _script(doc))
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
    if figure.indicator and figure.indicator_concept:
        concept = add_concept(graph, figure.indicator_concept, "INDICATOR", thesaurus, figure.indicator, script)
        graph.add((node, SDO.variableMeasured, concept))
    for predicate, text in ((KG.period, figure.period), (KG.basis, figure.basis)):
        if text:
            graph.add((node, predicate, Literal(text, lang=script)))
    if figure.direction:
        graph.add((node, KG.direction, Literal(figure.direction)))
    if figure.speaker:
        speaker = add_concept(graph, figure.speaker, "PERSON", thesaurus)
        graph.add((node, PROV.wasAttributedTo, speaker))


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
