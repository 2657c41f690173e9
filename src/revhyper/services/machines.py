"""Use cases: an athlete's machines (a gym can have several) and the plates by each.

Plate lists are typed as ``SIZExCOPIES`` text in the athlete's unit (``20x4,10x2``; a unit after
the list, ``45x2 lb``, names another) and kept in the unit they are labelled, so a 45 lb plate
stays exactly 45 lb; loads and the empty arm are kilograms [kg]. Which plates make a target on a
machine is ``domain.plates.load_plates`` on that machine's inventory.
"""

from __future__ import annotations

from dataclasses import dataclass

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.machines import StoredMachine
from revhyper.adapters.db.repositories import utc_now
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.plates import PlateLoading, load_plates, parse_inventory
from revhyper.domain.units import parse_load

#: Longest machine name [characters].
MAX_NAME = 60


@dataclass(frozen=True)
class MachineChanges:
    """What to change on a machine; None keeps the field.

    Attributes:
        name: the machine's name in the athlete's gym.
        plates: the plates as ``SIZExCOPIES`` text, in the athlete's unit unless it names one.
        arm_kg: what the empty swing arm counts for [kg].
    """

    name: str | None = None
    plates: str | None = None
    arm_kg: float | None = None


def machine_name(text: str) -> str:
    """A machine's name with its spaces tidied (InvalidInputError when blank or too long)."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME:
        raise InvalidInputError(f"a machine's name needs 1 to {MAX_NAME} characters")
    return name


def machines_of(uow: UnitOfWork, athlete_id: int) -> list[StoredMachine]:
    """The athlete's machines, oldest first."""
    with uow:
        return uow.machines.of_athlete(athlete_id)


def add_machine(uow: UnitOfWork, athlete_id: int, changes: MachineChanges) -> StoredMachine:
    """A new machine with a name and plates (required) and the arm [kg] (default 0); commits."""
    if changes.name is None or changes.plates is None:
        raise InvalidInputError("a new machine needs a name and its plates")
    with uow:
        unit = uow.athletes.get(athlete_id).profile.unit
        stored = uow.machines.add(
            athlete_id,
            machine_name(changes.name),
            parse_inventory(changes.plates, unit),
            changes.arm_kg or 0.0,
            utc_now(),
        )
        uow.commit()
    return stored


def change_machine(
    uow: UnitOfWork, athlete_id: int, machine_id: int, changes: MachineChanges
) -> StoredMachine:
    """Change a machine's name, plates or arm; commits."""
    with uow:
        unit = uow.athletes.get(athlete_id).profile.unit
        plates = parse_inventory(changes.plates, unit) if changes.plates is not None else None
        name = machine_name(changes.name) if changes.name is not None else None
        stored = uow.machines.update(
            athlete_id, machine_id, name=name, plates=plates, arm_kg=changes.arm_kg
        )
        uow.commit()
    return stored


def remove_machine(uow: UnitOfWork, athlete_id: int, machine_id: int) -> None:
    """Delete a machine; commits."""
    with uow:
        uow.machines.remove(athlete_id, machine_id)
        uow.commit()


def plates_on_machine(
    uow: UnitOfWork, athlete_id: int, machine_id: int, target: str
) -> PlateLoading:
    """The plates from the machine's inventory, with its arm, for ``target`` (a load as typed,
    read in the athlete's unit unless it names one); the answer is in the plates' unit."""
    with uow:
        unit = uow.athletes.get(athlete_id).profile.unit
        machine = uow.machines.get(athlete_id, machine_id)
    target_kg = parse_load(target, unit, what="target load")
    return load_plates(target_kg, machine.plates, machine.arm_kg)
