"""How a figure was derived, in the view's language (``data/figures/derivations.yaml``).

population.csv says in its ``derived`` cell how a value was computed, as a short pattern such as
``value on 2024-03-01 minus 前月比増減``. Each pattern is declared once with its wording in ja, en and zh; a cell
is parsed into a :class:`Derivation` (pattern id and date) on load, and a cell no pattern matches is an error
naming the row.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from atlas import formatting as fmt
from atlas.loading import read_yaml, require
from atlas.schemas.records import DerivationRecord
from geo.datafile import DataFileError, data_name, validated
from geo.paths import data_dir

PLACEHOLDERS = {"date": r"(?P<date>\d{4}-\d{2}-\d{2})"}


@dataclass(frozen=True)
class Pattern:
    """One declared derivation: its id, the regular expression of its cells and its wording per language."""

    id: str
    regex: re.Pattern[str]
    text: dict[str, str]


@dataclass(frozen=True)
class Derivation:
    """A parsed ``derived`` cell: which pattern, and the date it names (if any)."""

    id: str
    date: dt.date | None = None

    def text(self, lang: str) -> str:
        """The derivation in ``lang``, its date in the view's format.

        >>> Derivation("previous-month", dt.date(2024, 3, 1)).text("ja")
        '2024年3月1日の値から、同じ表の前月比増減を差し引いた値'
        """
        return patterns()[self.id].text[lang].format(date=fmt.date(self.date, lang))


def patterns() -> dict[str, Pattern]:
    """The declared derivations by id."""
    return load_patterns(data_dir() / "figures" / "derivations.yaml")


def _regex(match: str, where: str) -> re.Pattern[str]:
    """``match`` with its ``{date}`` placeholder as a regular expression of the whole cell."""
    parts = re.split(r"\{(\w+)\}", match)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part))
        elif part in PLACEHOLDERS:
            out.append(PLACEHOLDERS[part])
        else:
            raise DataFileError(f"{where}: match has an unknown placeholder {{{part}}} (only {{date}})")
    try:
        return re.compile("".join(out))
    except re.error as exc:
        raise DataFileError(f"{where}: match cannot be read as a pattern ({exc})") from None


@cache
def load_patterns(path: Path) -> dict[str, Pattern]:
    """Derivations from ``path`` (see :func:`patterns`); each text may use only the placeholders of its match."""
    name = data_name(path)
    rows = require(read_yaml(path), "derivations", name)
    if not isinstance(rows, list):
        raise DataFileError(f"{name}: 'derivations' must be a list")
    out: dict[str, Pattern] = {}
    for i, row in enumerate(rows, start=1):
        where = f"{name}, derivation {i}"
        rec = validated(DerivationRecord, row, where)
        if rec.id in out:
            raise DataFileError(f"{where}: duplicate id '{rec.id}'")
        regex = _regex(rec.match, where)
        for lang, text in rec.text.as_dict().items():
            extra = set(re.findall(r"\{(\w+)\}", text)) - set(regex.groupindex)
            if extra:
                raise DataFileError(f"{where}, text.{lang}: placeholder {{{sorted(extra)[0]}}} is not in match")
        out[rec.id] = Pattern(rec.id, regex, rec.text.as_dict())
    return out


def parse(cell: str, where: str) -> Derivation | None:
    """The derivation a ``derived`` cell states (None for an empty cell); an unknown wording names ``where``."""
    if not cell:
        return None
    for pattern in patterns().values():
        found = pattern.regex.fullmatch(cell)
        if found:
            day = found.groupdict().get("date")
            try:
                return Derivation(pattern.id, dt.date.fromisoformat(day) if day else None)
            except ValueError:
                raise DataFileError(f"{where}: derived names a date that does not exist ({day})") from None
    known = data_name(data_dir() / "figures" / "derivations.yaml")
    raise DataFileError(f"{where}: derived '{cell}' matches no pattern in {known}")
