"""Whole next-session prescriptions, written out field by field.

Comparing the complete ``AdjustedPrescription`` (not one or two fields) means a field the
adaptation forgets to carry over from the plan, or sets wrongly on one path, fails a test.
"""

from __future__ import annotations

from datetime import date

from revhyper.domain.programming.adaptation import (
    AdjustedPrescription,
    PainRules,
    PlannedPrescription,
    Reason,
    Rule,
    adapt_prescription,
    increased_load_kg,
)
from revhyper.domain.training.log import SessionRecord, SetRecord
from revhyper.domain.vocabulary import Equipment, Goal, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER
BENCH = VariationId.BENCH_REVERSE_HYPER
FLOOR_HYPER = VariationId.FLOOR_HYPEREXTENSION
DAY = date(2026, 3, 2)

TEMPO_BLOCK = PlannedPrescription(
    variation=MACHINE, sets=3, reps=(12, 15), goal=Goal.HYPERTROPHY, load_kg=40.0,
    load_text="moderate", target_rpe=7.5, rest_s=(45, 90), tempo="3-1-3-1", hold_s=2.0,
)  # fmt: skip


def _session(day: int, sets: list[SetRecord], **kw: object) -> SessionRecord:
    return SessionRecord(athlete_id=1, day=date(2026, 3, day), sets=tuple(sets), **kw)  # type: ignore[arg-type]


def test_without_a_log_every_field_of_the_plan_is_kept():
    assert adapt_prescription(TEMPO_BLOCK, []) == AdjustedPrescription(
        variation=MACHINE, sets=3, reps=(12, 15), target_reps=12, goal=Goal.HYPERTROPHY,
        load_kg=40.0, load_text="moderate", target_rpe=7.5, rest_s=(45, 90), tempo="3-1-3-1",
        hold_s=2.0,
        reasons=(
            Reason(Rule.PLAN,
                   "no logged sets of machine-reverse-hyper yet: the plan's prescription"),
        ),
    )  # fmt: skip


def test_fifteen_floor_reps_move_a_beginner_to_the_bench_at_body_weight():
    planned = PlannedPrescription(FLOOR_HYPER, 2, (15, 20), Goal.ENDURANCE, load_text="body weight")
    history = [_session(2, [SetRecord(variation=FLOOR_HYPER, reps=15)])]
    result = adapt_prescription(planned, history, equipment={Equipment.BENCH})
    assert result == AdjustedPrescription(
        variation=BENCH, sets=2, reps=(15, 20), target_reps=15, goal=Goal.ENDURANCE,
        load_kg=None, load_text="body weight", target_rpe=None, rest_s=None, tempo=None,
        hold_s=None,
        reasons=(
            Reason(
                Rule.BEGINNER_PATH,
                "15 controlled reps of floor-hyperextension meet the 15–20 rep criterion: "
                "move on to bench-reverse-hyper",
            ),
        ),
    )  # fmt: skip


def test_a_beginner_moving_onto_the_machine_starts_with_the_lightest_load():
    planned = PlannedPrescription(BENCH, 2, (15, 20), Goal.ENDURANCE, load_kg=10.0)
    history = [_session(2, [SetRecord(variation=BENCH, reps=16)])]
    result = adapt_prescription(planned, history, equipment={Equipment.MACHINE, Equipment.BENCH})
    assert (result.variation, result.load_kg, result.target_reps) == (MACHINE, None, 15)
    assert result.load_text == "light: the empty arm or the lightest plate, form first"


def test_a_plan_ahead_of_the_floor_criterion_keeps_the_athlete_on_the_floor_without_a_load():
    planned = PlannedPrescription(MACHINE, 3, (15, 20), Goal.ENDURANCE, load_kg=20.0)
    history = [_session(2, [SetRecord(variation=FLOOR_HYPER, reps=12)])]
    result = adapt_prescription(planned, history, equipment={Equipment.MACHINE})
    assert (result.variation, result.load_kg) == (FLOOR_HYPER, None)
    assert result.reasons[0] == Reason(
        Rule.BEGINNER_PATH,
        "the plan moves on to machine-reverse-hyper once floor-hyperextension reaches 15–20 "
        "controlled reps; until then, floor-hyperextension",
    )


def test_pain_on_a_body_weight_stage_regresses_to_the_easier_stage_slowly():
    planned = PlannedPrescription(BENCH, 3, (15, 20), Goal.ENDURANCE)
    history = [_session(2, [SetRecord(variation=BENCH, reps=15, pain=5)])]
    result = adapt_prescription(planned, history)
    assert (result.variation, result.goal, result.sets, result.reps) == (
        VariationId.FLOOR_REVERSE_HYPER, Goal.MOVEMENT_INTEGRITY, 3, (8, 10),
    )  # fmt: skip
    assert (result.load_kg, result.load_text) == (None, "body weight, slow and controlled")
    assert (result.target_rpe, result.rest_s, result.tempo, result.hold_s) == (
        7.0,
        None,
        None,
        None,
    )


