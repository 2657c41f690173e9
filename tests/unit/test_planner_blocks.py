"""Whole blocks of generated plans, written out by hand: sets, reps, rest, tempo, load, role,
reason and gate of the warm-up, path, goal and cool-down blocks, for each goal, level and
equipment branch of the planner; the beginner path's stages by week; warm-up loads as numbers;
and the plan options' refusals word for word at their edges.

Oracles (never the planner itself):
- protocol numbers: the seed (shared/seed/000_32136873e1d48bdf.txt), "How to Add the Reverse
  Hyperextension to your Routine": strength and movement integrity 3–4 × 8–10, rest as needed;
  hypertrophy 2–3 × 12–15, rest 45–90 s; beginners 15–20 controlled floor reps first;
- our rules as the planner's module docstring states them: path work 2–3 sets of 15–20 at
  30–60 s rest, tempos (C-H-E-P) per goal and variation, every 4th week a deload, cleared
  athletes capped, warm-up ramp at half the first work set rounded down to the plates;
- RPE bands: light 5–6, light to moderate 6–7, moderate 6.5–7.5, moderate to heavy 7–8;
- loads: RTS chart (10 @ RPE 8 = 68.0 % of 1RM), Epley 1RM = w · (1 + 0.0333 · r) on reps +
  reps in reserve beyond the chart, 1 lb = 0.45359237 kg, loads stored to the milligram.
"""

from __future__ import annotations

import math
from datetime import date

import pytest
from profile_factory import intermediate_on_a_machine as profile

from revhyper.domain.body.mechanics import plate_load_for_relative_effort
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.knowledge.protocols import RpeTarget
from revhyper.domain.plates import parse_inventory
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.programming.planner import (
    Block,
    BlockRole,
    Plan,
    StageWeek,
    check_plan_options,
    fraction_of_max,
    generate_plan,
    machine_load_kg,
    rotation_variation,
    stage_for_week,
    typical_machine_load_kg,
    warmup_load,
)
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import Equipment, Goal, Level, VariationId

KG_PER_LB = 0.45359237
#: 52.5 kg × 10 @ RPE 8 on the machine: 10 @ 8 again is 52.5 kg, half of it 26.25 = 25 + 1.25.
KNOWN = KnownSet(52.5, 10, 8.0)

LIGHT = RpeTarget(5.0, 6.0)
LIGHT_TO_MODERATE = RpeTarget(6.0, 7.0)
MODERATE = RpeTarget(6.5, 7.5)
MODERATE_TO_HEAVY = RpeTarget(7.0, 8.0)

GENERAL_WARMUP = Block(
    role=BlockRole.WARMUP,
    variation=VariationId.FLOOR_HYPEREXTENSION,
    sets=1,
    reps=10,
    rest_s=None,
    load="body weight, easy",
    tempo="2-0-2-0",
    reason="seed: always warm up and stretch before reverse hypers",
    follows="warmup",
    note=(
        "first 5 minutes of easy cardio, then dynamic stretches for hips and hamstrings "
        "(leg swings, hip-flexor lunge stretch)"
    ),
)
COOLDOWN_REASON = (
    "seed: lower the weight under control after the last rep; the easy lowering stretches "
    "and unloads the lower back"
)
COOLDOWN_NOTE = "then 5 minutes of static stretches for hamstrings, glutes and hip flexors"
FLOOR_CRITERION = (
    "Move on when you can do 15–20 slow, controlled reps with good form "
    "(no jerking, no explosive swing)."
)
STRENGTH_REASON = (
    "strength protocol (seed): 3–4 × 8–10, moderate to heavy, rest as needed; "
    "climb to 10 reps, then progress"
)
INTEGRITY_REASON = (
    "movement-integrity protocol (seed): 3–4 × 8–10, light to moderate, rest as needed; "
    "climb to 10 reps, then progress"
)
CAPPED_LIGHT = "; conservative start after screening: load capped at light (our rule)"
DELOAD_REASON = "; deload week (our rule: every 4th week, fewer sets, lighter)"


def gate_floor(week: int) -> str:
    return (
        "only once you have done 15–20 controlled reps of both floor exercises on every set; "
        f"until then repeat week {week}'s floor work"
    )


def gate_bench(week: int) -> str:
    return (
        "only once you can do 15–20 controlled bench reverse hypers on every set; "
        f"until then repeat week {week}'s bench work"
    )


