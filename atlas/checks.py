"""Load and validate every data file once at start-up, so a broken file stops the app early."""

from __future__ import annotations

from atlas.content import plan_content
from atlas.districts import districts
from atlas.figures import budget, population
from atlas.i18n import LANGS, catalog
from atlas.indicators import definitions
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.offices import offices
from atlas.sources import sources
from geo.layers import DataFileError, chome_list, district_shapes, layer


def load_all() -> None:
    """Raise DataFileError naming the first missing or malformed file."""
    for lang in LANGS:
        catalog(lang)
    ids = {d.id for d in districts()}
    srcs = sources()
    plan = plan_content()
    cited = {"estat-boundaries-2020", "minato-chise", OFFICE_SOURCE, plan.source}
    cited |= {i.source for d in plan.districts for i in d.initiatives}
    for sid in sorted(cited - set(srcs)):
        raise DataFileError(f"sources.yaml: no record for '{sid}'")
    population()
    budget()
    definitions()  # units checked against the allowed list, so a mangled unit stops the app
    offices()
    shapes = district_shapes()
    if set(shapes) != ids:
        raise DataFileError(f"districts.geojson: ids {sorted(shapes)} differ from districts.yaml {sorted(ids)}")
    for i, chome in enumerate(chome_list(), start=1):
        if chome.district not in ids:
            raise DataFileError(f"chome.geojson: feature {i} has unknown district '{chome.district}'")
    layer("outline")
