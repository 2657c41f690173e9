"""Reading and writing ``revhyper-keypoints/1`` files: round trips and every kind of bad input."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.adapters import keypoint_file
from revhyper.adapters.keypoint_file import parse_keypoints, read_keypoints, write_keypoints
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.motion.keypoints import KeypointClip, Skeleton


def make_clip(
    n_frames: int = 20, skeleton: Skeleton = Skeleton.COCO17, seed: int = 0
) -> KeypointClip:
    rng = np.random.default_rng(seed)
    n_joints = 17 if skeleton is Skeleton.COCO17 else 33
    t = np.cumsum(rng.uniform(0.01, 0.05, n_frames))
    xy = np.round(rng.uniform(0, 1000, (n_frames, n_joints, 2)), 2)
    score = np.round(rng.uniform(0, 1, (n_frames, n_joints)), 3)
    missing = rng.random((n_frames, n_joints)) < 0.1
    xy[missing] = np.nan
    score[missing] = 0.0
    return KeypointClip(skeleton, 30.0, 1280, 720, t, xy, score)


def document(n_frames: int = 3, n_joints: int = 17) -> dict[str, Any]:
    point = [100.0, 200.0, 0.9]
    return {
        "format": "revhyper-keypoints/1",
        "skeleton": "coco17",
        "fps": 30.0,
        "width": 640,
        "height": 480,
        "frames": [
            {"t": i / 30, "points": [list(point) for _ in range(n_joints)]} for i in range(n_frames)
        ],
    }


def write_text(tmp_path: Path, text: str | bytes, name: str = "clip.kp.json") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def assert_same_clip(a: KeypointClip, b: KeypointClip) -> None:
    assert a.skeleton == b.skeleton and a.fps == b.fps
    assert (a.width, a.height) == (b.width, b.height)
    np.testing.assert_allclose(a.t, b.t)
    np.testing.assert_allclose(a.xy, b.xy, equal_nan=True)
    np.testing.assert_allclose(a.score, b.score)


@pytest.mark.parametrize("skeleton", list(Skeleton))
def test_round_trip_preserves_points_scores_and_missing_joints(
    tmp_path: Path, skeleton: Skeleton
) -> None:
    clip = make_clip(skeleton=skeleton)
    path = tmp_path / "clip.kp.json"
    write_keypoints(clip, path)
    loaded = read_keypoints(path)
    assert_same_clip(clip, loaded)
    np.testing.assert_array_equal(np.isnan(loaded.xy), np.isnan(clip.xy))


def test_round_trip_through_gzip(tmp_path: Path) -> None:
    clip = make_clip()
    path = tmp_path / "clip.kp.json.gz"
    write_keypoints(clip, path)
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    assert_same_clip(clip, read_keypoints(path))


def test_clip_spanning_many_chunks_reads_identically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keypoint_file, "FRAMES_PER_CHUNK", 7)
    clip = make_clip(n_frames=50)
    path = tmp_path / "clip.kp.json"
    write_keypoints(clip, path)
    assert_same_clip(clip, read_keypoints(path))


def test_pretty_printed_file_with_extra_fields_reads_like_compact_one(tmp_path: Path) -> None:
    doc = document()
    doc["source"] = "my {estimator} [v2]"
    doc["frames"][1]["points"][3] = None
    for frame in doc["frames"]:
        frame["note"] = "ok"
    compact = read_keypoints(write_text(tmp_path, json.dumps(doc), "a.kp.json"))
    pretty = read_keypoints(write_text(tmp_path, json.dumps(doc, indent=2), "b.kp.json"))
    assert_same_clip(compact, pretty)
    assert np.isnan(pretty.xy[1, 3]).all() and pretty.score[1, 3] == 0.0
    assert pretty.n_frames == 3


@pytest.mark.parametrize("indent", [None, 1])
def test_spaced_or_indented_json_reads_like_compact_json(
    tmp_path: Path, indent: int | None
) -> None:
    doc = document(n_frames=6)
    doc["frames"][2]["points"][4] = None
    doc["frames"][3]["points"][0] = [1e-3, -2.5e2, 1]
    compact = read_keypoints(write_text(tmp_path, json.dumps(doc, separators=(",", ":")), "a.json"))
    spaced = read_keypoints(write_text(tmp_path, json.dumps(doc, indent=indent), "b.json"))
    assert_same_clip(compact, spaced)
    np.testing.assert_allclose(spaced.xy[3, 0], [1e-3, -250.0])


def test_whitespace_inside_a_key_or_between_numbers_is_not_glossed_over(tmp_path: Path) -> None:
    text = json.dumps(document(n_frames=2))
    with pytest.raises(InvalidInputError, match="JSON"):
        read_keypoints(write_text(tmp_path, text.replace("100.0, 200.0", "100.0 200.0", 1)))
    with pytest.raises(InvalidInputError, match="'points' must be a list"):
        read_keypoints(write_text(tmp_path, text.replace('"points"', '"po ints"', 1)))


def test_fields_in_any_order_are_accepted(tmp_path: Path) -> None:
    doc = document()
    reordered = {"frames": doc.pop("frames"), **doc}
    for frame in reordered["frames"]:
        frame["points"], frame["t"] = frame.pop("points"), frame.pop("t")
    clip = read_keypoints(write_text(tmp_path, json.dumps(reordered)))
    assert clip.n_frames == 3 and clip.skeleton is Skeleton.COCO17


def test_one_frame_clip_loads(tmp_path: Path) -> None:
    clip = read_keypoints(write_text(tmp_path, json.dumps(document(n_frames=1))))
    assert clip.n_frames == 1 and clip.duration_s == 0.0


def test_missing_file_is_reported_as_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="not found"):
        read_keypoints(tmp_path / "nope.kp.json")


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="not a file"):
        read_keypoints(tmp_path)


@pytest.mark.parametrize("text", ["", "hello", '{"format": ', "[1, 2, 3]"])
def test_non_json_or_non_object_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(InvalidInputError, match=r"JSON|empty"):
        read_keypoints(write_text(tmp_path, text))


def test_broken_json_inside_frames_is_refused_with_position(tmp_path: Path) -> None:
    text = json.dumps(document(n_frames=5), separators=(",", ":")).replace("0.9]", "0.9", 1)
    with pytest.raises(InvalidInputError, match=r"not valid JSON.*near byte"):
        read_keypoints(write_text(tmp_path, text))


def test_corrupt_gzip_is_refused(tmp_path: Path) -> None:
    data = gzip.compress(json.dumps(document()).encode())[:30]
    with pytest.raises(InvalidInputError, match="gzip"):
        read_keypoints(write_text(tmp_path, data, "clip.kp.json.gz"))


def test_wrong_format_names_the_supported_one(tmp_path: Path) -> None:
    doc = document()
    doc["format"] = "openpose/1"
    with pytest.raises(InvalidInputError, match=r"'openpose/1'.*revhyper-keypoints/1"):
        read_keypoints(write_text(tmp_path, json.dumps(doc)))


def test_wrong_skeleton_lists_the_allowed_ones(tmp_path: Path) -> None:
    doc = document()
    doc["skeleton"] = "halpe26"
    with pytest.raises(InvalidInputError, match=r"halpe26.*blazepose33, coco17"):
        read_keypoints(write_text(tmp_path, json.dumps(doc)))


@pytest.mark.parametrize(
    ("field", "value"), [("fps", 0), ("fps", "30"), ("width", -5), ("height", 720.5)]
)
def test_bad_header_numbers_are_refused(tmp_path: Path, field: str, value: object) -> None:
    doc = document()
    doc[field] = value
    with pytest.raises(InvalidInputError, match=field):
        read_keypoints(write_text(tmp_path, json.dumps(doc)))


def test_wrong_joint_count_names_the_frame(tmp_path: Path) -> None:
    doc = document(n_frames=4)
    doc["frames"][2]["points"].pop()
    with pytest.raises(
        InvalidInputError, match=r"frame 2 \(t=0.0666667 s\) has 16 joints; this skeleton needs 17"
    ):
        read_keypoints(write_text(tmp_path, json.dumps(doc, separators=(",", ":"))))


def test_non_increasing_timestamps_name_the_frame(tmp_path: Path) -> None:
    doc = document(n_frames=4)
    doc["frames"][3]["t"] = doc["frames"][2]["t"]
    with pytest.raises(InvalidInputError, match="frame 3"):
        read_keypoints(write_text(tmp_path, json.dumps(doc)))


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_coordinates_are_refused_naming_the_frame(tmp_path: Path, token: str) -> None:
    text = json.dumps(document(n_frames=4), separators=(",", ":"))
    head, _, tail = text.rpartition("[100.0,")  # last frame, last joint
    text = f"{head}[{token},{tail}"
    with pytest.raises(
        InvalidInputError,
        match=r"frame 3 \(t=0.1 s\), joint 16 \(right_ankle\): coordinates must be finite",
    ):
        read_keypoints(write_text(tmp_path, text))


def test_non_finite_timestamp_is_refused(tmp_path: Path) -> None:
    text = json.dumps(document(n_frames=2)).replace('"t": 0.0,', '"t": NaN,')
    with pytest.raises(InvalidInputError, match="frame 0: 't' must be a finite number"):
        read_keypoints(write_text(tmp_path, text))


@pytest.mark.parametrize(
    "point", [[1.0, 2.0], [1.0, 2.0, 0.5, 9.0], "1,2,0.5", [1.0, "2", 0.5], [1.0, 2.0, True]]
)
def test_points_that_are_not_x_y_score_are_refused(tmp_path: Path, point: object) -> None:
    doc = document()
    doc["frames"][1]["points"][5] = point
    with pytest.raises(
        InvalidInputError,
        match=r"frame 1 \(t=0.0333333 s\), joint 5 \(left_shoulder\): expected \[x, y, score\]",
    ):
        read_keypoints(write_text(tmp_path, json.dumps(doc, separators=(",", ":"))))


@pytest.mark.parametrize("bad_score", [1.5, -0.1])
def test_score_outside_unit_interval_is_refused(tmp_path: Path, bad_score: float) -> None:
    doc = document()
    doc["frames"][2]["points"][0][2] = bad_score
    with pytest.raises(
        InvalidInputError, match=r"frame 2 .*, joint 0 \(nose\): score .* outside \[0, 1\]"
    ):
        read_keypoints(write_text(tmp_path, json.dumps(doc, separators=(",", ":"))))


def test_clip_without_frames_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no frames"):
        read_keypoints(write_text(tmp_path, json.dumps(document(n_frames=0))))


def test_missing_frames_list_is_refused(tmp_path: Path) -> None:
    doc = document()
    del doc["frames"]
    with pytest.raises(InvalidInputError, match="'frames' must be a list"):
        read_keypoints(write_text(tmp_path, json.dumps(doc)))


def test_parse_accepts_bytes_directly() -> None:
    clip = parse_keypoints(json.dumps(document(n_frames=2)).encode())
    assert clip.xy.shape == (2, 17, 2)
    np.testing.assert_allclose(clip.xy[0, 0], [100.0, 200.0])


def test_failed_write_leaves_nothing_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(clip: KeypointClip) -> Any:
        yield b"{}"
        raise OSError("disk full")

    monkeypatch.setattr(keypoint_file, "_frame_lines", explode)
    with pytest.raises(OSError, match="disk full"):
        write_keypoints(make_clip(), tmp_path / "clip.kp.json")
    assert list(tmp_path.iterdir()) == []


def test_writing_over_an_existing_clip_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "clip.kp.json"
    write_keypoints(make_clip(seed=1), path)
    second = make_clip(n_frames=5, seed=2)
    write_keypoints(second, path)
    assert_same_clip(second, read_keypoints(path))
    assert [p.name for p in tmp_path.iterdir()] == ["clip.kp.json"]


def test_written_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    path = tmp_path / "clip.kp.json"
    write_keypoints(make_clip(), path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


def test_writing_into_a_missing_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="directory"):
        write_keypoints(make_clip(), tmp_path / "nowhere" / "clip.kp.json")


@settings(max_examples=30, deadline=None)
@given(
    n_frames=st.integers(1, 40),
    skeleton=st.sampled_from(list(Skeleton)),
    missing_rate=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**16),
    chunk=st.integers(1, 9),
)
def test_any_clip_survives_a_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    n_frames: int,
    skeleton: Skeleton,
    missing_rate: float,
    seed: int,
    chunk: int,
) -> None:
    rng = np.random.default_rng(seed)
    n_joints = 17 if skeleton is Skeleton.COCO17 else 33
    t = np.cumsum(rng.uniform(1e-3, 0.2, n_frames))
    xy = np.round(rng.uniform(-50, 4000, (n_frames, n_joints, 2)), 2)
    score = np.round(rng.uniform(0, 1, (n_frames, n_joints)), 3)
    missing = rng.random((n_frames, n_joints)) < missing_rate
    xy[missing], score[missing] = np.nan, 0.0
    clip = KeypointClip(skeleton, float(rng.uniform(1, 120)), 640, 480, t, xy, score)
    path = tmp_path_factory.mktemp("rt") / "clip.kp.json"
    original = keypoint_file.FRAMES_PER_CHUNK
    keypoint_file.FRAMES_PER_CHUNK = chunk
    try:
        write_keypoints(clip, path)
        assert_same_clip(clip, read_keypoints(path))
    finally:
        keypoint_file.FRAMES_PER_CHUNK = original
