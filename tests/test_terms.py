"""Statements as text: every term kg writes is read back, by rdflib and by Oxigraph, as the term it meant.

The build writes N-Triples and Turtle itself (:mod:`kg.rdf.terms`), so the
escaping is checked against two real parsers for every kind of term: IRIs
from hostile text, literals with quotes, backslashes, line breaks, U+2028
and control characters, language tags, datatypes, and the lexical forms of
typed values, which must be the ones rdflib gives (the graph is the same as
when rdflib made it).
"""

from __future__ import annotations

import io
import itertools
from datetime import UTC, date, datetime, timedelta, timezone
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

import kg.rdf.terms
from kg.rdf import terms
from kg.rdf.document import _date_literal, _decimal
from kg.rdf.terms import (
    LiteralTooLong,
    TurtleWriter,
    integer,
    iri,
    literal,
    ntriples,
    safe_segment,
    turtle_nodes,
    turtle_prefixes,
    typed,
)

SUBJECT, PREDICATE = "<https://example.org/s>", "<https://example.org/p>"
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40) | st.sampled_from(
    ['"', "\\", "\n", "\r\n", "\u2028", "\u2029", "\x00", "\x85", '\\"', '"""', "'", "@en", "^^", "<x>", " .\n"]
)
LANGUAGES = st.sampled_from([None, "zh-Hans", "zh-Hant", "en", "zh-Hant-TW", "en-GB", "x-private"])
MANY = settings(max_examples=150, deadline=None)


def read_back(statement: str) -> tuple[object, object]:
    """The object of one N-Triples statement as rdflib parses it and as Oxigraph does."""
    rdflib_object = next(iter(Graph().parse(data=statement, format="nt").objects()))
    oxigraph_object = next(iter(ox.parse(statement, format=ox.RdfFormat.N_TRIPLES))).object
    return rdflib_object, oxigraph_object


def read_back_turtle(subject: str, pairs: list[tuple[str, str]]) -> tuple[set, set]:
    """The statements :class:`TurtleWriter` writes, parsed as Turtle by rdflib and by Oxigraph, as N-Triples terms."""
    out = io.StringIO()
    TurtleWriter(out).node(subject, pairs)
    text = turtle_prefixes() + out.getvalue()
    by_rdflib = {(s.n3(), p.n3(), o.n3()) for s, p, o in Graph().parse(data=text, format="turtle")}
    by_oxigraph = {
        (str(q.subject), str(q.predicate), str(q.object)) for q in ox.parse(text, format=ox.RdfFormat.TURTLE)
    }
    return by_rdflib, by_oxigraph


@MANY
@given(text=TEXT, language=LANGUAGES)
def test_any_string_with_any_language_tag_is_read_back_as_written(text, language):
    by_rdflib, by_oxigraph = read_back(ntriples(SUBJECT, PREDICATE, literal(text, language)))
    assert str(by_rdflib) == text and by_oxigraph.value == text
    assert by_rdflib.language == language and (by_oxigraph.language or None) == (language and language.lower())
    assert by_rdflib.n3() == Literal(text, lang=language).n3()  # the very term rdflib would have made


@MANY
@given(text=TEXT, language=LANGUAGES)
def test_turtle_holds_the_same_literal(text, language):
    term = literal(text, language)
    by_rdflib, by_oxigraph = read_back_turtle(SUBJECT, [(PREDICATE, term), (f"<{XSD}p>", integer(len(text)))])
    assert (SUBJECT, PREDICATE, Literal(text, lang=language).n3()) in by_rdflib
    assert len(by_rdflib) == len(by_oxigraph) == 2


@MANY
@given(lexical=TEXT, datatype=st.sampled_from([XSD.string, URIRef("https://example.org/t")]))
def test_typed_literals_keep_their_lexical_form_and_datatype(lexical, datatype):
    by_rdflib, by_oxigraph = read_back(ntriples(SUBJECT, PREDICATE, typed(lexical, str(datatype))))
    assert str(by_rdflib) == lexical and by_rdflib.datatype == datatype
    assert by_oxigraph.value == lexical and by_oxigraph.datatype.value == str(datatype)


@MANY
@given(value=st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**20), 10**20).map(float))
def test_a_decimal_is_written_as_rdflib_writes_it(value):
    lexical = _decimal(value)
    assert lexical is not None
    by_rdflib, _ = read_back(ntriples(SUBJECT, PREDICATE, lexical))
    assert by_rdflib.n3() == lexical  # rdflib's normalized form is the one written
    assert float(by_rdflib.toPython()) == value


@MANY
@given(
    moment=st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=8))]))
    | st.dates()
    | st.sampled_from(["2021-04-20", "2021-04-20T15:00:00+08:00", "20210420", "yesterday", "2021-02-30", ""]),
)
def test_a_date_is_typed_as_rdflib_types_it(moment):
    written = _date_literal(moment)
    if isinstance(moment, date):
        expected = Literal(moment).n3()
    else:
        try:
            expected = Literal(date.fromisoformat(moment)).n3()
        except ValueError:
            try:
                expected = Literal(datetime.fromisoformat(moment)).n3()
            except ValueError:
                expected = Literal(moment).n3()
    assert written == expected
    read_back(ntriples(SUBJECT, PREDICATE, written))


