"""The texts a lifter reads in a plan, word for word: the plan's notes, each week's notes, each
main block's reason and load text, and the kilograms in it (rounded down to the athlete's plates,
shown in the athlete's unit).

Expected texts are written out by hand from the rules in ``planner``'s docstring and the seed's
protocols (strength 3–4 × 8–10 moderate to heavy, rest as needed; movement integrity 3–4 × 8–10
light to moderate; endurance 2–4 × 15–20 light to moderate, 30–45 s; hypertrophy 2–3 × 12–15
moderate, 45–90 s). Kilograms are worked by hand from the known set 60 kg × 10 @ RPE 8 (RTS chart
inside 1–12 reps, Epley on reps + reps in reserve beyond it), the next step is 5 % more, and both
are rounded down to what the plates make (1.25 kg, 2.5 lb, or the athlete's own plates).
"""

from __future__ import annotations

import pytest
from profile_factory import intermediate_on_a_machine as athlete

from revhyper.domain.knowledge.protocols import Intensity
from revhyper.domain.plates import parse_inventory
from revhyper.domain.programming.athlete import KnownSet, Profile, parse_known_set
from revhyper.domain.programming.planner import (
    BlockRole,
    Plan,
    generate_plan,
    load_text,
    prescribed_load,
    typical_machine_load_kg,
)
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import Goal, Level, VariationId

KNOWN = KnownSet(60.0, 10, 8.0)
STRENGTH_EFFORT = "moderate to heavy, RPE 7–8 (2–3 reps in reserve); plates on the swing arm"
TYPICAL = (
    "on a typical machine, a rough estimate from body mass and height: adjust to the RPE target"
)

COMMON_NOTES = (
    "Warm up and stretch before every session (seed).",
    "Move slowly and under control, never with explosive momentum (seed).",
    "Never at or near your maximal load: every set stops at RPE 8 or lower, 2+ reps in reserve "
    "(our rule from the seed's advice).",
    "Double progression: climb to the top of the rep range on every set, then add 5% load "
    "(ACSM 2009: steps of 2–10 %).",
    "Every 4th week is a deload week (our rule).",
)
BEGINNER_NOTE = (
    "Beginner path (seed): floor hyperextensions and floor reverse hypers first; move to the "
    "bench, then the machine, only once you do 15–20 controlled reps on every set. Bend the "
    "knees slightly until you have more strength and control."
)
CONSERVATIVE_WEEK = (
    "Conservative start after screening: light movement-integrity work only this week."
)
DELOAD_WEEK = "Deload week (our rule, every 4th week): fewest sets and a lighter load."
AFTER_FLOOR_3 = (
    "Gated week: do this only once you have done 15–20 controlled reps of both floor exercises "
    "on every set; until then repeat week 3's floor work."
)
AFTER_FLOOR_2 = (
    "Gated week: do this only once you have done 15–20 controlled reps of both floor exercises "
    "on every set; until then repeat week 2's floor work."
)
AFTER_BENCH_7 = (
    "Gated week: do this only once you can do 15–20 controlled bench reverse hypers on every "
    "set; until then repeat week 7's bench work."
)

REASONS = {
    Goal.STRENGTH: "strength protocol (seed): 3–4 × 8–10, moderate to heavy, rest as needed; "
    "climb to 10 reps, then progress",
    Goal.MOVEMENT_INTEGRITY: "movement-integrity protocol (seed): 3–4 × 8–10, light to moderate, "
    "rest as needed; climb to 10 reps, then progress",
    Goal.ENDURANCE: "endurance protocol (seed): 2–4 × 15–20, light to moderate, rest 30–45 s; "
    "climb to 20 reps, then progress",
    Goal.HYPERTROPHY: "hypertrophy protocol (seed): 2–3 × 12–15, moderate, rest 45–90 s; "
    "climb to 15 reps, then progress",
}
DELOAD_REASON = "; deload week (our rule: every 4th week, fewer sets, lighter)"
CAPPED_LIGHT = "; conservative start after screening: load capped at light (our rule)"
CAPPED_MODERATE = "; conservative start after screening: load capped at moderate (our rule)"


def cleared(**changes: object) -> Profile:
    return athlete(injuries=["back-injury"], back_pain=2, medical_clearance=True, **changes)


def main_of(plan: Plan, week: int, day: int = 1) -> dict[VariationId, tuple[str, str]]:
    """Variation → (load text, reason) of one session's main blocks."""
    session = plan.weeks[week - 1].sessions[day - 1]
    return {b.variation: (b.load, b.reason) for b in session.blocks if b.role is BlockRole.MAIN}


# --------------------------------------------------------------------------- plan notes


