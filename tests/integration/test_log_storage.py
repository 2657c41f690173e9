"""Repositories and logging services store and return the log faithfully on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SessionStatus, SetRecord
from revhyper.services import athletes, body_mass, history, training

DAY = date(2025, 3, 3)


def _set(reps: int = 12, load: float = 20.0, **extra: object) -> SetRecord:
    return SetRecord(variation="machine-reverse-hyper", reps=reps, load_kg=load, **extra)  # type: ignore[arg-type]


def test_athlete_round_trips_profile_and_screening(uow: UnitOfWork, profile: Profile) -> None:
    stored = athletes.add_athlete(uow, "  Alex  ", profile)
    assert stored.name == "Alex"
    again = athletes.get_athlete(uow, "Alex")
    assert again.profile == Profile(**{**profile.__dict__, "name": "Alex"})
    assert not again.screening.needs_clearance
    assert [a.name for a in athletes.list_athletes(uow)] == ["Alex"]


def test_screening_reasons_are_stored(uow: UnitOfWork, profile: Profile) -> None:
    hurt = Profile(**{**profile.__dict__, "back_pain": 3, "injuries": frozenset({"back-injury"})})
    stored = athletes.add_athlete(uow, "Sam", hurt)
    assert stored.screening.needs_clearance
    assert athletes.get_athlete(uow, "Sam").screening.reasons == stored.screening.reasons


def test_duplicate_athlete_name_is_refused(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    with pytest.raises(InvalidInputError, match="already exists"):
        athletes.add_athlete(uow, "Alex", profile)


def test_unknown_athlete_names_the_known_ones(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    with pytest.raises(NotFoundError, match="no athlete named 'Bo': known athletes are Alex"):
        history.sets_for(uow, "Bo")


def test_sets_recorded_one_by_one_keep_order_and_fields(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    today = training.start_or_resume_today(uow, "Alex", today=DAY, pain_before=1)
    assert not today.resumed and today.planned is None
    session_id = today.session.id
    assert session_id is not None
    first = training.record_set(
        uow, session_id, _set(rpe=7.5, pain=1, band="light", tempo="2-1-3-0", notes="smooth")
    )
    second = training.record_set(uow, session_id, _set(reps=10, load=25.0, rir=2, hold_s=2.0))
    assert (first.position, second.position) == (1, 2)
    resumed = training.start_or_resume_today(uow, "Alex", today=DAY)
    assert resumed.resumed and resumed.session.id == session_id
    assert [s.reps for s in resumed.session.sets] == [12, 10]
    stored_first = resumed.session.sets[0]
    assert (stored_first.rpe, stored_first.pain, stored_first.band, stored_first.tempo) == (
        7.5,
        1,
        "light",
        "2-1-3-0",
    )
    finished = training.finish_session(uow, session_id, pain_after=2, notes="good")
    assert finished.status is SessionStatus.PERFORMED
    assert (finished.pain_before, finished.pain_after, finished.notes) == (1, 2, "good")


def test_set_linked_to_analysis_carries_its_faults(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    with uow:
        analysis = uow.analyses.add({"format": "revhyper-analysis/1", "faults": ["short_rom"]})
        uow.commit()
    session = training.start_session(uow, "Alex", day=DAY)
    assert session.id is not None
    stored = training.record_set(uow, session.id, _set(analysis_id=analysis.id))
    assert stored.faults == ("short_rom",)
    with pytest.raises(NotFoundError, match="no form analysis with id 999"):
        training.record_set(uow, session.id, _set(analysis_id=999))


def test_log_session_is_all_or_nothing(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    session = training.log_session(
        uow, "Alex", DAY, [_set(), _set(reps=11)], pain_before=0, pain_after=1
    )
    assert [s.position for s in session.sets] == [1, 2]
    with pytest.raises(NotFoundError):
        training.log_session(uow, "Nobody", DAY, [_set()])
    assert len(history.sets_for(uow)) == 2


def test_history_filters_by_date_and_variation(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    training.log_session(uow, "Alex", date(2025, 1, 5), [_set()])
    bench = SetRecord(variation="bench-reverse-hyper", reps=15)
    training.log_session(uow, "Alex", date(2025, 2, 5), [_set(), bench])
    assert len(history.sets_for(uow, "Alex")) == 3
    assert len(history.sets_for(uow, "Alex", since=date(2025, 2, 1))) == 2
    assert len(history.sets_for(uow, "Alex", until=date(2025, 1, 31))) == 1
    only_bench = history.sets_for(uow, "Alex", variation="bench-reverse-hyper")
    assert [s.record.reps for s in only_bench] == [15]
    assert only_bench[0].day == date(2025, 2, 5) and only_bench[0].athlete_name == "Alex"
    with pytest.raises(InvalidInputError, match="unknown variation 'squat'"):
        history.sets_for(uow, variation="squat")
    with pytest.raises(InvalidInputError, match="is after"):
        history.sets_for(uow, since=date(2025, 3, 1), until=date(2025, 1, 1))


def test_log_set_joins_that_days_session(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    first_session, _ = training.log_set(uow, "Alex", _set(), day=DAY)
    second_session, second = training.log_set(uow, "Alex", _set(reps=9), day=DAY)
    assert first_session.id == second_session.id
    assert second.position == 2 and len(second_session.sets) == 2


def test_body_mass_keeps_one_value_per_day(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    body_mass.record_body_mass(uow, "Alex", 82.0, DAY)
    body_mass.record_body_mass(uow, "Alex", 81.5, DAY)
    body_mass.record_body_mass(uow, "Alex", 81.0, date(2025, 3, 10))
    assert [(b.day, b.mass_kg) for b in body_mass.body_mass_history(uow, "Alex")] == [
        (DAY, 81.5),
        (date(2025, 3, 10), 81.0),
    ]


def test_uncommitted_work_rolls_back(uow: UnitOfWork, profile: Profile) -> None:
    with uow:
        uow.athletes.add("Ghost", profile)
    assert athletes.list_athletes(uow) == []
    with pytest.raises(RuntimeError), uow:
        uow.athletes.add("Ghost", profile)
        raise RuntimeError("killed")
    assert athletes.list_athletes(uow) == []


def test_analysis_stored_later_can_be_attached_to_a_set(uow: UnitOfWork, profile: Profile) -> None:
    from revhyper.services import analyses

    athletes.add_athlete(uow, "Alex", profile)
    _, stored_set = training.log_set(uow, "Alex", _set(), day=DAY)
    document = {"format": "revhyper-analysis/1", "faults": ["uncontrolled_descent"]}
    analysis = analyses.store_analysis(uow, document, athlete="Alex", source="clip.mp4")
    assert stored_set.id is not None
    linked = analyses.attach_analysis(uow, stored_set.id, analysis.id)
    assert linked.analysis_id == analysis.id and linked.faults == ("uncontrolled_descent",)
    with pytest.raises(InvalidInputError, match="not a form analysis"):
        analyses.store_analysis(uow, {"format": "x"})
    with pytest.raises(NotFoundError, match="no set with id 999"):
        analyses.attach_analysis(uow, 999, analysis.id)
