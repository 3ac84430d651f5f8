"""The glossary's rows in their order, in memory or in SQLite past a bound."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.export.ordered_rows
from kg.export.ordered_rows import OrderedRows
from kg.export.rows import GlossaryRow

#: Rows of distinct ids whose counts often tie, so that the id must break the ties; ids beyond ASCII, as minted
#: ones are (SQLite's order of UTF-8 text must be Python's of its strings).
ROWS = st.lists(
    st.builds(
        GlossaryRow,
        id=st.text(st.sampled_from("ab-中國😀"), min_size=1, max_size=4),
        type=st.sampled_from(["ORG", "SLOGAN"]),
        count=st.integers(0, 3),
        documents=st.lists(st.text(max_size=3), max_size=2).map(tuple),
        context=st.text(max_size=5),
    ),
    max_size=30,
    unique_by=lambda row: row.id,
)


@given(ROWS, st.sampled_from([None, 0, 1, 5]), st.sampled_from([1, 3, 10_000]))
def test_rows_come_back_in_their_order_whether_held_in_memory_or_in_sqlite(rows, in_memory, batch):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kg.export.ordered_rows, "_BATCH", batch)
        ordered = OrderedRows(in_memory)
        for row in rows:
            ordered.add(row)
        read = ordered.sorted()
    expected = sorted(rows, key=lambda row: (-row.count, row.id))
    stored = in_memory is not None and len(rows) > in_memory
    assert isinstance(read, list) is not stored
    assert list(read) == list(read) == expected and len(read) == len(expected)  # read as often as asked
    assert [read[position] for position in range(-len(read), len(read))] == expected + expected
    assert read[1:4] == expected[1:4] and read[::-2] == expected[::-2]
    with pytest.raises(IndexError):
        read[len(read)]
