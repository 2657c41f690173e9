"""MediaPipe BlazePose (33 landmarks) through the legacy ``mediapipe.solutions.pose`` API.

Only ``model_complexity=1`` ("full") is allowed: mediapipe 0.10.21 ships that landmark model
and the person detector inside its wheel, while complexities 0 ("lite") and 2 ("heavy") are
downloaded at run time, which fails offline. The project installs ``mediapipe==0.10.21`` with
``--no-deps`` (``make run`` / ``make install``); :meth:`MediaPipeBackend.check_available`
looks for the two model files without importing mediapipe.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from revhyper.adapters.pose.base import Landmarks
from revhyper.domain.errors import InvalidInputError, RevhyperError
from revhyper.domain.motion.keypoints import Skeleton

#: The only model complexity whose model ships inside the wheel.
SUPPORTED_MODEL_COMPLEXITY = 1
#: Model files the legacy pose graph needs at complexity 1, relative to the mediapipe package.
REQUIRED_MODEL_FILES = (
    "modules/pose_landmark/pose_landmark_full.tflite",
    "modules/pose_detection/pose_detection.tflite",
)
INSTALL_HINT = (
    "install it with `make run` (or: .venv/bin/pip install --no-deps mediapipe==0.10.21), "
    "or set REVHYPER_POSE_BACKEND"
)
#: Modules mediapipe imports at start-up but the pose model never uses: ``matplotlib.pyplot``
#: (and so the ``matplotlib`` package) serves only mediapipe's 3-D plotting helper; importing
#: them cost each worker process about 0.1-0.2 s of CPU time (measured with
#: ``python -X importtime``).
DEFERRED_IMPORTS = ("matplotlib.pyplot",)
#: Detection and tracking confidence thresholds passed to the model (MediaPipe's defaults).
MIN_DETECTION_CONFIDENCE = 0.5
MIN_TRACKING_CONFIDENCE = 0.5
#: Second-person check: margin added around the found person before masking it out
#: [fraction of its size], and the detection and landmark-presence confidence the still-image
#: model must reach on the masked frame. MediaPipe's default 0.5 "finds" people in clutter left
#: beside a masked person (a poster, a helmet); 0.8 did not, while a second real person passed
#: (checked on scikit-image's astronaut photo, alone and side by side).
MASK_MARGIN_FRACTION = 0.15
SECOND_PERSON_MIN_CONFIDENCE = 0.8


def mediapipe_package_dir() -> Path | None:
    """Where the ``mediapipe`` package is installed, or ``None`` (found without importing it)."""
    spec = importlib.util.find_spec("mediapipe")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _landmarks_from_result(result: Any, width: int, height: int) -> Landmarks | None:
    if result.pose_landmarks is None:
        return None
    points = result.pose_landmarks.landmark
    xy = np.array([[p.x * width, p.y * height] for p in points], dtype=np.float64)
    score = np.clip(np.array([p.visibility for p in points], dtype=np.float64), 0.0, 1.0)
    return Landmarks(xy=xy, score=score)


def _mask_out(rgb: NDArray[np.uint8], found: Landmarks) -> NDArray[np.uint8]:
    """A copy of ``rgb`` with the found person's bounding box (plus a margin) painted grey."""
    height, width = rgb.shape[:2]
    visible = np.isfinite(found.xy).all(axis=1)
    x0, y0 = np.nanmin(found.xy[visible], axis=0)
    x1, y1 = np.nanmax(found.xy[visible], axis=0)
    mx, my = MASK_MARGIN_FRACTION * (x1 - x0), MASK_MARGIN_FRACTION * (y1 - y0)
    left, top = max(0, int(x0 - mx)), max(0, int(y0 - my))
    right, bottom = min(width, int(x1 + mx) + 1), min(height, int(y1 + my) + 1)
    masked = rgb.copy()
    masked[top:bottom, left:right] = 127
    return masked


