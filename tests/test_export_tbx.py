"""TBX export: well-formed XML that obeys the TBX-Basic dialect's rules, checked by the rules themselves.

No TBX-Basic schema ships in a PyPI package, so the dialect's rules are
encoded here from its two schemas (LTAC Global, TBX-Basic dialect 1.0 for
ISO 30042:2019: ``TBXcoreStructV03_TBX-Basic_integrated.rng`` for the
structure, ``TBX-Basic_DCA.sch`` for the data categories and their levels)
and applied to what the exporter writes, with a broken file to show the
checker catches what it should.
"""

from __future__ import annotations

import copy
import io
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.export.rows import GlossaryRow, glossary_rows
from kg.export.tbx import TBX_NAMESPACE, write_tbx, xml_id
from kg.export.writer import ExportOptions
from kg.rdf.graph import build_graph
from tests.test_graph import fixture_thesaurus, gold_doc

NS = f"{{{TBX_NAMESPACE}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Elements that may come before the language sections of an entry, or after the notes of a term.
AUXILIARY = {"descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "note", "ref", "xref"}
#: TBX-Basic's data categories: the ``type`` values each element may carry.
DATA_CATEGORIES = {
    "termNote": {"administrativeStatus", "geographicalUsage", "grammaticalGender", "partOfSpeech", "termLocation",
                 "termType"},
    "descrip": {"context", "definition", "subjectField"},
    "admin": {"customerSubset", "projectSubset", "source"},
    "ref": {"crossReference"},
    "xref": {"externalCrossReference", "xGraphic"},
    "transac": {"transactionType"},
    "transacNote": {"responsibility"},
}  # fmt: skip
#: Closed value lists (picklists) of the data categories that have one.
PICKLISTS = {
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    "administrativeStatus": {
        "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "preferredTerm-admn-sts",
    },
    "partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "grammaticalGender": {"masculine", "feminine", "neuter", "other"},
}  # fmt: skip
#: Where a data category may stand (its parent, or the parent of its group).
LEVELS = {
    "context": {"termSec"},
    "definition": {"conceptEntry", "langSec"},
    "subjectField": {"conceptEntry"},
    "customerSubset": {"termSec"},
    "projectSubset": {"termSec"},
    "externalCrossReference": {"termSec", "conceptEntry"},
    "xGraphic": {"conceptEntry"},
}


def tbx_basic_problems(root: ET.Element) -> list[str]:
    """Every way ``root`` breaks the TBX-Basic (DCA style) rules; empty when it is valid."""
    problems: list[str] = []
    if root.tag != NS + "tbx":
        return [f"root is {root.tag}, not tbx in {TBX_NAMESPACE}"]
    if (root.get("type"), root.get("style")) != ("TBX-Basic", "dca") or not root.get(XML_LANG):
        problems.append("tbx needs type='TBX-Basic', style='dca' and xml:lang")
    if _names(root) != ["tbxHeader", "text"]:
        problems.append(f"tbx holds {_names(root)}, not tbxHeader then text")
    for element in root.iter():
        if not element.tag.startswith(NS):
            problems.append(f"{element.tag} is outside the TBX namespace")
    header = root.find(NS + "tbxHeader")
    if header is not None:
        problems += _file_description(header)
    body = root.find(f"{NS}text/{NS}body")
    entries = [] if body is None else list(body)
    if not entries or _names(body) != ["conceptEntry"] * len(entries):
        problems.append("body must hold one or more conceptEntry and nothing else")
    ids = [entry.get("id") for entry in entries]
    if len(set(ids)) != len(ids):
        problems.append("conceptEntry ids repeat")
    for entry in entries:
        problems += _entry(entry)
    for element in root.iter():
        problems += _data_category(element, root)
    return problems


def _names(element: ET.Element) -> list[str]:
    return [child.tag.removeprefix(NS) for child in element]


def _file_description(header: ET.Element) -> list[str]:
    names = _names(header)
    if not names or names[0] != "fileDesc":
        return ["tbxHeader must begin with fileDesc"]
    parts = _names(header[0])
    order = [name for name in ("titleStmt", "publicationStmt") if name in parts]
    if parts != order + ["sourceDesc"] * (len(parts) - len(order)) or "sourceDesc" not in parts:
        return [f"fileDesc holds {parts}: titleStmt?, publicationStmt?, sourceDesc+"]
    if any(not list(source) or set(_names(source)) != {"p"} for source in header[0].iter(NS + "sourceDesc")):
        return ["sourceDesc holds one or more p"]
    return []


def _entry(entry: ET.Element) -> list[str]:
    problems = []
    identifier = entry.get("id") or ""
    try:
        ET.fromstring(f"<{identifier}/>")  # expat accepts only an XML name here
        assert ":" not in identifier
    except (ET.ParseError, AssertionError):
        problems.append(f"conceptEntry id {identifier!r} is not an NCName")
    problems += _sections(entry, "langSec")
    for section in entry.findall(NS + "langSec"):
        if not section.get(XML_LANG):
            problems.append(f"{identifier}: langSec without xml:lang")
        problems += _sections(section, "termSec")
        for term_section in section.findall(NS + "termSec"):
            names = _names(term_section)
            notes_end = 1
            while notes_end < len(names) and names[notes_end] in {"termNote", "termNoteGrp"}:
                notes_end += 1
            if names[:1] != ["term"] or not set(names[notes_end:]) <= AUXILIARY:
                problems.append(f"{identifier}: termSec holds {names}: term, termNote*, then auxiliary data")
            if list(term_section[0]) or not (term_section[0].text or "").strip():
                problems.append(f"{identifier}: a term is plain, non-empty text")
    return problems


def _sections(parent: ET.Element, section: str) -> list[str]:
    """Auxiliary data first, then one or more ``section`` elements and nothing else."""
    names = _names(parent)
    first = names.index(section) if section in names else len(names)
    if first == len(names) or set(names[first:]) != {section} or not set(names[:first]) <= AUXILIARY:
        return [f"{parent.tag.removeprefix(NS)} holds {names}: auxiliary data, then {section}+"]
    return []


def _data_category(element: ET.Element, root: ET.Element) -> list[str]:
    name = element.tag.removeprefix(NS)
    if name not in DATA_CATEGORIES:
        return []
    kind = element.get("type")
    if kind not in DATA_CATEGORIES[name]:
        return [f"{name} type={kind!r} is not a TBX-Basic data category"]
    if kind in PICKLISTS and element.text not in PICKLISTS[kind]:
        return [f"{kind} value {element.text!r} is not in its picklist"]
    parent = _parent(root, element)
    if parent.tag.removeprefix(NS) in {"descripGrp", "adminGrp", "termNoteGrp"}:
        parent = _parent(root, parent)
    level = parent.tag.removeprefix(NS)
    if name == "termNote" and level != "termSec":
        return [f"termNote {kind} at {level}: termNotes belong to termSec"]
    if kind in LEVELS and level not in LEVELS[kind]:
        return [f"{kind} at {level}: allowed at {sorted(LEVELS[kind])}"]
    return []


def _parent(root: ET.Element, child: ET.Element) -> ET.Element:
    return next(element for element in root.iter() if any(c is child for c in element))


def tbx_of(rows: list[GlossaryRow], **options) -> tuple[str, ET.Element]:
    buffer = io.StringIO()
    write_tbx(rows, buffer, ExportOptions(**options))
    return buffer.getvalue(), ET.fromstring(buffer.getvalue())


@pytest.fixture(scope="module")
def dev_rows() -> list[GlossaryRow]:
    return glossary_rows(build_graph([gold_doc()], fixture_thesaurus()))


@pytest.fixture(scope="module")
def dev_tbx(dev_rows: list[GlossaryRow]) -> ET.Element:
    return tbx_of(dev_rows)[1]


def _entry_of(root: ET.Element, concept_id: str) -> ET.Element:
    return next(e for e in root.iter(NS + "conceptEntry") if e.get("id") == xml_id(concept_id))


def _terms(entry: ET.Element, lang: str) -> list[tuple[str, dict[str, str]]]:
    section = next(s for s in entry.findall(NS + "langSec") if s.get(XML_LANG) == lang)
    return [
        (ts.findtext(NS + "term"), {n.get("type"): n.text for n in ts.findall(NS + "termNote")})
        for ts in section.findall(NS + "termSec")
    ]


def test_dev_glossary_is_valid_tbx_basic(dev_rows: list[GlossaryRow], dev_tbx: ET.Element) -> None:
    assert tbx_basic_problems(dev_tbx) == []
    assert len(dev_tbx.findall(f"{NS}text/{NS}body/{NS}conceptEntry")) == len(dev_rows)
    assert dev_tbx.get(XML_LANG) == "zh-Hans"


def test_a_thesaurus_entry_has_three_languages_term_types_and_statuses(dev_tbx: ET.Element) -> None:
    miit = _entry_of(dev_tbx, "org-miit")
    assert [s.get(XML_LANG) for s in miit.findall(NS + "langSec")] == ["zh-Hans", "zh-Hant", "en"]
    preferred = {"termType": "fullForm", "administrativeStatus": "preferredTerm-admn-sts"}
    assert _terms(miit, "zh-Hans") == [
        ("工业和信息化部", preferred),
        ("工信部", {"termType": "abbreviation", "administrativeStatus": "admittedTerm-admn-sts"}),
    ]
    assert _terms(miit, "en") == [
        ("Ministry of Industry and Information Technology", preferred),
        ("MIIT", {"termType": "acronym", "administrativeStatus": "admittedTerm-admn-sts"}),
    ]
    english = next(s for s in miit.findall(NS + "langSec") if s.get(XML_LANG) == "en")
    assert english.findtext(f"{NS}descripGrp/{NS}descrip[@type='definition']").startswith("The State Council")
    assert english.findtext(f"{NS}descripGrp/{NS}admin[@type='source']") == "https://www.miit.gov.cn/"


def test_context_sits_on_the_term_it_contains_with_its_document(dev_tbx: ET.Element) -> None:
    for entry in dev_tbx.iter(NS + "conceptEntry"):
        groups = [(ts, g) for ts in entry.iter(NS + "termSec") for g in ts.findall(NS + "descripGrp")]
        assert len(groups) <= 1
        for term_section, group in groups:
            assert term_section.findtext(NS + "term") in group.findtext(f"{NS}descrip[@type='context']")
            assert group.findtext(f"{NS}admin[@type='source']") == "scio-2021-04-20-miit-q1"


def test_draft_english_is_noted_and_never_preferred(dev_rows: list[GlossaryRow], dev_tbx: ET.Element) -> None:
    draft = next(row for row in dev_rows if row.english_status == "draft" and row.type == "ORG")
    entry = _entry_of(dev_tbx, draft.id)
    (term, notes), *_ = _terms(entry, "en")
    assert term == draft.en and notes == {"termType": "fullForm"}
    english = next(s for s in entry.findall(NS + "langSec") if s.get(XML_LANG) == "en")
    assert "Draft English, not an official translation" in english.findtext(f"{NS}termSec/{NS}note")
    assert all("administrativeStatus" not in notes for lang in ("zh-Hans", "en") for _, notes in _terms(entry, lang))
    source = " ".join(p.text for p in dev_tbx.iter(NS + "p"))
    assert "CC-CEDICT" in source and "CC BY-SA 4.0" in source


def test_the_checker_catches_broken_files(dev_tbx: ET.Element) -> None:
    broken = copy.deepcopy(dev_tbx)
    del broken.attrib["style"]
    entry = broken.find(f"{NS}text/{NS}body/{NS}conceptEntry")
    section = entry.find(NS + "langSec")
    ET.SubElement(section, NS + "termNote", type="termType").text = "fullForm"  # a termNote above termSec
    entry.find(f".//{NS}termNote[@type='termType']").text = "longForm"  # not in the picklist
    ET.SubElement(entry, NS + "descrip", type="usageNote").text = "x"  # after langSec, and not TBX-Basic
    entry.set("id", "1st")
    problems = tbx_basic_problems(broken)
    assert any("style='dca'" in p for p in problems)
    assert any("termNote termType at langSec" in p or "langSec holds" in p for p in problems)
    assert any("'longForm' is not in its picklist" in p for p in problems)
    assert any("usageNote" in p for p in problems) and any("not an NCName" in p for p in problems)


def test_hostile_text_is_escaped_or_dropped() -> None:
    row = GlossaryRow(
        "policy-a%3Cb%3E~1", "POLICY", "<甲&乙>]]>\x00\x1b", "<甲&乙>", "\"Law\" & <Order>", "draft",
        ("甲\x0b",), (), (), (), (), (), 2, ("doc<1>",), "在<甲&乙>]]>\x00中", "doc<1>", "", "", "composed by kg: x",
    )  # fmt: skip
    text, root = tbx_of([row])
    assert tbx_basic_problems(root) == []
    entry = root.find(f"{NS}text/{NS}body/{NS}conceptEntry")
    assert [term for term, _ in _terms(entry, "zh-Hans")] == ["<甲&乙>]]>", "甲"]
    assert _terms(entry, "en")[0][0] == '"Law" & <Order>' and "\x00" not in text


def test_languages_can_be_chosen(dev_rows: list[GlossaryRow]) -> None:
    _, root = tbx_of(dev_rows[:5], languages=["zh-Hant", "en"])
    assert tbx_basic_problems(root) == [] and root.get(XML_LANG) == "zh-Hant"
    assert {s.get(XML_LANG) for s in root.iter(NS + "langSec")} == {"zh-Hant", "en"}


def test_no_concept_no_file() -> None:
    with pytest.raises(ValueError, match="at least one concept"):
        write_tbx([], io.StringIO())


_IDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12)


@given(_IDS, _IDS)
def test_entry_ids_are_xml_names_one_to_one(first: str, second: str) -> None:
    ET.fromstring(f"<{xml_id(first)}/>")
    assert ":" not in xml_id(first)
    assert (xml_id(first) == xml_id(second)) == (first == second)
    assert xml_id("org-miit") == "org-miit" and xml_id("person-黄利斌") == "person-黄利斌"
