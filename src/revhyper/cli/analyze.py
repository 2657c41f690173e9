"""CLI command: ``analyze`` — reps, phases and faults from a keypoint file or a video.

With ``--json`` only the ``revhyper-analysis/1`` document goes to stdout. A clip that cannot be
analysed (a keypoint file or a video: no person, two people, not side-on, not a reverse
hyper...) exits with code 6 after its warnings are shown; with ``--json`` the document (with
``quality.analysable = false`` and the reasons) is still printed first, so tools always get
a parseable answer, and the one-line error goes to stderr.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.errors import ClipUnusableError, InvalidInputError
from revhyper.domain.motion.form_result import AnalysisResult, Prescription
from revhyper.domain.vocabulary import VariationId

console = output.console()


def _analyze_input(
    path: Path,
    prescription: Prescription | None,
    *,
    keypoints_out: Path | None,
    annotate: Path | None,
    report: Path | None,
    stride: int,
) -> AnalysisResult:
    """Keypoint files go to the keypoint service, anything else to video analysis."""
    from revhyper.services.form_analysis import analyze_keypoint_file, is_keypoint_file

    if is_keypoint_file(path):
        video_only = {"--keypoints-out": keypoints_out, "--annotate": annotate, "--report": report}
        used = [name for name, value in video_only.items() if value is not None]
        if used or stride != 1:
            names = ", ".join(used + (["--stride"] if stride != 1 else []))
            raise InvalidInputError(f"{names} need a video input; {path} is a keypoint file")
        return analyze_keypoint_file(path, prescription)[1]
    try:
        from revhyper.services.video_analysis import analyze_video
    except ImportError:
        raise InvalidInputError(
            f"video analysis is not available; give a keypoint file (.json, .kp.json, "
            f".json.gz) instead of {path}"
        ) from None
    from revhyper.cli.video_progress import video_progress

    with video_progress() as progress:
        return analyze_video(
            path,
            prescription=prescription,
            stride=stride,
            keypoints_out=keypoints_out,
            annotate=annotate,
            report=report,
            progress=progress,
        )


def _degrees(value: float, digits: int) -> str:
    return f"{value:+.{digits}f}" if math.isfinite(value) else "–"


def _print_table(result: AnalysisResult) -> None:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    for name in (
        "#",
        "start",
        "end",
        "lift",
        "hold",
        "lower",
        "top°",
        "bottom°",
    ):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("faults", min_width=12)
    for rep in result.reps:
        table.add_row(
            str(rep.index),
            *(f"{v:.2f}" for v in (rep.start_s, rep.end_s)),
            *(f"{v:.2f}" for v in (rep.concentric_s, rep.hold_s, rep.eccentric_s)),
            *(_degrees(v, 1) for v in (rep.top_angle_deg, rep.bottom_angle_deg)),
            ", ".join(fault.value for fault in rep.faults) or "[green]ok[/]",
        )
    console.print(table)
    console.print(
        "times in seconds; thigh angles in degrees (0 = parallel to the floor)", style="dim"
    )


def _print_summary(result: AnalysisResult) -> None:
    from revhyper.domain.motion.faults import FAULT_ADVICE

    quality = result.quality
    faults = ", ".join(fault.value for fault in result.faults) or "none"
    console.print(
        f"[bold]{result.rep_count} reps[/]; faults: {faults}; tracked "
        f"{quality.tracked_fraction:.0%} of frames ({quality.side} side)",
        highlight=False,
    )
    for fault in result.faults:
        console.print(f"  [bold]{fault.value}[/]: {FAULT_ADVICE[fault]}", highlight=False)
    for warning in quality.warnings:
        console.print(f"[yellow]warning:[/] {safe(warning)}", highlight=False)


def analyze(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT", help="Keypoint clip (.json, .kp.json, .json.gz) or a side-view video."
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print only the revhyper-analysis/1 JSON.")
    ] = False,
    variation: Annotated[
        VariationId | None, typer.Option(help="The exercise variation filmed.")
    ] = None,
    hold: Annotated[
        float | None,
        typer.Option(metavar="SECONDS", help="Prescribed hold at the top [s]; checks short_hold."),
    ] = None,
    tempo: Annotated[
        str | None,
        typer.Option(
            metavar="C-H-E-P", help="Prescribed cadence [s], e.g. 3-1-3-1; checks tempo_off."
        ),
    ] = None,
    plot: Annotated[
        Path | None, typer.Option(metavar="FILE.png", help="Save a figure of the analysis.")
    ] = None,
    keypoints_out: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Video only: save the keypoints.")
    ] = None,
    annotate: Annotated[
        Path | None, typer.Option(metavar="OUT.mp4", help="Video only: write an annotated video.")
    ] = None,
    report: Annotated[
        Path | None, typer.Option(metavar="OUT.html", help="Video only: write an HTML report.")
    ] = None,
    stride: Annotated[
        int, typer.Option(min=1, metavar="K", help="Video only: analyse every K-th frame.")
    ] = 1,
) -> None:
    """Count reps and check form (range, phases, faults) in a side-view clip."""
    from revhyper.adapters.analysis_json import analysis_to_json
    from revhyper.services.form_analysis import make_prescription

    prescription = make_prescription(variation.value if variation else None, hold, tempo)
    if plot is not None and plot.suffix.lower() != ".png":
        raise InvalidInputError(f"plot file '{plot}' must end in .png")
    try:
        result = _analyze_input(
            input_path,
            prescription,
            keypoints_out=keypoints_out,
            annotate=annotate,
            report=report,
            stride=stride,
        )
    except ClipUnusableError as refusal:  # a refused video carries its result document
        refused = getattr(refusal, "result", None)
        if as_json and isinstance(refused, AnalysisResult):
            typer.echo(analysis_to_json(refused))
        raise
    if as_json:
        typer.echo(analysis_to_json(result))
    else:
        if result.reps:
            _print_table(result)
        _print_summary(result)
    if not result.quality.analysable:
        reason = "; ".join(result.quality.warnings) or "unknown reason"
        raise ClipUnusableError(f"{input_path} cannot be analysed: {reason}")
    if plot is not None:
        from revhyper.adapters.analysis_plot import save_analysis_plot

        save_analysis_plot(result, plot)
        if not as_json:
            console.print(f"plot saved to {safe(plot)}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(analyze)
