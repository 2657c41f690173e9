"""Pose backends: the factory, the colour-dot fake, and the MediaPipe backend's guards.

Tests marked ``mediapipe`` run the real BlazePose model on scikit-image's astronaut photo.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from revhyper.adapters.pose import get_backend
from revhyper.adapters.pose.fake import FakeBackend, render_clip_video
from revhyper.adapters.pose.mediapipe_backend import (
    REQUIRED_MODEL_FILES,
    MediaPipeBackend,
    defer_import,
    mediapipe_package_dir,
)
from revhyper.adapters.video import iter_frames, probe_video
from revhyper.domain.errors import InvalidInputError, RevhyperError
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton, joint_index

DRAWN = ("left_shoulder", "left_hip", "left_knee", "left_ankle", "nose")


def _still_clip(frames: int = 12, fps: float = 10.0) -> KeypointClip:
    """A person lying on a pad, seen from the left, legs hanging; right side hidden behind."""
    n = len(JOINT_NAMES[Skeleton.BLAZEPOSE33])
    xy = np.full((frames, n, 2), np.nan)
    score = np.zeros((frames, n))
    place = {"nose": (200, 300), "shoulder": (320, 320), "hip": (640, 330),
             "knee": (700, 520), "ankle": (720, 690)}  # fmt: skip
    for name, where in place.items():
        sides = [("", 0.95)] if name == "nose" else [("left_", 0.95), ("right_", 0.4)]
        for prefix, joint_score in sides:
            k = joint_index(Skeleton.BLAZEPOSE33, prefix + name)
            xy[:, k] = where
            score[:, k] = joint_score
    t = np.arange(frames) / fps
    return KeypointClip(Skeleton.BLAZEPOSE33, fps, 1280, 720, t, xy, score)


def _first_frame(path: Path) -> np.ndarray:
    return next(iter_frames(probe_video(path))).rgb


def test_the_factory_knows_both_backends_and_refuses_others():
    assert isinstance(get_backend("fake"), FakeBackend)
    assert isinstance(get_backend("mediapipe"), MediaPipeBackend)
    with pytest.raises(InvalidInputError, match=r"'openpose'.*allowed: mediapipe, fake"):
        get_backend("openpose")


def test_fake_backend_finds_the_drawn_joints_where_they_were_drawn(tmp_path):
    clip = _still_clip()
    width, _ = render_clip_video(clip, tmp_path / "v.mp4", width=384)
    found = FakeBackend().open_estimator().estimate(_first_frame(tmp_path / "v.mp4"))
    assert found is not None
    scale = width / clip.width
    for name in DRAWN:
        k = joint_index(Skeleton.BLAZEPOSE33, name)
        assert np.hypot(*(found.xy[k] - clip.xy[0, k] * scale)) < 1.5
        assert found.score[k] > 0.5


def test_fake_backend_guesses_hidden_far_side_joints_with_a_low_score(tmp_path):
    render_clip_video(_still_clip(), tmp_path / "v.mp4")
    found = FakeBackend().open_estimator().estimate(_first_frame(tmp_path / "v.mp4"))
    assert found is not None
    left_hip, right_hip, left_elbow = (
        joint_index(Skeleton.BLAZEPOSE33, name) for name in ("left_hip", "right_hip", "left_elbow")
    )
    np.testing.assert_allclose(found.xy[right_hip], found.xy[left_hip])
    assert 0.0 < found.score[right_hip] < 0.5 < found.score[left_hip]
    assert found.score[left_elbow] == 0.0 and np.isnan(found.xy[left_elbow]).all()


def test_fake_backend_sees_nobody_in_an_empty_frame():
    blank = np.zeros((120, 160, 3), np.uint8)
    assert FakeBackend().open_estimator().estimate(blank) is None


def test_fake_backend_notices_a_second_person(tmp_path):
    estimator = FakeBackend().open_estimator()
    render_clip_video(_still_clip(), tmp_path / "one.mp4")
    render_clip_video(_still_clip(), tmp_path / "two.mp4", extra_people_offsets_px=[(-150, 0)])
    for name, expected in (("one.mp4", False), ("two.mp4", True)):
        frame = _first_frame(tmp_path / name)
        found = estimator.estimate(frame)
        assert found is not None
        assert estimator.other_person_present(frame, found) is expected


@pytest.mark.parametrize("complexity", [0, 2])
def test_model_complexities_that_download_at_run_time_are_refused(complexity):
    with pytest.raises(InvalidInputError, match=r"complexity .* not supported.*downloaded"):
        MediaPipeBackend(model_complexity=complexity)


def test_missing_model_files_are_reported_with_the_install_command(monkeypatch, tmp_path):
    import revhyper.adapters.pose.mediapipe_backend as backend_module

    monkeypatch.setattr(backend_module, "mediapipe_package_dir", lambda: tmp_path)
    with pytest.raises(RevhyperError, match=r"pose_landmark_full.tflite.*make run"):
        MediaPipeBackend().check_available()
    monkeypatch.setattr(backend_module, "mediapipe_package_dir", lambda: None)
    with pytest.raises(RevhyperError, match=r"not installed.*make run"):
        MediaPipeBackend().check_available()


def test_the_installed_mediapipe_ships_its_pose_models():
    package = mediapipe_package_dir()
    assert package is not None
    assert all((package / name).is_file() for name in REQUIRED_MODEL_FILES)
    MediaPipeBackend().check_available()


@pytest.mark.mediapipe
def test_blazepose_finds_33_landmarks_on_the_astronaut_photo():
    from skimage import data

    image = data.astronaut()  # 512x512 RGB photo of an astronaut, head and torso
    estimator = MediaPipeBackend().open_estimator()
    try:
        found = estimator.estimate(image)
        assert found is not None
        assert found.xy.shape == (33, 2) and found.score.shape == (33,)
        names = JOINT_NAMES[Skeleton.BLAZEPOSE33]
        upper = [names.index(n) for n in ("nose", "left_shoulder", "right_shoulder")]
        assert np.all(found.score[upper] > 0.9)
        assert np.all((found.xy[upper] > 0) & (found.xy[upper] < 512))
        nose, left_shoulder, right_shoulder = found.xy[upper]
        assert nose[1] < min(left_shoulder[1], right_shoulder[1])  # head above shoulders
        assert abs(left_shoulder[0] - right_shoulder[0]) > 60  # she faces the camera
        assert not estimator.other_person_present(image, found)
    finally:
        estimator.close()


@pytest.mark.mediapipe
def test_blazepose_check_sees_a_second_person_beside_the_first():
    from skimage import data

    two = np.ascontiguousarray(np.concatenate([data.astronaut(), data.astronaut()], axis=1))
    estimator = MediaPipeBackend().open_estimator()
    try:
        found = estimator.estimate(two)
        assert found is not None
        assert estimator.other_person_present(two, found)
    finally:
        estimator.close()


def test_a_deferred_module_is_imported_only_when_first_used(tmp_path, monkeypatch):
    (tmp_path / "revhyper_probe_module.py").write_text(
        "import sys\nsys.revhyper_probe_loads = getattr(sys, 'revhyper_probe_loads', 0) + 1\n"
        "ANSWER = 42\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "revhyper_probe_module", raising=False)
    defer_import("revhyper_probe_module")
    import revhyper_probe_module  # type: ignore[import-not-found]

    assert getattr(sys, "revhyper_probe_loads", 0) == 0
    assert revhyper_probe_module.ANSWER == 42
    assert sys.revhyper_probe_loads == 1  # type: ignore[attr-defined]
    assert sys.modules["revhyper_probe_module"].ANSWER == 42
    del sys.revhyper_probe_loads  # type: ignore[attr-defined]
    monkeypatch.delitem(sys.modules, "revhyper_probe_module")


def test_deferring_a_submodule_defers_its_package_too(tmp_path, monkeypatch):
    package = tmp_path / "revhyper_probe_pkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import sys\nsys.revhyper_probe_pkg_loads = 1\nNAME = 'package'\n"
    )
    (package / "plots.py").write_text("NAME = 'plots'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("revhyper_probe_pkg", "revhyper_probe_pkg.plots"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    defer_import("revhyper_probe_pkg.plots")
    import revhyper_probe_pkg.plots as plots  # type: ignore[import-not-found]

    assert not hasattr(sys, "revhyper_probe_pkg_loads")
    assert plots.NAME == "plots"
    assert sys.revhyper_probe_pkg_loads == 1  # type: ignore[attr-defined]
    del sys.revhyper_probe_pkg_loads  # type: ignore[attr-defined]
    for name in ("revhyper_probe_pkg", "revhyper_probe_pkg.plots"):
        monkeypatch.delitem(sys.modules, name, raising=False)
