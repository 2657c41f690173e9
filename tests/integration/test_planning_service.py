"""The planning use case: options override the profile file, screening comes first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from revhyper.domain.errors import InvalidInputError, ScreeningRefusalError
from revhyper.domain.vocabulary import Equipment, Goal
from revhyper.services.planning import PlanRequest, demo_plan, make_plan

TODAY = date(2026, 11, 25)


def _profile(tmp_path: Path) -> Path:
    path = tmp_path / "p.toml"
    path.write_text(
        'goal = "strength"\nlevel = "advanced"\nequipment = ["machine"]\nweeks = 3\n'
        'days-per-week = 2\ninjury = ["back-surgery"]\nclearance = true\n',
        encoding="utf-8",
    )
    return path


def test_options_override_the_profile_file(tmp_path: Path) -> None:
    request = PlanRequest(profile=_profile(tmp_path), goal="hypertrophy", equipment=("bench",))
    plan = make_plan(request, today=TODAY)
    assert plan.goal is Goal.HYPERTROPHY
    assert plan.athlete.equipment == {Equipment.BENCH}
    assert len(plan.weeks) == 3
    assert plan.days_per_week == 2
    assert plan.start == TODAY


def test_option_can_withdraw_the_files_clearance(tmp_path: Path) -> None:
    with pytest.raises(ScreeningRefusalError, match="back-surgery"):
        make_plan(PlanRequest(profile=_profile(tmp_path), clearance=False), today=TODAY)


def test_missing_goal_names_the_option_and_allowed_values() -> None:
    with pytest.raises(InvalidInputError, match=r"missing goal: give --goal .*allowed strength"):
        make_plan(PlanRequest(level="new", equipment=("floor",)), today=TODAY)


def test_bad_start_date_is_refused() -> None:
    request = PlanRequest(goal="strength", level="new", equipment=("floor",), start="tomorrow")
    with pytest.raises(InvalidInputError, match="start 'tomorrow' is not a date"):
        make_plan(request, today=TODAY)


def test_demo_plan_starts_on_this_weeks_monday_and_passes_screening() -> None:
    plan = demo_plan(today=TODAY)
    assert plan.start == date(2026, 11, 23)
    assert not plan.screening.needs_clearance
    assert plan.weeks[0].sessions
