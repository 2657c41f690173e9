"""Finding repetitions and their phases in a cleaned thigh-angle series.

A rep (``shared/contracts/keypoints.md``): the thigh rises at least 30 degrees above the
bottom it started from and comes back down. That is exactly a peak whose *prominence*
(``scipy.signal.find_peaks``) is at least 30 degrees: prominence measures how far the signal
must drop on *both* sides of a peak before it could climb higher, so settling, sway, a jittery
isometric hold (many tiny local maxima on one plateau) and a bounce under the pad are not reps,
while a clip that ends at the top does not count the unfinished rep.

Phase timing is a hybrid, because the two ends of a move are of different kinds.

**At the bottom, from the speed.** Leaving the bottom and arriving back there are where a
movement starts or stops, and the bottom position itself varies (sway, legs under the pad).
The times at which the speed passes 15 % and 40 % of that movement's peak speed lie on the
steep, well-measured part of the speed curve, and the line through them, extended to zero
speed, gives the boundary (:func:`_onset`), so slow sway and jitter cannot fake an early start.

**At the top, from a band around the plateau.** The contract defines the hold as the time spent
"within a few degrees of the peak". A speed reading of the top is fragile exactly there: a slow
or minimum-jerk approach creeps for a long time at low speed, a hold sags or wobbles by a degree
or two, and the smoothing a slow phase needs smears the stop into the hold. So the top is read
from the angle:

1. the speed reading first gives a provisional top (the movement stopped / resumed,
   ``motion_stop_at`` / ``motion_resume_at``, each searched near the peak);
2. the *plateau level* is the median angle between those two instants (robust to jitter and to
   sag, which both move the single highest sample), or the peak of a swing with no stillness;
3. the thigh is *at the top* while it is within ``plateau_band_deg`` of that level: the top is
   reached / left where the time spent inside the band begins / ends (:func:`with_plateau_band`).
   That time is *counted* (samples inside the band between the start and the peak, and between
   the peak and the end), not taken from the first and last crossings, so noise that dips in
   and out of the band near its edge cancels instead of stretching the hold; sag inside the band
   is part of the hold. Dips below the band *during* the hold (after the thigh first stayed in
   the band for ``top_settled_s``, before it last did) are the hold sagging or jittering and
   are not counted: counted, they moved the end of a long hold early and stretched a quick
   drop after it (0.29 s read as 0.71 s, a missed ``uncontrolled_descent``).

Each side of the top is read on the thigh angle smoothed as much as its phase allows (see below).
A pendulum swing only passes through the band: its hold is the short time it spends inside
(about 0.1-0.2 s for a 1 s swing), and its speed reading of the hold is about 0 s.

Both readings are kept: the band reading is the one reported; the speed reading is the other
admissible reading of "the top" (a band of zero width). The fault checks on timing
(:mod:`.faults`) only raise ``short_hold``, ``tempo_off`` and ``uncontrolled_descent`` when every
reading agrees, so the ambiguity of "a few degrees" never makes a fault by itself.

Slow phases are timed on a more smoothed velocity (and angle) and quick ones on a less smoothed
one (:func:`segment_reps`).

concentric = top reached - start; hold = top left - top reached; eccentric = end - top left.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from scipy.signal import find_peaks

#: The contract's minimum rise of a rep above the bottom it started from [deg].
CONTRACT_MIN_RISE_DEG = 30.0


@dataclass(frozen=True)
class SegmentationParameters:
    """How reps and phases are found.

    Attributes:
        min_rise_deg: minimum rise above the bottom and fall after the top [deg].
        low_speed_fraction, high_speed_fraction: the two speed levels, as fractions of the
            phase's peak speed, whose crossing times are extrapolated to zero speed [-].
        top_band_deg: the speed reading's crossings that end the lift and start the lowering
            must lie within this many degrees of the peak, or within ``band_fraction`` of the
            rise if larger (so a pause half-way up does not end the lift) [deg].
        band_fraction: see ``top_band_deg`` [-].
        phase_cycles: a phase of duration D is timed on a velocity smoothed no lower than
            ``phase_cycles / D`` [Hz] (see :func:`segment_reps`) [-].
        plateau_band_deg: the thigh is "at the top" while within this many degrees below the
            rep's plateau level (the contract's "within a few degrees of the peak") [deg].
        top_settled_s: once the thigh has stayed inside the band this long, its dips below the
            band are the hold sagging or jittering, not the lift or the lowering [s].
        top_percentile: the top angle of a held rep is this percentile of the thigh angle
            while still at the top (:func:`top_level`) [%].
    """

    min_rise_deg: float = CONTRACT_MIN_RISE_DEG
    low_speed_fraction: float = 0.15
    high_speed_fraction: float = 0.4
    top_band_deg: float = 4.0
    band_fraction: float = 0.15
    phase_cycles: float = 3.0
    plateau_band_deg: float = 2.0
    top_percentile: float = 90.0
    top_settled_s: float = 0.1


DEFAULT_SEGMENTATION = SegmentationParameters()


@dataclass(frozen=True)
class RepSpan:
    """One rep's landmarks on the grid.

    Integer fields are grid indices (``bottom_before <= start <= top_reached <= top_left <=
    end <= bottom_after``, ``peak`` the highest sample); the ``*_at`` fields are the same
    landmarks as fractional grid positions, for timing finer than the grid step. The top is
    the plateau-band reading; ``motion_stop_at`` / ``motion_resume_at`` are the speed reading of
    the same two instants (NaN until :func:`with_plateau_band` has run).
    """

    bottom_before: int
    start: int
    top_reached: int
    peak: int
    top_left: int
    end: int
    bottom_after: int
    start_at: float
    top_reached_at: float
    top_left_at: float
    end_at: float
    motion_stop_at: float = float("nan")
    motion_resume_at: float = float("nan")


def find_rep_peaks(
    thigh_deg: NDArray[np.float64], params: SegmentationParameters = DEFAULT_SEGMENTATION
) -> NDArray[np.intp]:
    """Grid indices of rep tops: peaks at least ``min_rise_deg`` prominent on both sides.

    Two tops not separated by a fall of ``min_rise_deg`` (possible when a plateau is split
    by a dip into two exactly equal halves) are one rep; the higher top is kept.
    """
    if thigh_deg.size < 3:
        return np.zeros(0, dtype=np.intp)
    candidates, _ = find_peaks(thigh_deg, prominence=params.min_rise_deg)
    kept: list[int] = []
    for peak in (int(p) for p in candidates):
        if kept:
            valley = float(thigh_deg[kept[-1] : peak + 1].min())
            lowest_top = min(float(thigh_deg[kept[-1]]), float(thigh_deg[peak]))
            if lowest_top - valley < params.min_rise_deg:
                if thigh_deg[peak] > thigh_deg[kept[-1]]:
                    kept[-1] = peak
                continue
        kept.append(peak)
    return np.asarray(kept, dtype=np.intp)


def _valleys(thigh_deg: NDArray[np.float64], peaks: NDArray[np.intp]) -> NDArray[np.intp]:
    """Index of the lowest point before the first peak, between peaks, and after the last."""
    bounds = np.concatenate([[0], peaks, [thigh_deg.size - 1]])
    return np.array(
        [lo + int(np.argmin(thigh_deg[lo : hi + 1])) for lo, hi in itertools.pairwise(bounds)],
        dtype=np.intp,
    )


def _last(mask: NDArray[np.bool_], offset: int, default: int) -> int:
    """``offset`` + index of the last True in ``mask``, or ``default`` when there is none."""
    if mask.size == 0:
        return default
    index = mask.size - 1 - int(np.argmax(mask[::-1]))
    return offset + index if mask[index] else default


def _first(mask: NDArray[np.bool_], offset: int, default: int) -> int:
    """``offset`` + index of the first True in ``mask``, or ``default`` when there is none."""
    if mask.size == 0:
        return default
    index = int(np.argmax(mask))
    return offset + index if mask[index] else default


def _quarter_up(thigh_deg: NDArray[np.float64], bottom: int, peak: int) -> float:
    """The angle a quarter of the way from a bottom up to the peak [deg].

    The fastest rise (fall) is searched only above it, so that a quick settling twitch long
    before a slow rep cannot be taken for the rep's lift.
    """
    return float(thigh_deg[bottom] + 0.25 * (thigh_deg[peak] - thigh_deg[bottom]))


def _rise_through(speed: NDArray[np.float64], lo: int, hi: int, level: float) -> float:
    """Fractional position where ``speed`` last rises through ``level`` in ``[lo, hi]``."""
    below = _last(speed[lo : hi + 1] <= level, lo, lo - 1)
    if below < lo:
        return float(lo)
    if below >= hi:
        return float(hi)
    step = float(speed[below + 1] - speed[below])
    return below + (float(np.clip((level - speed[below]) / step, 0.0, 1.0)) if step > 0 else 0.0)


def _onset(
    speed: NDArray[np.float64],
    lo: int,
    hi: int,
    peak_speed: float,
    params: SegmentationParameters,
) -> float:
    """When a movement whose speed is rising at ``hi`` started, extrapolated to zero speed.

    The times at which the speed passes two levels (15 % and 40 % of its peak by default) lie
    on the steep, well-measured part of the speed curve; a straight line through them is
    extended down to zero speed. Slow sway or jitter near the start cannot fake an early onset,
    and a movement whose speed grows linearly from rest is timed without bias.
    """
    peak_speed = max(peak_speed, 1e-9)
    low, high = params.low_speed_fraction, params.high_speed_fraction
    at_low = _rise_through(speed, lo, hi, low * peak_speed)
    at_high = max(_rise_through(speed, lo, hi, high * peak_speed), at_low)
    return max(float(lo), at_low - (at_high - at_low) * low / (high - low))


def _offset(
    speed: NDArray[np.float64],
    lo: int,
    hi: int,
    peak_speed: float,
    params: SegmentationParameters,
) -> float:
    """When a movement slowing down after ``lo`` stopped (mirror image of :func:`_onset`)."""
    last = speed.size - 1
    return float(last) - _onset(speed[::-1], last - hi, last - lo, peak_speed, params)


def rep_span(
    thigh_deg: NDArray[np.float64],
    velocity: NDArray[np.float64],
    bottom_before: int,
    peak: int,
    bottom_after: int,
    params: SegmentationParameters = DEFAULT_SEGMENTATION,
) -> RepSpan:
    """Phase landmarks of the rep whose top is ``peak`` (see the module docstring)."""
    origin = bottom_before
    local = _local_span(
        thigh_deg[bottom_before : bottom_after + 1],
        velocity[bottom_before : bottom_after + 1],
        peak - origin,
        params,
    )
    start_at, reached_at, left_at, end_at = (origin + value for value in local)
    return RepSpan(
        bottom_before=bottom_before,
        start=round(start_at),
        top_reached=round(reached_at),
        peak=peak,
        top_left=round(left_at),
        end=round(end_at),
        bottom_after=bottom_after,
        start_at=start_at,
        top_reached_at=reached_at,
        top_left_at=left_at,
        end_at=end_at,
    )


def _local_span(
    thigh_deg: NDArray[np.float64],
    velocity: NDArray[np.float64],
    peak: int,
    params: SegmentationParameters,
) -> tuple[float, float, float, float]:
    """Start, top reached, top left and end (fractional positions) of the one rep in a window
    running from the bottom before it to the bottom after it."""
    last = thigh_deg.size - 1
    band_before = max(params.top_band_deg, params.band_fraction * (thigh_deg[peak] - thigh_deg[0]))
    band_after = max(
        params.top_band_deg, params.band_fraction * (thigh_deg[peak] - thigh_deg[last])
    )
    top_floor = thigh_deg[peak] - min(band_before, band_after)
    climb_from = _last(thigh_deg[: peak + 1] <= _quarter_up(thigh_deg, 0, peak), 0, 0)
    rise_top = climb_from + int(np.argmax(velocity[climb_from : peak + 1]))
    bottom_region_end = _last(thigh_deg[: rise_top + 1] <= thigh_deg[0] + band_before, 0, 0)
    top_region_start = _first(thigh_deg[rise_top : peak + 1] >= top_floor, rise_top, peak)
    drop_to = _first(thigh_deg[peak:] <= _quarter_up(thigh_deg, last, peak), peak, last)
    fall_top = peak + int(np.argmin(velocity[peak : drop_to + 1]))
    top_region_end = _last(thigh_deg[peak : fall_top + 1] >= top_floor, peak, peak)
    bottom_region_start = _first(
        thigh_deg[fall_top:] <= thigh_deg[last] + band_after, fall_top, last
    )
    rise_speed, fall_speed = float(velocity[rise_top]), -float(velocity[fall_top])
    falling = -velocity
    start_at = _onset(velocity, 0, max(bottom_region_end, 1), rise_speed, params)
    reached_at = _offset(velocity, max(rise_top, top_region_start), peak, rise_speed, params)
    left_at = _onset(falling, peak, min(fall_top, top_region_end), fall_speed, params)
    end_at = _offset(falling, min(bottom_region_start, last - 1), last, fall_speed, params)
    if left_at < reached_at:
        reached_at = left_at = (reached_at + left_at) / 2
    return start_at, reached_at, left_at, end_at


def plateau_level(thigh_deg: NDArray[np.float64], span: RepSpan) -> float:
    """The rep's top level [deg]: the median thigh angle while the legs were still by the
    speed reading (robust to noise and to sag), or the peak when there was no such stillness
    (a pendulum swing). Never above the peak."""
    still = thigh_deg[int(np.ceil(span.motion_stop_at)) : int(np.floor(span.motion_resume_at)) + 1]
    peak = float(thigh_deg[span.peak])
    return min(float(np.median(still)), peak) if still.size >= 2 else peak


def top_level(thigh_deg: NDArray[np.float64], span: RepSpan, percentile: float) -> float:
    """The rep's top angle [deg]: the ``percentile`` of the thigh angle while the legs were still
    by the speed reading, or the peak when there was no such stillness (a swing). Never above
    the peak.

    The highest sample of a held top is its level plus the largest noise excursion (+3.5 deg
    at 6 px of jitter on a 150 px thigh), which made false ``over_extension``; the median is
    below the top of a hold that sags. An upper percentile reads the level the hold began at.
    """
    peak = float(thigh_deg[span.peak])
    if not (np.isfinite(span.motion_stop_at) and np.isfinite(span.motion_resume_at)):
        return peak
    still = thigh_deg[int(np.ceil(span.motion_stop_at)) : int(np.floor(span.motion_resume_at)) + 1]
    return min(float(np.percentile(still, percentile)), peak) if still.size >= 2 else peak


def _first_run(mask: NDArray[np.bool_], length: int) -> int:
    """Index where the first run of ``length`` True values in ``mask`` begins, or -1."""
    if mask.size < length:
        return -1
    runs = np.convolve(mask.astype(np.int64), np.ones(length, dtype=np.int64), mode="valid")
    found = np.flatnonzero(runs == length)
    return int(found[0]) if found.size else -1


def _last_run_end(mask: NDArray[np.bool_], length: int) -> int:
    """Index just after the last run of ``length`` True values in ``mask`` ends, or -1."""
    start = _first_run(mask[::-1], length)
    return -1 if start < 0 else mask.size - start


def with_plateau_band(
    lift_deg: NDArray[np.float64],
    lower_deg: NDArray[np.float64],
    span: RepSpan,
    params: SegmentationParameters = DEFAULT_SEGMENTATION,
    settled_samples: int = 1,
) -> RepSpan:
    """``span`` whose top is read from the plateau band (see the module docstring).

    The top is reached after the time ``lift_deg`` spends below the band between the start and
    the peak, and left before the time ``lower_deg`` spends below it between the peak and the
    end (each the thigh angle smoothed to suit its phase [deg]); the band lies
    ``plateau_band_deg`` below the plateau level (:func:`plateau_level` of ``lift_deg``). The
    speed reading of the top moves to ``motion_stop_at`` / ``motion_resume_at``.
    """
    span = replace(span, motion_stop_at=span.top_reached_at, motion_resume_at=span.top_left_at)
    floor = plateau_level(lift_deg, span) - params.plateau_band_deg
    first, last = int(np.ceil(span.start_at)), int(np.floor(span.end_at))
    before = lift_deg[first : span.peak + 1] < floor
    after = lower_deg[span.peak : last + 1] < floor
    settled = max(1, settled_samples)
    # Dips below the band after the top was first held for ``settled`` samples (or before it
    # was last held that long) are the hold sagging or jittering, not the lift or the lowering.
    held = _first_run(~before, settled)
    outside_before = int(np.count_nonzero(before[:held] if held >= 0 else before))
    held_end = _last_run_end(~after, settled)
    outside_after = int(np.count_nonzero(after[held_end:] if held_end >= 0 else after))
    reached_at = max(first + outside_before - 0.5, span.start_at)
    left_at = min(last - outside_after + 0.5, span.end_at)
    if left_at < reached_at:
        reached_at = left_at = (reached_at + left_at) / 2
    return replace(
        span,
        top_reached=round(reached_at),
        top_left=round(left_at),
        top_reached_at=reached_at,
        top_left_at=left_at,
    )


def _best_cutoff(duration_s: float, cutoffs: Sequence[float], cycles: float) -> float:
    """The lowest cutoff [Hz] that still passes ``cycles / duration_s`` (else the highest)."""
    needed = cycles / max(duration_s, 1e-9)
    passing = [cutoff for cutoff in cutoffs if cutoff >= needed]
    return min(passing) if passing else max(cutoffs)


def _timer(
    thigh_deg: NDArray[np.float64],
    velocities: dict[float, NDArray[np.float64]],
    bounds: tuple[int, int, int],
    params: SegmentationParameters,
) -> tuple[Callable[[float], RepSpan], list[float]]:
    """A function timing the rep within ``bounds`` on the velocity of a given cutoff (each
    computed at most once), and the available cutoffs [Hz]."""
    cache: dict[float, RepSpan] = {}

    def timed_on(cutoff: float) -> RepSpan:
        if cutoff not in cache:
            cache[cutoff] = rep_span(thigh_deg, velocities[cutoff], *bounds, params)
        return cache[cutoff]

    return timed_on, sorted(velocities)


def _retimed(
    reference: RepSpan,
    timer: tuple[Callable[[float], RepSpan], list[float]],
    rate_hz: float,
    cycles: float,
) -> tuple[RepSpan, float, float]:
    """``reference`` with the lift and the lowering each timed (``timed_on(cutoff)``) on the
    velocity whose smoothing suits its duration: heavy smoothing steadies a slow phase, light
    smoothing keeps a quick drop quick."""
    lift_s = (reference.top_reached_at - reference.start_at) / rate_hz
    lower_s = (reference.end_at - reference.top_left_at) / rate_hz
    timed_on, cutoffs = timer
    lift_cutoff = _best_cutoff(lift_s, cutoffs, cycles)
    lower_cutoff = _best_cutoff(lower_s, cutoffs, cycles)
    lift, lower = timed_on(lift_cutoff), timed_on(lower_cutoff)
    start_at, reached_at = lift.start_at, lift.top_reached_at
    left_at, end_at = lower.top_left_at, lower.end_at
    if left_at < reached_at:
        reached_at = left_at = (reached_at + left_at) / 2
    timed = replace(
        reference,
        start=round(start_at),
        top_reached=round(reached_at),
        top_left=round(left_at),
        end=round(end_at),
        start_at=start_at,
        top_reached_at=reached_at,
        top_left_at=left_at,
        end_at=end_at,
    )
    return timed, lift_cutoff, lower_cutoff


def segment_reps(
    thigh_deg: NDArray[np.float64],
    velocity: NDArray[np.float64],
    params: SegmentationParameters = DEFAULT_SEGMENTATION,
    velocities: dict[float, NDArray[np.float64]] | None = None,
    rate_hz: float = 60.0,
    smoothed: dict[float, NDArray[np.float64]] | None = None,
) -> list[RepSpan]:
    """All reps in a cleaned, gap-free thigh-angle series [deg] with its velocity [deg/s].

    Without ``velocities`` every phase is timed on ``velocity``. ``velocities`` maps cutoffs [Hz]
    to the velocity smoothed at each: the rep is first timed on the smoothest (steady against
    jitter and label swaps), then each lift and lowering is re-timed on the lowest cutoff that
    passes ``params.phase_cycles`` cycles over that first duration.
    """
    peaks = find_rep_peaks(thigh_deg, params)
    if peaks.size == 0:
        return []
    valleys = _valleys(thigh_deg, peaks)
    spans: list[RepSpan] = []
    for k, peak in enumerate(peaks):
        bounds = (int(valleys[k]), int(peak), int(valleys[k + 1]))
        lift_deg = lower_deg = thigh_deg
        if velocities:
            timer = _timer(thigh_deg, velocities, bounds, params)
            span, lift_cutoff, lower_cutoff = _retimed(
                timer[0](timer[1][0]), timer, rate_hz, params.phase_cycles
            )
            if smoothed:
                lift_deg, lower_deg = smoothed[lift_cutoff], smoothed[lower_cutoff]
        else:
            span = rep_span(thigh_deg, velocity, *bounds, params)
        settled = round(params.top_settled_s * rate_hz)
        spans.append(with_plateau_band(lift_deg, lower_deg, span, params, settled))
    return spans
