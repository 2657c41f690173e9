"""Rep styles, angle trajectories and the ground truth of one clip.

The thigh angle (contract convention [deg]) is a chain of segments, each a monotone move or a
plateau; the trunk and knee angles follow each rep's progress. The truth of each rep is read
from the noiseless thigh curve on a fine time grid:

* ``start_s`` = the moment the thigh leaves the bottom (its concentric segment begins),
  ``end_s`` = the moment it is back at the bottom (its eccentric segment ends);
* ``hold_s`` = time within :data:`TOP_BAND_DEG` of the rep's peak (the contract: "within a few
  degrees of the peak"); ``concentric_s`` = start -> entering that band, ``eccentric_s`` =
  leaving it -> end, so the three add up to the rep;
* ``*_kinematic_s`` = the designed segment durations (movement onset to standstill), reported
  as a second reading because a smooth onset makes "leaving the bottom" a matter of threshold.

Every injected fault is far from the contract's thresholds (checked in :func:`_check_truth`),
and so is every clean rep, so the truth is unambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.form_result import Prescription, Tempo

TOP_BAND_DEG = 3.0
DIAGNOSTIC_BANDS_DEG = (1.0, 2.0, 3.0)
TRUTH_STEP_S = 0.002

STYLES = (
    "controlled",
    "pendulum",
    "isometric",
    "slow_tempo",
    "no_reps",
    "hold_prescribed",
    "tempo_prescribed",
)
#: Share of each style in a generated set.
STYLE_WEIGHTS = (0.30, 0.15, 0.13, 0.12, 0.10, 0.10, 0.10)
FORM_FAULTS = (
    "short_rom",
    "over_extension",
    "torso_lift",
    "knee_bend",
    "uncontrolled_descent",
)
ALL_FAULTS = (*FORM_FAULTS, "short_hold", "tempo_off")
#: Which form faults each style may carry (prescribed sets stay otherwise clean).
STYLE_FAULTS: dict[str, tuple[str, ...]] = {
    "controlled": FORM_FAULTS,
    "pendulum": ("short_rom", "over_extension", "torso_lift", "knee_bend"),
    "isometric": FORM_FAULTS,
    "slow_tempo": FORM_FAULTS,
    "no_reps": (),
    "hold_prescribed": (),
    "tempo_prescribed": (),
}
#: Prescribed cadences C-H-E-P [s] for tempo sets. Holds of 2-3 s: with a shorter one, the
#: slow approach to the peak alone would fill much of a 3-degree band, and whether the rep kept
#: the cadence would depend on how "at the top" is read.
TEMPOS = ((2, 2, 2, 1), (3, 2, 3, 1), (2, 2, 3, 0), (3, 3, 3, 1), (4, 3, 4, 1), (2, 3, 2, 1))
SHAPES = ("minjerk", "cosine", "trapezoid")


@dataclass(frozen=True)
class Segment:
    """The thigh moving from ``a0`` to ``a1`` [deg] over [t0, t1] [s].

    ``shape`` "hold" is a linear drift plus a wobble of ``wobble_deg`` at ``wobble_hz`` that
    vanishes at both ends; the other shapes are monotone moves with zero end velocities.
    """

    t0: float
    t1: float
    a0: float
    a1: float
    shape: str
    wobble_deg: float = 0.0
    wobble_hz: float = 0.0


@dataclass(frozen=True)
class RepDesign:
    """One rep as planned; times [s], angles [deg]."""

    bottom_deg: float
    top_deg: float
    end_bottom_deg: float
    concentric_s: float
    plateau_s: float
    eccentric_s: float
    pause_s: float
    shape: str
    trunk_lift_deg: float
    knee_extra_deg: float
    faults: tuple[str, ...] = ()


@dataclass(frozen=True)
class RepTruth:
    """What the analysis should find for one rep (see the module docstring)."""

    start_s: float
    top_s: float
    end_s: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    concentric_kinematic_s: float
    eccentric_kinematic_s: float
    top_angle_deg: float
    bottom_angle_deg: float
    trunk_change_deg: float
    knee_flexion_top_deg: float
    faults: tuple[str, ...]
    #: Time within 1, 2 and 3 degrees of the peak [s] (a diagnostic of how "at the top" is read).
    hold_by_band_s: tuple[tuple[float, float], ...] = ()


@dataclass
class ClipPlan:
    """Trajectories and truth of one clip, before any camera or noise."""

    style: str
    fault: str | None
    segments: list[Segment]
    rep_windows: list[tuple[float, float, float, RepDesign]]  # start, top, end, design
    trunk_base_deg: float
    knee_base_deg: float
    breathing_phase: float
    prescription: Prescription | None = None
    truth: list[RepTruth] = field(default_factory=list)

    @property
    def duration_s(self) -> float:
        return self.segments[-1].t1


# ---------------------------------------------------------------------------------------------
# Shapes and evaluation
# ---------------------------------------------------------------------------------------------


def _progress(shape: str, tau: NDArray[np.float64]) -> NDArray[np.float64]:
    """Normalised position 0 -> 1 over normalised time ``tau`` in [0, 1]."""
    if shape == "minjerk":
        return tau**3 * (10.0 - 15.0 * tau + 6.0 * tau**2)
    if shape == "cosine":
        return 0.5 - 0.5 * np.cos(np.pi * tau)
    if shape in ("trapezoid", "ramp"):  # velocity ramps up and down over 15 % (ramp: 8 %)
        a = 0.15 if shape == "trapezoid" else 0.08
        peak_velocity = 1.0 / (1.0 - a)
        rise = peak_velocity * tau**2 / (2 * a)
        cruise = peak_velocity * (tau - a / 2)
        settle = 1.0 - peak_velocity * (1.0 - tau) ** 2 / (2 * a)
        return np.where(tau < a, rise, np.where(tau > 1 - a, settle, cruise))
    raise ValueError(f"unknown shape {shape!r}")


def thigh_angle(segments: list[Segment], t: NDArray[np.float64]) -> NDArray[np.float64]:
    """Thigh angle [deg] at times ``t`` [s]."""
    starts = np.array([s.t0 for s in segments])
    which = np.clip(np.searchsorted(starts, t, side="right") - 1, 0, len(segments) - 1)
    out = np.empty_like(t)
    for k, seg in enumerate(segments):
        sel = which == k
        if not np.any(sel):
            continue
        tau = np.clip((t[sel] - seg.t0) / (seg.t1 - seg.t0), 0.0, 1.0)
        if seg.shape == "hold":
            base = seg.a0 + (seg.a1 - seg.a0) * tau
            wobble = np.sin(2 * np.pi * seg.wobble_hz * (t[sel] - seg.t0)) * np.sin(np.pi * tau)
            out[sel] = base + seg.wobble_deg * wobble
        else:
            out[sel] = seg.a0 + (seg.a1 - seg.a0) * _progress(seg.shape, tau)
    return out


def _rep_progress(
    plan: ClipPlan, t: NDArray[np.float64], thigh: NDArray[np.float64]
) -> list[tuple[NDArray[np.float64], RepDesign]]:
    """Per rep: how far (0..1) the thigh is between its bottom and its top, zero outside."""
    out = []
    for start, top_time, end, rep in plan.rep_windows:
        base = np.where(t <= top_time, rep.bottom_deg, rep.end_bottom_deg)
        frac = np.clip((thigh - base) / (rep.top_deg - base), 0.0, 1.0)
        out.append((np.where((t >= start) & (t <= end), frac, 0.0), rep))
    return out


def body_angles(
    plan: ClipPlan, t: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Thigh, trunk and knee-flexion angles [deg] at times ``t`` [s]."""
    thigh = thigh_angle(plan.segments, t)
    trunk = plan.trunk_base_deg + 0.5 * np.sin(2 * np.pi * 0.22 * t + plan.breathing_phase)
    knee = np.full_like(t, plan.knee_base_deg)
    for frac, rep in _rep_progress(plan, t, thigh):
        trunk = trunk + rep.trunk_lift_deg * frac
        knee = knee + rep.knee_extra_deg * frac
    return thigh, trunk, knee


