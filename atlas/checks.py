"""One validation pass over every file in ``data/`` at start-up, so a broken file stops the app before any page.

Each loader validates its file against its declared schema (:mod:`atlas.schemas`, :mod:`geo.schema`); this module
calls them all, then checks what ties the files together (ids, cited sources, series the charts need, indicator
values the compare page computes). The first problem raises one DataFileError naming the data-relative file, the
row and the field; :func:`error_message` words it in the view's language.
"""

from __future__ import annotations

from shapely.geometry import shape
from shapely.ops import unary_union

from atlas.content import plan_content
from atlas.data_state import State, clear_loader_caches, fingerprint
from atlas.districts import districts
from atlas.facilities import evacuation_sites, nurseries, shelters
from atlas.figures import budget, budget_notes, population
from atlas.i18n import LANGS, catalog, check_placeholders, t
from atlas.indicators import chome_values, definitions, district_values
from atlas.names import names
from atlas.office_contacts import contacts
from atlas.offices import SOURCE_ID as OFFICE_SOURCE
from atlas.offices import offices
from atlas.sources import sources
from geo.datafile import DataFileError, data_name
from geo.layers import chome_list, district_shapes, geo_dir, layer
from geo.paths import data_dir
from geo.places import check_sources as check_place_sources
from geo.places import places
from geo.shape_checks import check_inside

MIN_SERIES = 2  # register counts per area: the trend estimate needs two points
FALLBACK = {  # used only when the string catalog itself cannot give the message
    "ja": "データファイルが見つからないか壊れているため、アプリを起動できません：{detail}",
    "en": "The app cannot start because a data file is missing or broken: {detail}",
    "zh": "由于数据文件缺失或损坏，应用无法启动：{detail}",
}


def load_all() -> bool:
    """Raise DataFileError naming the first missing or malformed file; True when the data changed since last time.

    The verdict is remembered for the folder's current state (:mod:`atlas.data_state`: each file's path, size and
    modification time), so the check runs once per process and data state, not on every script run, and a broken
    file raises its remembered error again at no cost. When a folder's state differs from the last one seen, the
    loaders' caches are dropped first, so an edit under a running server is read and checked.
    """
    folder = str(data_dir())
    state = fingerprint(data_dir())
    changed = _LAST.get(folder, state) != state
    _LAST[folder] = state
    if changed:
        clear_loader_caches()
    if state not in _VERDICTS:
        try:
            _check_all()
        except DataFileError as exc:
            _remember(state, str(exc))
            raise
        _remember(state, None)
    verdict = _VERDICTS[state]
    if verdict is not None:
        raise DataFileError(verdict)
    return changed


KEPT = 16  # verdicts remembered (data states), oldest dropped first
_VERDICTS: dict[State, str | None] = {}  # state -> None (passed) or the error message
_LAST: dict[str, State] = {}  # data folder -> its state at the last check


def _remember(state: State, verdict: str | None) -> None:
    _VERDICTS[state] = verdict
    while len(_VERDICTS) > KEPT:
        del _VERDICTS[next(iter(_VERDICTS))]


def _check_all() -> None:
    for lang in LANGS:
        catalog(lang)
    check_placeholders()
    ids = {d.id for d in districts()}
    srcs = sources()
    names()
    plan = plan_content()
    cited = {"estat-boundaries-2020", "minato-chise", OFFICE_SOURCE, plan.source}
    cited |= {i.source for d in plan.districts for i in d.initiatives}
    for sid in sorted(cited - set(srcs)):
        raise DataFileError(f"{data_name(data_dir() / 'sources.yaml')}: no record for '{sid}'")
    _series(ids)
    budget_notes()
    offices()
    contacts()
    shelters(), evacuation_sites(), nurseries()
    check_place_sources(set(srcs))  # the gazetteer (data/places/places.csv) and the facilities it indexes
    places()
    _boundaries(ids)
    _indicators()


def _series(ids: set[str]) -> None:
    """Every district and the ward have a register series; the budget has initial budgets."""
    name = data_name(data_dir() / "figures" / "population.csv")
    counts = {area: 0 for area in (*sorted(ids), "ward")}
    for obs in population():
        if obs.measure == "population" and obs.area in counts:
            counts[obs.area] += 1
    for area, n in counts.items():
        if n < MIN_SERIES:
            raise DataFileError(f"{name}: area '{area}' has {n} 'population' row(s); at least {MIN_SERIES} are needed")
    if not any(b.kind == "initial_budget" for b in budget()):
        raise DataFileError(f"{data_name(data_dir() / 'figures' / 'budget.csv')}: no 'initial_budget' row")


def _boundaries(ids: set[str]) -> None:
    shapes = district_shapes()
    if set(shapes) != ids:
        raise DataFileError(f"{data_name(geo_dir() / 'districts.geojson')}: ids {sorted(shapes)} differ from "
                            f"districts.yaml {sorted(ids)}")
    for i, chome in enumerate(chome_list(), start=1):
        if chome.district not in ids:
            raise DataFileError(f"{data_name(geo_dir() / 'chome.geojson')}, feature {i}: unknown district "
                                f"'{chome.district}'")
    ward = unary_union([shape(f["geometry"]) for f in layer("outline")["features"]])
    for i, (slug, geom) in enumerate(shapes.items(), start=1):
        check_inside(geom, ward, f"{data_name(geo_dir() / 'districts.geojson')}, feature {i} ({slug})",
                     f"the ward ({data_name(geo_dir() / 'ward_outline.geojson')})")


def _indicators() -> None:
    """Compute every indicator now, so a value the data cannot give stops the app here, not on /compare."""
    name = data_name(data_dir() / "indicators.yaml")
    for i, d in enumerate(definitions(), start=1):
        try:
            district_values(d.id)
            if "chome" in d.levels:
                chome_values(d.id)
        except DataFileError:
            raise
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
            raise DataFileError(f"{name}, indicator {i} ({d.id}): cannot be computed from the data "
                                f"({type(exc).__name__}: {exc})") from None


def error_message(exc: DataFileError, lang: str) -> str:
    """The start-up message in ``lang``, naming the file and row (plain text: escape it for Markdown)."""
    detail = str(exc)
    try:
        return t("data_error", lang, detail=detail)
    except Exception:  # the broken file may be the string catalog itself
        return FALLBACK.get(lang, FALLBACK["en"]).format(detail=detail)
