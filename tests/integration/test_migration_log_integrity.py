"""Migration 0002 joins same-day sessions stored before it, keeping every set, then forbids them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import MetaData, insert, select
from sqlalchemy.exc import IntegrityError

from revhyper.adapters.db import open_engine, upgrade
from revhyper.adapters.db.models import SessionRow, SetRow

DAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 18, 0)


def _athlete(name: str) -> dict[str, object]:
    return {
        "name": name,
        "level": "intermediate",
        "goal": "hypertrophy",
        "equipment": ["machine"],
        "injuries": [],
        "back_pain": 0,
        "medical_care": False,
        "clearance": False,
        "floor_criterion_met": False,
        "needs_clearance": False,
        "screening_reasons": [],
        "created_at": NOW,
    }


def _session(athlete_id: int, day: date, **fields: object) -> dict[str, object]:
    values: dict[str, object] = {
        "athlete_id": athlete_id,
        "day": day,
        "status": "performed",
        "notes": "",
        "created_at": NOW,
    }
    values.update(fields)
    return values


def _set(session_id: int, position: int, reps: int) -> dict[str, object]:
    return {
        "session_id": session_id,
        "position": position,
        "variation": "machine-reverse-hyper",
        "reps": reps,
        "load_kg": 20.0,
        "notes": "",
        "logged_at": NOW,
    }


def test_upgrading_joins_duplicate_same_day_sessions_without_losing_a_set(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        assert upgrade(engine, "0001") == "0001"
        old = MetaData()  # the tables as revision 0001 made them (later revisions add columns)
        old.reflect(engine)
        with engine.begin() as c:
            alex = c.execute(
                insert(old.tables["athlete"]).values(_athlete("Alex"))
            ).inserted_primary_key[0]
            bo = c.execute(
                insert(old.tables["athlete"]).values(_athlete("Bo"))
            ).inserted_primary_key[0]
            first = _session(alex, DAY, status="in_progress", notes="morning", pain_before=2)
            program = c.execute(
                insert(old.tables["program"]).values(
                    athlete_id=alex,
                    created_at=NOW,
                    start_date=DAY,
                    goal="hypertrophy",
                    weeks=4,
                    days_per_week=3,
                    active=True,
                    parameters={},
                    plan={},
                )
            ).inserted_primary_key[0]
            second = _session(
                alex,
                DAY,
                notes="evening",
                pain_after=3,
                program_id=program,
                plan_week=1,
                plan_day=2,
            )
            ids = [
                c.execute(insert(old.tables["session"]).values(v)).inserted_primary_key[0]
                for v in (first, second, _session(alex, DAY), _session(bo, DAY))
            ]
            rows = [_set(ids[0], 1, 10), _set(ids[0], 2, 11), _set(ids[1], 1, 12)]
            rows += [_set(ids[1], 2, 13), _set(ids[2], 1, 14), _set(ids[3], 1, 15)]
            c.execute(insert(old.tables["training_set"]), rows)

        assert upgrade(engine, "0002") == "0002"
        upgrade(engine)  # the later revisions only add columns

        with engine.connect() as c:
            sessions = (
                c.execute(
                    select(SessionRow.__table__).order_by(SessionRow.athlete_id, SessionRow.id)
                )
                .mappings()
                .all()
            )
            sets = c.execute(
                select(SetRow.session_id, SetRow.position, SetRow.reps).order_by(
                    SetRow.session_id, SetRow.position
                )
            ).all()
        assert [(s["id"], s["athlete_id"]) for s in sessions] == [(ids[0], alex), (ids[3], bo)]
        kept = sessions[0]
        assert kept["status"] == "performed"
        assert kept["notes"] == "morning | evening"
        assert (kept["pain_before"], kept["pain_after"]) == (2, 3)
        assert (kept["program_id"], kept["plan_week"], kept["plan_day"]) == (program, 1, 2)
        assert sets == [
            (ids[0], 1, 10),
            (ids[0], 2, 11),
            (ids[0], 3, 12),
            (ids[0], 4, 13),
            (ids[0], 5, 14),
            (ids[3], 1, 15),
        ]
        with pytest.raises(IntegrityError), engine.begin() as c:
            c.execute(insert(SessionRow.__table__).values(_session(alex, DAY)))
    finally:
        engine.dispose()


def test_downgrading_to_0001_allows_same_day_sessions_again(db_url: str) -> None:
    from alembic import command

    from revhyper.adapters.db.migrate import alembic_config

    engine = open_engine(db_url)
    try:
        upgrade(engine)
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        old = MetaData()  # the tables as revision 0001 made them
        old.reflect(engine)
        with engine.begin() as c:
            alex = c.execute(
                insert(old.tables["athlete"]).values(_athlete("Alex"))
            ).inserted_primary_key[0]
            c.execute(insert(old.tables["session"]), [_session(alex, DAY), _session(alex, DAY)])
    finally:
        engine.dispose()
