"""Form faults: the thresholds (one table, as data), the checks, and what to tell the athlete.

Default thresholds are the contract's fault table (``shared/contracts/keypoints.md``), which
takes them from the seed's form advice: raise the legs to parallel with the floor; keep the
lower back from extending too much; keep the chest on the pad and do not jerk the upper body;
keep the legs straight (bending the knees is a beginner's regression); lower the legs in a
controlled manner; isometric holds at the top; tempo reps follow a cadence.

Timing faults and the readings of "the top": where a rep reaches and leaves the top is only
defined to "within a few degrees" (the contract), which on a slow approach is a few tenths of a
second. The analysis reports the plateau-band reading and also passes the speed reading (the
movement stopped / resumed) as ``RepMeasures.other_readings``. ``short_hold`` and
``uncontrolled_descent`` judge the longest hold and lowering among the readings, and
``tempo_off`` is raised only when every reading misses the cadence: a fault is never made by
the choice of reading alone.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Fault, Prescription, Tempo


@dataclass(frozen=True)
class FaultThresholds:
    """When a rep is flagged. Angles [deg], times [s], fractions [-].

    Attributes:
        short_rom_top_deg: ``short_rom`` when the top thigh angle is below this [deg].
        over_extension_top_deg: ``over_extension`` when the top thigh angle is above this [deg].
        torso_lift_change_deg: ``torso_lift`` when the trunk angle ranges more than this
            during the rep [deg].
        knee_bend_top_deg: ``knee_bend`` when knee flexion at the top exceeds this [deg].
        uncontrolled_descent_s: ``uncontrolled_descent`` when the eccentric is shorter [s].
        short_hold_fraction: ``short_hold`` when the hold is below this fraction of the
            prescribed hold [-].
        tempo_tolerance_fraction: ``tempo_off`` when a phase misses its prescribed duration
            by more than this fraction of it [-] ...
        tempo_tolerance_floor_s: ... or by more than this, whichever is larger [s]. Where the
            top begins and ends cannot be placed finer than a few tenths of a second: on a slow
            2-4 s move the legs spend 0.2-0.4 s within a few degrees of the top, and detector
            noise of a degree or two blurs that further; so no phase is judged more finely
            than this (a prescribed 1 s hold is kept by anything from 0.5 to 1.5 s).
    """

    short_rom_top_deg: float = -10.0
    over_extension_top_deg: float = 20.0
    torso_lift_change_deg: float = 8.0
    knee_bend_top_deg: float = 25.0
    uncontrolled_descent_s: float = 0.5
    short_hold_fraction: float = 0.8
    tempo_tolerance_fraction: float = 0.25
    tempo_tolerance_floor_s: float = 0.5

    def with_overrides(self, overrides: Mapping[str, float]) -> FaultThresholds:
        """A copy with some thresholds replaced; unknown names or non-finite values are refused."""
        allowed = {f.name for f in fields(self)}
        for name, value in overrides.items():
            if name not in allowed:
                raise InvalidInputError(
                    f"unknown fault threshold {name!r}; allowed: {', '.join(sorted(allowed))}"
                )
            if not isinstance(value, int | float) or not math.isfinite(value):
                raise InvalidInputError(f"fault threshold {name} must be a number, got {value!r}")
        return replace(self, **{name: float(value) for name, value in overrides.items()})

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


#: The contract's default thresholds.
DEFAULT_THRESHOLDS = FaultThresholds()

#: One line per fault, for the athlete (our wording of the seed's advice).
FAULT_ADVICE: dict[Fault, str] = {
    Fault.SHORT_ROM: "Lift until your legs are level with the floor; this rep stopped short.",
    Fault.OVER_EXTENSION: (
        "Stop at about parallel: driving the legs much higher arches and loads the lower back."
    ),
    Fault.TORSO_LIFT: (
        "Keep your chest down on the pad; lifting or jerking the upper body strains the lower back."
    ),
    Fault.KNEE_BEND: (
        "Keep your legs straight; bend the knees only as a stepping stone while you build strength."
    ),
    Fault.UNCONTROLLED_DESCENT: (
        "Lower your legs under control instead of letting them drop; let the swing help, not rule."
    ),
    Fault.SHORT_HOLD: "Hold the top position for the full prescribed time before lowering.",
    Fault.TEMPO_OFF: "Match the prescribed cadence: time each phase, slow and without momentum.",
}


#: Concentric, hold and eccentric durations under one reading of "at the top" [s].
PhaseTimes = tuple[float, float, float]


@dataclass(frozen=True)
class RepMeasures:
    """What the fault checks read from one rep. Angles [deg], times [s].

    ``other_readings`` are the phase times under other admissible readings of when the top
    was reached and left (the contract's "within a few degrees" leaves that open by a few
    tenths of a second on a slow approach); the timing faults are only raised when every
    reading misses the prescription.
    """

    top_angle_deg: float
    trunk_change_deg: float
    knee_flexion_top_deg: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    pause_after_s: float | None = None
    other_readings: tuple[PhaseTimes, ...] = ()

    def readings(self) -> tuple[PhaseTimes, ...]:
        """The reported phase times first, then the other readings of the top."""
        return ((self.concentric_s, self.hold_s, self.eccentric_s), *self.other_readings)


def thresholds_for(
    prescription: Prescription | None, base: FaultThresholds = DEFAULT_THRESHOLDS
) -> FaultThresholds:
    """``base`` with the prescription's threshold overrides applied."""
    if prescription is None or not prescription.threshold_overrides:
        return base
    return base.with_overrides(prescription.threshold_overrides)