def cooldown(variation: VariationId, load: str, condition: str | None = None) -> Block:
    return Block(
        role=BlockRole.COOLDOWN,
        variation=variation,
        sets=1,
        reps=10,
        rest_s=None,
        load=load,
        tempo="2-1-3-0",
        reason=COOLDOWN_REASON,
        follows="cooldown",
        condition=condition,
        note=COOLDOWN_NOTE,
    )


def path_block(
    variation: VariationId, sets: int, *, deload: bool = False, condition: str | None = None
) -> Block:
    stage = "bench" if variation is VariationId.BENCH_REVERSE_HYPER else "floor"
    words = (
        "light, RPE 5–6 (4–5 reps in reserve)"
        if deload
        else ("light to moderate, RPE 6–7 (3–4 reps in reserve)")
    )
    return Block(
        role=BlockRole.MAIN,
        variation=variation,
        sets=sets,
        reps=(15, 20),
        rest_s=(30, 60),
        load=f"body weight; {words}",
        tempo="2-1-2-0",
        reason=(
            f"beginner path (seed), {stage} stage: 15–20 controlled reps, slow, never "
            "explosive; bend the knees slightly if too hard"
        ),
        follows="beginner-path",
        effort=LIGHT if deload else LIGHT_TO_MODERATE,
        condition=condition,
        note=FLOOR_CRITERION,
    )


def session_blocks(plan: Plan, week: int, day: int = 1) -> tuple[Block, ...]:
    return plan.weeks[week - 1].sessions[day - 1].blocks


def main_of(plan: Plan, week: int, day: int = 1) -> list[Block]:
    return [b for b in session_blocks(plan, week, day) if b.role is BlockRole.MAIN]


# --------------------------------------------------------------------------- plan options


@pytest.mark.parametrize(
    ("weeks", "days", "message"),
    [
        (0, 3, "weeks 0 is out of range: allowed 1–52"),
        (53, 3, "weeks 53 is out of range: allowed 1–52"),
        (4, 0, "days per week 0 is out of range: allowed 1–6 (at least one rest day a week)"),
        (4, 7, "days per week 7 is out of range: allowed 1–6 (at least one rest day a week)"),
        ("4", 3, "weeks must be a whole number, got '4': allowed 1–52"),
        (True, 3, "weeks must be a whole number, got True: allowed 1–52"),
        (4, 2.0, "days per week must be a whole number, got 2.0: allowed 1–6"),
    ],
)
def test_plan_options_outside_the_limits_are_refused_word_for_word(
    weeks: object, days: object, message: str
) -> None:
    with pytest.raises(InvalidInputError) as refused:
        check_plan_options(weeks, days)
    assert str(refused.value) == message


@pytest.mark.parametrize(("weeks", "days"), [(1, 1), (52, 6), (1, 6), (52, 1)])
def test_plan_options_at_the_limits_are_accepted(weeks: int, days: int) -> None:
    check_plan_options(weeks, days)


def test_a_plan_keeps_its_days_per_week_start_and_numbers_its_sessions_from_one() -> None:
    monday = date(2026, 1, 5)
    plan = generate_plan(profile(), 4, 3, start=monday)
    assert plan.days_per_week == 3
    assert plan.start == monday
    assert [s.day for s in plan.weeks[0].sessions] == [1, 2, 3]
    assert [w.notes for w in plan.weeks] == [
        (),
        (),
        (),
        ("Deload week (our rule, every 4th week): fewest sets and a lighter load.",),
    ]


# --------------------------------------------------------------------------- beginner stages


def test_a_new_athletes_stages_by_week_with_a_bench_and_a_machine() -> None:
    new = profile(level=Level.NEW, equipment=frozenset({Equipment.BENCH, Equipment.MACHINE}))
    floor = StageWeek((VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER), None)
    bench = StageWeek((VariationId.BENCH_REVERSE_HYPER,), gate_floor(3))
    machine = StageWeek((), gate_bench(7))
    # OUR rule: 3 floor weeks for a new athlete, then one 4-week bench stage (weeks 4–7).
    assert [stage_for_week(new, w) for w in range(1, 10)] == [floor] * 3 + [bench] * 4 + [
        machine
    ] * 2


