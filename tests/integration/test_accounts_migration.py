"""Migration 0005 on a database written by the release before the server (commit a0beb77).

``tests/data/release_a0beb77.sqlite`` was made by that release's own CLI
(``tests/data/make_release_database.sh``). On SQLite a copy of the file is upgraded; on
PostgreSQL a 0004 schema is built with ``upgrade(engine, "0004")`` and loaded with the file's
rows. Either way every row of the log must come through the upgrade (and the downgrade)
unchanged, and the first administrator account must take the athletes over.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Engine, MetaData, Table, create_engine, insert, inspect, select, text
from typer.testing import CliRunner

from postgres_support import create_postgres_database, drop_postgres_database
from revhyper.adapters.db import (
    UnitOfWork,
    current_revision,
    downgrade,
    head_revision,
    open_engine,
    upgrade,
)
from revhyper.adapters.db.models import Base
from revhyper.cli.app import app as cli
from revhyper.domain.errors import StorageError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.vocabulary import Equipment, Goal, Level
from revhyper.services import accounts, athletes
from revhyper.services.database import dispose_engines
from revhyper.settings import Settings, get_settings
from revhyper.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

RELEASE_DATABASE = Path(__file__).resolve().parents[1] / "data" / "release_a0beb77.sqlite"
#: The committed file opened read-only: the tests never change it.
READ_ONLY_RELEASE = f"sqlite:///file:{RELEASE_DATABASE}?mode=ro&uri=true"
#: The training log's tables, parents before children (the order rows are loaded in).
LOG_TABLES = ("athlete", "program", "form_analysis", "session", "training_set", "body_mass")
PASSWORD = "correct horse battery staple"

Rows = dict[str, list[dict[str, Any]]]


def release_tables() -> dict[str, Table]:
    """The log's tables with the release's columns (as in the file) typed as the models type
    them, so JSON, dates and booleans read alike from SQLite and PostgreSQL."""
    engine = create_engine(READ_ONLY_RELEASE)
    try:
        names = {t: [c["name"] for c in inspect(engine).get_columns(t)] for t in LOG_TABLES}
    finally:
        engine.dispose()
    metadata = MetaData()
    return {
        table: Table(
            table,
            metadata,
            *(Column(name, Base.metadata.tables[table].c[name].type) for name in columns),
        )
        for table, columns in names.items()
    }


def log_rows(engine: Engine) -> Rows:
    """Every row of the log's tables, as the release stored them (its columns only), by id."""
    with engine.connect() as connection:
        return {
            name: [
                dict(row)
                for row in connection.execute(select(table).order_by(table.c.id)).mappings()
            ]
            for name, table in release_tables().items()
        }


def release_rows() -> Rows:
    """The rows the release wrote (read from the committed file itself, never modified)."""
    engine = create_engine(READ_ONLY_RELEASE)
    try:
        return log_rows(engine)
    finally:
        engine.dispose()


def load_rows(engine: Engine, rows: Rows) -> None:
    """Insert ``rows`` (ids included) into a database at revision 0004 (PostgreSQL)."""
    tables = release_tables()
    with engine.begin() as connection:
        for name in LOG_TABLES:
            if rows[name]:
                connection.execute(insert(tables[name]), rows[name])
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f'(SELECT coalesce(max(id), 0) + 1 FROM "{name}"), false)'
                )
            )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def release_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database at revision 0004 holding exactly the release's rows: a copy of the file on
    SQLite, or a PostgreSQL database migrated to 0004 and loaded with the file's rows."""
    if request.param == "sqlite":
        copy = tmp_path / "revhyper.db"
        shutil.copyfile(RELEASE_DATABASE, copy)
        yield f"sqlite:///{copy}"
        return
    url = create_postgres_database()
    try:
        engine = open_engine(url)
        upgrade(engine, "0004")
        load_rows(engine, release_rows())
        engine.dispose()
        yield url
    finally:
        dispose_engines()
        drop_postgres_database(url)


@pytest.fixture
def engine(release_url: str) -> Iterator[Engine]:
    opened = open_engine(release_url)
    yield opened
    opened.dispose()


def owners(engine: Engine) -> dict[str, int | None]:
    with engine.connect() as connection:
        return {
            name: owner
            for name, owner in connection.execute(text("SELECT name, owner_id FROM athlete"))
        }


