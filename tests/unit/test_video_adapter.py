"""Video decoding: probing, rotation, timestamps, stride, refusals, atomic writing."""

from __future__ import annotations

import dataclasses
import struct
from fractions import Fraction
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from revhyper.adapters import video as video_module
from revhyper.adapters.video import (
    AtomicVideoWriter,
    check_writable,
    iter_frames,
    probe_video,
)
from revhyper.domain.errors import InvalidInputError, NotFoundError

#: The 3x3 display matrix of an MP4 track header (16.16 fixed point; last entry 2.30).
_ONE, _MINUS_ONE, _W = 0x00010000, 0xFFFF0000, 0x40000000
_CLOCKWISE_MATRICES = {90: (0, _ONE, 0, _MINUS_ONE, 0, 0, 0, 0, _W)}


def _pattern(height: int, width: int) -> np.ndarray:
    """An asymmetric test picture (RGB): red block top-left, green block bottom-right."""
    image = np.zeros((height, width, 3), np.uint8)
    image[: height // 4, : width // 3] = (255, 0, 0)
    image[-height // 3 :, -width // 5 :] = (0, 255, 0)
    return image


def write_video(path: Path, frames: int, *, fps: float = 10.0, size=(64, 48)) -> Path:
    """A still test pattern as MPEG-4 Part 2, written by OpenCV: a second codec and writer
    besides revhyper's H.264, so decoding is not only tested on our own files."""
    width, height = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), fps, (width, height))
    image = cv2.cvtColor(_pattern(height, width), cv2.COLOR_RGB2BGR)
    for _ in range(frames):
        writer.write(image)
    writer.release()
    return path


def set_display_rotation(path: Path, clockwise_deg: int) -> None:
    """Rewrite the track header's display matrix, as phones do for portrait videos."""
    data = bytearray(path.read_bytes())
    box = data.find(b"tkhd")
    version = data[box + 4]
    matrix_at = box + 8 + (32 if version == 1 else 20) + 16
    data[matrix_at : matrix_at + 36] = struct.pack(">9I", *_CLOCKWISE_MATRICES[clockwise_deg])
    path.write_bytes(bytes(data))


def test_probe_reads_size_rate_and_length(tmp_path):
    info = probe_video(write_video(tmp_path / "a.mp4", 25, fps=10.0, size=(64, 48)))
    assert (info.width, info.height, info.fps, info.frame_count) == (64, 48, 10.0, 25)
    assert info.duration_s == pytest.approx(2.5)
    assert info.rotation_deg == 0


def test_frames_stream_with_decoder_timestamps_and_rgb_order(tmp_path):
    info = probe_video(write_video(tmp_path / "a.mp4", 20, fps=10.0))
    frames = list(iter_frames(info))
    assert [f.index for f in frames] == list(range(20))
    assert np.allclose([f.t for f in frames], np.arange(20) / 10.0)
    red_corner = frames[0].rgb[2, 2].astype(int)
    assert red_corner[0] > 200 and red_corner[2] < 60


def test_stride_and_start_pick_every_kth_frame_from_the_start_index(tmp_path):
    info = probe_video(write_video(tmp_path / "a.mp4", 30, fps=10.0))
    frames = list(iter_frames(info, start_index=6, stop_index=20, stride=3))
    assert [f.index for f in frames] == [6, 9, 12, 15, 18]
    assert np.allclose([f.t for f in frames], [0.6, 0.9, 1.2, 1.5, 1.8])


def test_a_decoder_starting_mid_video_sees_the_same_frames_as_one_from_the_start(tmp_path):
    out = tmp_path / "moving.mp4"
    with AtomicVideoWriter(out, fps=30, width=64, height=48) as writer:  # H.264, long GOP
        for k in range(90):
            image = np.zeros((48, 64, 3), np.uint8)
            image[:, k % 64] = 255  # a bright column that moves every frame
            writer.write_rgb(image)
        writer.commit()
    info = probe_video(out)
    from_start = {f.index: f for f in iter_frames(info)}
    for start in (31, 60):
        later = list(iter_frames(info, start_index=start, stop_index=start + 4))
        assert [f.index for f in later] == list(range(start, start + 4))
        for frame in later:
            assert frame.t == pytest.approx(from_start[frame.index].t)
            assert np.array_equal(frame.rgb, from_start[frame.index].rgb)


def test_phone_rotation_metadata_is_applied_to_frames_and_size(tmp_path):
    path = write_video(tmp_path / "portrait.mp4", 12, size=(64, 48))
    set_display_rotation(path, 90)
    info = probe_video(path)
    assert (info.width, info.height, info.rotation_deg) == (48, 64, 90)
    frame = next(iter_frames(info)).rgb
    upright = np.rot90(_pattern(48, 64), k=-1)  # displayed turned 90 degrees clockwise
    assert frame.shape == upright.shape
    assert np.abs(frame.astype(int) - upright).mean() < 8


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"hello, I am text\n", "not a readable video"),
        (b"", "empty"),
        (bytes(range(256)) * 40, "not a readable video"),
    ],
)
def test_non_videos_are_refused_with_a_clear_message(tmp_path, content, expected):
    path = tmp_path / "clip.mp4"
    path.write_bytes(content)
    with pytest.raises(InvalidInputError, match=expected):
        probe_video(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(NotFoundError, match="does not exist"):
        probe_video(tmp_path / "nope.mp4")


def test_a_still_image_is_refused(tmp_path):
    path = tmp_path / "photo.png"
    cv2.imwrite(str(path), _pattern(48, 64))
    with pytest.raises(InvalidInputError, match=r"still image|frames|at least"):
        probe_video(path)


def test_a_cut_off_file_is_refused_as_truncated_or_corrupt(tmp_path):
    path = write_video(tmp_path / "a.mp4", 40)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidInputError, match="truncated or corrupt"):
        probe_video(path)


