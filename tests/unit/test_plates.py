"""Plate inventories and the bounded plate search, checked against a brute-force oracle."""

from __future__ import annotations

import itertools
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain import plates
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.plates import PlateInventory, load_plates, parse_inventory
from revhyper.domain.units import KG_PER_LB, MassUnit


def _brute_force(target: float, inventory: list[tuple[float, int]]) -> tuple[float, int]:
    """Heaviest total not above ``target`` and its fewest plates, by trying every count.

    Written independently of the code under test: sums in hundredths, no knapsack.
    """
    best_total, best_count = 0, 0
    limit = (
        round(target * 100) if abs(target * 100 - round(target * 100)) < 1e-6 else int(target * 100)
    )
    sizes = [round(size * 100) for size, _n in inventory]
    for choice in itertools.product(*(range(n + 1) for _size, n in inventory)):
        total = sum(k * size for k, size in zip(choice, sizes, strict=True))
        count = sum(choice)
        if total > limit:
            continue
        if total > best_total or (total == best_total and count < best_count):
            best_total, best_count = total, count
    return best_total / 100, best_count


small_inventories = st.lists(
    st.tuples(
        st.sampled_from([0.25, 0.5, 1.25, 2.5, 5.0, 7.5, 10.0, 15.0, 20.0, 25.0]),
        st.integers(min_value=0, max_value=4),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda pair: pair[0],
)


@settings(max_examples=150, deadline=None)
@given(
    inventory=small_inventories,
    target=st.floats(min_value=0.05, max_value=120.0, allow_nan=False),
    unit=st.sampled_from([MassUnit.KG, MassUnit.LB]),
)
def test_plate_search_matches_brute_force_on_small_inventories(
    inventory: list[tuple[float, int]], target: float, unit: MassUnit
) -> None:
    target_kg = target * KG_PER_LB if unit is MassUnit.LB else target
    loading = load_plates(target_kg, PlateInventory(unit, tuple(inventory)))
    total, count = _brute_force(loading.target, inventory)
    assert loading.achieved == pytest.approx(total)
    assert len(loading.plates) == count
    available = dict(inventory)
    for size, used in loading.counts().items():
        assert used <= available[size]


def test_greedy_trap_is_avoided_with_a_limited_inventory() -> None:
    # Greedy takes the 25 and is stuck 5 short; two 15s make 30 exactly.
    loading = load_plates(30.0, PlateInventory(MassUnit.KG, ((25.0, 1), (15.0, 2))))
    assert loading.plates == (15.0, 15.0) and loading.exact


def test_pound_plate_set_makes_225_lb_with_five_plates() -> None:
    loading = load_plates(225 * KG_PER_LB, plates.standard_inventory(MassUnit.LB))
    assert loading.unit is MassUnit.LB
    assert loading.plates == (45.0, 45.0, 45.0, 45.0, 45.0)
    assert loading.exact


def test_pound_target_between_plates_falls_back_to_the_next_lower_makeable_load() -> None:
    loading = load_plates(93 * KG_PER_LB, plates.standard_inventory(MassUnit.LB))
    assert loading.achieved == pytest.approx(92.5)
    assert loading.shortfall == pytest.approx(0.5)


def test_inventory_text_is_read_as_sizes_and_copies() -> None:
    inventory = parse_inventory("20x4,10x2,5x2,2.5x2,1.25x2", MassUnit.KG)
    assert inventory.plates == ((20.0, 4), (10.0, 2), (5.0, 2), (2.5, 2), (1.25, 2))
    assert inventory.describe() == "20x4,10x2,5x2,2.5x2,1.25x2"
    assert PlateInventory.from_json(inventory.to_json()) == inventory


def test_inventory_runs_out_and_reports_the_shortfall() -> None:
    inventory = parse_inventory("20x4,10x2,5x2,2.5x2,1.25x2", MassUnit.KG)
    loading = load_plates(150.0, inventory)
    assert loading.achieved == pytest.approx(117.5)  # every plate on the pin
    assert loading.shortfall == pytest.approx(32.5)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("20x", "SIZExCOPIES"),
        ("twenty", "SIZExCOPIES"),
        ("20x4,20x2", "twice"),
        ("0.01x2", "0.05–100"),
        ("0.05x2,0.07x1", "multiple of 0.05"),
        ("101", "0.05–100"),
        ("20x101", "0–100"),
    ],
)
def test_bad_inventory_text_is_refused_with_the_reason(text: str, needle: str) -> None:
    with pytest.raises(InvalidInputError, match=needle):
        parse_inventory(text, MassUnit.KG)


