"""Read and write keypoint clip files (``revhyper-keypoints/1``, plain or gzip-compressed).

The format is described in ``shared/contracts/keypoints.md``. An hour of 60 fps BlazePose
keypoints is about 216,000 frames and half a gigabyte of JSON, so reading never turns the
whole file into Python objects at once:

1. The file is memory-mapped (or, when gzip-compressed, decompressed into one buffer).
2. NumPy finds the frame objects inside the ``frames`` array (their ``{``/``}`` positions).
3. Frames are parsed by ``orjson`` a few thousand at a time; ``null`` joints are replaced in
   the chunk's text by a sentinel triple first, so each chunk converts to a dense array with
   a single ``numpy.array`` call.
4. A chunk that does not fit that plain shape (extra string fields, ``NaN`` tokens, a wrong
   joint count, ...) is parsed again frame by frame with the standard ``json`` module, which
   finds and names the first problem. A file whose layout the fast scan cannot follow is
   parsed whole, with the same per-frame checks, so the result never depends on the path taken.

Decisions on bad input (all raise :class:`InvalidInputError` with a one-line message):
``NaN``/``Infinity`` coordinates are *rejected*, naming the frame and joint — the contract
marks an undetected joint with ``null``, so a non-finite number means the producer is broken
and silently treating it as missing would hide that. A missing file raises
:class:`NotFoundError`. A clip with no frames is refused; a one-frame clip loads (the analysis
then reports that it cannot be analysed).

Writing streams one frame per line to a temporary file in the target directory and moves it
into place with :func:`os.replace`, so a failed write never leaves a half-written clip.
Coordinates are rounded to 0.01 px and scores to 0.001.
"""

from __future__ import annotations

import gzip
import json
import math
import mmap
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from numpy.typing import NDArray

from revhyper.adapters.files import atomic_open
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.motion.keypoints import JOINT_NAMES, KEYPOINTS_FORMAT, KeypointClip, Skeleton

#: Frames parsed per orjson call: big enough to amortise call overhead, small enough that the
#: chunk's Python objects stay a few megabytes.
FRAMES_PER_CHUNK = 2048
#: Bytes scanned per NumPy pass when locating frame objects (bounds the scan's memory).
SCAN_WINDOW_BYTES = 1 << 22
#: Stands in for the score of a ``null`` joint during fast parsing; no valid score equals it.
_MISSING_SENTINEL = -8.25e307
_NULL_REPLACEMENT = b"[0,0,-8.25e307]"
_NULL_FLAT = b"0,0,-8.25e307"
_MISSING_POINT_JSON = b"[null,null,null]"
_NUMBER_CHARACTERS = b"0123456789.-+eE"
_GZIP_MAGIC = b"\x1f\x8b"
_WHITESPACE = b" \t\r\n"
_OPEN_BRACE, _CLOSE_BRACE = ord("{"), ord("}")
_COORD_DECIMALS = 2
_SCORE_DECIMALS = 3

ALLOWED_SKELETONS = ", ".join(s.value for s in Skeleton)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read_keypoints(path: str | Path) -> KeypointClip:
    """Load a ``revhyper-keypoints/1`` file (``.kp.json`` or gzip-compressed ``.kp.json.gz``).

    Raises:
        NotFoundError: the file does not exist.
        InvalidInputError: the file is not a valid keypoint clip (the message says why and,
            for frame-level problems, which frame).
    """
    path = Path(path)
    if not path.exists():
        raise NotFoundError(f"keypoint file not found: {path}")
    if not path.is_file():
        raise InvalidInputError(f"keypoint path is not a file: {path}")
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            raise InvalidInputError(f"{path} is empty; expected a {KEYPOINTS_FORMAT} JSON file")
        magic = handle.read(2)
        handle.seek(0)
        if magic == _GZIP_MAGIC:
            try:
                data: bytes | mmap.mmap = gzip.decompress(handle.read())
            except (OSError, EOFError) as error:
                raise InvalidInputError(f"{path} is not a readable gzip file: {error}") from None
            return parse_keypoints(data, source=str(path))
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return parse_keypoints(mapped, source=str(path))


