"""The glossary as one offline web page: search in both scripts and English, and a panel per term.

Translators, interpreters and analysts who never write SPARQL get what a
termbase gives, built from their own documents: search as they type (工信部,
工業和信息化部, 工业和信息化部 and MIIT find the same concept), filters by type
and English status, and for each term its labels, definition, related
terms, the contexts it occurs in, who said it, the figures reported for it
and the terms it shares sentences with (of a long list, a sample and its
count: :mod:`kg.sample`).

The page is one file that opens by double-click and makes no request:

* the data is JSON in a ``<script type="application/json">`` element, written
  by :func:`kg.export.inline.script_json`, so no document string can end the element
  (``</script>``), and line separators and bidirectional controls are
  escaped; the page's code only ever puts document strings into the DOM as
  text, never as markup;
* the code and style (``kg/static/glossary.js``, ``glossary.css``) are
  inlined, and a Content-Security-Policy allows exactly those two, by hash,
  and nothing else: no other script runs and no resource is fetched, even
  if something got past the escaping.

The rows are the glossary's own (:func:`kg.export.rows.glossary_rows`): the
page's CSV export has the columns, values and formula neutralization of
``glossary.csv``.  What a row does not hold (contexts, figures, speakers,
co-occurrence, broader and successor concepts) is a :class:`kg.export.facts.PageFacts`,
read from the graph or, in a build, gathered from its documents.

Search keys are folded here, once per label, so that the page's code stays
small: NFKC (full-width Latin and digits become ASCII), lower case, and
Traditional characters mapped to Simplified one by one with OpenCC's table.
The page folds a query with the same table, shipped for the characters the
keys use, so a query in either script, or in a mixture, finds the label.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from importlib.resources import files
from typing import IO, Any

from rdflib import Graph

from kg import regexes
from kg.batches import batched
from kg.errors import KgError
from kg.export.cedict import ATTRIBUTION
from kg.export.facts import FIGURE_VALUES, Context, PageDocuments, PageFacts, page_facts
from kg.export.inline import Streamed, script_json_chunks
from kg.export.rows import FORMULA_STARTS, LANGUAGES, SEPARATOR, GlossaryRow, columns, header, type_labels
from kg.export.writer import DEFAULTS, ExportOptions
from kg.link.thesaurus import local_id
from kg.recognize.doc import ENTITY_TYPES
from kg.text.script import to_simplified_each

#: Version of the page's data layout; the page's code reads only this one.
DATA_VERSION = 1
#: Characters a search ignores: quotation and title marks (as :func:`kg.link.thesaurus.surface_key`) and name dots.
IGNORED = '“”「」『』《》〈〉"·・‧'
#: At most this many co-occurring terms are listed per term, most frequent first.
COOCCURRING_LIMIT = 30
#: The blocks whose Traditional characters fold to Simplified: CJK Unified Ideographs, Extension A, Compatibility.
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_IGNORED = dict.fromkeys(map(ord, IGNORED))  # str.translate's table that deletes them
_PLACEHOLDER = regexes.compile(r"\{\{(\w+)\}\}")

_INVERSE = {"broader": "narrower", "replacedBy": "replaces"}

#: How one concept points to another in the page's data: a concept IRI → its row's index, or its label.
Ref = Callable[[str], int | str]
#: A concept IRI → what the page shows of it beyond its row (contexts, figures …), if the page has a row for it.
Entry = Callable[[str], dict[str, Any] | None]
#: Rows whose search keys are made together (:func:`_search_keys_of_each`): each label is converted by OpenCC
#: once for all of them, and a glossary of more rows than that holds no more of their labels at once.
_KEYS_AT_ONCE = 10_000


def write_html(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """Write the page of ``rows``, with what ``options.graph`` says about them, to ``handle``."""
    if options.graph is None:
        raise HtmlError("the glossary page needs the graph its rows came from (ExportOptions(graph=...))")
    write_page(page_data(options.graph, rows, title=options.title), handle)


class HtmlError(KgError):
    """The page cannot be written from what was given."""


def write_page(data: dict[str, Any], handle: IO[str]) -> None:
    """Write the HTML page showing ``data`` (a :func:`page_data` payload; code and style inlined) to ``handle``
    piece by piece (:func:`page_chunks`): the page is never one string (on a
    large corpus it is tens of megabytes, and made whole it was held three times over)."""
    for chunk in page_chunks(data):
        handle.write(chunk)


def page_chunks(data: dict[str, Any]) -> Iterator[str]:
    """The page of ``data`` in pieces: the template's text, and each value put in place of a placeholder."""
    static = files("kg") / "static"
    style = static.joinpath("glossary.css").read_text(encoding="utf-8")
    script = static.joinpath("glossary.js").read_text(encoding="utf-8")
    if "</" in script or "</" in style:
        raise ValueError("the page's script and style must not contain '</': it would end their element")
    documents, terms = data["documentCount"], len(data["concepts"])
    values = {
        "title": html.escape(data["title"]),
        "subtitle": f"{_plural(terms, 'term')} from {_plural(documents, 'document')}",
        "attribution": html.escape(data["attribution"]),
        "csp": content_security_policy(script, style),
        "style": style,
        "script": script,
    }
    template = static.joinpath("glossary.html").read_text(encoding="utf-8")
    # the template is cut at its placeholders once, so that nothing inserted (a title, the data) is itself
    # searched for placeholders: odd pieces are placeholder names
    for position, piece in enumerate(_PLACEHOLDER.split(template)):
        if position % 2 == 0:
            yield piece
        elif piece == "data":
            yield from script_json_chunks(data)
        else:
            yield values[piece]


