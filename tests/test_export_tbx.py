"""TBX export: well-formed XML that obeys the TBX-Basic dialect's rules, in both editions, read back by its clients.

No TBX-Basic schema or validator ships in a package of PyPI, npm or Debian
(searched: translate-toolkit reads but does not validate, and only the 2008
form; tbxtools and termate hold no validator), so the dialect's rules are
encoded here from its schemas (LTAC Global, TBX-Basic dialect 1.0 for ISO
30042:2019: ``TBXcoreStructV03_TBX-Basic_integrated.rng`` for the structure,
``TBX-Basic_DCA.sch`` for the data categories and their levels; LISA
TBX-Basic 1.0 for ISO 30042:2008: ``TBXBasiccoreStructV02.dtd`` and
``TBXBasicXCSV02.xcs``, the same data categories at the same levels under
other element names) and applied to what the exporter writes, with a broken
file to show the checker catches what it should.  The 2008 file is read back
with translate-toolkit, as Weblate and Pootle read a glossary.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.export.rows import GlossaryRow, glossary_rows
from kg.export.tbx import TBX_2008, TBX_2019, TBX_NAMESPACE, Dialect, write_dialect, write_tbx, xml_id
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
#: Where a data category may stand (its parent, or the parent of its group), by level: entry, language, term.
LEVELS = {
    "context": {"term"},
    "definition": {"entry", "language"},
    "subjectField": {"entry"},
    "customerSubset": {"term"},
    "projectSubset": {"term"},
    "externalCrossReference": {"term", "entry"},
    "xGraphic": {"entry"},
}


@dataclass(frozen=True)
class Edition:
    """What the checker needs of an edition: the writer's dialect, its namespace and its root's attributes."""

    dialect: Dialect
    namespace: str
    root_attributes: dict[str, str]

    def tag(self, name: str) -> str:
        return self.namespace + name

    def name(self, element: ET.Element) -> str:
        return element.tag.removeprefix(self.namespace)

    def level(self, name: str) -> str:
        """``entry``, ``language`` or ``term`` for the element names of the three levels, else the name."""
        d = self.dialect
        return {d.entry: "entry", d.language: "language", d.term: "term"}.get(name, name)


V3 = Edition(TBX_2019, NS, {"type": "TBX-Basic", "style": "dca"})
V2 = Edition(TBX_2008, "", {"type": "TBX-Basic-V1"})


def tbx_basic_problems(root: ET.Element, edition: Edition = V3) -> list[str]:
    """Every way ``root`` breaks the TBX-Basic rules of ``edition``; empty when it is valid."""
    d, e = edition.dialect, edition
    problems: list[str] = []
    if root.tag != e.tag(d.root):
        return [f"root is {root.tag}, not {d.root} in {e.namespace or 'no namespace'}"]
    if any(root.get(key) != value for key, value in e.root_attributes.items()) or not root.get(XML_LANG):
        problems.append(f"{d.root} needs {e.root_attributes} and xml:lang")
    if _names(root, e) != [d.header, "text"]:
        problems.append(f"{d.root} holds {_names(root, e)}, not {d.header} then text")
    for element in root.iter():
        if not element.tag.startswith(e.namespace) or (not e.namespace and element.tag.startswith("{")):
            problems.append(f"{element.tag} is outside the namespace of {d.root}")
    header = root.find(e.tag(d.header))
    if header is not None:
        problems += _file_description(header, e)
    body = root.find(f"{e.tag('text')}/{e.tag('body')}")
    entries = [] if body is None else list(body)
    if not entries or _names(body, e) != [d.entry] * len(entries):
        problems.append(f"body must hold one or more {d.entry} and nothing else")
    ids = [entry.get("id") for entry in entries]
    if len(set(ids)) != len(ids):
        problems.append(f"{d.entry} ids repeat")
    for entry in entries:
        problems += _entry(entry, e)
    for element in root.iter():
        problems += _data_category(element, root, e)
    return problems


def _names(element: ET.Element, edition: Edition = V3) -> list[str]:
    return [edition.name(child) for child in element]


def _file_description(header: ET.Element, e: Edition) -> list[str]:
    names = _names(header, e)
    if not names or names[0] != "fileDesc" or not set(names[1:]) <= {"encodingDesc", "revisionDesc"}:
        return [f"{e.dialect.header} must hold fileDesc, then encodingDesc? and revisionDesc?"]
    parts = _names(header[0], e)
    order = [name for name in ("titleStmt", "publicationStmt") if name in parts]
    if parts != order + ["sourceDesc"] * (len(parts) - len(order)) or "sourceDesc" not in parts:
        return [f"fileDesc holds {parts}: titleStmt?, publicationStmt?, sourceDesc+"]
    if any(not list(source) or set(_names(source, e)) != {"p"} for source in header[0].iter(e.tag("sourceDesc"))):
        return ["sourceDesc holds one or more p"]
    return []


def _entry(entry: ET.Element, e: Edition) -> list[str]:
    d = e.dialect
    problems = []
    identifier = entry.get("id") or ""
    try:
        ET.fromstring(f"<{identifier}/>")  # expat accepts only an XML name here
        assert ":" not in identifier
    except (ET.ParseError, AssertionError):
        problems.append(f"{d.entry} id {identifier!r} is not an NCName")
    problems += _sections(entry, d.language, e)
    for section in entry.findall(e.tag(d.language)):
        if not section.get(XML_LANG):
            problems.append(f"{identifier}: {d.language} without xml:lang")
        problems += _sections(section, d.term, e)
        for term_section in section.findall(e.tag(d.term)):
            names = _names(term_section, e)
            notes_end = 1
            while notes_end < len(names) and names[notes_end] in {"termNote", "termNoteGrp"}:
                notes_end += 1
            if names[:1] != ["term"] or not set(names[notes_end:]) <= AUXILIARY:
                problems.append(f"{identifier}: {d.term} holds {names}: term, termNote*, then auxiliary data")
            if list(term_section[0]) or not (term_section[0].text or "").strip():
                problems.append(f"{identifier}: a term is plain, non-empty text")
    return problems


def _sections(parent: ET.Element, section: str, e: Edition) -> list[str]:
    """Auxiliary data first, then one or more ``section`` elements and nothing else."""
    names = _names(parent, e)
    first = names.index(section) if section in names else len(names)
    if first == len(names) or set(names[first:]) != {section} or not set(names[:first]) <= AUXILIARY:
        return [f"{e.name(parent)} holds {names}: auxiliary data, then {section}+"]
    return []


def _data_category(element: ET.Element, root: ET.Element, e: Edition) -> list[str]:
    name = e.name(element)
    if name not in DATA_CATEGORIES:
        return []
    kind = element.get("type")
    if kind not in DATA_CATEGORIES[name]:
        return [f"{name} type={kind!r} is not a TBX-Basic data category"]
    if kind in PICKLISTS and element.text not in PICKLISTS[kind]:
        return [f"{kind} value {element.text!r} is not in its picklist"]
    parent = _parent(root, element)
    if e.name(parent) in {"descripGrp", "adminGrp", "termNoteGrp"}:
        parent = _parent(root, parent)
    level = e.level(e.name(parent))
    if name == "termNote" and level != "term":
        return [f"termNote {kind} at {e.name(parent)}: termNotes belong to {e.dialect.term}"]
    if kind in LEVELS and level not in LEVELS[kind]:
        return [f"{kind} at {e.name(parent)}: allowed at the levels {sorted(LEVELS[kind])}"]
    return []


def _parent(root: ET.Element, child: ET.Element) -> ET.Element:
    return next(element for element in root.iter() if any(c is child for c in element))


def tbx_of(rows: list[GlossaryRow], edition: Edition = V3, **options) -> tuple[str, ET.Element]:
    buffer = io.StringIO()
    write_dialect(rows, buffer, ExportOptions(**options), edition.dialect)
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


def test_an_entry_notes_its_documents_or_how_many_and_a_sample(dev_rows: list[GlossaryRow], dev_tbx: ET.Element):
    miit = next(row for row in dev_rows if row.id == "org-miit")
    notes = [note.text for note in _entry_of(dev_tbx, "org-miit").findall(NS + "note")]
    assert f"mentions: {miit.count} in scio-2021-04-20-miit-q1" in notes
    sampled = dataclasses.replace(miit, document_count=250, documents=("a", "b"))
    _, root = tbx_of([sampled])
    notes = [note.text for note in _entry_of(root, "org-miit").findall(NS + "note")]
    assert f"mentions: {miit.count} in 250 documents, among them a, b" in notes and tbx_basic_problems(root) == []


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
    assert any("'style': 'dca'" in p for p in problems)
    assert any("termNote termType at langSec" in p or "langSec holds" in p for p in problems)
    assert any("'longForm' is not in its picklist" in p for p in problems)
    assert any("usageNote" in p for p in problems) and any("not an NCName" in p for p in problems)


def test_hostile_text_is_escaped_or_dropped() -> None:
    row = GlossaryRow(
        "policy-a%3Cb%3E~1", "POLICY", "<甲&乙>]]>\x00\x1b", "<甲&乙>", "\"Law\" & <Order>", "draft",
        ("甲\x0b",), (), (), (), (), (), 2, 1, ("doc<1>",), "在<甲&乙>]]>\x00中", "doc<1>", "", "", "composed by kg: x",
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


# --- ISO 30042:2008 (martif), and translate-toolkit --------------------------------------------------------


@pytest.fixture(scope="module")
def dev_tbx_2008(dev_rows: list[GlossaryRow]) -> str:
    return tbx_of(dev_rows, V2)[0]


def test_the_2008_form_obeys_tbx_basic_1_and_holds_what_the_2019_form_holds(
    dev_rows: list[GlossaryRow], dev_tbx: ET.Element, dev_tbx_2008: str
) -> None:
    assert dev_tbx_2008.splitlines()[1] == '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
    root = ET.fromstring(dev_tbx_2008)
    assert tbx_basic_problems(root, V2) == []
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    assert len(root.findall("text/body/termEntry")) == len(dev_rows)

    def content(element: ET.Element, edition: Edition) -> list[tuple[str, str, tuple]]:
        """Every element as (level or name, text, attributes), names of the edition's levels made alike."""
        return [
            (edition.level(edition.name(e)), (e.text or "").strip(), tuple(sorted(e.attrib.items())))
            for e in element.iter()
        ]

    body_2019, body_2008 = dev_tbx.find(f"{NS}text/{NS}body"), root.find("text/body")
    assert content(body_2008, V2) == content(body_2019, V3)
    with pytest.raises(AssertionError):  # the checker tells the editions apart
        assert tbx_basic_problems(root, V3) == []


