"""Body proportions and 3-D joint positions of an athlete lying prone on a reverse-hyper pad.

World frame [m]: x along the pad towards the athlete's head, y up, z sideways with the
athlete's *right* side at +z (prone: the front faces -y, the head +x, so left = -z).
The origin is on the floor below the midpoint of the two hip joints.

Proportions: de Leva P. (1996) "Adjustments to Zatsiorsky-Seluyanov's segment inertia
parameters", J. Biomech. 29(9):1223-1230, Table 1 (mean segment lengths between joint
centres, males / females, in mm; stature 1741 / 1735 mm). The shoulder-hip distance is not
a de Leva segment; it is taken as 0.288 of stature (shoulder 0.818 H minus hip 0.530 H, the
Drillis & Contini proportions). Each athlete gets an independent +/-8 % variation per segment.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.keypoints import JOINT_NAMES, Skeleton

#: de Leva (1996), Table 1: segment lengths [mm] and stature [mm], (male, female).
DE_LEVA_LENGTHS_MM: dict[str, tuple[float, float]] = {
    "stature": (1741.0, 1735.0),
    "upper_arm": (281.7, 275.1),
    "forearm": (268.9, 264.3),
    "hand": (86.2, 78.0),
    "thigh": (422.2, 368.5),
    "shank": (434.0, 432.3),
    "foot": (258.1, 228.3),
}
#: Shoulder joint to hip joint as a fraction of stature (Drillis & Contini: 0.818 - 0.530).
TRUNK_FRACTION_OF_STATURE = 0.288


@dataclass(frozen=True)
class Body:
    """One athlete's segment lengths [m] and how they lie on the machine."""

    stature_m: float
    sex: str
    thigh_m: float
    shank_m: float
    foot_m: float
    trunk_m: float
    upper_arm_m: float
    forearm_m: float
    hand_m: float
    hip_height_m: float  # hip joint above the floor [m]
    upper_arm_angle_deg: float  # shoulder->elbow vs +x (towards the head) [deg]
    forearm_angle_deg: float  # elbow->wrist vs +x [deg]
    head_pitch_deg: float  # 0 = face straight down, positive = looking ahead [deg]
    ankle_plantar_deg: float  # toes pointed beyond a right angle to the shank [deg]


def random_body(rng: np.random.Generator) -> Body:
    """An athlete with de Leva proportions, scaled to a random stature, each segment +/-8 %."""
    sex = "male" if rng.random() < 0.6 else "female"
    column = 0 if sex == "male" else 1
    stature = float(rng.uniform(1.52, 1.98))

    def segment(name: str) -> float:
        fraction = DE_LEVA_LENGTHS_MM[name][column] / DE_LEVA_LENGTHS_MM["stature"][column]
        return stature * fraction * float(rng.uniform(0.92, 1.08))

    return Body(
        stature_m=stature,
        sex=sex,
        thigh_m=segment("thigh"),
        shank_m=segment("shank"),
        foot_m=segment("foot"),
        trunk_m=stature * TRUNK_FRACTION_OF_STATURE * float(rng.uniform(0.92, 1.08)),
        upper_arm_m=segment("upper_arm"),
        forearm_m=segment("forearm"),
        hand_m=segment("hand"),
        hip_height_m=float(rng.uniform(1.0, 1.25)),
        upper_arm_angle_deg=float(rng.uniform(-115.0, -65.0)),
        forearm_angle_deg=float(rng.uniform(-80.0, -10.0)),
        head_pitch_deg=float(rng.uniform(0.0, 50.0)),
        ankle_plantar_deg=float(rng.uniform(15.0, 45.0)),
    )


def _distal(angle_deg: NDArray[np.float64]) -> NDArray[np.float64]:
    """Unit (x, y) of a leg segment at ``angle_deg`` in the contract's thigh convention.

    0 = horizontal pointing away from the head (-x), negative = below, -90 = straight down.
    """
    a = np.radians(angle_deg)
    return np.stack([-np.cos(a), np.sin(a)], axis=-1)


def _rotate(vector_xy: NDArray[np.float64], angle_deg: NDArray[np.float64]) -> NDArray[np.float64]:
    """Rotate (x, y) offsets (shape (2,) or (N, 2)) by per-frame angles (N,) [deg]."""
    a = np.radians(angle_deg)[:, None]
    x, y = vector_xy[..., 0], vector_xy[..., 1]
    return np.concatenate([x * np.cos(a) - y * np.sin(a), x * np.sin(a) + y * np.cos(a)], axis=-1)


def _polar(length: float, angle_deg: float) -> NDArray[np.float64]:
    a = np.radians(angle_deg)
    return np.array([length * np.cos(a), length * np.sin(a)])


