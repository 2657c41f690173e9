"""The goal protocol table, checked value by value against the seed.

Seed (shared/seed/000_32136873e1d48bdf.txt), "How to Add the Reverse Hyperextension to your
Routine":
strength 3–4 × 8–10, moderate to heavy, not maximal or close to it, rest as needed;
movement integrity 3–4 × 8–10, light to moderate, controlled speed;
endurance 2–4 × 15–20, light to moderate, rest 30–45 s;
hypertrophy 2–3 × 12–15, moderate, rest 45–90 s.
"""

from __future__ import annotations

import pytest

from revhyper.domain.knowledge.protocols import (
    INTENSITY_TARGETS,
    MAX_PRESCRIBED_RPE,
    PROTOCOLS,
    Intensity,
    at_most,
    lighter,
    protocol_for,
)
from revhyper.domain.vocabulary import Goal

SEED = {
    Goal.STRENGTH: ((3, 4), (8, 10), None, Intensity.MODERATE_TO_HEAVY),
    Goal.MOVEMENT_INTEGRITY: ((3, 4), (8, 10), None, Intensity.LIGHT_TO_MODERATE),
    Goal.ENDURANCE: ((2, 4), (15, 20), (30, 45), Intensity.LIGHT_TO_MODERATE),
    Goal.HYPERTROPHY: ((2, 3), (12, 15), (45, 90), Intensity.MODERATE),
}


def test_table_has_exactly_the_four_seed_goals() -> None:
    assert set(PROTOCOLS) == set(Goal)


@pytest.mark.parametrize("goal", list(Goal))
def test_protocol_matches_the_seed(goal: Goal) -> None:
    sets, reps, rest_s, intensity = SEED[goal]
    protocol = protocol_for(goal)
    assert protocol.goal is goal
    assert protocol.sets == sets
    assert protocol.reps == reps
    assert protocol.rest_s == rest_s
    assert protocol.intensity is intensity


def test_strength_carries_the_never_near_maximal_constraint() -> None:
    constraint = PROTOCOLS[Goal.STRENGTH].constraint
    assert constraint is not None
    assert "maximal" in constraint


def test_movement_integrity_asks_for_controlled_speed() -> None:
    assert "controlled" in PROTOCOLS[Goal.MOVEMENT_INTEGRITY].speed


def test_no_effort_target_goes_above_rpe_8() -> None:
    assert MAX_PRESCRIBED_RPE == 8.0
    for target in INTENSITY_TARGETS.values():
        assert target.rpe_low <= target.rpe_high <= MAX_PRESCRIBED_RPE
        assert target.rir_low >= 2.0


def test_heavier_words_never_ask_for_less_effort() -> None:
    highs = [INTENSITY_TARGETS[word].rpe_high for word in Intensity]
    assert highs == sorted(highs)


def test_rir_is_ten_minus_rpe() -> None:
    target = INTENSITY_TARGETS[Intensity.MODERATE_TO_HEAVY]
    assert (target.rir_low, target.rir_high) == (2.0, 3.0)
    assert target.describe() == "RPE 7–8 (2–3 reps in reserve)"


def test_lighter_steps_down_and_stops_at_light() -> None:
    assert lighter(Intensity.MODERATE_TO_HEAVY) is Intensity.MODERATE
    assert lighter(Intensity.LIGHT) is Intensity.LIGHT


def test_at_most_caps_heavier_words() -> None:
    assert at_most(Intensity.MODERATE_TO_HEAVY, Intensity.MODERATE) is Intensity.MODERATE
    assert at_most(Intensity.LIGHT, Intensity.MODERATE) is Intensity.LIGHT
