"""A session's uploads are capped in count and bytes; the newest file always stays (components/upload_caps.py)."""

from __future__ import annotations

from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from components.upload_caps import MAX_BYTES, MAX_FILES, install
from deploy.csp import ROOT

MB = 2**20


def put(manager: MemoryUploadedFileManager, session: str, file_id: str, size: int) -> None:
    manager.add_file(session, UploadedFileRec(file_id=file_id, name=f"{file_id}.csv", type="text/csv",
                                              data=b"x" * size))


def test_300_files_of_one_session_leave_at_most_the_caps() -> None:
    install()
    install()  # idempotent: one wrapper
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    for i in range(300):
        put(manager, "s1", f"f{i}", MB)
    put(manager, "s2", "other", 10)
    kept = manager.file_storage["s1"]
    assert len(kept) <= MAX_FILES and sum(len(f.data) for f in kept.values()) <= MAX_BYTES
    assert "f299" in kept and list(kept)[-1] == "f299"  # the newest, the one the widget shows
    assert [f.file_id for f in manager.get_files("s2", ["other"])] == ["other"]  # other sessions untouched
    total = sum(len(f.data) for s in manager.file_storage.values() for f in s.values())
    assert manager._total_bytes == total and manager._file_count == len(kept) + 1  # the stats stay right
    manager.remove_session_files("s1")
    assert manager._total_bytes == 10


def test_a_file_above_the_byte_cap_alone_is_kept() -> None:
    install()
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    put(manager, "s", "small", 10)
    put(manager, "s", "big", MAX_BYTES + 1)
    assert list(manager.file_storage["s"]) == ["big"]
    put(manager, "s", "big", 5)  # the same id again replaces it
    assert manager._total_bytes == 5 and manager._file_count == 1


def test_the_launcher_and_the_app_install_the_caps() -> None:
    from components.streamlit_guard import harden

    harden()
    assert getattr(MemoryUploadedFileManager.add_file, "_minato_capped", False)
    assert "harden()" in (ROOT / "app.py").read_text(encoding="utf-8")
