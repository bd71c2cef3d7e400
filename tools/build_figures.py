"""Derive the tidy figure tables in ``data/figures/`` from ``../shared/data/facts`` and ``../shared/data/geo``.

Run ``python tools/build_figures.py [--shared PATH]``. Output is deterministic (reproducibility is tested).

- population.csv: resident-register (住民基本台帳) population, households and foreign residents by
  district and month, plus the 2020 census. One row per figure with its source id; rows that the
  facts file marks as derived keep that derivation text. Rows that ``make refresh-data`` added (their
  source id matches ``atlas.register_refresh.REFRESH_ID``) are kept from the current table; a month the
  facts also give must agree with them (the facts' row is kept), else the build stops naming the row.
- budget.csv: general-account budgets and settlements by fiscal year, per-row source id and
  reliability (official / secondary). Years the facts mark NOT FOUND are left out: a gap stays a gap.
  ``tools/budget_official.csv`` adds the city's own figures found later (value as printed, page, source id);
  where it has a year and kind the facts also give, the city's figure replaces the facts' row.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atlas.register_refresh import REFRESH_ID  # noqa: E402
from geo.build import district_ids  # noqa: E402
from geo.paths import DATA_DIR, DEFAULT_SHARED  # noqa: E402
from tools.csv_out import write_csv  # noqa: E402

POPULATION_SOURCES = {
    "https://www.city.minato.tokyo.jp/toukeichousa/kuse/toke/jinko/jinko/2024.html": "minato-population-2024",
    "https://www.city.minato.tokyo.jp/toukeichousa/kuse/toke/jinko/jinko/2025.html": "minato-population-2025",
    "https://www.city.minato.tokyo.jp/toukeichousa/kuse/toke/jinko/jinko/2026.html": "minato-population-2026",
}
BUDGET_SOURCES = {  # URL prefix -> source id
    "https://enoayu.com/%E6%B8%AF%E5%8C%BA": "budget-blog-enoayu-fy2016",
    "https://expydoc.com/doc/11895857": "budget-koho-fy2017-copy",
    "https://www.city.minato.tokyo.jp/kouhou/kuse/koho/minato2019/201902/20190211toku": "budget-koho-2019-02-11",
    "https://www.city.minato.tokyo.jp/kouhou/kuse/koho/minato2020/202012/20201221top": "budget-koho-2020-12-21",
    "https://www.city.minato.tokyo.jp/kouhou/kuse/koho/minato2021/202106/20210621top": "budget-koho-2021-06-21",
    "https://www.city.minato.tokyo.jp/kouhou/kuse/koho/minato2021/202112/20211221top": "budget-koho-2021-12-21",
    "https://mykoho.jp/article/東京都港区/%e5%ba%83%e5%a0%b1": "budget-koho-2023-06-21",
    "https://mykoho.jp/article/131032/10091800/10257051": "budget-koho-fy2024-settlement",
    "https://ishiyuki.com/": "budget-blog-ishiyuki-fy2025",
    "https://enoayu.com/blog-minatokuyosan-20260218": "budget-blog-enoayu-fy2026",
}
SECONDARY = {"budget-blog-enoayu-fy2016", "budget-koho-fy2017-copy", "budget-blog-ishiyuki-fy2025",
             "budget-blog-enoayu-fy2026"}
OFFICIAL_BUDGET = ROOT / "tools" / "budget_official.csv"
TO_OKU = {"million_yen": Decimal(100), "oku_yen": Decimal(1)}  # divisor from the printed unit to 億円
KINDS = {"当初予算(一般会計)": "initial_budget", "決算 歳入": "settlement_revenue",
         "決算 歳出": "settlement_expenditure"}
MEASURES = {("合計", "population"): "population", ("合計", "households"): "households",
            ("外国人", "population"): "foreign_population"}


def population_rows(shared: Path) -> list[list[str]]:
    """Tidy rows: date, area, measure, value, source, derived."""
    ids = {k.removesuffix("地区"): v for k, v in district_ids().items()} | {"港区総数": "ward"}
    rows = []
    with open(shared / "data/facts/minato_population_by_district.csv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            for (category, column), measure in MEASURES.items():
                if rec["category"] != category or not rec[column]:
                    continue
                derived = rec["derived"].removeprefix("yes: ") if rec["derived"].startswith("yes") else ""
                rows.append([rec["date"], ids[rec["district"]], measure, rec[column],
                             POPULATION_SOURCES[rec["source"]], derived])
    chome = json.loads((shared / "data/geo/minato_chome_r2ka2020.geojson").read_text(encoding="utf-8"))
    totals: dict[str, list[int]] = {}
    for feat in chome["features"]:
        p = feat["properties"]
        area = district_ids().get(p["district_ja"] or "", "")
        for key in filter(None, ("ward", area)):
            acc = totals.setdefault(key, [0, 0])
            acc[0] += int(p["JINKO_2020"] or 0)
            acc[1] += int(p["SETAI_2020"] or 0)
    for area, (pop, households) in totals.items():
        note = "sum over census chome incl. water survey areas" if area == "ward" else "sum over land chome"
        rows.append(["2020-10-01", area, "census_population", str(pop), "estat-boundaries-2020", note])
        rows.append(["2020-10-01", area, "census_households", str(households), "estat-boundaries-2020", note])
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def with_refreshed(rows: list[list[str]], current: Path) -> list[list[str]]:
    """``rows`` plus the refreshed rows of the table at ``current`` (if any) that the facts do not give."""
    if not current.exists():
        return rows
    built = {(r[0], r[1], r[2]): r for r in rows}
    kept = []
    with open(current, encoding="utf-8", newline="") as fh:
        for line, rec in enumerate(csv.DictReader(fh), start=2):
            if not REFRESH_ID.match(rec["source"]):
                continue
            same = built.get((rec["date"], rec["area"], rec["measure"]))
            if same is None:
                kept.append([rec[k] for k in ("date", "area", "measure", "value", "source", "derived")])
            elif same[3] != rec["value"]:
                raise SystemExit(f"{current.name}, row {line}: refreshed value {rec['value']} differs from the "
                                 f"facts' {same[3]} for {rec['date']} {rec['area']} {rec['measure']}")
    return sorted(rows + kept, key=lambda r: (r[0], r[1], r[2]))


def official_budget_rows(path: Path = OFFICIAL_BUDGET) -> list[list[str]]:
    """The city's own figures of ``path`` as budget rows; amounts converted from the printed unit to 億円."""
    with open(path, encoding="utf-8") as fh:
        return [[rec["fiscal_year"], rec["kind"], str(Decimal(rec["amount"]) / TO_OKU[rec["unit"]]), rec["source"],
                 "official", ""] for rec in csv.DictReader(fh)]


