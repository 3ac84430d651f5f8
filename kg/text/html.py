"""Press releases saved as web pages: the article, its title, date, source and address.

Modelled on the article pages of www.gov.cn and of its Traditional mirror
(big5.www.gov.cn), in both of their templates: the title in
``.article h1`` or ``h1#ti``, a ``.pages-date`` line holding the date and
``来源：`` (the outlet credited), the body in ``#UCAP-CONTENT``
(``.pages_content``, or ``.trs_editor_view`` inside it), and page furniture
around it: font-size switches (字號：大 中 小), 打印, 分享到, 掃一掃在手機打開當前頁,
【我要糾錯】, 責任編輯.  Pages of other sites fall back on ``<article>`` and
then the whole ``<body>``, without scripts, navigation and forms.

The page is parsed with lxml's HTML parser, which repairs what browsers
repair.  The document's text is the title on the first line, then one line
per paragraph (block element or ``<br>``); whitespace is collapsed as a
browser renders it, and a line break between two Chinese characters
disappears, as CSS Text 3 prescribes for East Asian text.  The title, date
(ISO 8601), source and URL go into the document's metadata.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

from kg import regexes
from kg.errors import KgError
from kg.text.script import to_simplified
from kg.text.source import InputError, Source, decoded
from kg.text.taken import Taken

_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
#: Where the article body is, most specific first (gov.cn templates, then any site).
_BODY = [CSSSelector(css) for css in ("#UCAP-CONTENT", ".pages_content", ".TRS_Editor", "article", "body")]
_TITLE = [CSSSelector(css) for css in ("h1#ti", ".article h1", "h1")]
_DATE_LINE = CSSSelector(".pages-date, .pages_date, .date, .time")
_META = CSSSelector("meta[name][content], meta[property][content]")
_CANONICAL = CSSSelector("link[rel=canonical][href]")
#: Elements that are never article text, wherever they are.
_NEVER_TEXT = CSSSelector(
    "script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, "
    "input, textarea, nav, header, footer, .pages_print, .share, .bdsharebuttonbox"
)
#: ``<meta>`` names that give a page's date, title, source and address (lower-cased), best first.
_META_DATE = ("firstpublishedtime", "pubdate", "publishdate", "article:published_time")
_META_TITLE = ("articletitle", "og:title")
_META_SOURCE = ("contentsource", "source")
_META_URL = ("og:url", "url")
#: Elements after which a line ends.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt", "figcaption", "figure"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "ul"}
    | {"table", "tbody", "td", "tfoot", "th", "thead", "tr"}
)
#: Page furniture, matched whole against a line or an element's text in Simplified script.
_FURNITURE_ITEM = (
    r"【?字[号体][:：]?(?:\s*[大中小])*\s*】?"
    r"|【?(?:打印(?:本页)?|关闭(?:窗口)?|我要纠错|收藏(?:本页)?|返回顶部)】?"
    r"|扫一扫在手机打开当前页"
    r"|分享到[:：]?(?:\s*(?:微信|朋友圈|微博|新浪微博|QQ空间|QQ))*"
    r"|责任编辑\s*[:：]\s*[^\s【】]{0,12}"
)
_FURNITURE = regexes.compile(rf"(?:(?:{_FURNITURE_ITEM})\s*)+")
_FURNITURE_LENGTH = 200
_SOURCE = regexes.compile(r"[来來]\s*源\s*[:：]\s*([^\s|｜【】]+)")
_DATE = regexes.compile(r"((?:19|20)\d\d)\s*[-年/.]\s*(\d\d?)\s*[-月/.]\s*(\d\d?)")
_SAVED_FROM = regexes.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->")
_DECLARED = regexes.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACE = regexes.compile(r"[ \t\n\r\f]+")
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_BREAK_BETWEEN_WIDE = regexes.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")


class PageProblem(KgError, ValueError):
    """A page without article text; ``str()`` says so in one line."""


@dataclass(frozen=True)
class Page:
    """What a press-release page holds: its text (title first) and what is known about it."""

    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None

    def meta(self) -> dict[str, str]:
        """The fields that are known, under the ``Doc.meta`` keys the graph reads."""
        fields = {"title": self.title, "date": self.date, "source": self.source, "url": self.url}
        return {key: value for key, value in fields.items() if value}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 1024 bytes (``<meta charset>`` or ``http-equiv``), if any."""
    match = _DECLARED.search(data[:1024])
    return match.group(1).decode("ascii") if match else None