def test_a_novices_stages_by_week_with_a_bench_and_a_machine() -> None:
    novice = profile(level=Level.NOVICE, equipment=frozenset({Equipment.BENCH, Equipment.MACHINE}))
    floor = StageWeek((VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER), None)
    bench = StageWeek((VariationId.BENCH_REVERSE_HYPER,), gate_floor(2))
    machine = StageWeek((), gate_bench(6))
    # 2 floor weeks for a novice, bench weeks 3–6.
    assert [stage_for_week(novice, w) for w in range(1, 8)] == [floor] * 2 + [bench] * 4 + [machine]


def test_without_a_bench_a_new_athlete_goes_from_the_floor_to_gated_goal_work() -> None:
    new = profile(level=Level.NEW)
    assert stage_for_week(new, 3) == StageWeek(
        (VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER), None
    )
    assert stage_for_week(new, 4) == StageWeek((), gate_floor(3))
    assert stage_for_week(new, 20) == StageWeek((), gate_floor(3))


def test_trained_athletes_and_novices_past_the_floor_have_no_stage() -> None:
    assert stage_for_week(profile(level=Level.INTERMEDIATE), 1) is None
    assert stage_for_week(profile(level=Level.NOVICE, floor_criterion_met=True), 1) is None


def test_a_new_athletes_floor_weeks_are_whole_path_sessions() -> None:
    plan = generate_plan(profile(level=Level.NEW, equipment=frozenset({Equipment.BENCH})), 5, 1)
    # Sets climb 2, 3, 3 inside the path's 2–3.
    for week, sets in ((1, 2), (2, 3), (3, 3)):
        assert session_blocks(plan, week) == (
            GENERAL_WARMUP,
            path_block(VariationId.FLOOR_HYPEREXTENSION, sets),
            path_block(VariationId.FLOOR_REVERSE_HYPER, sets),
            cooldown(VariationId.FLOOR_HYPEREXTENSION, "body weight, easy"),
        )


def test_the_bench_stage_is_gated_and_its_deload_week_is_light() -> None:
    plan = generate_plan(profile(level=Level.NEW, equipment=frozenset({Equipment.BENCH})), 5, 1)
    gate = gate_floor(3)
    # Week 4 is a deload week: fewest sets (2) and "light" (RPE 5–6).
    assert session_blocks(plan, 4) == (
        GENERAL_WARMUP,
        path_block(VariationId.BENCH_REVERSE_HYPER, 2, deload=True, condition=gate),
        cooldown(VariationId.BENCH_REVERSE_HYPER, "body weight, easy", condition=gate),
    )
    assert main_of(plan, 5) == [path_block(VariationId.BENCH_REVERSE_HYPER, 2, condition=gate)]
    assert plan.weeks[3].notes == (
        "Deload week (our rule, every 4th week): fewest sets and a lighter load.",
        f"Gated week: do this {gate}.",
    )


def test_a_new_athlete_without_a_bench_warms_up_and_cools_down_behind_the_floor_gate() -> None:
    plan = generate_plan(profile(level=Level.NEW), 5, 1)
    gate = gate_floor(3)
    blocks = session_blocks(plan, 5)
    # New athletes rotate nothing harder than the machine: the isometric hold, not single-leg.
    assert [(b.role, b.variation, b.condition) for b in blocks] == [
        (BlockRole.WARMUP, VariationId.FLOOR_HYPEREXTENSION, None),
        (BlockRole.WARMUP, VariationId.MACHINE_REVERSE_HYPER, gate),
        (BlockRole.MAIN, VariationId.MACHINE_REVERSE_HYPER, gate),
        (BlockRole.MAIN, VariationId.ISOMETRIC_HOLD, gate),
        (BlockRole.COOLDOWN, VariationId.MACHINE_REVERSE_HYPER, gate),
    ]


# --------------------------------------------------------------------------- goal blocks


