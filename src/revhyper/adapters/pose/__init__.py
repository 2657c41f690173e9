"""Pose backends: turn video frames into keypoints (see :mod:`revhyper.adapters.pose.base`)."""

from __future__ import annotations

from revhyper.adapters.pose.base import Landmarks, PoseBackend, PoseEstimator
from revhyper.domain.errors import InvalidInputError

#: Backends by name (``Settings.pose_backend``).
BACKEND_NAMES = ("mediapipe", "fake")


def get_backend(name: str | None = None) -> PoseBackend:
    """The backend called ``name`` (default: ``Settings.pose_backend``)."""
    if name is None:
        from revhyper.settings import get_settings  # here: worker processes start without it

        name = get_settings().pose_backend
    if name == "mediapipe":
        from revhyper.adapters.pose.mediapipe_backend import MediaPipeBackend

        return MediaPipeBackend()
    if name == "fake":
        from revhyper.adapters.pose.fake import FakeBackend

        return FakeBackend()
    raise InvalidInputError(
        f"unknown pose backend {name!r} (REVHYPER_POSE_BACKEND); "
        f"allowed: {', '.join(BACKEND_NAMES)}"
    )


__all__ = ["BACKEND_NAMES", "Landmarks", "PoseBackend", "PoseEstimator", "get_backend"]
