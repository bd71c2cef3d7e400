"""Plotly chart builders: data in, a figure plus its data table, alt text and sources out.

No Streamlit here; ``components/chart_card.py`` renders a :class:`Chart`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from atlas import formatting as fmt
from atlas.content import PlanContent
from atlas.districts import area_label, district_by_id, districts
from atlas.estimate_text import estimate_texts
from atlas.estimates import DistrictEstimate, district_estimate
from atlas.figures import BudgetFigure, budget, budget_notes, latest, series
from atlas.i18n import t
from atlas.sources import source_titles

WARD_COLOUR = "#404040"
CENSUS_COLOUR = "#000000"
SECONDARY_PATTERN = "/"
FISCAL_SCALE_ID = "plan_budget_fy2024_2026"


@dataclass(frozen=True)
class PlanPoint:
    """A figure stated by the Basic Plan (seed), e.g. 282,317 people on 2027-01-01."""

    date: dt.date
    value: int
    source: str


def plan_points(plan: PlanContent) -> tuple[PlanPoint, PlanPoint]:
    """The plan's base (266,306 on 2024-01-01) and its ward projection (282,317 for 2027-01-01)."""
    base, proj = (plan.ward.key_figure(k) for k in ("population_2024", "population_projection_2027"))
    return PlanPoint(base.date, int(base.value), plan.source), PlanPoint(proj.date, int(proj.value), plan.source)


