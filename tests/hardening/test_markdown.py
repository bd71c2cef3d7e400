"""md_escape / md_echo: every hostile payload comes out as text (no image, link, icon, formula or list)."""

from __future__ import annotations

import pytest
from hardening_cases import URL_PAYLOADS, injected

from components.markdown import JOINER, md_echo, md_escape

MORE = ("a@b.example.org", "mailto:x@example.org", "WWW.EXAMPLE.ORG", "1. one\n2. two", "- a\n+ b", "> quote",
        "`code`", "~~gone~~", "| a | b |\n|---|---|", "[^1]", "&lt;b&gt;", ":smile:", "\\![x](y)")


@pytest.mark.parametrize("payload", URL_PAYLOADS + MORE)
def test_escaped_payload_creates_nothing(payload: str) -> None:
    assert injected(md_escape(payload)) == []
    assert injected(md_echo(payload)) == []


def test_escapes_keep_the_text_readable() -> None:
    assert md_escape("Roppongi 6-chome, 12:00") == f"Roppongi 6-chome, 12:{JOINER}00"
    assert md_escape("1. one") == "1\\. one" and md_escape("- a") == "\\- a" and md_escape("12-3") == "12-3"
    assert md_escape("a & b") == "a \\& b"


def test_echo_is_one_short_line() -> None:
    echoed = md_echo("a\n\n# b\t" + "x" * 100)
    assert "\n" not in echoed and echoed.endswith("…") and echoed.startswith("a \\# b x")
    assert md_echo("\x00\x07ok") == "\u2400\u2407ok"  # control characters shown as such (issue 22): ␀␇ok
