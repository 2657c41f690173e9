"""Readers of the CSV workout exports of the Strong and Hevy apps (one row per set).

Column layouts, as the apps document/export them:

- Strong (current, comma separated): Date, Workout Name, Duration, Exercise Name, Set Order,
  Weight, Reps, Distance, Seconds, Notes, Workout Notes, RPE. Older exports are semicolon
  separated and carry "Weight Unit" and "Distance Unit" columns. Weights without a unit column
  are in the unit the app was set to (``weight_unit``).
- Hevy: title, start_time, end_time, description, exercise_title, superset_id, exercise_notes,
  set_index, set_type, weight_kg (or weight_lbs), reps, distance_km (or distance_miles),
  duration_seconds, rpe.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from revhyper.adapters.importers.csv_tables import RowProblem, read_csv
from revhyper.domain.errors import InvalidInputError

#: One pound [kg] (exact, by international definition of 1959).
from revhyper.domain.units import KG_PER_LB

STRONG_REQUIRED = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps")
#: Letters some Strong versions write in "Set Order" for special sets.
STRONG_SET_KINDS = {"W": "warmup", "D": "dropset", "F": "failure"}
#: The set types a Hevy export writes in "set_type".
HEVY_SET_TYPES = ("normal", "warmup", "dropset", "failure")

HEVY_REQUIRED = ("title", "start_time", "exercise_title", "set_index", "reps")

#: Timestamp layouts seen in exports (Strong uses ISO-like; Hevy "26 Jul 2025, 07:06").
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%b %d, %Y, %I:%M %p",
    "%Y-%m-%d",
)


@dataclass(frozen=True)
class ImportedSet:
    """One set read from an app export (weights converted to kg).

    Attributes:
        reps: repetitions, or None when the cell is empty (the importer decides if that is
            allowed, e.g. for a timed hold).
        kind: the app's set type: "normal", "warmup", "dropset" or "failure".
        line: the file line of the row.
    """

    exercise: str
    order: int
    reps: int | None
    weight_kg: float
    rpe: float | None
    seconds: float | None
    notes: str
    kind: str
    line: int


@dataclass(frozen=True)
class ImportedWorkout:
    """One workout of an app export, its sets in file order."""

    app: str
    started_at: datetime
    name: str
    notes: str
    sets: tuple[ImportedSet, ...]


@dataclass(frozen=True)
class AppExport:
    """What a Strong or Hevy file holds: its workouts, and the rows that could not be read."""

    workouts: list[ImportedWorkout]
    problems: tuple[RowProblem, ...] = ()


def parse_timestamp(text: str, where: str = "") -> datetime:
    """A workout start time in any layout of ``_TIME_FORMATS``."""
    cleaned = " ".join(text.replace("\u202f", " ").split())
    for layout in _TIME_FORMATS:
        try:
            return datetime.strptime(cleaned, layout).replace(tzinfo=None)
        except ValueError:
            continue
    prefix = f"{where}: " if where else ""
    raise InvalidInputError(f"{prefix}date {text!r} is not a date/time this importer reads")


def _number(row: dict[str, str], column: str) -> float | None:
    """The number in ``row[column]`` (decimal comma accepted), None when empty or absent."""
    text = row.get(column, "")
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        raise InvalidInputError(f"{column} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise InvalidInputError(f"{column} {text!r} is not a finite number")
    return value


def _whole(row: dict[str, str], column: str) -> int | None:
    """The whole number in ``row[column]``, None when empty or absent."""
    value = _number(row, column)
    if value is None:
        return None
    if not value.is_integer():
        raise InvalidInputError(f"{column} {row[column]!r} is not a whole number")
    return int(value)


def _group(app: str, items: list[tuple[datetime, str, str, ImportedSet]]) -> list[ImportedWorkout]:
    workouts: dict[tuple[datetime, str], tuple[str, list[ImportedSet]]] = {}
    for started_at, name, notes, imported in items:
        key = (started_at, name)
        if key not in workouts:
            workouts[key] = (notes, [])
        workouts[key][1].append(imported)
    return [
        ImportedWorkout(app=app, started_at=start, name=name, notes=notes, sets=tuple(sets))
        for (start, name), (notes, sets) in sorted(workouts.items(), key=lambda kv: kv[0][0])
    ]


def _strong_unit(row: dict[str, str], default_unit: str) -> float:
    unit = (row.get("Weight Unit") or default_unit).strip().lower()
    if unit in ("kg", "kgs", ""):
        return 1.0
    if unit in ("lb", "lbs"):
        return KG_PER_LB
    raise InvalidInputError(f"Weight Unit {unit!r} is not kg or lbs")


def _strong_set(row: dict[str, str], line: int, weight_unit: str) -> ImportedSet | None:
    order_text = row["Set Order"]
    if not order_text or order_text.lower() == "rest timer":
        return None  # rest-timer and note rows carry no set
    kind = STRONG_SET_KINDS.get(order_text.upper(), "normal")
    factor = _strong_unit(row, weight_unit)
    order = 0 if kind != "normal" else _whole(row, "Set Order")
    return ImportedSet(
        exercise=row["Exercise Name"],
        order=order or 0,
        reps=_whole(row, "Reps"),
        weight_kg=(_number(row, "Weight") or 0.0) * factor,  # exact: shown rounded, never stored so
        rpe=_number(row, "RPE"),
        seconds=_number(row, "Seconds"),
        notes=row.get("Notes", ""),
        kind=kind,
        line=line,
    )


def read_strong(path: Path, weight_unit: str = "kg") -> AppExport:
    """Workouts of a Strong CSV export (comma or semicolon separated), and its bad rows.

    Args:
        weight_unit: "kg" or "lbs", for exports without a "Weight Unit" column.
    """
    table = read_csv(path, STRONG_REQUIRED, "Strong CSV export")
    items: list[tuple[datetime, str, str, ImportedSet]] = []
    problems = list(table.problems)
    for index, row in enumerate(table.rows):
        line = table.line_of(index)
        try:
            imported = _strong_set(row, line, weight_unit)
            if imported is None:
                continue
            started = parse_timestamp(row["Date"])
        except InvalidInputError as error:
            problems.append(RowProblem(line, str(error), row["Exercise Name"]))
            continue
        items.append((started, row["Workout Name"], row.get("Workout Notes", ""), imported))
    return AppExport(_group("strong", items), _in_file_order(problems))


def _hevy_set(row: dict[str, str], line: int, weight_column: str, factor: float) -> ImportedSet:
    kind = (row.get("set_type", "") or "normal").strip().lower()
    if kind not in HEVY_SET_TYPES:
        allowed = ", ".join(HEVY_SET_TYPES)
        raise InvalidInputError(f"set_type {row['set_type']!r} is not one of {allowed}")
    return ImportedSet(
        exercise=row["exercise_title"],
        order=(_whole(row, "set_index") or 0) + 1,
        reps=_whole(row, "reps"),
        weight_kg=(_number(row, weight_column) or 0.0) * factor,  # exact, as for Strong
        rpe=_number(row, "rpe"),
        seconds=_number(row, "duration_seconds"),
        notes=row.get("exercise_notes", ""),
        kind=kind,
        line=line,
    )


def read_hevy(path: Path) -> AppExport:
    """Workouts of a Hevy CSV export (weights in ``weight_kg`` or ``weight_lbs``), and its bad
    rows."""
    table = read_csv(path, HEVY_REQUIRED, "Hevy CSV export")
    if "weight_kg" in table.columns:
        weight_column, factor = "weight_kg", 1.0
    elif "weight_lbs" in table.columns:
        weight_column, factor = "weight_lbs", KG_PER_LB
    else:
        raise InvalidInputError(
            f"{path} is not a Hevy CSV export: missing column(s) weight_kg (or weight_lbs)"
        )
    items: list[tuple[datetime, str, str, ImportedSet]] = []
    problems = list(table.problems)
    for index, row in enumerate(table.rows):
        line = table.line_of(index)
        try:
            imported = _hevy_set(row, line, weight_column, factor)
            started = parse_timestamp(row["start_time"])
        except InvalidInputError as error:
            problems.append(RowProblem(line, str(error), row["exercise_title"]))
            continue
        items.append((started, row["title"], row.get("description", ""), imported))
    return AppExport(_group("hevy", items), _in_file_order(problems))


def _in_file_order(problems: list[RowProblem]) -> tuple[RowProblem, ...]:
    return tuple(sorted(problems, key=lambda p: p.line))
