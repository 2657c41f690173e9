"""Video files through PyAV (FFmpeg): probing, streaming decode and atomic encoding.

Frames are decoded one at a time (a generator), so memory does not grow with the video's
length. Phones store portrait videos sideways with a display-rotation tag; frames and the
reported size are turned upright here. Timestamps are the frames' presentation times, not
``index / fps``, so dropped or irregular frames keep their real time.

Phone files are read as players show them. The probe lists the presentation timestamps of
the frames the file *presents* from its packets (no decoding): an edit list (an iPhone
trim) hides stored frames, variable frame rate spaces them unevenly, and a non-integer rate
(29.97) makes ``time x rate`` land between whole numbers. A frame's index is its position in
that list, so every decoder that seeks into the file numbers the frames the same way and no
presented frame is lost or counted twice. A file whose sample table lists more frames than
its data holds is refused as truncated at the probe, before any analysis.

Decoded YUV 4:2:0 frames go to RGB in one OpenCV conversion (OpenCV's own decoder makes two:
to BGR, then to RGB). Annotated videos are written as H.264 (libx264, bundled in PyAV's
wheels), which browsers and phones play.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Final

import av
import cv2
import numpy as np
from av.container import InputContainer
from av.video.frame import VideoFrame as DecodedFrame
from av.video.stream import VideoStream
from numpy.typing import NDArray

from revhyper.adapters.files import commit_temp, temp_path_beside
from revhyper.domain.errors import InvalidInputError, NotFoundError

#: Shortest video worth analysing [s] (one rep takes longer than this).
MIN_VIDEO_SECONDS = 1.0
#: Frames a decoder may come up short of the declared count before we call the file truncated.
TRUNCATION_TOLERANCE_FRAMES = 2
TRUNCATION_TOLERANCE_FRACTION = 0.02
#: Frames before the wanted one that a seek aims at: covers the largest reordering delay
#: (decode order ahead of display order) of H.264 and HEVC, 16 frames.
SEEK_MARGIN_FRAMES = 16
#: Encoder settings for annotated videos: H.264 in 4:2:0 (what every player decodes), constant
#: quality 20 (visually clean for drawn lines and text), and x264's "veryfast" speed preset.
OUTPUT_CODEC: Final = "libx264"
OUTPUT_OPTIONS = {"crf": "20", "preset": "veryfast"}
#: Output containers the writer accepts (by file suffix).
OUTPUT_SUFFIXES = (".mp4", ".mov", ".mkv")
#: Clockwise display rotation [deg] -> OpenCV rotation code.
_ROTATE_CODES = {
    90: cv2.ROTATE_90_CLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_COUNTERCLOCKWISE,
}


@dataclass(frozen=True)
class VideoInfo:
    """What a video file holds, as displayed (after applying rotation metadata).

    Attributes:
        path: the file.
        width, height: upright frame size [px].
        fps: nominal frame rate [1/s].
        frame_count: frames the file presents (those an edit list hides are not counted),
            read from its packets.
        duration_s: frame_count / fps [s].
        rotation_deg: clockwise rotation applied to stored frames to show them upright [deg],
            0/90/180/270.
        frame_pts: presentation timestamps of the presented frames, ascending, in units of
            ``time_base`` (empty: index frames by time x rate).
        time_base: the stream's time unit [s].
    """

    path: Path
    width: int
    height: int
    fps: float
    frame_count: int
    duration_s: float
    rotation_deg: int
    frame_pts: tuple[int, ...] = ()
    time_base: Fraction | None = None


@dataclass(frozen=True, eq=False)
class VideoFrame:
    """One decoded frame: its index in the file, its timestamp [s] and its RGB pixels."""

    index: int
    t: float
    rgb: NDArray[np.uint8]


def _unreadable(path: Path) -> InvalidInputError:
    return InvalidInputError(
        f"{path} is not a readable video: not a video file, or truncated or corrupt "
        "(use an MP4/MOV/MKV/WebM video as recorded)"
    )


def _open_input(path: Path, decoder_threads: int = 0) -> InputContainer:
    """Open ``path`` for decoding its first video stream; ``decoder_threads`` 0 lets FFmpeg
    use every core."""
    try:
        container = av.open(str(path), mode="r")
    except (av.error.FFmpegError, UnicodeDecodeError):
        raise _unreadable(path) from None
    if not container.streams.video:
        container.close()
        raise InvalidInputError(f"{path} has no video stream (an audio file?)")
    context = container.streams.video[0].codec_context
    if decoder_threads != 1:
        context.thread_type = "AUTO"  # frame and slice threads
    context.thread_count = decoder_threads
    return container


def _require_file(path: Path) -> None:
    if not path.exists():
        raise NotFoundError(f"video {path} does not exist")
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
    container = _open_input(path, decoder_threads=1)  # one frame: threads would only cost memory
    try:
        info = _read_info(path, container)
    finally:
        container.close()
    _check_limits(info, max_pixels=max_pixels, max_seconds=max_seconds)
    return info


def _read_info(path: Path, container: InputContainer) -> VideoInfo:
    stream = container.streams.video[0]
    width, height = stream.codec_context.width, stream.codec_context.height
    rate = stream.average_rate or stream.guessed_rate
    fps = float(rate) if rate else 0.0
    if width <= 0 or height <= 0:
        raise InvalidInputError(f"{path} has no video stream with a frame size")
    declared = _declared_frames(stream, container, fps)
    presented, time_base = _presented_pts(path, declared)
    frame_count = len(presented) if presented else declared
    if frame_count <= 1:
        raise InvalidInputError(
            f"{path} holds {max(frame_count, 0)} frames (a still image or a broken stream?); "
            "use a video recorded by a camera or phone"
        )
    if not np.isfinite(fps) or fps <= 0 or fps > 1000:
        raise InvalidInputError(f"{path} has no usable frame rate (got {fps}); is it a video?")
    rotation = _first_frame_rotation(path, container)
    if rotation in (90, 270):
        width, height = height, width
    return VideoInfo(
        path=path,
        width=width,
        height=height,
        fps=fps,
        frame_count=frame_count,
        duration_s=frame_count / fps,
        rotation_deg=rotation,
        frame_pts=presented,
        time_base=time_base,
    )


def _declared_frames(stream: VideoStream, container: InputContainer, fps: float) -> int:
    """Frames the container says it presents: its sample table less the samples an edit list
    hides, else its stored count, else its duration times the rate (WebM stores no count)."""
    entries = stream.index_entries
    if stream.frames and len(entries) >= stream.frames:  # a full sample table (MP4/MOV)
        return sum(1 for entry in entries if not entry.is_discard)
    if stream.frames:
        return int(stream.frames)
    if stream.duration is not None and stream.time_base is not None:
        seconds = float(stream.duration * stream.time_base)
    elif container.duration is not None:
        seconds = container.duration / av.time_base
    else:
        return 0
    return round(seconds * fps)


def _presented_pts(path: Path, declared: int) -> tuple[tuple[int, ...], Fraction | None]:
    """Presentation timestamps of the frames the file presents, ascending, and their time base,
    read from its packets without decoding (packets an edit list hides are flagged *discard*).

    Raises :class:`InvalidInputError` when the data holds clearly fewer frames than
    ``declared`` (a file cut off while copying or recording).
    """
    container = _open_input(path, decoder_threads=1)
    try:
        stream = container.streams.video[0]
        stamps: set[int] = set()
        try:
            for packet in container.demux(stream):
                stamp = packet.pts if packet.pts is not None else packet.dts
                if packet.size and stamp is not None and not packet.is_discard:
                    stamps.add(int(stamp))
        except av.error.FFmpegError:
            raise _unreadable(path) from None
        time_base = stream.time_base
    finally:
        container.close()
    if declared - len(stamps) > _truncation_tolerance(declared):
        raise InvalidInputError(
            f"{path} is truncated or corrupt: it holds {len(stamps)} of the {declared} frames "
            "it declares (was it cut off while copying or recording?)"
        )
    if time_base is None:
        return (), None
    return tuple(sorted(stamps)), Fraction(time_base)


def _first_frame_rotation(path: Path, container: InputContainer) -> int:
    """Clockwise display rotation [deg] of the stream, read off its first decoded frame."""
    try:
        frame = next(container.decode(video=0), None)
    except av.error.FFmpegError:
        raise _unreadable(path) from None
    if frame is None:
        raise _unreadable(path)
    return round(-float(frame.rotation)) % 360  # FFmpeg gives it counter-clockwise


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

    Decoding starts at the key frame before ``start_index``. Frames skipped by the stride are
    decoded but not converted. When the stream ends well before the declared frame count,
    :class:`InvalidInputError` reports a truncated file (``check_truncation``). Timestamps [s]
    are presentation times from the stream's start. ``decoder_threads``: 0 lets FFmpeg use
    every core; 1 suits a process that shares the machine with others.
    """
    if stride < 1:
        raise InvalidInputError(f"stride must be a whole number >= 1, got {stride}")
    stop = info.frame_count if stop_index is None else min(stop_index, info.frame_count)
    container = _open_input(info.path, decoder_threads)
    try:
        stream = container.streams.video[0]
        index_of = _FrameIndex(info, stream)
        if start_index > 0:
            _seek_before(container, stream, index_of.seek_target(start_index))
        yield from _decode_range(info, container, stream, index_of, start_index, stop, stride,
                                 check_truncation)  # fmt: skip
    finally:
        container.close()


