"""A session's uploads capped in count and bytes, in Streamlit's in-memory upload store (issue 22).

Streamlit 1.67 keeps every file PUT to ``/_stcore/upload_file/<session>/<file id>`` in memory
(``MemoryUploadedFileManager``) until the frontend DELETEs it or the session ends (after the disconnected-session
TTL): a script can PUT hundreds of 1 MB files that no widget ever uses (300 files took a replica from 204 to
490 MB). There is no setting for this, so ``install`` wraps the class's ``add_file`` (the instance already exists
when app.py runs, so the class is patched, not the instance): after each file, the session's oldest files are
dropped until it holds at most ``MAX_FILES`` files and ``MAX_BYTES`` bytes. The newest file is always kept, and
it is the one the app's single ``st.file_uploader`` shows (a replaced file is DELETEd by the frontend anyway),
so a resident never loses the upload in use. Installed by components/streamlit_guard.harden.
"""

from __future__ import annotations

from typing import Any

MAX_FILES = 3
MAX_BYTES = 3 * 2**20  # three files at the app's limit (atlas/upload.MAX_BYTES)
_MARK = "_minato_capped"


def trim(manager: Any, session_id: str, keep: str) -> int:
    """Drop ``session_id``'s oldest files (never ``keep``) beyond the caps; the number dropped. Takes the lock."""
    dropped = 0
    with manager._lock:
        storage = manager.file_storage.get(session_id)
        while storage and len(storage) > 1 and (
                len(storage) > MAX_FILES or sum(len(f.data) for f in storage.values()) > MAX_BYTES):
            oldest = next(i for i in storage if i != keep)  # dicts keep insertion order: oldest first
            file = storage.pop(oldest)
            manager._total_bytes -= len(file.data)
            manager._file_count -= 1
            dropped += 1
    return dropped


def install() -> None:
    """Cap every session's uploads in Streamlit's ``MemoryUploadedFileManager`` (idempotent)."""
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager as Manager

    if getattr(Manager.add_file, _MARK, False):
        return
    original = Manager.add_file

    def add_file(self: Any, session_id: str, file: Any) -> None:
        original(self, session_id, file)
        trim(self, session_id, file.file_id)

    setattr(add_file, _MARK, True)
    add_file.__doc__ = original.__doc__
    Manager.add_file = add_file  # type: ignore[method-assign]
