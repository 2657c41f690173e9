"""Importing Strong and Hevy workout exports: reverse-hyper rows become sessions of an athlete.

Exercise names are matched against ``EXERCISE_PATTERNS`` (first match wins). Rows of any other
exercise are not imported but counted and reported by name, never silently dropped. A workout
already imported (same app and start time, recorded in the session's notes) is skipped, so
importing the same file twice adds nothing.

Warm-up sets (Hevy ``set_type`` "warmup", Strong set order "W") are stored as warm-ups
(``SetKind.WARMUP``): shown in the history, counted in no volume, record or e1RM.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef
from revhyper.adapters.importers.csv_tables import BadRowsError, RowProblem
from revhyper.adapters.importers.workout_apps import (
    AppExport,
    ImportedSet,
    ImportedWorkout,
    read_hevy,
    read_strong,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import SessionRecord, SetKind, SetRecord
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
    warmup_sets_added: int = 0
    """Of ``sets_added``, the warm-up sets (stored as warm-ups, counted in no analytics)."""
    workouts_already_imported: int = 0
    workouts_without_reverse_hypers: int = 0
    unknown_exercises: dict[str, int] = field(default_factory=dict)
    """Sets not imported, counted per exercise name (most first)."""
    skipped_rows: tuple[RowProblem, ...] = ()
    """Bad rows left out because ``skip_bad_rows`` was asked for, in file order."""


#: The column an app writes repetitions in (named in messages).
REPS_COLUMN = {"strong": "Reps", "hevy": "reps"}


#: The markers ``_marker`` writes into a session's notes (a day's session may hold several
#: when several workouts of one day were imported: they join one session).
_MARKERS = re.compile(r"\[(?:strong|hevy) \d{4}-\d{2}-\d{2} \d{2}:\d{2}\]")


def _marker(workout: ImportedWorkout) -> str:
    return f"[{workout.app} {workout.started_at.isoformat(sep=' ', timespec='minutes')}]"


def _set_record(imported: ImportedSet, variation: VariationId, app: str) -> SetRecord:
    """Our set for an app's set; ``InvalidInputError`` naming the value when it is not one."""
    notes = "; ".join(
        part
        for part in (imported.notes, "" if imported.kind in ("normal", "warmup") else imported.kind)
        if part
    )
    hold = (
        imported.seconds if variation is VariationId.ISOMETRIC_HOLD and imported.seconds else None
    )
    reps = imported.reps
    if reps is None:
        if hold is None:
            raise InvalidInputError(
                f"{REPS_COLUMN[app]} is empty: a {variation.value} set needs its repetitions "
                "(0–100)"
            )
        reps = 1  # a timed hold without a rep count is one hold
    return SetRecord(
        variation=variation,
        reps=reps,
        load_kg=imported.weight_kg,
        rpe=imported.rpe,
        hold_s=hold,
        notes=notes,
        kind=SetKind.WARMUP if imported.kind == "warmup" else SetKind.WORKING,
    )


def read_workouts(path: Path, app: str, weight_unit: str = "kg") -> AppExport:
    """The workouts in a Strong or Hevy CSV export, and the rows that could not be read."""
    if app == "strong":
        return read_strong(path, weight_unit)
    if app == "hevy":
        return read_hevy(path)
    raise InvalidInputError(f"unknown workout app {app!r}: allowed {', '.join(APPS)}")


