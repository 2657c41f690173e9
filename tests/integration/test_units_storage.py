"""An athlete's unit and plate inventory are stored and migrated, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import text

from revhyper.adapters.db import UnitOfWork, open_engine, upgrade
from revhyper.domain.plates import parse_inventory
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.units import MassUnit
from revhyper.services import athletes, backup
from revhyper.services.database import engine_for


def test_unit_and_plates_round_trip(uow: UnitOfWork, profile: Profile) -> None:
    plates = parse_inventory("45x4,25x2,10x2,5x2,2.5x2", MassUnit.LB)
    athletes.add_athlete(uow, "Pat", replace(profile, unit=MassUnit.LB, plates=plates))
    stored = athletes.get_athlete(uow, "Pat").profile
    assert stored.unit is MassUnit.LB
    assert stored.plates == plates
    assert stored.inventory == plates


def test_updating_the_unit_keeps_the_stored_plates(uow: UnitOfWork, profile: Profile) -> None:
    plates = parse_inventory("20x4,10x2", MassUnit.KG)
    athletes.add_athlete(uow, "Pat", replace(profile, plates=plates))
    updated = athletes.update_athlete(uow, "Pat", {"unit": "lb"})
    assert updated.profile.unit is MassUnit.LB
    assert updated.profile.plates == plates


def test_athletes_stored_before_units_become_kilogram_athletes_with_a_gym_set(
    db_url: str,
) -> None:
    engine = open_engine(db_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO athlete (name, level, goal, equipment, injuries, back_pain, "
                    "medical_care, clearance, floor_criterion_met, needs_clearance, "
                    "screening_reasons, created_at) VALUES ('Old', 'intermediate', "
                    "'hypertrophy', '[\"machine\"]', '[]', 0, false, false, false, false, "
                    "'[]', '2025-01-01 00:00:00')"
                )
            )
        upgrade(engine)
        old = athletes.get_athlete(UnitOfWork(engine), "Old").profile
        assert old.unit is MassUnit.KG and old.plates is None
        assert old.inventory.describe() == "25,20,15,10,5,2.5,1.25"
    finally:
        engine.dispose()


def test_a_backup_restores_the_unit_and_the_plates(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    plates = parse_inventory("45x4,2.5x2", MassUnit.LB)
    athletes.add_athlete(uow, "Pat", replace(profile, unit=MassUnit.LB, plates=plates))
    document = json.loads(json.dumps(backup.export_backup(uow)))
    assert document["athletes"][0]["profile"]["unit"] == "lb"
    target = UnitOfWork(engine_for(f"sqlite:///{tmp_path / 'restored.db'}"))
    backup.import_backup(target, document)
    restored = athletes.get_athlete(target, "Pat").profile
    assert restored.unit is MassUnit.LB and restored.plates == plates


def test_a_backup_written_before_units_restores_a_kilogram_athlete(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    athletes.add_athlete(uow, "Pat", profile)
    document = json.loads(json.dumps(backup.export_backup(uow)))
    for key in ("unit", "plates"):
        del document["athletes"][0]["profile"][key]
    target = UnitOfWork(engine_for(f"sqlite:///{tmp_path / 'restored.db'}"))
    backup.import_backup(target, document)
    restored = athletes.get_athlete(target, "Pat").profile
    assert restored.unit is MassUnit.KG and restored.plates is None


def test_a_single_leg_sets_side_is_stored_and_backed_up(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    from datetime import date

    from revhyper.domain.training.log import SetRecord, Side
    from revhyper.services import history, training

    athletes.add_athlete(uow, "Pat", profile)
    sets = [
        SetRecord(variation="single-leg-reverse-hyper", reps=10, load_kg=20.0, side=side)  # type: ignore[arg-type]
        for side in ("left", "right")
    ]
    training.log_session(uow, "Pat", date(2025, 3, 3), sets)
    assert [s.record.side for s in history.sets_for(uow)] == [Side.LEFT, Side.RIGHT]
    document = json.loads(json.dumps(backup.export_backup(uow)))
    target = UnitOfWork(engine_for(f"sqlite:///{tmp_path / 'restored.db'}"))
    backup.import_backup(target, document)
    assert [s.record.side for s in history.sets_for(target)] == [Side.LEFT, Side.RIGHT]
