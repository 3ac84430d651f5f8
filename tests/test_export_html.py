"""The glossary page: its data from the graph, and the page itself driven in headless Chromium.

The Python tests check the payload against the glossary rows and the
document; the browser tests load the page from a file, as a user who
double-clicks it does, and search, filter, open terms, copy and export in
it.  One browser serves the whole module.  Without Chromium the browser
tests fail, saying how to install it (``make test`` does); they never skip.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

import kg
from kg.export.delimited import write_csv
from kg.export.facts import FIGURE_VALUES, page_facts
from kg.export.html import _held_figure, _shown_figure, fold, page_chunks, page_data, search_keys, write_html
from kg.export.rows import SEPARATOR, GlossaryRow, cells, glossary_rows
from kg.export.writer import ExportOptions
from kg.link.ids import concept_iri
from kg.link.thesaurus import local_id
from kg.rdf.document import cooccurrences
from kg.rdf.namespaces import KG
from kg.recognize.doc import Doc
from kg.sample import SAMPLE_SIZE
from tests.browser import BrowserMissing, chromium, network_requests

MIIT = "org-miit"
HUANG = "黄利斌"
#: Text no page may run or lose: markup, quotes, bidirectional overrides, a line separator, a character beyond U+FFFF.
HOSTILE = (
    '工业和信息化部表示：<script>window.pwned=1</script><img src=x onerror="window.pwned=2">'
    "\"双引号\" '单引号' \u202e反向文字\u202c \u2028 𠀀工信部 </textarea>{{data}} 结束。\n"
)


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def dev_graph(dev_doc: Doc) -> Graph:
    return kg.build_graph([dev_doc])


@pytest.fixture(scope="module")
def dev_rows(dev_graph: Graph) -> list[GlossaryRow]:
    return glossary_rows(dev_graph)


@pytest.fixture(scope="module")
def dev_data(dev_graph: Graph, dev_rows: list[GlossaryRow]) -> dict[str, Any]:
    return made(page_data(dev_graph, dev_rows))


def made(data: dict[str, Any]) -> dict[str, Any]:
    """A page's data with its concepts made, which the page makes as it is written, and so may index."""
    return {**data, "concepts": list(data["concepts"])}


@pytest.fixture(scope="module")
def dev_page(tmp_path_factory: pytest.TempPathFactory, dev_graph: Graph, dev_rows: list[GlossaryRow]) -> Path:
    path = tmp_path_factory.mktemp("page") / "glossary.html"
    with open(path, "w", encoding="utf-8") as handle:
        write_html(dev_rows, handle, ExportOptions(graph=dev_graph))
    return path


@pytest.fixture(scope="module")
def hostile_graph() -> Graph:
    """A document of hostile text, plus a concept whose labels and definition are hostile too."""
    doc = kg.extract(HOSTILE, 'bad"<b>id', {"title": "</script><script>window.pwned=3</script>"})
    doc.meta["url"] = "javascript:window.pwned=4"
    graph = kg.build_graph([doc])
    evil = concept_iri("slogan-evil")
    for triple in (
        (evil, RDF.type, SKOS.Concept),
        (evil, KG.category, KG.SLOGAN),
        (evil, SKOS.prefLabel, Literal('<img src=x onerror="window.pwned=5">口号', lang="zh-Hans")),
        (evil, SKOS.prefLabel, Literal('=HYPERLINK("http://example.invalid")', lang="en")),
        (evil, SKOS.altLabel, Literal("\u202e逆转\u2028换行", lang="zh-Hans")),
        (evil, SKOS.definition, Literal("</script><script>window.pwned=6</script>", lang="en")),
        (evil, DCTERMS.source, URIRef("javascript:window.pwned=7")),
    ):
        graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path):
    try:
        with chromium(downloads=downloads) as driver:
            driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite"]})
            yield driver
    except BrowserMissing as error:
        pytest.fail(f"the glossary page is tested in Chromium: {error}", pytrace=False)


