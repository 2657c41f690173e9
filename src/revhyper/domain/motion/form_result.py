"""Typed results of form analysis: the in-memory form of ``revhyper-analysis/1``.

The analysis (``revhyper.domain.motion``) fills these; adapters serialise them to the
contract's JSON; the report, the annotated video and the training log read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from revhyper.domain.tempo import Tempo
from revhyper.domain.vocabulary import Fault

if TYPE_CHECKING:  # numpy only types the angle series; the log and the CLI never need it
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "ANALYSIS_FORMAT",
    "AnalysisResult",
    "AngleSeries",
    "ClipQuality",
    "Fault",
    "Prescription",
    "RepResult",
    "Tempo",
]

ANALYSIS_FORMAT = "revhyper-analysis/1"


@dataclass(frozen=True)
class Prescription:
    """What the set was meant to be; enables ``short_hold`` and ``tempo_off`` checks."""

    variation: str | None = None
    hold_s: float | None = None
    tempo: Tempo | None = None
    #: Fault thresholds to change for this set, by ``FaultThresholds`` field name
    #: (``revhyper.domain.motion.faults``), e.g. ``{"short_rom_top_deg": -20}``.
    threshold_overrides: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RepResult:
    """One repetition. Times from clip start [s]; angles per the contract's convention [deg]."""

    index: int
    start_s: float
    top_s: float
    end_s: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    top_angle_deg: float
    bottom_angle_deg: float
    peak_angular_velocity_deg_s: float
    trunk_angle_change_deg: float
    knee_flexion_top_deg: float
    faults: tuple[Fault, ...] = ()


@dataclass(frozen=True)
class ClipQuality:
    """How well the clip could be read."""

    tracked_fraction: float
    side: str  # "left", "right" or "both"
    warnings: tuple[str, ...] = ()
    analysable: bool = True


@dataclass(frozen=True, eq=False)
class AngleSeries:
    """Cleaned per-frame angles the analysis worked on (for plots, overlays and reports).

    Attributes:
        t: timestamps, shape (N,) [s].
        thigh_deg: thigh vs floor, contract convention, shape (N,) [deg].
        trunk_deg: trunk vs floor, shape (N,) [deg].
        knee_flexion_deg: 0 = straight knee, shape (N,) [deg].
    """

    t: NDArray[np.float64]
    thigh_deg: NDArray[np.float64]
    trunk_deg: NDArray[np.float64]
    knee_flexion_deg: NDArray[np.float64]


@dataclass(frozen=True)
class AnalysisResult:
    """Everything the form coach says about one clip."""

    reps: tuple[RepResult, ...]
    faults: tuple[Fault, ...]
    quality: ClipQuality
    series: AngleSeries | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def rep_count(self) -> int:
        return len(self.reps)
