"""SHACL validation: real graphs conform, deliberately broken ones are reported readably."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SDO, SH, SKOS, XSD

import kg
from kg.cli import main
from kg.link.thesaurus import thesaurus_files
from kg.rdf.graph import build_graph
from kg.rdf.namespaces import KG, NIF
from kg.rdf.validate import SHAPES_FILE, Report, ShapesError, Violation, copy_graph, split_shapes, validate
from kg.recognize.doc import Doc, Span
from tests.conftest import DATA, DEV

GWR_2015 = DATA / "gwr" / "gwr-2015.txt"

#: Two lines of the dev transcript (a speaker heading and a figure), joined with a slogan line of the same transcript.
TRANSCRIPT_EXCERPT = (
    "工業和信息化部新聞發言人、運行監測協調局局長 黃利斌:\n\n"
    "從宏觀數據看,一季度規模以上工業增加值同比增長24.5%,兩年平均增速是6.8%。\n\n"
    "出臺“專精特新”中小企業高質量發展支持政策。\n"
)


@pytest.fixture(scope="module")
def example_graph() -> Graph:
    """The graph of the dev transcript and the 2015 Government Work Report, built as ``kg build`` does."""
    docs = [kg.extract(path.read_text(encoding="utf-8"), path.stem) for path in (DEV.with_suffix(".txt"), GWR_2015)]
    return build_graph(docs, include_thesaurus=True)


@pytest.fixture(scope="module")
def small_graph() -> Graph:
    """A graph with one of each kind of node: a turn, mentions, a figure, a membership, co-occurrences."""
    return build_graph([kg.extract(TRANSCRIPT_EXCERPT, "excerpt")])


def broken(graph: Graph) -> Graph:
    """A copy of ``graph`` to break."""
    return copy_graph(graph)


def found(report: Report) -> set[tuple[str, str | None, str]]:
    return {(v.focus, v.path, v.rule) for v in report.violations}


def test_the_excerpt_is_real_transcript_text(dev_text):
    for line in TRANSCRIPT_EXCERPT.split("\n"):
        for part in line.split(","):
            assert part.rstrip("。") in dev_text


def test_bundled_thesaurus_conforms():
    thesaurus = Graph()
    for path in thesaurus_files():
        thesaurus.parse(path, format="turtle")
    report = validate(thesaurus)
    assert report.conforms and report.violations == (), report.format()


def test_graph_built_from_real_documents_conforms(example_graph):
    report = validate(example_graph)
    assert report.conforms and report.violations == (), report.format()
    assert report.summary() == "no violations"


def test_the_small_graph_has_every_kind_of_node(small_graph):
    for kind in (KG.Turn, NIF.Phrase, NIF.Sentence, NIF.Context, SDO.Observation, KG.Cooccurrence, SKOS.Concept):
        assert (None, RDF.type, kind) in small_graph, kind
    assert validate(small_graph).violations == ()


def _mention(graph: Graph, anchor: str) -> URIRef:
    return next(s for s in graph.subjects(NIF.anchorOf, Literal(anchor)) if (s, RDF.type, NIF.Phrase) in graph)


def _concept(graph: Graph, label: str) -> URIRef:
    return next(graph.subjects(SKOS.prefLabel, Literal(label, lang="zh-Hans")))


def _figure(graph: Graph) -> URIRef:
    """The observation of 24.5%, the first figure of the excerpt."""
    return min(graph.subjects(RDF.type, SDO.Observation))


def two_zh_hans_pref_labels(g: Graph) -> set:
    g.add((_concept(g, "专精特新"), SKOS.prefLabel, Literal("专精特新企业", lang="zh-Hans")))
    return {("kgc:slogan-zhuanjingtexin", "skos:prefLabel", "sh:uniqueLang")}


def mention_without_offsets(g: Graph) -> set:
    mention = _mention(g, "黃利斌")
    g.remove((mention, NIF.beginIndex, None))
    g.remove((mention, NIF.endIndex, None))
    focus = "kgd:excerpt#char=23,26"
    return {(focus, "nif:beginIndex", "sh:minCount"), (focus, "nif:endIndex", "sh:minCount")}


def mention_without_document(g: Graph) -> set:
    g.remove((_mention(g, "黃利斌"), NIF.referenceContext, None))
    return {("kgd:excerpt#char=23,26", "nif:referenceContext", "sh:minCount")}


def figure_without_value(g: Graph) -> set:
    g.remove((_figure(g), SDO.value, None))
    return {("kgd:excerpt#figure=52,57", "schema:value", "sh:minCount")}


def non_integer_offset(g: Graph) -> set:
    g.set((_mention(g, "黃利斌"), NIF.beginIndex, Literal("23.5", datatype=XSD.decimal)))
    return {("kgd:excerpt#char=23,26", "nif:beginIndex", "sh:datatype")}


def ill_typed_offset(g: Graph) -> set:
    g.set((_mention(g, "黃利斌"), NIF.endIndex, Literal("x26", datatype=XSD.nonNegativeInteger)))
    return {("kgd:excerpt#char=23,26", "nif:endIndex", "sh:datatype")}


def anchor_not_the_text_at_its_offsets(g: Graph) -> set:
    g.set((_mention(g, "黃利斌"), NIF.anchorOf, Literal("黃利")))
    return {("kgd:excerpt#char=23,26", "nif:anchorOf", "sh:sparql")}


def mention_outside_its_turn(g: Graph) -> set:
    turn = next(g.subjects(RDF.type, KG.Turn))
    g.set((turn, NIF.endIndex, g.value(_mention(g, "專精特新"), NIF.beginIndex)))
    return {("kgd:excerpt#char=75,79", "kg:inTurn", "sh:sparql")}


def unknown_category(g: Graph) -> set:
    g.set((_concept(g, "专精特新"), KG.category, KG.SLOGANS))
    return {("kgc:slogan-zhuanjingtexin", "kg:category", "sh:in")}


def pref_label_also_alt_label(g: Graph) -> set:
    concept = _concept(g, "专精特新")
    g.add((concept, SKOS.altLabel, Literal("专精特新", lang="zh-Hans")))
    return {("kgc:slogan-zhuanjingtexin", "skos:prefLabel", "sh:disjoint")}


def cooccurrence_of_one_term(g: Graph) -> set:
    pair = next(g.subjects(RDF.type, KG.Cooccurrence))
    g.remove((pair, KG["term"], next(g.objects(pair, KG["term"]))))
    shown = str(pair).replace("https://w3id.org/cnpolicy/concept/", "kgc:")
    return {(shown, "kg:term", "sh:minCount")}


@pytest.mark.parametrize(
    "damage",
    [
        two_zh_hans_pref_labels,
        mention_without_offsets,
        mention_without_document,
        figure_without_value,
        non_integer_offset,
        ill_typed_offset,
        anchor_not_the_text_at_its_offsets,
        mention_outside_its_turn,
        unknown_category,
        pref_label_also_alt_label,
        cooccurrence_of_one_term,
    ],
)
def test_a_broken_graph_is_reported_exactly(small_graph, damage):
    graph = broken(small_graph)
    expected = damage(graph)
    report = validate(graph)
    assert not report.conforms
    assert found(report) == expected
    assert all(v.message and v.severity == "violation" for v in report.violations)


def test_sparql_constraints_run_once_give_what_pyshacl_gives_per_node(small_graph):
    """The whole-graph runs of the SHACL-SPARQL constraints agree with pySHACL's own per-node runs."""
    import pyshacl

    graph = broken(small_graph)
    anchor_not_the_text_at_its_offsets(graph)
    mention_outside_its_turn(graph)
    graph.set((_mention(graph, "工業和信息化部"), NIF.endIndex, Literal(900, datatype=XSD.nonNegativeInteger)))
    ours = {(v.focus, v.path, v.message) for v in validate(graph).violations if v.rule == "sh:sparql"}

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    _, results, _ = pyshacl.validate(graph, shacl_graph=shapes)
    theirs = set()
    for result in results.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent):
        focus = str(results.value(result, SH.focusNode)).replace("https://w3id.org/cnpolicy/doc/", "kgd:")
        path = results.value(result, SH.resultPath)
        theirs.add((focus, path and path.n3(graph.namespace_manager), str(results.value(result, SH.resultMessage))))
    assert len(ours) == 4  # the anchor, the turn, and the anchor and end of the over-long mention
    assert ours == theirs


