"""Key figures of a district (or the ward) for the profile panel, each with its source and date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from atlas import formatting as fmt
from atlas.charts import fiscal_scale, plan_points
from atlas.content import plan_content
from atlas.districts import district_by_id, districts
from atlas.figures import Observation, latest, series
from atlas.i18n import t


@dataclass(frozen=True)
class FigureLine:
    """One labelled, formatted figure with provenance; ``derived`` explains a computed value."""

    label: str
    value: str
    refs: tuple[tuple[str, dt.date | None], ...]
    derived: str = ""

    @property
    def as_of(self) -> dt.date | None:
        """The reference date of the figure (that of its first source)."""
        return self.refs[0][1]


def key_figures(district: str | None, lang: str) -> list[FigureLine]:
    """Latest register figures, census, derived shares and densities; plan figures for the ward."""
    area = district or "ward"
    lines: list[FigureLine] = []
    pop = latest(area, "population")
    if pop:
        lines.append(FigureLine(t("fig_population", lang), fmt.people(pop.value, lang), ((pop.source, pop.date),),
                                _derived(pop, lang)))
    households = latest(area, "households")
    if households:
        lines.append(FigureLine(t("fig_households", lang), f"{households.value:,}",
                                ((households.source, households.date),), _derived(households, lang)))
    foreign = latest(area, "foreign_population")
    if foreign:
        lines.append(FigureLine(t("fig_foreign", lang), fmt.people(foreign.value, lang),
                                ((foreign.source, foreign.date),)))
        same_day = next((o for o in series(area, "population") if o.date == foreign.date), None)
        if same_day:
            share = fmt.percent(foreign.value / same_day.value, lang)
            note = t("derived_from", lang, what=t("derived_share", lang))
            lines.append(FigureLine(t("fig_foreign_share", lang), share, ((foreign.source, foreign.date),), note))
    if pop:
        area_km2 = (district_by_id(district).official_area_km2 if district
                    else sum(d.official_area_km2 for d in districts()))
        lines.append(FigureLine(t("fig_density", lang), f"{round(pop.value / area_km2):,}",
                                ((pop.source, pop.date), ("minato-chise", None)),
                                t("derived_from", lang, what=t("derived_density", lang))))
    census = latest(area, "census_population")
    if census:
        lines.append(FigureLine(t("fig_census", lang), fmt.people(census.value, lang),
                                ((census.source, census.date),)))
    if district is None:
        lines += _plan_figures(lang)
    return lines


def _derived(obs: Observation, lang: str) -> str:
    """'Derived: <how>' in ``lang`` for a derived figure, '' for one taken as published."""
    return t("derived_from", lang, what=obs.derived_text(lang)) if obs.derivation else ""


def _plan_figures(lang: str) -> list[FigureLine]:
    plan = plan_content()
    base, proj = plan_points(plan)
    scale = fiscal_scale(plan)
    # The projection's date is its target, not a data date: its source line carries the plan's own date.
    return [
        FigureLine(t("fig_plan_population", lang), fmt.people(base.value, lang), ((plan.source, base.date),)),
        FigureLine(t("fig_plan_projection", lang, date=fmt.date(proj.date, lang)), fmt.people(proj.value, lang),
                   ((plan.source, None),)),
        FigureLine(t("fig_plan_budget", lang, **scale.words()), fmt.oku_yen(scale.total_oku, lang),
                   ((plan.source, None),)),
    ]
