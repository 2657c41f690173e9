"""The sets CSV: one row per stored set (export), and the sets file of ``revhyper log session``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from revhyper.adapters.importers.csv_tables import CsvTable, RowProblem, read_csv
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import LoggedSet, SetRecord
from revhyper.domain.training.set_fields import SET_KEYS, set_from_fields
from revhyper.domain.units import MassUnit

#: Columns of the exported sets CSV, in order.
EXPORT_COLUMNS = (
    "athlete",
    "date",
    "session_id",
    "set",
    "variation",
    "reps",
    "load_kg",
    "band",
    "rpe",
    "rir",
    "tempo",
    "hold_s",
    "pain",
    "notes",
    "analysis_id",
    "faults",
    "kind",
    "side",
)

#: Columns a ``log session --file`` sets file may have; only ``reps`` is required.
SESSION_FILE_REQUIRED = ("reps",)
SESSION_FILE_OPTIONAL = (
    "variation",
    "load_kg",
    "band",
    "rpe",
    "rir",
    "tempo",
    "hold_s",
    "pain",
    "notes",
    "kind",
    "side",
)


@dataclass(frozen=True)
class SessionFileSets:
    """The sets read from a sets file, and its bad rows (line and what is wrong), in order."""

    sets: list[SetRecord]
    problems: tuple[RowProblem, ...] = ()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sets_to_csv(sets: Iterable[LoggedSet]) -> str:
    """CSV text (header + one row per set) of ``sets``."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for logged in sets:
        r = logged.record
        writer.writerow(
            [
                logged.athlete_name,
                logged.day.isoformat(),
                logged.session_id,
                r.position,
                r.variation.value,
                r.reps,
                _cell(r.load_kg),
                _cell(r.band),
                _cell(r.rpe),
                _cell(r.rir),
                _cell(r.tempo),
                _cell(r.hold_s),
                _cell(r.pain),
                r.notes,
                _cell(r.analysis_id),
                " ".join(r.faults),
                r.kind.value,
                r.side.value if r.side else "",
            ]
        )
    return stream.getvalue()


def read_session_file(path: Path) -> CsvTable:
    """The rows of a sets file for ``log session --file`` (``reps`` column required)."""
    return read_csv(path, SESSION_FILE_REQUIRED, "sets CSV file (columns: reps, variation, ...)")


def read_session_sets(
    path: Path, default_variation: str | None, unit: MassUnit = MassUnit.KG
) -> SessionFileSets:
    """The sets of a ``log session --file`` CSV, and the rows that are not sets.

    The file has a ``reps`` column, plus any of ``SESSION_FILE_OPTIONAL`` or the field names of
    ``domain.set_fields.SET_KEYS``; each row is read by the domain's one set-field parser. A
    row that cannot be read is kept as a ``RowProblem`` (its line and what is wrong), so the
    caller can refuse the file or skip those rows. An unknown column, or two columns giving the
    same field, refuse the whole file. Loads are read in ``unit`` unless a cell names its own.
    """
    table = read_session_file(path)
    allowed = {*SESSION_FILE_REQUIRED, *SESSION_FILE_OPTIONAL, *SET_KEYS}
    unknown = [c for c in table.columns if c.lower() not in allowed]
    if unknown:
        raise InvalidInputError(
            f"{path}: unknown column(s) {', '.join(unknown)}: allowed {', '.join(sorted(allowed))}"
        )
    by_field: dict[str, list[str]] = {}
    for column in table.columns:
        by_field.setdefault(SET_KEYS.get(column.lower(), column.lower()), []).append(column)
    twice = [names for names in by_field.values() if len(names) > 1]
    if twice:
        named = "; ".join(" and ".join(repr(n) for n in names) for names in twice)
        raise InvalidInputError(f"{path}: columns {named} give the same field: keep one")
    sets: list[SetRecord] = []
    problems = list(table.problems)
    for index, row in enumerate(table.rows):
        try:
            sets.append(set_from_fields(row, default_variation, "", unit))
        except InvalidInputError as error:
            problems.append(RowProblem(table.line_of(index), str(error)))
    return SessionFileSets(sets, tuple(sorted(problems, key=lambda p: p.line)))
