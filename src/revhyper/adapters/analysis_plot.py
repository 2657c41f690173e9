"""The form-analysis figure: thigh angle with reps, phases and faults; trunk and knee beneath.

Drawn with matplotlib's non-interactive "Agg" backend and saved atomically (a temporary file
in the target directory, then :func:`os.replace`), so a failed save never leaves a
half-written image.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from revhyper.adapters.files import atomic_open
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.faults import DEFAULT_THRESHOLDS
from revhyper.domain.motion.form_result import AnalysisResult, AngleSeries, RepResult

#: Okabe–Ito colours (colour-blind safe).
_THIGH, _TRUNK, _KNEE, _FAULT = "#0072B2", "#009E73", "#CC79A7", "#D55E00"
_PHASE_COLOURS = {"lift": "#56B4E9", "hold": "#E69F00", "lower": "#009E73"}
_PHASE_ALPHA = 0.18


def _thresholds(result: AnalysisResult) -> dict[str, float]:
    saved = result.extra.get("thresholds")
    return dict(saved) if isinstance(saved, dict) else DEFAULT_THRESHOLDS.as_dict()


def _shade_phases(ax: Axes, rep: RepResult) -> None:
    top_left = rep.top_s + rep.hold_s
    for name, start, end in (
        ("lift", rep.start_s, rep.top_s),
        ("hold", rep.top_s, top_left),
        ("lower", top_left, rep.end_s),
    ):
        if end > start:
            ax.axvspan(start, end, color=_PHASE_COLOURS[name], alpha=_PHASE_ALPHA, lw=0)


def _label_rep(ax: Axes, rep: RepResult, y_top: float) -> None:
    ax.text((rep.start_s + rep.end_s) / 2, y_top, f"#{rep.index}", ha="center", va="top",
            fontsize=8, color="0.3")  # fmt: skip
    peak_time = rep.top_s + rep.hold_s / 2
    if rep.faults:
        ax.plot(peak_time, rep.top_angle_deg, marker="v", color=_FAULT, ms=6, zorder=4)
        ax.annotate("\n".join(f.value.replace("_", " ") for f in rep.faults),
                    (peak_time, rep.top_angle_deg), xytext=(0, 8), textcoords="offset points",
                    ha="center", va="bottom", fontsize=7, color=_FAULT, zorder=5)  # fmt: skip
    else:
        ax.plot(peak_time, rep.top_angle_deg, marker="o", color=_THIGH, ms=4, zorder=4)


def _draw_thigh(ax: Axes, series: AngleSeries, result: AnalysisResult) -> None:
    limits = _thresholds(result)
    thigh = series.thigh_deg
    finite = thigh[np.isfinite(thigh)]
    low = min(float(finite.min()) if finite.size else -100.0, -100.0) - 5
    high = max(float(finite.max()) if finite.size else 30.0, 30.0) + 22
    ax.set_ylim(low, high)
    for rep in result.reps:
        _shade_phases(ax, rep)
    ax.axhline(0.0, color="0.25", lw=1.0)
    ax.text(series.t[0], 0.0, " parallel", va="bottom", fontsize=8, color="0.25")
    for value, label in (
        (limits["short_rom_top_deg"], "short ROM below"),
        (limits["over_extension_top_deg"], "over-extension above"),
    ):
        ax.axhline(value, color=_FAULT, lw=0.8, ls="--", alpha=0.7)
        ax.text(series.t[-1], value, f"{label} {value:+.0f}° ", ha="right", va="bottom",
                fontsize=7, color=_FAULT)  # fmt: skip
    ax.plot(series.t, thigh, color=_THIGH, lw=1.4, label="thigh vs floor")
    for rep in result.reps:
        _label_rep(ax, rep, high - 2)
    ax.set_ylabel("thigh angle [deg]")
    handles = [Patch(color=c, alpha=0.4, label=n) for n, c in _PHASE_COLOURS.items()]
    ax.legend(handles=[*ax.get_legend_handles_labels()[0], *handles], loc="lower right",
              fontsize=8, ncol=4, framealpha=0.9)  # fmt: skip


def _draw_trunk(ax: Axes, series: AngleSeries, result: AnalysisResult) -> None:
    limits = _thresholds(result)
    for rep in result.reps:
        ax.axvspan(rep.start_s, rep.end_s, color="0.5", alpha=0.08, lw=0)
        if rep.trunk_angle_change_deg > limits["torso_lift_change_deg"]:
            ax.axvspan(rep.start_s, rep.end_s, color=_FAULT, alpha=0.15, lw=0)
    ax.plot(series.t, series.trunk_deg, color=_TRUNK, lw=1.3, label="trunk vs floor")
    ax.plot(series.t, series.knee_flexion_deg, color=_KNEE, lw=1.0, ls="-.",
            label="knee flexion")  # fmt: skip
    knee_limit = limits["knee_bend_top_deg"]
    ax.axhline(knee_limit, color=_KNEE, lw=0.8, ls=":", alpha=0.8)
    ax.text(series.t[0], knee_limit, f" knee bend above {knee_limit:.0f}°", va="bottom",
            fontsize=7, color=_KNEE)  # fmt: skip
    ax.set_ylabel("angle [deg]")
    ax.set_xlabel("time [s]")
    lifted = Patch(color=_FAULT, alpha=0.3, label="torso lift")
    ax.legend(handles=[*ax.get_legend_handles_labels()[0], lifted], loc="upper right",
              fontsize=8, ncol=3, framealpha=0.9)  # fmt: skip


def _title(result: AnalysisResult) -> str:
    quality = result.quality
    faults = ", ".join(f.value.replace("_", " ") for f in result.faults) or "none"
    return (
        f"{result.rep_count} reps · faults: {faults} · "
        f"tracked {quality.tracked_fraction:.0%} ({quality.side} side)"
    )


def render_analysis(result: AnalysisResult) -> Figure:
    """The two-panel figure (not yet saved)."""
    figure = Figure(figsize=(12, 6.5), layout="constrained")
    series = result.series
    if series is None or series.t.size == 0:
        ax = figure.subplots()
        ax.axis("off")
        message = "; ".join(result.quality.warnings) or "nothing to show"
        ax.text(0.5, 0.5, f"The clip could not be analysed:\n{message}", ha="center",
                va="center", wrap=True, fontsize=12)  # fmt: skip
        return figure
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1.4))
    _draw_thigh(top, series, result)
    _draw_trunk(bottom, series, result)
    for ax in (top, bottom):
        ax.grid(alpha=0.25)
        ax.spines[["top", "right"]].set_visible(False)
    top.set_xlim(float(series.t[0]), float(series.t[-1]))
    figure.suptitle(_title(result), fontsize=12, fontweight="bold")
    return figure


def save_analysis_plot(result: AnalysisResult, path: Path) -> Path:
    """Render and save the figure as PNG at ``path`` atomically; returns the path.

    Raises:
        InvalidInputError: the file name does not end in ``.png``.
        InvalidInputError: the directory does not exist or cannot be written.
    """
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise InvalidInputError(f"plot file '{path}' must end in .png")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InvalidInputError(f"output directory does not exist: {directory}")
    figure = render_analysis(result)
    with atomic_open(path) as stream:
        figure.savefig(stream, format="png", dpi=110)
    return path