def test_pain_rules_passed_by_the_caller_are_the_ones_applied():
    lenient = PainRules(during_threshold=6, after_rise=3, repeat_window=3, repeat_count=2)
    history = [
        _session(2, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=5)]),
        _session(4, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=5)]),
    ]
    assert adapt_prescription(TEMPO_BLOCK, history, rules=lenient).goal is Goal.HYPERTROPHY
    assert adapt_prescription(TEMPO_BLOCK, history).progression_stopped


def test_repeated_pain_that_has_eased_names_the_latest_painful_session():
    history = [
        _session(2, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=4)]),
        _session(4, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=6)]),
        _session(6, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=0)]),
    ]
    result = adapt_prescription(TEMPO_BLOCK, history, equipment={Equipment.MACHINE})
    assert result.progression_stopped and result.see_professional
    assert result.reasons[0] == Reason(
        Rule.PAIN_DURING_SET,
        "back pain 6/10 during a set on 2026-03-04 (regress at 4/10 or more)",
    )
    assert result.reasons[-1] == Reason(
        Rule.REPEATED_PAIN,
        "back pain in 2 of the last 3 sessions: progression stops; see a doctor or "
        "physiotherapist before training harder, and stop any set that hurts",
    )


def test_sessions_of_one_day_are_read_in_the_order_they_were_stored():
    def stored(session_id: int, pain: int) -> SessionRecord:
        sets = (SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=pain),)
        return SessionRecord(athlete_id=1, day=DAY, id=session_id, sets=sets)

    painful, easy = stored(2, 6), stored(1, 0)
    result = adapt_prescription(TEMPO_BLOCK, [painful, easy], equipment={Equipment.MACHINE})
    assert result.goal is Goal.MOVEMENT_INTEGRITY  # the later session (id 2) hurt


def test_a_session_harder_than_the_target_does_not_count_towards_two_for_two():
    hard = [SetRecord(variation=MACHINE, reps=r, load_kg=40.0, rpe=9.0) for r in (12, 17)]
    easy = [SetRecord(variation=MACHINE, reps=r, load_kg=40.0, rpe=7.0) for r in (12, 17)]
    result = adapt_prescription(TEMPO_BLOCK, [_session(2, hard), _session(4, easy)])
    assert result.load_kg == 40.0
    assert Rule.TWO_FOR_TWO not in result.rules


def test_a_faulted_set_at_the_top_counts_one_rep_short():
    sets = [
        SetRecord(variation=MACHINE, reps=15, load_kg=40.0, rpe=7.0),
        SetRecord(variation=MACHINE, reps=15, load_kg=40.0, rpe=7.0, faults=("short_rom",),
                  analysis_id=1),
    ]  # fmt: skip
    result = adapt_prescription(TEMPO_BLOCK, [_session(2, sets)])
    assert (result.load_kg, result.target_reps) == (40.0, 15)  # counted 14 -> aim for 15


def test_a_step_up_landing_exactly_on_two_percent_is_allowed():
    # 31.25 kg is exactly 2 % above 30.637... kg, and a multiple of 1.25 kg.
    assert increased_load_kg(31.25 / 1.02) == 31.25


def test_pain_on_the_machine_regresses_the_whole_prescription():
    # 80 % of 40 kg is 32 kg, not a multiple of the standard set's 1.25 kg plate (32 / 1.25 =
    # 25.6), so the regressed load is rounded down to 25 × 1.25 = 31.25 kg.
    history = [_session(2, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=4)])]
    result = adapt_prescription(TEMPO_BLOCK, history, equipment={Equipment.MACHINE})
    assert result == AdjustedPrescription(
        variation=MACHINE, sets=3, reps=(8, 10), target_reps=8, goal=Goal.MOVEMENT_INTEGRITY,
        load_kg=31.25, load_text="31.25 kg (light to moderate)", target_rpe=7.0, rest_s=None,
        tempo=None, hold_s=None,
        reasons=(
            Reason(Rule.PAIN_DURING_SET,
                   "back pain 4/10 during a set on 2026-03-02 (regress at 4/10 or more)"),
            Reason(Rule.PAIN_DURING_SET,
                   "next session regressed: same variation machine-reverse-hyper, load 40 kg → "
                   "31.25 kg, movement-integrity work (3×8–10, light to moderate load, controlled "
                   "speed; attend to both the lift and the lowering)"),
        ),
    )  # fmt: skip


