"""The server's demo (``revhyper serve --demo``): an account, its athlete, a plan covering today
and a few sets, added only when missing, with a new password at every start."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import StoredUser
from revhyper.domain.errors import InvalidInputError
from revhyper.services import accounts, athletes, history
from revhyper.services.accounts import AuthenticationError, TokenKind
from revhyper.services.demo import (
    DEMO_ATHLETE_NAME,
    DEMO_SETS,
    DEMO_USERNAME,
    run_demo,
    seed_server_demo,
)
from revhyper.settings import Settings

TODAY = date(2026, 11, 25)  # a Wednesday
SETTINGS = Settings()


def _sign_in(uow: UnitOfWork, password: str) -> StoredUser:
    return accounts.authenticate(uow, DEMO_USERNAME, password, "127.0.0.1", SETTINGS)


def test_a_fresh_database_gets_the_demo_account_its_athlete_a_plan_and_sets(
    uow: UnitOfWork,
) -> None:
    seeded = seed_server_demo(uow, today=TODAY)
    user = _sign_in(uow, seeded.password)
    assert (user.username, user.role) == (DEMO_USERNAME, "athlete")
    assert seeded.created_account and seeded.created_athlete and seeded.new_program
    with uow:
        athlete = uow.athletes.get(seeded.athlete_id)
        program = uow.programs.active_for(athlete.id)
    assert (athlete.name, athlete.owner_id) == (DEMO_ATHLETE_NAME, user.id)
    assert program is not None and program.id == seeded.program_id
    assert program.start_date == date(2026, 11, 23)  # that week's Monday
    logged = history.sets_for(uow, athlete.id)
    assert [(s.record.reps, s.record.rpe) for s in logged] == [(s.reps, s.rpe) for s in DEMO_SETS]
    assert {s.day for s in logged} == {TODAY - timedelta(days=1)}
    assert seeded.logged_sets == len(DEMO_SETS)


def test_starting_again_adds_nothing_and_only_the_new_password_opens_the_account(
    uow: UnitOfWork,
) -> None:
    first = seed_server_demo(uow, today=TODAY)
    token = accounts.issue_token(
        uow, _sign_in(uow, first.password), TokenKind.ACCESS, lifetime=None
    )
    again = seed_server_demo(uow, today=TODAY + timedelta(days=2))
    assert (again.athlete_id, again.program_id) == (first.athlete_id, first.program_id)
    assert not (again.created_account or again.created_athlete or again.new_program)
    assert again.logged_sets == 0
    assert len(history.sets_for(uow, first.athlete_id)) == len(DEMO_SETS)
    assert again.password != first.password
    assert _sign_in(uow, again.password).username == DEMO_USERNAME
    with pytest.raises(AuthenticationError):
        _sign_in(uow, first.password)
    with pytest.raises(AuthenticationError, match="revoked"):
        accounts.resolve_token(uow, token.secret, frozenset({TokenKind.ACCESS}))


def test_a_plan_that_is_over_is_replaced_by_one_covering_today(uow: UnitOfWork) -> None:
    first = seed_server_demo(uow, today=TODAY)
    weeks_later = TODAY + timedelta(weeks=6)
    later = seed_server_demo(uow, today=weeks_later)
    assert later.new_program and later.program_id != first.program_id
    with uow:
        program = uow.programs.active_for(first.athlete_id)
    assert program is not None and program.start_date <= weeks_later
    assert len(history.sets_for(uow, first.athlete_id)) == len(DEMO_SETS)


def test_the_demo_athlete_with_no_sets_left_gets_them_again(uow: UnitOfWork) -> None:
    first = seed_server_demo(uow, today=TODAY)
    with uow:
        for session in uow.sessions.in_range(first.athlete_id, None, None):
            assert session.id is not None
            uow.sessions.remove(session.id)
        uow.commit()
    again = seed_server_demo(uow, today=TODAY)
    assert again.logged_sets == len(DEMO_SETS)
    assert len(history.sets_for(uow, first.athlete_id)) == len(DEMO_SETS)


@pytest.mark.parametrize("role", ["admin", "coach"])
def test_an_account_named_demo_with_more_rights_is_not_taken_over(
    uow: UnitOfWork, role: str
) -> None:
    password = "the admin's own password"
    accounts.add_user(uow, DEMO_USERNAME, role, password)
    with pytest.raises(InvalidInputError, match=f"role {role}"):
        seed_server_demo(uow, today=TODAY)
    assert _sign_in(uow, password).role == role
    assert athletes.list_athletes(uow) == []


def test_a_disabled_demo_account_stays_disabled(uow: UnitOfWork) -> None:
    first = seed_server_demo(uow, today=TODAY)
    accounts.set_disabled(uow, DEMO_USERNAME)
    with pytest.raises(InvalidInputError, match="disabled"):
        seed_server_demo(uow, today=TODAY)
    with pytest.raises(AuthenticationError):
        _sign_in(uow, first.password)


def test_the_terminal_demo_and_the_server_demo_keep_distinct_athletes(uow: UnitOfWork) -> None:
    terminal = run_demo(uow, today=TODAY)
    seeded = seed_server_demo(uow, today=TODAY)
    again = run_demo(uow, today=TODAY)
    names = sorted(a.name for a in athletes.list_athletes(uow))
    assert names == sorted([terminal.athlete_name, DEMO_ATHLETE_NAME])
    assert not again.created_athlete
    with uow:
        assert uow.athletes.get(DEMO_ATHLETE_NAME).id == seeded.athlete_id
