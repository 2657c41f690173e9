"""Synthetic keypoint clips of reverse hyperextensions, with the truth they were made from.

A kinematic stick model of the exercise (side view): the athlete lies prone on a pad with the
hips at its edge, trunk roughly horizontal, hands on the handles, legs hanging. The thigh angle
(contract convention: 0 = parallel to the floor, -90 hanging, positive above, below -90 when the
legs swing under the pad) follows a chain of knots joined by smooth (raised-cosine) moves:

    rest ... settle ... bottom -> concentric -> top -> hold -> eccentric -> bottom -> pause ...

The trunk angle and the knee flexion rise and fall with each rep by an amount chosen per rep,
which is how ``torso_lift`` and ``knee_bend`` are injected; ``short_rom``/``over_extension``
come from the top angle, ``uncontrolled_descent`` from the eccentric time, and ``short_hold``/
``tempo_off`` from the hold and phase times against the set's prescription.

The body is scaled from its height H with the Drillis & Contini (1966) proportions as redrawn by
Winter, *Biomechanics and Motor Control of Human Movement* (4th ed., 2009), Fig. 4.1: the leg
heights come from :data:`revhyper.domain.body.anthropometry.DRILLIS_CONTINI_FRACTIONS`; the
upper-body
fractions used here are in :data:`UPPER_BODY_FRACTIONS`.

The world frame is metres, origin at the hip joint, X pointing from the hips towards the head,
Y up, and Z towards the camera for the body side nearer to it. The camera projects it (weak
perspective, a little yaw, a roll of a few degrees, scale and placement in the frame) to pixels
with y down; then come the nuisances: jitter, dropped joints (``null``), one- or two-frame
glitches, lower scores and more drop-outs on the far side, irregular timestamps and dropped
frames.

The truth (:class:`SynthTruth`) is computed from the noise-free trajectory with the contract's
definitions (``shared/contracts/keypoints.md``): a rep starts when the thigh leaves the bottom
(the concentric knot), the top is reached when the concentric move ends, the hold lasts until the
eccentric move starts and the rep ends when the eccentric move reaches the next bottom. Top and
bottom angles, trunk-angle change and knee flexion at the top are read off the trajectory on a
fine time grid, and fault codes follow from those values with :data:`CONTRACT_FAULT_LIMITS`.

Everything is drawn from a seeded :class:`numpy.random.Generator`, so a seed gives one clip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.body.anthropometry import DRILLIS_CONTINI_FRACTIONS
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Fault, Prescription, Tempo
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton

FloatArray = NDArray[np.float64]

#: Drillis & Contini (1966) via Winter (2009) Fig. 4.1, fractions of body height H [-]:
#: heights above the floor (shoulder, chin, eye) and lengths/widths of segments.
UPPER_BODY_FRACTIONS: dict[str, float] = {
    "shoulder_height": 0.818,
    "chin_height": 0.870,
    "eye_height": 0.936,
    "upper_arm": 0.186,
    "forearm": 0.146,
    "hand": 0.108,
    "shoulder_width": 0.259,
    "hip_width": 0.191,
    "foot_width": 0.055,
}

#: The contract's fault table (``shared/contracts/keypoints.md``), used to label the truth.
#: Kept here rather than imported from the analysis so the generator stays independent of it.
CONTRACT_FAULT_LIMITS: dict[str, float] = {
    "short_rom_top_below_deg": -10.0,
    "over_extension_top_above_deg": 20.0,
    "torso_lift_change_above_deg": 8.0,
    "knee_bend_top_above_deg": 25.0,
    "uncontrolled_descent_below_s": 0.5,
    "tempo_off_fraction": 0.25,
}

#: Faults injectable in any set, and those that need a prescription.
FORM_FAULTS = (
    Fault.SHORT_ROM,
    Fault.OVER_EXTENSION,
    Fault.TORSO_LIFT,
    Fault.KNEE_BEND,
    Fault.UNCONTROLLED_DESCENT,
)
PRESCRIPTION_FAULTS = (Fault.SHORT_HOLD, Fault.TEMPO_OFF)


class Style(StrEnum):
    """How the set is performed."""

    CONTROLLED = "controlled"
    PENDULUM = "pendulum"
    ISOMETRIC = "isometric"
    TEMPO = "tempo"
    NONE = "none"


class NoiseLevel(StrEnum):
    """Presets for the nuisances (``off`` renders the exact geometry)."""

    OFF = "off"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


# --------------------------------------------------------------------------------------------
# Specification
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """Segment lengths of an athlete of height ``height_m`` [m] (Drillis & Contini fractions).

    ``thigh_scale``, ``shank_scale`` and ``trunk_scale`` [-] stretch those segments away from
    the average proportions, as individuals differ.
    """

    height_m: float
    thigh_scale: float = 1.0
    shank_scale: float = 1.0
    trunk_scale: float = 1.0

    def fraction(self, name: str) -> float:
        """A length [m] from a Drillis & Contini fraction name."""
        if name in UPPER_BODY_FRACTIONS:
            return UPPER_BODY_FRACTIONS[name] * self.height_m
        return DRILLIS_CONTINI_FRACTIONS[name] * self.height_m

    @property
    def thigh_m(self) -> float:
        """Hip to knee joint centre [m] (0.530 H - 0.285 H = 0.245 H)."""
        return (self.fraction("hip_height") - self.fraction("knee_height")) * self.thigh_scale

    @property
    def shank_m(self) -> float:
        """Knee to ankle [m] (0.285 H - 0.039 H = 0.246 H)."""
        return (self.fraction("knee_height") - self.fraction("ankle_height")) * self.shank_scale

    @property
    def trunk_m(self) -> float:
        """Hip joint to shoulder joint [m] (0.818 H - 0.530 H = 0.288 H)."""
        return (self.fraction("shoulder_height") - self.fraction("hip_height")) * self.trunk_scale


@dataclass(frozen=True)
class RepPlan:
    """One rep as planned. Angles [deg] (contract convention), durations [s].

    Attributes:
        bottom_deg: thigh angle the rep starts from.
        top_deg: thigh angle at the top.
        concentric_s, hold_s, eccentric_s: phase durations.
        pause_s: time at the bottom after the rep, before the next one (or the lead-out).
        hold_sag_deg: how far the legs sink during the hold (>= 0) [deg].
        trunk_lift_deg: how far the trunk tilts up during the rep (torso lift) [deg].
        knee_flexion_top_deg: knee flexion reached at the top [deg].
        injected: the faults this rep was planned to show (a record; the truth's fault codes
            are computed from the values above).
    """

    bottom_deg: float
    top_deg: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    pause_s: float
    hold_sag_deg: float = 0.0
    trunk_lift_deg: float = 0.0
    knee_flexion_top_deg: float = 0.0
    injected: tuple[Fault, ...] = ()


@dataclass(frozen=True)
class Settle:
    """A small adjustment of the legs while idle: a bump of the thigh angle.

    Attributes:
        time_s: when it starts [s]; duration_s: how long it lasts [s];
        amplitude_deg: peak change of the thigh angle (either sign, |.| < 15) [deg].
    """

    time_s: float
    duration_s: float
    amplitude_deg: float


@dataclass(frozen=True)
class Camera:
    """How the scene becomes pixels.

    Attributes:
        skeleton: joint layout rendered.
        fps: nominal frame rate [1/s].
        width, height: image size [px].
        facing: where the head points in the image (``right`` = towards +x).
        near_side: the body side nearer the camera.
        roll_deg: camera roll, counter-clockwise in the image [deg].
        yaw_deg: how far the camera is turned from a pure side view [deg], as the small-angle
            shift of the depth offsets (lengths in the image plane are kept; a few degrees).
        oblique_deg: the athlete turned about the vertical by this much from a side view,
            as a true rotation (foreshortening and perspective included): 45 is a view from
            half-way between the side and the front [deg]. For the oblique-view checks.
        distance_m: camera distance for the weak perspective [m] (``inf`` = orthographic).
        fill: fraction of the image the body's bounding box may use (0, 1] [-].
        placement: where the box sits in the remaining room, (0..1, 0..1) [-].
    """

    skeleton: Skeleton = Skeleton.BLAZEPOSE33
    fps: float = 30.0
    width: int = 1280
    height: int = 720
    facing: Side = Side.RIGHT
    near_side: Side = Side.LEFT
    roll_deg: float = 0.0
    yaw_deg: float = 0.0
    oblique_deg: float = 0.0
    distance_m: float = float("inf")
    fill: float = 0.8
    placement: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class Nuisance:
    """Imperfections of a real pose estimator and camera. Zero everywhere = exact geometry.

    Attributes:
        jitter_fraction: position noise, standard deviation as a fraction of the thigh [-].
        far_jitter_factor: far-side jitter relative to the near side [-].
        near_dropout: fraction of near-side/centre joint detections replaced by ``null`` [-].
        far_dropout: the same for the far side [-].
        near_score: typical near-side score [-]; far_score: typical far-side score [-].
        glitches_per_min: joints jumping away for 1-2 frames, per minute [1/min].
        glitch_fraction: jump size as a fraction of the thigh [-].
        frame_drop: fraction of frames missing from the clip [-].
        timestamp_jitter: timestamp noise as a fraction of the frame period [-].
        sway_deg: amplitude of a slow sway of the legs and trunk [deg].
        sway_period_s: its period [s].
        wobble_fraction: slow, frame-to-frame correlated error of each joint (an estimator's
            drift), standard deviation as a fraction of the thigh [-].
        wobble_time_s: its correlation time [s].
        swaps_per_min: moments when the estimator swaps the left and right labels [1/min].
        far_run_frames: longest run of consecutive far-side drop-outs [frames].
    """

    jitter_fraction: float = 0.0
    far_jitter_factor: float = 2.0
    near_dropout: float = 0.0
    far_dropout: float = 0.0
    near_score: float = 0.95
    far_score: float = 0.95
    glitches_per_min: float = 0.0
    glitch_fraction: float = 0.5
    frame_drop: float = 0.0
    timestamp_jitter: float = 0.0
    sway_deg: float = 0.0
    sway_period_s: float = 4.0
    wobble_fraction: float = 0.0
    wobble_time_s: float = 0.15
    swaps_per_min: float = 0.0
    far_run_frames: int = 8


NOISE_PRESETS: dict[NoiseLevel, Nuisance] = {
    NoiseLevel.OFF: Nuisance(),
    NoiseLevel.LOW: Nuisance(
        jitter_fraction=0.005,
        near_dropout=0.005,
        far_dropout=0.05,
        near_score=0.95,
        far_score=0.75,
        glitches_per_min=2.0,
        frame_drop=0.005,
        timestamp_jitter=0.02,
        sway_deg=0.5,
        wobble_fraction=0.004,
    ),
    NoiseLevel.MEDIUM: Nuisance(
        jitter_fraction=0.015,
        near_dropout=0.02,
        far_dropout=0.15,
        near_score=0.9,
        far_score=0.6,
        glitches_per_min=8.0,
        frame_drop=0.02,
        timestamp_jitter=0.05,
        sway_deg=1.0,
        wobble_fraction=0.01,
        swaps_per_min=1.0,
        far_run_frames=20,
    ),
    NoiseLevel.HIGH: Nuisance(
        jitter_fraction=0.03,
        near_dropout=0.05,
        far_dropout=0.3,
        near_score=0.85,
        far_score=0.45,
        glitches_per_min=20.0,
        frame_drop=0.05,
        timestamp_jitter=0.1,
        sway_deg=1.5,
        wobble_fraction=0.02,
        swaps_per_min=3.0,
        far_run_frames=40,
    ),
}

#: Largest camera roll and yaw per noise level [deg].
CAMERA_ANGLE_LIMITS: dict[NoiseLevel, tuple[float, float]] = {
    NoiseLevel.OFF: (0.0, 0.0),
    NoiseLevel.LOW: (1.0, 5.0),
    NoiseLevel.MEDIUM: (3.0, 10.0),
    NoiseLevel.HIGH: (5.0, 15.0),
}


@dataclass(frozen=True)
class SynthSpec:
    """Everything that defines a synthetic clip (the noise itself comes from the seed).

    Attributes:
        body_height_m: athlete height H [m].
        style: how the set is performed (for the truth's record).
        reps: the reps, in order.
        rest_deg: thigh angle when idle, legs hanging [deg].
        trunk_deg: trunk angle vs the floor, shoulders above hips positive [deg].
        knee_flexion_deg: knee flexion when not lifting [deg].
        lead_in_s, lead_out_s: idle time before the first and after the last rep [s].
        settles: small leg adjustments while idle.
        camera: projection and image.
        nuisance: imperfections.
        prescription: the set's prescribed hold or tempo, if any.
        arm_deg: upper-arm and forearm directions in the trunk frame (0 = towards the head,
            -90 = towards the floor) [deg].
        proportions: thigh, shank and trunk length relative to the average proportions [-].
    """

    body_height_m: float = 1.78
    style: Style = Style.CONTROLLED
    reps: tuple[RepPlan, ...] = ()
    rest_deg: float = -88.0
    trunk_deg: float = 0.0
    knee_flexion_deg: float = 3.0
    lead_in_s: float = 2.0
    lead_out_s: float = 2.0
    settles: tuple[Settle, ...] = ()
    camera: Camera = field(default_factory=Camera)
    nuisance: Nuisance = field(default_factory=Nuisance)
    prescription: Prescription | None = None
    arm_deg: tuple[float, float] = (-70.0, -30.0)
    proportions: tuple[float, float, float] = (1.0, 1.0, 1.0)

    @property
    def duration_s(self) -> float:
        """Length of the clip [s]."""
        reps = sum(r.concentric_s + r.hold_s + r.eccentric_s + r.pause_s for r in self.reps)
        return self.lead_in_s + reps + self.lead_out_s

    def validate(self) -> None:
        """Raise :class:`InvalidInputError` for values the model cannot render."""
        if not 1.2 <= self.body_height_m <= 2.3:
            raise InvalidInputError(f"body height must be 1.2-2.3 m, got {self.body_height_m} m")
        if not 1.0 <= self.camera.fps <= 240.0:
            raise InvalidInputError(f"fps must be between 1 and 240, got {self.camera.fps}")
        if self.camera.width < 64 or self.camera.height < 64:
            raise InvalidInputError(
                f"image must be at least 64x64 px, got {self.camera.width}x{self.camera.height}"
            )
        if not 0.0 < self.camera.fill <= 1.0:
            raise InvalidInputError(f"camera fill must be in (0, 1], got {self.camera.fill}")
        if not -90.0 < self.camera.oblique_deg < 90.0:
            raise InvalidInputError(
                f"oblique_deg must be in (-90, 90) degrees, got {self.camera.oblique_deg}"
            )
        for index, rep in enumerate(self.reps, start=1):
            times = (rep.concentric_s, rep.eccentric_s)
            if min(times) <= 0 or min(rep.hold_s, rep.pause_s) < 0:
                raise InvalidInputError(
                    f"rep {index}: concentric and eccentric must be > 0 s and hold/pause >= 0 s"
                )
        if self.lead_in_s < 0 or self.lead_out_s < 0:
            raise InvalidInputError("lead-in and lead-out must be >= 0 s")
        if self.duration_s <= 0:
            raise InvalidInputError("the clip must last longer than 0 s")


# --------------------------------------------------------------------------------------------
# Truth
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RepTruth:
    """What one rep really was. Times from clip start [s], angles [deg]."""

    index: int
    start_s: float
    top_s: float
    end_s: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    top_angle_deg: float
    bottom_angle_deg: float
    trunk_angle_change_deg: float
    knee_flexion_top_deg: float
    faults: tuple[Fault, ...]


@dataclass(frozen=True)
class SynthTruth:
    """The labels of a synthetic clip."""

    style: Style
    reps: tuple[RepTruth, ...]
    facing: Side
    near_side: Side
    prescription: Prescription | None

    @property
    def rep_count(self) -> int:
        return len(self.reps)

    @property
    def faults(self) -> tuple[Fault, ...]:
        """Union of the reps' faults, in the contract's order."""
        found = {fault for rep in self.reps for fault in rep.faults}
        return tuple(fault for fault in Fault if fault in found)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (times in seconds, angles in degrees)."""
        prescription: dict[str, Any] | None = None
        if self.prescription is not None:
            tempo = self.prescription.tempo
            prescription = {
                "variation": self.prescription.variation,
                "hold_s": self.prescription.hold_s,
                "tempo": None
                if tempo is None
                else [tempo.concentric_s, tempo.hold_s, tempo.eccentric_s, tempo.pause_s],
            }
        return {
            "format": "revhyper-synth-truth/1",
            "style": self.style.value,
            "rep_count": self.rep_count,
            "facing": self.facing.value,
            "near_side": self.near_side.value,
            "prescription": prescription,
            "faults": [fault.value for fault in self.faults],
            "reps": [
                {
                    "index": rep.index,
                    "start_s": round(rep.start_s, 4),
                    "top_s": round(rep.top_s, 4),
                    "end_s": round(rep.end_s, 4),
                    "concentric_s": round(rep.concentric_s, 4),
                    "hold_s": round(rep.hold_s, 4),
                    "eccentric_s": round(rep.eccentric_s, 4),
                    "top_angle_deg": round(rep.top_angle_deg, 3),
                    "bottom_angle_deg": round(rep.bottom_angle_deg, 3),
                    "trunk_angle_change_deg": round(rep.trunk_angle_change_deg, 3),
                    "knee_flexion_top_deg": round(rep.knee_flexion_top_deg, 3),
                    "faults": [fault.value for fault in rep.faults],
                }
                for rep in self.reps
            ],
        }


# --------------------------------------------------------------------------------------------
# Trajectories
# --------------------------------------------------------------------------------------------


def _ease(fraction: FloatArray) -> FloatArray:
    """Raised-cosine move from 0 to 1 with zero speed at both ends [-]."""
    clipped = np.clip(fraction, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(np.pi * clipped)


def _interpolate_knots(t: FloatArray, knot_t: FloatArray, knot_value: FloatArray) -> FloatArray:
    """Value at times ``t`` of a chain of eased moves between knots (constant outside)."""
    if knot_t.size == 1:
        return np.full_like(t, knot_value[0])
    segment = np.clip(np.searchsorted(knot_t, t, side="right") - 1, 0, knot_t.size - 2)
    t0, t1 = knot_t[segment], knot_t[segment + 1]
    span = np.where(t1 > t0, t1 - t0, 1.0)
    eased = _ease((t - t0) / span)
    return knot_value[segment] + (knot_value[segment + 1] - knot_value[segment]) * eased


@dataclass(frozen=True)
class _RepTimes:
    start: float
    top_reached: float
    top_left: float
    end: float


def _rep_times(spec: SynthSpec) -> list[_RepTimes]:
    times: list[_RepTimes] = []
    clock = spec.lead_in_s
    for rep in spec.reps:
        top = clock + rep.concentric_s
        left = top + rep.hold_s
        end = left + rep.eccentric_s
        times.append(_RepTimes(clock, top, left, end))
        clock = end + rep.pause_s
    return times


def _thigh_knots(spec: SynthSpec) -> tuple[FloatArray, FloatArray]:
    """Knots of the thigh angle: rest, each rep's bottom/top/top-left/next bottom, rest."""
    knot_t = [0.0]
    knot_value = [spec.rest_deg]
    times = _rep_times(spec)
    for k, (rep, when) in enumerate(zip(spec.reps, times, strict=True)):
        if k == 0:
            # Settle from the resting angle into the first bottom during the lead-in.
            approach = max(0.0, when.start - min(1.0, spec.lead_in_s / 2))
            knot_t += [approach]
            knot_value += [spec.rest_deg]
        knot_t += [when.start, when.top_reached, when.top_left, when.end]
        next_bottom = spec.reps[k + 1].bottom_deg if k + 1 < len(spec.reps) else spec.rest_deg
        knot_value += [rep.bottom_deg, rep.top_deg, rep.top_deg - rep.hold_sag_deg, next_bottom]
    knot_t.append(max(spec.duration_s, knot_t[-1]))
    knot_value.append(spec.rest_deg)
    return _strictly_increasing(np.array(knot_t), np.array(knot_value))


def _strictly_increasing(
    knot_t: FloatArray, knot_value: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Drop knots that repeat a time (zero-length holds or pauses), keeping the later one."""
    keep = np.concatenate([np.diff(knot_t) > 1e-9, [True]])
    return knot_t[keep], knot_value[keep]


def _rep_envelope(spec: SynthSpec, t: FloatArray, amount: Sequence[float]) -> FloatArray:
    """Sum over reps of ``amount[k]`` x (rise in the concentric, hold, fall in the eccentric)."""
    total = np.zeros_like(t)
    if t.size == 0:
        return total
    order = np.argsort(t, kind="stable")
    ordered = t[order]
    for when, value in zip(_rep_times(spec), amount, strict=True):
        # Zero outside the rep, so only the times inside it are touched.
        first, last = np.searchsorted(ordered, [when.start, when.end], side="left")
        if value == 0.0 or first >= last:
            continue
        inside = order[first:last]
        rise = _ease((t[inside] - when.start) / (when.top_reached - when.start))
        fall = _ease((t[inside] - when.top_left) / (when.end - when.top_left))
        total[inside] += value * (rise - fall)
    return total


def _settle_bumps(spec: SynthSpec, t: FloatArray) -> FloatArray:
    total = np.zeros_like(t)
    for settle in spec.settles:
        phase = (t - settle.time_s) / settle.duration_s
        inside = (phase >= 0) & (phase <= 1)
        total += np.where(inside, settle.amplitude_deg * 0.5 * (1 - np.cos(2 * np.pi * phase)), 0.0)
    return total


def _sway(spec: SynthSpec, t: FloatArray, phase: float) -> FloatArray:
    amplitude = spec.nuisance.sway_deg
    if amplitude == 0.0:
        return np.zeros_like(t)
    return amplitude * np.sin(2 * np.pi * t / spec.nuisance.sway_period_s + phase)


@dataclass(frozen=True)
class Angles:
    """Noise-free angles of the model at times ``t`` [deg]."""

    thigh_deg: FloatArray
    trunk_deg: FloatArray
    knee_flexion_deg: FloatArray


def model_angles(spec: SynthSpec, t: FloatArray, sway_phase: float = 0.0) -> Angles:
    """Thigh, trunk and knee angles of the model at times ``t`` [s] (no camera, no noise)."""
    knot_t, knot_value = _thigh_knots(spec)
    sway = _sway(spec, t, sway_phase)
    thigh = _interpolate_knots(t, knot_t, knot_value) + _settle_bumps(spec, t) + sway
    trunk = (
        spec.trunk_deg
        + 0.3 * sway
        + _rep_envelope(spec, t, [rep.trunk_lift_deg for rep in spec.reps])
    )
    knee = spec.knee_flexion_deg + _rep_envelope(
        spec, t, [max(0.0, rep.knee_flexion_top_deg - spec.knee_flexion_deg) for rep in spec.reps]
    )
    return Angles(thigh, trunk, knee)


def compute_truth(spec: SynthSpec, sway_phase: float = 0.0) -> SynthTruth:
    """Rep labels from the noise-free trajectory, by the contract's definitions.

    All reps are sampled on one fine grid (evaluated in a single pass): the whole rep for
    the trunk-angle change, the hold for the top angle, and the start and top-reached instants.
    """
    times = _rep_times(spec)
    during_n, hold_n = 801, 201
    grid = np.concatenate(
        [
            np.concatenate(
                [
                    np.linspace(when.start, when.end, during_n),
                    np.linspace(when.top_reached, when.top_left, hold_n),
                ]
            )
            for when in times
        ]
        or [np.zeros(0)]
    )
    angles = model_angles(spec, grid, sway_phase)
    per_rep = during_n + hold_n
    reps: list[RepTruth] = []
    for k, (rep, when) in enumerate(zip(spec.reps, times, strict=True)):
        during = slice(k * per_rep, k * per_rep + during_n)
        hold = slice(k * per_rep + during_n, (k + 1) * per_rep)
        truth = RepTruth(
            index=k + 1,
            start_s=when.start,
            top_s=when.top_reached,
            end_s=when.end,
            concentric_s=rep.concentric_s,
            hold_s=rep.hold_s,
            eccentric_s=rep.eccentric_s,
            top_angle_deg=float(angles.thigh_deg[hold].max()),
            bottom_angle_deg=float(angles.thigh_deg[during][0]),
            trunk_angle_change_deg=float(np.ptp(angles.trunk_deg[during])),
            knee_flexion_top_deg=float(angles.knee_flexion_deg[hold][0]),
            faults=(),
        )
        reps.append(replace(truth, faults=label_faults(truth, spec.prescription)))
    return SynthTruth(
        style=spec.style,
        reps=tuple(reps),
        facing=spec.camera.facing,
        near_side=spec.camera.near_side,
        prescription=spec.prescription,
    )


def label_faults(rep: RepTruth, prescription: Prescription | None) -> tuple[Fault, ...]:
    """Fault codes of a rep by the contract's table (:data:`CONTRACT_FAULT_LIMITS`)."""
    limits = CONTRACT_FAULT_LIMITS
    found: list[Fault] = []
    if rep.top_angle_deg < limits["short_rom_top_below_deg"]:
        found.append(Fault.SHORT_ROM)
    if rep.top_angle_deg > limits["over_extension_top_above_deg"]:
        found.append(Fault.OVER_EXTENSION)
    if rep.trunk_angle_change_deg > limits["torso_lift_change_above_deg"]:
        found.append(Fault.TORSO_LIFT)
    if rep.knee_flexion_top_deg > limits["knee_bend_top_above_deg"]:
        found.append(Fault.KNEE_BEND)
    if rep.eccentric_s < limits["uncontrolled_descent_below_s"]:
        found.append(Fault.UNCONTROLLED_DESCENT)
    hold_meant = prescription.hold_s if prescription is not None else None
    if hold_meant is not None and rep.hold_s < hold_meant:
        found.append(Fault.SHORT_HOLD)
    if prescription is not None and prescription.tempo is not None:
        tempo = prescription.tempo
        pairs = (
            (rep.concentric_s, tempo.concentric_s),
            (rep.hold_s, tempo.hold_s),
            (rep.eccentric_s, tempo.eccentric_s),
        )
        fraction = limits["tempo_off_fraction"]
        if any(abs(done - meant) > fraction * meant for done, meant in pairs):
            found.append(Fault.TEMPO_OFF)
    return tuple(found)


# --------------------------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------------------------


def _direction(angle_deg: FloatArray) -> FloatArray:
    """Unit vectors (N, 2) at ``angle_deg`` from +X towards +Y."""
    radians = np.radians(angle_deg)
    return np.stack([np.cos(radians), np.sin(radians)], axis=-1)


def _leg_direction(angle_deg: FloatArray) -> FloatArray:
    """Unit vectors (N, 2) of a leg segment at the contract's thigh-angle convention.

    0 points away from the head (-X), positive rises (+Y), below -90 swings under the pad (+X).
    """
    radians = np.radians(angle_deg)
    return np.stack([-np.cos(radians), np.sin(radians)], axis=-1)


def world_joints(spec: SynthSpec, angles: Angles) -> dict[str, tuple[FloatArray, float]]:
    """Every BlazePose joint as (positions (N, 2) [m] in the world X-Y plane, depth Z [m]).

    Z is positive for the side nearer the camera, zero on the mid-line.
    """
    body = Body(spec.body_height_m, *spec.proportions)
    n = angles.thigh_deg.shape[0]
    height = spec.body_height_m
    hip = np.zeros((n, 2))
    along = _direction(angles.trunk_deg)  # hips -> shoulders
    back = _direction(angles.trunk_deg + 90.0)  # towards the back (up when prone)
    shoulder = hip + body.trunk_m * along
    thigh = _leg_direction(angles.thigh_deg)
    shank_angle = angles.thigh_deg + angles.knee_flexion_deg
    shank = _leg_direction(shank_angle)
    knee = hip + body.thigh_m * thigh
    ankle = knee + body.shank_m * shank
    calf_side = _leg_direction(shank_angle + 90.0)  # back of the leg
    ankle_height = body.fraction("ankle_height")
    heel = ankle + ankle_height * shank + 0.5 * ankle_height * calf_side
    plantar = np.radians(30.0)
    toe_direction = -np.cos(plantar) * calf_side + np.sin(plantar) * shank
    toe = heel + body.fraction("foot_length") * toe_direction

    def head(a: float, b: float) -> FloatArray:
        return shoulder + height * (a * along + b * back)

    upper_arm, forearm = spec.arm_deg
    elbow = shoulder + body.fraction("upper_arm") * _direction(angles.trunk_deg + upper_arm)
    wrist = elbow + body.fraction("forearm") * _direction(angles.trunk_deg + forearm)
    hand_direction = _direction(angles.trunk_deg + forearm - 10.0)
    hand = body.fraction("hand")
    half = {
        "shoulder": body.fraction("shoulder_width") / 2,
        "hip": body.fraction("hip_width") / 2,
        "leg": body.fraction("hip_width") / 2 * 0.7,
        "arm": body.fraction("shoulder_width") / 2 * 0.95,
    }
    sided: dict[str, tuple[FloatArray, float]] = {
        "eye_inner": (head(0.125, -0.03), 0.017 * height),
        "eye": (head(0.125, -0.03), 0.03 * height),
        "eye_outer": (head(0.12, -0.03), 0.045 * height),
        "ear": (head(0.095, 0.0), 0.07 * height),
        "mouth": (head(0.12, -0.085), 0.02 * height),
        "shoulder": (shoulder, half["shoulder"]),
        "elbow": (elbow, half["arm"]),
        "wrist": (wrist, half["arm"]),
        "pinky": (wrist + 0.8 * hand * hand_direction, half["arm"] + 0.02 * height),
        "index": (wrist + 0.9 * hand * hand_direction, half["arm"]),
        "thumb": (wrist + 0.5 * hand * _direction(angles.trunk_deg + forearm + 25.0), half["arm"]),
        "hip": (hip, half["leg"]),
        "knee": (knee, half["leg"]),
        "ankle": (ankle, half["leg"]),
        "heel": (heel, half["leg"]),
        "foot_index": (toe, half["leg"]),
    }
    joints: dict[str, tuple[FloatArray, float]] = {"nose": (head(0.14, -0.06), 0.0)}
    near = spec.camera.near_side.value
    for side in (Side.LEFT.value, Side.RIGHT.value):
        sign = 1.0 if side == near else -1.0
        for name, (position, depth) in sided.items():
            label = f"mouth_{side}" if name == "mouth" else f"{side}_{name}"
            joints[label] = (position, sign * depth)
    return joints


def _turned(along: FloatArray, depth: float, oblique_deg: float) -> tuple[FloatArray, FloatArray]:
    """Image-plane and towards-camera coordinates [m] of points at ``along`` (image plane) and
    ``depth`` (towards the camera) once the body is turned by ``oblique_deg`` about the
    vertical (a rotation, unlike the small-angle ``yaw_deg`` shift)."""
    turn = np.radians(oblique_deg)
    return (
        along * np.cos(turn) + depth * np.sin(turn),
        depth * np.cos(turn) - along * np.sin(turn) + np.zeros_like(along),
    )


def _project(
    spec: SynthSpec, joints: dict[str, tuple[FloatArray, float]]
) -> tuple[FloatArray, list[str]]:
    """Pixels (N, J, 2) of the skeleton's joints, and the joint names in order."""
    camera = spec.camera
    names = list(JOINT_NAMES[camera.skeleton])
    facing = 1.0 if camera.facing is Side.RIGHT else -1.0
    yaw = np.radians(camera.yaw_deg)
    planes = []
    for name in names:
        position, depth = joints[name]
        along, across = _turned(facing * position[:, 0], depth, camera.oblique_deg)
        x = along + across * np.sin(yaw)
        y = -position[:, 1]
        magnification = 1.0 + across / camera.distance_m if np.isfinite(camera.distance_m) else 1.0
        planes.append(np.stack([x, y], axis=-1) * np.reshape(magnification, (-1, 1)))
    metres = np.stack(planes, axis=1)  # (N, J, 2), y down, origin at the hip
    roll = np.radians(camera.roll_deg)
    # Counter-clockwise as seen in the image (y points down, so the sign of sin flips).
    rotation = np.array([[np.cos(roll), np.sin(roll)], [-np.sin(roll), np.cos(roll)]])
    rolled = metres @ rotation.T
    low, high = rolled.reshape(-1, 2).min(axis=0), rolled.reshape(-1, 2).max(axis=0)
    extent = np.maximum(high - low, 1e-6)
    scale = camera.fill * min(camera.width / extent[0], camera.height / extent[1])
    room = np.array([camera.width, camera.height]) - scale * extent
    offset = room * np.asarray(camera.placement) - scale * low
    return rolled * scale + offset, names


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def frame_times(spec: SynthSpec, rng: np.random.Generator) -> FloatArray:
    """Frame timestamps [s]: the nominal grid, jittered, with some frames dropped."""
    period = 1.0 / spec.camera.fps
    count = int(np.floor(spec.duration_s * spec.camera.fps)) + 1
    t: FloatArray = np.arange(count, dtype=np.float64) * period
    jitter = spec.nuisance.timestamp_jitter
    if jitter > 0 and count > 1:
        t[1:] += rng.uniform(-jitter, jitter, count - 1) * period
    if spec.nuisance.frame_drop > 0 and count > 2:
        keep = rng.random(count) >= spec.nuisance.frame_drop
        keep[0] = keep[-1] = True
        t = t[keep]
    return t


def synthesize(
    spec: SynthSpec, rng: np.random.Generator | int = 0
) -> tuple[KeypointClip, SynthTruth]:
    """Render ``spec`` to a keypoint clip and its truth; the same seed gives the same clip."""
    spec.validate()
    generator = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    sway_phase = float(generator.uniform(0, 2 * np.pi))
    t = frame_times(spec, generator)
    angles = model_angles(spec, t, sway_phase)
    xy, names = _project(spec, world_joints(spec, angles))
    score = _add_nuisances(spec, xy, names, generator)
    clip = KeypointClip(
        skeleton=spec.camera.skeleton,
        fps=float(spec.camera.fps),
        width=spec.camera.width,
        height=spec.camera.height,
        t=t,
        xy=xy,
        score=score,
    )
    clip.validate()
    return clip, compute_truth(spec, sway_phase)


def _add_nuisances(
    spec: SynthSpec, xy: FloatArray, names: list[str], rng: np.random.Generator
) -> FloatArray:
    """Jitter, glitches and drop-outs applied to ``xy`` in place; returns the scores."""
    nuisance = spec.nuisance
    n, j = xy.shape[:2]
    far_prefix = "right_" if spec.camera.near_side is Side.LEFT else "left_"
    far = np.array([name.startswith(far_prefix) for name in names])
    thigh_px = _thigh_pixels(xy, names)
    side_factor = np.where(far, nuisance.far_jitter_factor, 1.0)[None, :, None]
    xy += rng.normal(size=xy.shape) * nuisance.jitter_fraction * thigh_px * side_factor
    if nuisance.wobble_fraction > 0 and n > 1:
        xy += _wobble(spec, (n, j, 2), rng) * nuisance.wobble_fraction * thigh_px * side_factor
    score = np.where(
        far[None, :],
        rng.normal(nuisance.far_score, 0.1, (n, j)),
        rng.normal(nuisance.near_score, 0.03, (n, j)),
    )
    score = np.clip(score, 0.05, 1.0)
    _add_glitches(spec, xy, thigh_px, rng)
    _swap_sides(spec, xy, score, names, rng)
    dropout = np.where(far, nuisance.far_dropout, nuisance.near_dropout)
    longest = np.where(far, nuisance.far_run_frames, 8)
    missing = _dropout_runs(n, dropout, longest, rng)
    xy[missing] = np.nan
    score[missing] = 0.0
    rounded: FloatArray = np.round(score, 3).astype(np.float64)
    return rounded


def _thigh_pixels(xy: FloatArray, names: list[str]) -> float:
    hip, knee = names.index("left_hip"), names.index("left_knee")
    return float(np.median(np.linalg.norm(xy[:, knee] - xy[:, hip], axis=-1)))


def _add_glitches(
    spec: SynthSpec, xy: FloatArray, thigh_px: float, rng: np.random.Generator
) -> None:
    n, j = xy.shape[:2]
    expected = spec.nuisance.glitches_per_min * spec.duration_s / 60.0
    count = int(rng.poisson(expected)) if expected > 0 else 0
    for _ in range(count):
        frame, joint = int(rng.integers(0, n)), int(rng.integers(0, j))
        length = int(rng.integers(1, 3))
        angle = rng.uniform(0, 2 * np.pi)
        size = spec.nuisance.glitch_fraction * thigh_px * rng.uniform(0.5, 1.5)
        xy[frame : frame + length, joint] += size * np.array([np.cos(angle), np.sin(angle)])


def _wobble(spec: SynthSpec, shape: tuple[int, int, int], rng: np.random.Generator) -> FloatArray:
    """Unit-variance noise correlated over ``wobble_time_s`` (an AR(1) process per coordinate)."""
    step = 1.0 / spec.camera.fps
    keep = float(np.exp(-step / spec.nuisance.wobble_time_s))
    shocks = rng.normal(size=shape) * np.sqrt(1.0 - keep**2)
    shocks[0] = rng.normal(size=shape[1:])
    # Imported here: scipy.signal costs ~0.3 s, and this module's enums are the `synth`
    # command's option types, evaluated whenever `revhyper` builds its commands (even --help).
    from scipy.signal import lfilter

    filtered: FloatArray = lfilter([1.0], [1.0, -keep], shocks, axis=0)
    return filtered


def _swap_sides(
    spec: SynthSpec, xy: FloatArray, score: FloatArray, names: list[str], rng: np.random.Generator
) -> None:
    """Exchange left and right labels for short stretches (0.1-0.6 s), as estimators do."""
    expected = spec.nuisance.swaps_per_min * spec.duration_s / 60.0
    count = int(rng.poisson(expected)) if expected > 0 else 0
    left = [k for k, name in enumerate(names) if "left" in name]
    right = [names.index(names[k].replace("left", "right")) for k in left]
    n = xy.shape[0]
    for _ in range(count):
        first = int(rng.integers(0, n))
        frames = slice(first, first + max(1, int(rng.uniform(0.1, 0.6) * spec.camera.fps)))
        xy[frames, left + right] = xy[frames, right + left]
        score[frames, left + right] = score[frames, right + left]


def _dropout_runs(
    n: int, rate: FloatArray, longest: NDArray[np.int64], rng: np.random.Generator
) -> NDArray[np.bool_]:
    """Missing-joint mask (N, J): runs of 1 to ``longest`` frames, about ``rate`` of frames."""
    missing = np.zeros((n, rate.shape[0]), dtype=bool)
    for joint, fraction in enumerate(rate):
        if fraction <= 0:
            continue
        mean_run = (1 + int(longest[joint])) / 2
        starts = np.flatnonzero(rng.random(n) < fraction / mean_run)
        lengths = rng.integers(1, int(longest[joint]) + 1, starts.size)
        for start, length in zip(starts, lengths, strict=True):
            missing[start : start + length, joint] = True
    return missing


# --------------------------------------------------------------------------------------------
# Sampling specs
# --------------------------------------------------------------------------------------------

#: Phase durations per style: (concentric, hold, eccentric, pause) ranges [s].
STYLE_TIMING: dict[Style, tuple[tuple[float, float], ...]] = {
    Style.CONTROLLED: ((0.6, 1.6), (0.2, 1.2), (0.7, 2.2), (0.3, 1.5)),
    Style.PENDULUM: ((0.6, 1.0), (0.0, 0.15), (0.6, 1.0), (0.0, 0.0)),
    Style.ISOMETRIC: ((0.9, 1.5), (2.0, 5.0), (1.0, 2.0), (0.8, 1.5)),
    Style.TEMPO: ((2.0, 4.0), (1.0, 2.0), (2.0, 4.0), (1.0, 2.0)),
}

#: Values of a clean rep: top thigh angle, trunk lift and knee flexion at the top [deg].
CLEAN_RANGES: dict[str, tuple[float, float]] = {
    "top_deg": (-7.0, 15.0),
    "trunk_lift_deg": (0.0, 4.5),
    "knee_flexion_top_deg": (0.0, 14.0),
}

#: Values injected for each form fault: top angle, trunk lift, knee flexion [deg] or
#: eccentric time [s]; a few units past the contract's threshold at the nearest.
FAULT_RANGES: dict[Fault, tuple[float, float]] = {
    Fault.SHORT_ROM: (-32.0, -14.0),
    Fault.OVER_EXTENSION: (24.0, 40.0),
    Fault.TORSO_LIFT: (11.0, 20.0),
    Fault.KNEE_BEND: (33.0, 60.0),
    Fault.UNCONTROLLED_DESCENT: (0.2, 0.38),
}

#: Rep counts per style (inclusive ranges).
STYLE_REPS: dict[Style, tuple[int, int]] = {
    Style.CONTROLLED: (1, 15),
    Style.PENDULUM: (3, 20),
    Style.ISOMETRIC: (1, 6),
    Style.TEMPO: (1, 8),
    Style.NONE: (0, 0),
}

#: Landscape and portrait image sizes [px].
IMAGE_SIZES: tuple[tuple[int, int], ...] = (
    (1280, 720),
    (1920, 1080),
    (640, 480),
    (854, 480),
    (720, 1280),
    (1080, 1920),
    (480, 854),
)


def _uniform(rng: np.random.Generator, bounds: tuple[float, float]) -> float:
    return float(rng.uniform(bounds[0], bounds[1]))


def plan_rep(
    style: Style,
    faults: Sequence[Fault],
    rng: np.random.Generator,
    prescription: Prescription | None = None,
) -> RepPlan:
    """One rep in ``style`` carrying ``faults`` (clearly past the contract's thresholds)."""
    concentric, hold, eccentric, pause = (_uniform(rng, b) for b in STYLE_TIMING[style])
    if prescription is not None and prescription.tempo is not None:
        tempo = prescription.tempo
        concentric, hold, eccentric, pause = (
            value * _uniform(rng, (0.93, 1.07))
            for value in (tempo.concentric_s, tempo.hold_s, tempo.eccentric_s, tempo.pause_s)
        )
    if prescription is not None and prescription.hold_s is not None:
        hold = prescription.hold_s * _uniform(rng, (1.0, 1.3))
    if style is Style.PENDULUM:
        bottom = _uniform(rng, (-118.0, -98.0))
    else:
        bottom = _uniform(rng, (-95.0, -80.0))
    top = _uniform(rng, CLEAN_RANGES["top_deg"])
    trunk_lift = _uniform(rng, CLEAN_RANGES["trunk_lift_deg"])
    knee_top = _uniform(rng, CLEAN_RANGES["knee_flexion_top_deg"])
    if Fault.SHORT_ROM in faults:
        top = _uniform(rng, FAULT_RANGES[Fault.SHORT_ROM])
    if Fault.OVER_EXTENSION in faults:
        top = _uniform(rng, FAULT_RANGES[Fault.OVER_EXTENSION])
    if Fault.TORSO_LIFT in faults:
        trunk_lift = _uniform(rng, FAULT_RANGES[Fault.TORSO_LIFT])
    if Fault.KNEE_BEND in faults:
        knee_top = _uniform(rng, FAULT_RANGES[Fault.KNEE_BEND])
    if Fault.UNCONTROLLED_DESCENT in faults:
        eccentric = _uniform(rng, FAULT_RANGES[Fault.UNCONTROLLED_DESCENT])
    if Fault.SHORT_HOLD in faults:
        meant = prescription.hold_s if prescription and prescription.hold_s else hold
        hold = meant * _uniform(rng, (0.25, 0.55))
    if Fault.TEMPO_OFF in faults:
        concentric, hold, eccentric = _break_tempo(concentric, hold, eccentric, rng)
    return RepPlan(
        bottom_deg=bottom,
        top_deg=top,
        concentric_s=concentric,
        hold_s=hold,
        eccentric_s=eccentric,
        pause_s=pause,
        hold_sag_deg=_uniform(rng, (0.0, 1.5)) if hold > 0 else 0.0,
        trunk_lift_deg=trunk_lift,
        knee_flexion_top_deg=knee_top,
        injected=tuple(faults),
    )


def _break_tempo(
    concentric: float, hold: float, eccentric: float, rng: np.random.Generator
) -> tuple[float, float, float]:
    """Rush or drag the concentric or eccentric far outside the cadence."""
    factor = _uniform(rng, (0.3, 0.5)) if rng.random() < 0.5 else _uniform(rng, (1.7, 2.2))
    if rng.random() < 0.5:
        return concentric * factor, hold, eccentric
    return concentric, hold, max(eccentric * factor, 0.6)


def default_prescription(style: Style, rng: np.random.Generator) -> Prescription | None:
    """The prescription a set in ``style`` is performed against (isometric hold or tempo)."""
    if style is Style.ISOMETRIC:
        return Prescription(variation="isometric-hold", hold_s=float(rng.choice([2.0, 3.0, 4.0])))
    if style is Style.TEMPO:
        tempo = Tempo(
            concentric_s=float(rng.choice([2.0, 3.0])),
            hold_s=float(rng.choice([1.0, 2.0])),
            eccentric_s=float(rng.choice([2.0, 3.0, 4.0])),
            pause_s=float(rng.choice([1.0, 2.0])),
        )
        return Prescription(variation="tempo-reverse-hyper", tempo=tempo)
    return None


def _settles(rng: np.random.Generator, start: float, stop: float) -> list[Settle]:
    """Up to three leg adjustments (|amplitude| < 15 deg) in separate slots of [start, stop] [s]."""
    room = stop - start
    count = int(rng.integers(0, 4)) if room > 2.0 else 0
    settles: list[Settle] = []
    for slot in range(count):
        slot_start = start + slot * room / count
        duration = _uniform(rng, (0.6, min(2.0, room / count)))
        begin = _uniform(rng, (slot_start, slot_start + room / count - duration))
        amplitude = _uniform(rng, (3.0, 12.0)) * (1 if rng.random() < 0.5 else -1)
        settles.append(Settle(begin, duration, amplitude))
    return settles


def random_spec(
    rng: np.random.Generator,
    *,
    style: Style | None = None,
    n_reps: int | None = None,
    faults: Sequence[Fault] | None = None,
    fault_rate: float = 0.12,
    noise: NoiseLevel | None = None,
    skeleton: Skeleton | None = None,
    fps: float | None = None,
    facing: Side | None = None,
) -> SynthSpec:
    """A realistic, varied spec; every argument left ``None`` is drawn at random.

    Args:
        rng: the source of randomness.
        style: how the set is done (``none`` = no reps; drawn with about 10% chance).
        n_reps: number of reps (ignored for ``none``).
        faults: faults every rep carries; ``None`` draws each form fault per rep with
            ``fault_rate`` (and ``short_hold``/``tempo_off`` for prescribed sets).
        noise: nuisance level; skeleton, fps [1/s], facing: camera choices.
    """
    if style is None:
        style = Style(rng.choice([s.value for s in Style], p=[0.38, 0.2, 0.14, 0.14, 0.14]))
    if noise is None:
        noise = NoiseLevel(rng.choice(["low", "medium", "high"], p=[0.35, 0.45, 0.2]))
    low, high = STYLE_REPS[style]
    count = (
        0
        if style is Style.NONE
        else (n_reps if n_reps is not None else int(rng.integers(low, high + 1)))
    )
    if count < 0:
        raise InvalidInputError(f"number of reps must be >= 0, got {count}")
    prescription = default_prescription(style, rng)
    reps = []
    for _ in range(count):
        rep_faults = list(faults) if faults is not None else _draw_faults(style, fault_rate, rng)
        reps.append(plan_rep(style, rep_faults, rng, prescription))
    if faults is None and count > 1:
        reps = _fatigue(reps, style, _uniform(rng, (0.0, 1.0)))
    rest = _uniform(rng, (-95.0, -82.0))
    lead_in = _uniform(rng, (6.0, 20.0)) if style is Style.NONE else _uniform(rng, (1.0, 4.0))
    lead_out = _uniform(rng, (1.0, 4.0))
    spec_without_settles = SynthSpec(
        body_height_m=_uniform(rng, (1.5, 2.0)),
        style=style,
        reps=tuple(reps),
        rest_deg=rest,
        trunk_deg=_uniform(rng, (-6.0, 6.0)),
        knee_flexion_deg=_uniform(rng, (0.0, 8.0)),
        lead_in_s=lead_in,
        lead_out_s=lead_out,
        camera=_random_camera(rng, noise, skeleton, fps, facing),
        nuisance=replace(NOISE_PRESETS[noise], sway_period_s=_uniform(rng, (2.5, 6.0))),
        prescription=prescription,
        arm_deg=(_uniform(rng, (-85.0, -60.0)), _uniform(rng, (-45.0, -15.0))),
        proportions=(
            _uniform(rng, (0.92, 1.08)),
            _uniform(rng, (0.92, 1.08)),
            _uniform(rng, (0.9, 1.1)),
        ),
    )
    idle_end = lead_in - 1.2 if count else lead_in + lead_out
    settles = _settles(rng, 0.2, idle_end)
    after = spec_without_settles.duration_s - lead_out
    if count:
        settles += _settles(rng, after + 0.5, spec_without_settles.duration_s - 0.2)
    return replace(spec_without_settles, settles=tuple(settles))


def _fatigue(reps: list[RepPlan], style: Style, amount: float) -> list[RepPlan]:
    """Later reps a little lower (up to 6 deg) and, in free-paced sets, slower (up to 20%)."""
    free_paced = style in (Style.CONTROLLED, Style.PENDULUM)
    tired = []
    for k, plan in enumerate(reps):
        progress = amount * k / (len(reps) - 1)
        slower = 1.0 + 0.2 * progress if free_paced else 1.0
        tired.append(
            replace(
                plan,
                top_deg=plan.top_deg - 6.0 * progress,
                concentric_s=plan.concentric_s * slower,
                eccentric_s=plan.eccentric_s * slower,
            )
        )
    return tired


def _draw_faults(style: Style, rate: float, rng: np.random.Generator) -> list[Fault]:
    drawn = [fault for fault in FORM_FAULTS if rng.random() < rate]
    if Fault.SHORT_ROM in drawn and Fault.OVER_EXTENSION in drawn:
        drawn.remove(Fault.OVER_EXTENSION)
    if style is Style.ISOMETRIC and rng.random() < 2 * rate:
        drawn.append(Fault.SHORT_HOLD)
    if style is Style.TEMPO and rng.random() < 2 * rate:
        drawn.append(Fault.TEMPO_OFF)
    return drawn


def _random_camera(
    rng: np.random.Generator,
    noise: NoiseLevel,
    skeleton: Skeleton | None,
    fps: float | None,
    facing: Side | None,
) -> Camera:
    width, height = IMAGE_SIZES[int(rng.integers(0, len(IMAGE_SIZES)))]
    roll_limit, yaw_limit = CAMERA_ANGLE_LIMITS[noise]
    return Camera(
        skeleton=skeleton or Skeleton(rng.choice([s.value for s in Skeleton], p=[0.7, 0.3])),
        fps=fps if fps is not None else float(rng.choice([24.0, 25.0, 30.0, 48.0, 50.0, 60.0])),
        width=width,
        height=height,
        facing=facing or Side(rng.choice(["left", "right"])),
        near_side=Side(rng.choice(["left", "right"])),
        roll_deg=_uniform(rng, (-roll_limit, roll_limit)),
        yaw_deg=_uniform(rng, (-yaw_limit, yaw_limit)),
        distance_m=_uniform(rng, (2.5, 5.0)),
        fill=_uniform(rng, (0.45, 0.9)),
        placement=(_uniform(rng, (0.1, 0.9)), _uniform(rng, (0.1, 0.9))),
    )
