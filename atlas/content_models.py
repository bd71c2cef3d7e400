"""Typed model of the Basic Plan texts (``data/content/plan.yaml``); loaded and validated by :mod:`atlas.content`.

Every :class:`Text` knows, per language, where its wording comes from: a source id of the city's own
publication (the Chinese edition of the summary, or a city page or press release that gives the Japanese), or
:data:`OURS`, this dashboard's translation. A translated text is shown with its mark (:meth:`Text.shown`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from atlas.i18n import LANGS, t

OURS = "ours"


@dataclass(frozen=True)
class Text(Mapping[str, str]):
    """One text in every language; read it like a dict: ``text["zh"]``, ``text.get(lang)``.

    ``origins`` holds, in the order of ``LANGS``, a source id (the city's own wording) or :data:`OURS` (our
    translation). Views show a text with :meth:`shown` or :meth:`paragraphs`, which add the translation mark.

    >>> Text("港区", "港区", "Minato", ("s", OURS, "s")).shown("en")
    'Minato (our translation)'
    """

    zh: str
    ja: str
    en: str
    origins: tuple[str, ...] = ()

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGS:
            raise KeyError(lang)
        return getattr(self, lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGS)

    def __len__(self) -> int:
        return len(LANGS)

    def origin(self, lang: str) -> str:
        """The source id of the wording in ``lang``, or :data:`OURS` for our translation."""
        return self.origins[LANGS.index(lang)] if self.origins else OURS

    def is_translated(self, lang: str) -> bool:
        """True if the wording in ``lang`` is this dashboard's translation, not the city's."""
        return self.origin(lang) == OURS

    def mark(self, lang: str) -> str:
        """The translation mark of ``lang`` (e.g. 〔仮訳〕) for a translated text, else ''."""
        return t("mark_translation", lang) if self.is_translated(lang) else ""

    def marked(self, lang: str, piece: str) -> str:
        """``piece`` (a paragraph or part of this text in ``lang``) followed by the translation mark, if any."""
        mark = self.mark(lang)
        return f"{piece} {mark}" if mark else piece

    def paragraphs(self, lang: str) -> list[str]:
        """Paragraphs (split at blank lines), each followed by the translation mark, if any.

        >>> Text("甲\\n\\n乙", "甲\\n\\n乙", "A\\n\\nB", ("s", OURS, "s")).paragraphs("en")
        ['A (our translation)', 'B (our translation)']
        """
        return [self.marked(lang, part) for part in self[lang].split("\n\n")]

    def shown(self, lang: str) -> str:
        """The text in ``lang``, every paragraph followed by the translation mark, if any."""
        return "\n\n".join(self.paragraphs(lang))

    def source(self, lang: str) -> str:
        """The source id to cite beside the text in ``lang``: its own origin, or for our translation the city's
        publication it translates (the origin of the Chinese wording, the summary); :data:`OURS` for a text without
        origins (see :meth:`PlanContent.source_of`)."""
        origin = self.origin(lang)
        return origin if origin != OURS else self.origin("zh")


@dataclass(frozen=True)
class Section:
    """A heading with its body (paragraphs separated by a blank line)."""

    title: Text
    text: Text


@dataclass(frozen=True)
class MayorMessage:
    """The mayor's message on the purpose of the revision."""

    title: Text
    author: Text
    text: Text
    date: dt.date
    """The month it is dated (plan.yaml gives "2024-01"; the day is 1 and means nothing)."""


@dataclass(frozen=True)
class PlanPeriod:
    """Fiscal years the plan covers and the year it was revised."""

    start_fy: int
    end_fy: int
    revised_fy: int
    text: Text

    def caption(self, lang: str) -> str:
        """'Plan period (6 years) (our translation): Basic Plan FY2021–FY2026, revised FY2023'."""
        label = t("plan_period_label", lang, start=self.start_fy, end=self.end_fy, revised=self.revised_fy)
        return f"{self.text.shown(lang)}{'：' if lang != 'en' else ': '}{label}"


@dataclass(frozen=True)
class PriorityIssue:
    """One of the eight 重点課題."""

    n: int
    title: Text
    summary: Text