def test_translate_toolkit_reads_every_concept_of_the_2008_form(dev_rows: list[GlossaryRow], dev_tbx_2008: str):
    from translate.storage import tbx

    store = tbx.tbxfile.parsestring(dev_tbx_2008.encode("utf-8"), sourcelanguage="zh-Hans", targetlanguage="en")
    units = {unit.getid(): unit for unit in store.units}
    assert set(units) == {xml_id(row.id) for row in dev_rows}
    for row in dev_rows:
        unit = units[xml_id(row.id)]
        assert unit.source == row.zh_hans and (unit.target or "") == row.en
        assert [term.text for term in unit.get_source_terms()] == [
            row.zh_hans,
            *row.abbreviations_zh_hans,
            *row.variants_zh_hans,
        ]
    miit = units["org-miit"]
    assert [term.administrative_status for term in miit.get_target_terms()] == [
        "preferredTerm-admn-sts", "admittedTerm-admn-sts",
    ]  # fmt: skip


def test_tbx2po_makes_a_po_file_with_the_chinese_and_english_of_every_concept(
    dev_rows: list[GlossaryRow], dev_tbx_2008: str, tmp_path
) -> None:
    from translate.storage import po

    source, target = tmp_path / "glossary.tbx", tmp_path / "glossary.po"
    source.write_text(dev_tbx_2008, encoding="utf-8")
    command = [sys.executable, "-m", "translate.convert.tbx2po", "--source-language", "zh-Hans", "-l", "en"]
    subprocess.run([*command, str(source), str(target)], check=True, capture_output=True)
    units = [unit for unit in po.pofile(target.read_bytes()).units if not unit.isheader()]
    assert units and {(unit.source, unit.target or "") for unit in units} == {(row.zh_hans, row.en) for row in dev_rows}
    assert len(units) == len(dev_rows)  # no two concepts made one entry