def test_a_strength_session_on_the_machine_block_by_block() -> None:
    plan = generate_plan(profile(known_set=KNOWN), 1, 2)
    machine = Block(
        role=BlockRole.MAIN,
        variation=VariationId.MACHINE_REVERSE_HYPER,
        sets=3,
        reps=(8, 10),
        rest_s=None,
        load=(
            "moderate to heavy, RPE 7–8 (2–3 reps in reserve); plates on the swing arm "
            "(about 52.5 kg, from your set of 52.5 kg × 10 @ RPE 8; once every set reaches "
            "10 reps, go to about 55 kg)"
        ),
        tempo="1-1-2-0",
        reason=STRENGTH_REASON,
        follows="strength",
        effort=MODERATE_TO_HEAVY,
        load_kg=52.5,
    )
    ramp = Block(
        role=BlockRole.WARMUP,
        variation=VariationId.MACHINE_REVERSE_HYPER,
        sets=2,
        reps=8,
        rest_s=(60, 90),
        load=(
            "about 26.25 kg (plates: 25 + 1.25 kg; 50% of your first work set's 52.5 kg), "
            "easy: RPE 4–5"
        ),
        tempo="2-0-2-0",
        reason="ramp-up sets before the first work set (our rule)",
        follows="warmup",
        load_kg=26.25,
    )
    blocks = session_blocks(plan, 1)
    assert blocks[:3] == (GENERAL_WARMUP, ramp, machine)
    assert blocks[-1] == cooldown(
        VariationId.MACHINE_REVERSE_HYPER,
        "no added load (empty swing arm or no band), easy swing under control",
    )
    single_leg = blocks[3]
    assert single_leg.variation is VariationId.SINGLE_LEG_REVERSE_HYPER
    assert (single_leg.tempo, single_leg.note, single_leg.load_kg) == ("1-1-2-0", None, 26.25)


def test_a_strength_isometric_hold_keeps_its_slow_tempo_and_its_hold_note() -> None:
    plan = generate_plan(profile(known_set=KNOWN), 1, 2)
    hold = main_of(plan, 1, day=2)[1]
    assert hold.variation is VariationId.ISOMETRIC_HOLD
    assert hold.tempo == "1-5-2-0"
    assert hold.note == "hold each rep about 5 s at the top, legs parallel to the floor"
    # 1-5-2-0 (8 s) against strength's 1-1-2-0 (4 s): 10 reps count as 20; at RPE 8 that is
    # 22 to failure against the known set's 12: 52.5 × 1.3996 / 1.7326 = 42.4 → 41.25 kg.
    assert hold.load_kg == 41.25
    assert hold.reason == STRENGTH_REASON
    assert hold.sets == 3 and hold.reps == (8, 10) and hold.rest_s is None


def test_an_advanced_hypertrophy_plan_rotates_tempo_single_leg_and_hold_day_by_day() -> None:
    plan = generate_plan(profile(level=Level.ADVANCED, goal=Goal.HYPERTROPHY), 1, 4)
    seconds = [main_of(plan, 1, day)[1] for day in (1, 2, 3, 4)]
    assert [(b.variation, b.tempo) for b in seconds] == [
        (VariationId.TEMPO_REVERSE_HYPER, "3-1-3-1"),
        (VariationId.SINGLE_LEG_REVERSE_HYPER, "2-1-2-0"),
        (VariationId.ISOMETRIC_HOLD, "1-5-2-0"),
        (VariationId.TEMPO_REVERSE_HYPER, "3-1-3-1"),
    ]
    first = main_of(plan, 1, 1)[0]
    assert (first.variation, first.sets, first.reps, first.rest_s, first.tempo, first.note) == (
        VariationId.MACHINE_REVERSE_HYPER,
        2,
        (12, 15),
        (45, 90),
        "2-1-2-0",
        None,
    )
    assert first.effort == MODERATE


@pytest.mark.parametrize(
    ("changes", "day", "conservative", "expected"),
    [
        # Strength on the machine, any level above novice: single-leg, then the hold.
        ({"level": Level.ADVANCED}, 1, False, VariationId.SINGLE_LEG_REVERSE_HYPER),
        ({"level": Level.ADVANCED}, 2, False, VariationId.ISOMETRIC_HOLD),
        ({"level": Level.ADVANCED}, 3, False, VariationId.SINGLE_LEG_REVERSE_HYPER),
        # Cleared athletes rotate the movement-integrity choices: tempo first.
        ({"level": Level.ADVANCED}, 1, True, VariationId.TEMPO_REVERSE_HYPER),
        # Endurance on a bench with bands: the banded reverse hyper is the main variation, so
        # the rotation moves on to the bench reverse hyper (no stability ball here).
        (
            {
                "goal": Goal.ENDURANCE,
                "equipment": frozenset({Equipment.BENCH, Equipment.BANDS}),
            },
            1,
            False,
            VariationId.BENCH_REVERSE_HYPER,
        ),
        # Hypertrophy on the machine: tempo, single-leg, hold, then tempo again.
        ({"goal": Goal.HYPERTROPHY}, 1, False, VariationId.TEMPO_REVERSE_HYPER),
        ({"goal": Goal.HYPERTROPHY}, 2, False, VariationId.SINGLE_LEG_REVERSE_HYPER),
        ({"goal": Goal.HYPERTROPHY}, 3, False, VariationId.ISOMETRIC_HOLD),
        ({"goal": Goal.HYPERTROPHY}, 4, False, VariationId.TEMPO_REVERSE_HYPER),
    ],
)
def test_the_second_variation_rotates_through_the_goals_choices(
    changes: dict[str, object], day: int, conservative: bool, expected: VariationId
) -> None:
    athlete = profile(**changes)
    if conservative:
        assert rotation_variation(athlete, day, conservative=True) is expected
    else:
        assert rotation_variation(athlete, day) is expected


