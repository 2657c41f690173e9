"""A Rich progress bar for video analysis: frames done, frames per second and time left.

Drawn on stderr, so ``--json`` output on stdout stays clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from revhyper.services.video_analysis import StageProgress

#: What each stage of :func:`revhyper.services.video_analysis.analyze_video` is called.
STAGE_LABELS = {"pose": "pose estimation", "annotate": "annotated video"}


class FramesPerSecondColumn(ProgressColumn):
    """The recent processing rate [frames/s]."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("   – fps" if speed is None else f"{speed:5.1f} fps", style="cyan")


@contextmanager
def video_progress(console: Console | None = None) -> Iterator[StageProgress]:
    """A progress callback for ``analyze_video`` showing one bar per stage."""
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("frames"),
        FramesPerSecondColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(STAGE_LABELS.get(stage, stage), total=total)
        bars.update(tasks[stage], completed=done, total=total)

    with bars:
        yield update
