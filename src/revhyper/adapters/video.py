"""Video files through OpenCV: probing, streaming decode and atomic encoding.

Frames are decoded one at a time (a generator), so memory does not grow with the video's
length. OpenCV's FFmpeg backend applies the rotation stored by phones
(``CAP_PROP_ORIENTATION_AUTO`` is on by default; we set it explicitly), so frames and the
reported size are already upright. Timestamps are the decoder's presentation times
(``CAP_PROP_POS_MSEC``), not ``index / fps``, so dropped or irregular frames keep their
real time.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from revhyper.adapters.files import commit_temp, temp_path_beside
from revhyper.domain.errors import InvalidInputError

#: Shortest video worth analysing [s] (one rep takes longer than this).
MIN_VIDEO_SECONDS = 1.0
#: Frames a decoder may come up short of the declared count before we call the file truncated.
TRUNCATION_TOLERANCE_FRAMES = 2
TRUNCATION_TOLERANCE_FRACTION = 0.02
#: The one codec OpenCV's bundled FFmpeg can always write (MPEG-4 Part 2 in an .mp4 file).
OUTPUT_FOURCC = "mp4v"


@dataclass(frozen=True)
class VideoInfo:
    """What a video file holds, as displayed (after applying rotation metadata).

    Attributes:
        path: the file.
        width, height: upright frame size [px].
        fps: nominal frame rate [1/s].
        frame_count: frames declared by the container.
        duration_s: frame_count / fps [s].
        rotation_deg: rotation the decoder applies to stored frames [deg], 0/90/180/270.
    """

    path: Path
    width: int
    height: int
    fps: float
    frame_count: int
    duration_s: float
    rotation_deg: int


@dataclass(frozen=True, eq=False)
class VideoFrame:
    """One decoded frame: its index in the file, its timestamp [s] and its RGB pixels."""

    index: int
    t: float
    rgb: NDArray[np.uint8]


@contextlib.contextmanager
def _native_stderr_silenced() -> Iterator[None]:
    """FFmpeg prints its own complaints (e.g. "moov atom not found") on file descriptor 2;
    we report problems ourselves in one clear line, so hide them while a file is opened."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _open_capture(path: Path, decoder_threads: int = 0) -> cv2.VideoCapture:
    """Open ``path`` with FFmpeg; ``decoder_threads`` 0 lets FFmpeg use every core."""
    parameters = [cv2.CAP_PROP_N_THREADS, decoder_threads] if decoder_threads else []
    with _native_stderr_silenced():
        capture = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG, parameters)
    if not capture.isOpened():
        capture.release()
        raise InvalidInputError(
            f"{path} is not a readable video: not a video file, or truncated or corrupt "
            "(use an MP4/MOV/MKV/WebM video as recorded)"
        )
    capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
    return capture


def _require_file(path: Path) -> None:
    if not path.exists():
        raise InvalidInputError(f"video {path} does not exist")
    if not path.is_file():
        raise InvalidInputError(f"video {path} is not a file")
    if path.stat().st_size == 0:
        raise InvalidInputError(f"video {path} is empty (0 bytes)")


def probe_video(
    path: Path,
    *,
    max_pixels: int | None = None,
    max_seconds: float | None = None,
) -> VideoInfo:
    """Read a video's size, rate and length, refusing what the analysis cannot take.

    Limits default to ``Settings.max_video_pixels`` [px] and ``Settings.max_video_seconds`` [s].
    Raises :class:`InvalidInputError` for a missing, empty, unreadable, too large, too long,
    too short or frameless file.
    """
    from revhyper.settings import get_settings  # here: worker processes start without it

    settings = get_settings()
    max_pixels = settings.max_video_pixels if max_pixels is None else max_pixels
    max_seconds = settings.max_video_seconds if max_seconds is None else max_seconds
    path = Path(path)
    _require_file(path)
    capture = _open_capture(path)
    try:
        info = _read_info(path, capture)
    finally:
        capture.release()
    _check_limits(info, max_pixels=max_pixels, max_seconds=max_seconds)
    return info


def _read_info(path: Path, capture: cv2.VideoCapture) -> VideoInfo:
    width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
    height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
    fps = float(capture.get(cv2.CAP_PROP_FPS))
    declared = capture.get(cv2.CAP_PROP_FRAME_COUNT)
    rotation = int(capture.get(cv2.CAP_PROP_ORIENTATION_META)) % 360
    if width <= 0 or height <= 0:
        raise InvalidInputError(f"{path} has no video stream with a frame size")
    if not np.isfinite(fps) or fps <= 0 or fps > 1000:
        raise InvalidInputError(f"{path} has no usable frame rate (got {fps}); is it a video?")
    frame_count = int(declared) if np.isfinite(declared) and 0 < declared < 1e9 else -1
    if frame_count <= 0:
        raise InvalidInputError(
            f"{path} does not declare its frame count (a still image or a broken stream?); "
            "use a video recorded by a camera or phone"
        )
    return VideoInfo(
        path=path,
        width=width,
        height=height,
        fps=fps,
        frame_count=frame_count,
        duration_s=frame_count / fps,
        rotation_deg=rotation,
    )


