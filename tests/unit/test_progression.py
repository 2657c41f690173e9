"""Progression rules: ACSM load steps, double progression, NSCA 2-for-2, our deload rule."""

from __future__ import annotations

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.progression import (
    ACSM_LOAD_STEP_RANGE,
    DELOAD_EVERY_WEEKS,
    LoadDecision,
    cycle_of,
    double_progression,
    is_deload_week,
    next_load_kg,
    sets_for_week,
    two_for_two_met,
)


def test_acsm_step_range_is_two_to_ten_percent() -> None:
    # ACSM (2009) Progression models in resistance training: 2–10 % load increase.
    assert ACSM_LOAD_STEP_RANGE == (0.02, 0.10)


def test_next_load_adds_the_step() -> None:
    assert next_load_kg(100.0) == pytest.approx(105.0)
    assert next_load_kg(100.0, 0.02) == pytest.approx(102.0)
    assert next_load_kg(100.0, 0.10) == pytest.approx(110.0)


@pytest.mark.parametrize("step", [0.01, 0.15, -0.05])
def test_next_load_refuses_steps_outside_acsm_range(step: float) -> None:
    with pytest.raises(InvalidInputError, match=r"allowed 0\.02–0\.10"):
        next_load_kg(100.0, step)


def test_next_load_refuses_negative_load() -> None:
    with pytest.raises(InvalidInputError, match="load"):
        next_load_kg(-5.0)


def test_double_progression_adds_load_only_when_every_set_hits_the_top() -> None:
    assert double_progression([10, 10, 10], (8, 10)) is LoadDecision.INCREASE
    assert double_progression([10, 10, 9], (8, 10)) is LoadDecision.KEEP
    assert double_progression([8, 7, 6], (8, 10)) is LoadDecision.KEEP
    assert double_progression([7, 6], (8, 10)) is LoadDecision.DECREASE


def test_double_progression_needs_a_set() -> None:
    with pytest.raises(InvalidInputError):
        double_progression([], (8, 10))


def test_two_for_two_needs_two_consecutive_workouts_two_reps_over_in_the_last_set() -> None:
    # NSCA (Baechle & Earle): two or more reps over the goal, last set, two workouts in a row.
    assert two_for_two_met([[12, 12, 12], [12, 12, 12]], rep_goal=10)
    assert two_for_two_met([[8, 8, 8], [12, 12, 12], [13, 12, 12]], rep_goal=10)
    assert not two_for_two_met([[12, 12, 11], [12, 12, 12]], rep_goal=10)
    assert not two_for_two_met([[12, 12, 12], [10, 10, 10]], rep_goal=10)
    assert not two_for_two_met([[12, 12, 12]], rep_goal=10)
    assert not two_for_two_met([], rep_goal=10)


def test_every_fourth_week_is_a_deload_week() -> None:
    assert DELOAD_EVERY_WEEKS == 4
    assert [week for week in range(1, 13) if is_deload_week(week)] == [4, 8, 12]


def test_cycles_are_four_weeks_long() -> None:
    assert [cycle_of(week) for week in (1, 4, 5, 8, 9)] == [0, 0, 1, 1, 2]


def test_sets_climb_within_the_range_and_drop_on_deload() -> None:
    assert [sets_for_week(week, (2, 4)) for week in range(1, 9)] == [2, 3, 4, 2, 2, 3, 4, 2]
    assert [sets_for_week(week, (3, 4)) for week in range(1, 5)] == [3, 4, 4, 3]
    assert [sets_for_week(week, (2, 3)) for week in range(1, 5)] == [2, 3, 3, 2]
