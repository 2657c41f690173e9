"""A deterministic stand-in for the pose model, so the video pipeline is testable without it.

:func:`render_clip_video` draws a keypoint clip (e.g. from ``revhyper synth``) as a video:
each tracked joint is a dot of its own saturated colour on a black background, bones are
dark grey lines. :class:`FakeBackend` reads such a video back: a joint is where pixels of
its colour are, its score is the fraction of the dot that is visible; a far-side joint
hidden behind its near-side partner is placed on the partner with a low score, as a real
model guesses occluded joints. Frames with no
coloured dots have no person. Only the joints the form analysis uses are drawn.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from revhyper.adapters.pose.base import Landmarks
from revhyper.adapters.video import AtomicVideoWriter
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton, joint_index

#: Colour of each drawn joint (RGB); pairwise at least 127 apart in some channel.
JOINT_COLOURS: dict[str, tuple[int, int, int]] = {
    "nose": (255, 255, 255),
    "left_shoulder": (255, 0, 0),
    "right_shoulder": (0, 0, 255),
    "left_hip": (0, 255, 0),
    "right_hip": (255, 0, 255),
    "left_knee": (255, 255, 0),
    "right_knee": (0, 255, 255),
    "left_ankle": (255, 128, 0),
    "right_ankle": (128, 0, 255),
}
BONES: tuple[tuple[str, str], ...] = tuple(
    (f"{side}_{a}", f"{side}_{b}")
    for side in ("left", "right")
    for a, b in (("shoulder", "hip"), ("hip", "knee"), ("knee", "ankle"))
)
BONE_COLOUR = (90, 90, 90)
#: A pixel matches a joint colour when every channel is within this many levels of it.
COLOUR_TOLERANCE = 60
#: Pixels darker than this in every channel are background or bones.
BRIGHT_LEVEL = 150
#: A joint counts as found when at least this fraction of its dot's area is visible.
MIN_VISIBLE_FRACTION = 0.15
#: Score of a fully visible dot (a real model is rarely certain).
FULL_SCORE = 0.95
#: Score given to a joint hidden behind its other-side partner (placed on the partner).
HIDDEN_JOINT_SCORE = 0.3
_COLOURS = np.array(list(JOINT_COLOURS.values()), dtype=np.int16)


def dot_radius_px(width: int, height: int) -> int:
    """Radius of a drawn joint [px] for a frame of ``width`` x ``height`` [px]."""
    return max(4, round(0.02 * min(width, height)))


def render_clip_video(
    clip: KeypointClip,
    path: Path,
    *,
    width: int = 384,
    extra_people_offsets_px: Sequence[tuple[float, float]] = (),
) -> tuple[int, int]:
    """Write ``clip`` as an .mp4 at ``clip.fps`` (frame k at ``t[0] + k / fps`` [s] shows the
    clip frame nearest in time), scaled to ``width`` [px] (height keeps the aspect ratio,
    rounded to even). Each offset (dx, dy) [px, output frame] draws another copy
    of the person there. Returns the video's (width, height) [px]."""
    scale = width / clip.width
    height = 2 * round(clip.height * scale / 2)
    indices = {name: joint_index(clip.skeleton, name) for name in JOINT_COLOURS}
    radius = dot_radius_px(width, height)
    offsets = [(0.0, 0.0), *extra_people_offsets_px]
    # A video has a constant frame rate: show at each video time the clip frame nearest to it
    # (repeating or skipping frames where the clip's timestamps are irregular).
    video_t = clip.t[0] + np.arange(round(clip.duration_s * clip.fps) + 1) / clip.fps
    nearest = np.clip(np.searchsorted(clip.t, video_t), 1, clip.n_frames - 1)
    nearest -= (video_t - clip.t[nearest - 1]) < (clip.t[nearest] - video_t)
    with AtomicVideoWriter(path, fps=clip.fps, width=width, height=height) as writer:
        for frame in nearest.tolist():
            image = np.zeros((height, width, 3), dtype=np.uint8)
            for dx, dy in offsets:
                xy = clip.xy[frame] * scale + np.array([dx, dy])
                _draw_person(image, xy, clip.score[frame], indices, radius)
            writer.write_rgb(image)
        writer.commit()
    return width, height