# ---------------------------------------------------------------------------- helpers


def index_of(data: dict[str, Any], concept_id: str) -> int:
    return next(i for i, concept in enumerate(data["concepts"]) if concept["row"]["id"] == concept_id)


def load(driver, page: Path, fragment: str = "") -> None:
    """Open the page as a file, wait until it says it is ready, and forget earlier network events."""
    driver.get("about:blank")  # so that a new document loads even when only the fragment differs
    network_requests(driver)
    driver.get(page.as_uri() + fragment)
    deadline = time.monotonic() + 10
    while not driver.execute_script("return performance.getEntriesByName('kg-ready').length"):
        assert time.monotonic() < deadline, "the page never became ready"
        time.sleep(0.02)


def type_query(driver, text: str) -> list[int]:
    """Type ``text`` into the search box as keystrokes; the concept indexes listed, in order."""
    box = driver.find_element("id", "q")
    box.clear()
    driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)
    box.send_keys(text)
    return listed(driver)


def listed(driver) -> list[int]:
    return driver.execute_script("return [...document.querySelectorAll('#results li')].map(li => +li.dataset.index)")


def panel_title(driver) -> str:
    return driver.execute_script("const h = document.querySelector('#panel h2'); return h && h.textContent")


def wait_for(condition, what: str, seconds: float = 10):
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return value


def downloaded(folder: Path, name: str) -> bytes:
    path = folder / name
    wait_for(lambda: path.is_file() and not (folder / f"{name}.crdownload").exists(), name)
    data = path.read_bytes()
    path.unlink()
    return data


def csv_bytes(rows: list[GlossaryRow]) -> bytes:
    buffer = io.StringIO(newline="")
    write_csv(rows, buffer, ExportOptions(excel=True))
    return buffer.getvalue().encode("utf-8")


