"""Progression and adaptation rules probed just below, at and just above each threshold.

The numbers are written out here from the rules' stated sources, not read from the code:
- double progression: raise the load only when *every* set reaches the top of the range; lower
  it when the best set is below the bottom (our rule, ``domain/programming/progression.py``);
- NSCA "2-for-2" (Baechle & Earle 2008): the last set 2+ reps over the goal in 2 consecutive
  workouts;
- ACSM (2009): a load step of 2-10 %; our default step 5 %, our deload every 4th week;
- issue 14: every new load is one the athlete's plates make, rounded down; the default
  inventory is the standard kilogram set (25 … 2.5, 1.25 kg, as many as needed), so every
  makeable load is a multiple of 1.25 kg; a step up with no such multiple within 2-10 % is held;
- our pain rules: pain during a set of 4/10 or more, or a rise of 2+ points after the session,
  regresses; 2 painful sessions among the last 3 stop progression;
- our effort rule: an RPE 2+ above the target lowers the load;
- the seed's beginner gate: 15-20 controlled reps on the floor before the bench.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.adaptation import (
    PlannedPrescription,
    Rule,
    adapt_prescription,
    beginner_criterion_met,
    increased_load_kg,
    pain_flags,
    reduced_load_kg,
)
from revhyper.domain.programming.progression import (
    LoadDecision,
    cycle_of,
    double_progression,
    is_deload_week,
    next_load_kg,
    sets_for_week,
    two_for_two_met,
)
from revhyper.domain.training.log import SessionRecord, SetRecord
from revhyper.domain.vocabulary import Equipment, Goal, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER
FLOOR = VariationId.FLOOR_REVERSE_HYPER
START = date(2026, 3, 2)

#: Seed: hypertrophy 2-3 sets of 12-15 reps, moderate load, 45-90 s rest.
HYPERTROPHY = PlannedPrescription(
    variation=MACHINE,
    sets=3,
    reps=(12, 15),
    goal=Goal.HYPERTROPHY,
    load_kg=40.0,
    load_text="moderate",
    target_rpe=7.5,
)


def _sets(*reps: int, load: float = 40.0, rpe: float | None = 7.0, **kw: object) -> list[SetRecord]:
    return [
        SetRecord(variation=kw.get("variation", MACHINE), reps=r, load_kg=load, rpe=rpe)  # type: ignore[arg-type]
        for r in reps
    ]


def _session(offset: int, sets: list[SetRecord], **kw: object) -> SessionRecord:
    return SessionRecord(athlete_id=1, day=START + timedelta(days=offset), sets=tuple(sets), **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- double progression


@pytest.mark.parametrize(
    ("reps", "decision"),
    [
        ([15, 15, 15], LoadDecision.INCREASE),
        ([16, 15, 20], LoadDecision.INCREASE),
        ([15, 15, 14], LoadDecision.KEEP),
        ([16, 11], LoadDecision.KEEP),  # one set over the range, one under it
        ([11, 16], LoadDecision.KEEP),
        ([20, 20, 1], LoadDecision.KEEP),
        ([20, 10], LoadDecision.KEEP),  # as many reps in total as 2 x 15, but one set short
        ([19, 11, 15], LoadDecision.KEEP),
        ([12, 12, 12], LoadDecision.KEEP),
        ([11, 11, 12], LoadDecision.KEEP),  # the best set reaches the bottom
        ([11, 11, 11], LoadDecision.DECREASE),
        ([11], LoadDecision.DECREASE),
        ([15], LoadDecision.INCREASE),
    ],
)
def test_double_progression_raises_only_when_every_set_reaches_the_top(reps, decision):
    assert double_progression(reps, (12, 15)) is decision


def test_one_set_above_and_one_below_the_range_keeps_the_load():
    for order in ([17, 10], [10, 17]):
        result = adapt_prescription(HYPERTROPHY, [_session(0, _sets(*order))])
        assert result.load_kg == 40.0
        assert result.rules == (Rule.DOUBLE_PROGRESSION,)


def test_every_set_at_the_top_raises_the_load_and_one_short_holds_it():
    raised = adapt_prescription(HYPERTROPHY, [_session(0, _sets(15, 15, 15))])
    held = adapt_prescription(HYPERTROPHY, [_session(0, _sets(15, 15, 14))])
    assert raised.load_kg == 41.25  # 40 kg + 5 % = 42 kg, rounded down to 1.25 kg plates
    assert held.load_kg == 40.0


def test_a_best_set_one_short_of_the_range_lowers_the_load_a_five_percent_step_to_the_plates():
    lowered = adapt_prescription(HYPERTROPHY, [_session(0, _sets(11, 11, 10))])
    held = adapt_prescription(HYPERTROPHY, [_session(0, _sets(12, 11, 10))])
    assert lowered.load_kg == 37.5  # 40 kg - 5 % = 38 kg = 30.4 × 1.25 kg: down to 37.5 kg
    assert Rule.REPS_SHORT in lowered.rules
    assert held.load_kg == 40.0


# --------------------------------------------------------------------------- NSCA 2-for-2


@pytest.mark.parametrize(
    ("workouts", "met"),
    [
        ([[10, 17], [10, 17]], True),  # the last set 2 over a goal of 15, twice
        ([[10, 16], [10, 17]], False),  # one over is not enough
        ([[10, 17], [10, 16]], False),
        ([[17, 10], [17, 10]], False),  # the *last* set counts
        ([[10, 17]], False),  # one workout is not two
        ([[10, 17], [], [10, 17]], True),  # an empty workout is skipped
        ([[10, 17], [10, 16], [10, 17]], False),  # the last two must both meet it
    ],
)
def test_two_for_two_needs_the_last_set_two_over_in_two_workouts(workouts, met):
    assert two_for_two_met(workouts, 15) is met


def test_two_for_two_raises_the_load_even_with_an_earlier_set_below_the_range():
    history = [_session(0, _sets(10, 17)), _session(3, _sets(10, 17))]
    result = adapt_prescription(HYPERTROPHY, history)
    assert Rule.TWO_FOR_TWO in result.rules
    assert result.load_kg == 41.25
    one_short = [_session(0, _sets(10, 17)), _session(3, _sets(10, 16))]
    assert adapt_prescription(HYPERTROPHY, one_short).load_kg == 40.0


# --------------------------------------------------------------------------- load steps


@pytest.mark.parametrize(
    ("step", "allowed"), [(0.0199, False), (0.02, True), (0.10, True), (0.1001, False)]
)
def test_a_load_step_must_lie_within_acsm_two_to_ten_percent(step, allowed):
    if allowed:
        assert next_load_kg(100.0, step) == pytest.approx(100.0 * (1 + step))
    else:
        with pytest.raises(InvalidInputError, match="ACSM 2–10 %"):
            next_load_kg(100.0, step)


@pytest.mark.parametrize(
    ("load", "raised"),
    [
        (40.0, 41.25),  # 42 kg rounded down to 1.25 kg: +3.1 %
        (100.0, 105.0),
        (20.0, 21.25),  # 21 kg rounds down to 20 kg (no step): the next 1.25 kg inside 2-10 %
        (12.5, 13.75),  # 13.125 kg rounds down to 12.5 kg; the next, 13.75 kg, is +10 % exactly
        (11.25, None),  # 12.5 kg is +11.1 %: no 1.25 kg multiple within 11.475-12.375 kg, held
        (10.0, None),  # no 1.25 kg multiple lies within 10.2-11 kg: held
        (5.0, None),  # nor within 5.1-5.5 kg
        (0.0, None),
    ],
)
def test_a_load_step_up_lands_on_a_plate_multiple_within_two_to_ten_percent_or_is_held(
    load, raised
):
    assert increased_load_kg(load) == raised


def test_a_reduced_load_is_rounded_down_to_the_plates_and_never_negative():
    assert reduced_load_kg(40.0, 0.8) == 31.25  # 32 kg = 25.6 × 1.25 kg: down to 25 × 1.25
    assert reduced_load_kg(41.0, 0.8) == 32.5  # 32.8 kg = 26.24 × 1.25 kg: down to 26 × 1.25
    assert reduced_load_kg(50.0, 0.8) == 40.0  # 40 kg = 32 × 1.25 kg: already makeable, kept
    assert reduced_load_kg(0.4, 0.8) == 0.0  # 0.32 kg is below the lightest 1.25 kg plate: 0 kg


# --------------------------------------------------------------------------- weeks


@pytest.mark.parametrize(("week", "deload"), [(3, False), (4, True), (5, False), (8, True)])
def test_every_fourth_week_and_only_it_is_a_deload(week, deload):
    assert is_deload_week(week) is deload


@pytest.mark.parametrize(("week", "cycle"), [(1, 0), (4, 0), (5, 1), (8, 1), (9, 2)])
def test_a_cycle_is_four_weeks(week, cycle):
    assert cycle_of(week) == cycle


@pytest.mark.parametrize(
    ("week", "sets"), [(1, 2), (2, 3), (3, 3), (4, 2), (5, 2), (6, 3), (7, 3), (8, 2)]
)
def test_hypertrophy_sets_climb_from_two_to_three_and_drop_on_deload(week, sets):
    assert sets_for_week(week, (2, 3)) == sets


# --------------------------------------------------------------------------- effort


@pytest.mark.parametrize(
    ("rpe", "load", "rule"),
    [
        (7.5, 41.25, Rule.LOAD_INCREASE),  # at the target: progression goes on
        (8.0, 40.0, Rule.RPE_ABOVE_TARGET),  # above: held
        (9.0, 40.0, Rule.RPE_ABOVE_TARGET),  # 1.5 above: still held
        (9.5, 37.5, Rule.RPE_ABOVE_TARGET),  # 2 above: lowered, 38 kg down to 1.25 kg plates
        (10.0, 37.5, Rule.RPE_ABOVE_TARGET),
    ],
)
def test_an_rpe_two_or_more_above_the_target_lowers_the_load(rpe, load, rule):
    result = adapt_prescription(HYPERTROPHY, [_session(0, _sets(15, 15, 15, rpe=rpe))])
    assert result.load_kg == load
    assert rule in result.rules


def test_an_rir_is_read_as_ten_minus_rpe():
    sets = [SetRecord(variation=MACHINE, reps=15, load_kg=40.0, rir=0.5) for _ in range(3)]
    # RPE 9.5 is 2 above the target 7.5: 40 kg - 5 % = 38 kg, down to 1.25 kg plates: 37.5 kg
    assert adapt_prescription(HYPERTROPHY, [_session(0, sets)]).load_kg == 37.5
    sets = [SetRecord(variation=MACHINE, reps=15, load_kg=40.0, rir=2.5) for _ in range(3)]
    assert adapt_prescription(HYPERTROPHY, [_session(0, sets)]).load_kg == 41.25


# --------------------------------------------------------------------------- pain


def _pained(during: int | None = None, before: int | None = None, after: int | None = None):
    sets = [SetRecord(variation=MACHINE, reps=12, load_kg=40.0, pain=during)]
    return _session(0, sets, pain_before=before, pain_after=after)


@pytest.mark.parametrize(("pain", "flagged"), [(3, False), (4, True), (5, True)])
def test_pain_during_a_set_regresses_from_four_out_of_ten(pain, flagged):
    rules = [flag.rule for flag in pain_flags(_pained(during=pain))]
    assert (Rule.PAIN_DURING_SET in rules) is flagged


@pytest.mark.parametrize(("after", "flagged"), [(3, False), (4, True), (5, True)])
def test_pain_rising_two_points_over_the_session_regresses(after, flagged):
    rules = [flag.rule for flag in pain_flags(_pained(before=2, after=after))]
    assert (Rule.PAIN_AFTER_SESSION in rules) is flagged


def test_pain_that_fell_during_the_session_is_no_rise():
    assert pain_flags(_pained(before=5, after=2)) == []


def test_a_regression_cuts_the_load_by_twenty_percent_to_movement_integrity_work():
    history = [_session(0, [*_sets(12, 12, rpe=7.0), SetRecord(MACHINE, 12, 40.0, pain=4)])]
    result = adapt_prescription(HYPERTROPHY, history, equipment={Equipment.MACHINE})
    assert result.goal is Goal.MOVEMENT_INTEGRITY
    assert (result.sets, result.reps) == (3, (8, 10))  # seed: 3-4 sets of 8-10
    assert result.load_kg == 31.25  # 80 % of 40 kg = 32 kg, down to 25 × 1.25 kg plates
    assert not result.progression_stopped


@pytest.mark.parametrize(
    ("painful_days", "sessions", "stopped"),
    [
        ((), 3, False),
        ((0,), 3, False),
        ((2,), 3, False),  # the latest alone regresses but does not stop
        ((0, 1), 3, True),
        ((0, 2), 3, True),
        ((0, 1), 4, False),  # day 0 has left the window of the last 3 sessions
        ((1, 3), 4, True),
    ],
)
def test_two_painful_sessions_of_the_last_three_stop_progression(painful_days, sessions, stopped):
    history = [
        _session(day, [SetRecord(MACHINE, 12, 40.0, pain=5 if day in painful_days else 0)])
        for day in range(sessions)
    ]
    result = adapt_prescription(HYPERTROPHY, history)
    assert result.progression_stopped is stopped
    assert result.see_professional is stopped


# --------------------------------------------------------------------------- beginner gate


@pytest.mark.parametrize(("reps", "met"), [(14, False), (15, True), (20, True), (21, True)])
def test_fifteen_controlled_floor_reps_meet_the_seed_gate(reps, met):
    record = SetRecord(variation=FLOOR, reps=reps)
    assert (beginner_criterion_met([record]) is not None) is met


@pytest.mark.parametrize("fault", ["short_rom", "uncontrolled_descent"])
def test_fifteen_reps_with_a_range_or_control_fault_do_not_meet_the_gate(fault):
    record = SetRecord(variation=FLOOR, reps=15, faults=(fault,), analysis_id=1)  # type: ignore[arg-type]
    assert beginner_criterion_met([record]) is None


@pytest.mark.parametrize(("load", "raised"), [(0.0, 0.0), (0.5, 0.525), (-0.01, None)])
def test_a_load_step_accepts_any_load_from_zero_kilograms(load, raised):
    if raised is None:
        with pytest.raises(
            InvalidInputError, match=r"^load -0\.01 kg is out of range: allowed 0 kg"
        ):
            next_load_kg(load)
    else:
        assert next_load_kg(load) == pytest.approx(raised)


def test_double_progression_without_sets_says_it_needs_one():
    with pytest.raises(
        InvalidInputError, match=r"^no sets given: double progression needs at least one set$"
    ):
        double_progression([], (8, 10))
