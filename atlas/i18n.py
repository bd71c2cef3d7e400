"""UI strings per language from ``data/i18n/<lang>.yaml``, and locale-aware number formatting."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from atlas.loading import read_yaml
from atlas.schemas.catalog import Catalog, check_catalogs, code_calls
from atlas.schemas.common import LANG_KEYS
from geo.datafile import DataFileError, data_name, validated
from geo.paths import data_dir

LANGS = LANG_KEYS
HTML_LANG = {"ja": "ja", "en": "en", "zh": "zh-Hans"}  # <html lang> of each view language
DEFAULT_LANG = "ja"


def catalog(lang: str) -> dict[str, str]:
    """The string catalog of ``lang``; every catalog must have the same keys as the English one."""
    return load_catalog(lang, data_dir() / "i18n")


@cache
def load_catalog(lang: str, i18n_dir: Path) -> dict[str, str]:
    """The catalog of ``lang`` in ``i18n_dir`` (see :func:`catalog`), validated by :class:`Catalog`."""
    path = i18n_dir / f"{lang}.yaml"
    strings = read_yaml(path)
    if not isinstance(strings, dict):
        raise DataFileError(f"{data_name(path)}: expected a mapping of keys to strings")
    # one field at a time, so the message names the key; the values kept are the normalised ones
    strings = {key: validated(Catalog, {key: value}, data_name(path)).root[key] for key, value in strings.items()}
    if lang != "en":
        english = load_catalog("en", i18n_dir)
        missing = sorted(set(english) - set(strings))
        if missing:
            raise DataFileError(f"{data_name(path)}: missing keys {missing}")
        extra = sorted(set(strings) - set(english))
        if extra:
            raise DataFileError(f"{data_name(path)}: keys {extra} are not in {data_name(i18n_dir / 'en.yaml')}")
    return strings


def check_placeholders() -> None:
    """Every key has the same placeholders in ja/en/zh and the code gives each of them (see atlas.schemas.catalog)."""
    folder = data_dir() / "i18n"
    catalogs = {lang: catalog(lang) for lang in LANGS}
    check_catalogs(catalogs, {lang: data_name(folder / f"{lang}.yaml") for lang in LANGS}, code_calls())


def t(key: str, lang: str, **values: object) -> str:
    """Translate ``key`` into ``lang`` and fill ``{placeholders}``.

    >>> t("km2", "en", value="4.45")
    '4.45 km²'
    """
    return catalog(lang)[key].format(**values)


def format_int(value: int) -> str:
    """Grouped integer, the same in all three languages: 43553 -> '43,553'."""
    return f"{value:,}"
