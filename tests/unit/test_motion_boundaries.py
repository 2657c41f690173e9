"""Motion-analysis thresholds probed just below, at and just above each limit.

The limits are the contract's (``shared/contracts/keypoints.md``): a rep is a rise of at least
30 deg above the bottom and a fall back; the fault table is short_rom below -10 deg at the top,
over_extension above +20 deg, torso_lift when the trunk ranges more than 8 deg, knee_bend above
25 deg of knee flexion, uncontrolled_descent below 0.5 s of lowering, tempo_off beyond 25 % (or
0.5 s) of a phase. The numbers are written out here, not read from the code under test, so a
threshold moved in the code is a failing test.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from motion_clip_factory import clip_from_angles, rep_trajectory

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.faults import (
    DEFAULT_THRESHOLDS,
    RepMeasures,
    rep_faults,
    thresholds_for,
)
from revhyper.domain.motion.form_result import Fault, Prescription, Tempo
from revhyper.domain.motion.keypoints import joint_index
from revhyper.domain.motion.reps import find_rep_peaks, segment_reps
from revhyper.domain.motion.signal import smooth_velocity

RATE_HZ = 60.0
BOTTOM_DEG = -90.0


def _triangle_reps(rise_deg: float, reps: int = 1) -> np.ndarray:
    """Thigh angle [deg] at 60 Hz: flat at the bottom, then ``reps`` straight rises of
    ``rise_deg`` over 1 s and falls back over 1 s, 1 s apart; the top is one exact sample."""
    up = BOTTOM_DEG + rise_deg * np.arange(60) / 60
    down = BOTTOM_DEG + rise_deg * np.arange(60, 0, -1) / 60
    flat = np.full(60, BOTTOM_DEG)
    return np.concatenate([flat, *([up, down, flat] * reps)])


# --------------------------------------------------------------------------- the 30 deg rep rise


@pytest.mark.parametrize(
    ("rise_deg", "reps_found"),
    [(29.9, 0), (30.0, 1), (30.1, 1), (34.4, 1), (34.6, 1)],
)
def test_a_rise_of_30_degrees_or_more_is_a_rep_and_less_is_not(rise_deg, reps_found):
    angle = _triangle_reps(rise_deg)
    assert len(find_rep_peaks(angle)) == reps_found
    assert len(segment_reps(angle, smooth_velocity(angle))) == reps_found


def test_three_rises_just_over_30_degrees_are_three_reps():
    angle = _triangle_reps(30.5, reps=3)
    assert len(find_rep_peaks(angle)) == 3


def test_a_rep_must_also_fall_30_degrees_before_the_next_counts():
    # Up 40, down only 29.9, up again 40 above that trough: one rep, the higher top kept.
    rise = np.linspace(-90.0, -50.0, 60)
    dip = np.linspace(-50.0, -79.9, 60)
    rise_again = np.linspace(-79.9, -39.9, 60)
    fall = np.linspace(-39.9, -90.0, 60)
    angle = np.concatenate([np.full(30, -90.0), rise, dip, rise_again, fall, np.full(30, -90.0)])
    peaks = find_rep_peaks(angle)
    assert len(peaks) == 1
    assert angle[peaks[0]] == pytest.approx(-39.9)


# --------------------------------------------------------------------------- the fault table

CLEAN = RepMeasures(
    top_angle_deg=0.0,
    trunk_change_deg=0.0,
    knee_flexion_top_deg=0.0,
    concentric_s=1.0,
    hold_s=1.0,
    eccentric_s=2.0,
)


def _faults(prescription: Prescription | None = None, **measures: float) -> tuple[Fault, ...]:
    return rep_faults(replace(CLEAN, **measures), DEFAULT_THRESHOLDS, prescription)


@pytest.mark.parametrize(
    ("measure", "below", "at", "above", "fault", "flagged_side"),
    [
        ("top_angle_deg", -10.01, -10.0, -9.99, Fault.SHORT_ROM, "below"),
        ("top_angle_deg", 19.99, 20.0, 20.01, Fault.OVER_EXTENSION, "above"),
        ("trunk_change_deg", 7.99, 8.0, 8.01, Fault.TORSO_LIFT, "above"),
        ("knee_flexion_top_deg", 24.99, 25.0, 25.01, Fault.KNEE_BEND, "above"),
        ("eccentric_s", 0.49, 0.5, 0.51, Fault.UNCONTROLLED_DESCENT, "below"),
    ],
)
def test_each_form_fault_starts_strictly_past_its_contract_threshold(
    measure, below, at, above, fault, flagged_side
):
    assert _faults(**{measure: at}) == ()
    flagged, clean = (below, above) if flagged_side == "below" else (above, below)
    assert _faults(**{measure: flagged}) == (fault,)
    assert _faults(**{measure: clean}) == ()


def test_a_torso_that_ranges_exactly_8_degrees_is_no_torso_lift():
    assert Fault.TORSO_LIFT not in _faults(trunk_change_deg=8.0)
    assert Fault.TORSO_LIFT in _faults(trunk_change_deg=8.000001)


@pytest.mark.parametrize(("held_s", "flagged"), [(1.99, True), (2.0, False), (2.01, False)])
def test_a_hold_shorter_than_80_percent_of_the_prescribed_one_is_short(held_s, flagged):
    # 80 % of a prescribed 2.5 s hold is 2.0 s (exact in binary floating point).
    found = _faults(Prescription(hold_s=2.5), hold_s=held_s)
    assert (Fault.SHORT_HOLD in found) is flagged


@pytest.mark.parametrize(
    ("concentric_s", "flagged"),
    [(2.99, True), (3.0, False), (4.0, False), (5.0, False), (5.01, True)],
)
def test_a_slow_phase_may_miss_its_tempo_by_a_quarter(concentric_s, flagged):
    # Prescribed 4 s up: a quarter is 1 s, more than the 0.5 s floor.
    prescription = Prescription(tempo=Tempo(4.0, 1.0, 2.0, 1.0))
    found = _faults(prescription, concentric_s=concentric_s)
    assert (Fault.TEMPO_OFF in found) is flagged


@pytest.mark.parametrize(
    ("hold_s", "flagged"), [(0.49, True), (0.5, False), (1.5, False), (1.51, True)]
)
def test_a_quick_phase_may_miss_its_tempo_by_half_a_second(hold_s, flagged):
    # Prescribed 1 s hold: a quarter is 0.25 s, so the 0.5 s floor applies.
    prescription = Prescription(tempo=Tempo(1.0, 1.0, 2.0, 1.0))
    found = _faults(prescription, hold_s=hold_s)
    assert (Fault.TEMPO_OFF in found) is flagged


def test_a_prescription_override_moves_the_threshold_it_names_only():
    loose = thresholds_for(Prescription(threshold_overrides={"torso_lift_change_deg": 12.0}))
    assert rep_faults(replace(CLEAN, trunk_change_deg=12.0), loose) == ()
    assert rep_faults(replace(CLEAN, trunk_change_deg=12.01), loose) == (Fault.TORSO_LIFT,)
    assert rep_faults(replace(CLEAN, knee_flexion_top_deg=25.01), loose) == (Fault.KNEE_BEND,)


# --------------------------------------------------------------------------- one leg or two


def _clip_with_the_near_knee_lost_for(frames: slice):
    trajectory, duration = rep_trajectory(reps=3)
    clip = clip_from_angles(trajectory, duration)  # near side: left
    score = clip.score.copy()
    score[frames, joint_index(clip.skeleton, "left_knee")] = 0.0
    return clip, replace(clip, score=score)


def test_the_two_legged_analysis_fills_a_lost_near_knee_from_the_far_leg():
    clip, lossy = _clip_with_the_near_knee_lost_for(slice(60, 120))
    lost = 60 / clip.n_frames
    result = analyze_clip(lossy)
    assert lost > 0.1
    assert result.quality.tracked_fraction == 1.0
    assert result.quality.side == "both"
    assert result.rep_count == 3


def test_the_single_leg_analysis_never_reads_the_other_leg():
    clip, lossy = _clip_with_the_near_knee_lost_for(slice(60, 120))
    result = analyze_clip(lossy, Prescription(variation="single-leg-reverse-hyper"))
    assert result.quality.tracked_fraction == pytest.approx(1 - 60 / clip.n_frames)
    assert result.quality.side == "left"


@pytest.mark.parametrize(("held_s", "flagged"), [(0.79, True), (0.8, False)])
def test_a_prescribed_hold_of_one_second_or_less_is_judged_too(held_s, flagged):
    found = _faults(Prescription(hold_s=1.0), hold_s=held_s)
    assert (Fault.SHORT_HOLD in found) is flagged


def test_an_unknown_threshold_is_refused_naming_it_and_every_allowed_name():
    with pytest.raises(InvalidInputError) as refused:
        DEFAULT_THRESHOLDS.with_overrides({"knee_angle": 30.0})
    message = str(refused.value)
    assert message.startswith("unknown fault threshold 'knee_angle'; allowed: ")
    assert "knee_bend_top_deg, over_extension_top_deg, short_hold_fraction" in message


def test_a_threshold_that_is_not_a_number_is_refused_naming_the_value():
    with pytest.raises(InvalidInputError, match=r"^fault threshold knee_bend_top_deg must be a "
                       r"number, got nan$"):  # fmt: skip
        DEFAULT_THRESHOLDS.with_overrides({"knee_bend_top_deg": float("nan")})
