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

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from revhyper.adapters.importers.csv_tables import CsvTable, parse_number, read_csv
from revhyper.domain.errors import InvalidInputError

#: One pound [kg] (exact, by international definition of 1959).
from revhyper.domain.units import KG_PER_LB

STRONG_REQUIRED = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps")
#: Letters some Strong versions write in "Set Order" for special sets.
STRONG_SET_KINDS = {"W": "warmup", "D": "dropset", "F": "failure"}

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
    """One set read from an app export (weights converted to kg)."""

    exercise: str
    order: int
    reps: int
    weight_kg: float
    rpe: float | None
    seconds: float | None
    notes: str
    kind: str  # "normal", "warmup", "dropset", "failure"
    line: int


@dataclass(frozen=True)
class ImportedWorkout:
    """One workout of an app export, its sets in file order."""

    app: str
    started_at: datetime
    name: str
    notes: str
    sets: tuple[ImportedSet, ...]


def parse_timestamp(text: str, where: str) -> datetime:
    """A workout start time in any layout of ``_TIME_FORMATS``."""
    cleaned = " ".join(text.replace("\u202f", " ").split())
    for layout in _TIME_FORMATS:
        try:
            return datetime.strptime(cleaned, layout).replace(tzinfo=None)
        except ValueError:
            continue
    raise InvalidInputError(f"{where}: date {text!r} is not a date/time this importer reads")


def _whole(value: float | None, label: str, where: str) -> int:
    if value is None:
        return 0
    if not float(value).is_integer():
        raise InvalidInputError(f"{where}: {label} {value!r} is not a whole number")
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


def _strong_unit(table: CsvTable, row: dict[str, str], default_unit: str) -> float:
    unit = (row.get("Weight Unit") or default_unit).strip().lower()
    if unit in ("kg", "kgs", ""):
        return 1.0
    if unit in ("lb", "lbs"):
        return KG_PER_LB
    raise InvalidInputError(f"{table.path}: weight unit {unit!r} is not kg or lbs")


def read_strong(path: Path, weight_unit: str = "kg") -> list[ImportedWorkout]:
    """Workouts of a Strong CSV export (comma or semicolon separated).

    Args:
        weight_unit: "kg" or "lbs", for exports without a "Weight Unit" column.
    """
    table = read_csv(path, STRONG_REQUIRED, "Strong CSV export")
    items: list[tuple[datetime, str, str, ImportedSet]] = []
    for index, row in enumerate(table.rows):
        where = f"{path.name} line {table.line_of(index)}"
        order_text = row["Set Order"]
        if not order_text or order_text.lower() == "rest timer":
            continue  # rest-timer and note rows carry no set
        kind = STRONG_SET_KINDS.get(order_text.upper(), "normal")
        if kind != "normal":
            order_text = "0"
        factor = _strong_unit(table, row, weight_unit)
        weight = parse_number(row["Weight"], "weight", where) or 0.0
        imported = ImportedSet(
            exercise=row["Exercise Name"],
            order=_whole(parse_number(order_text, "set order", where), "set order", where),
            reps=_whole(parse_number(row["Reps"], "reps", where), "reps", where),
            weight_kg=weight * factor,  # exact: no rounding to grams (shown rounded)
            rpe=parse_number(row.get("RPE", ""), "RPE", where),
            seconds=parse_number(row.get("Seconds", ""), "seconds", where),
            notes=row.get("Notes", ""),
            kind=kind,
            line=table.line_of(index),
        )
        started = parse_timestamp(row["Date"], where)
        items.append((started, row["Workout Name"], row.get("Workout Notes", ""), imported))
    return _group("strong", items)


def read_hevy(path: Path) -> list[ImportedWorkout]:
    """Workouts of a Hevy CSV export (weights in ``weight_kg`` or ``weight_lbs``)."""
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
    for index, row in enumerate(table.rows):
        where = f"{path.name} line {table.line_of(index)}"
        weight = parse_number(row[weight_column], "weight", where) or 0.0
        imported = ImportedSet(
            exercise=row["exercise_title"],
            order=_whole(parse_number(row["set_index"], "set_index", where), "set_index", where)
            + 1,
            reps=_whole(parse_number(row["reps"], "reps", where), "reps", where),
            weight_kg=weight * factor,  # exact: no rounding to grams (shown rounded)
            rpe=parse_number(row.get("rpe", ""), "rpe", where),
            seconds=parse_number(row.get("duration_seconds", ""), "duration_seconds", where),
            notes=row.get("exercise_notes", ""),
            kind=row.get("set_type", "") or "normal",
            line=table.line_of(index),
        )
        started = parse_timestamp(row["start_time"], where)
        items.append((started, row["title"], row.get("description", ""), imported))
    return _group("hevy", items)
