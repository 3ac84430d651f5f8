"""The press conference a transcript reports: its date, host and speakers.

SCIO and ministry transcripts open with a sentence of a fixed shape —
国务院新闻办公室于2021年4月20日(星期二)下午3时举行新闻发布会 — that names
the host and the date.  :class:`PressConferenceFinder` reads it (only in a
document that has speaker turns, so a report that merely mentions a
conference is not taken for one);
:func:`kg.rdf.document.add_press_conference` puts the event in the graph as
a ``schema:Event`` linked to the document that reports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg import regexes
from kg.recognize.component import declare
from kg.recognize.doc import Doc

#: 举行/召开 … 新闻发布会 / 发布会 / 吹风会 / 记者会 / 新闻通气会.
_HOLDS = regexes.compile(r"(?:举行|召开|举办)[^。，,]{0,12}?(?:新闻发布会|发布会|吹风会|记者会|通气会)")
_DATE = regexes.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")


@dataclass(frozen=True)
class PressConference:
    """What the opening sentence and the turns tell about the event."""

    date: str | None  # ISO 8601
    host: str | None  # ORG concept
    speakers: tuple[str, ...] = field(default=())  # PERSON concepts, in order of first turn
    announcement: str | None = None  # the sentence that announces it (text, not offsets: meta is not remapped)


@declare("event", ("event",))
class PressConferenceFinder:
    """Pipeline component: ``doc.meta["event"]`` for a transcript of a press conference."""

    def __call__(self, doc: Doc) -> Doc:
        if not doc.turns:
            return doc
        announcing = [(a, b) for a, b in doc.sentences if _HOLDS.search(doc.simplified, a, b)]
        if not announcing:
            return doc
        # the title says 举行发布会 too; the sentence that also gives the date is the announcement
        start, end = next((s for s in announcing if _DATE.search(doc.simplified, *s)), announcing[0])
        doc.meta["event"] = PressConference(
            date=_iso_date(doc.simplified[start:end]),
            host=next((s.concept for s in doc.ents if s.label == "ORG" and start <= s.start < end), None),
            speakers=tuple(dict.fromkeys(t.person for t in doc.turns if t.person)),
            announcement=doc.text[start:end],
        )
        return doc


def _iso_date(sentence: str) -> str | None:
    match = _DATE.search(sentence)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"
