"""The charts' inline SVG (atlas/svg_chart.py): what it shows, that it is accessible, escaped, small and stable."""

from __future__ import annotations

import copy
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from atlas import charts
from atlas import formatting as fmt
from atlas.charts import Chart, budget_chart, fiscal_scale, population_chart
from atlas.content import plan_content
from atlas.districts import districts
from atlas.estimates import district_estimate
from atlas.i18n import LANGS, t
from atlas.svg_chart import CARD, SLIDE_NARROW, SLIDE_WIDE, SvgStyle, chart_svg
from atlas.svg_marks import hover_text, text_width, wrap
from components.markdown import html_text

NS = {"s": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
SIZE_BUDGET = 8 * 1024
PHONE_COLUMN_PX = 358  # a 390 px screen less Streamlit's padding
HOSTILE = ' <img src=x onerror="alert(1)"> ![x](https://example.org/p.png) & ]]> <script>x</script>'
BASE, PROJECTION = charts.plan_points(plan_content())
AREAS = [None, *(d.id for d in districts())]
# a district whose chart draws our estimate (the backtest decides which do: atlas.backtest)
ESTIMATED = next(d.id for d in districts() if district_estimate(d.id, PROJECTION.date) is not None)


def population(area: str | None, lang: str) -> Chart:
    return population_chart(area, lang, BASE, PROJECTION)


def budget(lang: str) -> Chart:
    return budget_chart(lang, fiscal_scale(plan_content()))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def text_of(el: ET.Element) -> str:
    return "".join(el.itertext())


def focus_groups(root: ET.Element) -> list[ET.Element]:
    """The focusable values (one per data point and bar: atlas/svg_points.py)."""
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "pt"]


def point_titles(root: ET.Element) -> list[str]:
    """What each data point and bar says (its accessible name)."""
    return [g.get("aria-label") for g in focus_groups(root)]


def direct_labels(root: ET.Element) -> list[str]:
    """The always-shown value labels (the bold group with a white halo)."""
    return [text_of(el) for g in root.iter(f"{SVG}g") if g.get("font-weight") == "700" for el in g]


