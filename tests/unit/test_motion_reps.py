"""Rep segmentation and phase timing on hand-made thigh-angle signals."""

from __future__ import annotations

import numpy as np
import pytest

from revhyper.domain.motion.reps import (
    CONTRACT_MIN_RISE_DEG,
    DEFAULT_SEGMENTATION,
    RepSpan,
    find_rep_peaks,
    segment_reps,
    top_level,
    with_plateau_band,
)
from revhyper.domain.motion.signal import DEFAULT_CLEANING, smooth_velocity

RATE = DEFAULT_CLEANING.grid_rate_hz
BAND_DEG = DEFAULT_SEGMENTATION.plateau_band_deg


def _approach_s(move_s: float, rise_deg: float) -> float:
    """Time a raised-cosine move of ``rise_deg`` over ``move_s`` spends within the top band."""
    return move_s * float(np.arccos(1 - 2 * BAND_DEG / rise_deg)) / np.pi


def _grid(duration_s: float) -> np.ndarray:
    return np.arange(0, duration_s, 1 / RATE)


def _ease(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, 0, 1)
    return (1 - np.cos(np.pi * u)) / 2


def _held_reps(count, concentric=1.0, hold=2.0, eccentric=1.5, pause=1.0, top=0.0, lead=1.0):
    period = concentric + hold + eccentric + pause
    t = _grid(lead + count * period + 1.0)
    local = t - lead
    k = np.floor(local / period)
    phase = local - k * period
    level = np.where(
        phase < concentric + hold,
        _ease(phase / concentric),
        1 - _ease((phase - concentric - hold) / eccentric),
    )
    level = np.where((local >= 0) & (k < count), level, 0.0)
    return t, -90 + (top + 90) * level


def _segment(angle):
    return segment_reps(angle, smooth_velocity(angle))


def test_the_contract_rise_of_a_rep_is_30_degrees():
    assert CONTRACT_MIN_RISE_DEG == 30.0


@pytest.mark.parametrize(("rise", "expected"), [(25.0, 0), (35.0, 1)])
def test_a_rep_needs_30_degrees_of_rise_and_fall(rise, expected):
    t = _grid(6)
    angle = -90 + rise * np.exp(-(((t - 3) / 0.5) ** 2))
    assert len(find_rep_peaks(angle)) == expected


def test_settling_and_sway_are_not_reps():
    t = _grid(20)
    angle = -90 + 8 * np.sin(2 * np.pi * t / 1.7) + 12 * np.exp(-(((t - 5) / 0.3) ** 2))
    assert _segment(angle) == []


def test_a_flat_clip_has_no_reps():
    assert _segment(np.full(600, -88.0)) == []


def test_a_rep_that_never_comes_back_down_is_not_counted():
    t = _grid(6)
    angle = -90 + 90 * _ease((t - 2) / 1.0)
    assert _segment(angle) == []


def test_held_reps_give_their_phase_durations_with_the_top_read_from_the_band():
    t, angle = _held_reps(3, concentric=1.0, hold=2.0, eccentric=1.5)
    spans = _segment(angle)
    assert len(spans) == 3
    up, down = _approach_s(1.0, 90.0), _approach_s(1.5, 90.0)
    for span in spans:
        assert t[span.top_reached] - t[span.start] == pytest.approx(1.0 - up, abs=0.1)
        assert t[span.top_left] - t[span.top_reached] == pytest.approx(2.0 + up + down, abs=0.1)
        assert t[span.end] - t[span.top_left] == pytest.approx(1.5 - down, abs=0.1)
        assert (span.motion_stop_at - span.start_at) / RATE == pytest.approx(1.0, abs=0.15)
        assert (span.end_at - span.motion_resume_at) / RATE == pytest.approx(1.5, abs=0.15)


def test_a_long_isometric_hold_with_jitter_is_one_rep():
    t, angle = _held_reps(1, hold=20.0)
    jitter = np.random.default_rng(3).normal(0, 0.4, t.size)
    spans = _segment(angle + jitter)
    assert len(spans) == 1
    assert t[spans[0].top_left] - t[spans[0].top_reached] == pytest.approx(20.0, abs=0.3)


def test_pendulum_swings_below_vertical_are_each_a_rep_with_no_hold():
    t = _grid(12.2)
    angle = -55 - 55 * np.cos(2 * np.pi * (t - 0.1) / 2.4)  # -110 .. 0, no pause
    spans = _segment(angle)
    assert len(spans) == 5
    in_band = 2 * _approach_s(1.2, 110.0)  # the swing only passes through the top band
    for span in spans:
        assert (span.top_left_at - span.top_reached_at) / RATE == pytest.approx(in_band, abs=0.05)
        assert (span.motion_resume_at - span.motion_stop_at) / RATE < 0.15
        assert (span.motion_stop_at - span.start_at) / RATE == pytest.approx(1.2, abs=0.15)


def test_slow_tempo_reps_are_timed():
    t, angle = _held_reps(2, concentric=3.0, hold=1.0, eccentric=3.0, pause=1.0)
    spans = _segment(angle)
    assert len(spans) == 2
    approach = _approach_s(3.0, 90.0)
    for span in spans:
        assert t[span.top_reached] - t[span.start] == pytest.approx(3.0 - approach, abs=0.2)
        assert t[span.end] - t[span.top_left] == pytest.approx(3.0 - approach, abs=0.2)
        assert (span.motion_stop_at - span.start_at) / RATE == pytest.approx(3.0, abs=0.25)


