"""Limits and messages of the guided session's rules, each checked just below, at and above.

Boundary inputs come from the module's constants; expected results and messages are
written out by hand (MAX_REPS is 100, MAX_HOLD_S 600 s, MAX_LOAD_KG 500 kg = 1102 lb).
"""

from __future__ import annotations

import re

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.tempo import Tempo
from revhyper.domain.training.session_flow import (
    MAX_HOLD_S,
    MAX_LOAD_KG,
    MAX_REPS,
    EntryKind,
    Phase,
    hold_schedule,
    parse_load_answer,
    parse_set_entry,
    rest_plan,
    tempo_schedule,
)
from revhyper.domain.units import MassUnit

ONE_SECOND_LIFT = Tempo(1.0, 0.0, 0.0, 0.0)


def _refused(message: str) -> pytest.RaisesExc[InvalidInputError]:
    return pytest.raises(InvalidInputError, match=f"^{re.escape(message)}$")


# Rest range


def test_a_rest_range_starting_at_zero_is_allowed() -> None:
    plan = rest_plan((0, 30))
    assert (plan.minimum_s, plan.maximum_s, plan.as_needed) == (0, 30, False)


def test_a_rest_range_whose_max_equals_its_min_is_allowed() -> None:
    plan = rest_plan((45, 45))
    assert (plan.minimum_s, plan.maximum_s) == (45, 45)


@pytest.mark.parametrize(
    ("rest", "message"),
    [
        ((-1, 30), "rest range -1-30 s is not allowed; use 0 <= min <= max"),
        ((5, 3), "rest range 5-3 s is not allowed; use 0 <= min <= max"),
        ((46, 45), "rest range 46-45 s is not allowed; use 0 <= min <= max"),
    ],
)
def test_a_rest_range_below_zero_or_with_max_under_min_is_refused_naming_it(
    rest: tuple[int, int], message: str
) -> None:
    with _refused(message):
        rest_plan(rest)


# Tempo and hold schedules


@pytest.mark.parametrize(("reps", "seconds"), [(0, 0), (MAX_REPS, 100)])
def test_a_tempo_set_of_zero_up_to_the_most_reps_is_counted(reps: int, seconds: int) -> None:
    ticks = tempo_schedule(ONE_SECOND_LIFT, reps)
    assert len(ticks) == seconds
    assert [t.rep for t in ticks] == list(range(1, seconds + 1))


@pytest.mark.parametrize(
    ("reps", "message"),
    [
        (MAX_REPS + 1, "reps 101 is not allowed; use 0 to 100"),
        (-1, "reps -1 is not allowed; use 0 to 100"),
    ],
)
def test_a_tempo_set_outside_zero_to_the_most_reps_is_refused_naming_it(
    reps: int, message: str
) -> None:
    with _refused(message):
        tempo_schedule(ONE_SECOND_LIFT, reps)


def test_a_hold_schedule_is_one_hold_unless_told_otherwise() -> None:
    ticks = hold_schedule(5.0)
    assert [(t.rep, t.phase, t.count) for t in ticks] == [
        (1, Phase.HOLD, 1),
        (1, Phase.HOLD, 2),
        (1, Phase.HOLD, 3),
        (1, Phase.HOLD, 4),
        (1, Phase.HOLD, 5),
    ]


def test_a_hold_of_exactly_the_longest_hold_is_allowed() -> None:
    ticks = hold_schedule(MAX_HOLD_S)
    assert len(ticks) == 600
    assert ticks[-1].count == ticks[-1].phase_length == 600


# Typed set lines: reps, load, hold


@pytest.mark.parametrize("line", ["0", "0 bw", "0 40 7 0"])
def test_a_typed_set_of_zero_reps_is_allowed(line: str) -> None:
    entry = parse_set_entry(line).set_entry
    assert entry is not None and entry.reps == 0


