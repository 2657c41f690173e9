"""Live analysis: the offline analysis fed frame by frame, reporting each rep as soon as it is
seen and again once it is settled.

One implementation fed two ways. :func:`.analyze.analyze_clip` reads a whole clip;
:class:`LiveAnalysis` keeps the frames as they arrive and, at most every
``LiveParameters.reanalyse_every_s`` of clip time, runs that same ``analyze_clip`` over a
bounded window of the newest frames:

* the window starts ``lead_s`` before the end of the last rep already reported (so the next
  rep's bottom, the trunk's level before it and the filters' start-up are all inside it), and is
  never longer than ``max_window_s`` (the per-tick cost is bounded by that many seconds of
  frames, whatever the set's length);
* a rep found in the window is first reported **provisionally** once its end, as the window
  sees it, lies ``provisional_s`` behind the newest frame: that is when the page counts it and
  gives its cue. Its figures are the window's and may still move (the filters near the
  window's edge do not yet see what follows the rep);
* a rep is **settled**, and reported again, once its end lies ``settle_s`` behind the newest
  frame: the zero-phase filters, the glitch filter and the trunk's level after the rep then
  see the same frames they see offline, so more frames cannot change the rep. The settled rep
  replaces the provisional one of the same number; a provisional rep that no settled rep
  confirms is **withdrawn** (the count goes back by one);
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

Cost: one ``read_clip`` over ``framing_window_s`` every ``framing_every_s`` (the ticks between
read only the thigh), and one ``analyze_clip`` over at most ``max_window_s`` of frames: when a
rep can settle; every ``recheck_s`` while no rep is in sight; and once to report a rep
provisionally. From the tick that finds the thigh a rep's rise below its highest angle since
the last rep, until that rep is reported, a look every ``glimpse_every_s`` to
``glimpse_cap_s`` reads, cleans and segments the thigh alone (a third of an ``analyze_clip``)
and runs ``analyze_clip`` only once it shows the rep's end (see ``benchmarks/live_load.py`` and
``benchmarks/live_latency.py`` for the figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.analyze import (
    AnalysisSettings,
    ClipReading,
    analyze_clip,
    angle_grid,
    read_clip,
    segment_thigh,
    thigh_on_side,
    time_at,
)
from revhyper.domain.motion.angles import wrap_deg
from revhyper.domain.motion.form_result import AnalysisResult, Prescription, RepResult
from revhyper.domain.motion.keypoints import JOINT_NAMES, KeypointClip, Skeleton
from revhyper.domain.motion.quality import length_problem
from revhyper.domain.motion.signal import clean_series

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class LiveParameters:
    """How often and over which frames the live analysis re-runs (all times of clip time [s]).

    Attributes:
        reanalyse_every_s: the framing check and the state re-run at most this often [s].
        recheck_s: the rep analysis re-runs this often while no rep is in sight [s] (the
            looks for provisional reps find reps sooner; this only catches what they miss);
            once a rep is found that is not settled yet, it re-runs when that rep can settle
            (its end plus ``settle_s``), and every ``reanalyse_every_s`` after until it does.
        provisional_s: a rep is reported provisionally once its end, as the window sees it,
            lies this far behind the newest frame [s]. On every clip of both generators
            replayed in batches of 0.1 s (162 reps), 0.033 s reports each rep within 0.21 s
            of frame time after its offline end (median 0.07 s) with the offline faults in 160
            reps; 0.05 s and 0.07 s were slower (p99 0.23 s and 0.26 s) and no more often
            right (``tests/unit/test_live_analysis.py`` checks the bounds,
            ``benchmarks/live_latency.py`` measures the agreement).
        glimpse_every_s, glimpse_cap_s: while a rep is in sight without a provisional report,
            the analysis looks for its end again after ``glimpse_every_s``, or up to
            ``glimpse_cap_s`` while the legs, lowering as fast as now, cannot be near the
            bottom yet (:meth:`LiveAnalysis._glimpse_wait_s`) [s].
        settle_s: a rep is settled, and reported as such, once its end lies this far behind
            the newest frame [s].
            With 1.0 s every clip of both generators gives the offline reps
            (``tests/unit/test_live_analysis.py``); 0.5 s changed the lowering time of a rep
            in two slow-tempo clips by 0.2-0.35 s (the 1 Hz phase filter's reach).
        lead_s: the window starts this long before the end of the last rep reported [s].
        max_window_s: the window is never longer than this [s]; a rep longer than
            ``max_window_s - lead_s`` is only found by :meth:`LiveAnalysis.finish`.
        min_lead_s: a window cut by ``max_window_s`` only reports reps starting at least this
            long after its first frame [s].
        framing_window_s: the framing check and the state read this many newest seconds [s].
        framing_every_s: the framing check (``read_clip``: side, tracking, side-on, set-up)
            runs at most this often; the ticks between read the thigh on the side it chose
            and keep its verdict [s].
        min_framing_s: no framing verdict before this many seconds of frames [s].
        moving_deg_s: the thigh is lifting / lowering above this speed [deg/s].
        phase_window_s: the thigh's speed is its mean over this long [s].
        max_frames: most frames one set may hold [-] (20 minutes at 30 frames/s).
    """

    reanalyse_every_s: float = 0.2
    recheck_s: float = 3.0
    provisional_s: float = 0.033
    glimpse_every_s: float = 0.1
    glimpse_cap_s: float = 0.2
    settle_s: float = 1.0
    lead_s: float = 2.0
    max_window_s: float = 20.0
    min_lead_s: float = 1.0
    framing_window_s: float = 3.0
    framing_every_s: float = 1.0
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
    """The running state: reps counted (settled, and provisional ones not withdrawn), current
    phase, current thigh angle [deg] (None when the thigh is not tracked in the newest frame)
    and why counting is paused (None when not)."""

    reps: int
    phase: Phase
    thigh_deg: float | None
    paused: str | None


@dataclass(frozen=True)
class LiveUpdate:
    """What a batch of frames changed: the framing verdict and state at the last re-analysis
    (None when no re-analysis ran), the reps settled by the batch, the reps first seen by it
    (provisional) and the numbers of provisional reps withdrawn; reps are numbered from 1."""

    framing: Framing | None
    state: LiveState | None
    reps: tuple[RepResult, ...] = ()
    provisional: tuple[RepResult, ...] = ()
    withdrawn: tuple[int, ...] = ()


@dataclass(frozen=True)
class FinishedSet:
    """The whole set's analysis (``analyze_clip`` on every frame), its reps not settled live
    before the end, and the numbers of provisional reps the whole set does not hold."""

    result: AnalysisResult
    unreported: tuple[RepResult, ...] = field(default=())
    withdrawn: tuple[int, ...] = field(default=())


@dataclass
class _RepNews:
    """What one rep analysis found: settled, provisional and withdrawn reps."""

    settled: list[RepResult] = field(default_factory=list)
    provisional: list[RepResult] = field(default_factory=list)
    withdrawn: list[int] = field(default_factory=list)


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


class _Frames:
    """The frames received, in arrays that double in size when full: a window of them is a
    view (read-only), not a copy of a list of per-frame arrays."""

    def __init__(self, joints: int, capacity: int = 256) -> None:
        self.count = 0
        self._t = np.empty(capacity)
        self._xy = np.empty((capacity, joints, 2))
        self._score = np.empty((capacity, joints))

    def append(self, when: float, xy: FloatArray, score: FloatArray) -> None:
        """Add one frame: time [s], positions (J, 2) [px], scores (J,) [-]."""
        if self.count == self._t.size:
            self._t, self._xy, self._score = (
                np.concatenate([array, np.empty_like(array)])
                for array in (self._t, self._xy, self._score)
            )
        self._t[self.count], self._xy[self.count], self._score[self.count] = when, xy, score
        self.count += 1

    @property
    def times(self) -> FloatArray:
        """The times of every frame [s] (a read-only view)."""
        view = self._t[: self.count]
        view.flags.writeable = False
        return view

    def since(self, start: int) -> tuple[FloatArray, FloatArray, FloatArray]:
        """Times, positions and scores of the frames from index ``start`` on (views)."""
        t, xy, score = (array[start : self.count] for array in (self._t, self._xy, self._score))
        for view in (t, xy, score):
            view.flags.writeable = False
        return t, xy, score


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
        self._frames = _Frames(len(JOINT_NAMES[skeleton]))
        self._reported: list[RepResult] = []
        self._provisional: list[RepResult] = []
        self._analysed_at = -np.inf
        self._settle_due = -np.inf
        self._glimpse_due = np.inf
        self._reading: ClipReading | None = None
        self._read_at = -np.inf
        self._fps = fps
        self._second_person = False
        self._untracked_xy = np.full((len(JOINT_NAMES[skeleton]), 2), np.nan)
        self._untracked_score = np.zeros(len(JOINT_NAMES[skeleton]))

    @property
    def frames_received(self) -> int:
        return self._frames.count

    @property
    def newest_t(self) -> float | None:
        """Time of the newest frame [s], None before the first."""
        return float(self._t[-1]) if self._frames.count else None

    @property
    def reported(self) -> tuple[RepResult, ...]:
        """The reps settled so far, in order."""
        return tuple(self._reported)

    @property
    def provisional(self) -> tuple[RepResult, ...]:
        """The reps reported provisionally and not settled or withdrawn yet, in order."""
        return tuple(self._provisional)

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
            InvalidInputError: a time that is not finite or does not increase, positions or
                scores of another shape, or more frames than ``LiveParameters.max_frames``; no
                frame of the batch is kept then.
        """
        self._check_batch(t, xy, score)
        framing: Framing | None = None
        state: LiveState | None = None
        news = _RepNews()
        checks = second_person if second_person is not None else [None] * len(t)
        last = len(t) - 1
        for position, (when, points, scores, check) in enumerate(
            zip(t, xy, score, checks, strict=True)
        ):
            if check is not None:
                self._second_person = bool(check)
            shared = self._second_person
            self._frames.append(
                float(when),
                self._untracked_xy if shared else points,
                self._untracked_score if shared else scores,
            )
            tick = when - self._analysed_at >= self.params.reanalyse_every_s - 1e-9
            if tick and when >= self._settle_due - 1e-9:
                self._analyse_reps(news, settle=True)
            elif self._glimpse_due_at(float(when), position == last):
                self._analyse_reps(news, settle=False)
            if tick:
                self._analysed_at = float(when)
                framing, state, fallen = self._framing_and_state()
                if fallen:  # the legs came down a rep's rise: the rep may be over, look now
                    self._glimpse_due = min(self._glimpse_due, float(when))
        if state is not None:  # the count as the batch leaves it (a look may follow the tick)
            state = replace(state, reps=len(self._reported) + len(self._provisional))
        return LiveUpdate(
            framing, state, tuple(news.settled), tuple(news.provisional), tuple(news.withdrawn)
        )

    def _glimpse_due_at(self, when: float, last_of_batch: bool) -> bool:
        """Whether a look for a provisional rep runs at the frame of time ``when`` [s]: once
        it is due (within half a frame: a look due "in one batch" is not put off to the next
        by a rounding of the frame times), at the batch's last frame (the newest the page has
        sent), or at once in a long batch (a backlog) when it is ``reanalyse_every_s``
        overdue."""
        if when < self._glimpse_due - 0.5 / self._fps:
            return False
        return last_of_batch or when - self._glimpse_due >= self.params.reanalyse_every_s - 1e-9

    def finish(self) -> FinishedSet:
        """The whole set: ``analyze_clip`` on every frame received, and its reps that come
        after the last one reported live."""
        result = analyze_clip(self._clip(0), self.prescription, self.settings)
        last_end = self._reported[-1].end_s if self._reported else -np.inf
        unreported = tuple(rep for rep in result.reps if rep.top_s > last_end)
        withdrawn = tuple(
            rep.index
            for rep in self._provisional
            if rep.index > len(self._reported) + len(unreported)
        )
        return FinishedSet(result, unreported, withdrawn)

    def _check_batch(
        self, t: Sequence[float], xy: Sequence[FloatArray], score: Sequence[FloatArray]
    ) -> None:
        joints = self._untracked_score.size
        if len(xy) != len(t) or len(score) != len(t):
            raise InvalidInputError(
                f"a batch needs positions and scores for each of its {len(t)} frames"
            )
        for index, (points, scores) in enumerate(zip(xy, score, strict=True)):
            if np.shape(points) != (joints, 2) or np.shape(scores) != (joints,):
                raise InvalidInputError(
                    f"frame {index}: positions must be ({joints}, 2) and scores ({joints},), "
                    f"got {np.shape(points)} and {np.shape(scores)}"
                )
        times = np.asarray(t, dtype=np.float64)
        if times.size and not np.all(np.isfinite(times)):
            raise InvalidInputError("frame times must be finite numbers of seconds")
        previous = np.concatenate([self._t[-1:], times])
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
        if start >= self._frames.count:
            return self._empty
        t, xy, score = self._frames.since(start)
        return replace(self._empty, t=t, xy=xy, score=score)

    @property
    def _t(self) -> FloatArray:
        """The times of the frames received [s] (a read-only view)."""
        return self._frames.times

    def _window_start(self) -> int:
        newest = self._t[-1]
        begin = newest - self.params.max_window_s
        if self._reported:
            begin = max(begin, self._reported[-1].end_s - self.params.lead_s)
        return int(np.searchsorted(self._t, begin, side="left"))

    def _analyse_reps(self, news: _RepNews, *, settle: bool) -> None:
        """Run ``analyze_clip`` over the window; settle (on the settle schedule only), report
        provisionally or withdraw reps (into ``news``), and set when to look again.

        Reps settle only at the analyses of the settle schedule (re-analysis ticks at or after
        a rep's end plus ``settle_s``), never at the extra looks for provisional reps: a
        window's estimate of a rep's end moves a little from one frame to the next, and
        settling at the first frame an early estimate allows gave lowering times up to 0.2 s
        off the offline ones on slow-tempo clips."""
        start = self._window_start()
        window = self._clip(start)
        if not settle and not self._end_may_be_in_view(window, start):
            return
        newest, first = float(window.t[-1]), float(window.t[0])
        last_end = self._reported[-1].end_s if self._reported else -np.inf
        earliest_start = first + self.params.min_lead_s if start > 0 else -np.inf
        result = analyze_clip(window, self.prescription, self.settings, self._t[0])
        in_sight = [
            rep for rep in result.reps if rep.top_s > last_end and rep.start_s >= earliest_start
        ]
        while settle and in_sight and in_sight[0].end_s + self.params.settle_s <= newest:
            numbered = replace(in_sight.pop(0), index=len(self._reported) + 1)
            self._reported.append(numbered)
            news.settled.append(numbered)
        counted = len(self._reported)
        self._provisional = [rep for rep in self._provisional if rep.index > counted]
        self._report_provisional(in_sight, newest, news)
        self._withdraw_unseen(counted + len(in_sight), newest, news)
        if settle:
            self._settle_due = self._next_settle(in_sight, newest)
        for rep in self._provisional:  # settle (or withdraw) a provisional rep on time
            self._settle_due = min(self._settle_due, rep.end_s + self.params.settle_s)
        self._glimpse_due = self._next_glimpse(in_sight, newest, result)

    def _end_may_be_in_view(self, window: KeypointClip, start: int) -> bool:
        """Whether a look for a provisional rep should run ``analyze_clip`` now: the thigh alone,
        read on the side the last framing check chose, cleaned and segmented as
        ``analyze_clip`` does (:func:`.analyze.segment_thigh`), shows the end of a rep after
        the last one counted ``provisional_s`` behind the newest frame. Otherwise the next
        look is set as :meth:`_next_glimpse` would set it, and this look costs a third of an
        ``analyze_clip``: most looks, made while the legs are still coming down, find no
        end. Only ``analyze_clip``'s reps are ever reported; this only decides when it runs."""
        reading = self._reading
        if reading is None:
            return True
        variation = self.prescription.variation if self.prescription else None
        cleaning = self.settings.cleaning
        raw = thigh_on_side(window, reading.side, reading.direction, variation)
        thigh = clean_series(window.t, raw, angle_grid(window.t, cleaning, self._t[0]), cleaning)
        spans = segment_thigh(thigh, self.settings).spans
        counted = self._provisional[-1:] or self._reported[-1:]
        after = counted[0].end_s if counted else -np.inf
        earliest_start = float(window.t[0]) + self.params.min_lead_s if start > 0 else -np.inf
        waiting = [
            span
            for span in spans
            if time_at(thigh.t, span.top_reached_at) > after
            and time_at(thigh.t, span.start_at) >= earliest_start
        ]
        newest = float(window.t[-1])
        if any(
            time_at(thigh.t, span.end_at) + self.params.provisional_s <= newest for span in waiting
        ):
            return True
        if not waiting:
            self._glimpse_due = np.inf
            return False
        first = waiting[0]
        bottom = float(wrap_deg(thigh.value[first.bottom_before : first.start + 1].min()))
        self._glimpse_due = newest + self._glimpse_wait_s(bottom, thigh.t, thigh.reported)
        return False

    def _glimpse_wait_s(self, bottom_deg: float, t: FloatArray, thigh: FloatArray) -> float:
        """How long the next look for a rep's end waits [s]: ``glimpse_every_s``, or up to
        ``glimpse_cap_s`` while the legs, lowering as fast as now (the cleaned thigh ``thigh``
        [deg] at times ``t`` [s]), cannot be half a rep's rise above the rep's bottom
        ``bottom_deg`` [deg] yet (:func:`time_to_fall_s`)."""
        near_bottom = bottom_deg + self.settings.segmentation.min_rise_deg / 2
        falling = time_to_fall_s(t, thigh, near_bottom, self.params)
        return max(self.params.glimpse_every_s, min(falling, self.params.glimpse_cap_s))

    def _report_provisional(self, in_sight: list[RepResult], newest: float, news: _RepNews) -> None:
        """Report the reps in sight whose end is ``provisional_s`` behind ``newest`` [s] and
        that have no provisional report yet."""
        known = {rep.index for rep in self._provisional}
        for number, rep in enumerate(in_sight, start=len(self._reported) + 1):
            if number in known or rep.end_s + self.params.provisional_s > newest:
                continue
            numbered = replace(rep, index=number)
            self._provisional.append(numbered)
            news.provisional.append(numbered)

    def _withdraw_unseen(self, in_sight_up_to: int, newest: float, news: _RepNews) -> None:
        """Withdraw the provisional reps numbered above ``in_sight_up_to`` that would have
        settled by ``newest`` [s]: the window no longer holds them."""
        kept = []
        for rep in self._provisional:
            if rep.index > in_sight_up_to and rep.end_s + self.params.settle_s <= newest:
                news.withdrawn.append(rep.index)
            else:
                kept.append(rep)
        self._provisional = kept

    def _next_settle(self, in_sight: list[RepResult], newest: float) -> float:
        """When the settle schedule looks again [s of frame time]: when the first rep in
        sight can settle (and every ``reanalyse_every_s`` after until it does), or in
        ``recheck_s`` while nothing is in sight (a provisional rep out of sight moves it
        sooner: :meth:`_analyse_reps`)."""
        if not in_sight:
            return newest + self.params.recheck_s
        return max(in_sight[0].end_s + self.params.settle_s, newest + self.params.reanalyse_every_s)

    def _next_glimpse(
        self, in_sight: list[RepResult], newest: float, result: AnalysisResult
    ) -> float:
        """When to look for a provisional rep next [s of frame time]: for the first rep in
        sight without a provisional report, once it is ``provisional_s`` past its end and
        the legs, lowering on as fast as now, can be half a rep's rise from its bottom
        (:func:`time_to_fall_s`, bounded to ``glimpse_every_s``..``glimpse_cap_s`` from now);
        never while there is none (the next tick that sees the legs come down, or the
        settle schedule, looks again)."""
        known = {rep.index for rep in self._provisional}
        for number, rep in enumerate(in_sight, start=len(self._reported) + 1):
            if number not in known:
                series = result.series
                if series is None:  # no angles to see the legs' speed in: look again soon
                    wait = self.params.glimpse_every_s
                else:
                    wait = self._glimpse_wait_s(rep.bottom_angle_deg, series.t, series.thigh_deg)
                return max(rep.end_s + self.params.provisional_s, newest + wait)
        return float(np.inf)

    def _framing_and_state(self) -> tuple[Framing | None, LiveState, bool]:
        """The framing verdict and the state from the newest ``framing_window_s`` of frames,
        and whether the thigh has come down a rep's rise (``min_rise_deg``) from its highest
        angle since the end of the last rep counted (:meth:`_fallen_since_last_rep`)."""
        newest = self._t[-1]
        start = int(np.searchsorted(self._t, newest - self.params.framing_window_s, "left"))
        window = self._clip(start)
        count = len(self._reported) + len(self._provisional)
        if self._second_person:
            framing = Framing(False, (SECOND_PERSON_PROBLEM,))
            return framing, LiveState(count, Phase.WAITING, None, SECOND_PERSON_PROBLEM), False
        if window.duration_s < self.params.min_framing_s or length_problem(
            window, self.settings.quality
        ):
            return None, LiveState(count, Phase.WAITING, None, None), False
        variation = self.prescription.variation if self.prescription else None
        reading = self._reading
        if reading is None or newest - self._read_at >= self.params.framing_every_s - 1e-9:
            reading = self._reading = read_clip(window, variation, self.settings)
            self._read_at = newest
            thigh = reading.raw.thigh
        else:  # between checks: the thigh on the side the last check chose, its verdict kept
            thigh = thigh_on_side(window, reading.side, reading.direction, variation)
        current = float(wrap_deg(np.asarray(thigh[-1]))) if np.isfinite(thigh[-1]) else None
        if reading.problem is not None:
            framing = Framing(False, (reading.problem,))
            # (the rep analysis reads a longer window, which may still count the rep)
            fallen = self._fallen_since_last_rep(window.t, thigh)
            return framing, LiveState(count, Phase.WAITING, current, reading.problem), fallen
        state = LiveState(count, self._phase(window.t, thigh), current, None)
        return Framing(True), state, self._fallen_since_last_rep(window.t, thigh)

    def _fallen_since_last_rep(self, t: FloatArray, thigh: FloatArray) -> bool:
        """Whether the newest thigh angle [deg] lies ``min_rise_deg`` below the highest one
        after the end of the last rep counted (settled or provisional) [s]: the rep analysis
        would then find a rep's top, so it is worth looking for the rep's end."""
        counted = self._provisional[-1:] or self._reported[-1:]
        since = (t > counted[0].end_s) if counted else np.ones(t.size, dtype=bool)
        seen = since & np.isfinite(thigh)
        if seen.sum() < 2:
            return False
        high, now = float(np.max(thigh[seen])), float(thigh[seen][-1])
        return high - now >= self.settings.segmentation.min_rise_deg

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


def time_to_fall_s(
    t: FloatArray, thigh: FloatArray, angle_deg: float, params: LiveParameters
) -> float:
    """How long the thigh, falling on at its mean speed over the last ``phase_window_s`` of
    its cleaned angles ``thigh`` [deg] at times ``t`` [s] (NaN where untracked), takes to come
    down to ``angle_deg`` [s]; 0 when it is there already or not falling faster than
    ``moving_deg_s``."""
    if t.size < 2:
        return 0.0
    recent = np.isfinite(thigh) & (t >= t[-1] - params.phase_window_s)
    if recent.sum() < 2:
        return 0.0
    speed = float(np.polyfit(t[recent], thigh[recent], 1)[0])
    if speed > -params.moving_deg_s:
        return 0.0
    return max(0.0, float(thigh[recent][-1]) - angle_deg) / -speed