def test_a_trained_athletes_plan_notes_are_the_five_standing_rules_in_order() -> None:
    assert generate_plan(athlete(), 1, 1).notes == COMMON_NOTES


def test_a_cleared_athletes_plan_notes_open_with_every_screening_reason_and_the_cap() -> None:
    notes = generate_plan(cleared(), 1, 1).notes
    assert notes == (
        "Cleared after screening (injury history (back-injury); current back pain 2/10): "
        "conservative start — light loads and movement-integrity work first for 2 weeks, then "
        "loads capped at moderate. Stop and see your doctor if pain returns or grows.",
        *COMMON_NOTES,
    )


def test_a_beginner_plan_notes_say_when_to_move_off_the_floor() -> None:
    notes = generate_plan(athlete(level=Level.NEW, equipment=["bench"]), 1, 1).notes
    assert notes == (BEGINNER_NOTE, *COMMON_NOTES)


def test_a_cleared_beginner_reads_the_floor_path_first_then_the_conservative_start() -> None:
    profile = athlete(
        level=Level.NOVICE, goal=Goal.ENDURANCE, under_medical_care=True, medical_clearance=True
    )
    assert generate_plan(profile, 1, 1).notes == (
        BEGINNER_NOTE,
        "Cleared after screening (ongoing medical care or recovery from an injury): "
        "conservative start — light loads and movement-integrity work first for 2 weeks, then "
        "loads capped at moderate. Stop and see your doctor if pain returns or grows.",
        *COMMON_NOTES,
    )


# --------------------------------------------------------------------------- week notes


def test_a_trained_athlete_reads_a_week_note_only_in_the_deload_week() -> None:
    plan = generate_plan(athlete(), 5, 1)
    assert [week.notes for week in plan.weeks] == [(), (), (), (DELOAD_WEEK,), ()]


def test_a_cleared_athlete_is_told_each_conservative_week_and_nothing_after() -> None:
    plan = generate_plan(cleared(), 4, 1)
    assert [week.notes for week in plan.weeks] == [
        (CONSERVATIVE_WEEK,),
        (CONSERVATIVE_WEEK,),
        (),
        (DELOAD_WEEK,),
    ]


def test_a_new_athlete_with_a_bench_reads_each_gate_behind_the_floor_and_the_bench() -> None:
    # Floor weeks 1–3 are not gated; the bench weeks 4–7 wait for the floor criterion, week 8
    # (the machine stage) for the bench criterion.
    plan = generate_plan(athlete(level=Level.NEW, equipment=["bench", "machine"]), 8, 1)
    assert [week.notes for week in plan.weeks] == [
        (),
        (),
        (),
        (DELOAD_WEEK, AFTER_FLOOR_3),
        (AFTER_FLOOR_3,),
        (AFTER_FLOOR_3,),
        (AFTER_FLOOR_3,),
        (DELOAD_WEEK, AFTER_BENCH_7),
    ]


def test_a_cleared_novice_without_a_bench_reads_the_floor_gate_after_two_floor_weeks() -> None:
    profile = athlete(
        level=Level.NOVICE, goal=Goal.ENDURANCE, under_medical_care=True, medical_clearance=True
    )
    plan = generate_plan(profile, 4, 1)
    assert [week.notes for week in plan.weeks] == [
        (CONSERVATIVE_WEEK,),
        (CONSERVATIVE_WEEK,),
        (AFTER_FLOOR_2,),
        (DELOAD_WEEK, AFTER_FLOOR_2),
    ]


# --------------------------------------------------------------------------- goal reasons


@pytest.mark.parametrize("goal", list(Goal))
def test_each_goal_block_names_its_protocols_numbers_and_rest(goal: Goal) -> None:
    plan = generate_plan(athlete(goal=goal), 1, 1)
    _, reason = main_of(plan, 1)[VariationId.MACHINE_REVERSE_HYPER]
    assert reason == REASONS[goal]


@pytest.mark.parametrize("goal", [Goal.STRENGTH, Goal.HYPERTROPHY])
def test_a_deload_blocks_reason_says_it_is_the_deload_week(goal: Goal) -> None:
    plan = generate_plan(athlete(goal=goal), 4, 1)
    _, reason = main_of(plan, 4)[VariationId.MACHINE_REVERSE_HYPER]
    assert reason == REASONS[goal] + DELOAD_REASON


