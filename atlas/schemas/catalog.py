"""Schema of the UI string catalogs (``data/i18n/{ja,en,zh}.yaml``) and the check of their placeholders. No Streamlit.

Every string is text, is a valid ``str.format`` template whose fields are plain names (a stray ``{`` is an error,
``{{`` is a literal brace) and holds no ``$…$`` formula. Across ja/en/zh each key has the same placeholders, and
every call in the code, ``t("key", lang, name=...)`` or ``Msg("key", name=...)``, found with :mod:`ast`, gives
every placeholder its string uses, so a typo such as ``{nmae}`` stops the app at start-up instead of a page.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, RootModel, StrictStr

from atlas.schemas.common import LANG_KEYS, is_mathtext
from geo.datafile import DataFileError
from geo.paths import ROOT
from geo.plain_text import plain_text

KEY_FUNCTIONS = ("t", "Msg")
"""Calls whose first argument is a catalog key and whose keyword arguments fill its placeholders."""
CODE = ("app.py", "app_pages", "components", "atlas", "geo")
_FORMATTER = string.Formatter()


def placeholders(text: str) -> frozenset[str]:
    """The ``{names}`` in ``text``; ValueError for a stray brace or a field that is not a plain name.

    >>> sorted(placeholders("{n} of {total} ({{literal}})"))
    ['n', 'total']
    """
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError as exc:
        raise ValueError(f"has a stray brace ({exc}); write {{{{ or }}}} for a literal brace") from None
    names = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"placeholder {{{name}}} must be a plain name such as {{value}}")
        names.add(name)
    return frozenset(names)


def _template(text: str) -> str:
    text = plain_text(text)
    placeholders(text)
    if is_mathtext(text):
        raise ValueError("holds $…$, which the chart library reads as a formula; write the text without it")
    return text


class Catalog(RootModel[dict[StrictStr, Annotated[StrictStr, AfterValidator(_template)]]]):
    """One language's catalog: key -> template."""


@dataclass(frozen=True)
class Call:
    """A call in the code that uses catalog keys (``prefix`` True: the key is a prefix of an f-string key)."""

    key: str
    names: frozenset[str]
    where: str
    prefix: bool = False


def _keys(node: ast.expr) -> list[tuple[str, bool]]:
    """(key, is_prefix) pairs an argument can take: a literal, both literal arms of ``a if c else b``, or the
    literal start of an f-string; [] when unknown."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [(node.value, False)]
    if isinstance(node, ast.IfExp):
        arms = _keys(node.body) + _keys(node.orelse)
        return arms if len(arms) == 2 else []
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return [(str(node.values[0].value), True)]
    return []


def _calls_in(path: Path, root: Path) -> list[Call]:
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if func not in KEY_FUNCTIONS or any(kw.arg is None for kw in node.keywords):
            continue  # **values: the names are not known here
        names = frozenset(kw.arg for kw in node.keywords if kw.arg and kw.arg != "lang")
        where = f"{path.relative_to(root).as_posix()}:{node.lineno}"
        out.extend(Call(key, names, where, prefix) for key, prefix in _keys(node.args[0]))
    return out


@cache
def code_calls(root: Path = ROOT) -> tuple[Call, ...]:
    """Every catalog call in the app's code (app.py, app_pages/, components/, atlas/, geo/)."""
    files: list[Path] = []
    for name in CODE:
        path = root / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else [])
    return tuple(call for path in files for call in _calls_in(path, root))


def check_catalogs(catalogs: Mapping[str, Mapping[str, str]], files: Mapping[str, str],
                   calls: Iterable[Call]) -> None:
    """Same placeholders for each key in every language, and every call gives what its string uses.

    ``files`` maps a language to its data-relative file name for the messages.
    """
    first = LANG_KEYS[1]  # English is the reference for keys and for placeholders no call names
    for call in calls:
        keys = [k for k in catalogs[first] if k.startswith(call.key)] if call.prefix else [call.key]
        if not call.prefix and call.key not in catalogs[first]:
            raise DataFileError(f"{files[first]}: no key '{call.key}' (used at {call.where})")
        for key in keys:
            for lang in (first, *(lang for lang in LANG_KEYS if lang != first)):
                missing = placeholders(catalogs[lang][key]) - call.names
                if missing:
                    raise DataFileError(f"{files[lang]}, {key}: placeholder {_names(missing)} is not given by the "
                                        f"code ({call.where} gives {_names(call.names) or 'none'})")
    for key, text in catalogs[first].items():
        want = placeholders(text)
        for lang in LANG_KEYS:
            got = placeholders(catalogs[lang][key])
            if got != want:
                raise DataFileError(f"{files[lang]}, {key}: placeholders {_names(got) or 'none'} differ from "
                                    f"{_names(want) or 'none'} in {files[first]}")


def _names(names: Iterable[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names))
