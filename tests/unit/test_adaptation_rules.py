"""The adaptation's load arithmetic and the advice a lifter reads between sets, word for word.

Every expected value is worked out by hand from the rules: a 5 % step (OUR default) inside
ACSM's 2-10 % (ACSM 2009) rounded down to what the plates make, a pound as exactly
0.45359237 kg (NIST SP 811), and loads in kilograms rounded to 6 decimals.
"""

from __future__ import annotations

import pytest

from revhyper.domain.plates import PlateInventory, standard_inventory
from revhyper.domain.programming.adaptation import (
    AdjustedPrescription,
    LoadKit,
    NextSetAdvice,
    PainRules,
    increased_load_kg,
    next_set_advice,
    reduced_load_kg,
    step_down_text,
)
from revhyper.domain.training.log import SetRecord
from revhyper.domain.units import KG_PER_LB, MassUnit
from revhyper.domain.vocabulary import Goal, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER
BALL = VariationId.STABILITY_BALL_REVERSE_HYPER  # body weight only

POUND_KIT = LoadKit(standard_inventory(MassUnit.LB), MassUnit.LB)
#: A kilogram inventory of fractional plates only.
HALF_KILOS = PlateInventory(MassUnit.KG, ((0.5, None),))
#: A kilogram inventory whose smallest plate is 2.5 kg.
TWO_AND_A_HALVES = PlateInventory(MassUnit.KG, ((2.5, None),))


def _machine_block(*, target_rpe: float | None = 7.5) -> AdjustedPrescription:
    """Hypertrophy on the machine: 12-15 reps, aiming for 13 this time."""
    return AdjustedPrescription(
        variation=MACHINE, sets=3, reps=(12, 15), target_reps=13, goal=Goal.HYPERTROPHY,
        load_kg=40.0, load_text="40 kg", target_rpe=target_rpe, rest_s=(45, 90), tempo=None,
        hold_s=None, reasons=(),
    )  # fmt: skip


def _ball_block() -> AdjustedPrescription:
    """Endurance on the ball at body weight: 15-20 reps, aiming for 17 this time."""
    return AdjustedPrescription(
        variation=BALL, sets=3, reps=(15, 20), target_reps=17, goal=Goal.ENDURANCE,
        load_kg=None, load_text="body weight", target_rpe=7.0, rest_s=None, tempo=None,
        hold_s=None, reasons=(),
    )  # fmt: skip


def _set(
    reps: int,
    load_kg: float = 40.0,
    *,
    rpe: float | None = 7.0,
    pain: int | None = 0,
    variation: VariationId = MACHINE,
) -> SetRecord:
    return SetRecord(variation=variation, reps=reps, load_kg=load_kg, rpe=rpe, pain=pain)


# --------------------------------------------------------------------------- next set: stop


def test_pain_at_the_threshold_tells_the_lifter_to_stop_the_exercise_for_today() -> None:
    advice = next_set_advice(_machine_block(), [_set(13, pain=4)])
    assert advice == NextSetAdvice(
        None,
        "stop",
        "back pain 4/10 during the last set reached 4: stop this exercise for today",
        stop=True,
    )


def test_a_caller_pain_threshold_is_the_one_named_in_the_stop_advice() -> None:
    rules = PainRules(during_threshold=6)
    assert next_set_advice(_machine_block(), [_set(13, pain=5)], rules) == NextSetAdvice(
        40.0,
        "40 kg",
        "keep 40 kg: the load goes up between sessions, once every set reaches 15 reps "
        "(double progression)",
    )
    assert next_set_advice(_machine_block(), [_set(13, pain=7)], rules) == NextSetAdvice(
        None,
        "stop",
        "back pain 7/10 during the last set reached 6: stop this exercise for today",
        stop=True,
    )


# --------------------------------------------------------------------------- next set: lighter


def test_reps_below_the_range_step_the_next_set_down_to_the_plates_and_say_how_far() -> None:
    # 40 kg - 5 % = 38 kg; 1.25 kg plates make 37.5 kg below it: 2.5 / 40 = 6.25 %.
    advice = next_set_advice(_machine_block(), [_set(9)])
    assert advice == NextSetAdvice(
        37.5,
        "37.5 kg",
        "9 reps, below the range's 12: 40 kg → 37.5 kg (6.25 % step down: 5 % rounded to the "
        "plates)",
    )


def test_an_rpe_two_above_the_target_steps_the_next_set_down_naming_the_effort() -> None:
    advice = next_set_advice(_machine_block(), [_set(13, rpe=9.5)])
    assert advice == NextSetAdvice(
        37.5,
        "37.5 kg",
        "RPE 9.5 against a target of 7.5: 40 kg → 37.5 kg (6.25 % step down: 5 % rounded to "
        "the plates)",
    )


