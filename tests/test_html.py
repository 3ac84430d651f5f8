"""kg.text.html: the article of a gov.cn page (or its Traditional mirror) without its furniture, and its metadata."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.rdf.graph import build_graph
from kg.rdf.sparql import select
from kg.recognize.pipeline import extract
from kg.text.html import Page, PageProblem, declared_charset, parse_page
from kg.text.inputs import Source, iter_sources
from tests.conftest import DATA

PAGES = DATA / "inputs"
GOVCN = PAGES / "govcn-xinwen.html"  # www.gov.cn/xinwen page (.article h1, .pages_content), UTF-8
MIRROR = PAGES / "govcn-xinwen-big5.html"  # big5.www.gov.cn page (h1#ti, .trs_editor_view), Big5 (code page 950)
TITLE = "国新办举行2021年一季度工业和信息化发展情况新闻发布会"
#: Words that only page furniture holds, in either script.
FURNITURE = (
    "字体",
    "字號",
    "打印",
    "分享到",
    "扫一扫",
    "掃一掃",
    "纠错",
    "糾錯",
    "责任编辑",
    "責任編輯",
    "首页",
    "版权",
)


def test_a_govcn_page_gives_its_article_title_date_source_and_address() -> None:
    page = parse_page(GOVCN.read_text(encoding="utf-8"))
    assert page.text.split("\n") == [
        TITLE,
        "4月20日，国务院新闻办公室举行新闻发布会，工业和信息化部新闻发言人、运行监测协调局局长黄利斌"
        "介绍2021年一季度工业和信息化发展情况，并答记者问。",
        "黄利斌表示，一季度，全国规模以上工业增加值同比增长24.5%，两年平均增长6.8%。"
        "制造业增加值同比增长27.3%，高技术制造业增加值同比增长31.2%。",
        "4月20日，黄利斌在发布会上介绍情况。",
        "新华社记者 李明 摄",
        "他说，下一步，工业和信息化部将以“十四五”规划为引领，继续做好“六稳”工作、落实“六保”任务，推进制造强国建设。",
    ]
    assert page.meta() == {
        "title": TITLE,
        "date": "2021-04-20",
        "source": "国务院新闻办公室网站",
        "url": "http://www.gov.cn/xinwen/2021-04/20/content_5600000.htm",
    }


def test_the_traditional_mirror_is_read_from_big5_with_the_same_structure() -> None:
    [source] = iter_sources([MIRROR])
    assert isinstance(source, Source)
    assert source.meta == {
        "path": str(MIRROR),
        "encoding": "cp950",
        "title": "國新辦舉行2021年一季度工業和信息化發展情況新聞發佈會",
        "date": "2021-04-20",
        "source": "國務院新聞辦公室網站",
        "url": "http://big5.www.gov.cn/gate/big5/www.gov.cn/xinwen/2021-04/20/content_5600000.htm",
    }
    lines = source.text.split("\n")
    assert len(lines) == 4 and lines[2] == "黃利斌表示，一季度，全國規模以上工業增加值同比增長24.5%，兩年平均增長6.8%。"
    assert not any(word in source.text for word in FURNITURE)


@pytest.mark.parametrize("path", [GOVCN, MIRROR])
def test_no_furniture_script_or_navigation_reaches_the_text(path: Path) -> None:
    [source] = iter_sources([path])
    assert isinstance(source, Source)
    assert not any(word in source.text for word in FURNITURE)
    assert "shareTitle" not in source.text and "document.write" not in source.text


def test_the_page_metadata_reaches_the_graph() -> None:
    [source] = iter_sources([GOVCN])
    assert isinstance(source, Source)
    graph = build_graph([extract(source.text, source.doc_id, source.meta)])
    [row] = select(
        graph,
        "SELECT ?title ?date ?url WHERE { ?doc a schema:Article ; dcterms:title ?title ;"
        " schema:datePublished ?date ; dcterms:source ?url }",
    )
    assert row == {"title": TITLE, "date": date(2021, 4, 20), "url": source.meta["url"]}


def test_furniture_inside_the_article_is_removed_and_its_text_kept() -> None:
    page = parse_page(
        "<html><body><div id='UCAP-CONTENT'><p>【字號：大 中 小】<span>打印</span></p>"
        "<p>國務院新聞辦公室舉行發佈會。<a href='#'>分享到：微信 微博</a></p>"
        "<div>【我要糾錯】 責任編輯：王小明</div><p>掃一掃在手機打開當前頁</p>"
        "<p>打印機產量增長12.5%。</p></div></body></html>"
    )
    assert page.text == "國務院新聞辦公室舉行發佈會。\n打印機產量增長12.5%。"


def test_other_sites_fall_back_on_the_article_element_then_the_body() -> None:
    article = parse_page(
        "<html><head><title>工信部答记者问_新闻_某某网</title></head><body><nav>首页 新闻</nav>"
        "<article><p>工业和信息化部新闻发言人答记者问。</p></article><footer>版权所有</footer></body></html>"
    )
    assert article == Page("工信部答记者问\n工业和信息化部新闻发言人答记者问。", title="工信部答记者问")
    body = parse_page("<p>第一段。</p>第二段<br>第三段<script>var x = '第四段';</script>")
    assert body == Page("第一段。\n第二段\n第三段")


def test_whitespace_is_collapsed_as_a_browser_renders_it() -> None:
    page = parse_page(
        "<div id='UCAP-CONTENT'><p>\u3000\u3000工业和\n   信息化部 发布\t数据，\n  "
        "Ministry of\n  Industry and\u00a0IT.</p></div>"
    )
    assert (
        page.text == "工业和信息化部 发布 数据， Ministry of Industry and\u00a0IT."
    )  # a break before Latin is a space


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="firstpublishedtime" content="2021-04-20-10:00:00">', "2021-04-20"),
        ('<meta name="PubDate" content="2021/4/9 10:00">', "2021-04-09"),
        ('<meta property="article:published_time" content="2024-03-05T09:00:00+08:00">', "2024-03-05"),
        ("", None),
    ],
)
def test_dates_are_read_from_meta_tags_as_iso_dates(head: str, expected: str | None) -> None:
    page = parse_page(f"<html><head>{head}</head><body><p>正文。</p></body></html>")
    assert page.date == expected


def test_the_date_line_is_read_when_there_is_no_meta_date_and_impossible_dates_are_skipped() -> None:
    page = parse_page(
        "<div class='pages-date'>2021-13-45 更新 2021年4月20日 10:00 來源：新華社</div>"
        "<div id='UCAP-CONTENT'>正文。</div>"
    )
    assert (page.date, page.source) == ("2021-04-20", "新華社")


def test_an_xhtml_page_with_an_xml_declaration_parses() -> None:
    page = parse_page('<?xml version="1.0" encoding="gb2312"?><html><body><h1>标题</h1><p>正文。</p></body></html>')
    assert page == Page("标题\n正文。", title="标题")


def test_the_declared_charset_is_found_and_wins_for_a_short_page(tmp_path: Path) -> None:
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>朱镕基</body>'
    data = html.encode("gb18030")
    assert declared_charset(data) == "gb2312"
    assert declared_charset(b"<meta charset='utf-8'>") == "utf-8"
    assert declared_charset(b"<p>no declaration</p>") is None
    (tmp_path / "short.html").write_bytes(data)
    [source] = iter_sources([tmp_path / "short.html"])
    assert isinstance(source, Source)
    assert (source.text, source.meta["encoding"]) == ("朱镕基", "gb18030")  # 镕 is GBK, not GB2312


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("", "the page is empty"),
        ("<!-- nothing -->", "the page is empty"),
        ("<html><body><div class='pages_print'>打印</div><p>【我要纠错】</p></body></html>", "no article text"),
        ("<html><head><title>只有标题</title></head><body><script>x()</script></body></html>", "no article text"),
    ],
)
def test_a_page_without_article_text_is_a_problem(html: str, problem: str) -> None:
    with pytest.raises(PageProblem, match=problem):
        parse_page(html)


_MARKUP = st.sampled_from(
    [
        *("<p>", "</p>", "<div id='UCAP-CONTENT'>", "</div>", "<br>", "<h1>", "</h1>", "<script>", "</script>"),
        *("&nbsp;", "&amp;", "&#0;", "&#x1b;", "<!--", "-->", "<?xml ?>", "打印", "工业和信息化部", "\n", "\u3000"),
        *("<", ">", "'", '"', "\x0c", "\x00", "\x08"),
    ]
)


@given(st.lists(st.one_of(_MARKUP, st.text(max_size=5)), max_size=25).map("".join))
def test_any_text_gives_a_page_of_non_blank_lines_or_a_page_problem(html: str) -> None:
    try:
        page = parse_page(html)
    except PageProblem:
        return
    lines = page.text.split("\n")
    assert lines and all(line and line == line.strip() for line in lines)
