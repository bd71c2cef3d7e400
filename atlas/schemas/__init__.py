"""Declared schemas (pydantic) of the files in ``data/``; the loaders validate every record with them.

- :mod:`atlas.schemas.common`: texts per language, slugs, source ids, the ``$…$`` check;
- :mod:`atlas.schemas.records`: YAML records (sources, districts, indicators, budget notes);
- :mod:`atlas.schemas.tables`: CSV rows (figures, offices, facilities);
- :mod:`atlas.schemas.catalog`: the UI string catalogs and their placeholders against the code's calls.

Boundary layers (GeoJSON) are in :mod:`geo.schema`; :func:`geo.datafile.validated` turns a schema error into a
DataFileError naming the data-relative file, the row and the field.
"""
