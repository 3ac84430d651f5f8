"""The glossary as Markdown: a heading and a table per term type, for reading and for review.

Types come in the annotation contract's order (organizations first), then
any others (indicators); rows keep the glossary's order (most mentioned
first).  Draft English is shown in italics and its status says ``draft``,
so a reader never takes it for an official translation.  Cells are escaped
so that no term can break the table or turn into markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from kg import regexes
from kg.export.cedict import ATTRIBUTION
from kg.export.rows import SEPARATOR, GlossaryRow, type_labels
from kg.export.writer import DEFAULTS, ExportOptions
from kg.recognize.doc import ENTITY_TYPES

_MARKUP = regexes.compile(r"([\\`*_\[\]<>|~#])")


def write_markdown(rows: Sequence[GlossaryRow], handle: IO[str], options: ExportOptions = DEFAULTS) -> None:
    """Write ``rows`` as a Markdown document: one section and table per type."""
    languages, title = options.languages, options.title
    drafts = sum(row.english_status == "draft" for row in rows) if "en" in languages else 0
    handle.write(f"# {escape(title)}\n\n{len(rows)} concepts.")
    if drafts:
        handle.write(f" English in *italics* ({drafts}) is a draft composed by kg, not an official translation.")
    handle.write("\n")
    for category in _type_order(rows):
        section = [row for row in rows if row.type == category]
        handle.write(f"\n## {escape(_heading(category))} ({len(section)})\n\n")
        handle.write(_table(section, languages))
    if drafts:
        handle.write(f"\n---\n\n{escape(ATTRIBUTION)}\n")


def escape(text: str) -> str:
    """``text`` as literal Markdown table-cell content: markup characters escaped, on one line."""
    return _MARKUP.sub(r"\\\1", " ".join(text.split()))


def _type_order(rows: Sequence[GlossaryRow]) -> list[str]:
    present = {row.type for row in rows}
    return [t for t in ENTITY_TYPES if t in present] + sorted(present - set(ENTITY_TYPES))


def _heading(category: str) -> str:
    labels = type_labels().get(category, {})
    names = [labels[lang] for lang in ("en", "zh-Hans") if lang in labels]
    return f"{category}: {', '.join(names)}" if names else category


def _table(rows: Sequence[GlossaryRow], languages: Sequence[str]) -> str:
    names = {"zh-Hans": "zh-Hans", "zh-Hant": "zh-Hant", "en": "English"}
    header = [names[lang] for lang in languages]
    if "en" in languages:
        header.append("status")
    header += ["abbreviations", "count", "context"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [_label(row, lang) for lang in languages]
        if "en" in languages:
            cells.append(row.english_status)
        abbreviations = dict.fromkeys(a for lang in languages for a in row.abbreviations(lang))  # zh forms repeat
        cells.append(escape(SEPARATOR.join(abbreviations)))
        cells.append(str(row.count))
        cells.append(f"{escape(row.context)} ({escape(row.context_document)})" if row.context else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _label(row: GlossaryRow, lang: str) -> str:
    text = escape(row.label(lang))
    if lang == "en" and row.english_status == "untranslated":
        return f"({escape(row.english_note)})"
    return f"*{text}*" if lang == "en" and text and row.english_status == "draft" else text
