"""Angles per frame follow the contract's convention whatever the facing direction."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from revhyper.domain.motion.angles import (
    knee_flexion_deg,
    thigh_angle_deg,
    trunk_angle_deg,
    wrap_deg,
)


def _points(*xy: tuple[float, float]) -> np.ndarray:
    return np.array(xy, dtype=np.float64)


@pytest.mark.parametrize(
    ("knee_offset", "expected"),
    [
        ((100.0, 0.0), 0.0),  # level with the hip, towards the feet: parallel
        ((0.0, 100.0), -90.0),  # straight down (image y grows downwards)
        ((100.0, -36.4), 20.0),  # above parallel
        ((-36.4, 100.0), -110.0),  # swung under the pad, towards the head
    ],
)
def test_thigh_angle_follows_the_contract_convention(knee_offset, expected):
    hip = _points((500.0, 300.0))
    knee = hip + np.array(knee_offset)
    assert_allclose(thigh_angle_deg(hip, knee, feet_direction=1.0), [expected], atol=0.1)


def test_thigh_angle_is_the_same_when_the_athlete_faces_the_other_way():
    hip = _points((500.0, 300.0), (500.0, 300.0))
    knee = _points((600.0, 280.0), (470.0, 400.0))
    mirrored_hip, mirrored_knee = hip * [-1, 1], knee * [-1, 1]
    assert_allclose(
        thigh_angle_deg(hip, knee, 1.0), thigh_angle_deg(mirrored_hip, mirrored_knee, -1.0)
    )


def test_trunk_angle_is_zero_level_and_positive_with_the_chest_raised():
    hip = _points((500.0, 300.0), (500.0, 300.0))
    shoulder = _points((300.0, 300.0), (300.0, 265.0))  # head to the left (feet +x)
    assert_allclose(trunk_angle_deg(shoulder, hip, 1.0), [0.0, 9.93], atol=0.01)


def test_knee_flexion_is_positive_when_the_heel_moves_towards_the_buttocks():
    hip, knee = _points((500.0, 300.0)), _points((600.0, 300.0))  # thigh parallel, feet +x
    heel_up = _points((600.0 + 100 * np.cos(np.radians(30)), 300.0 - 50.0))
    straight = _points((700.0, 300.0))
    assert_allclose(knee_flexion_deg(hip, knee, heel_up, 1.0), [30.0], atol=0.01)
    assert_allclose(knee_flexion_deg(hip, knee, straight, 1.0), [0.0], atol=1e-9)


def test_missing_joints_give_nan_angles():
    hip = _points((np.nan, np.nan))
    assert np.isnan(thigh_angle_deg(hip, _points((1.0, 1.0)), 1.0)).all()


@pytest.mark.parametrize(
    ("angle", "expected"),
    [
        (-180.001, 179.999),  # just below the range: the same direction, expressed inside it
        (-180.0, 180.0),  # the open end maps to the closed one
        (-179.999, -179.999),  # just inside
        (180.0, 180.0),
        (180.001, -179.999),
        (-198.0, 162.0),  # issue 12's reported thigh angles
        (-217.0, 143.0),
        (540.0, 180.0),
    ],
)
def test_angles_are_expressed_in_minus_180_to_180(angle, expected):
    assert_allclose(wrap_deg(np.array([angle])), [expected], atol=1e-9)


def test_a_thigh_pointing_up_towards_the_head_is_reported_within_180_degrees():
    hip = _points((500.0, 300.0))
    knee = hip + np.array([-94.1, -34.2])  # 20 deg above the floor, towards the head
    angle = thigh_angle_deg(hip, knee, feet_direction=1.0)
    assert_allclose(angle, [160.0], atol=0.1)


def test_knee_and_trunk_angles_stay_within_180_degrees():
    hip, knee = _points((500.0, 300.0)), _points((600.0, 300.0))
    ankle_back = _points((500.0, 300.0001))  # shank folded back onto the thigh: +/-180
    assert -180.0 < knee_flexion_deg(hip, knee, ankle_back, 1.0)[0] <= 180.0
    shoulder_feet_side = _points((600.0, 300.0001))  # trunk pointing the wrong way: +/-180
    assert -180.0 < trunk_angle_deg(shoulder_feet_side, hip, 1.0)[0] <= 180.0
