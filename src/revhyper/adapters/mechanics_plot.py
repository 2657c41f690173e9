"""The mechanics figure: hip extension moment against thigh angle, several setups overlaid.

Drawn with matplotlib's non-interactive "Agg" backend and saved atomically: the image is
written to a temporary file in the target directory and then moved over the target, so a
failed save never leaves a half-written file.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from revhyper.adapters.files import atomic_open
from revhyper.domain.body.mechanics import SetupCurve
from revhyper.domain.errors import InvalidInputError

#: Okabe–Ito colour-blind-safe palette, one colour per setup.
_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
_FORMATS = (".png", ".svg", ".pdf")


def _colour_by_setup(curves: list[SetupCurve]) -> dict[str, str]:
    labels: list[str] = []
    for curve in curves:
        if curve.spec.label not in labels:
            labels.append(curve.spec.label)
    return {label: _COLOURS[i % len(_COLOURS)] for i, label in enumerate(labels)}


def _draw_curves(ax: Axes, curves: list[SetupCurve]) -> None:
    colours = _colour_by_setup(curves)
    for curve in curves:
        colour = colours[curve.spec.label]
        static = curve.phase == "static"
        ax.plot(
            curve.angles_deg,
            curve.moment_n_m,
            color=colour,
            linewidth=2.2 if static else 1.6,
            linestyle="-" if static else "--",
            label=curve.label,
        )
        ax.plot(
            [curve.summary.peak_angle_deg],
            [curve.summary.peak_n_m],
            marker="o" if static else "s",
            markersize=6,
            color=colour,
            markeredgecolor="white",
        )


def _draw_landmarks(ax: Axes, rep_range_deg: tuple[float, float]) -> None:
    ax.axhline(0.0, color="0.3", linewidth=0.8)
    ax.axvspan(*rep_range_deg, color="0.93", zorder=0, label="rep range")
    for angle, text in ((-90.0, "hanging"), (0.0, "parallel")):
        ax.axvline(angle, color="0.55", linewidth=0.8, linestyle=":")
        ax.annotate(
            text,
            (angle, 0.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, 5),
            textcoords="offset points",
            fontsize=8,
            color="0.35",
        )


def _strength_axis(ax: Axes, strength_n_m: float) -> None:
    """A right-hand axis in % of the athlete's estimated peak strength."""
    secondary = ax.secondary_yaxis(
        "right",
        functions=(
            lambda moment: 100.0 * np.asarray(moment) / strength_n_m,
            lambda percent: np.asarray(percent) * strength_n_m / 100.0,
        ),
    )
    secondary.set_ylabel("% of estimated peak hip-extension strength")


def build_figure(
    curves: list[SetupCurve],
    *,
    title: str,
    strength_n_m: float,
    rep_range_deg: tuple[float, float],
) -> Figure:
    """The figure for some moment curves (not saved)."""
    figure = Figure(figsize=(8.0, 4.8), dpi=100, layout="constrained")
    ax = figure.add_subplot()
    _draw_landmarks(ax, rep_range_deg)
    _draw_curves(ax, curves)
    _strength_axis(ax, strength_n_m)
    ax.set_xlim(curves[0].angles_deg[0], curves[0].angles_deg[-1])
    ax.set_xticks(np.arange(-100, 31, 10))
    ax.set_xlabel("thigh angle [deg]  (0 = parallel to the floor, −90 = hanging)")
    ax.set_ylabel("hip extension moment, both hips [N m]")
    ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    ax.grid(True, color="0.88", linewidth=0.6)
    ax.legend(loc="upper left", fontsize=8, frameon=True, framealpha=0.9)
    return figure


def save_moment_plot(
    curves: list[SetupCurve],
    path: Path,
    *,
    title: str,
    strength_n_m: float,
    rep_range_deg: tuple[float, float],
) -> Path:
    """Draw the curves and save them atomically to ``path`` (.png, .svg or .pdf).

    Raises:
        InvalidInputError: no curves, or an unsupported file type.
        OSError: the directory does not exist or cannot be written.
    """
    if not curves:
        raise InvalidInputError("nothing to plot: no setups were computed")
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        raise InvalidInputError(f"plot file {str(path)!r} must end in one of {', '.join(_FORMATS)}")
    if not math.isfinite(strength_n_m) or strength_n_m <= 0:
        raise InvalidInputError(f"strength {strength_n_m:g} N m must be positive")
    figure = build_figure(
        curves, title=title, strength_n_m=strength_n_m, rep_range_deg=rep_range_deg
    )
    with atomic_open(path) as stream:
        figure.savefig(stream, format=suffix.lstrip("."))
    return path
