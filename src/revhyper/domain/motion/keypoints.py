"""Keypoint clips: the in-memory form of the ``revhyper-keypoints/1`` contract.

Coordinates are image pixels, origin top-left, y pointing down (see
``shared/contracts/keypoints.md``). Missing joints are NaN in ``xy`` and 0 in ``score``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.errors import InvalidInputError

KEYPOINTS_FORMAT = "revhyper-keypoints/1"


class Skeleton(StrEnum):
    """Supported joint layouts, numbered as their own projects number them."""

    BLAZEPOSE33 = "blazepose33"
    COCO17 = "coco17"


JOINT_NAMES: dict[Skeleton, tuple[str, ...]] = {
    # MediaPipe Pose landmark order.
    Skeleton.BLAZEPOSE33: (
        "nose",
        "left_eye_inner",
        "left_eye",
        "left_eye_outer",
        "right_eye_inner",
        "right_eye",
        "right_eye_outer",
        "left_ear",
        "right_ear",
        "mouth_left",
        "mouth_right",
        "left_shoulder",
        "right_shoulder",
        "left_elbow",
        "right_elbow",
        "left_wrist",
        "right_wrist",
        "left_pinky",
        "right_pinky",
        "left_index",
        "right_index",
        "left_thumb",
        "right_thumb",
        "left_hip",
        "right_hip",
        "left_knee",
        "right_knee",
        "left_ankle",
        "right_ankle",
        "left_heel",
        "right_heel",
        "left_foot_index",
        "right_foot_index",
    ),
    # COCO keypoint order.
    Skeleton.COCO17: (
        "nose",
        "left_eye",
        "right_eye",
        "left_ear",
        "right_ear",
        "left_shoulder",
        "right_shoulder",
        "left_elbow",
        "right_elbow",
        "left_wrist",
        "right_wrist",
        "left_hip",
        "right_hip",
        "left_knee",
        "right_knee",
        "left_ankle",
        "right_ankle",
    ),
}


def joint_index(skeleton: Skeleton, name: str) -> int:
    """Index of joint ``name`` (e.g. ``"left_hip"``) in ``skeleton``'s order."""
    try:
        return JOINT_NAMES[skeleton].index(name)
    except ValueError:
        raise InvalidInputError(f"unknown joint {name!r} for skeleton {skeleton.value}") from None


@dataclass(frozen=True, eq=False)
class KeypointClip:
    """A side-view clip as arrays.

    Attributes:
        skeleton: joint layout.
        fps: nominal frame rate [1/s] (timestamps are authoritative).
        width, height: image size [px].
        t: frame timestamps, strictly increasing, shape (N,) [s].
        xy: joint positions, shape (N, J, 2) [px]; NaN where a joint was not detected.
        score: detection scores, shape (N, J), in [0, 1]; 0 where not detected.
    """

    skeleton: Skeleton
    fps: float
    width: int
    height: int
    t: NDArray[np.float64]
    xy: NDArray[np.float64]
    score: NDArray[np.float64]

    @property
    def n_frames(self) -> int:
        return int(self.t.shape[0])

    @property
    def n_joints(self) -> int:
        return len(JOINT_NAMES[self.skeleton])

    @property
    def duration_s(self) -> float:
        """Time from first to last frame [s]."""
        return float(self.t[-1] - self.t[0]) if self.n_frames else 0.0

    def validate(self) -> None:
        """Raise :class:`InvalidInputError` naming the first problem found."""
        n, j = self.n_frames, self.n_joints
        if self.fps <= 0 or not np.isfinite(self.fps):
            raise InvalidInputError(f"fps must be a positive number, got {self.fps}")
        if self.width <= 0 or self.height <= 0:
            raise InvalidInputError(
                f"width and height must be positive pixels, got {self.width}x{self.height}"
            )
        if self.xy.shape != (n, j, 2) or self.score.shape != (n, j):
            raise InvalidInputError(
                f"{self.skeleton.value} clips need {j} joints per frame; "
                f"got arrays of shape {self.xy.shape} and {self.score.shape}"
            )
        if n and not np.all(np.isfinite(self.t)):
            raise InvalidInputError("frame timestamps must be finite numbers")
        if n > 1 and not np.all(np.diff(self.t) > 0):
            bad = int(np.argmin(np.diff(self.t) > 0)) + 1
            raise InvalidInputError(
                f"frame timestamps must increase; frame {bad} has t={self.t[bad]} "
                f"after t={self.t[bad - 1]}"
            )