def test_a_set_both_too_hard_and_short_is_explained_by_its_effort() -> None:
    advice = next_set_advice(_machine_block(), [_set(10, 50.0, rpe=10.0)])
    # 50 kg - 5 % = 47.5 kg, which 1.25 kg plates make exactly.
    assert advice == NextSetAdvice(
        47.5, "47.5 kg", "RPE 10 against a target of 7.5: 50 kg → 47.5 kg (5 % step down)"
    )


def test_a_pound_lifter_steps_down_on_pound_plates_and_reads_pounds() -> None:
    # 100 lb - 5 % = 95 lb, which 2.5 lb plates make: 95 × 0.45359237 = 43.09127515 kg.
    advice = next_set_advice(_machine_block(), [_set(9, 100 * KG_PER_LB)], load_kit=POUND_KIT)
    assert advice == NextSetAdvice(
        43.091275, "95 lb", "9 reps, below the range's 12: 100 lb → 95 lb (5 % step down)"
    )


# --------------------------------------------------------------------------- next set: hold


def test_a_set_in_the_range_at_the_target_rpe_keeps_the_load_and_says_when_it_rises() -> None:
    # RPE exactly at the target is not above it.
    advice = next_set_advice(_machine_block(), [_set(13, rpe=7.5)])
    assert advice == NextSetAdvice(
        40.0,
        "40 kg",
        "keep 40 kg: the load goes up between sessions, once every set reaches 15 reps "
        "(double progression)",
    )


def test_an_rpe_above_the_target_but_not_two_above_holds_the_load_with_no_more() -> None:
    advice = next_set_advice(_machine_block(), [_set(15, rpe=9.0)])
    assert advice == NextSetAdvice(
        40.0, "40 kg", "RPE 9 is above the target 7.5: keep 40 kg, no more"
    )


def test_without_a_target_rpe_even_a_maximal_set_in_the_range_keeps_the_load() -> None:
    advice = next_set_advice(_machine_block(target_rpe=None), [_set(12, rpe=10.0)])
    assert advice == NextSetAdvice(
        40.0,
        "40 kg",
        "keep 40 kg: the load goes up between sessions, once every set reaches 15 reps "
        "(double progression)",
    )


def test_a_one_kilogram_set_is_a_load_to_keep() -> None:
    advice = next_set_advice(_machine_block(), [_set(14, 1.0)])
    assert advice == NextSetAdvice(
        1.0,
        "1 kg",
        "keep 1 kg: the load goes up between sessions, once every set reaches 15 reps "
        "(double progression)",
    )


def test_a_pound_lifter_keeping_the_load_reads_it_in_pounds() -> None:
    advice = next_set_advice(_machine_block(), [_set(13, 100 * KG_PER_LB)], load_kit=POUND_KIT)
    assert advice == NextSetAdvice(
        100 * KG_PER_LB,
        "100 lb",
        "keep 100 lb: the load goes up between sessions, once every set reaches 15 reps "
        "(double progression)",
    )


# --------------------------------------------------------------------------- next set: body weight


@pytest.mark.parametrize(
    ("reps", "rpe"),
    [
        (17, 7.0),  # in the range
        (12, 7.0),  # below the range: no load to step down
        (16, 9.0),  # two above the target: no load to step down
    ],
)
def test_a_body_weight_set_has_no_load_to_change_and_repeats_the_rep_aim(
    reps: int, rpe: float
) -> None:
    advice = next_set_advice(_ball_block(), [_set(reps, 0.0, rpe=rpe, variation=BALL)])
    assert advice == NextSetAdvice(None, "body weight", "aim for 17 reps")


# --------------------------------------------------------------------------- step-down text


@pytest.mark.parametrize(
    ("last", "new", "text"),
    [
        (100.0, 95.0, "5 % step down"),
        (100.0, 95.004, "5 % step down"),  # 4.996 %: within 0.005 points of 5
        (100.0, 95.006, "4.99 % step down: 5 % rounded to the plates"),  # 4.994 %
        (110.0, 103.75, "5.68 % step down: 5 % rounded to the plates"),  # 6.25 / 110
        (12.5, 11.25, "10 % step down: 5 % rounded to the plates"),
        (7.5, 6.25, "16.7 % step down: 5 % rounded to the plates"),  # 1.25 / 7.5 = 16.67 %
        (1.0, 0.0, "100 % step down: 5 % rounded to the plates"),
        (0.0, 0.0, "0 % step down: 5 % rounded to the plates"),  # body weight: nothing to cut
    ],
)
def test_a_step_down_names_its_percentage_to_three_figures(
    last: float, new: float, text: str
) -> None:
    assert step_down_text(last, new) == text


def test_a_pound_step_down_of_exactly_five_percent_is_called_one_despite_conversion() -> None:
    # 100 lb = 45.359237 kg; 95 lb = 43.09127515 kg, stored rounded to 43.091275 kg.
    assert step_down_text(100 * KG_PER_LB, 43.091275) == "5 % step down"


# --------------------------------------------------------------------------- reduced loads


