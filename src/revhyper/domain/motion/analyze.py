"""``analyze_clip``: from a keypoint clip to reps, phases, angles and faults.

Steps: pick the side nearer the camera (:mod:`.sides`), compute thigh, trunk and knee angles
per frame (:mod:`.angles`), clean them on a uniform time grid (:mod:`.signal`), find reps and
phases (:mod:`.reps`), judge faults (:mod:`.faults`), and report clip quality
(:mod:`.quality`). Every step is vectorised over frames; only the per-rep bookkeeping loops.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.angles import (
    knee_flexion_deg,
    thigh_angle_deg,
    trunk_angle_deg,
    wrap_deg,
)
from revhyper.domain.motion.cuts import (
    DEFAULT_CUTS,
    NO_REPS_WARNING,
    CutParameters,
    analyze_pieces,
    find_cuts,
)
from revhyper.domain.motion.faults import (
    DEFAULT_THRESHOLDS,
    FAULT_ADVICE,
    FaultThresholds,
    PhaseTimes,
    RepMeasures,
    rep_faults,
    thresholds_for,
    union_of_faults,
)
from revhyper.domain.motion.form_result import (
    AnalysisResult,
    AngleSeries,
    ClipQuality,
    Prescription,
    RepResult,
)
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.domain.motion.quality import (
    DEFAULT_QUALITY_LIMITS,
    QualityLimits,
    length_problem,
    side_on_problem,
    tracking_problem,
)
from revhyper.domain.motion.reps import (
    DEFAULT_SEGMENTATION,
    RepSpan,
    SegmentationParameters,
    segment_reps,
    top_level,
)
from revhyper.domain.motion.setup_check import DEFAULT_SETUP_LIMITS, SetupLimits, setup_problem
from revhyper.domain.motion.sides import (
    SideJoints,
    SideName,
    choose_side,
    feet_direction,
    joint_positions,
    other_side,
    side_joints,
    side_score,
)
from revhyper.domain.motion.signal import (
    DEFAULT_CLEANING,
    CleaningParameters,
    UniformSeries,
    change_with,
    clean_series,
    derivative,
    largest_departure,
    smooth,
    smooth_below,
    smooth_velocity,
    uniform_grid,
)

#: Variations in which the two legs do not move together (never borrow the other leg).
ONE_LEG_VARIATIONS = frozenset({"single-leg-reverse-hyper"})

#: The trunk's level before and after a rep is its median over this long [s].
TRUNK_LEVEL_S = 0.3

#: Report side "both" when the other side filled more than this fraction of frames [-].
BOTH_SIDES_FRACTION = 0.1


@dataclass(frozen=True)
class AnalysisSettings:
    """Every tunable of the analysis, grouped by step."""

    thresholds: FaultThresholds = DEFAULT_THRESHOLDS
    cleaning: CleaningParameters = DEFAULT_CLEANING
    segmentation: SegmentationParameters = DEFAULT_SEGMENTATION
    quality: QualityLimits = DEFAULT_QUALITY_LIMITS
    setup: SetupLimits = DEFAULT_SETUP_LIMITS
    cuts: CutParameters | None = DEFAULT_CUTS  # None: analyse the clip as one take


@dataclass(frozen=True, eq=False)
class RawAngles:
    """Per-frame angles before cleaning [deg] (NaN where not measurable)."""

    thigh: NDArray[np.float64]
    trunk: NDArray[np.float64]
    knee: NDArray[np.float64]
    from_other_side: float


def _fill(primary: NDArray[np.float64], backup: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.where(np.isfinite(primary), primary, backup)


def raw_angles(near: SideJoints, far: SideJoints, direction: float, borrow: bool) -> RawAngles:
    """Angles per frame from the near side, filled from the far side when ``borrow``."""
    thigh = thigh_angle_deg(near.hip, near.knee, direction)
    trunk = trunk_angle_deg(near.shoulder, near.hip, direction)
    knee = knee_flexion_deg(near.hip, near.knee, near.ankle, direction)
    if not borrow:
        return RawAngles(thigh, trunk, knee, 0.0)
    far_thigh = thigh_angle_deg(far.hip, far.knee, direction)
    borrowed = float(np.mean(~np.isfinite(thigh) & np.isfinite(far_thigh)))
    return RawAngles(
        _fill(thigh, far_thigh),
        _fill(trunk, trunk_angle_deg(far.shoulder, far.hip, direction)),
        _fill(knee, knee_flexion_deg(far.hip, far.knee, far.ankle, direction)),
        borrowed,
    )


def _unusable(warning: str, tracked: float, side: str, **extra: object) -> AnalysisResult:
    quality = ClipQuality(tracked, side, (warning,), analysable=False)
    return AnalysisResult(reps=(), faults=(), quality=quality, extra=dict(extra))


def _progress(thigh: UniformSeries, span: RepSpan) -> NDArray[np.float64]:
    """How far the thigh is from the rep's bottom (0, a line from its start to its end) to
    its peak (1), per grid sample of the rep [-]."""
    values = thigh.value[span.start : span.end + 1]
    floor = np.linspace(values[0], values[-1], values.size)
    rise = max(float(thigh.value[span.peak]) - float(min(values[0], values[-1])), 1e-9)
    return np.asarray(np.clip((values - floor) / rise, 0.0, 1.0), dtype=np.float64)


def _mean_or_nan(values: NDArray[np.float64]) -> float:
    return float(np.mean(values)) if values.size else float("nan")


def _trunk_change(span: RepSpan, thigh: UniformSeries, trunk: UniformSeries, lead: int) -> float:
    """The trunk-angle change of a rep [deg]: the larger of the change that goes with the legs'
    lift (:func:`.signal.change_with`) and the largest departure from the trunk's level before
    and after the rep (:func:`.signal.largest_departure`, ``lead`` grid samples each side)."""
    rep = slice(span.start, span.end + 1)
    with_rep = change_with(trunk.value[rep], _progress(thigh, span), trunk.tracked[rep])
    before, after = min(lead, span.start), min(lead, trunk.value.size - 1 - span.end)
    around = slice(span.start - before, span.end + 1 + after)
    departure = largest_departure(trunk.value[around], trunk.tracked[around], before, after)
    return float(np.fmax(with_rep, departure))


def _rep_measures(
    span: RepSpan,
    t: NDArray[np.float64],
    thigh: UniformSeries,
    trunk: UniformSeries,
    knee: UniformSeries,
    pause_after_s: float | None,
    lead: int = 0,
    top_percentile: float = DEFAULT_SEGMENTATION.top_percentile,
) -> RepMeasures:
    rate = 1.0 / float(t[1] - t[0]) if t.size > 1 else 1.0
    top = slice(span.top_reached, span.top_left + 1)
    knee_top = knee.value[top][knee.tracked[top]]
    return RepMeasures(
        top_angle_deg=float(wrap_deg(np.asarray(top_level(thigh.value, span, top_percentile)))),
        trunk_change_deg=_trunk_change(span, thigh, trunk, lead),
        knee_flexion_top_deg=_mean_or_nan(knee_top),
        concentric_s=(span.top_reached_at - span.start_at) / rate,
        hold_s=(span.top_left_at - span.top_reached_at) / rate,
        eccentric_s=(span.end_at - span.top_left_at) / rate,
        pause_after_s=pause_after_s,
        other_readings=_motion_reading(span, rate),
    )


def _motion_reading(span: RepSpan, rate: float) -> tuple[PhaseTimes, ...]:
    """Phase times [s] with the top read from the speed alone (movement stopped / resumed)."""
    if not (np.isfinite(span.motion_stop_at) and np.isfinite(span.motion_resume_at)):
        return ()
    return (
        (
            (span.motion_stop_at - span.start_at) / rate,
            (span.motion_resume_at - span.motion_stop_at) / rate,
            (span.end_at - span.motion_resume_at) / rate,
        ),
    )


def time_at(t: NDArray[np.float64], position: float) -> float:
    """Time [s] at a fractional position on the uniform grid ``t``."""
    step = float(t[1] - t[0]) if t.size > 1 else 0.0
    return float(t[0]) + position * step


def build_reps(
    spans: list[RepSpan],
    thigh: UniformSeries,
    trunk: UniformSeries,
    knee: UniformSeries,
    velocity: NDArray[np.float64],
    limits: FaultThresholds,
    prescription: Prescription | None,
    top_percentile: float = DEFAULT_SEGMENTATION.top_percentile,
) -> tuple[RepResult, ...]:
    """Measures and faults of each rep found (``top_percentile``: see
    :attr:`.reps.SegmentationParameters.top_percentile`)."""
    t = thigh.t
    reps: list[RepResult] = []
    for k, span in enumerate(spans):
        pause = (
            float(time_at(t, spans[k + 1].start_at) - time_at(t, span.end_at))
            if k + 1 < len(spans)
            else None
        )
        lead = round(TRUNK_LEVEL_S / float(t[1] - t[0])) if t.size > 1 else 0
        measures = _rep_measures(span, t, thigh, trunk, knee, pause, lead, top_percentile)
        reps.append(
            RepResult(
                index=k + 1,
                start_s=time_at(t, span.start_at),
                top_s=time_at(t, span.top_reached_at),
                end_s=time_at(t, span.end_at),
                concentric_s=measures.concentric_s,
                hold_s=measures.hold_s,
                eccentric_s=measures.eccentric_s,
                top_angle_deg=measures.top_angle_deg,
                bottom_angle_deg=float(
                    wrap_deg(thigh.value[span.bottom_before : span.start + 1].min())
                ),
                peak_angular_velocity_deg_s=float(
                    np.max(np.abs(velocity[span.start : span.end + 1]))
                ),
                trunk_angle_change_deg=measures.trunk_change_deg,
                knee_flexion_top_deg=measures.knee_flexion_top_deg,
                faults=rep_faults(measures, limits, prescription),
            )
        )
    return tuple(reps)


def _tracking_warnings(
    tracked_fraction: float, thigh: UniformSeries, settings: AnalysisSettings, near_score: float
) -> list[str]:
    warnings: list[str] = []
    if tracked_fraction < settings.quality.warn_tracked_fraction:
        warnings.append(f"only {tracked_fraction:.0%} of frames have the hip and knee tracked")
    untracked_s = float(np.sum(~thigh.tracked)) / settings.cleaning.grid_rate_hz
    if untracked_s > 0:
        warnings.append(
            f"{untracked_s:.1f} s of the clip lies in tracking gaps longer than "
            f"{settings.cleaning.max_gap_s:g} s; reps inside them may be missed"
        )
    if near_score < settings.quality.min_side_score:
        warnings.append(f"low detection confidence (mean score {near_score:.2f})")
    return warnings


@dataclass(frozen=True, eq=False)
class CleanAngles:
    """The clip's angles on the uniform grid, cleaned [deg]."""

    thigh: UniformSeries
    trunk: UniformSeries
    knee: UniformSeries


