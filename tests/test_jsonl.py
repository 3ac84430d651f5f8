"""kg.text.jsonl: one document per line; a bad line is reported with its number and the others are read."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.text.jsonl import Record, RecordProblem, iter_records, parse_record
from kg.text.lines import Line

MIIT = "工業和信息化部新聞發言人黃利斌表示，一季度規模以上工業增加值同比增長24.5%。"


def _lines(content: str) -> list[Line]:
    """``content`` split as a JSON Lines file is (only at ``\\n``), numbered from 1."""
    return [Line(number, text) for number, text in enumerate(content.split("\n"), start=1)]


def test_records_keep_their_line_numbers_ids_and_metadata() -> None:
    content = (
        json.dumps({"id": "scio-2021-04-20", "text": MIIT, "title": "發佈會", "date": "2021-04-20", "extra": [1]})
        + "\r\n\n   \n"
        + json.dumps({"text": "國務院新聞辦公室舉行發佈會。", "id": 7, "url": "http://www.gov.cn/", "title": None})
        + "\n"
        + json.dumps({"text": "沒有編號。"}, ensure_ascii=False)
    )
    assert list(iter_records(_lines(content))) == [
        Record(1, MIIT, "scio-2021-04-20", {"title": "發佈會", "date": "2021-04-20"}),
        Record(4, "國務院新聞辦公室舉行發佈會。", "7", {"url": "http://www.gov.cn/"}),
        Record(5, "沒有編號。"),
    ]


def test_only_a_newline_ends_a_line() -> None:
    """U+2028, U+0085 and form feeds are legal inside a JSON string; str.splitlines would break there."""
    text = "第一段\u2028第二段\x85第三段\x0c完"
    [record] = iter_records(_lines(json.dumps({"text": text}, ensure_ascii=False)))
    assert isinstance(record, Record) and record.text == text


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"text": "a",}', "not valid JSON: Expecting property name enclosed in double quotes (column 14)"),
        ('{"text": "未完', "not valid JSON: Unterminated string starting at (column 10)"),
        ('["text"]', 'a line must be a JSON object with a "text" field, not an array'),
        ('"just a string"', 'a line must be a JSON object with a "text" field, not a string'),
        ("null", 'a line must be a JSON object with a "text" field, not null'),
        ('{"title": "無正文"}', 'the object has no "text" field; it needs a string'),
        ('{"text": 42}', 'the object has a number "text" field; it needs a string'),
        ('{"text": " \\u3000\\n"}', 'the "text" is empty'),
        ('{"text": "正文", "id": true}', 'the "id" must be a string or an integer, not a boolean'),
        ('{"text": "正文", "id": ["a"]}', 'the "id" must be a string or an integer, not an array'),
        ('{"text": "正文", "id": " "}', 'the "id" is empty'),
        ('{"text": "正文", "date": 20210420}', 'the "date" must be a string, not a number'),
        ('{"text": "正文", "url": {"href": "x"}}', 'the "url" must be a string, not an object'),
        ("[" * 100_000, "not usable JSON (nested too deeply)"),
        ('{"text": "正文", "n": ' + "9" * 5000 + "}", "not usable JSON (Exceeds the limit"),
    ],
)
def test_a_bad_line_says_what_is_wrong(line: str, problem: str) -> None:
    with pytest.raises(RecordProblem) as caught:
        parse_record(line, 3)
    assert caught.value.line == 3 and str(caught.value).startswith(problem)


def test_bad_lines_do_not_stop_the_good_ones() -> None:
    content = "\n".join([json.dumps({"text": "甲"}), "not json", json.dumps({"text": "乙"}), "{}"])
    results = list(iter_records(_lines(content)))
    assert [(type(r).__name__, r.line) for r in results] == [
        ("Record", 1),
        ("RecordProblem", 2),
        ("Record", 3),
        ("RecordProblem", 4),
    ]


_FIELD = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12).filter(str.strip)
_DOCUMENT = st.fixed_dictionaries(
    {"text": _FIELD}, optional={"id": st.one_of(_FIELD, st.integers()), "title": _FIELD, "date": _FIELD, "url": _FIELD}
)


@given(st.lists(_DOCUMENT, max_size=6), st.booleans())
def test_any_documents_written_as_json_lines_are_read_back(documents: list[dict], ascii_only: bool) -> None:
    content = "\n".join(json.dumps(document, ensure_ascii=ascii_only) for document in documents) + "\n"
    records = list(iter_records(_lines(content)))
    assert all(isinstance(record, Record) for record in records)
    assert [(r.line, r.text, r.id, r.meta) for r in records if isinstance(r, Record)] == [
        (
            n,
            document["text"],
            None if "id" not in document else str(document["id"]),
            {key: document[key] for key in ("title", "date", "url") if key in document},
        )
        for n, document in enumerate(documents, start=1)
    ]


@given(st.text(max_size=80))
def test_any_line_is_a_record_or_a_problem_never_an_exception(content: str) -> None:
    for result in iter_records(_lines(content)):
        assert isinstance(result, Record | RecordProblem)
        if isinstance(result, RecordProblem):
            assert "\n" not in str(result)
