"""``revhyper plan``: screen the athlete, then print a multi-week plan (Rich tables or JSON)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from revhyper.adapters.plan_json import plan_to_json
from revhyper.cli import output
from revhyper.cli.output import fits, hanging, safe
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
from revhyper.domain.programming.planner import Block, BlockRole, Plan, Session, Week
from revhyper.services.planning import PlanRequest, make_plan

console = output.console()


def plan_command(
    goal: GoalOption = None,
    level: LevelOption = None,
    equipment: EquipmentOption = None,
    weeks: Annotated[int | None, typer.Option(help="Plan length in weeks, 1–52 [4].")] = None,
    days_per_week: Annotated[
        int | None, typer.Option("--days-per-week", help="Sessions per week, 1–6 [3].")
    ] = None,
    injury: InjuryOption = None,
    pain: PainOption = None,
    medical_care: MedicalCareOption = None,
    clearance: ClearanceOption = None,
    body_mass: BodyMassOption = None,
    height: HeightOption = None,
    sex: SexOption = None,
    known_set: KnownSetOption = None,
    floor_criterion_met: FloorCriterionOption = None,
    unit: UnitOption = None,
    plates: PlatesOption = None,
    name: Annotated[str | None, typer.Option(help="Athlete name shown on the plan.")] = None,
    start: Annotated[
        str | None, typer.Option(help="First session date YYYY-MM-DD [today].")
    ] = None,
    profile: ProfileFileOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the plan as JSON.")] = False,
) -> None:
    """Screen the athlete and print a multi-week plan for the goal."""
    request = PlanRequest(
        goal=goal,
        level=level,
        equipment=tuple(equipment or ()),
        injury=tuple(injury or ()),
        pain=pain,
        medical_care=medical_care,
        clearance=clearance,
        body_mass=body_mass,
        height=height,
        sex=sex,
        known_set=known_set,
        floor_criterion_met=floor_criterion_met,
        unit=unit,
        plates=plates,
        name=name,
        weeks=weeks,
        days_per_week=days_per_week,
        start=start,
        profile=profile,
    )
    plan = make_plan(request)
    if as_json:
        typer.echo(plan_to_json(plan))
        return
    render_plan(console, plan)


def render_plan(out: Console, plan: Plan, only_week: int | None = None) -> None:
    """Print the plan's header, notes and each week's sessions as tables."""
    athlete = plan.athlete
    out.print(
        f"[bold]Plan for {safe(athlete.name)}[/]: {plan.goal.value}, {athlete.level.value}, "
        f"{_count(len(plan.weeks), 'week')} × {_count(plan.days_per_week, 'day')}, equipment: "
        + ", ".join(sorted(item.value for item in athlete.equipment)),
        highlight=False,
    )
    out.print(f"Screening: {_screening_line(plan)}", highlight=False)
    for note in plan.notes:
        out.print(hanging("  • ", safe(note)), highlight=False)
    for week in plan.weeks:
        if only_week is None or week.number == only_week:
            render_week(out, week)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _screening_line(plan: Plan) -> str:
    result = plan.screening
    if not result.needs_clearance:
        return "passed (no injury history, back pain or medical care reported)"
    return "cleared by a doctor (" + "; ".join(result.reasons) + "): conservative start"


def render_week(out: Console, week: Week) -> None:
    """One week: its title, notes and, per session, a table and the reasons behind it."""
    title = f"Week {week.number}" + (" — deload" if week.deload else "")
    out.rule(f"[bold]{title}[/]")
    for note in week.notes:
        out.print(hanging("  ", safe(note)), highlight=False)
    for session in week.sessions:
        table = _session_table(session)
        out.print(table if fits(out, table) else _session_stacked(session))
        for line in _why_lines(session):
            out.print(hanging("  ", safe(line), style="dim"), highlight=False)


def _session_table(session: Session) -> Table:
    when = f" — {session.date:%a %d %b %Y}" if session.date else ""
    table = Table(title=f"Day {session.day}{when}", title_justify="left")
    table.add_column("Part", no_wrap=True)
    table.add_column("Variation", no_wrap=True)
    table.add_column("Sets × reps", no_wrap=True)
    table.add_column("Rest", no_wrap=True)
    table.add_column("Tempo", no_wrap=True)
    table.add_column("Load", min_width=LOAD_MIN_WIDTH)
    for block in session.blocks:
        table.add_row(
            _role_word(block.role),
            block.variation.value,
            f"{block.sets} × {_reps_text(block.reps)}",
            _rest_text(block.rest_s),
            block.tempo or "—",
            safe(block.load),
        )
    return table


#: The Load column is worth a table only this wide [characters]; narrower, each block is
#: printed as lines of its own (the load text is a sentence, and a 5-character column split
#: its words: "weigh/t", "moder/ate").
LOAD_MIN_WIDTH = 24


def _session_stacked(session: Session) -> Group:
    """The session for a narrow terminal: a heading, then per block a line and its load."""
    when = f" — {session.date:%a %d %b %Y}" if session.date else ""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for number, block in enumerate(session.blocks, start=1):
        tempo = f" · tempo {block.tempo}" if block.tempo else ""
        grid.add_row(
            f"{number}.",
            f"[bold]{_role_word(block.role)}[/] · {block.variation.value} · "
            f"{block.sets} × {_reps_text(block.reps)} · rest {_rest_text(block.rest_s)}{tempo}"
            f"\nload: {safe(block.load)}",
        )
    return Group(Text(f"Day {session.day}{when}", style="italic"), grid)


def _why_lines(session: Session) -> list[str]:
    lines: list[str] = []
    for block in session.blocks:
        for text in (block.reason, block.note):
            line = f"{block.variation.value}: {text}" if text else None
            if line and line not in lines:
                lines.append(line)
    gates = sorted({b.condition for b in session.blocks if b.condition})
    return lines + [f"Gate: do the main work {gate}." for gate in gates]


def _role_word(role: BlockRole) -> str:
    return {BlockRole.WARMUP: "warm-up", BlockRole.MAIN: "main", BlockRole.COOLDOWN: "cool-down"}[
        role
    ]


def _reps_text(reps: int | tuple[int, int]) -> str:
    return f"{reps[0]}–{reps[1]}" if isinstance(reps, tuple) else str(reps)


def _rest_text(rest_s: tuple[int, int] | None) -> str:
    return "as needed" if rest_s is None else f"{rest_s[0]}–{rest_s[1]} s"


def block_summary(block: Block) -> str:
    """One line for a block, e.g. ``machine-reverse-hyper 3 × 12–15, rest 45–90 s``."""
    return (
        f"{block.variation.value} {block.sets} × {_reps_text(block.reps)}, "
        f"rest {_rest_text(block.rest_s)}"
    )


def register(app: typer.Typer) -> None:
    """Add ``plan`` to the root app."""
    app.command("plan", help="Screen an athlete and print a multi-week plan for a goal.")(
        plan_command
    )
