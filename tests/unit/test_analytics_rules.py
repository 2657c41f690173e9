"""Rules of the progress analytics a lifter or coach relies on, checked on small hand-built
histories whose figures are worked out by hand (Epley: load × (1 + 0.0333 × reps); O'Conner:
load × (1 + 0.025 × reps); a single rep's e1RM is its load for every formula)."""

from __future__ import annotations

from datetime import date

import pytest
from record_factory import a_session, a_set

from revhyper.domain.training.analytics import (
    PlannedSlot,
    RecordKind,
    WeekAdherence,
    adherence,
    e1rm_trend,
    pain_trend,
    personal_records,
    set_e1rm_kg,
    weekly_volume,
)
from revhyper.domain.training.log import SessionStatus
from revhyper.domain.vocabulary import VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER
FLOOR = VariationId.FLOOR_REVERSE_HYPER
MON_2_NOV = date(2026, 11, 2)  # a Monday
THU_5_NOV = date(2026, 11, 5)


# --------------------------------------------------------------------------- weekly volume


def test_two_sessions_in_one_week_add_their_reps() -> None:
    sessions = [
        a_session(MON_2_NOV, a_set(10, 40), a_set(12, 40)),
        a_session(THU_5_NOV, a_set(8, 50)),
    ]
    (week,) = weekly_volume(sessions)
    assert (week.reps, week.sessions) == (30, 2)


def test_weeks_without_sessions_report_zero_reps_and_sessions() -> None:
    sessions = [a_session(MON_2_NOV, a_set(10, 40)), a_session(date(2026, 11, 23), a_set(10))]
    weeks = weekly_volume(sessions)
    empty = [(w.week_start, w.volume_load_kg, w.sets, w.reps, w.sessions) for w in weeks[1:3]]
    assert empty == [(date(2026, 11, 9), 0.0, 0, 0, 0), (date(2026, 11, 16), 0.0, 0, 0, 0)]


# --------------------------------------------------------------------------- e1RM of a set


@pytest.mark.parametrize(
    "method", ["epley", "brzycki", "lombardi", "mayhew", "oconner", "wathan", "lander"]
)
def test_a_single_reps_e1rm_is_its_load_for_every_method(method: str) -> None:
    assert set_e1rm_kg(a_set(1, 62.5), method) == 62.5


def test_a_single_at_one_kilo_has_an_e1rm_of_one_kilo() -> None:
    assert set_e1rm_kg(a_set(1, 1.0)) == 1.0


@pytest.mark.parametrize(("reps", "load"), [(1, 0.0), (0, 1.0)])
def test_a_body_weight_single_or_a_zero_rep_set_has_no_e1rm(reps: int, load: float) -> None:
    assert set_e1rm_kg(a_set(reps, load)) is None


# --------------------------------------------------------------------------- e1RM trend


def test_trend_of_one_variation_skips_the_others_and_reads_every_session() -> None:
    sessions = [
        a_session(MON_2_NOV, a_set(10, 20, FLOOR), a_set(10, 30)),
        a_session(THU_5_NOV, a_set(10, 40), a_set(10, 25, FLOOR)),
    ]
    trend = e1rm_trend(sessions, variation=MACHINE)
    assert [(p.day, p.variation, p.load_kg, p.reps) for p in trend] == [
        (MON_2_NOV, MACHINE, 30.0, 10),
        (THU_5_NOV, MACHINE, 40.0, 10),
    ]
    assert [p.e1rm_kg for p in trend] == pytest.approx([39.99, 53.32])


def test_a_weaker_set_after_the_best_does_not_replace_it() -> None:
    sessions = [a_session(MON_2_NOV, a_set(10, 40), a_set(10, 30))]
    (point,) = e1rm_trend(sessions)
    assert (point.load_kg, point.reps) == (40.0, 10)
    assert point.e1rm_kg == pytest.approx(53.32)


def test_an_equal_e1rm_later_in_the_session_does_not_replace_the_first_set() -> None:
    # O'Conner: 20 reps at 40 kg give 40 × 1.5 = 60 kg, as does the single at 60 kg after it.
    sessions = [a_session(MON_2_NOV, a_set(20, 40), a_set(1, 60))]
    (point,) = e1rm_trend(sessions, method="oconner")
    assert (point.e1rm_kg, point.load_kg, point.reps) == (60.0, 40.0, 20)


def test_each_point_carries_its_own_variation_and_reps() -> None:
    sessions = [a_session(MON_2_NOV, a_set(12, 30), a_set(8, 20, FLOOR))]
    trend = e1rm_trend(sessions)
    assert [(p.variation, p.load_kg, p.reps) for p in trend] == [
        (FLOOR, 20.0, 8),
        (MACHINE, 30.0, 12),
    ]


# --------------------------------------------------------------------------- personal records


