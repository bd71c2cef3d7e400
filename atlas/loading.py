"""Read YAML and CSV data files with errors that name the file (data-relative), the row and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from geo.datafile import DataFileError, csv_rows, data_name, validated
from geo.plain_text import excerpt

__all__ = ["csv_field", "csv_records", "csv_rows", "read_yaml", "require"]

M = TypeVar("M", bound=BaseModel)


MAX_DEPTH = 32  # nesting levels of a YAML data file; the deepest committed one has 7


class Refused(yaml.MarkedYAMLError):
    """YAML that parses but is not allowed in a data file (an alias, a repeated key, an impossible date, depth)."""


class DataLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter: no aliases (``*name``: one alias can stand for a value billions of times
    larger than the file), no key given twice in a mapping (YAML would keep the last one silently), nesting at most
    :data:`MAX_DEPTH` levels (deeper is refused before Python's recursion limit), and a date that does not exist
    (``2020-02-30``) is an error naming its line."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise Refused(problem=f"uses the alias *{str(event.anchor)[:40]}; aliases are not allowed in data files, "
                                  "write the value out", problem_mark=event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused(problem=f"nests deeper than {MAX_DEPTH} levels",
                              problem_mark=self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[tuple[str, str], int] = {}
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise Refused(problem=f"the key {excerpt(key_node.value, 40)} is given twice (first at line "
                                          f"{seen[key] + 1})", problem_mark=key_node.start_mark)
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise Refused(problem=f"{excerpt(node.value, 40)} is not a date ({exc})",
                          problem_mark=node.start_mark) from None


DataLoader.add_constructor("tag:yaml.org,2002:timestamp", DataLoader.construct_yaml_timestamp)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file with :class:`DataLoader`; a missing or malformed file raises DataFileError naming it."""
    name = data_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{name}: file is missing") from None
    except UnicodeDecodeError:
        raise DataFileError(f"{name}: not UTF-8 text") from None
    try:
        return yaml.load(text, Loader=DataLoader)  # noqa: S506 - DataLoader is a SafeLoader
    except Refused as exc:
        raise DataFileError(f"{name}, line {exc.problem_mark.line + 1}: {exc.problem}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow in a file, such as NUL
        line = text.count("\n", 0, exc.position) + 1
        raise DataFileError(f"{name}, line {line}: holds the control character U+{exc.character:04X}; "
                            "remove it") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise DataFileError(f"{name}: not valid YAML{where} ({problem})") from None


def require(mapping: Any, key: str, where: str) -> Any:
    """``mapping[key]`` or DataFileError naming ``where`` (file and row)."""
    if not isinstance(mapping, dict) or mapping.get(key) in (None, ""):
        raise DataFileError(f"{where}: missing field '{key}'")
    return mapping[key]


def csv_records(path: Path, model: type[M], hint: str = "") -> list[tuple[str, M]]:
    """Every data row of a CSV validated by ``model``; at least one row. The header must name every field of the
    model; a blank cell is a missing field (an error unless the field has a default)."""
    required = tuple(f.alias or n for n, f in model.model_fields.items())
    out = []
    for where, rec in csv_rows(path, required, hint, non_empty=True):
        if None in rec:  # more cells than the header names
            raise DataFileError(f"{where}: more cells than the header has columns")
        cells = {k: v.strip() for k, v in rec.items() if v and v.strip()}  # a blank cell is a missing field
        out.append((where, validated(model, cells, where)))
    return out


def csv_field(rec: dict[str, str], key: str, where: str) -> str:
    """The stripped, non-empty value of ``key`` or DataFileError naming ``where``."""
    value = (rec.get(key) or "").strip()
    if not value:
        raise DataFileError(f"{where}: missing '{key}'")
    return value
