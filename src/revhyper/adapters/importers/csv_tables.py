"""CSV reading shared by the importers: delimiter detection and required-column checks."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from revhyper.domain.errors import InvalidInputError

#: Delimiters seen in workout-app exports (Strong used ``;`` in some versions).
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and rows (each row a dict keyed by the header, values stripped)."""

    path: Path
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]

    def line_of(self, index: int) -> int:
        """The file line number of row ``index`` (0-based; the header is line 1)."""
        return index + 2


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path} is not a UTF-8 text file") from None


def _detect_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    return max(counts, key=lambda d: counts[d])


def read_csv(path: Path, required: Iterable[str], what: str = "CSV file") -> CsvTable:
    """Read ``path`` (comma, semicolon or tab separated) and check ``required`` columns.

    Raises:
        InvalidInputError: the file is empty, not UTF-8, or lacks required columns (named).
        OSError: the file cannot be read.
    """
    text = _read_text(path)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InvalidInputError(f"{path} is empty: expected a {what} with a header line")
    delimiter = _detect_delimiter(lines[0])
    reader = csv.DictReader(lines, delimiter=delimiter)
    columns = tuple((name or "").strip() for name in (reader.fieldnames or ()))
    missing = [name for name in required if name not in columns]
    if missing:
        found = ", ".join(repr(c) for c in columns) or "none"
        raise InvalidInputError(
            f"{path} is not a {what}: missing column(s) {', '.join(missing)} (found {found})"
        )
    try:
        rows = tuple(
            {
                (key or "").strip(): (value or "").strip()
                for key, value in row.items()
                if not isinstance(value, list)
            }
            for row in reader
        )
    except csv.Error as error:
        raise InvalidInputError(f"{path} is not a readable CSV file: {error}") from None
    return CsvTable(path=path, columns=columns, rows=rows)


#: Largest magnitude a number cell may have (nothing logged comes near; larger ones would be
#: shown with hundreds of digits once made whole).
MAX_CELL_NUMBER = 1e15


def parse_number(text: str, label: str, where: str) -> float | None:
    """A number from a CSV cell (decimal comma accepted); None for an empty cell."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        number = float(cleaned.replace(",", "."))
    except ValueError:
        raise InvalidInputError(f"{where}: {label} {text!r} is not a number") from None
    if not math.isfinite(number) or abs(number) > MAX_CELL_NUMBER:
        # Quoted as written: 'nan' or '1e400', not nan, inf or a 300-digit integer.
        raise InvalidInputError(
            f"{where}: {label} {text!r} is not allowed: give a finite number between "
            f"{-MAX_CELL_NUMBER:g} and {MAX_CELL_NUMBER:g}"
        )
    return number
