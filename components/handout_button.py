"""'Download handout': a one-page A4 PDF built only when the button is clicked.

The PDF is made in a deferred download (no cost until clicked). If making it fails, the reason is remembered and
shown, in the reader's language, next to the button from the next rerun on; the details go to the server log.
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from atlas import freshness
from atlas.handout import HandoutError, build_handout, check_requirements
from atlas.i18n import t
from atlas.public_url import public_address
from components.markdown import tm

LOG = logging.getLogger(__name__)
REASONS = ("font", "pdf", "too_long")
# (district, lang) -> reason of the last failed build; the handout is the same for every session.
_FAILED: dict[tuple[str | None, str], str] = {}


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_handout(district: str | None, lang: str, day: dt.date, public_base: str | None) -> bytes:
    return build_handout(district, lang, generated=day, public_base=public_base)


def _build(district: str | None, lang: str) -> bytes:
    """The PDF bytes; a failure is logged and remembered for the next rerun's message."""
    try:
        pdf = _cached_handout(district, lang, freshness.today(), public_address().base)
    except HandoutError as exc:
        LOG.error("handout %s/%s: %s", district, lang, exc)
        _FAILED[(district, lang)] = exc.kind if exc.kind in REASONS else "other"
        raise
    except Exception:
        LOG.exception("handout %s/%s failed", district, lang)
        _FAILED[(district, lang)] = "other"
        raise
    _FAILED.pop((district, lang), None)
    return pdf


def handout_problem(lang: str) -> str | None:
    """Why no handout can be made here (no CJK font or no PDF library), in ``lang``; or None."""
    try:
        check_requirements(lang)
    except HandoutError as exc:
        LOG.warning("handout unavailable (%s): %s", lang, exc)
        return t(f"handout_reason_{exc.kind if exc.kind in REASONS else 'other'}", lang)
    return None


def handout_button(district: str | None, lang: str) -> None:
    """The download button; the PDF is made on click (deferred), or a clear message if it cannot be made."""
    problem = handout_problem(lang)
    if problem:
        st.caption(tm("handout_unavailable", lang, detail=problem))
        return
    failed = _FAILED.get((district, lang))
    if failed:
        st.warning(tm("handout_failed", lang, reason=t(f"handout_reason_{failed}", lang)))
    name = district or "ward"
    st.download_button(
        tm("download_handout", lang),
        data=lambda: _build(district, lang),
        file_name=f"minato-{name}-handout-{lang}.pdf",
        mime="application/pdf",
        key=f"handout-{name}-{lang}",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
