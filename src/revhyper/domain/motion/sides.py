"""Which side of the body to read, and which way the athlete faces.

In a side view one leg is nearer the camera; its joints are detected with higher scores and
are not hidden behind the other leg. We pick that side from the clip's detection scores and,
for frames where one of its joints is missing, fall back to the other side's segment (both legs
move together in the two-legged variations; the single-leg variation never falls back).

The facing direction is the sign of the horizontal hip→shoulder direction over the clip
(the trunk lies along the pad, head towards one end); thigh angles are measured in a frame
oriented so that "away from the head" is +x, which makes them independent of which way the
athlete faces and of mirroring.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.keypoints import KeypointClip, joint_index

SideName = Literal["left", "right"]
SIDES: tuple[SideName, SideName] = ("left", "right")

#: A joint whose detection score is below this is treated as not detected [-] ...
MIN_JOINT_SCORE = 0.2
#: ... unless the estimator scores that joint low throughout: then below this fraction of the
#: joint's median score over the clip [-].
RELATIVE_JOINT_SCORE = 0.5

#: A joint placed further outside the image than this fraction of the image's larger side is
#: not detected, whatever its score: pose models extrapolate limbs cut off by the frame's edge
#: (BlazePose put the knees of a waist-up photo 360 px below a 720 px frame, scored 0.04-0.06,
#: which the relative floor above would have let through) [-].
MAX_OUTSIDE_IMAGE_FRACTION = 0.05

#: Joints the analysis reads, and how much each counts when choosing the side [-].
SIDE_CHOICE_WEIGHTS: dict[str, float] = {"hip": 1.0, "knee": 1.0, "ankle": 0.5, "shoulder": 0.5}


@dataclass(frozen=True)
class SideJoints:
    """Joint positions of one body side, shape (N, 2) each [px]; NaN where not detected."""

    shoulder: NDArray[np.float64]
    hip: NDArray[np.float64]
    knee: NDArray[np.float64]
    ankle: NDArray[np.float64]


#: The joints of one side that :class:`SideJoints` holds, in its field order.
SIDE_JOINT_NAMES = ("shoulder", "hip", "knee", "ankle")


def side_joints(clip: KeypointClip, side: SideName) -> SideJoints:
    """Positions of ``side``'s shoulder, hip, knee and ankle; low-score joints become NaN."""
    xy = joint_positions(clip, side, SIDE_JOINT_NAMES)
    return SideJoints(*(xy[:, k, :] for k in range(len(SIDE_JOINT_NAMES))))


def joint_positions(
    clip: KeypointClip, side: SideName, names: tuple[str, ...]
) -> NDArray[np.float64]:
    """Positions (N, len(names), 2) [px] of ``side``'s joints ``names`` (e.g. ``"hip"``), NaN
    where not detected (each joint's score floor is its own: reading fewer joints changes
    none). The joints are read together, one array operation each, not one per joint: the
    live analysis reads a side several times a second per session."""
    indices = [joint_index(clip.skeleton, f"{side}_{name}") for name in names]
    xy = np.array(clip.xy[:, indices, :], dtype=np.float64)
    score = clip.score[:, indices]
    missing = ~(score >= _score_floors(score)) | ~np.isfinite(xy).all(axis=2)
    xy[missing | _outside_image(xy, clip.width, clip.height)] = np.nan
    return xy


def _outside_image(xy: NDArray[np.float64], width: int, height: int) -> NDArray[np.bool_]:
    """True where a position [px] (``xy[..., 0]``, ``xy[..., 1]``) lies beyond
    :data:`MAX_OUTSIDE_IMAGE_FRACTION` of the frame."""
    margin = MAX_OUTSIDE_IMAGE_FRACTION * max(width, height)
    with np.errstate(invalid="ignore"):
        x_out = (xy[..., 0] < -margin) | (xy[..., 0] > width + margin)
        y_out = (xy[..., 1] < -margin) | (xy[..., 1] > height + margin)
    return np.asarray(x_out | y_out, dtype=np.bool_)


def _score_floors(score: NDArray[np.float64]) -> NDArray[np.float64]:
    """Per joint (column of ``score``, shape (N, J)), the lowest score [-] at which it counts
    as detected (see :data:`MIN_JOINT_SCORE`): the median of its scores above zero, exactly
    as ``np.median`` gives it, through one sort of every column."""
    if score.shape[0] == 0:
        return np.full(score.shape[1], MIN_JOINT_SCORE)
    detected = score > 0
    counts = detected.sum(axis=0)
    ordered = np.sort(np.where(detected, score, np.inf), axis=0)  # the detected ones first
    columns = np.arange(score.shape[1])
    upper = ordered[np.minimum(counts // 2, score.shape[0] - 1), columns]
    lower = ordered[np.maximum((counts - 1) // 2, 0), columns]
    medians = np.where(counts % 2 == 1, upper, (lower + upper) / 2)
    # (a joint never detected has the median +inf, so the floor MIN_JOINT_SCORE)
    return np.asarray(np.minimum(MIN_JOINT_SCORE, RELATIVE_JOINT_SCORE * medians))


def side_score(clip: KeypointClip, side: SideName) -> float:
    """Weighted mean detection score of ``side``'s leg and trunk joints over the clip [-]."""
    if clip.n_frames == 0:
        return 0.0
    indices = [joint_index(clip.skeleton, f"{side}_{name}") for name in SIDE_CHOICE_WEIGHTS]
    # one row per joint, each contiguous: its mean is summed as np.mean sums a single column
    scores = np.ascontiguousarray(np.nan_to_num(clip.score[:, indices], nan=0.0).T)
    means = np.mean(scores, axis=1)
    weights = SIDE_CHOICE_WEIGHTS.values()
    total = sum(weight * float(mean) for weight, mean in zip(weights, means, strict=True))
    return total / sum(SIDE_CHOICE_WEIGHTS.values())


def choose_side(clip: KeypointClip) -> SideName:
    """The side with the higher detection scores (the one nearer the camera)."""
    left, right = side_score(clip, "left"), side_score(clip, "right")
    return "left" if left >= right else "right"


def other_side(side: SideName) -> SideName:
    return "right" if side == "left" else "left"


def feet_direction(near: SideJoints, far: SideJoints) -> float:
    """+1 when the feet point towards +x in the image (head towards -x), else -1.

    Uses the median horizontal hip-minus-shoulder offset; without any shoulder it falls back
    to where the knee mostly is relative to the hip (the thigh spends most of a set on the
    feet side of vertical).
    """
    offsets = np.concatenate(
        [near.hip[:, 0] - near.shoulder[:, 0], far.hip[:, 0] - far.shoulder[:, 0]]
    )
    offsets = offsets[np.isfinite(offsets)]
    if offsets.size == 0:
        offsets = np.concatenate([near.knee[:, 0] - near.hip[:, 0], far.knee[:, 0] - far.hip[:, 0]])
        offsets = offsets[np.isfinite(offsets)]
    if offsets.size == 0:
        return 1.0
    return 1.0 if float(np.median(offsets)) >= 0 else -1.0
