"""The annotated video and the report's pieces, on small hand-made inputs."""

from __future__ import annotations

import numpy as np
import pytest
from test_video_adapter import set_display_rotation, write_video

from revhyper.adapters.annotate import faults_on_screen, reps_done, write_annotated_video
from revhyper.adapters.pose.parallel import KeypointTrack
from revhyper.adapters.report_html import rank_reps
from revhyper.adapters.video import iter_frames, probe_video
from revhyper.domain.form_result import AnalysisResult, ClipQuality, Fault, RepResult
from revhyper.domain.keypoints import Skeleton


def _rep(index: int, top_s: float, end_s: float, top_deg: float, *faults: Fault) -> RepResult:
    return RepResult(index, top_s - 1.0, top_s, end_s, 1.0, 0.2, end_s - top_s - 0.2, top_deg,
                     -88.0, 120.0, 2.0, 4.0, tuple(faults))  # fmt: skip


REPS = (
    _rep(1, 2.0, 4.0, -2.0),
    _rep(2, 6.0, 8.0, -18.0, Fault.SHORT_ROM),
    _rep(3, 10.0, 12.0, 25.0, Fault.OVER_EXTENSION, Fault.TORSO_LIFT),
)


def test_the_rep_counter_counts_reps_once_they_end():
    assert [reps_done(REPS, t) for t in (0.0, 3.9, 4.0, 8.5, 20.0)] == [0, 0, 1, 2, 3]


def test_faults_show_from_the_top_of_their_rep_until_shortly_after_it():
    assert faults_on_screen(REPS, 5.9) == []
    assert faults_on_screen(REPS, 6.0) == ["rep 2: short rom"]
    assert faults_on_screen(REPS, 9.4) == ["rep 2: short rom"]
    assert faults_on_screen(REPS, 9.6) == []
    assert faults_on_screen(REPS, 11.0) == ["rep 3: over extension", "rep 3: torso lift"]


def test_best_and_worst_reps_rank_by_faults_then_distance_from_parallel():
    best, worst = rank_reps(REPS)
    assert (best.index, worst.index) == (1, 3)
    assert rank_reps(()) is None


def test_a_portrait_phone_video_is_annotated_upright_frame_for_frame(tmp_path):
    source = write_video(tmp_path / "phone.mp4", 24, fps=12.0, size=(96, 64))
    set_display_rotation(source, 90)
    info = probe_video(source)
    track = KeypointTrack(
        skeleton=Skeleton.BLAZEPOSE33,
        frame_index=np.arange(0, 24, 2),
        t=np.arange(0, 24, 2) / 12.0,
        xy=np.full((12, 33, 2), 30.0),
        score=np.full((12, 33), 0.9),
        person_found=np.ones(12, dtype=bool),
        person_checks=0,
        second_person_hits=0,
    )
    result = AnalysisResult(reps=REPS[:1], faults=(), quality=ClipQuality(1.0, "left"))
    out = tmp_path / "annotated.mp4"
    written = write_annotated_video(info, track, result, out)
    annotated = probe_video(out)
    assert written == annotated.frame_count == 24
    assert (annotated.width, annotated.height, annotated.rotation_deg) == (64, 96, 0)
    first = next(iter_frames(annotated)).rgb
    assert first.shape == (96, 64, 3)


def test_an_annotation_failure_leaves_no_video(tmp_path, monkeypatch):
    import revhyper.adapters.annotate as annotate

    info = probe_video(write_video(tmp_path / "a.mp4", 20))
    track = KeypointTrack(Skeleton.BLAZEPOSE33, np.arange(20), np.arange(20) / 10.0,
                          np.full((20, 33, 2), 10.0), np.full((20, 33), 0.9),
                          np.ones(20, dtype=bool), 0, 0)  # fmt: skip
    result = AnalysisResult(reps=(), faults=(), quality=ClipQuality(1.0, "left"))

    def broken(*args, **kwargs):
        raise MemoryError("out of memory while drawing")

    monkeypatch.setattr(annotate, "annotate_frame", broken)
    with pytest.raises(MemoryError):
        write_annotated_video(info, track, result, tmp_path / "out.mp4")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.mp4"]
