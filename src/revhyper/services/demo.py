"""The demo ``make run`` runs: screen the sample athlete, plan this week, keep it in the database.

Storing the sample athlete and its program on the embedded default (SQLite in the data
directory) shows the whole path works with no server, and leaves something for
``revhyper session`` and ``revhyper history`` to show next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.engine import masked
from revhyper.domain.programming.planner import Plan
from revhyper.services.database import database_url
from revhyper.services.planning import (
    SAMPLE_ATHLETE,
    demo_plan,
    merged_fields,
    profile_from_fields,
)
from revhyper.services.programs import add_program


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
