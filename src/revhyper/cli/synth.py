"""CLI command: ``synth`` — write a synthetic keypoint clip with known reps and faults."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.clips.synth import NoiseLevel, Side, Style, SynthTruth
from revhyper.domain.motion.form_result import Fault
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton
from revhyper.services.synth import SynthRequest, generate_synthetic_clip

console = output.console()


def synth(
    out: Annotated[
        Path, typer.Argument(metavar="OUT.kp.json", help="Clip to write (.json or .json.gz).")
    ],
    reps: Annotated[
        int | None, typer.Option("--reps", help="Number of reps (default: drawn from the seed).")
    ] = None,
    style: Annotated[Style, typer.Option(help="How the set is performed.")] = Style.CONTROLLED,
    fault: Annotated[
        list[Fault] | None,
        typer.Option(
            "--fault",
            help="Fault every rep shows (repeat for several). short_hold needs --style "
            "isometric, tempo_off needs --style tempo.",
        ),
    ] = None,
    fps: Annotated[
        float | None, typer.Option(help="Nominal frame rate [1/s] (default: 24-60 from seed).")
    ] = None,
    skeleton: Annotated[
        Skeleton | None, typer.Option(help="Joint layout (default: drawn from the seed).")
    ] = None,
    facing: Annotated[Side | None, typer.Option(help="Where the head points in the image.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed: same seed, same clip.")] = 0,
    truth: Annotated[
        Path | None, typer.Option("--truth", help="Also write the true reps and faults (JSON).")
    ] = None,
    noise: Annotated[
        NoiseLevel, typer.Option(help="Camera and pose-estimator imperfections.")
    ] = NoiseLevel.MEDIUM,
) -> None:
    """Generate a side-view keypoint clip of reverse hyperextensions with known truth."""
    request = SynthRequest(
        out=out,
        truth_out=truth,
        style=style,
        n_reps=reps,
        faults=tuple(fault or ()),
        fps=fps,
        skeleton=skeleton,
        facing=facing,
        seed=seed,
        noise=noise,
    )
    clip, result = generate_synthetic_clip(request)
    _print_summary(out, clip, result, truth)


def _print_summary(
    out: Path, clip: KeypointClip, truth: SynthTruth, truth_path: Path | None
) -> None:
    console.print(
        f"wrote {safe(out)}: {truth.rep_count} reps ({truth.style.value}), {clip.skeleton.value}, "
        f"{clip.n_frames} frames at ~{clip.fps:g} fps over {clip.duration_s:.1f} s, "
        f"{clip.width}x{clip.height} px, head to the {truth.facing.value}, "
        f"{truth.near_side.value} side nearer the camera",
        highlight=False,
    )
    if truth_path is not None:
        console.print(
            f"wrote {safe(truth_path)}: the true reps, phases and faults", highlight=False
        )
    prescription = truth.prescription
    if prescription is not None and prescription.hold_s is not None:
        console.print(f"prescribed hold at the top: {prescription.hold_s:g} s", highlight=False)
    if prescription is not None and prescription.tempo is not None:
        tempo = prescription.tempo
        cadence = (tempo.concentric_s, tempo.hold_s, tempo.eccentric_s, tempo.pause_s)
        console.print(f"prescribed tempo: {'-'.join(f'{v:g}' for v in cadence)}", highlight=False)
    if truth.reps:
        console.print(_truth_table(truth))


def _truth_table(truth: SynthTruth) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="truth")
    columns = ("rep", "start s", "top s", "end s", "conc s", "hold s", "ecc s", "top °", "faults")
    for column in columns:
        table.add_column(column, justify="left" if column == "faults" else "right")
    for rep in truth.reps:
        table.add_row(
            str(rep.index),
            *(
                f"{value:.2f}"
                for value in (
                    rep.start_s,
                    rep.top_s,
                    rep.end_s,
                    rep.concentric_s,
                    rep.hold_s,
                    rep.eccentric_s,
                )
            ),
            f"{rep.top_angle_deg:.1f}",
            ", ".join(fault.value for fault in rep.faults) or "-",
        )
    return table


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("synth")(synth)
