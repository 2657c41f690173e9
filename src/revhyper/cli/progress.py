"""``revhyper progress``: volume, e1RM, records, adherence and pain, as tables and a figure."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.training.analytics import DEFAULT_E1RM_METHOD, RecordKind
from revhyper.domain.units import format_load, from_kg

if TYPE_CHECKING:
    from revhyper.services.progress import ProgressReport

#: How many of the latest e1RM points the table shows by default (``--e1rm-rows``).
E1RM_ROWS = 10


def _volume_table(report: ProgressReport) -> Table:
    """Weeks with training, one row each; the weeks without are counted in the caption (a log
    that starts years ago would otherwise print a row for every empty week since)."""
    trained = [week for week in report.data.volume if week.sessions]
    empty = len(report.data.volume) - len(trained)
    caption = (
        f"{empty} week{'s' if empty != 1 else ''} without training not shown" if empty else None
    )
    table = Table(
        title="Volume load per week", title_justify="left", caption=caption, caption_justify="left"
    )
    for column in ("week of", "sessions", "sets", "reps"):
        table.add_column(column, justify="right")
    table.add_column(f"volume load \\[{report.unit.value}]", justify="right")
    for week in trained:
        table.add_row(
            week.week_start.isoformat(),
            str(week.sessions),
            str(week.sets),
            str(week.reps),
            f"{from_kg(week.volume_load_kg, report.unit):,.0f}",
        )
    return table


def _e1rm_table(report: ProgressReport, rows: int) -> Table:
    points = report.data.e1rm
    shown = points if rows == 0 else points[-rows:]
    hidden = len(points) - len(shown)
    caption = (
        f"{hidden} earlier point{'s' if hidden != 1 else ''} not shown: "
        f"--e1rm-rows 0 shows all {len(points)}"
        if hidden
        else None
    )
    table = Table(
        title=f"e1RM trend ({report.method}, best set per session)",
        title_justify="left",
        caption=caption,
        caption_justify="left",
    )
    for column in ("date", "variation", "set", f"e1RM \\[{report.unit.value}]"):
        table.add_column(column, justify="right" if column != "variation" else "left")
    for point in shown:
        table.add_row(
            point.day.isoformat(),
            str(point.variation),
            f"{format_load(point.load_kg, report.unit)} × {point.reps}",
            f"{from_kg(point.e1rm_kg, report.unit):.1f}",
        )
    return table


def _records_table(report: ProgressReport) -> Table:
    table = Table(title="Personal records per variation", title_justify="left")
    for column in ("variation", "record", "value", "set", "date"):
        table.add_column(column)
    for variation in sorted(report.bests):
        for kind, best in report.bests[variation].items():
            value = (
                f"{best.value:g}"
                if kind is RecordKind.MOST_REPS
                else format_load(best.value, report.unit)
            )
            if kind is RecordKind.BEST_E1RM:
                value = format_load(best.value, report.unit, decimals=1)
            load = format_load(best.load_kg, report.unit) if best.load_kg else "body weight"
            table.add_row(
                str(variation),
                kind.value,
                value,
                f"{load} × {best.reps}",
                best.day.isoformat(),
            )
    return table


def _adherence_table(report: ProgressReport) -> Table:
    table = Table(title="Adherence to the plan (weeks due so far)", title_justify="left")
    for column in ("plan week", "sessions done/planned", "sets done/planned", "sets \\[%]"):
        table.add_column(column, justify="right")
    for week in report.data.adherence:
        table.add_row(
            str(week.week),
            f"{week.done_sessions}/{week.planned_sessions}",
            f"{week.done_sets}/{week.planned_sets}",
            f"{100 * week.set_fraction:.0f}",
        )
    return table


def _pain_table(report: ProgressReport) -> Table:
    threshold = report.data.pain_threshold
    table = Table(title="Back pain (0–10)", title_justify="left")
    for column in ("date", "before", "after", "worst in a set", "flag"):
        table.add_column(column, justify="right" if column != "flag" else "left")
    for point in report.data.pain:
        flags = []
        if report.pain_stopped_a_set(point):
            flags.append(f"set pain ≥ {threshold}")
        if report.pain_rose_too_much(point):
            flags.append(f"rose by {point.rise}")
        table.add_row(
            point.day.isoformat(),
            "–" if point.before is None else str(point.before),
            "–" if point.after is None else str(point.after),
            "–" if point.max_during is None else str(point.max_during),
            ", ".join(flags),
        )
    return table


def render(console: Console, report: ProgressReport, e1rm_rows: int = E1RM_ROWS) -> None:
    """Print the report's tables (empty sections are left out).

    ``e1rm_rows`` keeps the latest that many e1RM points (0: all) and says how many are hidden.
    """
    console.print(
        f"[bold]{safe(report.data.athlete)}[/]: {report.sessions} session(s) with sets logged.",
        highlight=False,
    )
    if report.sessions == 0:
        console.print("Nothing logged yet: train with `revhyper session` or `revhyper log`.")
    if report.data.volume:
        console.print(_volume_table(report))
    if report.data.e1rm:
        console.print(_e1rm_table(report, e1rm_rows))
    if report.bests:
        console.print(_records_table(report))
    if report.data.adherence:
        console.print(_adherence_table(report))
    elif report.adherence_gap:
        console.print(f"Adherence: {report.adherence_gap}.", highlight=False)
    if report.data.pain:
        console.print(_pain_table(report))


def register(app: typer.Typer) -> None:
    """Add ``progress`` to the root app."""

    @app.command("progress")
    def progress_command(
        athlete: Annotated[
            str | None, typer.Option(help="Athlete name (default: the only one stored).")
        ] = None,
        plot: Annotated[
            Path | None, typer.Option(help="Also save a figure with the four panels (PNG).")
        ] = None,
        e1rm_method: Annotated[
            str, typer.Option(help="e1RM formula: epley, brzycki, lombardi, mayhew, ...")
        ] = DEFAULT_E1RM_METHOD,
        e1rm_rows: Annotated[
            int,
            typer.Option(min=0, help="Latest e1RM points the table shows; 0 shows all."),
        ] = E1RM_ROWS,
    ) -> None:
        """Volume per week, e1RM trend, personal records, adherence and back pain."""
        from revhyper.services.database import unit_of_work
        from revhyper.services.guided_session import choose_athlete
        from revhyper.services.progress import progress_report, write_progress_plot

        name = choose_athlete(unit_of_work(), athlete)
        report = progress_report(unit_of_work(), name, e1rm_method)
        console = output.console(highlight=False)
        render(console, report, e1rm_rows)
        if plot is not None:
            saved = write_progress_plot(report, plot)
            console.print(f"Figure saved to {safe(saved)}", highlight=False)
