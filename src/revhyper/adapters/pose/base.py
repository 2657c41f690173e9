"""The pose-backend interface: RGB frames in, one person's landmarks per frame out.

A backend names its skeleton (``blazepose33`` or ``coco17``, numbered as in
``revhyper-keypoints/1``) and opens *estimators*. An estimator carries tracking state across
the frames of one contiguous stretch of video (video mode), so each worker process opens its
own. Landmarks are returned in image pixels (origin top-left, y down) with a score in [0, 1];
joints not found are NaN with score 0, and a frame without a person is ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.keypoints import Skeleton


@dataclass(frozen=True, eq=False)
class Landmarks:
    """One person in one frame.

    Attributes:
        xy: joint positions, shape (J, 2) [px]; NaN where a joint was not found.
        score: joint scores (visibility), shape (J,), in [0, 1]; 0 where not found.
    """

    xy: NDArray[np.float64]
    score: NDArray[np.float64]


class PoseEstimator(Protocol):
    """Finds one person frame by frame; keeps tracking state between calls."""

    def estimate(self, rgb: NDArray[np.uint8]) -> Landmarks | None:
        """Landmarks of the person in ``rgb`` (H, W, 3, uint8), or ``None`` if nobody is found."""
        ...

    def other_person_present(self, rgb: NDArray[np.uint8], found: Landmarks) -> bool:
        """Whether a second person is visible besides ``found`` (a heuristic check)."""
        ...

    def close(self) -> None:
        """Release the model."""
        ...


class PoseBackend(Protocol):
    """A pose estimator family (MediaPipe BlazePose, the test fake, later others)."""

    name: str
    skeleton: Skeleton
    needs_own_process: bool
    """Run the estimator in a child process even when a single worker suffices."""

    def check_available(self) -> None:
        """Raise a :class:`~revhyper.domain.errors.RevhyperError` saying how to install the
        backend if it cannot run here; cheap (no model is loaded)."""
        ...

    def open_estimator(self) -> PoseEstimator:
        """A fresh estimator in video (tracking) mode."""
        ...


def missing_landmarks(n_joints: int) -> Landmarks:
    """Landmarks with every joint missing (NaN, score 0)."""
    return Landmarks(
        xy=np.full((n_joints, 2), np.nan),
        score=np.zeros(n_joints),
    )