def test_translate_toolkit_refuses_the_2019_form(dev_tbx: ET.Element) -> None:
    """Why tbx-2008 exists: translate-toolkit asserts a martif root (if this starts failing, the README changes)."""
    from translate.storage import tbx

    with pytest.raises(AssertionError):
        tbx.tbxfile.parsestring(ET.tostring(dev_tbx))


def test_kg_glossary_writes_2019_by_suffix_and_2008_when_asked(capsys, tmp_path, dev_rows) -> None:
    from kg.cli import main
    from kg.export.formats import FORMATS, format_for
    from kg.rdf.graph import build_graph as graph_of

    assert format_for(None, ".tbx") is FORMATS["tbx"] and FORMATS["tbx-2008"].suffix == ".tbx"
    graph_file = tmp_path / "graph.ttl"
    graph_of([gold_doc()], fixture_thesaurus()).serialize(graph_file, format="turtle")
    assert main(["glossary", str(graph_file), "-o", str(tmp_path / "a.tbx")]) == 0
    assert main(["glossary", str(graph_file), "--format", "tbx-2008", "-o", str(tmp_path / "b.tbx")]) == 0
    assert ET.parse(tmp_path / "a.tbx").getroot().tag == NS + "tbx"
    assert tbx_basic_problems(ET.parse(tmp_path / "b.tbx").getroot(), V2) == []
    capsys.readouterr()
