"""RDF terms and statements as text: the one escaping of IRIs and literals the build writes.

A corpus build writes hundreds of thousands of statements per million
characters.  Making an rdflib term object for each (and a graph to hold
them, and a serializer to write them) took two thirds of a build's time, so
the build writes each statement directly as text, with the functions here:
an N-Triples term is a string (``<https://…>``, ``"text"@zh-Hans``,
``"5"^^<…#integer>``), and :class:`TurtleWriter` writes statements grouped by
subject as Turtle, with the project's prefixes.  rdflib stays the API users
get (:mod:`kg.rdf.graph`); this module does not import it, so that
``kg extract`` does not load it either.

What may go inside a term is decided here, once:

* :func:`literal` escapes what N-Triples and Turtle cannot hold inside
  ``"…"`` (backslash, quote, line feed, carriage return) and nothing else, so
  U+2028, control characters and any language are written as they are;
* :func:`iri` makes a valid absolute IRI of an untrusted one (a URL from a
  page's metadata): it percent-encodes what no IRI may contain (spaces,
  ``<>"{}|^`\\``, control characters, code points outside RFC 3987's
  ``ucschar``, a ``%`` that starts no escape, a second ``#``, brackets outside
  the host), so Oxigraph, which checks IRIs strictly, loads every statement;
* :func:`safe_segment` makes an id (a document's, a concept's) a path segment,
  from which the IRIs the project mints are built without further checks.

Every literal is checked against :data:`LITERAL_LIMIT`, the largest value
Oxigraph stores (16 MiB): a longer one is a :class:`LiteralTooLong` naming
what it is, instead of a failure deep in the store.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from itertools import groupby
from operator import itemgetter
from typing import ClassVar, TextIO

from kg import regexes
from kg.batches import batched
from kg.errors import KgError

BASE = "https://w3id.org/cnpolicy/"
#: The project's ontology (``ontology/kg.ttl``).
ONTOLOGY = BASE + "ontology#"
#: Concepts: thesaurus entries and concepts minted for unknown names.
CONCEPTS = BASE + "concept/"
#: Documents, and below a document its mentions, figures and turns.
DOCUMENTS = BASE + "doc/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Every prefix a written graph binds and every SPARQL query may use (:data:`kg.rdf.namespaces.NAMESPACES`).
PREFIXES: dict[str, str] = {
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "kg": ONTOLOGY,
    "kgc": CONCEPTS,
    "kgd": DOCUMENTS,
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "oa": "http://www.w3.org/ns/oa#",
    "skosxl": "http://www.w3.org/2008/05/skos-xl#",
}

#: The largest string Oxigraph stores in one term (bytes of UTF-8).
LITERAL_LIMIT = 16 * 2**20

_SAFE_PUNCTUATION = frozenset("-._~")
_SAFE_DROPPED = str.maketrans("", "", "-._~")
_QUOTE = '"'
#: Between two predicate-object pairs of one subject in Turtle.
_NEXT_PAIR = " ;\n\t"
_LITERAL_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_NEEDS_ESCAPE = regexes.compile(r'[\\"\n\r]')


def _escape(text: str) -> str:
    """``text`` with backslashes, quotes and line breaks escaped as N-Triples and Turtle write them.

    One regular-expression pass that replaces the few characters found:
    ``str.translate`` looked up every character, 70 ms of a build for its
    documents' texts alone.
    """
    return _NEEDS_ESCAPE.sub(lambda char: _LITERAL_ESCAPES[char[0]], text)


def _ranges(ranges: list[tuple[int, int]], left_out: str) -> str:
    """A regular-expression character class body of ``ranges`` (inclusive) without the characters ``left_out``."""
    holes = sorted(ord(ch) for ch in left_out)
    parts = []
    for low, high in ranges:
        for hole in [hole for hole in holes if low <= hole <= high] + [high + 1]:
            if low < hole:
                parts.append(f"{chr(low)}-{chr(hole - 1)}" if hole - 1 > low else chr(low))
            low = hole + 1
    return "".join(parts)


#: RFC 3987 ``ucschar`` (the code points beyond ASCII an IRI may hold as they are), less the white space
#: rdflib's N-Triples parser would end an IRI at (U+2028, U+3000 …): an IRI from text gets those percent-encoded.
_UCSCHAR = _ranges(
    [(0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF)]
    + [(plane << 16, (plane << 16) + 0xFFFD) for plane in range(1, 14)]
    + [(0xE1000, 0xEFFFD)],
    "".join(chr(code) for code in range(0xA0, 0x3001) if chr(code).isspace()),
)
#: ASCII an IRI holds as it is anywhere (unreserved and sub-delims, ``:/?@``); ``%``, ``#`` and brackets are checked.
_IRI_ASCII = "A-Za-z0-9\\-._~!$&'()*+,;=:/?@"
_PERCENT = regexes.compile("%[0-9A-Fa-f]{2}")
_SCHEME = regexes.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: Turtle's PN_CHARS_BASE beyond ASCII, for the local part of a prefixed name.
_PN_BASE = (
    "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d\u2070-\u218f"
    "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A run of IRI characters (``%XX`` included), one IRI character, and a Turtle local name that needs no escape.

    Compiled on first use: their character classes cost ``kg extract``, which never writes a term, 10 ms.
    """
    char = f"[{_IRI_ASCII}{_UCSCHAR}]"
    local = f"(?:[A-Za-z0-9_{_PN_BASE}]|%[0-9A-Fa-f]{{2}})(?:[A-Za-z0-9_\\-{_PN_BASE}]|%[0-9A-Fa-f]{{2}})*"
    return regexes.compile(f"{char}*(?:%[0-9A-Fa-f]{{2}}{char}*)*"), regexes.compile(char), regexes.compile(local)


