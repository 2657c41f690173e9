"""Rules of the plate maths a lifter relies on, on small inventories worked out by hand.

The main hand-built inventory is two 20 kg, two 5 kg and two 1.25 kg plates (``20x2,5x2,1.25x2``).
Its makeable totals are 20a + 5b + 1.25c with a, b, c in {0, 1, 2}: with one 20 the most is
20 + 10 + 2.5 = 32.5 kg, with both 20s the least is 40 kg, everything on the pin is 52.5 kg.
Refusal messages are checked word for word: they are what the lifter reads.
"""

from __future__ import annotations

import itertools
import json
import re
import tracemalloc

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.plates import (
    PlateInventory,
    heaviest_makeable_kg,
    lightest_makeable_at_least_kg,
    load_plates,
    makeable_kg,
    parse_inventory,
    standard_inventory,
)
from revhyper.domain.units import KG_PER_LB, MassUnit

KG = MassUnit.KG
LB = MassUnit.LB
#: 20x2, 5x2, 1.25x2 kg (see the module docstring for its makeable totals).
SMALL_KIT = PlateInventory(KG, ((20.0, 2), (5.0, 2), (1.25, 2)))
#: 45x2, 25x1, 10x2, 2.5x2 lb.
POUND_KIT = PlateInventory(LB, ((45.0, 2), (25.0, 1), (10.0, 2), (2.5, 2)))


def refused(message: str) -> pytest.RaisesExc[InvalidInputError]:
    """Expect exactly this refusal message (the whole text, not a fragment)."""
    return pytest.raises(InvalidInputError, match=f"^{re.escape(message)}$")


# --------------------------------------------------------------------------- exact answers


def test_the_heaviest_load_at_or_below_33_kg_from_20s_5s_and_1_25s_is_32_5_kg() -> None:
    loading = load_plates(33.0, SMALL_KIT)
    assert loading.plates == (20.0, 5.0, 5.0, 1.25, 1.25)
    assert loading.achieved == pytest.approx(32.5)
    assert loading.shortfall == pytest.approx(0.5)
    assert not loading.exact
    assert heaviest_makeable_kg(33.0, SMALL_KIT) == pytest.approx(32.5)


def test_the_lightest_load_at_or_above_33_kg_from_20s_5s_and_1_25s_is_40_kg() -> None:
    # One 20 makes at most 32.5 kg, so the next makeable load takes both 20s.
    assert lightest_makeable_at_least_kg(33.0, SMALL_KIT) == pytest.approx(40.0)


def test_a_loading_counts_each_plate_size_heaviest_first() -> None:
    counts = load_plates(33.0, SMALL_KIT).counts()
    assert counts == {20.0: 1, 5.0: 2, 1.25: 2}
    assert list(counts) == [20.0, 5.0, 1.25]


def test_a_target_the_plates_make_exactly_is_met_with_no_shortfall() -> None:
    loading = load_plates(26.25, SMALL_KIT)
    assert loading.plates == (20.0, 5.0, 1.25)
    assert loading.achieved == pytest.approx(26.25)
    assert loading.shortfall == 0.0
    assert loading.exact
    assert makeable_kg(26.25, SMALL_KIT)
    assert not makeable_kg(26.0, SMALL_KIT)


def test_a_target_equal_to_a_single_plate_is_met_by_that_plate() -> None:
    loading = load_plates(20.0, SMALL_KIT)
    assert loading.plates == (20.0,)
    assert loading.exact
    assert load_plates(20.0, PlateInventory(KG, ((20.0, 1),))).plates == (20.0,)


def test_a_target_below_the_smallest_plate_loads_nothing_and_the_next_load_is_that_plate() -> None:
    loading = load_plates(1.0, SMALL_KIT)
    assert loading.plates == ()
    assert loading.achieved == 0.0
    assert loading.shortfall == pytest.approx(1.0)
    assert lightest_makeable_at_least_kg(1.0, SMALL_KIT) == pytest.approx(1.25)


