"""Interactive Plotly figures for /compare: each dated indicator over time, and any two indicators against each
other. Texts that reach Plotly's pseudo-HTML (hover, axis titles: an upload's header among them) are escaped.
No Streamlit; ``components/compare_explore.py`` draws them (Plotly's bundle loads on /compare only).

>>> [m.indicator for m in dated_measures()]
['population', 'households', 'foreign_residents']
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from html import escape as esc

import numpy as np
import plotly.graph_objects as go

from atlas import formatting as fmt
from atlas.compare import IndicatorView, legend_title
from atlas.districts import area_label, districts
from atlas.figures import population, series
from atlas.i18n import t
from atlas.indicators import SourceRef, definition
from geo.layers import chome_list

WARD_COLOUR = "#404040"
MEASURE_INDICATORS = {"population": "population", "households": "households",
                      "foreign_population": "foreign_residents"}
"""Register measures (data/figures/population.csv) and the registry indicator whose label, unit and format they
share (the indicator is the measure's latest value)."""
PLOT_FONT = "Noto Sans CJK JP, sans-serif"
MODEBAR_TEXTS = {"Zoom": "plotly_zoom", "Pan": "plotly_pan", "Box Select": "plotly_box_select",
                 "Lasso Select": "plotly_lasso_select", "Zoom in": "plotly_zoom_in", "Zoom out": "plotly_zoom_out",
                 "Autoscale": "plotly_autoscale", "Reset axes": "plotly_reset_axes",
                 "Download plot as a png": "plotly_download_png", "Download plot as a PNG": "plotly_download_png",
                 "Download plot": "plotly_download", "Show closest data on hover": "plotly_hover_closest",
                 "Compare data on hover": "plotly_hover_compare", "Toggle Spike Lines": "plotly_spikelines",
                 "Double-click to zoom back out": "plotly_double_click", "Produced with Plotly.js": "plotly_produced",
                 "Reset view": "plotly_reset_view"}
"""plotly.js's own texts (its dictionary keys) and our i18n keys for them: the mode bar speaks the view's language."""
DATE_TICKS = {"ja": "%Y年%-m月", "zh": "%Y年%-m月", "en": "%b %Y"}


def plot_config(name: str, lang: str) -> dict:
    """Plotly's config: no logo, the camera saves a PNG named ``name``, the mode bar's texts in ``lang``.

    >>> plot_config("x", "ja")["locales"]["ja"]["dictionary"]["Reset axes"]
    '軸を元に戻す'
    """
    dictionary = {text: t(key, lang) for text, key in MODEBAR_TEXTS.items()}
    return {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
            "locale": lang, "locales": {lang: {"dictionary": dictionary}}}


@dataclass(frozen=True)
class DatedMeasure:
    measure: str
    indicator: str


@dataclass
class ExploreFigure:
    """A figure with its title, alt text, the sources under it, and (scatter) the fitted line's method sentence."""

    title: str
    figure: go.Figure
    alt: str
    refs: list[SourceRef] = field(default_factory=list)
    fit_text: str = ""


def dated_measures() -> list[DatedMeasure]:
    """The register measures counted on two or more dates in every district and the ward (the census, counted
    once, is not a series)."""
    areas = [d.id for d in districts()] + ["ward"]
    measures = {o.measure for o in population()}
    return [DatedMeasure(m, ind) for m, ind in MEASURE_INDICATORS.items()
            if m in measures and all(len(series(a, m)) >= 2 for a in areas)]


def _layout(fig: go.Figure, x_title: str, y_title: str, lang: str) -> go.Figure:
    fig.update_layout(margin={"l": 70, "r": 10, "t": 40, "b": 10}, height=420, plot_bgcolor="#ffffff",
                      font={"family": PLOT_FONT}, legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0},
                      xaxis={"title": {"text": x_title}}, yaxis={"title": {"text": y_title}, "separatethousands": True},
                      hoverlabel={"namelength": -1})
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee", automargin=True)
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee", automargin=True)  # tick labels never cut off
    return fig


def series_figure(measure: DatedMeasure, lang: str) -> ExploreFigure:
    """The measure's register counts in the five districts (their colours) and the whole ward (dashed grey)."""
    d = definition(measure.indicator)
    label, unit = d.label(lang), d.unit(lang)
    fig = go.Figure()
    refs: list[SourceRef] = []
    firsts, lasts = [], []
    for area, colour, dash in [(x.id, x.colour, "solid") for x in districts()] + [("ward", WARD_COLOUR, "dash")]:
        points = series(area, measure.measure)
        name = area_label(area, lang)
        hover = [t("chart_point", lang, series=name, date=fmt.date(o.date, lang),
                   value=f"{o.value:,} {unit}".strip()) for o in points]
        fig.add_scatter(x=[o.date.isoformat() for o in points], y=[o.value for o in points], name=name,
                        mode="lines+markers", line={"color": colour, "dash": dash, "width": 2.5},
                        hovertext=hover, hoverinfo="text")
        refs += [(o.source, o.date) for o in points]
        firsts.append(points[0].date)
        lasts.append(points[-1].date)
    _layout(fig, t("hover_date", lang), f"{label} ({unit})", lang)
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(tickformat=DATE_TICKS.get(lang, DATE_TICKS["en"]))  # dates in the view's format
    title = f"{label} — {t('series_heading', lang)}"
    alt = t("series_alt", lang, measure=label, first=fmt.date(min(firsts), lang), last=fmt.date(max(lasts), lang))
    return ExploreFigure(title, fig, alt, list(dict.fromkeys(refs)))


