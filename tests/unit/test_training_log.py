"""The training log's values refuse impossible numbers with messages naming them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import (
    LIMITS,
    BodyMassRecord,
    SessionRecord,
    SessionStatus,
    SetRecord,
)
from revhyper.domain.vocabulary import VariationId


def test_set_accepts_plain_variation_id_and_keeps_enum() -> None:
    record = SetRecord(variation="machine-reverse-hyper", reps=12, load_kg=20, rpe=7.5, pain=1)
    assert record.variation is VariationId.MACHINE_REVERSE_HYPER
    assert record.volume_load_kg == 240


def test_set_refuses_absurd_load_naming_value_and_range() -> None:
    with pytest.raises(InvalidInputError, match=r"load 5000 is out of range: allowed 0–500 kg"):
        SetRecord(variation="machine-reverse-hyper", reps=10, load_kg=5000)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"reps": -1}, "reps -1"),
        ({"reps": 101}, "reps 101"),
        ({"reps": 2.5}, "whole number"),
        ({"load_kg": -5}, "load -5"),
        ({"load_kg": float("nan")}, "load nan"),
        ({"rpe": 0}, "RPE 0"),
        ({"rpe": 11}, "RPE 11"),
        ({"rir": -1}, "RIR -1"),
        ({"pain": 11}, "pain 11"),
        ({"pain": -1}, "pain -1"),
        ({"hold_s": -3}, "hold -3"),
        ({"tempo": "slow"}, "tempo 'slow'"),
        ({"variation": "deadlift"}, "unknown variation 'deadlift'"),
        ({"faults": ("short_rom",)}, "need a linked analysis"),
        ({"faults": ("wobbly",), "analysis_id": 1}, "unknown form fault 'wobbly'"),
    ],
)
def test_set_refuses_each_bad_value(kwargs: dict[str, object], fragment: str) -> None:
    base: dict[str, object] = {"variation": "bench-reverse-hyper", "reps": 10}
    base.update(kwargs)
    with pytest.raises(InvalidInputError, match=fragment):
        SetRecord(**base)  # type: ignore[arg-type]


def test_set_limits_are_inclusive_at_both_ends() -> None:
    SetRecord(variation="floor-reverse-hyper", reps=0, load_kg=0, rpe=1, rir=0, pain=0)
    SetRecord(variation="floor-reverse-hyper", reps=100, load_kg=500, rpe=10, rir=10, pain=10)
    assert LIMITS["load_kg"].high == 500


def test_effective_rpe_falls_back_to_ten_minus_rir() -> None:
    assert SetRecord(variation="isometric-hold", reps=1, rir=3).effective_rpe == 7
    assert SetRecord(variation="isometric-hold", reps=1, rpe=8, rir=3).effective_rpe == 8
    assert SetRecord(variation="isometric-hold", reps=1).effective_rpe is None


def test_set_keeps_fault_codes_when_linked_to_an_analysis() -> None:
    record = SetRecord(
        variation="machine-reverse-hyper",
        reps=8,
        analysis_id=3,
        faults=("short_rom", "uncontrolled_descent"),
    )
    assert record.faults == ("short_rom", "uncontrolled_descent")


def test_performed_session_in_the_future_is_refused() -> None:
    today = date(2026, 1, 10)
    with pytest.raises(InvalidInputError, match="2026-01-11 is in the future"):
        SessionRecord(athlete_id=1, day=today + timedelta(days=1), today=today)


def test_planned_session_may_lie_in_the_future() -> None:
    today = date(2026, 1, 10)
    s = SessionRecord(athlete_id=1, day=date(2026, 2, 1), status="planned", today=today)
    assert s.status is SessionStatus.PLANNED


def test_session_refuses_pain_out_of_range_and_sums_volume() -> None:
    with pytest.raises(InvalidInputError, match="pain after 12"):
        SessionRecord(athlete_id=1, day=date(2025, 1, 1), pain_after=12)
    sets = (
        SetRecord(variation="machine-reverse-hyper", reps=10, load_kg=20, pain=2),
        SetRecord(variation="machine-reverse-hyper", reps=8, load_kg=25, pain=4),
    )
    session = SessionRecord(athlete_id=1, day=date(2025, 1, 1), sets=sets)
    assert session.volume_load_kg == 400
    assert session.max_pain_during == 4


def test_body_mass_refuses_out_of_range_and_future() -> None:
    with pytest.raises(InvalidInputError, match="body mass 5 is out of range"):
        BodyMassRecord(athlete_id=1, day=date(2025, 1, 1), mass_kg=5)
    with pytest.raises(InvalidInputError, match="in the future"):
        BodyMassRecord(athlete_id=1, day=date(2030, 1, 1), mass_kg=80, today=date(2026, 1, 1))


def test_parse_date_reads_iso_and_names_bad_text() -> None:
    from revhyper.domain.training.log import parse_date

    assert parse_date("2025-03-01") == date(2025, 3, 1)
    assert parse_date("today") == date.today()
    with pytest.raises(InvalidInputError, match="--since '1st of May' is not a date"):
        parse_date("1st of May", "--since")


@settings(max_examples=50, deadline=None)
@given(
    reps=st.integers(-50, 200),
    load=st.floats(-100, 6000, allow_nan=False),
    rpe=st.one_of(st.none(), st.floats(-1, 12, allow_nan=False)),
    pain=st.one_of(st.none(), st.integers(-3, 13)),
)
def test_a_set_is_accepted_exactly_when_every_value_is_in_range(
    reps: int, load: float, rpe: float | None, pain: int | None
) -> None:
    inside = (
        0 <= reps <= 100
        and 0 <= load <= 500
        and (rpe is None or 1 <= rpe <= 10)
        and (pain is None or 0 <= pain <= 10)
    )
    try:
        SetRecord(variation="machine-reverse-hyper", reps=reps, load_kg=load, rpe=rpe, pain=pain)
    except InvalidInputError:
        assert not inside
    else:
        assert inside
