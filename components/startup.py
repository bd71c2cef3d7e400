"""The start-up data check as the browser sees it: one message in the view's language, or nothing.

It runs before the URL state exists (the data may be what is broken), so the language is read from ``?lang=``
directly. The message names the data-relative file and row; details of an unexpected failure go to the server
log only.
"""

from __future__ import annotations

import logging

import streamlit as st

from atlas.checks import error_message, load_all
from atlas.i18n import t
from atlas.state import lang_from
from components.markdown import md_escape
from geo.datafile import DataFileError

log = logging.getLogger(__name__)
UNEXPECTED = "Something went wrong on our side. The details are in the server log; please reload the page."


def unexpected_message(lang: str) -> str:
    """The short message for a failure that is not the data's fault (the catalog may be unreadable too)."""
    try:
        return t("unexpected_error", lang)
    except Exception:
        return UNEXPECTED


def check_data_or_stop() -> None:
    """Validate every data file; on a problem show one escaped message and stop the run. When the data changed
    under the running server, what Streamlit kept from the old data (charts, handouts) is dropped too."""
    lang = lang_from(st.query_params.get_all("lang"))
    try:
        if load_all():
            st.cache_data.clear()
            st.cache_resource.clear()
    except DataFileError as exc:
        log.error("data check failed: %s", exc)
        st.error(md_escape(error_message(exc, lang)), icon="🚫")
        st.stop()
    except Exception:
        log.exception("data check failed unexpectedly")
        st.error(md_escape(unexpected_message(lang)), icon="🚫")
        st.stop()