def angle_grid(
    t: NDArray[np.float64], params: CleaningParameters, grid_origin_s: float | None = None
) -> NDArray[np.float64]:
    """The uniform grid [s] the angles of frames at times ``t`` [s] are cleaned on: from the
    first frame, or from the first point at or after it of a grid through ``grid_origin_s``."""
    start = float(t[0])
    if grid_origin_s is not None:
        steps = np.ceil((start - grid_origin_s) * params.grid_rate_hz - 1e-6)
        start = grid_origin_s + float(steps) / params.grid_rate_hz
    return uniform_grid(start, float(t[-1]), params.grid_rate_hz)


def clean_angles(
    t: NDArray[np.float64],
    angles: RawAngles,
    params: CleaningParameters,
    grid_origin_s: float | None = None,
) -> CleanAngles:
    """Resample and clean the per-frame angles (see :mod:`.signal`) on a grid from the first
    frame, or from the first grid point at or after it of a grid through ``grid_origin_s``
    [s] (a window of a longer clip then samples the angles where the whole clip does)."""
    grid = angle_grid(t, params, grid_origin_s)
    return CleanAngles(
        clean_series(t, angles.thigh, grid, params),
        clean_series(t, angles.trunk, grid, params),
        clean_series(t, angles.knee, grid, params),
    )


