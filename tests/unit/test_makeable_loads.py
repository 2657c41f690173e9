"""Every load the adaptation or the plan prescribes is one the athlete's plates can make.

The oracle enumerates every combination of the inventory's plates (small inventories), so it
shares no code with the plate search under test.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.plates import STANDARD_KG_PLATES, PlateInventory
from revhyper.domain.programming.adaptation import (
    LoadKit,
    PlannedPrescription,
    adapt_prescription,
    increased_load_kg,
    reduced_load_kg,
)
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.programming.planner import generate_plan, main_blocks
from revhyper.domain.programming.progression import LOAD_ROUNDING_KG
from revhyper.domain.training.log import SessionRecord, SetRecord
from revhyper.domain.units import KG_PER_LB, MassUnit
from revhyper.domain.vocabulary import Equipment, Goal, Level, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER


def makeable_totals_kg(inventory: PlateInventory, up_to_kg: float) -> set[float]:
    """Every total [kg, rounded to 1 mg] some choice of the inventory's plates adds up to."""
    factor = KG_PER_LB if inventory.unit is MassUnit.LB else 1.0
    sizes = [
        (size, copies if copies is not None else int(up_to_kg / (size * factor)) + 1)
        for size, copies in inventory.plates
    ]
    totals = set()
    for choice in itertools.product(*(range(n + 1) for _size, n in sizes)):
        total = sum(k * size for k, (size, _n) in zip(choice, sizes, strict=True)) * factor
        if total <= up_to_kg + 1:
            totals.add(round(total, 3))
    return totals


def is_makeable(load_kg: float, inventory: PlateInventory) -> bool:
    return round(load_kg, 3) in makeable_totals_kg(inventory, load_kg)


inventories = st.one_of(
    st.lists(
        st.tuples(st.sampled_from([1.25, 2.5, 5.0, 10.0, 20.0]), st.integers(1, 4)),
        min_size=1,
        max_size=4,
        unique_by=lambda p: p[0],
    ).map(lambda plates: PlateInventory(MassUnit.KG, tuple(plates))),
    st.lists(
        st.tuples(st.sampled_from([2.5, 5.0, 10.0, 25.0, 45.0]), st.integers(1, 3)),
        min_size=1,
        max_size=4,
        unique_by=lambda p: p[0],
    ).map(lambda plates: PlateInventory(MassUnit.LB, tuple(plates))),
)


def _history(
    load_kg: float, reps: tuple[int, ...], rpe: float, pain: int | None
) -> list[SessionRecord]:
    sets = tuple(
        SetRecord(variation=MACHINE, reps=r, load_kg=load_kg, rpe=rpe, pain=pain) for r in reps
    )
    return [
        SessionRecord(athlete_id=1, day=date(2025, 3, 3) + timedelta(days=i), sets=sets)
        for i in range(2)
    ]


@settings(max_examples=60, deadline=None)
@given(
    inventory=inventories,
    load=st.floats(5.0, 120.0),
    reps=st.sampled_from([(10, 10, 10), (6, 5, 5), (9, 8, 8)]),
    rpe=st.sampled_from([7.0, 10.0]),
    pain=st.sampled_from([None, 6]),
)
def test_every_adapted_load_is_made_by_the_athletes_plates(
    inventory: PlateInventory,
    load: float,
    reps: tuple[int, ...],
    rpe: float,
    pain: int | None,
) -> None:
    planned = PlannedPrescription(MACHINE, 3, (8, 10), Goal.STRENGTH, load_kg=None, target_rpe=8.0)
    result = adapt_prescription(
        planned,
        _history(load, reps, rpe, pain),
        equipment={Equipment.MACHINE},
        load_kit=LoadKit(inventory, inventory.unit),
    )
    if result.load_kg is not None and result.load_kg != load:  # "as last time" is the log's
        assert is_makeable(result.load_kg, inventory), (result.load_kg, result.reasons)


def test_the_issues_38_kg_reduction_becomes_37_5_kg_with_1_25_kg_plates() -> None:
    assert reduced_load_kg(40.0, 0.95) == 37.5
    assert reduced_load_kg(47.5, 0.8) == 37.5


def test_a_pound_gym_reduces_to_a_pound_load() -> None:
    kit = PlateInventory(
        MassUnit.LB, ((45.0, None), (25.0, None), (10.0, None), (5.0, None), (2.5, None))
    )
    reduced = reduced_load_kg(100 * KG_PER_LB, 0.95, kit)  # 95 lb → 95 lb
    assert reduced / KG_PER_LB == pytest.approx(95.0)
    stepped = increased_load_kg(100 * KG_PER_LB, kit)  # 105 lb
    assert stepped is not None and stepped / KG_PER_LB == pytest.approx(105.0)


def test_reasons_show_a_pound_athletes_loads_in_pounds() -> None:
    kit = LoadKit(
        PlateInventory(MassUnit.LB, ((45.0, None), (5.0, None), (2.5, None))), MassUnit.LB
    )
    planned = PlannedPrescription(MACHINE, 3, (8, 10), Goal.STRENGTH, target_rpe=8.0)
    result = adapt_prescription(
        planned, _history(100 * KG_PER_LB, (6, 5, 5), 7.0, None), load_kit=kit
    )
    assert "load 100 lb → 95 lb" in str(result.reasons[-1])


def test_the_documented_rounding_is_the_smallest_plate_of_a_kilogram_gym() -> None:
    assert LOAD_ROUNDING_KG == min(STANDARD_KG_PLATES) == 1.25


@settings(max_examples=25, deadline=None)
@given(
    inventory=inventories,
    known_load=st.floats(20.0, 150.0),
    goal=st.sampled_from(list(Goal)),
)
def test_every_planned_kilogram_figure_is_made_by_the_athletes_plates(
    inventory: PlateInventory, known_load: float, goal: Goal
) -> None:
    profile = Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE, Equipment.BANDS, Equipment.BENCH}),
        goal=goal,
        known_set=KnownSet(known_load, 10, 8.0),
        unit=inventory.unit,
        plates=inventory,
    )
    plan = generate_plan(profile, weeks=4, days_per_week=3)
    for block in main_blocks(plan):
        if block.load_kg is not None and block.load_kg > 0:
            assert is_makeable(block.load_kg, inventory), (block.variation, block.load_kg)