def content_security_policy(script: str, style: str) -> str:
    """A policy that lets exactly this script and style run, and the page fetch nothing at all."""
    return (
        f"default-src 'none'; script-src '{_sha256(script)}'; style-src '{_sha256(style)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def page_data(
    graph: Graph | None, rows: Sequence[GlossaryRow], *, title: str = "kg glossary", facts: PageFacts | None = None
) -> dict[str, Any]:
    """The page's payload: ``rows`` and what the page shows beyond them (``facts``, or read from ``graph``),
    as plain JSON-ready values, but for ``documents``, ``snippets`` and ``concepts``:
    :class:`kg.export.inline.Streamed` lists, made from ``facts`` and ``rows`` again each time they are read
    (as the page is written), which must not change until then.

    A *ref* to a concept is its index in ``concepts``, or for a concept the
    page has no row for (a figure, a type left out) its label, which the
    page shows as text rather than as a link.  The keys:

    * ``columns``, ``separator``, ``formulaStarts``: the CSV of
      :func:`kg.export.rows.write_csv`, for the page's export;
    * ``fold``, ``ignored``: how a query is folded (:func:`fold`);
    * ``types``: the term types present, with their names;
    * ``documents``: ``id``, ``lang``, ``title``, ``date``, ``url``, of the
      documents that the contexts and figures shown are in; ``documentCount``,
      all the corpus's;
    * ``snippets``: ``[document, begin, text]``, sentences (or windows)
      that contexts point into, each once;
    * ``agents``: speakers, ``{ref, roles, orgs}``;
    * ``concepts``, in the order of ``rows``: ``row`` (the CSV's columns,
      empty ones left out), ``keys`` (:func:`search_keys`), and where there
      are any: ``contexts`` (``[snippet, start, end]``, see
      :mod:`kg.export.facts`; a sample, with ``contextsTotal`` when cut),
      ``speakers`` (``[agent, mentions]``), ``agent`` (its own place in
      ``agents``), ``figures`` (``at``, a context, and ``value``, ``unit``,
      ``period``, ``direction``, ``basis``, ``speaker``; a sample, with
      ``figuresTotal`` when cut), ``cooccurs`` (``[ref, sentences]``, with
      ``cooccursTotal`` when cut), ``broader``, ``narrower``,
      ``replacedBy``, ``replaces`` (refs).
    """
    if facts is None:
        if graph is None:
            raise HtmlError("the glossary page needs the graph its rows came from, or what was read from it")
        facts = page_facts(graph)
    index, keys, drafted, present = _read_rows(rows)
    labels = facts.labels

    def ref(iri: str) -> int | str:
        concept_id = local_id(iri)
        return index.get(concept_id, labels.get(iri, concept_id))

    shown: dict[int, dict[str, Any]] = {}  # a row's position → what the page shows of its term beyond the row

    def entry(iri: str) -> dict[str, Any] | None:
        position = index.get(local_id(iri))
        return None if position is None else shown.setdefault(position, {})

    documents = facts.documents
    first = 0  # the number of a document's first snippet: they are numbered on from the previous documents'
    for document in documents.shown():
        for iri, (snippet, start, end) in document.mentions:
            concept = entry(iri)
            if concept is not None:
                concept.setdefault("contexts", []).append([first + snippet, start, end])
        for iri, (snippet, start, end), values in document.figures:
            concept = entry(iri)
            if concept is not None:
                values = {**values, "speaker": ref(values["speaker"])} if "speaker" in values else values
                concept.setdefault("figures", []).append(_held_figure((first + snippet, start, end), values))
        first += len(document.snippets)
    for key, samples in (("contextsTotal", documents.contexts), ("figuresTotal", documents.figures)):
        for iri, (total, cut) in samples.totals().items():
            if cut and (concept := entry(iri)) is not None:
                concept[key] = total
    said = documents.said
    agents, agent_index = _agents(facts, ref)
    for (iri, agent), mentions in sorted(said.items(), key=lambda item: (-item[1], item[0][1])):
        concept = entry(iri)
        if concept is not None:
            concept.setdefault("speakers", []).append([agent_index[agent], mentions])
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
    return {
        "version": DATA_VERSION,
        "title": title,
        # drafts may hold CC-CEDICT glosses, whose licence asks for this wherever they are shared
        "attribution": ATTRIBUTION if drafted else "",
        "columns": header(LANGUAGES),
        "separator": SEPARATOR,
        "formulaStarts": list(FORMULA_STARTS),
        "ignored": IGNORED,
        "fold": _fold_table_for(keys),
        "types": _types(present),
        # the documents and their snippets (text, most of the page) are read again as the page is written
        "documents": Streamed(lambda: (document.record for document in documents.shown())),
        "documentCount": documents.count,
        "snippets": Streamed(functools.partial(_snippets, documents)),
        "agents": agents,
        # made from the rows as the page is written: a glossary's rows may be more than memory holds (in SQLite)
        "concepts": Streamed(functools.partial(_concepts, rows, keys, shown), len(keys)),
    }


