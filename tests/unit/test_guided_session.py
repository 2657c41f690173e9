"""The guided session's pure helpers: plan blocks to prescriptions, resuming, stored sets, input."""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console

from revhyper.cli.session import LineReader, Runner
from revhyper.domain.motion.form_result import Tempo
from revhyper.domain.programming.adaptation import PlannedPrescription, adapt_prescription
from revhyper.domain.training.log import SetRecord
from revhyper.domain.training.session_flow import SetEntry, hold_schedule
from revhyper.domain.vocabulary import Equipment, Goal, VariationId
from revhyper.services.guided_session import (
    DEFAULT_HOLD_S,
    SetStep,
    pending_steps,
    planned_prescription,
    set_record_for,
)

MACHINE = VariationId.MACHINE_REVERSE_HYPER
TEMPO = VariationId.TEMPO_REVERSE_HYPER

HYPERTROPHY_BLOCK = {
    "role": "main",
    "variation": "machine-reverse-hyper",
    "sets": 2,
    "reps": [12, 15],
    "rest_s": [45, 90],
    "load": "moderate, RPE 6.5–7.5; plates on the swing arm (about 35 kg, from your set)",
    "tempo": "2-1-2-0",
    "follows": "hypertrophy",
    "rpe": [6.5, 7.5],
}


def test_a_plan_block_becomes_the_adaptation_input() -> None:
    planned = planned_prescription(HYPERTROPHY_BLOCK, Goal.STRENGTH)
    assert planned == PlannedPrescription(
        variation=MACHINE,
        sets=2,
        reps=(12, 15),
        goal=Goal.HYPERTROPHY,
        load_kg=35.0,
        load_text=HYPERTROPHY_BLOCK["load"],  # type: ignore[arg-type]
        target_rpe=7.5,
        rest_s=(45, 90),
        tempo="2-1-2-0",
        hold_s=None,
    )


def test_without_an_rpe_field_the_target_comes_from_the_load_text() -> None:
    block = {**HYPERTROPHY_BLOCK, "rpe": None, "follows": "beginner-path"}
    planned = planned_prescription(block, Goal.ENDURANCE)
    assert planned.target_rpe == 7.5
    assert planned.goal is Goal.ENDURANCE  # falls back to the athlete's goal


def test_an_isometric_block_gets_its_hold_from_the_note_or_the_default() -> None:
    block = {**HYPERTROPHY_BLOCK, "variation": "isometric-hold", "note": "hold each rep about 8 s"}
    assert planned_prescription(block, Goal.HYPERTROPHY).hold_s == 8.0
    block["note"] = None
    assert planned_prescription(block, Goal.HYPERTROPHY).hold_s == DEFAULT_HOLD_S


def steps(*variations: VariationId) -> list[SetStep]:
    planned = PlannedPrescription(MACHINE, 1, (8, 10), Goal.STRENGTH)
    made = []
    for index, variation in enumerate(variations):
        p = adapt_prescription(PlannedPrescription(variation, 1, planned.reps, planned.goal), [])
        made.append(SetStep(index, 1, 1, p, (), None, None))
    return made


def test_resuming_skips_the_sets_already_stored_in_order() -> None:
    plan = steps(MACHINE, MACHINE, TEMPO, TEMPO)
    stored = [SetRecord(MACHINE, 10, 40.0), SetRecord(MACHINE, 10, 40.0), SetRecord(TEMPO, 10)]
    remaining = pending_steps(plan, stored)
    assert [(s.block, s.variation) for s in remaining] == [(3, TEMPO)]


def test_a_skipped_set_that_was_never_stored_is_offered_again() -> None:
    plan = steps(MACHINE, MACHINE, TEMPO)
    remaining = pending_steps(plan, [SetRecord(MACHINE, 10, 40.0), SetRecord(TEMPO, 10)])
    assert [s.variation for s in remaining] == [MACHINE]


def test_the_stored_set_carries_the_tempo_and_hold_of_the_step() -> None:
    (step,) = steps(TEMPO)
    tempo_step = SetStep(0, 2, 3, step.prescription, (), Tempo(3, 1, 3, 1), None)
    record = set_record_for(tempo_step, SetEntry(reps=12, load_kg=None, rpe=7.0, pain=1))
    assert (record.tempo, record.load_kg, record.pain, record.rpe) == ("3-1-3-1", 0.0, 1, 7.0)
    assert "set 2/3" in record.notes


def test_the_line_reader_reads_lines_from_a_pipe_and_times_out() -> None:
    read_end, write_end = os.pipe()
    try:
        reader = LineReader(read_end)
        os.write(write_end, b"10 40 7 0\nskip\npart")
        assert reader.readline() == "10 40 7 0"
        reader.unread("done")
        assert reader.readline() == "done"
        assert reader.readline() == "skip"
        assert reader.readline(timeout_s=0.01) is None  # "part" has no newline yet
        assert not reader.at_eof
        os.close(write_end)
        write_end = -1
        assert reader.readline() == "part"
        assert reader.readline() is None
        assert reader.at_eof
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)


@pytest.mark.parametrize("reps", [[12, 15], 10])
def test_reps_may_be_a_range_or_a_single_number(reps: object) -> None:
    planned = planned_prescription({**HYPERTROPHY_BLOCK, "reps": reps}, Goal.HYPERTROPHY)
    assert planned.reps in {(12, 15), (10, 10)}


def _runner(reader: LineReader) -> tuple[Runner, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=100)
    return Runner(console, reader, wait=True, out=out, get_ready_s=0), out


def test_the_hold_countdown_counts_each_second_and_rings_the_bell_per_hold() -> None:
    read_end, write_end = os.pipe()
    try:
        runner, out = _runner(LineReader(read_end))
        runner.cadence(hold_schedule(1.0, holds=2), "hold")
        text = out.getvalue()
        assert "rep 1/2  HOLD" in text and "rep 2/2  HOLD" in text
        assert text.count("\a") == 3  # one per hold, one at the end
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_line_typed_during_the_rest_ends_it_and_is_not_left_for_the_log_prompt() -> None:
    read_end, write_end = os.pipe()
    try:
        reader = LineReader(read_end)
        runner, out = _runner(reader)
        os.write(write_end, b"12 35 7 0\n")
        assert runner.countdown(90, "rest") == "12 35 7 0"
        assert "rest: skipped" in out.getvalue()
        assert reader.readline(timeout_s=0.01) is None  # the next set's prompt waits for input
        assert runner.typed_ahead is None
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_single_leg_block_is_done_and_stored_once_per_side() -> None:
    from revhyper.domain.training.log import Side
    from revhyper.services.guided_session import _steps_for

    single = VariationId.SINGLE_LEG_REVERSE_HYPER
    prescription = adapt_prescription(PlannedPrescription(single, 2, (8, 10), Goal.STRENGTH), [])
    made = _steps_for(0, prescription, frozenset({Equipment.MACHINE}))
    assert [(s.number, s.side) for s in made] == [
        (1, Side.LEFT),
        (1, Side.RIGHT),
        (2, Side.LEFT),
        (2, Side.RIGHT),
    ]
    record = set_record_for(made[1], SetEntry(reps=9, load_kg=20.0, rpe=7.0, pain=0))
    assert record.side is Side.RIGHT and record.reps == 9
    stored = [SetRecord(single, 10, 20.0, side=Side.LEFT)]
    assert [s.side for s in pending_steps(made, stored)] == [Side.RIGHT, Side.LEFT, Side.RIGHT]
