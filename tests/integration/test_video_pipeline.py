"""The whole video pipeline with the fake pose backend: a synthetic set (``revhyper synth``'s
generator) drawn as a video -> decode -> keypoints on two processes -> analysis -> files."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from revhyper.adapters.analysis_json import analysis_to_json
from revhyper.adapters.keypoint_file import read_keypoints
from revhyper.adapters.pose.fake import render_clip_video
from revhyper.adapters.video import probe_video
from revhyper.domain.clips.synth import NoiseLevel, Style, SynthTruth, random_spec, synthesize
from revhyper.domain.errors import ClipUnusableError, InvalidInputError
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.form_result import Fault, Prescription
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip
from revhyper.services import video_analysis
from revhyper.services.video_analysis import analyze_video

VIDEO_WIDTH = 256


def synthetic_set(seed: int = 7, faults: tuple[Fault, ...] = ()) -> tuple[KeypointClip, SynthTruth]:
    spec = random_spec(np.random.default_rng(seed), style=Style.CONTROLLED, n_reps=3,
                       faults=list(faults), noise=NoiseLevel.OFF, fps=30.0)  # fmt: skip
    return synthesize(spec, seed)


def front_view(clip: KeypointClip) -> KeypointClip:
    """The same motion as if filmed from the front: left and right joints far apart."""
    names = JOINT_NAMES[clip.skeleton]
    hip, knee = names.index("left_hip"), names.index("left_knee")
    thigh_px = float(np.nanmedian(np.hypot(*(clip.xy[:, hip] - clip.xy[:, knee]).T)))
    xy = clip.xy.copy()
    for k, name in enumerate(names):
        if name.startswith(("left_", "right_")):
            xy[:, k, 0] += (1 if name.startswith("left_") else -1) * 0.6 * thigh_px
    score = np.where(np.isfinite(xy[..., 0]), 0.9, 0.0)
    return KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t, xy, score)


@pytest.fixture(scope="module")
def videos(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("videos")
    clip, _ = synthetic_set()
    paths = {name: folder / f"{name}.mp4" for name in ("set", "front", "two", "empty")}
    render_clip_video(clip, paths["set"], width=VIDEO_WIDTH)
    render_clip_video(front_view(clip), paths["front"], width=VIDEO_WIDTH)
    hip_x = np.nanmedian(clip.xy[:, JOINT_NAMES[clip.skeleton].index("left_hip"), 0])
    beside = (0.35 if hip_x < clip.width / 2 else -0.35) * VIDEO_WIDTH  # second person in view
    render_clip_video(clip, paths["two"], width=VIDEO_WIDTH, extra_people_offsets_px=[(beside, 0)])
    no_xy, no_score = np.full_like(clip.xy[:90], np.nan), np.zeros_like(clip.score[:90])
    nobody = KeypointClip(clip.skeleton, clip.fps, clip.width, clip.height, clip.t[:90],
                          no_xy, no_score)  # fmt: skip
    render_clip_video(nobody, paths["empty"], width=VIDEO_WIDTH)
    return paths


class _PageCheck(HTMLParser):
    """Collects tags, link targets and image sources of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("href", "src", "action")]


def _outputs(folder: Path) -> dict[str, Path]:
    return {
        "keypoints_out": folder / "set.kp.json",
        "annotate": folder / "annotated.mp4",
        "report": folder / "report.html",
    }


def test_a_filmed_set_is_counted_and_every_output_is_well_formed(videos, tmp_path):
    _, truth = synthetic_set()
    outputs = _outputs(tmp_path)
    result = analyze_video(videos["set"], backend="fake", workers=2, **outputs)

    assert result.rep_count == truth.rep_count == 3
    for rep, expected in zip(result.reps, truth.reps, strict=True):
        assert rep.top_angle_deg == pytest.approx(expected.top_angle_deg, abs=5)
        assert rep.concentric_s == pytest.approx(expected.concentric_s, abs=0.25)
        assert rep.eccentric_s == pytest.approx(expected.eccentric_s, abs=0.25)
    assert json.loads(analysis_to_json(result))["rep_count"] == 3

    saved = read_keypoints(outputs["keypoints_out"])
    assert saved.n_frames == probe_video(videos["set"]).frame_count
    assert analyze_clip(saved).rep_count == 3

    annotated = probe_video(outputs["annotate"])
    source = probe_video(videos["set"])
    assert (annotated.frame_count, annotated.width, annotated.height) == (
        source.frame_count, source.width, source.height)  # fmt: skip

    page = outputs["report"].read_text(encoding="utf-8")
    parser = _PageCheck()
    parser.feed(page)
    parser.close()
    assert parser.tags.count("tr") == 1 + result.rep_count
    assert parser.tags.count("img") == 3  # the plot and the best and worst rep's top
    assert all(url.startswith("data:image/png;base64,") for url in parser.urls)
    assert "http://" not in page and "https://" not in page
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in outputs.values())


def test_faults_reach_the_report_with_their_advice(tmp_path):
    clip, truth = synthetic_set(seed=11, faults=(Fault.SHORT_ROM,))
    render_clip_video(clip, tmp_path / "short.mp4", width=VIDEO_WIDTH)
    report = tmp_path / "report.html"
    result = analyze_video(tmp_path / "short.mp4", backend="fake", workers=1, report=report)
    assert Fault.SHORT_ROM in truth.faults and Fault.SHORT_ROM in result.faults
    page = report.read_text(encoding="utf-8")
    assert "short_rom" in page and "level with the floor" in page


def test_every_second_frame_gives_the_same_count(videos):
    result = analyze_video(videos["set"], backend="fake", workers=1, stride=2)
    assert result.rep_count == 3


def test_a_prescription_is_passed_to_the_analysis(videos):
    strict = Prescription(hold_s=5.0)
    result = analyze_video(videos["set"], backend="fake", workers=1, prescription=strict)
    assert Fault.SHORT_HOLD in result.faults


@pytest.mark.parametrize(
    ("video", "message"),
    [
        ("empty", "no person found"),
        ("front", "not side-on"),
        ("two", "two people in view"),
    ],
)
def test_unusable_clips_are_refused_and_leave_no_files(videos, tmp_path, video, message):
    with pytest.raises(ClipUnusableError, match=message):
        analyze_video(videos[video], backend="fake", workers=1, **_outputs(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_output_is_refused_before_the_pose_model_runs(videos, tmp_path, monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("pose estimation started before the output path was checked")

    monkeypatch.setattr(video_analysis, "estimate_keypoints", must_not_run)
    with pytest.raises(InvalidInputError, match="does not exist"):
        analyze_video(videos["set"], backend="fake", report=tmp_path / "no" / "r.html")
    with pytest.raises(InvalidInputError, match=r"must end in \.mp4"):
        analyze_video(videos["set"], backend="fake", annotate=tmp_path / "a.avi")
    with pytest.raises(InvalidInputError, match="overwrite the input"):
        analyze_video(videos["set"], backend="fake", annotate=videos["set"])
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_outputs_leaves_none_of_them(videos, tmp_path, monkeypatch):
    import revhyper.adapters.report_html as report_html

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_html, "write_report", broken)
    with pytest.raises(OSError, match="No space left"):
        analyze_video(videos["set"], backend="fake", workers=1, **_outputs(tmp_path))
    assert list(tmp_path.iterdir()) == []
