"""``revhyper analyze`` on keypoint files: table, contract JSON, plot, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from revhyper.adapters.keypoint_file import write_keypoints
from revhyper.cli.app import app
from revhyper.domain.clips.synth import NoiseLevel, Style, SynthTruth, random_spec, synthesize
from revhyper.domain.motion.keypoints import Skeleton

runner = CliRunner()
WIDE = {"COLUMNS": "140"}

CONTRACT_REP_FIELDS = {
    "index", "start_s", "top_s", "end_s", "concentric_s", "hold_s", "eccentric_s",
    "top_angle_deg", "bottom_angle_deg", "faults",
}  # fmt: skip


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["analyze", *args], env=WIDE)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, " ".join(result.output.split())


@pytest.fixture(scope="module")
def synthetic_clip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthTruth]:
    rng = np.random.default_rng(7)
    spec = random_spec(rng, style=Style.CONTROLLED, n_reps=5, noise=NoiseLevel.LOW,
                       skeleton=Skeleton.BLAZEPOSE33, fps=30.0)  # fmt: skip
    clip, truth = synthesize(spec, rng)
    path = tmp_path_factory.mktemp("clips") / "set.kp.json"
    write_keypoints(clip, path)
    return path, truth


def _write_document(path: Path, **changes: object) -> Path:
    document: dict[str, object] = {
        "format": "revhyper-keypoints/1",
        "skeleton": "coco17",
        "fps": 30.0,
        "width": 640,
        "height": 480,
        "frames": [{"t": k / 30, "points": [[100.0, 100.0, 0.9]] * 17} for k in range(3)],
    }
    document.update(changes)
    path.write_text(json.dumps(document))
    return path


def test_the_table_lists_every_rep_with_its_phases(synthetic_clip):
    path, truth = synthetic_clip
    code, _, out = _run(str(path))
    assert code == 0, out
    assert f"{truth.rep_count} reps" in out
    assert "lift" in out and "hold" in out and "lower" in out
    assert "tracked" in out


def test_json_is_the_analysis_contract(synthetic_clip):
    path, truth = synthetic_clip
    code, stdout, _ = _run(str(path), "--json")
    assert code == 0
    document = json.loads(stdout)
    assert document["format"] == "revhyper-analysis/1"
    assert document["rep_count"] == truth.rep_count == len(document["reps"])
    for rep in document["reps"]:
        assert set(rep) >= CONTRACT_REP_FIELDS
        assert rep["start_s"] < rep["top_s"] < rep["end_s"]
    assert {"tracked_fraction", "side", "analysable", "warnings"} <= set(document["quality"])
    assert document["quality"]["side"] in {"left", "right", "both"}


def test_a_prescribed_hold_is_checked(synthetic_clip):
    path, _ = synthetic_clip
    code, stdout, _ = _run(str(path), "--json", "--hold", "10", "--variation", "isometric-hold")
    assert code == 0
    assert "short_hold" in json.loads(stdout)["faults"]


def test_plot_writes_a_png_and_nothing_else(synthetic_clip, tmp_path):
    path, _ = synthetic_clip
    plot = tmp_path / "analysis.png"
    code, _, out = _run(str(path), "--plot", str(plot))
    assert code == 0, out
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["analysis.png"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tempo", "3-1-3"], "four numbers"),
        (["--tempo", "3-a-3-1"], "not a number"),
        (["--hold", "-2"], "hold must be"),
        (["--plot", "figure.jpg"], "must end in .png"),
        (["--annotate", "out.mp4"], "need a video input"),
        (["--variation", "no-such-variation"], "no-such-variation"),
    ],
)
def test_bad_options_exit_2_with_a_reason(synthetic_clip, args, message):
    path, _ = synthetic_clip
    code, _, out = _run(str(path), *args)
    assert code == 2
    assert message in out


def test_a_missing_file_is_not_found(tmp_path):
    code, _, out = _run(str(tmp_path / "nope.kp.json"))
    assert code == 4
    assert "not found" in out


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "something-else/1"}, "format"),
        ({"skeleton": "openpose25"}, "skeleton"),
        ({"frames": [{"t": 0.0, "points": [[1.0, 2.0, 0.9]] * 5}]}, "17"),
        (
            {"frames": [{"t": t, "points": [[1.0, 2.0, 0.9]] * 17} for t in (0.0, 0.2, 0.1)]},
            "increas",
        ),
        ({"frames": []}, "frame"),
    ],
)
def test_malformed_clips_exit_2_with_a_reason(tmp_path, changes, message):
    code, _, out = _run(str(_write_document(tmp_path / "bad.kp.json", **changes)))
    assert code == 2, out
    assert message in out


def test_text_that_is_not_json_exits_2(tmp_path):
    path = tmp_path / "notes.json"
    path.write_text("this is not json")
    code, _, out = _run(str(path))
    assert code == 2
    assert "error" in out


def test_nan_coordinates_exit_2(tmp_path):
    path = tmp_path / "nan.kp.json"
    text = json.dumps(
        {"format": "revhyper-keypoints/1", "skeleton": "coco17", "fps": 30.0, "width": 640,
         "height": 480, "frames": [{"t": 0.0, "points": [[1.0, 2.0, 0.9]] * 17}]}
    ).replace("[1.0, 2.0, 0.9]", "[NaN, 2.0, 0.9]", 1)  # fmt: skip
    path.write_text(text)
    code, _, out = _run(str(path))
    assert code == 2
    assert "error" in out


def test_a_one_frame_clip_is_unusable_with_exit_6(tmp_path):
    path = _write_document(tmp_path / "one.kp.json", frames=[{"t": 0.0, "points": [None] * 17}])
    code, _, out = _run(str(path))
    assert code == 6
    assert "too short" in out


def test_an_unusable_clip_still_prints_its_json_before_exit_6(tmp_path):
    frames = [{"t": k / 30, "points": [None] * 17} for k in range(90)]
    path = _write_document(tmp_path / "empty-room.kp.json", frames=frames)
    result = runner.invoke(app, ["analyze", str(path), "--json"], env=WIDE)
    assert result.exit_code == 6
    document = json.loads(result.stdout)
    assert document["rep_count"] == 0
    assert document["quality"]["analysable"] is False
    assert "no person" in document["quality"]["warnings"][0]