def parse_keypoints(data: bytes | mmap.mmap, source: str = "keypoint data") -> KeypointClip:
    """Build a clip from the bytes of a ``revhyper-keypoints/1`` document."""
    layout = _locate_frames(data)
    if layout is None:
        return _parse_whole(data, source)
    frames_start, frames_end, opens, closes = layout
    header_bytes = bytes(data[: frames_start + 1]) + bytes(data[frames_end:])
    header = _load_json(header_bytes, source, byte_offset=None)
    if not isinstance(header, dict) or header.get("frames") != []:
        return _parse_whole(data, source)
    skeleton, fps, width, height = _validate_header(header, source)
    n_joints = len(JOINT_NAMES[skeleton])
    if not _separators_are_commas(data, opens, closes, frames_end):
        return _parse_whole(data, source)
    n_frames = len(opens)
    t = np.empty(n_frames)
    xy = np.empty((n_frames, n_joints, 2))
    score = np.empty((n_frames, n_joints))
    for first in range(0, n_frames, FRAMES_PER_CHUNK):
        last = min(first + FRAMES_PER_CHUNK, n_frames)
        frames_text = bytes(data[opens[first] : closes[last - 1] + 1])
        window = slice(first, last)
        if _convert_canonical_chunk(frames_text, n_joints, t[window], xy[window], score[window]):
            continue
        chunk = b"[" + frames_text + b"]"
        if not _convert_plain_chunk(chunk, n_joints, t[window], xy[window], score[window]):
            frames = _load_json(chunk, source, byte_offset=int(opens[first]) - 1)
            _convert_frames_checked(
                frames, first, JOINT_NAMES[skeleton], t[window], xy[window], score[window]
            )
    return _finish_clip(skeleton, fps, width, height, t, xy, score)


def _locate_frames(
    data: bytes | mmap.mmap,
) -> tuple[int, int, NDArray[np.int64], NDArray[np.int64]] | None:
    """Find the ``frames`` array and its frame objects, or ``None`` if the layout is unusual.

    Returns ``(position of '[', position of ']', positions of each frame's '{' and '}')``.
    The fast path assumes frame objects contain no nested objects and the document's only
    other brace pair is the outer object; anything else is left to the whole-document parse.
    """
    key = data.find(b'"frames"')
    if key < 0:
        return None
    colon = _skip_whitespace(data, key + len(b'"frames"'))
    if data[colon : colon + 1] != b":":
        return None
    frames_start = _skip_whitespace(data, colon + 1)
    if data[frames_start : frames_start + 1] != b"[":
        return None
    opens, closes = _brace_positions(data, frames_start + 1)
    if len(closes) != len(opens) + 1:
        return None
    frame_closes = closes[:-1]
    if len(opens) and not (np.all(opens < frame_closes) and np.all(frame_closes[:-1] < opens[1:])):
        return None
    after_frames = int(frame_closes[-1]) + 1 if len(opens) else frames_start + 1
    frames_end = _skip_whitespace(data, after_frames)
    if data[frames_end : frames_end + 1] != b"]" or frames_end > closes[-1]:
        return None
    return frames_start, frames_end, opens, frame_closes


