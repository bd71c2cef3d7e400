"""URL state: read ``?district=`` and ``?lang=`` and fall back with a notice on unknown values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from atlas.districts import districts
from atlas.i18n import DEFAULT_LANG, LANGS


@dataclass(frozen=True)
class ViewState:
    """What the URL asks for, after validation. ``notices`` are (i18n key, offending value)."""

    district: str | None
    lang: str
    notices: tuple[tuple[str, str], ...] = field(default=())


def read_view(params: Mapping[str, str]) -> ViewState:
    """Validate query parameters; unknown values fall back to the defaults with a notice.

    >>> read_view({"district": "azabu", "lang": "zh"})
    ViewState(district='azabu', lang='zh', notices=())
    >>> read_view({"district": "nowhere"}).notices
    (('unknown_district', 'nowhere'),)
    """
    notices = []
    lang = str(params.get("lang") or DEFAULT_LANG).strip().lower()
    if lang not in LANGS:
        notices.append(("unknown_lang", str(params.get("lang"))[:40]))
        lang = DEFAULT_LANG
    district = params.get("district") or None
    if district is not None:
        slug = str(district).strip().lower()
        if slug in {d.id for d in districts()}:
            district = slug
        else:
            notices.append(("unknown_district", str(district)[:40]))
            district = None
    return ViewState(district, lang, tuple(notices))
