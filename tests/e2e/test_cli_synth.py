"""``revhyper synth``: writes a readable clip and its truth; bad options fail cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from revhyper.adapters.keypoint_file import read_keypoints
from revhyper.cli.app import app
from revhyper.domain.motion.keypoints import Skeleton

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["synth", *args])
    return result.exit_code, " ".join(result.output.split())  # Rich wraps long lines


def test_synth_writes_a_clip_and_its_truth(tmp_path: Path) -> None:
    out, truth_path = tmp_path / "demo.kp.json", tmp_path / "demo.truth.json"
    code, output = run(
        str(out), "--reps", "4", "--fault", "knee_bend", "--fps", "30", "--skeleton", "coco17",
        "--facing", "left", "--seed", "5", "--truth", str(truth_path), "--noise", "low",
    )  # fmt: skip
    assert code == 0, output
    assert "4 reps (controlled)" in output and "knee_bend" in output
    clip = read_keypoints(out)
    assert clip.skeleton is Skeleton.COCO17 and clip.fps == 30.0
    truth = json.loads(truth_path.read_text())
    assert truth["rep_count"] == 4 and truth["facing"] == "left"
    assert all(rep["faults"] == ["knee_bend"] for rep in truth["reps"])
    assert truth["reps"][-1]["end_s"] <= clip.t[-1]


def test_same_seed_writes_the_same_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.kp.json", tmp_path / "b.kp.json.gz"
    assert run(str(first), "--seed", "9")[0] == 0
    assert run(str(second), "--seed", "9")[0] == 0
    a, b = read_keypoints(first), read_keypoints(second)
    np.testing.assert_array_equal(a.t, b.t)
    np.testing.assert_array_equal(np.isnan(a.xy), np.isnan(b.xy))


def test_prescribed_styles_report_the_prescription(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "t.kp.json"), "--style", "tempo", "--fault", "tempo_off")
    assert code == 0, output
    assert "prescribed tempo" in output and "tempo_off" in output


def test_no_rep_style_writes_a_clip_without_reps(tmp_path: Path) -> None:
    truth_path = tmp_path / "t.json"
    code, output = run(
        str(tmp_path / "idle.kp.json"), "--style", "none", "--truth", str(truth_path)
    )
    assert code == 0, output
    assert json.loads(truth_path.read_text())["rep_count"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fault", "short_hold"], "use --style isometric"),
        (["--style", "none", "--reps", "3"], "style 'none' has no reps"),
        (["--reps", "-1"], "--reps must be between 0"),
        (["--fps", "2"], "--fps must be between"),
    ],
)
def test_bad_requests_exit_2_with_a_message_and_write_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    code, output = run(str(tmp_path / "x.kp.json"), *args)
    assert code == 2
    assert message in output
    assert list(tmp_path.iterdir()) == []


def test_output_name_must_be_json(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "clip.txt"))
    assert code == 2 and "must end in .json" in output


def test_unknown_choice_lists_the_allowed_values(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "x.kp.json"), "--noise", "extreme")
    assert code == 2 and "low" in output and "high" in output


def test_missing_output_directory_is_reported(tmp_path: Path) -> None:
    code, output = run(str(tmp_path / "nowhere" / "x.kp.json"))
    assert code == 2 and "does not exist" in output
