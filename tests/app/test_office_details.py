"""AppTest: the office card says how to reach the office (phone, hours, web page) with sources and dates, or that
the sources we checked do not say; the plan-text notice above the district is one line that opens to the details."""

from __future__ import annotations

import pytest
from app_runs import shown_folds, shown_office_card, shown_source_lines

from atlas import formatting as fmt
from atlas.districts import districts
from atlas.i18n import LANGS, t
from atlas.office_contacts import contacts_of
from atlas.offices import branch_office
from atlas.schemas.tables import CONTACT_KINDS
from atlas.sources import sources

AREAS = [None, *(d.id for d in districts())]


def office_lines(at) -> list[str]:
    """The office card's lines as shown (the block that gives the office's name and address)."""
    return shown_office_card(at)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("area", AREAS)
def test_office_card_gives_every_contact_item_with_its_date_or_says_not_found(run_app, area: str | None,
                                                                            lang: str) -> None:
    at = run_app(**({"district": area} if area else {}), lang=lang)
    assert not at.exception
    lines = office_lines(at)
    found = contacts_of(branch_office(area))
    for kind in CONTACT_KINDS:
        line = next(x for x in lines if x.startswith(t(f"office_{kind}", lang)))
        if not found[kind]:
            assert t("office_not_found", lang) in line, line
        for item in found[kind]:
            assert item.value in line and fmt.date(item.as_of, lang) in line, line
            assert item.labels[lang] in line
            if lang != "ja":  # the labels are our translations of the city's Japanese names
                assert t("mark_translation", lang) in line
    cited = {item.source for items in found.values() for item in items}
    shown = " ".join(shown_source_lines(at))
    for sid in cited:  # each item's source is named in a source line
        assert sources()[sid].titles[lang] in shown, sid


def test_a_branch_office_with_a_current_section_number_lists_it_before_the_old_main_number(run_app) -> None:
    found = contacts_of(branch_office("azabu"))["phone"]
    assert len(found) >= 2 and found[0].as_of > found[-1].as_of
    line = next(x for x in office_lines(run_app(district="azabu", lang="ja")) if x.startswith(t("office_phone", "ja")))
    assert line.index(found[0].value) < line.index(found[-1].value)


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_text_notice_is_one_line_that_opens_to_the_whole_note(run_app, lang: str) -> None:
    at = run_app(district="shiba", lang=lang)
    summary = {t("plan_text_note_short", lang), t("plan_text_note_short_official", lang)}
    notes = {label: body for label, body in shown_folds(at).items() if label in summary}
    assert len(notes) == 1
    label, whole = next(iter(notes.items()))
    assert "\n" not in label and len(label) <= 60
    assert any(t(k, lang) in whole for k in ("unofficial_translation", "official_text"))
