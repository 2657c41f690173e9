"""Migration 0004: sets stored before set kinds existed become working sets."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from revhyper.adapters.db import UnitOfWork, current_revision, head_revision, open_engine, upgrade
from revhyper.domain.training.log import SetKind


def test_sets_stored_before_set_kinds_read_as_working_sets(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO athlete (id, name, level, goal, equipment, injuries, back_pain,"
                    " medical_care, clearance, floor_criterion_met, needs_clearance,"
                    " screening_reasons, created_at) VALUES (1, 'Old', 'beginner', 'hypertrophy',"
                    " '[]', '[]', 0, false, false, false, false, '[]', :now)"
                ),
                {"now": "2025-03-01 07:00:00"},
            )
            connection.execute(
                text(
                    "INSERT INTO session (id, athlete_id, day, status, notes, created_at)"
                    " VALUES (1, 1, :day, 'performed', '', :now)"
                ),
                {"day": date(2025, 3, 1), "now": "2025-03-01 07:00:00"},
            )
            connection.execute(
                text(
                    "INSERT INTO training_set (id, session_id, position, variation, reps,"
                    " load_kg, notes, logged_at) VALUES (1, 1, 1, 'machine-reverse-hyper', 12,"
                    " 20, '', :now)"
                ),
                {"now": "2025-03-01 07:10:00"},
            )
        assert upgrade(engine) == head_revision() == current_revision(engine)
        with UnitOfWork(engine) as uow:
            (session,) = uow.sessions.find(1)
        assert session.sets[0].kind is SetKind.WORKING
        assert session.volume_load_kg == 240
    finally:
        engine.dispose()
