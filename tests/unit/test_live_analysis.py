"""The live analysis equals the offline one: every style of both clip generators, replayed frame
by frame, gives the reps ``analyze_clip`` gives on the whole clip (count; per rep the faults,
the top angle within 0.5 deg and the phase times within 0.1 s), as rep events while the set
runs and from ``finish()``; another exercise is refused by the framing check and counts
nothing.

The generators: :mod:`revhyper.domain.clips.synth` (every ``Style`` at every ``NoiseLevel``)
and the independent one of ``benchmarks/independent`` (every style, two clips each).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from revhyper.domain.clips.synth import (
    Camera,
    NoiseLevel,
    RepPlan,
    Style,
    SynthSpec,
    random_spec,
    synthesize,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion import live as live_module
from revhyper.domain.motion.form_result import AnalysisResult, Prescription, RepResult
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.domain.motion.live import (
    DEFAULT_LIVE,
    SECOND_PERSON_PROBLEM,
    LiveAnalysis,
    LiveUpdate,
    Phase,
    frame_arrays,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.independent.plan import STYLES
from benchmarks.independent.scoring import make_case

TOP_DEG = 0.5
PHASE_S = 0.1
CLIPS_PER_INDEPENDENT_STYLE = 2


def synth_clip(style: Style, noise: NoiseLevel) -> tuple[KeypointClip, Prescription | None]:
    rng = np.random.default_rng(100 + list(Style).index(style) * 10 + len(noise.value))
    clip, truth = synthesize(random_spec(rng, style=style, noise=noise), rng)
    return clip, truth.prescription


def independent_clip(style: str, k: int) -> tuple[KeypointClip, Prescription | None]:
    case = make_case(2026, STYLES.index(style) * CLIPS_PER_INDEPENDENT_STYLE + k, style)
    assert case is not None and case.clip is not None
    return case.clip, case.plan.prescription


CASES = [
    pytest.param("synth", style.value, noise.value, id=f"synth-{style.value}-{noise.value}")
    for style in Style
    for noise in NoiseLevel
] + [
    pytest.param("independent", style, str(k), id=f"independent-{style}-{k}")
    for style in STYLES
    for k in range(CLIPS_PER_INDEPENDENT_STYLE)
]


def case_clip(generator: str, style: str, variant: str) -> tuple[KeypointClip, Prescription | None]:
    if generator == "synth":
        return synth_clip(Style(style), NoiseLevel(variant))
    return independent_clip(style, int(variant))


@cache
def replayed(
    generator: str, style: str, variant: str
) -> tuple[AnalysisResult, list[RepResult], AnalysisResult, list[RepResult]]:
    """The offline result, the reps reported live, ``finish()``'s result and its late reps."""
    clip, prescription = case_clip(generator, style, variant)
    live = LiveAnalysis(clip.width, clip.height, prescription, skeleton=clip.skeleton, fps=clip.fps)
    reported: list[RepResult] = []
    for i in range(clip.n_frames):
        reported.extend(live.add_frames([clip.t[i]], [clip.xy[i]], [clip.score[i]]).reps)
    finished = live.finish()
    return analyze_clip(clip, prescription), reported, finished.result, list(finished.unreported)


def differences(found: list[RepResult], offline: tuple[RepResult, ...]) -> list[str]:
    if len(found) != len(offline):
        return [f"{len(found)} reps, offline {len(offline)}"]
    problems = []
    for mine, theirs in zip(found, offline, strict=True):
        if mine.index != theirs.index or mine.faults != theirs.faults:
            problems.append(f"rep {theirs.index}: faults {mine.faults} vs {theirs.faults}")
        if abs(mine.top_angle_deg - theirs.top_angle_deg) > TOP_DEG:
            problems.append(f"rep {theirs.index}: top {mine.top_angle_deg:.2f} vs "
                            f"{theirs.top_angle_deg:.2f} deg")  # fmt: skip
        for phase in ("concentric_s", "hold_s", "eccentric_s"):
            if abs(getattr(mine, phase) - getattr(theirs, phase)) > PHASE_S:
                problems.append(f"rep {theirs.index}: {phase} {getattr(mine, phase):.2f} vs "
                                f"{getattr(theirs, phase):.2f}")  # fmt: skip
    return problems


@pytest.mark.parametrize(("generator", "style", "variant"), CASES)
def test_live_rep_events_equal_the_offline_reps_when_a_clip_is_replayed_frame_by_frame(
    generator: str, style: str, variant: str
) -> None:
    offline, reported, _, late = replayed(generator, style, variant)
    assert differences(reported + late, offline.reps) == []


