"""Derive the committed boundary files in ``data/geo/`` from ``../shared/data/geo/``.

Run ``python -m geo.build [--shared PATH] [--out PATH]``. The output is deterministic, so
rerunning on the same sources reproduces the committed files byte for byte.

Steps: keep the 117 land chome (e-Stat HCODE 8101; the 第六台場 island part merges into
台場一丁目), simplify them as one coverage in EPSG:6677, dissolve them into the five
districts, fill interior water holes for display, simplify the ward outline, and write
GeoJSON in WGS84 rounded to 1e-5° (about 1 m).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.paths import DATA_DIR, DEFAULT_SHARED
from geo.simplify import fill_holes, simplify_coverage

METRIC_CRS = 6677  # JGD2011 / Japan Plane Rectangular CS IX (Tokyo)
CHOME_TOLERANCE_M = 5.6  # coverage simplifier tolerance; see tests/bench for the deviation
OUTLINE_TOLERANCE_M = 5.0
GRID_DEG = 1e-5
LAND = 8101  # e-Stat HCODE for a chome; 8154 is a water survey area


def district_ids(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Map source district names (e.g. 芝地区) to slugs, from data/districts.yaml."""
    import yaml

    with open(data_dir / "districts.yaml", encoding="utf-8") as fh:
        rows = yaml.safe_load(fh)["districts"]
    return {row["source_name"]: row["id"] for row in rows}


def load_land_chome(shared: Path, ids: dict[str, str]) -> gpd.GeoDataFrame:
    """The 117 land chome in EPSG:6677, one row each, with a ``district`` slug."""
    raw = gpd.read_file(shared / "data/geo/minato_chome_r2ka2020.geojson")
    land = raw[raw["HCODE"] == LAND].to_crs(METRIC_CRS)
    merged = land.dissolve(
        "KEY_CODE",
        aggfunc={
            "S_NAME": "first", "town": "first", "chome": "first", "town_en": "first",
            "district_ja": "first", "JINKO_2020": "sum", "SETAI_2020": "sum", "AREA_m2": "sum",
        },
    ).reset_index()
    unknown = sorted(set(merged["district_ja"]) - set(ids))
    if unknown:
        raise ValueError(f"minato_chome_r2ka2020.geojson: districts not in districts.yaml: {unknown}")
    merged["district"] = merged["district_ja"].map(ids)
    return merged.sort_values("KEY_CODE").reset_index(drop=True)


def dissolve_districts(chome: gpd.GeoDataFrame, geoms: list[BaseGeometry], ids: list[str]) -> dict[str, BaseGeometry]:
    """Union chome geometries per district and fill holes that hold no other district's land."""
    parts = {d: shapely.union_all([g for g, k in zip(geoms, chome["district"], strict=True) if k == d]) for d in ids}
    filled = {}
    for d, geom in parts.items():
        others = shapely.union_all([g for k, g in parts.items() if k != d])
        filled[d] = fill_holes(geom, keep=others)
    return filled


def to_wgs84(geoms: list[BaseGeometry]) -> list[BaseGeometry]:
    """Project from EPSG:6677 to WGS84 and snap to the output grid (shared vertices stay shared)."""
    projected = gpd.GeoSeries(geoms, crs=METRIC_CRS).to_crs(4326).values
    return list(shapely.set_precision(projected, GRID_DEG))


def feature(props: dict[str, Any], geom: BaseGeometry) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": json.loads(shapely.to_geojson(geom))}


def write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    doc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def build(shared: Path = DEFAULT_SHARED, out: Path = DATA_DIR / "geo") -> None:
    """Write chome.geojson, districts.geojson, ward_outline.geojson and offices.csv to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    ids = district_ids()
    chome = load_land_chome(shared, ids)
    simple = simplify_coverage(list(chome.geometry), CHOME_TOLERANCE_M)
    exact_area = {d: float(chome[chome["district"] == d].area.sum()) for d in ids.values()}

    chome_features = [
        feature(
            {
                "key_code": row.KEY_CODE, "name_ja": row.S_NAME, "town_ja": row.town,
                "town_en": row.town_en, "chome": None if row.chome != row.chome else int(row.chome),
                "district": row.district, "pop_2020": int(row.JINKO_2020),
                "households_2020": int(row.SETAI_2020), "area_m2": round(float(row.AREA_m2), 1),
            },
            geom,
        )
        for row, geom in zip(chome.itertuples(), to_wgs84(simple), strict=True)
    ]
    write_geojson(out / "chome.geojson", chome_features)

    districts = dissolve_districts(chome, simple, list(ids.values()))
    district_features = []
    for (d, geom), geom84 in zip(districts.items(), to_wgs84(list(districts.values())), strict=True):
        rows = chome[chome["district"] == d]
        props = {
            "id": d, "n_chome": len(rows), "pop_2020": int(rows["JINKO_2020"].sum()),
            "households_2020": int(rows["SETAI_2020"].sum()),
            "land_area_m2": round(exact_area[d], 1), "display_area_m2": round(float(geom.area), 1),
        }
        district_features.append(feature(props, geom84))
    write_geojson(out / "districts.geojson", district_features)

    outline = gpd.read_file(shared / "data/geo/minato_ward_outline_2020.geojson").to_crs(METRIC_CRS)
    whole = outline.geometry.iloc[0].simplify(OUTLINE_TOLERANCE_M, preserve_topology=True)
    ward_props = {"name_ja": "港区", "name_en": "Minato City"}
    write_geojson(out / "ward_outline.geojson", [feature(ward_props, to_wgs84([whole])[0])])

    write_offices(shared / "data/geo/minato_offices.csv", out / "offices.csv", ids)


def write_offices(src: Path, dst: Path, ids: dict[str, str]) -> None:
    """Copy office locations with the district slug (empty for the ward office)."""
    with open(src, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["district", "name_ja", "name_en", "address_ja", "lat", "lng"])
        for row in rows:
            slug = ids.get(row["district_ja"], "")
            writer.writerow([slug, row["name_ja"], row["name_en"], row["address"], row["lat"], row["lon"]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "geo")
    args = parser.parse_args()
    build(args.shared, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
