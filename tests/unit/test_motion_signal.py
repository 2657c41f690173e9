"""Cleaning: uniform grid, gaps, glitches and jitter, with parameters in seconds."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import signal as sps

from revhyper.domain.motion.signal import (
    DEFAULT_CLEANING,
    butter_low_pass,
    change_with,
    clean_series,
    filtfilt,
    gap_mask,
    impossible_samples,
    largest_departure,
    remove_glitches,
    smooth,
    uniform_grid,
)


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("cutoff_hz", [0.7, 4.0, 12.0])
def test_the_forward_backward_low_pass_gives_scipys_sosfiltfilt_numbers_exactly(order, cutoff_hz):
    rng = np.random.default_rng(order)
    low_pass = butter_low_pass(order, cutoff_hz, 30.0)
    for length in [low_pass.padlen + 1, low_pass.padlen + 7, 90, 601]:
        values = np.cumsum(rng.normal(size=length)) + 40.0
        expected = sps.sosfiltfilt(low_pass.sos, values)
        assert np.array_equal(filtfilt(low_pass, values), expected), (order, cutoff_hz, length)


def test_uniform_grid_spans_the_clip_at_the_fixed_rate():
    grid = uniform_grid(0.5, 2.5, 60.0)
    assert grid[0] == 0.5
    assert grid[-1] == 2.5
    assert_allclose(np.diff(grid), 1 / 60)


def test_short_gaps_are_bridged_and_long_ones_marked_untracked():
    t_valid = np.array([0.0, 0.1, 0.2, 0.5, 1.6, 1.7])
    grid = uniform_grid(0.0, 1.7, 10.0)
    tracked = gap_mask(t_valid, grid, max_gap_s=0.5)
    assert tracked[(grid > 0.19) & (grid < 0.51)].all()  # 0.3 s gap: bridged
    assert not tracked[(grid > 0.6) & (grid < 1.5)].any()  # 1.1 s gap: untracked


def test_a_one_frame_glitch_is_removed_but_a_smooth_peak_is_kept():
    rate = 60.0
    t = np.arange(0, 4, 1 / rate)
    swing = -50 - 45 * np.cos(2 * np.pi * t / 2.0)  # peaks at -5 deg, no pause
    glitched = swing.copy()
    glitched[100] += 60.0
    cleaned = remove_glitches(glitched, rate, DEFAULT_CLEANING)
    assert abs(cleaned[100] - swing[100]) < 3.0  # replaced by the local median
    assert abs(cleaned.max() - swing.max()) < 0.1


def test_smoothing_reduces_jitter_without_shifting_in_time():
    rate = 60.0
    t = np.arange(0, 10, 1 / rate)
    truth = 40 * np.sin(2 * np.pi * t / 3)
    noisy = truth + np.random.default_rng(1).normal(0, 1.5, t.size)
    smoothed = smooth(noisy, rate, DEFAULT_CLEANING)
    assert np.std(smoothed - truth) < 0.5 * np.std(noisy - truth)
    lag = np.argmax(np.correlate(smoothed - smoothed.mean(), truth - truth.mean(), "full"))
    assert lag - (t.size - 1) == 0


def test_cleaning_gives_the_same_signal_at_24_and_60_frames_per_second():
    def angle(t):
        return -45 - 45 * np.cos(2 * np.pi * t / 2.5)

    results = []
    for fps in (24.0, 60.0):
        t = np.arange(0, 10, 1 / fps)
        grid = uniform_grid(0.0, 9.9, DEFAULT_CLEANING.grid_rate_hz)
        results.append(clean_series(t, angle(t), grid).value)
    assert np.max(np.abs(results[0] - results[1])[30:-30]) < 1.0


def test_a_series_with_no_tracked_sample_is_all_untracked():
    grid = uniform_grid(0.0, 1.0, 60.0)
    series = clean_series(np.array([0.0, 1.0]), np.array([np.nan, np.nan]), grid)
    assert not series.tracked.any()
    assert np.isnan(series.reported).all()


# Frame times 1/64 s apart (exact in binary), so the bounds below are met exactly.
_STEP = 1.0 / 64.0
_BOUND = DEFAULT_CLEANING.max_speed_deg_s


def _spiked(height: float, frames: int = 1) -> tuple[np.ndarray, np.ndarray]:
    t = np.arange(128, dtype=np.float64) * _STEP
    values = np.full(t.size, -90.0)
    values[60 : 60 + frames] += height
    return t, values


@pytest.mark.parametrize(
    ("speed", "flagged"),
    [(_BOUND - 1.0, False), (_BOUND, False), (_BOUND + 1.0, True)],
)
def test_a_sample_reached_faster_than_a_body_turns_is_a_tracking_error(speed, flagged):
    t, values = _spiked(speed * _STEP)
    errors = impossible_samples(t, values, _BOUND, DEFAULT_CLEANING.max_error_s)
    assert errors[60] == flagged
    assert errors.sum() == int(flagged)


@pytest.mark.parametrize(
    ("frames", "flagged"),
    [(16, True), (17, False), (18, False)],  # lasting 15/64 s, 16/64 = 0.25 s, 17/64 s
)
def test_only_a_brief_excursion_after_an_impossible_jump_is_dropped(frames, flagged):
    assert DEFAULT_CLEANING.max_error_s == 16 * _STEP
    t, values = _spiked(100.0, frames)
    errors = impossible_samples(t, values, _BOUND, DEFAULT_CLEANING.max_error_s)
    assert errors[60 : 60 + frames].all() == flagged
    assert not errors[:60].any() and not errors[60 + frames :].any()


def test_the_maximum_speed_is_above_the_fastest_generated_movement_and_below_the_reported_one():
    assert 895.0 < DEFAULT_CLEANING.max_speed_deg_s < 2900.0


def test_a_tracking_error_leaves_no_impossible_speed_in_the_cleaned_series():
    t, values = _spiked(120.0, frames=3)
    cleaned = clean_series(t, values, uniform_grid(0.0, float(t[-1]), 60.0))
    assert np.max(np.abs(np.gradient(cleaned.value, 1 / 60.0))) < 1.0
    assert_allclose(cleaned.value, -90.0, atol=1e-6)


def test_a_series_crossing_180_degrees_is_cleaned_continuously_and_reported_within_range():
    t = np.arange(0, 2, 1 / 30.0)
    direction = -170.0 - 20.0 * np.sin(np.pi * t)  # passes -180 and comes back
    raw = (direction + 180.0) % 360.0 - 180.0  # as measured: jumps from -180 to +180
    cleaned = clean_series(t, raw, uniform_grid(0.0, float(t[-1]), 60.0))
    assert np.max(np.abs(np.diff(cleaned.value))) < 2.0  # no 360-degree jump
    reported = cleaned.reported
    assert np.all((reported > -180.0) & (reported <= 180.0))
    assert np.max(reported) > 170.0  # the part beyond -180 is reported on the other side


def test_the_change_that_goes_with_a_movement_ignores_drift_and_averages_noise():
    rng = np.random.default_rng(1)
    progress = np.clip(np.sin(np.linspace(0.0, np.pi, 200)) * 1.3, 0.0, 1.0)
    drift = np.linspace(0.0, 6.0, 200)
    tracked = np.ones(200, dtype=bool)
    lifted = 10.0 * progress + drift + rng.normal(0.0, 1.0, 200)
    assert change_with(lifted, progress, tracked) == pytest.approx(10.0, abs=0.5)
    assert change_with(drift + rng.normal(0.0, 1.0, 200), progress, tracked) < 0.5
    assert np.isnan(change_with(lifted, progress, np.zeros(200, dtype=bool)))


def test_the_largest_departure_is_read_from_the_level_before_and_after_the_movement():
    level = np.linspace(0.0, 5.0, 100)  # a drift of 5 degrees is no departure
    tracked = np.ones(100, dtype=bool)
    assert largest_departure(level, tracked, 10, 10) == pytest.approx(0.0, abs=1e-9)
    jerked = level.copy()
    jerked[50] += 12.0
    assert largest_departure(jerked, tracked, 10, 10) == pytest.approx(12.0)
    jerked[5] += 30.0  # before the movement: part of the level (a median), not a departure
    assert largest_departure(jerked, tracked, 10, 10) == pytest.approx(12.0, abs=0.1)
    assert np.isnan(largest_departure(jerked, tracked, 0, 10))