def test_a_target_below_the_finest_plate_is_not_rounded_up_to_that_plate() -> None:
    fine = PlateInventory(KG, ((0.05, 1),))
    assert load_plates(0.03, fine).plates == ()
    assert load_plates(0.03, fine).achieved == 0.0
    with_arm = load_plates(10.02, fine, arm_kg=10.0)
    assert with_arm.plates == ()
    assert with_arm.achieved == pytest.approx(10.0)


def test_a_target_above_everything_gets_every_plate_and_nothing_is_makeable_above_it() -> None:
    loading = load_plates(60.0, SMALL_KIT)
    assert loading.plates == (20.0, 20.0, 5.0, 5.0, 1.25, 1.25)
    assert loading.achieved == pytest.approx(52.5)
    assert loading.shortfall == pytest.approx(7.5)
    assert heaviest_makeable_kg(60.0, SMALL_KIT) == pytest.approx(52.5)
    assert lightest_makeable_at_least_kg(52.5, SMALL_KIT) == pytest.approx(52.5)
    assert lightest_makeable_at_least_kg(53.0, SMALL_KIT) is None


def test_above_500_kg_the_heaviest_makeable_load_is_capped_and_nothing_is_offered_above() -> None:
    assert heaviest_makeable_kg(600.0, SMALL_KIT) == pytest.approx(52.5)
    assert lightest_makeable_at_least_kg(600.0, SMALL_KIT) is None


def test_a_500_kg_load_is_the_lightest_makeable_at_or_above_500_kg() -> None:
    assert lightest_makeable_at_least_kg(500.0, standard_inventory(KG)) == pytest.approx(500.0)


def test_a_load_that_needs_more_than_500_kg_with_the_arm_is_not_offered() -> None:
    twenty_fives = PlateInventory(KG, ((25.0, None),))
    # 20 kg arm: 479 kg of plates are wanted, 25s make 475 or 500, and 520 kg is above 500 kg.
    assert lightest_makeable_at_least_kg(499.0, twenty_fives, arm_kg=20.0) is None
    assert lightest_makeable_at_least_kg(495.0, twenty_fives, arm_kg=20.0) == pytest.approx(495.0)


# --------------------------------------------------------------------------- the empty arm


def test_the_arm_counts_towards_the_heaviest_and_lightest_makeable_loads() -> None:
    # 2 kg arm, 33 kg wanted: 31 kg of plates at most gives 20 + 5 + 5 = 30 kg.
    assert heaviest_makeable_kg(33.0, SMALL_KIT, arm_kg=2.0) == pytest.approx(32.0)
    assert makeable_kg(32.0, SMALL_KIT, arm_kg=2.0)
    # At least 31 kg of plates: 20 + 5 + 5 + 1.25 = 31.25 kg, so 33.25 kg with the arm.
    assert lightest_makeable_at_least_kg(33.0, SMALL_KIT, arm_kg=2.0) == pytest.approx(33.25)


def test_loads_at_or_below_the_empty_arm_give_the_arm_itself() -> None:
    assert heaviest_makeable_kg(5.0, SMALL_KIT, arm_kg=10.0) == 10.0
    assert lightest_makeable_at_least_kg(5.0, SMALL_KIT, arm_kg=10.0) == 10.0
    assert heaviest_makeable_kg(10.0, POUND_KIT, arm_kg=10.0) == 10.0
    assert heaviest_makeable_kg(0.0, SMALL_KIT) == 0.0
    assert lightest_makeable_at_least_kg(0.0, SMALL_KIT) == 0.0


def test_a_load_a_hair_above_the_empty_arm_is_met_by_the_arm_alone() -> None:
    # 0.00000001 kg above the arm is float noise, not a reason to add a 1.25 kg plate.
    assert lightest_makeable_at_least_kg(20.00000001, SMALL_KIT, arm_kg=20.0) == pytest.approx(20.0)


def test_a_one_milligram_load_is_not_makeable_from_plates() -> None:
    assert not makeable_kg(0.000001, SMALL_KIT)


