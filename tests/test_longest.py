"""Leftmost-longest matching at candidate positions gives exactly hanlp_trie's matches."""

from __future__ import annotations

from hanlp_trie import TrieDict
from hypothesis import given
from hypothesis import strategies as st

from kg.link.thesaurus import default_thesaurus
from kg.recognize.dictionary import DictionaryMatcher
from kg.recognize.longest import Openings, longest_matches
from kg.recognize.propagate import _name_starts, _occurrences
from kg.text.script import simplified_view
from tests.conftest import DATA

_CHARS = "工业信息化部和国务院办公厅"  # few characters, so that keys overlap and nest often
keys_strategy = st.dictionaries(st.text(_CHARS, min_size=1, max_size=5), st.integers(), min_size=1, max_size=12)


@given(keys=keys_strategy, text=st.text(_CHARS + "，。a1", max_size=60))
def test_every_position_gives_the_tries_own_matches(keys, text):
    trie = TrieDict(keys)
    assert longest_matches(trie, keys, text, range(len(text))) == trie.tokenize(text)


@given(keys=keys_strategy, text=st.text(_CHARS + "，。a1", max_size=60))
def test_the_positions_where_a_key_occurs_are_enough(keys, text):
    trie = TrieDict(keys)
    for starts in (_occurrences, _name_starts, lambda text, keys: Openings(keys)(text)):  # few names, many names
        assert longest_matches(trie, keys, text, starts(text, keys)) == trie.tokenize(text)


def test_the_thesaurus_matcher_finds_what_the_trie_finds_on_real_text(dev_text):
    matcher = DictionaryMatcher(default_thesaurus())
    report = (DATA / "gwr" / "gwr-2015.txt").read_text(encoding="utf-8")
    for text in (simplified_view(dev_text), report):
        found = longest_matches(matcher._trie, matcher._entries, text, matcher._openings(text))
        assert found == matcher._trie.tokenize(text)
        assert len(found) > 100
