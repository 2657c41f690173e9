"""The progress figure: weekly volume load, e1RM trend, adherence and back pain, in one PNG.

Drawn with matplotlib's non-interactive "Agg" backend and saved atomically: the image is
written to a temporary file in the target directory, then moved over the target, so a failed
or interrupted save never leaves a half-written file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import matplotlib
import numpy as np
from numpy.typing import NDArray

matplotlib.use("Agg")

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from revhyper.adapters.files import atomic_open
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.analytics import E1rmPoint, PainPoint, WeekAdherence, WeekVolume
from revhyper.domain.units import MassUnit, from_kg

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
    plan_start: date | None = None
    #: The athlete's unit: loads are drawn in it (the analytics stay in kg).
    unit: MassUnit = MassUnit.KG


def _days(days: list[date]) -> NDArray[np.datetime64]:
    """Dates as a NumPy day array (what matplotlib's date axis takes)."""
    return np.array(days, dtype="datetime64[D]")


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes, color="0.45")
    ax.set_xticks([])
    ax.set_yticks([])


#: Tick labels of the date axes: every tick names its day AND month ("29 Nov"), and the
#: offset text only the year, so a November tick never sits under a December offset.
_TICK_FORMATS = ["%Y", "%b", "%d %b", "%d %b %H:%M", "%H:%M", "%S.%f"]
_ZERO_FORMATS = ["", "%b %Y", "%d %b", "%d %b %H:%M", "%H:%M", "%H:%M"]
_OFFSET_FORMATS = ["", "%Y", "%Y", "%Y", "%Y", "%Y"]

#: Shortest span a date axis shows [days], so one point is not drawn across years.
MIN_DATE_SPAN_DAYS = 14

#: Padding on each side of the data on a date axis [days].
DATE_PAD_DAYS = 2


def _date_axis(ax: Axes, first: date, last: date) -> None:
    """A date axis from ``first`` to ``last`` (padded, at least two weeks wide)."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(  # type: ignore[no-untyped-call]
        locator, formats=_TICK_FORMATS, zero_formats=_ZERO_FORMATS, offset_formats=_OFFSET_FORMATS
    )
    ax.xaxis.set_major_formatter(formatter)
    low = first - timedelta(days=DATE_PAD_DAYS)
    high = last + timedelta(days=DATE_PAD_DAYS)
    missing = MIN_DATE_SPAN_DAYS - (high - low).days
    if missing > 0:
        low -= timedelta(days=missing // 2)
        high += timedelta(days=missing - missing // 2)
    ax.set_xlim(mdates.date2num(low), mdates.date2num(high))  # type: ignore[no-untyped-call]


#: Width of a week's volume bar, starting on its Monday [days] (a gap before the next week).
WEEK_BAR_DAYS = 6


def _draw_volume(ax: Axes, weeks: list[WeekVolume], unit: MassUnit = MassUnit.KG) -> None:
    ax.set_title("Volume load per week", loc="left", fontweight="bold")
    if not weeks:
        _empty(ax, "no sets logged yet")
        return
    starts = _days([w.week_start for w in weeks])
    volumes = [from_kg(w.volume_load_kg, unit) for w in weeks]
    bars = ax.bar(starts, volumes, width=WEEK_BAR_DAYS, align="edge", color=_COLOURS[0])
    ax.bar_label(bars, labels=[f"{w.sets} sets" if w.sets else "" for w in weeks], fontsize=8)
    ax.set_ylabel(f"reps × load [{unit.value}]")
    if max(volumes) > 0:
        ax.margins(y=0.15)
        ax.set_ylim(bottom=0)
    else:
        ax.set_ylim(0, 1)
        ax.set_yticks([0])
        ax.text(
            0.5,
            0.6,
            "body weight only: no external load to total",
            ha="center",
            transform=ax.transAxes,
            color="0.45",
        )
    _date_axis(ax, weeks[0].week_start, weeks[-1].week_start + timedelta(days=WEEK_BAR_DAYS))


def _draw_e1rm(ax: Axes, points: list[E1rmPoint], unit: MassUnit = MassUnit.KG) -> None:
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
            [from_kg(p.e1rm_kg, unit) for p in series],
            marker="o",
            color=colour,
            label=variation,
        )
    ax.set_ylabel(f"e1RM [{unit.value}]")
    ax.legend(fontsize=8, loc="best")
    _date_axis(ax, min(p.day for p in points), max(p.day for p in points))


def adherence_gap_text(plan_start: date | None, today: date | None = None) -> str:
    """Why there is no adherence to show: no plan, or no plan week due yet."""
    if plan_start is None:
        return "no plan stored"
    if plan_start > (today or date.today()):
        return f"the plan starts on {plan_start:%d %b %Y}"
    return f"plan from {plan_start:%d %b %Y}: its first week is not over yet"


def _draw_adherence(ax: Axes, weeks: list[WeekAdherence], plan_start: date | None) -> None:
    ax.set_title("Adherence (done / planned)", loc="left", fontweight="bold")
    if not weeks:
        _empty(ax, adherence_gap_text(plan_start))
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
    _date_axis(ax, points[0].day, points[-1].day)


def render_progress(data: ProgressData) -> Figure:
    """The four-panel figure (not yet saved)."""
    figure = Figure(figsize=(11, 7.5), layout="constrained")
    axes = figure.subplots(2, 2)
    _draw_volume(axes[0, 0], data.volume, data.unit)
    _draw_e1rm(axes[0, 1], data.e1rm, data.unit)
    _draw_adherence(axes[1, 0], data.adherence, data.plan_start)
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
