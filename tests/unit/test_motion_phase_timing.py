"""Each phase of a rep is timed on the smoothing that suits its length (``segment_reps`` given
velocities at several cutoffs, as the analysis calls it).

The reps are raised-cosine moves whose phase lengths are known by construction; the speed
reading of a phase (start to motion stop, motion resume to end) must come back within a few
hundredths of a second for a quick phase and a tenth or two for a slow one under jitter. Timing
a quick drop on a heavily smoothed velocity stretches it; timing a slow, jittery lift on a
lightly smoothed one cuts it short.
"""

from __future__ import annotations

import numpy as np
import pytest

from revhyper.domain.motion.reps import SegmentationParameters, segment_reps
from revhyper.domain.motion.signal import (
    DEFAULT_CLEANING,
    derivative,
    smooth_below,
    smooth_velocity,
)

RATE_HZ = DEFAULT_CLEANING.grid_rate_hz


def _reps(lift_s: float, hold_s: float, lower_s: float, count: int = 2) -> np.ndarray:
    """Thigh angle [deg] on the analysis grid: ``count`` raised-cosine reps from -90 to 0 deg,
    1 s apart, after a 1 s lead."""
    period = lift_s + hold_s + lower_s + 1.0
    t = np.arange(0, 1.0 + count * period + 1.0, 1 / RATE_HZ)
    local = t - 1.0
    k = np.floor(local / period)
    phase = local - k * period

    def ease(u: np.ndarray) -> np.ndarray:
        return (1 - np.cos(np.pi * np.clip(u, 0, 1))) / 2

    level = np.where(
        phase < lift_s + hold_s, ease(phase / lift_s), 1 - ease((phase - lift_s - hold_s) / lower_s)
    )
    return -90 + 90 * np.where((local >= 0) & (k < count), level, 0.0)


def _timed(angle: np.ndarray):
    smoothed = {
        c: smooth_below(angle, DEFAULT_CLEANING, c) for c in DEFAULT_CLEANING.phase_cutoffs_hz
    }
    velocities = {c: derivative(v, RATE_HZ) for c, v in smoothed.items()}
    return segment_reps(angle, smooth_velocity(angle), velocities=velocities, rate_hz=RATE_HZ,
                        smoothed=smoothed)  # fmt: skip


def _speed_reading(span) -> tuple[float, float]:
    """Lift (start to motion stop) and lowering (motion resume to end) [s]."""
    return (
        (span.motion_stop_at - span.start_at) / RATE_HZ,
        (span.end_at - span.motion_resume_at) / RATE_HZ,
    )


def test_a_quick_drop_after_a_slow_lift_is_timed_on_light_smoothing():
    spans = _timed(_reps(3.0, 1.0, 0.4))
    assert len(spans) == 2
    for span in spans:
        lift, lower = _speed_reading(span)
        assert lift == pytest.approx(3.0, abs=0.1)
        assert lower == pytest.approx(0.4, abs=0.04)


def test_a_quick_lift_before_a_slow_lowering_is_timed_on_light_smoothing():
    spans = _timed(_reps(0.4, 1.0, 3.0))
    assert len(spans) == 2
    for span in spans:
        lift, lower = _speed_reading(span)
        assert lift == pytest.approx(0.4, abs=0.04)
        assert lower == pytest.approx(3.0, abs=0.1)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_slow_jittery_phases_are_timed_on_heavy_smoothing(seed):
    clean = _reps(3.0, 1.0, 3.0)
    angle = clean + np.random.default_rng(seed).normal(0.0, 0.7, clean.size)
    spans = _timed(angle)
    assert len(spans) == 2
    for span in spans:
        lift, lower = _speed_reading(span)
        assert lift == pytest.approx(3.0, abs=0.25)
        assert lower == pytest.approx(3.0, abs=0.25)
        assert span.start_at < span.top_reached_at <= span.top_left_at < span.end_at


def test_the_band_reading_of_a_held_rep_keeps_the_hold_between_lift_and_lowering():
    for span in _timed(_reps(1.0, 2.0, 1.5)):
        hold = (span.top_left_at - span.top_reached_at) / RATE_HZ
        assert hold >= 2.0
        assert span.start <= span.top_reached <= span.peak <= span.top_left <= span.end
        assert span.start == round(span.start_at) and span.end == round(span.end_at)


def _triangular_speed_move(t: np.ndarray, start_s: float, move_s: float, rise_deg: float):
    """Angle [deg] and angular velocity [deg/s] of a move whose speed rises linearly from rest
    and falls linearly back to rest: 0 before ``start_s``, ``rise_deg`` after the move."""
    u = np.clip((t - start_s) / move_s, 0, 1)
    angle = np.where(u < 0.5, 2 * u**2, 1 - 2 * (1 - u) ** 2)
    speed = np.where((u > 0) & (u < 1), np.where(u < 0.5, 4 * u, 4 * (1 - u)) / move_s, 0.0)
    return rise_deg * angle, rise_deg * speed


def _band_crossing_s(start_s: float, move_s: float, band_deg: float, rise_deg: float) -> float:
    """When the second half of such a move comes within ``band_deg`` of its end [s]."""
    return start_s + move_s * (1 - np.sqrt(band_deg / (2 * rise_deg)))