def page_json(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(found[1])


# ---------------------------------------------------------------------------- the payload


def test_rows_are_the_glossary_rows_column_for_column(dev_data: dict[str, Any], dev_rows: list[GlossaryRow]) -> None:
    columns = dev_data["columns"]
    assert columns[:5] == ["id", "type", "zh-Hans", "zh-Hant", "en"] and dev_data["separator"] == SEPARATOR
    assert len(dev_data["concepts"]) == len(dev_rows)
    for concept, row in zip(dev_data["concepts"], dev_rows, strict=True):
        values = [concept["row"].get(column, "") for column in columns]
        assert [SEPARATOR.join(v) if isinstance(v, list) else str(v) for v in values] == cells(row)


def test_a_page_of_every_row_is_made_with_the_labels_of_the_concepts_that_are_no_term(
    dev_graph: Graph, dev_rows: list[GlossaryRow], dev_data: dict[str, Any]
) -> None:
    facts, every_label = page_facts(dev_graph, every_row=True), page_facts(dev_graph).labels
    assert facts.labels and facts.labels.items() < every_label.items()
    assert not {local_id(concept) for concept in facts.labels} & {row.id for row in dev_rows}
    assert page_data(None, dev_rows, facts=facts) == dev_data


def test_search_keys_fold_script_width_case_and_marks() -> None:
    assert fold("工業和信息化部") == fold("工业和信息化部") == "工业和信息化部"
    assert fold("ＭＩＩＴ") == fold("MIIT") == "miit"
    assert fold("《政府工作報告》") == "政府工作报告"
    assert fold("  Made   in China ") == "made in china"
    assert search_keys(["工業和信息化部", "工业和信息化部", "MIIT", ""]) == ["工业和信息化部", "miit"]


def test_the_page_folds_queries_with_the_table_the_keys_were_folded_with(dev_data: dict[str, Any]) -> None:
    table = dev_data["fold"]
    assert table["業"] == "业" and table["發"] == "发" and table["國"] == "国"
    assert "這" not in table  # no key holds 这: its Traditional form need not be shipped
    keys = {char for concept in dev_data["concepts"] for key in concept["keys"] for char in key}
    assert set(table.values()) <= keys  # only what a key can match is shipped
    miit = dev_data["concepts"][index_of(dev_data, MIIT)]
    assert {"工业和信息化部", "工信部", "miit", "ministry of industry and information technology"} <= set(miit["keys"])


def test_contexts_are_every_mention_at_its_offsets(dev_data: dict[str, Any], dev_doc: Doc) -> None:
    miit = dev_data["concepts"][index_of(dev_data, MIIT)]
    spans = sorted((s.start, s.end) for s in dev_doc.ents if s.concept == MIIT)
    found = []
    snippets, documents = list(dev_data["snippets"]), list(dev_data["documents"])  # read as the page is written
    for snippet, start, end in miit["contexts"]:
        document, begin, text = snippets[snippet]
        assert documents[document]["id"] == "dev"
        assert dev_doc.text[begin : begin + len(text)] == text  # a stretch of the document, where it says it is
        assert dev_doc.sentence_of(begin + start) == (begin, begin + len(text))  # the mention's sentence
        found.append((begin + start, begin + end))
    assert found == spans and len(found) == miit["row"]["count"]


def test_speakers_are_counted_per_turn_with_their_roles(dev_data: dict[str, Any], dev_doc: Doc) -> None:
    expected = Counter()
    for span in dev_doc.ents:
        turn = dev_doc.turn_of(span.start) if span.concept == MIIT else None
        if turn is not None and (turn.person or turn.org):
            expected[turn.person or turn.org] += 1
    miit = dev_data["concepts"][index_of(dev_data, MIIT)]
    agents = dev_data["agents"]
    concepts = dev_data["concepts"]
    said = {concepts[agents[a]["ref"]]["row"]["id"]: count for a, count in miit["speakers"]}
    assert said == dict(expected) and len(said) > 3
    huang = next(agents[a] for a, _ in miit["speakers"] if concepts[agents[a]["ref"]]["row"]["zh-Hans"] == HUANG)
    assert "新聞發言人" in huang["roles"] and "運行監測協調局局長" in huang["roles"]
    assert [concepts[org]["row"]["id"] for org in huang["orgs"]] == [MIIT]
    # a speaker's own panel says how they speak
    assert concepts[huang["ref"]]["agent"] == agents.index(huang)


def test_cooccurring_terms_are_the_graphs_counts_most_frequent_first(dev_data: dict[str, Any], dev_doc: Doc) -> None:
    pairs = cooccurrences(dev_doc)
    expected = {(b if a == MIIT else a): n for (a, b), n in pairs.items() if MIIT in (a, b)}
    miit = dev_data["concepts"][index_of(dev_data, MIIT)]
    listed_pairs = [(dev_data["concepts"][ref]["row"]["id"], count) for ref, count in miit["cooccurs"]]
    assert dict(listed_pairs) == expected
    assert [count for _, count in listed_pairs] == sorted(expected.values(), reverse=True)


def test_figures_of_an_indicator_say_what_where_and_who(dev_data: dict[str, Any], dev_doc: Doc) -> None:
    indicator = dev_data["concepts"][index_of(dev_data, "indicator-industrial-va")]
    assert indicator["row"]["type"] == "INDICATOR" and indicator["figures"]
    by_offset = {f.start: f for f in dev_doc.figures}
    snippets = list(dev_data["snippets"])
    for figure in indicator["figures"]:
        snippet, start, end = figure["at"]
        _, begin, text = snippets[snippet]
        written = by_offset[begin + start]
        assert text[start:end] == written.text
        assert Decimal(figure["value"]) == Decimal(repr(written.value)) and figure["unit"] == written.unit
        assert dev_data["concepts"][figure["speaker"]]["row"]["id"] == written.speaker


_FIGURE_VALUE = st.one_of(st.integers(), st.decimals(allow_nan=False), st.text(max_size=6))


@given(
    st.tuples(*[st.integers(0, 10**6)] * 3),
    st.fixed_dictionaries({}, optional=dict.fromkeys(FIGURE_VALUES, _FIGURE_VALUE)),
)
def test_a_figure_held_until_its_term_is_written_is_written_as_it_was_given(at, values) -> None:
    values = {name: values[name] for name in FIGURE_VALUES if name in values}  # the order figures give them in
    written = _shown_figure(_held_figure(at, values))
    assert written == {"at": list(at), **values}
    assert list(written) == ["at", *values]  # the same JSON, key for key


def test_broader_narrower_replaced_by_and_replaces_link_both_ways() -> None:
    doc = kg.extract("关贸总协定和工业和信息化部运行监测协调局。", "links")
    graph = kg.build_graph([doc])
    data = made(page_data(graph, glossary_rows(graph)))
    concepts = data["concepts"]
    gatt, wto = index_of(data, "org-gatt"), index_of(data, "org-wto")
    bureau, miit = index_of(data, "org-miit-omcb"), index_of(data, MIIT)
    assert concepts[gatt]["replacedBy"] == [wto] and concepts[wto]["replaces"] == [gatt]
    assert concepts[bureau]["broader"] == [miit] and bureau in concepts[miit]["narrower"]


def test_a_concept_left_out_of_the_rows_is_named_not_linked(dev_graph: Graph, dev_rows: list[GlossaryRow]) -> None:
    rows = [row for row in dev_rows if row.type != "PERSON"]
    data = made(page_data(dev_graph, rows))
    miit = data["concepts"][index_of(data, MIIT)]
    refs = [data["agents"][agent]["ref"] for agent, _ in miit["speakers"]]
    assert HUANG in refs  # a label, since no row of the page is his
    persons = {row.zh_hans for row in dev_rows if row.type == "PERSON"}
    for ref, _ in miit["cooccurs"]:
        assert ref in persons if isinstance(ref, str) else data["concepts"][ref]["row"]["type"] != "PERSON"


def test_offsets_count_utf16_units_where_a_character_lies_beyond_u_ffff() -> None:
    doc = kg.extract("𠀀𠀁工业和信息化部发布。", "astral")
    graph = kg.build_graph([doc])
    data = made(page_data(graph, glossary_rows(graph)))
    (snippet, start, end), *_ = data["concepts"][index_of(data, MIIT)]["contexts"]
    text = list(data["snippets"])[snippet][2]
    units = text.encode("utf-16-le")
    assert (start, end) == (4, 11) and units[2 * start : 2 * end].decode("utf-16-le") == "工业和信息化部"


def test_the_page_is_one_file_whose_policy_admits_only_its_own_code(dev_page: Path) -> None:
    page = dev_page.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    script = re.findall(r"<script>(.*?)</script>", page, re.S)
    style = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(script) == len(style) == 1

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"script-src '{digest(script[0])}'" in policy and f"style-src '{digest(style[0])}'" in policy
    assert "default-src 'none'" in policy and "connect-src" not in policy  # nothing to fetch, from anywhere
    assert not re.search(r"\b(src|href)=\"https?:", page) and "@import" not in page and "url(" not in page
    assert "CC-CEDICT (MDBG, https://cc-cedict.org/wiki/), licensed CC BY-SA 4.0" in page  # drafts use its glosses


def test_hostile_strings_cannot_leave_the_data(hostile_graph: Graph) -> None:
    page = "".join(page_chunks(page_data(hostile_graph, glossary_rows(hostile_graph), title="<b>title</b>")))
    assert page.count("</script>") == 2  # the data's and the code's own
    assert "<title>&lt;b&gt;title&lt;/b&gt;</title>" in page
    assert not set("\u2028\u202e") & set(page)  # escaped inside the JSON, so the source reads as it runs
    data = page_json(page)
    assert any("<script>window.pwned=1</script>" in text for _, _, text in data["snippets"])
    assert "{{data}}" in json.dumps(data, ensure_ascii=False)  # a placeholder in a document is left alone


# ---------------------------------------------------------------------------- in the browser


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("工信部", MIIT),
        ("工業和信息化部", MIIT),
        ("工业和信息化部", MIIT),
        ("MIIT", MIIT),
        ("miit", MIIT),
        ("ＭＩＩＴ", MIIT),
        ("Ministry of Industry", MIIT),
        ("国務院新闻辦", "org-scio"),  # the two scripts mixed in one query
        ("《十四五》", "slogan-fyp-14"),  # title marks and quotation marks are ignored
    ],
)
def test_search_in_either_script_or_english_finds_the_concept_first(
    browser, dev_page: Path, dev_data: dict[str, Any], query: str, concept: str
) -> None:
    load(browser, dev_page)
    assert type_query(browser, query)[0] == index_of(dev_data, concept)


