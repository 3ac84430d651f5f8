"""The glossary as one offline web page: search in both scripts and English, and a panel per term.

Translators, interpreters and analysts who never write SPARQL get what a
termbase gives, built from their own documents: search as they type (工信部,
工業和信息化部, 工业和信息化部 and MIIT find the same concept), filters by type
and English status, and for each term its labels, definition, related
terms, every context it occurs in, who said it, the figures reported for it
and the terms it shares sentences with.

The page is one file that opens by double-click and makes no request:

* the data is JSON in a ``<script type="application/json">`` element, written
  by :func:`kg.export.viz.script_json`, so no document string can end the element
  (``</script>``), and line separators and bidirectional controls are
  escaped; the page's code only ever puts document strings into the DOM as
  text, never as markup;
* the code and style (``kg/static/glossary.js``, ``glossary.css``) are
  inlined, and a Content-Security-Policy allows exactly those two, by hash,
  and nothing else: no other script runs and no resource is fetched, even
  if something got past the escaping.

The rows are the glossary's own (:func:`kg.export.rows.glossary_rows`): the
page's CSV export has the columns, values and formula neutralization of
``glossary.csv``.  What a row does not hold is read from the graph here, in
the vocabulary :mod:`kg.rdf.graph` writes: mentions and their sentences (NIF),
speakers (``kg:inTurn``, ``prov:wasAssociatedWith``, ``kg:role``,
``org:memberOf``), figures (``schema:Observation``), co-occurrence
(``kg:Cooccurrence``), broader organizations (``org:subOrganizationOf``)
and successors (``dcterms:isReplacedBy``).

Search keys are folded here, once per label, so that the page's code stays
small: NFKC (full-width Latin and digits become ASCII), lower case, and
Traditional characters mapped to Simplified one by one with OpenCC's table.
The page folds a query with the same table, shipped for the characters the
keys use, so a query in either script, or in a mixture, finds the label.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files
from typing import IO, Any

from rdflib import Graph

from kg.errors import KgError
from kg.export.cedict import ATTRIBUTION
from kg.export.rows import FORMULA_STARTS, LANGUAGES, SEPARATOR, GlossaryRow, columns, header, type_labels
from kg.export.viz import script_json
from kg.export.writer import DEFAULTS, ExportOptions
from kg.link.thesaurus import local_id
from kg.rdf.sparql import select
from kg.recognize.doc import ENTITY_TYPES
from kg.text.script import to_simplified

#: Version of the page's data layout; the page's code reads only this one.
DATA_VERSION = 1
#: Characters a search ignores: quotation and title marks (as :func:`kg.link.thesaurus.surface_key`) and name dots.
IGNORED = '“”「」『』《》〈〉"·・‧'
#: At most this many co-occurring terms are listed per term, most frequent first.
COOCCURRING_LIMIT = 30
#: Characters of text kept on each side of a mention whose document has no sentences.
WINDOW = 60
#: The blocks whose Traditional characters fold to Simplified: CJK Unified Ideographs, Extension A, Compatibility.
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_SPACES = re.compile(r"\s+")
_IGNORED = re.compile(f"[{re.escape(IGNORED)}]")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

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

#: Who said each term: mentions in the turns of each speaker (a person, or the outlet of a reporter).
#: Written turns first: Oxigraph joins in this order, and on disk starting from every mention took seconds.
_SPEAKERS = """
SELECT ?concept ?agent (COUNT(DISTINCT ?mention) AS ?mentions) WHERE {
    ?mention kg:inTurn ?turn . ?turn prov:wasAssociatedWith ?agent . ?mention itsrdf:taIdentRef ?concept .
    ?concept kg:category ?category FILTER(?category != kg:FIGURE)
} GROUP BY ?concept ?agent
"""

#: The roles a speaker's turns give them (as their headings write them), and the organizations they belong to.
_AGENTS = """
SELECT DISTINCT ?agent ?role ?org WHERE {
    { ?turn a kg:Turn ; prov:wasAssociatedWith ?agent ; kg:role ?role }
    UNION { ?turn a kg:Turn ; prov:wasAssociatedWith ?agent . ?agent org:memberOf ?org }
}
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
_INVERSE = {"broader": "narrower", "replacedBy": "replaces"}