class _FrameIndex:
    """Numbers decoded frames by their position among the presented frames (by presentation
    time x rate where the probe listed none), and gives their time since the first [s]."""

    def __init__(self, info: VideoInfo, stream: VideoStream) -> None:
        self.fps = info.fps
        self.pts = np.asarray(info.frame_pts, dtype=np.int64)
        self.origin = int(self.pts[0]) if self.pts.size else (stream.start_time or 0)
        self.time_base = stream.time_base

    def seek_target(self, index: int) -> tuple[int, bool]:
        """A point to seek to before frame ``index``: (timestamp, in the stream's time base?).

        Containers seek by decoding time, which runs ahead of presentation time by the
        codec's reordering delay; starting :data:`SEEK_MARGIN_FRAMES` frames early keeps the
        key frame found at or before the wanted frame."""
        if index < self.pts.size:
            return int(self.pts[max(0, index - SEEK_MARGIN_FRAMES)]), self.time_base is not None
        seconds = (index - 0.5) / self.fps  # half a frame early, against rounding
        if self.time_base is None:
            return int(seconds * av.time_base), False
        return self.origin + int(seconds / self.time_base), True

    def __call__(self, frame: DecodedFrame, previous: int) -> tuple[int, float]:
        """(index, time [s]) of ``frame``; indices strictly increase."""
        t = _frame_time(frame, self.origin, (previous + 1) / self.fps)
        if self.pts.size and frame.pts is not None:
            position = int(np.searchsorted(self.pts, frame.pts))
            if position == self.pts.size or self.pts[position] != frame.pts:
                position = int(np.argmin(np.abs(self.pts - frame.pts)))  # not listed: nearest
            return max(position, previous + 1), t
        return max(round(t * self.fps), previous + 1), t


