"""The compare page in headless Chromium: indicators, chome click, uploads (downloads: test_e2e_downloads)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from harness import (
    MAIN,
    MAP_IFRAME,
    ROOT,
    click_target,
    scroll_map_into_view,
    wait_map_ready,
    wait_script_idle,
    wait_view_settled,
)
from playwright.sync_api import Dialog, Frame, Page, expect
from shapely import union_all

from atlas.compare import all_views, picker_label, registry_view
from atlas.districts import district_by_id
from atlas.i18n import t
from atlas.indicators import definition
from atlas.sources import sources
from atlas.upload import UploadResult, parse_upload
from geo.layers import Chome, chome_list, district_shapes

pytestmark = pytest.mark.e2e

LANG = "en"
INDICATOR = "census_density"
UPLOADS = ROOT / "tests" / "unit" / "fixtures" / "upload"
UPLOADED = f"({t('uploaded_label', LANG)})"  # "(your upload)"


def query(key: str, value: str) -> re.Pattern[str]:
    return re.compile(rf"[?&]{re.escape(key)}={re.escape(value)}(&|#|$)")


def indicator_box(page: Page):
    return page.get_by_role("combobox", name=t("indicator_select", LANG))


def choose_indicator(page: Page, label: str) -> None:
    """Choose by the indicator's name (its option may carry the chome mark after it)."""
    label = next((picker_label(v, LANG) for v in all_views(LANG, None).values() if v.label == label), label)
    indicator_box(page).click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(indicator_box(page)).to_have_value(label)


def option_labels(page: Page) -> list[str]:
    """The indicator selectbox's option texts (opens the list, reads it, closes it again)."""
    indicator_box(page).click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    labels = [s.strip() for s in options.all_inner_texts()]
    page.keyboard.press("Escape")
    expect(options).to_have_count(0)
    return labels


def expected_labels(result: UploadResult | None) -> list[str]:
    """The selectbox options the app should offer with ``result`` uploaded (uploads marked as such)."""
    return [picker_label(v, LANG) for v in all_views(LANG, result).values()]


def big_inner_chome() -> Chome:
    """The largest chome lying at least ~300 m inside the ward outline (easy to hit at the ward-wide zoom)."""
    inner = union_all(list(district_shapes().values())).buffer(-0.003)
    return max((c for c in chome_list() if inner.contains(c.geometry)), key=lambda c: c.geometry.area)


def outlined_chome(frame: Frame) -> list[str]:
    """Chome key codes outlined by the paint feature group(s) currently on the compare map."""
    return frame.evaluate(
        """() => {
          const map = window.MinatoMap.compare.map, keys = new Set();
          const walk = l => {
            if (l.feature && l.feature.properties && l.feature.properties.k) { keys.add(l.feature.properties.k); }
            if (l.eachLayer) { l.eachLayer(walk); }
          };
          (window.feature_group || []).filter(g => map.hasLayer(g)).forEach(g => g.eachLayer(walk));
          return Array.from(keys).sort();
        }"""
    )