def test_prefix_and_substring_matches_and_a_visible_empty_state(browser, dev_page: Path, dev_data: dict) -> None:
    load(browser, dev_page)
    miit = index_of(dev_data, MIIT)
    assert miit in type_query(browser, "工业和")  # a prefix
    assert miit in type_query(browser, "信息化")  # inside the name
    assert miit in type_query(browser, "information technology")  # words of the English name
    assert type_query(browser, "没有这个词zzz") == []
    empty = browser.find_element("id", "empty")
    assert empty.is_displayed() and "没有这个词zzz" in empty.text
    assert browser.find_element("id", "summary").text.startswith("0 of")
    browser.find_element("id", "clear").click()
    assert len(listed(browser)) == min(100, len(dev_data["concepts"]))


def test_type_and_english_filters_and_sorting(browser, dev_page: Path, dev_data: dict) -> None:
    load(browser, dev_page)
    concepts = dev_data["concepts"]
    browser.find_element("css selector", "label[for=type-PERSON]").click()
    shown = listed(browser)
    assert shown and {concepts[i]["row"]["type"] for i in shown} == {"PERSON"}
    assert len(shown) == sum(c["row"]["type"] == "PERSON" for c in concepts)
    browser.find_element("css selector", "label[for=type-ORG]").click()
    browser.find_element("css selector", "#english option[value=draft]").click()
    shown = listed(browser)
    assert {concepts[i]["row"]["type"] for i in shown} <= {"PERSON", "ORG"}
    assert {concepts[i]["row"]["english_status"] for i in shown} == {"draft"}
    browser.find_element("css selector", "#sort option[value=en]").click()
    names = [concepts[i]["row"]["en"] for i in listed(browser)]
    assert names == sorted(names, key=str.casefold)
    counts = browser.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('#types input')]"
        ".map(box => [box.value, +box.nextElementSibling.querySelector('.n').textContent]))"
    )
    drafts = Counter(c["row"]["type"] for c in concepts if c["row"]["english_status"] == "draft")
    # each type's count is of the matches before the type filter: what ticking it would add
    assert counts == {t["id"]: drafts[t["id"]] for t in dev_data["types"]}


