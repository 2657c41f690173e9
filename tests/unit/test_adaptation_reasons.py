"""The adaptation's less travelled branches, and the sentences it gives the athlete.

A reason is what the athlete reads to understand the next session, so its numbers are checked
word for word: the step up or down in kilograms and per cent, the rep target, and what to do
when there is no load to raise or no plate step that fits ACSM's 2-10 % (ACSM 2009).
"""

from __future__ import annotations

from datetime import date

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.adaptation import PlannedPrescription, Rule, adapt_prescription
from revhyper.domain.training.log import SessionRecord, SetRecord
from revhyper.domain.vocabulary import Goal, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER
BALL = VariationId.STABILITY_BALL_REVERSE_HYPER  # body weight only, off the beginner path

#: Seed: hypertrophy 2-3 sets of 12-15 reps.
HYPERTROPHY = PlannedPrescription(
    variation=MACHINE, sets=3, reps=(12, 15), goal=Goal.HYPERTROPHY, load_kg=40.0,
    load_text="moderate", target_rpe=7.5,
)  # fmt: skip
#: Seed: endurance 2-4 sets of 15-20 reps.
BALL_ENDURANCE = PlannedPrescription(
    variation=BALL, sets=3, reps=(15, 20), goal=Goal.ENDURANCE, load_text="body weight",
    target_rpe=7.0,
)  # fmt: skip


def _after(planned: PlannedPrescription, *sessions: list[SetRecord]):
    history = [
        SessionRecord(athlete_id=1, day=date(2026, 3, 2 + 3 * i), sets=tuple(sets))
        for i, sets in enumerate(sessions)
    ]
    return adapt_prescription(planned, history)


def _sets(variation: VariationId, load: float, *reps: int, rpe: float = 7.0) -> list[SetRecord]:
    return [SetRecord(variation=variation, reps=r, load_kg=load, rpe=rpe) for r in reps]


# --------------------------------------------------------------------------- the plan's block


@pytest.mark.parametrize(
    ("reps", "sets", "allowed"),
    [
        ((1, 1), 1, True),
        ((0, 10), 3, False),
        ((10, 9), 3, False),
        ((1, 100), 3, True),
        ((1, 101), 3, False),
        ((8, 10), 20, True),
        ((8, 10), 21, False),
        ((8, 10), 0, False),
    ],
)
def test_a_planned_block_allows_1_to_100_reps_and_1_to_20_sets(reps, sets, allowed):
    make = lambda: PlannedPrescription(MACHINE, sets, reps, Goal.STRENGTH)  # noqa: E731
    if allowed:
        assert make().reps == reps
    else:
        with pytest.raises(InvalidInputError, match="is not allowed: use 1"):
            make()


def test_a_planned_block_with_too_many_sets_is_refused_naming_the_number():
    with pytest.raises(InvalidInputError, match=r"^sets 21 is not allowed: use 1 to 20$"):
        PlannedPrescription(MACHINE, 21, (8, 10), Goal.STRENGTH)
    with pytest.raises(
        InvalidInputError, match=r"^rep range 0-10 is not allowed: use 1 <= min <= max <= 100$"
    ):
        PlannedPrescription(MACHINE, 3, (0, 10), Goal.STRENGTH)


# --------------------------------------------------------------------------- raising the load


def test_every_set_at_the_top_raises_the_load_and_says_by_how_much():
    result = _after(HYPERTROPHY, _sets(MACHINE, 40.0, 15, 15, 15))
    assert (result.load_kg, result.load_text, result.target_reps) == (41.25, "41.25 kg", 12)
    (reason,) = result.reasons
    assert reason.rule is Rule.LOAD_INCREASE
    assert reason.text == (
        "every set reached 15 reps at or below the target RPE (double progression): "
        "load 40 kg → 41.25 kg (+3.1 %, within ACSM's 2–10 %), back to the bottom of the range"
    )


def test_the_nsca_rule_raises_the_load_and_names_itself():
    result = _after(HYPERTROPHY, _sets(MACHINE, 40.0, 14, 17), _sets(MACHINE, 40.0, 14, 17))
    assert result.load_kg == 41.25
    assert result.reasons[-1].rule is Rule.TWO_FOR_TWO
    assert result.reasons[-1].text == (
        "the last set beat 15 reps by 2+ in two sessions running (NSCA 2-for-2): "
        "load 40 kg → 41.25 kg (+3.1 %, within ACSM's 2–10 %), back to the bottom of the range"
    )


