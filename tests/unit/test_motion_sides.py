"""Reading one side of the body: which joints count as detected, and the thigh alone read as
the whole reading reads it."""

from __future__ import annotations

import numpy as np
import pytest

from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion.analyze import read_clip, thigh_on_side
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton, joint_index
from revhyper.domain.motion.sides import MIN_JOINT_SCORE, SIDE_JOINT_NAMES, side_joints


def still_clip(score: np.ndarray, xy: np.ndarray | None = None) -> KeypointClip:
    """A BlazePose clip of len(score) frames, every joint at (100, 200) px unless ``xy`` says
    otherwise, the left side's four joints scored per frame by the columns of ``score``."""
    frames, joints = score.shape[0], len(JOINT_NAMES[Skeleton.BLAZEPOSE33])
    positions = np.full((frames, joints, 2), [100.0, 200.0])
    scores = np.full((frames, joints), 0.9)
    for column, name in enumerate(SIDE_JOINT_NAMES):
        index = joint_index(Skeleton.BLAZEPOSE33, f"left_{name}")
        scores[:, index] = score[:, column]
        if xy is not None:
            positions[:, index] = xy[:, column]
    t = np.arange(frames) / 30.0
    return KeypointClip(Skeleton.BLAZEPOSE33, 30.0, 640, 480, t, positions, scores)


def test_a_joint_scored_low_throughout_counts_above_half_its_own_median_score() -> None:
    # shoulder: ordinary scores (floor 0.2); hip: scored 0.06-0.18 all along, an even count of
    # detected frames (median 0.13 between 0.12 and 0.14: floor 0.065, which 0.062 is below and
    # 0.068 above); knee: never detected; ankle: one frame at 0.
    score = np.array(
        [
            [0.9, 0.12, 0.0, 0.0],
            [0.15, 0.062, 0.0, 0.9],
            [0.9, 0.14, 0.0, 0.9],
            [0.9, 0.068, 0.0, 0.1],
            [0.9, 0.16, 0.0, 0.9],
            [0.9, 0.18, 0.0, 0.9],
        ]
    )
    joints = side_joints(still_clip(score), "left")
    seen = {name: np.isfinite(getattr(joints, name)[:, 0]) for name in SIDE_JOINT_NAMES}
    assert seen["shoulder"].tolist() == [True, False, True, True, True, True]
    assert seen["hip"].tolist() == [True, False, True, True, True, True]
    assert not seen["knee"].any()
    assert seen["ankle"].tolist() == [False, True, True, False, True, True]
    assert MIN_JOINT_SCORE == 0.2


def test_a_joint_placed_well_outside_the_image_or_not_a_number_is_not_detected() -> None:
    score = np.full((3, 4), 0.9)
    xy = np.full((3, 4, 2), [100.0, 200.0])
    xy[0, 2] = [100.0, 480 + 0.06 * 640]  # the knee 6 % of the frame's width below it
    xy[1, 2] = [100.0, 480 + 0.04 * 640]  # 4 %: a joint at the edge, still read
    xy[1, 3] = [640 + 0.06 * 640, 200.0]  # the ankle beyond the right edge
    xy[2, 3] = [np.nan, 200.0]
    joints = side_joints(still_clip(score, xy), "left")
    assert np.isfinite(joints.knee[:, 1]).tolist() == [False, True, True]
    assert np.isfinite(joints.ankle[:, 0]).tolist() == [True, False, False]


@pytest.mark.parametrize("variation", [None, "single-leg-reverse-hyper"])
@pytest.mark.parametrize("noise", [NoiseLevel.LOW, NoiseLevel.HIGH])
def test_the_thigh_read_alone_equals_the_thigh_of_the_whole_reading(
    variation: str | None, noise: NoiseLevel
) -> None:
    rng = np.random.default_rng(11)
    clip, _ = synthesize(random_spec(rng, style=Style.CONTROLLED, noise=noise), rng)
    reading = read_clip(clip, variation)
    alone = thigh_on_side(clip, reading.side, reading.direction, variation)
    assert np.array_equal(alone, reading.raw.thigh, equal_nan=True)
    assert np.isnan(alone).any() or noise is NoiseLevel.LOW  # the high noise drops joints
