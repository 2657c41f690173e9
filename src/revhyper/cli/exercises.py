"""CLI commands: ``exercises`` (the variation catalogue) and ``explain`` (one variation)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from revhyper.cli import output
from revhyper.domain.knowledge import exercises as ex
from revhyper.domain.vocabulary import Equipment

console = output.console()


def list_exercises(
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            "--equipment",
            "-e",
            help="Equipment you have (repeatable): "
            "machine, bench, floor, stability-ball, ghd, bands.",
        ),
    ] = None,
) -> None:
    """List the exercise variations, optionally only those your equipment allows."""
    have = {ex.get_equipment(item) for item in equipment} if equipment else None
    variations = (
        ex.variations_for_equipment(have)
        if have is not None
        else tuple(sorted(ex.VARIATIONS.values(), key=lambda v: v.difficulty))
    )
    if not variations:
        console.print("No variation is possible with that equipment alone.")
        return
    console.print(_variation_table(variations, have, wide=console.width >= _WIDE_TERMINAL))
    console.print("difficulty 1 = easiest … 5; loadable no = bodyweight only", style="dim")


#: Below this width [characters] the name goes under the id instead of its own column.
_WIDE_TERMINAL = 100


def _variation_table(
    variations: tuple[ex.Variation, ...], have: set[Equipment] | None, *, wide: bool
) -> Table:
    """The listing; with ``have`` the loadable column shows only what that equipment offers."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("id" if wide else "id / name", no_wrap=True)
    if wide:
        table.add_column("name")
    table.add_column("equipment")
    table.add_column("difficulty", justify="right", no_wrap=True)
    table.add_column("loadable", no_wrap=True)
    for variation in variations:
        names = (
            [variation.id.value, variation.name]
            if wide
            else [f"{variation.id.value}\n[dim]{variation.name}[/]"]
        )
        table.add_row(
            *names,
            variation.equipment.describe(),
            str(variation.difficulty),
            _loadable_cell(variation.load_text(have)),
        )
    return table


def _loadable_cell(load_text: str) -> str:
    return "no" if load_text == "bodyweight only" else load_text


def explain(
    variation: Annotated[str, typer.Argument(help="A variation id from `revhyper exercises`.")],
) -> None:
    """Explain one variation: how to do it, cues, faults and why, muscles, cautions."""
    entry = ex.get_variation(variation)
    console.print(f"[bold]{entry.name}[/] ({entry.id.value})", highlight=False)
    console.print(entry.how_it_differs, highlight=False)
    console.print(
        f"Equipment: {entry.equipment.describe()} · difficulty {entry.difficulty}/"
        f"{ex.DIFFICULTY_MAX} · load: {_load_detail(entry)} · goals: "
        + ", ".join(goal.value for goal in entry.goals),
        highlight=False,
    )
    _print_how_to(entry)
    _print_beginner_stage(entry)
    _print_faults(entry)
    _print_muscles()
    _print_cautions()


def _load_detail(entry: ex.Variation) -> str:
    """Load kinds with what each needs, e.g. ``plates (with machine), bands (with bands)``."""
    parts = []
    for kind, needs in ex.load_options(entry):
        if needs:
            parts.append(f"{kind.value} (with {' or '.join(s.value for s in needs)})")
        else:
            parts.append(kind.value)
    return ", ".join(parts) if parts else "bodyweight only"


def _heading(text: str) -> None:
    console.print(f"\n[bold underline]{text}[/]")


def _print_how_to(entry: ex.Variation) -> None:
    _heading("How to do it")
    console.print(ex.MOVEMENT_SUMMARY, highlight=False)
    for step in ex.HOW_TO_STEPS:
        console.print(f"{step.number}. [bold]{step.title}[/]: {step.instruction}", highlight=False)
        console.print(f"   cues: {' · '.join(step.cues)}", highlight=False)
    console.print(f"Cues for this variation: {' · '.join(entry.cues)}", highlight=False)


def _print_beginner_stage(entry: ex.Variation) -> None:
    stage = next((s for s in ex.BEGINNER_PATH if s.variation is entry.id), None)
    if stage is None:
        return
    _heading("Beginner path")
    path = " → ".join(s.variation.value for s in ex.BEGINNER_PATH)
    console.print(f"Path: {path}", highlight=False)
    if stage.to_advance is not None:
        console.print(stage.to_advance.text, highlight=False)
    console.print(f"Too hard? {stage.if_too_hard}", highlight=False)


def _print_faults(entry: ex.Variation) -> None:
    _heading("Faults and why they matter")
    for fault in ex.faults_for_variation(entry.id):
        code = escape(f" [{fault.detected_as.value}]") if fault.detected_as else ""
        console.print(f"- [bold]{fault.name}[/]{code}: {fault.why_it_matters}", highlight=False)
        console.print(f"  fix: {fault.fix}", highlight=False)


def _print_muscles() -> None:
    _heading("Muscles and their roles")
    for muscle in ex.MUSCLES:
        console.print(
            f"- [bold]{muscle.name}[/] ({muscle.role.value}): {muscle.what_it_does}",
            highlight=False,
        )


def _print_cautions() -> None:
    _heading("Cautions")
    for caution in ex.CAUTIONS:
        console.print(f"- {caution.advice}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("exercises")(list_exercises)
    app.command("explain")(explain)
