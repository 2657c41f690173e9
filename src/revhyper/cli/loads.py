"""CLI commands: ``e1rm``, ``plates`` and ``rpe`` (load maths)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.table import Table

from revhyper.cli import output
from revhyper.domain import loads, units
from revhyper.domain import plates as plates_module
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.units import number_text

if TYPE_CHECKING:
    from revhyper.adapters.db import UnitOfWork

console = output.console()


def e1rm(
    load: Annotated[
        str,
        typer.Argument(metavar="LOAD", help="Load lifted [kg], or with its unit (200lb)."),
    ],
    reps: Annotated[int, typer.Argument(help="Reps done (1–30).")],
    method: Annotated[
        str | None,
        typer.Option(help="Formula: " + ", ".join(loads.E1RM_METHODS) + " (default epley)."),
    ] = None,
    all_methods: Annotated[
        bool, typer.Option("--all", help="Show every formula side by side.")
    ] = False,
) -> None:
    """Estimate a one-rep max from a set (Epley, Brzycki, Lombardi, Mayhew, …).

    The answer is in the load's unit."""
    if method is not None and all_methods:
        raise InvalidInputError("use either --method or --all, not both")
    load_kg, unit = units.parse_load_and_unit(load, units.MassUnit.KG)
    if not all_methods:
        chosen = method or "epley"
        value = loads.estimate_1rm(load_kg, reps, chosen)
        console.print(
            f"e1RM ({chosen.strip().lower()}): {units.from_kg(value, unit):.1f} {unit.value}",
            highlight=False,
        )
        _high_rep_note(reps)
        return
    estimates = loads.estimate_1rm_all(load_kg, reps)  # validates before any output
    console.print(f"e1RM from {units.format_load(load_kg, unit)} × {reps}:", highlight=False)
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column("method")
    table.add_column(f"e1RM ({unit.value})", justify="right")
    for name, value in estimates.items():
        table.add_row(name, f"{units.from_kg(value, unit):.1f}")
    console.print(table)
    _high_rep_note(reps)


def _high_rep_note(reps: int) -> None:
    if loads.e1rm_is_rough(reps):
        console.print(
            f"note: estimates from more than {loads.E1RM_ROUGH_ABOVE_REPS} reps are rough.",
            style="dim",
        )


