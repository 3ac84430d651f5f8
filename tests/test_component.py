"""Components declare their name, what they assign and their rank once; the pipeline and resolution hold them to it."""

from __future__ import annotations

import re

import pytest

from kg.recognize.component import DECLARED, Declaration, DeclarationError, declaration_of, declare, register
from kg.recognize.doc import Doc
from kg.recognize.pipeline import Pipeline, default_pipeline
from kg.recognize.resolve import resolve_overlaps


@declare("toy-slogan", ("SLOGAN",), rank=5, propagates=True)
class ToySlogans:
    """A component of one's own: 一带一路倡议, marked once with a ☆ before it, is a SLOGAN."""

    def __call__(self, doc: Doc) -> Doc:
        for match in re.finditer("☆(一带一路倡议)", doc.simplified):
            doc.candidates.append(doc.span(*match.span(1), "SLOGAN", self.declaration.name))
        return doc


@declare("toy-stray", ("ORG",), rank=35)
def stray(doc: Doc) -> None:
    """A component that emits spans under another component's name."""
    doc.candidates.append(doc.span(0, 2, "ORG", "thesaurus"))


def test_every_component_of_the_standard_pipeline_is_declared_once():
    pipeline = default_pipeline()
    declarations = [declaration_of(component) for component in pipeline.components]
    assert len({d.name for d in declarations}) == len(declarations)
    assert all(DECLARED[d.name] == d for d in declarations)
    proposers = [d for d in declarations if d.rank is not None]
    assert {d.name for d in proposers} >= {"thesaurus", "title", "quote", "person", "org-head", "figure", "propagated"}
    assert [d.name for d in sorted(proposers, key=lambda d: d.rank)][:2] == ["thesaurus", "title"]


def test_the_pipeline_runs_on_real_text_with_every_span_under_a_declared_name(dev_doc):
    declared = set(default_pipeline().names)
    assert {span.source for span in [*dev_doc.candidates, *dev_doc.ents]} <= declared


def test_a_component_added_through_the_public_registration_takes_part():
    pipeline = default_pipeline()
    pipeline.add(ToySlogans(), before="propagated")
    assert pipeline.names.index("toy-slogan") == pipeline.names.index("propagated") - 1
    doc = pipeline("共建☆一带一路倡议。一带一路倡议提出十周年。", "toy")
    found = [(span.text, span.label, span.source) for span in doc.ents if span.label == "SLOGAN"]
    # its own span outranks the thesaurus's shorter 一带一路, and its name propagates to the unmarked occurrence
    assert found == [("一带一路倡议", "SLOGAN", "toy-slogan"), ("一带一路倡议", "SLOGAN", "propagated")]


def test_a_component_that_emits_a_name_it_did_not_declare_is_refused():
    pipeline = default_pipeline()
    pipeline.add(stray, after="thesaurus")
    with pytest.raises(DeclarationError, match=r"toy-stray.*thesaurus"):
        pipeline("国务院召开常务会议。", "stray")


def test_undeclared_things_cannot_join_a_pipeline():
    with pytest.raises(DeclarationError, match="not a declared pipeline component"):
        Pipeline([lambda doc: doc])
    pipeline = default_pipeline()
    with pytest.raises(DeclarationError, match="already has a component named 'thesaurus'"):
        pipeline.add(pipeline.components[1])
    with pytest.raises(DeclarationError, match="no component named 'nowhere'"):
        pipeline.add(ToySlogans(), before="nowhere")


def test_a_name_is_declared_once():
    assert register(DECLARED["thesaurus"]) is not None  # the same declaration again is harmless
    with pytest.raises(DeclarationError, match="declared twice"):
        register(Declaration("thesaurus", ("ORG",), rank=99))


def test_resolution_ranks_by_declaration_and_refuses_an_unknown_source():
    doc = Doc.from_text("一带一路倡议")
    doc.candidates += [doc.span(0, 6, "SLOGAN", "propagated"), doc.span(0, 6, "POLICY", "title")]
    assert [(span.label, span.source) for span in resolve_overlaps(doc).ents] == [("POLICY", "title")]
    doc = Doc.from_text("一带一路倡议")
    doc.candidates.append(doc.span(0, 6, "SLOGAN", "nobody"))
    with pytest.raises(DeclarationError, match="nobody"):
        resolve_overlaps(doc)
