"""Can this clip be analysed? Clear warnings instead of guesses.

All checks use ratios of image lengths or fractions of frames, never pixel counts, so they
do not depend on the image size.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.angles import segment_length_px
from revhyper.domain.motion.keypoints import KeypointClip, joint_index


@dataclass(frozen=True)
class QualityLimits:
    """When a clip is refused or warned about.

    Attributes:
        min_duration_s: shortest clip that can hold a rep [s].
        min_tracked_fraction: refuse below this fraction of frames with the thigh tracked [-].
        warn_tracked_fraction: warn below this fraction [-].
        max_hip_spread: refuse when the left and right hips are horizontally further apart than
            this many thigh lengths (the camera sees the athlete from the front or back) [-].
        min_thigh_length_ratio: refuse when the thigh's image length at its shortest (5th
            percentile) is below this fraction of its longest (95th): the thigh swings towards
            the camera, so the view is not side-on [-].
        min_side_score: warn when the chosen side's mean detection score is below this [-].
        max_hip_separation: refuse when the left and right hip joints lie further apart in the
            image than this many trunk lengths (median over the frames that show both): the
            camera looks at the athlete obliquely (:func:`hip_separation`) [-].
        min_hip_pairs: frames showing both hips and a shoulder needed to judge the view [-].
    """

    min_duration_s: float = 1.0
    min_tracked_fraction: float = 0.5
    warn_tracked_fraction: float = 0.9
    max_hip_spread: float = 0.5
    min_thigh_length_ratio: float = 0.4
    min_side_score: float = 0.5
    max_hip_separation: float = 0.28
    min_hip_pairs: int = 10


DEFAULT_QUALITY_LIMITS = QualityLimits()

#: What to do about any view that is not side-on.
TURN_TO_THE_SIDE = "turn the camera so it looks at the athlete's side"


def length_problem(clip: KeypointClip, limits: QualityLimits) -> str | None:
    """Why the clip is too short to analyse, or None."""
    if clip.n_frames == 0:
        return "the clip has no frames"
    if clip.n_frames < 2 or clip.duration_s < limits.min_duration_s:
        return (
            f"the clip is too short to analyse ({clip.n_frames} frame(s), "
            f"{clip.duration_s:.2f} s); at least {limits.min_duration_s:g} s is needed"
        )
    return None


def tracking_problem(tracked_fraction: float, limits: QualityLimits) -> str | None:
    """Why too little of the body was tracked, or None."""
    if tracked_fraction == 0.0:
        return "no person found: no hip and knee were detected in any frame"
    if tracked_fraction < limits.min_tracked_fraction:
        return (
            f"too little of the body tracked: hip and knee found in {tracked_fraction:.0%} of "
            f"frames (at least {limits.min_tracked_fraction:.0%} needed)"
        )
    return None


def _detected(clip: KeypointClip, name: str) -> NDArray[np.float64]:
    index = joint_index(clip.skeleton, name)
    xy = np.array(clip.xy[:, index, :], dtype=np.float64)
    xy[~(clip.score[:, index] > 0.0)] = np.nan
    return xy


def hip_separation(clip: KeypointClip) -> tuple[float, int]:
    """How far apart the two hip joints are in the image, in trunk lengths [-] (median over the
    frames showing both hips and a shoulder), and how many frames showed them.

    Seen from the side, the near hip hides the far one; turned by a yaw ``y`` about the vertical
    the hips separate by ``w sin y`` while the hip-to-shoulder length shrinks to ``L cos y``, so
    the ratio grows as ``(w / L) tan y`` (w / L is 0.35-0.45 for adult bodies). Both lengths lie
    at the hips, near the centre of the view, so perspective changes them alike; unlike the
    thigh's foreshortening, the ratio needs no movement and does not depend on the legs.
    """
    left_hip, right_hip = _detected(clip, "left_hip"), _detected(clip, "right_hip")
    trunks = np.stack(
        [
            np.hypot(*(_detected(clip, f"{side}_shoulder") - hip).T)
            for side, hip in (("left", left_hip), ("right", right_hip))
        ]
    )
    seen = np.isfinite(trunks)
    trunk = np.where(seen.any(axis=0), np.nansum(trunks, axis=0) / np.maximum(seen.sum(0), 1), 0)
    apart = np.hypot(*(left_hip - right_hip).T)
    usable = np.isfinite(apart) & (trunk > 0)
    if not usable.any():
        return float("nan"), 0
    return float(np.median(apart[usable] / trunk[usable])), int(usable.sum())


def oblique_problem(clip: KeypointClip, limits: QualityLimits) -> str | None:
    """Why the camera looks at the athlete too obliquely for trustworthy angles, or None."""
    separation, frames = hip_separation(clip)
    if frames < limits.min_hip_pairs or separation <= limits.max_hip_separation:
        return None
    return (
        "not side-on: the camera looks at the athlete at an angle, the hips lie "
        f"{separation:.2f} trunk lengths apart in the image (at most "
        f"{limits.max_hip_separation:g} for a side view), so angles would be distorted; "
        f"{TURN_TO_THE_SIDE}"
    )


def side_on_problem(
    clip: KeypointClip, hip: NDArray[np.float64], knee: NDArray[np.float64], limits: QualityLimits
) -> str | None:
    """Why the camera does not see the athlete from the side, or None."""
    thigh = segment_length_px(hip, knee)
    thigh = thigh[np.isfinite(thigh)]
    if thigh.size < 2:
        return None
    longest = float(np.percentile(thigh, 95))
    if longest <= 0:
        return "not side-on: the thigh has no length in the image"
    spread = np.abs(_detected(clip, "left_hip")[:, 0] - _detected(clip, "right_hip")[:, 0])
    spread = spread[np.isfinite(spread)]
    if spread.size and float(np.median(spread)) > limits.max_hip_spread * longest:
        return (
            "not side-on: the left and right hips are far apart across the image "
            f"({float(np.median(spread)) / longest:.1f} thigh lengths); {TURN_TO_THE_SIDE}"
        )
    shortest = float(np.percentile(thigh, 5))
    if shortest < limits.min_thigh_length_ratio * longest:
        return (
            "not side-on: the thigh looks much shorter in some frames "
            f"({shortest / longest:.0%} of its full length), so it swings towards the camera; "
            f"{TURN_TO_THE_SIDE}"
        )
    return oblique_problem(clip, limits)