def sets_by_athlete(rows: Rows) -> dict[int, list[dict[str, Any]]]:
    """The release's sets per athlete id, in log order (day, then position)."""
    sessions = {session["id"]: session for session in rows["session"]}
    found: dict[int, list[dict[str, Any]]] = {athlete["id"]: [] for athlete in rows["athlete"]}
    for row in rows["training_set"]:
        found[sessions[row["session_id"]]["athlete_id"]].append(row)
    for sets in found.values():
        sets.sort(key=lambda s: (sessions[s["session_id"]]["day"], s["position"]))
    return found


def as_api_shows(stored: dict[str, Any]) -> dict[str, Any]:
    """The fields of a stored set the API repeats as they are."""
    fields = ("id", "session_id", "position", "variation", "reps", "band", "rpe", "rir")
    more = ("tempo", "hold_s", "pain", "notes", "analysis_id", "kind", "side")
    return {field: stored[field] for field in (*fields, *more)}


def sign_in(client: TestClient, username: str) -> dict[str, str]:
    answer = client.post("/api/v1/auth/token", data={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def app_client(url: str, data_dir: Path) -> TestClient:
    return TestClient(create_app(Settings(data_dir=data_dir, database_url=url)))


def test_the_release_file_holds_a_varied_log_at_revision_0004() -> None:
    rows = release_rows()
    sets = rows["training_set"]
    assert len(rows["athlete"]) >= 2
    assert {s["kind"] for s in sets} == {"working", "warmup"}
    assert {s["side"] for s in sets} >= {"left", "right"}
    assert any(s["analysis_id"] is not None for s in sets)
    assert rows["program"] and rows["body_mass"] and rows["form_analysis"]
    probe = create_engine(READ_ONLY_RELEASE)
    try:
        assert current_revision(probe) == "0004"
    finally:
        probe.dispose()


def test_upgrading_the_release_database_keeps_every_row_and_leaves_athletes_ownerless(
    engine: Engine,
) -> None:
    expected = release_rows()
    assert current_revision(engine) == "0004"
    assert log_rows(engine) == expected

    assert upgrade(engine) == head_revision()

    assert log_rows(engine) == expected
    assert set(owners(engine).values()) == {None}


def test_the_first_admin_takes_every_release_athlete_and_sees_them_with_their_sets(
    engine: Engine, release_url: str, tmp_path: Path
) -> None:
    expected = release_rows()
    upgrade(engine)
    accounts.add_user(UnitOfWork(engine), "coach1", "coach", PASSWORD)
    assert set(owners(engine).values()) == {None}

    admin = accounts.add_user(UnitOfWork(engine), "admin1", "admin", PASSWORD)

    assert set(owners(engine).values()) == {admin.id}
    with app_client(release_url, tmp_path) as client:
        headers = sign_in(client, "admin1")
        listed = client.get("/api/v1/athletes", headers=headers).json()
        assert sorted(a["name"] for a in listed["items"]) == sorted(
            a["name"] for a in expected["athlete"]
        )
        assert {a["access"] for a in listed["items"]} == {"owner"}
        for athlete_id, stored in sets_by_athlete(expected).items():
            page = client.get(
                f"/api/v1/athletes/{athlete_id}/sets", params={"limit": 500}, headers=headers
            ).json()
            assert page["total"] == len(stored)
            shown = [{k: item[k] for k in as_api_shows(item)} for item in page["items"]]
            assert shown == [as_api_shows(s) for s in stored]
            assert [item["load_kg"] for item in page["items"]] == pytest.approx(
                [s["load_kg"] for s in stored]
            )
    assert log_rows(engine) == expected


def test_a_second_admin_takes_nothing_and_terminal_athletes_go_to_the_first_admin(
    engine: Engine, release_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(engine)
    first = accounts.add_user(UnitOfWork(engine), "admin1", "admin", PASSWORD)
    accounts.add_user(UnitOfWork(engine), "admin2", "admin", PASSWORD)
    assert set(owners(engine).values()) == {first.id}

    monkeypatch.setenv("REVHYPER_DATABASE_URL", release_url)
    get_settings.cache_clear()
    dispose_engines()
    try:
        result = CliRunner().invoke(
            cli,
            [
                "athlete",
                "add",
                "Morgan",
                "--goal",
                "endurance",
                "--level",
                "novice",
                "--equipment",
                "floor",
            ],
        )
    finally:
        dispose_engines()
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output

    assert owners(engine)["Morgan"] == first.id
    with app_client(release_url, tmp_path) as client:
        second = sign_in(client, "admin2")
        assert client.get("/api/v1/athletes", headers=second).json()["total"] == 0
        some_id = log_rows(engine)["athlete"][0]["id"]
        assert client.get(f"/api/v1/athletes/{some_id}", headers=second).status_code == 404
        mine = client.get("/api/v1/athletes", headers=sign_in(client, "admin1")).json()
        assert "Morgan" in {a["name"] for a in mine["items"]}


def test_downgrading_to_0004_keeps_the_log_written_before_and_after_the_upgrade(
    engine: Engine, release_url: str, tmp_path: Path
) -> None:
    expected = release_rows()
    upgrade(engine)
    accounts.add_user(UnitOfWork(engine), "admin1", "admin", PASSWORD)
    athlete_id = expected["athlete"][0]["id"]
    with app_client(release_url, tmp_path) as client:
        logged = client.post(
            f"/api/v1/athletes/{athlete_id}/sets",
            json={"variation": "machine-reverse-hyper", "reps": 11, "load_kg": 25},
            headers=sign_in(client, "admin1"),
        )
        assert logged.status_code == 201, logged.text
    with_new_set = log_rows(engine)
    assert len(with_new_set["training_set"]) == len(expected["training_set"]) + 1

    assert downgrade(engine, "0004") == "0004"

    assert log_rows(engine) == with_new_set
    found = inspect(engine)
    assert "user_account" not in found.get_table_names()
    assert "owner_id" not in {c["name"] for c in found.get_columns("athlete")}
    assert "uq_athlete_name" in {u["name"] for u in found.get_unique_constraints("athlete")}
    assert upgrade(engine) == head_revision()
    assert log_rows(engine) == with_new_set


def test_the_downgrade_refuses_while_two_owners_have_athletes_of_the_same_name(
    engine: Engine,
) -> None:
    upgrade(engine)
    admin = accounts.add_user(UnitOfWork(engine), "admin1", "admin", PASSWORD)
    other = accounts.add_user(UnitOfWork(engine), "lifter", "athlete", PASSWORD)
    taken = release_rows()["athlete"][0]
    profile = Profile(
        level=Level.NOVICE, equipment=frozenset({Equipment.FLOOR}), goal=Goal.HYPERTROPHY
    )
    twin = athletes.add_athlete(UnitOfWork(engine), taken["name"], profile, owner_id=other.id)
    before = log_rows(engine)

    with pytest.raises(StorageError) as refused:
        downgrade(engine, "0004")

    message = str(refused.value)
    assert repr(taken["name"]) in message
    assert f"ids {taken['id']}, {twin.id}" in message
    assert "another name" in message and "nothing was changed" in message
    assert current_revision(engine) == head_revision()
    assert log_rows(engine) == before
    assert set(owners(engine).values()) == {admin.id, other.id}
    with UnitOfWork(engine) as uow:
        assert {u.username for u in uow.users.all()} == {"admin1", "lifter"}


def test_downgrading_below_0004_rebuilds_tables_without_losing_a_row(engine: Engine) -> None:
    """0003's downgrade copies ``athlete`` and ``training_set`` on SQLite (batch mode): with
    foreign keys on, dropping the old athlete table would delete every session and set."""
    expected = release_rows()
    upgrade(engine)

    assert downgrade(engine, "0001") == "0001"

    with engine.connect() as connection:
        kept = {
            table: connection.execute(text(f'SELECT id FROM "{table}" ORDER BY id')).scalars().all()
            for table in LOG_TABLES
        }
        linked = connection.execute(
            text("SELECT id, session_id, analysis_id FROM training_set ORDER BY id")
        ).all()
    assert kept == {table: [row["id"] for row in rows] for table, rows in expected.items()}
    assert [tuple(row) for row in linked] == [
        (s["id"], s["session_id"], s["analysis_id"]) for s in expected["training_set"]
    ]
    assert upgrade(engine) == head_revision()
    assert log_rows(engine)["session"] == expected["session"]