# ---------------------------------------------------------------- offsets (property-based)

_CHARACTERS = st.sampled_from("国務院工信部专精特新24.5%,。“”𠀀𪚥a \n")


@st.composite
def documents_with_spans(draw) -> Doc:
    """A text, astral characters included, with non-overlapping spans anywhere in it."""
    text = draw(st.text(_CHARACTERS, min_size=1, max_size=40))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), min_size=2, max_size=8)))
    doc = Doc.from_text(text, "prop")
    for number, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        doc.ents.append(Span(start, end, "SLOGAN", text[start:end], f"slogan-prop-{number}", "test"))
    return doc


@settings(max_examples=25, deadline=None)
@given(doc=documents_with_spans(), data=st.data())
def test_offsets_and_anchors_agree_and_any_drift_is_caught(doc, data):
    graph = build_graph([doc])
    assert validate(graph).violations == ()
    span = data.draw(st.sampled_from(doc.ents))
    mention = URIRef(f"https://w3id.org/cnpolicy/doc/prop#char={span.start},{span.end}")
    graph.set((mention, NIF.anchorOf, Literal(span.text + "x")))
    report = validate(graph)
    assert found(report) == {(f"kgd:prop#char={span.start},{span.end}", "nif:anchorOf", "sh:sparql")}


