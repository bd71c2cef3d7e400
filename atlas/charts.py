"""Plotly chart builders: data in, a figure plus its data table, alt text and sources out.

No Streamlit here; ``components/chart_card.py`` renders a :class:`Chart`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from atlas import formatting as fmt
from atlas.districts import area_label, district_by_id
from atlas.estimates import TrendEstimate, trend_estimate
from atlas.figures import BudgetFigure, budget, latest, series
from atlas.i18n import t

WARD_COLOUR = "#404040"
CENSUS_COLOUR = "#000000"
SECONDARY_PATTERN = "/"


@dataclass(frozen=True)
class PlanPoint:
    """A figure stated by the Basic Plan (seed), e.g. 282,317 people on 2027-01-01."""

    date: dt.date
    value: int
    source: str


@dataclass
class Chart:
    """A figure with what accessibility and provenance need next to it."""

    key: str
    title: str
    figure: go.Figure
    table: pd.DataFrame
    alt_text: str
    sources: list[tuple[str, dt.date | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _layout(fig: go.Figure, y_title: str) -> go.Figure:
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=320, hovermode="x unified",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        yaxis={"title": y_title, "separatethousands": True, "rangemode": "normal"},
        plot_bgcolor="#ffffff", font={"family": "Noto Sans CJK JP, sans-serif"},
    )
    fig.update_xaxes(showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(showgrid=True, gridcolor="#eeeeee")
    return fig


def population_chart(area: str | None, lang: str, base: PlanPoint, projection: PlanPoint) -> Chart:
    """Resident-register series of the ward or a district, the 2020 census, and the plan's projection.

    For the ward the projection is the plan's own figure; for a district it is a derived trend estimate.
    """
    key = area or "ward"
    district = district_by_id(area) if area else None
    name = area_label(area, lang)
    colour = district.colour if district else WARD_COLOUR
    register = series(key, "population")
    census = latest(key, "census_population")
    fig = go.Figure()
    rows: list[dict[str, object]] = []
    sources: list[tuple[str, dt.date | None]] = []

    def add_rows(label: str, points: list[tuple[dt.date, int, str, str]]) -> None:
        for day, value, source, note in points:
            rows.append({t("col_date", lang): day.isoformat(), t("col_series", lang): label,
                         t("col_value", lang): value, t("col_source", lang): source, t("col_note", lang): note})

    label = t("series_register", lang)
    fig.add_scatter(x=[o.date for o in register], y=[o.value for o in register], mode="lines+markers", name=label,
                    line={"color": colour, "width": 3}, marker={"size": 7})
    add_rows(label, [(o.date, o.value, o.source, o.derived) for o in register])
    sources += [(sid, max(o.date for o in register if o.source == sid)) for sid in sorted({o.source for o in register})]

    if census:
        label = t("series_census", lang)
        fig.add_scatter(x=[census.date], y=[census.value], mode="markers", name=label,
                        marker={"symbol": "diamond", "size": 11, "color": CENSUS_COLOUR})
        add_rows(label, [(census.date, census.value, census.source, census.derived)])
        sources.append((census.source, census.date))

    extra = ""
    if district is None:
        label = t("series_plan_projection", lang)
        fig.add_scatter(x=[base.date, projection.date], y=[base.value, projection.value], mode="lines+markers",
                        name=label, line={"color": colour, "dash": "dash", "width": 2},
                        marker={"symbol": "circle-open", "size": 10})
        add_rows(t("series_plan_base", lang), [(base.date, base.value, base.source, "")])
        add_rows(label, [(projection.date, projection.value, projection.source, "")])
        sources.append((projection.source, None))
        extra = t("alt_population_projection", lang, value=fmt.people(projection.value, lang),
                  date=fmt.date(projection.date, lang))
    else:
        estimate = trend_estimate(district.id, projection)
        if estimate is not None:
            _add_estimate(fig, estimate, register[-1].date, register[-1].value, colour, lang, add_rows)

    first, last = register[0], register[-1]
    alt = t("alt_population", lang, area=name, first=fmt.people(first.value, lang),
            first_date=fmt.date(first.date, lang), last=fmt.people(last.value, lang),
            last_date=fmt.date(last.date, lang), extra=extra)
    return Chart(f"population-{key}", f"{t('population_chart_title', lang)} — {name}",
                 _layout(fig, t("unit_people", lang)), pd.DataFrame(rows), alt, sources)


def _add_estimate(fig: go.Figure, est: TrendEstimate, last_date: dt.date, last_value: int, colour: str, lang: str,
                  add_rows) -> None:
    """Draw the derived district estimate as a dotted line from the last actual value."""
    method = t("trend_estimate_method", lang, district=district_by_id(est.district).name(lang),
               date=fmt.date(est.share_date, lang), share=fmt.percent(est.share, lang, 2),
               target_date=fmt.date(est.date, lang), projection=fmt.people(est.ward_projection, lang))
    label = t("series_trend_estimate", lang)
    fig.add_scatter(x=[last_date, est.date], y=[last_value, est.value], mode="lines+markers", name=label,
                    line={"color": colour, "dash": "dot", "width": 2}, marker={"symbol": "circle-open", "size": 10},
                    hovertemplate="%{y:,}<br>" + method.replace("%", "%%") + "<extra></extra>")
    add_rows(label, [(est.date, est.value, est.source, method)])


def budget_chart(lang: str, plan_total_oku: float, plan_source: str) -> Chart:
    """Initial general-account budgets by fiscal year (gaps stay gaps) with the plan's FY2024–2026 frame."""
    figures = budget()
    initial = [b for b in figures if b.kind == "initial_budget"]
    settled = [b for b in figures if b.kind == "settlement_expenditure"]
    fig = go.Figure()
    for reliability, label_key, pattern in (("official", "series_initial_budget", ""),
                                            ("secondary", "series_initial_budget_secondary", SECONDARY_PATTERN)):
        part = [b for b in initial if b.reliability == reliability]
        fig.add_bar(x=[b.fiscal_year for b in part], y=[b.amount_oku_yen for b in part], name=t(label_key, lang),
                    marker={"color": "#0072B2" if not pattern else "#9ecae1", "pattern": {"shape": pattern}},
                    hovertemplate="%{x}: %{y:,.1f}<extra></extra>")
    fig.add_scatter(x=[b.fiscal_year for b in settled], y=[b.amount_oku_yen for b in settled], mode="markers",
                    name=t("series_settlement", lang), marker={"symbol": "x", "size": 10, "color": "#D55E00"})
    frame = fmt.oku_yen(plan_total_oku, lang)
    fig.add_vrect(x0=2023.5, x1=2026.5, fillcolor="#E69F00", opacity=0.15, line_width=0,
                  annotation_text=t("plan_frame_short", lang), annotation_position="top left",
                  annotation_font_size=11)
    years = list(range(min(b.fiscal_year for b in initial), max(b.fiscal_year for b in initial) + 1))
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years], tickangle=0,
                     range=[years[0] - 0.6, years[-1] + 0.6], title=t("axis_fiscal_year", lang))
    table = pd.DataFrame([_budget_row(b, lang) for b in figures])
    first, last = initial[0], initial[-1]
    alt = t("alt_budget", lang, first_year=fmt.fiscal_year(first.fiscal_year, lang),
            last_year=fmt.fiscal_year(last.fiscal_year, lang), first=fmt.oku_yen(first.amount_oku_yen, lang),
            last=fmt.oku_yen(last.amount_oku_yen, lang), frame=frame)
    sources = [(sid, None) for sid in dict.fromkeys(b.source for b in figures)] + [(plan_source, None)]
    fig = _layout(fig, t("unit_oku_yen", lang))
    fig.update_layout(hovermode="closest", barmode="overlay")
    return Chart("budget-ward", t("budget_chart_title", lang), fig, table, alt, sources,
                 notes=[t("plan_frame_label", lang, amount=frame), t("budget_gaps", lang)])


def _budget_row(b: BudgetFigure, lang: str) -> dict[str, object]:
    return {t("col_fiscal_year", lang): b.fiscal_year, t("col_kind", lang): b.kind,
            t("col_amount", lang): b.amount_oku_yen, t("col_source", lang): b.source,
            t("col_reliability", lang): b.reliability, t("col_note", lang): b.note}