def test_keyboard_arrows_enter_and_escape(browser, dev_page: Path, dev_data: dict) -> None:
    from selenium.webdriver.common.keys import Keys

    load(browser, dev_page)
    browser.find_element("tag name", "body").send_keys("/")
    box = browser.switch_to.active_element
    assert box.get_attribute("id") == "q"
    box.send_keys("信息")
    shown = listed(browser)
    box.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_DOWN, Keys.ARROW_UP)
    assert box.get_attribute("aria-activedescendant") == "option-1"
    box.send_keys(Keys.ENTER)
    chosen = dev_data["concepts"][shown[1]]["row"]
    assert browser.current_url.endswith(f"#term={chosen['id']}")
    assert panel_title(browser) == chosen["zh-Hans"]
    assert browser.switch_to.active_element.get_attribute("id") == "panel"
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert browser.find_element("id", "panel").get_attribute("hidden") is not None
    assert browser.switch_to.active_element.get_attribute("id") == "q"


def test_the_panel_shows_contexts_speakers_and_cooccurring_terms(browser, dev_page: Path, dev_doc: Doc) -> None:
    load(browser, dev_page, f"#term={MIIT}")
    assert panel_title(browser) == "工业和信息化部"
    panel = browser.find_element("id", "panel")
    assert "Ministry of Industry and Information Technology" in panel.text and "official" in panel.text
    lines = browser.execute_script(
        "return [...document.querySelectorAll('#panel .contexts .kwic')]"
        ".map(line => [line.querySelector('mark').textContent, line.querySelector('.where').textContent])"
    )
    spans = [s for s in dev_doc.ents if s.concept == MIIT]
    assert lines == [[s.text, f"dev @ {s.start}"] for s in sorted(spans, key=lambda s: s.start)]
    speakers = panel.find_element("css selector", "ul.speakers").text
    assert HUANG in speakers and "新聞發言人" in speakers
    link = panel.find_element("css selector", ".chip a.term")
    other = link.text
    link.click()
    wait_for(lambda: panel_title(browser) == other, "the co-occurring term's panel")
    browser.back()
    wait_for(lambda: panel_title(browser) == "工业和信息化部", "the previous panel after Back")


