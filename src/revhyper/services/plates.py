"""Use case: which plates make a target load, from the athlete's plates or the ones named.

The rule for which plate set applies lives here, so the CLI and a web layer answer alike:
``--plates`` (an inventory) or ``--limit`` (copies of a kilogram gym set's sizes) when given;
otherwise the athlete's stored inventory (when an athlete is named and no unit is forced);
otherwise a full gym set in the unit. A target without a unit is read in ``unit``, else in the
athlete's unit, else in kg.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.loads import STANDARD_PLATES_KG, kg_inventory
from revhyper.domain.plates import (
    PlateInventory,
    PlateLoading,
    load_plates,
    parse_inventory,
    standard_inventory,
)
from revhyper.domain.units import MassUnit, parse_load, parse_unit

if TYPE_CHECKING:  # the database layer is imported only when an athlete is named
    from revhyper.adapters.db import UnitOfWork
    from revhyper.adapters.db.repositories import AthleteRef


@dataclass(frozen=True)
class PlatesRequest:
    """What a person asked ``plates`` for; None (or empty) means "not given".

    Attributes:
        target: the load wanted, arm included, as typed (``"90"``, ``"90lb"``).
        arm_kg: what the empty swing arm counts for [kg].
        athlete: use this athlete's plates and unit (a name or an id).
        plates: an inventory as ``SIZExCOPIES`` text, in ``unit``.
        unit: ``kg`` or ``lb``.
        limits: copies of a kilogram gym set's sizes (plate [kg] → copies).
    """

    target: str
    arm_kg: float = 0.0
    athlete: AthleteRef | None = None
    plates: str | None = None
    unit: str | None = None
    limits: Mapping[float, int] = field(default_factory=dict)


def plates_for(
    request: PlatesRequest, unit_of_work: Callable[[], UnitOfWork] | None = None
) -> PlateLoading:
    """The plates for ``request`` (the database is opened only when an athlete is named).

    Raises:
        InvalidInputError: a bad target, unit or plate list, or both --plates and --limit.
        NotFoundError: the athlete is unknown.
    """
    if request.plates is not None and request.limits:
        raise InvalidInputError("use either --plates or --limit, not both")
    stored_unit = MassUnit.KG
    stored_plates: PlateInventory | None = None
    if request.athlete is not None:
        if unit_of_work is None:
            raise InvalidInputError("no database to read the athlete's plates from")
        with (uow := unit_of_work()):
            profile = uow.athletes.get(request.athlete).profile
        stored_unit, stored_plates = profile.unit, profile.inventory
    unit = parse_unit(request.unit) if request.unit is not None else stored_unit
    target_kg = parse_load(request.target, unit, what="target load")
    inventory = _inventory(request, unit, stored_plates)
    return load_plates(target_kg, inventory, request.arm_kg)


def _inventory(
    request: PlatesRequest, unit: MassUnit, stored: PlateInventory | None
) -> PlateInventory:
    if request.plates is not None:
        return parse_inventory(request.plates, unit)
    if request.limits:
        if unit is not MassUnit.KG:
            raise InvalidInputError("--limit counts kilogram plates; with --unit lb use --plates")
        return kg_inventory(STANDARD_PLATES_KG, request.limits)
    if stored is not None and request.unit is None:
        return stored
    return standard_inventory(unit)
