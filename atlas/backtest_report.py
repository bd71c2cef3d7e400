"""Print the backtest of the district estimate methods: coverage and error per district per method.

    python -m atlas.backtest_report            # for the plan's projection date
    python -m atlas.backtest_report 2027-01-01

Also prints, for reference, how often the former 95 % t prediction band of the straight line held on the same
checks (the claim issue 17 found wrong).
"""

from __future__ import annotations

import datetime as dt
import math
import sys

from atlas import backtest
from atlas.backtest import Check, Choice
from atlas.content import plan_content
from atlas.estimate_methods import METHODS, NAIVE, line_all

# Two-sided 95 % Student's t quantiles by degrees of freedom (the former band; standard table values).
T_975 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306}


def t_band_holds(check: Check) -> bool | None:
    """Whether the former 95 % t prediction band of the straight line through all counts held on ``check``."""
    points = [o for o in backtest.register(check.area) if o.date <= check.cut]
    made = line_all(points, check.checked)
    n = len(points)
    if made is None or n < 3 or n - 2 not in T_975:
        return None
    origin = points[0].date
    xs = [(o.date - origin).days for o in points]
    mean_x = sum(xs) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = made.per_year / 365.25
    intercept = made.value - slope * (check.checked - origin).days
    sd = math.sqrt(sum((o.value - intercept - slope * x) ** 2 for o, x in zip(points, xs, strict=True)) / (n - 2))
    x0 = (check.checked - origin).days
    half = T_975[n - 2] * sd * math.sqrt(1 + 1 / n + (x0 - mean_x) ** 2 / sxx)
    return abs(made.value - check.actual) <= half


def report(choice: Choice) -> str:
    """The backtest as a plain-text table."""
    lines = [f"Backtest for estimates on {choice.target.isoformat()}; horizons (real, accepted) per district: "
             + ", ".join(f"{a} {h[0]} d ({h[1]}-{h[2]})" for a, h in choice.horizons.items()),
             f"Cuts need >= {backtest.MIN_POINTS} counts; range = +/- {backtest.BAND_LEVEL:.0%} nearest-rank quantile "
             "of relative errors over all districts; coverage = inside a range sized without the district's checks.",
             "", f"{'district':<15} {'method':<11} {'checks':>6} {'coverage':>9} {'MAE':>7} {'bias':>7} "
             f"{'max':>7} {'used':>4}"]
    for area in backtest.area_ids():
        for m in METHODS:
            r = choice.record(m, area)
            used = "yes" if m == choice.method and choice.shown[area] else ""
            cov = f"{r.covered}/{r.n}" if r.n else "-"
            lines.append(f"{area:<15} {m:<11} {r.n:>6} {cov:>9} {r.mae:>7.0f} {r.bias:>+7.0f} {r.max_error:>7.0f} "
                         f"{used:>4}")
    lines.append("")
    for m in METHODS:
        pooled = choice.pooled_checks(m)
        covered = sum(choice.record(m, a).covered for a in backtest.area_ids())
        share = choice.band_share[m]
        lines.append(f"all districts  {m:<11} {len(pooled):>3} checks, mean relative error "
                     f"{choice.pooled_error[m]:.3%}, range +/-{(share or 0):.3%}, coverage {covered}/{len(pooled)}")
    held = [h for c in choice.pooled_checks("line_all") if (h := t_band_holds(c)) is not None]
    lines.append(f"former 95 % t band of line_all on the same checks: held in {sum(held)}/{len(held)}")
    lines.append(f"chosen: {choice.method}; reference: {NAIVE}; estimate shown: "
                 + ", ".join(f"{a} {'yes' if ok else 'no'}" for a, ok in choice.shown.items()))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Print the report for the date in ``argv`` or the plan's projection date."""
    if argv:
        target = dt.date.fromisoformat(argv[0])
    else:
        target = plan_content().ward.key_figure("population_projection_2027").date
    print(report(backtest.run(target)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
