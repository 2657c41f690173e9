"""``revhyper demo``: screen a sample athlete and print this week's plan (``make run``)."""

from __future__ import annotations

import typer
from rich.console import Console

from revhyper.cli.plan import render_plan
from revhyper.services.planning import demo_plan

console = Console()


def demo_command() -> None:
    """Screen the sample athlete and print their plan for this week (no input needed)."""
    plan = demo_plan()
    console.print(
        "[bold]revhyper demo[/]: a made-up sample athlete, screened and planned.", highlight=False
    )
    render_plan(console, plan, only_week=1)


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the root app."""
    app.command("demo", help="Screen a sample athlete and print this week's plan.")(demo_command)
