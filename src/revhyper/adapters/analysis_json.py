"""An :class:`AnalysisResult` as the ``revhyper-analysis/1`` JSON document of the contract.

The contract's field names are kept exactly; extra per-rep fields (peak angular velocity,
trunk-angle change, knee flexion at the top) and extra quality fields (``analysable``,
``warnings``, ``cuts_s``: the times of the cuts found in an edited clip [s], empty when none)
are additions the contract allows. Numbers are rounded for people (times to
0.01 s, angles to 0.1 degree); a measure that could not be taken (NaN) is ``null``.
"""

from __future__ import annotations

import math
from typing import Any

import orjson

from revhyper.domain.motion.faults import FAULT_ADVICE
from revhyper.domain.motion.form_result import ANALYSIS_FORMAT, AnalysisResult, RepResult


def _number(value: float, digits: int) -> float | None:
    return round(value, digits) + 0.0 if math.isfinite(value) else None


def rep_to_dict(rep: RepResult) -> dict[str, Any]:
    """One rep in contract form."""
    return {
        "index": rep.index,
        "start_s": _number(rep.start_s, 2),
        "top_s": _number(rep.top_s, 2),
        "end_s": _number(rep.end_s, 2),
        "concentric_s": _number(rep.concentric_s, 2),
        "hold_s": _number(rep.hold_s, 2),
        "eccentric_s": _number(rep.eccentric_s, 2),
        "top_angle_deg": _number(rep.top_angle_deg, 1),
        "bottom_angle_deg": _number(rep.bottom_angle_deg, 1),
        "faults": [fault.value for fault in rep.faults],
        "peak_angular_velocity_deg_s": _number(rep.peak_angular_velocity_deg_s, 1),
        "trunk_angle_change_deg": _number(rep.trunk_angle_change_deg, 1),
        "knee_flexion_top_deg": _number(rep.knee_flexion_top_deg, 1),
    }


def analysis_to_dict(result: AnalysisResult) -> dict[str, Any]:
    """The whole ``revhyper-analysis/1`` document."""
    quality = result.quality
    return {
        "format": ANALYSIS_FORMAT,
        "rep_count": result.rep_count,
        "reps": [rep_to_dict(rep) for rep in result.reps],
        "faults": [fault.value for fault in result.faults],
        "quality": {
            "tracked_fraction": round(quality.tracked_fraction, 3),
            "side": quality.side,
            "analysable": quality.analysable,
            "warnings": list(quality.warnings),
            "cuts_s": [round(float(at), 2) for at in result.extra.get("cuts_s", ())],
        },
        "advice": {fault.value: FAULT_ADVICE[fault] for fault in result.faults},
    }


def analysis_to_json(result: AnalysisResult) -> str:
    """The document as indented JSON text."""
    return orjson.dumps(analysis_to_dict(result), option=orjson.OPT_INDENT_2).decode()
