"""CLI command ``mechanics``: what a setup asks of the hip over the range of motion."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.markup import escape
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain import mechanics as mech
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.form_result import ANALYSIS_FORMAT
from revhyper.domain.tempo import parse_tempo

console = output.console()

MECHANICS_FORMAT = "revhyper-mechanics/1"
TABLE_STEP_DEG = 10


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
    chosen = list(dict.fromkeys(setup or [SetupChoice.BENCH, SetupChoice.MACHINE]))
    legs_count = 1 if single_leg else 2
    if knee_flexion and any(s is not SetupChoice.BENCH for s in chosen):
        raise InvalidInputError(
            f"knee flexion {knee_flexion:g} deg is modelled for the bench only; the strap and "
            "band model needs straight legs"
        )
    legs = mech.athlete_legs(body_mass, height, sex.value, knee_flexion, legs_count)
    straight = mech.athlete_legs(body_mass, height, sex.value, 0.0, legs_count)
    geometry = mech.MachineGeometry(
        arm_length_m=arm_length,
        pivot_x_m=pivot_x,
        pivot_y_m=pivot_y,
        arm_mass_kg=arm_mass,
        strap_distance_m=strap,
    )
    band = mech.BandSetup(band_stiffness, band_anchor_x, band_anchor_y, band_rest_length)
    mech.validate_plate_load(load)
    mech.validate_machine(geometry, straight)
    mech.validate_band(band, straight)
    if tempo and analysis:
        raise InvalidInputError("use either --tempo or --analysis, not both")
    rep_range = (bottom, top)
    motion = mech.motion_from_tempo(parse_tempo(tempo), rep_range) if tempo else None
    if analysis is not None:
        motion = _motion_from_analysis(analysis)
        rep_range = (motion.bottom_angle_deg, motion.top_angle_deg)
        tempo = _tempo_text(motion)
    if motion is None:
        mech.validate_motion(mech.RepMotion(bottom, top, 1.0, 0.0, 1.0, 0.0))
    strength = mech.peak_hip_extension_strength_n_m(body_mass, height, hips=legs_count)
    specs = [_spec(choice, load, geometry, band) for choice in chosen]
    curves = mech.compare_setups(
        legs,
        specs,
        strength,
        motion=motion,
        reference_geometry=geometry,
        rep_range_deg=rep_range,
    )
    title = f"{body_mass:g} kg, {height:g} m, {sex.value}"
    if tempo:
        source = f"median rep of {analysis.name}, " if analysis is not None else ""
        title += f" ({source}tempo {tempo})"
    if plot is not None:
        from revhyper.adapters.mechanics_plot import save_moment_plot

        save_moment_plot(curves, plot, title=title, strength_n_m=strength, rep_range_deg=rep_range)
    if as_json:
        payload = _json_payload(
            body_mass, height, sex.value, legs, strength, rep_range, tempo, curves
        )
        typer.echo(json.dumps(payload, indent=2))
        return
    _print_report(title, legs, strength, curves, rep_range)
    if plot is not None:
        console.print(f"Plot saved to {safe(plot)}", highlight=False)


def _motion_from_analysis(path: Path) -> mech.RepMotion:
    """The median rep of a ``revhyper-analysis/1`` file (pause at the bottom not timed: 0)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InvalidInputError(f"{path} is not a JSON file") from None
    if not isinstance(document, dict) or document.get("format") != ANALYSIS_FORMAT:
        raise InvalidInputError(f"{path} is not a {ANALYSIS_FORMAT} analysis result")
    motions = []
    for rep in document.get("reps") or []:
        try:
            motion = mech.RepMotion(
                bottom_angle_deg=float(rep["bottom_angle_deg"]),
                top_angle_deg=float(rep["top_angle_deg"]),
                concentric_s=float(rep["concentric_s"]),
                hold_s=float(rep["hold_s"]),
                eccentric_s=float(rep["eccentric_s"]),
                pause_s=0.0,
            )
            mech.validate_motion(motion)
        except (KeyError, TypeError, ValueError):
            continue  # a rep with missing or unusable numbers (InvalidInputError included)
        motions.append(motion)
    if not motions:
        raise InvalidInputError(f"{path} holds no rep with usable times and angles")
    return mech.typical_motion(motions)


def _tempo_text(motion: mech.RepMotion) -> str:
    parts = (motion.concentric_s, motion.hold_s, motion.eccentric_s, motion.pause_s)
    return "-".join(f"{part:.2g}" for part in parts)


def _spec(
    choice: SetupChoice, load: float, geometry: mech.MachineGeometry, band: mech.BandSetup
) -> mech.SetupSpec:
    if choice is SetupChoice.MACHINE:
        return mech.SetupSpec("machine", plate_kg=load, geometry=geometry)
    if choice is SetupChoice.BAND:
        return mech.SetupSpec("band", band=band)
    return mech.SetupSpec("bench")


def _number(value: float, digits: int = 0) -> str:
    return "–" if not math.isfinite(value) else f"{value:.{digits}f}"


def _table_rows(curves: list[mech.SetupCurve]) -> list[tuple[float, list[float]]]:
    angles = curves[0].angles_deg
    rows = []
    for index, angle in enumerate(angles):
        if round(angle) % TABLE_STEP_DEG == 0:
            rows.append((float(angle), [float(c.moment_n_m[index]) for c in curves]))
    return rows


def _print_report(
    title: str,
    legs: mech.RigidLegs,
    strength: float,
    curves: list[mech.SetupCurve],
    rep_range: tuple[float, float],
) -> None:
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
    for angle, values in _table_rows(curves):
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


def _json_payload(
    body_mass: float,
    height: float,
    sex: str,
    legs: mech.RigidLegs,
    strength: float,
    rep_range: tuple[float, float],
    tempo: str | None,
    curves: list[mech.SetupCurve],
) -> dict[str, Any]:
    rows = _table_rows(curves)
    return {
        "format": MECHANICS_FORMAT,
        "athlete": {"body_mass_kg": body_mass, "height_m": height, "sex": sex},
        "legs": {"count": legs.leg_count, "mass_kg": round(legs.mass_kg, 3)},
        "strength_n_m": round(strength, 2),
        "rep_range_deg": list(rep_range),
        "tempo": tempo,
        "angles_deg": [angle for angle, _ in rows],
        "setups": [
            {
                "setup": curve.spec.setup,
                "label": curve.label,
                "phase": curve.phase,
                "plate_kg": curve.spec.plate_kg if curve.spec.setup == "machine" else None,
                "moment_n_m": [
                    round(values[i], 2) if math.isfinite(values[i]) else None for _, values in rows
                ],
                "peak_n_m": round(curve.summary.peak_n_m, 2),
                "peak_angle_deg": curve.summary.peak_angle_deg,
                "mean_n_m": round(curve.summary.mean_n_m, 2),
                "work_j": round(curve.summary.work_j, 2),
                "strength_fraction": round(curve.strength_fraction, 4),
                "equivalent_plate_kg": None
                if curve.equivalent_plate_kg is None
                else round(curve.equivalent_plate_kg, 2),
            }
            for i, curve in enumerate(curves)
        ],
    }


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("mechanics")(mechanics)
