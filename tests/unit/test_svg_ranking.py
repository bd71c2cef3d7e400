"""The compare page's ranking bars as inline SVG: one bar per area in order, lengths by value, text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from atlas.svg_ranking import Bar, ranking_svg

NS = {"s": "http://www.w3.org/2000/svg"}


def bars() -> list[Bar]:
    return [Bar("Shiba", 300.0, "300", "#0072B2"), Bar("Azabu", 150.0, "150", "#D55E00", selected=True),
            Bar("<b>x</b>", 0.0, "0", "#009E73")]


def test_one_bar_per_area_in_order_with_lengths_by_value() -> None:
    root = ET.fromstring(ranking_svg(bars(), "Ranking", "Shiba 300; Azabu 150"))
    rects = root.findall(".//s:rect", NS)
    assert len(rects) == 3
    widths = [float(r.get("width")) for r in rects]
    assert widths[0] > widths[1] > widths[2] and abs(widths[0] / widths[1] - 2.0) < 0.05
    assert [g.find("s:title", NS).text for g in root.findall("s:g", NS)] == ["Shiba: 300", "Azabu: 150", "<b>x</b>: 0"]


def test_name_description_selection_and_ward_line() -> None:
    svg = ranking_svg(bars(), "Ranking", "Shiba 300; Azabu 150", ward=(200.0, "Whole ward: 200"))
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find("s:title", NS).text == "Ranking" and root.find("s:desc", NS).text == "Shiba 300; Azabu 150"
    outlined = [r for r in root.findall(".//s:rect", NS) if r.get("stroke-width") == "3"]
    assert len(outlined) == 1 and outlined[0].get("fill") == "#D55E00"
    assert "Whole ward: 200" in svg and 'stroke-dasharray="5 4"' in svg


def test_hostile_text_stays_text() -> None:
    svg = ranking_svg(bars(), "<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
    assert "<script>" not in svg and "<img" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg


def test_negative_values_grow_left_of_zero() -> None:
    root = ET.fromstring(ranking_svg([Bar("A", 2.0, "+2", "#0072B2"), Bar("B", -1.0, "-1", "#D55E00")], "t", "a"))
    a, b = root.findall(".//s:rect", NS)
    assert float(b.get("x")) < float(a.get("x")), "the negative bar starts left of the zero line"


def test_a_ward_total_far_beyond_the_bars_is_written_not_drawn() -> None:
    svg = ranking_svg(bars(), "t", "a", ward=(500.0, "Whole ward: 500"))
    assert "Whole ward: 500" in svg and "stroke-dasharray" not in svg
    widths = [float(r.get("width")) for r in ET.fromstring(svg).findall(".//s:rect", NS)]
    full = ET.fromstring(ranking_svg(bars(), "t", "a")).findall(".//s:rect", NS)
    assert widths == [float(r.get("width")) for r in full], "the scale ignores a ward value it does not draw"
