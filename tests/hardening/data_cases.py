"""Broken and odd data files of issue 22 (items 2 and 5), shared by tests/hardening/test_data_files.py and
tests/bench/audit_hardening.py. Nothing here imports the app, so the audit can run them against an older checkout.

``BROKEN``: each must stop the app with one short message naming the file (``expect`` is part of it).
``ACCEPTED``: each must load, with ``text`` in the page (a BOM before the CSV header, collapsed double spaces).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_MESSAGE = 400  # characters: a message quotes a value by a short excerpt only


@dataclass(frozen=True)
class Case:
    """One data file changed in a copy of data/ (``file`` relative to it) and what the message (or page) holds."""

    name: str
    file: str
    edit: Callable[[Path], None]
    expect: str


def _replace(old: str, new: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _prepend(text: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
    return edit


def _append(text: str) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def _geometry(change: Callable[[dict[str, Any]], None], feature: int = 0) -> Callable[[Path], None]:
    def edit(path: Path) -> None:
        doc = json.loads(path.read_text(encoding="utf-8"))
        change(doc["features"][feature]["geometry"])
        path.write_text(json.dumps(doc), encoding="utf-8")
    return edit


def _polygon(ring: list[list[float]]) -> Callable[[dict[str, Any]], None]:
    def change(geometry: dict[str, Any]) -> None:
        geometry["type"], geometry["coordinates"] = "Polygon", [ring]
    return change


def _positions(geometry: dict[str, Any], move: Callable[[list[float]], list[float]]) -> None:
    def walk(value: Any) -> Any:
        return move(value) if isinstance(value[0], float | int) else [walk(v) for v in value]
    geometry["coordinates"] = walk(geometry["coordinates"])


def _swap(geometry: dict[str, Any]) -> None:
    _positions(geometry, lambda p: [p[1], p[0]])


def _shift(geometry: dict[str, Any]) -> None:
    _positions(geometry, lambda p: [p[0] + 0.05, p[1]])


def _link_to_nowhere(path: Path) -> None:
    path.symlink_to("someone@host.12345:1700000000")  # what Emacs writes while a buffer is modified


def _bomb(path: Path) -> None:
    """The alias bomb, used by a validated field (a publisher must be text: the old message quoted the value)."""
    _prepend(ALIAS_BOMB)(path)
    _replace("publisher: 総務省統計局 / e-Stat", "publisher: *l9")(path)


def _bom(path: Path) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())


ALIAS_BOMB = "".join(f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10))
ALIAS_BOMB = 'lol0: &l0 "lol"\n' + ALIAS_BOMB  # 9**9 strings once expanded, from 700 bytes
DEEP_YAML = "deep: " + "[" * 20_000 + "]" * 20_000 + "\n"
DEEP_GEOJSON = '{"type":"FeatureCollection","features":' + "[" * 200_000 + "]" * 200_000 + "}"
BOW_TIE = [[139.74, 35.65], [139.76, 35.67], [139.76, 35.65], [139.74, 35.67], [139.74, 35.65]]
FLAT = [[139.74, 35.65], [139.75, 35.66], [139.76, 35.67], [139.75, 35.66], [139.74, 35.65]]

BROKEN = (
    Case("yaml_alias_bomb", "sources.yaml", _bomb, "uses the alias *l0"),
    Case("yaml_alias_in_field", "i18n/en.yaml", _replace("whole_ward: ", "a: &w [x, y]\nwhole_ward: *w  # "),
         "uses the alias *w"),
    Case("yaml_duplicate_key", "districts.yaml", _replace('    colour: "#56B4E9"\n',
                                                          '    colour: "#56B4E9"\n    colour: "#000000"\n'),
         "the key 'colour' is given twice"),
    Case("yaml_duplicate_i18n_key", "i18n/ja.yaml", _append("whole_ward: 区全体\n"),
         "the key 'whole_ward' is given twice"),
    Case("yaml_impossible_date", "sources.yaml", _replace("reference_date: 2020-10-01", "reference_date: 2020-02-30"),
         "'2020-02-30' is not a date"),
    Case("yaml_20000_deep", "i18n/zh.yaml", _append(DEEP_YAML), "nests deeper than"),
    Case("geojson_200000_deep", "geo/ward_outline.geojson", lambda p: p.write_text(DEEP_GEOJSON), "nested too deeply"),
    Case("dangling_link", "content/.#plan.yaml", _link_to_nowhere, "a link to a file that does not exist"),
    Case("polygon_bow_tie", "geo/districts.geojson", _geometry(_polygon(BOW_TIE)),
         "feature 1: the polygon is not valid"),
    Case("polygon_zero_area", "geo/chome.geojson", _geometry(_polygon(FLAT)), "feature 1: the polygon"),
    Case("polygon_lat_lng_swapped", "geo/chome.geojson", _geometry(_swap, 3),
         "feature 4: the polygon lies outside Japan"),
    Case("district_outside_ward", "geo/districts.geojson", _geometry(_shift, 1),
         "feature 2 (azabu): 100% of the polygon lies outside the ward"),
    Case("text_markup", "i18n/en.yaml", _replace("whole_ward: ", "whole_ward: <b>x</b> "), "whole_ward holds markup"),
    Case("text_control", "districts.yaml", _replace("en: Azabu,", 'en: "Azabu\\u202e",'),
         "district 2: name.en holds the control character U+202E"),
    Case("yaml_nul_byte", "districts.yaml", _replace("en: Azabu,", 'en: "Azabu\x00",'),
         "line 16: holds the control character U+0000"),
    Case("csv_cell_markup", "facilities/nurseries.csv", _replace("芝保育園,", "芝<script>保育園,"),
         "row 2: facility holds markup '<script>'"),
)
ACCEPTED = (
    Case("csv_bom_before_date", "figures/population.csv", _bom, ""),
    Case("double_spaces", "i18n/en.yaml", _replace("whole_ward: Whole ward", "whole_ward: Whole   ward"),
         "Whole ward"),
)