def test_indicator_chome_level_and_map_click(page: Page, base_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/compare?lang={LANG}")
    frame = wait_map_ready(page)
    assert frame.evaluate("() => !!window.MinatoMap.compare && window.MinatoMap.compare.map === window.map_div")

    label = definition(INDICATOR).label(LANG)
    choose_indicator(page, label)
    expect(page).to_have_url(query("indicator", INDICATOR))
    main = page.locator(MAIN)
    expect(main.get_by_text(re.compile(rf"—\s*{re.escape(label)}\s*$"))).to_be_visible()  # ranking heading

    view = registry_view(INDICATOR, LANG)
    assert view.has_chome, f"{INDICATOR} has no chome values: the chome level cannot be tested with it"
    level = main.get_by_role("radiogroup", name=t("map_level", LANG))
    level.get_by_text(t("level_chome", LANG), exact=True).click()
    expect(level.get_by_role("radio", name=t("level_chome", LANG))).to_be_checked()
    frame.wait_for_function(
        "() => { const c = window.MinatoMap.compare; return c.map.hasLayer(c.chome) && !c.map.hasLayer(c.districts); }",
        timeout=15_000,
    )
    wait_script_idle(page)

    chome = big_inner_chome()
    scroll_map_into_view(page)  # see test_first_click_on_map_below_the_fold
    wait_view_settled(frame)
    x, y = click_target(page, frame, chome.geometry)
    page.mouse.click(x, y)
    value = view.format(view.chome.get(chome.key_code))
    caption = t("selected_value", LANG, area=chome.name_en, value=value)
    expect(main.get_by_text(caption, exact=True)).to_be_visible(timeout=15_000)
    expect(page).to_have_url(query("district", chome.district))
    expect(page).to_have_url(query("indicator", INDICATOR))
    frame.wait_for_function(
        "(key) => (window.feature_group || []).some(g => window.map_div.hasLayer(g) && g.getLayers().some("
        "l => l.getLayers && l.getLayers().some(f => f.feature && f.feature.properties.k === key)))",
        arg=chome.key_code,
        timeout=15_000,
    )
    assert outlined_chome(frame) == [chome.key_code]
    assert errors == []


def inner_chome_in_two_districts() -> tuple[Chome, Chome]:
    """The largest chome lying well inside the ward outline, and the largest such chome of another district."""
    inner = union_all(list(district_shapes().values())).buffer(-0.003)
    ranked = sorted((c for c in chome_list() if inner.contains(c.geometry)), key=lambda c: -c.geometry.area)
    first = ranked[0]
    return first, next(c for c in ranked if c.district != first.district)


def click_inside(page: Page, frame: Frame, chome: Chome) -> None:
    wait_script_idle(page)
    wait_view_settled(frame)
    x, y = click_target(page, frame, chome.geometry)
    page.mouse.click(x, y)


def test_click_shows_each_value_under_its_own_name_at_each_level(page: Page, base_url: str) -> None:
    """Issue 17, item 6: at the district level a click named the chome but showed the district's value. Now the
    district level names the district with its value (and the clicked chome with the chome's own value), the
    chome level names the chome with its value."""
    lang = "ja"
    view = registry_view(INDICATOR, lang)
    first, second = inner_chome_in_two_districts()
    page.goto(f"{base_url}/compare?lang={lang}&indicator={INDICATOR}")
    frame = wait_map_ready(page)
    wait_script_idle(page)
    main = page.locator(MAIN)
    scroll_map_into_view(page)

    click_inside(page, frame, first)  # district level (the default)
    district_value = view.format(view.district[first.district])
    expected = t("selected_value_with_chome", lang, area=district_by_id(first.district).name(lang),
                 value=district_value, chome=first.name(lang), chome_value=view.format(view.chome[first.key_code]))
    expect(main.get_by_text(expected, exact=True)).to_be_visible(timeout=15_000)
    expect(page).to_have_url(query("district", first.district))
    wrong = t("selected_value", lang, area=first.name(lang), value=district_value)
    expect(main.get_by_text(wrong, exact=True)).to_have_count(0)

    level = main.get_by_role("radiogroup", name=t("map_level", lang))
    level.get_by_text(t("level_chome", lang), exact=True).click()
    frame.wait_for_function("() => window.MinatoMap.compare.map.hasLayer(window.MinatoMap.compare.chome)")
    click_inside(page, frame, second)
    expected = t("selected_value", lang, area=second.name(lang), value=view.format(view.chome[second.key_code]))
    expect(main.get_by_text(expected, exact=True)).to_be_visible(timeout=15_000)
    expect(page).to_have_url(query("district", second.district))


def test_first_click_on_map_below_the_fold(page: Page, base_url: str) -> None:
    """At 1280x800 the compare map reaches below the fold; the first click must still select what is under it."""
    page.goto(f"{base_url}/compare?lang={LANG}&indicator={INDICATOR}")
    frame = wait_map_ready(page)
    wait_script_idle(page)
    level = page.locator(MAIN).get_by_role("radiogroup", name=t("map_level", LANG))
    level.get_by_text(t("level_chome", LANG), exact=True).click()
    frame.wait_for_function("() => window.MinatoMap.compare.map.hasLayer(window.MinatoMap.compare.chome)")
    wait_script_idle(page)
    wait_view_settled(frame)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    if box["y"] + box["height"] <= (page.viewport_size or {})["height"]:
        pytest.skip("the map fits on screen at this viewport: the precondition of this test is gone")
    chome = big_inner_chome()
    x, y = click_target(page, frame, chome.geometry)
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"[?&]district=[^&#]+"), timeout=15_000)  # the click was handled
    wait_script_idle(page)
    view = registry_view(INDICATOR, LANG)
    caption = t("selected_value", LANG, area=chome.name_en, value=view.format(view.chome.get(chome.key_code)))
    captions = [c.strip() for c in page.locator(f'{MAIN} [data-testid="stCaptionContainer"]').all_inner_texts()]
    assert caption in captions, f"clicked inside {chome.name_en}; the page says: {captions[:4]}"