def test_pain_without_a_logged_load_regresses_from_the_planned_load():
    history = [_session(2, [SetRecord(variation=MACHINE, reps=12, pain=5)])]
    result = adapt_prescription(TEMPO_BLOCK, history, equipment={Equipment.MACHINE})
    # From the planned 40 kg: 80 % is 32 kg, rounded down to the 1.25 kg plates: 31.25 kg.
    assert (result.load_kg, result.load_text) == (31.25, "31.25 kg (light to moderate)")


def test_pain_with_an_easier_variation_available_names_it_and_drops_the_load():
    history = [_session(2, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=4)])]
    result = adapt_prescription(
        TEMPO_BLOCK, history, equipment={Equipment.MACHINE, Equipment.BENCH}
    )
    assert (result.variation, result.load_kg) == (BENCH, None)
    assert result.reasons[-1].text.startswith(
        "next session regressed: easier variation bench-reverse-hyper, movement-integrity work"
    )


def test_form_faults_are_named_in_the_reason():
    sets = [
        SetRecord(variation=MACHINE, reps=15, load_kg=40.0, rpe=7.0, faults=("short_rom",),
                  analysis_id=1),
        SetRecord(variation=MACHINE, reps=15, load_kg=40.0, rpe=7.0,
                  faults=("uncontrolled_descent", "knee_bend"), analysis_id=2),
    ]  # fmt: skip
    result = adapt_prescription(TEMPO_BLOCK, [_session(2, sets)])
    assert result.reasons[0] == Reason(
        Rule.FORM_FAULT,
        "2 set(s) with short_rom, uncontrolled_descent do not count as reaching 15 reps",
    )


def test_reps_short_and_too_hard_still_lower_the_load():
    sets = [SetRecord(variation=MACHINE, reps=r, load_kg=40.0, rpe=8.5) for r in (10, 9)]
    result = adapt_prescription(TEMPO_BLOCK, [_session(2, sets)])
    # 40 kg - 5 % = 38 kg, not a multiple of 1.25 kg (30.4 plates' worth): down to 37.5 kg.
    assert result.load_kg == 37.5
    assert result.rules == (Rule.RPE_ABOVE_TARGET, Rule.REPS_SHORT)


def test_reps_in_the_range_keep_the_load_that_was_lifted_not_the_planned_one():
    sets = [SetRecord(variation=MACHINE, reps=13, load_kg=45.0, rpe=7.0) for _ in range(3)]
    result = adapt_prescription(TEMPO_BLOCK, [_session(2, sets)])
    assert (result.load_kg, result.load_text, result.target_reps) == (
        45.0, "45 kg (as last time)", 14,
    )  # fmt: skip


def test_the_first_floor_exercise_moves_on_to_the_bench_not_to_the_other_floor_exercise():
    planned = PlannedPrescription(FLOOR_HYPER, 2, (15, 20), Goal.ENDURANCE)
    history = [_session(2, [SetRecord(variation=FLOOR_HYPER, reps=15)])]
    assert adapt_prescription(planned, history).variation is BENCH


def test_pain_on_single_leg_work_regresses_to_the_machine_without_carrying_the_load_over():
    single = VariationId.SINGLE_LEG_REVERSE_HYPER
    planned = PlannedPrescription(single, 3, (8, 10), Goal.STRENGTH, load_kg=20.0)
    history = [_session(2, [SetRecord(variation=single, reps=8, load_kg=20.0, pain=5)])]
    result = adapt_prescription(planned, history, equipment={Equipment.MACHINE})
    assert (result.variation, result.load_kg, result.load_text) == (
        MACHINE, None, "light to moderate",
    )  # fmt: skip


def test_pain_without_any_load_on_the_machine_regresses_by_words_only():
    planned = PlannedPrescription(MACHINE, 2, (12, 15), Goal.HYPERTROPHY)
    history = [_session(2, [SetRecord(variation=MACHINE, reps=12, pain=5)])]
    result = adapt_prescription(planned, history, equipment={Equipment.MACHINE})
    assert (result.load_kg, result.load_text) == (None, "light to moderate")
    assert result.sets == 3  # movement integrity: 3-4 sets (seed), from the plan's 2


def test_caller_pain_rules_also_name_the_latest_painful_session_once_pain_eased():
    rules = PainRules(during_threshold=4, after_rise=1, repeat_window=4, repeat_count=2)
    history = [
        _session(2, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=5)]),
        _session(4, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=6)]),
        _session(6, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=0)],
                 pain_before=1, pain_after=2),
        _session(8, [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=0)]),
    ]  # fmt: skip
    result = adapt_prescription(TEMPO_BLOCK, history, equipment={Equipment.MACHINE}, rules=rules)
    assert result.progression_stopped
    assert result.reasons[0] == Reason(
        Rule.PAIN_AFTER_SESSION,
        "back pain rose from 1/10 before to 2/10 after the session on 2026-03-06 "
        "(regress at a rise of 1 or more)",
    )