@pytest.mark.parametrize(("generator", "style", "variant"), CASES)
def test_finish_equals_the_offline_analysis_of_all_frames(
    generator: str, style: str, variant: str
) -> None:
    offline, _, finished, _ = replayed(generator, style, variant)
    assert differences(list(finished.reps), offline.reps) == []
    assert finished.faults == offline.faults
    assert finished.quality == offline.quality


def test_most_reps_are_reported_while_the_set_runs_not_at_its_end() -> None:
    counts = [replayed(*case.values) for case in CASES]
    live = sum(len(reported) for _, reported, _, _ in counts)
    late = sum(len(late) for _, _, _, late in counts)
    assert live > 0 and late <= live / 10, (live, late)


# --------------------------------------------------------------------------- provisional reps

#: Frames per batch as the page sends them (0.1 s at 30 frames/s).
PAGE_BATCH = 3
#: A provisional report comes at most this long (of frame time) after the offline rep end:
#: the 0.033 s margin, the window's end estimate settling and one batch (measured max 0.211 s;
#: the issue's target for the event on the page, network included, is 0.25 s).
PROVISIONAL_WITHIN_S = 0.25


@dataclass(frozen=True)
class Reported:
    """A rep report: the rep as reported, and the newest frame time of its batch [s]."""

    rep: RepResult
    at_s: float


@cache
def replayed_in_batches(
    generator: str, style: str, variant: str
) -> tuple[AnalysisResult, dict[int, Reported], dict[int, Reported], list[int], int]:
    """The offline result; the first provisional and the settled report of each rep number;
    the numbers withdrawn (live and by ``finish()``); the largest count the state showed."""
    clip, prescription = case_clip(generator, style, variant)
    live = LiveAnalysis(clip.width, clip.height, prescription, skeleton=clip.skeleton, fps=clip.fps)
    provisional: dict[int, Reported] = {}
    settled: dict[int, Reported] = {}
    withdrawn: list[int] = []
    most = 0
    for start in range(0, clip.n_frames, PAGE_BATCH):
        stop = min(start + PAGE_BATCH, clip.n_frames)
        update = live.add_frames(clip.t[start:stop], list(clip.xy[start:stop]),
                                 list(clip.score[start:stop]))  # fmt: skip
        newest = float(clip.t[stop - 1])
        for rep in update.provisional:
            provisional.setdefault(rep.index, Reported(rep, newest))
        for rep in update.reps:
            settled[rep.index] = Reported(rep, newest)
        withdrawn.extend(update.withdrawn)
        most = max(most, update.state.reps if update.state else 0)
    finished = live.finish()
    withdrawn.extend(finished.withdrawn)
    return analyze_clip(clip, prescription), provisional, settled, withdrawn, most


@pytest.mark.parametrize(("generator", "style", "variant"), CASES)
def test_each_rep_is_counted_provisionally_within_0_25_s_of_its_offline_end_never_withdrawn(
    generator: str, style: str, variant: str
) -> None:
    offline, provisional, settled, withdrawn, most = replayed_in_batches(generator, style, variant)
    assert withdrawn == [] and most <= offline.rep_count
    assert sorted(provisional) == [rep.index for rep in offline.reps]
    for rep in offline.reps:
        first = provisional[rep.index]
        lowering_from = rep.end_s - rep.eccentric_s
        where = (rep.index, lowering_from, rep.end_s, first.at_s)
        assert lowering_from < first.at_s <= rep.end_s + PROVISIONAL_WITHIN_S, where
        if rep.index in settled:
            assert first.at_s < settled[rep.index].at_s
        assert abs(first.rep.top_angle_deg - rep.top_angle_deg) <= 2 * TOP_DEG


def test_provisional_reps_have_the_offline_faults_in_at_least_95_percent_of_reps() -> None:
    """The cue is given on the provisional rep; its faults may still differ where they hang on
    the lowering's time (tempo, a dropped descent). Measured: 160 of 162 reps."""
    agreeing = total = 0
    for case in CASES:
        offline, provisional, _, _, _ = replayed_in_batches(*case.values)
        total += offline.rep_count
        agreeing += sum(provisional[rep.index].rep.faults == rep.faults for rep in offline.reps)
    assert total > 100 and agreeing >= 0.95 * total, (agreeing, total)


class WindowAnalysis:
    """Stands in for ``analyze_clip`` in the live analysis: the whole clip's first rep, seen by
    a window once the window reaches the rep's end, for as long as ``holds_the_rep``."""

    def __init__(self, whole: AnalysisResult) -> None:
        self.whole = whole
        self.holds_the_rep = True

    def __call__(self, window: KeypointClip, *_: object) -> AnalysisResult:
        rep = self.whole.reps[0]
        seen = self.holds_the_rep and rep.end_s <= float(window.t[-1])
        return replace(self.whole, reps=(rep,) if seen else ())


