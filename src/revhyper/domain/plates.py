"""Plates: the plate set an athlete has (an inventory), and which plates make a load.

A reverse hyper's swing arm has a single loading pin, so plates are counted one at a time,
not in pairs as on a barbell. An inventory is kept in the unit its plates are labelled in
(a pound set is 45, 35, 25, 10, 5, 2.5 lb; a kilogram set 25, 20, …, 1.25 kg); loads are
converted exactly (``revhyper.domain.units``).

The search is an exact bounded knapsack (heaviest total not above the target, then the
fewest plates), run as a dynamic programme over totals in steps of ``PLATE_QUANTUM`` of the
inventory's unit, with each plate size's copies split into 1, 2, 4, … bundles. Its size is
bounded: targets above ``MAX_TARGET_KG`` are refused, so at most
``MAX_TARGET_KG / (KG_PER_LB · PLATE_QUANTUM)`` ≈ 22 000 totals are visited, whatever the
plates.

OUR limits (no source: chosen to cover every commercial plate and reverse hyper):
``MAX_TARGET_KG`` 500 kg (the same ceiling as a known set's load in ``domain.athlete``),
plate sizes 0.05–100 in steps of 0.05 of the unit, at most 100 copies of one size and 20 sizes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.units import (
    KG_PER_LB,
    MassUnit,
    from_kg,
    number_text,
    parse_unit,
    to_kg,
)

if TYPE_CHECKING:  # numpy is imported when a search runs, not when the CLI starts
    import numpy as np
    import numpy.typing as npt

#: Heaviest target the plate maths accepts [kg] (OUR limit, see the module docstring).
MAX_TARGET_KG = 500.0
#: Plate sizes and totals are multiples of this, in the inventory's unit [kg or lb].
PLATE_QUANTUM = 0.05
#: Lightest and heaviest plate accepted, in the inventory's unit [kg or lb].
PLATE_SIZE_RANGE = (0.05, 100.0)
#: Most copies of one plate size in an inventory.
MAX_COPIES = 100
#: Most different plate sizes in one inventory.
MAX_SIZES = 20

#: Quanta per unit (1 / PLATE_QUANTUM) as an integer, so totals are whole numbers.
_QUANTA_PER_UNIT = 20
#: Float noise tolerated when turning a size or target into quanta.
_SLACK = 1e-6

#: Olympic plates usually found in a kilogram gym [kg].
STANDARD_KG_PLATES: tuple[float, ...] = (25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 1.25)
#: Plates usually found in a pound gym [lb].
STANDARD_LB_PLATES: tuple[float, ...] = (45.0, 35.0, 25.0, 10.0, 5.0, 2.5)


@dataclass(frozen=True)
class PlateInventory:
    """The plates an athlete can load, in the unit they are labelled in.

    Attributes:
        unit: kg or lb.
        plates: (size in ``unit``, copies) pairs, heaviest first; copies ``None`` means as many
            as needed (a commercial gym).
    """

    unit: MassUnit
    plates: tuple[tuple[float, int | None], ...]

    def __post_init__(self) -> None:
        _check_plates(self.plates, self.unit)
        ordered = tuple(sorted(((float(s), c) for s, c in self.plates), reverse=True, key=_size))
        object.__setattr__(self, "plates", ordered)

    @property
    def unlimited(self) -> bool:
        """Every size comes in as many copies as needed."""
        return all(copies is None for _size_, copies in self.plates)

    @property
    def smallest(self) -> float:
        """The lightest plate with at least one copy, in ``unit`` (the smallest load step)."""
        usable = [size for size, copies in self.plates if copies is None or copies > 0]
        return min(usable) if usable else 0.0

    def describe(self) -> str:
        """The inventory as ``--plates`` text: ``20x4,10x2,2.5x2`` or ``45,25,10`` (unlimited)."""
        parts = [
            number_text(size) if copies is None else f"{number_text(size)}x{copies}"
            for size, copies in self.plates
        ]
        return ",".join(parts)

    def as_text(self) -> str:
        """:meth:`describe` with the unit, readable by :func:`parse_inventory` in any unit."""
        return f"{self.describe()} {self.unit.value}"

    def to_json(self) -> dict[str, object]:
        """A JSON-ready form (the athlete's stored inventory)."""
        return {"unit": self.unit.value, "plates": [[size, n] for size, n in self.plates]}

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> PlateInventory:
        """The inverse of :meth:`to_json`."""
        unit = MassUnit(str(data["unit"]))
        raw = data["plates"]
        if not isinstance(raw, list):
            raise InvalidInputError(f"stored plate inventory {data!r} is not a list of plates")
        plates = tuple((float(size), None if n is None else int(n)) for size, n in raw)
        return cls(unit, plates)


def _size(pair: tuple[float, int | None]) -> float:
    return pair[0]


def standard_inventory(unit: MassUnit) -> PlateInventory:
    """A commercial gym's plates in ``unit``, as many of each as needed."""
    sizes = STANDARD_LB_PLATES if unit is MassUnit.LB else STANDARD_KG_PLATES
    return PlateInventory(unit, tuple((size, None) for size in sizes))


_UNIT_ENDING = re.compile(r"\s*\b(kg|kgs|lb|lbs)\s*$", re.IGNORECASE)
_ITEM = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(?:[x×*]\s*([0-9]+))?\s*$")


def parse_inventory(text: str, unit: MassUnit) -> PlateInventory:
    """Read ``--plates`` text: ``SIZExCOPIES`` items separated by commas, sizes in ``unit``.

    E.g. ``20x4,10x2,5x2,2.5x2,1.25x2`` (four 20 kg plates, two 10 kg, …). A size without
    ``xCOPIES`` means as many as needed. The same size twice is refused. A unit word at the
    end (``45x4,25x2 lb``) overrides ``unit``.
    """
    body = str(text).strip()
    ending = _UNIT_ENDING.search(body)
    if ending is not None:
        unit = parse_unit(ending.group(1))
        body = body[: ending.start()]
    items = [item for item in body.split(",") if item.strip()]
    if not items:
        raise InvalidInputError(
            f"plate list {text!r} is empty: write e.g. 20x4,10x2,5x2,2.5x2,1.25x2 "
            f"(SIZExCOPIES in {unit.value}, comma-separated)"
        )
    plates: dict[float, int | None] = {}
    for item in items:
        match = _ITEM.match(item)
        if match is None:
            raise InvalidInputError(
                f"plate {item.strip()!r} is not SIZExCOPIES: write e.g. 20x4 for four "
                f"20 {unit.value} plates, or 20 for as many as needed"
            )
        size = float(match.group(1))
        copies = None if match.group(2) is None else int(match.group(2))
        if size in plates:
            raise InvalidInputError(
                f"plate size {number_text(size)} {unit.value} is listed twice in {text!r}: "
                "give each size once with its number of copies"
            )
        plates[size] = copies
    return PlateInventory(unit, tuple(plates.items()))


def _check_plates(plates: Iterable[tuple[float, int | None]], unit: MassUnit) -> None:
    listed = list(plates)
    if not listed:
        raise InvalidInputError("no plate sizes given; give at least one plate")
    if len(listed) > MAX_SIZES:
        raise InvalidInputError(
            f"{len(listed)} plate sizes given: allowed at most {MAX_SIZES} different sizes"
        )
    low, high = PLATE_SIZE_RANGE
    seen: set[int] = set()
    for size, copies in listed:
        if (
            isinstance(size, bool)
            or not isinstance(size, int | float)
            or not math.isfinite(size)
            or not low <= size <= high
        ):
            raise InvalidInputError(
                f"plate {size!r} {unit.value} is not allowed: plates weigh "
                f"{number_text(low)}–{number_text(high)} {unit.value}"
            )
        quanta = size * _QUANTA_PER_UNIT
        if abs(quanta - round(quanta)) > _SLACK:
            raise InvalidInputError(
                f"plate {size!r} {unit.value} is not a multiple of {PLATE_QUANTUM:g} {unit.value}:"
                f" plate sizes are given to {PLATE_QUANTUM:g} {unit.value}"
            )
        if round(quanta) in seen:
            raise InvalidInputError(f"plate size {size:g} {unit.value} is listed twice")
        seen.add(round(quanta))
        if copies is not None and (
            isinstance(copies, bool) or not isinstance(copies, int) or not 0 <= copies <= MAX_COPIES
        ):
            raise InvalidInputError(
                f"plate count {copies!r} for {size:g} {unit.value} is not allowed: "
                f"use a whole number 0–{MAX_COPIES}"
            )


# --------------------------------------------------------------------------- solving


@dataclass(frozen=True)
class PlateLoading:
    """Plates for one target, in the inventory's unit.

    Attributes:
        unit: the unit of every number here.
        target: the load wanted, arm included.
        arm: what the empty swing arm counts for.
        plates: each plate once per copy, heaviest first.
        achieved: arm + plates (never above the target).
        shortfall: target − achieved (0 when exact).
    """

    unit: MassUnit
    target: float
    arm: float
    plates: tuple[float, ...]
    achieved: float
    shortfall: float

    @property
    def exact(self) -> bool:
        """The target is met exactly (to the plate quantum)."""
        return self.shortfall == 0.0

    @property
    def achieved_kg(self) -> float:
        """``achieved`` in kilograms [kg]."""
        return to_kg(self.achieved, self.unit)

    def counts(self) -> dict[float, int]:
        """Plate → number of copies, heaviest first."""
        result: dict[float, int] = {}
        for plate in self.plates:
            result[plate] = result.get(plate, 0) + 1
        return result


def max_target(unit: MassUnit) -> float:
    """The heaviest target accepted, in ``unit`` (``MAX_TARGET_KG`` converted)."""
    return from_kg(MAX_TARGET_KG, unit)


def _check_target(target_kg: float, arm_kg: float) -> None:
    if (
        isinstance(target_kg, bool)
        or not isinstance(target_kg, int | float)
        or not math.isfinite(target_kg)
        or target_kg <= 0
    ):
        raise InvalidInputError(f"target load {target_kg!r} kg is not allowed; it must be above 0")
    if target_kg > MAX_TARGET_KG + 1e-9:
        raise InvalidInputError(
            # Nine decimals: a target just past the ceiling must not be shown as the ceiling.
            f"target load {number_text(target_kg, 9)} kg is above the {MAX_TARGET_KG:g} kg "
            f"({number_text(from_kg(MAX_TARGET_KG, MassUnit.LB), 0)} lb) the plate maths "
            "accepts: no reverse hyper is loaded that heavily"
        )
    if (
        isinstance(arm_kg, bool)
        or not isinstance(arm_kg, int | float)
        or not math.isfinite(arm_kg)
        or arm_kg < 0
    ):
        raise InvalidInputError(f"arm mass {arm_kg!r} kg is not allowed; use 0 or more")
    if arm_kg > target_kg:
        raise InvalidInputError(
            f"target {number_text(target_kg)} kg is below the empty arm's "
            f"{number_text(arm_kg)} kg; use a target of at least {number_text(arm_kg)} kg"
        )


def load_plates(target_kg: float, inventory: PlateInventory, arm_kg: float = 0.0) -> PlateLoading:
    """The plates from ``inventory`` that bring the arm closest to ``target_kg`` [kg] from below.

    The answer is the heaviest total not above the target, using the fewest plates for it
    (between loadings with equally few plates the choice is deterministic but unspecified:
    30 kg from 25, 15, 15 and 5 kg plates may be 15 + 15 or 25 + 5); when the target cannot
    be met exactly the result reports the shortfall. ``arm_kg`` [kg] is
    what the empty arm counts for (0 to count plates only). Targets above ``MAX_TARGET_KG``
    are refused. (The sum of masses is not the torque the athlete feels, which depends on where
    the plates sit on the arm.)
    """
    _check_target(target_kg, arm_kg)
    unit = inventory.unit
    target = from_kg(target_kg, unit)
    arm = from_kg(arm_kg, unit)
    budget = _floor_quanta(target - arm)
    import numpy as np

    best, items = _knapsack(inventory, budget)
    reached = int(np.flatnonzero(best < _UNREACHABLE).max())
    plates = _reconstruct(items, reached)
    achieved = round(arm + reached / _QUANTA_PER_UNIT, 6)
    return PlateLoading(
        unit=unit,
        target=float(target),
        arm=float(arm),
        plates=plates,
        achieved=achieved,
        shortfall=max(0.0, round(target - achieved, 6)),
    )


def heaviest_makeable_kg(load_kg: float, inventory: PlateInventory, arm_kg: float = 0.0) -> float:
    """The heaviest load [kg] the inventory (plus the arm) can make that is not above ``load_kg``.

    Loads at or below the empty arm give the arm itself.
    """
    if load_kg <= arm_kg:
        return float(arm_kg)
    return load_plates(min(load_kg, MAX_TARGET_KG), inventory, arm_kg).achieved_kg


def lightest_makeable_at_least_kg(
    load_kg: float, inventory: PlateInventory, arm_kg: float = 0.0
) -> float | None:
    """The lightest load [kg] the inventory can make at or above ``load_kg``, or ``None``."""
    if load_kg <= arm_kg:
        return float(arm_kg)
    unit = inventory.unit
    wanted = _ceil_quanta(from_kg(load_kg - arm_kg, unit))
    limit = _floor_quanta(from_kg(MAX_TARGET_KG - arm_kg, unit))
    if wanted > limit:
        return None
    # Any plate that helps is at most one plate above the wanted total.
    heaviest = max(_quanta(size) for size, _copies in inventory.plates)
    import numpy as np

    best, _items = _knapsack(inventory, min(limit, wanted + heaviest))
    above = np.flatnonzero(best[wanted:] < _UNREACHABLE)
    if above.size == 0:
        return None
    return arm_kg + to_kg((wanted + int(above[0])) / _QUANTA_PER_UNIT, unit)


def makeable_kg(load_kg: float, inventory: PlateInventory, arm_kg: float = 0.0) -> bool:
    """True when the inventory (plus the arm) makes exactly ``load_kg`` [kg] (to 0.05 unit)."""
    return abs(heaviest_makeable_kg(load_kg, inventory, arm_kg) - load_kg) < 1e-6


#: Plate count marking a total no combination reaches (the largest int32).
_UNREACHABLE = 2**31 - 1


def _quanta(size: float) -> int:
    return round(size * _QUANTA_PER_UNIT)


def _floor_quanta(amount: float) -> int:
    # Rounded down, never up (177.4999 kg must not become 177.5 kg and overshoot); the slack
    # only absorbs float noise such as 2.675 * 20 = 53.49999999999999.
    return max(0, math.floor(amount * _QUANTA_PER_UNIT + _SLACK))


def _ceil_quanta(amount: float) -> int:
    return max(0, math.ceil(amount * _QUANTA_PER_UNIT - _SLACK))


@dataclass(frozen=True)
class _Bundle:
    """``copies`` plates of ``size`` taken together (one 0/1 knapsack item)."""

    size: float
    copies: int
    weight: int
    taken: npt.NDArray[np.bool_]  # the bundle improved this total


def _knapsack(
    inventory: PlateInventory, budget: int
) -> tuple[npt.NDArray[np.int32], list[_Bundle]]:
    """Fewest plates for every total 0…``budget`` quanta (``_UNREACHABLE`` when none)."""
    import numpy as np

    best = np.full(budget + 1, _UNREACHABLE, dtype=np.int32)
    best[0] = 0
    bundles: list[_Bundle] = []
    for size, copies in inventory.plates:
        weight = _quanta(size)
        if weight > budget:
            continue
        available = budget // weight if copies is None else min(copies, budget // weight)
        bundle = 1
        while available > 0:
            take = min(bundle, available)
            total = take * weight
            candidate = np.full_like(best, _UNREACHABLE)
            shifted = best[: budget + 1 - total]
            candidate[total:] = np.where(shifted < _UNREACHABLE, shifted + take, _UNREACHABLE)
            taken = candidate < best
            best = np.where(taken, candidate, best)
            bundles.append(_Bundle(size, take, total, taken))
            available -= take
            bundle *= 2
    return best, bundles


def _reconstruct(bundles: list[_Bundle], total: int) -> tuple[float, ...]:
    plates: list[float] = []
    for bundle in reversed(bundles):
        if bundle.taken[total]:
            plates.extend([bundle.size] * bundle.copies)
            total -= bundle.weight
    return tuple(sorted(plates, reverse=True))


#: The largest number of totals the search can visit (for the docs and a test).
MAX_TOTALS = math.floor(MAX_TARGET_KG / KG_PER_LB * _QUANTA_PER_UNIT) + 1
