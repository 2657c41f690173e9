"""Motion analysis of side-view keypoint clips of reverse hyperextensions.

Pure NumPy/SciPy. The entry point is :func:`analyze_clip`; the steps live in one module each:
:mod:`.sides` (which body side, which way the athlete faces), :mod:`.angles`, :mod:`.signal`
(resampling and cleaning), :mod:`.reps` (segmentation and phases), :mod:`.faults` (thresholds,
checks, advice) and :mod:`.quality`.
"""

from revhyper.domain.motion.analyze import AnalysisSettings, analyze_clip
from revhyper.domain.motion.faults import DEFAULT_THRESHOLDS, FAULT_ADVICE, FaultThresholds

__all__ = [
    "DEFAULT_THRESHOLDS",
    "FAULT_ADVICE",
    "AnalysisSettings",
    "FaultThresholds",
    "analyze_clip",
]