def test_a_dip_at_the_top_smaller_than_30_degrees_does_not_split_the_rep():
    t, angle = _held_reps(1, hold=3.0)
    angle = angle - 10 * np.exp(-(((t - 3.5) / 0.2) ** 2))
    assert len(_segment(angle)) == 1


def test_a_rep_still_rising_when_the_clip_starts_is_not_counted():
    t = _grid(5)
    angle = -90 + 90 * (1 - _ease((t - 1.0) / 1.5))  # starts at the top, then lowers
    assert _segment(angle) == []


def _min_jerk(u: np.ndarray) -> np.ndarray:
    u = np.clip(u, 0, 1)
    return u**3 * (10 - 15 * u + 6 * u**2)


def _entered_band(t: np.ndarray, angle: np.ndarray, level: float) -> tuple[float, float]:
    """First and last time [s] the noiseless ``angle`` lies within the band below ``level``."""
    inside = np.flatnonzero(angle >= level - BAND_DEG)
    return float(t[inside[0]]), float(t[inside[-1]])


def test_a_hold_that_sags_one_and_a_half_degrees_is_still_at_the_top():
    t = _grid(10.0)
    rise = 90 * _ease((t - 1.0) / 1.5)
    sag = -1.5 * np.clip((t - 2.5) / 3.0, 0, 1)  # the legs sink slowly during a 3 s hold
    fall = -(90 - 1.5) * _ease((t - 5.5) / 2.0)
    angle = -90 + rise + sag + fall
    jitter = np.random.default_rng(5).normal(0, 0.3, t.size)
    (span,) = _segment(angle + jitter)
    level = -0.75  # the middle of the sagging plateau
    reached, left = _entered_band(t, angle, level)
    assert span.top_reached_at / RATE == pytest.approx(reached, abs=0.1)
    assert span.top_left_at / RATE == pytest.approx(left, abs=0.1)
    assert (span.top_left_at - span.top_reached_at) / RATE > 3.0


def test_a_minimum_jerk_rep_is_timed_from_its_onset_to_the_band():
    t = _grid(9.0)
    up = _min_jerk((t - 1.0) / 2.0)
    down = _min_jerk((t - 5.0) / 2.0)
    angle = -90 + 90 * (up - down)
    (span,) = _segment(angle)
    reached, left = _entered_band(t, angle, 0.0)
    assert span.start_at / RATE == pytest.approx(1.0, abs=0.15)
    assert span.end_at / RATE == pytest.approx(7.0, abs=0.15)
    assert span.top_reached_at / RATE == pytest.approx(reached, abs=0.1)
    assert span.top_left_at / RATE == pytest.approx(left, abs=0.1)
    assert (span.motion_stop_at - span.start_at) / RATE == pytest.approx(2.0, abs=0.3)


def test_a_pendulum_swing_has_no_motionless_hold_and_only_a_band_crossing_at_the_top():
    t = _grid(8.0)
    angle = -60 - 50 * np.cos(2 * np.pi * (t - 0.2) / 1.8)  # -110 .. -10, a swing every 1.8 s
    spans = _segment(angle)
    assert len(spans) == 4
    for span in spans:
        assert (span.top_left_at - span.top_reached_at) / RATE < 2 * _approach_s(0.9, 100) + 0.05
        assert span.motion_resume_at - span.motion_stop_at < 0.1 * RATE


def _span(peak: int, stop: float, resume: float) -> RepSpan:
    return RepSpan(0, 0, peak, peak, peak, 99, 99, 0.0, float(peak), float(peak), 99.0,
                   motion_stop_at=stop, motion_resume_at=resume)  # fmt: skip


def test_the_top_of_a_held_rep_is_an_upper_percentile_of_the_still_samples():
    thigh = np.full(100, -90.0)
    thigh[40:61] = np.linspace(10.0, 8.0, 21)  # a hold sagging 2 deg, still from 40 to 60
    thigh[45] = 14.0  # one noisy sample: the highest, but not the level held
    level = top_level(thigh, _span(45, 40.0, 60.0), 90.0)
    assert level == pytest.approx(float(np.percentile(thigh[40:61], 90)))
    assert 9.5 < level < 10.0


def test_the_top_of_a_swing_without_stillness_is_its_peak():
    thigh = -90.0 + 100.0 * np.sin(np.linspace(0.0, np.pi, 100))
    assert top_level(thigh, _span(50, 50.2, 50.4), 90.0) == thigh[50]  # stopped for an instant
    assert top_level(thigh, _span(50, float("nan"), float("nan")), 90.0) == thigh[50]


@pytest.mark.parametrize(("inside_after_dip", "dip_counted"), [(5, True), (6, False), (7, False)])
def test_a_dip_is_part_of_the_hold_once_the_top_is_held_again_for_a_tenth_of_a_second(
    inside_after_dip, dip_counted
):
    assert round(DEFAULT_SEGMENTATION.top_settled_s * 60.0) == 6  # samples on the 60 Hz grid
    thigh = np.concatenate(
        [
            np.full(10, -40.0),  # the lift, below the band
            np.zeros(20),  # the top, held (peak at 10)
            np.full(5, -5.0),  # a dip below the 2-degree band
            np.zeros(inside_after_dip),  # back at the top
            np.full(10, -40.0),  # the lowering
        ]
    )
    last = thigh.size - 1
    span = RepSpan(0, 0, 10, 10, 29, last, last, 0.0, 10.0, 29.0, float(last))
    banded = with_plateau_band(thigh, thigh, span, DEFAULT_SEGMENTATION, settled_samples=6)
    outside = 15 if dip_counted else 10
    assert banded.top_left_at == pytest.approx(last - outside + 0.5)
