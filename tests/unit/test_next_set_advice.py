"""The next set's load within a session, from the sets of the block done today."""

from __future__ import annotations

from revhyper.domain.programming.adaptation import (
    PAIN_RULES,
    AdjustedPrescription,
    PlannedPrescription,
    adapt_prescription,
    next_set_advice,
)
from revhyper.domain.training.log import SetRecord
from revhyper.domain.vocabulary import Goal, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER


def _prescription() -> AdjustedPrescription:
    planned = PlannedPrescription(
        variation=MACHINE,
        sets=3,
        reps=(12, 15),
        goal=Goal.HYPERTROPHY,
        load_kg=40.0,
        load_text="about 40 kg",
        target_rpe=7.5,
        rest_s=(45, 90),
    )
    return adapt_prescription(planned, [])


def _set(
    reps: int, load_kg: float = 40.0, rpe: float | None = 7.0, pain: int | None = 0
) -> SetRecord:
    return SetRecord(variation=MACHINE, reps=reps, load_kg=load_kg, rpe=rpe, pain=pain)


def test_before_the_first_set_there_is_no_advice() -> None:
    assert next_set_advice(_prescription(), []) is None


def test_a_set_in_the_range_at_the_target_keeps_the_load_and_never_raises_it() -> None:
    advice = next_set_advice(_prescription(), [_set(15)])
    assert advice is not None
    assert (advice.load_kg, advice.stop) == (40.0, False)
    assert "between sessions" in advice.reason


def test_reps_below_the_range_lower_the_load_one_step_the_plates_make() -> None:
    advice = next_set_advice(_prescription(), [_set(9)])
    assert advice is not None
    assert advice.load_kg is not None and 36.0 <= advice.load_kg < 40.0
    assert "below the range's 12" in advice.reason


def test_an_rpe_two_above_the_target_lowers_the_load_and_just_above_holds_it() -> None:
    far = next_set_advice(_prescription(), [_set(12, rpe=9.5)])
    near = next_set_advice(_prescription(), [_set(12, rpe=8.0)])
    assert far is not None and far.load_kg is not None and far.load_kg < 40.0
    assert near is not None and near.load_kg == 40.0
    assert "above the target" in near.reason


def test_pain_at_the_threshold_stops_the_exercise_and_just_below_does_not() -> None:
    threshold = PAIN_RULES.during_threshold
    stop = next_set_advice(_prescription(), [_set(12, pain=threshold)])
    below = next_set_advice(_prescription(), [_set(12, pain=threshold - 1)])
    assert stop is not None and (stop.stop, stop.load_kg) == (True, None)
    assert below is not None and below.stop is False


def test_only_the_latest_set_counts() -> None:
    advice = next_set_advice(_prescription(), [_set(9), _set(13, load_kg=38.0)])
    assert advice is not None and advice.load_kg == 38.0
