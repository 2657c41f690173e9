"""Progress analytics over the training log."""

from __future__ import annotations

from datetime import date

import pytest
from record_factory import a_session, a_set

from revhyper.domain.loads import estimate_1rm
from revhyper.domain.training.analytics import (
    PlannedSlot,
    RecordKind,
    adherence,
    e1rm_trend,
    pain_trend,
    personal_records,
    set_e1rm_kg,
    week_start,
    weekly_volume,
)
from revhyper.domain.training.log import SessionStatus
from revhyper.domain.vocabulary import VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER
FLOOR = VariationId.FLOOR_REVERSE_HYPER


def test_week_start_is_the_monday_of_the_iso_week() -> None:
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)  # a Sunday
    assert week_start(date(2026, 11, 16)) == date(2026, 11, 16)


def test_weekly_volume_sums_reps_times_load_and_fills_empty_weeks() -> None:
    sessions = [
        a_session(date(2026, 11, 2), a_set(10, 40), a_set(10, 40)),
        a_session(date(2026, 11, 4), a_set(8, 50)),
        a_session(date(2026, 11, 18), a_set(12, 30), a_set(20)),
    ]
    weeks = weekly_volume(sessions)
    assert [w.week_start for w in weeks] == [
        date(2026, 11, 2),
        date(2026, 11, 9),
        date(2026, 11, 16),
    ]
    assert [w.volume_load_kg for w in weeks] == [1200.0, 0.0, 360.0]
    assert [w.sets for w in weeks] == [3, 0, 2]
    assert weeks[2].reps == 32
    assert weeks[0].sessions == 2


def test_weekly_volume_ignores_planned_sessions_without_sets() -> None:
    planned = a_session(date(2026, 11, 30), status=SessionStatus.PLANNED)
    assert weekly_volume([planned]) == []


def test_e1rm_of_a_set_is_the_load_maths_and_none_without_load() -> None:
    assert set_e1rm_kg(a_set(10, 40)) == pytest.approx(estimate_1rm(40.0, 10, "epley"))
    assert set_e1rm_kg(a_set(15)) is None
    assert set_e1rm_kg(a_set(0, 40)) is None


def test_e1rm_trend_keeps_the_best_set_of_each_session() -> None:
    sessions = [
        a_session(date(2026, 11, 2), a_set(10, 40), a_set(8, 45)),
        a_session(date(2026, 11, 5), a_set(10, 45)),
    ]
    trend = e1rm_trend(sessions)
    assert [p.day for p in trend] == [date(2026, 11, 2), date(2026, 11, 5)]
    first_best = max(estimate_1rm(40.0, 10, "epley"), estimate_1rm(45.0, 8, "epley"))
    assert trend[0].e1rm_kg == pytest.approx(first_best)
    assert trend[1].e1rm_kg == pytest.approx(estimate_1rm(45.0, 10, "epley"))
    assert trend[1].e1rm_kg > trend[0].e1rm_kg


def test_e1rm_trend_uses_the_named_method() -> None:
    sessions = [a_session(date(2026, 11, 2), a_set(8, 50))]
    assert e1rm_trend(sessions, method="brzycki")[0].e1rm_kg == pytest.approx(
        estimate_1rm(50.0, 8, "brzycki")
    )


def test_personal_records_are_per_variation_and_only_strict_improvements_are_events() -> None:
    sessions = [
        a_session(date(2026, 11, 2), a_set(10, 40), a_set(15, 0, FLOOR)),
        a_session(date(2026, 11, 5), a_set(10, 40), a_set(18, 0, FLOOR)),
        a_session(date(2026, 11, 9), a_set(9, 45)),
    ]
    bests, events = personal_records(sessions)
    machine = bests[MACHINE]
    assert machine[RecordKind.HEAVIEST_LOAD].value == 45.0
    assert machine[RecordKind.HEAVIEST_LOAD].day == date(2026, 11, 9)
    assert machine[RecordKind.MOST_REPS].value == 10
    assert machine[RecordKind.BEST_SET_VOLUME].value == 405.0
    assert bests[FLOOR][RecordKind.MOST_REPS].value == 18
    assert RecordKind.HEAVIEST_LOAD not in bests[FLOOR]
    # The repeat of 10 x 40 on 5 Nov is no record.
    assert not [e for e in events if e.variation == MACHINE and e.best.day == date(2026, 11, 5)]
    floor_reps = [e for e in events if e.variation == FLOOR]
    assert [(e.best.value, e.previous) for e in floor_reps] == [(15, None), (18, 15)]


def test_adherence_counts_planned_sessions_and_sets_done_per_week() -> None:
    planned = [
        PlannedSlot(1, 1, 3),
        PlannedSlot(1, 2, 3),
        PlannedSlot(2, 1, 3),
        PlannedSlot(3, 1, 3),
    ]
    sessions = [
        a_session(date(2026, 11, 2), *[a_set(10, 40)] * 3, plan_week=1, plan_day=1),
        a_session(date(2026, 11, 9), *[a_set(10, 40)] * 5, plan_week=2, plan_day=1),
        a_session(date(2026, 11, 4), a_set(10, 40), plan_week=1, plan_day=2),
        a_session(date(2026, 11, 30), plan_week=3, plan_day=1, status=SessionStatus.PLANNED),
    ]
    weeks = adherence(planned, sessions)
    assert [(w.week, w.planned_sessions, w.done_sessions) for w in weeks] == [
        (1, 2, 2),
        (2, 1, 1),
        (3, 1, 0),
    ]
    assert weeks[0].set_fraction == pytest.approx(4 / 6)
    assert weeks[1].set_fraction == 1.0  # five sets done of three planned: capped
    assert weeks[2].session_fraction == 0.0
    assert len(adherence(planned, sessions, up_to_week=2)) == 2


def test_pain_trend_lists_before_after_and_worst_during() -> None:
    sessions = [
        a_session(
            date(2026, 11, 5),
            a_set(10, 40, pain=3),
            a_set(10, 40, pain=5),
            pain_before=1,
            pain_after=4,
        ),
        a_session(date(2026, 11, 2), a_set(10, 40)),
        a_session(date(2026, 11, 9), a_set(10, 40, pain=0), pain_before=2, pain_after=1),
    ]
    trend = pain_trend(sessions)
    assert [(p.day, p.before, p.after, p.max_during) for p in trend] == [
        (date(2026, 11, 5), 1, 4, 5),
        (date(2026, 11, 9), 2, 1, 0),
    ]
    assert [p.rise for p in trend] == [3, -1]


def test_isometric_holds_give_no_e1rm() -> None:
    hold = a_set(5, 20.0, VariationId.ISOMETRIC_HOLD, hold_s=10.0)
    assert set_e1rm_kg(hold) is None
    assert e1rm_trend([a_session(date(2026, 11, 2), hold)]) == []
