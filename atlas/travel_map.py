"""'Download this map (HTML)': the compare map's current view as one folium file that opens offline. No Streamlit.

The file holds the indicator's choropleth (districts or chome) with its legend, a tooltip per area, the chosen
point layers, the credit lines the boundary data's licence asks for, and the sources with their dates. Leaflet's
script and styles are inlined from the vendored copy (static/leaflet), and folium's default CDN links (Leaflet,
jQuery, Bootstrap, Awesome Markers: none used here) are dropped, so nothing is fetched from the network. No
background tiles: a base map needs the internet, the choropleth does not.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import folium

from atlas.choropleth import MISSING, classify, fills
from atlas.compare import IndicatorView, legend_title, number_only
from atlas.districts import districts
from atlas.i18n import t
from atlas.map_layers import BOUNDARY_SOURCE
from atlas.sources import sources
from atlas.travel_chart import page_html, sources_html
from geo.layers import chome_list
from geo.paths import ROOT
from geo.payload import bounds, chome_payload, districts_payload

LEAFLET = ROOT / "static" / "leaflet"
POINT_COLOURS = {"shelter": "#D55E00", "evacuation_site": "#009E73", "office": "#000000"}
Point = tuple[str, float, float, str]
"""A point layer's marker: (kind, lat, lng, name)."""


def layer_points(layers: Iterable[str], lang: str) -> list[Point]:
    """The markers of the chosen point layers (``shelters``, ``evacuation``, ``offices``), names as published."""
    from atlas.facilities import evacuation_sites, shelters
    from atlas.offices import office_label, offices

    out: list[Point] = []
    if "shelters" in layers:
        out += [("shelter", f.lat, f.lng, f.name_ja) for f in shelters()]
    if "evacuation" in layers:
        out += [("evacuation_site", f.lat, f.lng, f.name_ja) for f in evacuation_sites()]
    if "offices" in layers:
        out += [("office", o.lat, o.lng, office_label(o, lang)) for o in offices()]
    return out


def _areas(view: IndicatorView, level: str, lang: str) -> tuple[dict, dict[str, float | None]]:
    """The level's GeoJSON (key in ``k``/``id``) with each area's name and shown value, and the raw values."""
    if level == "chome":
        values = {c.key_code: view.chome.get(c.key_code) for c in chome_list()}
        names = {c.key_code: c.name(lang) for c in chome_list()}
        layer = chome_payload(dict.fromkeys(names, ""))
        key = "k"
    else:
        values = {d.id: view.district.get(d.id) for d in districts()}
        names = {d.id: d.name(lang) for d in districts()}
        layer = districts_payload(dict.fromkeys(names, ""), dict.fromkeys(names, MISSING))
        key = "id"
    for feature in layer["features"]:
        area = feature["properties"][key]
        feature["properties"] = {"area": area, "name": html.escape(names[area]),
                                 "value": html.escape(view.format(values[area]))}
    return layer, values


def legend_html(view: IndicatorView, values: dict[str, float | None], lang: str) -> str:
    """The colour classes with their bounds, the 'no value' swatch, under the legend's title and date."""
    classes = classify(values)
    rows = [(c, label) for c, label in classes.labels(number_only(view))] + [(MISSING, "—")]
    items = "".join(f'<li><span class="swatch" style="background:{c}"></span>{html.escape(label)}</li>'
                    for c, label in rows)
    return (f'<div class="legend"><strong>{html.escape(legend_title(view, lang))}</strong>'
            f"<ul>{items}</ul></div>")


def inline_leaflet(m: folium.Map) -> None:
    """Drop folium's CDN links; put the vendored Leaflet (script and styles) in the page's head instead."""
    m.default_js, m.default_css = [], []
    css = (LEAFLET / "leaflet.css").read_text(encoding="utf-8")
    js = (LEAFLET / "leaflet.js").read_text(encoding="utf-8")
    header = m.get_root().header
    header.add_child(folium.Element(f"<style>{css}</style>"), name="leaflet_css_inline")
    header.add_child(folium.Element(f"<script>{js}</script>"), name="leaflet_js_inline")


def travel_map(view: IndicatorView, level: str, lang: str, points: Sequence[Point] = ()) -> folium.Map:
    """The folium map of one indicator at ``level`` ('district' or 'chome'), fitted to the ward."""
    layer, values = _areas(view, level, lang)
    colours = fills(values, classify(values))
    (south, west), (north, east) = bounds()
    m = folium.Map(tiles=None, zoom_control=True, control_scale=True, prefer_canvas=False)
    m.fit_bounds([[south, west], [north, east]])
    inline_leaflet(m)
    folium.GeoJson(
        layer, name=html.escape(view.label),
        style_function=lambda f: {"fillColor": colours.get(f["properties"]["area"], MISSING), "fillOpacity": 0.8,
                                  "color": "#333333", "weight": 1},
        highlight_function=lambda f: {"weight": 3},
        tooltip=folium.GeoJsonTooltip(fields=["name", "value"], labels=False, sticky=True),
    ).add_to(m)
    for kind, lat, lng, name in points:
        folium.CircleMarker([lat, lng], radius=5, color="#ffffff", weight=1, fill=True, fill_opacity=1,
                            fill_color=POINT_COLOURS.get(kind, "#000000"), tooltip=html.escape(name)).add_to(m)
    return m


def map_html(view: IndicatorView, level: str, lang: str, points: Sequence[Point] = (),
             refs: Iterable[tuple[str, object]] = ()) -> bytes:
    """The whole offline page: title, the map, its legend, the credit lines, and every source with its date."""
    layer, values = _areas(view, level, lang)
    m = travel_map(view, level, lang, points)
    m.get_root().render()
    head = m.get_root().header.render()
    body = m.get_root().html.render()
    script = m.get_root().script.render()
    title = legend_title(view, lang)
    credit = sources()[BOUNDARY_SOURCE].credit
    all_refs = [*view.refs, *refs, (BOUNDARY_SOURCE, None)]
    text = (f"<h1>{html.escape(title)}</h1>"
            f'<div class="map-box">{body}</div>{legend_html(view, values, lang)}'
            f'<p class="note">{html.escape(t("map_credit_heading", lang))}: <span lang="ja">{html.escape(credit)}'
            f"</span> · Leaflet · folium</p>"
            f"<h2>{html.escape(t('travel_sources', lang))}</h2>{sources_html(all_refs, lang, view.uploaded)}"
            f"<script>{script}</script>")
    style = ("<style>.map-box{height:70vh;border:1px solid #999}.legend ul{list-style:none;padding:0}"
             ".swatch{display:inline-block;width:1em;height:1em;margin-right:.4em;vertical-align:middle;"
             "border:1px solid #666}</style>")
    return page_html(title, text, lang, head=head + style).encode("utf-8")
