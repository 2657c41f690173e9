"""Is this a reverse hyperextension? The set-up recognised from the pose, before counting.

A reverse hyper is done lying **prone** with the trunk roughly **horizontal** on a support
(machine, bench, GHD, ball) with the hips at its edge and the legs hanging and swinging
below it, or lying prone on the floor (the catalogue's floor variations). Four set-ups that a
pose model tracks just as well are not reverse hypers, and counting their "reps" would give
confident nonsense (issue 12: a deadlift, a back squat, a hip thrust and lying leg raises
were analysed as reverse hypers). Each is recognised from one or two interpretable features,
medians over the clip's frames, so a few mistracked frames or a short cutaway do not decide:

=====================  ==========================================================================
feature                what it measures
=====================  ==========================================================================
trunk elevation [deg]  angle of the hip->shoulder line above the image horizontal, at the
                       clip's 90th percentile: ~0-20 lying on a pad, ~90 standing (a
                       deadlift's lockout, a squat's every frame)
face up [-]            median height of the nose above the hip->shoulder line, in trunk
                       lengths: the face is on the belly side, so about -0.2 prone (face
                       down) and +0.3 or more supine (hip thrust, bridge, leg raise)
knee flexion [deg]     median; 0 = straight. Reverse hypers keep the knees nearly straight;
                       a kneeling kick-back or a hip thrust holds them bent ~90
arm support [-]        median height of the shoulders above the wrists, in trunk lengths:
                       ~1 or more held up on straight arms (push-up, plank)
leg hang [-]           ankles' depth below the hips at the 90th percentile, in leg lengths:
                       ~0.9 for legs hanging from a pad at rest, < 0.4 on the floor or in a
                       plank
=====================  ==========================================================================

The limits are in :data:`DEFAULT_SETUP_LIMITS` (one place), measured with
``benchmarks/setup_features.py`` on the filmed clips of ``../shared/realclips`` and on clips
of both generators (every style, noise level and camera set-up): see the figures there and
in ``docs/guide/real-footage.md``. Images have y pointing down; "up" below is -y.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.keypoints import KeypointClip, joint_index
from revhyper.domain.motion.sides import (
    MIN_JOINT_SCORE,
    SideJoints,
    SideName,
    choose_side,
    side_joints,
)

FloatArray = NDArray[np.float64]

#: Features that say how far a posture *reaches* (the trunk's highest elevation, the legs'
#: deepest hang) are read at this percentile of the clip's frames, not at its extreme, so a
#: few mistracked frames do not decide [%]. The others are medians.
HIGH_PERCENTILE = 90.0


@dataclass(frozen=True)
class SetupLimits:
    """Where a set-up stops looking like a reverse hyper (medians over the clip).

    Attributes:
        max_trunk_elevation_deg: above this the athlete is upright (standing lift) [deg].
        max_face_up: above this the athlete lies face up [trunk lengths].
        max_knee_flexion_deg: above this the knees stay bent: kneeling (quadruped) when the
            legs hang, feet planted (hip thrust, bridge) when they do not [deg].
        max_arm_support: above this, with the legs not hanging, the athlete is held up on the
            arms (push-up, plank) [trunk lengths].
        hanging_leg_drop: legs hang below the pad when the ankles reach at least this deep
            below the hips [leg lengths].
        min_frames: fewest frames with the trunk tracked for the check to decide [-]; below,
            the clip's other checks (tracking, side view) speak.
    """

    max_trunk_elevation_deg: float = 50.0
    max_face_up: float = 0.2
    max_knee_flexion_deg: float = 60.0
    max_arm_support: float = 0.8
    hanging_leg_drop: float = 0.45
    min_frames: int = 5


DEFAULT_SETUP_LIMITS = SetupLimits()


@dataclass(frozen=True)
class SetupFeatures:
    """The features the decision reads (NaN where not measurable); see the module table."""

    trunk_elevation_deg: float
    face_up: float
    knee_flexion_deg: float
    arm_support: float
    leg_hang: float
    frames: int

    def as_dict(self) -> dict[str, float]:
        return {
            "trunk_elevation_deg": round(self.trunk_elevation_deg, 1),
            "face_up": round(self.face_up, 2),
            "knee_flexion_deg": round(self.knee_flexion_deg, 1),
            "arm_support": round(self.arm_support, 2),
            "leg_hang": round(self.leg_hang, 2),
        }


def _percentile(values: FloatArray, percent: float) -> float:
    finite = values[np.isfinite(values)]
    return float(np.percentile(finite, percent)) if finite.size else float("nan")


def _joint(clip: KeypointClip, name: str) -> FloatArray:
    """Positions (N, 2) [px] of joint ``name``, NaN where not detected (score floor)."""
    index = joint_index(clip.skeleton, name)
    xy = np.array(clip.xy[:, index, :], dtype=np.float64)
    xy[~(clip.score[:, index] >= MIN_JOINT_SCORE)] = np.nan
    return xy


def _up(vector: FloatArray) -> FloatArray:
    """Upward component of image vectors (N, 2) [px] (image y points down)."""
    return -vector[:, 1]


def _length(vector: FloatArray) -> FloatArray:
    return np.hypot(vector[:, 0], vector[:, 1])


def _face_up(nose: FloatArray, shoulder: FloatArray, trunk: FloatArray) -> FloatArray:
    """Per frame: how far the nose lies above the hip->shoulder line, in trunk lengths [-]
    (the face is on the belly side of the trunk: below the line prone, above it supine)."""
    length = _length(trunk)
    with np.errstate(invalid="ignore", divide="ignore"):
        normal = np.stack([trunk[:, 1], -trunk[:, 0]], axis=1) / length[:, None]
    normal = np.where((_up(normal) < 0)[:, None], -normal, normal)  # the side facing up
    with np.errstate(invalid="ignore", divide="ignore"):
        height: FloatArray = np.sum((nose - shoulder) * normal, axis=1) / length
    return height


def _angle_between(a: FloatArray, b: FloatArray) -> FloatArray:
    """Angle between image vectors a and b, per frame [deg], 0..180."""
    dot = np.sum(a * b, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cosine = dot / (_length(a) * _length(b))
    angle: FloatArray = np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))
    return angle


def setup_features(
    clip: KeypointClip, near: tuple[SideName, SideJoints] | None = None
) -> SetupFeatures:
    """The set-up features of ``clip`` (medians over frames where they are measurable), read
    on the side nearer the camera: ``near`` gives that side and its joints when the caller has
    read them already (``side_joints(clip, choose_side(clip))``)."""
    if near is None:
        chosen = choose_side(clip)
        near = chosen, side_joints(clip, chosen)
    side, joints = near
    trunk = joints.shoulder - joints.hip
    elevation = np.degrees(np.arctan2(_up(trunk), np.abs(trunk[:, 0])))
    thigh, shank = joints.knee - joints.hip, joints.ankle - joints.knee
    knee = _angle_between(thigh, shank)
    leg_length = _length(thigh) + _length(shank)
    with np.errstate(invalid="ignore", divide="ignore"):
        hang = -_up(joints.ankle - joints.hip) / leg_length
        wrist = _joint(clip, f"{side}_wrist")
        support = _up(joints.shoulder - wrist) / _length(trunk)
    face = _face_up(_joint(clip, "nose"), joints.shoulder, trunk)
    return SetupFeatures(
        trunk_elevation_deg=_percentile(elevation, HIGH_PERCENTILE),
        face_up=_percentile(face, 50.0),
        knee_flexion_deg=_percentile(knee, 50.0),
        arm_support=_percentile(support, 50.0),
        leg_hang=_percentile(hang, HIGH_PERCENTILE),
        frames=int(np.sum(np.isfinite(elevation))),
    )


def setup_problem(
    clip: KeypointClip,
    limits: SetupLimits = DEFAULT_SETUP_LIMITS,
    near: tuple[SideName, SideJoints] | None = None,
) -> tuple[str | None, SetupFeatures]:
    """Why ``clip`` does not show a reverse hyperextension (``None`` if it may), with the
    features the decision read (``near``: see :func:`setup_features`)."""
    features = setup_features(clip, near)
    return judge_setup(features, limits), features


def judge_setup(features: SetupFeatures, limits: SetupLimits = DEFAULT_SETUP_LIMITS) -> str | None:
    """The decision on measured features: a reason a person can act on, or ``None``."""
    if features.frames < limits.min_frames:
        return None
    hint = "lie face down with the hips at the edge of the pad and film from the side"
    if features.trunk_elevation_deg > limits.max_trunk_elevation_deg:
        return (
            f"the athlete is standing (trunk {features.trunk_elevation_deg:.0f} degrees above "
            f"horizontal, at most {limits.max_trunk_elevation_deg:.0f} for a reverse hyper): this "
            f"looks like a hinge or a squat, not a reverse hyper — {hint}"
        )
    if features.face_up > limits.max_face_up:
        return (
            "the athlete lies face up: this looks like a hip thrust, bridge or leg raise, not a "
            f"reverse hyper — {hint}"
        )
    hanging = features.leg_hang >= limits.hanging_leg_drop
    if features.knee_flexion_deg > limits.max_knee_flexion_deg:
        looks_like = (
            "a kneeling (quadruped) kick-back" if hanging else "a hip thrust or a glute bridge"
        )
        return (
            f"the knees stay bent (about {features.knee_flexion_deg:.0f} degrees, at most "
            f"{limits.max_knee_flexion_deg:.0f} for a reverse hyper, where the legs stay "
            f"nearly straight): this looks like {looks_like}, not a reverse hyper — {hint}"
        )
    if not hanging and features.arm_support > limits.max_arm_support:
        return (
            "the athlete is held up on straight arms with the legs in line: this looks like a "
            f"push-up or plank, not a reverse hyper — {hint}"
        )
    return None
