"""Phone files as phones make them: edit lists, variable frame rate, rotation, 29.97 fps, HEVC.

Each test writes its own small file with PyAV the way a phone or its editor does, and checks
that exactly the presented frames are decoded, numbered and timed, whichever decoder (from the
start or seeking mid-file) reads them, while a really truncated file is still refused.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from revhyper.adapters.video import iter_frames, probe_video
from revhyper.domain.errors import InvalidInputError

SIZE = (64, 48)
#: Time base phones use for 30 fps tracks (1/600 on iPhones, 1/15360 from FFmpeg).
TIME_BASE = Fraction(1, 15360)


def _frame(level: int) -> av.VideoFrame:
    """A flat grey frame whose level names the stored frame it came from (modulo 64)."""
    width, height = SIZE
    image = np.full((height, width, 3), level, np.uint8)
    return av.VideoFrame.from_ndarray(image, format="rgb24")


def write_phone_video(
    path: Path,
    pts: list[int],
    *,
    codec: str = "libx264",
    rate: Fraction = Fraction(30),
    time_base: Fraction = TIME_BASE,
    rotation_deg: float | None = None,
    options: dict[str, str] | None = None,
) -> Path:
    """Frames k = 0, 1, ... of grey level 4k (mod 256) stamped with ``pts`` (negative stamps
    are muxed behind an edit list, as an iPhone trim hides the start), B-frames on."""
    container = av.open(str(path), mode="w", options=options or {})
    stream = container.add_stream(codec, rate=rate)
    stream.width, stream.height = SIZE
    stream.pix_fmt = "yuv420p"
    stream.codec_context.time_base = time_base
    if rotation_deg is not None:
        stream.set_display_rotation(rotation_deg)
    if codec == "libx265":
        stream.options = {"x265-params": "log-level=none"}
    for k, stamp in enumerate(pts):
        frame = _frame((4 * k) % 256)
        frame.pts = stamp
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))
    container.close()
    return path


def _levels(frames) -> list[int]:
    return [round(float(frame.rgb.mean()) / 4) for frame in frames]


def _uniform_pts(count: int, rate: Fraction, first: int = 0) -> list[int]:
    return [round((first + k) / rate / TIME_BASE) for k in range(count)]


def test_an_iphone_trim_presents_only_the_frames_after_the_edit(tmp_path):
    hidden, shown = 12, 36
    path = write_phone_video(
        tmp_path / "trim.mov", _uniform_pts(hidden + shown, Fraction(30), -hidden)
    )
    info = probe_video(path)
    frames = list(iter_frames(info))
    assert info.frame_count == len(frames) == shown
    assert [f.index for f in frames] == list(range(shown))
    assert _levels(frames)[:3] == [hidden, hidden + 1, hidden + 2]  # the first shown is stored #12
    assert frames[0].t == 0.0 and frames[-1].t == pytest.approx((shown - 1) / 30, abs=1e-3)


def test_a_decoder_seeking_into_a_trimmed_file_numbers_frames_like_one_from_the_start(tmp_path):
    path = write_phone_video(tmp_path / "trim.mp4", _uniform_pts(60, Fraction(30), -15))
    info = probe_video(path)
    whole = [(f.index, round(f.t, 4)) for f in iter_frames(info)]
    for start in (1, 16, 20, 44):
        part = [(f.index, round(f.t, 4)) for f in iter_frames(info, start_index=start, stride=2)]
        assert part == whole[start::2]


def test_a_non_integer_rate_keeps_its_last_frame(tmp_path):
    rate = Fraction(30000, 1001)
    path = write_phone_video(tmp_path / "ntsc.mp4", _uniform_pts(138, rate), rate=rate)
    info = probe_video(path)
    frames = list(iter_frames(info))
    assert info.frame_count == len(frames) == 138
    assert frames[-1].index == 137 and _levels(frames)[-1] == 137 % 64


def test_variable_frame_rate_analyses_every_frame_at_its_own_time(tmp_path):
    # 30 fps, then a stretch at 15 fps (a phone in low light), then 30 fps again
    gaps = [1 / 30] * 20 + [1 / 15] * 10 + [1 / 30] * 20
    seconds = np.concatenate([[0.0], np.cumsum(gaps[:-1])])
    pts = [round(s / TIME_BASE) for s in seconds]
    info = probe_video(write_phone_video(tmp_path / "vfr.mp4", pts))
    frames = list(iter_frames(info))
    assert info.frame_count == len(frames) == 50
    assert [f.index for f in frames] == list(range(50))
    np.testing.assert_allclose([f.t for f in frames], seconds, atol=1e-4)
    late = list(iter_frames(info, start_index=35))
    assert [f.index for f in late] == list(range(35, 50))
    np.testing.assert_allclose([f.t for f in late], seconds[35:], atol=1e-4)


@pytest.mark.parametrize("codec", ["libx264", "libx265"])
def test_portrait_phone_video_with_rotation_side_data_is_turned_upright(tmp_path, codec):
    path = write_phone_video(
        tmp_path / f"{codec}.mp4", _uniform_pts(32, Fraction(30)), codec=codec, rotation_deg=-90
    )
    info = probe_video(path)
    frames = list(iter_frames(info))
    assert (info.rotation_deg, info.width, info.height) == (90, SIZE[1], SIZE[0])
    assert frames[0].rgb.shape == (SIZE[0], SIZE[1], 3)
    assert info.frame_count == len(frames) == 32


def test_a_file_cut_off_in_its_data_is_refused_at_the_probe(tmp_path):
    path = tmp_path / "cut.mp4"  # index first (faststart), noisy frames: the data is the bulk
    rng = np.random.default_rng(0)
    container = av.open(str(path), mode="w", options={"movflags": "faststart"})
    stream = container.add_stream("libx264", rate=30)
    stream.width, stream.height, stream.pix_fmt = 128, 96, "yuv420p"
    for k in range(90):
        frame = av.VideoFrame.from_ndarray(
            rng.integers(0, 255, (96, 128, 3), dtype=np.uint8), format="rgb24"
        )
        frame.pts = k
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))
    container.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidInputError, match=r"truncated or corrupt: it holds \d+ of the 90"):
        probe_video(path)


def _trimmed_copy(source: Path, target: Path, hidden_frames: int) -> Path:
    """``source`` remuxed (no re-encoding) with its first ``hidden_frames`` frames behind an
    edit list, the way a phone's editor trims a clip without re-encoding it."""
    with av.open(str(source)) as src, av.open(str(target), mode="w") as out:
        in_stream = src.streams.video[0]
        out_stream = out.add_stream_from_template(in_stream)
        shift = round(hidden_frames / in_stream.average_rate / in_stream.time_base)
        for packet in src.demux(in_stream):
            if packet.dts is None:
                continue
            packet.pts -= shift
            packet.dts -= shift
            packet.stream = out_stream
            out.mux(packet)
    return target


def test_pose_workers_seeking_into_a_trimmed_file_merge_every_presented_frame(tmp_path):
    from test_video_parallel import _swinging_clip

    from revhyper.adapters.pose.fake import render_clip_video
    from revhyper.adapters.pose.parallel import estimate_keypoints

    whole = tmp_path / "whole.mp4"
    render_clip_video(_swinging_clip(seconds=8.0), whole, width=320)
    trimmed = probe_video(_trimmed_copy(whole, tmp_path / "trimmed.mp4", hidden_frames=45))
    assert trimmed.frame_count == 240 - 45
    alone = estimate_keypoints(trimmed, "fake", workers=1)
    shared = estimate_keypoints(trimmed, "fake", workers=2)
    np.testing.assert_array_equal(shared.frame_index, np.arange(trimmed.frame_count))
    np.testing.assert_allclose(shared.t, np.arange(trimmed.frame_count) / 30.0, atol=1e-3)
    np.testing.assert_allclose(alone.xy, shared.xy, equal_nan=True)
    original = estimate_keypoints(probe_video(whole), "fake", workers=1)
    np.testing.assert_allclose(shared.xy, original.xy[45:], equal_nan=True)  # the same pictures
