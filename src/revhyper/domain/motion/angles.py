"""Per-frame segment angles from joint positions (vectorised over frames).

Conventions (``shared/contracts/keypoints.md``): angles are measured against the image
horizontal, taken as the floor — the contract asks for a camera that is roughly level, so a
camera rolled by r degrees shifts thigh and trunk angles by r degrees (we do not guess the
roll from the trunk: the trunk on the pad is not reliably horizontal on every machine or body,
and such a guess could add as much error as it removes). Image coordinates have y pointing
down; every angle here is computed in a frame with y up and +x pointing from the head towards
the feet (``feet_direction``), so it does not depend on the facing direction, the image size or
mirroring.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def wrap_deg(angle_deg: NDArray[np.float64]) -> NDArray[np.float64]:
    """The same directions as ``angle_deg`` expressed in (-180, 180] [deg] (NaN stays NaN)."""
    return np.asarray(180.0 - np.mod(180.0 - angle_deg, 360.0), dtype=np.float64)


def _oriented(
    start: NDArray[np.float64], end: NDArray[np.float64], feet_direction: float
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Components (along the feet direction, upwards) of the vector start→end [px]."""
    return (end[:, 0] - start[:, 0]) * feet_direction, -(end[:, 1] - start[:, 1])


def thigh_angle_deg(
    hip: NDArray[np.float64], knee: NDArray[np.float64], feet_direction: float
) -> NDArray[np.float64]:
    """Thigh (hip→knee) vs the floor [deg]: 0 parallel, -90 hanging, <-90 under the pad.

    Returned in (-180, 180], like every angle the analysis reports: a thigh past -180 would point
    above the floor towards the head, through the trunk on the pad, which no body does (-198 and
    -217 were reported in issue 12: mirrored readings of a standing lifter's thighs). Series
    that do cross +/-180 are unwrapped while they are cleaned (:mod:`.signal`).
    """
    along, up = _oriented(hip, knee, feet_direction)
    return wrap_deg(np.degrees(np.arctan2(up, along)))


def trunk_angle_deg(
    shoulder: NDArray[np.float64], hip: NDArray[np.float64], feet_direction: float
) -> NDArray[np.float64]:
    """Trunk (hip→shoulder) vs the floor [deg]: 0 level, positive with the chest raised."""
    along, up = _oriented(hip, shoulder, feet_direction)
    return wrap_deg(np.degrees(np.arctan2(up, -along)))


def knee_flexion_deg(
    hip: NDArray[np.float64],
    knee: NDArray[np.float64],
    ankle: NDArray[np.float64],
    feet_direction: float,
) -> NDArray[np.float64]:
    """Knee flexion [deg]: 0 straight, positive when the heel moves towards the buttocks.

    Face down, the heel bends towards the back of the thigh, which in the oriented frame
    (feet +x, y up) is a counter-clockwise turn from the thigh to the shank.
    """
    thigh_along, thigh_up = _oriented(hip, knee, feet_direction)
    shank_along, shank_up = _oriented(knee, ankle, feet_direction)
    cross = thigh_along * shank_up - thigh_up * shank_along
    dot = thigh_along * shank_along + thigh_up * shank_up
    return wrap_deg(np.degrees(np.arctan2(cross, dot)))


def segment_length_px(start: NDArray[np.float64], end: NDArray[np.float64]) -> NDArray[np.float64]:
    """Image length of start→end per frame [px]; NaN where a joint is missing."""
    return np.hypot(end[:, 0] - start[:, 0], end[:, 1] - start[:, 1])
