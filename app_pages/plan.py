"""The Basic Plan at a glance: vision, goals, priority issues, policy areas, participation, SDGs."""

from components.plan_view import (
    city_goals,
    participation,
    plan_overview,
    policy_areas,
    priority_issues,
    sdgs_and_districts,
)
from components.state import lang

plan_overview(lang())
city_goals(lang())
priority_issues(lang())
policy_areas(lang())
participation(lang())
sdgs_and_districts(lang())
