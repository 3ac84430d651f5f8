"""The press conference a transcript reports, in the Doc and in the graph."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import RDF, SDO, XSD

from kg.link.ids import concept_iri
from kg.rdf.graph import build_graph
from kg.rdf.namespaces import document_iri
from kg.recognize.pipeline import extract


def test_transcript_reports_its_press_conference(dev_doc):
    event = dev_doc.meta["event"]
    assert event.date == "2021-04-20"
    assert event.host == next(s.concept for s in dev_doc.ents if s.text == "國務院新聞辦公室")
    speakers = {s.text: s.concept for s in dev_doc.ents if s.label == "PERSON"}
    assert event.speakers == (speakers["邢慧娜"], speakers["黃利斌"], speakers["趙志國"])


def test_event_in_the_graph(dev_doc):
    graph = build_graph([dev_doc])
    (event,) = graph.subjects(RDF.type, SDO.Event)
    assert (event, SDO.startDate, Literal("2021-04-20", datatype=XSD.date)) in graph
    assert (event, SDO.organizer, concept_iri(dev_doc.meta["event"].host)) in graph
    assert (event, SDO.subjectOf, document_iri(dev_doc.id)) in graph
    assert len(set(graph.objects(event, SDO.performer))) == 3


def test_a_report_that_mentions_a_conference_is_not_one():
    doc = extract("国务院新闻办公室于2021年4月20日举行新闻发布会,介绍一季度情况。\n")
    assert "event" not in doc.meta


def test_the_announcement_is_the_sentence_as_read(dev_doc):
    assert dev_doc.meta["event"].announcement.startswith("國務院新聞辦公室于2021年4月20日(星期二)下午3時舉行新聞發佈會")
