"""The dashboard's public address (setting ``MINATO_PUBLIC_URL``) and the link a QR code on a slide or handout opens.

No Streamlit. Without the setting, or with a value that is not an http(s) address, there is no link and the reason
says which (``missing`` or ``invalid``), so the presenter can be told why the QR code is left out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

SETTING = "MINATO_PUBLIC_URL"
UNSAFE = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")


@dataclass(frozen=True)
class PublicAddress:
    """``base`` (no trailing slash) when the setting holds a usable address; else ``problem`` and the raw ``value``."""

    base: str | None
    problem: str | None = None  # "missing" or "invalid"
    value: str = ""


def public_address(environ: Mapping[str, str] | None = None) -> PublicAddress:
    """The setting read from ``environ`` (default: the process environment), checked.

    >>> public_address({"MINATO_PUBLIC_URL": "https://dash.example.jp/minato/"}).base
    'https://dash.example.jp/minato'
    >>> public_address({}).problem, public_address({"MINATO_PUBLIC_URL": "dash.example.jp"}).problem
    ('missing', 'invalid')
    """
    value = (os.environ if environ is None else environ).get(SETTING, "").strip()
    if not value:
        return PublicAddress(None, "missing")
    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment
            or UNSAFE.search(value)):
        return PublicAddress(None, "invalid", value[:80])
    return PublicAddress(value.rstrip("/"))


def district_link(base: str, district: str | None, lang: str) -> str:
    """The dashboard's map page at ``district`` (None: the whole ward) in ``lang``, under ``base``.

    >>> district_link("https://dash.example.jp", "azabu", "en")
    'https://dash.example.jp/?district=azabu&lang=en'
    """
    params = {"district": district, "lang": lang} if district else {"lang": lang}
    return f"{base}/?{urlencode(params)}"