def test_copy_puts_the_row_on_the_clipboard(browser, dev_page: Path) -> None:
    load(browser, dev_page, f"#term={MIIT}")
    browser.find_element("css selector", "#panel button.copy-row").click()
    copied = browser.execute_async_script("navigator.clipboard.readText().then(arguments[0])")
    assert copied == "工业和信息化部\t工業和信息化部\tMinistry of Industry and Information Technology"
    assert browser.find_element("id", "toast").text == "Copied the row"


def test_csv_export_is_the_glossary_csv_of_the_filtered_rows(
    browser, dev_page: Path, dev_rows: list[GlossaryRow], dev_data: dict[str, Any], downloads: Path
) -> None:
    load(browser, dev_page)
    browser.find_element("css selector", "label[for=type-ORG]").click()
    browser.find_element("css selector", "#english option[value=official]").click()
    expected = [row for row in dev_rows if row.type == "ORG" and row.english_status == "official"]
    browser.find_element("id", "export").click()
    assert downloaded(downloads, f"glossary-{len(expected)}-terms.csv") == csv_bytes(expected)
    # with a query, the export is what the list shows, all of it
    shown = type_query(browser, "部")
    browser.find_element("id", "export").click()
    text = downloaded(downloads, f"glossary-{len(shown)}-terms.csv").decode("utf-8-sig")
    ids = [line.split(",", 1)[0] for line in text.splitlines()[1:]]
    assert ids == [dev_data["concepts"][index]["row"]["id"] for index in shown] and ids


def test_the_panel_says_when_it_shows_a_sample_of_many_contexts_and_documents(browser, sampled_build: Path) -> None:
    page = sampled_build / "glossary.html"
    data = page_json(page.read_text(encoding="utf-8"))
    miit = data["concepts"][index_of(data, MIIT)]
    load(browser, page, f"#term={MIIT}")
    headings = browser.execute_script("return [...document.querySelectorAll('#panel h3')].map(h => h.textContent)")
    total = miit["contextsTotal"]
    assert f"Contexts (a sample of {SAMPLE_SIZE} of {total} mentions of 工业和信息化部)" in headings
    used = browser.find_element("css selector", "#panel dl.about").text
    assert f"{total} mentions in {data['documentCount']} documents, among them: copy-" in used
    browser.find_element("css selector", "#panel button.more").click()  # "show all" shows the whole sample
    assert browser.execute_script("return document.querySelectorAll('#panel .contexts .kwic').length") == SAMPLE_SIZE
    assert f"from {SAMPLE_SIZE + 1} documents" in browser.find_element("tag name", "h1").text


