"""Motion analysis of side-view keypoint clips of reverse hyperextensions.

Pure NumPy/SciPy. The entry point is :func:`analyze_clip`; the steps live in one module each:
:mod:`.sides` (which body side, which way the athlete faces), :mod:`.angles`, :mod:`.signal`
(resampling and cleaning), :mod:`.reps` (segmentation and phases), :mod:`.faults` (thresholds,
checks, advice) and :mod:`.quality`; :mod:`.keypoints` is the input (a clip of joint positions)
and :mod:`.form_result` the output types.

Imports: the shared kernel only. The analysis knows nothing of the training log, programming,
the exercise knowledge or the clip generators (import-linter holds it to that).

The names below are loaded on first use, so that reading a keypoint file or a result type does
not import SciPy's signal tools (the CLI's start-up depends on it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from revhyper.domain.motion.analyze import AnalysisSettings, analyze_clip
    from revhyper.domain.motion.faults import (
        DEFAULT_THRESHOLDS,
        FAULT_ADVICE,
        FaultThresholds,
    )

__all__ = [
    "DEFAULT_THRESHOLDS",
    "FAULT_ADVICE",
    "AnalysisSettings",
    "FaultThresholds",
    "analyze_clip",
]

_HOMES = {
    "AnalysisSettings": "revhyper.domain.motion.analyze",
    "analyze_clip": "revhyper.domain.motion.analyze",
    "DEFAULT_THRESHOLDS": "revhyper.domain.motion.faults",
    "FAULT_ADVICE": "revhyper.domain.motion.faults",
    "FaultThresholds": "revhyper.domain.motion.faults",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
