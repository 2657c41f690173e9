"""The next prescription from the plan and the log: one test per rule and per pain case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.adaptation import (
    PAIN_RULES,
    PainRules,
    PlannedPrescription,
    Rule,
    adapt_prescription,
    increased_load_kg,
    pain_flags,
)
from revhyper.domain.programming.progression import LOAD_ROUNDING_KG
from revhyper.domain.training.log import SessionRecord, SessionStatus, SetRecord
from revhyper.domain.vocabulary import Equipment, Goal, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER
BENCH = VariationId.BENCH_REVERSE_HYPER
FLOOR_LEGS = VariationId.FLOOR_REVERSE_HYPER
BALL = VariationId.STABILITY_BALL_REVERSE_HYPER
START = date(2026, 11, 2)

STRENGTH = PlannedPrescription(
    variation=MACHINE,
    sets=3,
    reps=(8, 10),
    goal=Goal.STRENGTH,
    load_kg=40.0,
    load_text="moderate to heavy",
    target_rpe=8.0,
)


def sets_of(
    *reps: int, load: float = 40.0, rpe: float | None = 7.0, **kw: object
) -> list[SetRecord]:
    return [
        SetRecord(
            variation=kw.get("variation", MACHINE),
            reps=r,
            load_kg=load,
            rpe=rpe,  # type: ignore[arg-type]
            pain=kw.get("pain"),
            faults=kw.get("faults", ()),  # type: ignore[arg-type]
            analysis_id=1 if kw.get("faults") else None,
        )
        for r in reps
    ]


def session(offset: int, sets: list[SetRecord], **kw: object) -> SessionRecord:
    return SessionRecord(athlete_id=1, day=START + timedelta(days=offset), sets=tuple(sets), **kw)  # type: ignore[arg-type]


# ----------------------------------------------------------------- plan and double progression


def test_without_a_log_the_plan_is_prescribed_as_is() -> None:
    result = adapt_prescription(STRENGTH, [])
    assert result.rules == (Rule.PLAN,)
    assert (result.variation, result.load_kg, result.reps) == (MACHINE, 40.0, (8, 10))


def test_planned_sessions_without_sets_are_not_a_log() -> None:
    planned = SessionRecord(athlete_id=1, day=START, status=SessionStatus.PLANNED)
    assert adapt_prescription(STRENGTH, [planned]).rules == (Rule.PLAN,)


def test_reps_inside_the_range_keep_the_load_and_add_a_rep() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(9, 8, 8))])
    assert result.rules == (Rule.DOUBLE_PROGRESSION,)
    assert result.load_kg == 40.0
    assert result.target_reps == 9


def test_top_of_the_range_at_target_rpe_raises_the_load_by_two_to_ten_percent() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(10, 10, 10, rpe=8.0))])
    assert result.rules == (Rule.LOAD_INCREASE,)
    assert result.load_kg == increased_load_kg(40.0)
    assert result.load_kg is not None
    assert 1.02 <= result.load_kg / 40.0 <= 1.10  # ACSM 2009: 2-10 %
    assert result.load_kg % LOAD_ROUNDING_KG == 0  # a plate-friendly number
    assert result.target_reps == 8  # back to the bottom of the range


def test_rpe_above_target_holds_the_load_even_at_the_top() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(10, 10, 10, rpe=9.0))])
    assert Rule.RPE_ABOVE_TARGET in result.rules
    assert Rule.LOAD_INCREASE not in result.rules
    assert result.load_kg == 40.0


def test_rpe_far_above_target_reduces_the_load() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(10, 9, 9, rpe=10.0))])
    assert result.rules[-1] is Rule.RPE_ABOVE_TARGET
    assert result.load_kg == 37.5  # 5 % down is 38 kg; 1.25 kg plates make 37.5, not 38


def test_reps_short_of_the_range_reduce_the_load_one_step() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(7, 6, 6))])
    assert result.rules == (Rule.REPS_SHORT,)
    assert result.load_kg == 37.5  # 5 % down (38 kg), down to what the plates make
    assert result.target_reps == 8


def test_unknown_rpe_does_not_block_progression() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(10, 10, 10, rpe=None))])
    assert Rule.LOAD_INCREASE in result.rules


@pytest.mark.parametrize("fault", ["short_rom", "uncontrolled_descent"])
def test_a_set_with_a_range_or_control_fault_does_not_count_as_the_top(fault: str) -> None:
    clean = sets_of(10, 10)
    faulted = sets_of(10, faults=(fault,))
    result = adapt_prescription(STRENGTH, [session(0, clean + faulted)])
    assert Rule.FORM_FAULT in result.rules
    assert Rule.LOAD_INCREASE not in result.rules
    assert result.load_kg == 40.0


def test_other_faults_do_not_stop_the_top_from_counting() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(10, 10, 10, faults=("knee_bend",)))])
    assert Rule.LOAD_INCREASE in result.rules


def test_nsca_two_for_two_raises_the_load_when_the_last_set_beats_the_top_twice() -> None:
    # The first set falls short of 10, so double progression alone would hold; the last set
    # beat the top (10) by 2 in two sessions running.
    history = [session(0, sets_of(9, 12)), session(3, sets_of(9, 12))]
    result = adapt_prescription(STRENGTH, history)
    assert result.rules == (Rule.TWO_FOR_TWO,)
    assert result.load_kg == increased_load_kg(40.0)


def test_nsca_two_for_two_needs_two_sessions() -> None:
    result = adapt_prescription(STRENGTH, [session(0, sets_of(9, 12))])
    assert Rule.TWO_FOR_TWO not in result.rules


def test_a_top_reached_on_a_body_weight_variation_says_there_is_no_load_to_raise() -> None:
    plan = PlannedPrescription(BALL, 3, (15, 20), Goal.ENDURANCE, load_text="body weight")
    history = [session(0, sets_of(20, 20, 20, load=0.0, variation=BALL))]
    result = adapt_prescription(plan, history)
    assert result.rules == (Rule.BODYWEIGHT_TOP,)
    assert result.load_kg is None


@settings(max_examples=50, deadline=None)
@given(load=st.floats(15.625, 400.0))
def test_a_load_step_up_always_lies_within_acsm_two_to_ten_percent(load: float) -> None:
    # From 15.625 kg up the 2–10 % window is 1.25 kg (the smallest plate) wide or wider.
    stepped = increased_load_kg(load)
    assert stepped is not None
    assert 1.02 - 1e-9 <= stepped / load <= 1.10 + 1e-9


def test_a_light_load_with_no_makeable_step_in_acsm_range_is_held() -> None:
    # 5 kg: 2–10 % is 5.1–5.5 kg, and 1.25 kg plates jump from 5 to 6.25 kg.
    assert increased_load_kg(5.0) is None
    history = [session(0, sets_of(10, 10, 10, load=5.0, rpe=8.0))]
    result = adapt_prescription(STRENGTH, history)
    assert result.rules[-1] is Rule.BODYWEIGHT_TOP and result.load_kg == 5.0


# ----------------------------------------------------------------- beginner path


BEGINNER = PlannedPrescription(FLOOR_LEGS, 2, (15, 20), Goal.ENDURANCE, load_text="body weight")


def test_fifteen_controlled_floor_reps_move_a_beginner_to_the_bench() -> None:
    history = [session(0, sets_of(15, 12, load=0.0, variation=FLOOR_LEGS))]
    kit = {Equipment.FLOOR, Equipment.BENCH, Equipment.MACHINE}
    result = adapt_prescription(BEGINNER, history, equipment=kit)
    assert result.rules == (Rule.BEGINNER_PATH,)
    assert result.variation == BENCH


def test_fourteen_floor_reps_are_not_enough_to_move_on() -> None:
    # Seed: 15 to 20 reps before moving on to the bench.
    history = [session(0, sets_of(14, 14, load=0.0, variation=FLOOR_LEGS))]
    result = adapt_prescription(BEGINNER, history, equipment={Equipment.FLOOR, Equipment.BENCH})
    assert result.variation == FLOOR_LEGS
    assert Rule.BEGINNER_PATH not in result.rules


def test_uncontrolled_reps_do_not_meet_the_beginner_criterion() -> None:
    history = [
        session(0, sets_of(18, load=0.0, variation=FLOOR_LEGS, faults=("uncontrolled_descent",)))
    ]
    result = adapt_prescription(BEGINNER, history, equipment={Equipment.FLOOR, Equipment.BENCH})
    assert result.variation == FLOOR_LEGS


def test_a_beginner_without_a_bench_moves_from_the_floor_straight_to_the_machine() -> None:
    history = [session(0, sets_of(16, load=0.0, variation=FLOOR_LEGS))]
    result = adapt_prescription(BEGINNER, history, equipment={Equipment.FLOOR, Equipment.MACHINE})
    assert result.variation == MACHINE
    assert result.load_kg is None
    assert "light" in result.load_text


def test_a_beginner_who_moved_on_is_not_sent_back_by_the_plan() -> None:
    history = [session(0, sets_of(12, 12, load=0.0, variation=BENCH))]
    result = adapt_prescription(BEGINNER, history, equipment={Equipment.FLOOR, Equipment.BENCH})
    assert result.variation == BENCH
    assert result.rules[0] is Rule.BEGINNER_PATH


# ----------------------------------------------------------------- back pain


def test_the_pain_thresholds_are_our_stated_rule() -> None:
    assert (PAIN_RULES.during_threshold, PAIN_RULES.after_rise) == (4, 2)
    assert (PAIN_RULES.repeat_count, PAIN_RULES.repeat_window) == (2, 3)


def test_pain_during_a_set_at_the_threshold_regresses_to_lighter_movement_integrity_work() -> None:
    history = [session(0, sets_of(10, 10) + sets_of(10, pain=4))]
    result = adapt_prescription(STRENGTH, history, equipment={Equipment.MACHINE})
    assert result.rules[0] is Rule.PAIN_DURING_SET
    assert result.goal is Goal.MOVEMENT_INTEGRITY
    assert result.reps == (8, 10)
    assert result.load_kg == 31.25  # 20 % lighter is 32 kg; the plates make 31.25
    assert "4/10" in result.reasons[0].text
    assert not result.progression_stopped


def test_pain_below_the_threshold_does_not_regress() -> None:
    history = [session(0, sets_of(10, 10, 10, pain=3))]
    result = adapt_prescription(STRENGTH, history)
    assert result.rules == (Rule.LOAD_INCREASE,)


def test_pain_regression_picks_the_easier_bench_variation_when_there_is_one() -> None:
    history = [session(0, sets_of(10, 10, pain=6))]
    kit = {Equipment.MACHINE, Equipment.BENCH}
    result = adapt_prescription(STRENGTH, history, equipment=kit)
    assert result.variation == BENCH
    assert result.load_kg is None
    assert "easier variation" in result.reasons[-1].text


def test_pain_two_points_higher_after_the_session_regresses() -> None:
    history = [session(0, sets_of(10, 10, 10), pain_before=1, pain_after=3)]
    result = adapt_prescription(STRENGTH, history, equipment={Equipment.MACHINE})
    assert result.rules[0] is Rule.PAIN_AFTER_SESSION
    assert result.goal is Goal.MOVEMENT_INTEGRITY
    assert "1/10 before to 3/10 after" in result.reasons[0].text


def test_pain_one_point_higher_after_the_session_does_not_regress() -> None:
    history = [session(0, sets_of(10, 10, 10), pain_before=1, pain_after=2)]
    assert Rule.PAIN_AFTER_SESSION not in adapt_prescription(STRENGTH, history).rules


def test_pain_in_two_of_the_last_three_sessions_stops_progression_and_advises_a_professional() -> (
    None
):
    history = [
        session(0, sets_of(10, 10, pain=5)),
        session(2, sets_of(10, 10), pain_before=0, pain_after=3),
        session(4, sets_of(10, 10, 10)),  # the latest felt fine
    ]
    result = adapt_prescription(STRENGTH, history, equipment={Equipment.MACHINE})
    assert result.progression_stopped
    assert result.see_professional
    assert result.rules[-1] is Rule.REPEATED_PAIN
    assert "doctor or physiotherapist" in result.reasons[-1].text
    assert result.load_kg is not None and result.load_kg < 40.0


def test_old_pain_outside_the_window_no_longer_stops_progression() -> None:
    history = [
        session(0, sets_of(10, 10, pain=5)),
        session(2, sets_of(10, 10, pain=5)),
        session(4, sets_of(10, 10, 10)),
        session(6, sets_of(10, 10, 10)),
        session(8, sets_of(10, 10, 10)),
    ]
    result = adapt_prescription(STRENGTH, history)
    assert not result.progression_stopped
    assert Rule.LOAD_INCREASE in result.rules


def test_pain_thresholds_are_data_the_caller_can_change() -> None:
    history = [session(0, sets_of(10, 10, 10, pain=3))]
    strict = PainRules(during_threshold=3)
    assert pain_flags(history[0], strict)
    assert adapt_prescription(STRENGTH, history, rules=strict).rules[0] is Rule.PAIN_DURING_SET


def test_an_impossible_rep_range_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="rep range 10-8"):
        PlannedPrescription(MACHINE, 3, (10, 8), Goal.STRENGTH)


def test_a_planned_bench_stage_waits_until_the_floor_criterion_is_met() -> None:
    planned_bench = PlannedPrescription(BENCH, 2, (15, 20), Goal.ENDURANCE, load_text="body weight")
    history = [session(0, sets_of(12, 11, load=0.0, variation=FLOOR_LEGS))]
    result = adapt_prescription(
        planned_bench, history, equipment={Equipment.FLOOR, Equipment.BENCH}
    )
    assert result.variation == FLOOR_LEGS
    assert result.rules[0] is Rule.BEGINNER_PATH
    assert "until then" in result.reasons[0].text


@pytest.mark.parametrize(
    ("variation", "easier"),
    [
        (VariationId.SINGLE_LEG_REVERSE_HYPER, MACHINE),
        (VariationId.TEMPO_REVERSE_HYPER, BENCH),
        (BENCH, VariationId.FLOOR_REVERSE_HYPER),
    ],
)
def test_pain_regresses_any_variation_to_an_easier_one_the_equipment_allows(
    variation: VariationId, easier: VariationId
) -> None:
    plan = PlannedPrescription(variation, 3, (12, 15), Goal.HYPERTROPHY, load_kg=30.0)
    history = [session(0, sets_of(12, 12, load=30.0, variation=variation, pain=5))]
    kit = {Equipment.MACHINE, Equipment.BENCH, Equipment.FLOOR}
    result = adapt_prescription(plan, history, equipment=kit)
    assert result.variation == easier
    assert result.goal is Goal.MOVEMENT_INTEGRITY


# ----------------------------------------------------------------- invariants over random logs

logged_set = st.builds(
    lambda reps, load, rpe, pain, fault: SetRecord(
        variation=MACHINE,
        reps=reps,
        load_kg=load,
        rpe=rpe,
        pain=pain,
        faults=(fault,) if fault else (),
        analysis_id=1 if fault else None,
    ),
    reps=st.integers(0, 20),
    load=st.sampled_from([20.0, 30.0, 40.0, 52.5]),
    rpe=st.one_of(st.none(), st.sampled_from([6.0, 7.0, 8.0, 9.0, 10.0])),
    pain=st.one_of(st.none(), st.integers(0, 8)),
    fault=st.sampled_from([None, "short_rom", "knee_bend", "uncontrolled_descent"]),
)
logged_session = st.tuples(
    st.lists(logged_set, min_size=1, max_size=4),
    st.one_of(st.none(), st.integers(0, 6)),
    st.one_of(st.none(), st.integers(0, 8)),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(logged_session, min_size=1, max_size=5))
def test_for_any_log_the_load_never_jumps_past_ten_percent_and_pain_is_never_ignored(
    raw: list[tuple[list[SetRecord], int | None, int | None]],
) -> None:
    history = [
        session(2 * i, sets, pain_before=before, pain_after=after)
        for i, (sets, before, after) in enumerate(raw)
    ]
    result = adapt_prescription(STRENGTH, history, equipment={Equipment.MACHINE})
    last_load = max(s.load_kg for s in history[-1].sets)
    if result.load_kg is not None:
        assert result.load_kg <= 1.10 * max(last_load, STRENGTH.load_kg or 0.0) + 1e-9
    painful = [bool(pain_flags(s)) for s in history[-PAIN_RULES.repeat_window :]]
    if painful[-1] or sum(painful) >= PAIN_RULES.repeat_count:
        assert result.goal is Goal.MOVEMENT_INTEGRITY
        assert result.load_kg is None or result.load_kg < last_load
        assert Rule.LOAD_INCREASE not in result.rules
    assert result.see_professional == (sum(painful) >= PAIN_RULES.repeat_count)
    assert result.reasons  # every prescription says why


FLOOR_UPPER = VariationId.FLOOR_HYPEREXTENSION


def test_the_two_floor_exercises_of_one_session_do_not_push_each_other_along_the_path() -> None:
    history = [
        session(
            0,
            sets_of(12, 12, load=0.0, variation=FLOOR_UPPER)
            + sets_of(16, 15, load=0.0, variation=FLOOR_LEGS),
        )
    ]
    kit = {Equipment.FLOOR, Equipment.BENCH}
    upper = PlannedPrescription(FLOOR_UPPER, 2, (15, 20), Goal.ENDURANCE, load_text="body weight")
    assert adapt_prescription(upper, history, equipment=kit).variation == FLOOR_UPPER
    assert adapt_prescription(BEGINNER, history, equipment=kit).variation == BENCH


def test_once_on_the_bench_floor_blocks_of_the_plan_follow_there() -> None:
    history = [session(0, sets_of(12, load=0.0, variation=BENCH))]
    upper = PlannedPrescription(FLOOR_UPPER, 2, (15, 20), Goal.ENDURANCE, load_text="body weight")
    result = adapt_prescription(upper, history, equipment={Equipment.FLOOR, Equipment.BENCH})
    assert result.variation == BENCH
    assert "already moved on" in result.reasons[0].text