def budget_rows(shared: Path, official: Path = OFFICIAL_BUDGET) -> list[list[str]]:
    """Rows: fiscal_year, kind, amount_oku_yen, source, reliability, note (by fiscal year, facts' kind order).

    A year and kind in ``official`` replaces the facts' row for them (the city's page beats a secondary copy).
    """
    city = official_budget_rows(official)
    replaced = {(r[0], r[1]) for r in city}
    rows = []
    with open(shared / "data/facts/minato_budget_general_account.csv", encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if not rec["amount_oku_yen"]:
                continue  # NOT FOUND: the gap stays a gap
            source = next(sid for prefix, sid in BUDGET_SOURCES.items() if rec["source"].startswith(prefix))
            reliability = "secondary" if source in SECONDARY else "official"
            row = [rec["fiscal_year"], KINDS[rec["kind"]], rec["amount_oku_yen"], source, reliability, rec["note"]]
            if (row[0], row[1]) not in replaced:
                rows.append(row)
    order = list(KINDS.values())
    return sorted(rows + city, key=lambda r: (int(r[0]), order.index(r[1])))


def build(shared: Path = DEFAULT_SHARED, out: Path = DATA_DIR / "figures",
          refreshed: Path = DATA_DIR / "figures" / "population.csv") -> None:
    """Write population.csv and budget.csv into ``out``, keeping the refreshed rows of ``refreshed``."""
    out.mkdir(parents=True, exist_ok=True)
    population_header = ["date", "area", "measure", "value", "source", "derived"]
    write_csv(out / "population.csv", population_header, with_refreshed(population_rows(shared), refreshed))
    budget_header = ["fiscal_year", "kind", "amount_oku_yen", "source", "reliability", "note"]
    write_csv(out / "budget.csv", budget_header, budget_rows(shared))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "figures")
    args = parser.parse_args()
    build(args.shared, args.out, args.out / "population.csv")
    print(f"wrote {args.out}")
