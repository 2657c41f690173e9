"""Load maths at its edges, and the messages its refusals give.

Every public function of ``domain/loads.py`` refuses bad input with a message naming the value,
its unit and what is allowed; the messages are written out here word for word. The RPE/RIR
boundaries are the Zourdos et al. (2016) scale's: RIR = 10 - RPE from RPE 6 up, the RPE 5-6 row
spanning 4-6 RIR, and no RIR below RPE 5.
"""

from __future__ import annotations

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.loads import (
    describe_rpe,
    estimate_1rm,
    kg_inventory,
    percent_1rm,
    plates_for_load,
    rir_from_rpe,
    round_down_to_increment,
    rpe_from_rir,
    suggest_working_load_kg,
)
from revhyper.domain.units import MassUnit


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: estimate_1rm(0, 5), "load 0 kg is not allowed; it must be above 0"),
        (lambda: estimate_1rm(50, 0), "reps 0 is out of range; allowed: whole numbers 1–30"),
        (
            lambda: estimate_1rm(50, 5, "guess"),
            "unknown e1RM method 'guess'; allowed: epley, brzycki, lombardi, mayhew, oconner, "
            "wathan, lander",
        ),
        (
            lambda: suggest_working_load_kg(-5, 8, 8, 10, 7),
            "logged load -5 kg is not allowed; it must be above 0",
        ),
        (
            lambda: suggest_working_load_kg(50, 8, 8, 10, 7, increment_kg=0),
            "increment 0 kg is not allowed; it must be above 0",
        ),
        (
            lambda: round_down_to_increment(50, -1.25),
            "increment -1.25 kg is not allowed; it must be above 0",
        ),
        (lambda: plates_for_load(0), "target load 0 kg is not allowed; it must be above 0"),
        (
            lambda: plates_for_load(20, plates_kg=()),
            "no plate sizes given; give at least one plate in kg",
        ),
        (
            lambda: plates_for_load(20, plates_kg=(5, 0)),
            "plate 0 kg is not allowed; it must be above 0",
        ),
        (
            lambda: plates_for_load(20, plates_kg=(5.0, 2.5), counts={10.0: 1}),
            "count given for a 10 kg plate; plates: 5, 2.5",
        ),
        (
            lambda: plates_for_load(20, plates_kg=(5.0,), counts={5.0: -1}),
            "plate count -1 for 5 kg; use 0 or more",
        ),
        (lambda: percent_1rm(0, 8), "RPE chart reps 0 is out of range; allowed: whole numbers"),
        (lambda: percent_1rm(5, 5.0), "RPE chart 5.0 is out of range; allowed: 6.5–10"),
        (lambda: describe_rpe(0.5), "RPE 0.5 is out of range; allowed: 1–10"),
    ],
)
def test_bad_load_input_is_refused_naming_the_value_and_what_is_allowed(call, message):
    with pytest.raises(InvalidInputError) as refused:
        call()
    assert str(refused.value).startswith(message)


def test_the_method_name_is_read_without_case_or_apostrophes():
    assert estimate_1rm(100, 5, "O’Conner") == estimate_1rm(100, 5, "oconner")
    assert estimate_1rm(100, 5, "EPLEY") == estimate_1rm(100, 5)


@pytest.mark.parametrize(
    ("rpe", "rir"), [(10.0, 0.0), (6.5, 3.5), (6.0, 4.0), (5.5, 5.0), (5.0, 6.0)]
)
def test_rir_is_ten_minus_rpe_from_six_and_spans_four_to_six_below(rpe, rir):
    assert rir_from_rpe(rpe) == rir
    assert rpe_from_rir(rir) == rpe


def test_below_rpe_five_there_is_no_rir():
    with pytest.raises(InvalidInputError, match=r"^RPE 4\.5 has no reps-in-reserve count"):
        rir_from_rpe(4.5)


@pytest.mark.parametrize(
    ("rpe", "text"),
    [(4.5, "light effort"), (6.5, "about 3.5 reps left"), (5.0, "four to six reps left")],
)
def test_an_rpe_between_the_scales_rows_is_described(rpe, text):
    assert describe_rpe(rpe) == text


def test_the_empty_arm_alone_can_be_the_target():
    solution = plates_for_load(20.0, arm_kg=20.0)
    assert (solution.plates_kg, solution.achieved_kg, solution.shortfall_kg) == ((), 20.0, 0.0)
    assert (solution.target_kg, solution.arm_kg) == (20.0, 20.0)


@pytest.mark.parametrize(
    ("reps", "rpe", "fraction"),
    [
        # Halfway between the chart's last two columns (RPE 7 and 6.5), read from the RTS chart
        # rows quoted in domain/loads.py: (89.2 + 87.8) / 2 and (73.9 + 72.3) / 2.
        (1, 6.75, 0.885),
        (7, 6.75, 0.731),
        # The last column itself.
        (1, 6.5, 0.878),
        (8, 6.5, 0.694),
    ],
)
def test_an_rpe_between_the_charts_last_two_columns_is_interpolated_not_clamped(
    reps: int, rpe: float, fraction: float
) -> None:
    assert percent_1rm(reps, rpe) == pytest.approx(fraction, abs=1e-9)


def test_a_kilogram_inventory_is_in_kilograms_heaviest_plate_first() -> None:
    inventory = kg_inventory([1.25, 20, 5], {20: 2})
    assert inventory.unit is MassUnit.KG
    assert inventory.plates == ((20.0, 2), (5.0, None), (1.25, None))