# ---------------------------------------------------------------------------------------------
# Building a plan
# ---------------------------------------------------------------------------------------------


class _Builder:
    """Appends segments one after another."""

    def __init__(self, start_deg: float) -> None:
        self.t = 0.0
        self.angle = start_deg
        self.segments: list[Segment] = []

    def move(self, to_deg: float, duration: float, shape: str) -> None:
        self.segments.append(Segment(self.t, self.t + duration, self.angle, to_deg, shape))
        self.t += duration
        self.angle = to_deg

    def hold(self, duration: float, drift_deg: float, wobble_deg: float, hz: float) -> None:
        if duration <= 0:
            return
        end = self.angle + drift_deg
        seg = Segment(self.t, self.t + duration, self.angle, end, "hold", wobble_deg, hz)
        self.segments.append(seg)
        self.t += duration
        self.angle = end


def _idle(b: _Builder, rng: np.random.Generator, duration: float, settle: bool) -> None:
    """Legs hanging: slow sway (up to +/-6 deg), maybe one settling lift of under 15 deg."""
    rest = b.angle
    if settle:
        b.hold(duration * 0.4, 0.0, float(rng.uniform(0.3, 3.0)), float(rng.uniform(0.2, 0.6)))
        b.move(rest + float(rng.uniform(5.0, 13.0)), float(rng.uniform(0.5, 1.0)), "cosine")
        b.move(rest + float(rng.uniform(-2.0, 2.0)), float(rng.uniform(0.6, 1.2)), "cosine")
        b.hold(duration * 0.6, 0.0, float(rng.uniform(0.3, 2.0)), float(rng.uniform(0.2, 0.6)))
    else:
        b.hold(duration, 0.0, float(rng.uniform(0.3, 6.0)), float(rng.uniform(0.2, 0.6)))