def plates(
    target: Annotated[
        str,
        typer.Argument(
            metavar="TARGET",
            help="Load wanted, arm included: a number in --unit, or with its unit (90lb, 40kg).",
        ),
    ],
    arm_kg: Annotated[
        float, typer.Option(help="What the empty swing arm counts for [kg] (0 = plates only).")
    ] = 0.0,
    limit: Annotated[
        list[str] | None,
        typer.Option(help="How many of a plate you have, as KG=COUNT (repeatable), e.g. 25=2."),
    ] = None,
    plate_list: Annotated[
        str | None,
        typer.Option(
            "--plates",
            help="The plates you have, SIZExCOPIES in --unit, e.g. 20x4,10x2,5x2,2.5x2,1.25x2 "
            "(a size alone: as many as needed). Default: a gym's full set.",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(help="kg or lb: the plate set's unit and TARGET's when it has none [kg]."),
    ] = None,
    athlete: Annotated[
        str | None,
        typer.Option(help="Use this athlete's stored plates and unit (options override them)."),
    ] = None,
) -> None:
    """Which plates to put on the swing arm's single pin for a target load."""
    from revhyper.services.plates import PlatesRequest, plates_for

    request = PlatesRequest(
        target=target,
        arm_kg=arm_kg,
        athlete=athlete,
        plates=plate_list,
        unit=unit,
        limits=_parse_limits(limit or []),
    )
    _print_loading(plates_for(request, _unit_of_work))


def _unit_of_work() -> UnitOfWork:
    """The database, opened only when ``--athlete`` needs it (it costs start-up time)."""
    from revhyper.services.database import unit_of_work

    return unit_of_work()


def _print_loading(loading: plates_module.PlateLoading) -> None:
    unit = loading.unit.value
    if loading.plates:
        listing = " + ".join(number_text(plate) for plate in loading.plates)
        console.print(
            f"Plates on the pin: {listing} {unit} ({len(loading.plates)} plates)",
            highlight=False,
        )
    else:
        console.print("No plates: the empty arm is all you need.", highlight=False)
    arm_note = f" (arm {number_text(loading.arm)} {unit} + plates)" if loading.arm else ""
    console.print(f"Total: {number_text(loading.achieved)} {unit}{arm_note}", highlight=False)
    if not loading.exact:
        console.print(
            f"Cannot make {number_text(loading.target, 4)} {unit} exactly with these plates: "
            f"{number_text(loading.shortfall, 4)} {unit} short.",
            highlight=False,
        )


def _parse_limits(items: list[str]) -> dict[float, int]:
    counts: dict[float, int] = {}
    for item in items:
        plate, _, count = item.partition("=")
        try:
            counts[float(plate)] = int(count)
        except ValueError:
            raise InvalidInputError(
                f"plate limit {item!r} is not KG=COUNT; e.g. 25=2 for two 25 kg plates"
            ) from None
    return counts


def rpe(
    reps: Annotated[int | None, typer.Option(help="Look up one cell: reps (1–12).")] = None,
    at_rpe: Annotated[
        float | None, typer.Option("--rpe", help="Look up one cell: RPE (6.5–10).")
    ] = None,
) -> None:
    """Print the RPE chart (% of 1RM by reps and RPE) and the RPE ↔ reps-in-reserve scale."""
    if (reps is None) != (at_rpe is None):
        raise InvalidInputError("give both --reps and --rpe to look up one cell, or neither")
    if reps is not None and at_rpe is not None:
        percent = loads.percent_1rm(reps, at_rpe) * 100
        console.print(
            f"{reps} reps @ RPE {at_rpe:g} ≈ {percent:.1f}% of 1RM "
            f"({loads.rir_from_rpe(at_rpe):g} reps in reserve)",
            highlight=False,
        )
        return
    console.print(_chart_table())
    console.print(_scale_table())


def working_load(
    load_kg: Annotated[float, typer.Argument(metavar="LOAD", help="Logged load [kg].")],
    reps: Annotated[int, typer.Argument(help="Logged reps (1–12).")],
    logged_rpe: Annotated[float, typer.Argument(metavar="RPE", help="Logged RPE (6.5–10).")],
    target_reps: Annotated[int, typer.Option(help="Reps wanted (1–12).")],
    target_rpe: Annotated[float, typer.Option(help="RPE wanted (6.5–10).")],
    increment_kg: Annotated[float, typer.Option(help="Smallest load step [kg].")] = 1.25,
) -> None:
    """Suggest a working load for a target reps @ RPE from a logged set (RTS chart)."""
    suggestion = loads.suggest_working_load(
        load_kg, reps, logged_rpe, target_reps, target_rpe, increment_kg=increment_kg
    )
    console.print(
        f"From {load_kg:g} kg × {reps} @ RPE {logged_rpe:g}: e1RM ≈ {suggestion.e1rm_kg:.1f} kg",
        highlight=False,
    )
    console.print(
        f"For {target_reps} reps @ RPE {target_rpe:g}: {suggestion.load_kg:g} kg "
        f"(rounded down to {suggestion.increment_kg:g} kg steps)",
        highlight=False,
    )


def _chart_table() -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        title="% of 1RM by reps and RPE (RTS chart, Tuchscherer 2008)",
    )
    table.add_column("reps", justify="right")
    for column_rpe in loads.RPE_CHART_RPES:
        table.add_column(f"@{column_rpe:g}", justify="right")
    for reps, row in enumerate(loads.RPE_CHART_PERCENT, start=1):
        table.add_row(str(reps), *(f"{value:.1f}" for value in row))
    return table


def _scale_table() -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="RPE scale (Zourdos et al. 2016)")
    table.add_column("RPE", justify="right")
    table.add_column("reps in reserve", justify="right")
    table.add_column("meaning")
    for low, high, rir_low, rir_high, text in loads.RPE_SCALE:
        rpe_text = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        if rir_low is None or rir_high is None:
            rir_text = "–"
        else:
            rir_text = f"{rir_low:g}" if rir_low == rir_high else f"{rir_low:g}–{rir_high:g}"
        table.add_row(rpe_text, rir_text, text)
    return table


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("e1rm")(e1rm)
    app.command("plates")(plates)
    app.command("rpe")(rpe)
    app.command("working-load")(working_load)
