"""The compare page's upload panel: your own CSV (district or chome level) as indicators for this session."""

from __future__ import annotations

import streamlit as st

from atlas.i18n import t
from atlas.upload import MAX_BYTES, MAX_UPLOAD_MB, Msg, parse_upload
from components.markdown import ja_runs, md_escape, plain_echo, tm
from components.state import lang
from components.text_blocks import caption_block, markdown_block

UPLOAD = "upload_result"

UPLOAD_FAILED = "upload_failed_result"


def _on_upload() -> None:
    """A new file replaces the upload only when it can be used; a failed one is shown beside the one in use."""
    file = st.session_state.get("upload_file")
    if file is None:  # emptied (also between two files in the browser): only the Remove button drops the upload
        st.session_state.pop(UPLOAD_FAILED, None)
        return
    result = parse_upload(file.getvalue(), file.name)
    if result.ok:
        st.session_state[UPLOAD] = result
        st.session_state.pop(UPLOAD_FAILED, None)
    else:
        st.session_state[UPLOAD_FAILED] = result


def _remove_upload() -> None:
    st.session_state[UPLOAD] = None
    st.session_state.pop(UPLOAD_FAILED, None)


def upload_panel() -> None:
    """File uploader; the parsed upload lives in the session only and stays in use until a new file can be used.

    What is loaded is named below the widget (which is empty again after a visit to another page). Messages,
    file names and cells are shown as escaped text in the view's language.
    """
    code = lang()
    st.markdown(f"### {tm('upload_heading', code)}")
    limit = md_escape(Msg("upload_limit", mb=MAX_UPLOAD_MB, limit=MAX_BYTES).text(code))  # stated once (issue 22)
    caption_block(ja_runs(f"{tm('upload_help', code)} {limit}", code))  # 芝…: lang="ja"
    st.file_uploader(tm("upload_label", code), type=["csv", "txt", "tsv"], key="upload_file", on_change=_on_upload)
    result, failed = st.session_state.get(UPLOAD), st.session_state.get(UPLOAD_FAILED)
    if result is not None and not result.ok:  # set from elsewhere: never use a failed parse
        result, failed = None, result
    if failed is not None:
        st.error(tm("upload_failed", code))
        markdown_block(ja_runs("\n".join(f"- {md_escape(e)}" for e in failed.error_texts(code)), code))
        for warning in failed.warning_texts(code):
            st.caption(md_escape(warning))
        if result is not None:
            st.info(tm("upload_kept", code, name=plain_echo(result.filename, 60)))
    if result is None:
        return
    level = t(f"level_{result.level}", code)
    if failed is None:
        st.success(tm("upload_ok", code, n=len(result.columns), level=level, encoding=result.encoding or "?"))
        for warning in result.warning_texts(code):
            st.caption(md_escape(warning))
    loaded, remove = st.columns([4, 1], vertical_alignment="center")
    loaded.caption(tm("upload_loaded", code, name=plain_echo(result.filename, 60), n=len(result.columns),
                      level=level))
    remove.button(tm("upload_remove", code), key="upload_remove", on_click=_remove_upload)
