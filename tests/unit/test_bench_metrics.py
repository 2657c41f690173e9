"""Benchmark scoring: rep matching by time, count accuracy, errors and fault precision/recall."""

from __future__ import annotations

import pytest

from revhyper.domain.clips.scoring import FaultTally, Scoreboard, match_reps, mean
from revhyper.domain.clips.synth import RepTruth
from revhyper.domain.motion.form_result import Fault, RepResult


def true_rep(start: float, faults: tuple[Fault, ...] = (), top: float = 5.0) -> RepTruth:
    return RepTruth(
        index=1, start_s=start, top_s=start + 1.0, end_s=start + 3.0, concentric_s=1.0,
        hold_s=0.5, eccentric_s=1.5, top_angle_deg=top, bottom_angle_deg=-90.0,
        trunk_angle_change_deg=1.0, knee_flexion_top_deg=2.0, faults=faults,
    )  # fmt: skip


def found_rep(top_s: float, faults: tuple[Fault, ...] = (), top: float = 5.0) -> RepResult:
    return RepResult(
        index=1, start_s=top_s - 1.2, top_s=top_s, end_s=top_s + 2.0, concentric_s=1.2,
        hold_s=0.4, eccentric_s=1.4, top_angle_deg=top, bottom_angle_deg=-90.0,
        peak_angular_velocity_deg_s=100.0, trunk_angle_change_deg=1.0,
        knee_flexion_top_deg=2.0, faults=faults,
    )  # fmt: skip


def test_found_reps_match_the_true_rep_whose_top_is_nearest() -> None:
    truth = [true_rep(0.0), true_rep(4.0)]
    found = [found_rep(5.1), found_rep(0.9)]
    matches, extra = match_reps(truth, found)
    assert [m.found for m in matches] == [found[1], found[0]]
    assert extra == []


def test_a_found_rep_outside_every_true_rep_is_extra_and_a_true_rep_can_be_missed() -> None:
    matches, extra = match_reps([true_rep(0.0), true_rep(10.0)], [found_rep(1.0), found_rep(6.0)])
    assert matches[0].found is not None and matches[1].found is None
    assert [r.top_s for r in extra] == [6.0]


def test_two_found_reps_cannot_share_one_true_rep() -> None:
    matches, extra = match_reps([true_rep(0.0)], [found_rep(1.0), found_rep(1.5)])
    assert matches[0].found is not None and matches[0].found.top_s == 1.0
    assert len(extra) == 1


def test_scoreboard_counts_exact_clips_and_the_largest_error() -> None:
    board = Scoreboard()
    board.add_clip([true_rep(0.0)], [found_rep(1.0)])
    board.add_clip([true_rep(0.0), true_rep(4.0)], [found_rep(1.0)])
    board.add_clip([], [])
    board.add_clip([], [found_rep(1.0)])
    assert board.exact_count_rate == pytest.approx(0.5)
    assert board.max_count_error == 1
    assert board.no_rep_accuracy == pytest.approx(0.5)


def test_scoreboard_measures_angle_and_phase_errors_on_matched_reps() -> None:
    board = Scoreboard()
    board.add_clip([true_rep(0.0, top=5.0)], [found_rep(1.0, top=7.0)])
    assert board.top_angle_errors == [pytest.approx(2.0)]
    assert board.concentric_errors == [pytest.approx(0.2)]
    assert board.eccentric_errors == [pytest.approx(0.1)]


def test_fault_precision_and_recall_at_rep_level() -> None:
    board = Scoreboard()
    short = (Fault.SHORT_ROM,)
    board.add_clip(
        [true_rep(0.0, short), true_rep(4.0, short), true_rep(8.0), true_rep(20.0, short)],
        [found_rep(1.0, short), found_rep(5.0), found_rep(9.0, short), found_rep(15.0, short)],
    )
    tally = board.faults[Fault.SHORT_ROM]
    assert (tally.true_positive, tally.false_positive, tally.false_negative) == (1, 2, 2)
    assert tally.precision == pytest.approx(1 / 3)
    assert tally.recall == pytest.approx(1 / 3)


def test_undefined_ratios_are_none() -> None:
    assert FaultTally().precision is None and FaultTally().recall is None
    assert Scoreboard().no_rep_accuracy is None
    assert mean([]) is None and mean([1.0, 3.0]) == 2.0
