"""The statements of one annotated document, in standard vocabularies.

Every fact is written in a vocabulary other tools already read, so the graph
is useful without this package: documents are ``schema:Article`` and NIF
contexts, mentions are NIF offset strings linked by ``itsrdf:taIdentRef``
to SKOS concepts, persons and organizations are also ``schema:Person`` and
W3C ORG organizations with ``org:Membership`` posts, speaker turns are PROV
activities, reported figures are ``schema:Observation`` nodes, and a press
conference a transcript reports is a ``schema:Event``.  Only what no
standard says (a concept's mention category, who said which term, a part of
a long text) uses the project ontology ``kg:`` (``ontology/kg.ttl``).

A document's statements are made from what linking decided (concepts,
names, indicator concepts); nothing here looks a name up again.  What a
document adds to a corpus is split in two (:func:`write_document`): its
own statements, which make its named graph, and the shared ones (concepts,
memberships, who said which term), which all documents' default graph holds.

Statements are written as text (:mod:`kg.rdf.terms`), not made as rdflib
objects: the own ones as Turtle, one node (subject) at a time, straight to
a file if need be, so that a document of any length is written in memory
proportional to its annotations, not to its statements.  Each node is
written once with all it says, even where several annotations share it (a
mention that is also a whole sentence, two figures over the same text).

**Long texts.**  A document's text is one ``nif:isString`` literal, unless
it is longer than :data:`TEXT_PART` characters: then the document has no
``nif:isString`` and its text is held in parts, each a ``kg:TextPart``
(also a ``nif:OffsetBasedString``) with the text from its ``nif:beginIndex``
to its ``nif:endIndex`` as ``nif:anchorOf``, cut after a sentence where one
ends before the limit.  Nothing else changes: mentions, sentences and turns
keep their offsets into the whole text and their ``nif:referenceContext``,
so every query over them works as on any document, and the text is the
concatenation of the parts in ``nif:beginIndex`` order.  (Oxigraph holds no
literal over 16 MiB; a part of a million characters is at most 4 MB.)
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from functools import cache, lru_cache
from io import StringIO
from itertools import combinations
from typing import NamedTuple, TextIO
from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SDO, SKOS

from kg import regexes
from kg.link.ids import mint_concept_id
from kg.link.thesaurus import Concept, Thesaurus
from kg.rdf import terms
from kg.rdf.namespaces import ITSRDF, KG, NIF
from kg.rdf.terms import XSD, TurtleWriter, integer, iri, literal, ntriples, typed
from kg.recognize.doc import Doc, Figure, Span, Turn
from kg.recognize.events import PressConference
from kg.text.script import to_simplified, to_traditional

#: The curated thesaurus's scheme (``ontology/thesaurus/scheme.ttl``).
THESAURUS_SCHEME = URIRef(terms.CONCEPTS + "thesaurus")

#: The scheme of concepts minted for names the thesaurus does not know.
EXTRACTED_SCHEME = URIRef(terms.CONCEPTS + "extracted")

#: A text longer than this many characters is held in parts (``kg:TextPart``) rather than one ``nif:isString``.
TEXT_PART = 1_000_000


def _term(node: URIRef) -> str:
    """An IRI of a vocabulary as an N-Triples term, made once at import."""
    return f"<{node}>"


# The vocabulary's terms as text: rdflib's namespaces check the names (SKOS, ORG … are closed), once.
A, LABEL, COMMENT = _term(RDF.type), _term(RDFS.label), _term(RDFS.comment)
CONCEPT, SCHEME, IN_SCHEME = _term(SKOS.Concept), _term(SKOS.ConceptScheme), _term(SKOS.inScheme)
PREF_LABEL, ALT_LABEL, DEFINITION = _term(SKOS.prefLabel), _term(SKOS.altLabel), _term(SKOS.definition)
IDENTIFIER, LANGUAGE, TITLE = _term(DCTERMS.identifier), _term(DCTERMS.language), _term(DCTERMS.title)
SOURCE, REPLACED_BY = _term(DCTERMS.source), _term(DCTERMS.isReplacedBy)
CONTEXT, OFFSET_STRING, PHRASE, SENTENCE = (
    _term(NIF[name]) for name in ("Context", "OffsetBasedString", "Phrase", "Sentence")
)
IS_STRING, ANCHOR_OF, REFERENCE_CONTEXT = _term(NIF.isString), _term(NIF.anchorOf), _term(NIF.referenceContext)
BEGIN, END, IN_SENTENCE = _term(NIF.beginIndex), _term(NIF.endIndex), _term(NIF.sentence)
ARTICLE, PERSON, EVENT, OBSERVATION = _term(SDO.Article), _term(SDO.Person), _term(SDO.Event), _term(SDO.Observation)
DATE_PUBLISHED, NAME, START_DATE = _term(SDO.datePublished), _term(SDO.name), _term(SDO.startDate)
ORGANIZER, PERFORMER, SUBJECT_OF, ABOUT = (
    _term(SDO.organizer),
    _term(SDO.performer),
    _term(SDO.subjectOf),
    _term(SDO.about),
)
VALUE, UNIT_TEXT, VARIABLE_MEASURED = _term(SDO.value), _term(SDO.unitText), _term(SDO.variableMeasured)
ENTITY, ASSOCIATED_WITH, DERIVED_FROM = _term(PROV.Entity), _term(PROV.wasAssociatedWith), _term(PROV.wasDerivedFrom)
PRIMARY_SOURCE, ATTRIBUTED_TO = _term(PROV.hadPrimarySource), _term(PROV.wasAttributedTo)
ORGANIZATION, ROLE, MEMBERSHIP, MEMBER_OF = (
    _term(ORG.Organization),
    _term(ORG.Role),
    _term(ORG.Membership),
    _term(ORG.memberOf),
)
MEMBER, ORG_ORGANIZATION, ORG_ROLE = _term(ORG.member), _term(ORG.organization), _term(ORG.role)
SUB_ORGANIZATION_OF, FOAF_PERSON, TA_IDENT_REF = (
    _term(ORG.subOrganizationOf),
    _term(FOAF.Person),
    _term(ITSRDF.taIdentRef),
)
TURN, PRESS_CONFERENCE, TEXT_PART_CLASS = _term(KG.Turn), _term(KG.PressConference), _term(KG.TextPart)
MENTION_TYPE, CATEGORY, SAID, IN_TURN = _term(KG.mentionType), _term(KG.category), _term(KG.said), _term(KG.inTurn)
KG_ROLE, PERIOD, BASIS, DIRECTION = _term(KG.role), _term(KG.period), _term(KG.basis), _term(KG.direction)
AMBIGUOUS, ENGLISH_STATUS = _term(KG.ambiguous), _term(KG.englishStatus)

_TYPES_BY_CATEGORY: dict[str, tuple[str, ...]] = {"PERSON": (PERSON, FOAF_PERSON), "ORG": (ORGANIZATION,)}

_URL_SCHEME = regexes.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

#: Characters a URL may keep as they are; anything else is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


class Written(NamedTuple):
    """What :func:`write_document` tells of a document's statements beside the Turtle it wrote."""

    statements: int  # how many it wrote
    shared: str  # the shared ones, as N-Triples, but the descriptions of thesaurus concepts
    categories: dict[str, str]  # the category it gives each concept (kg:category), by concept id
    curated: list[str]  # the thesaurus concepts it names, whose descriptions :func:`concept_statements` makes
    unnamed: list[tuple[str, str]]  # (Simplified name, category) of the others but figures: no English label


