"""The progress figure: weekly volume load, e1RM trend, adherence and back pain, in one PNG.

Drawn with matplotlib's non-interactive "Agg" backend and saved atomically: the image is
written to a temporary file in the target directory, then moved over the target, so a failed
or interrupted save never leaves a half-written file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import matplotlib
import numpy as np
from numpy.typing import NDArray

matplotlib.use("Agg")

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from revhyper.adapters.files import atomic_open
from revhyper.domain.analytics import E1rmPoint, PainPoint, WeekAdherence, WeekVolume
from revhyper.domain.errors import InvalidInputError

#: Colours per panel (colour-blind safe Okabe–Ito palette).
_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
_PAIN_LIMIT_COLOUR = "#D55E00"


@dataclass(frozen=True)
class ProgressData:
    """Everything the figure shows, already computed by the analytics."""

    athlete: str
    volume: list[WeekVolume]
    e1rm: list[E1rmPoint]
    adherence: list[WeekAdherence]
    pain: list[PainPoint]
    pain_threshold: int | None = None


def _days(days: list[date]) -> NDArray[np.datetime64]:
    """Dates as a NumPy day array (what matplotlib's date axis takes)."""
    return np.array(days, dtype="datetime64[D]")


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="0.45")
    ax.set_xticks([])
    ax.set_yticks([])


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(formatter)


def _draw_volume(ax: Axes, weeks: list[WeekVolume]) -> None:
    ax.set_title("Volume load per week", loc="left", fontweight="bold")
    if not weeks:
        _empty(ax, "no sets logged yet")
        return
    starts = _days([w.week_start for w in weeks])
    bars = ax.bar(starts, [w.volume_load_kg for w in weeks], width=5, color=_COLOURS[0])
    ax.bar_label(bars, labels=[f"{w.sets} sets" if w.sets else "" for w in weeks], fontsize=8)
    ax.set_ylabel("reps × load [kg]")
    ax.margins(y=0.15)
    _date_axis(ax)


def _draw_e1rm(ax: Axes, points: list[E1rmPoint]) -> None:
    ax.set_title("Estimated 1RM (best set per session)", loc="left", fontweight="bold")
    if not points:
        _empty(ax, "no loaded sets yet")
        return
    by_variation: dict[str, list[E1rmPoint]] = defaultdict(list)
    for point in points:
        by_variation[str(point.variation)].append(point)
    for colour, (variation, series) in zip(_COLOURS, sorted(by_variation.items()), strict=False):
        ax.plot(
            _days([p.day for p in series]),
            [p.e1rm_kg for p in series],
            marker="o",
            color=colour,
            label=variation,
        )
    ax.set_ylabel("e1RM [kg]")
    ax.legend(fontsize=8, loc="best")
    _date_axis(ax)


def _draw_adherence(ax: Axes, weeks: list[WeekAdherence]) -> None:
    ax.set_title("Adherence (done / planned)", loc="left", fontweight="bold")
    if not weeks:
        _empty(ax, "no plan stored")
        return
    labels = [str(w.week) for w in weeks]
    positions = range(len(weeks))
    width = 0.4
    ax.bar(
        [p - width / 2 for p in positions],
        [100 * w.session_fraction for w in weeks],
        width,
        color=_COLOURS[2],
        label="sessions",
    )
    ax.bar(
        [p + width / 2 for p in positions],
        [100 * w.set_fraction for w in weeks],
        width,
        color=_COLOURS[1],
        label="sets",
    )
    ax.set_xticks(list(positions), labels)
    ax.set_xlabel("plan week")
    ax.set_ylabel("[%]")
    ax.set_ylim(0, 115)
    ax.axhline(100, color="0.6", linewidth=0.8, linestyle=":")
    ax.legend(fontsize=8, loc="lower right")


def _draw_pain(ax: Axes, points: list[PainPoint], threshold: int | None) -> None:
    ax.set_title("Back pain (0–10)", loc="left", fontweight="bold")
    if not points:
        _empty(ax, "no pain ratings yet")
        return
    series = (
        ("before", [p.before for p in points], _COLOURS[4], "o"),
        ("after", [p.after for p in points], _COLOURS[3], "s"),
        ("worst during a set", [p.max_during for p in points], _COLOURS[5], "^"),
    )
    for label, values, colour, marker in series:
        kept = [(p.day, v) for p, v in zip(points, values, strict=True) if v is not None]
        if kept:
            days = _days([day for day, _ in kept])
            ax.plot(days, [v for _, v in kept], marker=marker, color=colour, label=label)
    if threshold is not None:
        ax.axhline(threshold, color=_PAIN_LIMIT_COLOUR, linestyle="--", linewidth=1)
        ax.axhspan(threshold, 10.5, color=_PAIN_LIMIT_COLOUR, alpha=0.06, linewidth=0)
        ax.annotate(
            f"regress at ≥ {threshold}",
            xy=(0.01, threshold),
            xycoords=("axes fraction", "data"),
            va="bottom",
            fontsize=8,
            color=_PAIN_LIMIT_COLOUR,
        )
    ax.set_ylim(-0.5, 10.5)
    ax.set_ylabel("pain")
    ax.legend(fontsize=8, loc="upper right")
    _date_axis(ax)


def render_progress(data: ProgressData) -> Figure:
    """The four-panel figure (not yet saved)."""
    figure = Figure(figsize=(11, 7.5), layout="constrained")
    axes = figure.subplots(2, 2)
    _draw_volume(axes[0, 0], data.volume)
    _draw_e1rm(axes[0, 1], data.e1rm)
    _draw_adherence(axes[1, 0], data.adherence)
    _draw_pain(axes[1, 1], data.pain, data.pain_threshold)
    for ax in axes.flat:
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    figure.suptitle(f"Reverse hyper progress — {data.athlete}", fontsize=14, fontweight="bold")
    return figure


def save_progress_plot(data: ProgressData, path: Path) -> Path:
    """Render and save the figure as PNG at ``path`` atomically; returns the path.

    Raises:
        InvalidInputError: the file name does not end in ``.png``.
        InvalidInputError: the directory does not exist or cannot be written.
    """
    if path.suffix.lower() != ".png":
        raise InvalidInputError(f"plot file '{path}' must end in .png")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InvalidInputError(f"output directory does not exist: {directory}")
    figure = render_progress(data)
    with atomic_open(path) as stream:
        figure.savefig(stream, format="png", dpi=110)
    return path