def test_the_second_variation_is_not_conservative_unless_asked() -> None:
    assert (
        rotation_variation(profile(level=Level.ADVANCED), 1) is VariationId.SINGLE_LEG_REVERSE_HYPER
    )


# --------------------------------------------------------------------------- cleared athletes


def _cleared(**changes: object) -> Profile:
    values: dict[str, object] = {
        "level": Level.ADVANCED,
        "injuries": ["other"],
        "medical_clearance": True,
        "known_set": KNOWN,
    }
    values.update(changes)
    return profile(**values)


def test_a_cleared_athletes_first_weeks_are_light_integrity_work_on_both_variations() -> None:
    plan = generate_plan(_cleared(), 3, 1)
    blocks = main_of(plan, 1)
    assert [(b.variation, b.follows, b.effort, b.sets) for b in blocks] == [
        (VariationId.MACHINE_REVERSE_HYPER, "movement-integrity", LIGHT, 3),
        (VariationId.TEMPO_REVERSE_HYPER, "movement-integrity", LIGHT, 3),
    ]
    assert blocks[0].reason == INTEGRITY_REASON + CAPPED_LIGHT
    assert blocks[1].tempo == "3-1-3-1"


def test_a_cleared_athlete_with_only_a_floor_has_no_second_variation() -> None:
    plan = generate_plan(_cleared(equipment=frozenset({Equipment.FLOOR}), known_set=None), 3, 1)
    # Nothing to rotate on a floor: one light integrity block in the conservative weeks ...
    assert [(b.variation, b.follows) for b in main_of(plan, 1)] == [
        (VariationId.FLOOR_REVERSE_HYPER, "movement-integrity")
    ]
    # ... then the opener falls back to the main variation, before the goal work.
    assert [(b.variation, b.follows, b.sets) for b in main_of(plan, 3)] == [
        (VariationId.FLOOR_REVERSE_HYPER, "movement-integrity", 3),
        (VariationId.FLOOR_REVERSE_HYPER, "strength", 4),
    ]


def test_after_the_conservative_weeks_a_light_integrity_opener_precedes_capped_goal_work() -> None:
    plan = generate_plan(_cleared(), 3, 1)
    opener, work = main_of(plan, 3)
    # The opener: the rotation's tempo variation, fewest integrity sets (3, though week 3 would
    # climb to 4), capped at light (RPE 5–6).
    assert (opener.variation, opener.sets, opener.reps, opener.rest_s) == (
        VariationId.TEMPO_REVERSE_HYPER,
        3,
        (8, 10),
        None,
    )
    assert opener.effort == LIGHT
    assert opener.load.startswith("light, RPE 5–6 (4–5 reps in reserve); plates on the swing arm")
    assert opener.reason == INTEGRITY_REASON + CAPPED_LIGHT
    assert opener.follows == "movement-integrity"
    # Its tempo 3-1-3-1 (8 s) against movement integrity's 2-1-3-0 (6 s): 10 reps count as 13;
    # at RPE 6 that is 17 to failure: 52.5 × 1.3996 / 1.5661 = 46.9 → 46.25 kg.
    assert opener.load_kg == 46.25
    # The goal work: week 3 climbs to 4 sets, capped at moderate.
    assert (work.variation, work.sets, work.follows, work.effort) == (
        VariationId.MACHINE_REVERSE_HYPER,
        4,
        "strength",
        MODERATE,
    )


# --------------------------------------------------------------------------- warm-up loads


def test_a_strength_plan_warms_up_at_half_the_working_load_on_makeable_plates() -> None:
    assert warmup_load(profile(), 52.5) == (
        "about 26.25 kg (plates: 25 + 1.25 kg; 50% of your first work set's 52.5 kg), "
        "easy: RPE 4–5",
        26.25,
    )


