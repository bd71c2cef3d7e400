"""The handout's office block: the branch office (or city office) with its address, phone numbers, hours and web page
(:mod:`atlas.office_reach`: dated, cited, or "not found in the sources we checked"); and the header's QR code that
opens the dashboard at this district and language (``public_base``: the setting ``MINATO_PUBLIC_URL``), its address
beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from html import escape

from atlas.i18n import t
from atlas.office_reach import reach_lines
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.offices import branch_office, office_label
from atlas.public_url import district_link
from atlas.qr import qr_svg

Cite = Callable[[Iterable[tuple[str, dt.date | None]]], str]  # refs -> "[3][4]"

CSS = """
.reach { font-size: 0.9em; margin: 0 0 0.8mm; }
td.qr { width: 62mm; text-align: right; vertical-align: top; }
td.qr svg { width: 21mm; height: 21mm; float: right; margin-left: 2mm; }
td.qr p { margin: 0 0 0.6mm; }
td.qr .url { font-size: 0.78em; word-break: break-all; }
"""


def office_block(district: str | None, lang: str, cite: Cite) -> tuple[str, str]:
    """(HTML of the block, the office's name or "") — every text escaped, every item's source numbered."""
    office = branch_office(district)
    colon = ": " if lang == "en" else "："
    html = ""
    name = ""
    if office is not None:
        heading = t("branch_office_heading", lang) if district else t("ward_office_heading", lang)
        name = office_label(office, lang)
        ja_address = escape(office.address_ja)
        if lang != "ja":
            ja_address = f'<span lang="ja">{ja_address}</span>'
        address_ref = cite([(OFFICE_SOURCE, None)])  # numbered before the contacts' sources, as read
        reach = "".join(f'<p class="reach">{escape(line.text)} <span class="tiny">{cite(line.refs)}</span></p>'
                        if line.refs else f'<p class="reach">{escape(line.text)}</p>'
                        for line in reach_lines(office, lang))
        html = (f'<h2>{escape(heading)}</h2><p><b>{escape(name)}</b><br>{escape(t("address", lang))}{colon}'
                f'{ja_address} <span class="tiny">{address_ref}</span></p>{reach}')
    return html, name


def qr_cell(district: str | None, lang: str, public_base: str | None) -> str:
    """The QR code with what it is for and its address under it, for the header's right side; "" without address."""
    if not public_base:
        return ""
    url = district_link(public_base, district, lang)
    svg = qr_svg(url, t("qr_label", lang, url=url), css_class="qr-code")
    return (f'<td class="qr">{svg}<p class="tiny">{escape(t("qr_caption", lang))}</p>'
            f'<p class="url">{escape(url)}</p></td>')