@pytest.mark.parametrize("offset_s", [0.0, 0.013, 0.0271])
def test_a_move_whose_speed_grows_linearly_from_rest_is_timed_exactly(offset_s):
    """The onset is extrapolated to zero speed through two speed levels, which is exact for a
    speed that grows linearly; the ends of the top are read from the 2 deg plateau band to
    within half a grid step. Two reps, each 1.2 s up, 1 s held, 0.9 s down, 1.5 s apart."""
    t = np.arange(0, 12, 1 / RATE_HZ)
    angle, velocity = np.full(t.size, -90.0), np.zeros(t.size)
    starts = (1.0 + offset_s, 6.0 + offset_s)
    for start in starts:
        for begin, move_s, sign in ((start, 1.2, 1.0), (start + 2.2, 0.9, -1.0)):
            moved, speed = _triangular_speed_move(t, begin, move_s, 90.0)
            angle, velocity = angle + sign * moved, velocity + sign * speed
    spans = segment_reps(angle, velocity)
    assert len(spans) == 2
    for span, start in zip(spans, starts, strict=True):
        assert span.start_at / RATE_HZ == pytest.approx(start, abs=1e-9)
        assert span.motion_stop_at / RATE_HZ == pytest.approx(start + 1.2, abs=1e-9)
        assert span.motion_resume_at / RATE_HZ == pytest.approx(start + 2.2, abs=1e-9)
        assert span.end_at / RATE_HZ == pytest.approx(start + 3.1, abs=1e-9)
        reached = _band_crossing_s(start, 1.2, 2.0, 90.0)
        left = start + 2.2 + 0.9 - (_band_crossing_s(0.0, 0.9, 2.0, 90.0))
        half_step = 0.5 / RATE_HZ + 1e-9
        assert span.top_reached_at / RATE_HZ == pytest.approx(reached, abs=half_step)
        assert span.top_left_at / RATE_HZ == pytest.approx(left, abs=half_step)
        assert (span.start, span.end) == (round(span.start_at), round(span.end_at))
        assert span.top_reached == round(span.top_reached_at)
        assert span.top_left == round(span.top_left_at)
        assert angle[span.peak] == angle.max()
        assert angle[span.bottom_before] == angle[span.bottom_after] == -90.0
        assert span.bottom_before <= span.start and span.end <= span.bottom_after
    assert spans[0].bottom_before == 0
    assert spans[0].bottom_after == spans[1].bottom_before
    for span in spans:  # the bottom after a rep is where the lowering first reaches it
        assert span.bottom_after == span.peak + int(np.argmax(angle[span.peak :] == -90.0))


def test_a_pendulum_swing_stops_and_resumes_at_its_highest_point():
    """A swing with no hold: the lift's and the lowering's speed readings meet at the top
    (the turning point of a cosine, every 2.4 s from 1.3 s), and each swing runs trough to
    trough."""
    t = np.arange(0, 12.2, 1 / RATE_HZ)
    angle = -55 - 55 * np.cos(2 * np.pi * (t - 0.1) / 2.4)
    spans = _timed(angle)
    assert len(spans) == 5
    for k, span in enumerate(spans):
        top_s = 1.3 + 2.4 * k
        assert span.motion_stop_at / RATE_HZ == pytest.approx(top_s, abs=0.02)
        assert span.motion_resume_at / RATE_HZ == pytest.approx(top_s, abs=0.02)
        assert span.start_at / RATE_HZ == pytest.approx(top_s - 1.2, abs=0.02)
        assert span.end_at / RATE_HZ == pytest.approx(top_s + 1.2, abs=0.02)


@pytest.mark.parametrize(
    "params",
    [
        SegmentationParameters(),
        SegmentationParameters(low_speed_fraction=0.05, high_speed_fraction=0.6),
        SegmentationParameters(top_band_deg=10.0, band_fraction=0.3, plateau_band_deg=5.0),
    ],
)
def test_one_velocity_given_as_a_cutoff_times_reps_as_that_velocity_alone(params):
    """The multi-cutoff path with a single cutoff must agree exactly with the plain path, for
    any segmentation parameters (both are handed the same velocity and angle)."""
    angle = _reps(1.5, 0.5, 2.0)
    velocity = smooth_velocity(angle)
    plain = segment_reps(angle, velocity, params)
    one_cutoff = segment_reps(angle, velocity, params, velocities={2.0: velocity},
                              rate_hz=RATE_HZ, smoothed={2.0: angle})  # fmt: skip
    assert len(plain) == len(one_cutoff) == 2
    assert plain == one_cutoff


def test_a_quick_settling_twitch_before_a_slow_rep_is_not_taken_for_its_lift():
    angle = _reps(3.0, 1.0, 3.0, count=1)
    t = np.arange(angle.size) / RATE_HZ
    twitched = angle + 25 * np.exp(-(((t - 0.5) / 0.1) ** 2))  # 25 deg (no rep) at 0.5 s
    (span,) = segment_reps(twitched, smooth_velocity(twitched))
    lift, lower = _speed_reading(span)
    assert span.start_at / RATE_HZ == pytest.approx(1.0, abs=0.06)
    assert lift == pytest.approx(3.0, abs=0.06)
    assert lower == pytest.approx(3.0, abs=0.03)


def test_the_bottom_after_the_last_rep_can_be_the_clips_last_sample():
    angle = np.concatenate([_reps(1.0, 0.5, 1.0, count=1), np.linspace(-90.0, -95.0, 30)])
    (span,) = segment_reps(angle, smooth_velocity(angle))
    assert span.bottom_after == angle.size - 1
