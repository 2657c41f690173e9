"""CLI command ``mechanics``: what a setup asks of the hip over the range of motion."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.body import mechanics as mech

if TYPE_CHECKING:
    from revhyper.services.mechanics import MechanicsReport

console = output.console()


class SexChoice(StrEnum):
    MALE = "male"
    FEMALE = "female"


class SetupChoice(StrEnum):
    MACHINE = "machine"
    BENCH = "bench"
    BAND = "band"


DEFAULTS = mech.MachineGeometry()


def mechanics(
    body_mass: Annotated[float, typer.Option(metavar="KG", help="Body mass [kg].")],
    height: Annotated[float, typer.Option(metavar="M", help="Body height [m], e.g. 1.80.")],
    sex: Annotated[SexChoice, typer.Option(help="Selects de Leva's table column.")] = (
        SexChoice.MALE
    ),
    setup: Annotated[
        list[SetupChoice] | None,
        typer.Option(
            help="Setup to show (repeat to overlay several); default bench and machine. "
            "bench = legs alone (also ball, floor, GHD)."
        ),
    ] = None,
    load: Annotated[float, typer.Option(metavar="KG", help="Plates on the machine [kg].")] = 20.0,
    arm_length: Annotated[
        float, typer.Option(metavar="M", help="Machine: pivot to plate horn [m] (typical).")
    ] = DEFAULTS.arm_length_m,
    arm_mass: Annotated[
        float, typer.Option(metavar="KG", help="Machine: the empty arm's mass [kg] (typical).")
    ] = DEFAULTS.arm_mass_kg,
    pivot_x: Annotated[
        float,
        typer.Option(metavar="M", help="Machine: pivot from the hip, + away from the bench [m]."),
    ] = DEFAULTS.pivot_x_m,
    pivot_y: Annotated[
        float, typer.Option(metavar="M", help="Machine: pivot from the hip, + up [m].")
    ] = DEFAULTS.pivot_y_m,
    strap: Annotated[
        float | None,
        typer.Option(metavar="M", help="Machine: strap distance down the hanging leg [m]."),
    ] = None,
    band_stiffness: Annotated[
        float, typer.Option(metavar="N/M", help="Band: tension per metre of stretch [N/m].")
    ] = 150.0,
    band_anchor_x: Annotated[
        float, typer.Option(metavar="M", help="Band: anchor from the hip, + away [m].")
    ] = 0.0,
    band_anchor_y: Annotated[
        float, typer.Option(metavar="M", help="Band: anchor from the hip, + up [m].")
    ] = -1.0,
    band_rest_length: Annotated[
        float | None,
        typer.Option(metavar="M", help="Band: unstretched length [m] (default: taut hanging)."),
    ] = None,
    knee_flexion: Annotated[
        float, typer.Option(metavar="DEG", help="Bench only: fixed knee bend [deg].")
    ] = 0.0,
    single_leg: Annotated[bool, typer.Option(help="One leg working instead of two.")] = False,
    bottom: Annotated[float, typer.Option(metavar="DEG", help="Rep bottom angle [deg].")] = -90.0,
    top: Annotated[float, typer.Option(metavar="DEG", help="Rep top angle [deg].")] = 0.0,
    tempo: Annotated[
        str | None,
        typer.Option(metavar="C-H-E-P", help="Add the lifting curve at this tempo, e.g. 2-1-2-0."),
    ] = None,
    analysis: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE.json",
            help="Take the tempo and range from a form analysis (revhyper-analysis/1 JSON): "
            "its median rep.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    plot: Annotated[
        Path | None, typer.Option(metavar="FILE.png", help="Save the moment curves as a figure.")
    ] = None,
) -> None:
    """Hip extension moment over the thigh angle for the machine, bench or band."""
    from revhyper.services import mechanics as service

    request = service.MechanicsRequest(
        body_mass_kg=body_mass,
        height_m=height,
        sex=sex.value,
        setups=tuple(choice.value for choice in setup or ()),
        plate_kg=load,
        arm_length_m=arm_length,
        arm_mass_kg=arm_mass,
        pivot_x_m=pivot_x,
        pivot_y_m=pivot_y,
        strap_m=strap,
        band_stiffness_n_per_m=band_stiffness,
        band_anchor_x_m=band_anchor_x,
        band_anchor_y_m=band_anchor_y,
        band_rest_length_m=band_rest_length,
        knee_flexion_deg=knee_flexion,
        single_leg=single_leg,
        bottom_deg=bottom,
        top_deg=top,
        tempo=tempo,
        analysis=analysis,
    )
    report = service.hip_moments(request)
    if plot is not None:
        service.save_mechanics_plot(report, plot)
    if as_json:
        typer.echo(json.dumps(service.mechanics_document(report), indent=2))
        return
    _print_report(report)
    if plot is not None:
        console.print(f"Plot saved to {safe(plot)}", highlight=False)


def _number(value: float, digits: int = 0) -> str:
    return "–" if not math.isfinite(value) else f"{value:.{digits}f}"


def _print_report(report: MechanicsReport) -> None:
    title, legs, strength = report.title, report.legs, report.strength_n_m
    curves, rep_range = report.curves, report.rep_range_deg
    hips = "both hips" if legs.leg_count == 2 else "one hip"
    console.print(f"[bold]{title}[/]", highlight=False)
    console.print(
        f"Moving legs {legs.mass_kg:.1f} kg; estimated peak hip-extension strength "
        f"{strength:.0f} N m ({hips}; Anderson et al. 2007, 0.17 × m × h × g per hip)",
        highlight=False,
    )
    moments = Table(box=box.SIMPLE_HEAD, title=escape("Hip extension moment [N m] by thigh angle"))
    moments.add_column(escape("thigh [deg]"), justify="right")
    for curve in curves:
        moments.add_column(curve.label, justify="right")
    for angle, values in report.table_rows():
        moments.add_row(f"{angle:+.0f}", *(_number(v) for v in values))
    console.print(moments)
    low, high = rep_range
    summary = Table(box=box.SIMPLE_HEAD, title=f"Over the rep, {low:+g}° to {high:+g}°")
    for heading in ("setup", "peak [N m]", "at [deg]", "mean [N m]", "work/rep [J]"):
        summary.add_column(escape(heading), justify="left" if heading == "setup" else "right")
    summary.add_column("% of strength", justify="right")
    summary.add_column(escape("≈ machine plates [kg]"), justify="right")
    for curve in curves:
        s = curve.summary
        plates = curve.equivalent_plate_kg
        summary.add_row(
            curve.label,
            _number(s.peak_n_m),
            f"{s.peak_angle_deg:+.0f}",
            _number(s.mean_n_m),
            _number(s.work_j),
            _number(100 * curve.strength_fraction),
            "over limit" if plates is None else _number(plates, 1),
        )
    console.print(summary)
    console.print(
        "Positive = the hip extensors work; negative = the legs are behind the vertical and "
        "the hip flexors hold them. Machine geometry defaults are typical values, not a "
        "particular manufacturer's.",
        style="dim",
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("mechanics")(mechanics)
