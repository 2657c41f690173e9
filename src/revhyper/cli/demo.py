"""``revhyper demo``: screen a sample athlete and print this week's plan (``make run``)."""

from __future__ import annotations

import typer

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.cli.plan import render_plan

console = output.console()


def demo_command() -> None:
    """Screen the sample athlete, print their plan for this week and store it (no input needed)."""
    from revhyper.services.database import unit_of_work
    from revhyper.services.demo import run_demo

    outcome = run_demo(unit_of_work())
    console.print(
        "[bold]revhyper demo[/]: a made-up sample athlete, screened and planned.", highlight=False
    )
    render_plan(console, outcome.plan, only_week=1)
    action = "Stored" if outcome.created_athlete else "Kept"
    console.print(
        f"\n{action} the sample athlete and saved this plan as program {outcome.program_id} in "
        f"{safe(outcome.database)}.\nNext: [bold]revhyper session --athlete "
        f"'{safe(outcome.athlete_name)}'[/] "
        "to be guided through today's session, or [bold]revhyper --help[/] for everything else.",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the root app."""
    app.command("demo", help="Screen a sample athlete and print this week's plan.")(demo_command)