@dataclass
class _Plan:
    """The sessions an import would add, worked out before the database is touched."""

    sessions: list[tuple[ImportedWorkout, list[SetRecord]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unknown: Counter[str] = field(default_factory=Counter)
    empty: int = 0


def _plan(export: AppExport, app: str, today: date | None) -> _Plan:
    plan = _Plan()
    for problem in export.problems:
        if problem.exercise and variation_for_exercise(problem.exercise) is None:
            plan.unknown[problem.exercise] += 1  # not ours: never imported, so not an error
        else:
            plan.problems.append(problem)
    for workout in export.workouts:
        records: list[SetRecord] = []
        for imported in workout.sets:
            variation = variation_for_exercise(imported.exercise)
            if variation is None:
                plan.unknown[imported.exercise] += 1
                continue
            try:
                records.append(_set_record(imported, variation, app))
            except InvalidInputError as error:
                plan.problems.append(RowProblem(imported.line, str(error), imported.exercise))
        if not records:
            if not any(variation_for_exercise(i.exercise) for i in workout.sets):
                plan.empty += 1
            continue
        try:
            SessionRecord(athlete_id=0, day=workout.started_at.date(), today=today)
        except InvalidInputError as error:
            lines = [i.line for i in workout.sets if variation_for_exercise(i.exercise)]
            plan.problems.append(RowProblem(lines[0], f"workout {workout.name!r}: {error}"))
            continue
        plan.sessions.append((workout, records))
    plan.problems.sort(key=lambda p: p.line)
    return plan


def import_workouts(
    uow: UnitOfWork,
    path: Path,
    app: str,
    athlete: AthleteRef,
    *,
    weight_unit: str | None = None,
    skip_bad_rows: bool = False,
    today: date | None = None,
) -> WorkoutImportReport:
    """Import the reverse-hyper sets of a Strong/Hevy export into ``athlete``'s log.

    ``weight_unit`` ("kg" or "lbs") is for Strong files without a unit column; by default the
    athlete's own unit. Every row is checked before anything is stored. A file with bad rows (a
    short row, an unclosed quote, an empty Reps cell, 5,000 kg, ...) is refused as a whole with
    every bad row listed (``BadRowsError``), unless ``skip_bad_rows``: then the other rows are
    stored and the bad ones are listed in the report. Rows of exercises that are not reverse
    hypers are never imported, so their contents are not checked. One transaction.
    """
    if weight_unit is None:
        with uow:
            unit = uow.athletes.get(athlete).profile.unit
        weight_unit = "lbs" if unit is MassUnit.LB else "kg"
    plan = _plan(read_workouts(path, app, weight_unit), app, today)
    if plan.problems and not skip_bad_rows:
        raise BadRowsError(path, plan.problems)
    sessions = sets = warmups = already = 0
    with uow.writing():
        stored = uow.athletes.get(athlete)
        imported_markers = {
            marker for s in uow.sessions.find(stored.id) for marker in _MARKERS.findall(s.notes)
        }
        for workout, records in plan.sessions:
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
                    today=today,
                )
            except InvalidInputError as error:
                raise InvalidInputError(f"{path.name} workout {marker}: {error}") from None
            uow.sessions.add_or_join(record)
            imported_markers.add(marker)
            sessions += 1
            sets += len(records)
            warmups += sum(1 for r in records if r.is_warmup)
        uow.commit()
    return WorkoutImportReport(
        app=app,
        sessions_added=sessions,
        sets_added=sets,
        warmup_sets_added=warmups,
        workouts_already_imported=already,
        workouts_without_reverse_hypers=plan.empty,
        unknown_exercises=dict(plan.unknown.most_common()),
        skipped_rows=tuple(plan.problems),
    )


#: What a file may be imported as: a revhyper backup, or a workout app's CSV export.
IMPORT_FORMATS = ("backup", *APPS)


def guess_format(file_name: str, first_line: str) -> str:
    """The import format of a file from its name and first line: JSON files are backups; CSVs
    with Hevy's ``exercise_title`` column are Hevy exports, other CSVs Strong exports."""
    if file_name.lower().endswith(".json") or first_line.lstrip().startswith("{"):
        return "backup"
    return "hevy" if "exercise_title" in first_line else "strong"


def import_uploaded_workouts(
    uow: UnitOfWork,
    content: bytes,
    file_name: str,
    app: str,
    athlete: AthleteRef,
    *,
    weight_unit: str | None = None,
    skip_bad_rows: bool = False,
) -> WorkoutImportReport:
    """:func:`import_workouts` for a file received in memory (an upload named ``file_name``).

    Messages name the file as sent, never where it was kept while being read.
    """
    shown = Path(file_name).name or "upload.csv"
    with tempfile.TemporaryDirectory(prefix="revhyper-import-") as folder:
        path = Path(folder) / "upload.csv"
        path.write_bytes(content)
        try:
            return import_workouts(
                uow, path, app, athlete, weight_unit=weight_unit, skip_bad_rows=skip_bad_rows
            )
        except BadRowsError as error:
            raise BadRowsError(Path(shown), error.problems) from None
        except InvalidInputError as error:
            raise InvalidInputError(str(error).replace(str(path), shown)) from None