# ---------------------------------------------------------------- reports and shapes of one's own


def test_report_groups_counts_and_limits():
    same = [Violation(f"kgc:c{i}", "skos:prefLabel", "one label per language", rule="sh:uniqueLang") for i in range(5)]
    report = Report((*same, Violation("kgc:x", "kg:category", "one category", value="kg:NONE", rule="sh:in")))
    assert [len(group) for group in report.groups()] == [5, 1]
    assert report.summary() == "6 violations of 2 rules"
    lines = report.format(limit=2).splitlines()
    assert lines[0] == "5 × one label per language  [sh:uniqueLang]"
    assert lines[1].split() == ["kgc:c0", "skos:prefLabel"]
    assert lines[3] == "  … and 3 more"
    assert lines[4:] == ["1 × one category  [sh:in]", "  kgc:x  kg:category  kg:NONE"]
    assert len(report.format().splitlines()) == 8


def test_warnings_do_not_break_conformance():
    report = Report((Violation("kgc:x", None, "no English label", rule="sh:sparql", severity="warning"),))
    assert report.conforms and report.summary() == "1 warning of 1 rule"
    assert report.format().startswith("1 × warning: no English label")


CUSTOM_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/> .

ex:decl sh:declare [ sh:prefix "skos" ; sh:namespace "http://www.w3.org/2004/02/skos/core#" ] .

ex:EnglishLabel a sh:NodeShape ;
    sh:targetClass skos:Concept ;
    sh:severity sh:Warning ;
    sh:sparql [
        sh:message "{$this} has no English prefLabel" ;
        sh:prefixes ex:decl ;
        sh:select '''SELECT $this WHERE {
            $this a skos:Concept .
            FILTER NOT EXISTS { $this skos:prefLabel ?l FILTER(langMatches(lang(?l), 'en')) }
        }'''
    ] .

ex:PerNode a sh:NodeShape ;
    sh:targetNode <https://w3id.org/cnpolicy/doc/excerpt> ;
    sh:severity sh:Info ;
    sh:sparql [
        sh:message "run by pySHACL, once for this node" ;
        sh:select "SELECT $this WHERE { $this ?p ?o . FILTER($currentShape != <urn:none>) } LIMIT 1"
    ] .
