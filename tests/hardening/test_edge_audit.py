"""The audit's issue-22 edge counts (tests/bench/audit_hardening.py ``audit_edge``) are all at their target: nothing
open (0), one warning box for 998 bad ``&lang=``, a session's unused uploads capped."""

from __future__ import annotations

import logging
import sys

from components.upload_caps import MAX_FILES
from geo.paths import ROOT


def test_every_edge_case_of_the_audit_is_closed() -> None:
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    try:
        from audit_hardening import audit_edge  # it silences logging on import: undone below

        counts = audit_edge()
    finally:
        logging.disable(logging.NOTSET)
        sys.path.remove(str(ROOT / "tests" / "bench"))
    assert counts.pop("warning_boxes_for_998_lang") == 1
    assert counts.pop("files_kept_of_300_unused_uploads") <= MAX_FILES
    assert counts == dict.fromkeys(counts, 0)