@pytest.mark.parametrize("word", ["0", "bw", "BW", "-"])
def test_a_typed_load_of_zero_bw_or_dash_means_body_weight(word: str) -> None:
    entry = parse_set_entry(f"10 {word} 7 0", default_load_kg=40.0).set_entry
    assert entry is not None and entry.load_kg is None


@pytest.mark.parametrize("word", ["0.0", "0kg", "0lb", "0.00KG"])
def test_a_typed_load_of_zero_with_decimals_or_a_unit_also_means_body_weight(word: str) -> None:
    # Before, only a bare "0" did; "0kg" was stored as a 0 kg load and shown as "0 kg".
    entry = parse_set_entry(f"10 {word}", default_load_kg=40.0).set_entry
    assert entry is not None and entry.load_kg is None


@pytest.mark.parametrize(("word", "load_kg"), [("0.5", 0.5), (f"{MAX_LOAD_KG:g}", 500.0)])
def test_a_typed_load_from_half_a_kilogram_up_to_the_ceiling_is_allowed(
    word: str, load_kg: float
) -> None:
    entry = parse_set_entry(f"10 {word}").set_entry
    assert entry is not None and entry.load_kg == load_kg


@pytest.mark.parametrize(
    ("line", "unit", "message"),
    [
        (
            "10 500.01",
            MassUnit.KG,
            "load '500.01' kg is not allowed; use kg from 0 to 500 kg (or 90lb / 40kg), or 'bw'",
        ),
        (
            "10 501kg",
            MassUnit.KG,
            "load '501kg' is not allowed; use kg from 0 to 500 kg (or 90lb / 40kg), or 'bw'",
        ),
        (
            "10 1103",
            MassUnit.LB,
            "load '1103' lb is not allowed; use lb from 0 to 1102 lb (or 90lb / 40kg), or 'bw'",
        ),
    ],
)
def test_a_typed_load_above_the_ceiling_is_refused_showing_it_whole_in_the_athletes_unit(
    line: str, unit: MassUnit, message: str
) -> None:
    with _refused(message):
        parse_set_entry(line, unit=unit)


def test_s_alone_skips_the_set() -> None:
    assert parse_set_entry("s").kind is EntryKind.SKIP
    assert parse_set_entry("S").kind is EntryKind.SKIP


@pytest.mark.parametrize(("line", "hold_s"), [("1 hold=1", 1.0), ("1 hold=0.5", 0.5)])
def test_a_typed_hold_of_a_second_or_less_is_allowed(line: str, hold_s: float) -> None:
    entry = parse_set_entry(line).set_entry
    assert entry is not None and entry.hold_s == hold_s


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("ten", "reps 'ten' is not a number; use a whole number 0 to 100"),
        ("101", "reps '101' is not allowed; use a whole number 0 to 100"),
        ("10 40 hard", "RPE 'hard' is not a number; use 1 to 10, or '-'"),
        ("10 40 7 x", "pain 'x' is not a number; use a whole number 0 to 10"),
        ("10 hold=x", "hold 'x' is not a number; use seconds above 0 up to 600"),
        ("10 hold=5=3", "hold '5=3' is not a number; use seconds above 0 up to 600"),
        ("10 hold=0", "hold '0' s is not allowed; use seconds above 0 up to 600"),
    ],
)
def test_a_bad_typed_word_is_refused_naming_it_and_what_is_allowed(line: str, message: str) -> None:
    with _refused(message):
        parse_set_entry(line)


# Answering "what load?"


def test_a_pound_athlete_answers_the_load_question_in_pounds() -> None:
    assert parse_load_answer("90", None, MassUnit.LB) == pytest.approx(40.8233133)


def test_a_pound_athlete_with_no_answer_and_no_default_is_told_the_ceiling_in_pounds() -> None:
    with _refused("no load given; type the load in lb (0 to 1102), or 'bw' for body weight"):
        parse_load_answer("", None, MassUnit.LB)