def _brace_positions(
    data: bytes | mmap.mmap, start: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Positions of every ``{`` and ``}`` at or after ``start``, scanned window by window."""
    buffer = np.frombuffer(data, dtype=np.uint8)
    opens: list[NDArray[np.int64]] = []
    closes: list[NDArray[np.int64]] = []
    for begin in range(start, len(buffer), SCAN_WINDOW_BYTES):
        window = buffer[begin : begin + SCAN_WINDOW_BYTES]
        opens.append(np.flatnonzero(window == _OPEN_BRACE) + begin)
        closes.append(np.flatnonzero(window == _CLOSE_BRACE) + begin)
    empty = np.empty(0, dtype=np.int64)
    return (
        np.concatenate(opens) if opens else empty,
        np.concatenate(closes) if closes else empty,
    )


def _skip_whitespace(data: bytes | mmap.mmap, position: int) -> int:
    while position < len(data) and data[position : position + 1] in (b" ", b"\t", b"\r", b"\n"):
        position += 1
    return position


def _separators_are_commas(
    data: bytes | mmap.mmap,
    opens: NDArray[np.int64],
    closes: NDArray[np.int64],
    frames_end: int,
) -> bool:
    """Whether the text between chunks is just ``,`` (chunks check their own inside)."""
    for first in range(FRAMES_PER_CHUNK, len(opens), FRAMES_PER_CHUNK):
        gap = bytes(data[int(closes[first - 1]) + 1 : int(opens[first])])
        if gap.strip(_WHITESPACE) != b",":
            return False
    return True


def _canonical_frame_layout(n_joints: int) -> bytes:
    """A frame's text with every number removed, as this module writes it."""
    return b'{"t":,"points":[' + b",".join([b"[,,]"] * n_joints) + b"]}"


def _convert_canonical_chunk(
    frames_text: bytes,
    n_joints: int,
    t_out: NDArray[np.float64],
    xy_out: NDArray[np.float64],
    score_out: NDArray[np.float64],
) -> bool:
    """Fastest path, for frames holding just ``t`` then ``points`` (as written here or by
    ``json.dumps``, with any whitespace).

    With the numbers and whitespace removed, the text must be exactly the canonical layout
    repeated; then dropping keys and brackets leaves one flat comma-separated list of numbers,
    which orjson parses (strictly, whitespace kept, so ``1 2`` is still an error) into plain
    floats without building per-joint lists.
    """
    n_frames = len(t_out)
    layout = frames_text.translate(None, _NUMBER_CHARACTERS + _WHITESPACE).replace(b"null", b"[,,]")
    if layout != b",".join([_canonical_frame_layout(n_joints)] * n_frames):
        return False
    # Whitespace could hide inside a key ("po ints"); the exact keys must all be there.
    if frames_text.count(b'"t"') != n_frames or frames_text.count(b'"points"') != n_frames:
        return False
    # The layout check proved the only letters are the keys' and null's, so deleting key
    # characters and brackets leaves "t, x, y, score, x, y, score, ..." per frame.
    flat = frames_text.replace(b"null", _NULL_FLAT).translate(None, b'"tpoins:[]{}')
    try:
        numbers = orjson.loads(b"[" + flat + b"]")
        values = np.fromiter(numbers, dtype=np.float64, count=len(numbers))
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return False
    if values.shape != (n_frames * (1 + 3 * n_joints),):
        return False
    rows = values.reshape(n_frames, 1 + 3 * n_joints)
    return _store_checked_arrays(
        rows[:, 0], rows[:, 1:].reshape(n_frames, n_joints, 3), t_out, xy_out, score_out
    )


def _convert_plain_chunk(
    chunk: bytes,
    n_joints: int,
    t_out: NDArray[np.float64],
    xy_out: NDArray[np.float64],
    score_out: NDArray[np.float64],
) -> bool:
    """Fill the outputs from a chunk holding only ``t`` and ``points``; ``False`` if it doesn't.

    Strings and booleans would be silently coerced by ``numpy.array``, so a chunk with any
    string besides the two keys per frame, or with ``true``/``false``, is not "plain".
    """
    n_frames = len(t_out)
    if chunk.count(b'"') != 4 * n_frames or b"true" in chunk or b"false" in chunk:
        return False
    try:
        frames = orjson.loads(chunk.replace(b"null", _NULL_REPLACEMENT))
        times = np.array([frame["t"] for frame in frames], dtype=np.float64)
        points = np.array([frame["points"] for frame in frames], dtype=np.float64)
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
        return False
    if times.shape != (n_frames,) or points.shape != (n_frames, n_joints, 3):
        return False
    return _store_checked_arrays(times, points, t_out, xy_out, score_out)


def _store_checked_arrays(
    times: NDArray[np.float64],
    points: NDArray[np.float64],
    t_out: NDArray[np.float64],
    xy_out: NDArray[np.float64],
    score_out: NDArray[np.float64],
) -> bool:
    """Copy parsed values out if all are finite with scores in [0, 1]; ``False`` otherwise.

    Minimum and maximum propagate NaN and reach infinities, so two reductions check
    finiteness without a temporary mask.
    """
    if times.size == 0:
        return True
    for values in (times, points):
        if not (math.isfinite(values.min()) and math.isfinite(values.max())):
            return False
    t_out[:] = times
    xy_out[:] = points[:, :, :2]
    score_out[:] = points[:, :, 2]
    missing = score_out == _MISSING_SENTINEL
    np.copyto(xy_out, np.nan, where=missing[:, :, None])
    np.copyto(score_out, 0.0, where=missing)
    return bool(score_out.min() >= 0.0 and score_out.max() <= 1.0)


def _parse_whole(data: bytes | mmap.mmap, source: str) -> KeypointClip:
    """The general path: one parse of the whole document, then frame-by-frame checks."""
    document = _load_json(bytes(data), source, byte_offset=0)
    if not isinstance(document, dict):
        raise InvalidInputError(
            f"{source}: expected a JSON object with format {KEYPOINTS_FORMAT!r}, "
            f"got a JSON {type(document).__name__}"
        )
    skeleton, fps, width, height = _validate_header(document, source)
    frames = document.get("frames")
    if not isinstance(frames, list):
        raise InvalidInputError(f"{source}: 'frames' must be a list of frame objects")
    n_joints = len(JOINT_NAMES[skeleton])
    n_frames = len(frames)
    t = np.empty(n_frames)
    xy = np.empty((n_frames, n_joints, 2))
    score = np.empty((n_frames, n_joints))
    _convert_frames_checked(frames, 0, JOINT_NAMES[skeleton], t, xy, score)
    return _finish_clip(skeleton, fps, width, height, t, xy, score)


def _load_json(text: bytes, source: str, byte_offset: int | None) -> Any:
    """Parse JSON; ``NaN``/``Infinity`` tokens are let through so the frame check can name them."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        where = ""
        if isinstance(error, json.JSONDecodeError) and byte_offset is not None:
            where = f" near byte {byte_offset + error.pos}"
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "not UTF-8 text"
        raise InvalidInputError(
            f"{source} is not valid JSON ({reason}{where}); expected a {KEYPOINTS_FORMAT} document"
        ) from None


def _validate_header(document: dict[str, Any], source: str) -> tuple[Skeleton, float, int, int]:
    """Check format, skeleton, fps and image size; return them typed."""
    found_format = document.get("format")
    if found_format != KEYPOINTS_FORMAT:
        raise InvalidInputError(
            f"{source}: format is {found_format!r}; only {KEYPOINTS_FORMAT!r} is supported"
        )
    skeleton_name: Any = document.get("skeleton")
    try:
        skeleton = Skeleton(skeleton_name)
    except ValueError:
        raise InvalidInputError(
            f"{source}: skeleton is {skeleton_name!r}; allowed: {ALLOWED_SKELETONS}"
        ) from None
    fps: Any = document.get("fps")
    if not _is_number(fps) or not math.isfinite(fps) or fps <= 0:
        raise InvalidInputError(f"{source}: fps must be a positive number, got {fps!r}")
    width: Any = document.get("width")
    height: Any = document.get("height")
    for name, value in (("width", width), ("height", height)):
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise InvalidInputError(
                f"{source}: {name} must be a positive whole number of pixels, got {value!r}"
            )
    return skeleton, float(fps), int(width), int(height)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _convert_frames_checked(
    frames: Sequence[Any],
    first_index: int,
    joint_names: tuple[str, ...],
    t_out: NDArray[np.float64],
    xy_out: NDArray[np.float64],
    score_out: NDArray[np.float64],
) -> None:
    """Fill the outputs frame by frame, raising on the first invalid value.

    Frames are numbered from 0 in messages, with their timestamp once it is known.
    """
    n_joints = len(joint_names)
    for offset, frame in enumerate(frames):
        index = first_index + offset
        if not isinstance(frame, dict):
            raise InvalidInputError(f"frame {index} must be an object with 't' and 'points'")
        time: Any = frame.get("t")
        if not _is_number(time) or not math.isfinite(time):
            raise InvalidInputError(f"frame {index}: 't' must be a finite number, got {time!r}")
        t_out[offset] = time
        where = f"frame {index} (t={time:g} s)"
        points = frame.get("points")
        if not isinstance(points, list):
            raise InvalidInputError(f"{where}: 'points' must be a list of joints")
        if len(points) != n_joints:
            raise InvalidInputError(
                f"{where} has {len(points)} joints; this skeleton needs {n_joints}"
            )
        for joint, point in enumerate(points):
            xy_out[offset, joint], score_out[offset, joint] = _checked_point(
                point, f"{where}, joint {joint} ({joint_names[joint]})"
            )


def _checked_point(point: Any, where: str) -> tuple[tuple[float, float], float]:
    if point is None:
        return (math.nan, math.nan), 0.0
    if not isinstance(point, list) or len(point) != 3 or not all(map(_is_number, point)):
        raise InvalidInputError(f"{where}: expected [x, y, score] numbers or null, got {point!r}")
    x, y, point_score = (float(v) for v in point)
    if not (math.isfinite(x) and math.isfinite(y) and math.isfinite(point_score)):
        raise InvalidInputError(
            f"{where}: coordinates must be finite numbers, got {point!r} "
            "(use null for a joint that was not detected)"
        )
    if not 0.0 <= point_score <= 1.0:
        raise InvalidInputError(f"{where}: score {point_score} is outside [0, 1]")
    return (x, y), point_score


def _finish_clip(
    skeleton: Skeleton,
    fps: float,
    width: int,
    height: int,
    t: NDArray[np.float64],
    xy: NDArray[np.float64],
    score: NDArray[np.float64],
) -> KeypointClip:
    if len(t) == 0:
        raise InvalidInputError("the clip has no frames; at least one frame is needed")
    steps = np.diff(t)
    if np.any(steps <= 0):
        bad = int(np.argmax(steps <= 0)) + 1
        raise InvalidInputError(
            f"frame timestamps must increase: frame {bad} has t={t[bad]} "
            f"after frame {bad - 1} at t={t[bad - 1]}"
        )
    clip = KeypointClip(
        skeleton=skeleton, fps=fps, width=width, height=height, t=t, xy=xy, score=score
    )
    clip.validate()
    return clip


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_keypoints(clip: KeypointClip, path: str | Path) -> None:
    """Write ``clip`` as ``revhyper-keypoints/1``; gzip-compressed when ``path`` ends in ``.gz``.

    The file appears complete or not at all (temporary file + :func:`os.replace`).
    """
    clip.validate()
    if clip.n_frames == 0:
        raise InvalidInputError("refusing to write a clip with no frames")
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InvalidInputError(f"output directory does not exist: {directory}")
    with atomic_open(path) as raw:
        if path.name.endswith(".gz"):
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=5) as compressed:
                _write_document(clip, compressed)
        else:
            _write_document(clip, raw)


def _write_document(clip: KeypointClip, out: Any) -> None:
    header = {
        "format": KEYPOINTS_FORMAT,
        "skeleton": clip.skeleton.value,
        "fps": float(clip.fps),
        "width": int(clip.width),
        "height": int(clip.height),
    }
    out.write(orjson.dumps(header)[:-1] + b',"frames":[\n')
    for index, line in enumerate(_frame_lines(clip)):
        out.write(line if index == 0 else b",\n" + line)
    out.write(b"\n]}\n")


def _frame_lines(clip: KeypointClip) -> Iterator[bytes]:
    """Each frame as one JSON object, serialised by orjson straight from the arrays.

    orjson writes NaN as ``null``; a missing joint is made all-NaN, so ``[null,null,null]``
    marks it exactly and becomes the contract's ``null``.
    """
    for first in range(0, clip.n_frames, FRAMES_PER_CHUNK):
        window = slice(first, first + FRAMES_PER_CHUNK)
        xy = np.round(clip.xy[window], _COORD_DECIMALS)
        score = np.round(clip.score[window], _SCORE_DECIMALS)
        points = np.concatenate([xy, score[:, :, None]], axis=2)
        points[~np.all(np.isfinite(xy), axis=2)] = np.nan
        for time, frame_points in zip(clip.t[window].tolist(), points, strict=True):
            line = orjson.dumps(
                {"t": time, "points": frame_points}, option=orjson.OPT_SERIALIZE_NUMPY
            )
            yield line.replace(_MISSING_POINT_JSON, b"null")


def write_json_atomically(data: Any, path: str | Path) -> None:
    """Write ``data`` as indented JSON; the file appears complete or not at all."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise InvalidInputError(f"output directory does not exist: {directory}")
    with atomic_open(path) as out:
        out.write(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