@dataclass(frozen=True, eq=False)
class SegmentedThigh:
    """The cleaned thigh's speeds [deg/s] and the rep spans found on it (fractional positions
    on its grid): ``velocity`` after the velocity low-pass, ``velocities`` per phase cutoff
    [Hz]."""

    velocity: NDArray[np.float64]
    velocities: dict[float, NDArray[np.float64]]
    spans: list[RepSpan]


def segment_thigh(thigh: UniformSeries, settings: AnalysisSettings) -> SegmentedThigh:
    """The reps' spans on a cleaned thigh angle, before anything is measured: what
    :func:`find_reps` starts from, and all the live analysis needs to tell whether a rep's end
    is in view yet."""
    cleaning, values = settings.cleaning, thigh.value
    velocity = smooth_velocity(values, cleaning)
    rate = cleaning.grid_rate_hz
    smoothed = {
        cutoff: smooth_below(values, cleaning, cutoff) for cutoff in cleaning.phase_cutoffs_hz
    }
    velocities = {cutoff: derivative(each, rate) for cutoff, each in smoothed.items()}
    spans = segment_reps(values, velocity, settings.segmentation, velocities, rate, smoothed)
    # A rep across a tracking gap (the athlete out of view, or a second person in it) would be
    # partly interpolated, not seen: nothing is counted from it.
    tracked = thigh.tracked
    spans = [span for span in spans if bool(np.all(tracked[span.start : span.end + 1]))]
    return SegmentedThigh(velocity, velocities, spans)