def test_a_cleared_athletes_reasons_name_the_load_cap_of_each_phase() -> None:
    plan = generate_plan(cleared(), 4, 1)
    integrity = REASONS[Goal.MOVEMENT_INTEGRITY]
    # Weeks 1–2: movement integrity only, capped at light (machine, then the tempo rotation).
    assert [reason for _, reason in main_of(plan, 1).values()] == [integrity + CAPPED_LIGHT] * 2
    # Week 3: a light movement-integrity opener, then the strength work capped at moderate.
    week3 = main_of(plan, 3)
    assert week3[VariationId.TEMPO_REVERSE_HYPER][1] == integrity + CAPPED_LIGHT
    assert week3[VariationId.MACHINE_REVERSE_HYPER][1] == REASONS[Goal.STRENGTH] + CAPPED_MODERATE
    # Week 4 deloads as well: the deload first, then the cap.
    week4 = main_of(plan, 4)
    assert week4[VariationId.MACHINE_REVERSE_HYPER][1] == (
        REASONS[Goal.STRENGTH] + DELOAD_REASON + CAPPED_MODERATE
    )


# --------------------------------------------------------------------------- load texts


def test_strength_load_texts_give_kilograms_per_leg_and_for_held_reps() -> None:
    # Day 1 rotates to single-leg, day 2 to the isometric hold.
    plan = generate_plan(athlete(known_set=KNOWN), 1, 2)
    day1, day2 = main_of(plan, 1, 1), main_of(plan, 1, 2)
    assert day1[VariationId.MACHINE_REVERSE_HYPER][0] == (
        f"{STRENGTH_EFFORT} (about 60 kg, from your set of 60 kg × 10 @ RPE 8; once every set "
        "reaches 10 reps, go to about 62.5 kg)"
    )
    # 30 kg per leg; 31.5 kg → 31.25 kg.
    assert day1[VariationId.SINGLE_LEG_REVERSE_HYPER][0] == (
        f"{STRENGTH_EFFORT} (about 30 kg (per leg, 50% of the two-leg load), from your set of "
        "60 kg × 10 @ RPE 8; once every set reaches 10 reps, go to about 31.25 kg)"
    )
    # 10 held reps count as 20: 47.5 kg; 49.875 kg → 48.75 kg.
    assert day2[VariationId.ISOMETRIC_HOLD][0] == (
        f"{STRENGTH_EFFORT} (about 47.5 kg (10 held reps loaded like 20), from your set of "
        "60 kg × 10 @ RPE 8; once every set reaches 10 reps, go to about 48.75 kg)"
    )


def test_a_hypertrophy_tempo_block_says_its_slow_reps_are_loaded_as_more() -> None:
    plan = generate_plan(athlete(goal=Goal.HYPERTROPHY, known_set=KNOWN), 1, 1)
    # 15 reps at 3-1-3-1 (8 s) against 2-1-2-0 (5 s) count as 24, 26.5 to failure at RPE 7.5:
    # 60 × 1.3996 / (1 + 0.0333 × 26.5) = 44.61 → 43.75 kg; 45.94 → 45 kg.
    assert main_of(plan, 1)[VariationId.TEMPO_REVERSE_HYPER][0] == (
        "moderate, RPE 6.5–7.5 (2.5–3.5 reps in reserve); plates on the swing arm (about 43.75 kg "
        "(15 slow reps loaded like 24), from your set of 60 kg × 10 @ RPE 8; once every set "
        "reaches 15 reps, go to about 45 kg)"
    )


def test_load_text_rounds_the_kilograms_down_to_the_plates() -> None:
    # 8 reps @ RPE 8 from 60 kg × 10 @ 8: 60 / 0.680 × 0.739 = 65.2 → 65 kg; 68.25 → 67.5 kg.
    text = load_text(
        athlete(known_set=KNOWN),
        VariationId.MACHINE_REVERSE_HYPER,
        Intensity.MODERATE_TO_HEAVY,
        (6, 8),
    )
    assert text == (
        f"{STRENGTH_EFFORT} (about 65 kg, from your set of 60 kg × 10 @ RPE 8; once every set "
        "reaches 8 reps, go to about 67.5 kg)"
    )


def test_load_text_for_a_body_weight_variation_has_no_kilograms() -> None:
    text = load_text(
        athlete(known_set=KNOWN, equipment=["bench"]),
        VariationId.BENCH_REVERSE_HYPER,
        Intensity.LIGHT_TO_MODERATE,
        (15, 20),
    )
    assert text == "body weight; light to moderate, RPE 6–7 (3–4 reps in reserve)"