"""


def test_custom_shapes_with_sparql_templates_and_severities(small_graph):
    shapes = Graph().parse(data=CUSTOM_SHAPES, format="turtle")
    core, checks = split_shapes(shapes)
    assert len(checks) == 1, "a constraint that needs $currentShape is left to pySHACL"
    assert len(list(core.objects(None, SH.sparql))) == 1
    report = validate(small_graph, shapes)
    assert report.conforms and report.violations
    warnings = [v for v in report.violations if v.severity == "warning"]
    # a figure's indicator the thesaurus lacks has no English; the speaker, a thesaurus person, has
    assert "kgc:indicator-规模以上工业增加值两年平均增速" in {v.focus for v in warnings}
    assert "kgc:person-huang-libin" not in {v.focus for v in warnings}
    assert all(v.message == f"{v.focus} has no English prefLabel" and v.rule == "sh:sparql" for v in warnings)
    assert [(v.focus, v.message, v.rule) for v in report.violations if v.severity == "info"] == [
        ("kgd:excerpt", "run by pySHACL, once for this node", "sh:sparql")
    ]


PATH_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kg: <https://w3id.org/cnpolicy/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .

<urn:shape:turn> a sh:NodeShape ;
    sh:targetClass kg:Turn ;
    sh:property [ sh:path [ sh:inversePath kg:inTurn ] ; sh:maxCount 1 ; sh:message "few mentions" ] ;
    sh:property [ sh:path ( nif:referenceContext nif:isString ) ; sh:maxLength 10 ; sh:message "short text" ] .

<urn:shape:mention> a sh:NodeShape ;
    sh:targetClass nif:Phrase ;
    sh:property [
        sh:path ( itsrdf:taIdentRef [ sh:alternativePath ( skos:altLabel skos:hiddenLabel ) ] ) ;
        sh:minCount 1 ; sh:message "an abbreviation"
    ] .
"""


def test_complex_paths_are_written_as_sparql_paths(small_graph):
    report = validate(small_graph, Graph().parse(data=PATH_SHAPES, format="turtle"))
    paths = {v.message: v.path for v in report.violations}
    assert paths == {
        "few mentions": "^kg:inTurn",
        "short text": "nif:referenceContext/nif:isString",
        "an abbreviation": "itsrdf:taIdentRef/(skos:altLabel|skos:hiddenLabel)",
    }


def test_broken_custom_shapes_are_one_line_errors(small_graph):
    bad_sparql = CUSTOM_SHAPES.replace("FILTER NOT EXISTS", "FILTER NOT EXIST")
    with pytest.raises(ShapesError, match="not valid SPARQL"):
        validate(small_graph, Graph().parse(data=bad_sparql, format="turtle"))
    not_shacl = (
        '@prefix sh: <http://www.w3.org/ns/shacl#> . <x:s> a sh:NodeShape ; sh:targetNode <x:a> ; sh:minCount "many" .'
    )
    with pytest.raises(ShapesError) as error:
        validate(small_graph, Graph().parse(data=not_shacl, format="turtle"))
    assert "\n" not in str(error.value)


def test_a_graph_in_another_store_is_validated_the_same(small_graph):
    other = Graph(store="SimpleMemory")
    for triple in small_graph:
        other.add(triple)
    figure_without_value(other)
    assert found(validate(other)) == {("kgd:excerpt#figure=52,57", "schema:value", "sh:minCount")}


# ---------------------------------------------------------------- the command


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(graph: Graph, path: Path) -> Path:
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    return path


def test_validate_command_on_a_conforming_graph(capsys, tmp_path, small_graph):
    path = write(small_graph, tmp_path / "graph.ttl")
    status, out, err = run(capsys, "validate", str(path))
    assert status == 0 and err == ""
    assert out == f"{path} conforms to shapes.ttl ({len(small_graph):,} triples): no violations\n"
    assert run(capsys, "validate", str(tmp_path))[1] == out  # the folder kg build -o wrote: its graph.ttl, as query