def _draw_person(
    image: NDArray[np.uint8],
    xy: NDArray[np.float64],
    score: NDArray[np.float64],
    indices: dict[str, int],
    radius: int,
) -> None:
    def point(name: str) -> tuple[int, int] | None:
        x, y = xy[indices[name]]
        return (round(x), round(y)) if np.isfinite(x) and np.isfinite(y) else None

    for a, b in BONES:
        pa, pb = point(a), point(b)
        if pa and pb:
            cv2.line(image, pa, pb, BONE_COLOUR, max(1, radius // 2), cv2.LINE_AA)
    # Least visible first, so the near-side joints cover the far-side ones.
    for name in sorted(JOINT_COLOURS, key=lambda n: score[indices[n]]):
        centre = point(name)
        if centre is not None:
            cv2.circle(image, centre, radius, JOINT_COLOURS[name], -1, cv2.LINE_8)


class FakeEstimator:
    """Finds the coloured dots :func:`render_clip_video` drew; stateless and deterministic."""

    def __init__(self, skeleton: Skeleton = Skeleton.BLAZEPOSE33) -> None:
        self._skeleton = skeleton
        self._indices = [joint_index(skeleton, name) for name in JOINT_COLOURS]
        self._n_joints = len(JOINT_NAMES[skeleton])
        self._partners = [
            (joint_index(skeleton, name), joint_index(skeleton, "right_" + name[5:]))
            for name in JOINT_COLOURS
            if name.startswith("left_")
        ]

    def _colour_masks(
        self, rgb: NDArray[np.uint8]
    ) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.bool_]]:
        rows, cols = np.nonzero(rgb.max(axis=2) > BRIGHT_LEVEL)
        pixels = rgb[rows, cols].astype(np.int16)
        matches = np.all(
            np.abs(pixels[:, None, :] - _COLOURS[None, :, :]) <= COLOUR_TOLERANCE, axis=2
        )
        return rows, cols, matches

    def estimate(self, rgb: NDArray[np.uint8]) -> Landmarks | None:
        height, width = rgb.shape[:2]
        radius = dot_radius_px(width, height)
        full_area = math.pi * radius**2
        rows, cols, matches = self._colour_masks(rgb)
        xy = np.full((self._n_joints, 2), np.nan)
        score = np.zeros(self._n_joints)
        for colour, joint in enumerate(self._indices):
            hit = matches[:, colour]
            if hit.sum() < MIN_VISIBLE_FRACTION * full_area:
                continue
            # Stray pixels of this colour (codec fringes around other dots) lie far from the
            # dot: keep those within two radii of the median.
            x, y = cols[hit], rows[hit]
            near = np.hypot(x - np.median(x), y - np.median(y)) <= 2 * radius
            count = int(near.sum())
            if count < MIN_VISIBLE_FRACTION * full_area:
                continue
            xy[joint] = (x[near].mean(), y[near].mean())
            score[joint] = FULL_SCORE * min(1.0, count / full_area)
        if not np.isfinite(xy).any():
            return None
        self._guess_hidden_partners(xy, score)
        return Landmarks(xy=xy, score=score)

    def _guess_hidden_partners(self, xy: NDArray[np.float64], score: NDArray[np.float64]) -> None:
        """A joint hidden behind its partner on the other side of the body is placed on that
        partner with a low score, as a real model guesses occluded joints."""
        for left, right in self._partners:
            for hidden, seen in ((left, right), (right, left)):
                if score[hidden] == 0.0 and score[seen] > 0.0:
                    xy[hidden] = xy[seen]
                    score[hidden] = HIDDEN_JOINT_SCORE

    def other_person_present(self, rgb: NDArray[np.uint8], found: Landmarks) -> bool:
        """True when a hip colour forms more than one dot (two people drawn)."""
        height, width = rgb.shape[:2]
        min_area = MIN_VISIBLE_FRACTION * math.pi * dot_radius_px(width, height) ** 2
        rows, cols, matches = self._colour_masks(rgb)
        names = list(JOINT_COLOURS)
        for hip in ("left_hip", "right_hip"):
            mask = np.zeros((height, width), dtype=np.uint8)
            hit = matches[:, names.index(hip)]
            mask[rows[hit], cols[hit]] = 1
            count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
            if int(np.sum(stats[1:count, cv2.CC_STAT_AREA] >= min_area)) > 1:
                return True
        return False

    def close(self) -> None:
        """Nothing to release."""


class FakeBackend:
    """Reads videos made by :func:`render_clip_video` (for tests and demos without a model)."""

    name = "fake"
    skeleton = Skeleton.BLAZEPOSE33
    needs_own_process = False

    def check_available(self) -> None:
        """Always available."""

    def open_estimator(self) -> FakeEstimator:
        return FakeEstimator(self.skeleton)