class LiteralTooLong(KgError):
    """A value longer than the store can hold in one literal; ``str()`` says what it is and how long."""


def safe_segment(text: str, keep: str = "") -> str:
    """Percent-encode every character of ``text`` that is not a letter, digit or ``-._~``.

    Letters and digits include CJK ideographs: IRIs (RFC 3987) allow them and
    Turtle writes them as they are, so ``kgc:org-新闻办网站`` stays readable,
    while spaces, quotes, brackets and control characters can never break
    an IRI or the Turtle that holds it.  A character of ``keep`` is kept,
    except a ``%`` that starts no ``%XX`` escape (it would make the IRI invalid).
    """
    plain = text.translate(_SAFE_DROPPED)
    if (plain.isalnum() and plain.isprintable()) or not text:
        return text  # the common case: letters, digits and -._~ only
    out = []
    for index, ch in enumerate(text):
        kept = ch in keep and (ch != "%" or _PERCENT.match(text, index) is not None)
        safe = (ch.isalnum() and ch.isprintable()) or ch in _SAFE_PUNCTUATION
        out.append(ch if safe or kept else _percent(ch))
    return "".join(out)


def document_iri(doc_id: str) -> str:
    """The IRI of a document; any id is made safe, so ``>`` or spaces cannot break it."""
    return DOCUMENTS + safe_segment(doc_id)


def offset_iri(document: str, start: int, end: int, kind: str = "char") -> str:
    """The IRI of ``text[start:end]`` under the IRI of its document, NIF style (``#char=10,14``)."""
    return f"{document}#{kind}={start},{end}"


@lru_cache(maxsize=1 << 16)  # a corpus names the same concepts again and again: each is escaped once
def concept_iri(concept_id: str) -> str:
    """The IRI of a concept id, safe whatever the id holds (a minted id's ``%XX`` escapes are kept)."""
    return CONCEPTS + safe_segment(concept_id, keep="%")


def category_iri(category: str) -> str:
    """The ``kg:`` individual of a mention or concept category (``kg:ORG``)."""
    return ONTOLOGY + safe_segment(category)


def iri(value: str) -> str:
    """The N-Triples term of the absolute IRI ``value``, percent-encoding what an IRI may not hold.

    An IRI the project mints from :func:`safe_segment` ids comes back as it
    is; see the module's docstring for what is encoded.
    """
    run = _patterns()[0]
    hash_at = value.find("#")
    if hash_at < 0:
        plain = run.fullmatch(value)
    else:
        plain = run.fullmatch(value, 0, hash_at) and run.fullmatch(value, hash_at + 1)
    return f"<{value}>" if plain else f"<{_encoded_iri(value)}>"


def literal(text: str, language: str | None = None, *, what: str = "a value") -> str:
    """The N-Triples term of a string, with a language tag if ``language`` is given.

    ``what`` names the value in the :class:`LiteralTooLong` raised if it is
    longer than :data:`LITERAL_LIMIT` bytes (``"its text"``, ``"the sentence at 10–20"``).
    """
    if len(text) > LITERAL_LIMIT // 4:
        _check_length(text, what)
    if _NEEDS_ESCAPE.search(text):
        text = _escape(text)
    return f'"{text}"@{language}' if language else f'"{text}"'


def typed(lexical: str, datatype: str) -> str:
    """The N-Triples term of a typed literal; ``datatype`` is an IRI (``XSD + "integer"``)."""
    if _NEEDS_ESCAPE.search(lexical):
        lexical = _escape(lexical)
    return f'"{lexical}"^^<{datatype}>'


def integer(value: int, datatype: str = XSD + "integer") -> str:
    """An integer literal (``xsd:integer`` unless another integer type is named)."""
    return f'"{value}"^^<{datatype}>'


def ntriples(subject: str, predicate: str, obj: str) -> str:
    """One N-Triples statement, ending in a newline."""
    return f"{subject} {predicate} {obj} .\n"


def split_statement(line: str) -> tuple[str, str, str]:
    """The subject, predicate and object terms of an N-Triples line this module wrote.

    IRIs hold no space (they are percent-encoded), so the first two spaces
    end the subject and the predicate.
    """
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest.rstrip("\n")[:-2]


def turtle_prefixes() -> str:
    """The ``@prefix`` lines of :data:`PREFIXES`, which every Turtle and TriG file the build writes opens with."""
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())


