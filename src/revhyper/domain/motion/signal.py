"""Cleaning an angle time series: uniform time grid, glitch removal, smoothing.

Every parameter is in seconds (or hertz), never in frames, so a clip gives the same result at
24, 30 or 60 frames per second and with dropped frames:

0. **Impossible speeds**: a run of samples entered and left by a jump faster than
   ``max_speed_deg_s`` and shorter than ``max_error_s`` is a tracking error, not movement, and
   is dropped (:func:`impossible_samples`). Angles are unwrapped first, so a series crossing
   +/-180 degrees stays continuous; the reported values are wrapped back into (-180, 180].
1. **Resample** the valid samples onto a uniform grid at :data:`CleaningParameters.grid_rate_hz`
   by linear interpolation (``numpy.interp``). Grid points inside a gap longer than
   ``max_gap_s`` are marked as untracked (they keep an interpolated value so that filters can
   run, but are reported as NaN).
2. **Glitches** (a joint jumping for a frame or two): a Hampel-like rule — a sample further from
   the rolling median (``scipy.ndimage.median_filter``) than ``hampel_sigmas`` robust standard
   deviations (rolling MAD × 1.4826), and at least ``hampel_floor_deg``, is replaced by that
   median. Peaks of smooth movements are left alone (unlike a plain median filter, which
   would flatten the top of every pendulum swing).
3. **Jitter**: a zero-phase Butterworth low-pass (``scipy.signal.butter`` + ``sosfiltfilt``)
   at ``lowpass_hz``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import ndimage
from scipy import signal as sps

from revhyper.domain.motion.angles import wrap_deg

#: Scale from the median absolute deviation to a normal standard deviation [-].
MAD_TO_SIGMA = 1.4826

#: The fastest a thigh, trunk or shank can turn [deg/s]; faster is a tracking error. Measured
#: and derived (``docs/guide/real-footage.md``): legs dropped from +20 deg and falling freely
#: about the hip (a uniform rod of length L pivoting at one end:
#: omega^2 = 3 g (1 + sin 20 deg) / L) reach 6.6 rad/s = 380 deg/s for L = 0.9 m; the fastest
#: true segment speed in 400 clips of each of the project's generators is 895 deg/s
#: (``domain/clips/synth.py``, a 0.21 s pendulum drop, faster than free fall) and 594 deg/s
#: (``benchmarks/independent``). 1,500 deg/s is 1.7 times the fastest generated movement and
#: half the 2,900 deg/s reported in issue 12.
MAX_SEGMENT_SPEED_DEG_S = 1500.0


@dataclass(frozen=True)
class CleaningParameters:
    """How angle series are cleaned (all times in seconds)."""

    grid_rate_hz: float = 60.0
    max_speed_deg_s: float = MAX_SEGMENT_SPEED_DEG_S
    max_error_s: float = 0.25
    max_gap_s: float = 0.5
    hampel_window_s: float = 0.4
    hampel_sigmas: float = 3.0
    hampel_floor_deg: float = 5.0
    lowpass_hz: float = 4.0
    lowpass_order: int = 2
    velocity_lowpass_hz: float = 2.0
    phase_cutoffs_hz: tuple[float, ...] = (1.0, 2.0, 4.0)
    trunk_change_lowpass_hz: float = 1.5


DEFAULT_CLEANING = CleaningParameters()


@dataclass(frozen=True, eq=False)
class UniformSeries:
    """A signal on a uniform grid.

    Attributes:
        t: grid times [s].
        value: cleaned values, interpolated across every gap (for filters and segmentation).
        tracked: False on grid points inside a gap longer than the allowed maximum.
    """

    t: NDArray[np.float64]
    value: NDArray[np.float64]
    tracked: NDArray[np.bool_]

    @property
    def reported(self) -> NDArray[np.float64]:
        """Values in (-180, 180] with untracked points set to NaN (for plots and per-frame
        output)."""
        return np.where(self.tracked, wrap_deg(self.value), np.nan)


def impossible_samples(
    t: NDArray[np.float64],
    values: NDArray[np.float64],
    max_speed: float,
    max_error_s: float,
) -> NDArray[np.bool_]:
    """True on samples that are tracking errors by speed alone.

    ``values`` [deg] at times ``t`` [s] (all finite) split into runs wherever consecutive samples
    are further apart than ``max_speed`` [deg/s] allows. A run lasting less than
    ``max_error_s`` [s] is an error when a longer run exists (a body cannot leave its position
    and come back that fast; the longer runs are where it really was). Runs lasting longer on
    both sides of a jump are kept: that is a cut or a lasting swap, not a glitch.
    """
    flagged = np.zeros(values.shape, dtype=bool)
    if values.size < 2:
        return flagged
    dt = np.maximum(np.diff(t), 1e-9)
    jumps = np.flatnonzero(np.abs(np.diff(values)) > max_speed * dt) + 1
    if jumps.size == 0:
        return flagged
    starts = np.concatenate([[0], jumps])
    ends = np.concatenate([jumps, [values.size]])
    lasting = t[ends - 1] - t[starts] >= max_error_s
    if not lasting.any():
        return flagged
    for start, end in zip(starts[~lasting], ends[~lasting], strict=True):
        flagged[start:end] = True
    return flagged


def uniform_grid(t_start: float, t_end: float, rate_hz: float) -> NDArray[np.float64]:
    """Uniform times from ``t_start`` to ``t_end`` inclusive at ``rate_hz`` [s]."""
    count = int(np.floor((t_end - t_start) * rate_hz + 1e-9)) + 1
    return t_start + np.arange(count, dtype=np.float64) / rate_hz


def gap_mask(
    t_valid: NDArray[np.float64], grid: NDArray[np.float64], max_gap_s: float
) -> NDArray[np.bool_]:
    """True on grid points that lie within ``max_gap_s`` of tracked data on both sides.

    A grid point is untracked when the valid samples around it are more than ``max_gap_s``
    apart, or when it lies more than ``max_gap_s / 2`` before the first or after the last one.
    """
    if t_valid.size == 0:
        return np.zeros(grid.shape, dtype=bool)
    after = np.searchsorted(t_valid, grid, side="left")
    before_time = t_valid[np.clip(after - 1, 0, t_valid.size - 1)]
    after_time = t_valid[np.clip(after, 0, t_valid.size - 1)]
    exact = after_time == grid
    has_before = after > 0
    has_after = after < t_valid.size
    span = np.where(has_before & has_after, after_time - before_time, np.inf)
    edge_ok = np.where(
        has_before, grid - before_time <= max_gap_s / 2, after_time - grid <= max_gap_s / 2
    )
    inside_ok = span <= max_gap_s
    ok = np.where(has_before & has_after, inside_ok, edge_ok)
    return np.asarray(ok | exact, dtype=bool)


def remove_glitches(
    values: NDArray[np.float64], rate_hz: float, params: CleaningParameters
) -> NDArray[np.float64]:
    """Replace isolated outliers by the rolling median (Hampel-like rule) [same unit]."""
    size = max(3, round(params.hampel_window_s * rate_hz) | 1)
    if values.size < size:
        return values.copy()
    median = ndimage.median_filter(values, size=size, mode="nearest")
    deviation = np.abs(values - median)
    mad = ndimage.median_filter(deviation, size=size, mode="nearest")
    limit = np.maximum(params.hampel_sigmas * MAD_TO_SIGMA * mad, params.hampel_floor_deg)
    return np.where(deviation > limit, median, values)


@dataclass(frozen=True, eq=False)
class LowPass:
    """A Butterworth low-pass ready to run forwards and backwards (``scipy.signal.sosfiltfilt``
    with its defaults: odd extension by ``padlen`` samples at each end).

    Attributes:
        sos: the second-order sections (``scipy.signal.butter``).
        zi: ``scipy.signal.sosfilt_zi(sos)``, the sections' state in steady state for a unit
            input; scaled by the first sample it starts each pass without a transient.
        padlen: samples of odd extension at each end [-], as ``sosfiltfilt`` computes it.
    """

    sos: NDArray[np.float64]
    zi: NDArray[np.float64]
    padlen: int


@functools.lru_cache(maxsize=64)
def butter_low_pass(order: int, cutoff_hz: float, rate_hz: float) -> LowPass:
    """A Butterworth low-pass of ``order`` at ``cutoff_hz`` for samples at ``rate_hz`` [Hz],
    designed once per set of parameters: the design and the start state cost more than
    filtering a window of angles, and the live analysis filters several times a second."""
    sos = np.asarray(sps.butter(order, cutoff_hz, btype="low", fs=rate_hz, output="sos"))
    taps = 2 * len(sos) + 1 - min(int((sos[:, 2] == 0).sum()), int((sos[:, 5] == 0).sum()))
    return LowPass(sos, np.asarray(sps.sosfilt_zi(sos), dtype=np.float64), 3 * taps)


def filtfilt(low_pass: LowPass, values: NDArray[np.float64]) -> NDArray[np.float64]:
    """``scipy.signal.sosfiltfilt(low_pass.sos, values)`` with its defaults, the same numbers
    (``tests/unit/test_motion_signal.py`` checks it), through ``scipy.signal.sosfilt`` with
    the start state designed once: ``sosfiltfilt`` designs it anew on every call, which was
    two thirds of its time on a window of a few seconds. ``values``: 1-D, longer than
    ``low_pass.padlen``."""
    n = low_pass.padlen
    extended = np.concatenate(
        (2 * values[:1] - values[n:0:-1], values, 2 * values[-1:] - values[-2 : -(n + 2) : -1])
    )
    forward, _ = sps.sosfilt(low_pass.sos, extended, zi=low_pass.zi * extended[0])
    backward, _ = sps.sosfilt(low_pass.sos, forward[::-1], zi=low_pass.zi * forward[-1])
    return np.asarray(backward[::-1][n:-n], dtype=np.float64)


def smooth(
    values: NDArray[np.float64],
    rate_hz: float,
    params: CleaningParameters,
    cutoff_hz: float | None = None,
) -> NDArray[np.float64]:
    """Zero-phase Butterworth low-pass at ``cutoff_hz`` (default ``params.lowpass_hz``)."""
    cutoff = min(cutoff_hz or params.lowpass_hz, 0.45 * rate_hz)
    low_pass = butter_low_pass(params.lowpass_order, cutoff, rate_hz)
    # Too short to filter: the bound counts every section as second order, so it is at least
    # low_pass.padlen (a first-order section of an odd order makes that shorter).
    if values.size <= 3 * (2 * len(low_pass.sos) + 1):
        return values.copy()
    return filtfilt(low_pass, values)


def clean_series(
    t: NDArray[np.float64],
    raw: NDArray[np.float64],
    grid: NDArray[np.float64],
    params: CleaningParameters = DEFAULT_CLEANING,
) -> UniformSeries:
    """Resample ``raw`` (NaN where untracked) onto ``grid``, remove glitches and jitter."""
    valid = np.isfinite(raw)
    unwrapped = raw.copy()
    unwrapped[valid] = np.unwrap(raw[valid], period=360.0)
    valid[valid] = ~impossible_samples(
        t[valid], unwrapped[valid], params.max_speed_deg_s, params.max_error_s
    )
    t_valid, v_valid = t[valid], unwrapped[valid]
    if t_valid.size == 0:
        zeros = np.zeros(grid.shape, dtype=np.float64)
        return UniformSeries(grid, zeros, np.zeros(grid.shape, dtype=bool))
    resampled = np.interp(grid, t_valid, v_valid)
    tracked = gap_mask(t_valid, grid, params.max_gap_s)
    deglitched = remove_glitches(resampled, params.grid_rate_hz, params)
    return UniformSeries(grid, smooth(deglitched, params.grid_rate_hz, params), tracked)


def derivative(values: NDArray[np.float64], rate_hz: float) -> NDArray[np.float64]:
    """Time derivative of a uniformly sampled signal [unit/s]."""
    if values.size < 2:
        return np.zeros_like(values)
    return np.gradient(values, 1.0 / rate_hz)


def smooth_velocity(
    values: NDArray[np.float64],
    params: CleaningParameters = DEFAULT_CLEANING,
    cutoff_hz: float | None = None,
) -> NDArray[np.float64]:
    """Velocity of a cleaned grid signal after a further low-pass at ``cutoff_hz`` (default
    ``velocity_lowpass_hz``; none when it is not below ``lowpass_hz``).

    Differentiation amplifies jitter; the phase boundaries compare the velocity with a small
    fraction of its peak, so they read this smoother version [unit/s].
    """
    return derivative(smooth_below(values, params, cutoff_hz), params.grid_rate_hz)


def smooth_below(
    values: NDArray[np.float64],
    params: CleaningParameters = DEFAULT_CLEANING,
    cutoff_hz: float | None = None,
) -> NDArray[np.float64]:
    """A cleaned grid signal further low-passed at ``cutoff_hz`` (default
    ``velocity_lowpass_hz``; returned unchanged when that is not below ``lowpass_hz``)."""
    cutoff = cutoff_hz or params.velocity_lowpass_hz
    if cutoff >= params.lowpass_hz:
        return values
    return smooth(values, params.grid_rate_hz, params, cutoff)


def change_with(
    values: NDArray[np.float64], progress: NDArray[np.float64], tracked: NDArray[np.bool_]
) -> float:
    """How much ``values`` change along with ``progress`` (0 at the bottom, 1 at the top) [same
    unit as ``values``]; NaN with fewer than three tracked samples.

    The least-squares fit ``values ~ a + b * time + c * progress`` over the tracked samples
    gives ``|c|``: the change that comes and goes with the movement, every sample weighing in,
    while a slow drift of the detector goes into ``b``. The range of the samples (max - min)
    adds the two largest noise excursions to the true change instead: on the project's
    generator at its highest noise it overstates a torso lift by 1.9 deg on average, and by
    up to 7 deg (``docs/guide/real-footage.md``). A brief jerk is caught by
    :func:`largest_departure`.
    """
    if np.count_nonzero(tracked) < 3:
        return float("nan")
    clock = np.linspace(0.0, 1.0, values.size)
    design = np.stack([np.ones(values.size), clock, progress], axis=1)[tracked]
    coefficients, *_ = np.linalg.lstsq(design, values[tracked], rcond=None)
    return float(abs(coefficients[2]))


def largest_departure(
    values: NDArray[np.float64], tracked: NDArray[np.bool_], before: int, after: int
) -> float:
    """Largest departure of ``values`` from their level before and after a movement [same unit]
    (NaN when either level or the movement has no tracked sample).

    ``values`` run from ``before`` samples before the movement to ``after`` samples after it;
    the level is the line between the medians of those two stretches, so a slow drift does not
    count, and only one extreme of the noise adds to the departure (a range adds two).
    """
    end = values.size - after
    if before < 1 or after < 1 or end <= before:
        return float("nan")
    lead, trail = values[:before][tracked[:before]], values[end:][tracked[end:]]
    moving = tracked[before:end]
    if not (lead.size and trail.size and moving.any()):
        return float("nan")
    # The line through each stretch's median placed at the stretch's middle.
    first, last = (before - 1) / 2.0, end + (after - 1) / 2.0
    position = np.arange(before, end, dtype=np.float64)
    start, stop = float(np.median(lead)), float(np.median(trail))
    level = start + (stop - start) * (position - first) / (last - first)
    return float(np.max(np.abs(values[before:end] - level)[moving]))
