"""Escaping of data and user text before it reaches st.markdown (which renders Markdown and some HTML).

Backslashes stop Markdown syntax (``![x](…)``, ``**``, ``$…$``, ``:red[…]``), but not what Streamlit's Markdown
turns into elements from plain text: bare addresses and e-mail addresses become links and ``:material/…:`` an icon
whatever their escapes. An invisible WORD JOINER (U+2060) placed inside those triggers keeps them as text.
"""

import html
import re
import unicodedata
from collections.abc import Callable
from urllib.parse import urlsplit

import pandas as pd

from atlas.i18n import t
from atlas.sources import sources

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!$&])")
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")
_LINE_START = re.compile(r"(?m)^(\s*(?:\d+)?)([-+=.)])")
JOINER = "\u2060"
_AUTOLINK = re.compile(r"(:)(?=\S)|(?i:(www)(?=\.))|(?=@)")
ECHO_CHARS = 40


def _line_start(match: re.Match[str]) -> str:
    """A list, heading or rule marker at the start of a line, escaped (``1.`` -> ``1\\.``, ``-`` -> ``\\-``)."""
    lead, mark = match.group(1), match.group(2)
    if mark in ".)" and not lead.strip():
        return match.group(0)  # a bare "." or ")" starts nothing
    if mark not in ".)" and lead.strip():
        return match.group(0)  # "12-3" is text
    return f"{lead}\\{mark}"


def md_escape(text: str) -> str:
    """Backslash-escape Markdown/HTML metacharacters and break autolinks so data shows as plain text.

    >>> md_escape("<b>*x*</b>")
    '\\\\<b\\\\>\\\\*x\\\\*\\\\</b\\\\>'
    >>> md_escape("https://a.b") == "https:" + JOINER + "//a.b"
    True
    """
    escaped = _LINE_START.sub(_line_start, _SPECIAL.sub(r"\\\1", text))
    return _AUTOLINK.sub(lambda m: (m.group(1) or m.group(2) or "") + JOINER, escaped)


