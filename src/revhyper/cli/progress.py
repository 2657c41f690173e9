"""``revhyper progress``: volume, e1RM, records, adherence and pain, as tables and a figure."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.analytics import DEFAULT_E1RM_METHOD, RecordKind

if TYPE_CHECKING:
    from revhyper.services.progress import ProgressReport

#: How many of the latest e1RM points the table shows.
E1RM_ROWS = 10


def _volume_table(report: ProgressReport) -> Table:
    table = Table(title="Volume load per week", title_justify="left")
    for column in ("week of", "sessions", "sets", "reps"):
        table.add_column(column, justify="right")
    table.add_column("volume load \\[kg]", justify="right")
    for week in report.data.volume:
        table.add_row(
            week.week_start.isoformat(),
            str(week.sessions),
            str(week.sets),
            str(week.reps),
            f"{week.volume_load_kg:,.0f}",
        )
    return table


def _e1rm_table(report: ProgressReport) -> Table:
    table = Table(title=f"e1RM trend ({report.method}, best set per session)", title_justify="left")
    for column in ("date", "variation", "set", "e1RM \\[kg]"):
        table.add_column(column, justify="right" if column != "variation" else "left")
    for point in report.data.e1rm[-E1RM_ROWS:]:
        table.add_row(
            point.day.isoformat(),
            str(point.variation),
            f"{point.load_kg:g} kg × {point.reps}",
            f"{point.e1rm_kg:.1f}",
        )
    return table


def _records_table(report: ProgressReport) -> Table:
    table = Table(title="Personal records per variation", title_justify="left")
    for column in ("variation", "record", "value", "set", "date"):
        table.add_column(column)
    for variation in sorted(report.bests):
        for kind, best in report.bests[variation].items():
            value = f"{best.value:g}" if kind is RecordKind.MOST_REPS else f"{best.value:g} kg"
            if kind is RecordKind.BEST_E1RM:
                value = f"{best.value:.1f} kg"
            load = f"{best.load_kg:g} kg" if best.load_kg else "body weight"
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
        if threshold is not None and (point.max_during or 0) >= threshold:
            flags.append(f"set pain ≥ {threshold}")
        if (point.rise or 0) >= 2:
            flags.append(f"rose by {point.rise}")
        table.add_row(
            point.day.isoformat(),
            "–" if point.before is None else str(point.before),
            "–" if point.after is None else str(point.after),
            "–" if point.max_during is None else str(point.max_during),
            ", ".join(flags),
        )
    return table


def render(console: Console, report: ProgressReport) -> None:
    """Print the report's tables (empty sections are left out)."""
    console.print(
        f"[bold]{safe(report.data.athlete)}[/]: {report.sessions} session(s) with sets logged.",
        highlight=False,
    )
    if report.sessions == 0:
        console.print("Nothing logged yet: train with `revhyper session` or `revhyper log`.")
    sections = (
        (report.data.volume, _volume_table),
        (report.data.e1rm, _e1rm_table),
        (report.bests, _records_table),
        (report.data.adherence, _adherence_table),
        (report.data.pain, _pain_table),
    )
    for content, make in sections:
        if content:
            console.print(make(report))


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
    ) -> None:
        """Volume per week, e1RM trend, personal records, adherence and back pain."""
        from revhyper.services.database import unit_of_work
        from revhyper.services.guided_session import choose_athlete
        from revhyper.services.progress import progress_report, write_progress_plot

        name = choose_athlete(unit_of_work(), athlete)
        report = progress_report(unit_of_work(), name, e1rm_method)
        console = output.console(highlight=False)
        render(console, report)
        if plot is not None:
            saved = write_progress_plot(report, plot)
            console.print(f"Figure saved to {safe(saved)}", highlight=False)