def _check_limits(info: VideoInfo, *, max_pixels: int, max_seconds: float) -> None:
    if info.width * info.height > max_pixels:
        raise InvalidInputError(
            f"{info.path} is {info.width}x{info.height}; frames up to {max_pixels} pixels "
            "(1920x1080) are accepted — record in 1080p or 720p, not 4K"
        )
    if info.duration_s > max_seconds:
        raise InvalidInputError(
            f"{info.path} lasts {info.duration_s:.0f} s; videos up to {max_seconds:.0f} s are "
            "accepted — trim it to the set"
        )
    if info.duration_s < MIN_VIDEO_SECONDS or info.frame_count < 2:
        raise InvalidInputError(
            f"{info.path} lasts {info.duration_s:.2f} s ({info.frame_count} frames); a set needs "
            f"at least {MIN_VIDEO_SECONDS:.0f} s of video"
        )


def iter_frames(
    info: VideoInfo,
    *,
    start_index: int = 0,
    stop_index: int | None = None,
    stride: int = 1,
    check_truncation: bool = True,
    decoder_threads: int = 0,
) -> Iterator[VideoFrame]:
    """Decode frames ``start_index, start_index + stride, ...`` below ``stop_index``, one by one.

    Frames skipped by the stride are grabbed but not converted. When the stream ends well
    before the declared frame count, :class:`InvalidInputError` reports a truncated file
    (``check_truncation``). Timestamps [s] come from the decoder. ``decoder_threads``: 0 lets
    FFmpeg use every core; 1 suits a process that shares the machine with others.
    """
    if stride < 1:
        raise InvalidInputError(f"stride must be a whole number >= 1, got {stride}")
    stop = info.frame_count if stop_index is None else min(stop_index, info.frame_count)
    capture = _open_capture(info.path, decoder_threads)
    try:
        if start_index > 0:
            capture.set(cv2.CAP_PROP_POS_FRAMES, start_index)
        yield from _decode_range(info, capture, start_index, stop, stride, check_truncation)
    finally:
        capture.release()


def _decode_range(
    info: VideoInfo,
    capture: cv2.VideoCapture,
    start: int,
    stop: int,
    stride: int,
    check_truncation: bool,
) -> Iterator[VideoFrame]:
    previous_t = -np.inf
    for index in range(start, stop):
        wanted = (index - start) % stride == 0
        if not capture.grab():
            if check_truncation:
                _raise_if_truncated(info, index)
            return
        if not wanted:
            continue
        ok, bgr = capture.retrieve()
        if not ok or bgr is None:
            if check_truncation:
                _raise_if_truncated(info, index)
            return
        t = capture.get(cv2.CAP_PROP_POS_MSEC) / 1000.0
        if not np.isfinite(t) or t <= previous_t:
            t = max(index / info.fps, previous_t + 1e-6)
        previous_t = t
        rgb = np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)
        yield VideoFrame(index=index, t=t, rgb=rgb)


def _raise_if_truncated(info: VideoInfo, decoded_up_to: int) -> None:
    missing = info.frame_count - decoded_up_to
    tolerance = max(TRUNCATION_TOLERANCE_FRAMES, TRUNCATION_TOLERANCE_FRACTION * info.frame_count)
    if missing > tolerance:
        raise InvalidInputError(
            f"{info.path} is truncated or corrupt: decoding stopped at frame {decoded_up_to} "
            f"of the {info.frame_count} it declares"
        )


def check_writable(path: Path) -> None:
    """Fail now, not after a long run, if ``path`` cannot be written (directory missing or
    read-only, or the path is a directory). Writes and removes a probe file next to it."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInputError(f"output {path} is a directory; give a file name")
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InvalidInputError(f"cannot write {path}: directory {directory} does not exist")
    try:
        handle, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=directory)
    except OSError as error:
        raise InvalidInputError(f"cannot write {path}: {error.strerror or error}") from None
    os.close(handle)
    os.unlink(probe)


class AtomicVideoWriter:
    """Writes an .mp4 to a temporary file and moves it into place only on :meth:`commit`.

    Use as a context manager: leaving the block without committing (an error) deletes the
    temporary file, so no half-written video is left behind.
    """

    def __init__(self, path: Path, *, fps: float, width: int, height: int) -> None:
        self.path = Path(path)
        self.width, self.height = width, height
        self._temp = temp_path_beside(self.path)
        fourcc = cv2.VideoWriter.fourcc(*OUTPUT_FOURCC)
        self._writer = cv2.VideoWriter(str(self._temp), fourcc, fps, (width, height))
        self.frames_written = 0
        if not self._writer.isOpened():
            self._discard()
            raise InvalidInputError(f"cannot encode video {self.path} (OpenCV writer failed)")

    def write_rgb(self, rgb: NDArray[np.uint8]) -> None:
        """Append one RGB frame of the writer's size."""
        self._writer.write(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
        self.frames_written += 1

    def commit(self) -> None:
        """Finish the file and move it to its final name."""
        self._writer.release()
        commit_temp(self._temp, self.path)

    def _discard(self) -> None:
        self._writer.release()
        with contextlib.suppress(FileNotFoundError):
            self._temp.unlink()

    def __enter__(self) -> AtomicVideoWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._temp.exists():  # not committed: an error happened
            self._discard()