def parse_page(html: str) -> Page:
    """The article of an HTML page and its metadata; raises :class:`PageProblem` if it has no text."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        raise PageProblem("the page is empty") from None
    metas = {
        (element.get("name") or element.get("property") or "").strip().lower(): element.get("content", "").strip()
        for element in _META(root)
    }
    if metas.get("generator", "").startswith("kg "):  # a glossary page a build or kg glossary wrote
        raise PageProblem(f"a page kg wrote ({metas['generator']}), not a document")
    title = _first_text(root, _TITLE) or _meta(metas, _META_TITLE) or _title_element(root)
    header = " ".join(_normalize(element.text_content()) for element in _DATE_LINE(root))
    url = _canonical(root) or _meta(metas, _META_URL) or _saved_from(html)
    source = _SOURCE.search(header)
    lines = _body_lines(root)
    if not lines:
        raise PageProblem("no article text found in the page")
    if title and lines[0] != title:
        lines.insert(0, title)
    return Page(
        "\n".join(lines),
        title=title,
        date=_iso_date(_meta(metas, _META_DATE)) or _iso_date(header),
        source=source.group(1) if source else _meta(metas, _META_SOURCE),
        url=url,
    )


def _body_lines(root: lxml.html.HtmlElement) -> list[str]:
    """The non-furniture lines of the first body candidate that has any."""
    never = set(_NEVER_TEXT(root))
    for selector in _BODY:
        for body in selector(root):
            lines = [line for line in _lines(body, never) if not _is_furniture(line)]
            if lines:
                return lines
    return []


def _lines(element: lxml.html.HtmlElement, never: set[lxml.html.HtmlElement]) -> list[str]:
    """The text of ``element`` as rendered, one line per block, without the elements in ``never`` or furniture.

    The tree is read, never changed: lxml refuses to move text holding
    control characters (``&#x1b;``), which dropping an element would do.
    """
    blocks: list[list[str]] = [[]]
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, node in walker:
        if isinstance(node.tag, str) and node.tag.lower() in _BLOCKS:
            blocks.append([])
        if event == "start":
            if node in never or _is_furniture(_normalize(node.text_content())):
                walker.skip_subtree()
            else:
                blocks[-1].append(node.text or "")
        elif node is not element:
            blocks[-1].append(node.tail or "")
    return [line for line in (_normalize("".join(block)) for block in blocks) if line]


def _is_furniture(text: str) -> bool:
    """Whether ``text`` is only furniture; longer texts never are, and are not converted to find out."""
    return 0 < len(text) <= _FURNITURE_LENGTH and _FURNITURE.fullmatch(to_simplified(text)) is not None


def _normalize(text: str) -> str:
    """``text`` as a browser shows it on one line: breaks between Chinese characters dropped, spaces collapsed."""
    return _SPACE.sub(" ", _BREAK_BETWEEN_WIDE.sub("", text)).strip()


def _first_text(root: lxml.html.HtmlElement, selectors: list[CSSSelector]) -> str | None:
    for selector in selectors:
        for element in selector(root):
            text = _normalize(element.text_content())
            if text:
                return text
    return None


def _meta(metas: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((metas[name] for name in names if metas.get(name)), None)


def _title_element(root: lxml.html.HtmlElement) -> str | None:
    """The ``<title>``, without the ``_column_中国政府网`` trail gov.cn appends."""
    element = root.find(".//title")
    text = _normalize(element.text_content()) if element is not None else ""
    return text.split("_")[0].strip() or None


def _canonical(root: lxml.html.HtmlElement) -> str | None:
    return next((link.get("href").strip() for link in _CANONICAL(root) if link.get("href").strip()), None)


def _saved_from(html: str) -> str | None:
    """The address a browser recorded when it saved the page (``<!-- saved from url=(0063)… -->``)."""
    match = _SAVED_FROM.search(html[:4096])
    return match.group(1) if match else None


def _iso_date(text: str | None) -> str | None:
    """The first real calendar date in ``text`` (2021-04-20, 2021年4月20日, 2021-04-20-10:00:00) as ISO 8601."""
    for match in _DATE.finditer(text or ""):
        try:
            return date(*(int(part) for part in match.groups())).isoformat()
        except ValueError:
            continue
    return None


def read_page(
    path: Path, data: bytes, doc_id: str, encoding: str | None, taken: Taken
) -> Iterator[Source | InputError]:
    """The article of an HTML page as one document, with its title, date, source and URL as metadata."""
    text = decoded(data, path, encoding, declared_charset(data))
    try:
        page = parse_page(text.text)
    except PageProblem as problem:
        raise InputError(path, str(problem)) from None
    yield Source(doc_id, page.text, {"path": str(path), "encoding": text.encoding, **page.meta()})