def test_a_stream_ending_before_its_declared_length_is_reported_truncated(tmp_path):
    info = probe_video(write_video(tmp_path / "a.mp4", 30))
    claims_more = dataclasses.replace(info, frame_count=60)
    with pytest.raises(InvalidInputError, match=r"truncated or corrupt.*frame 30 of the 60"):
        list(iter_frames(claims_more))


def test_a_decoder_error_mid_stream_is_reported_as_truncated_or_corrupt(tmp_path, monkeypatch):
    info = probe_video(write_video(tmp_path / "a.mp4", 40))
    real_open = video_module._open_input

    class FailsAfterTwelveFrames:
        def __init__(self, container):
            self._container = container

        def __getattr__(self, name):
            return getattr(self._container, name)

        def decode(self, *args, **kwargs):
            for count, frame in enumerate(self._container.decode(*args, **kwargs)):
                if count == 12:
                    raise av.error.InvalidDataError(1094995529, "Invalid data")
                yield frame

    monkeypatch.setattr(
        video_module, "_open_input", lambda *a, **k: FailsAfterTwelveFrames(real_open(*a, **k))
    )
    with pytest.raises(InvalidInputError, match=r"truncated or corrupt.*frame 12 of the 40"):
        list(iter_frames(info))


def test_a_4k_video_is_refused(tmp_path):
    path = write_video(tmp_path / "uhd.mp4", 12, fps=10.0, size=(3840, 2160))
    with pytest.raises(InvalidInputError, match=r"3840x2160.*not 4K"):
        probe_video(path)


def test_a_ten_minute_video_is_refused(tmp_path):
    path = write_video(tmp_path / "long.mp4", 600, fps=1.0, size=(32, 32))
    with pytest.raises(InvalidInputError, match=r"lasts 600 s; videos up to 300 s"):
        probe_video(path)


def test_a_video_under_a_second_is_refused(tmp_path):
    path = write_video(tmp_path / "blink.mp4", 5, fps=10.0)
    with pytest.raises(InvalidInputError, match="at least 1 s"):
        probe_video(path)


def test_stride_below_one_is_refused(tmp_path):
    info = probe_video(write_video(tmp_path / "a.mp4", 20))
    with pytest.raises(InvalidInputError, match="stride"):
        next(iter_frames(info, stride=0))


@pytest.mark.parametrize("where", ["missing/out.mp4", "file.txt/out.mp4", "."])
def test_unwritable_outputs_are_found_before_any_work(tmp_path, where):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(InvalidInputError, match=r"cannot write|is a directory"):
        check_writable(tmp_path / where)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


def test_atomic_writer_leaves_nothing_when_interrupted(tmp_path):
    out = tmp_path / "out.mp4"
    with pytest.raises(RuntimeError), AtomicVideoWriter(out, fps=10, width=32, height=32) as w:
        w.write_rgb(np.zeros((32, 32, 3), np.uint8))
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_atomic_writer_commits_a_readable_video(tmp_path):
    out = tmp_path / "out.mp4"
    with AtomicVideoWriter(out, fps=10, width=32, height=32) as writer:
        for _ in range(15):
            writer.write_rgb(np.zeros((32, 32, 3), np.uint8))
        writer.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["out.mp4"]
    assert probe_video(out).frame_count == 15


def test_written_videos_are_h264_that_browsers_play(tmp_path):
    out = tmp_path / "out.mp4"
    with AtomicVideoWriter(out, fps=30000 / 1001, width=64, height=48) as writer:
        for _ in range(40):
            writer.write_rgb(_pattern(48, 64))
        writer.commit()
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.name, stream.codec_context.pix_fmt) == ("h264", "yuv420p")
        assert stream.average_rate == Fraction(30000, 1001)
    frame = next(iter_frames(probe_video(out))).rgb
    assert np.abs(frame.astype(int) - _pattern(48, 64)).mean() < 8


def test_an_odd_frame_size_loses_its_last_row_and_column(tmp_path):
    out = tmp_path / "odd.mp4"
    with AtomicVideoWriter(out, fps=10, width=65, height=49) as writer:
        for _ in range(12):
            writer.write_rgb(np.zeros((49, 65, 3), np.uint8))
        writer.commit()
    info = probe_video(out)
    assert (info.width, info.height) == (64, 48)


def test_an_output_name_without_a_video_suffix_is_refused(tmp_path):
    with pytest.raises(InvalidInputError, match=r"out\.txt.*\.mp4, \.mov, \.mkv"):
        AtomicVideoWriter(tmp_path / "out.txt", fps=10, width=32, height=32)
    assert list(tmp_path.iterdir()) == []