def _clean_top(rng: np.random.Generator) -> float:
    return float(rng.uniform(-3.5, 10.0))


def _form_rep(
    rng: np.random.Generator,
    bottom: float,
    end_bottom: float,
    timing: tuple[float, float, float, float],
    shape: str,
    fault: str | None,
) -> RepDesign:
    """A rep with clean values everywhere except for ``fault`` (if any)."""
    concentric, plateau, eccentric, pause = timing
    top = _clean_top(rng)
    lift = float(rng.uniform(-0.8, 1.2))
    knee = float(rng.uniform(0.0, 3.0))
    if fault == "short_rom":
        top = float(rng.uniform(-30.0, -22.0))
    elif fault == "over_extension":
        top = float(rng.uniform(26.0, 35.0))
    elif fault == "torso_lift":
        lift = float(rng.uniform(12.0, 18.0))
    elif fault == "knee_bend":
        knee = float(rng.uniform(33.0, 40.0))
    elif fault == "uncontrolled_descent":
        eccentric = float(rng.uniform(0.25, 0.35))
        shape = "cosine"
    faults = (fault,) if fault else ()
    return RepDesign(
        bottom, top, end_bottom, concentric, plateau, eccentric, pause, shape, lift, knee, faults
    )


RepWindow = tuple[float, float, float, RepDesign]  # start, top reached, end [s], design


def _append_rep(b: _Builder, rng: np.random.Generator, rep: RepDesign) -> RepWindow:
    start = b.t
    b.move(rep.top_deg, rep.concentric_s, rep.shape)
    top_time = b.t
    drift = -float(rng.uniform(0.0, 1.5)) if rep.plateau_s > 0 else 0.0
    b.hold(rep.plateau_s, drift, float(rng.uniform(0.0, 0.5)), float(rng.uniform(0.3, 1.0)))
    b.move(rep.end_bottom_deg, rep.eccentric_s, rep.shape)
    end = b.t
    b.hold(rep.pause_s, 0.0, float(rng.uniform(0.0, 0.8)), float(rng.uniform(0.3, 1.0)))
    return (start, top_time, end, rep)


