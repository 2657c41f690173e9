"""Finding repetitions and their phases in a cleaned thigh-angle series.

A rep (``shared/contracts/keypoints.md``): the thigh rises at least 30 degrees above the
bottom it started from and comes back down. That is exactly a peak whose *prominence*
(``scipy.signal.find_peaks``) is at least 30 degrees: prominence measures how far the signal
must drop on *both* sides of a peak before it could climb higher, so settling, sway, a jittery
isometric hold (many tiny local maxima on one plateau) and a bounce under the pad are not reps,
while a clip that ends at the top does not count the unfinished rep.

Phase boundaries come from the angular velocity ``v``, not from fixed angle margins, because
they must work for pendulum swings with no pause as well as for slow tempo reps and long
holds:

- *start* (leaving the bottom): the last moment before the fastest rise where
  ``v <= f * v_rise_max``;
- *top reached*: the first moment after the fastest rise where ``v <= f * v_rise_max`` while the
  thigh is within ``top_band_deg`` of the peak (the contract's "within a few degrees");
- *top left*: the last moment before the fastest fall where ``|v| <= f * |v_fall_max|`` while
  still within the band;
- *end* (bottom reached): the first moment after the fastest fall where ``|v| <= f * |v_fall_max|``.

concentric = top reached - start; hold = top left - top reached; eccentric = end - top left.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

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
        phase_speed_fraction: fraction of the phase's peak speed below which the thigh counts
            as stopped [-].
        top_band_deg: how close to the peak angle the hold must stay [deg].
    """

    min_rise_deg: float = CONTRACT_MIN_RISE_DEG
    phase_speed_fraction: float = 0.02
    top_band_deg: float = 4.0


DEFAULT_SEGMENTATION = SegmentationParameters()


@dataclass(frozen=True)
class RepSpan:
    """Grid indices of one rep's landmarks (start <= top_reached <= peak <= top_left <= end)."""

    bottom_before: int
    start: int
    top_reached: int
    peak: int
    top_left: int
    end: int
    bottom_after: int


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
    hits = np.flatnonzero(mask)
    return offset + int(hits[-1]) if hits.size else default


def _first(mask: NDArray[np.bool_], offset: int, default: int) -> int:
    hits = np.flatnonzero(mask)
    return offset + int(hits[0]) if hits.size else default


def _quarter_up(thigh_deg: NDArray[np.float64], bottom: int, peak: int) -> float:
    """The angle a quarter of the way from a bottom up to the peak [deg].

    The fastest rise (fall) is searched only above it, so that a quick settling twitch long
    before a slow rep cannot be taken for the rep's lift.
    """
    return float(thigh_deg[bottom] + 0.25 * (thigh_deg[peak] - thigh_deg[bottom]))


def rep_span(
    thigh_deg: NDArray[np.float64],
    velocity: NDArray[np.float64],
    bottom_before: int,
    peak: int,
    bottom_after: int,
    params: SegmentationParameters = DEFAULT_SEGMENTATION,
) -> RepSpan:
    """Phase landmarks of the rep whose top is ``peak`` (see the module docstring)."""
    fraction, top_floor = params.phase_speed_fraction, thigh_deg[peak] - params.top_band_deg
    climb_from = _last(
        thigh_deg[bottom_before : peak + 1] <= _quarter_up(thigh_deg, bottom_before, peak),
        bottom_before,
        bottom_before,
    )
    rise_top = climb_from + int(np.argmax(velocity[climb_from : peak + 1]))
    rise_limit = fraction * max(float(velocity[rise_top]), 1e-9)
    start = _last(
        velocity[bottom_before : rise_top + 1] <= rise_limit, bottom_before, bottom_before
    )
    reached = _first(
        (velocity[rise_top : peak + 1] <= rise_limit)
        & (thigh_deg[rise_top : peak + 1] >= top_floor),
        rise_top,
        peak,
    )
    drop_to = _first(
        thigh_deg[peak : bottom_after + 1] <= _quarter_up(thigh_deg, bottom_after, peak),
        peak,
        bottom_after,
    )
    fall_top = peak + int(np.argmin(velocity[peak : drop_to + 1]))
    fall_limit = fraction * min(float(velocity[fall_top]), -1e-9)
    left = _last(
        (velocity[peak : fall_top + 1] >= fall_limit)
        & (thigh_deg[peak : fall_top + 1] >= top_floor),
        peak,
        peak,
    )
    end = _first(velocity[fall_top : bottom_after + 1] >= fall_limit, fall_top, bottom_after)
    return RepSpan(bottom_before, start, reached, peak, left, end, bottom_after)


def segment_reps(
    thigh_deg: NDArray[np.float64],
    velocity: NDArray[np.float64],
    params: SegmentationParameters = DEFAULT_SEGMENTATION,
) -> list[RepSpan]:
    """All reps in a cleaned, gap-free thigh-angle series [deg] with its velocity [deg/s]."""
    peaks = find_rep_peaks(thigh_deg, params)
    if peaks.size == 0:
        return []
    valleys = _valleys(thigh_deg, peaks)
    return [
        rep_span(thigh_deg, velocity, int(valleys[k]), int(peak), int(valleys[k + 1]), params)
        for k, peak in enumerate(peaks)
    ]
