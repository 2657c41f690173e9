"""Pose estimation on every core: range planning, merging, errors from workers."""

from __future__ import annotations

import dataclasses
import importlib.machinery
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.adapters.pose import parallel
from revhyper.adapters.pose.fake import render_clip_video
from revhyper.adapters.pose.parallel import (
    MIN_FRAMES_PER_WORKER,
    WARMUP_S,
    estimate_keypoints,
    plan_tasks,
)
from revhyper.adapters.video import VideoInfo, probe_video
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton, joint_index


def _info(frame_count: int, fps: float) -> VideoInfo:
    return VideoInfo(Path("x.mp4"), 1280, 720, fps, frame_count, frame_count / fps, 0)


@settings(max_examples=40, deadline=None)
@given(
    frame_count=st.integers(30, 20_000),
    fps=st.sampled_from([24.0, 25.0, 30.0, 50.0, 60.0]),
    stride=st.integers(1, 5),
    workers=st.integers(1, 4),
)
def test_worker_ranges_cover_every_analysed_frame_exactly_once(frame_count, fps, stride, workers):
    tasks = plan_tasks(_info(frame_count, fps), "fake", stride=stride, workers=workers)
    kept = [i for task in tasks for i in range(task.keep_from, task.stop, stride)]
    assert kept == list(range(0, frame_count, stride))
    assert tasks[0].decode_start == 0
    for task in tasks:
        assert task.decode_start % stride == 0 and task.keep_from % stride == 0
        warmup_frames = task.keep_from - task.decode_start
        assert 0 <= warmup_frames <= WARMUP_S * fps + stride
    assert len(tasks) <= max(1, (frame_count // stride) // MIN_FRAMES_PER_WORKER)


def test_ranges_balance_model_work_including_warm_up():
    tasks = plan_tasks(_info(1800, 30.0), "fake", stride=1, workers=2)
    work = [task.stop - task.decode_start for task in tasks]
    assert len(tasks) == 2 and abs(work[0] - work[1]) <= 1


def _swinging_clip(seconds: float = 10.0, fps: float = 30.0) -> KeypointClip:
    """Hip fixed, thigh swinging between hanging and level (-90..0 deg), trunk on the pad."""
    t = np.arange(round(seconds * fps)) / fps
    n = len(JOINT_NAMES[Skeleton.BLAZEPOSE33])
    xy = np.full((t.size, n, 2), np.nan)
    score = np.zeros((t.size, n))
    angle = np.radians(-45 - 45 * np.cos(2 * np.pi * t / 3.0))
    hip = np.array([640.0, 300.0])
    joints = {
        "shoulder": np.tile(hip - [330, 10], (t.size, 1)),
        "hip": np.tile(hip, (t.size, 1)),
        "knee": hip + 200 * np.stack([np.cos(angle), -np.sin(angle)], axis=1),
        "ankle": hip + 390 * np.stack([np.cos(angle), -np.sin(angle)], axis=1),
    }
    for name, where in joints.items():
        for side, joint_score in (("left", 0.95), ("right", 0.4)):
            k = joint_index(Skeleton.BLAZEPOSE33, f"{side}_{name}")
            xy[:, k], score[:, k] = where, joint_score
    return KeypointClip(Skeleton.BLAZEPOSE33, fps, 1280, 720, t, xy, score)


@pytest.fixture(scope="module")
def swing_video(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parallel") / "swing.mp4"
    render_clip_video(_swinging_clip(), path, width=320)
    return path


def test_two_worker_processes_give_the_same_keypoints_as_one(swing_video):
    info = probe_video(swing_video)
    calls: list[tuple[int, int]] = []
    alone = estimate_keypoints(info, "fake", workers=1)
    shared = estimate_keypoints(info, "fake", workers=2, progress=lambda d, t: calls.append((d, t)))
    assert alone.t.size == shared.t.size == info.frame_count
    np.testing.assert_array_equal(alone.frame_index, shared.frame_index)
    np.testing.assert_allclose(alone.t, shared.t)
    np.testing.assert_allclose(alone.xy, shared.xy, equal_nan=True)
    assert np.all(np.diff(shared.t) > 0)
    assert calls[-1] == (info.frame_count, info.frame_count)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_stride_keeps_every_kth_frame_with_its_real_timestamp(swing_video):
    info = probe_video(swing_video)
    track = estimate_keypoints(info, "fake", workers=2, stride=3)
    np.testing.assert_array_equal(track.frame_index, np.arange(0, info.frame_count, 3))
    np.testing.assert_allclose(track.t, track.frame_index / info.fps)
    assert track.person_found.all()


def test_an_error_inside_a_worker_process_reaches_the_caller(swing_video):
    info = dataclasses.replace(probe_video(swing_video), frame_count=600)
    with pytest.raises(InvalidInputError, match="truncated or corrupt"):
        estimate_keypoints(info, "fake", workers=2)


def test_workers_start_without_rerunning_the_parents_main_script(monkeypatch):
    script = types.ModuleType("__main__")
    script.__file__ = "/usr/bin/some-console-script"
    script.__spec__ = None
    monkeypatch.setitem(sys.modules, "__main__", script)
    with parallel._main_script_not_rerun():
        assert not hasattr(sys.modules["__main__"], "__file__")
    assert script.__file__ == "/usr/bin/some-console-script"


def test_a_main_module_run_with_dash_m_is_left_alone(monkeypatch):
    module = types.ModuleType("__main__")
    module.__file__ = "/src/revhyper/__main__.py"
    module.__spec__ = importlib.machinery.ModuleSpec("revhyper.__main__", None)
    monkeypatch.setitem(sys.modules, "__main__", module)
    with parallel._main_script_not_rerun():
        assert module.__file__ == "/src/revhyper/__main__.py"
