"""The annotated video: the set as filmed, with what the form coach saw drawn on it.

Each frame shows the skeleton, the thigh (hip to knee) of the side analysed, a guide line
through the hip parallel to the floor (the image horizontal), the thigh angle [deg], the rep
counter, and each rep's faults from the moment its top is reached until shortly after it
ends. A rep is counted when its top is reached, the moment its fault labels appear, so the
counter and the labels always name the same rep ("reps: 2" beside "rep 2: short rom").
Every label is placed inside the frame: moved in from the edges, and drawn smaller when it
is wider than the frame (portrait phone videos). The video is decoded again frame by frame
and encoded as it goes (flat memory).
With ``--stride`` the skeleton of the last analysed frame is shown on the frames between.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from revhyper.adapters.pose.parallel import KeypointTrack
from revhyper.adapters.video import AtomicVideoWriter, VideoInfo, iter_frames
from revhyper.domain.motion.form_result import AnalysisResult, RepResult
from revhyper.domain.motion.keypoints import JOINT_NAMES, Skeleton

#: Bones drawn, by joint name (those missing from a skeleton are skipped).
BONES: tuple[tuple[str, str], ...] = (
    ("left_shoulder", "right_shoulder"),
    ("left_hip", "right_hip"),
    *(
        (f"{side}_{a}", f"{side}_{b}")
        for side in ("left", "right")
        for a, b in (
            ("shoulder", "elbow"),
            ("elbow", "wrist"),
            ("shoulder", "hip"),
            ("hip", "knee"),
            ("knee", "ankle"),
            ("ankle", "heel"),
            ("heel", "foot_index"),
            ("ankle", "foot_index"),
            ("ear", "shoulder"),
        )
    ),
)
#: Joints below this score are not drawn [-].
MIN_DRAW_SCORE = 0.3
#: Faults stay on screen this long after their rep ends [s].
FAULT_LINGER_S = 1.5
#: Labels keep at least this far from the frame's edges [px].
LABEL_MARGIN_PX = 4
#: Labels are never drawn smaller than this font scale (OpenCV Hershey units) [-].
MIN_LABEL_SIZE = 0.3
#: Guide line half-length, in thigh lengths [-].
GUIDE_HALF_LENGTH = 1.4
#: Colours (RGB).
BONE_RGB = (230, 230, 230)
JOINT_RGB = (0, 200, 255)
THIGH_RGB = (255, 200, 0)
GUIDE_RGB = (0, 255, 120)
TEXT_RGB = (255, 255, 255)
FAULT_RGB = (255, 70, 70)

ProgressCallback = Callable[[int, int], None]


def _scale(image: NDArray[np.uint8]) -> float:
    return max(0.4, float(image.shape[0]) / 720)


def _point(
    xy: NDArray[np.float64], score: NDArray[np.float64], index: int | None
) -> tuple[int, int] | None:
    if index is None or score[index] < MIN_DRAW_SCORE or not np.all(np.isfinite(xy[index])):
        return None
    return round(float(xy[index, 0])), round(float(xy[index, 1]))


def _thickness(size: float) -> int:
    return max(1, round(2 * size))


def place_label(
    image_shape: tuple[int, ...], text: str, origin: tuple[int, int], size: float
) -> tuple[tuple[int, int], float, tuple[int, int, int, int]]:
    """Where and how large ``text`` is drawn so that it stays inside the frame.

    ``origin`` is the wanted bottom-left corner of the text [px]. Returns (origin, font size,
    (left, top, right, bottom) of the drawn text including its dark outline [px]).
    """
    height, width = image_shape[0], image_shape[1]
    room = width - 2 * LABEL_MARGIN_PX
    while True:
        outline = _thickness(size) + 3
        (text_w, text_h), baseline = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, size, outline)
        if text_w <= room or size <= MIN_LABEL_SIZE:
            break
        size = max(MIN_LABEL_SIZE, size * room / text_w * 0.98)
    pad = outline // 2
    low_x, high_x = LABEL_MARGIN_PX + pad, width - LABEL_MARGIN_PX - text_w + pad
    low_y, high_y = LABEL_MARGIN_PX + text_h, height - LABEL_MARGIN_PX - baseline
    x = int(min(max(origin[0], low_x), max(low_x, high_x)))
    y = int(min(max(origin[1], low_y), max(low_y, high_y)))
    box = (x - pad, y - text_h, x - pad + text_w, y + baseline)
    return (x, y), size, box


def _text(image: NDArray[np.uint8], text: str, origin: tuple[int, int], rgb: tuple[int, int, int],
          size: float) -> None:  # fmt: skip
    """Draw ``text`` with a dark outline, moved (and if needed shrunk) to stay in the frame."""
    origin, size, _ = place_label(image.shape, text, origin, size)
    thickness = _thickness(size)
    cv2.putText(image, text, origin, cv2.FONT_HERSHEY_SIMPLEX, size, (0, 0, 0), thickness + 3,
                cv2.LINE_AA)  # fmt: skip
    cv2.putText(image, text, origin, cv2.FONT_HERSHEY_SIMPLEX, size, rgb, thickness, cv2.LINE_AA)


def draw_skeleton(
    image: NDArray[np.uint8],
    skeleton: Skeleton,
    xy: NDArray[np.float64],
    score: NDArray[np.float64],
    side: str,
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Draw bones and joints on ``image`` (RGB, in place); returns the analysed side's (hip,
    knee) pixel positions when both are visible."""
    names = JOINT_NAMES[skeleton]
    index = {name: k for k, name in enumerate(names)}
    scale = _scale(image)
    for a, b in BONES:
        pa, pb = _point(xy, score, index.get(a)), _point(xy, score, index.get(b))
        if pa and pb:
            cv2.line(image, pa, pb, BONE_RGB, max(1, round(2 * scale)), cv2.LINE_AA)
    for k in range(len(names)):
        p = _point(xy, score, k)
        if p:
            cv2.circle(image, p, max(2, round(3 * scale)), JOINT_RGB, -1, cv2.LINE_AA)
    sides = ("left", "right") if side not in ("left", "right") else (side,)
    for name in sides:
        hip = _point(xy, score, index.get(f"{name}_hip"))
        knee = _point(xy, score, index.get(f"{name}_knee"))
        if hip and knee:
            cv2.line(image, hip, knee, THIGH_RGB, max(2, round(5 * scale)), cv2.LINE_AA)
            return hip, knee
    return None


