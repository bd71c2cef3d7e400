"""Escaping of data text before it reaches st.markdown (which renders Markdown and some HTML)."""

import re

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!$])")
_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown/HTML metacharacters so data shows as plain text.

    >>> md_escape("<b>*x*</b>")
    '\\\\<b\\\\>\\\\*x\\\\*\\\\</b\\\\>'
    """
    return _SPECIAL.sub(r"\\\1", text)


def md_with_links(text: str) -> str:
    """Escaped text whose ASCII URLs become explicit links (Markdown would otherwise autolink them
    together with any full-width text that follows, e.g. ``https://www.e-stat.go.jp/）令和2年``).

    >>> md_with_links("出典（https://www.e-stat.go.jp/）令和2年")
    '出典（[https://www.e-stat.go.jp/](https://www.e-stat.go.jp/)）令和2年'
    """
    parts, last = [], 0
    for match in _URL.finditer(text):
        parts.append(md_escape(text[last:match.start()]))
        url = match.group(0)
        parts.append(f"[{url}]({url})")
        last = match.end()
    parts.append(md_escape(text[last:]))
    return "".join(parts)
