"""The QR code that lets the hall open the dashboard at this district and language on their phones, with its
address written under it; without a usable ``MINATO_PUBLIC_URL`` the presenter is told why there is none."""

from __future__ import annotations

import streamlit as st

from atlas.i18n import t
from atlas.public_url import district_link, public_address
from atlas.qr import qr_svg
from components.inline_svg import svg_block
from components.markdown import html_text, plain_echo, tm


def qr_problem(lang: str) -> str | None:
    """Why there is no QR code (Markdown-escaped, in ``lang``), or None when the setting gives an address."""
    address = public_address()
    if address.base is not None:
        return None
    if address.problem == "invalid":
        return tm("qr_invalid", lang, value=plain_echo(address.value))
    return tm("qr_missing", lang)


def qr_block(district: str | None, lang: str) -> None:
    """The QR code and its address (inline SVG: components/inline_svg.py), or the reason it is left out."""
    address = public_address()
    if address.base is None:
        with st.container(key="slide_qr_missing"):
            st.caption(qr_problem(lang))
        return
    url = district_link(address.base, district, lang)
    svg = qr_svg(url, t("qr_label", lang, url=url), css_class="qr-code")
    with st.container(key="slide_qr"):
        url_html = "?<wbr>".join(html_text(part) for part in url.split("?", 1))  # breaks before the parameters
        caption = f'<p class="qr-caption">{html_text(t("qr_caption", lang))}</p>'
        svg_block(svg, "qr-box", url, before='<div class="slide-qr">',
                  after=f'{caption}<p class="qr-url">{url_html}</p></div>')
