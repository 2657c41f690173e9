"""Edges of rep detection: tops at the spacing and rise limits, the plateau band's edges, and
the mask helpers' first / last / empty cases.

Every signal here is built sample by sample (steps, ramps of whole degrees, flat holds), so
each expected index or position is worked out by hand from the construction and written as a
literal; none is read back from the code under test.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from revhyper.domain.motion.reps import (
    DEFAULT_SEGMENTATION,
    RepSpan,
    _first,
    _first_run,
    _last,
    _last_run_end,
    _valleys,
    find_rep_peaks,
    plateau_level,
    segment_reps,
    top_level,
    with_plateau_band,
)

RATE_HZ = 60.0


def _signal(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def _mask(text: str) -> np.ndarray:
    """``"..##."`` -> [False, False, True, True, False]."""
    return np.array([char == "#" for char in text], dtype=np.bool_)


def _span(
    peak: int,
    end: int,
    *,
    start_at: float = 0.0,
    stop_at: float | None = None,
    resume_at: float | None = None,
) -> RepSpan:
    """A rep from ``start_at`` to ``end`` whose top is ``peak``; ``stop_at`` / ``resume_at`` are
    its speed reading of the top (the band reading takes them from top reached / left)."""
    stop = float(peak) if stop_at is None else stop_at
    resume = float(peak) if resume_at is None else resume_at
    return RepSpan(0, peak, peak, peak, peak, end, end, start_at, stop, resume, float(end),
                   motion_stop_at=stop, motion_resume_at=resume)  # fmt: skip


# --------------------------------------------------------------------------- rep tops


@pytest.mark.parametrize("samples", [0, 1, 2])
def test_a_recording_shorter_than_three_samples_has_no_rep_tops(samples: int) -> None:
    peaks = find_rep_peaks(np.linspace(-90.0, 0.0, samples))
    assert peaks.shape == (0,)
    assert peaks.dtype == np.intp


def test_a_flat_recording_has_no_rep_tops_as_an_empty_index_array() -> None:
    peaks = find_rep_peaks(np.full(10, -90.0))
    assert peaks.shape == (0,)
    assert peaks.dtype == np.intp


def test_three_samples_are_enough_for_a_rep_top() -> None:
    peaks = find_rep_peaks(_signal(-90.0, -50.0, -90.0))
    assert peaks.tolist() == [1]
    assert peaks.dtype == np.intp


def test_two_equal_tops_closer_than_a_30_degree_fall_count_as_one_rep_at_the_first() -> None:
    # 0 -> 40, a 10-degree dip, 40 again, then straight down to 0 on the very next sample.
    assert find_rep_peaks(_signal(0.0, 40.0, 30.0, 40.0, 0.0)).tolist() == [1]


def test_two_equal_tops_with_a_fall_of_exactly_30_degrees_between_them_are_two_reps() -> None:
    assert find_rep_peaks(_signal(0.0, 40.0, 10.0, 40.0, 0.0)).tolist() == [1, 3]


def test_a_top_merged_into_the_one_before_does_not_stop_the_search_for_later_reps() -> None:
    # Tops at 1 and 3 are one rep (10-degree dip); the top at 5 follows a full fall to 0.
    angle = _signal(0.0, 40.0, 30.0, 40.0, 0.0, 40.0, 0.0)
    assert find_rep_peaks(angle).tolist() == [1, 5]


def test_a_full_fall_reached_just_before_a_sudden_second_top_separates_two_reps() -> None:
    # Between the tops the thigh pauses at 15, then drops to 0 one sample before jumping to 40.
    angle = _signal(0.0, 40.0, 15.0, 15.0, 0.0, 40.0, 0.0)
    assert find_rep_peaks(angle).tolist() == [1, 5]


def test_the_bottom_before_the_first_top_is_searched_only_up_to_that_top() -> None:
    # The recording starts part-way up (-50); the deep bottom (-90) comes after the top.
    angle = _signal(-50.0, -10.0, 0.0, -90.0, -90.0)
    assert _valleys(angle, np.array([2], dtype=np.intp)).tolist() == [0, 3]


def test_the_bottom_between_two_tops_is_searched_only_up_to_the_second_top() -> None:
    angle = _signal(-60.0, 0.0, -70.0, -40.0, 0.0, -90.0, -80.0)
    assert _valleys(angle, np.array([1, 4], dtype=np.intp)).tolist() == [0, 2, 5]


# --------------------------------------------------------------------------- mask helpers


def test_first_and_last_of_an_empty_mask_are_the_default() -> None:
    empty = np.zeros(0, dtype=np.bool_)
    assert _first(empty, 5, -1) == -1
    assert _last(empty, 5, -1) == -1


def test_first_and_last_of_a_one_sample_mask() -> None:
    assert _first(_mask("#"), 7, -1) == 7
    assert _last(_mask("#"), 7, -1) == 7
    assert _first(_mask("."), 7, -1) == -1
    assert _last(_mask("."), 7, -1) == -1


def test_first_and_last_of_an_all_false_mask_are_the_default() -> None:
    assert _first(_mask("...."), 10, 99) == 99
    assert _last(_mask("...."), 10, 99) == 99


def test_first_and_last_true_are_offset() -> None:
    assert _first(_mask(".#.#."), 10, -1) == 11
    assert _last(_mask(".#.#."), 10, -1) == 13


def test_a_run_starting_at_the_first_sample_is_found_at_index_0() -> None:
    assert _first_run(_mask("##..###"), 2) == 0
    assert _first_run(_mask("##..###"), 3) == 4


def test_a_mask_exactly_one_run_long_holds_that_run() -> None:
    assert _first_run(_mask("###"), 3) == 0
    assert _last_run_end(_mask("###"), 3) == 3


def test_a_mask_shorter_than_the_run_has_none() -> None:
    assert _first_run(_mask("##"), 3) == -1
    assert _last_run_end(_mask("##"), 3) == -1


def test_a_mask_without_a_long_enough_run_has_none() -> None:
    assert _first_run(_mask("#.#.#"), 2) == -1
    assert _first_run(_mask("....."), 1) == -1
    assert _last_run_end(_mask("#.#.#"), 2) == -1
    assert _last_run_end(_mask("....."), 1) == -1


def test_a_one_sample_run() -> None:
    assert _first_run(_mask("..#.."), 1) == 2
    assert _last_run_end(_mask("..#.."), 1) == 3


def test_a_run_ending_at_the_last_sample_ends_at_the_mask_size() -> None:
    assert _last_run_end(_mask("#..##"), 2) == 5
    assert _last_run_end(_mask("##.#."), 2) == 2


# --------------------------------------------------------------------------- the top's level

# Still (by the speed reading) from sample 2 to 6; the peak is sample 5 (9 deg).
_TOP = _signal(-90.0, -60.0, 0.0, 1.0, 2.0, 9.0, 3.0, 4.0, -60.0, -90.0)


def test_the_plateau_level_is_the_median_of_every_still_sample_from_stop_to_resume() -> None:
    assert plateau_level(_TOP, _span(5, 9, stop_at=1.2, resume_at=6.7)) == 2.0
    assert plateau_level(_TOP, _span(5, 9, stop_at=2.0, resume_at=7.0)) == 2.5


def test_two_still_samples_are_a_plateau() -> None:
    assert plateau_level(_TOP, _span(5, 9, stop_at=2.0, resume_at=3.0)) == 0.5


def test_one_still_sample_or_none_is_no_plateau_and_the_level_is_the_peak() -> None:
    assert plateau_level(_TOP, _span(5, 9, stop_at=3.0, resume_at=3.0)) == 9.0
    assert plateau_level(_TOP, _span(5, 9, stop_at=3.5, resume_at=3.5)) == 9.0


def test_the_top_angle_of_two_still_samples_is_their_percentile() -> None:
    level = top_level(_TOP, _span(5, 9, stop_at=2.0, resume_at=3.0), 90.0)
    assert level == pytest.approx(0.9)


@pytest.mark.parametrize(("stop", "resume"), [(2.0, float("nan")), (float("nan"), 6.0)])
def test_a_top_whose_stillness_is_half_unknown_is_read_at_the_peak(
    stop: float, resume: float
) -> None:
    assert top_level(_TOP, _span(5, 9, stop_at=stop, resume_at=resume), 90.0) == 9.0


# --------------------------------------------------------------------------- the plateau band


def test_a_lift_arriving_on_the_peak_sample_reaches_the_top_half_a_sample_before() -> None:
    # 10 samples below the band, the peak (0) at 10, then a hold sagging to -1 (level -1).
    lift = np.concatenate([np.full(10, -40.0), [0.0], np.full(10, -1.0), np.full(10, -40.0)])
    span = with_plateau_band(lift, lift, _span(10, 30, resume_at=20.0))
    assert span.top_reached_at == 9.5
    assert span.top_left_at == 20.5
    assert (span.top_reached, span.top_left) == (10, 20)  # round half to even
    assert (span.motion_stop_at, span.motion_resume_at) == (10.0, 20.0)


def test_a_swing_through_the_band_is_at_the_top_one_sample_when_settling_needs_two() -> None:
    swing = np.concatenate([np.full(10, -40.0), [0.0], np.full(10, -40.0)])
    span = with_plateau_band(swing, swing, _span(10, 20), DEFAULT_SEGMENTATION, 2)
    assert (span.top_reached_at, span.top_left_at) == (9.5, 10.5)


def test_a_lift_sample_exactly_on_the_band_edge_is_at_the_top() -> None:
    # Level 0, band 2 deg: the sample at -2.0 (index 9) is inside the band.
    lift = np.concatenate([np.full(9, -40.0), [-2.0], np.zeros(10), np.full(10, -40.0)])
    span = with_plateau_band(lift, lift, _span(15, 29, stop_at=10.0, resume_at=19.0))
    assert span.top_reached_at == 8.5


def test_a_lowering_sample_exactly_on_the_band_edge_is_still_at_the_top() -> None:
    # Level 0, band 2 deg: the sample at -2.0 (index 20) is inside the band.
    lower = np.concatenate([np.full(10, -40.0), np.zeros(10), [-2.0], np.full(9, -40.0)])
    span = with_plateau_band(lower, lower, _span(15, 29, stop_at=10.0, resume_at=19.0))
    assert span.top_left_at == 20.5


@pytest.mark.parametrize(
    ("settled_samples", "reached_at"),
    [(None, 9.5), (0, 9.5), (1, 9.5), (2, 11.5)],
)
def test_by_default_one_sample_back_in_the_band_settles_the_top(
    settled_samples: int | None, reached_at: float
) -> None:
    # In the band at 10, a two-sample dip (11, 12), back in the band from 13 on.
    lift = np.concatenate([np.full(10, -40.0), [0.0, -5.0, -5.0], np.zeros(10), np.full(7, -40.0)])
    span = _span(18, 29, stop_at=13.0, resume_at=22.0)
    if settled_samples is None:
        banded = with_plateau_band(lift, lift, span)
    else:
        banded = with_plateau_band(lift, lift, span, DEFAULT_SEGMENTATION, settled_samples)
    assert banded.top_reached_at == reached_at


def test_a_lift_timed_from_inside_the_band_is_at_the_top_at_once_despite_a_sag() -> None:
    # Timing starts at sample 0, already in the band (-1); it sags to -5 (2..4), then holds 0.
    lift = np.concatenate([[-1.0, -1.0, -5.0, -5.0, -5.0], np.zeros(10), np.full(5, -40.0)])
    span = with_plateau_band(lift, lift, _span(10, 19, stop_at=5.0, resume_at=14.0))
    assert span.top_reached_at == 0.0  # the start of the timing, not half a sample before it


def test_a_lowering_that_leaves_the_band_before_the_lift_reaches_it_meets_it_half_way() -> None:
    # The lift's timing starts 0.25 samples before the peak, so the top is reached at 9.75 at
    # the earliest; the lowering (smoothed harder) is below the band from the peak on, so the
    # top is left at 9.5. Both become the midpoint.
    lift = np.concatenate([np.full(10, -40.0), [0.0], np.full(10, -40.0)])
    lower = np.full(21, -40.0)
    span = with_plateau_band(lift, lower, _span(10, 20, start_at=9.75))
    assert span.top_reached_at == 9.625
    assert span.top_left_at == 9.625
    assert (span.top_reached, span.top_left) == (10, 10)


# --------------------------------------------------------------------------- whole recordings


def _held_top_with_a_late_dip(back: int) -> np.ndarray:
    """At 60 Hz: bottom (-90) for samples 0-59, up in 3-degree steps to -3 at 88, the top (0)
    held from 89 to 148, a dip to -5 (149-152), back at 0 for ``back`` samples, down in
    3-degree steps to -90 and 60 samples at the bottom."""
    return np.concatenate(
        [
            np.full(60, -90.0),
            -90.0 + 3.0 * np.arange(1, 30),
            np.zeros(60),
            np.full(4, -5.0),
            np.zeros(back),
            -3.0 * np.arange(1, 31),
            np.full(60, -90.0),
        ]
    )


@pytest.mark.parametrize(
    ("settled_s", "back", "left_at"),
    [
        (0.1, 5, 153.5),  # 6 samples needed to settle: the dip counts, left at 157.5 - 4
        (0.1, 6, 158.5),  # settled again: the dip is part of the hold
        (0.75, 44, 192.5),  # 45 samples needed: left at 196.5 - 4
        (0.75, 45, 197.5),
    ],
)
def test_the_top_is_settled_again_after_top_settled_s_on_the_60_hz_grid(
    settled_s: float, back: int, left_at: float
) -> None:
    angle = _held_top_with_a_late_dip(back)
    params = replace(DEFAULT_SEGMENTATION, top_settled_s=settled_s)
    (span,) = segment_reps(angle, np.gradient(angle) * RATE_HZ, params)
    assert span.top_reached_at == 88.5
    assert span.top_left_at == left_at


@pytest.mark.parametrize(("min_rise", "reps"), [(20.0, 1), (30.0, 0)])
def test_segmenting_uses_the_given_minimum_rise(min_rise: float, reps: int) -> None:
    # A straight 25-degree rise over 25 samples and fall back, with flat bottoms around it.
    up = -90.0 + np.arange(26.0)
    angle = np.concatenate([np.full(30, -90.0), up, up[-2::-1], np.full(30, -90.0)])
    params = replace(DEFAULT_SEGMENTATION, min_rise_deg=min_rise)
    spans = segment_reps(angle, np.gradient(angle) * RATE_HZ, params)
    assert len(spans) == reps
    assert [span.peak for span in spans] == [55] * reps