def tick_labels(root: ET.Element, anchor: str) -> list[str]:
    """Tick labels: the texts of the muted group anchored ``end`` (y axis) or ``middle`` (x axis)."""
    group = next(g for g in root.findall("s:g", NS)
                 if g.get("text-anchor") == anchor and g.find("s:text", NS) is not None)
    return [text_of(el) for el in group.findall("s:text", NS)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("area", AREAS)
def test_population_svg_is_an_image_with_title_desc_and_a_point_per_table_row(area: str | None, lang: str) -> None:
    chart = population(area, lang)
    root = parse(chart_svg(chart))
    assert root.get("role") == "figure"  # not "img": its points stay in the accessibility tree
    title = root.find("s:title", NS)
    desc = root.find("s:desc", NS)
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == title.get("id") and root.get("aria-describedby") == desc.get("id")
    assert title.text == chart.title and desc.text == chart.alt_text
    assert root.get("width") == "100%" and root.get("viewBox", "").startswith(f"0 0 {CARD.width} ")
    assert len(point_titles(root)) == len(chart.table)


@pytest.mark.parametrize("lang", LANGS)
def test_budget_svg_has_a_bar_or_marker_per_drawn_row_the_span_and_the_note_mark(lang: str) -> None:
    chart = budget(lang)
    root = parse(chart_svg(chart))
    drawn = chart.records["kind"].isin(["initial_budget", "settlement_expenditure"])
    assert len(point_titles(root)) == int(drawn.sum())
    bars = [g for g in focus_groups(root) if g[0].tag == f"{SVG}rect"]
    assert len(bars) == int((chart.records["kind"] == "initial_budget").sum())
    assert root.find(".//s:pattern", NS) is not None  # secondary sources are hatched, not only lighter
    texts = [text_of(el) for el in root.iter(f"{SVG}text")]
    scale = t("plan_scale_short", lang, **fiscal_scale(plan_content()).words())
    assert scale in texts or scale.replace(" ", "") in [x.replace(" ", "") for x in texts]
    assert "*" in texts
    assert "0" in tick_labels(root, "end")  # bars start at zero, as in the Plotly chart


@pytest.mark.parametrize("lang", LANGS)
def test_tooltips_say_series_date_and_value_with_separators(lang: str) -> None:
    chart = population(ESTIMATED, lang)
    tips = point_titles(parse(chart_svg(chart)))
    register = chart.records[chart.records["series"] == t("series_register", lang)].iloc[0]
    day, value = register["date"], register["value"]
    assert t("chart_point", lang, series=t("series_register", lang), date=fmt.date(day, lang),
             value=fmt.people(value, lang)) in tips
    est = chart.estimate
    assert any(tip.startswith(t("series_trend_estimate", lang)) and f"{est.low:,}" in tip and f"{est.high:,}" in tip
               and fmt.date(est.date, lang) in tip for tip in tips)


def test_hover_text_fills_plotly_templates() -> None:
    bars = hover_text("Initial budget", "%{x}: %{y:,.1f}<extra></extra>", 2018, 1388.8)
    assert bars == "Initial budget — 2018: 1,388.8"
    assert hover_text("Sum", "Sum: %{y:,}<extra></extra>", "2027-01-01", 271762.0) == "Sum: 271,762"
    assert hover_text("Register", None, dt.date(2025, 4, 1), 61234.0) == "Register — 2025-04-01: 61,234"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("area", [None, "azabu"])
def test_ticks_have_thousands_separators_and_the_axis_starts_at_the_chart_range(area: str | None, lang: str) -> None:
    chart = population(area, lang)
    root = parse(chart_svg(chart))
    ys = tick_labels(root, "end")
    assert ys and all(re.fullmatch(r"\d{1,3}(,\d{3})+", y) for y in ys), ys
    values = [int(y.replace(",", "")) for y in ys]
    low, high = chart.y_range
    assert low <= min(values) and max(values) <= high
    xs = tick_labels(root, "middle")
    assert 2 <= len(xs) <= CARD.max_x_ticks, xs


@pytest.mark.parametrize("lang", LANGS)
def test_legend_names_every_series_with_the_figures_own_labels(lang: str) -> None:
    chart = population(ESTIMATED, lang)
    texts = {re.sub(r"\s+", "", text_of(el)) for el in parse(chart_svg(chart)).iter(f"{SVG}text")}
    for key in ("series_register", "series_census", "series_trend_estimate"):
        assert re.sub(r"\s+", "", t(key, lang)) in texts, key
    ward = {re.sub(r"\s+", "", text_of(el)) for el in parse(chart_svg(population(None, lang))).iter(f"{SVG}text")}
    summed = charts.district_estimates_sum(PROJECTION.date) is not None  # only when every district has one
    for key in ("series_plan_points", "series_estimate_sum") if summed else ("series_plan_points",):
        assert re.sub(r"\s+", "", t(key, lang)) in ward, key


def test_estimate_is_dotted_and_recorded_values_have_markers() -> None:
    root = parse(chart_svg(population(ESTIMATED, "en")))
    lines = [el for el in root.iter(f"{SVG}path") if el.get("fill") == "none"]
    assert any(el.get("stroke-dasharray") for el in lines)  # the trend estimate
    assert any(not el.get("stroke-dasharray") for el in lines)  # the register series
    assert len(focus_groups(root)) >= 7


@pytest.mark.parametrize("style", [CARD, SLIDE_WIDE, SLIDE_NARROW], ids=lambda s: s.name)
@pytest.mark.parametrize("lang", LANGS)
def test_texts_stay_inside_the_view_box(style: SvgStyle, lang: str) -> None:
    for chart in (population(None, lang), population("shibaura-konan", lang), budget(lang)):
        root = parse(chart_svg(chart, style))
        width = float(root.get("viewBox").split()[2])
        parents = {child: parent for parent in root.iter() for child in parent}
        for el in root.iter(f"{SVG}text"):
            size = float(el.get("font-size") or root.get("font-size"))
            lines = [el.text or ""] + [span.text or "" for span in el.findall("s:tspan", NS)]
            widest = max(text_width(line, size) for line in lines)
            x = float(el.get("x"))
            anchor = el.get("text-anchor") or parents[el].get("text-anchor") or "start"
            left = {"start": x, "middle": x - widest / 2, "end": x - widest}[anchor]
            assert left >= -0.5 and left + widest <= width + 0.5, (chart.key, lines, left, widest, width)


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_of_a_card_is_at_least_12_px_on_a_390_px_phone(lang: str) -> None:
    scale = PHONE_COLUMN_PX / CARD.width
    assert CARD.font * scale >= 12
    for chart in (population(None, lang), population(ESTIMATED, lang), budget(lang)):
        root = parse(chart_svg(chart))
        sizes = [float(el.get("font-size") or root.get("font-size")) for el in root.iter(f"{SVG}text")]
        assert sizes and min(sizes) * scale >= 12, (chart.key, min(sizes) * scale)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("area", AREAS)
def test_every_value_is_a_focusable_point_with_its_label_box_and_a_44_px_target(area: str | None, lang: str) -> None:
    root = parse(chart_svg(population(area, lang)))
    groups = focus_groups(root)
    assert groups
    for g in groups:
        assert g.get("tabindex") == "0" and g.get("role") == "img" and g.get("aria-label")
        hit, tip = g[0], g.find("s:g", NS)
        assert tip.get("class") == "tip" and tip.get("visibility") == "hidden"  # shown by CSS on focus/hover
        assert re.sub(r"\s", "", text_of(tip)) == re.sub(r"\s", "", g.get("aria-label"))  # what a reader hears
        assert float(hit.get("r")) * 2 * PHONE_COLUMN_PX / CARD.width >= 44
    layer = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "pts")
    assert layer.get("fill") == "#fff0" and layer is root[-1]  # transparent targets, drawn last (boxes on top)


