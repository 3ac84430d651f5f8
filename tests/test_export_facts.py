"""The glossary page's facts: gathered from a document as a build's worker does, or read from its graph by
SPARQL as ``kg glossary`` does, they must be the same."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg
from kg.corpus import Shards, document_key
from kg.export.facts import (
    FIGURE_VALUES,
    DocumentFacts,
    PageDocuments,
    _compact,
    _present,
    _Snippets,
    document_facts,
    graph_documents,
)
from kg.link.thesaurus import Thesaurus, default_thesaurus
from kg.rdf.document import write_document
from kg.recognize.doc import Doc, Figure
from kg.text.inputs import Source, iter_sources
from kg.text.script import simplified_view
from tests.conftest import DATA
from tests.test_export_html import HOSTILE
from tests.test_graph import fixture_thesaurus, gold_doc

#: rdflib's own TriG parser uses the API rdflib deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*(ConjunctiveGraph|default_context).*:DeprecationWarning")


def both_ways(doc: Doc, thesaurus: Thesaurus | None = None) -> tuple[DocumentFacts, DocumentFacts]:
    thesaurus = thesaurus or default_thesaurus()
    written = write_document(doc, thesaurus, io.StringIO())
    (from_graph,) = graph_documents(kg.build_graph([doc], thesaurus))
    return document_facts(doc, written.categories), from_graph


@pytest.mark.parametrize("path", sorted((DATA / "dev").glob("*.txt")), ids=lambda path: path.stem)
def test_a_dev_document_gives_the_facts_its_graph_gives(path):
    (source,) = [item for item in iter_sources([str(path)]) if isinstance(item, Source)]
    from_doc, from_graph = both_ways(kg.extract(source.text, source.doc_id, source.meta))
    assert from_doc == from_graph
    assert from_doc.mentions and from_doc.snippets


def test_a_transcript_gives_its_speakers_roles_and_figures_as_its_graph_does():
    doc = gold_doc()
    from_doc, from_graph = both_ways(doc, fixture_thesaurus())
    assert from_doc == from_graph
    assert from_doc.speakers and from_doc.roles and any("speaker" in values for _, _, values in from_doc.figures)
    assert (from_doc.date, from_doc.url) == ("2021-04-21", "https://www.gov.cn/")


def test_hostile_text_and_a_document_without_sentences_give_the_same_facts_both_ways():
    doc = kg.extract(HOSTILE * 3, 'bad"<b>id', {"title": "</script>", "url": "javascript:x", "date": "去年"})
    unsplit = Doc(doc.text, doc.simplified, id="unsplit", sentences=[])
    unsplit.ents, unsplit.figures = doc.ents, doc.figures
    for each in (doc, unsplit):
        from_doc, from_graph = both_ways(each)
        assert from_doc == from_graph
    snippet = from_doc.mentions[0][1][0]
    assert "\n" not in from_doc.snippets[snippet][1]  # a window cut at line breaks, not the whole text


def test_two_figures_over_the_same_text_show_the_least_of_each_value_both_ways():
    text = "工业增加值同比增长24.5%。\n"
    doc = Doc(text, simplified_view(text), id="clash", sentences=[(0, len(text) - 1)])
    start = text.index("24.5%")
    doc.figures = [
        Figure(start, start + 5, "24.5%", 24.5, "%", "工业增加值", "", indicator_concept="indicator-工业增加值"),
        Figure(start, start + 5, "24.5%", 3.5, "个百分点", "工业增加值", "一季度", indicator_concept="indicator-b"),
    ]
    from_doc, from_graph = both_ways(doc)
    assert from_doc == from_graph
    ((concept, _, values),) = from_doc.figures
    assert concept.endswith("indicator-b") and values == {"value": "3.5", "unit": "%", "period": "一季度"}


def test_the_facts_come_back_whole_from_a_shard(tmp_path, dev_text):
    shards = Shards(tmp_path)
    source = Source("scio", dev_text, {})
    written = shards.write(kg.extract(source.text, source.doc_id), document_key(source))
    assert shards.get(document_key(source)).page == written.page


@given(st.text(alphabet="工信部𠀀𝐀 \n。", max_size=80), st.data())
def test_a_context_points_at_the_mention_in_utf16_code_units(text, data):
    begin = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(begin, len(text)))
    sentence = data.draw(st.one_of(st.none(), st.just((0, len(text)))))
    snippets = _Snippets(text)
    index, start, stop = snippets.context(begin, end, sentence)
    first, snippet = snippets.table[index]
    units = snippet.encode("utf-16-le")
    assert units[2 * start : 2 * stop].decode("utf-16-le") == text[begin:end]  # as JavaScript slices it
    assert text[first : first + len(snippet)] == snippet
    assert snippets.context(begin, end, sentence)[0] == index and len(snippets.table) == 1  # each snippet once


@pytest.fixture(scope="module")
def dev_facts() -> list[DocumentFacts]:
    """The facts of the dev documents and of the gold transcript (speakers, roles, figures with speakers)."""
    facts = []
    for path in sorted((DATA / "dev").glob("*.txt")):
        (source,) = [item for item in iter_sources([str(path)]) if isinstance(item, Source)]
        facts.append(both_ways(kg.extract(source.text, source.doc_id, source.meta))[0])
    transcript = gold_doc()
    transcript.id = "gold-transcript"  # ids are unique in a corpus (kg.text.inputs.unique_ids)
    return [*facts, both_ways(transcript, fixture_thesaurus())[0]]


def test_a_page_of_documents_under_the_sample_size_shows_each_as_it_is(dev_facts):
    documents = PageDocuments()
    for facts in reversed(dev_facts):
        documents.add(facts)
    shown = list(documents.shown())
    assert documents.count == len(dev_facts)
    assert [each.record["id"] for each in shown] == sorted(facts.id for facts in dev_facts)
    for each, facts in zip(shown, sorted(dev_facts, key=lambda facts: facts.id), strict=True):
        assert (each.record, each.snippets) == (facts.record(), facts.snippets)
        assert (each.mentions, each.figures) == (facts.mentions, facts.figures)
    assert not any(cut for samples in (documents.contexts, documents.figures) for _, cut in samples.totals().values())


@pytest.mark.parametrize("size", [1, 2])
def test_a_page_of_documents_keeps_samples_the_same_in_any_order_and_counts_everything(dev_facts, size):
    forward, backward = PageDocuments(size), PageDocuments(size)
    for facts in dev_facts:
        forward.add(facts)
    for facts in reversed(dev_facts):
        backward.add(facts)
    shown = list(forward.shown())
    assert shown == list(backward.shown()) and forward.roles() == backward.roles() and forward.said == backward.said
    mentions = Counter(concept for facts in dev_facts for concept, _ in facts.mentions)
    assert {concept: total for concept, (total, _) in forward.contexts.totals().items()} == mentions
    kept = Counter(concept for each in shown for concept, _ in each.mentions)
    assert kept == {concept: min(count, size) for concept, count in mentions.items()}
    measured = Counter(concept for facts in dev_facts for concept, _, _ in facts.figures)
    assert {concept: total for concept, (total, _) in forward.figures.totals().items()} == measured
    shown_figures = Counter(concept for each in shown for concept, _, _ in each.figures)
    assert shown_figures == {concept: min(count, size) for concept, count in measured.items()}
    assert max(measured.values()) > size  # some figures were left out, and that was checked
    for each in shown:  # a document is listed only for what is shown of it, and its snippets are those shown
        used = {snippet for _, (snippet, _, _) in each.mentions} | {snippet for _, (snippet, _, _), _ in each.figures}
        assert used == set(range(len(each.snippets)))
        source = next(facts for facts in dev_facts if facts.id == each.record["id"])
        assert set(each.snippets) <= set(source.snippets)
    assert forward.said == sum((Counter({(c, a): n}) for f in dev_facts for c, a, n in f.speakers), Counter())


@pytest.mark.parametrize("size", [1, 3, 100])
def test_a_page_of_documents_in_sqlite_shows_what_one_in_memory_shows(dev_facts, size):
    held, spilled = PageDocuments(size), PageDocuments(size, in_memory=0)
    for facts in dev_facts:
        held.add(facts)
        spilled.add(facts)
    assert spilled.in_database and not held.in_database
    assert list(spilled.shown()) == list(held.shown())
    assert (spilled.contexts.totals(), spilled.figures.totals()) == (held.contexts.totals(), held.figures.totals())
    spilled.close()


@pytest.mark.parametrize("in_memory", [None, 0])
def test_what_a_page_of_documents_shows_is_read_as_often_as_asked_and_follows_every_document_added(
    dev_facts, in_memory
):
    documents = PageDocuments(in_memory=in_memory)
    shown_before = []
    for facts in dev_facts:
        documents.add(facts)
        shown_before.append(list(documents.shown()))
        assert list(documents.shown()) == shown_before[-1]  # read again, the same
    assert [len(shown) for shown in shown_before] == list(range(1, len(dev_facts) + 1))
    alone = PageDocuments()
    alone.add(dev_facts[0])
    assert len(list(alone.shown())) == 1
    other = PageDocuments()
    for facts in dev_facts[1:]:
        other.add(facts)
    alone.merge(other)  # a worker's partition taken in: the documents it adds are shown
    assert list(alone.shown()) == shown_before[-1]
    documents.close()


@given(st.dictionaries(st.sampled_from(FIGURE_VALUES), st.text()))
def test_a_kept_figures_values_read_back_as_they_were_given(values: dict[str, str]) -> None:
    """What a sample keeps of a figure's values (a tuple of shared strings) reads back as the dict it was, in the
    order :data:`FIGURE_VALUES` gives its names, as a document's facts list them."""
    ordered = {name: values[name] for name in FIGURE_VALUES if name in values}
    assert list(_present(_compact(values)).items()) == list(ordered.items()) and _present(_compact(None)) == {}