def test_validate_command_on_a_folder_without_a_graph_is_one_line(capsys, tmp_path):
    status, out, err = run(capsys, "validate", str(tmp_path))
    assert (
        status == 1
        and out == ""
        and err
        == f"kg: error: {tmp_path}: no graph.ttl in this folder " + (f"(kg build DOCS -o {tmp_path} writes one)\n")
    )


def test_validate_command_lists_violations_grouped_and_counted(capsys, tmp_path, small_graph):
    graph = broken(small_graph)
    mention_without_offsets(graph)
    figure_without_value(graph)
    # an ill-typed end: rdflib must not print a traceback for it
    graph.set((_mention(graph, "工業和信息化部"), NIF.endIndex, Literal("x7", datatype=XSD.nonNegativeInteger)))
    status, out, err = run(capsys, "validate", str(write(graph, tmp_path / "graph.ttl")))
    assert status == 1 and err == ""
    lines = out.splitlines()
    assert lines[0].endswith("does not conform to shapes.ttl (" + f"{len(graph):,} triples): 4 violations of 4 rules")
    headers = [line for line in lines[1:] if not line.startswith("  ")]
    assert len(headers) == 4 and all(h.startswith("1 × ") and h.endswith("]") for h in headers)
    assert any("figure has exactly one schema:value" in h and "[sh:minCount]" in h for h in headers)
    rows = [line.split() for line in lines[1:] if line.startswith("  ")]
    assert ["kgd:excerpt#figure=52,57", "schema:value"] in rows
    assert ["kgd:excerpt#char=0,7", "nif:endIndex", '"x7"^^xsd:nonNegativeInteger'] in rows


def test_validate_command_limits_the_lines_of_each_rule(capsys, tmp_path, small_graph):
    graph = broken(small_graph)
    graph.remove((None, NIF.anchorOf, None))
    count = len(set(small_graph.subjects(NIF.anchorOf, None)))
    path = write(graph, tmp_path / "graph.ttl")
    status, out, _ = run(capsys, "validate", str(path), "--limit", "2")
    assert status == 1 and f"{count} × a mention or sentence has exactly one nif:anchorOf" in out
    assert f"  … and {count - 2} more" in out and len(out.splitlines()) == 1 + 1 + 2 + 1
    status, out, _ = run(capsys, "validate", str(path), "--limit", "0")
    assert status == 1 and "more" not in out and len(out.splitlines()) == 1 + 1 + count


def test_validate_command_with_custom_shapes(capsys, tmp_path, small_graph):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(CUSTOM_SHAPES, encoding="utf-8")
    status, out, _ = run(capsys, "validate", str(write(small_graph, tmp_path / "g.ttl")), "--shapes", str(shapes))
    assert status == 0 and "conforms to" in out and "warnings, 1 info of 2 rules" in out
    assert "has no English prefLabel" in out and "1 × info: run by pySHACL, once for this node  [sh:sparql]" in out


@pytest.mark.parametrize(
    ("graph_text", "shapes_text", "message"),
    [
        (None, None, "no such file"),
        ("this is not turtle", None, "not valid Turtle: Parser error at line 1 "),
        ("<x:a> <x:b> <x:c> .", CUSTOM_SHAPES.replace("NOT EXISTS", "NOT EXIST"), "not valid SPARQL"),
        ("<x:a> <x:b> <x:c> .", "not turtle either", "not valid Turtle: Parser error at line 1 "),
        ('<x:a> <x:b> "unterminated .\n<x:c> <x:d> <x:e> .\n', None, "and line 3 column 1: Unexpected end of file"),
    ],
)
def test_validate_command_errors_are_one_line(capsys, tmp_path, graph_text, shapes_text, message):
    graph = tmp_path / "graph.ttl"
    if graph_text is not None:
        graph.write_text(graph_text, encoding="utf-8")
    argv = ["validate", str(graph)]
    if shapes_text is not None:
        (tmp_path / "shapes.ttl").write_text(shapes_text, encoding="utf-8")
        argv += ["--shapes", str(tmp_path / "shapes.ttl")]
    status, out, err = run(capsys, *argv)
    assert status == 1 and out == ""
    assert err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1 and message in err
