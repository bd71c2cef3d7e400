"""Load and validate the Basic Plan texts (``data/content/plan.yaml``): ward-wide sections and the five district plans.

The plan is the city's Japanese publication; ``zh`` is its Chinese summary edition copied verbatim. Every text
records per language where its wording comes from (``origin``): a source id in ``sources.yaml`` of the city's own
publication, or ``ours`` for this dashboard's translation. Errors name the file and the item, e.g.
``plan.yaml, ward.priority_issues[3].title: missing 'en'`` (list indexes count from 0).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from atlas.content_models import (
    OURS,
    ChildrenSurvey,
    DistrictPlan,
    Forum,
    Initiative,
    KeyFigure,
    MayorMessage,
    Measure,
    Participation,
    Picture,
    PlanContent,
    PlanPeriod,
    PolicyArea,
    PriorityIssue,
    Section,
    Text,
    Ward,
)
from atlas.districts import districts
from atlas.i18n import LANGS
from atlas.loading import read_yaml
from atlas.sources import sources
from geo.datafile import DataFileError, data_name, shown
from geo.paths import data_dir
from geo.plain_text import plain_text

__all__ = ["OURS", "PlanContent", "Text", "is_unofficial", "plan_content"]
ORIGIN = "origin"

PRIORITY_ISSUES = 8
POLICY_AREAS = 4


def plan_content() -> PlanContent:
    """The Basic Plan texts, validated against the districts of ``districts.yaml``."""
    return load_plan_content(data_dir() / "content" / "plan.yaml", tuple(d.id for d in districts()))


def is_unofficial(lang: str) -> bool:
    """True if any plan text in ``lang`` is our translation (ja, en)."""
    return plan_content().is_unofficial(lang)


class _Node:
    """A YAML value and where it sits in the file, for error messages."""

    def __init__(self, value: Any, file: str, path: str = "", collected: list[Text] | None = None) -> None:
        self.value, self.file, self.path = value, file, path
        self.collected = collected if collected is not None else []  # every Text read below this node, shared

    def fail(self, message: str) -> DataFileError:
        return DataFileError(f"{self.file}, {self.path}: {message}" if self.path else f"{self.file}: {message}")

    def has(self, key: str) -> bool:
        return isinstance(self.value, dict) and self.value.get(key) not in (None, "")

    def __getitem__(self, key: str) -> _Node:
        if not isinstance(self.value, dict):
            raise self.fail("expected a mapping")
        if self.value.get(key) in (None, ""):
            raise self.fail(f"missing '{key}'")
        return _Node(self.value[key], self.file, f"{self.path}.{key}" if self.path else key, self.collected)

    def items(self) -> list[_Node]:
        if not isinstance(self.value, list):
            raise self.fail("expected a list")
        return [_Node(v, self.file, f"{self.path}[{i}]", self.collected) for i, v in enumerate(self.value)]

    def as_str(self) -> str:
        if not isinstance(self.value, str | int | float) or isinstance(self.value, bool):
            raise self.fail("expected a string")
        return str(self.value)

    def as_int(self) -> int:
        if not isinstance(self.value, int) or isinstance(self.value, bool):
            raise self.fail(f"expected a whole number, got {shown(self.value)}")
        return self.value

    def number(self) -> int | float:
        if not isinstance(self.value, int | float) or isinstance(self.value, bool):
            raise self.fail(f"expected a number, got {shown(self.value)}")
        return self.value

    def text(self) -> Text:
        if not isinstance(self.value, dict):
            raise self.fail("expected a map of " + ", ".join(LANGS))
        extra = sorted(set(map(str, self.value)) - set(LANGS) - {ORIGIN})
        if extra:
            raise self.fail(f"unknown language(s) {extra}")
        for lang in LANGS:
            value = self.value.get(lang)
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"missing '{lang}'")
        text = Text(**{lang: self._plain(lang) for lang in LANGS}, origins=self._origins())
        self.collected.append(text)
        return text

    def _plain(self, lang: str) -> str:
        try:
            return plain_text(self.value[lang].strip())
        except ValueError as exc:
            raise self.fail(f"{lang} {exc}") from None

    def _origins(self) -> tuple[str, ...]:
        """Per language: a source id of the city's own wording, or 'ours' (our translation)."""
        origin = self[ORIGIN]
        if not isinstance(origin.value, dict) or set(map(str, origin.value)) != set(LANGS):
            raise origin.fail(f"expected a map of {', '.join(LANGS)} to a source id or '{OURS}'")
        known = sources()
        out = []
        for lang in LANGS:
            value = origin.value[lang]
            if value == OURS and lang == "zh":
                raise origin.fail("zh is the city's Chinese edition; it cannot be 'ours'")
            if value != OURS and value not in known:
                raise origin.fail(f"'{lang}: {value}' is neither '{OURS}' nor a source id in sources.yaml")
            out.append(str(value))
        return tuple(out)

    def texts(self) -> tuple[Text, ...]:
        return tuple(item.text() for item in self.items())


@cache
def load_plan_content(path: Path, slugs: tuple[str, ...]) -> PlanContent:
    """Plan texts from ``path``; ``slugs`` are the district ids the file must cover (see :func:`plan_content`)."""
    root = _Node(read_yaml(path), data_name(path))
    source = root["source"].as_str()
    if source not in sources():
        raise root["source"].fail(f"'{source}' is not a source id in sources.yaml")
    ward, plans = _ward(root["ward"]), _districts(root["districts"], slugs)
    return PlanContent(source=source, ward=ward, districts=plans, texts=tuple(root.collected))


