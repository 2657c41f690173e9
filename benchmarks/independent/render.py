"""Film a planned clip: frame times, a perspective camera, detector noise and scores.

Camera: a pinhole 2-5 m from the athlete on the near side, a little above or below hip
height, aimed near the hips, turned up to 15 deg off a true side view and rolled up to
+/-4 deg; the image may be mirrored (a front camera), so every facing / near-side pair occurs.

Noise, deliberately unlike independent Gaussian jitter:
* Student-t jitter (2.5-4 degrees of freedom: rare large errors) plus a slowly drifting
  error per joint (first-order autoregressive, 0.2-1 s time constant);
* far-side joints: noisier, low scores, often missing;
* brief left/right label swaps of the legs and jumps of single joints (1-3 frames);
* spells of weak scores with doubled jitter;
* dropped frames (single and in bursts) and a little timestamp jitter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton

from .body import Body, far_side_mask, joint_positions, random_body, sagittal_points
from .plan import ClipPlan, body_angles

IMAGE_SIZES = (
    (1920, 1080),
    (1280, 720),
    (1080, 1920),
    (720, 1280),
    (640, 480),
    (480, 640),
    (1080, 1080),
    (3840, 2160),
)
FRAME_RATES = (24.0, 25.0, 29.97, 30.0, 48.0, 50.0, 59.94, 60.0)
NOISE_LEVELS = ("low", "medium", "high")


@dataclass(frozen=True)
class NoiseModel:
    """Nuisance settings; jitter scales are fractions of the thigh's length in the image."""

    jitter: float
    t_dof: float
    drift: float
    far_null: float
    near_null: float
    jumps_per_s: float
    swaps_per_s: float
    weak_spells: int
    drop_rate: float
    drop_bursts_per_min: float
    occlusions: int  # spells of 0.2-0.6 s with the near leg (or hip) not detected


NOISE: dict[str, NoiseModel] = {
    "low": NoiseModel(0.004, 4.0, 0.003, 0.05, 0.002, 0.01, 0.01, 0, 0.01, 0.5, 0),
    "medium": NoiseModel(0.008, 3.0, 0.006, 0.12, 0.01, 0.04, 0.04, 1, 0.04, 1.5, 1),
    "none": NoiseModel(0.0, 4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0),
    "high": NoiseModel(0.014, 2.5, 0.01, 0.25, 0.03, 0.1, 0.08, 2, 0.08, 3.0, 2),
}


@dataclass(frozen=True)
class Filming:
    """How one clip was filmed (all reported with a failing clip)."""

    skeleton: Skeleton
    width: int
    height: int
    fps: float
    near_side: str  # "left" or "right": the side of the body nearer the camera
    mirrored: bool
    distance_m: float
    height_offset_m: float  # camera above (+) or below (-) the hips [m]
    yaw_deg: float
    roll_deg: float
    fill: float  # share of the limiting image dimension the athlete spans
    low_scores: bool  # an estimator that scores everything low (near 0.35-0.7, far 0.1-0.35)
    noise: str

    @property
    def facing(self) -> str:
        """Which image side the head is on."""
        head_right = self.near_side == "right"
        return "right" if head_right != self.mirrored else "left"


def random_filming(rng: np.random.Generator) -> Filming:
    width, height = IMAGE_SIZES[int(rng.integers(len(IMAGE_SIZES)))]
    return Filming(
        skeleton=Skeleton.BLAZEPOSE33 if rng.random() < 0.55 else Skeleton.COCO17,
        width=width,
        height=height,
        fps=float(rng.choice(FRAME_RATES)),
        near_side="left" if rng.random() < 0.5 else "right",
        mirrored=bool(rng.random() < 0.3),
        distance_m=float(rng.uniform(2.0, 5.0)),
        height_offset_m=float(rng.uniform(-0.4, 0.4)),
        yaw_deg=float(rng.uniform(-15.0, 15.0)),
        roll_deg=float(rng.uniform(-4.0, 4.0)),
        fill=float(rng.uniform(0.45, 0.9)),
        low_scores=bool(rng.random() < 0.2),
        noise=str(rng.choice(NOISE_LEVELS, p=(0.3, 0.45, 0.25))),
    )


