"""CLI commands: ``revhyper athlete add|list|show|plan|weigh`` — athletes and their programs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import plural, safe
from revhyper.cli.plan import render_week
from revhyper.cli.profile_options import (
    BodyMassOption,
    ClearanceOption,
    EquipmentOption,
    FloorCriterionOption,
    GoalOption,
    HeightOption,
    InjuryOption,
    KnownSetOption,
    LevelOption,
    MedicalCareOption,
    PainOption,
    PlatesOption,
    ProfileFileOption,
    SexOption,
    UnitOption,
)
from revhyper.domain.training.log import parse_date
from revhyper.services.planning import PlanRequest, merged_fields, profile_from_fields

if TYPE_CHECKING:
    from revhyper.adapters.db.repositories import StoredAthlete

console = output.console()

athlete_app = typer.Typer(help="Athletes: add, list, show, generate and store a program.")


@athlete_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The athlete's name (unique).")],
    goal: GoalOption = None,
    level: LevelOption = None,
    equipment: EquipmentOption = None,
    injury: InjuryOption = None,
    pain: PainOption = None,
    medical_care: MedicalCareOption = None,
    clearance: ClearanceOption = None,
    body_mass_kg: BodyMassOption = None,
    height: HeightOption = None,
    sex: SexOption = None,
    known_set: KnownSetOption = None,
    floor_criterion_met: FloorCriterionOption = None,
    unit: UnitOption = None,
    plates: PlatesOption = None,
    profile: ProfileFileOption = None,
) -> None:
    """Add an athlete with the same profile fields as `revhyper plan` (screened on the way in)."""
    from revhyper.services import athletes
    from revhyper.services.database import unit_of_work

    request = PlanRequest(
        goal=goal,
        level=level,
        equipment=tuple(equipment or ()),
        injury=tuple(injury or ()),
        pain=pain,
        medical_care=medical_care,
        clearance=clearance,
        body_mass=body_mass_kg,
        height=height,
        sex=sex,
        known_set=known_set,
        floor_criterion_met=floor_criterion_met,
        unit=unit,
        plates=plates,
        name=name,
        profile=profile,
    )
    stored = athletes.add_athlete(unit_of_work(), name, profile_from_fields(merged_fields(request)))
    console.print(f"Added athlete [bold]{safe(stored.name)}[/] (id {stored.id}).")
    _print_screening(stored)


def _print_screening(stored: StoredAthlete) -> None:
    screening = stored.screening
    if screening.refused:
        console.print(
            f"[yellow]Screening:[/] {safe('; '.join(screening.reasons))} — a doctor's clearance is "
            "needed before a plan is issued (add it with --clearance once given)."
        )
    elif screening.conservative_start:
        console.print(
            f"Screening: {safe('; '.join(screening.reasons))} — cleared; plans start "
            "conservatively."
        )
    else:
        console.print("Screening: nothing that needs a doctor's clearance.")


@athlete_app.command("update")
def update(
    name: Annotated[str, typer.Argument(help="The athlete's name.")],
    goal: GoalOption = None,
    level: LevelOption = None,
    equipment: EquipmentOption = None,
    injury: InjuryOption = None,
    pain: PainOption = None,
    medical_care: MedicalCareOption = None,
    clearance: ClearanceOption = None,
    body_mass_kg: BodyMassOption = None,
    height: HeightOption = None,
    sex: SexOption = None,
    known_set: KnownSetOption = None,
    floor_criterion_met: FloorCriterionOption = None,
    unit: UnitOption = None,
    plates: PlatesOption = None,
    profile: ProfileFileOption = None,
) -> None:
    """Change an athlete's profile (e.g. add --clearance once a doctor agrees); screens again."""
    from revhyper.services import athletes
    from revhyper.services.database import unit_of_work

    request = PlanRequest(
        goal=goal,
        level=level,
        equipment=tuple(equipment or ()),
        injury=tuple(injury or ()),
        pain=pain,
        medical_care=medical_care,
        clearance=clearance,
        body_mass=body_mass_kg,
        height=height,
        sex=sex,
        known_set=known_set,
        floor_criterion_met=floor_criterion_met,
        unit=unit,
        plates=plates,
        profile=profile,
    )
    changes = merged_fields(request)
    stored = athletes.update_athlete(unit_of_work(), name, changes)
    console.print(f"Updated athlete [bold]{safe(stored.name)}[/].")
    _print_screening(stored)


