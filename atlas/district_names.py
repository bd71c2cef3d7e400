"""The district names the town search recognises, from ``data/districts.yaml`` (every language). No Streamlit."""

from __future__ import annotations

from atlas.districts import districts
from atlas.i18n import LANGS
from geo.find import district_key


def district_search_names() -> dict[str, str]:
    """:func:`geo.find.district_key` of each district's names (ja, en, zh and the city's own) -> slug.

    >>> district_search_names()["麻布"], district_search_names()["shibaurakonan"]
    ('azabu', 'shibaura-konan')
    """
    out: dict[str, str] = {}
    for d in districts():
        for name in (d.source_name, *(d.name(lang) for lang in LANGS)):
            out.setdefault(district_key(name), d.id)
    return out
