"""The annotated video and the report's pieces, on small hand-made inputs."""

from __future__ import annotations

import numpy as np
import pytest
from test_video_adapter import set_display_rotation, write_video

from revhyper.adapters.annotate import (
    annotate_frame,
    faults_on_screen,
    fitting_lines,
    place_label,
    reps_counted,
    write_annotated_video,
)
from revhyper.adapters.pose.parallel import KeypointTrack
from revhyper.adapters.report_html import rank_reps
from revhyper.adapters.video import iter_frames, probe_video
from revhyper.domain.motion.form_result import (
    AnalysisResult,
    AngleSeries,
    ClipQuality,
    Fault,
    RepResult,
)
from revhyper.domain.motion.keypoints import Skeleton


def _rep(index: int, top_s: float, end_s: float, top_deg: float, *faults: Fault) -> RepResult:
    return RepResult(index, top_s - 1.0, top_s, end_s, 1.0, 0.2, end_s - top_s - 0.2, top_deg,
                     -88.0, 120.0, 2.0, 4.0, tuple(faults))  # fmt: skip


REPS = (
    _rep(1, 2.0, 4.0, -2.0),
    _rep(2, 6.0, 8.0, -18.0, Fault.SHORT_ROM),
    _rep(3, 10.0, 12.0, 25.0, Fault.OVER_EXTENSION, Fault.TORSO_LIFT),
)


def test_the_rep_counter_counts_a_rep_when_its_top_is_reached():
    assert [reps_counted(REPS, t) for t in (0.0, 1.9, 2.0, 5.9, 6.0, 20.0)] == [0, 0, 1, 1, 2, 3]


@pytest.mark.parametrize("t", np.arange(0.0, 14.0, 0.1))
def test_the_counter_agrees_with_every_rep_label_on_screen(t):
    counted = reps_counted(REPS, t)
    for label in faults_on_screen(REPS, t):
        assert int(label.split(":")[0].removeprefix("rep ")) <= counted
    if any(rep.top_s <= t <= rep.end_s for rep in REPS):  # during a rep: the counter names it
        current = max(rep.index for rep in REPS if rep.top_s <= t)
        assert counted == current


@pytest.mark.parametrize(
    ("shape", "origin", "text"),
    [
        ((656, 368, 3), (12, 34), "rep 3: uncontrolled descent"),  # portrait phone, long label
        ((720, 1280, 3), (1270, 5), "thigh +12 deg"),  # hip at the top-right corner
        ((720, 1280, 3), (-40, 900), "thigh -88 deg"),  # off the left and bottom edges
        ((120, 160, 3), (12, 34), "rep 12: over extension"),  # a tiny frame
    ],
)
def test_every_label_is_placed_inside_the_frame(shape, origin, text):
    _, size, (left, top, right, bottom) = place_label(shape, text, origin, 0.8)
    assert left >= 0 and right <= shape[1]
    assert top >= 0 and bottom <= shape[0]
    assert size <= 0.8


def test_a_label_that_fits_is_drawn_where_asked_at_its_size():
    origin, size, _ = place_label((720, 1280, 3), "reps: 2", (12, 34), 0.8)
    assert (origin, size) == ((12, 34), 0.8)


def test_drawn_labels_leave_the_frame_border_untouched():
    image = np.zeros((200, 160, 3), np.uint8)
    xy = np.full((33, 2), np.nan)
    xy[23], xy[25] = (140.0, 10.0), (140.0, 16.0)  # hip by the top-right corner: its label is not
    score = np.where(np.isfinite(xy[:, 0]), 0.9, 0.0)
    series = AngleSeries(np.array([0.0, 20.0]), np.array([-5.0, -5.0]), np.zeros(2), np.zeros(2))
    result = AnalysisResult(reps=REPS, faults=(), quality=ClipQuality(1.0, "left"), series=series)
    annotate_frame(image, 11.0, Skeleton.BLAZEPOSE33, xy, score, result)
    border = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
    assert border.max() == 0
    assert image.max() > 0


def test_fault_lines_beyond_the_frame_are_summed_up_in_the_last_line():
    lines = [f"rep 1: fault {k}" for k in range(10)]
    image = np.zeros((150, 300, 3), np.uint8)
    shown = fitting_lines(lines, image, 34)  # room for 3 lines below the counter
    assert shown == ["rep 1: fault 0", "rep 1: fault 1", "+8 more"]
    assert fitting_lines(lines[:3], image, 34) == lines[:3]


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
