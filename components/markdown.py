"""Escaping of data text before it reaches st.markdown (which renders Markdown and some HTML)."""

import re

_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~!$])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown/HTML metacharacters so data shows as plain text.

    >>> md_escape("<b>*x*</b>")
    '\\\\<b\\\\>\\\\*x\\\\*\\\\</b\\\\>'
    """
    return _SPECIAL.sub(r"\\\1", text)