def _seek_before(container: InputContainer, stream: VideoStream, target: tuple[int, bool]) -> None:
    """Move to the key frame at or before ``target`` (timestamp, in the stream's time base?);
    where the file cannot seek, decoding starts from the beginning (frames before are skipped)."""
    timestamp, in_stream_units = target
    with contextlib.suppress(av.error.FFmpegError):
        if in_stream_units:
            container.seek(timestamp, stream=stream, backward=True)
        else:
            container.seek(timestamp, backward=True)


def _decode_range(
    info: VideoInfo,
    container: InputContainer,
    stream: VideoStream,
    index_of: _FrameIndex,
    start: int,
    stop: int,
    stride: int,
    check_truncation: bool,
) -> Iterator[VideoFrame]:
    index = -1
    try:
        for frame in container.decode(stream):
            index, t = index_of(frame, previous=index)
            if index >= stop:
                return
            if index < start or (index - start) % stride:
                continue
            yield VideoFrame(index=index, t=t, rgb=_upright_rgb(frame, info.rotation_deg))
    except av.error.FFmpegError:
        pass  # a corrupt packet ends the stream here; the truncation check decides below
    if check_truncation:
        _raise_if_truncated(info, max(index + 1, start))


def _frame_time(frame: DecodedFrame, origin: int, fallback: float) -> float:
    """The frame's presentation time since the stream's start [s] (``fallback`` if unknown)."""
    if frame.pts is None or frame.time_base is None:
        return fallback
    return float((frame.pts - origin) * frame.time_base)