@dataclass
class Chart:
    """A figure with what accessibility and provenance need next to it.

    ``table`` is the data table for people, in the view's language (dates in its format, source titles, words
    for codes); ``records`` holds the same rows for code (dates as dates, codes as codes), e.g. for the handout.
    """

    key: str
    title: str
    figure: go.Figure
    table: pd.DataFrame
    alt_text: str
    sources: list[tuple[str, dt.date | None]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    estimate: DistrictEstimate | None = None
    y_range: tuple[float, float] | None = None
    records: pd.DataFrame = field(default_factory=pd.DataFrame)
    lang: str = ""
    """The view's language of the texts (tooltips format their dates in it); '' for ISO dates."""
    technical: str = ""  # the estimate's method, range and backtest record, shown one click away


def point_text(series: str, day: dt.date, value: int, lang: str) -> str:
    """What a data point says when tapped, focused or hovered: series, date and value in the view's format."""
    return t("chart_point", lang, series=series, date=fmt.date(day, lang), value=fmt.people(value, lang))


def budget_text(series: str, figure: BudgetFigure, lang: str) -> str:
    """What a budget bar or settlement mark says: series, fiscal year and amount in the view's format."""
    return t("chart_point", lang, series=series, date=fmt.fiscal_year(figure.fiscal_year, lang),
             value=fmt.oku_yen(figure.amount_oku_yen, lang))


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

    For the ward the projection is the plan's own figure, with the sum of the district estimates beside it;
    for a district it is this dashboard's estimate by the method the backtest chose (:mod:`atlas.estimates`), never
    the plan's, or a sentence saying why there is none. ``notes`` start with the plain sentences about the estimate
    and end with the axis baseline; ``technical`` holds the method sentence.
    """
    key = area or "ward"
    district = district_by_id(area) if area else None
    name = area_label(area, lang)
    colour = district.colour if district else WARD_COLOUR
    register = series(key, "population")
    census = latest(key, "census_population")
    fig = go.Figure()
    rows: list[dict[str, object]] = []
    records: list[dict[str, object]] = []
    sources: list[tuple[str, dt.date | None]] = []

    def add_rows(label: str, points: list[tuple[dt.date, int, tuple[str, ...], str]]) -> None:
        """Table rows in the view's language: date in its format, source titles (not ids), notes in words."""
        for day, value, ids, note in points:
            rows.append({t("col_date", lang): fmt.date(day, lang), t("col_series", lang): label,
                         t("col_value", lang): value, t("col_source", lang): source_titles(ids, lang),
                         t("col_note", lang): note})
            records.append({"date": day, "series": label, "value": value, "sources": ids})

    label = t("series_register", lang)
    fig.add_scatter(x=[o.date for o in register], y=[o.value for o in register], mode="lines+markers+text",
                    name=label, line={"color": colour, "width": 3}, marker={"size": 7},
                    text=[""] * (len(register) - 1) + [fmt.people(register[-1].value, lang)], textposition="top left",
                    hovertext=[point_text(label, o.date, o.value, lang) for o in register])
    add_rows(label, [(o.date, o.value, (o.source,), o.derived_text(lang)) for o in register])
    sources += [(sid, max(o.date for o in register if o.source == sid)) for sid in sorted({o.source for o in register})]

    if census:
        label = t("series_census", lang)
        fig.add_scatter(x=[census.date], y=[census.value], mode="markers", name=label,
                        marker={"symbol": "diamond", "size": 11, "color": CENSUS_COLOUR},
                        hovertext=[point_text(label, census.date, census.value, lang)])
        add_rows(label, [(census.date, census.value, (census.source,), census.derived_text(lang))])
        sources.append((census.source, census.date))

    extra, notes, estimate, technical = "", [], None, ""
    if district is None:
        label = t("series_plan_projection", lang)
        # two marked points and no line: the plan states no path between its base figure and its projection
        fig.add_scatter(x=[base.date, projection.date], y=[base.value, projection.value], mode="markers+text",
                        name=t("series_plan_points", lang), marker={"symbol": "circle-open", "size": 10,
                                                                     "color": colour, "line": {"width": 2}},
                        text=["", fmt.people(projection.value, lang)], textposition="top left",
                        hovertext=[point_text(t("series_plan_base", lang), base.date, base.value, lang),
                                   point_text(label, projection.date, projection.value, lang)])
        add_rows(t("series_plan_base", lang), [(base.date, base.value, (base.source,), "")])
        add_rows(label, [(projection.date, projection.value, (projection.source,),
                          t("projection_target", lang, date=fmt.date(projection.date, lang)))])
        sources.append((projection.source, None))
        extra = t("alt_population_projection", lang, value=fmt.people(projection.value, lang),
                  date=fmt.date(projection.date, lang))
        notes.append(t("plan_points_note", lang, base=fmt.people(base.value, lang),
                       base_date=fmt.date(base.date, lang),
                       projection=fmt.people(projection.value, lang), target=fmt.date(projection.date, lang)))
        notes += _district_sum(fig, projection, lang, add_rows)
    else:
        texts = estimate_texts(district.id, projection.date, lang)
        notes += texts.plain
        technical = texts.technical
        estimate = district_estimate(district.id, projection.date)
        if estimate is not None:
            _add_estimate(fig, estimate, colour, lang, add_rows, " ".join([*texts.plain, technical]))

    first, last = register[0], register[-1]
    alt = t("alt_population", lang, area=name, first=fmt.people(first.value, lang),
            first_date=fmt.date(first.date, lang), last=fmt.people(last.value, lang),
            last_date=fmt.date(last.date, lang), extra=extra)
    fig = _layout(fig, t("unit_people", lang))
    y_range = _value_range(fig)
    fig.update_yaxes(range=list(y_range))
    notes.append(baseline_note(y_range, lang))
    return Chart(f"population-{key}", f"{t('population_chart_title', lang)} — {name}", fig, pd.DataFrame(rows),
                 alt, sources, notes, estimate, y_range, records=pd.DataFrame(records), lang=lang, technical=technical)


def _value_range(fig: go.Figure) -> tuple[float, float]:
    """The y-axis range that shows every plotted value and error bar with a small margin."""
    values: list[float] = []
    for trace in fig.data:
        ys = [float(y) for y in (trace.y or ()) if y is not None]
        values += ys
        err = getattr(trace, "error_y", None)
        if err is not None and err.array is not None:
            values += [y + e for y, e in zip(ys, err.array, strict=False)]
            values += [y - e for y, e in zip(ys, err.arrayminus or err.array, strict=False)]
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, 1.0)
    return low - pad, high + pad


def baseline_note(y_range: tuple[float, float], lang: str) -> str:
    """Say that the axis does not start at zero and how large the whole span is, relative to its bottom."""
    low, high = y_range
    return t("axis_baseline", lang, start=f"{round(low):,}", span=fmt.percent((high - low) / low, lang))