def _ward(node: _Node) -> Ward:
    issues = node["priority_issues"].items()
    if len(issues) != PRIORITY_ISSUES:
        raise node["priority_issues"].fail(f"expected {PRIORITY_ISSUES} issues, found {len(issues)}")
    areas = node["policy_areas"].items()
    if len(areas) != POLICY_AREAS:
        raise node["policy_areas"].fail(f"expected {POLICY_AREAS} areas, found {len(areas)}")
    if len({a["id"].as_str() for a in areas}) != POLICY_AREAS:
        raise node["policy_areas"].fail("duplicate id")
    figures = tuple(_key_figure(n) for n in node["key_figures"].items())
    if len({f.id for f in figures}) != len(figures):
        raise node["key_figures"].fail("duplicate id")
    message, period = node["mayor_message"], node["plan_period"]
    return Ward(
        cover_title=node["cover_title"].text(),
        revision_aims=node["revision_aims"].texts(),
        mayor_message=MayorMessage(
            message["title"].text(), message["author"].text(), message["text"].text(), _month(message["date"])
        ),
        revision_focus=_section(node["revision_focus"]),
        what_is_plan=node["what_is_plan"].text(),
        plan_period=PlanPeriod(
            period["start_fy"].as_int(), period["end_fy"].as_int(), period["revised_fy"].as_int(), period["text"].text()
        ),
        vision=node["vision"].text(),
        vision_note=node["vision_note"].text(),
        city_goals=node["city_goals"].texts(),
        priority_issues=tuple(_issue(n, i) for i, n in enumerate(issues, start=1)),
        priority_issues_note=node["priority_issues_note"].text(),
        policy_areas_note=node["policy_areas_note"].text(),
        policy_areas=tuple(_area(n) for n in areas),
        participation=_participation(node["participation"]),
        sdgs=node["sdgs"].text(),
        district_plans_intro=_section(node["district_plans_intro"]),
        full_plan_note=node["full_plan_note"].text(),
        closing=node["closing"].text(),
        key_figures=figures,
    )


def _month(node: _Node) -> dt.date:
    """A month written "2024-01", as the first day of that month."""
    text = node.as_str()
    year, _, month = text.partition("-")
    if len(year) == 4 and len(month) == 2 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
        return dt.date(int(year), int(month), 1)
    raise node.fail(f'expected a month such as "2024-01", got {shown(text)}')


def _section(node: _Node) -> Section:
    return Section(node["title"].text(), node["text"].text())


def _issue(node: _Node, expected: int) -> PriorityIssue:
    n = node["n"].as_int()
    if n != expected:
        raise node.fail(f"n is {n}, expected {expected}")
    return PriorityIssue(n, node["title"].text(), node["summary"].text())


def _area(node: _Node) -> PolicyArea:
    measures = tuple(Measure(m["title"].text(), m["text"].text()) for m in node["initiatives"].items())
    return PolicyArea(
        id=node["id"].as_str(),
        numeral=node["numeral"].as_str(),
        name=node["name"].text(),
        scope=node["scope"].text() if node.has("scope") else None,
        summary=node["summary"].text(),
        initiatives=measures,
    )


def _participation(node: _Node) -> Participation:
    forum, survey = node["forum"], node["children_survey"]
    pictures = tuple(Picture(p["title"].text(), p["points"].texts()) for p in survey["pictures"].items())
    return Participation(
        intro=_section(node["intro"]),
        forum=Forum(
            forum["name"].text(), forum["text"].text(), forum["participants"].as_int(), forum["meetings"].as_int(),
            forum["fields"].as_int(), forum["proposals"].as_int(),
        ),
        children_survey=ChildrenSurvey(survey["name"].text(), survey["text"].text(), pictures),
    )


def _key_figure(node: _Node) -> KeyFigure:
    date = node.value.get("date") if isinstance(node.value, dict) else None
    if date is not None and not isinstance(date, dt.date):
        try:
            date = dt.date.fromisoformat(str(date))
        except ValueError as exc:
            raise node["date"].fail(f"'{date}' is not a YYYY-MM-DD date") from exc
    projected = node.value.get("projected", False)
    if not isinstance(projected, bool):
        raise node["projected"].fail("expected true or false")
    return KeyFigure(
        id=node["id"].as_str(),
        value=node["value"].number(),
        unit=node["unit"].as_str(),
        label=node["label"].text(),
        date=date,
        period=node["period"].as_str() if node.has("period") else None,
        projected=projected,
    )


def _districts(node: _Node, slugs: tuple[str, ...]) -> tuple[DistrictPlan, ...]:
    if not isinstance(node.value, dict):
        raise node.fail("expected a mapping of district ids")
    unknown = sorted(set(map(str, node.value)) - set(slugs))
    if unknown:
        raise node.fail(f"unknown district {unknown} (not in districts.yaml)")
    return tuple(_district(node[slug], slug) for slug in slugs)


def _district(node: _Node, slug: str) -> DistrictPlan:
    raw = node.value.get("initiatives") if isinstance(node.value, dict) else None
    items = _Node(raw or [], node.file, f"{node.path}.initiatives").items()
    return DistrictPlan(
        slug=slug,
        plan_name=node["plan_name"].text(),
        slogan=node["slogan"].text(),
        aims=node["aims"].text(),
        initiatives=tuple(Initiative(item["title"].text(), item["source"].as_str()) for item in items),
    )
