"""Unusable clips give warnings and no reps, never an exception or a guess."""

from __future__ import annotations

import numpy as np
from motion_clip_factory import clip_from_angles, rep_trajectory

from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton, joint_index


def _empty_clip(frames: int) -> KeypointClip:
    t = np.arange(frames) / 30.0
    return KeypointClip(
        Skeleton.COCO17, 30.0, 640, 480, t, np.full((frames, 17, 2), np.nan), np.zeros((frames, 17))
    )


def _unusable(result, words: str) -> None:
    assert not result.quality.analysable
    assert result.reps == ()
    assert any(words in warning for warning in result.quality.warnings)


def test_a_clip_without_frames_is_unusable():
    _unusable(analyze_clip(_empty_clip(0)), "no frames")


def test_a_one_frame_clip_is_too_short():
    _unusable(analyze_clip(_empty_clip(1)), "too short")


def test_a_clip_without_a_person_says_so():
    _unusable(analyze_clip(_empty_clip(90)), "no person")


def test_a_clip_with_the_legs_mostly_untracked_is_unusable():
    trajectory, duration = rep_trajectory()
    clip = clip_from_angles(trajectory, duration)
    score = clip.score.copy()
    for name in ("left_knee", "right_knee"):
        score[: int(0.7 * clip.n_frames), joint_index(clip.skeleton, name)] = 0.0
    clip = KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t, clip.xy, score)
    _unusable(analyze_clip(clip), "too little of the body")


def test_legs_placed_outside_the_picture_count_as_not_seen():
    """A pose model guesses joints cut off by the frame's edge (low scores throughout, which
    the relative score floor would accept); out there they are not detections."""
    trajectory, duration = rep_trajectory()
    clip = clip_from_angles(trajectory, duration)
    xy, score = clip.xy.copy(), clip.score.copy()
    for name in ("left_knee", "right_knee", "left_ankle", "right_ankle"):
        index = joint_index(clip.skeleton, name)
        xy[:, index, 1] += clip.height  # below the bottom edge, by a whole frame
        score[:, index] = 0.05
    clip = KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t, xy, score)
    _unusable(analyze_clip(clip), "no hip and knee were detected")


def test_joints_just_past_the_edge_still_count():
    trajectory, duration = rep_trajectory()
    clip = clip_from_angles(trajectory, duration)
    xy = clip.xy.copy()
    xy[:, :, 1] += clip.height + 0.03 * max(clip.width, clip.height) - np.nanmax(xy[:, :, 1])
    clip = KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t, xy, clip.score)
    assert analyze_clip(clip).quality.analysable


def test_a_clip_filmed_from_the_front_is_not_side_on():
    trajectory, duration = rep_trajectory()
    clip = clip_from_angles(trajectory, duration)
    xy = clip.xy.copy()
    for name in ("right_shoulder", "right_hip", "right_knee", "right_ankle"):
        xy[:, joint_index(clip.skeleton, name), 0] += 120.0  # hips a hip-width apart
    clip = KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t, xy, clip.score)
    _unusable(analyze_clip(clip), "not side-on")


def test_a_thigh_foreshortened_towards_the_camera_is_not_side_on():
    trajectory, duration = rep_trajectory()
    clip = clip_from_angles(trajectory, duration)
    xy = clip.xy.copy()
    hip = xy[:, joint_index(clip.skeleton, "left_hip"), :]
    for name in ("left_knee", "right_knee"):
        index = joint_index(clip.skeleton, name)
        xy[:, index, 0] = hip[:, 0] + 0.1 * (xy[:, index, 0] - hip[:, 0])  # legs swing at lens
    clip = KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t, xy, clip.score)
    _unusable(analyze_clip(clip), "not side-on")


def test_a_good_clip_reports_its_tracking_and_side():
    trajectory, duration = rep_trajectory()
    result = analyze_clip(clip_from_angles(trajectory, duration, near_side="right"))
    assert result.quality.analysable
    assert result.quality.tracked_fraction == 1.0
    assert result.quality.side == "right"
    assert result.quality.warnings == ()
