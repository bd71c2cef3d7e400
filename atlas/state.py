"""URL state: read ``?district=``, ``?lang=``, ``?slide=``, ``?indicator=`` and the compare page's view parameters
(:mod:`atlas.view_link`); fall back with a notice. No Streamlit.

A parameter may come more than once (``?district=nowhere&district=azabu``): the first valid value wins and every
other value is dropped with a notice. ``slide`` and ``indicator`` are checked for their form only (ASCII digits; a
snake_case id or ``upload:<id>``); their pages check the range and the registry. Notice values are the raw text,
cut to :data:`NOTICE_CHARS`; the UI must escape and shorten them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from atlas.districts import districts
from atlas.i18n import DEFAULT_LANG, LANGS
from atlas.view_link import CHART_FORM, EXPLORE_FORM, LAYERS_FORM, LEVEL_FORM, ORDER_FORM

NOTICE_CHARS = 200  # kept in the session; the UI shows at most 40 (components.markdown.md_echo)
SLIDE = re.compile(r"^[0-9]{1,3}$")  # ASCII digits only: "²" and "③" pass str.isdigit() but not int()
INDICATOR = re.compile(r"^(?=.{1,60}$)(upload:)?[a-z0-9]+(_[a-z0-9]+)*(-[0-9]+)?$")
PAGE_PARAMS = {"slide": (SLIDE, "slide_out_of_range"), "indicator": (INDICATOR, "unknown_indicator"),
               # the compare page's view (atlas/view_link.py): map level and layers, the scatter's two indicators and
               # which chart to embed (``embed`` itself is reserved by Streamlit: components/compare_embed.py)
               "level": (LEVEL_FORM, "unknown_level"), "layers": (LAYERS_FORM, "unknown_layers"),
               "x": (INDICATOR, "unknown_indicator"), "y": (INDICATOR, "unknown_indicator"),
               "chart": (CHART_FORM, "unknown_chart"),
               # issue 21: the interactive charts open or not, the side-by-side table's order
               "explore": (EXPLORE_FORM, "unknown_explore"), "sort": (INDICATOR, "unknown_sort"),
               "order": (ORDER_FORM, "unknown_order")}
REPEATED = "param_repeated"


@dataclass(frozen=True)
class ViewState:
    """What the URL asks for, after validation. ``notices`` are (i18n key, offending value); ``page`` holds the
    one kept value of each page parameter (``slide``, ``indicator``) that had a valid one."""

    district: str | None
    lang: str
    notices: tuple[tuple[str, str], ...] = field(default=())
    page: dict[str, str] = field(default_factory=dict)


def values_of(raw: str | Sequence[str] | None) -> list[str]:
    """The non-blank values of one parameter, in URL order."""
    items = [raw] if isinstance(raw, str) else list(raw or [])
    return [str(v) for v in items if str(v).strip()]


def _first_valid(key: str, raw: str | Sequence[str] | None, check: Callable[[str], str | None],
                 unknown: str, notices: list[tuple[str, str]]) -> str | None:
    """The first value ``check`` accepts (normalised); a notice for every other value."""
    kept = None
    for value in values_of(raw):
        found = check(value)
        if found is None:
            notices.append((unknown, value[:NOTICE_CHARS]))
        elif kept is None:
            kept = found
        else:
            notices.append((REPEATED, f"{key}={value}"[:NOTICE_CHARS]))
    return kept


def _lang(value: str) -> str | None:
    code = value.strip().lower()
    return code if code in LANGS else None


def lang_from(raw: str | Sequence[str] | None) -> str:
    """The language of ``?lang=`` (first valid value) without reading any data file, for start-up errors.

    >>> lang_from(["xx", "EN", "zh"]), lang_from(None)
    ('en', 'ja')
    """
    return next((code for v in values_of(raw) if (code := _lang(v))), DEFAULT_LANG)


def read_view(params: Mapping[str, str | Sequence[str]]) -> ViewState:
    """Validate query parameters; unknown values fall back to the defaults with a notice.

    >>> read_view({"district": "azabu", "lang": "zh"})
    ViewState(district='azabu', lang='zh', notices=(), page={})
    >>> read_view({"district": ["nowhere", "azabu", "shiba"]}).notices
    (('unknown_district', 'nowhere'), ('param_repeated', 'district=shiba'))
    """
    notices: list[tuple[str, str]] = []
    lang = _first_valid("lang", params.get("lang"), _lang, "unknown_lang", notices) or DEFAULT_LANG
    slugs = {d.id for d in districts()}

    def district(value: str) -> str | None:
        slug = value.strip().lower()
        return slug if slug in slugs else None

    chosen = _first_valid("district", params.get("district"), district, "unknown_district", notices)
    page = {}
    for key, (form, unknown) in PAGE_PARAMS.items():

        def well_formed(value: str, form: re.Pattern[str] = form) -> str | None:
            return value.strip() if form.match(value.strip()) else None

        kept = _first_valid(key, params.get(key), well_formed, unknown, notices)
        if kept is not None:
            page[key] = kept
    return ViewState(chosen, lang, tuple(notices), page)


def collapse(notices: Sequence[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """One notice per kind, in first-seen order: (i18n key, its first value, how many more of that kind).

    998 ``&lang=`` values make one notice, not 998 (issue 22).

    >>> collapse([("unknown_lang", "xx"), ("unknown_district", "x"), ("unknown_lang", "yy"), ("unknown_lang", "xx")])
    [('unknown_lang', 'xx', 2), ('unknown_district', 'x', 0)]
    """
    first: dict[str, str] = {}
    more: dict[str, int] = {}
    for key, value in notices:
        if key in first:
            more[key] += 1
        else:
            first[key], more[key] = value, 0
    return [(key, value, more[key]) for key, value in first.items()]