@MANY
@given(text=st.text(max_size=30))
def test_an_iri_from_hostile_text_is_valid_for_both_parsers(text):
    for value in (f"https://example.org/{text}", f"https://example.org/doc#{text}", f"urn:x:{text}"):
        term = iri(value)
        by_rdflib, by_oxigraph = read_back(ntriples(SUBJECT, PREDICATE, term))
        assert str(by_rdflib) == by_oxigraph.value == term[1:-1]
        assert unquote(term[1:-1]) == unquote(value)  # only escaped, nothing else changed
        assert iri(term[1:-1]) == term  # a valid IRI is kept as it is


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gov.cn/a/b.htm?x=1&y=%E4%B8%AD#top",
        "http://[::1]:8080/p",
        "https://例子.中国/路径",
        "mailto:a@b.cn",
    ],
)
def test_a_valid_iri_is_kept_as_it_is(url):
    assert iri(url) == f"<{url}>"


@MANY
@given(identifier=st.text(max_size=20), start=st.integers(0, 10**7), length=st.integers(1, 100))
def test_the_iris_kg_mints_from_any_id_are_valid_and_compact_safely_in_turtle(identifier, start, length):
    document = terms.document_iri(identifier)
    concept = terms.concept_iri(identifier)
    nodes = [document, concept, terms.offset_iri(document, start, start + length), terms.category_iri(identifier)]
    for node in nodes:
        assert iri(node) == f"<{node}>"  # minted IRIs need no escaping
    by_rdflib, by_oxigraph = read_back_turtle(f"<{document}>", [(PREDICATE, f"<{node}>") for node in nodes])
    assert by_rdflib == by_oxigraph == {(f"<{document}>", PREDICATE, f"<{node}>") for node in nodes}


def test_prefixed_names_and_rdf_type_are_used_where_they_are_safe():
    out = io.StringIO()
    writer = TurtleWriter(out)
    concept = f"<{terms.CONCEPTS}org-新闻办%E2%80%A2网站>"
    writer.node(concept, [(f"<{terms.RDF}type>", f"<{terms.PREFIXES['skos']}Concept>")])
    writer.node(f"<{terms.DOCUMENTS}gwr-2021#char=1,2>", [(f"<{XSD}p>", integer(5, f"{XSD}nonNegativeInteger"))])
    assert out.getvalue() == (
        "kgc:org-新闻办%E2%80%A2网站 a skos:Concept .\n"
        '<https://w3id.org/cnpolicy/doc/gwr-2021#char=1,2> xsd:p "5"^^xsd:nonNegativeInteger .\n'
    )
    assert writer.statements == 2


def test_safe_segment_keeps_letters_of_any_script_and_escapes_the_rest():
    assert safe_segment("国务院 a/b") == "国务院%20a%2Fb"
    assert safe_segment("x%41%zz", keep="%") == "x%41%25zz"  # a % that starts no escape would make a bad IRI


def test_a_literal_longer_than_the_store_holds_is_named_not_written(monkeypatch):
    monkeypatch.setattr(kg.rdf.terms, "LITERAL_LIMIT", 40)
    assert literal("国" * 13) == '"' + "国" * 13 + '"'  # 39 bytes of UTF-8
    with pytest.raises(LiteralTooLong) as raised:
        literal("国" * 14, what="the sentence at 0–14")
    assert str(raised.value) == (
        "the sentence at 0–14 is 42 bytes long, more than one literal of the store may hold (40 bytes)"
    )


STATEMENT = st.builds(
    lambda s, p, o: ntriples(s, p, o),
    st.sampled_from([f"<{terms.CONCEPTS}a>", f"<{terms.CONCEPTS}b>", "<https://example.org/s>", "_:b1"]),
    st.sampled_from([f"<{terms.RDF}type>", f"<{terms.PREFIXES['skos']}prefLabel>", PREDICATE]),
    st.builds(literal, TEXT, LANGUAGES) | st.sampled_from([f"<{terms.CONCEPTS}c>", integer(7)]),
)


@MANY
@given(st.lists(STATEMENT, max_size=30), st.integers(1, 8))
def test_turtle_made_in_pieces_is_the_turtle_made_at_once(statements, size):
    lines = sorted(set(statements))
    whole = io.StringIO()
    writer = TurtleWriter(whole)
    subjects = [(subject, [line.split(" ", 2)[1:] for line in group]) for subject, group in _by_subject(lines)]
    for subject, pairs in subjects:  # a node per subject
        writer.node(subject, [(predicate, obj.rstrip("\n")[:-2]) for predicate, obj in pairs])
    pieces = list(turtle_nodes(iter(lines), size))
    if all(len(pairs) <= size for _, pairs in subjects):
        assert "".join(pieces) == whole.getvalue()
    else:  # a subject with more statements than a piece holds is written as several nodes: the same graph
        assert _parsed("".join(pieces)) == _parsed(whole.getvalue())
    for piece in pieces:  # whole nodes of at most ``size`` statements, each piece parsed on its own
        assert _parsed(piece)
        assert all(node.count(" ;\n\t") < size for node in piece.split(" .\n"))


def _by_subject(lines):
    return itertools.groupby(lines, key=lambda line: line.split(" ", 1)[0])


def _parsed(turtle: str) -> set[str]:
    return {str(quad) for quad in ox.parse(turtle_prefixes() + turtle, format=ox.RdfFormat.TURTLE)}
