"""Use case: a keypoint file in, the form analysis out."""

from __future__ import annotations

from pathlib import Path

from revhyper.adapters.keypoint_file import read_keypoints
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.form_result import AnalysisResult, Prescription
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.domain.motion.prescription import make_prescription, parse_tempo

#: File names read as keypoint clips rather than videos.
KEYPOINT_SUFFIXES = (".json", ".json.gz")

__all__ = [
    "KEYPOINT_SUFFIXES",
    "analyze_keypoint_file",
    "is_keypoint_file",
    "make_prescription",
    "parse_tempo",
]


def is_keypoint_file(path: Path) -> bool:
    """True for ``.json``, ``.kp.json`` and ``.json.gz`` files."""
    return path.name.lower().endswith(KEYPOINT_SUFFIXES)


def analyze_keypoint_file(
    path: str | Path, prescription: Prescription | None = None
) -> tuple[KeypointClip, AnalysisResult]:
    """Read a ``revhyper-keypoints/1`` file and analyse it.

    Raises:
        NotFoundError: the file does not exist.
        InvalidInputError: the file is not a valid keypoint clip, or the prescription is bad.

    An unusable clip is not an error here: the result says so (``quality.analysable``).
    """
    clip = read_keypoints(Path(path))
    return clip, analyze_clip(clip, prescription)