@pytest.mark.parametrize("lang", LANGS)
def test_the_latest_count_the_estimate_and_the_latest_budget_carry_direct_labels(lang: str) -> None:
    for area in AREAS:
        chart = population(area, lang)
        labels = direct_labels(parse(chart_svg(chart)))
        register = chart.records[chart.records["series"] == t("series_register", lang)]
        assert fmt.people(int(register["value"].iloc[-1]), lang) in labels, (area, labels)
        if area and chart.estimate is not None:
            assert t("chart_estimate_label", lang, value=fmt.people(chart.estimate.value, lang)) in labels
        if area is None:
            assert fmt.people(PROJECTION.value, lang) in labels
    chart = budget(lang)
    initial = chart.records[chart.records["kind"] == "initial_budget"]
    latest = initial.loc[initial["fiscal_year"].idxmax(), "amount_oku_yen"]
    assert direct_labels(parse(chart_svg(chart))) == [fmt.oku_yen(latest, lang)]


@pytest.mark.parametrize("chart", [population(None, "ja"), population("azabu", "ja"), budget("ja")],
                         ids=["ward", "azabu", "budget"])
def test_svg_is_small_and_the_same_bytes_every_time(chart: Chart) -> None:
    for style in (CARD, SLIDE_WIDE, SLIDE_NARROW):
        svg = chart_svg(chart, style, text=html_text)
        assert len(svg.encode("utf-8")) <= SIZE_BUDGET, (style.name, len(svg.encode("utf-8")))
        assert svg == chart_svg(copy.deepcopy(chart), style, text=html_text)
        assert not re.search(r"\d\.\d\d", re.sub(r"<title.*?</title>|<text.*?</text>|<desc.*?</desc>", "", svg))
    rebuilt = budget("ja") if chart.key.startswith("budget") else population(
        None if chart.key.endswith("ward") else "azabu", "ja")
    assert chart_svg(rebuilt) == chart_svg(chart)


def hostile(chart: Chart) -> Chart:
    """``chart`` with the payload in its title, alt text, trace names, templates, axis titles and annotations."""
    bad = copy.deepcopy(chart)
    bad.title += HOSTILE
    bad.alt_text += HOSTILE
    for trace in bad.figure.data:
        trace.name = (trace.name or "") + HOSTILE
        if trace.hovertemplate:
            trace.hovertemplate = HOSTILE + trace.hovertemplate
    bad.figure.update_yaxes(title=(bad.figure.layout.yaxis.title.text or "") + HOSTILE)
    bad.figure.update_xaxes(title=(bad.figure.layout.xaxis.title.text or "") + HOSTILE)
    for note in bad.figure.layout.annotations:
        note.text = note.text + HOSTILE
    return bad


@pytest.mark.parametrize("chart", [population(None, "en"), population("azabu", "zh"), budget("ja")],
                         ids=["ward", "azabu", "budget"])
def test_texts_from_data_never_become_elements(chart: Chart) -> None:
    bad = hostile(chart)
    for svg in (chart_svg(bad), chart_svg(bad, SLIDE_WIDE, text=html_text)):
        root = parse(svg)  # still well-formed XML
        tags = {el.tag.removeprefix(SVG) for el in root.iter()}
        assert not tags & {"img", "script", "a", "foreignObject"}, tags
        assert not re.search(r"<(img|script|a)\b", svg, re.I)
        assert "onerror" not in " ".join(k for el in root.iter() for k in el.attrib)
        assert root.find("s:title", NS).text == bad.title  # shown as text, intact
    md = chart_svg(bad, text=html_text)
    assert "![" not in md and "https://" not in md and "]]>" not in md  # inert inside st.markdown too


def test_wrap_breaks_latin_at_spaces_and_cjk_anywhere_but_before_closing_marks() -> None:
    assert wrap("Our estimate: linear trend (not an official projection)", 200, 13) == [
        "Our estimate: linear trend", "(not an official projection)"]
    lines = wrap("当サイトの推計：直線傾向（公式の推計ではありません）", 25 * 15, 15)
    assert "".join(lines) == "当サイトの推計：直線傾向（公式の推計ではありません）"
    assert len(lines) == 2 and not lines[1].startswith("）")
    assert wrap("", 100, 13) == [""]


@pytest.mark.parametrize("lang", LANGS)
def test_direct_labels_never_overlap(lang: str) -> None:
    for chart in [*(population(area, lang) for area in AREAS), budget(lang)]:
        root = parse(chart_svg(chart))
        halo = next((g for g in root.iter(f"{SVG}g") if g.get("font-weight") == "700"), None)
        boxes = []
        for el in halo if halo is not None else []:
            left, base = float(el.get("x")), float(el.get("y"))
            boxes.append((left, base - 0.9 * CARD.font, left + text_width(text_of(el), CARD.font), base))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
                assert apart, (chart.key, a, b)
