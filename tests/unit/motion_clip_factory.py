"""Small hand-made keypoint clips for motion-analysis tests (not a full generator).

``clip_from_angles`` poses a stick figure from angle trajectories: the hip is fixed, the thigh
is at ``thigh_deg`` against the floor (contract convention), the trunk lies towards the head at
``trunk_deg`` and the shank is flexed by ``knee_deg``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton, joint_index

Trajectory = Callable[[NDArray[np.float64]], NDArray[np.float64]]


def clip_from_angles(
    thigh_deg: Trajectory,
    duration_s: float,
    fps: float = 30.0,
    *,
    trunk_deg: Trajectory | None = None,
    knee_deg: Trajectory | None = None,
    head_side: str = "left",
    near_side: str = "left",
    skeleton: Skeleton = Skeleton.BLAZEPOSE33,
    thigh_px: float = 150.0,
    width: int = 1280,
    height: int = 720,
    noise_px: float = 0.0,
    roll_deg: float = 0.0,
    seed: int = 0,
) -> KeypointClip:
    """A clip whose near-side joints follow the given angle trajectories [deg] of time [s]."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(duration_s * fps) + 1, dtype=np.float64) / fps
    feet = 1.0 if head_side == "left" else -1.0
    thigh = np.radians(thigh_deg(t) + roll_deg)
    trunk = np.radians((trunk_deg(t) if trunk_deg else np.zeros_like(t)) - roll_deg)
    knee = np.radians(knee_deg(t) if knee_deg else np.zeros_like(t))
    scale = thigh_px
    hip = np.stack([np.full_like(t, width / 2), np.full_like(t, height * 0.4)], axis=1)
    knee_xy = hip + scale * np.stack([feet * np.cos(thigh), -np.sin(thigh)], axis=1)
    ankle = knee_xy + scale * 0.95 * np.stack(
        [feet * np.cos(thigh + knee), -np.sin(thigh + knee)], axis=1
    )
    shoulder = hip + scale * 1.3 * np.stack([-feet * np.cos(trunk), -np.sin(trunk)], axis=1)
    names = JOINT_NAMES[skeleton]
    xy = np.repeat(shoulder[:, None, :], len(names), axis=1).copy()
    score = np.full((t.size, len(names)), 0.5)
    far_side = "right" if near_side == "left" else "left"
    for side, offset, joint_score in ((near_side, 0.0, 0.95), (far_side, 4.0, 0.4)):
        for name, where in (
            ("shoulder", shoulder),
            ("hip", hip),
            ("knee", knee_xy),
            ("ankle", ankle),
        ):
            index = joint_index(skeleton, f"{side}_{name}")
            xy[:, index, :] = where + offset
            score[:, index] = joint_score
    xy = xy + rng.normal(0.0, noise_px, xy.shape) if noise_px else xy
    return KeypointClip(skeleton, fps, width, height, t, xy, score)


def smoothstep(u: NDArray[np.float64]) -> NDArray[np.float64]:
    """Minimum-jerk easing from 0 to 1 over u in [0, 1]."""
    u = np.clip(u, 0.0, 1.0)
    return u**3 * (10 - 15 * u + 6 * u**2)


def rep_trajectory(
    bottom_deg: float = -90.0,
    top_deg: float = 0.0,
    concentric_s: float = 1.0,
    hold_s: float = 0.5,
    eccentric_s: float = 1.5,
    pause_s: float = 1.0,
    reps: int = 3,
    lead_s: float = 1.5,
) -> tuple[Trajectory, float]:
    """A piecewise minimum-jerk rep pattern and the clip duration it needs [s]."""
    period = concentric_s + hold_s + eccentric_s + pause_s
    duration = lead_s + reps * period + 1.5

    def angle(t: NDArray[np.float64]) -> NDArray[np.float64]:
        local = t - lead_s
        k = np.floor(local / period)
        phase = local - k * period
        active = (local >= 0) & (k < reps)
        rise = smoothstep(phase / concentric_s)
        fall = smoothstep((phase - concentric_s - hold_s) / eccentric_s)
        level = np.where(phase < concentric_s + hold_s, rise, 1.0 - fall)
        return bottom_deg + (top_deg - bottom_deg) * np.where(active, level, 0.0)

    return angle, duration