def _snippets(documents: PageDocuments) -> Iterator[list[Any]]:
    """The snippets the samples of ``documents`` point into, numbered in order, each ``[document, begin, text]``
    (a document's place among those shown)."""
    for order, document in enumerate(documents.shown()):
        for begin, text in document.snippets:
            yield [order, begin, text]


def prepare() -> None:
    """Make what every page is made with, once in a process, ahead of the first page: the table that folds
    Traditional characters (:func:`fold`) and the types' names, read from the ontology.  A build calls
    this while its workers extract, rather than after its last document, where one core works alone."""
    _fold_table()
    type_labels()


def search_keys(labels: Iterable[str]) -> list[str]:
    """The folded forms a search matches against, without repeats, in the order of ``labels``.

    Each label gives its character-by-character fold (what a query folded
    the same way is compared with) and, where OpenCC's phrase conversion
    says otherwise (乾隆 is not 干隆), that Simplified form too.
    """
    return _search_keys_of_each([list(labels)])[0]


def _search_keys_of_each(label_lists: Sequence[Sequence[str]]) -> list[list[str]]:
    """:func:`search_keys` of each list of labels, made together: a page has thousands of labels, so each
    distinct one is folded once, and all of them are converted to Simplified in one call to OpenCC."""
    normals = {label: _normal(label) for labels in label_lists for label in labels if label}
    keys_of: dict[str, tuple[str, str]] = {}
    for (label, normal), simplified in zip(normals.items(), to_simplified_each(list(normals.values())), strict=True):
        # what OpenCC leaves as it was, _normal has already made normal
        keys_of[label] = (_folded(normal), normal if simplified == label else _normal(simplified))
    each = []
    for labels in label_lists:
        keys = dict.fromkeys(key for label in labels if label for key in keys_of[label])
        keys.pop("", None)
        each.append(list(keys))
    return each


def fold(text: str) -> str:
    """``text`` as a search compares it: NFKC, lower case, Traditional characters as Simplified, marks dropped."""
    return _folded(_normal(text))


def _folded(normal: str) -> str:
    """A text already normal (:func:`_normal`) with its Traditional characters as Simplified: :func:`fold`'s
    last step, which :func:`search_keys` takes from the normal form it makes once for both its keys."""
    return normal.translate(_fold_table())