def test_a_body_weight_variation_at_the_top_has_no_load_to_raise():
    result = _after(BALL_ENDURANCE, _sets(BALL, 0.0, 20, 20, 20))
    assert (result.load_kg, result.target_reps) == (None, 20)
    assert result.rules == (Rule.BODYWEIGHT_TOP,)
    assert result.reasons[0].text == (
        "every set reached 20 reps at or below the target RPE (double progression); no load to "
        "raise on stability-ball-reverse-hyper: slow the lowering or add a band"
    )


def test_a_body_weight_variation_logged_with_a_load_still_has_no_plate_step():
    result = _after(BALL_ENDURANCE, _sets(BALL, 5.0, 20, 20, 20))
    assert result.rules == (Rule.BODYWEIGHT_TOP,)
    assert result.target_reps == 20


def test_a_machine_set_without_plates_at_the_top_has_no_load_to_raise():
    result = _after(HYPERTROPHY, _sets(MACHINE, 0.0, 15, 15, 15))
    assert result.rules == (Rule.BODYWEIGHT_TOP,)
    assert (result.target_reps, result.load_kg) == (15, 40.0)  # the plan's load stands


def test_a_load_too_light_for_any_plate_step_is_kept_and_the_athlete_told_why():
    # 0.5 kg: 2-10 % is 0.51-0.55 kg, and no multiple of 0.5, 1.25 or 2.5 kg lies there.
    result = _after(HYPERTROPHY, _sets(MACHINE, 0.5, 15, 15, 15))
    assert (result.load_kg, result.target_reps) == (0.5, 15)
    assert result.rules == (Rule.BODYWEIGHT_TOP,)
    assert result.reasons[0].text == (
        "every set reached 15 reps at or below the target RPE (double progression); "
        "no plate step fits 2–10 % of 0.5 kg"
    )


# --------------------------------------------------------------------------- lowering the load


def test_reps_short_of_the_range_lower_the_load_by_a_five_percent_step_down_to_the_plates():
    # 40 kg - 5 % = 38 kg; the standard set's smallest plate is 1.25 kg and 38 / 1.25 = 30.4,
    # so the load the plates make is 30 × 1.25 = 37.5 kg.
    result = _after(HYPERTROPHY, _sets(MACHINE, 40.0, 11, 10, 9))
    assert (result.load_kg, result.load_text, result.target_reps) == (37.5, "37.5 kg", 12)
    assert result.reasons[-1].rule is Rule.REPS_SHORT
    assert result.reasons[-1].text == (
        "best set 11 reps, below the range's 12: load 40 kg → 37.5 kg "
        "(6.25 % step down: 5 % rounded to the plates)"
    )


def test_a_step_down_the_plates_make_exactly_is_called_a_five_percent_step():
    # 50 kg - 5 % = 47.5 kg, which 1.25 kg plates make exactly.
    result = _after(HYPERTROPHY, _sets(MACHINE, 50.0, 11, 10, 9))
    assert result.load_kg == 47.5
    assert result.reasons[-1].text.endswith("load 50 kg → 47.5 kg (5 % step down)")


def test_reps_short_on_body_weight_keep_the_variation_and_suggest_bent_knees():
    result = _after(BALL_ENDURANCE, _sets(BALL, 0.0, 14, 12))
    assert (result.variation, result.load_kg, result.target_reps) == (BALL, None, 15)
    assert result.reasons[-1].rule is Rule.REPS_SHORT
    assert result.reasons[-1].text == (
        "best set 14 reps, below the range's 15: keep the variation and aim for 15 reps; "
        "bend the knees slightly if it is too hard (seed)"
    )


def test_an_effort_far_above_the_target_lowers_the_load_and_says_so():
    result = _after(HYPERTROPHY, _sets(MACHINE, 40.0, 13, 13, rpe=9.5))
    assert result.load_kg == 37.5  # 38 kg (40 kg - 5 %) rounded down to 1.25 kg plates
    assert result.reasons[-1].rule is Rule.RPE_ABOVE_TARGET
    assert result.reasons[-1].text == (
        "RPE 9.5 is 2+ above the target 7.5 (too close to maximal): load 40 kg → 37.5 kg "
        "(6.25 % step down: 5 % rounded to the plates)"
    )


def test_an_effort_above_the_target_holds_the_load_and_says_so():
    result = _after(HYPERTROPHY, _sets(MACHINE, 40.0, 15, 15, rpe=8.5))
    assert result.load_kg == 40.0
    assert result.rules == (Rule.RPE_ABOVE_TARGET, Rule.DOUBLE_PROGRESSION)
    assert result.reasons[0].text == ("RPE 8.5 is above the target 7.5: the load is not increased")
    assert result.reasons[1].text == (
        "reps 15, 15 in a range of 12–15: keep the load and aim for 15 reps per set, then up to 15"
    )
    assert result.load_text == "40 kg (as last time)"
