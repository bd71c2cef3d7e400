"""Refresh the station rows of ``data/places/places.csv`` from 駅データ.jp's station table.

Run ``python tools/build_station_places.py --stations PATH`` with ``PATH`` the ``jp_stations/fixtures/stations.json``
of the django-jp-stations 0.1 sdist (``pip download --no-deps --no-binary :all: django-jp-stations==0.1``), a copy
of 駅データ.jp's free station table. Every station point that lies in a district of Minato by the chome layer
(:func:`geo.lookup.locate`) becomes one row ``station-<station_cd>`` (lines of one station with the same point share
a row; different points get their own), with the table's address: a station spans several chome, and its point
and its address often lie in different ones (田町: point in 芝浦三丁目, address 芝五丁目), so the app answers both.
Readings (kana, romaji, aliases) are kept from the existing rows of the same station name; a station without one
stops the build, so readings are added by hand and reviewed. Rows from other sources (landmarks, stations opened
after the table) are kept as they are. Output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.lookup import locate  # noqa: E402
from geo.paths import DATA_DIR  # noqa: E402

SOURCE = "ekidata-stations"
HEADER = ["id", "name_ja", "kana", "romaji", "aliases", "kind", "lat", "lng", "address_ja", "source"]
BOX = ((35.5, 35.75), (139.65, 139.85))  # around Minato: the lookup runs only on points inside it


def station_rows(stations: list[dict], readings: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """Rows for the station points inside Minato, sorted by station code."""
    rows, seen = [], set()
    for s in sorted(stations, key=lambda s: s["station_cd"]):
        lat, lng = float(s["lat"]), float(s["lon"])
        if not (BOX[0][0] < lat < BOX[0][1] and BOX[1][0] < lng < BOX[1][1]) or not locate(lat, lng).inside:
            continue
        key = (s["station_name"], f"{lat:.6f}", f"{lng:.6f}")
        if key in seen:
            continue
        seen.add(key)
        known = readings.get(s["station_name"])
        if known is None:
            raise SystemExit(f"no reading for station {s['station_name']}: add its kana and romaji by hand")
        rows.append({"id": f"station-{s['station_cd']}", "name_ja": s["station_name"], "kana": known["kana"],
                     "romaji": known["romaji"], "aliases": known["aliases"], "kind": "station", "lat": key[1],
                     "lng": key[2], "address_ja": unicodedata.normalize("NFKC", s.get("add") or ""),
                     "source": SOURCE})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=Path, required=True, help="jp_stations/fixtures/stations.json")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "places" / "places.csv")
    args = parser.parse_args()
    with open(args.out, encoding="utf-8", newline="") as fh:
        existing = list(csv.DictReader(fh))
    readings = {r["name_ja"]: r for r in existing if r["source"] == SOURCE}
    stations = json.loads(args.stations.read_text(encoding="utf-8"))
    rows = station_rows(stations, readings) + [r for r in existing if r["source"] != SOURCE]
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{args.out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