def test_a_body_weight_load_reduces_to_zero() -> None:
    assert reduced_load_kg(0.0, 0.8) == 0.0
    assert reduced_load_kg(0.0, 0.95, HALF_KILOS) == 0.0


def test_a_load_under_one_kilogram_reduces_to_what_fractional_plates_make() -> None:
    # 1 kg × 0.95 = 0.95 kg: one 0.5 kg plate.
    assert reduced_load_kg(1.0, 0.95, HALF_KILOS) == 0.5


def test_a_pound_reduction_rounds_down_to_pound_plates_in_kilograms_to_six_decimals() -> None:
    # 210 lb × 0.95 = 199.5 lb; 2.5 lb plates make 197.5 lb = 89.584493075 kg.
    assert reduced_load_kg(210 * KG_PER_LB, 0.95, standard_inventory(MassUnit.LB)) == 89.584493


def test_without_an_inventory_a_reduction_uses_the_kilogram_gym_set() -> None:
    # 60 kg × 0.95 = 57 kg, down to 45 × 1.25 = 56.25 kg.
    assert reduced_load_kg(60.0, 0.95) == 56.25


# --------------------------------------------------------------------------- increased loads


def test_a_pound_increase_is_a_pound_load_in_kilograms_to_six_decimals() -> None:
    # 150 lb + 5 % = 157.5 lb, which 2.5 lb plates make: 157.5 × 0.45359237 = 71.440798275 kg.
    assert increased_load_kg(150 * KG_PER_LB, standard_inventory(MassUnit.LB)) == 71.440798


def test_a_light_pound_load_steps_to_the_next_pound_plate_within_ten_percent() -> None:
    # 30 lb + 5 % = 31.5 lb rounds down to 30 lb (no step); the lightest load from +2 %
    # (30.6 lb) is 32.5 lb, +8.3 %: 32.5 × 0.45359237 = 14.741752025 kg.
    assert increased_load_kg(30 * KG_PER_LB, standard_inventory(MassUnit.LB)) == 14.741752


def test_coarse_plates_step_up_to_exactly_ten_percent() -> None:
    # 25 kg + 5 % = 26.25 kg rounds down to 25 kg with 2.5 kg plates; the next, 27.5 kg,
    # is +10 % exactly, which is allowed.
    assert increased_load_kg(25.0, TWO_AND_A_HALVES) == 27.5


def test_fractional_plates_too_coarse_for_a_one_kilogram_load_hold_it() -> None:
    # 1 kg: 2-10 % is 1.02-1.1 kg, and 0.5 kg plates jump from 1 kg to 1.5 kg.
    assert increased_load_kg(1.0, HALF_KILOS) is None


def test_without_an_inventory_an_increase_uses_the_kilogram_gym_set() -> None:
    assert increased_load_kg(60.0) == 62.5  # 63 kg down to 50 × 1.25 kg: +4.2 %
    assert increased_load_kg(30.0) == 31.25  # 31.5 kg down to 25 × 1.25 kg: +4.2 %


def test_a_step_short_of_two_percent_by_float_noise_is_an_acsm_step() -> None:
    # 12.5 kg is +2 % of 12.2549... kg; 20 micrograms heavier, 12.5 kg is 0.02 mg short of
    # +2 %: float noise, well under the milligram tolerance, so it is the step (it was held).
    assert increased_load_kg(12.5 / 1.02 + 2e-8) == 12.5


def test_a_step_short_of_two_percent_by_more_than_a_milligram_is_not_an_acsm_step() -> None:
    # 10 mg heavier, 12.5 kg is 10.2 mg short of +2 %, and 13.75 kg is +12.2 %: held.
    assert increased_load_kg(12.5 / 1.02 + 1e-5) is None


def test_a_load_the_plate_search_finds_at_two_percent_is_not_refused_as_noise_short() -> None:
    # Just over 20 / 1.02 kg: the 5 % step rounds down to 20 kg, 30 ng below +2 %; the search
    # for the lightest load from +2 % up (which tolerates float noise) answers 20 kg, and the
    # final check refused it with a 1e-9 kg tolerance, holding the load.
    assert increased_load_kg(19.607843157254905) == 20.0


def test_a_step_short_of_two_percent_by_exactly_the_milligram_tolerance_is_allowed() -> None:
    # 12.5 kg sits exactly the 1e-6 kg tolerance below +2 % of this load (in floating point).
    load = 12.25490294117647
    assert load * 1.02 - 1e-6 == 12.5
    assert increased_load_kg(load) == 12.5


def test_a_step_over_ten_percent_by_exactly_the_milligram_tolerance_is_allowed() -> None:
    # 13.75 kg sits exactly the 1e-6 kg tolerance above +10 % of this load (in floating point);
    # 5 % is 13.125 kg, which rounds down to 12.5 kg (+0 %), so 13.75 kg is the step.
    load = 12.49999909090909
    assert load * 1.1 + 1e-6 == 13.75
    assert increased_load_kg(load) == 13.75