@pytest.mark.parametrize("work", [None, 0.0])
def test_without_a_working_load_the_warm_up_is_in_words(work: float | None) -> None:
    assert warmup_load(profile(), work) == (
        "well under your work sets (about half the load, or a lighter band), easy: RPE 4–5",
        None,
    )


def test_a_one_kilogram_work_set_warms_up_on_the_empty_arm() -> None:
    # Half of 1 kg is 0.5 kg, below the smallest 1.25 kg plate.
    assert warmup_load(profile(), 1.0) == (
        "the empty arm (50% of your first work set's 1 kg), easy: RPE 4–5",
        0.0,
    )


def test_half_kilogram_plates_make_a_one_kilogram_warm_up() -> None:
    athlete = profile(plates=parse_inventory("10x2,0.5x2", MassUnit.KG))
    assert warmup_load(athlete, 2.0) == (
        "about 1 kg (plates: 0.5 + 0.5 kg; 50% of your first work set's 2 kg), easy: RPE 4–5",
        1.0,
    )


def test_a_known_set_lighter_than_the_smallest_plate_starts_on_the_empty_arm() -> None:
    plan = generate_plan(profile(known_set=KnownSet(1.0, 10, 8.0)), 1, 1)
    machine = main_of(plan, 1)[0]
    assert machine.load_kg == 0.0
    assert machine.load.endswith(
        "(the empty arm, from your set of 1 kg × 10 @ RPE 8; once every set reaches 10 reps, "
        "go to the smallest plate more)"
    )


# --------------------------------------------------------------------------- machine loads


def test_a_machine_load_is_rounded_down_to_the_athletes_pound_plates() -> None:
    plates = parse_inventory("45,35,25,10,5,2.5", MassUnit.LB)
    # 60 kg = 132.3 lb → 130 lb = 45 + 45 + 35 + 5 lb = 58.9670081 kg, kept to the milligram.
    assert machine_load_kg(KnownSet(60.0, 10, 8.0), 10, 8.0, plates) == 58.967008


def test_a_machine_load_with_half_kilogram_plates_can_be_one_kilogram() -> None:
    plates = parse_inventory("0.5", MassUnit.KG)
    assert machine_load_kg(KnownSet(1.0, 10, 8.0), 10, 8.0, plates) == 1.0


def test_the_fraction_of_max_is_the_rts_chart_inside_it_and_epley_beyond() -> None:
    assert fraction_of_max(10, 8.0) == 0.68
    # 20 reps @ RPE 7: 23 reps to failure, Epley 1 / (1 + 0.0333 × 23).
    assert fraction_of_max(20, 7.0) == pytest.approx(1 / (1 + 0.0333 * 23), rel=1e-9)


def _floor_to(load_kg: float, step_kg: float) -> float:
    return math.floor(load_kg / step_kg + 1e-9) * step_kg


def test_the_typical_machine_estimate_follows_the_athletes_sex() -> None:
    # 77 kg, 1.80 m: the mechanics model puts a man just over 20 kg and a woman just under it,
    # so 1.25 kg plates tell them apart.
    male = plate_load_for_relative_effort(77.0, 1.80, 0.68, "male")
    female = plate_load_for_relative_effort(77.0, 1.80, 0.68, "female")
    male_kg, female_kg = _floor_to(male, 1.25), _floor_to(female, 1.25)
    assert male_kg > female_kg
    measures: dict[str, object] = {"body_mass_kg": 77.0, "height_m": 1.80}
    assert typical_machine_load_kg(profile(sex="male", **measures), 10, 8.0) == male_kg
    assert typical_machine_load_kg(profile(sex="female", **measures), 10, 8.0) == female_kg
    # Without a sex, the lighter of the two.
    assert typical_machine_load_kg(profile(**measures), 10, 8.0) == female_kg


def test_the_typical_machine_estimate_uses_the_athletes_pound_plates() -> None:
    male = plate_load_for_relative_effort(77.0, 1.80, 0.68, "male")
    pounds = _floor_to(male / KG_PER_LB, 2.5)  # 44.1 lb → 42.5 lb of 45/35/25/10/5/2.5 lb
    assert pounds == 42.5
    athlete = profile(sex="male", body_mass_kg=77.0, height_m=1.80, unit=MassUnit.LB)
    assert typical_machine_load_kg(athlete, 10, 8.0) == round(42.5 * KG_PER_LB, 6)
