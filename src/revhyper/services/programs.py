"""Programs: generate an athlete's plan with the planner, store it, and find today's session."""

from __future__ import annotations

from datetime import date
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef, StoredProgram
from revhyper.adapters.plan_json import plan_to_dict, weeks_from_dict
from revhyper.domain.errors import NotFoundError
from revhyper.domain.programming.planner import Plan, Week, generate_plan
from revhyper.services.planning import DEFAULT_DAYS_PER_WEEK, DEFAULT_WEEKS
from revhyper.services.training import PlannedSession, next_planned_session


def create_program(
    uow: UnitOfWork,
    athlete: AthleteRef,
    *,
    weeks: int | None = None,
    days_per_week: int | None = None,
    start: date | None = None,
) -> StoredProgram:
    """Generate a plan for the stored athlete's profile and store it as the active program.

    Args:
        weeks: plan length, 1–52 (default ``DEFAULT_WEEKS``).
        days_per_week: sessions per week, 1–6 (default ``DEFAULT_DAYS_PER_WEEK``).
        start: date of the first session (default today).

    Raises:
        NotFoundError: unknown athlete.  InvalidInputError: weeks/days out of range.
        ScreeningRefusalError: the athlete needs a doctor's clearance first (nothing stored).
    """
    chosen_weeks = DEFAULT_WEEKS if weeks is None else weeks
    chosen_days = DEFAULT_DAYS_PER_WEEK if days_per_week is None else days_per_week
    first_day = start or date.today()
    with uow:
        stored = uow.athletes.get(athlete)
        plan = generate_plan(stored.profile, chosen_weeks, chosen_days, start=first_day)
        program = add_program(uow, stored.id, plan, first_day)
        uow.commit()
    return program


def add_program(uow: UnitOfWork, athlete_id: int, plan: Plan, start: date) -> StoredProgram:
    """Add ``plan`` as the athlete's active program inside the caller's transaction."""
    parameters: dict[str, Any] = {
        "weeks": len(plan.weeks),
        "days_per_week": plan.days_per_week,
        "start": start.isoformat(),
    }
    return uow.programs.add(
        athlete_id=athlete_id,
        start_date=start,
        goal=plan.goal.value,
        weeks=len(plan.weeks),
        days_per_week=plan.days_per_week,
        parameters=parameters,
        plan=plan_to_dict(plan),
    )


def program_weeks(program: StoredProgram) -> tuple[Week, ...]:
    """The stored program's weeks with their sessions and blocks, as the planner made them."""
    return weeks_from_dict(program.plan)


def find_active_program(uow: UnitOfWork, athlete: AthleteRef) -> StoredProgram | None:
    """The athlete's active program, or None when they have none (``NotFoundError``: no athlete)."""
    with uow:
        stored = uow.athletes.get(athlete)
        return uow.programs.active_for(stored.id)


def active_program(uow: UnitOfWork, athlete: AthleteRef) -> StoredProgram:
    """The athlete's active program; ``NotFoundError`` with what to do when there is none."""
    with uow:
        stored = uow.athletes.get(athlete)
        program = uow.programs.active_for(stored.id)
    if program is None:
        raise NotFoundError(
            f"{athlete} has no program yet: create one with `revhyper athlete plan {athlete}`"
        )
    return program


def next_session(uow: UnitOfWork, athlete: AthleteRef) -> PlannedSession:
    """The next planned session of the athlete's active program (today's, when training today).

    Raises:
        NotFoundError: unknown athlete, no program, or every planned session already trained.
    """
    with uow:
        stored = uow.athletes.get(athlete)
        planned = next_planned_session(uow, stored.id)
    if planned is None:
        raise NotFoundError(
            f"{athlete} has no program yet: create one with `revhyper athlete plan {athlete}`"
        )
    return planned
