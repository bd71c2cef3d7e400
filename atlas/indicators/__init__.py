"""Indicator registry (``data/indicators.yaml``) turned into computed values per district, ward and chome.

Each indicator is defined once in the YAML (labels, units, format, levels, sources, how it is computed) and has
one computation. Three modules, one job each; import from here:

- :mod:`atlas.indicators.registry`: definitions, validated on load (file and indicator named in every error,
  units checked against the file's allowed list), and cached values;
- :mod:`atlas.indicators.compute`: one computation per indicator, each value with its sources and their dates;
- :mod:`atlas.indicators.export`: text, rounding, the table and Excel-ready CSV bytes.

>>> [v.value for v in district_values("area_km2")][-1]
20.37
"""

from atlas.indicators.compute import WARD, IndicatorValue, SourceRef, areas, source_date, year_earlier
from atlas.indicators.export import (
    COLUMN_NAMES,
    FORMULA_PREFIXES,
    MISSING,
    area_name,
    column_labels,
    csv_bytes,
    format_number,
    format_value,
    interval_text,
    months_between,
    rounded,
    table,
    value_interval,
)
from atlas.indicators.registry import (
    DIGITS,
    FORMATS,
    HIGHER_IS,
    LEVELS,
    Indicator,
    chome_values,
    definition,
    definitions,
    district_values,
    indicator_ids,
    load_definitions,
)

__all__ = [
    "COLUMN_NAMES", "DIGITS", "FORMATS", "FORMULA_PREFIXES", "HIGHER_IS", "LEVELS", "MISSING", "WARD",
    "Indicator", "IndicatorValue", "SourceRef",
    "area_name", "areas", "chome_values", "column_labels", "csv_bytes", "definition", "definitions",
    "district_values", "format_number", "format_value", "indicator_ids", "interval_text",
    "load_definitions", "months_between", "rounded", "source_date", "table", "value_interval", "year_earlier",
]