def test_the_largest_allowed_target_is_accepted_and_one_gram_more_is_refused() -> None:
    assert load_plates(plates.MAX_TARGET_KG, plates.standard_inventory(MassUnit.KG)).exact
    with pytest.raises(InvalidInputError, match="above the 500 kg"):
        load_plates(plates.MAX_TARGET_KG + 0.001, plates.standard_inventory(MassUnit.KG))


@pytest.mark.parametrize("target", [3e5, 1e12, float("inf"), float("nan"), -1.0, 0.0])
def test_absurd_targets_are_refused_not_computed(target: float) -> None:
    with pytest.raises(InvalidInputError, match="target load"):
        load_plates(target, plates.standard_inventory(MassUnit.KG))


def test_the_worst_allowed_search_stays_small_in_memory() -> None:
    # The finest allowed plate (0.05 lb) with the largest target visits the most totals.
    inventory = PlateInventory(MassUnit.LB, ((0.05, 100), (0.1, 100), (99.95, 100)))
    tracemalloc.start()
    try:
        load_plates(plates.MAX_TARGET_KG, inventory)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert plates.MAX_TOTALS < 25_000
    assert peak < 20 * 2**20  # 20 MiB; the unbounded search took 11.5 GB at 3e5 kg


def test_heaviest_and_lightest_makeable_loads_bracket_a_target() -> None:
    inventory = plates.standard_inventory(MassUnit.KG)
    assert plates.heaviest_makeable_kg(38.0, inventory) == pytest.approx(37.5)
    assert plates.lightest_makeable_at_least_kg(38.0, inventory) == pytest.approx(38.75)
    assert plates.heaviest_makeable_kg(37.5, inventory) == pytest.approx(37.5)
    assert plates.makeable_kg(37.5, inventory) and not plates.makeable_kg(38.0, inventory)


def test_nothing_above_a_limited_inventory_is_makeable() -> None:
    inventory = parse_inventory("10x1", MassUnit.KG)
    assert plates.lightest_makeable_at_least_kg(10.0, inventory) == pytest.approx(10.0)
    assert plates.lightest_makeable_at_least_kg(10.05, inventory) is None


def test_inventory_limits_accept_their_edges_and_refuse_just_beyond() -> None:
    edge = parse_inventory("100x100,0.05x1", MassUnit.KG)  # heaviest size, most copies, lightest
    assert edge.plates == ((100.0, 100), (0.05, 1))
    sizes = ",".join(f"{n}" for n in range(1, plates.MAX_SIZES + 1))
    assert len(parse_inventory(sizes, MassUnit.KG).plates) == plates.MAX_SIZES
    with pytest.raises(InvalidInputError, match="at most 20 different sizes"):
        parse_inventory(sizes + ",21", MassUnit.KG)
    with pytest.raises(InvalidInputError, match="0–100"):
        parse_inventory("100x101", MassUnit.KG)
    with pytest.raises(InvalidInputError, match=r"0\.05–100"):
        parse_inventory("100.05", MassUnit.KG)
    with pytest.raises(InvalidInputError, match=r"0\.05–100"):
        parse_inventory("0", MassUnit.KG)


def test_a_pound_target_at_the_pound_maximum_is_accepted() -> None:
    loading = load_plates(
        plates.max_target(MassUnit.LB) * KG_PER_LB, plates.standard_inventory(MassUnit.LB)
    )
    assert loading.achieved == pytest.approx(1100.0)  # 1102.31 lb, floored to 2.5 lb steps