def write_document(doc: Doc, thesaurus: Thesaurus, own: TextIO) -> Written:
    """Write ``doc``'s own statements to ``own`` as Turtle; return how many, its shared ones, and its concepts'
    categories.

    A document's own statements are about the document and the mentions,
    sentences, turns, figures and events under its IRI: they make its named
    graph, replaced whole when the document changes.  The rest (concepts,
    memberships, who said which term) describe a vocabulary all documents
    share, so they go to the corpus's default graph, merged by
    :class:`kg.rdf.nquads.SharedStatements`.  The Turtle has no ``@prefix`` lines:
    the file it ends up in declares :data:`kg.rdf.terms.PREFIXES` once.
    A literal too long for the store is a :class:`kg.rdf.terms.LiteralTooLong`.

    A thesaurus concept is described the same way by every document that
    names it, so its description is left to the corpus, which makes it once
    (:func:`concept_statements` of ``Written.curated``) instead of once a
    document: most of what documents share is the thesaurus.
    """
    writer = _DocumentWriter(doc, thesaurus, own, describe_curated=False)
    writer.write()
    curated = sorted(concept for concept in writer.categories if concept in thesaurus.concepts)
    unnamed = list(writer.unnamed)
    return Written(writer.turtle.statements, "".join(writer.shared), writer.categories, curated, unnamed)