def test_a_record_names_its_kind_and_the_load_and_reps_of_the_best_set() -> None:
    sessions = [a_session(MON_2_NOV, a_set(12, 30), a_set(8, 50))]
    bests, _events = personal_records(sessions)
    machine = bests[MACHINE]
    assert {k: (b.kind, b.value, b.load_kg, b.reps) for k, b in machine.items()} == {
        RecordKind.MOST_REPS: (RecordKind.MOST_REPS, 12.0, 30.0, 12),
        RecordKind.HEAVIEST_LOAD: (RecordKind.HEAVIEST_LOAD, 50.0, 50.0, 8),
        RecordKind.BEST_SET_VOLUME: (RecordKind.BEST_SET_VOLUME, 400.0, 50.0, 8),
        RecordKind.BEST_E1RM: (RecordKind.BEST_E1RM, pytest.approx(63.32), 50.0, 8),
    }


def test_the_e1rm_record_uses_the_named_method() -> None:
    bests, _events = personal_records([a_session(MON_2_NOV, a_set(10, 40))], method="oconner")
    assert bests[MACHINE][RecordKind.BEST_E1RM].value == pytest.approx(50.0)  # 40 × 1.25


@pytest.mark.parametrize(
    ("reps", "load", "expected"),
    [
        pytest.param(
            1,
            60.0,
            {"most reps": 1, "heaviest load": 60, "best set volume": 60, "best e1RM": 60},
            id="a single",
        ),
        pytest.param(
            10,
            1.0,
            {"most reps": 10, "heaviest load": 1, "best set volume": 10, "best e1RM": 1.333},
            id="one kilo",
        ),
        pytest.param(0, 40.0, {"most reps": 0}, id="a failed attempt"),
    ],
)
def test_which_records_a_first_set_sets(reps: int, load: float, expected: dict[str, float]) -> None:
    bests, _events = personal_records([a_session(MON_2_NOV, a_set(reps, load))])
    values = {str(kind): best.value for kind, best in bests[MACHINE].items()}
    assert values == pytest.approx(expected)


# --------------------------------------------------------------------------- adherence

ONE_SLOT = [PlannedSlot(1, 1, 3)]


@pytest.mark.parametrize(("week", "day"), [(1, None), (None, 1)])
def test_a_session_missing_its_plan_week_or_day_fills_no_slot(
    week: int | None, day: int | None
) -> None:
    sessions = [a_session(MON_2_NOV, a_set(10, 40), plan_week=week, plan_day=day)]
    assert adherence(ONE_SLOT, sessions) == [WeekAdherence(1, 1, 0, 3, 0)]


def test_sessions_after_a_free_session_still_count() -> None:
    sessions = [
        a_session(MON_2_NOV, a_set(10, 40)),
        a_session(THU_5_NOV, *[a_set(10, 40)] * 3, plan_week=1, plan_day=1),
    ]
    assert adherence(ONE_SLOT, sessions) == [WeekAdherence(1, 1, 1, 3, 3)]


def test_a_planned_session_without_sets_is_not_done_and_later_sessions_still_count() -> None:
    planned = [PlannedSlot(1, 1, 3), PlannedSlot(1, 2, 3)]
    sessions = [
        a_session(MON_2_NOV, plan_week=1, plan_day=1, status=SessionStatus.PLANNED),
        a_session(THU_5_NOV, a_set(10, 40), a_set(10, 40), plan_week=1, plan_day=2),
    ]
    assert adherence(planned, sessions) == [WeekAdherence(1, 2, 1, 6, 2)]


@pytest.mark.parametrize("status", list(SessionStatus))
def test_a_session_with_sets_is_done_whatever_its_status(status: SessionStatus) -> None:
    sessions = [
        a_session(MON_2_NOV, a_set(10, 40), a_set(10, 40), plan_week=1, plan_day=1, status=status)
    ]
    assert adherence(ONE_SLOT, sessions) == [WeekAdherence(1, 1, 1, 3, 2)]


def test_two_sessions_logged_against_one_slot_add_their_sets() -> None:
    sessions = [
        a_session(MON_2_NOV, a_set(10, 40), a_set(10, 40), plan_week=1, plan_day=1),
        a_session(THU_5_NOV, a_set(10, 40), plan_week=1, plan_day=1),
    ]
    assert adherence([PlannedSlot(1, 1, 4)], sessions) == [WeekAdherence(1, 1, 1, 4, 3)]


def test_a_due_week_listed_after_a_later_week_still_counts() -> None:
    planned = [PlannedSlot(2, 1, 3), PlannedSlot(1, 1, 3)]
    assert adherence(planned, [], up_to_week=1) == [WeekAdherence(1, 1, 0, 3, 0)]


# --------------------------------------------------------------------------- pain trend


@pytest.mark.parametrize(
    ("before", "after", "during"), [(2, None, None), (None, 3, None), (None, None, 4)]
)
def test_a_session_with_any_one_pain_figure_is_in_the_pain_trend(
    before: int | None, after: int | None, during: int | None
) -> None:
    session = a_session(MON_2_NOV, a_set(10, 40, pain=during), pain_before=before, pain_after=after)
    (point,) = pain_trend([session])
    assert (point.day, point.before, point.after, point.max_during) == (
        MON_2_NOV,
        before,
        after,
        during,
    )
