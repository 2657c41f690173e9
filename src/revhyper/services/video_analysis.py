"""Use case: a side-view video of a set in, the form analysis (and optional files) out.

Steps: check the options and every output path (before the long run), probe the video
(refusing what cannot be analysed), run the pose backend over it on every core
(:mod:`revhyper.adapters.pose.parallel`), refuse clips showing two people, analyse the
keypoints (:func:`revhyper.domain.motion.analyze_clip`), refuse clips the analysis finds
unusable (no person, not side-on, too little tracked, not a reverse hyper), then write the
requested files. A refusal (:class:`VideoRefusedError`) carries the analysis document saying
why, so ``--json`` can print it. Every
file is first written beside its destination under a temporary name and all are moved into
place only when all are complete, so an error leaves no output behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from revhyper.adapters.files import staged_paths
from revhyper.adapters.keypoint_file import write_keypoints
from revhyper.adapters.pose.parallel import KeypointTrack, estimate_keypoints
from revhyper.adapters.video import (
    VideoInfo,
    check_writable,
    probe_video,
)
from revhyper.domain.errors import ClipUnusableError, InvalidInputError
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.form_result import AnalysisResult, ClipQuality, Prescription
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.settings import get_settings

#: Refuse as "two people in view" when at least this fraction of the checked frames showed a
#: second person, and at least :data:`MIN_PERSON_CHECKS` frames were checked.
SECOND_PERSON_FRACTION = 0.5
MIN_PERSON_CHECKS = 3
#: How to film so the analysis can work (added to refusals that do not already say it).
FILMING_HINT = "film from the side, whole body in frame, camera level at hip height"
#: Largest stride accepted (every K-th frame) [-].
MAX_STRIDE = 10


class VideoRefusedError(ClipUnusableError):
    """The video cannot be analysed; ``result`` is the analysis document (``analysable`` false,
    the reasons in its warnings)."""

    def __init__(self, message: str, result: AnalysisResult) -> None:
        super().__init__(message)
        self.result = result


StageProgress = Callable[[str, int, int], None]
"""Called with (stage name, items done, items in total); stages: "pose", "annotate"."""


@dataclass(frozen=True)
class VideoOutputs:
    """Files to write besides the result (each optional)."""

    keypoints: Path | None = None
    annotated_video: Path | None = None
    report: Path | None = None

    def paths(self) -> list[Path]:
        return [p for p in (self.keypoints, self.annotated_video, self.report) if p is not None]


def analyze_video(
    path: Path,
    *,
    prescription: Prescription | None = None,
    stride: int = 1,
    keypoints_out: Path | None = None,
    annotate: Path | None = None,
    report: Path | None = None,
    progress: StageProgress | None = None,
    backend: str | None = None,
    workers: int | None = None,
) -> AnalysisResult:
    """Analyse the set filmed in ``path`` and write the requested outputs.

    Args:
        stride: analyse every ``stride``-th frame (1 = all) [-].
        keypoints_out: save the keypoints as ``revhyper-keypoints/1`` (``.gz`` compresses).
        annotate: write the video with skeleton, thigh angle, rep counter and faults (.mp4).
        report: write a self-contained HTML report.
        progress: stage progress callback (see :data:`StageProgress`).
        backend: pose backend name (default ``Settings.pose_backend``).
        workers: processes for pose estimation (default: every usable core).

    Raises:
        InvalidInputError: bad option, unusable output path, or a video that is not readable,
            truncated, too large or too long.
        VideoRefusedError: the video shows no person, two people, not a side view, or not a
            reverse hyperextension (a :class:`ClipUnusableError` carrying the result).
    """
    path = Path(path)
    outputs = VideoOutputs(keypoints_out, annotate, report)
    check_options(path, stride, outputs)
    info = probe_video(path)
    backend_name = get_settings().pose_backend if backend is None else backend
    track = estimate_keypoints(
        info,
        backend_name,
        stride=stride,
        workers=workers,
        progress=None if progress is None else lambda done, total: progress("pose", done, total),
    )
    refuse_two_people(track)
    clip = clip_from_track(info, track, stride)
    result = analyze_clip(clip, prescription)
    refuse_unusable(result)
    write_outputs(info, clip, track, result, outputs, progress)
    return result


def check_options(video: Path, stride: int, outputs: VideoOutputs) -> None:
    """Refuse bad options and unwritable outputs before any long work."""
    if not 1 <= stride <= MAX_STRIDE:
        raise InvalidInputError(f"--stride must be between 1 and {MAX_STRIDE}, got {stride}")
    suffixes = (
        (outputs.annotated_video, (".mp4",)),
        (outputs.report, (".html", ".htm")),
        (outputs.keypoints, (".json", ".gz")),
    )
    for out, allowed in suffixes:
        if out is not None and out.suffix.lower() not in allowed:
            raise InvalidInputError(f"output {out} must end in {' or '.join(allowed)}")
    seen: set[Path] = set()
    for out in outputs.paths():
        resolved = out.resolve()
        if video.exists() and resolved == video.resolve():
            raise InvalidInputError(f"output {out} would overwrite the input video")
        if resolved in seen:
            raise InvalidInputError(f"output {out} is given twice")
        seen.add(resolved)
        check_writable(out)


def refuse_two_people(track: KeypointTrack) -> None:
    """Refuse when the second-person check fired on most of the frames it ran on."""
    checks, hits = track.person_checks, track.second_person_hits
    if checks >= MIN_PERSON_CHECKS and hits >= SECOND_PERSON_FRACTION * checks:
        reason = (
            f"two people in view: a second person was seen in {hits} of {checks} checked "
            "frames; film the athlete alone (others out of the frame)"
        )
        found = float(track.person_found.mean()) if track.person_found.size else 0.0
        quality = ClipQuality(found, "none", (reason,), analysable=False)
        raise VideoRefusedError(reason, AnalysisResult(reps=(), faults=(), quality=quality))


def clip_from_track(info: VideoInfo, track: KeypointTrack, stride: int) -> KeypointClip:
    """The keypoint clip of the analysed frames (nominal rate = video rate / stride)."""
    return KeypointClip(
        skeleton=track.skeleton,
        fps=info.fps / stride,
        width=info.width,
        height=info.height,
        t=track.t,
        xy=track.xy,
        score=track.score,
    )


def refuse_unusable(result: AnalysisResult) -> None:
    """Turn the analysis's clip-level verdict (no person, not side-on...) into a refusal."""
    if not result.quality.analysable:
        reason = "; ".join(result.quality.warnings) or "the clip cannot be analysed"
        if "film" not in reason:
            reason += f" — {FILMING_HINT}"
        raise VideoRefusedError(reason, result)


def write_outputs(
    info: VideoInfo,
    clip: KeypointClip,
    track: KeypointTrack,
    result: AnalysisResult,
    outputs: VideoOutputs,
    progress: StageProgress | None,
) -> None:
    """Write every requested file, all or nothing."""
    if not outputs.paths():
        return
    with staged_paths(outputs.paths()) as temps:
        if outputs.keypoints is not None:
            write_keypoints(clip, temps[outputs.keypoints])
        if outputs.annotated_video is not None:
            from revhyper.adapters.annotate import write_annotated_video

            write_annotated_video(
                info,
                track,
                result,
                temps[outputs.annotated_video],
                progress=None if progress is None else lambda d, t: progress("annotate", d, t),
            )
        if outputs.report is not None:
            from revhyper.adapters.report_html import write_report

            write_report(info, track, result, temps[outputs.report])