def test_a_target_equal_to_the_empty_arm_loads_no_plates() -> None:
    loading = load_plates(20.0, SMALL_KIT, arm_kg=20.0)
    assert loading.plates == ()
    assert loading.arm == 20.0
    assert loading.exact


# --------------------------------------------------------------------------- pounds


def test_the_heaviest_load_at_or_below_99_lb_is_95_lb_on_four_plates() -> None:
    loading = load_plates(99 * KG_PER_LB, POUND_KIT)
    assert loading.unit is LB
    assert loading.plates == (45.0, 45.0, 2.5, 2.5)
    assert loading.achieved == pytest.approx(95.0)
    assert heaviest_makeable_kg(99 * KG_PER_LB, POUND_KIT) == pytest.approx(43.09127515)  # 95 lb


def test_the_lightest_load_at_or_above_99_lb_is_100_lb() -> None:
    assert lightest_makeable_at_least_kg(99 * KG_PER_LB, POUND_KIT) == pytest.approx(45.359237)


def test_the_lightest_pound_load_above_500_lb_is_still_offered_below_500_kg() -> None:
    # 600 lb = 272.16 kg is under the 500 kg ceiling (1102 lb) though above 500 in pounds;
    # 12 × 45 + 35 + 25 = 600 lb exactly.
    assert lightest_makeable_at_least_kg(600 * KG_PER_LB, standard_inventory(LB)) == (
        pytest.approx(600 * KG_PER_LB)
    )


def test_a_pound_arm_given_in_kg_is_counted_in_pounds() -> None:
    loading = load_plates(110 * KG_PER_LB, standard_inventory(LB), arm_kg=20 * KG_PER_LB)
    assert loading.arm == pytest.approx(20.0)
    assert loading.plates == (45.0, 45.0)
    assert loading.achieved == pytest.approx(110.0)
    assert loading.exact


def test_a_kg_arm_on_pound_plates_meets_arm_plus_two_45s_exactly() -> None:
    # A 10 kg arm is 22.0462… lb: the target is that arm plus 90 lb, met with no shortfall.
    loading = load_plates(10.0 + 90 * KG_PER_LB, standard_inventory(LB), arm_kg=10.0)
    assert loading.plates == (45.0, 45.0)
    assert loading.shortfall == 0.0
    assert loading.exact


# --------------------------------------------------------------------------- ties and bounds


def test_two_fewest_plate_answers_give_one_of_them() -> None:
    # 30 kg from 25x1, 15x2, 5x1: 25 + 5 and 15 + 15 both use two plates. The docstring says
    # "the fewest plates" and names no tie-break, so either is the contract.
    loading = load_plates(30.0, PlateInventory(KG, ((25.0, 1), (15.0, 2), (5.0, 1))))
    assert loading.plates in {(25.0, 5.0), (15.0, 15.0)}
    assert loading.exact


def _lightest_by_enumeration(target: float) -> float | None:
    """Lightest total of SMALL_KIT at or above ``target``, by trying every count (hundredths)."""
    wanted = round(target * 100)
    totals = [2000 * a + 500 * b + 125 * c for a, b, c in itertools.product(range(3), repeat=3)]
    above = [total for total in totals if total >= wanted]
    return min(above) / 100 if above else None


@pytest.mark.parametrize("target", [n / 4 for n in range(1, 224)])
def test_the_lightest_makeable_load_matches_an_enumeration_of_the_small_kit(
    target: float,
) -> None:
    expected = _lightest_by_enumeration(target)
    got = lightest_makeable_at_least_kg(target, SMALL_KIT)
    assert got == (None if expected is None else pytest.approx(expected))


def test_an_unlimited_finest_plate_is_searched_in_doubling_bundles_and_stays_small() -> None:
    # 10 000 totals; copies split 1, 2, 4, … keep the stored bundles to a handful.
    inventory = PlateInventory(KG, ((0.05, None),))
    tracemalloc.start()
    try:
        loading = load_plates(500.0, inventory)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loading.exact
    assert len(loading.plates) == 10_000
    assert peak < 5 * 2**20