def _add_estimate(fig: go.Figure, est: DistrictEstimate, colour: str, lang: str, add_rows, note: str) -> None:
    """Draw this dashboard's estimate (dotted path, open marker, range bar) and add its table row with ``note``."""
    label = t("series_trend_estimate", lang)
    fig.add_scatter(x=[d for d, _ in est.path], y=[v for _, v in est.path], mode="lines", name=label,
                    line={"color": colour, "dash": "dot", "width": 2}, hoverinfo="skip", legendgroup="estimate")
    fig.add_scatter(x=[est.date], y=[est.value], mode="markers+text", showlegend=False, legendgroup="estimate",
                    marker={"symbol": "circle-open", "size": 11, "color": colour, "line": {"width": 2}},
                    error_y={"type": "data", "symmetric": False, "array": [est.high - est.value],
                             "arrayminus": [est.value - est.low], "color": colour, "thickness": 1.5, "width": 8},
                    text=[t("chart_estimate_label", lang, value=fmt.people(est.value, lang))], textposition="top left",
                    hovertext=[t("chart_estimate_point", lang, series=label, date=fmt.date(est.date, lang),
                                 value=fmt.people(est.value, lang), low=f"{est.low:,}", high=f"{est.high:,}")],
                    hovertemplate=f"{label}: %{{y:,}} ({est.low:,}–{est.high:,})<extra></extra>")
    add_rows(label, [(est.date, est.value, tuple(est.sources), note)])


def district_estimates_sum(target: dt.date) -> int | None:
    """Sum of the five districts' estimates for ``target`` (None if any district has none)."""
    values = [district_estimate(d.id, target) for d in districts()]
    return None if any(v is None for v in values) else sum(v.value for v in values if v is not None)


def _district_sum(fig: go.Figure, projection: PlanPoint, lang: str, add_rows) -> list[str]:
    """Mark the sum of the district estimates beside the plan's projection and state the gap."""
    total = district_estimates_sum(projection.date)
    if total is None:
        missing = [d.name(lang) for d in districts() if district_estimate(d.id, projection.date) is None]
        return [t("estimate_sum_missing", lang, areas=t("list_separator", lang).join(missing))]
    label = t("series_estimate_sum", lang)
    fig.add_scatter(x=[projection.date], y=[total], mode="markers", name=label,
                    marker={"symbol": "x-thin-open", "size": 12, "color": "#D55E00", "line": {"width": 2}},
                    hovertext=[point_text(label, projection.date, total, lang)],
                    hovertemplate=f"{label}: %{{y:,}}<extra></extra>")
    gap = projection.value - total
    note = t("estimate_sum_note", lang, target=fmt.date(projection.date, lang), total=fmt.people(total, lang),
             plan=fmt.people(projection.value, lang), gap=fmt.people(abs(gap), lang),
             direction=t("gap_below" if gap > 0 else "gap_above", lang))
    add_rows(label, [(projection.date, total, (), note)])
    return [note]


@dataclass(frozen=True)
class FiscalScale:
    """The plan's stated fiscal scale (計画総規模) and the plan period it sits in, as plan.yaml gives them."""

    total_oku: float
    source: str
    years: tuple[int, int]
    plan_years: tuple[int, int]
    revised: int

    def words(self) -> dict[str, int]:
        """Placeholders of the i18n strings that describe the scale and the plan period."""
        return {"scale_start": self.years[0], "scale_end": self.years[1], "plan_start": self.plan_years[0],
                "plan_end": self.plan_years[1], "revised": self.revised}


def fiscal_scale(plan: PlanContent) -> FiscalScale:
    """The fiscal scale key figure of ``plan`` with its fiscal years and the plan period."""
    figure, period = plan.ward.key_figure(FISCAL_SCALE_ID), plan.ward.plan_period
    years = figure.fiscal_years or (period.start_fy, period.end_fy)
    return FiscalScale(float(figure.value), plan.source, years, (period.start_fy, period.end_fy), period.revised_fy)


