"""Timing and input rules of the guided session runner."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Tempo
from revhyper.domain.tempo import tempo_in_text
from revhyper.domain.training.session_flow import (
    AS_NEEDED_REST_S,
    EntryKind,
    Phase,
    hold_schedule,
    needs_load_answer,
    parse_load_answer,
    parse_set_entry,
    rest_plan,
    schedule_seconds,
    tempo_schedule,
)


def test_rest_plan_uses_the_protocol_range_for_endurance_and_hypertrophy() -> None:
    # The seed: endurance rests 30 to 45 s, hypertrophy 45 to 90 s.
    endurance = rest_plan((30, 45))
    hypertrophy = rest_plan([45, 90])
    assert (endurance.minimum_s, endurance.maximum_s, endurance.as_needed) == (30, 45, False)
    assert (hypertrophy.minimum_s, hypertrophy.maximum_s) == (45, 90)


def test_rest_as_needed_falls_back_to_the_default_range_and_says_so() -> None:
    plan = rest_plan(None)
    assert (plan.minimum_s, plan.maximum_s) == AS_NEEDED_REST_S
    assert plan.as_needed


def test_rest_scale_zero_means_no_waiting_and_half_halves() -> None:
    assert rest_plan((45, 90), scale=0).maximum_s == 0
    assert rest_plan((45, 90), scale=0.5).maximum_s == 45


@pytest.mark.parametrize("scale", [-1.0, 11.0, float("nan")])
def test_rest_scale_outside_zero_to_ten_is_refused(scale: float) -> None:
    with pytest.raises(InvalidInputError, match="rest scale"):
        rest_plan((30, 45), scale=scale)


def test_tempo_text_is_read_wherever_the_cadence_appears() -> None:
    assert tempo_in_text("3-1-3-1") == Tempo(3.0, 1.0, 3.0, 1.0)
    assert tempo_in_text("tempo 2-0-4-1 (lift-hold-lower-pause)") == Tempo(2.0, 0.0, 4.0, 1.0)
    assert tempo_in_text("controlled") is None
    assert tempo_in_text(None) is None


def test_tempo_schedule_counts_each_phase_and_skips_empty_ones() -> None:
    ticks = tempo_schedule(Tempo(3.0, 0.0, 2.0, 1.0), reps=2)
    first_rep = [(t.phase, t.count) for t in ticks if t.rep == 1]
    assert first_rep == [
        (Phase.LIFT, 1),
        (Phase.LIFT, 2),
        (Phase.LIFT, 3),
        (Phase.LOWER, 1),
        (Phase.LOWER, 2),
        (Phase.PAUSE, 1),
    ]
    assert schedule_seconds(ticks) == 12
    assert [t.phase for t in ticks if t.phase_start][:3] == [Phase.LIFT, Phase.LOWER, Phase.PAUSE]


@settings(max_examples=40, deadline=None)
@given(
    lift=st.integers(0, 6),
    hold=st.integers(0, 6),
    lower=st.integers(0, 6),
    pause=st.integers(0, 6),
    reps=st.integers(0, 20),
)
def test_tempo_schedule_lasts_reps_times_the_cadence(
    lift: int, hold: int, lower: int, pause: int, reps: int
) -> None:
    ticks = tempo_schedule(Tempo(lift, hold, lower, pause), reps)
    assert schedule_seconds(ticks) == reps * (lift + hold + lower + pause)
    assert all(1 <= t.count <= t.phase_length for t in ticks)


def test_hold_schedule_counts_the_hold_for_each_repetition() -> None:
    ticks = hold_schedule(10.0, holds=3)
    assert schedule_seconds(ticks) == 30
    assert {t.phase for t in ticks} == {Phase.HOLD}
    assert [t.rep for t in ticks if t.phase_start] == [1, 2, 3]


@pytest.mark.parametrize("hold", [0.0, -5.0, 601.0])
def test_hold_outside_limits_is_refused(hold: float) -> None:
    with pytest.raises(InvalidInputError, match="hold"):
        hold_schedule(hold)


def test_a_full_set_line_gives_reps_load_rpe_and_pain() -> None:
    entry = parse_set_entry("10 40 7 0").set_entry
    assert entry is not None
    assert (entry.reps, entry.load_kg, entry.rpe, entry.pain) == (10, 40.0, 7.0, 0)


def test_a_short_set_line_takes_the_prescribed_load_and_no_pain() -> None:
    parsed = parse_set_entry("12", default_load_kg=25.0)
    assert parsed.kind is EntryKind.SET
    assert parsed.set_entry is not None
    assert (parsed.set_entry.load_kg, parsed.set_entry.rpe, parsed.set_entry.pain) == (
        25.0,
        None,
        0,
    )


def test_body_weight_and_unknown_rpe_have_their_own_words() -> None:
    entry = parse_set_entry("15 bw - 2 hold=5").set_entry
    assert entry is not None
    assert (entry.load_kg, entry.rpe, entry.pain, entry.hold_s) == (None, None, 2, 5.0)


@pytest.mark.parametrize(("line", "kind"), [("skip", EntryKind.SKIP), ("DONE", EntryKind.DONE)])
def test_skip_and_done_are_commands(line: str, kind: EntryKind) -> None:
    assert parse_set_entry(line).kind is kind


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("", "empty"),
        ("ten 40 7 0", "reps 'ten'"),
        ("-3 40 7 0", "reps '-3'"),
        ("10 5000 7 0", "load '5000'"),
        ("10 40 11 0", "RPE '11'"),
        ("10 40 7 11", "pain '11'"),
        ("10 40 7 2.5", "pain '2.5'"),
        ("10 40 7 0 9", "not a set line"),
        ("10 40 nan 0", "RPE 'nan'"),
    ],
)
def test_bad_set_lines_name_the_bad_value(line: str, named: str) -> None:
    with pytest.raises(InvalidInputError, match=named):
        parse_set_entry(line)


@pytest.mark.parametrize(
    ("line", "loaded", "asks"),
    [
        ("12", True, True),
        ("12", False, False),
        ("12 bw", True, False),
        ("12 40 7 0", True, False),
        ("12 hold=5", True, True),
        ("skip", True, False),
        ("done", True, False),
    ],
)
def test_only_a_set_line_without_a_load_on_a_loaded_block_asks_for_the_load(
    line: str, loaded: bool, asks: bool
) -> None:
    assert needs_load_answer(parse_set_entry(line, default_load_kg=35.0), loaded) is asks


@pytest.mark.parametrize(
    ("text", "default", "load"),
    [
        ("", 35.0, 35.0),
        ("  ", 35.0, 35.0),
        ("bw", 35.0, None),
        ("0", None, None),
        ("500", None, 500.0),
    ],
)
def test_a_load_answer_is_kilograms_body_weight_or_the_offered_default(
    text: str, default: float | None, load: float | None
) -> None:
    assert parse_load_answer(text, default) == load


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no load given; type the load in kg (0 to 500), or 'bw'"),
        ("500.5", "load '500.5' kg is not allowed"),
        ("-1", "load '-1' kg is not allowed"),
        ("heavy", "load 'heavy' is not a load"),
    ],
)
def test_a_load_answer_outside_zero_to_500_kg_is_refused(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        parse_load_answer(text, None)


def test_a_pound_athlete_types_loads_in_pounds_and_they_are_kept_in_kilograms() -> None:
    from revhyper.domain.units import KG_PER_LB, MassUnit

    entry = parse_set_entry("10 90 7 0", unit=MassUnit.LB).set_entry
    assert entry is not None and entry.load_kg == pytest.approx(90 * KG_PER_LB)
    entry = parse_set_entry("10 40kg 7 0", unit=MassUnit.LB).set_entry
    assert entry is not None and entry.load_kg == pytest.approx(40.0)
    with pytest.raises(InvalidInputError, match="load '1200' lb is not allowed"):
        parse_set_entry("10 1200 7 0", unit=MassUnit.LB)