#: How many terms :class:`TurtleWriter` remembers the short form of, in a process.
_REMEMBERED = 100_000


class TurtleWriter:
    """Writes statements grouped by subject as Turtle (without the ``@prefix`` lines) to ``out``.

    Terms are N-Triples terms; an IRI in a namespace of :data:`PREFIXES`
    whose local part needs no escape is written as a prefixed name
    (``kgc:org-npc``, ``nif:anchorOf``), ``rdf:type`` as ``a``, anything else
    as it is.  Each call to :meth:`node` writes one subject's statements,
    which the caller gives once each.

    The terms already written short are remembered for every writer of the
    process, not each: a worker makes a writer per document, and a short
    release names the same predicates, classes and concepts as the one
    before (what a term is written as depends on nothing but the term).
    """

    #: Terms and how they are written, shared by the writers of a process (up to :data:`_REMEMBERED` of them).
    _compact: ClassVar[dict[str, str]] = {f"<{RDF}type>": "a"}
    _namespaces: ClassVar[dict[str, str]] = {namespace: prefix for prefix, namespace in PREFIXES.items()}

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.statements = 0

    def node(self, subject: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Write ``subject``'s ``(predicate, object)`` pairs (at least one)."""
        known, compact = self._compact.get, self.compact
        written = [
            f"{known(predicate) or compact(predicate)} {known(obj) or compact(obj)}"
            if obj[0] != _QUOTE or obj[-1] == ">"
            else f"{known(predicate) or compact(predicate)} {obj}"  # a string literal is written as it is
            for predicate, obj in pairs
        ]
        self.statements += len(written)
        self.out.write(f"{compact(subject)} {_NEXT_PAIR.join(written)} .\n")

    def compact(self, term: str) -> str:
        """A term as Turtle writes it: a prefixed name where one is safe, else the N-Triples term."""
        if term[0] != "<":
            if term[-1] == ">" and "^^<" in term:  # a typed literal: its datatype, nearly always one seen before
                lexical, _, datatype = term.rpartition("^^")
                return f"{lexical}^^{self._compact.get(datatype) or self.compact(datatype)}"
            return term
        known = self._compact.get(term)
        if known is not None:
            return known
        value = term[1:-1]
        cut = max(value.rfind("/"), value.rfind("#")) + 1
        prefix = self._namespaces.get(value[:cut])
        local = value[cut:]
        short = f"{prefix}:{local}" if prefix and _patterns()[2].fullmatch(local) else term
        if len(self._compact) < _REMEMBERED:  # predicates, classes and concepts recur; offsets do not
            self._compact[term] = short
        return short


def turtle_nodes(statements: Iterable[str], size: int) -> Iterator[str]:
    """N-Triples lines (those of one subject together: give them sorted) as the Turtle :class:`TurtleWriter`
    writes, in pieces of whole nodes of about ``size`` statements, made as the lines are read.

    A subject with more than ``size`` statements is written as several
    nodes of at most ``size`` each, so that neither a graph of any size nor
    one subject of millions of statements (a build's activity, which names
    every document) is ever held.
    """
    out = io.StringIO()
    writer, given = TurtleWriter(out), 0
    for subject, triples in groupby(map(split_statement, statements), key=itemgetter(0)):
        for batch in batched(triples, size):
            writer.node(subject, [(predicate, obj) for _, predicate, obj in batch])
            if writer.statements - given >= size:
                yield out.getvalue()
                out.seek(0)
                out.truncate()
                given = writer.statements
    if writer.statements > given:
        yield out.getvalue()


def _check_length(text: str, what: str) -> None:
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > LITERAL_LIMIT:
        limit = f"{LITERAL_LIMIT / 2**20:g} MiB" if LITERAL_LIMIT >= 2**20 else f"{LITERAL_LIMIT:,} bytes"
        raise LiteralTooLong(f"{what} is {size:,} bytes long, more than one literal of the store may hold ({limit})")


def _percent(ch: str) -> str:
    return "".join(f"%{byte:02X}" for byte in ch.encode("utf-8", "surrogatepass"))


def _encoded_iri(value: str) -> str:
    """``value`` with every character an IRI may not hold where it stands percent-encoded."""
    scheme = _SCHEME.match(value)
    start = scheme.end() if scheme else 0
    host_end = -1
    if value.startswith("//", start):  # brackets may enclose an IP literal in the host, and only there
        host_end = min((i for i in (value.find(c, start + 2) for c in "/?#") if i >= 0), default=len(value))
    out = [value[:start]]
    fragment = False
    for index in range(start, len(value)):
        ch = value[index]
        if ch == "#" and not fragment:
            fragment = True
            out.append(ch)
        elif ch == "%":
            out.append(ch if _PERCENT.match(value, index) else "%25")
        elif ch in "[]":
            out.append(ch if index < host_end else _percent(ch))
        elif _patterns()[1].match(ch):
            out.append(ch)
        else:
            out.append(_percent(ch))
    return "".join(out)
