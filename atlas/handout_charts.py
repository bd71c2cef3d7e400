"""The handout's two charts drawn with matplotlib as SVG with live text, from :class:`atlas.charts.Chart` data.

They show what the web charts show: the register series, the census, the plan's projection (ward) or this
dashboard's estimate with its range (district), an axis range stated when it does not start at zero,
and for the budget the span of the plan's fiscal scale above the bars and the notes on single bars.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from atlas.charts import CENSUS_COLOUR, Chart, FiscalScale
from atlas.figures import budget_notes
from atlas.i18n import t

BUDGET_COLOUR = "#0072B2"
BUDGET_SECONDARY_COLOUR = "#9ecae1"
SETTLEMENT_COLOUR = "#D55E00"
SCALE_COLOUR = "#7a5200"
CHART_SIZE_IN = (3.35, 2.0)  # about 85 mm × 51 mm

_MPL_LOCK = threading.Lock()


def _svg(fig: Figure, salt: str) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), with ids unique to ``salt``."""
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]


@contextmanager
def _chart_figure(family: list[str]) -> Iterator[Figure]:
    """A small matplotlib Figure with the handout's style; rcParams are process-global, hence the lock."""
    rc = {"svg.fonttype": "none", "font.family": [family[0]], "font.size": 6.5,
          "axes.linewidth": 0.6, "xtick.major.width": 0.6, "ytick.major.width": 0.6, "lines.linewidth": 1.4,
          "legend.fontsize": 6, "hatch.linewidth": 0.6, "axes.spines.top": False, "axes.spines.right": False,
          "text.parse_math": False}
    with _MPL_LOCK, matplotlib.rc_context(rc):
        yield Figure(figsize=CHART_SIZE_IN, layout="constrained")


def _thousands(value: float, _pos: int) -> str:
    return f"{value:,.0f}"


def population_svg(chart: Chart, colour: str, lang: str, family: list[str]) -> str:
    """The population chart: register solid, census marker, the plan's two points unjoined, our estimate dotted +
    band."""
    col = {"col_series": "series", "col_value": "value"}  # the chart's records (codes and dates, not words)
    table = chart.records.assign(_d=pd.to_datetime(chart.records["date"]))

    def rows(key: str) -> pd.DataFrame:
        return table[table[col["col_series"]] == t(key, lang)].sort_values("_d")

    with _chart_figure(family) as fig:
        ax = fig.add_subplot()
        reg = rows("series_register")
        ax.plot(reg["_d"], reg[col["col_value"]], color=colour, marker="o", markersize=2.5,
                label=t("series_register", lang))
        census = rows("series_census")
        if len(census):
            ax.plot(census["_d"], census[col["col_value"]], linestyle="none", marker="D", markersize=4,
                    color=CENSUS_COLOUR, label=t("series_census", lang))
        base, proj = rows("series_plan_base"), rows("series_plan_projection")
        if len(proj):  # two marked points, no line: the plan gives no path between them
            points = pd.concat([base, proj])
            ax.plot(points["_d"], points[col["col_value"]], color=colour, linestyle="none", marker="o",
                    markersize=4, markerfacecolor="white", label=t("series_plan_points", lang))
        total = rows("series_estimate_sum")
        if len(total):
            ax.plot(total["_d"], total[col["col_value"]], linestyle="none", marker="x", markersize=5,
                    color=SETTLEMENT_COLOUR, label=t("series_estimate_sum", lang))
        est = chart.estimate
        if est is not None:
            ax.plot(pd.to_datetime([d for d, _ in est.path]), [v for _, v in est.path], color=colour,
                    linestyle=(0, (1, 1.5)), label=t("series_trend_estimate", lang))
            ax.errorbar(pd.to_datetime([est.date]), [est.value], yerr=[[est.value - est.low], [est.high - est.value]],
                        color=colour, marker="o", markersize=3.5, markerfacecolor="white", capsize=2, linewidth=0.8)
        if chart.y_range is not None:
            ax.set_ylim(*chart.y_range)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        ax.set_ylabel(t("unit_people", lang))
        ax.grid(True, color="#e6e6e6", linewidth=0.5)
        long_labels = est is not None  # our estimate's label is long: one column keeps the plot its full width
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=1 if long_labels else 2, frameon=False,
                  handlelength=2.2, columnspacing=1.0)
        return _svg(fig, "handout-population")


def budget_svg(chart: Chart, lang: str, family: list[str], scale: FiscalScale) -> str:
    """Initial budgets by FY (secondary hatched, gaps empty), settlements, notes (*), the plan-scale span."""
    c_year, c_kind, c_amount, c_rel = "fiscal_year", "kind", "amount_oku_yen", "reliability"  # chart.records
    table = chart.records
    initial = table[table[c_kind] == "initial_budget"]
    settled = table[table[c_kind] == "settlement_expenditure"]
    with _chart_figure(family) as fig:
        ax = fig.add_subplot()
        handles = []
        for reliability, key, colour, hatch in (("official", "series_initial_budget", BUDGET_COLOUR, None),
                                                ("secondary", "series_initial_budget_secondary",
                                                 BUDGET_SECONDARY_COLOUR, "////")):
            part = initial[initial[c_rel] == reliability]
            ax.bar(part[c_year], part[c_amount], width=0.7, color=colour, hatch=hatch,
                   edgecolor="#1f4e79" if hatch else colour, linewidth=0.4, zorder=2)
            handles.append(Patch(facecolor=colour, hatch=hatch, edgecolor="#1f4e79" if hatch else colour,
                                 linewidth=0.4, label=t(key, lang)))
        if len(settled):
            handles.append(ax.scatter(settled[c_year], settled[c_amount], marker="x", s=14, linewidths=1.0,
                                      color=SETTLEMENT_COLOUR, zorder=3, label=t("series_settlement", lang)))
        for note in (n for n in budget_notes() if n.on_chart):
            row = table[(table[c_year] == note.fiscal_year) & (table[c_kind] == note.kind)]
            if len(row):
                ax.annotate("*", (note.fiscal_year, float(row[c_amount].iloc[0])), ha="center", va="bottom",
                            fontsize=9, xytext=(0, 1), textcoords="offset points")
        top = max(table[c_amount].max() * 1.22, 1)
        ax.set_ylim(0, top)
        first, last = scale.years
        ax.plot([first - 0.4, last + 0.4], [top * 0.97] * 2, color=SCALE_COLOUR, linewidth=1.2)
        ax.text((first + last) / 2, top * 0.955, t("plan_scale_short", lang, **scale.words()), ha="center",
                va="top", fontsize=5.4, color=SCALE_COLOUR)
        years = list(range(int(initial[c_year].min()), int(initial[c_year].max()) + 1))
        ax.set_xticks(years, [f"{y % 100:02d}" if i else str(y) for i, y in enumerate(years)])
        ax.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        ax.set_ylabel(t("unit_oku_yen", lang))
        ax.set_xlabel(t("axis_fiscal_year", lang), labelpad=1)
        ax.grid(True, axis="y", color="#e6e6e6", linewidth=0.5, zorder=0)
        ax.set_axisbelow(True)
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False,
                  columnspacing=1.0)
        return _svg(fig, "handout-budget")