def _upper_body_offsets(body: Body) -> dict[str, NDArray[np.float64]]:
    """Head and arm points relative to the shoulder in the trunk's own frame (x' to the head)."""
    h = body.stature_m
    pitch = body.head_pitch_deg
    ear = np.array([0.085 * h, 0.035 * h])
    face_dir = _polar(1.0, -90.0 + pitch)  # from the ear, towards the face
    along = _polar(1.0, pitch)  # along the head, towards its crown side
    nose = ear + 0.055 * h * face_dir + 0.035 * h * along
    eye = ear + 0.03 * h * face_dir + 0.03 * h * along
    mouth = nose + 0.02 * h * face_dir - 0.01 * h * along
    elbow = _polar(body.upper_arm_m, body.upper_arm_angle_deg)
    wrist = elbow + _polar(body.forearm_m, body.forearm_angle_deg)
    hand_tip = wrist + _polar(body.hand_m * 0.8, body.forearm_angle_deg)
    thumb = wrist + _polar(body.hand_m * 0.5, body.forearm_angle_deg + 25.0)
    return {
        "nose": nose,
        "eye": eye,
        "eye_inner": eye + 0.006 * h * face_dir,
        "eye_outer": eye - 0.006 * h * face_dir,
        "ear": ear,
        "mouth": mouth,
        "shoulder": np.zeros(2),
        "elbow": elbow,
        "wrist": wrist,
        "pinky": hand_tip - 0.01 * h * face_dir,
        "index": hand_tip,
        "thumb": thumb,
    }


#: Half the distance between left and right points, as a fraction of stature.
_HALF_WIDTH: dict[str, float] = {
    "nose": 0.0,
    "eye": 0.018,
    "eye_inner": 0.009,
    "eye_outer": 0.027,
    "ear": 0.04,
    "mouth": 0.012,
    "shoulder": 0.1,
    "elbow": 0.12,
    "wrist": 0.12,
    "pinky": 0.13,
    "index": 0.12,
    "thumb": 0.11,
    "hip": 0.05,
    "knee": 0.05,
    "ankle": 0.045,
    "heel": 0.045,
    "foot_index": 0.05,
}


def sagittal_points(
    body: Body,
    thigh_deg: NDArray[np.float64],
    trunk_deg: NDArray[np.float64],
    knee_flexion_deg: NDArray[np.float64],
) -> dict[str, NDArray[np.float64]]:
    """(N, 2) side-view positions [m] of each named point, per frame.

    Args:
        thigh_deg: hip->knee vs the floor, contract convention [deg].
        trunk_deg: hip->shoulder vs the floor (head end up = positive) [deg].
        knee_flexion_deg: 0 = straight leg; the heel moves to the back of the thigh [deg].
    """
    n = thigh_deg.shape[0]
    hip = np.tile(np.array([0.0, body.hip_height_m]), (n, 1))
    knee = hip + body.thigh_m * _distal(thigh_deg)
    shank_deg = thigh_deg + knee_flexion_deg
    ankle = knee + body.shank_m * _distal(shank_deg)
    toe_dir = _distal(shank_deg - 90.0 + body.ankle_plantar_deg)
    heel = ankle + 0.2 * body.foot_m * _distal(shank_deg + 60.0)
    points = {"hip": hip, "knee": knee, "ankle": ankle, "heel": heel}
    points["foot_index"] = ankle + 0.75 * body.foot_m * toe_dir
    shoulder = hip + _rotate(np.array([body.trunk_m, 0.0]), trunk_deg)
    for name, offset in _upper_body_offsets(body).items():
        points[name] = shoulder + _rotate(offset, trunk_deg)
    return points


def _split_side(joint: str) -> tuple[str | None, str]:
    for side in ("left", "right"):
        if joint.startswith(side + "_"):
            return side, joint[len(side) + 1 :]
    return None, joint


#: BlazePose "mouth_left"/"mouth_right" are sided names of the mouth corners.
_SIDED_ALIASES = {"mouth_left": ("left", "mouth"), "mouth_right": ("right", "mouth")}


def joint_positions(
    body: Body, skeleton: Skeleton, sagittal: dict[str, NDArray[np.float64]]
) -> NDArray[np.float64]:
    """World positions (N, J, 3) [m] of ``skeleton``'s joints in its standard order."""
    names = JOINT_NAMES[skeleton]
    n = next(iter(sagittal.values())).shape[0]
    out = np.empty((n, len(names), 3))
    for j, joint in enumerate(names):
        side, point = _SIDED_ALIASES.get(joint) or _split_side(joint)
        half_width = _HALF_WIDTH[point] * body.stature_m
        out[:, j, :2] = sagittal[point]
        out[:, j, 2] = 0.0 if side is None else (half_width if side == "right" else -half_width)
    return out


def far_side_mask(skeleton: Skeleton, near_side: str) -> NDArray[np.bool_]:
    """True for joints on the far side of the body from the camera."""
    far = "left" if near_side == "right" else "right"
    mask = []
    for joint in JOINT_NAMES[skeleton]:
        side, _ = _SIDED_ALIASES.get(joint) or _split_side(joint)
        mask.append(side == far)
    return np.array(mask)