def _feed_until(
    live: LiveAnalysis, clip: KeypointClip, done: int, until_s: float
) -> list[LiveUpdate]:
    """Feed the clip's frames from ``done`` up to ``until_s`` in page-sized batches; updates."""
    updates = []
    while done < clip.n_frames and clip.t[done] <= until_s:
        stop = min(done + PAGE_BATCH, clip.n_frames)
        updates.append(live.add_frames(clip.t[done:stop], list(clip.xy[done:stop]),
                                       list(clip.score[done:stop])))  # fmt: skip
        done = stop
    return updates


def _first_rep_seen(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[KeypointClip, WindowAnalysis, LiveAnalysis, list[LiveUpdate]]:
    """A live set whose window analysis is :class:`WindowAnalysis`, fed until 0.3 s after the
    first rep's end; the clip, the stand-in, the live set and the updates."""
    clip, prescription = synth_clip(Style.CONTROLLED, NoiseLevel.OFF)
    analysis = WindowAnalysis(analyze_clip(clip, prescription))
    monkeypatch.setattr(live_module, "analyze_clip", analysis)
    live = LiveAnalysis(clip.width, clip.height, prescription)
    seen = _feed_until(live, clip, 0, analysis.whole.reps[0].end_s + 0.3)
    return clip, analysis, live, seen


def test_a_provisional_rep_the_later_analysis_no_longer_holds_is_withdrawn_and_uncounted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clip, analysis, live, seen = _first_rep_seen(monkeypatch)
    assert [rep.index for u in seen for rep in u.provisional] == [1]
    assert live.provisional[0].index == 1 and live.reported == ()
    analysis.holds_the_rep = False  # e.g. the dip was a fidget the whole picture does not count
    end = analysis.whole.reps[0].end_s
    later = _feed_until(live, clip, live.frames_received, end + DEFAULT_LIVE.settle_s + 0.5)
    assert [n for u in later for n in u.withdrawn] == [1]
    states = [u.state for u in later if u.state is not None]
    assert states[-1].reps == 0 and live.provisional == () and live.reported == ()
    assert live.finish().withdrawn == ()  # withdrawn once, not again at the end


def test_finish_withdraws_a_provisional_rep_the_whole_set_does_not_hold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, analysis, live, _ = _first_rep_seen(monkeypatch)
    assert [rep.index for rep in live.provisional] == [1]
    analysis.holds_the_rep = False
    finished = live.finish()
    assert finished.withdrawn == (1,) and finished.unreported == ()


# --------------------------------------------------------------------------- framing


def _standing_clip() -> KeypointClip:
    """The stick model standing upright, swinging a leg (a hinge-like clip, not a reverse
    hyper): the set-up check refuses it."""
    rep = RepPlan(bottom_deg=-90.0, top_deg=-50.0, concentric_s=1.0, hold_s=0.3,
                  eccentric_s=1.2, pause_s=0.5)  # fmt: skip
    spec = SynthSpec(reps=(rep,) * 4, camera=Camera(yaw_deg=5.0), trunk_deg=85.0)
    return synthesize(spec, 1)[0]


def _replay(clip: KeypointClip, live: LiveAnalysis) -> Iterator[tuple[object, object]]:
    for i in range(clip.n_frames):
        update = live.add_frames([clip.t[i]], [clip.xy[i]], [clip.score[i]])
        yield update.framing, update.state


def test_another_exercise_is_refused_by_the_framing_check_and_counts_no_reps_when_replayed():
    clip = _standing_clip()
    live = LiveAnalysis(clip.width, clip.height)
    verdicts = [framing for framing, _ in _replay(clip, live) if framing is not None]
    assert verdicts and all(not v.ok for v in verdicts)  # type: ignore[attr-defined]
    assert "standing" in verdicts[-1].problems[0]  # type: ignore[attr-defined]
    assert live.reported == ()
    assert live.finish().result.reps == ()


def test_leaving_the_view_pauses_the_count_and_says_why_when_the_joints_vanish():
    clip, _ = synth_clip(Style.CONTROLLED, NoiseLevel.LOW)
    cut = int(np.searchsorted(clip.t, clip.t[0] + 5.0))
    score = clip.score.copy()
    score[cut:] = 0.0
    xy = clip.xy.copy()
    xy[cut:] = np.nan
    gone = replace(clip, xy=xy, score=score)
    live = LiveAnalysis(gone.width, gone.height)
    states = [state for _, state in _replay(gone, live) if state is not None]
    assert states[-1].paused and "no person" in states[-1].paused  # type: ignore[attr-defined]
    assert states[-1].thigh_deg is None  # type: ignore[attr-defined]


def test_the_state_follows_the_legs_through_lifting_and_lowering_when_a_set_is_replayed():
    clip, _ = synth_clip(Style.CONTROLLED, NoiseLevel.OFF)
    live = LiveAnalysis(clip.width, clip.height)
    phases = {state.phase for _, state in _replay(clip, live) if state is not None}  # type: ignore[attr-defined]
    assert {Phase.LIFTING, Phase.LOWERING, Phase.BOTTOM} <= phases


# --------------------------------------------------------------------------- input


def test_frames_that_go_back_in_time_are_refused_and_none_of_the_batch_is_kept():
    clip, _ = synth_clip(Style.CONTROLLED, NoiseLevel.OFF)
    live = LiveAnalysis(clip.width, clip.height)
    live.add_frames(clip.t[:3], list(clip.xy[:3]), list(clip.score[:3]))
    with pytest.raises(InvalidInputError, match="must increase"):
        live.add_frames([clip.t[3], clip.t[1]], list(clip.xy[3:5]), list(clip.score[3:5]))
    assert live.frames_received == 3


def test_a_frame_of_another_shape_is_refused_naming_it_and_none_of_the_batch_is_kept():
    clip, _ = synth_clip(Style.CONTROLLED, NoiseLevel.OFF)
    live = LiveAnalysis(clip.width, clip.height)
    live.add_frames(clip.t[:3], list(clip.xy[:3]), list(clip.score[:3]))
    short = [clip.xy[3], clip.xy[4][:17]]
    with pytest.raises(InvalidInputError, match=r"frame 1: positions must be \(33, 2\)"):
        live.add_frames(clip.t[3:5], short, list(clip.score[3:5]))
    assert live.frames_received == 3
    live.add_frames(clip.t[3:5], list(clip.xy[3:5]), list(clip.score[3:5]))
    assert live.frames_received == 5 and live.newest_t == clip.t[4]


def test_a_frame_with_the_wrong_number_of_points_is_refused_naming_the_count():
    with pytest.raises(InvalidInputError, match="33 points, got 17"):
        frame_arrays([None] * 17)


def test_a_point_with_a_nan_or_a_score_above_one_is_refused_naming_the_point():
    points: list[list[float] | None] = [None] * 33
    points[4] = [1.0, float("nan"), 0.5]
    with pytest.raises(InvalidInputError, match="point 4"):
        frame_arrays(points)
    points[4] = [1.0, 2.0, 1.5]
    with pytest.raises(InvalidInputError, match="score must be in"):
        frame_arrays(points)


def test_finishing_a_set_without_frames_gives_an_unusable_result_not_an_error():
    finished = LiveAnalysis(720, 1280).finish()
    assert finished.result.reps == () and not finished.result.quality.analysable
    assert finished.unreported == ()


# --------------------------------------------------------------------------- a second person


def test_nothing_is_counted_while_the_page_reports_a_second_person_and_counting_resumes_after():
    clip, prescription = synth_clip(Style.CONTROLLED, NoiseLevel.LOW)
    offline = analyze_clip(clip, prescription).reps
    assert len(offline) >= 4
    # A second person from the middle of rep 2 to the middle of rep 3: the page checked then.
    enters = int(np.searchsorted(clip.t, (offline[1].start_s + offline[1].top_s) / 2))
    leaves = int(np.searchsorted(clip.t, (offline[2].top_s + offline[2].end_s) / 2))
    checks: list[bool | None] = [None] * clip.n_frames
    checks[0], checks[enters], checks[leaves] = False, True, False
    live = LiveAnalysis(clip.width, clip.height, prescription, fps=clip.fps)
    paused = []
    for i in range(clip.n_frames):
        update = live.add_frames([clip.t[i]], [clip.xy[i]], [clip.score[i]], [checks[i]])
        if update.state is not None and enters <= i < leaves:
            paused.append(update.state.paused)
            assert update.framing is not None and not update.framing.ok
    assert paused and all(reason == SECOND_PERSON_PROBLEM for reason in paused)
    assert not live.second_person
    counted = live.finish().result.reps
    shared = (clip.t[enters], clip.t[leaves])
    assert [rep for rep in counted if rep.end_s > shared[0] and rep.start_s < shared[1]] == []
    assert len(counted) == len(offline) - 2  # reps 2 and 3 were not counted, the rest were