def _timing(rng: np.random.Generator, style: str) -> tuple[float, float, float, float]:
    """Concentric, plateau, eccentric, bottom pause [s] for one rep of ``style``."""
    u = rng.uniform
    if style == "controlled":
        return (float(u(0.8, 1.6)), float(u(0.2, 1.0)), float(u(1.0, 2.2)), float(u(0.4, 1.5)))
    if style == "pendulum":
        return (float(u(0.9, 1.5)), 0.0, float(u(1.0, 1.6)), 0.0)
    if style == "isometric":
        return (float(u(1.0, 2.0)), float(u(3.0, 9.0)), float(u(1.2, 2.2)), float(u(1.0, 3.0)))
    if style == "slow_tempo":
        return (float(u(3.0, 4.0)), float(u(0.5, 1.5)), float(u(3.0, 4.0)), float(u(0.5, 1.5)))
    raise ValueError(style)


def _form_set(rng: np.random.Generator, style: str, fault: str | None) -> ClipPlan:
    n_reps = int(rng.integers(2, 7) if style == "isometric" else rng.integers(3, 11))
    rest = float(rng.uniform(-97.0, -73.0))
    b = _Builder(rest)
    _idle(b, rng, float(rng.uniform(0.8, 4.0)), settle=bool(rng.random() < 0.5))
    with_fault = rng.random(n_reps) < 0.6
    if fault:
        with_fault[int(rng.integers(n_reps))] = True
    pendulum = style == "pendulum"
    bottom = rest
    if pendulum and rng.random() < 0.4:  # a small build-up swing before the first rep
        b.move(rest + float(rng.uniform(8.0, 13.0)), float(rng.uniform(0.6, 0.9)), "cosine")
        b.move(rest, float(rng.uniform(0.6, 0.9)), "cosine")
    windows = []
    shape = "cosine" if pendulum else str(rng.choice(SHAPES))
    for k in range(n_reps):
        end_bottom = (
            float(rng.uniform(-114.0, -104.0)) if pendulum else rest + float(rng.uniform(-3.0, 3.0))
        )
        rep_fault = fault if (fault and with_fault[k]) else None
        rep = _form_rep(rng, bottom, end_bottom, _timing(rng, style), shape, rep_fault)
        windows.append(_append_rep(b, rng, rep))
        bottom = end_bottom
    if pendulum:  # swing back up to rest: a rise of about 20 deg, not a rep
        b.move(rest, float(rng.uniform(0.7, 1.0)), "cosine")
    _idle(b, rng, float(rng.uniform(0.8, 4.0)), settle=bool(rng.random() < 0.4))
    return _new_plan(rng, style, fault, b, windows)


def _new_plan(
    rng: np.random.Generator,
    style: str,
    fault: str | None,
    b: _Builder,
    windows: list[RepWindow],
    prescription: Prescription | None = None,
) -> ClipPlan:
    return ClipPlan(
        style=style,
        fault=fault,
        segments=b.segments,
        rep_windows=windows,
        trunk_base_deg=float(rng.uniform(-3.0, 3.0)),
        knee_base_deg=float(rng.uniform(0.0, 4.0)),
        breathing_phase=float(rng.uniform(0, 2 * np.pi)),
        prescription=prescription,
    )


def _no_reps(rng: np.random.Generator) -> ClipPlan:
    b = _Builder(float(rng.uniform(-97.0, -73.0)))
    for _ in range(int(rng.integers(1, 4))):
        _idle(b, rng, float(rng.uniform(2.0, 8.0)), settle=bool(rng.random() < 0.8))
    return _new_plan(rng, "no_reps", None, b, [])


def _tails(concentric: float, eccentric: float, shape: str, rise: float) -> float:
    """Time [s] the concentric and eccentric moves spend within the top band."""
    tau = np.linspace(0.0, 1.0, 20001)
    inside = 1.0 - _progress(shape, tau) <= TOP_BAND_DEG / rise
    return float(np.mean(inside)) * (concentric + eccentric)