@dataclass(frozen=True)
class Measure:
    """A highlighted measure of a policy area."""

    title: Text
    text: Text


@dataclass(frozen=True)
class PolicyArea:
    """One of the four policy areas (Ⅰ–Ⅳ); ``scope`` is None where the summary gives none."""

    id: str
    numeral: str
    name: Text
    scope: Text | None
    summary: Text
    initiatives: tuple[Measure, ...]


@dataclass(frozen=True)
class Forum:
    """The residents' forum and its counts."""

    name: Text
    text: Text
    participants: int
    meetings: int
    fields: int
    proposals: int


@dataclass(frozen=True)
class Picture:
    """One picture of the future city from the children's survey."""

    title: Text
    points: tuple[Text, ...]


@dataclass(frozen=True)
class ChildrenSurvey:
    """The children's questionnaire survey and its six pictures."""

    name: Text
    text: Text
    pictures: tuple[Picture, ...]


@dataclass(frozen=True)
class Participation:
    """How residents took part in the revision."""

    intro: Section
    forum: Forum
    children_survey: ChildrenSurvey


@dataclass(frozen=True)
class KeyFigure:
    """A number printed in the summary; ``date`` or ``period`` says when it applies."""

    id: str
    value: int | float
    unit: str
    label: Text
    date: dt.date | None = None
    period: str | None = None
    projected: bool = False

    @property
    def fiscal_years(self) -> tuple[int, int] | None:
        """First and last fiscal year of ``period`` ("FY2024–FY2026" -> (2024, 2026)), or None."""
        years = re.findall(r"FY(\d{4})", self.period or "")
        return (int(years[0]), int(years[-1])) if years else None


@dataclass(frozen=True)
class Ward:
    """The ward-wide sections of the summary."""

    cover_title: Text
    revision_aims: tuple[Text, ...]
    mayor_message: MayorMessage
    revision_focus: Section
    what_is_plan: Text
    plan_period: PlanPeriod
    vision: Text
    vision_note: Text
    city_goals: tuple[Text, ...]
    priority_issues: tuple[PriorityIssue, ...]
    priority_issues_note: Text
    policy_areas_note: Text
    policy_areas: tuple[PolicyArea, ...]
    participation: Participation
    sdgs: Text
    district_plans_intro: Section
    full_plan_note: Text
    closing: Text
    key_figures: tuple[KeyFigure, ...]

    def key_figure(self, figure_id: str) -> KeyFigure:
        """The key figure with id ``figure_id`` (KeyError if none)."""
        for figure in self.key_figures:
            if figure.id == figure_id:
                return figure
        raise KeyError(figure_id)


@dataclass(frozen=True)
class Initiative:
    """A district project, with the id of the source it comes from."""

    title: Text
    source: str


@dataclass(frozen=True)
class DistrictPlan:
    """One 地区版計画 (district plan)."""

    slug: str
    plan_name: Text
    slogan: Text
    aims: Text
    initiatives: tuple[Initiative, ...]


@dataclass(frozen=True)
class PlanContent:
    """Everything in plan.yaml, validated."""

    source: str
    ward: Ward
    districts: tuple[DistrictPlan, ...]
    texts: tuple[Text, ...] = ()

    def district(self, slug: str) -> DistrictPlan:
        """The plan of district ``slug`` (KeyError if unknown)."""
        for plan in self.districts:
            if plan.slug == slug:
                return plan
        raise KeyError(slug)

    def cites_apart(self, text: Text, lang: str) -> bool:
        """True if ``text`` in ``lang`` is the city's wording from a page other than the summary (a press release,
        the plan's page): it cites that page right beside it, not the summary's source line."""
        return text.origin(lang) not in (OURS, self.source)

    def source_of(self, text: Text, lang: str) -> str:
        """The source id to cite beside ``text`` in ``lang`` (:meth:`Text.source`; the summary if none is known)."""
        source = text.source(lang)
        return self.source if source == OURS else source

    def is_unofficial(self, lang: str) -> bool:
        """True if any text in ``lang`` is our translation (and so carries the translation mark)."""
        return any(text.is_translated(lang) for text in self.texts)