def _read_only(rgb: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """A read-only view of ``rgb`` (the caller's array stays writeable). MediaPipe wraps a
    read-only array in its image packet by reference but copies a writeable one first
    (2.7 MB per 720p frame; measured: about 0.5 ms less CPU per frame by reference)."""
    view = rgb.view()
    view.flags.writeable = False
    return view


def defer_import(name: str) -> None:
    """Register stand-ins for module ``name`` (and for its parent packages not yet imported)
    that import the real module the first time one of its attributes is used, so code that
    does use it still works. ``import a.b as c`` binds the stand-in of ``a.b`` without
    touching ``a``'s real code. Does nothing if ``name`` is already imported."""
    if name in sys.modules:
        return
    child: types.ModuleType | None = None
    parts = name.split(".")
    for depth in range(len(parts), 0, -1):
        dotted = ".".join(parts[:depth])
        if dotted in sys.modules:
            break
        stand_in = _stand_in(dotted)
        if child is not None:
            setattr(stand_in, parts[depth], child)
        sys.modules[dotted] = child = stand_in


def _stand_in(name: str) -> types.ModuleType:
    """A module object that swaps itself for the real ``name`` on first attribute use."""
    stand_in = types.ModuleType(name)

    def load_on_first_use(attribute: str) -> Any:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return getattr(importlib.import_module(name), attribute)

    stand_in.__getattr__ = load_on_first_use  # type: ignore[method-assign]
    return stand_in


class MediaPipeEstimator:
    """One BlazePose graph in video mode (tracks the person from frame to frame)."""

    def __init__(self) -> None:
        for name in DEFERRED_IMPORTS:
            defer_import(name)
        from mediapipe.python.solutions import pose as mp_pose

        self._mp_pose = mp_pose
        self._pose = mp_pose.Pose(
            static_image_mode=False,
            model_complexity=SUPPORTED_MODEL_COMPLEXITY,
            smooth_landmarks=True,
            enable_segmentation=False,
            min_detection_confidence=MIN_DETECTION_CONFIDENCE,
            min_tracking_confidence=MIN_TRACKING_CONFIDENCE,
        )
        self._still: Any = None

    def estimate(self, rgb: NDArray[np.uint8]) -> Landmarks | None:
        height, width = rgb.shape[:2]
        return _landmarks_from_result(self._pose.process(_read_only(rgb)), width, height)

    def other_person_present(self, rgb: NDArray[np.uint8], found: Landmarks) -> bool:
        """Mask the tracked person out and look again with a still-image detector at a high
        confidence: a second confident body means someone else is in view."""
        if not np.isfinite(found.xy).any():
            return False
        if self._still is None:
            self._still = self._mp_pose.Pose(
                static_image_mode=True,
                model_complexity=SUPPORTED_MODEL_COMPLEXITY,
                min_detection_confidence=SECOND_PERSON_MIN_CONFIDENCE,
                min_tracking_confidence=SECOND_PERSON_MIN_CONFIDENCE,
            )
        return self._still.process(_read_only(_mask_out(rgb, found))).pose_landmarks is not None

    def close(self) -> None:
        self._pose.close()
        if self._still is not None:
            self._still.close()


class MediaPipeBackend:
    """BlazePose full (``model_complexity=1``), 33 landmarks, CPU."""

    name = "mediapipe"
    skeleton = Skeleton.BLAZEPOSE33
    #: Its native code logs straight to stderr and keeps graph threads: run it in a child
    #: process (whose stderr is silenced) even when one worker suffices.
    needs_own_process = True

    def __init__(self, model_complexity: int = SUPPORTED_MODEL_COMPLEXITY) -> None:
        if model_complexity != SUPPORTED_MODEL_COMPLEXITY:
            raise InvalidInputError(
                f"pose model complexity {model_complexity} is not supported: only "
                f"{SUPPORTED_MODEL_COMPLEXITY} (BlazePose full) ships with mediapipe 0.10.21; "
                "0 (lite) and 2 (heavy) would be downloaded at run time"
            )

    def check_available(self) -> None:
        package = mediapipe_package_dir()
        if package is None:
            raise RevhyperError(f"the pose model (mediapipe) is not installed; {INSTALL_HINT}")
        missing = [name for name in REQUIRED_MODEL_FILES if not (package / name).is_file()]
        if missing:
            raise RevhyperError(
                f"mediapipe at {package} lacks its pose model files ({', '.join(missing)}); "
                f"only mediapipe 0.10.21 ships them — {INSTALL_HINT}"
            )

    def open_estimator(self) -> MediaPipeEstimator:
        self.check_available()
        return MediaPipeEstimator()