def test_phone_width_stacks_the_list_and_the_panel(dev_page: Path) -> None:
    try:
        with chromium(width=390, height=844) as phone:
            load(phone, dev_page)
            width = phone.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
            assert width[0] <= width[1]  # nothing wider than the phone
            phone.find_element("css selector", "#results li").click()
            assert phone.find_element("id", "panel").is_displayed()
            assert not phone.find_element("id", "list").is_displayed()
            phone.find_element("css selector", "#panel button.back").click()
            assert phone.find_element("id", "list").is_displayed()
            assert phone.execute_script("return document.documentElement.scrollWidth") <= width[1]
    except BrowserMissing as error:
        pytest.fail(f"the glossary page is tested in Chromium: {error}", pytrace=False)


def test_hostile_text_is_shown_as_text_and_never_runs(
    browser, tmp_path: Path, hostile_graph: Graph, downloads: Path
) -> None:
    rows = glossary_rows(hostile_graph)
    page = tmp_path / "hostile.html"
    with open(page, "w", encoding="utf-8") as handle:
        write_html(rows, handle, ExportOptions(graph=hostile_graph, title="<script>window.pwned=8</script>"))
    load(browser, page, f"#term={MIIT}")
    browser.find_element("css selector", "#panel .toggle input").click()  # whole sentences
    contexts = browser.execute_script(
        "return [...document.querySelectorAll('#panel .kwic')].map(line => line.textContent)"
    )
    assert any("<script>window.pwned=1</script><img src=x onerror=" in line for line in contexts)
    assert browser.find_elements("css selector", "#panel .kwic a") == []  # javascript: is not made a link
    type_query(browser, "口号")
    browser.find_element("css selector", "#results li").click()
    hostile = '<img src=x onerror="window.pwned=5">口号'
    wait_for(lambda: panel_title(browser) == hostile, "the slogan's panel")  # shown by the hashchange the click makes
    panel = browser.find_element("id", "panel").text
    assert "</script><script>window.pwned=6</script>" in panel and "javascript:window.pwned=7" in panel
    browser.find_element("id", "export").click()
    evil = [row for row in rows if row.id == "slogan-evil"]
    exported = downloaded(downloads, "glossary-1-terms.csv")
    assert exported == csv_bytes(evil) and ",\"'=HYPERLINK(" in exported.decode("utf-8")
    assert browser.execute_script("return window.pwned") is None
    assert browser.execute_script("return document.querySelectorAll('img, script').length") == 2
    assert browser.title == "<script>window.pwned=8</script>"
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []  # no error, no blocked script


def test_the_page_makes_no_network_request(browser, dev_page: Path, downloads: Path) -> None:
    load(browser, dev_page)
    shown = type_query(browser, "工信部")
    browser.find_element("css selector", "#results li").click()
    browser.find_element("css selector", "#panel .chip a.term").click()
    browser.find_element("id", "export").click()
    downloaded(downloads, f"glossary-{len(shown)}-terms.csv")
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    requests = network_requests(browser)
    assert requests and all(url.startswith(("file:", "blob:")) for url in requests), requests


_LABEL_CHARACTERS = "工業业和信息化部乾隆 MIİiİ\u0301\u0307·“”《》\u3000éÉａＡ"  # scripts, widths, cases, marks, quotes


@given(st.lists(st.text(alphabet=st.sampled_from(_LABEL_CHARACTERS), max_size=8), max_size=4))
@example(["i·\u0301"])  # dropping the dot puts the accent on the i, which NFKC then composes: not idempotent
def test_search_keys_are_each_labels_fold_and_its_simplified_form(labels: list[str]) -> None:
    """The keys as the page's search defines them, whatever shortcut makes them."""
    from kg.export.html import _normal
    from kg.text.script import to_simplified

    expected: dict[str, None] = {}
    for label in filter(None, labels):
        expected.update(dict.fromkeys([fold(label), _normal(to_simplified(_normal(label)))]))
    expected.pop("", None)
    assert search_keys(labels) == list(expected)
