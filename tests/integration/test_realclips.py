"""Filmed clips (``../shared/realclips``, beside the repository; never copied into it) through the
whole video path with the real pose model: each clip's expected outcome, measured or refused
with its reason, as its README describes.

Skipped, with the reason shown, where the folder is absent; ``REVHYPER_REQUIRE_REALCLIPS=1``
(set by ``.ci/run``) makes that a failure instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revhyper.adapters.video import probe_video
from revhyper.cli.app import app
from revhyper.services.video_analysis import VideoRefusedError, analyze_video
from revhyper.settings import Settings

REALCLIPS = Path(__file__).resolve().parents[2].parent / "shared" / "realclips"

#: clip -> None (measured) or words its refusal must contain.
EXPECTED: dict[str, tuple[str, ...] | None] = {
    "r01_reverse_hyper_RENDERED.mp4": None,
    "c02_deadlift_side.mp4": ("the athlete is standing", "hinge or a squat"),
    "c03_backsquat_side.mp4": ("the athlete is standing", "hinge or a squat"),
    "c05_squat_closeup_cropped.mp4": ("the athlete is standing", "hinge or a squat"),
    "c08_leg_raise_tiktok.mp4": ("face up", "leg raise"),
    "c01b_hip_thrust_side_toppanel.mp4": ("face up", "hip thrust"),
}


def _clip(name: str) -> Path:
    if not REALCLIPS.is_dir():
        message = f"the filmed clips are not at {REALCLIPS}"
        if Settings().require_realclips:
            pytest.fail(message + " (REVHYPER_REQUIRE_REALCLIPS is set)")
        pytest.skip(message)
    return REALCLIPS / name


def test_every_clip_in_the_folder_has_an_expected_outcome():
    folder = _clip("")
    assert sorted(p.name for p in folder.glob("*.mp4")) == sorted(EXPECTED)


def test_the_iphone_trimmed_clip_is_read_as_its_549_presented_frames():
    info = probe_video(_clip("c05_squat_closeup_cropped.mp4"))
    assert info.frame_count == 549  # of 591 stored: the edit list hides the first 1.4 s
    assert info.duration_s == pytest.approx(18.3, abs=0.05)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_filmed_clip_is_measured_or_refused_with_its_reason(name):
    path = _clip(name)
    words = EXPECTED[name]
    if words is None:
        result = analyze_video(path, backend="mediapipe", workers=1)
        assert result.quality.analysable
        assert result.rep_count == 1
        rep = result.reps[0]
        assert -15.0 <= rep.top_angle_deg <= 15.0  # near parallel
        assert rep.bottom_angle_deg <= -70.0  # near hanging
        return
    with pytest.raises(VideoRefusedError) as refusal:
        analyze_video(path, backend="mediapipe", workers=1)
    message = str(refusal.value)
    assert all(word in message for word in words), message
    assert refusal.value.result.reps == ()
    assert not refusal.value.result.quality.analysable


def test_the_cli_prints_a_refused_filmed_clip_as_json_and_exits_6():
    path = _clip("c03_backsquat_side.mp4")
    result = CliRunner().invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 6, result.output
    document = json.loads(result.stdout)
    assert document["quality"]["analysable"] is False
    assert "the athlete is standing" in document["quality"]["warnings"][0]
