"""The sets CSV: one row per stored set (export), and the sets file of ``revhyper log session``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from revhyper.adapters.importers.csv_tables import CsvTable, read_csv
from revhyper.domain.training_log import LoggedSet

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
    "side",
)


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
                r.side.value if r.side else "",
            ]
        )
    return stream.getvalue()


def read_session_file(path: Path) -> CsvTable:
    """The rows of a sets file for ``log session --file`` (``reps`` column required)."""
    return read_csv(path, SESSION_FILE_REQUIRED, "sets CSV file (columns: reps, variation, ...)")
