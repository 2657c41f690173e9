"""The planner: validation, session shape, beginner path, equipment, screening, loads."""

from __future__ import annotations

from datetime import date

import pytest
from profile_factory import intermediate_on_a_machine as make

from revhyper.domain.errors import InvalidInputError, ScreeningRefusalError
from revhyper.domain.knowledge.exercises import VARIATIONS
from revhyper.domain.knowledge.protocols import MAX_PRESCRIBED_RPE, PROTOCOLS
from revhyper.domain.loads import percent_1rm
from revhyper.domain.programming.athlete import KnownSet
from revhyper.domain.programming.planner import (
    BEGINNER_PATH_RULE,
    BlockRole,
    Plan,
    available_equipment,
    can_do,
    generate_plan,
    machine_load_kg,
    main_blocks,
    typical_machine_load_kg,
)
from revhyper.domain.vocabulary import Goal, Level, VariationId


def week_main(plan: Plan, week: int) -> list[VariationId]:
    blocks = plan.weeks[week - 1].sessions[0].blocks
    return [b.variation for b in blocks if b.role is BlockRole.MAIN]


@pytest.mark.parametrize(
    ("weeks", "days", "message"),
    [
        (0, 3, "weeks 0 is out of range: allowed 1–52"),
        (200, 3, "weeks 200 is out of range: allowed 1–52"),
        (4, 9, "days per week 9 is out of range: allowed 1–6"),
        (4, 0, "days per week 0 is out of range: allowed 1–6"),
        (2.5, 3, "weeks must be a whole number"),
    ],
)
def test_plan_refuses_lengths_outside_the_allowed_range(
    weeks: int, days: int, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        generate_plan(make(), weeks, days)


def test_plan_refuses_without_clearance_when_injured() -> None:
    with pytest.raises(ScreeningRefusalError, match="doctor"):
        generate_plan(make(injuries=["herniated-disc"]), 4, 3)


def test_plan_has_the_asked_number_of_weeks_and_sessions() -> None:
    plan = generate_plan(make(), 6, 3)
    assert [week.number for week in plan.weeks] == [1, 2, 3, 4, 5, 6]
    assert all(len(week.sessions) == 3 for week in plan.weeks)


def test_every_session_warms_up_first_and_cools_down_last() -> None:
    plan = generate_plan(make(level="new", equipment=["bench"]), 8, 4)
    for week in plan.weeks:
        for session in week.sessions:
            roles = [block.role for block in session.blocks]
            assert roles[0] is BlockRole.WARMUP
            assert roles[-1] is BlockRole.COOLDOWN
            assert BlockRole.MAIN in roles
            first_main = roles.index(BlockRole.MAIN)
            assert all(r is BlockRole.WARMUP for r in roles[:first_main])
            assert all(r is BlockRole.MAIN for r in roles[first_main:-1])


def test_sessions_are_dated_from_the_start_and_spread_over_the_week() -> None:
    monday = date(2026, 11, 23)
    plan = generate_plan(make(), 2, 3, start=monday)
    days = [s.date for s in plan.weeks[1].sessions]
    assert days == [date(2026, 11, 30), date(2026, 12, 2), date(2026, 12, 4)]


def test_new_athlete_starts_on_the_floor_with_the_seed_criterion() -> None:
    plan = generate_plan(make(level="new", equipment=["bench", "machine"]), 12, 2)
    assert week_main(plan, 1) == [VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER]
    floor_block = main_blocks(plan)[0]
    assert floor_block.reps == (15, 20)
    assert floor_block.follows == BEGINNER_PATH_RULE
    assert "15–20" in (floor_block.note or "")
    assert any("bend the knees slightly" in note.lower() for note in plan.notes)


def test_beginner_moves_to_bench_then_machine_only_behind_a_stated_gate() -> None:
    plan = generate_plan(make(level="new", equipment=["bench", "machine"]), 12, 2)
    assert week_main(plan, 3) == [VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER]
    assert week_main(plan, 4) == [VariationId.BENCH_REVERSE_HYPER]
    bench = plan.weeks[3].sessions[0].blocks[1]
    assert bench.condition is not None
    assert "15–20 controlled reps of both floor exercises" in bench.condition
    assert VariationId.MACHINE_REVERSE_HYPER in week_main(plan, 8)
    machine = next(b for b in main_blocks(plan) if b.variation is VariationId.MACHINE_REVERSE_HYPER)
    assert machine.condition is not None
    assert "bench" in machine.condition


def test_novice_who_met_the_floor_criterion_follows_the_goal_protocol_at_once() -> None:
    plan = generate_plan(make(level="novice", floor_criterion_met=True), 1, 1)
    assert week_main(plan, 1)[0] is VariationId.MACHINE_REVERSE_HYPER
    assert main_blocks(plan)[0].follows == Goal.STRENGTH.value


@pytest.mark.parametrize(
    ("equipment", "primary"),
    [
        ({"machine", "bench", "bands"}, VariationId.MACHINE_REVERSE_HYPER),
        ({"ghd", "bands"}, VariationId.GHD_REVERSE_HYPER_BANDED),
        ({"bench", "bands"}, VariationId.BANDED_REVERSE_HYPER),
        ({"bench"}, VariationId.BENCH_REVERSE_HYPER),
        ({"stability-ball"}, VariationId.STABILITY_BALL_REVERSE_HYPER),
        ({"floor"}, VariationId.FLOOR_REVERSE_HYPER),
    ],
)
def test_main_variation_follows_the_equipment(equipment: set[str], primary: VariationId) -> None:
    plan = generate_plan(make(equipment=equipment, goal="hypertrophy"), 1, 1)
    assert week_main(plan, 1)[0] is primary


def test_variations_rotate_across_days_and_fit_the_equipment() -> None:
    profile = make(equipment=["machine", "bench", "bands"], goal="hypertrophy")
    plan = generate_plan(profile, 1, 4)
    seconds = {s.blocks[-2].variation for s in plan.weeks[0].sessions}
    assert len(seconds) >= 3
    have = available_equipment(profile)
    for block in (b for s in plan.weeks[0].sessions for b in s.blocks):
        assert can_do(block.variation, have)


def test_sets_climb_and_every_fourth_week_deloads() -> None:
    plan = generate_plan(make(goal="endurance"), 8, 1)
    sets = [week.sessions[0].blocks[2].sets for week in plan.weeks]
    assert sets == [2, 3, 4, 2, 2, 3, 4, 2]
    assert [week.deload for week in plan.weeks] == [False, False, False, True] * 2
    deload_block = plan.weeks[3].sessions[0].blocks[2]
    normal_block = plan.weeks[2].sessions[0].blocks[2]
    assert deload_block.effort is not None and normal_block.effort is not None
    assert deload_block.effort.rpe_high < normal_block.effort.rpe_high


def test_no_block_is_ever_prescribed_above_rpe_8() -> None:
    for goal in Goal:
        plan = generate_plan(make(goal=goal, equipment=["machine", "bands", "bench"]), 8, 3)
        for block in main_blocks(plan):
            assert block.effort is not None
            assert block.effort.rpe_high <= MAX_PRESCRIBED_RPE


def test_cleared_athlete_starts_with_light_movement_integrity_work_and_is_told_so() -> None:
    profile = make(injuries=["back-injury"], back_pain=2, medical_clearance=True)
    plan = generate_plan(profile, 6, 2)
    assert "conservative start" in plan.notes[0].lower()
    for week in plan.weeks[:2]:
        for block in (b for s in week.sessions for b in s.blocks if b.role is BlockRole.MAIN):
            assert block.follows == Goal.MOVEMENT_INTEGRITY.value
            assert block.load.startswith("light,")
    later = [b for b in plan.weeks[4].sessions[0].blocks if b.role is BlockRole.MAIN]
    assert later[0].follows == Goal.MOVEMENT_INTEGRITY.value
    assert later[1].follows == Goal.STRENGTH.value
    assert later[1].load.startswith("moderate,")


def test_each_main_block_names_its_protocol_in_the_reason() -> None:
    plan = generate_plan(make(goal="hypertrophy", equipment=["machine", "bench"]), 1, 1)
    for block in main_blocks(plan):
        assert block.reason.startswith("hypertrophy protocol (seed): 2–3 × 12–15")
        assert block.rest_s == PROTOCOLS[Goal.HYPERTROPHY].rest_s


def test_machine_load_matches_the_rts_chart_for_the_same_set() -> None:
    # 60 kg × 10 @ RPE 8 asked again for 10 reps @ RPE 8 gives the same 60 kg.
    assert machine_load_kg(KnownSet(60.0, 10, 8.0), 10, 8.0) == 60.0
    # 8 reps @ 8: 60 / 0.680 × 0.739 = 65.2 → rounded down to 65 kg (RTS chart values).
    expected = 60.0 / percent_1rm(10, 8.0) * percent_1rm(8, 8.0)
    assert expected == pytest.approx(65.2, abs=0.1)
    assert machine_load_kg(KnownSet(60.0, 10, 8.0), 8, 8.0) == 65.0


def test_machine_load_uses_epley_with_reserve_reps_beyond_the_chart() -> None:
    # 20 reps @ RPE 7 → 23 reps to failure: 1/(1 + 23/30); 60×10@8 → 12 to failure.
    exact = 60.0 * (1 + 12 / 30) / (1 + 23 / 30)
    assert exact == pytest.approx(47.5, abs=0.1)
    assert machine_load_kg(KnownSet(60.0, 10, 8.0), 20, 7.0) == 47.5


def test_plan_gives_kilograms_from_a_known_set_and_the_next_step() -> None:
    plan = generate_plan(make(known_set=KnownSet(60.0, 10, 8.0)), 1, 1)
    load = main_blocks(plan)[0].load
    assert "about 60 kg, from your set of 60 kg × 10 @ RPE 8" in load
    assert "go to about 62.5 kg" in load


def test_plan_estimates_machine_kilograms_from_body_mass_and_height() -> None:
    profile = make(body_mass_kg=80.0, height_m=1.80)
    estimate = typical_machine_load_kg(profile, 10, 8.0)
    assert estimate is not None and estimate > 0
    load = main_blocks(generate_plan(profile, 1, 1))[0].load
    assert f"about {estimate:g} kg on a typical machine" in load


def test_no_kilograms_without_capacity_or_body_measures() -> None:
    assert typical_machine_load_kg(make(), 10, 8.0) is None
    assert "kg" not in main_blocks(generate_plan(make(), 1, 1))[0].load


def test_bodyweight_variations_say_body_weight() -> None:
    plan = generate_plan(make(equipment=["bench"], goal="endurance"), 1, 1)
    block = main_blocks(plan)[0]
    assert not VARIATIONS[block.variation].loadable
    assert block.load.startswith("body weight;")


def test_new_and_novice_athletes_get_no_single_leg_rotation() -> None:
    for level in (Level.NEW, Level.NOVICE):
        profile = make(level=level, floor_criterion_met=True, equipment=["machine", "bench"])
        plan = generate_plan(profile, 12, 3)
        assert VariationId.SINGLE_LEG_REVERSE_HYPER not in {b.variation for b in main_blocks(plan)}
    advanced = generate_plan(make(level="advanced", equipment=["machine"]), 1, 3)
    assert VariationId.SINGLE_LEG_REVERSE_HYPER in {b.variation for b in main_blocks(advanced)}


def test_cleared_athlete_rotates_movement_integrity_variations_without_single_leg() -> None:
    profile = make(
        level="advanced", equipment=["machine"], injuries=["other"], medical_clearance=True
    )
    plan = generate_plan(profile, 8, 3)
    variations = {b.variation for b in main_blocks(plan)}
    assert VariationId.SINGLE_LEG_REVERSE_HYPER not in variations
    assert VariationId.TEMPO_REVERSE_HYPER in variations