def concept_statements(concept_ids: Iterable[str], thesaurus: Thesaurus) -> str:
    """The description of thesaurus concepts (and of the concepts they link to) as N-Triples."""
    writer = _DocumentWriter(Doc.from_text(""), thesaurus, StringIO())
    for concept_id in concept_ids:
        writer.concept(concept_id, thesaurus[concept_id].category)
    return "".join(writer.shared)


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
    return Counter(concept for _, concept in _uses(doc))


def _uses(doc: Doc) -> list[tuple[int, str]]:
    """``(offset, concept)`` of every use of a (non-figure) concept in ``doc``: its mentions and, for an
    indicator, the figures that measure it."""
    uses = [(span.start, span.concept) for span in doc.ents if span.concept and span.label != "FIGURE"]
    uses += [(f.start, f.indicator_concept) for f in doc.figures if f.indicator and f.indicator_concept]
    return uses


def first_sentences(doc: Doc) -> dict[str, str]:
    """The sentence of each concept's first use in ``doc`` (a use as :func:`usage` counts it), by offset.

    It is the glossary's context for the term when ``doc`` is the first
    document (by id) that uses it in a sentence; worked out here, once per
    document, so that a build need not read every mention back from its
    store.  A document not split into sentences gives none.
    """
    if not doc.sentences:
        return {}
    first: dict[str, int] = {}
    for start, concept in sorted(_uses(doc)):
        first.setdefault(concept, start)
    return {concept: doc.text[slice(*doc.sentence_of(start))] for concept, start in first.items()}


