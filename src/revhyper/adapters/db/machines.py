"""The athletes' machines and the plates kept by each (table ``athlete_machine``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from revhyper.adapters.db.models import MachineRow
from revhyper.domain.errors import AlreadyExistsError, NotFoundError
from revhyper.domain.plates import PlateInventory


@dataclass(frozen=True)
class StoredMachine:
    """A machine as stored: its plates in the unit they are labelled, the arm in kilograms."""

    id: int
    athlete_id: int
    name: str
    plates: PlateInventory
    arm_kg: float
    created_at: datetime


def _machine(row: MachineRow) -> StoredMachine:
    return StoredMachine(
        id=row.id,
        athlete_id=row.athlete_id,
        name=row.name,
        plates=PlateInventory.from_json(row.plates),
        arm_kg=row.arm_kg,
        created_at=row.created_at,
    )


class MachineRepository:
    """Add, read, change and remove an athlete's machines."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def of_athlete(self, athlete_id: int) -> list[StoredMachine]:
        """The athlete's machines, oldest first."""
        rows = self._session.scalars(
            select(MachineRow).where(MachineRow.athlete_id == athlete_id).order_by(MachineRow.id)
        )
        return [_machine(row) for row in rows]

    def get(self, athlete_id: int, machine_id: int) -> StoredMachine:
        """One of the athlete's machines; ``NotFoundError`` for another athlete's or none."""
        return _machine(self._row(athlete_id, machine_id))

    def add(
        self,
        athlete_id: int,
        name: str,
        plates: PlateInventory,
        arm_kg: float,
        created_at: datetime,
    ) -> StoredMachine:
        """A new machine; ``AlreadyExistsError`` when the athlete has one by that name."""
        self._check_free(athlete_id, name, None)
        row = MachineRow(
            athlete_id=athlete_id,
            name=name,
            plates=plates.to_json(),
            arm_kg=arm_kg,
            created_at=created_at,
        )
        self._session.add(row)
        self._session.flush()
        return _machine(row)

    def update(
        self,
        athlete_id: int,
        machine_id: int,
        *,
        name: str | None = None,
        plates: PlateInventory | None = None,
        arm_kg: float | None = None,
    ) -> StoredMachine:
        """Change the fields given (None: keep)."""
        row = self._row(athlete_id, machine_id)
        if name is not None:
            self._check_free(athlete_id, name, machine_id)
            row.name = name
        if plates is not None:
            row.plates = plates.to_json()
        if arm_kg is not None:
            row.arm_kg = arm_kg
        self._session.flush()
        return _machine(row)

    def remove(self, athlete_id: int, machine_id: int) -> None:
        """Delete the machine; ``NotFoundError`` when there is none."""
        self._session.delete(self._row(athlete_id, machine_id))
        self._session.flush()

    def _row(self, athlete_id: int, machine_id: int) -> MachineRow:
        row = self._session.get(MachineRow, machine_id)
        if row is None or row.athlete_id != athlete_id:
            raise NotFoundError(f"no machine with id {machine_id}")
        return row

    def _check_free(self, athlete_id: int, name: str, machine_id: int | None) -> None:
        clash = self._session.scalar(
            select(MachineRow.id).where(
                MachineRow.athlete_id == athlete_id, MachineRow.name == name
            )
        )
        if clash is not None and clash != machine_id:
            raise AlreadyExistsError(f"there is already a machine named {name!r}")
