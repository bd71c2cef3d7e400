"""Derive the facility tables in ``data/facilities/`` from ``../shared/data/facts``.

Run ``python tools/build_facilities.py [--shared PATH] [--out PATH]``. Output is deterministic (rows sorted by id,
``\\n`` line ends, UTF-8 without BOM).

- shelters.csv: GSI 指定避難所 (designated shelters) in Minato, one row per GSI record (共通ID); ``district`` is the
  slug of the district the facts file assigned from the address (town→district table, FACTS.md §2);
  ``for_support_needed`` is 1 where 受入対象者 is 要支援者 (shelters for people needing support), else 0.
- evacuation_sites.csv: GSI 指定緊急避難場所 (designated emergency evacuation sites), same columns without
  ``for_support_needed``.
- nurseries.csv: nursery facilities from the city's vacancy page (scraped copy): facility name, district slug,
  category only. The row 医療的ケア児・障害児クラス is a class, not a facility; it is kept here and left out of
  counts by ``atlas/facilities.py``.

Each GSI address is also located with the chome layer (``geo.towns.search_town``); the build stops if that
disagrees with the facts file's district, so a wrong town table cannot slip through silently.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.build import district_ids  # noqa: E402
from geo.paths import DATA_DIR, DEFAULT_SHARED  # noqa: E402
from tools.csv_out import write_csv  # noqa: E402

FACTS = "data/facts"
SHELTERS_IN = "minato_evacuation_shelters_gsi_by_district.csv"
SITES_IN = "minato_emergency_evacuation_sites_gsi_by_district.csv"
NURSERIES_IN = "minato_nursery_facilities_by_district.csv"
SITE_HEADER = ["id", "name_ja", "address_ja", "district", "lat", "lng", "kind"]
SHELTER_HEADER = [*SITE_HEADER, "for_support_needed"]
NURSERY_HEADER = ["facility", "district", "category"]


def _slugs() -> dict[str, str]:
    """Short district names used in the facts files (芝, 芝浦港南) -> slug."""
    return {name.removesuffix("地区"): slug for name, slug in district_ids().items()}


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _district(rec: dict[str, str], where: str) -> str:
    slug = _slugs().get(rec["district"].strip())
    if slug is None:
        raise SystemExit(f"{where}: unknown district '{rec['district']}'")
    return slug


def _check_address(address: str, slug: str, where: str) -> None:
    from geo.towns import search_town

    found = search_town(address).district
    if found != slug:
        raise SystemExit(f"{where}: address '{address}' lies in '{found}' by the chome layer, not '{slug}'")


def gsi_rows(path: Path, kind: str) -> list[list[str]]:
    """Rows of a GSI by-district CSV in SITE_HEADER (+ for_support_needed for shelters) order, sorted by id."""
    rows = []
    for i, rec in enumerate(_read(path), start=2):
        where = f"{path.name}, row {i}"
        slug = _district(rec, where)
        address = rec["住所"].strip()
        _check_address(address, slug, where)
        lat, lng = float(rec["lat"]), float(rec["lon"])
        row = [rec["共通ID"].strip(), rec["施設・場所名"].strip(), address, slug, f"{lat:.6f}", f"{lng:.6f}", kind]
        if kind == "shelter":
            row.append("1" if rec["受入対象者"].strip() == "要支援者" else "0")
        rows.append(row)
    ids = [r[0] for r in rows]
    if len(set(ids)) != len(ids):
        raise SystemExit(f"{path.name}: duplicate 共通ID")
    return sorted(rows)


def nursery_rows(path: Path) -> list[list[str]]:
    """facility, district slug, category; in the source's order (district, then the city's listing order)."""
    return [[rec["facility"].strip(), _district(rec, f"{path.name}, row {i}"), rec["category"].strip()]
            for i, rec in enumerate(_read(path), start=2)]


def build(shared: Path = DEFAULT_SHARED, out: Path = DATA_DIR / "facilities") -> None:
    """Write shelters.csv, evacuation_sites.csv and nurseries.csv into ``out``."""
    facts = shared / FACTS
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "shelters.csv", SHELTER_HEADER, gsi_rows(facts / SHELTERS_IN, "shelter"))
    write_csv(out / "evacuation_sites.csv", SITE_HEADER, gsi_rows(facts / SITES_IN, "evacuation_site"))
    write_csv(out / "nurseries.csv", NURSERY_HEADER, nursery_rows(facts / NURSERIES_IN))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "facilities")
    args = parser.parse_args()
    build(args.shared, args.out)
    print(f"wrote {args.out}")
