"""Migration 0006: athletes' machines come with the upgrade and go with the downgrade,
leaving the athletes (and their own plates) alone."""

from __future__ import annotations

from sqlalchemy import inspect, text

from revhyper.adapters.db import downgrade, head_revision, open_engine, upgrade


def test_the_machines_table_comes_and_goes_with_revision_0006(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        upgrade(engine, "0005")
        assert "athlete_machine" not in inspect(engine).get_table_names()
        assert upgrade(engine) == head_revision()
        assert "athlete_machine" in inspect(engine).get_table_names()
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO athlete (id, name, level, goal, equipment, injuries, back_pain,"
                    " medical_care, clearance, floor_criterion_met, needs_clearance,"
                    " screening_reasons, created_at, unit) VALUES (1, 'Kept', 'beginner',"
                    " 'hypertrophy', '[]', '[]', 0, false, false, false, false, '[]', :now, 'kg')"
                ),
                {"now": "2025-03-01 07:00:00"},
            )
            connection.execute(
                text(
                    "INSERT INTO athlete_machine (athlete_id, name, plates, arm_kg, created_at)"
                    " VALUES (1, 'Front', :plates, 0, :now)"
                ),
                {"plates": '{"unit": "kg", "plates": [[20, 2]]}', "now": "2025-03-01 07:00:00"},
            )
        downgrade(engine, "0005")
        assert "athlete_machine" not in inspect(engine).get_table_names()
        with engine.connect() as connection:
            assert connection.execute(text("SELECT name FROM athlete")).scalar_one() == "Kept"
    finally:
        engine.dispose()
