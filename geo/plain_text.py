"""Texts from data files are plain text: normalised and checked on load. No Streamlit.

A data or UI text reaches titles, headings, tables, charts and PDFs, each of which treats it as text. So at
start-up every text is normalised (a tab or a run of spaces becomes one space: the browser would collapse it anyway,
and a title that reads back different from what was set once hung every page) and refused when it holds a
control character (bidi overrides and zero-width characters included) or markup (an HTML tag, comment or entity).
"""

from __future__ import annotations

import re

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+\s*=[^<>]*)?\s*/?>"  # a tag; "<the page's address>" is none
                    r"|<!--|&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);")  # a comment, an entity
SPACES = re.compile(r"[ \t]*\t[ \t]*| {2,}")
EXCERPT = 80  # characters of a text quoted in a message


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def plain_text(text: str) -> str:
    """``text`` with runs of spaces and tabs collapsed; ValueError naming a control character or markup.

    >>> plain_text("Minato  district\\tdashboard")
    'Minato district dashboard'
    """
    bad = CONTROL.search(text)
    if bad:
        raise ValueError(f"holds the control character U+{ord(bad.group()):04X} at position {bad.start() + 1}; "
                         "remove it")
    tag = MARKUP.search(text)
    if tag:
        raise ValueError(f"holds markup {excerpt(tag.group(), 40)}; write plain text (the app escapes what it shows)")
    return SPACES.sub(" ", text)