def _hold_set(rng: np.random.Generator) -> ClipPlan:
    """Isometric set with a prescribed hold; each rep's band hold well above or below it."""
    prescribed = float(rng.choice([2.0, 3.0, 4.0, 5.0, 6.0, 8.0]))
    short_share = float(rng.choice([0.0, 0.5, 1.0]))
    rest = float(rng.uniform(-95.0, -75.0))
    b = _Builder(rest)
    _idle(b, rng, float(rng.uniform(0.8, 3.0)), settle=bool(rng.random() < 0.4))
    windows = []
    for _ in range(int(rng.integers(2, 6))):
        shape = str(rng.choice(["cosine", "trapezoid"]))
        concentric, eccentric = float(rng.uniform(1.0, 1.8)), float(rng.uniform(1.2, 2.0))
        short = bool(rng.random() < short_share)
        band = prescribed * (rng.uniform(0.3, 0.55) if short else rng.uniform(1.2, 1.45))
        top = _clean_top(rng)
        plateau = max(0.1, float(band) - _tails(concentric, eccentric, shape, top - rest))
        rep = RepDesign(
            rest,
            top,
            rest + float(rng.uniform(-2, 2)),
            concentric,
            plateau,
            eccentric,
            float(rng.uniform(1.0, 2.5)),
            shape,
            0.0,
            1.0,
            ("short_hold",) if short else (),
        )
        windows.append(_append_rep(b, rng, rep))
    _idle(b, rng, float(rng.uniform(0.8, 3.0)), settle=False)
    return _new_plan(rng, "hold_prescribed", None, b, windows, Prescription(hold_s=prescribed))


def _tempo_set(rng: np.random.Generator) -> ClipPlan:
    """Tempo set: on-cadence reps within ~10 %, off-cadence ones halve or double a phase."""
    c_p, h_p, e_p, p_p = (float(x) for x in TEMPOS[int(rng.integers(len(TEMPOS)))])
    off_share = float(rng.choice([0.0, 0.5, 1.0]))
    rest = float(rng.uniform(-95.0, -75.0))
    b = _Builder(rest)
    _idle(b, rng, float(rng.uniform(0.8, 3.0)), settle=bool(rng.random() < 0.4))
    windows = []
    for _ in range(int(rng.integers(3, 7))):
        concentric, eccentric = c_p * 1.05, e_p * 1.05
        off = bool(rng.random() < off_share)
        if off:
            factor = float(rng.choice([0.45, 1.9]))
            if rng.random() < 0.5:
                concentric = c_p * factor
            else:
                eccentric = e_p * factor
        top = _clean_top(rng)
        plateau = max(0.15, 1.05 * h_p - _tails(concentric, eccentric, "ramp", top - rest))
        pause = max(0.3, p_p * float(rng.uniform(0.95, 1.05)))
        rep = RepDesign(
            rest,
            top,
            rest + float(rng.uniform(-1.5, 1.5)),
            concentric,
            plateau,
            eccentric,
            pause,
            "ramp",
            0.0,
            1.0,
            ("tempo_off",) if off else (),
        )
        windows.append(_append_rep(b, rng, rep))
    _idle(b, rng, float(rng.uniform(0.8, 3.0)), settle=False)
    tempo = Tempo(c_p, h_p, e_p, p_p)
    return _new_plan(rng, "tempo_prescribed", None, b, windows, Prescription(tempo=tempo))


def random_plan(
    rng: np.random.Generator, style: str | None = None, fault: str | None = "random"
) -> ClipPlan:
    """A clip plan of a random (or the given) style, with its truth filled in.

    ``fault``: "random" (about half the form sets carry one of their style's faults), None
    (clean) or a code from :data:`FORM_FAULTS` to inject into some of the reps.
    """
    if style is None:
        style = str(rng.choice(STYLES, p=STYLE_WEIGHTS))
    if style == "no_reps":
        plan = _no_reps(rng)
    elif style == "hold_prescribed":
        plan = _hold_set(rng)
    elif style == "tempo_prescribed":
        plan = _tempo_set(rng)
    else:
        if fault == "random":
            fault = str(rng.choice(STYLE_FAULTS[style])) if rng.random() < 0.55 else None
        elif fault is not None and fault not in STYLE_FAULTS[style]:
            raise ValueError(f"{style} sets do not carry {fault!r}")
        plan = _form_set(rng, style, fault)
    plan.truth = [_rep_truth(plan, window) for window in plan.rep_windows]
    for truth in plan.truth:
        _check_truth(plan, truth)
    return plan


