"""Backups round-trip losslessly; Strong and Hevy exports import their reverse-hyper sets."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import athletes, backup, body_mass, history, imports, training
from revhyper.services.database import engine_for

DATA = Path(__file__).resolve().parents[1] / "data"


def _fill(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    athletes.add_athlete(uow, "Bo", Profile(**{**profile.__dict__, "goal": "strength"}))
    with uow:
        athlete_id = uow.athletes.get("Alex").id
        program = uow.programs.add(
            athlete_id=athlete_id,
            start_date=date(2025, 3, 1),
            goal="hypertrophy",
            weeks=1,
            days_per_week=1,
            parameters={"weeks": 1, "days_per_week": 1},
            plan={"weeks": [{"week": 1, "sessions": [{"day": 1, "blocks": []}]}]},
        )
        analysis = uow.analyses.add(
            {"format": "revhyper-analysis/1", "faults": ["uncontrolled_descent"], "rep_count": 8},
            athlete_id=athlete_id,
            source="clip.json",
        )
        uow.analyses.add({"format": "revhyper-analysis/1", "faults": []}, source="loose.json")
        shared = uow.analyses.add({"format": "revhyper-analysis/1", "faults": ["short_hold"]})
        uow.commit()
    training.log_session(
        uow,
        "Alex",
        date(2025, 3, 2),
        [
            SetRecord(variation="machine-reverse-hyper", reps=12, load_kg=22.5, rpe=7.5, pain=1),
            SetRecord(
                variation="tempo-reverse-hyper",
                reps=8,
                load_kg=10.25,
                rir=2,
                tempo="3-1-3-0",
                band="light",
                notes="ok",
                analysis_id=analysis.id,
            ),
        ],
        pain_before=1,
        pain_after=2,
        notes="first",
    )
    with uow:
        session = uow.sessions.find(athlete_id)[0]
        assert session.id is not None
        uow.commit()
    session_today = training.start_session(uow, "Bo", day=date(2025, 3, 3), pain_before=0)
    assert session_today.id is not None
    training.record_set(
        uow,
        session_today.id,
        SetRecord(variation="isometric-hold", reps=1, hold_s=30, analysis_id=shared.id),
    )
    body_mass.record_body_mass(uow, "Alex", 82.4, date(2025, 3, 1))
    assert program.id is not None


def _without_time(document: dict[str, object]) -> dict[str, object]:
    copied = copy.deepcopy(document)
    copied.pop("exported_at")
    return copied


def test_backup_round_trip_is_lossless(uow: UnitOfWork, profile: Profile, tmp_path: Path) -> None:
    _fill(uow, profile)
    exported = backup.export_backup(uow)
    assert exported["format"] == "revhyper-backup/1"
    assert [a["name"] for a in exported["athletes"]] == ["Alex", "Bo"]
    target = UnitOfWork(engine_for(f"sqlite:///{tmp_path / 'restored.db'}"))
    report = backup.import_backup(target, json.loads(json.dumps(exported)))
    assert (report.athletes_added, report.sessions, report.sets) == (2, 2, 3)
    assert _without_time(backup.export_backup(target)) == _without_time(exported)


def test_importing_the_same_backup_twice_adds_nothing(uow: UnitOfWork, profile: Profile) -> None:
    _fill(uow, profile)
    exported = backup.export_backup(uow)
    report = backup.import_backup(uow, exported)
    assert report.athletes_merged == 2 and report.sessions == 0 and report.sets == 0
    assert report.body_mass == 0 and report.programs == 0 and report.analyses == 0
    assert _without_time(backup.export_backup(uow)) == _without_time(exported)


def test_one_athlete_backup_restores_into_an_existing_database(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    _fill(uow, profile)
    only_alex = backup.export_backup(uow, "Alex")
    assert [a["name"] for a in only_alex["athletes"]] == ["Alex"]
    target = UnitOfWork(engine_for(f"sqlite:///{tmp_path / 'other.db'}"))
    athletes.add_athlete(target, "Cy", profile)
    backup.import_backup(target, only_alex)
    assert [a.name for a in athletes.list_athletes(target)] == ["Alex", "Cy"]
    restored = backup.export_backup(target, "Alex")
    assert _without_time(restored) == _without_time(only_alex)


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda d: d.update(format="something/2"), "not a revhyper backup"),
        (lambda d: d["athletes"][0].pop("profile"), r"athletes\[0\]: missing field 'profile'"),
        (
            lambda d: d["athletes"][0]["sessions"][0]["sets"][1].update(reps=-3),
            r"athletes\[0\]\.sessions\[0\]\.sets\[1\]: reps -3 is out of range",
        ),
        (
            lambda d: d["athletes"][1]["sessions"][0].update(day="yesterday"),
            "is not an ISO date",
        ),
        (
            lambda d: d["athletes"][0]["sessions"][0]["sets"][0].update(load_kg="heavy"),
            "expected a whole number or a number, got text",
        ),
    ],
)
def test_corrupt_backup_is_refused_and_database_unchanged(
    uow: UnitOfWork,
    profile: Profile,
    tmp_path: Path,
    mutate,
    fragment: str,  # type: ignore[no-untyped-def]
) -> None:
    _fill(uow, profile)
    document = backup.export_backup(uow)
    mutate(document)
    target = UnitOfWork(engine_for(f"sqlite:///{tmp_path / 'target.db'}"))
    athletes.add_athlete(target, "Cy", profile)
    before = backup.export_backup(target)
    with pytest.raises(InvalidInputError, match=fragment):
        backup.import_backup(target, document)
    assert _without_time(backup.export_backup(target)) == _without_time(before)


def test_strong_export_imports_reverse_hyper_sets_and_reports_the_rest(
    uow: UnitOfWork, profile: Profile
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    report = imports.import_workouts(uow, DATA / "strong_export.csv", "strong", "Alex")
    assert (report.sessions_added, report.sets_added) == (2, 5)
    assert report.unknown_exercises == {
        "Squat (Barbell)": 2,
        "Back Extension": 1,
        "Bench Press (Barbell)": 1,
    }
    assert report.workouts_without_reverse_hypers == 1
    sets = history.sets_for(uow, "Alex")
    assert [(s.record.variation, s.record.reps, s.record.load_kg) for s in sets] == [
        (VariationId.MACHINE_REVERSE_HYPER, 12, 20.0),
        (VariationId.MACHINE_REVERSE_HYPER, 12, 22.5),
        (VariationId.MACHINE_REVERSE_HYPER, 11, 22.5),
        (VariationId.ISOMETRIC_HOLD, 1, 0.0),
        (VariationId.SINGLE_LEG_REVERSE_HYPER, 10, 5.0),
    ]
    assert sets[1].record.rpe == 7.5 and sets[1].record.notes == "slow lowering"
    assert sets[3].record.hold_s == 30
    assert sets[0].day == date(2025, 3, 1)
    again = imports.import_workouts(uow, DATA / "strong_export.csv", "strong", "Alex")
    assert again.sessions_added == 0 and again.workouts_already_imported == 2


def test_old_semicolon_strong_export_converts_pounds(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    report = imports.import_workouts(uow, DATA / "strong_export_semicolon.csv", "strong", "Alex")
    assert report.sets_added == 2 and report.unknown_exercises == {"Deadlift (Barbell)": 1}
    loads = [s.record.load_kg for s in history.sets_for(uow, "Alex")]
    assert loads == pytest.approx([45 * 0.45359237] * 2, abs=1e-3)


def test_hevy_export_imports_reverse_hyper_sets(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    report = imports.import_workouts(uow, DATA / "hevy_export.csv", "hevy", "Alex")
    assert (report.sessions_added, report.sets_added) == (1, 4)
    assert report.unknown_exercises == {"Hip Thrust (Barbell)": 1, "Cat Cow": 1}
    sets = history.sets_for(uow, "Alex")
    assert [s.record.variation for s in sets] == [VariationId.MACHINE_REVERSE_HYPER] * 3 + [
        VariationId.BANDED_REVERSE_HYPER
    ]
    assert sets[0].record.is_warmup and not any(s.record.is_warmup for s in sets[1:])
    assert sets[0].record.notes == "" and sets[1].record.notes == "keep pad under hips"
    assert [s.record.rpe for s in sets] == [None, 7, 8, None]


def test_export_with_missing_columns_names_them(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    broken = tmp_path / "broken.csv"
    broken.write_text(
        '"Date","Exercise Name","Weight"\n"2025-03-01 07:30:00","Reverse Hyper","20"\n'
    )
    with pytest.raises(
        InvalidInputError, match=r"missing column\(s\) Workout Name, Set Order, Reps"
    ):
        imports.import_workouts(uow, broken, "strong", "Alex")


def test_absurd_row_in_export_leaves_database_unchanged(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    text = (DATA / "strong_export.csv").read_text()
    bad = tmp_path / "bad.csv"
    bad.write_text(
        text.replace('"Single Leg Reverse Hyper","1","5"', '"Single Leg Reverse Hyper","1","5000"')
    )
    with pytest.raises(
        InvalidInputError, match="line 10: load 5000 is out of range: allowed 0–500"
    ):
        imports.import_workouts(uow, bad, "strong", "Alex")
    assert history.sets_for(uow, "Alex") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Reverse Hyper (Machine)", VariationId.MACHINE_REVERSE_HYPER),
        ("reverse hyperextension", VariationId.MACHINE_REVERSE_HYPER),
        ("Reverse Hyper - Bench", VariationId.BENCH_REVERSE_HYPER),
        ("GHD Reverse Hyper", VariationId.GHD_REVERSE_HYPER_BANDED),
        ("Stability Ball Reverse Hyper", VariationId.STABILITY_BALL_REVERSE_HYPER),
        ("Floor Reverse Hyper", VariationId.FLOOR_REVERSE_HYPER),
        ("Back Extension", None),
        ("Hyperextension", None),
    ],
)
def test_exercise_names_map_to_variations(name: str, expected: VariationId | None) -> None:
    assert imports.variation_for_exercise(name) == expected