#: How one concept points to another in the page's data: a concept IRI → its row's index, or its label.
Ref = Callable[[str], int | str]
#: A concept IRI → its entry in the page's data, if the page has a row for it.
Entry = Callable[[str], dict[str, Any] | None]


def write_html(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """Write the page of ``rows``, with what ``options.graph`` says about them, to ``handle``."""
    if options.graph is None:
        raise HtmlError("the glossary page needs the graph its rows came from (ExportOptions(graph=...))")
    handle.write(render_page(page_data(options.graph, rows, title=options.title)))


class HtmlError(KgError):
    """The page cannot be written from what was given."""


def render_page(data: dict[str, Any]) -> str:
    """The HTML page showing ``data`` (a :func:`page_data` payload): one file, code and style inlined."""
    static = files("kg") / "static"
    style = static.joinpath("glossary.css").read_text(encoding="utf-8")
    script = static.joinpath("glossary.js").read_text(encoding="utf-8")
    if "</" in script or "</" in style:
        raise ValueError("the page's script and style must not contain '</': it would end their element")
    documents, terms = len(data["documents"]), len(data["concepts"])
    values = {
        "title": html.escape(data["title"]),
        "subtitle": f"{_plural(terms, 'term')} from {_plural(documents, 'document')}",
        "attribution": html.escape(data["attribution"]),
        "csp": content_security_policy(script, style),
        "style": style,
        "data": script_json(data),
        "script": script,
    }
    template = static.joinpath("glossary.html").read_text(encoding="utf-8")
    # one pass, so that nothing inserted (a title, the data) is itself searched for placeholders
    return _PLACEHOLDER.sub(lambda match: values[match[1]], template)


def content_security_policy(script: str, style: str) -> str:
    """A policy that lets exactly this script and style run, and the page fetch nothing at all."""
    return (
        f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


@dataclass(frozen=True)
class PageFacts:
    """What the page shows beyond the rows, read from the graph as plain data.

    It depends on the graph only, not on the rows, so ``kg build`` reads it
    in another process while it makes the rows (:func:`page_facts`).
    """

    labels: dict[str, str]
    documents: dict[str, dict[str, Any]]
    mentions: list[dict[str, Any]]  # in document and reading order
    figures: list[dict[str, Any]]  # the same
    agents: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    cooccurrences: list[dict[str, Any]]
    relations: list[dict[str, Any]]


def page_facts(graph: Graph) -> PageFacts:
    """Read from ``graph`` what :func:`page_data` shows beyond the rows."""
    documents = _documents(graph)
    return PageFacts(
        labels=_labels(graph),
        documents=documents,
        mentions=sorted(select(graph, _MENTIONS), key=lambda m: (documents[m["document"]]["order"], m["begin"])),
        figures=_figures(graph, documents),
        agents=select(graph, _AGENTS),
        speakers=select(graph, _SPEAKERS),
        cooccurrences=select(graph, _COOCCURRENCES),
        relations=select(graph, _RELATIONS),
    )


def page_data(
    graph: Graph | None, rows: Sequence[GlossaryRow], *, title: str = "kg glossary", facts: PageFacts | None = None
) -> dict[str, Any]:
    """The page's payload: ``rows`` and what the page shows beyond them (``facts``, or read from ``graph``),
    as plain JSON-ready values.

    A *ref* to a concept is its index in ``concepts``, or for a concept the
    page has no row for (a figure, a type left out) its label, which the
    page shows as text rather than as a link.  The keys:

    * ``columns``, ``separator``, ``formulaStarts``: the CSV of
      :func:`kg.export.rows.write_csv`, for the page's export;
    * ``fold``, ``ignored``: how a query is folded (:func:`fold`);
    * ``types``: the term types present, with their names;
    * ``documents``: ``id``, ``lang``, ``title``, ``date``, ``url``;
    * ``snippets``: ``[document, begin, text]``, sentences (or windows)
      that contexts point into, each once;
    * ``agents``: speakers, ``{ref, roles, orgs}``;
    * ``concepts``, in the order of ``rows``: ``row`` (the CSV's columns,
      empty ones left out), ``keys`` (:func:`search_keys`), and where there
      are any: ``contexts`` (``[snippet, start, end]``, see
      :meth:`_Snippets.context`), ``speakers`` (``[agent, mentions]``),
      ``agent`` (its own place in ``agents``), ``figures`` (``at``, a
      context, and ``value``, ``unit``, ``period``, ``direction``,
      ``basis``, ``speaker``), ``cooccurs`` (``[ref, sentences]``, with
      ``cooccursTotal`` when cut), ``broader``, ``narrower``,
      ``replacedBy``, ``replaces`` (refs).
    """
    if facts is None:
        if graph is None:
            raise HtmlError("the glossary page needs the graph its rows came from, or what was read from it")
        facts = page_facts(graph)
    index = {row.id: position for position, row in enumerate(rows)}
    labels = facts.labels

    def ref(iri: str) -> int | str:
        concept_id = local_id(iri)
        return index.get(concept_id, labels.get(iri, concept_id))

    documents = facts.documents
    snippets = _Snippets(documents)
    concepts: list[dict[str, Any]] = [_concept(row) for row in rows]

    def entry(iri: str) -> dict[str, Any] | None:
        position = index.get(local_id(iri))
        return None if position is None else concepts[position]

    for mention in facts.mentions:
        concept = entry(mention["concept"])
        if concept is not None:
            concept.setdefault("contexts", []).append(snippets.context(mention))
    for figure in facts.figures:
        concept = entry(figure["concept"])
        if concept is not None:
            concept.setdefault("figures", []).append(_figure(figure, snippets, ref))
    agents, agent_index = _agents(facts, ref)
    for speaker in sorted(facts.speakers, key=lambda s: (-s["mentions"], s["agent"])):
        concept = entry(speaker["concept"])
        if concept is not None:
            concept.setdefault("speakers", []).append([agent_index[speaker["agent"]], speaker["mentions"]])
    for iri, position in agent_index.items():
        concept = entry(iri)
        if concept is not None:
            concept["agent"] = position
    _add_cooccurrences(facts.cooccurrences, entry, ref)
    for relation in sorted(facts.relations, key=lambda r: (r["relation"], r["concept"], r["other"])):
        for source, name, target in (
            (relation["concept"], relation["relation"], relation["other"]),
            (relation["other"], _INVERSE[relation["relation"]], relation["concept"]),
        ):
            concept = entry(source)
            if concept is not None:
                concept.setdefault(name, []).append(ref(target))
    keys = [concept["keys"] for concept in concepts]
    return {
        "version": DATA_VERSION,
        "title": title,
        # drafts may hold CC-CEDICT glosses, whose licence asks for this wherever they are shared
        "attribution": ATTRIBUTION if any(row.english_status == "draft" for row in rows) else "",
        "columns": header(LANGUAGES),
        "separator": SEPARATOR,
        "formulaStarts": list(FORMULA_STARTS),
        "ignored": IGNORED,
        "fold": _fold_table_for(keys),
        "types": _types(rows),
        "documents": [
            {name: value for name, value in document.items() if name not in ("text", "order") and value}
            for document in sorted(documents.values(), key=lambda d: d["order"])
        ],
        "snippets": snippets.table,
        "agents": agents,
        "concepts": concepts,
    }


def search_keys(labels: Iterable[str]) -> list[str]:
    """The folded forms a search matches against, without repeats, in the order of ``labels``.

    Each label gives its character-by-character fold (what a query folded
    the same way is compared with) and, where OpenCC's phrase conversion
    says otherwise (乾隆 is not 干隆), that Simplified form too.
    """
    keys: dict[str, None] = {}
    for label in labels:
        if not label:
            continue
        keys[fold(label)] = None
        keys[_normal(to_simplified(_normal(label)))] = None
    keys.pop("", None)
    return list(keys)


def fold(text: str) -> str:
    """``text`` as a search compares it: NFKC, lower case, Traditional characters as Simplified, marks dropped."""
    return _normal(text).translate(_fold_table())


def _normal(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    return _SPACES.sub(" ", _IGNORED.sub("", folded)).strip()


@cache
def _fold_table() -> dict[int, str]:
    """Each Han character that OpenCC writes differently in Simplified → its Simplified character.

    Characters are converted one per line, so that no phrase rule applies;
    a character whose conversion is not one character is left out.
    """
    characters = [chr(code) for start, end in _HAN_BLOCKS for code in range(start, end)]
    converted = to_simplified("\n".join(characters)).split("\n")
    return {
        ord(character): simple
        for character, simple in zip(characters, converted, strict=True)
        if simple != character and len(simple) == 1
    }


def _fold_table_for(keys: Iterable[Iterable[str]]) -> dict[str, str]:
    """The part of the fold table the page needs: the characters whose Simplified form some key holds."""
    used = {char for concept_keys in keys for key in concept_keys for char in key}
    return {chr(code): simple for code, simple in sorted(_fold_table().items()) if simple in used}


def _concept(row: GlossaryRow) -> dict[str, Any]:
    """A row as the page holds it: the CSV's columns (empty ones left out) and the row's search keys."""
    values = {name: getattr(row, field) for name, field in _page_columns()}
    labels = [row.label(lang) for lang in LANGUAGES]
    labels += [label for lang in LANGUAGES for label in (*row.abbreviations(lang), *row.variants(lang))]
    return {
        "row": {
            name: list(value) if isinstance(value, tuple) else value
            for name, value in values.items()
            if value != "" and value != ()
        },
        "keys": search_keys(labels),
    }


@cache
def _page_columns() -> list[tuple[str, str]]:
    """``(CSV column, row field)`` of every column the page holds."""
    return [(column.metadata.get("column", column.name), column.name) for column in columns(LANGUAGES)]


def _types(rows: Sequence[GlossaryRow]) -> list[dict[str, Any]]:
    """The term types present, in the annotation contract's order then the others, with their names."""
    present = {row.type for row in rows}
    order = [t for t in ENTITY_TYPES if t in present] + sorted(present - set(ENTITY_TYPES))
    return [{"id": t, "labels": type_labels().get(t, {})} for t in order]


def _labels(graph: Graph) -> dict[str, str]:
    """Concept IRI → its name for a reader: the zh-Hans prefLabel, else the English one, else any."""
    ranked: dict[str, tuple[int, str]] = {}
    preference = {"zh-hans": 0, "en": 1}
    for row in select(graph, _LABELS):
        rank = preference.get((row["lang"] or "").lower(), 2)
        if row["concept"] not in ranked or rank < ranked[row["concept"]][0]:
            ranked[row["concept"]] = (rank, row["label"])
    return {concept: label for concept, (_, label) in ranked.items()}


def _documents(graph: Graph) -> dict[str, dict[str, Any]]:
    """Document IRI → its id, script, title, date, address, text, and its position (by id) in the page's list."""
    parts: defaultdict[str, list[str]] = defaultdict(list)
    for part in select(graph, _TEXT_PARTS):
        parts[part["document"]].append(part["text"])
    documents: dict[str, dict[str, Any]] = {}
    for row in select(graph, _DOCUMENTS):
        documents.setdefault(
            row["document"],
            {
                "id": row["id"],
                # its script, so that the page draws its text with Simplified or Traditional glyph forms
                "lang": str(row["language"] or ""),
                "title": row["title"] or "",
                "date": str(row["date"] or ""),
                "url": row["url"] or "",
                "text": row["text"] if row["text"] is not None else "".join(parts[row["document"]]),
                "order": len(documents),
            },
        )
    return documents


class _Snippets:
    """The stretches of text that contexts point into, each stored once: ``[document, begin, text]``.

    A stretch is the mention's sentence, or where the document has no
    sentences, :data:`WINDOW` characters on either side of the mention,
    cut at line breaks.
    """

    def __init__(self, documents: dict[str, dict[str, Any]]) -> None:
        self.documents = documents
        self.table: list[list[Any]] = []
        self._index: dict[tuple[str, int, int], int] = {}

    def context(self, mention: dict[str, Any]) -> list[int]:
        """``[snippet, start, end]``: where the mention is in its snippet.

        ``start`` and ``end`` count UTF-16 code units, as the page's
        JavaScript slices strings; a snippet's ``begin`` is its offset in
        the document in characters, as kg counts everywhere else.
        """
        document = self.documents[mention["document"]]
        text: str = document["text"]
        begin, end = mention["begin"], mention["end"]
        if mention["sentence_begin"] is not None:
            first, last = mention["sentence_begin"], mention["sentence_end"]
        else:
            first = max(text.rfind("\n", max(0, begin - WINDOW), begin) + 1, begin - WINDOW, 0)
            stop = text.find("\n", end, end + WINDOW)
            last = stop if stop >= 0 else min(len(text), end + WINDOW)
        key = (mention["document"], first, last)
        if key not in self._index:
            self._index[key] = len(self.table)
            self.table.append([document["order"], first, text[first:last]])
        snippet = text[first:last]
        start, stop = begin - first, end - first
        if _ASTRAL.search(snippet):  # JavaScript counts a character beyond U+FFFF as two
            start, stop = _utf16_length(snippet[:start]), _utf16_length(snippet[:stop])
        return [self._index[key], start, stop]


def _figures(graph: Graph, documents: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The figure rows, one per observation, in document and reading order."""
    seen: dict[str, dict[str, Any]] = {}
    for row in select(graph, _FIGURES):
        seen.setdefault(row["observation"], row)
    return sorted(seen.values(), key=lambda f: (documents[f["document"]]["order"], f["begin"]))


def _figure(row: dict[str, Any], snippets: _Snippets, ref: Ref) -> dict[str, Any]:
    figure = {
        "at": snippets.context(row),
        "value": _number(row["value"]),
        "unit": row["unit"],
        "period": row["period"],
        "direction": row["direction"],
        "basis": row["basis"],
        "speaker": ref(row["speaker"]) if row["speaker"] else None,
    }
    return {name: value for name, value in figure.items() if value not in (None, "")}


def _number(value: object) -> str | None:
    """A figure's value as plain digits (11860000, 24.5), never in exponent form."""
    if value is None:
        return None
    text = format(Decimal(str(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _agents(facts: PageFacts, ref: Ref) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Speakers as the page lists them (``ref``, roles, organizations), and each one's position by IRI."""
    roles: defaultdict[str, dict[str, str]] = defaultdict(dict)
    orgs: defaultdict[str, set[str]] = defaultdict(set)
    for row in facts.agents:
        if row["role"]:
            # the same role written in either script is one role: keep the first spelling
            roles[row["agent"]].setdefault(to_simplified(row["role"]), row["role"])
        if row["org"]:
            orgs[row["agent"]].add(row["org"])
    speakers = sorted({*roles, *orgs, *(row["agent"] for row in facts.speakers)})
    agents = []
    for iri in speakers:
        agent: dict[str, Any] = {"ref": ref(iri)}
        if roles[iri]:
            agent["roles"] = sorted(roles[iri].values())
        if orgs[iri]:
            agent["orgs"] = [ref(org) for org in sorted(orgs[iri])]
        agents.append(agent)
    return agents, {iri: position for position, iri in enumerate(speakers)}


def _add_cooccurrences(cooccurrences: list[dict[str, Any]], entry: Entry, ref: Ref) -> None:
    """Each term's :data:`COOCCURRING_LIMIT` most frequent companions ``[ref, sentences]``, and how many it has."""
    companions: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in cooccurrences:
        companions[row["concept"]].append((row["count"], row["other"]))
    for iri, pairs in companions.items():
        concept = entry(iri)
        if concept is None:
            continue
        pairs.sort(key=lambda pair: (-pair[0], pair[1]))
        concept["cooccurs"] = [[ref(other), count] for count, other in pairs[:COOCCURRING_LIMIT]]
        if len(pairs) > COOCCURRING_LIMIT:
            concept["cooccursTotal"] = len(pairs)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