def test_map_credit_links_to_the_estat_site(page: Page, base_url: str) -> None:
    credit = sources()["estat-boundaries-2020"].credit
    urls = re.findall(r"https?://[\x21-\x7e]+", credit)  # the URL as written: ASCII up to the full-width bracket
    page.goto(f"{base_url}/compare?lang={LANG}")
    wait_script_idle(page)
    caption = page.locator(f'{MAIN} [data-testid="stCaptionContainer"]').filter(
        has_text=t("map_credit_heading", LANG))
    expect(caption).to_have_count(1)
    hrefs = caption.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    allowed = [*urls, sources()["gsi-tiles-pale"].url]  # the tiles' credit links to its own page
    assert all(h in allowed for h in hrefs), f"credit links {hrefs}, the credits name {allowed}"
    assert all(u in hrefs for u in urls), f"the e-Stat address {urls} is not linked as written: {hrefs}"


def upload(page: Page, name: str) -> None:
    page.locator(f'{MAIN} input[type="file"]').set_input_files(UPLOADS / name)


def test_upload_good_then_hostile_then_broken(page: Page, base_url: str) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base_url}/compare?lang={LANG}")
    wait_map_ready(page)
    wait_script_idle(page)
    main = page.locator(MAIN)
    assert option_labels(page) == expected_labels(None)

    # 1. A good district-level file: success message, its columns become indicators.
    good = parse_upload((UPLOADS / "good_district_utf8.csv").read_bytes(), "good_district_utf8.csv")
    assert good.ok and good.columns
    upload(page, "good_district_utf8.csv")
    ok = t("upload_ok", LANG, n=len(good.columns), level=t(f"level_{good.level}", LANG), encoding=good.encoding)
    expect(main.get_by_text(ok, exact=True)).to_be_visible(timeout=15_000)
    wait_script_idle(page)
    labels = option_labels(page)
    assert labels == expected_labels(good)
    uploaded = [o for o in labels if UPLOADED in o]
    assert uploaded == [f"{c} {UPLOADED}" for c in good.columns]
    choose_indicator(page, uploaded[0])
    expect(main.get_by_text(re.compile(rf"—\s*{re.escape(good.columns[0])}\s*$"))).to_be_visible()
    wait_script_idle(page)

    # 2. Markup in a header cell is data: shown as text everywhere, never run.
    hostile = parse_upload((UPLOADS / "html_cells.csv").read_bytes(), "html_cells.csv")
    assert hostile.ok and any("<script" in c for c in hostile.columns)
    upload(page, "html_cells.csv")
    ok = t("upload_ok", LANG, n=len(hostile.columns), level=t(f"level_{hostile.level}", LANG),
           encoding=hostile.encoding)
    expect(main.get_by_text(ok, exact=True)).to_be_visible(timeout=15_000)
    wait_script_idle(page)
    labels = option_labels(page)
    assert labels == expected_labels(hostile)
    uploaded = [o for o in labels if UPLOADED in o]
    assert uploaded == [f"{c} {UPLOADED}" for c in hostile.columns]
    choose_indicator(page, uploaded[0])  # its name now reaches the ranking, legend, tooltips and table
    expect(main.get_by_text(re.compile(rf"—\s*{re.escape(hostile.columns[0])}\s*$"))).to_be_visible()
    wait_script_idle(page)
    for warning in hostile.warning_texts(LANG):
        expect(main.get_by_text(warning, exact=True)).to_be_visible()
    assert page.evaluate("() => Array.from(document.scripts).filter(s => s.text.includes('alert(1)')).length") == 0

    # 3. Unknown area names: an error naming the rows; the earlier good upload stays in use (issue 12).
    broken = parse_upload((UPLOADS / "unknown_names.csv").read_bytes(), "unknown_names.csv")
    assert not broken.ok and broken.errors
    upload(page, "unknown_names.csv")
    alert = main.locator('[data-testid="stAlertContentError"]')
    expect(alert).to_contain_text(t("upload_failed", LANG), timeout=15_000)
    for message in broken.error_texts(LANG):
        expect(main.get_by_role("listitem").filter(has_text=message)).to_have_count(1)
    wait_script_idle(page)
    assert option_labels(page) == expected_labels(hostile)
    expect(page).to_have_url(query("indicator", quote(hostile.ids[hostile.columns[0]], safe="")))  # a short id

    assert dialogs == [], f"a script in the upload ran: {dialogs}"
    assert errors == []