def draw_guide(image: NDArray[np.uint8], hip: tuple[int, int], knee: tuple[int, int]) -> None:
    """A line through the hip parallel to the floor, about as long as the legs."""
    half = int(GUIDE_HALF_LENGTH * np.hypot(knee[0] - hip[0], knee[1] - hip[1]))
    start, end = (hip[0] - half, hip[1]), (hip[0] + half, hip[1])
    cv2.line(image, start, end, GUIDE_RGB, max(1, round(2 * _scale(image))), cv2.LINE_AA)


def reps_counted(reps: tuple[RepResult, ...], t: float) -> int:
    """Reps counted by time ``t`` [s]: a rep counts once its top is reached (when its faults
    appear on screen), so the counter agrees with the rep labels beside it."""
    return sum(1 for rep in reps if rep.top_s <= t)


def faults_on_screen(reps: tuple[RepResult, ...], t: float) -> list[str]:
    """Lines naming the faults of reps whose top has been reached, until they fade [s]."""
    return [
        f"rep {rep.index}: {fault.value.replace('_', ' ')}"
        for rep in reps
        if rep.faults and rep.top_s <= t <= rep.end_s + FAULT_LINGER_S
        for fault in rep.faults
    ]


def fitting_lines(lines: list[str], image: NDArray[np.uint8], spacing: int) -> list[str]:
    """The fault lines that fit below the counter (``spacing`` [px] apart); when some do not,
    the last one that fits says how many more there are."""
    room = max(1, (image.shape[0] - LABEL_MARGIN_PX) // max(1, spacing) - 1)
    if len(lines) <= room:
        return lines
    return [*lines[: room - 1], f"+{len(lines) - room + 1} more"]


def thigh_angle_at(result: AnalysisResult, t: float) -> float:
    """The cleaned thigh angle nearest in time to ``t`` [deg] (NaN if unknown)."""
    series = result.series
    if series is None or series.t.size == 0:
        return float("nan")
    k = int(np.clip(np.searchsorted(series.t, t), 0, series.t.size - 1))
    return float(series.thigh_deg[k])


def annotate_frame(
    image: NDArray[np.uint8],
    t: float,
    skeleton: Skeleton,
    xy: NDArray[np.float64] | None,
    score: NDArray[np.float64] | None,
    result: AnalysisResult,
) -> None:
    """Draw everything on one frame (RGB, in place) at time ``t`` [s]."""
    size = 0.8 * _scale(image)
    line = int(34 * _scale(image))
    if xy is not None and score is not None:
        thigh = draw_skeleton(image, skeleton, xy, score, result.quality.side)
        if thigh is not None:
            draw_guide(image, *thigh)
            angle = thigh_angle_at(result, t)
            if np.isfinite(angle):
                label = f"thigh {angle:+.0f} deg"
                _text(image, label, (thigh[0][0] + 10, thigh[0][1] - 12), THIGH_RGB, size)
    _text(image, f"reps: {reps_counted(result.reps, t)}", (12, line), TEXT_RGB, size)
    for k, fault in enumerate(fitting_lines(faults_on_screen(result.reps, t), image, line)):
        _text(image, fault, (12, line * (k + 2)), FAULT_RGB, size)


def write_annotated_video(
    info: VideoInfo,
    track: KeypointTrack,
    result: AnalysisResult,
    path: Path,
    *,
    progress: ProgressCallback | None = None,
) -> int:
    """Write the annotated copy of the video to ``path`` (.mp4, complete or not at all);
    returns the number of frames written."""
    with AtomicVideoWriter(path, fps=info.fps, width=info.width, height=info.height) as writer:
        for frame in iter_frames(info):
            row = int(np.searchsorted(track.frame_index, frame.index, side="right")) - 1
            xy = score = None
            if row >= 0 and track.person_found[row]:
                xy, score = track.xy[row], track.score[row]
            image = np.ascontiguousarray(frame.rgb)
            annotate_frame(image, frame.t, track.skeleton, xy, score, result)
            writer.write_rgb(image)
            if progress is not None and (
                frame.index % 10 == 0 or frame.index == info.frame_count - 1
            ):
                progress(frame.index + 1, info.frame_count)
        writer.commit()
        return writer.frames_written