def budget_chart(lang: str, scale: FiscalScale) -> Chart:
    """Initial general-account budgets by fiscal year (gaps stay gaps), settlements and notes on single bars.

    The plan's fiscal scale (e.g. 5,739億円 for FY2024–2026 in total) is a different measure: it is marked as a span
    above the bars and stated in the notes in the summary's own terms, never drawn as if it were a bar.
    """
    figures = budget()
    initial = [b for b in figures if b.kind == "initial_budget"]
    settled = [b for b in figures if b.kind == "settlement_expenditure"]
    fig = go.Figure()
    for reliability, label_key, pattern in (("official", "series_initial_budget", ""),
                                            ("secondary", "series_initial_budget_secondary", SECONDARY_PATTERN)):
        part = [b for b in initial if b.reliability == reliability]
        fig.add_bar(x=[b.fiscal_year for b in part], y=[b.amount_oku_yen for b in part], name=t(label_key, lang),
                    marker={"color": "#0072B2" if not pattern else "#9ecae1", "pattern": {"shape": pattern}},
                    text=[fmt.oku_yen(b.amount_oku_yen, lang) if b == initial[-1] else "" for b in part],
                    hovertext=[budget_text(t(label_key, lang), b, lang) for b in part],
                    hovertemplate="%{x}: %{y:,.1f}<extra></extra>")
    fig.add_scatter(x=[b.fiscal_year for b in settled], y=[b.amount_oku_yen for b in settled], mode="markers",
                    name=t("series_settlement", lang), marker={"symbol": "x", "size": 10, "color": "#D55E00"},
                    hovertext=[budget_text(t("series_settlement", lang), b, lang) for b in settled])
    amounts = {(b.fiscal_year, b.kind): b.amount_oku_yen for b in figures}
    for note in (n for n in budget_notes() if n.on_chart):
        fig.add_annotation(x=note.fiscal_year, y=amounts[(note.fiscal_year, note.kind)], text="*", showarrow=False,
                           yshift=10, font={"size": 16})
    span = scale.years
    fig.add_shape(type="line", x0=span[0] - 0.4, x1=span[1] + 0.4, y0=1.04, y1=1.04, yref="paper",
                  line={"color": "#7a5200", "width": 2})
    fig.add_annotation(x=span[1] + 0.4, y=1.04, yref="paper", xanchor="right", yanchor="bottom", showarrow=False,
                       text=t("plan_scale_short", lang, **scale.words()), font={"size": 11, "color": "#7a5200"})
    years = list(range(min(b.fiscal_year for b in initial), max(b.fiscal_year for b in initial) + 1))
    fig.update_xaxes(tickmode="array", tickvals=years, ticktext=[str(y) for y in years], tickangle=0,
                     range=[years[0] - 0.6, years[-1] + 0.6], title=t("axis_fiscal_year", lang))
    table = pd.DataFrame([_budget_row(b, lang) for b in figures])
    first, last = initial[0], initial[-1]
    amount = fmt.oku_yen(scale.total_oku, lang)
    alt = t("alt_budget", lang, first_year=fmt.fiscal_year(first.fiscal_year, lang),
            last_year=fmt.fiscal_year(last.fiscal_year, lang), first=fmt.oku_yen(first.amount_oku_yen, lang),
            last=fmt.oku_yen(last.amount_oku_yen, lang), frame=amount)
    sources = [(sid, None) for sid in dict.fromkeys(b.source for b in figures)] + [(scale.source, None)]
    fig = _layout(fig, t("unit_oku_yen", lang))
    fig.update_layout(hovermode="closest", barmode="overlay", margin={"t": 40})
    top = max(b.amount_oku_yen for b in figures)  # room above the highest bar for the latest budget's label
    fig.update_yaxes(range=[0, top * 1.12])
    notes = [t("plan_scale_note", lang, amount=amount, **scale.words())]
    notes += [f"* {fmt.fiscal_year(n.fiscal_year, lang)}: {n.shown(lang)}" for n in budget_notes() if n.on_chart]
    notes.append(t("budget_gaps", lang))
    records = pd.DataFrame([{"fiscal_year": b.fiscal_year, "kind": b.kind, "amount_oku_yen": b.amount_oku_yen,
                             "source": b.source, "reliability": b.reliability} for b in figures])
    return Chart("budget-ward", t("budget_chart_title", lang), fig, table, alt, sources, notes=notes,
                 records=records, lang=lang)


def _budget_row(b: BudgetFigure, lang: str) -> dict[str, object]:
    """A row of the budget table in ``lang``: kind and reliability in words, the source's title, the note as
    budget_notes.yaml words it (budget.csv's own shorthand only where no note is declared)."""
    local = next((n.shown(lang) for n in budget_notes() if (n.fiscal_year, n.kind) == (b.fiscal_year, b.kind)), "")
    return {t("col_fiscal_year", lang): b.fiscal_year, t("col_kind", lang): t(f"budget_kind_{b.kind}", lang),
            t("col_amount", lang): b.amount_oku_yen, t("col_source", lang): source_titles((b.source,), lang),
            t("col_reliability", lang): t(f"reliability_{b.reliability}", lang), t("col_note", lang): local or b.note}
