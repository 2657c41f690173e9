"""The demos: the terminal's (``revhyper demo``) and the server's (``revhyper serve --demo``,
which ``make run`` starts).

``run_demo`` screens the sample athlete, plans this week and keeps both in the database, which
shows the whole path works with no server and leaves something for ``revhyper session`` and
``revhyper history`` to show next.

``seed_server_demo`` gives the server a demo account (``demo``, role athlete: it can manage
nothing but its own athletes) owning a copy of the sample athlete with a plan covering today
and a few logged sets. It runs at every start and adds only what is missing. The account's
password is random and new at every start (shown once, by the command that started the
server): no well-known password ever opens a server, whatever address it listens on, at the
price of signing in again after a restart (the new password revokes the old tokens).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from revhyper.adapters import secrets as secret_store
from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import StoredUser
from revhyper.adapters.db.engine import masked
from revhyper.adapters.db.repositories import StoredAthlete, StoredProgram, utc_now
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.planner import Plan
from revhyper.domain.training.log import SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import training
from revhyper.services.accounts import Role
from revhyper.services.database import database_url
from revhyper.services.planning import (
    SAMPLE_ATHLETE,
    demo_plan,
    merged_fields,
    profile_from_fields,
)
from revhyper.services.programs import add_program
from revhyper.services.transactions import write_with_retry


@dataclass(frozen=True)
class DemoOutcome:
    """The sample athlete's plan and where it was stored."""

    plan: Plan
    athlete_name: str
    program_id: int
    created_athlete: bool
    database: str


def run_demo(uow: UnitOfWork, today: date | None = None) -> DemoOutcome:
    """Plan the sample athlete's current week and store athlete and program; commits once.

    Running it again keeps the stored athlete and stores a fresh program for the week.
    """
    plan = demo_plan(today)
    name = plan.athlete.name
    with uow:
        stored = uow.athletes.find(name)
        created = stored is None
        if stored is None:
            profile = profile_from_fields(merged_fields(SAMPLE_ATHLETE))
            stored = uow.athletes.add(name, profile)
        program = add_program(uow, stored.id, plan, plan.start or date.today())
        uow.commit()
    return DemoOutcome(plan, name, program.id, created, masked(database_url()))


#: The server demo's account (role athlete) and the athlete it owns. The athlete's name differs
#: from the terminal demo's sample athlete so that terminal commands naming either stay
#: unambiguous.
DEMO_USERNAME = "demo"
DEMO_ATHLETE_NAME = "Sam (server demo)"

#: The sets the demo athlete has logged (the sample athlete's known set, 40 kg x 12 at RPE 7,
#: and two harder ones), stored as yesterday's session when the athlete has no set yet.
DEMO_SETS = (
    SetRecord(variation=VariationId.MACHINE_REVERSE_HYPER, reps=12, load_kg=40.0, rpe=7.0),
    SetRecord(variation=VariationId.MACHINE_REVERSE_HYPER, reps=12, load_kg=40.0, rpe=7.5),
    SetRecord(variation=VariationId.MACHINE_REVERSE_HYPER, reps=11, load_kg=40.0, rpe=8.0),
)


@dataclass(frozen=True)
class ServerDemo:
    """What ``seed_server_demo`` left in the database, and the demo login."""

    username: str
    #: The account's password, new at this start (show it once; it is stored only hashed).
    password: str
    athlete_id: int
    athlete_name: str
    program_id: int
    created_account: bool
    created_athlete: bool
    new_program: bool
    logged_sets: int


def _demo_account(uow: UnitOfWork, password_hash: str) -> tuple[StoredUser, bool]:
    """The demo account with its new password (made when missing); inside a transaction."""
    user = uow.users.find(DEMO_USERNAME)
    if user is None:
        return uow.users.add(DEMO_USERNAME, Role.ATHLETE.value, password_hash, utc_now()), True
    if user.role != Role.ATHLETE.value or user.disabled:
        state = "disabled" if user.disabled else f"role {user.role}"
        raise InvalidInputError(
            f"an account named {DEMO_USERNAME!r} exists ({state}) that --demo may not take "
            "over: --demo resets the password of an active athlete account of that name only; "
            "start without --demo"
        )
    uow.users.set_password_hash(user.id, password_hash)
    uow.tokens.revoke_all_of(user.id, utc_now())
    return user, False


def _demo_athlete(uow: UnitOfWork, owner: StoredUser) -> tuple[StoredAthlete, bool]:
    """The demo account's copy of the sample athlete (made when missing)."""
    for athlete in uow.athletes.owned_by(owner.id):
        if athlete.name == DEMO_ATHLETE_NAME:
            return athlete, False
    profile = profile_from_fields({**merged_fields(SAMPLE_ATHLETE), "name": DEMO_ATHLETE_NAME})
    stored = uow.athletes.add(
        DEMO_ATHLETE_NAME, profile, owner_id=owner.id, unique_across_owners=True
    )
    return stored, True


def _covers(program: StoredProgram | None, day: date) -> bool:
    """Whether ``program`` is running on ``day`` (started, not yet over)."""
    if program is None:
        return False
    return program.start_date <= day < program.start_date + timedelta(weeks=program.weeks)


def seed_server_demo(uow: UnitOfWork, today: date | None = None) -> ServerDemo:
    """Make sure the demo account, its athlete, a plan covering ``today`` (default: the
    system's) and a few logged sets exist, adding only what is missing; give the account a new
    random password (its old tokens are revoked). Commits.

    Raises:
        InvalidInputError: an account named ``demo`` exists that is not an active athlete
            account, or another account's athlete has the demo athlete's name (nothing is
            changed then).
    """
    day = today or date.today()
    password = secret_store.new_password()
    password_hash = secret_store.hash_password(password)
    plan = demo_plan(day, name=DEMO_ATHLETE_NAME)

    def work() -> tuple[StoredUser, bool, StoredAthlete, bool, StoredProgram, bool]:
        user, new_user = _demo_account(uow, password_hash)
        athlete, new_athlete = _demo_athlete(uow, user)
        program = uow.programs.active_for(athlete.id)
        fresh = not _covers(program, day)
        if program is None or fresh:
            program = add_program(uow, athlete.id, plan, plan.start or day)
        uow.commit()
        return user, new_user, athlete, new_athlete, program, fresh

    user, new_user, athlete, new_athlete, program, fresh = write_with_retry(uow, work)
    with uow:
        has_sets = uow.sessions.count_matching(athlete.id) > 0
    if not has_sets:
        training.log_session(uow, athlete.id, day - timedelta(days=1), DEMO_SETS)
    return ServerDemo(
        username=user.username,
        password=password,
        athlete_id=athlete.id,
        athlete_name=athlete.name,
        program_id=program.id,
        created_account=new_user,
        created_athlete=new_athlete,
        new_program=fresh,
        logged_sets=0 if has_sets else len(DEMO_SETS),
    )
