"""Basic Plan texts (``data/content/plan.yaml``): real file, the "nothing invented" check, broken fixtures."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from atlas.content import OURS, Text, is_unofficial, plan_content
from atlas.districts import districts
from atlas.i18n import t
from geo.layers import DataFileError
from geo.paths import DEFAULT_SHARED

SEED = DEFAULT_SHARED / "seed" / "minato_basic_plan_summary_2024_zh.txt"


def squash(text: str) -> str:
    """``text`` without any whitespace (PDF line breaks, indents, stray spaces)."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"seed text not available ({SEED})")
    return squash(SEED.read_text(encoding="utf-8"))


def texts(value: Any, where: str) -> Iterator[tuple[str, Text]]:
    """Every Text inside a content dataclass, with its path."""
    if isinstance(value, Text):
        yield where, value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from texts(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from texts(item, f"{where}[{i}]")


def test_real_file_loads() -> None:
    plan = plan_content()
    assert plan.source == "basic-plan-summary-2024-zh"
    assert all(text.origin("zh") == plan.source for text in plan.texts)
    assert [d.slug for d in plan.districts] == [d.id for d in districts()]
    assert plan.district("takanawa").plan_name["zh"] == "高轮地区版计划"
    assert plan.district("shiba").slogan.get("zh") == "“芝”：人与地区密切相连，创造心动未来的城市"
    assert plan.district("shiba").initiatives == ()
    with pytest.raises(KeyError):
        plan.district("atlantis")
    assert plan.ward.plan_period.start_fy == 2021 and plan.ward.plan_period.end_fy == 2026
    assert plan.ward.key_figure("population_2024").value == 266306
    assert plan.ward.key_figure("population_projection_2027").projected


@pytest.mark.parametrize("lang", ["ja", "en", "zh"])
def test_every_paragraph_of_a_translated_text_carries_the_mark(lang: str) -> None:
    """Issue 17: the mark after every paragraph, not only the last; none on the city's own wording."""
    mark = t("mark_translation", lang)
    multi = [x for x in plan_content().texts if "\n\n" in x[lang]]
    assert multi  # the mayor's message, the forum and survey texts, the district-plans intro
    for text in plan_content().texts:
        parts = text[lang].split("\n\n")
        expected = [f"{p} {mark}" for p in parts] if text.is_translated(lang) else parts
        assert text.paragraphs(lang) == expected
        assert text.shown(lang) == "\n\n".join(expected)


def test_each_text_cites_its_own_wording_or_the_summary_it_was_translated_from() -> None:
    plan = plan_content()
    for text in plan.texts:
        for lang in ("ja", "en", "zh"):
            origin = text.origin(lang)
            assert plan.source_of(text, lang) == (plan.source if origin == OURS else origin)
            assert plan.cites_apart(text, lang) == (origin not in (OURS, plan.source))
    vision = plan.ward.vision  # the city's wording from its 2024-02-29 press release, not the summary's
    assert plan.source_of(vision, "ja") == vision.origin("ja") != plan.source and plan.cites_apart(vision, "ja")
    assert plan.source_of(Text("甲", "甲", "A"), "en") == plan.source  # a text without origins: the summary


def test_only_ja_and_en_are_unofficial() -> None:
    assert is_unofficial("ja") and is_unofficial("en")
    assert not is_unofficial("zh")


def test_text_is_dict_like() -> None:
    title = plan_content().ward.cover_title
    assert dict(title).keys() == {"zh", "ja", "en"}
    assert title.get("zh") == title["zh"] == "迈向后疫情的新时代，与区民共创美好未来"
    assert title.get("fr") is None


def test_eight_issues_and_four_areas() -> None:
    ward = plan_content().ward
    assert [i.n for i in ward.priority_issues] == list(range(1, 9))
    assert ward.priority_issues[0].title["zh"] == "创建充满希望的“生机活力都市”"
    # Ⅰ is 魅力城市 (城市建设、环境), Ⅱ 活力城市 (社区、产业): the Chinese edition's layout and the city's field order
    assert [a.id for a in ward.policy_areas] == ["appeal", "vitality", "nurture", "realisation"]
    assert [a.numeral for a in ward.policy_areas] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"]
    assert all(len(a.initiatives) == 2 for a in ward.policy_areas)
    assert len(ward.revision_aims) == 4 and len(ward.city_goals) == 4
    pictures = ward.participation.children_survey.pictures
    assert len(pictures) == 6 and all(p.points for p in pictures)


def test_every_text_has_all_languages() -> None:
    found = list(texts(plan_content(), "plan"))
    assert len(found) > 100
    for where, text in found:
        assert all(text[lang].strip() for lang in ("zh", "ja", "en")), where


def test_nothing_invented_every_zh_is_in_the_seed(seed: str) -> None:
    plan = plan_content()
    missing = [
        where
        for where, text in [*texts(plan.ward, "ward"), *texts(plan.districts, "districts")]
        if squash(text["zh"]) not in seed
    ]
    assert missing == []


def test_numbers_are_in_the_seed(seed: str) -> None:
    ward = plan_content().ward
    forum = ward.participation.forum
    counts = (forum.participants, forum.meetings, forum.fields, forum.proposals)
    assert counts == (79, 71, 9, 269)
    for phrase in ("共有79人", "参加了71次", "9个领域", "269项建议"):
        assert phrase in seed
    for figure in ward.key_figures:
        assert f"{figure.value:,}" in seed, figure.id


# --- broken fixtures -------------------------------------------------------




def drop_en_of_issue_4(doc: dict) -> None:
    del doc["ward"]["priority_issues"][3]["title"]["en"]


def seven_issues(doc: dict) -> None:
    doc["ward"]["priority_issues"].pop()


def unknown_district(doc: dict) -> None:
    doc["districts"]["atlantis"] = doc["districts"]["shiba"]


def missing_district(doc: dict) -> None:
    del doc["districts"]["azabu"]


def initiative_without_source(doc: dict) -> None:
    origin = {"zh": "basic-plan-summary-2024-zh", "ja": "ours", "en": "ours"}
    doc["districts"]["shiba"]["initiatives"] = [{"title": {"zh": "一", "ja": "一", "en": "one", "origin": origin}}]


def text_without_origin(doc: dict) -> None:
    del doc["ward"]["vision"]["origin"]


def chinese_marked_ours(doc: dict) -> None:
    doc["ward"]["closing"]["origin"]["zh"] = "ours"


def origin_not_a_source(doc: dict) -> None:
    doc["ward"]["sdgs"]["origin"]["ja"] = "somebody-said-so"


def misnumbered_issue(doc: dict) -> None:
    doc["ward"]["priority_issues"][2]["n"] = 9


def three_areas(doc: dict) -> None:
    doc["ward"]["policy_areas"].pop()


class NoAliases(yaml.SafeDumper):
    """Writes a value shared by two places twice (the data loader refuses aliases)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


@pytest.mark.parametrize(
    ("breakage", "item"),
    [
        (drop_en_of_issue_4, "ward.priority_issues[3].title: missing 'en'"),
        (seven_issues, "ward.priority_issues: expected 8"),
        (unknown_district, "districts: unknown district ['atlantis']"),
        (missing_district, "districts: missing 'azabu'"),
        (initiative_without_source, "districts.shiba.initiatives[0]: missing 'source'"),
        (misnumbered_issue, "ward.priority_issues[2]: n is 9"),
        (three_areas, "ward.policy_areas: expected 4"),
        (text_without_origin, "ward.vision: missing 'origin'"),
        (chinese_marked_ours, "ward.closing.origin: zh is the city's Chinese edition"),
        (origin_not_a_source, "ward.sdgs.origin: 'ja: somebody-said-so' is neither 'ours' nor a source id"),
    ],
)
def test_broken_plan_names_file_and_item(data_copy: Path, breakage: Callable[[dict], None], item: str) -> None:
    path = data_copy / "content" / "plan.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    breakage(doc)
    text = yaml.dump(doc, Dumper=NoAliases, allow_unicode=True, sort_keys=False)  # data files may hold no alias
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        plan_content()
    assert str(err.value).startswith("data/content/plan.yaml, ")
    assert item in str(err.value)


def test_invalid_yaml_names_the_file(data_copy: Path) -> None:
    path = data_copy / "content" / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  : [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^data/content/plan\.yaml: not valid YAML"):
        plan_content()


def test_missing_file_names_the_file(data_copy: Path) -> None:
    (data_copy / "content" / "plan.yaml").unlink()
    with pytest.raises(DataFileError, match=r"^data/content/plan\.yaml: file is missing$"):
        plan_content()