def _missed(measured: float, prescribed: float, limits: FaultThresholds) -> bool:
    tolerance = max(limits.tempo_tolerance_fraction * prescribed, limits.tempo_tolerance_floor_s)
    return abs(measured - prescribed) > tolerance


def _reading_misses_tempo(times: PhaseTimes, tempo: Tempo, limits: FaultThresholds) -> bool:
    prescribed = (tempo.concentric_s, tempo.hold_s, tempo.eccentric_s)
    return any(_missed(done, meant, limits) for done, meant in zip(times, prescribed, strict=True))


def tempo_missed(rep: RepMeasures, prescription: Prescription, limits: FaultThresholds) -> bool:
    """True when, under every reading of the top, the lift, the hold or the lowering misses
    the prescribed tempo.

    The pause at the bottom (P) is not judged: the last rep of a set has none, and the rest
    between reps is where athletes reset; ``RepMeasures.pause_after_s`` is still reported.
    """
    tempo = prescription.tempo
    if tempo is None:
        return False
    return all(_reading_misses_tempo(times, tempo, limits) for times in rep.readings())


def rep_faults(
    rep: RepMeasures, limits: FaultThresholds, prescription: Prescription | None = None
) -> tuple[Fault, ...]:
    """Fault codes of one rep, in the contract's table order (NaN measures are not judged)."""
    found: list[Fault] = []
    if rep.top_angle_deg < limits.short_rom_top_deg:
        found.append(Fault.SHORT_ROM)
    if rep.top_angle_deg > limits.over_extension_top_deg:
        found.append(Fault.OVER_EXTENSION)
    if rep.trunk_change_deg > limits.torso_lift_change_deg:
        found.append(Fault.TORSO_LIFT)
    if rep.knee_flexion_top_deg > limits.knee_bend_top_deg:
        found.append(Fault.KNEE_BEND)
    if max(times[2] for times in rep.readings()) < limits.uncontrolled_descent_s:
        found.append(Fault.UNCONTROLLED_DESCENT)
    if prescription is not None:
        hold = prescription.hold_s
        longest_hold = max(times[1] for times in rep.readings())
        if hold is not None and hold > 0 and longest_hold < limits.short_hold_fraction * hold:
            found.append(Fault.SHORT_HOLD)
        if tempo_missed(rep, prescription, limits):
            found.append(Fault.TEMPO_OFF)
    return tuple(found)


def union_of_faults(per_rep: list[tuple[Fault, ...]]) -> tuple[Fault, ...]:
    """Every fault seen in any rep, in the contract's table order."""
    seen = {fault for faults in per_rep for fault in faults}
    return tuple(fault for fault in Fault if fault in seen)
