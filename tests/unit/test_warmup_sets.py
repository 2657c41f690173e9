"""Warm-up sets are stored and shown, but count in no working volume, record or e1RM."""

from __future__ import annotations

from datetime import date

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.analytics import (
    RecordKind,
    e1rm_trend,
    personal_records,
    set_e1rm_kg,
    weekly_volume,
)
from revhyper.domain.training.log import SessionRecord, SetKind, SetRecord
from revhyper.domain.vocabulary import VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER


def _set(reps: int, load: float, kind: str = "working") -> SetRecord:
    return SetRecord(variation=MACHINE, reps=reps, load_kg=load, kind=kind)  # type: ignore[arg-type]


def _session(*sets: SetRecord) -> SessionRecord:
    return SessionRecord(athlete_id=1, day=date(2025, 3, 3), sets=sets)


def test_a_set_is_a_working_set_unless_marked_as_a_warm_up() -> None:
    assert _set(10, 20).kind is SetKind.WORKING and not _set(10, 20).is_warmup
    assert _set(10, 20, "warmup").kind is SetKind.WARMUP and _set(10, 20, "warmup").is_warmup


def test_an_unknown_set_kind_is_refused_naming_the_allowed_ones() -> None:
    with pytest.raises(InvalidInputError, match="unknown set kind 'drop': allowed working, warmup"):
        _set(10, 20, "drop")


def test_warm_ups_add_nothing_to_session_and_weekly_volume() -> None:
    session = _session(_set(15, 10, "warmup"), _set(10, 20), _set(10, 20))
    assert session.volume_load_kg == 400
    assert [s.reps for s in session.working_sets] == [10, 10]
    (week,) = weekly_volume([session])
    assert (week.volume_load_kg, week.sets, week.reps) == (400, 2, 20)


def test_a_heavy_warm_up_is_no_record_and_no_e1rm() -> None:
    # A warm-up heavier than any working set (e.g. a mislabelled top set) must not count.
    heavy = _set(3, 60, "warmup")
    assert set_e1rm_kg(heavy) is None
    session = _session(heavy, _set(10, 20))
    bests, _ = personal_records([session])
    assert bests[MACHINE][RecordKind.HEAVIEST_LOAD].value == 20
    assert bests[MACHINE][RecordKind.MOST_REPS].value == 10
    assert [p.load_kg for p in e1rm_trend([session])] == [20]


def test_a_session_of_warm_ups_only_has_no_working_volume() -> None:
    session = _session(_set(15, 10, "warmup"))
    assert session.volume_load_kg == 0 and session.working_sets == ()
    assert personal_records([session]) == ({}, [])


def test_light_warm_ups_below_the_range_do_not_hold_back_a_load_increase() -> None:
    from revhyper.domain.programming.adaptation import PlannedPrescription, Rule, adapt_prescription
    from revhyper.domain.vocabulary import Goal

    planned = PlannedPrescription(
        variation=MACHINE,
        sets=3,
        reps=(8, 10),
        goal=Goal.STRENGTH,
        load_kg=40.0,
        load_text="moderate to heavy",
        target_rpe=8.0,
    )
    working = [
        SetRecord(variation=MACHINE, reps=10, load_kg=40, rpe=8)  # type: ignore[arg-type]
        for _ in range(3)
    ]
    warmups = [
        SetRecord(variation=MACHINE, reps=5, load_kg=20, kind="warmup")  # type: ignore[arg-type]
        for _ in range(2)
    ]
    result = adapt_prescription(planned, [_session(*warmups, *working)])
    # Counted as working sets, the 5-rep warm-ups would keep the load at 40 kg.
    assert result.rules == (Rule.LOAD_INCREASE,) and result.load_kg > 40.0