def _rep_truth(plan: ClipPlan, window: tuple[float, float, float, RepDesign]) -> RepTruth:
    start, _, end, rep = window
    t = np.arange(start, end + TRUTH_STEP_S / 2, TRUTH_STEP_S)
    thigh, trunk, knee = body_angles(plan, t)
    peak = int(np.argmax(thigh))
    inside = np.flatnonzero(thigh >= thigh[peak] - TOP_BAND_DEG)
    band_start, band_end = float(t[inside[0]]), float(t[inside[-1]])
    return RepTruth(
        start_s=start,
        top_s=float(t[peak]),
        end_s=end,
        concentric_s=band_start - start,
        hold_s=band_end - band_start,
        eccentric_s=end - band_end,
        concentric_kinematic_s=rep.concentric_s,
        eccentric_kinematic_s=rep.eccentric_s,
        top_angle_deg=float(thigh[peak]),
        bottom_angle_deg=rep.bottom_deg,
        trunk_change_deg=float(np.ptp(trunk)),
        knee_flexion_top_deg=float(knee[peak]),
        faults=rep.faults,
        hold_by_band_s=tuple((band, _band_time(t, thigh, band)) for band in DIAGNOSTIC_BANDS_DEG),
    )


def _band_time(t: NDArray[np.float64], thigh: NDArray[np.float64], band: float) -> float:
    inside = np.flatnonzero(thigh >= thigh.max() - band)
    return float(t[inside[-1]] - t[inside[0]])


def _check_truth(plan: ClipPlan, truth: RepTruth) -> None:
    """The values of every rep sit clearly on the side of each threshold its faults say."""
    f = set(truth.faults)
    checks = {
        "short_rom": (truth.top_angle_deg < -18.0, truth.top_angle_deg > -5.0),
        "over_extension": (truth.top_angle_deg > 24.0, truth.top_angle_deg < 13.0),
        "torso_lift": (truth.trunk_change_deg > 11.0, truth.trunk_change_deg < 3.5),
        "knee_bend": (truth.knee_flexion_top_deg > 32.0, truth.knee_flexion_top_deg < 10.0),
        "uncontrolled_descent": (
            truth.eccentric_kinematic_s < 0.4 and truth.eccentric_s < 0.4,
            truth.eccentric_s > 0.6,
        ),
    }
    for code, (when_faulty, when_clean) in checks.items():
        ok = when_faulty if code in f else when_clean
        if not ok:
            raise AssertionError(f"{plan.style}: truth of {code} is ambiguous: {truth}")
    rise = truth.top_angle_deg - truth.bottom_angle_deg
    if rise < 40.0:
        raise AssertionError(f"rep rises only {rise:.1f} deg: {truth}")
    rx = plan.prescription
    if rx is not None and rx.hold_s is not None:
        ratio = truth.hold_s / rx.hold_s
        if not (ratio < 0.6 if "short_hold" in f else ratio > 1.15):
            raise AssertionError(f"hold {truth.hold_s:.2f} vs {rx.hold_s} is ambiguous")
    if rx is not None and rx.tempo is not None:
        _check_tempo(rx.tempo, truth, "tempo_off" in f)


def _check_tempo(tempo: Tempo, truth: RepTruth, off: bool) -> None:
    ratios = [
        truth.concentric_s / tempo.concentric_s,
        truth.concentric_kinematic_s / tempo.concentric_s,
        truth.eccentric_s / tempo.eccentric_s,
        truth.eccentric_kinematic_s / tempo.eccentric_s,
    ]
    worst = max(abs(r - 1.0) for r in ratios)
    hold_ratio = truth.hold_s / tempo.hold_s
    if off:
        c_off = min(abs(ratios[0] - 1), abs(ratios[1] - 1))
        e_off = min(abs(ratios[2] - 1), abs(ratios[3] - 1))
        if max(c_off, e_off) < 0.4:
            raise AssertionError(f"tempo_off rep is too close to the cadence: {ratios}")
    elif worst > 0.16 or abs(hold_ratio - 1.0) > 0.12:
        raise AssertionError(f"on-tempo rep is too far from the cadence: {ratios} {hold_ratio}")
