"""``revhyper analyze VIDEO``: results, output files, and one clear line for every bad input.

The pose backend is the colour-dot fake (``REVHYPER_POSE_BACKEND=fake``) reading videos drawn
from synthetic sets, so these run without the model.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from typer.testing import CliRunner

from revhyper.adapters.pose.fake import render_clip_video
from revhyper.cli.app import app
from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.settings import get_settings

runner = CliRunner()


@pytest.fixture(autouse=True)
def fake_pose_backend(monkeypatch):
    monkeypatch.setenv("REVHYPER_POSE_BACKEND", "fake")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _clip(seed: int = 3) -> KeypointClip:
    spec = random_spec(np.random.default_rng(seed), style=Style.CONTROLLED, n_reps=2,
                       faults=[], noise=NoiseLevel.OFF, fps=30.0)  # fmt: skip
    return synthesize(spec, seed)[0]


def _plain_video(path: Path, frames: int, fps: float, size: tuple[int, int]) -> Path:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), fps, size)
    for _ in range(frames):
        writer.write(np.zeros((size[1], size[0], 3), np.uint8))
    writer.release()
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    clip = _clip()
    paths = {"set": folder / "set.mp4"}
    render_clip_video(clip, paths["set"], width=256)
    data = paths["set"].read_bytes()
    paths["truncated"] = folder / "truncated.mp4"
    paths["truncated"].write_bytes(data[: len(data) // 3])
    paths["text"] = folder / "notes.mp4"
    paths["text"].write_text("these are my training notes, not a video\n")
    paths["empty"] = _plain_video(folder / "empty.mp4", 45, 30.0, (256, 144))
    paths["uhd"] = _plain_video(folder / "uhd.mp4", 12, 10.0, (3840, 2160))
    paths["long"] = _plain_video(folder / "long.mp4", 620, 1.0, (32, 32))
    return paths


def _front_view_video(folder: Path) -> Path:
    """A set filmed from the front: the left joints pulled apart from the right ones."""
    clip = _clip()
    xy = clip.xy.copy()
    xy[:, 23::2, 0] += 120  # left hip, knee, ankle...
    xy[:, 24::2, 0] -= 120
    front = KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t, xy,
                         np.where(np.isfinite(xy[..., 0]), 0.9, 0.0))  # fmt: skip
    video = folder / "front.mp4"
    render_clip_video(front, video, width=256)
    return video


def _run(*args: str):
    return runner.invoke(app, ["analyze", *args])


def _assert_one_line_error(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_analyze_video_prints_the_analysis_json(inputs):
    result = _run(str(inputs["set"]), "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "revhyper-analysis/1"
    assert document["rep_count"] == 2


def test_analyze_video_writes_the_requested_files(inputs, tmp_path):
    outputs = [tmp_path / "kp.json", tmp_path / "annotated.mp4", tmp_path / "report.html"]
    result = _run(str(inputs["set"]), "--keypoints-out", str(outputs[0]), "--annotate",
                  str(outputs[1]), "--report", str(outputs[2]), "--stride", "2")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "2 reps" in result.stdout
    assert all(path.stat().st_size > 0 for path in outputs)


@pytest.mark.parametrize(
    ("name", "code", "fragments"),
    [
        ("text", 2, ("notes.mp4", "not a readable video")),
        ("truncated", 2, ("truncated or corrupt",)),
        ("empty", 6, ("no person found",)),
        ("uhd", 2, ("3840x2160", "not 4K")),
        ("long", 2, ("620 s", "up to 300 s")),
    ],
)
def test_bad_videos_get_one_clear_line_and_leave_nothing(inputs, tmp_path, name, code, fragments):
    report = tmp_path / "report.html"
    result = _run(str(inputs[name]), "--report", str(report), "--keypoints-out",
                  str(tmp_path / "kp.json"))  # fmt: skip
    _assert_one_line_error(result, code, *fragments)
    assert list(tmp_path.iterdir()) == []


def test_a_front_view_is_refused_as_not_side_on(tmp_path):
    video = _front_view_video(tmp_path)
    result = _run(str(video), "--annotate", str(tmp_path / "out.mp4"))
    _assert_one_line_error(result, 6, "not side-on")
    assert [p.name for p in tmp_path.iterdir()] == ["front.mp4"]


def test_two_people_in_view_are_refused(tmp_path):
    clip = _clip()
    video = tmp_path / "two.mp4"
    hip_x = float(np.nanmedian(clip.xy[:, 23, 0]))
    render_clip_video(clip, video, width=256,
                      extra_people_offsets_px=[(90.0 if hip_x < 640 else -90.0, 0.0)])  # fmt: skip
    result = _run(str(video), "--json")
    _assert_one_line_error(result, 6, "two people in view")
    document = json.loads(result.stdout)
    assert document["quality"]["analysable"] is False
    assert "two people in view" in document["quality"]["warnings"][0]
    assert document["reps"] == []


def test_a_refused_video_prints_its_analysis_document_under_json(tmp_path):
    video = _front_view_video(tmp_path)
    result = _run(str(video), "--json")
    _assert_one_line_error(result, 6, "not side-on")
    document = json.loads(result.stdout)
    assert document["quality"]["analysable"] is False
    assert any("not side-on" in warning for warning in document["quality"]["warnings"])


def test_without_json_a_refused_video_prints_nothing_on_stdout(tmp_path):
    video = _front_view_video(tmp_path)
    result = _run(str(video))
    _assert_one_line_error(result, 6, "not side-on")
    assert "{" not in result.stdout


@pytest.mark.parametrize(
    ("option", "target", "fragment"),
    [
        ("--report", "missing-dir/report.html", "does not exist"),
        ("--annotate", "out.avi", "must end in .mp4"),
        ("--keypoints-out", "kp.txt", "must end in .json or .gz"),
    ],
)
def test_unusable_output_paths_are_refused_up_front(inputs, tmp_path, option, target, fragment):
    result = _run(str(inputs["set"]), option, str(tmp_path / target))
    _assert_one_line_error(result, 2, fragment)
    assert list(tmp_path.iterdir()) == []


def test_a_stride_beyond_ten_is_refused(inputs):
    result = _run(str(inputs["set"]), "--stride", "11")
    _assert_one_line_error(result, 2, "--stride", "between 1 and 10")
