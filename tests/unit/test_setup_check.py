"""Is this a reverse hyper? The set-up check on drawn postures, on both generators' clips of
every style, and at its limits.

Postures that are not reverse hypers are drawn with the project's stick model
(:mod:`revhyper.domain.clips.synth`) by changing its trunk, thigh, knee and arm angles: standing,
kneeling on all fours, a push-up plank, lying face up; the prone floor variation is drawn the
same way and must pass.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from revhyper.domain.clips.synth import (
    Camera,
    NoiseLevel,
    RepPlan,
    Style,
    SynthSpec,
    random_spec,
    synthesize,
)
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.domain.motion.setup_check import (
    DEFAULT_SETUP_LIMITS,
    SetupFeatures,
    judge_setup,
    setup_problem,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.independent.plan import STYLES
from benchmarks.independent.scoring import make_case

LIMITS = DEFAULT_SETUP_LIMITS


def _posture(**changes: Any) -> KeypointClip:
    """A clip of the stick model in a posture, moving its legs once from ``rest_deg`` to
    ``top_deg`` and back (so nothing is static); other keywords change the ``SynthSpec``."""
    bottom, top = changes.get("rest_deg", -88.0), changes.pop("top_deg", -60.0)
    rep = RepPlan(bottom_deg=bottom, top_deg=top, concentric_s=1.0, hold_s=0.3, eccentric_s=1.2,
                  pause_s=0.5)  # fmt: skip
    spec = SynthSpec(reps=(rep,), camera=Camera(yaw_deg=5.0), **changes)
    return synthesize(spec, 1)[0]


def _mirrored_upside_down(clip: KeypointClip) -> KeypointClip:
    """The clip turned upside down about the image's middle: prone becomes supine."""
    xy = clip.xy.copy()
    xy[..., 1] = clip.height - xy[..., 1]
    return dataclasses.replace(clip, xy=xy)


def test_the_machine_reverse_hyper_passes():
    assert setup_problem(_posture())[0] is None


def test_the_prone_floor_reverse_hyper_passes():
    # lying on the floor, legs in line with the trunk, raised a little and lowered
    floor = _posture(rest_deg=0.0, top_deg=15.0, arm_deg=(20.0, 0.0))
    problem, features = setup_problem(floor)
    assert problem is None, features
    assert features.leg_hang < LIMITS.hanging_leg_drop


def test_a_standing_athlete_is_refused_as_a_hinge_or_squat():
    problem, _ = setup_problem(_posture(trunk_deg=85.0, rest_deg=-90.0, top_deg=-85.0))
    assert problem is not None
    assert "the athlete is standing" in problem and "hinge or a squat" in problem


def test_lying_face_up_is_refused():
    problem, features = setup_problem(_mirrored_upside_down(_posture()))
    assert problem is not None and "face up" in problem, features


def test_kneeling_on_all_fours_is_refused_as_a_quadruped_kick_back():
    quadruped = _posture(knee_flexion_deg=90.0, rest_deg=-90.0, top_deg=-70.0,
                         arm_deg=(-90.0, -90.0))  # fmt: skip
    problem, _ = setup_problem(quadruped)
    assert problem is not None and "quadruped" in problem


def test_a_push_up_plank_is_refused():
    plank = _posture(trunk_deg=15.0, rest_deg=-15.0, top_deg=-12.0, knee_flexion_deg=0.0,
                     arm_deg=(-105.0, -105.0))  # fmt: skip
    problem, features = setup_problem(plank)
    assert problem is not None and "push-up" in problem, features


def test_analysis_of_a_standing_clip_is_not_analysable_and_counts_nothing():
    result = analyze_clip(_posture(trunk_deg=85.0, rest_deg=-90.0, top_deg=-60.0))
    assert not result.quality.analysable
    assert result.reps == ()
    assert "not a reverse hyper" in result.quality.warnings[0]


@pytest.mark.parametrize("style", list(Style))
@pytest.mark.parametrize("noise", list(NoiseLevel))
def test_synth_reverse_hypers_of_every_style_noise_and_camera_pass(style, noise):
    for seed in range(3):  # random cameras: facing, near side, roll, yaw, distance, placement
        spec = random_spec(np.random.default_rng(seed), style=style, noise=noise)
        problem, features = setup_problem(synthesize(spec, seed)[0])
        assert problem is None, (seed, features)


@pytest.mark.parametrize("style", STYLES)
def test_independent_reverse_hypers_of_every_style_pass(style):
    for index in range(3):
        case = make_case(77, index, style=style)
        assert case is not None
        problem, features = setup_problem(case.clip)
        assert problem is None, (index, features)


def _features(**changes: float) -> SetupFeatures:
    reverse_hyper = SetupFeatures(
        trunk_elevation_deg=10.0, face_up=-0.2, knee_flexion_deg=5.0, arm_support=0.6,
        leg_hang=0.95, frames=100,
    )  # fmt: skip
    return dataclasses.replace(reverse_hyper, **changes)


@pytest.mark.parametrize(
    ("feature", "limit", "words"),
    [
        ("trunk_elevation_deg", LIMITS.max_trunk_elevation_deg, "standing"),
        ("face_up", LIMITS.max_face_up, "face up"),
        ("knee_flexion_deg", LIMITS.max_knee_flexion_deg, "quadruped"),
    ],
)
def test_each_limit_refuses_just_above_it_and_not_at_it(feature, limit, words):
    assert judge_setup(_features(**{feature: limit - 0.01})) is None
    assert judge_setup(_features(**{feature: limit})) is None
    refusal = judge_setup(_features(**{feature: limit + 0.01}))
    assert refusal is not None and words in refusal


def test_arm_support_refuses_only_when_the_legs_do_not_hang():
    plank = {"leg_hang": LIMITS.hanging_leg_drop - 0.01}
    assert judge_setup(_features(arm_support=LIMITS.max_arm_support, **plank)) is None
    assert "push-up" in judge_setup(_features(arm_support=LIMITS.max_arm_support + 0.01, **plank))
    hanging = {"leg_hang": LIMITS.hanging_leg_drop}  # a machine's handles: arms hang, legs too
    assert judge_setup(_features(arm_support=LIMITS.max_arm_support + 0.5, **hanging)) is None


def test_bent_knees_without_hanging_legs_read_as_a_hip_thrust():
    refusal = judge_setup(_features(knee_flexion_deg=90.0, leg_hang=0.2))
    assert refusal is not None and "hip thrust" in refusal


def test_too_few_tracked_frames_leave_the_decision_to_the_other_checks():
    standing = {"trunk_elevation_deg": 85.0}
    assert judge_setup(_features(frames=LIMITS.min_frames - 1, **standing)) is None
    assert judge_setup(_features(frames=LIMITS.min_frames, **standing)) is not None