# --------------------------------------------------------------------------- the inventory


def test_an_inventory_keeps_its_unit_and_lists_plates_heaviest_first_as_floats() -> None:
    inventory = PlateInventory(LB, ((2.5, 2), (45, 4), (10, None)))
    assert inventory.unit is LB
    assert inventory.plates == ((45.0, 4), (10.0, None), (2.5, 2))
    assert all(type(size) is float for size, _copies in inventory.plates)


def test_an_unlimited_inventory_is_described_as_bare_sizes() -> None:
    assert standard_inventory(LB).describe() == "45,35,25,10,5,2.5"
    assert standard_inventory(KG).as_text() == "25,20,15,10,5,2.5,1.25 kg"


def test_a_mixed_inventory_is_described_with_counts_only_where_limited() -> None:
    inventory = PlateInventory(KG, ((1.25, 0), (5.0, None), (20.0, 2)))
    assert inventory.describe() == "20x2,5,1.25x0"


def test_a_stored_json_inventory_is_read_with_unlimited_and_limited_plates() -> None:
    data = json.loads('{"unit": "lb", "plates": [[2.5, 4], [45, null], [25, 2]]}')
    inventory = PlateInventory.from_json(data)
    assert inventory == PlateInventory(LB, ((45.0, None), (25.0, 2), (2.5, 4)))
    assert inventory.to_json() == {"unit": "lb", "plates": [[45.0, None], [25.0, 2], [2.5, 4]]}


def test_a_stored_inventory_whose_plates_are_not_a_list_is_refused() -> None:
    with refused("stored plate inventory {'unit': 'kg', 'plates': '20x4'} is not a list of plates"):
        PlateInventory.from_json({"unit": "kg", "plates": "20x4"})


def test_a_unit_word_at_the_end_of_the_text_overrides_the_athletes_unit() -> None:
    inventory = parse_inventory("45x4,25x2 lb", KG)
    assert inventory.unit is LB
    assert inventory.plates == ((45.0, 4), (25.0, 2))
    assert parse_inventory("20x2 KGS", LB).unit is KG


# --------------------------------------------------------------------------- refusals


def test_an_empty_plate_list_text_is_refused() -> None:
    with refused(
        "plate list ' , ' is empty: write e.g. 20x4,10x2,5x2,2.5x2,1.25x2 "
        "(SIZExCOPIES in lb, comma-separated)"
    ):
        parse_inventory(" , ", LB)


def test_a_plate_item_that_is_not_size_x_copies_is_refused() -> None:
    with refused(
        "plate 'twenty' is not SIZExCOPIES: write e.g. 20x4 for four 20 lb plates, "
        "or 20 for as many as needed"
    ):
        parse_inventory("45x2, twenty", LB)


def test_the_same_size_typed_twice_is_refused() -> None:
    with refused(
        "plate size 20 kg is listed twice in '20x4,20x2': "
        "give each size once with its number of copies"
    ):
        parse_inventory("20x4,20x2", KG)


def test_two_sizes_within_float_noise_of_each_other_are_the_same_size_and_refused() -> None:
    with refused("plate size 20 kg is listed twice"):
        parse_inventory("20x2,20.00000001x1", KG)
    with refused("plate size 20 kg is listed twice"):
        PlateInventory(KG, ((20.0, 2), (20.0, 1)))


def test_an_inventory_with_no_plates_is_refused() -> None:
    with refused("no plate sizes given; give at least one plate"):
        PlateInventory(KG, ())


def test_more_than_20_sizes_are_refused() -> None:
    sizes = tuple((float(n), 1) for n in range(1, 22))
    assert len(PlateInventory(KG, sizes[:20]).plates) == 20
    with refused("21 plate sizes given: allowed at most 20 different sizes"):
        PlateInventory(KG, sizes)