def _normal(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    return " ".join(folded.translate(_IGNORED).split())  # runs of white space as one space, none at the ends


@cache
def _fold_table() -> dict[int, str]:
    """Each Han character that OpenCC writes differently in Simplified → its Simplified character.

    Characters are converted one per line, so that no phrase rule applies;
    a character whose conversion is not one character is left out.
    """
    characters = [chr(code) for start, end in _HAN_BLOCKS for code in range(start, end)]
    converted = to_simplified_each(characters)
    return {
        ord(character): simple
        for character, simple in zip(characters, converted, strict=True)
        if simple != character and len(simple) == 1
    }


def _fold_table_for(keys: Iterable[Iterable[str]]) -> dict[str, str]:
    """The part of the fold table the page needs: the characters whose Simplified form some key holds."""
    used = {char for concept_keys in keys for key in concept_keys for char in key}
    return {chr(code): simple for code, simple in sorted(_fold_table().items()) if simple in used}


def _read_rows(rows: Iterable[GlossaryRow]) -> tuple[dict[str, int], list[list[str]], bool, set[str]]:
    """What the page needs of all ``rows`` before it writes the first (in one reading of them): each row's
    position by id, its search keys (:func:`search_keys`, made :data:`_KEYS_AT_ONCE` rows at a time), whether
    any English is a draft, and the term types present."""
    index: dict[str, int] = {}
    keys: list[list[str]] = []
    drafted, present = False, set()
    for batch in batched(rows, _KEYS_AT_ONCE):
        for row in batch:
            index[row.id] = len(index)
            drafted = drafted or row.english_status == "draft"
            present.add(row.type)
        keys += _search_keys_of_each([_row_labels(row) for row in batch])
    return index, keys, drafted, present


def _concepts(
    rows: Iterable[GlossaryRow], keys: Sequence[list[str]], shown: dict[int, dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """The rows as the page holds them: the CSV's columns (empty ones left out), the row's search keys and
    what the page shows of its term beyond them (``shown``, by position)."""
    for position, (row, row_keys) in enumerate(zip(rows, keys, strict=True)):
        extras = shown.get(position, {})
        if "figures" in extras:
            extras = {**extras, "figures": [_shown_figure(figure) for figure in extras["figures"]]}
        yield {"row": _page_row(row), "keys": row_keys, **extras}


def _held_figure(at: Context, values: dict[str, Any]) -> tuple[Any, ...]:
    """A figure as the page holds it until its term is written: where it is, then its values in the order of
    :data:`kg.export.facts.FIGURE_VALUES` (``None`` where it has none), the strings interned.  A vocabulary's
    terms hold hundreds of thousands of figures: a tuple of nine takes 128 bytes, the dict the page writes
    about 500 and its list of where another 170."""
    held = (values.get(name) for name in FIGURE_VALUES)
    return (*at, *(sys.intern(value) if isinstance(value, str) else value for value in held))


def _shown_figure(held: tuple[Any, ...]) -> dict[str, Any]:
    """The figure :func:`_held_figure` held as the page writes it: ``at``, then the values it has, in order."""
    snippet, start, end, *values = held
    present = {name: value for name, value in zip(FIGURE_VALUES, values, strict=True) if value is not None}
    return {"at": [snippet, start, end], **present}


def _row_labels(row: GlossaryRow) -> list[str]:
    """Every label of ``row``: a search for any of them finds it."""
    labels = [row.label(lang) for lang in LANGUAGES]
    return labels + [label for lang in LANGUAGES for label in (*row.abbreviations(lang), *row.variants(lang))]


def _page_row(row: GlossaryRow) -> dict[str, Any]:
    """The row's CSV columns as the page holds them, empty ones left out: the page makes the CSV it exports."""
    return {
        name: list(value) if isinstance(value, tuple) else value
        for name, field in _page_columns()
        if (value := getattr(row, field)) != "" and value != ()
    }


@cache
def _page_columns() -> list[tuple[str, str]]:
    """``(CSV column, row field)`` of every column the page holds."""
    return [(column.metadata.get("column", column.name), column.name) for column in columns(LANGUAGES)]


def _types(present: set[str]) -> list[dict[str, Any]]:
    """The term types ``present``, in the annotation contract's order then the others, with their names."""
    order = [t for t in ENTITY_TYPES if t in present] + sorted(present - set(ENTITY_TYPES))
    return [{"id": t, "labels": type_labels().get(t, {})} for t in order]


def _agents(facts: PageFacts, ref: Ref) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Speakers as the page lists them (``ref``, roles, organizations), and each one's position by IRI.

    A speaker is listed if a turn gives them a role, if they speak in turns
    and belong to an organization, or if they said a term.
    """
    roles = facts.documents.roles()
    orgs: defaultdict[str, set[str]] = defaultdict(set)
    for agent, org in facts.memberships:
        if agent in facts.documents.speaking:
            orgs[agent].add(org)
    speakers = sorted({*roles, *orgs, *(agent for _, agent in facts.documents.said)})
    agents = []
    for iri in speakers:
        agent: dict[str, Any] = {"ref": ref(iri)}
        if roles.get(iri):
            agent["roles"] = roles[iri]
        if orgs[iri]:
            agent["orgs"] = [ref(org) for org in sorted(orgs[iri])]
        agents.append(agent)
    return agents, {iri: position for position, iri in enumerate(speakers)}


def _add_cooccurrences(cooccurrences: list[tuple[str, str, int]], entry: Entry, ref: Ref) -> None:
    """Each term's :data:`COOCCURRING_LIMIT` most frequent companions ``[ref, sentences]``, and how many it has."""
    companions: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for concept, other, count in cooccurrences:
        companions[concept].append((count, other))
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


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
