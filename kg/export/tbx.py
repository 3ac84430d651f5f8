"""The glossary as TBX-Basic (TermBase eXchange), for CAT tools and termbases, in both of its editions.

``tbx`` (:func:`write_tbx`) is ISO 30042:2019 (TBX v3), the TBX-Basic
dialect in its DCA style (data categories as ``type`` attributes):
``<tbx type="TBX-Basic" style="dca">`` in the ISO 30042:2019 namespace, a
``tbxHeader`` with its ``fileDesc``, and a ``conceptEntry`` per term holding
a ``langSec`` per language (zh-Hans, zh-Hant, en) and a ``termSec`` per term.

``tbx-2008`` (:func:`write_tbx_2008`) is the same content in the form of ISO
30042:2008 (TBX v2, TBX-Basic 1.0 as LISA published it): ``<martif
type="TBX-Basic-V1">`` without a namespace, ``martifHeader``, ``termEntry``,
``langSet`` and ``tig``, with the DOCTYPE and XCS its files name.  Many
readers still know only this form: translate-toolkit (``tbx2po``, and so
Weblate and Pootle) asserts a ``martif`` root and refuses the 2019 file, as
do older termbase importers.  The two differ only in names and header, so
one writer makes both (:class:`Dialect`).

In either:

- the preferred label is ``termType`` ``fullForm``; an alternative label is
  ``acronym`` (Latin capitals), ``abbreviation`` (shorter) or ``variant``;
- ``administrativeStatus`` is ``preferredTerm-admn-sts`` for a preferred
  label and ``admittedTerm-admn-sts`` for an alternative one of a curated
  (thesaurus) concept; the terms of a concept found only in the text have
  none, and a draft English term has a note saying it is a draft, because
  TBX-Basic's statuses all describe reviewed terms;
- the context sentence is a ``descrip`` ``context`` with its document as
  ``admin`` ``source``, on the term that occurs in it; the definition is a
  ``descrip`` ``definition`` on the English language section.

Only TBX-Basic's data categories are used, at the levels its schema and
Schematron rules allow (LTAC TBX-Basic dialect, 2019), so any TBX-Basic
importer accepts the file.  Text is stripped of the characters XML 1.0
cannot hold, and ``conceptEntry/@id`` is made an XML name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO

from kg import regexes
from kg.export.cedict import ATTRIBUTION
from kg.export.rows import GlossaryRow, type_labels
from kg.export.writer import DEFAULTS, ExportOptions
from kg.link.ids import concept_iri

#: The namespace of ISO 30042:2019 (TBX version 3).
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = regexes.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ACRONYM = regexes.compile(r"[A-Z][A-Z0-9&]+")
#: Characters an XML name may hold under both the 4th and 5th editions of XML 1.0 (parsers differ): ASCII
#: letters and the CJK ideographs of Unicode 2.0 may start it, digits, "-" and "." follow.  "_" is the escape.
_NAME_START_CHAR = regexes.compile("[A-Za-z\u4e00-\u9fa5]")
_NAME_CHAR = regexes.compile("[A-Za-z\u4e00-\u9fa50-9.-]")


@dataclass(frozen=True)
class Dialect:
    """The element names and header of one edition of TBX-Basic; the content is the same in both."""

    root: str
    attributes: dict[str, str]  # of the root, besides xml:lang
    namespace: str | None
    header: str
    entry: str
    language: str
    term: str
    doctype: str | None = None
    encoding_description: dict[str, str] = field(default_factory=dict)  # <p type=…>…</p> of encodingDesc


#: ISO 30042:2019, TBX-Basic in DCA style.
TBX_2019 = Dialect(
    "tbx",
    {"type": "TBX-Basic", "style": "dca"},
    TBX_NAMESPACE,
    "tbxHeader",
    "conceptEntry",
    "langSec",
    "termSec",
)
#: ISO 30042:2008, TBX-Basic 1.0 (LISA, 2009): its core structure DTD and its XCS file are named, as its files do.
TBX_2008 = Dialect(
    "martif",
    {"type": "TBX-Basic-V1"},
    None,
    "martifHeader",
    "termEntry",
    "langSet",
    "tig",
    doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
    encoding_description={"XCSURI": "TBXBasicXCSV02.xcs"},
)


def write_tbx(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """Write ``rows`` as one TBX-Basic document of ISO 30042:2019 (at least one row: TBX has no empty body)."""
    write_dialect(rows, handle, options, TBX_2019)


def write_tbx_2008(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """Write ``rows`` as one TBX-Basic document of ISO 30042:2008, the ``martif`` form older tools read."""
    write_dialect(rows, handle, options, TBX_2008)


def write_dialect(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions, dialect: Dialect) -> None:
    """Write ``rows`` as one TBX-Basic document in ``dialect``."""
    languages, title = options.languages, options.title
    if not rows:
        raise ValueError("a TBX file needs at least one concept")
    # ElementTree cannot write a default namespace beside unprefixed attributes: declare it as one.
    namespace = {"xmlns": dialect.namespace} if dialect.namespace else {}
    root = ET.Element(dialect.root, {**dialect.attributes, _XML_LANG: languages[0], **namespace})
    _header(root, rows, title, dialect)
    body = _sub(_sub(root, "text"), "body")
    for row in rows:
        _concept_entry(body, row, languages, dialect)
    ET.indent(root)
    handle.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if dialect.doctype:
        handle.write(dialect.doctype + "\n")
    handle.write(ET.tostring(root, encoding="unicode"))
    handle.write("\n")


def xml_id(concept_id: str) -> str:
    """``concept_id`` as an XML NCName, one to one: any other character (and ``_``) becomes ``_HEX_``.

    Concept ids keep ``%XX`` escapes and may hold ``~``, which an ``xsd:ID``
    cannot; ``org-miit`` and ``person-黄利斌`` stay as they are.  Only
    characters every XML parser takes in a name are kept (expat still
    follows XML 1.0's 4th edition, which stops the ideographs at U+9FA5).
    """
    out = []
    for index, character in enumerate(concept_id):
        allowed = _NAME_START_CHAR if index == 0 else _NAME_CHAR
        out.append(character if character != "_" and allowed.fullmatch(character) else f"_{ord(character):X}_")
    return "".join(out)


def _header(root: ET.Element, rows: Sequence[GlossaryRow], title: str, dialect: Dialect) -> None:
    header = _sub(root, dialect.header)
    description = _sub(header, "fileDesc")
    _sub(_sub(description, "titleStmt"), "title", title)
    source = _sub(description, "sourceDesc")
    _sub(source, "p", "Exported by kg from a policy-term knowledge graph of Chinese government texts.")
    if any(row.english_status == "draft" for row in rows):
        _sub(source, "p", "English terms noted as drafts were composed by kg and are not official translations.")
        _sub(source, "p", ATTRIBUTION)
    if dialect.encoding_description:
        encoding = _sub(header, "encodingDesc")
        for kind, text in dialect.encoding_description.items():
            _sub(encoding, "p", text, type=kind)


def _concept_entry(body: ET.Element, row: GlossaryRow, languages: Sequence[str], dialect: Dialect) -> None:
    entry = _sub(body, dialect.entry, id=xml_id(row.id))
    kind = type_labels().get(row.type, {}).get("en")
    _sub(entry, "note", f"type: {row.type}" + (f" ({kind})" if kind else ""))
    _sub(entry, "note", f"mentions: {row.count}" + _in_documents(row))
    _sub(entry, "xref", row.id, type="externalCrossReference", target=str(concept_iri(row.id)))
    context_placed = False
    for lang in languages:
        if not row.label(lang):
            continue
        section = _sub(entry, dialect.language, lang=lang)
        if lang == "en" and row.definition:
            group = _sub(section, "descripGrp")
            _sub(group, "descrip", row.definition, type="definition")
            if row.source:
                _sub(group, "admin", row.source, type="source")
        for term, term_type, status in _terms(row, lang):
            term_section = _term_section(section, dialect.term, term, term_type, status)
            if lang == "en" and term == row.en and row.english_status == "draft":
                _sub(term_section, "note", f"Draft English, not an official translation ({row.english_note}).")
            if not context_placed and row.context and term in row.context:
                group = _sub(term_section, "descripGrp")
                _sub(group, "descrip", row.context, type="context")
                _sub(group, "admin", row.context_document, type="source")
                context_placed = True


def _terms(row: GlossaryRow, lang: str) -> list[tuple[str, str, str | None]]:
    """``(term, termType, administrativeStatus)`` for each label of ``row`` in ``lang``.

    Only a curated concept (its English official) has statuses: the labels
    of a concept found in the text, and a draft, are not reviewed terms.
    """
    curated = row.english_status == "official"
    terms = [(row.label(lang), "fullForm", "preferredTerm-admn-sts" if curated else None)]
    terms += [
        (
            label,
            "acronym" if _ACRONYM.fullmatch(label) else "abbreviation",
            "admittedTerm-admn-sts" if curated else None,
        )
        for label in row.abbreviations(lang)
    ]
    terms += [(label, "variant", "admittedTerm-admn-sts" if curated else None) for label in row.variants(lang)]
    return terms


def _term_section(section: ET.Element, name: str, term: str, term_type: str, status: str | None) -> ET.Element:
    term_section = _sub(section, name)
    _sub(term_section, "term", term)
    _sub(term_section, "termNote", term_type, type="termType")
    if status is not None:
        _sub(term_section, "termNote", status, type="administrativeStatus")
    return term_section


def _sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element (``lang`` is ``xml:lang``); text is cleared of what XML cannot hold."""
    if "lang" in attributes:
        attributes[_XML_LANG] = attributes.pop("lang")
    element = ET.SubElement(parent, name, {key: _NOT_XML.sub("", value) for key, value in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _in_documents(row: GlossaryRow) -> str:
    """Where the term is used, as its entry's note says it: the documents, or how many and a sample of them."""
    if not row.documents:
        return ""
    if row.document_count > len(row.documents):
        return f" in {row.document_count} documents, among them {', '.join(row.documents)}"
    return f" in {', '.join(row.documents)}"