def frame_times(
    rng: np.random.Generator, duration: float, fps: float, noise: NoiseModel
) -> NDArray[np.float64]:
    """Increasing timestamps [s] at ``fps`` with dropped frames and slight jitter."""
    t = np.arange(0.0, duration, 1.0 / fps)
    keep = rng.random(t.size) >= noise.drop_rate
    for _ in range(rng.poisson(noise.drop_bursts_per_min * duration / 60.0)):
        first = int(rng.integers(1, max(2, t.size - 6)))
        keep[first : first + int(rng.integers(2, 6))] = False
    keep[0] = True
    t = t[keep]
    jitter = rng.uniform(-0.15, 0.15, t.size) / fps if rng.random() < 0.3 else 0.0
    t = t + jitter
    t[0] = 0.0
    return t


def _camera_axes(filming: Filming, target: NDArray[np.float64]) -> tuple[NDArray[np.float64], ...]:
    """Camera centre and (right, up, forward) axes in the world frame."""
    side = 1.0 if filming.near_side == "right" else -1.0  # right side of the body is +z
    yaw = np.radians(filming.yaw_deg)
    offset = np.array([np.sin(yaw), 0.0, side * np.cos(yaw)]) * filming.distance_m
    centre = target + offset + np.array([0.0, filming.height_offset_m, 0.0])
    forward = (target - centre) / np.linalg.norm(target - centre)
    right = np.cross(forward, [0.0, 1.0, 0.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    roll = np.radians(filming.roll_deg)
    right, up = np.cos(roll) * right + np.sin(roll) * up, -np.sin(roll) * right + np.cos(roll) * up
    return centre, right, up, forward


def project(
    world: NDArray[np.float64],
    filming: Filming,
    target: NDArray[np.float64],
    rng: np.random.Generator,
) -> tuple[NDArray[np.float64], float]:
    """Pixel positions (N, J, 2) and the pixels-per-metre scale at the hips."""
    centre, right, up, forward = _camera_axes(filming, target)
    rel = world - centre
    depth = rel @ forward
    normalised = np.stack([(rel @ right) / depth, -(rel @ up) / depth], axis=-1)
    if filming.mirrored:
        normalised[..., 0] *= -1
    low, high = normalised.reshape(-1, 2).min(axis=0), normalised.reshape(-1, 2).max(axis=0)
    span = high - low
    size = np.array([filming.width, filming.height], dtype=float)
    focal = float(filming.fill * np.min(size / span))
    slack = size - focal * span
    origin = slack * rng.uniform(0.2, 0.8, 2) - focal * low
    return normalised * focal + origin, focal / float(np.linalg.norm(target - centre))


def _ar1(
    rng: np.random.Generator, t: NDArray[np.float64], shape: tuple[int, ...], tau_s: float
) -> NDArray[np.float64]:
    """Unit-variance first-order autoregressive noise sampled at irregular times ``t``."""
    out = np.empty((t.size, *shape))
    out[0] = rng.standard_normal(shape)
    steps = np.diff(t)
    for k, dt in enumerate(steps, start=1):
        rho = np.exp(-dt / tau_s)
        out[k] = rho * out[k - 1] + np.sqrt(1 - rho**2) * rng.standard_normal(shape)
    return out


def _leg_pairs(skeleton: Skeleton) -> list[tuple[int, int]]:
    names = JOINT_NAMES[skeleton]
    pairs = []
    for part in ("hip", "knee", "ankle", "heel", "foot_index"):
        if f"left_{part}" in names:
            pairs.append((names.index(f"left_{part}"), names.index(f"right_{part}")))
    return pairs


def _glitches(
    rng: np.random.Generator,
    t: NDArray[np.float64],
    xy: NDArray[np.float64],
    score: NDArray[np.float64],
    skeleton: Skeleton,
    noise: NoiseModel,
    thigh_px: float,
    events: list[str],
) -> None:
    """Label swaps of the legs, single-joint jumps and weak-score spells, in place."""
    duration = float(t[-1] - t[0])
    n = t.size
    for _ in range(rng.poisson(noise.swaps_per_s * duration)):
        k, length = int(rng.integers(n)), int(rng.integers(1, 4))
        window = slice(k, k + length)
        for a, b in _leg_pairs(skeleton):
            xy[window, [a, b]] = xy[window, [b, a]]
            score[window, [a, b]] = score[window, [b, a]]
        events.append(f"swap@{t[k]:.2f}s x{length}")
    names = JOINT_NAMES[skeleton]
    movable = [
        j
        for j, name in enumerate(names)
        if name.split("_")[-1] in {"hip", "knee", "ankle", "shoulder"}
    ]
    for _ in range(rng.poisson(noise.jumps_per_s * duration)):
        k, length = int(rng.integers(n)), int(rng.integers(1, 4))
        joint = int(rng.choice(movable))
        angle = rng.uniform(0, 2 * np.pi)
        step = rng.uniform(0.3, 0.8) * thigh_px * np.array([np.cos(angle), np.sin(angle)])
        xy[k : k + length, joint] += step
        score[k : k + length, joint] = np.minimum(
            score[k : k + length, joint], rng.uniform(0.5, 0.9)
        )
        events.append(f"jump {names[joint]}@{t[k]:.2f}s x{length}")
    for _ in range(noise.weak_spells):
        start = rng.uniform(t[0], t[-1])
        sel = (t >= start) & (t < start + rng.uniform(0.5, 2.0))
        score[sel] *= rng.uniform(0.4, 0.7)
        events.append(f"weak@{start:.2f}s")


def _occlusions(
    rng: np.random.Generator,
    t: NDArray[np.float64],
    missing: NDArray[np.bool_],
    filming: Filming,
    count: int,
    events: list[str],
) -> None:
    """Mark the near knee and below (or the near hip) undetected for 0.2-0.6 s, in place."""
    names = JOINT_NAMES[filming.skeleton]
    side = filming.near_side
    groups = {
        "leg": [f"{side}_{p}" for p in ("knee", "ankle", "heel", "foot_index")],
        "hip": [f"{side}_hip"],
    }
    for _ in range(count):
        group = "leg" if rng.random() < 0.6 else "hip"
        joints = [names.index(name) for name in groups[group] if name in names]
        start = rng.uniform(t[0], t[-1])
        sel = (t >= start) & (t < start + rng.uniform(0.2, 0.6))
        missing[np.ix_(sel, joints)] = True
        events.append(f"occluded {side} {group}@{start:.2f}s")


def film(
    rng: np.random.Generator, plan: ClipPlan, body: Body, filming: Filming
) -> tuple[KeypointClip, list[str]]:
    """Render ``plan`` as a keypoint clip; also returns a list of injected glitches."""
    noise = NOISE[filming.noise]
    t = frame_times(rng, plan.duration_s, filming.fps, noise)
    thigh, trunk, knee = body_angles(plan, t)
    knee = knee + rng.normal(0.0, 0.5, t.size)
    world = joint_positions(body, filming.skeleton, sagittal_points(body, thigh, trunk, knee))
    target = np.array([rng.uniform(-0.3, 0.4), body.hip_height_m + rng.uniform(-0.3, 0.1), 0.0])
    xy, px_per_m = project(world, filming, target, rng)
    thigh_px = body.thigh_m * px_per_m
    n, j = xy.shape[:2]
    far = far_side_mask(filming.skeleton, filming.near_side)
    scale = np.where(far, 2.0, 1.0)[None, :, None] * noise.jitter * thigh_px
    jitter = np.clip(rng.standard_t(noise.t_dof, (n, j, 2)), -12, 12) * scale
    drift = _ar1(rng, t, (j, 2), float(rng.uniform(0.2, 1.0))) * noise.drift * thigh_px
    xy = xy + jitter + drift
    far_range, near_range = (
        ((0.1, 0.35), (0.35, 0.7)) if filming.low_scores else ((0.15, 0.6), (0.75, 0.99))
    )
    score = np.where(far, rng.uniform(*far_range, (n, j)), rng.uniform(*near_range, (n, j)))
    events: list[str] = []
    _glitches(rng, t, xy, score, filming.skeleton, noise, thigh_px, events)
    missing = rng.random((n, j)) < np.where(far, noise.far_null, noise.near_null)
    _occlusions(rng, t, missing, filming, noise.occlusions, events)
    xy[missing] = np.nan
    score[missing] = 0.0
    clip = KeypointClip(
        filming.skeleton,
        filming.fps,
        filming.width,
        filming.height,
        t,
        xy,
        np.clip(score, 0.0, 1.0),
    )
    clip.validate()
    return clip, events


def random_clip(
    rng: np.random.Generator, plan: ClipPlan, noise: str | None = None
) -> tuple[Body, Filming, KeypointClip, list[str]]:
    """Body, filming, clip and glitch list for ``plan``; ``noise`` overrides the drawn level.

    The override changes nothing else that is drawn, so ``noise="none"`` shows the same clip
    as a perfect detector would report it (a diagnostic for telling noise from geometry).
    """
    body = random_body(rng)
    filming = random_filming(rng)
    if noise is not None:
        filming = replace(filming, noise=noise)
    clip, events = film(rng, plan, body, filming)
    return body, filming, clip, events
