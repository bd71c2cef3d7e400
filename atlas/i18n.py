"""UI strings per language from ``data/i18n/<lang>.yaml``, and locale-aware number formatting."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from atlas.loading import read_yaml
from geo.layers import DataFileError
from geo.paths import data_dir

LANGS = ("ja", "en", "zh")
DEFAULT_LANG = "ja"


def catalog(lang: str) -> dict[str, str]:
    """The string catalog of ``lang``; every catalog must have the same keys as the English one."""
    return load_catalog(lang, data_dir() / "i18n")


@cache
def load_catalog(lang: str, i18n_dir: Path) -> dict[str, str]:
    """The catalog of ``lang`` in ``i18n_dir`` (see :func:`catalog`)."""
    strings = read_yaml(i18n_dir / f"{lang}.yaml")
    if not isinstance(strings, dict):
        raise DataFileError(f"{lang}.yaml: expected a mapping of keys to strings")
    if lang != "en":
        missing = sorted(set(load_catalog("en", i18n_dir)) - set(strings))
        if missing:
            raise DataFileError(f"{lang}.yaml: missing keys {missing}")
    return {str(k): str(v) for k, v in strings.items()}


def t(key: str, lang: str, **values: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}``.

    >>> t("km2", "en", value="4.45")
    '4.45 km²'
    """
    return catalog(lang)[key].format(**values)


def format_int(value: int) -> str:
    """Grouped integer, the same in all three languages: 43553 -> '43,553'."""
    return f"{value:,}"
