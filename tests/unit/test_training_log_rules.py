"""The training log's rules a person meets: whole messages, the today boundary, joined sessions.

Every expected value here is written out by hand (from the docstrings and the project rule that a
refusal names the value and what is allowed), never computed by the code under test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import (
    BodyMassRecord,
    SessionRecord,
    SessionStatus,
    SetRecord,
    Side,
    check_range,
    joined_session,
    parse_date,
    parse_fault,
    parse_side,
    parse_variation,
    plan_places_by_date,
)
from revhyper.domain.vocabulary import VariationId

TODAY = date(2026, 1, 10)
TOMORROW = date(2026, 1, 11)
DAY = date(2025, 3, 1)
SINGLE_LEG = VariationId.SINGLE_LEG_REVERSE_HYPER


def _refusal(make: Callable[[], object]) -> str:
    with pytest.raises(InvalidInputError) as caught:
        make()
    return str(caught.value)


def _set(reps: int = 10, load_kg: float = 20.0) -> SetRecord:
    return SetRecord(variation=VariationId.MACHINE_REVERSE_HYPER, reps=reps, load_kg=load_kg)


# --- messages, word for word ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: parse_variation("deadlift"),
            "unknown variation 'deadlift': allowed machine-reverse-hyper, bench-reverse-hyper, "
            "floor-hyperextension, floor-reverse-hyper, stability-ball-reverse-hyper, "
            "ghd-reverse-hyper-banded, banded-reverse-hyper, isometric-hold, "
            "tempo-reverse-hyper, single-leg-reverse-hyper",
        ),
        (
            lambda: parse_fault("wobbly"),
            "unknown form fault 'wobbly': allowed short_rom, over_extension, torso_lift, "
            "knee_bend, uncontrolled_descent, short_hold, tempo_off",
        ),
        (
            lambda: parse_side("left", VariationId.MACHINE_REVERSE_HYPER),
            "side 'left' is only for single-leg variations (single-leg-reverse-hyper), "
            "not machine-reverse-hyper",
        ),
        (lambda: parse_side("Up", SINGLE_LEG), "side 'Up' is not allowed: use left or right"),
        (
            lambda: SessionRecord(athlete_id=1, day=DAY, status="done"),  # type: ignore[arg-type]
            "unknown session status 'done': allowed planned, in_progress, performed",
        ),
        (
            lambda: SetRecord(variation=VariationId.ISOMETRIC_HOLD, reps=1, faults=("short_rom",)),
            "form faults need a linked analysis (analysis_id)",
        ),
        (
            lambda: parse_date("nope", today=TODAY),
            "date 'nope' is not a date: write YYYY-MM-DD, today or yesterday",
        ),
    ],
)
def test_an_unknown_word_is_refused_naming_it_and_what_is_allowed(
    make: Callable[[], object], message: str
) -> None:
    assert _refusal(make) == message


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: _set(reps=2.5), "reps must be a whole number, got 2.5"),  # type: ignore[arg-type]
        (
            lambda: SetRecord(variation=VariationId.ISOMETRIC_HOLD, reps=1, pain=1.5),  # type: ignore[arg-type]
            "pain must be a whole number, got 1.5",
        ),
        (lambda: _set(load_kg=600.0), "load 600 is out of range: allowed 0–500 kg"),
        (
            lambda: BodyMassRecord(athlete_id=1, day=DAY, mass_kg=10.0),
            "body mass 10 is out of range: allowed 20–400 kg",
        ),
        (
            lambda: SessionRecord(athlete_id=1, day=DAY, plan_week=0),
            "plan week 0 is out of range: allowed 1–104",
        ),
        (
            lambda: SessionRecord(athlete_id=1, day=DAY, plan_day=8),
            "plan day 8 is out of range: allowed 1–7",
        ),
        (
            lambda: SessionRecord(athlete_id=1, day=DAY, pain_before=11),
            "pain before 11 is out of range: allowed 0–10",
        ),
        (
            lambda: SessionRecord(athlete_id=1, day=DAY, plan_week=1.5),  # type: ignore[arg-type]
            "plan week must be a whole number, got 1.5",
        ),
    ],
)
def test_a_bad_number_is_refused_naming_its_label_value_and_range(
    make: Callable[[], object], message: str
) -> None:
    assert _refusal(make) == message


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "load must be a number, got True"),
        ("20", "load must be a number, got '20'"),
        (None, "load must be a number, got None"),
    ],
)
def test_a_load_that_is_not_a_number_is_refused_with_its_message(
    value: object, message: str
) -> None:
    assert _refusal(lambda: check_range("load_kg", value, "load")) == message  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: SessionRecord(athlete_id=1, day="2025-03-01", status="planned"),  # type: ignore[arg-type]
            "session date must be a date, got '2025-03-01'",
        ),
        (
            lambda: SessionRecord(athlete_id=1, day="2025-03-01"),  # type: ignore[arg-type]
            "session date must be a date, got '2025-03-01'",
        ),
        (
            lambda: BodyMassRecord(athlete_id=1, day="2025-03-01", mass_kg=80),  # type: ignore[arg-type]
            "body mass date must be a date, got '2025-03-01'",
        ),
    ],
)
def test_a_date_that_is_not_a_date_is_refused_naming_it(
    make: Callable[[], object], message: str
) -> None:
    assert _refusal(make) == message


# --- the today boundary ---------------------------------------------------------------------


def test_a_session_dated_today_is_accepted_and_tomorrow_is_refused() -> None:
    assert SessionRecord(athlete_id=1, day=TODAY, today=TODAY).day == TODAY
    assert _refusal(lambda: SessionRecord(athlete_id=1, day=TOMORROW, today=TODAY)) == (
        "session date 2026-01-11 is in the future: allowed up to 2026-01-10"
    )


def test_a_body_mass_dated_today_is_accepted_and_tomorrow_is_refused() -> None:
    assert BodyMassRecord(athlete_id=1, day=TODAY, mass_kg=80, today=TODAY).day == TODAY
    refused = _refusal(lambda: BodyMassRecord(athlete_id=1, day=TOMORROW, mass_kg=80, today=TODAY))
    assert refused == "body mass date 2026-01-11 is in the future: allowed up to 2026-01-10"


def test_a_body_mass_is_judged_against_the_reference_date_given_not_the_clock() -> None:
    reference, next_day = date(2000, 1, 1), date(2000, 1, 2)
    refused = _refusal(
        lambda: BodyMassRecord(athlete_id=1, day=next_day, mass_kg=80, today=reference)
    )
    assert refused == "body mass date 2000-01-02 is in the future: allowed up to 2000-01-01"


# --- normalisation --------------------------------------------------------------------------


def test_fault_codes_given_as_a_list_are_kept_as_a_tuple() -> None:
    record = SetRecord(
        variation=VariationId.ISOMETRIC_HOLD,
        reps=1,
        analysis_id=4,
        faults=["knee_bend", "tempo_off"],  # type: ignore[arg-type]
    )
    assert record.faults == ("knee_bend", "tempo_off")


def test_sets_given_as_a_list_are_kept_as_a_tuple() -> None:
    first, second = _set(reps=10), _set(reps=8)
    session = SessionRecord(athlete_id=1, day=DAY, sets=[first, second])  # type: ignore[arg-type]
    assert session.sets == (first, second)


@pytest.mark.parametrize(
    ("typed", "side"),
    [
        ("l", Side.LEFT),
        ("r", Side.RIGHT),
        (" R ", Side.RIGHT),
        ("left", Side.LEFT),
        ("Right", Side.RIGHT),
    ],
)
def test_a_side_is_read_from_its_word_or_first_letter(typed: str, side: Side) -> None:
    assert parse_side(typed, SINGLE_LEG) is side


# --- joining two sessions of one day --------------------------------------------------------


def _session(**kwargs: object) -> SessionRecord:
    values: dict[str, object] = {"athlete_id": 1, "day": DAY}
    values.update(kwargs)
    return SessionRecord(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kept", "extra", "joined"),
    [
        ("planned", "performed", SessionStatus.PERFORMED),
        ("performed", "planned", SessionStatus.PERFORMED),
        ("in_progress", "planned", SessionStatus.IN_PROGRESS),
        ("planned", "in_progress", SessionStatus.IN_PROGRESS),
        ("in_progress", "performed", SessionStatus.PERFORMED),
        ("planned", "planned", SessionStatus.PLANNED),
    ],
)
def test_a_joined_session_takes_the_more_done_status(
    kept: str, extra: str, joined: SessionStatus
) -> None:
    assert joined_session(_session(status=kept), _session(status=extra)).status is joined


@pytest.mark.parametrize(
    ("kept", "extra", "joined"),
    [("warm", "heavy", "warm | heavy"), ("", "heavy", "heavy"), ("warm", "", "warm"), ("", "", "")],
)
def test_a_joined_session_joins_the_notes_it_has(kept: str, extra: str, joined: str) -> None:
    assert joined_session(_session(notes=kept), _session(notes=extra)).notes == joined


@pytest.mark.parametrize(
    ("kept", "extra", "before", "after"),
    [
        ({"pain_before": 2, "pain_after": 1}, {"pain_before": 5, "pain_after": 3}, 2, 3),
        ({"pain_before": None, "pain_after": 1}, {"pain_before": 5, "pain_after": None}, 5, 1),
        ({}, {}, None, None),
    ],
)
def test_a_joined_session_takes_pain_before_from_the_kept_and_after_from_the_extra(
    kept: dict[str, object], extra: dict[str, object], before: int | None, after: int | None
) -> None:
    joined = joined_session(_session(**kept), _session(**extra))
    assert (joined.pain_before, joined.pain_after) == (before, after)


@pytest.mark.parametrize(
    ("kept", "extra", "slot"),
    [
        ({"program_id": 7, "plan_week": 2, "plan_day": 3}, {}, (7, 2, 3)),
        ({}, {"program_id": 8, "plan_week": 1, "plan_day": 2}, (8, 1, 2)),
        (
            {"program_id": 7, "plan_week": 2, "plan_day": 3},
            {"program_id": 8, "plan_week": 1, "plan_day": 2},
            (7, 2, 3),
        ),
        ({}, {}, (None, None, None)),
    ],
)
def test_a_joined_session_keeps_the_kept_plan_slot_unless_it_has_none(
    kept: dict[str, object], extra: dict[str, object], slot: tuple[int | None, ...]
) -> None:
    joined = joined_session(_session(**kept), _session(**extra))
    assert (joined.program_id, joined.plan_week, joined.plan_day) == slot


def test_a_joined_session_is_the_kept_one_with_the_extra_sets_after_its_own() -> None:
    a, b, c = _set(reps=10), _set(reps=9), _set(reps=8)
    joined = joined_session(_session(id=41, sets=(a,)), _session(id=42, sets=(b, c)))
    assert (joined.athlete_id, joined.day, joined.id) == (1, DAY, 41)
    assert joined.sets == (a, b, c)


def test_joining_does_not_recheck_the_date_against_the_clock() -> None:
    far = date(2999, 1, 1)
    kept = _session(day=far, status="planned")
    extra = _session(day=far, status="performed", today=far)
    joined = joined_session(kept, extra)
    assert (joined.day, joined.status) == (far, SessionStatus.PERFORMED)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"athlete_id": 2},
            "only sessions of one athlete and day can be joined: "
            "athlete 1 on 2025-03-01 and athlete 2 on 2025-03-01",
        ),
        (
            {"day": date(2025, 3, 2)},
            "only sessions of one athlete and day can be joined: "
            "athlete 1 on 2025-03-01 and athlete 1 on 2025-03-02",
        ),
    ],
)
def test_sessions_of_different_athletes_or_days_are_not_joined(
    extra: dict[str, object], message: str
) -> None:
    assert _refusal(lambda: joined_session(_session(), _session(**extra))) == message


# --- plan places ----------------------------------------------------------------------------


def test_plan_places_go_by_date_then_id_and_sessions_beyond_the_plan_get_none() -> None:
    sessions = [
        (30, date(2025, 3, 5)),
        (10, date(2025, 3, 3)),
        (21, date(2025, 3, 1)),
        (20, date(2025, 3, 1)),
    ]
    places = plan_places_by_date(sessions, [(1, 1), (1, 2), (1, 3)])
    assert places == {20: (1, 1), 21: (1, 2), 10: (1, 3), 30: None}


def test_plan_places_of_no_sessions_are_empty() -> None:
    assert plan_places_by_date([], [(1, 1)]) == {}