@pytest.mark.parametrize("size", [0.05, 100.0, 0.30000000000000004])
def test_plate_sizes_at_the_limits_and_within_float_noise_are_accepted(size: float) -> None:
    assert PlateInventory(KG, ((size, 1),)).plates == ((size, 1),)


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0.0, "0.0"),
        (0.04, "0.04"),
        (100.05, "100.05"),
        (-20.0, "-20.0"),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (True, "True"),
        ("20", "'20'"),
        (None, "None"),
    ],
)
def test_a_plate_size_outside_0_05_to_100_or_not_a_number_is_refused(
    size: object, shown: str
) -> None:
    with refused(f"plate {shown} lb is not allowed: plates weigh 0.05–100 lb"):
        PlateInventory(LB, ((size, 2),))  # type: ignore[arg-type]


def test_a_plate_size_off_the_0_05_grid_is_refused() -> None:
    with refused("plate 0.07 kg is not a multiple of 0.05 kg: plate sizes are given to 0.05 kg"):
        PlateInventory(KG, ((0.07, 1),))


@pytest.mark.parametrize("copies", [0, 100, None])
def test_plate_counts_from_none_to_100_or_unlimited_are_accepted(copies: int | None) -> None:
    assert PlateInventory(KG, ((20.0, copies),)).plates == ((20.0, copies),)


@pytest.mark.parametrize(
    ("copies", "shown"),
    [(101, "101"), (-1, "-1"), (True, "True"), (2.0, "2.0"), (2.5, "2.5"), ("2", "'2'")],
)
def test_a_plate_count_that_is_not_a_whole_number_0_to_100_is_refused(
    copies: object, shown: str
) -> None:
    with refused(f"plate count {shown} for 20 kg is not allowed: use a whole number 0–100"):
        PlateInventory(KG, ((20.0, copies),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        (-1.0, "-1.0"),
        (0.0, "0.0"),
        (float("nan"), "nan"),
        (float("-inf"), "-inf"),
        (True, "True"),
        ("20", "'20'"),
        (None, "None"),
    ],
)
def test_a_target_that_is_not_a_number_above_0_is_refused(target: object, shown: str) -> None:
    with refused(f"target load {shown} kg is not allowed; it must be above 0"):
        load_plates(target, SMALL_KIT)  # type: ignore[arg-type]


@pytest.mark.parametrize(("target", "shown"), [(600.0, "600"), (500.001, "500.001")])
def test_a_target_above_500_kg_is_refused_naming_it_and_the_limit_in_kg_and_lb(
    target: float, shown: str
) -> None:
    # 500.001 kg was shown rounded, as "target load 500 kg is above the 500 kg ...".
    with refused(
        f"target load {shown} kg is above the 500 kg (1102 lb) the plate maths accepts: "
        "no reverse hyper is loaded that heavily"
    ):
        load_plates(target, SMALL_KIT)


def test_a_target_a_billionth_of_a_kg_above_500_kg_is_float_noise_and_accepted() -> None:
    loading = load_plates(500.000000001, standard_inventory(KG))
    assert loading.achieved == pytest.approx(500.0)


def test_a_tiny_positive_target_is_accepted() -> None:
    assert load_plates(0.001, SMALL_KIT).plates == ()


@pytest.mark.parametrize(
    ("arm", "shown"),
    [
        (-1.0, "-1.0"),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (True, "True"),
        ("5", "'5'"),
    ],
)
def test_an_arm_mass_that_is_not_a_number_of_0_or_more_is_refused(arm: object, shown: str) -> None:
    with refused(f"arm mass {shown} kg is not allowed; use 0 or more"):
        load_plates(20.0, SMALL_KIT, arm_kg=arm)  # type: ignore[arg-type]


def test_a_target_below_the_empty_arm_is_refused() -> None:
    with refused("target 10 kg is below the empty arm's 20 kg; use a target of at least 20 kg"):
        load_plates(10.0, SMALL_KIT, arm_kg=20.0)
    with refused("target 19.99 kg is below the empty arm's 20 kg; use a target of at least 20 kg"):
        load_plates(19.99, SMALL_KIT, arm_kg=20.0)