def find_reps(
    angles: CleanAngles,
    settings: AnalysisSettings,
    limits: FaultThresholds,
    prescription: Prescription | None,
) -> tuple[RepResult, ...]:
    """Segment, time, measure and judge the reps of cleaned angles."""
    cleaning = settings.cleaning
    segmented = segment_thigh(angles.thigh, settings)
    trunk_slow = UniformSeries(
        angles.trunk.t,
        smooth(
            angles.trunk.value, cleaning.grid_rate_hz, cleaning, cleaning.trunk_change_lowpass_hz
        ),
        angles.trunk.tracked,
    )
    velocities = segmented.velocities
    least_smoothed = velocities[max(velocities)] if velocities else segmented.velocity
    return build_reps(
        segmented.spans,
        angles.thigh,
        trunk_slow,
        angles.knee,
        least_smoothed,
        limits,
        prescription,
        settings.segmentation.top_percentile,
    )


@dataclass(frozen=True, eq=False)
class ClipReading:
    """What one take of a clip shows before any rep is looked for: the side read, the facing
    direction, the per-frame angles, and why the take cannot be analysed (``problem``, None
    when it can)."""

    side: SideName
    direction: float
    raw: RawAngles
    tracked_fraction: float
    side_used: str
    problem: str | None


def thigh_on_side(
    clip: KeypointClip, side: SideName, direction: float, variation: str | None
) -> NDArray[np.float64]:
    """The raw thigh angle [deg] per frame of ``clip`` read on a side and facing direction
    already chosen by :func:`read_clip`, as it reads them (for a few more frames of the same
    take, without its checks, the trunk or the knee: the live state reads the thigh five
    times a second)."""
    near = joint_positions(clip, side, ("hip", "knee"))
    thigh = thigh_angle_deg(near[:, 0, :], near[:, 1, :], direction)
    if variation in ONE_LEG_VARIATIONS:
        return thigh
    far = joint_positions(clip, other_side(side), ("hip", "knee"))
    return _fill(thigh, thigh_angle_deg(far[:, 0, :], far[:, 1, :], direction))


