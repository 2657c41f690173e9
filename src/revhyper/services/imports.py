"""Importing Strong and Hevy workout exports: reverse-hyper rows become sessions of an athlete.

Exercise names are matched against ``EXERCISE_PATTERNS`` (first match wins). Rows of any other
exercise are not imported but counted and reported by name, never silently dropped. A workout
already imported (same app and start time, recorded in the session's notes) is skipped, so
importing the same file twice adds nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.importers.workout_apps import (
    ImportedSet,
    ImportedWorkout,
    read_hevy,
    read_strong,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training_log import SessionRecord, SetRecord
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import VariationId

#: Exercise-name patterns (case-insensitive regular expressions) → our variation, in order.
#: Only reverse-hyper movements are ours; a plain "Back Extension"/"Hyperextension" is a
#: different exercise (trunk moves, legs fixed) and stays unknown.
EXERCISE_PATTERNS: tuple[tuple[str, VariationId], ...] = (
    (
        r"reverse\s*hyper.*(single|one)[\s-]*leg|(single|one)[\s-]*leg.*reverse\s*hyper",
        VariationId.SINGLE_LEG_REVERSE_HYPER,
    ),
    (r"reverse\s*hyper.*(iso|hold)|(iso|hold).*reverse\s*hyper", VariationId.ISOMETRIC_HOLD),
    (r"reverse\s*hyper.*tempo|tempo.*reverse\s*hyper", VariationId.TEMPO_REVERSE_HYPER),
    (
        r"reverse\s*hyper.*ghd|ghd.*reverse\s*hyper|glute[\s-]*ham.*reverse\s*hyper",
        VariationId.GHD_REVERSE_HYPER_BANDED,
    ),
    (
        r"reverse\s*hyper.*(stability|swiss|exercise)\s*ball|ball.*reverse\s*hyper",
        VariationId.STABILITY_BALL_REVERSE_HYPER,
    ),
    (r"reverse\s*hyper.*band|band.*reverse\s*hyper", VariationId.BANDED_REVERSE_HYPER),
    (r"reverse\s*hyper.*bench|bench.*reverse\s*hyper", VariationId.BENCH_REVERSE_HYPER),
    (
        r"reverse\s*hyper.*floor|floor.*reverse\s*hyper|prone\s*leg\s*raise",
        VariationId.FLOOR_REVERSE_HYPER,
    ),
    (r"floor\s*hyperextension|superman", VariationId.FLOOR_HYPEREXTENSION),
    (r"reverse\s*hyper", VariationId.MACHINE_REVERSE_HYPER),
)

_COMPILED = tuple((re.compile(p, re.IGNORECASE), v) for p, v in EXERCISE_PATTERNS)

APPS = ("strong", "hevy")


def variation_for_exercise(name: str) -> VariationId | None:
    """Our variation for an app's exercise name, or None when it is not a reverse hyper."""
    for pattern, variation in _COMPILED:
        if pattern.search(name):
            return variation
    return None


@dataclass(frozen=True)
class WorkoutImportReport:
    """What an import did: sessions and sets added, workouts skipped, exercises not imported."""

    app: str
    sessions_added: int = 0
    sets_added: int = 0
    workouts_already_imported: int = 0
    workouts_without_reverse_hypers: int = 0
    unknown_exercises: dict[str, int] = field(default_factory=dict)
    """Sets not imported, counted per exercise name (most first)."""


def _marker(workout: ImportedWorkout) -> str:
    return f"[{workout.app} {workout.started_at.isoformat(sep=' ', timespec='minutes')}]"


def _set_record(imported: ImportedSet, variation: VariationId, where: str) -> SetRecord:
    notes = "; ".join(
        part
        for part in (imported.notes, "" if imported.kind == "normal" else imported.kind)
        if part
    )
    hold = (
        imported.seconds if variation is VariationId.ISOMETRIC_HOLD and imported.seconds else None
    )
    try:
        return SetRecord(
            variation=variation,
            reps=imported.reps,
            load_kg=imported.weight_kg,
            rpe=imported.rpe,
            hold_s=hold,
            notes=notes,
        )
    except InvalidInputError as error:
        raise InvalidInputError(f"{where} line {imported.line}: {error}") from None


def read_workouts(path: Path, app: str, weight_unit: str = "kg") -> list[ImportedWorkout]:
    """The workouts in a Strong or Hevy CSV export."""
    if app == "strong":
        return read_strong(path, weight_unit)
    if app == "hevy":
        return read_hevy(path)
    raise InvalidInputError(f"unknown workout app {app!r}: allowed {', '.join(APPS)}")


def import_workouts(
    uow: UnitOfWork, path: Path, app: str, athlete: str, *, weight_unit: str | None = None
) -> WorkoutImportReport:
    """Import the reverse-hyper sets of a Strong/Hevy export into ``athlete``'s log.

    ``weight_unit`` ("kg" or "lbs") is for Strong files without a unit column; by default the
    athlete's own unit. One transaction: a bad row anywhere (e.g. 5,000 kg) leaves the
    database unchanged.
    """
    if weight_unit is None:
        with uow:
            unit = uow.athletes.get(athlete).profile.unit
        weight_unit = "lbs" if unit is MassUnit.LB else "kg"
    workouts = read_workouts(path, app, weight_unit)
    unknown: Counter[str] = Counter()
    sessions = sets = already = empty = 0
    with uow:
        stored = uow.athletes.get(athlete)
        imported_markers = {
            s.notes.split("]")[0] + "]"
            for s in uow.sessions.find(stored.id)
            if s.notes.startswith("[")
        }
        for workout in workouts:
            records: list[SetRecord] = []
            for imported in workout.sets:
                variation = variation_for_exercise(imported.exercise)
                if variation is None:
                    unknown[imported.exercise] += 1
                else:
                    records.append(_set_record(imported, variation, path.name))
            if not records:
                empty += 1
                continue
            marker = _marker(workout)
            if marker in imported_markers:
                already += 1
                continue
            notes = " ".join(part for part in (marker, workout.name, workout.notes) if part)
            try:
                record = SessionRecord(
                    athlete_id=stored.id,
                    day=workout.started_at.date(),
                    notes=notes,
                    sets=tuple(records),
                )
            except InvalidInputError as error:
                raise InvalidInputError(f"{path.name} workout {marker}: {error}") from None
            uow.sessions.add(record)
            imported_markers.add(marker)
            sessions += 1
            sets += len(records)
        uow.commit()
    return WorkoutImportReport(
        app=app,
        sessions_added=sessions,
        sets_added=sets,
        workouts_already_imported=already,
        workouts_without_reverse_hypers=empty,
        unknown_exercises=dict(unknown.most_common()),
    )
