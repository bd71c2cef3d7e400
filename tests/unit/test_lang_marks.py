"""Language marks on passages in another language than the view, and the offices' English address forms (issue 18)."""

from __future__ import annotations

import csv
import html
import re
import shutil
from pathlib import Path

import pytest

from atlas import map_layers
from atlas.compare import registry_view
from atlas.i18n import t
from atlas.office_contacts import english_address, load_contacts
from atlas.offices import branch_office, offices
from atlas.sources import sources
from components.compare_map import paint_spec
from components.district_map import selection_view
from components.markdown import html_text, in_lang, ja_runs, md_escape, tm_in_lang
from geo.datafile import DataFileError
from geo.layers import chome_list
from geo.paths import DATA_DIR

CONTACTS = DATA_DIR / "facilities" / "office_contacts.csv"
SPAN = re.compile(r'<span lang="ja">(.*?)</span>')


def address_rows() -> list[dict[str, str]]:
    with CONTACTS.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["kind"] == "address_en"]


@pytest.mark.parametrize("view", ["en", "zh"])
def test_a_japanese_text_is_escaped_and_marked_outside_the_ja_view(view: str) -> None:
    text = "港区<b>六本木</b>*五丁目*"
    assert in_lang(text, "ja", view) == f'<span lang="ja">{md_escape(text)}</span>'
    assert in_lang(text, "ja", view, html_text) == f'<span lang="ja">{html_text(text)}</span>'
    assert "<b>" not in in_lang(text, "ja", view, html.escape)


def test_a_text_in_the_views_language_is_only_escaped() -> None:
    assert in_lang("港区*芝*", "ja", "ja") == md_escape("港区*芝*")
    assert in_lang("", "ja", "en") == ""


def test_japanese_runs_are_marked_in_english_only() -> None:
    publisher = sources()["estat-boundaries-2020"].publisher_in("en")
    runs = re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]+", publisher)
    assert runs  # the data names the bureau in Japanese beside its English name
    marked = ja_runs(md_escape(publisher), "en")
    assert SPAN.findall(marked) == runs
    assert SPAN.sub(r"\1", marked) == md_escape(publisher)  # nothing else changes
    assert ja_runs(md_escape(publisher), "zh") == md_escape(publisher)
    assert ja_runs("Roppongi 6-chome", "en") == "Roppongi 6-chome"


def test_english_addresses_come_from_the_data_with_their_source() -> None:
    rows = address_rows()
    assert rows
    by_office = {row["office"]: row for row in rows}
    for office in offices():
        found = english_address(office)
        row = by_office.get(office.name_ja)
        if row is None:
            assert found is None
        else:
            assert found is not None and found.value == row["value"] and found.source in sources()


def test_the_azabu_office_has_the_english_form_of_its_own_address() -> None:
    office = branch_office("azabu")
    found = english_address(office)
    assert found is not None
    place = re.fullmatch(r"港区六本木([一二三四五六七八九])丁目(\d+)番(\d+)号", office.address_ja)
    assert place is not None, office.address_ja
    chome = "一二三四五六七八九".index(place[1]) + 1
    assert found.value.startswith(f"{chome}-{place[2]}-{place[3]} Roppongi")  # the same place, as the office writes it


def test_a_second_english_address_for_one_office_names_file_and_row(tmp_path: Path) -> None:
    path = tmp_path / "office_contacts.csv"
    shutil.copy(CONTACTS, path)
    row = address_rows()[0]
    with path.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(row), lineterminator="\n").writerow({**row, "value": "elsewhere"})
    with pytest.raises(DataFileError, match=r"office_contacts\.csv.*second address_en"):
        load_contacts(path)


@pytest.mark.parametrize("view", ["ja", "en", "zh"])
def test_compare_map_chome_names_carry_japanese_outside_ja(view: str) -> None:
    spec = paint_spec(registry_view("census_population", view), "chome", None, {"offices"}, view)
    chome = chome_list()[0]
    tip = spec["tips"][chome.key_code]
    if view == "zh":
        assert tip.startswith(f'<span lang="ja">{html.escape(chome.name_ja)}</span>')
    else:
        assert "lang=" not in tip and tip.startswith(html.escape(chome.name(view)))
    addresses = [p["popup"] for p in spec["points"]]
    marked = [a for a in addresses if '<span lang="ja">' in a]
    assert len(marked) == (0 if view == "ja" else len(addresses))


@pytest.mark.parametrize("view", ["ja", "en", "zh"])
def test_the_map_frames_office_popup_marks_the_address(view: str) -> None:
    office = branch_office("azabu")
    shown = selection_view("azabu", view)["office"]["address"]
    wanted = html.escape(office.address_ja)
    assert shown == (wanted if view == "ja" else f'<span lang="ja">{wanted}</span>')


@pytest.mark.parametrize("view", ["ja", "en", "zh"])
def test_map_tooltips_mark_japanese_chome_names_in_zh_and_the_credit_everywhere(view: str) -> None:
    cfg = map_layers.district_layers(view)
    tips = [f["properties"]["t"] for f in cfg["chome"]["features"]]
    names = {SPAN.match(tip)[1] for tip in tips if SPAN.match(tip)}
    if view == "zh":
        assert names == {html.escape(c.name_ja) for c in chome_list()}
    else:
        assert names == set() and not any("lang=" in tip for tip in tips)
    assert SPAN.fullmatch(cfg["credit"])[1] == html.escape(sources()["estat-boundaries-2020"].credit)


@pytest.mark.parametrize("view", ["ja", "en", "zh"])
def test_a_japanese_value_in_a_ui_sentence_is_marked_outside_ja(view: str) -> None:
    chome = chome_list()[0]
    name = chome.name_en if view == "en" else chome.name_ja
    text = tm_in_lang("clicked_chome", view, {"chome": "en" if view == "en" else "ja"}, chome=name, district="*x*")
    plain = md_escape(t("clicked_chome", view, chome=name, district="*x*"))
    if view == "zh":
        assert text == plain.replace(md_escape(name), f'<span lang="ja">{md_escape(name)}</span>', 1)
    else:
        assert text == plain