@dataclass(frozen=True)
class Fit:
    """Ordinary least squares y = slope · x + intercept over ``n`` points, with Pearson's r."""

    slope: float
    intercept: float
    r: float
    n: int


def least_squares(xs: list[float], ys: list[float]) -> Fit | None:
    """The OLS line through the points (None below three points or when every x is the same).

    >>> least_squares([1, 2, 3], [2, 4, 6])
    Fit(slope=2.0, intercept=0.0, r=1.0, n=3)
    """
    if len(xs) < 3 or len(set(xs)) < 2:
        return None
    slope, intercept = np.polyfit(np.asarray(xs, float), np.asarray(ys, float), 1)
    r = float(np.corrcoef(xs, ys)[0, 1]) if len(set(ys)) > 1 else 0.0
    return Fit(round(float(slope), 12), round(float(intercept), 9) + 0.0, round(r, 12), len(xs))


def scatter_points(x: IndicatorView, y: IndicatorView, level: str, lang: str) -> list[tuple[str, str, float, float]]:
    """(area key, name, x value, y value) of every area with both values: the five districts, or the land chome."""
    if level == "chome":
        names = {c.key_code: c.name(lang) for c in chome_list()}
        xs, ys = x.chome, y.chome
    else:
        names = {d.id: d.name(lang) for d in districts()}
        xs, ys = x.district, y.district
    out = []
    for key, name in names.items():
        a, b = xs.get(key), ys.get(key)
        if a is not None and b is not None and math.isfinite(a) and math.isfinite(b):
            out.append((key, name, float(a), float(b)))
    return out


def _when(view: IndicatorView, key: str, level: str, lang: str) -> str:
    """The date of one area's value ('' when the view gives none)."""
    day: dt.date | None = view.dates.get(key) if level == "district" else None
    day = day or view.as_of
    return fmt.date(day, lang) if day else ""


def scatter_figure(x: IndicatorView, y: IndicatorView, level: str, lang: str, fit: bool = False) -> ExploreFigure:
    """One point per district (their colours) or chome; hover gives the name, both values and their dates. With
    ``fit``, the least-squares line and a sentence stating the method, its equation, r and n."""
    points = scatter_points(x, y, level, lang)
    colours = {d.id: d.colour for d in districts()}
    chome_district = {c.key_code: c.district for c in chome_list()}
    fig = go.Figure()
    hover = []
    for key, name, a, b in points:
        dx, dy = _when(x, key, level, lang), _when(y, key, level, lang)
        hover.append(f"<b>{esc(name)}</b><br>{esc(x.label)}: {esc(x.format(a))}{f' ({dx})' if dx else ''}"
                     f"<br>{esc(y.label)}: {esc(y.format(b))}{f' ({dy})' if dy else ''}")
    colour = [colours.get(k if level == "district" else chome_district.get(k, ""), WARD_COLOUR) for k, *_ in points]
    fig.add_scatter(x=[p[2] for p in points], y=[p[3] for p in points], mode="markers",
                    name=t(f"level_{level}", lang), hovertext=hover, hoverinfo="text",
                    marker={"color": colour, "size": 12 if level == "district" else 8,
                            "line": {"color": "#ffffff", "width": 1}})
    if level == "district":
        fig.update_traces(mode="markers+text", text=[p[1] for p in points], textposition="top center")
    fit_text = ""
    if fit:
        line = least_squares([p[2] for p in points], [p[3] for p in points])
        if line is None:
            fit_text = t("scatter_too_few", lang)
        else:
            lo, hi = min(p[2] for p in points), max(p[2] for p in points)
            fig.add_scatter(x=[lo, hi], y=[line.slope * lo + line.intercept, line.slope * hi + line.intercept],
                            mode="lines", name=t("scatter_fit", lang), hoverinfo="skip",
                            line={"color": "#000000", "dash": "dot", "width": 2})
            fit_text = t("scatter_fit_method", lang, slope=f"{line.slope:.4g}", intercept=f"{line.intercept:.4g}",
                         r=f"{line.r:.2f}", n=line.n)
    _layout(fig, esc(legend_title(x, lang)), esc(legend_title(y, lang)), lang)
    fig.update_layout(showlegend=fit, hovermode="closest")
    title = f"{y.label} × {x.label}"
    alt = t("scatter_alt", lang, x=x.label, y=y.label, level=t(f"level_{level}", lang))
    refs = list(dict.fromkeys([*x.refs, *y.refs]))
    return ExploreFigure(title, fig, alt, refs, fit_text)
