"""Sub-sample timing of a rep's phases at the edges of its window.

A rep is timed in a window running from the bottom before it to the bottom after it
(``rep_span``): the lift's start and the lowering's end are read from the speed (two speed
levels extrapolated to zero), the speed reading of the top from where the lift's speed dies out
and the lowering's speed picks up, each searched in a sub-window found from the angle (the
quarter level, the bottom band, the top band). These tests pin those searches where they end on
a window's first or last sample, or on a level met exactly.

The windows are a handful of samples on a unit grid (a fractional position is in samples), with
round-number angles so that every level is known by hand: a 60 degree rise from -90 to -30 has
its quarter level at -75, its bottom band (15 % of the rise, 9 degrees) up to -81 and its top
band down to -39. The velocity is the central difference of the angle (``np.gradient``, as
``signal.derivative`` on a unit grid), written out in each test. Expected positions are exact
fractions; the tolerance (1e-9 sample) only absorbs float rounding.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from revhyper.domain.motion.reps import (
    DEFAULT_SEGMENTATION,
    RepSpan,
    _local_span,
    _quarter_up,
    _retimed,
    _rise_through,
    rep_span,
)

EXACT = 1e-9  # [samples]: the answers are exact fractions of a grid step


def _speed(values: list[float]) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def _window(thigh: list[float], velocity: list[float]) -> tuple[np.ndarray, np.ndarray]:
    angle, speed = _speed(thigh), _speed(velocity)
    np.testing.assert_array_equal(np.gradient(angle), speed)  # the velocity is as documented
    return angle, speed


# ----------------------------------------------------------------------------- the quarter level


def test_the_quarter_level_lies_a_quarter_of_the_way_from_a_bottom_up_to_the_peak() -> None:
    thigh = _speed([-90.0, -30.0, -50.0])
    assert _quarter_up(thigh, 0, 1) == pytest.approx(-75.0, abs=EXACT)
    assert _quarter_up(thigh, 2, 1) == pytest.approx(-45.0, abs=EXACT)


# ------------------------------------------------------- where a speed rises through a level


def test_a_speed_above_the_level_on_the_whole_window_rises_through_it_at_the_first_sample() -> None:
    # nothing in [1, 4] is at or below 1: the crossing is the window's first sample
    assert _rise_through(_speed([9.0, 5.0, 6.0, 7.0, 8.0]), 1, 4, 1.0) == pytest.approx(1.0)


def test_a_speed_at_the_level_only_on_the_first_sample_is_interpolated_from_there() -> None:
    # 0 -> 4 between samples 0 and 1 passes 1 a quarter of the way
    assert _rise_through(_speed([0.0, 4.0, 5.0, 6.0]), 0, 3, 1.0) == pytest.approx(0.25)


def test_a_speed_back_below_the_level_on_the_windows_last_sample_rises_through_there() -> None:
    # 3 at sample 3, then 0 at the window's last sample 4: the last rise is past the window
    speed = _speed([0.0, 1.0, 2.0, 3.0, 0.0, 5.0])
    assert _rise_through(speed, 0, 4, 2.5) == pytest.approx(4.0, abs=EXACT)


def test_samples_after_the_window_do_not_move_the_crossing() -> None:
    # 2 -> 3 passes 2.5 half-way; the drop to 0 at sample 5 lies outside [0, 4]
    speed = _speed([0.0, 1.0, 2.0, 3.0, 4.0, 0.0])
    assert _rise_through(speed, 0, 4, 2.5) == pytest.approx(2.5, abs=EXACT)


# ------------------------------------------------------------------- a rep's phases in its window


def test_a_one_step_spike_is_timed_from_the_sample_before_it_to_the_sample_after_it() -> None:
    """Up 80 degrees in one grid step and straight back down: the central difference spreads
    each step over its two samples (40 on samples 1 and 3), so the lift's speed grows from 0 at
    sample 0 and the lowering's dies out at sample 4; the top is the single sample 2. The
    quarter level (-70) is last met on sample 1 and first again on sample 3, one sample before
    and after the top."""
    thigh, velocity = _window([-90.0, -90.0, -10.0, -90.0, -90.0], [0.0, 40.0, 0.0, -40.0, 0.0])
    span = rep_span(thigh, velocity, 0, 2, 4)
    assert span.start_at == pytest.approx(0.0, abs=EXACT)
    assert span.top_reached_at == pytest.approx(2.0, abs=EXACT)
    assert span.top_left_at == pytest.approx(2.0, abs=EXACT)
    assert span.end_at == pytest.approx(4.0, abs=EXACT)
    assert (span.start, span.top_reached, span.top_left, span.end) == (0, 2, 2, 4)


def test_a_kick_from_the_bottom_is_timed_from_the_windows_first_sample() -> None:
    """The legs leave the bottom at full speed (40, 27.5, 10, 2.5 deg/sample), hold -30 for a
    sample, then lower, accelerating to -22.5 and settling on -90 at the window's last sample.

    Only sample 0 is at or below the quarter level (-75), so the fastest rise is sample 0 itself
    and the start is the window's first sample. The top is reached where the lift's speed dies
    out between the top band (-39, first met on sample 2) and the peak: going back from sample
    3 (2.5) to sample 2 (10) the speed passes 15 % of 40 (6) 7/15 of a sample before the peak
    and is still below 40 % (16) on sample 2, the search's edge; the line through those two
    ends 11/75 before the peak. The lowering leaves the top between the peak and the last
    sample in the top band (4): the falling speed -2.5 -> 7.5 passes 3.375 (15 % of 22.5) at
    3.5875 and is still below 9 (40 %) on sample 4, extrapolated back to 3.34. Its end is read
    on the last two samples (falling speed 10 then 0): exactly sample 8."""
    thigh, velocity = _window(
        [-90.0, -50.0, -35.0, -30.0, -30.0, -45.0, -70.0, -90.0, -90.0],
        [40.0, 27.5, 10.0, 2.5, -7.5, -20.0, -22.5, -10.0, 0.0],
    )
    span = rep_span(thigh, velocity, 0, 3, 8)
    assert span.start_at == pytest.approx(0.0, abs=EXACT)
    assert span.top_reached_at == pytest.approx(3.0 - 11.0 / 75.0, abs=EXACT)
    assert span.top_left_at == pytest.approx(3.34, abs=EXACT)
    assert span.end_at == pytest.approx(8.0, abs=EXACT)
    assert (span.start, span.top_reached, span.top_left, span.end) == (0, 3, 3, 8)


def test_levels_met_exactly_count_as_reached() -> None:
    """A symmetric rep whose samples sit exactly on its levels: -81 (the bottom band's edge),
    -75 (the quarter level) and -39 (the top band's edge), on the way up and on the way down.

    Each level met exactly counts: the bottom region ends on sample 2 (-81), so the lift's speed
    (0, 4.5, 7.5 up to the peak speed 22.5) passes 3.375 at 0.75 and is still below 9 at sample
    2; the line through those ends at sample 0. The top band starts on sample 4 (-39): the
    speed dying out 22.5, 4.5, 0 towards the peak at 6 passes 9 at 4.75 and 3.375 at 5.25,
    extrapolated to 5.55. The lowering mirrors it: top left at 6.45, bottom band from sample
    10 (-81), end at 12."""
    thigh, velocity = _window(
        [-90.0, -90.0, -81.0, -75.0, -39.0, -30.0, -30.0, -30.0, -39.0, -75.0, -81.0, -90.0, -90.0],
        [0.0, 4.5, 7.5, 21.0, 22.5, 4.5, 0.0, -4.5, -22.5, -21.0, -7.5, -4.5, 0.0],
    )
    start_at, reached_at, left_at, end_at = _local_span(thigh, velocity, 6, DEFAULT_SEGMENTATION)
    assert start_at == pytest.approx(0.0, abs=EXACT)
    assert reached_at == pytest.approx(5.55, abs=EXACT)
    assert left_at == pytest.approx(6.45, abs=EXACT)
    assert end_at == pytest.approx(12.0, abs=EXACT)


def test_the_bottom_band_is_measured_from_the_windows_first_sample() -> None:
    """The legs creep from -90 to -80 and pause before lifting: the bottom band reaches 9 degrees
    above the window's first sample (-81), not above the second, so the bottom region ends on
    sample 1. The creep there (9 and 5 deg/sample) is faster than 15 % of the lift's speed (25):
    the lift is read as starting on the window's first sample. The top is the single sample 4
    and the lowering ends on the window's last sample (6)."""
    thigh, velocity = _window(
        [-90.0, -81.0, -80.0, -80.0, -30.0, -75.0, -90.0],
        [9.0, 5.0, 0.5, 25.0, 2.5, -30.0, -15.0],
    )
    start_at, reached_at, left_at, end_at = _local_span(thigh, velocity, 4, DEFAULT_SEGMENTATION)
    assert start_at == pytest.approx(0.0, abs=EXACT)
    assert reached_at == pytest.approx(4.0, abs=EXACT)
    assert left_at == pytest.approx(4.0, abs=EXACT)
    assert end_at == pytest.approx(6.0, abs=EXACT)


# --------------------------------------------------- each phase re-timed on its own smoothing


def _reference() -> RepSpan:
    """A rep timed on the smoothest velocity at 60 Hz: a 1.5 s lift (90 samples), a 0.25 s
    lowering (15 samples); with 3 cycles per phase the lift needs 2 Hz and the lowering 12 Hz."""
    return RepSpan(0, 10, 100, 110, 120, 135, 150, 10.0, 100.0, 120.0, 135.0)


def _timer(
    lift: tuple[float, float, float, float], lower: tuple[float, float, float, float]
) -> tuple[Callable[[float], RepSpan], list[float]]:
    """Timings on a 2 Hz and an 8 Hz velocity (start, top reached, top left, end)."""
    spans = {
        2.0: RepSpan(0, 0, 0, 110, 0, 0, 150, *lift),
        8.0: RepSpan(0, 0, 0, 110, 0, 0, 150, *lower),
    }
    return spans.__getitem__, [2.0, 8.0]


def test_the_lift_is_retimed_on_its_cutoff_and_the_lowering_on_its_own() -> None:
    timer = _timer((12.25, 99.25, 121.0, 140.0), (9.0, 101.0, 118.75, 133.25))
    timed, lift_cutoff, lower_cutoff = _retimed(_reference(), timer, 60.0, 3.0)
    assert (lift_cutoff, lower_cutoff) == (2.0, 8.0)  # 12 Hz is past the highest: 8 Hz
    assert (timed.start_at, timed.top_reached_at) == (12.25, 99.25)
    assert (timed.top_left_at, timed.end_at) == (118.75, 133.25)
    assert (timed.start, timed.top_reached, timed.top_left, timed.end) == (12, 99, 119, 133)
    assert (timed.bottom_before, timed.peak, timed.bottom_after) == (0, 110, 150)


def test_a_top_left_before_it_was_reached_is_met_half_way() -> None:
    """The lift's reading reaches the top at 115, the lowering's leaves it at 112.5: the two
    readings disagree, and the top is taken as one instant between them."""
    timer = _timer((12.0, 115.0, 121.0, 140.0), (9.0, 101.0, 112.5, 133.0))
    timed, _, _ = _retimed(_reference(), timer, 60.0, 3.0)
    assert timed.top_reached_at == pytest.approx(113.75, abs=EXACT)
    assert timed.top_left_at == pytest.approx(113.75, abs=EXACT)
    assert (timed.top_reached, timed.top_left) == (114, 114)
    assert (timed.start_at, timed.end_at) == (12.0, 133.0)