def _upright_rgb(frame: DecodedFrame, rotation_deg: int) -> NDArray[np.uint8]:
    """The frame as upright RGB pixels (height, width, 3)."""
    if frame.format.name == "yuv420p" and frame.width % 2 == 0 and frame.height % 2 == 0:
        rgb = cv2.cvtColor(frame.to_ndarray(), cv2.COLOR_YUV2RGB_I420)
    else:  # other layouts (full-range, 4:2:2, odd sizes...) through FFmpeg's converter
        rgb = frame.to_ndarray(format="rgb24")
    if rotation_deg in _ROTATE_CODES:
        rgb = cv2.rotate(rgb, _ROTATE_CODES[rotation_deg])
    return np.asarray(rgb, dtype=np.uint8)


def _truncation_tolerance(frame_count: int) -> float:
    """Frames a stream may come up short of ``frame_count`` before it counts as truncated."""
    return max(TRUNCATION_TOLERANCE_FRAMES, TRUNCATION_TOLERANCE_FRACTION * frame_count)


def _raise_if_truncated(info: VideoInfo, decoded_up_to: int) -> None:
    missing = info.frame_count - decoded_up_to
    if missing > _truncation_tolerance(info.frame_count):
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
    """Writes an H.264 video to a temporary file and moves it into place only on
    :meth:`commit`.

    Use as a context manager: leaving the block without committing (an error) deletes the
    temporary file, so no half-written video is left behind. H.264 in 4:2:0 needs an even
    width and height: an odd last row or column is dropped.
    """

    def __init__(self, path: Path, *, fps: float, width: int, height: int) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() not in OUTPUT_SUFFIXES:
            raise InvalidInputError(
                f"cannot write video {self.path}: use a file name ending in "
                f"{', '.join(OUTPUT_SUFFIXES)}"
            )
        self.width, self.height = width - width % 2, height - height % 2
        self.frames_written = 0
        self._temp = temp_path_beside(self.path)
        try:
            self._container = av.open(str(self._temp), mode="w")
            rate = Fraction(fps).limit_denominator(1001)
            self._stream = self._container.add_stream(OUTPUT_CODEC, rate=rate)
            self._stream.width, self._stream.height = self.width, self.height
            self._stream.pix_fmt = "yuv420p"
            self._stream.codec_context.time_base = 1 / rate
            self._stream.options = dict(OUTPUT_OPTIONS)
        except (av.error.FFmpegError, ValueError) as error:
            with contextlib.suppress(FileNotFoundError):
                self._temp.unlink()
            raise InvalidInputError(f"cannot encode video {self.path}: {error}") from None

    def write_rgb(self, rgb: NDArray[np.uint8]) -> None:
        """Append one RGB frame of the writer's size (an odd last row or column is dropped)."""
        frame = av.VideoFrame.from_ndarray(
            np.ascontiguousarray(rgb[: self.height, : self.width]), format="rgb24"
        )
        frame.pts = self.frames_written
        self._container.mux(self._stream.encode(frame))
        self.frames_written += 1

    def commit(self) -> None:
        """Finish the file and move it to its final name."""
        self._container.mux(self._stream.encode(None))
        self._container.close()
        commit_temp(self._temp, self.path)

    def _discard(self) -> None:
        with contextlib.suppress(av.error.FFmpegError):
            self._container.close()
        with contextlib.suppress(FileNotFoundError):
            self._temp.unlink()

    def __enter__(self) -> AtomicVideoWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if self._temp.exists():  # not committed: an error happened
            self._discard()