def test_a_pound_athletes_load_text_is_in_pounds_of_their_plates() -> None:
    profile = athlete(unit=MassUnit.LB, known_set=parse_known_set("130x10@8", MassUnit.LB))
    # Same reps and RPE as the known set: 130 lb; 5 % more is 136.5 lb → 135 lb of lb plates.
    assert load_text(
        profile, VariationId.MACHINE_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10)
    ) == (
        f"{STRENGTH_EFFORT} (about 130 lb, from your set of 130 lb × 10 @ RPE 8; once every set "
        "reaches 10 reps, go to about 135 lb)"
    )
    # Per leg 65 lb; 68.25 lb → 67.5 lb.
    assert load_text(
        profile, VariationId.SINGLE_LEG_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10)
    ) == (
        f"{STRENGTH_EFFORT} (about 65 lb (per leg, 50% of the two-leg load), from your set of "
        "130 lb × 10 @ RPE 8; once every set reaches 10 reps, go to about 67.5 lb)"
    )


def test_a_set_too_light_for_the_smallest_plate_reads_the_empty_arm() -> None:
    # 1 kg × 10 @ 8 asks for 1 kg again: under the 1.25 kg plate, and so is 5 % more.
    text = load_text(
        athlete(known_set=KnownSet(1.0, 10, 8.0)),
        VariationId.MACHINE_REVERSE_HYPER,
        Intensity.MODERATE_TO_HEAVY,
        (8, 10),
    )
    assert text == (
        f"{STRENGTH_EFFORT} (the empty arm, from your set of 1 kg × 10 @ RPE 8; once every set "
        "reaches 10 reps, go to the smallest plate more)"
    )


def test_a_load_of_one_kilogram_from_small_plates_is_named_not_the_empty_arm() -> None:
    # 0.5 kg plates make 1 kg exactly; 1.05 kg is not makeable, so the step is a plate.
    profile = athlete(
        known_set=KnownSet(1.0, 10, 8.0), plates=parse_inventory("0.5x4", MassUnit.KG)
    )
    text, load_kg = prescribed_load(
        profile, VariationId.MACHINE_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10)
    )
    assert load_kg == 1.0
    assert text == (
        f"{STRENGTH_EFFORT} (about 1 kg, from your set of 1 kg × 10 @ RPE 8; once every set "
        "reaches 10 reps, go to the smallest plate more)"
    )


# ------------------------------------------------------------- estimates from body measures


def _typical(profile: Profile) -> float | None:
    return typical_machine_load_kg(profile, 10, 8.0)


def test_a_typical_machine_estimate_says_it_is_rough_and_halves_per_leg() -> None:
    profile = athlete(body_mass_kg=80.0, height_m=1.80)
    assert _typical(profile) == 20.0  # the mechanics model's estimate (tested on its own)
    assert (
        load_text(profile, VariationId.MACHINE_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10))
        == f"{STRENGTH_EFFORT} (about 20 kg {TYPICAL})"
    )
    assert (
        load_text(
            profile, VariationId.SINGLE_LEG_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10)
        )
        == f"{STRENGTH_EFFORT} (about 10 kg (per leg, 50% of the two-leg load) {TYPICAL})"
    )


def test_a_pound_athletes_single_leg_estimate_is_half_rounded_to_their_plates() -> None:
    profile = athlete(body_mass_kg=80.0, height_m=1.80, unit=MassUnit.LB)
    typical = _typical(profile)
    assert typical is not None and typical / 0.45359237 == pytest.approx(45.0)
    # Half of 45 lb is 22.5 lb: the 2.5 lb plates make it.
    assert (
        load_text(
            profile, VariationId.SINGLE_LEG_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10)
        )
        == f"{STRENGTH_EFFORT} (about 22.5 lb (per leg, 50% of the two-leg load) {TYPICAL})"
    )


def test_a_one_kilogram_estimate_from_small_plates_is_still_given() -> None:
    # 0.5 kg × 4 plates make at most 2 kg: half of it per leg is 1 kg.
    profile = athlete(
        body_mass_kg=80.0, height_m=1.80, plates=parse_inventory("0.5x4", MassUnit.KG)
    )
    assert _typical(profile) == 2.0
    text, load_kg = prescribed_load(
        profile, VariationId.SINGLE_LEG_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10)
    )
    assert load_kg == 1.0
    assert text == f"{STRENGTH_EFFORT} (about 1 kg (per leg, 50% of the two-leg load) {TYPICAL})"


def test_an_estimate_the_plates_cannot_make_gives_no_kilograms() -> None:
    # Only 20 kg plates: a 30 kg, 1.2 m athlete's estimate rounds down to nothing.
    profile = athlete(body_mass_kg=30.0, height_m=1.20, plates=parse_inventory("20x2", MassUnit.KG))
    assert _typical(profile) == 0.0
    assert prescribed_load(
        profile, VariationId.MACHINE_REVERSE_HYPER, Intensity.MODERATE_TO_HEAVY, (8, 10)
    ) == (STRENGTH_EFFORT, None)