def read_clip(
    clip: KeypointClip, variation: str | None, settings: AnalysisSettings = AnalysisSettings()
) -> ClipReading:
    """Pick the side, measure the raw angles and run the tracking, side-on and set-up checks
    (:mod:`.quality`, :mod:`.setup_check`) on one take of at least two frames.

    The offline analysis (:func:`analyze_clip`) and the live framing check
    (:mod:`.live`) both read a clip through this one function.
    """
    side = choose_side(clip)
    near, far = side_joints(clip, side), side_joints(clip, other_side(side))
    direction = feet_direction(near, far)
    raw = raw_angles(near, far, direction, borrow=variation not in ONE_LEG_VARIATIONS)
    tracked_fraction = float(np.mean(np.isfinite(raw.thigh)))
    side_used = "both" if raw.from_other_side > BOTH_SIDES_FRACTION else side
    problem = tracking_problem(tracked_fraction, settings.quality) or side_on_problem(
        clip, near.hip, near.knee, settings.quality
    )
    if problem is None:  # is this a reverse hyper at all? (standing, face up... refused)
        problem = setup_problem(clip, settings.setup, (side, near))[0]
    return ClipReading(side, direction, raw, tracked_fraction, side_used, problem)


def analyze_clip(
    clip: KeypointClip,
    prescription: Prescription | None = None,
    settings: AnalysisSettings = AnalysisSettings(),
    grid_origin_s: float | None = None,
) -> AnalysisResult:
    """Reps, phases, angles and faults of a side-view clip (see the package docstring).

    ``grid_origin_s`` [s]: when the clip is a window of a longer one (the live analysis,
    :mod:`.live`), the first frame time of the longer clip, so the window's angles are
    resampled on the same time grid (see :func:`clean_angles`); None for a whole clip.

    Raises:
        InvalidInputError: the clip's arrays are malformed (``KeypointClip.validate``) or the
            prescription's threshold overrides are not valid.

    An unusable clip (no frames, too short, no person, not side-on, too little tracked, not a
    reverse hyperextension: :mod:`.setup_check`) is *not* an error: the result has
    ``quality.analysable = False``, a warning and no reps. An edited clip is analysed take by
    take between its cuts (:mod:`.cuts`).
    """
    clip.validate()
    limits = thresholds_for(prescription, settings.thresholds)
    problem = length_problem(clip, settings.quality)
    if problem is not None:
        return _unusable(problem, 0.0, "none")
    cuts = [int(i) for i in find_cuts(clip, settings.cuts)] if settings.cuts is not None else []
    if cuts:
        one_take = replace(settings, cuts=None)

        def take(piece: KeypointClip) -> AnalysisResult:
            origin = grid_origin_s if piece.t[0] == clip.t[0] else None
            return analyze_clip(piece, prescription, one_take, origin)

        return analyze_pieces(clip, cuts, take)
    read = read_clip(clip, prescription.variation if prescription else None, settings)
    if read.problem is not None:
        return _unusable(read.problem, read.tracked_fraction, read.side_used)
    raw, direction, side = read.raw, read.direction, read.side
    tracked_fraction, side_used = read.tracked_fraction, read.side_used
    angles = clean_angles(clip.t, raw, settings.cleaning, grid_origin_s)
    reps = find_reps(angles, settings, limits, prescription)
    warnings = _tracking_warnings(tracked_fraction, angles.thigh, settings, side_score(clip, side))
    if not reps:
        warnings.append(f"{NO_REPS_WARNING}: the thigh never rose 30 degrees and came back down")
    faults = union_of_faults([rep.faults for rep in reps])
    return AnalysisResult(
        reps=reps,
        faults=faults,
        quality=ClipQuality(tracked_fraction, side_used, tuple(warnings)),
        series=AngleSeries(
            angles.thigh.t, angles.thigh.reported, angles.trunk.reported, angles.knee.reported
        ),
        extra={
            "head_side": "left" if direction > 0 else "right",
            "thresholds": limits.as_dict(),
            "fault_advice": {fault.value: FAULT_ADVICE[fault] for fault in faults},
        },
    )