def text_parts(text: str, sentences: list[tuple[int, int]], size: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive parts of ``text`` of at most ``size`` characters (:data:`TEXT_PART`).

    A part ends after the last sentence that ends within the limit, or at
    the limit if none does; the parts cover the text exactly, in order.
    """
    size = size or TEXT_PART
    ends = [end for _, end in sentences]
    parts: list[tuple[int, int]] = []
    start, index = 0, 0
    while start < len(text):
        limit = min(start + size, len(text))
        cut = limit
        if limit < len(text):
            while index < len(ends) and ends[index] <= limit:
                index += 1
            if index and ends[index - 1] > start:
                cut = ends[index - 1]
        parts.append((start, cut))
        start = cut
    return parts


class _DocumentWriter:
    """The statements of one document: own ones as Turtle nodes to a file, shared ones as N-Triples lines."""

    def __init__(self, doc: Doc, thesaurus: Thesaurus, own: TextIO, *, describe_curated: bool = True) -> None:
        self.doc = doc
        self.thesaurus = thesaurus
        self.describe_curated = describe_curated
        self.turtle = TurtleWriter(own)
        self.shared: dict[str, None] = {}
        self.categories: dict[str, str] = {}  # the concepts described, with their category
        self.unnamed: dict[tuple[str, str], None] = {}  # (zh-Hans prefLabel, category) of those the thesaurus lacks
        self.roles: set[str] = set()
        self._nodes: dict[str, str] = {}
        self.document = terms.document_iri(doc.id)
        self.node = f"<{self.document}>"
        self.script = script_of(doc)

    def write(self) -> None:
        doc = self.doc
        spans = mention_spans(doc)
        # concepts are described in this order because the first description of a concept wins; a name's
        # label is the name as linking read it, without reposting noise (工业(yè)和信息化部 → 工业和信息化部)
        for span in spans:
            if span.concept:
                self.concept(span.concept, span.label, span.name or span.text, self.script)
        for turn in doc.turns:
            self._turn_concepts(turn)
        for figure in doc.figures:
            if figure.indicator and figure.indicator_concept:
                self.concept(figure.indicator_concept, "INDICATOR", figure.indicator, self.script)
            if figure.speaker:
                self.concept(figure.speaker, "PERSON")
        event = doc.meta.get("event")
        event = event if isinstance(event, PressConference) else None
        self._document(event)
        self._ranges(spans)
        for turn in doc.turns:
            self._turn(turn)
        self._figures()
        if event is not None:
            self._event(event)

    def concept(self, concept_id: str, category: str, name: str | None = None, script: str = "zh-Hans") -> str:
        """Describe a concept once: from the thesaurus if it has it, else from ``name`` and ``category``.

        The first description wins, so a concept never gets two prefLabels in
        one language however many surface forms it has.  ``script`` is the
        language tag of ``name`` as written: a Traditional name is kept as its
        own zh-Hant label rather than round-tripped through Simplified (於→于→于).
        """
        node = self._concept_node(concept_id)
        if concept_id in self.categories:
            return node
        entry = self.thesaurus.concepts.get(concept_id)
        if entry is not None:
            category = entry.category
        self.categories[concept_id] = category
        if entry is not None and not self.describe_curated:
            return node
        self._share(node, A, CONCEPT)
        if entry is not None:
            self._curated(node, entry)
        else:
            self._extracted(node, name, script)
            if name and category != "FIGURE":  # a figure's concept is no term of the glossary
                self.unnamed[_name_forms(name, script)[0], category] = None
        self._share(node, CATEGORY, _category_term(category))
        for rdf_type in _TYPES_BY_CATEGORY.get(category, ()):
            self._share(node, A, rdf_type)
        return node

    def _share(self, subject: str, predicate: str, obj: str) -> None:
        self.shared[ntriples(subject, predicate, obj)] = None

    def _document(self, event: PressConference | None) -> None:
        doc, node, script = self.doc, self.node, self.script
        pairs = [(A, ARTICLE), (A, CONTEXT), (A, ENTITY), (IDENTIFIER, literal(doc.id, what="its id"))]
        pairs.append((LANGUAGE, typed(script, XSD + "language")))
        if len(doc.text) <= TEXT_PART:
            pairs.append((IS_STRING, literal(doc.text, what="its text")))
        pairs += _offsets(0, len(doc.text))
        if doc.meta.get("title"):
            pairs.append((TITLE, literal(str(doc.meta["title"]), script, what="its title")))
        if doc.meta.get("date"):
            pairs.append((DATE_PUBLISHED, _date_literal(doc.meta["date"])))
        if doc.meta.get("url"):
            pairs.append((SOURCE, _link(str(doc.meta["url"]))))
        if event is not None:
            pairs.append((ABOUT, f"<{self.document}#event>"))
        self.turtle.node(node, pairs)

    def _ranges(self, spans: list[Span]) -> None:
        """The ``#char=`` nodes: mentions, the sentences they are in, and the parts of a long text."""
        doc = self.doc
        mentions: dict[tuple[int, int], list[Span]] = defaultdict(list)
        for span in spans:
            mentions[span.start, span.end].append(span)
        sentences = {doc.sentence_of(span.start) for span in spans} if doc.sentences else set()
        parts = set(text_parts(doc.text, doc.sentences)) if len(doc.text) > TEXT_PART else set()
        for start, end in sorted(mentions.keys() | sentences | parts):
            types = [PHRASE] if (start, end) in mentions else []
            if (start, end) in sentences:
                types.append(SENTENCE)
            if (start, end) in parts:
                types.append(TEXT_PART_CLASS)
            pairs = dict.fromkeys([(A, kind) for kind in types] + [(A, OFFSET_STRING)])
            kind = "sentence" if SENTENCE in types else "mention" if PHRASE in types else "part of the text"
            what = f"the {kind} at characters {start:,}–{end:,}"
            pairs[ANCHOR_OF, literal(doc.text[start:end], what=what)] = None
            pairs[REFERENCE_CONTEXT, self.node] = None
            pairs.update(dict.fromkeys(_offsets(start, end)))
            for span in mentions.get((start, end), ()):
                pairs.update(dict.fromkeys(self._mention(span)))
            self.turtle.node(self._offset(start, end), pairs)

    def _mention(self, span: Span) -> list[tuple[str, str]]:
        doc = self.doc
        pairs = [(MENTION_TYPE, _category_term(span.label))]
        if doc.sentences:
            pairs.append((IN_SENTENCE, self._offset(*doc.sentence_of(span.start))))
        if not span.concept:
            return pairs
        concept = self._concept_node(span.concept)
        pairs.append((TA_IDENT_REF, concept))
        turn = doc.turn_of(span.start)
        if turn is not None:
            pairs.append((IN_TURN, self._offset(turn.start, turn.end, "turn")))
            agent = turn.person or turn.org
            if agent and span.label != "FIGURE":
                self._share(self._concept_node(agent), SAID, concept)
        return pairs

    def _turn_concepts(self, turn: Turn) -> None:
        script = self.script
        if turn.person:
            self.concept(turn.person, "PERSON", turn.speaker, script)
        if turn.org:
            self.concept(turn.org, "ORG")
        if turn.person and turn.org:
            person, org = self._concept_node(turn.person), self._concept_node(turn.org)
            self._share(person, MEMBER_OF, org)
            for role in turn.roles:
                self._membership(turn.person, turn.org, role)

    def _turn(self, turn: Turn) -> None:
        """A turn is a PROV activity of its speaker (the outlet, for a reporter) over a stretch of text."""
        script = self.script
        pairs = [(A, TURN), (LABEL, literal(turn.speaker, script, what="a speaker's name"))]
        pairs += [(REFERENCE_CONTEXT, self.node), *_offsets(turn.start, turn.end)]
        pairs += [(KG_ROLE, literal(role, script, what="a role")) for role in turn.roles]
        agent = turn.person or turn.org
        if agent:
            pairs.append((ASSOCIATED_WITH, self._concept_node(agent)))
        self.turtle.node(self._offset(turn.start, turn.end, "turn"), dict.fromkeys(pairs))

    def _membership(self, person: str, org: str, role: str) -> None:
        """A W3C ORG post: ``person`` holds ``role`` in ``org``, as stated in the document."""
        role_id = mint_concept_id("ROLE", role)
        role_node = self._concept_node(role_id)
        if role_id not in self.roles:
            self.roles.add(role_id)
            self._share(role_node, A, ROLE)
            self._name_labels(role_node, role, self.script)
        node = iri(f"{terms.CONCEPTS}membership/{person}/{org}/{role_id}")
        self._share(node, A, MEMBERSHIP)
        self._share(node, MEMBER, self._concept_node(person))
        self._share(node, ORG_ORGANIZATION, self._concept_node(org))
        self._share(node, ORG_ROLE, role_node)
        self._share(node, DERIVED_FROM, self.node)

    def _figures(self) -> None:
        """Each figure as a ``schema:Observation`` of its indicator, attributed to its speaker."""
        for (start, end), figures in sorted(figures_by_range(self.doc.figures).items()):
            pairs: dict[tuple[str, str], None] = {}
            for figure in figures:
                pairs.update(dict.fromkeys(self._figure(figure)))
            self.turtle.node(self._offset(start, end, "figure"), pairs)

    def _figure(self, figure: Figure) -> list[tuple[str, str]]:
        script = self.script
        pairs = [(A, OBSERVATION), (DERIVED_FROM, self._offset(figure.start, figure.end))]
        pairs.append((PRIMARY_SOURCE, self.node))
        value = _decimal(figure.value)
        if value is not None:
            pairs.append((VALUE, value))
        if figure.unit:
            pairs.append((UNIT_TEXT, literal(figure.unit, script, what="a unit")))
        if figure.indicator and figure.indicator_concept:
            pairs.append((VARIABLE_MEASURED, self._concept_node(figure.indicator_concept)))
        for predicate, text in ((PERIOD, figure.period), (BASIS, figure.basis)):
            if text:
                pairs.append((predicate, literal(text, script, what="a figure's period or basis")))
        if figure.direction:
            pairs.append((DIRECTION, literal(figure.direction)))
        if figure.speaker:
            pairs.append((ATTRIBUTED_TO, self._concept_node(figure.speaker)))
        return pairs

    def _event(self, event: PressConference) -> None:
        """The press conference ``doc`` reports, a ``schema:Event`` linked to the document both ways."""
        doc = self.doc
        pairs = [(A, EVENT), (A, PRESS_CONFERENCE)]
        if doc.meta.get("title"):
            pairs.append((NAME, literal(str(doc.meta["title"]), what="its title")))
        if event.announcement:
            pairs.append((COMMENT, literal(event.announcement, what="the announcement")))
        if event.date:
            pairs.append((START_DATE, typed(event.date, XSD + "date")))
        if event.host:
            pairs.append((ORGANIZER, self._concept_node(event.host)))
        pairs += [(PERFORMER, self._concept_node(speaker)) for speaker in event.speakers]
        pairs.append((SUBJECT_OF, self.node))
        self.turtle.node(f"<{self.document}#event>", dict.fromkeys(pairs))

    def _curated(self, node: str, entry: Concept) -> None:
        scheme = f"<{THESAURUS_SCHEME}>"
        self._share(node, IN_SCHEME, scheme)
        self._share(scheme, A, SCHEME)
        for lang, label in sorted(entry.pref.items()):
            self._share(node, PREF_LABEL, literal(label, lang or None))
        for lang, labels in sorted(entry.alt.items()):
            for label in labels:
                self._share(node, ALT_LABEL, literal(label, lang or None))
        if entry.definition:
            self._share(node, DEFINITION, literal(entry.definition, "en"))
        if entry.source:
            self._share(node, SOURCE, _link(entry.source))
        if entry.ambiguous:
            self._share(node, AMBIGUOUS, typed("true", XSD + "boolean"))
        self._share(node, ENGLISH_STATUS, literal(entry.english_status))
        thesaurus = self.thesaurus
        if entry.parent:
            parent_category = thesaurus[entry.parent].category if entry.parent in thesaurus else "ORG"
            self._share(node, SUB_ORGANIZATION_OF, self.concept(entry.parent, parent_category))
        if entry.replaced_by:
            # described like a parent, so that a reader of the graph (or of the glossary page) can follow the link
            successor = thesaurus.concepts.get(entry.replaced_by, entry)
            self._share(node, REPLACED_BY, self.concept(entry.replaced_by, successor.category))

    def _extracted(self, node: str, name: str | None, script: str) -> None:
        scheme = f"<{EXTRACTED_SCHEME}>"
        self._share(node, IN_SCHEME, scheme)
        self._share(scheme, A, SCHEME)
        self._share(node, ENGLISH_STATUS, literal("missing"))
        if name:
            self._name_labels(node, name, script)

    def _name_labels(self, node: str, name: str, script: str) -> None:
        """zh-Hans and zh-Hant prefLabels of a name written in ``script``."""
        hans, hant = _name_forms(name, script)
        self._share(node, PREF_LABEL, literal(hans, "zh-Hans"))
        self._share(node, PREF_LABEL, literal(hant, "zh-Hant"))

    def _concept_node(self, concept_id: str) -> str:
        """A concept's IRI as a term (made once per concept: a document names the same ones many times)."""
        node = self._nodes.get(concept_id)
        if node is None:
            node = self._nodes[concept_id] = iri(terms.concept_iri(concept_id))
        return node

    def _offset(self, start: int, end: int, kind: str = "char") -> str:
        return f"<{self.document}#{kind}={start},{end}>"


@lru_cache(maxsize=1 << 16)
def _name_forms(name: str, script: str) -> tuple[str, str]:
    """A name written in ``script`` in Simplified and in Traditional script.

    OpenCC took a tenth of the time of writing a document's statements, and
    the names it converts here recur from one document to the next, so each
    process converts each once.
    """
    return to_simplified(name), name if script == "zh-Hant" else to_traditional(name)


@cache
def _category_term(category: str) -> str:
    """The ``kg:`` individual of a category (``kg:ORG``) as a term."""
    return iri(terms.category_iri(category))


def figures_by_range(figures: Iterable[Figure]) -> dict[tuple[int, int], list[Figure]]:
    """Figures by the stretch of text they are written in: one ``schema:Observation`` node each, which holds
    what all of them say (two figures over the same text are rare, but happen)."""
    grouped: dict[tuple[int, int], list[Figure]] = defaultdict(list)
    for figure in figures:
        grouped[figure.start, figure.end].append(figure)
    return grouped


def script_of(doc: Doc) -> str:
    """The language tag of ``doc``'s script: ``zh-Hans`` if its text is its own Simplified view, else ``zh-Hant``."""
    return "zh-Hans" if doc.text == doc.simplified else "zh-Hant"


def mention_spans(doc: Doc) -> list[Span]:
    """Entity spans, plus a FIGURE span for each figure that has none, so every figure has a mention."""
    covered = {(span.start, span.end) for span in doc.ents}
    extra = [
        Span(f.start, f.end, "FIGURE", f.text, f.concept, "figure")
        for f in doc.figures
        if (f.start, f.end) not in covered
    ]
    return [*doc.ents, *extra]


def _offsets(start: int, end: int) -> list[tuple[str, str]]:
    kind = XSD + "nonNegativeInteger"
    return [(BEGIN, integer(start, kind)), (END, integer(end, kind))]


def _decimal(value: float) -> str | None:
    """``value`` as an exact ``xsd:decimal`` (:func:`decimal_lexical`); ``None`` if not finite."""
    lexical = decimal_lexical(value)
    return None if lexical is None else typed(lexical, XSD + "decimal")


def decimal_lexical(value: float) -> str | None:
    """The lexical form of ``value`` as an exact decimal (24.5, not 24.499999…); ``None`` if not finite.

    The form is canonical (digits, a point, digits: ``1592000000.0``)
    because Turtle writes decimals that way and re-parses them as written.
    """
    if not math.isfinite(value):
        return None
    lexical = format(Decimal(repr(value)), "f")
    return lexical if "." in lexical else f"{lexical}.0"


def _date_literal(value: object) -> str:
    lexical, datatype = date_term(value)
    return literal(lexical, what="its date") if datatype is None else typed(lexical, datatype)


def date_term(value: object) -> tuple[str, str | None]:
    """A date's lexical form and datatype: ``xsd:date`` or ``xsd:dateTime`` when ``value`` is ISO 8601, else
    the text as written and ``None``."""
    if not isinstance(value, date):
        for parse in (date.fromisoformat, datetime.fromisoformat):
            try:
                value = parse(str(value))
                break
            except ValueError:
                continue
        else:
            return str(value), None
    kind = "dateTime" if isinstance(value, datetime) else "date"
    return value.isoformat(), XSD + kind


def _link(value: str) -> str:
    """A URL as an IRI, percent-encoding what an IRI cannot hold; anything else stays text."""
    if _URL_SCHEME.match(value):
        return iri(quote(value, safe=_URL_SAFE))
    return literal(value, what="its source")


def source_value(value: str) -> str:
    """What the graph holds as a source given as ``value``: a URL's IRI (:func:`_link`), or the text itself."""
    return _link(value)[1:-1] if _URL_SCHEME.match(value) else value
