"""``revhyper analyze`` on keypoint files filmed obliquely or edited with cuts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from revhyper.adapters.keypoint_file import write_keypoints
from revhyper.cli.app import app
from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion.keypoints import Skeleton

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


def _clip_file(path: Path, oblique_deg: float) -> Path:
    rng = np.random.default_rng(11)
    spec = random_spec(rng, style=Style.CONTROLLED, n_reps=3, faults=[], noise=NoiseLevel.LOW,
                       skeleton=Skeleton.BLAZEPOSE33, fps=30.0)  # fmt: skip
    camera = replace(spec.camera, oblique_deg=oblique_deg, yaw_deg=0.0, distance_m=3.0)
    clip, _ = synthesize(replace(spec, camera=camera), rng)
    write_keypoints(clip, path)
    return path


def test_a_clip_filmed_45_degrees_off_the_side_is_refused_with_exit_6_and_what_to_do(tmp_path):
    path = _clip_file(tmp_path / "oblique.kp.json", 45.0)
    result = runner.invoke(app, ["analyze", str(path)], env=WIDE)
    assert result.exit_code == 6
    output = " ".join(result.output.split())
    assert "turn the camera so it looks at the athlete's side" in output
    assert "Traceback" not in result.output


def test_the_same_clip_filmed_from_the_side_is_analysed(tmp_path):
    path = _clip_file(tmp_path / "side.kp.json", 0.0)
    result = runner.invoke(app, ["analyze", str(path)], env=WIDE)
    assert result.exit_code == 0, result.output
