"""Oblique views: the side-on check reads the separation of the hips in trunk lengths, which
holds under perspective; generated clips turned 0-60 degrees about the vertical."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from motion_clip_factory import clip_from_angles, rep_trajectory

from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton, joint_index
from revhyper.domain.motion.quality import (
    DEFAULT_QUALITY_LIMITS,
    hip_separation,
    oblique_problem,
)

JOINTS = ("left_hip", "right_hip", "left_shoulder", "right_shoulder")
LIMIT = DEFAULT_QUALITY_LIMITS.max_hip_separation


def _hips_apart(clip: KeypointClip, apart_px: float) -> KeypointClip:
    """Trunks of exactly 200 px, the right hip and shoulder ``apart_px`` beside the left ones."""
    xy = clip.xy.copy()
    index = {name: joint_index(clip.skeleton, name) for name in JOINTS}
    xy[:, index["left_shoulder"]] = xy[:, index["left_hip"]] + [-200.0, 0.0]
    for name in ("hip", "shoulder"):
        xy[:, index[f"right_{name}"]] = xy[:, index[f"left_{name}"]] + [apart_px, 0.0]
    return replace(clip, xy=xy)


def _still() -> KeypointClip:
    return clip_from_angles(lambda t: np.full_like(t, -90.0), 3.0)


def test_the_hip_separation_is_read_in_trunk_lengths():
    separation, frames = hip_separation(_hips_apart(_still(), 40.0))
    assert separation == pytest.approx(0.2)
    assert frames == _still().n_frames


@pytest.mark.parametrize(("apart_px", "refused"), [(55.0, False), (56.0, False), (57.0, True)])
def test_hips_further_apart_than_the_limit_are_an_oblique_view(apart_px, refused):
    assert LIMIT == 0.28  # 56 px of 200 px
    problem = oblique_problem(_hips_apart(_still(), apart_px), DEFAULT_QUALITY_LIMITS)
    assert (problem is not None) == refused
    if refused:
        assert "turn the camera so it looks at the athlete's side" in problem


@pytest.mark.parametrize(("frames", "judged"), [(9, False), (10, True), (11, True)])
def test_the_view_is_judged_only_on_ten_frames_showing_both_hips(frames, judged):
    assert DEFAULT_QUALITY_LIMITS.min_hip_pairs == 10
    clip = _hips_apart(_still(), 100.0)
    score = clip.score.copy()
    score[frames:, joint_index(clip.skeleton, "right_hip")] = 0.0
    clip = replace(clip, score=score)
    problem = oblique_problem(clip, DEFAULT_QUALITY_LIMITS)
    assert (problem is not None) == judged


def _turned_clip(oblique_deg: float, seed: int, skeleton: Skeleton):
    rng = np.random.default_rng(seed)
    spec = random_spec(
        rng, style=Style.CONTROLLED, n_reps=4, faults=[], noise=NoiseLevel.LOW, skeleton=skeleton
    )
    camera = replace(spec.camera, oblique_deg=oblique_deg, yaw_deg=0.0, distance_m=3.0)
    return synthesize(replace(spec, camera=camera), rng)


@pytest.mark.parametrize("skeleton", list(Skeleton))
@pytest.mark.parametrize("oblique_deg", [0.0, 15.0, -15.0, 30.0, -30.0])
def test_clips_turned_up_to_30_degrees_are_analysed_and_counted(oblique_deg, skeleton):
    clip, truth = _turned_clip(oblique_deg, 5, skeleton)
    result = analyze_clip(clip)
    assert result.quality.analysable, result.quality.warnings
    assert result.rep_count == truth.rep_count


@pytest.mark.parametrize("skeleton", list(Skeleton))
@pytest.mark.parametrize("oblique_deg", [45.0, -45.0, 60.0, -60.0])
def test_clips_turned_45_degrees_or_more_are_refused_with_what_to_do(oblique_deg, skeleton):
    clip, _ = _turned_clip(oblique_deg, 5, skeleton)
    result = analyze_clip(clip)
    assert not result.quality.analysable
    assert result.rep_count == 0
    assert any("looks at the athlete's side" in warning for warning in result.quality.warnings)


def test_a_side_view_set_passes_the_view_check():
    trajectory, duration = rep_trajectory(reps=3)
    result = analyze_clip(clip_from_angles(trajectory, duration, noise_px=2.0))
    assert result.quality.analysable and result.rep_count == 3
