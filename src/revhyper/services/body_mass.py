"""Body mass over time."""

from __future__ import annotations

from datetime import date

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef
from revhyper.domain.training.log import BodyMassRecord


def record_body_mass(
    uow: UnitOfWork, athlete: AthleteRef, mass_kg: float, day: date | None = None
) -> BodyMassRecord:
    """Store the athlete's body mass [kg] for ``day`` (default today), replacing that day's."""
    with uow:
        stored = uow.athletes.get(athlete)
        entry = BodyMassRecord(athlete_id=stored.id, day=day or date.today(), mass_kg=mass_kg)
        saved = uow.body_mass.record(entry)
        uow.commit()
    return saved


def body_mass_history(uow: UnitOfWork, athlete: AthleteRef) -> list[BodyMassRecord]:
    """The athlete's body mass values, oldest first."""
    with uow:
        return uow.body_mass.list_for(uow.athletes.get(athlete).id)
