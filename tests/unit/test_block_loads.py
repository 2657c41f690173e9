"""Kilograms for every plate-loaded main block once a set is known, warm-up loads as numbers
with their plates, and single-leg sets logged per side.

Expected loads are worked by hand from the known set 60 kg × 10 @ RPE 8 (Epley on reps + reps
in reserve where the RTS chart stops, rounded down to 1.25 kg plates).
"""

from __future__ import annotations

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.plates import parse_inventory
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.programming.planner import (
    BlockRole,
    effective_reps,
    fraction_of_max,
    generate_plan,
    main_blocks,
    warmup_load,
)
from revhyper.domain.training.log import SetRecord, Side
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import Equipment, Goal, Level, VariationId

KNOWN = KnownSet(60.0, 10, 8.0)


def _loads(goal: Goal, **extra: object) -> dict[VariationId, float | None]:
    profile = Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE}),
        goal=goal,
        known_set=KNOWN,
        **extra,  # type: ignore[arg-type]
    )
    plan = generate_plan(profile, weeks=1, days_per_week=3)
    return {block.variation: block.load_kg for block in main_blocks(plan)}


def test_strength_single_leg_and_isometric_blocks_get_kilograms() -> None:
    loads = _loads(Goal.STRENGTH)
    assert loads[VariationId.MACHINE_REVERSE_HYPER] == 60.0  # 10 @ 8 from 10 @ 8
    assert loads[VariationId.SINGLE_LEG_REVERSE_HYPER] == 30.0  # half, per leg
    # Hold tempo 1-5-2-0 (8 s) against strength's 1-1-2-0 (4 s): 10 reps count as 20.
    # Epley: 60 × (1 + 12/30) / (1 + 22/30) = 48.46 → 47.5 kg with 1.25 kg plates.
    assert loads[VariationId.ISOMETRIC_HOLD] == 47.5


def test_a_hypertrophy_tempo_block_gets_kilograms_for_its_slower_reps() -> None:
    loads = _loads(Goal.HYPERTROPHY)
    # 15 reps at 3-1-3-1 (8 s) against 2-1-2-0 (5 s) count as 24; RPE 7.5 → 26.5 to failure
    # (not rounded to 26: that made RPE 7.5 as heavy as RPE 7). Epley (1 + 0.0333 × reps):
    # 60 × 1.3996 / 1.88245 = 44.61 kg, 43.75 kg on 1.25 kg plates.
    assert loads[VariationId.TEMPO_REVERSE_HYPER] == 43.75
    assert loads[VariationId.SINGLE_LEG_REVERSE_HYPER] == 26.25  # 52.5 / 2


def test_block_kilograms_follow_a_pound_athletes_plates() -> None:
    plates = parse_inventory("45x4,25x2,10x2,5x2,2.5x2", MassUnit.LB)
    loads = _loads(Goal.STRENGTH, unit=MassUnit.LB, plates=plates)
    single = loads[VariationId.SINGLE_LEG_REVERSE_HYPER]
    assert single is not None
    assert single / 0.45359237 == pytest.approx(65.0)  # 30 kg = 66.1 lb → 65 lb of plates


@pytest.mark.parametrize(
    ("variation", "goal", "reps", "rpe", "counted"),
    [
        (VariationId.MACHINE_REVERSE_HYPER, Goal.HYPERTROPHY, 10, 7.5, 10),
        (VariationId.TEMPO_REVERSE_HYPER, Goal.HYPERTROPHY, 10, 7.5, 16),
        (VariationId.ISOMETRIC_HOLD, Goal.STRENGTH, 10, 8.0, 20),
        # 20 × 8/5 = 32, but reps + reps in reserve stop at 30: 28 at RPE 8, 27 at RPE 7.5.
        (VariationId.TEMPO_REVERSE_HYPER, Goal.HYPERTROPHY, 20, 8.0, 28),
        (VariationId.TEMPO_REVERSE_HYPER, Goal.HYPERTROPHY, 20, 7.5, 27),
        # Movement integrity's own tempo 2-1-3-0 (6 s) against 3-1-3-1 (8 s): 9 → 12.
        (VariationId.TEMPO_REVERSE_HYPER, Goal.MOVEMENT_INTEGRITY, 9, 7.0, 12),
    ],
)
def test_slow_and_held_reps_count_as_more_reps(
    variation: VariationId, goal: Goal, reps: int, rpe: float, counted: int
) -> None:
    assert effective_reps(variation, goal, reps, rpe) == counted


def _profile(**extra: object) -> Profile:
    return Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE}),
        goal=Goal.STRENGTH,
        **extra,  # type: ignore[arg-type]
    )


def test_the_warm_up_load_is_a_number_with_its_plates() -> None:
    text, load = warmup_load(_profile(), 52.5)
    assert load == 26.25
    assert text.startswith("about 26.25 kg (plates: 25 + 1.25 kg; 50% of your first work set")


def test_a_pound_athletes_warm_up_uses_their_plates() -> None:
    profile = _profile(unit=MassUnit.LB, plates=parse_inventory("45x2,10x2,5x2", MassUnit.LB))
    text, load = warmup_load(profile, 100 * 0.45359237)
    assert load == pytest.approx(50 * 0.45359237)
    assert "about 50 lb (plates: 45 + 5 lb" in text


def test_a_warm_up_below_the_smallest_plate_is_the_empty_arm() -> None:
    text, load = warmup_load(_profile(), 2.0)  # half is 1 kg, under the 1.25 kg plate
    assert load == 0.0 and text.startswith("the empty arm")


def test_without_a_work_load_the_warm_up_stays_in_words() -> None:
    text, load = warmup_load(_profile(), None)
    assert load is None and "about half the load" in text


def test_the_plans_ramp_up_block_carries_its_load() -> None:
    plan = generate_plan(_profile(known_set=KNOWN), weeks=1, days_per_week=1)
    ramp = [b for b in plan.weeks[0].sessions[0].blocks if b.role is BlockRole.WARMUP][-1]
    assert ramp.load_kg == 30.0
    assert "about 30 kg (plates: " in ramp.load and "of your first work set's 60 kg" in ramp.load


def test_a_single_leg_set_records_its_side() -> None:
    record = SetRecord(variation=VariationId.SINGLE_LEG_REVERSE_HYPER, reps=10, side="L")  # type: ignore[arg-type]
    assert record.side is Side.LEFT


@pytest.mark.parametrize(
    ("variation", "side", "needle"),
    [
        (VariationId.MACHINE_REVERSE_HYPER, "left", "only for single-leg"),
        (VariationId.SINGLE_LEG_REVERSE_HYPER, "both", "use left or right"),
    ],
)
def test_a_side_is_refused_where_it_makes_no_sense(
    variation: VariationId, side: str, needle: str
) -> None:
    with pytest.raises(InvalidInputError, match=needle):
        SetRecord(variation=variation, reps=10, side=side)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reps", "rpe", "fraction"),
    [
        # Off the RTS chart (more than 12 reps), Epley by reps to failure, not rounded:
        # 1 / (1 + 0.0333 × 17.5), 1 / (1 + 0.0333 × 18), 1 / (1 + 0.0333 × 26.5).
        (15, 7.5, 0.631812),
        (15, 7.0, 0.625234),
        (24, 7.5, 0.531223),
    ],
)
def test_off_the_chart_an_rpe_half_point_changes_the_fraction_of_max(
    reps: int, rpe: float, fraction: float
) -> None:
    # Rounding 17.5 reps to failure to 18 made RPE 7.5 the same effort as RPE 7.
    assert fraction_of_max(reps, rpe) == pytest.approx(fraction, abs=5e-7)
