"""Data files, the rest of the way (issue 22): aliases, repeated keys, impossible dates, deep nesting, links to
nowhere and bad polygons each stop the app with one short message naming the file; a BOM and double spaces load;
a bad file costs one check; an edit under a running process is read and checked again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from data_cases import ACCEPTED, BROKEN, MAX_MESSAGE, Case

from atlas import checks
from atlas.checks import load_all
from atlas.districts import district_by_id
from atlas.figures import population
from atlas.i18n import t
from geo.datafile import DataFileError
from geo.paths import ROOT


@pytest.mark.parametrize("case", BROKEN, ids=[c.name for c in BROKEN])
def test_a_broken_file_stops_the_app_naming_it(data_copy: Path, case: Case) -> None:
    case.edit(data_copy / case.file)
    started = time.perf_counter()
    with pytest.raises(DataFileError) as err:
        load_all()
    message = str(err.value)
    assert message.startswith(f"data/{case.file}"), message
    assert case.expect in message, message
    assert len(message) <= MAX_MESSAGE and "\n" not in message
    assert str(data_copy) not in message and str(ROOT) not in message
    assert time.perf_counter() - started < 30, "the check took too long"


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.name for c in ACCEPTED])
def test_an_odd_but_good_file_loads(data_copy: Path, case: Case) -> None:
    case.edit(data_copy / case.file)
    load_all()
    assert len(population()) > 0
    assert case.expect in t("whole_ward", "en")


def test_a_failed_check_is_kept_for_that_file_state(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (data_copy / "indicators.yaml").write_text("indicators: [", encoding="utf-8")
    with pytest.raises(DataFileError) as first:
        load_all()
    runs: list[int] = []
    real = checks._check_all
    monkeypatch.setattr(checks, "_check_all", lambda: runs.append(1) or real())
    for _ in range(3):
        with pytest.raises(DataFileError) as again:
            load_all()
        assert str(again.value) == str(first.value)
    assert runs == [], "the broken file was checked again though it did not change"


def _touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def test_an_edit_under_a_running_process_is_read_and_checked(data_copy: Path) -> None:
    load_all()
    assert district_by_id("azabu").name("en") == "Azabu"
    path = data_copy / "districts.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Azabu,", "en: Azabu Hills,", 1), encoding="utf-8")
    _touch_later(path)
    assert load_all() is True  # the data changed: caches dropped
    assert district_by_id("azabu").name("en") == "Azabu Hills"
    path.write_text(path.read_text(encoding="utf-8").replace("en: Azabu Hills,", "en: <i>Azabu</i>,", 1),
                    encoding="utf-8")
    _touch_later(path)
    with pytest.raises(DataFileError, match="name.en holds markup"):
        load_all()
    path.write_text(path.read_text(encoding="utf-8").replace("en: <i>Azabu</i>,", "en: Azabu,", 1), encoding="utf-8")
    _touch_later(path)
    assert load_all() is True
    assert district_by_id("azabu").name("en") == "Azabu"
    assert load_all() is False  # nothing changed since