def md_table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for ``st.table``, which renders Markdown in every cell, column header and index label: each text
    escaped with :func:`md_escape`, so a name from data shows as written (no link, no colour)."""
    out = frame.map(lambda v: md_escape(v) if isinstance(v, str) else v)
    out.columns = [md_escape(str(c)) for c in frame.columns]
    out.index = [md_escape(v) if isinstance(v, str) else v for v in frame.index]
    out.index.name = md_escape(frame.index.name) if isinstance(frame.index.name, str) else frame.index.name
    return out


def md_echo(value: object, limit: int = ECHO_CHARS) -> str:
    """A user's value (URL parameter, file name, cell) for a one-line message: :func:`plain_echo` (one line,
    invisible format characters dropped, control characters shown), cut to ``limit`` characters, then escaped.

    >>> md_echo("![x](https://e.org/p.png)\\n# h").startswith("\\\\!\\\\[x\\\\](https:")
    True
    """
    return md_escape(plain_echo(value, limit))


def _visible(char: str) -> str:
    """A control character as its visible picture (NUL -> ␀, DEL -> ␡); a C1 control as U+FFFD."""
    code = ord(char)
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def plain_echo(value: object, limit: int = ECHO_CHARS) -> str:
    r""":func:`md_echo` before escaping: one line, cut to ``limit`` characters (for :func:`tm`'s values).

    Whitespace runs become one space; format characters (bidirectional controls such as a right-to-left override,
    zero-width spaces and joiners, BOM) are dropped, so the value cannot reorder or hide the app's own sentence
    around it; other control characters are shown as such (issue 22).

    >>> plain_echo("azabu\x00"), plain_echo("\u202eubaza\u200b\u2066x"), plain_echo("a\t\n b")
    ('azabu␀', 'ubazax', 'a b')
    """
    text = "".join(c for c in str(value) if unicodedata.category(c) != "Cf")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", lambda m: _visible(m.group(0)), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def md_with_links(text: str, hosts: frozenset[str] | None = None) -> str:
    """Escaped text whose ASCII URLs on ``hosts`` become explicit links; other URLs stay text.

    Markdown would otherwise autolink URLs together with any full-width text that follows (e.g.
    ``https://www.e-stat.go.jp/）令和2年``). ``hosts`` defaults to the hosts of the source records' own URLs, so a
    credit line in data/ cannot link anywhere else.

    >>> md_with_links("出典（https://www.e-stat.go.jp/）令和2年", frozenset({"www.e-stat.go.jp"}))
    '出典（[https://www.e-stat.go.jp/](https://www.e-stat.go.jp/)）令和2年'
    """
    allowed = source_hosts() if hosts is None else hosts
    parts, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(0)
        if urlsplit(url).hostname not in allowed:
            continue
        parts.append(md_escape(text[last:match.start()]))
        parts.append(f"[{url}]({url})")
        last = match.end()
    parts.append(md_escape(text[last:]))
    return "".join(parts)


def source_hosts() -> frozenset[str]:
    """Host names of the source records' URLs (data/sources.yaml)."""
    return frozenset(urlsplit(src.url).hostname or "" for src in sources().values())


def tm(key: str, lang: str, **values: object) -> str:
    """A UI string for Markdown (st.markdown, captions, alerts, labels): formatted, then escaped as a whole.

    Pass raw values, not escaped ones: the whole result is escaped once.
    """
    return md_escape(t(key, lang, **values))


def md_url(url: str) -> str:
    """A URL for the target of a Markdown link: spaces and parentheses percent-encoded."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


_MD_IN_HTML = {c: f"&#{ord(c)};" for c in "\\`*_[]{}()#+-.!|~$:@"}


def html_text(text: str) -> str:
    """Text for a raw-HTML block inside st.markdown: HTML-escaped, Markdown characters as numeric entities and
    every whitespace run one space, so neither a blank line (which ends an HTML block) nor Markdown syntax nor a
    bare address can turn it into an element.

    >>> html_text("a\\n \\n![x](https://e.org) <b'>")
    'a &#33;&#91;x&#93;&#40;https&#58;//e&#46;org&#41; &lt;b&#x27;&gt;'
    """
    plain = re.sub(r"\s+", " ", text).strip()
    return "".join(_MD_IN_HTML.get(c) or html.escape(c, quote=True) for c in plain)


def in_lang(text: str, text_lang: str, view: str, escape: Callable[[str], str] = md_escape) -> str:
    """``text`` escaped (``escape``: :func:`md_escape` for st.markdown, :func:`html_text` or ``html.escape`` for raw
    HTML), inside ``<span lang="…">`` when its language is not the view's, so a screen reader reads a Japanese name
    or address in Japanese. Only for text whose language the data states (fields ``*_ja``, credit lines, English
    address forms): ja and zh share Han characters, so the language is never guessed from the characters.

    The span is raw HTML: st.markdown needs ``unsafe_allow_html=True`` to keep it.

    >>> in_lang("港区六本木五丁目16番45号", "ja", "en")
    '<span lang="ja">港区六本木五丁目16番45号</span>'
    >>> in_lang("芝公園", "ja", "ja")
    '芝公園'
    """
    shown = escape(text)
    return shown if text_lang == view or not text else f'<span lang="{text_lang}">{shown}</span>'


_CJK_RUN = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f]"
                      r"(?:[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f0-9 ]*"
                      r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff9f0-9])?")


def ja_runs(escaped: str, view: str) -> str:
    """In the en view, every run of Japanese script in already escaped text inside ``<span lang="ja">`` (e.g. the
    総務省統計局 in 'Statistics Bureau of Japan (総務省統計局)'); unchanged in ja and zh, where Han characters do not
    tell Japanese from Chinese. Our English texts carry no Chinese, so Japanese is the only language CJK script can
    be in an en view. Needs ``unsafe_allow_html=True`` in st.markdown / st.caption.

    >>> ja_runs("Minato City (as posted on mykoho.jp, マイ広報紙)", "en")
    'Minato City (as posted on mykoho.jp, <span lang="ja">マイ広報紙</span>)'
    >>> ja_runs("港区（港区开放数据）", "zh")
    '港区（港区开放数据）'
    """
    if view != "en":
        return escaped
    return _CJK_RUN.sub(lambda m: f'<span lang="ja">{m.group(0)}</span>', escaped)


_TAG = re.compile(r"(?<!\\)<[A-Za-z]")


def needs_html(text: str) -> bool:
    """Whether escaped Markdown ``text`` holds an HTML element of ours (a ``lang`` span): the value for
    ``unsafe_allow_html``. Streamlit fetches its raw-HTML plugin (54 KB) for any block that allows HTML, so a text
    without one (every text of the ja view) does not ask for it (issue 21). Escaped text (``\\<``) never counts.

    >>> needs_html(ja_runs("Tokyo (東京)", "en")), needs_html(ja_runs("東京", "ja")), needs_html(md_escape("<b>"))
    (True, False, False)
    """
    return bool(_TAG.search(text))


def tm_in_lang(key: str, view: str, langs: dict[str, str], **values: object) -> str:
    """:func:`tm` whose values named in ``langs`` sit in ``<span lang="…">`` when their language is not the view's
    (:func:`in_lang`), e.g. a chome's Japanese name in a zh sentence. Needs ``unsafe_allow_html=True``.

    >>> tm_in_lang("clicked_chome", "zh", {"chome": "ja"}, chome="六本木六丁目", district="麻布").count('lang="ja"')
    1
    """
    holders = {name: f"\ue000{i}\ue001" for i, name in enumerate(langs)}  # private-use marks md_escape keeps
    text = md_escape(t(key, view, **{**values, **holders}))
    for name, holder in holders.items():
        text = text.replace(holder, in_lang(str(values[name]), langs[name], view))
    return text
