"""Cleaning: uniform grid, gaps, glitches and jitter, with parameters in seconds."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from revhyper.domain.motion.signal import (
    DEFAULT_CLEANING,
    clean_series,
    gap_mask,
    remove_glitches,
    smooth,
    uniform_grid,
)


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