@athlete_app.command("list")
def list_() -> None:
    """List the stored athletes."""
    from revhyper.services import athletes
    from revhyper.services.database import unit_of_work

    stored = athletes.list_athletes(unit_of_work())
    if not stored:
        console.print("No athletes yet: add one with `revhyper athlete add NAME --goal ...`.")
        return
    table = Table("Name", "Level", "Goal", "Equipment", "Screening")
    for athlete in stored:
        p = athlete.profile
        table.add_row(
            safe(athlete.name),
            p.level.value,
            p.goal.value,
            ", ".join(sorted(e.value for e in p.equipment)),
            _screening_word(athlete),
        )
    console.print(table)


def _screening_word(athlete: StoredAthlete) -> str:
    if athlete.screening.refused:
        return "needs clearance"
    if athlete.screening.conservative_start:
        return "cleared (conservative start)"
    return "ok"


@athlete_app.command("show")
def show(name: Annotated[str, typer.Argument(help="The athlete's name.")]) -> None:
    """Show an athlete's profile, screening, program and body mass."""
    from revhyper.services import athletes, body_mass, programs
    from revhyper.services.database import unit_of_work

    uow = unit_of_work()
    athlete = athletes.get_athlete(uow, name)
    p = athlete.profile
    console.print(f"Athlete [bold]{safe(athlete.name)}[/]", highlight=False)
    table = Table(show_header=False)
    rows = [
        ("level", p.level.value),
        ("goal", p.goal.value),
        ("equipment", ", ".join(sorted(e.value for e in p.equipment))),
        ("injuries", ", ".join(sorted(i.value for i in p.injuries)) or "none"),
        ("back pain", f"{p.back_pain}/10"),
        ("medical care", "yes" if p.under_medical_care else "no"),
        ("clearance", "yes" if p.medical_clearance else "no"),
        ("body mass", f"{p.body_mass_kg:g} kg" if p.body_mass_kg else "—"),
        ("height", f"{p.height_m:g} m" if p.height_m else "—"),
        ("known set", p.known_set.describe(p.unit) if p.known_set else "—"),
        ("unit", p.unit.value),
        ("plates", p.plates.as_text() if p.plates else f"a full gym set ({p.unit.value})"),
        ("screening", _screening_word(athlete)),
    ]
    for key, value in rows:
        table.add_row(key, safe(value))
    console.print(table)
    program = programs.find_active_program(uow, athlete.name)
    if program:
        console.print(
            f"Program {program.id}: {program.goal}, {plural(program.weeks, 'week')} × "
            f"{plural(program.days_per_week, 'day')}, from {program.start_date.isoformat()}"
        )
    masses = body_mass.body_mass_history(uow, athlete.name)
    if masses:
        latest = masses[-1]
        console.print(f"Body mass: {latest.mass_kg:g} kg on {latest.day.isoformat()}")


@athlete_app.command("plan")
def plan(
    name: Annotated[str, typer.Argument(help="The athlete's name.")],
    weeks: Annotated[
        int | None, typer.Option(help="Plan length in weeks, 1–52 (default 4).")
    ] = None,
    days_per_week: Annotated[
        int | None, typer.Option(help="Sessions per week, 1–6 (default 3).")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="First session date YYYY-MM-DD (default today).")
    ] = None,
) -> None:
    """Generate a plan from the athlete's stored profile and store it as their program."""
    from revhyper.services import programs
    from revhyper.services.database import unit_of_work

    first = parse_date(start, "--start") if start is not None else None
    program = programs.create_program(
        unit_of_work(), name, weeks=weeks, days_per_week=days_per_week, start=first
    )
    stored_weeks = programs.program_weeks(program)
    sessions = sum(len(week.sessions) for week in stored_weeks)
    console.print(
        f"Stored program {program.id} for {safe(name)}: {program.goal}, "
        f"{plural(program.weeks, 'week')} × {plural(program.days_per_week, 'day')} "
        f"({plural(sessions, 'session')}) from "
        f"{program.start_date.isoformat()}."
    )
    for week in stored_weeks:
        render_week(console, week)


@athlete_app.command("weigh")
def weigh(
    name: Annotated[str, typer.Argument(help="The athlete's name.")],
    mass_kg: Annotated[float, typer.Argument(help="Body mass [kg], 20–400.")],
    on: Annotated[
        str | None, typer.Option("--date", help="Date YYYY-MM-DD (default today).")
    ] = None,
) -> None:
    """Record the athlete's body mass for a date."""
    from revhyper.services import body_mass
    from revhyper.services.database import unit_of_work

    day = parse_date(on, "--date") if on is not None else None
    saved = body_mass.record_body_mass(unit_of_work(), name, mass_kg, day)
    console.print(f"Body mass of {safe(name)}: {saved.mass_kg:g} kg on {saved.day.isoformat()}.")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    from revhyper.cli.corrections import add_athlete_corrections

    add_athlete_corrections(athlete_app)
    app.add_typer(athlete_app, name="athlete", help="Athletes: add, list, show, plan, weigh.")
