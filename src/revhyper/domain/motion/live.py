"""Live analysis: the offline analysis fed frame by frame, reporting each rep once it is settled.

One implementation fed two ways. :func:`.analyze.analyze_clip` reads a whole clip;
:class:`LiveAnalysis` keeps the frames as they arrive and, at most every
``LiveParameters.reanalyse_every_s`` of clip time, runs that same ``analyze_clip`` over a
bounded window of the newest frames:

* the window starts ``lead_s`` before the end of the last rep already reported (so the next
  rep's bottom, the trunk's level before it and the filters' start-up are all inside it), and is
  never longer than ``max_window_s`` (the per-tick cost is bounded by that many seconds of
  frames, whatever the set's length);
* a rep found in the window is **settled**, and reported, once its end lies ``settle_s`` behind
  the newest frame: the zero-phase filters, the glitch filter and the trunk's level after the
  rep then see the same frames they see offline, so more frames cannot change the rep;
* :meth:`LiveAnalysis.finish` runs ``analyze_clip`` on every frame received: the set's result
  is the offline result by construction; the reps not yet reported live (the last one, whose
  end is less than ``settle_s`` before the set's end) come with it.

A second person: the page checks now and then whether someone else is in view (the tracked
person masked out, the model run again) and marks the frame it checked. From a frame marked
with a second person until one marked without, the frames are kept as *untracked* (the pose
model may be following either person): nothing is counted from them, here or in ``finish``,
and the framing check says why counting is paused.

The framing check and the running state read the last ``framing_window_s`` of frames through
:func:`.analyze.read_clip`, the function ``analyze_clip`` reads a take with (tracking, side-on
and set-up checks), so the live page is refused for the same reasons a video is.

Cost: one ``read_clip`` over ``framing_window_s`` per tick, and one ``analyze_clip`` over at
most ``max_window_s`` of frames every ``recheck_s`` while no rep is in sight, or when the rep
in sight can settle (see ``benchmarks/live_load.py`` for the figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.analyze import AnalysisSettings, analyze_clip, read_clip
from revhyper.domain.motion.angles import wrap_deg
from revhyper.domain.motion.form_result import AnalysisResult, Prescription, RepResult
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton
from revhyper.domain.motion.quality import length_problem

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class LiveParameters:
    """How often and over which frames the live analysis re-runs (all times of clip time [s]).

    Attributes:
        reanalyse_every_s: the framing check and the state re-run at most this often [s].
        recheck_s: the rep analysis re-runs this often while no rep is in sight [s]; once a
            rep is found that is not settled yet, it re-runs when that rep can settle (its
            end plus ``settle_s``), and every ``reanalyse_every_s`` after until it does.
        settle_s: a rep is reported once its end lies this far behind the newest frame [s].
            With 1.0 s every clip of both generators gives the offline reps
            (``tests/unit/test_live_analysis.py``); 0.5 s changed the lowering time of a rep
            in two slow-tempo clips by 0.2-0.35 s (the 1 Hz phase filter's reach).
        lead_s: the window starts this long before the end of the last rep reported [s].
        max_window_s: the window is never longer than this [s]; a rep longer than
            ``max_window_s - lead_s`` is only found by :meth:`LiveAnalysis.finish`.
        min_lead_s: a window cut by ``max_window_s`` only reports reps starting at least this
            long after its first frame [s].
        framing_window_s: the framing check and the state read this many newest seconds [s].
        min_framing_s: no framing verdict before this many seconds of frames [s].
        moving_deg_s: the thigh is lifting / lowering above this speed [deg/s].
        phase_window_s: the thigh's speed is its mean over this long [s].
        max_frames: most frames one set may hold [-] (20 minutes at 30 frames/s).
    """

    reanalyse_every_s: float = 0.2
    recheck_s: float = 0.4
    settle_s: float = 1.0
    lead_s: float = 2.0
    max_window_s: float = 20.0
    min_lead_s: float = 1.0
    framing_window_s: float = 3.0
    min_framing_s: float = 1.0
    moving_deg_s: float = 20.0
    phase_window_s: float = 0.25
    max_frames: int = 36_000


DEFAULT_LIVE = LiveParameters()

#: Why counting pauses while the page reports a second person in view.
SECOND_PERSON_PROBLEM = (
    "two people in view: the camera may follow the other person, so nothing is counted until "
    "only the athlete is in view"
)


class Phase(StrEnum):
    """Where the legs are in the current rep, as the page shows it."""

    WAITING = "waiting"  # not enough frames yet, or the view is refused
    BOTTOM = "bottom"
    LIFTING = "lifting"
    TOP = "top"
    LOWERING = "lowering"


@dataclass(frozen=True)
class Framing:
    """Whether the view can be counted from, and what to change when it cannot."""

    ok: bool
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class LiveState:
    """The running state: reps reported, current phase, current thigh angle [deg] (None when
    the thigh is not tracked in the newest frame) and why counting is paused (None when not)."""

    reps: int
    phase: Phase
    thigh_deg: float | None
    paused: str | None


@dataclass(frozen=True)
class LiveUpdate:
    """What a batch of frames changed: the framing verdict and state at the last re-analysis
    (None when no re-analysis ran) and the reps settled by the batch, numbered from 1."""

    framing: Framing | None
    state: LiveState | None
    reps: tuple[RepResult, ...] = ()


@dataclass(frozen=True)
class FinishedSet:
    """The whole set's analysis (``analyze_clip`` on every frame) and its reps not reported
    live before the end."""

    result: AnalysisResult
    unreported: tuple[RepResult, ...] = field(default=())


def frame_arrays(
    points: Sequence[Sequence[float] | None], skeleton: Skeleton = Skeleton.BLAZEPOSE33
) -> tuple[FloatArray, FloatArray]:
    """One frame's ``[x, y, score]`` points (None: not detected) as ``xy`` (J, 2) [px] and
    ``score`` (J,) [-] arrays, the keypoint contract's shape (NaN / 0 where not detected).

    Raises:
        InvalidInputError: wrong number of joints, a point that is not three finite numbers,
            or a score outside [0, 1].
    """
    joints = len(JOINT_NAMES[skeleton])
    if len(points) != joints:
        raise InvalidInputError(f"a {skeleton.value} frame has {joints} points, got {len(points)}")
    quick = _frame_arrays_at_once(points, joints)
    if quick is not None:
        return quick
    # Something is wrong with a point: find it, point by point, to name it.
    xy = np.full((joints, 2), np.nan)
    score = np.zeros(joints)
    for index, point in enumerate(points):
        if point is None:
            continue
        values = np.asarray(point, dtype=np.float64)
        if values.shape != (3,) or not np.all(np.isfinite(values)):
            raise InvalidInputError(
                f"point {index} must be [x, y, score] as three finite numbers or null, "
                f"got {list(point)!r}"
            )
        if not 0.0 <= values[2] <= 1.0:
            raise InvalidInputError(f"point {index}: score must be in [0, 1], got {values[2]}")
        xy[index], score[index] = values[:2], values[2]
    return xy, score


def _frame_arrays_at_once(
    points: Sequence[Sequence[float] | None], joints: int
) -> tuple[FloatArray, FloatArray] | None:
    """``frame_arrays`` in one NumPy conversion (a live set sends 30 frames a second), or None
    when any point is not valid (the caller then finds and names it)."""
    present = [point is not None for point in points]
    try:
        values = np.array(
            [point if point is not None else _NOT_DETECTED for point in points], dtype=np.float64
        )
    except (TypeError, ValueError):
        return None
    if values.shape != (joints, 3):
        return None
    seen = values[np.asarray(present, dtype=bool)]
    if not np.all(np.isfinite(seen)) or not np.all((seen[:, 2] >= 0.0) & (seen[:, 2] <= 1.0)):
        return None
    return values[:, :2], values[:, 2]


#: A point not detected, as ``frame_arrays`` stores it ([x, y] NaN, score 0).
_NOT_DETECTED = (np.nan, np.nan, 0.0)


class LiveAnalysis:
    """A set analysed while it happens (see the module docstring). Not thread-safe: one
    caller feeds one set."""

    def __init__(
        self,
        width: int,
        height: int,
        prescription: Prescription | None = None,
        *,
        skeleton: Skeleton = Skeleton.BLAZEPOSE33,
        fps: float = 30.0,
        settings: AnalysisSettings = AnalysisSettings(),
        params: LiveParameters = DEFAULT_LIVE,
    ) -> None:
        self.prescription = prescription
        self.settings = settings
        self.params = params
        self._empty = KeypointClip(
            skeleton,
            fps,
            width,
            height,
            np.zeros(0),
            np.zeros((0, len(JOINT_NAMES[skeleton]), 2)),
            np.zeros((0, len(JOINT_NAMES[skeleton]))),
        )
        self._empty.validate()
        self._t: list[float] = []
        self._xy: list[FloatArray] = []
        self._score: list[FloatArray] = []
        self._reported: list[RepResult] = []
        self._analysed_at = -np.inf
        self._settle_due = -np.inf
        self._second_person = False
        self._untracked_xy = np.full((len(JOINT_NAMES[skeleton]), 2), np.nan)
        self._untracked_score = np.zeros(len(JOINT_NAMES[skeleton]))

    @property
    def frames_received(self) -> int:
        return len(self._t)

    @property
    def newest_t(self) -> float | None:
        """Time of the newest frame [s], None before the first."""
        return self._t[-1] if self._t else None

    @property
    def reported(self) -> tuple[RepResult, ...]:
        """The reps reported so far, in order."""
        return tuple(self._reported)

    @property
    def second_person(self) -> bool:
        """Whether the newest check the page made saw a second person in view."""
        return self._second_person

    def add_frames(
        self,
        t: Sequence[float],
        xy: Sequence[FloatArray],
        score: Sequence[FloatArray],
        second_person: Sequence[bool | None] | None = None,
    ) -> LiveUpdate:
        """Append frames (times [s] strictly increasing and after the newest frame; ``xy``
        (J, 2) [px] and ``score`` (J,) per frame) and re-analyse at every tick they pass.
        ``second_person`` per frame: True / False where the page checked for a second person
        in that frame, None where it did not (the last check holds).

        Raises:
            InvalidInputError: a time that is not finite or does not increase, or more frames
                than ``LiveParameters.max_frames``; no frame of the batch is kept then.
        """
        self._check_batch(t)
        framing: Framing | None = None
        state: LiveState | None = None
        settled: list[RepResult] = []
        checks = second_person if second_person is not None else [None] * len(t)
        for when, points, scores, check in zip(t, xy, score, checks, strict=True):
            if check is not None:
                self._second_person = bool(check)
            self._t.append(float(when))
            shared = self._second_person
            self._xy.append(self._untracked_xy if shared else points)
            self._score.append(self._untracked_score if shared else scores)
            if when - self._analysed_at >= self.params.reanalyse_every_s - 1e-9:
                self._analysed_at = float(when)
                if when >= self._settle_due - 1e-9:
                    settled.extend(self._settle_reps())
                framing, state = self._framing_and_state()
        return LiveUpdate(framing, state, tuple(settled))

    def finish(self) -> FinishedSet:
        """The whole set: ``analyze_clip`` on every frame received, and its reps that come
        after the last one reported live."""
        result = analyze_clip(self._clip(0), self.prescription, self.settings)
        last_end = self._reported[-1].end_s if self._reported else -np.inf
        return FinishedSet(result, tuple(rep for rep in result.reps if rep.top_s > last_end))

    def _check_batch(self, t: Sequence[float]) -> None:
        times = np.asarray(t, dtype=np.float64)
        if times.size and not np.all(np.isfinite(times)):
            raise InvalidInputError("frame times must be finite numbers of seconds")
        previous = np.concatenate([[self._t[-1]] if self._t else [], times])
        steps = np.diff(previous)
        if steps.size and not np.all(steps > 0):
            bad = int(np.argmin(steps > 0))
            raise InvalidInputError(
                f"frame times must increase: t={previous[bad + 1]} comes after t={previous[bad]}"
            )
        if len(self._t) + times.size > self.params.max_frames:
            raise InvalidInputError(
                f"a live set holds at most {self.params.max_frames} frames; end this set and "
                "start another"
            )

    def _clip(self, start: int) -> KeypointClip:
        if start >= len(self._t):
            return self._empty
        return replace(
            self._empty,
            t=np.asarray(self._t[start:], dtype=np.float64),
            xy=np.asarray(self._xy[start:], dtype=np.float64),
            score=np.asarray(self._score[start:], dtype=np.float64),
        )

    def _window_start(self) -> int:
        newest = self._t[-1]
        begin = newest - self.params.max_window_s
        if self._reported:
            begin = max(begin, self._reported[-1].end_s - self.params.lead_s)
        return int(np.searchsorted(np.asarray(self._t), begin, side="left"))

    def _settle_reps(self) -> list[RepResult]:
        start = self._window_start()
        window = self._clip(start)
        newest, first = float(window.t[-1]), float(window.t[0])
        last_end = self._reported[-1].end_s if self._reported else -np.inf
        earliest_start = first + self.params.min_lead_s if start > 0 else -np.inf
        settled = []
        result = analyze_clip(window, self.prescription, self.settings, self._t[0])
        # No rep in sight: look again in recheck_s. (A rep that is not settled yet moves it.)
        self._settle_due = newest + self.params.recheck_s
        for rep in result.reps:
            if rep.top_s <= last_end or rep.start_s < earliest_start:
                continue
            if rep.end_s + self.params.settle_s > newest:
                self._settle_due = max(
                    rep.end_s + self.params.settle_s, newest + self.params.reanalyse_every_s
                )
                break
            numbered = replace(rep, index=len(self._reported) + 1)
            self._reported.append(numbered)
            settled.append(numbered)
            last_end = rep.end_s
        return settled

    def _framing_and_state(self) -> tuple[Framing | None, LiveState]:
        newest = self._t[-1]
        start = int(
            np.searchsorted(np.asarray(self._t), newest - self.params.framing_window_s, "left")
        )
        window = self._clip(start)
        count = len(self._reported)
        if self._second_person:
            framing = Framing(False, (SECOND_PERSON_PROBLEM,))
            return framing, LiveState(count, Phase.WAITING, None, SECOND_PERSON_PROBLEM)
        if window.duration_s < self.params.min_framing_s or length_problem(
            window, self.settings.quality
        ):
            return None, LiveState(count, Phase.WAITING, None, None)
        variation = self.prescription.variation if self.prescription else None
        reading = read_clip(window, variation, self.settings)
        thigh = reading.raw.thigh
        current = float(wrap_deg(np.asarray(thigh[-1]))) if np.isfinite(thigh[-1]) else None
        if reading.problem is not None:
            framing = Framing(False, (reading.problem,))
            return framing, LiveState(count, Phase.WAITING, current, reading.problem)
        return Framing(True), LiveState(count, self._phase(window.t, thigh), current, None)

    def _phase(self, t: FloatArray, thigh: FloatArray) -> Phase:
        """The current phase from the thigh's recent speed and its place in the window's
        range [deg]."""
        seen = np.isfinite(thigh)
        if seen.sum() < 2:
            return Phase.WAITING
        recent = seen & (t >= t[-1] - self.params.phase_window_s)
        if recent.sum() >= 2:
            speed = float(np.polyfit(t[recent], thigh[recent], 1)[0])
            if speed > self.params.moving_deg_s:
                return Phase.LIFTING
            if speed < -self.params.moving_deg_s:
                return Phase.LOWERING
        low, high = float(np.min(thigh[seen])), float(np.max(thigh[seen]))
        latest = float(thigh[seen][-1])
        if high - low >= self.settings.segmentation.min_rise_deg / 2 and latest > (low + high) / 2:
            return Phase.TOP
        return Phase.BOTTOM
