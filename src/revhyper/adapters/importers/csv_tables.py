"""CSV reading shared by the importers: delimiter detection, required columns, and every bad row.

A row is never guessed at: a row with fewer or more values than the header (a short row, a
truncated last line, an unclosed quote that swallowed the next values or lines) is reported
as a ``RowProblem`` with its line number and what is wrong, and left out of ``CsvTable.rows``.
The importers then decide: refuse the whole file (the default) or store the good rows and
report the skipped ones (``--skip-bad-rows``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.set_fields import parse_field_number

#: Delimiters seen in workout-app exports (Strong used ``;`` in some versions).
DELIMITERS = (",", ";", "\t")

#: Most bad rows listed one by one in a message; the rest are counted.
MAX_LISTED_PROBLEMS = 50


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row of a file.

    Attributes:
        line: the file line the row starts on (the header is line 1).
        message: what is wrong, naming the column and the value as given.
        exercise: the row's exercise name when the row could be read that far, else "".
    """

    line: int
    message: str
    exercise: str = ""

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def problem_lines(problems: Sequence[RowProblem]) -> list[str]:
    """One indented line per problem (at most ``MAX_LISTED_PROBLEMS``, then a count)."""
    shown = [f"  {problem}" for problem in problems[:MAX_LISTED_PROBLEMS]]
    rest = len(problems) - len(shown)
    if rest > 0:
        shown.append(f"  ... and {rest} more bad row{'s' if rest != 1 else ''}")
    return shown


def describe_problems(problems: Sequence[RowProblem]) -> str:
    """The problems one per line (see :func:`problem_lines`)."""
    return "\n".join(problem_lines(problems))


class BadRowsError(InvalidInputError):
    """A file has bad rows, so nothing of it was stored; ``problems`` lists them in file order."""

    def __init__(self, path: Path, problems: Sequence[RowProblem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        count = len(self.problems)
        self.headline = (
            f"{path}: {count} bad row{'s' if count != 1 else ''}, so nothing was stored "
            "(correct them, or give --skip-bad-rows to store the other rows):"
        )
        super().__init__(f"{self.headline}\n{describe_problems(self.problems)}")

    def message_lines(self) -> tuple[str, ...]:
        """The headline, then one line per bad row."""
        return (self.headline, *problem_lines(self.problems))


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header, its well-formed rows and the problems of the others.

    Attributes:
        path: the file read.
        columns: the header's column names (stripped).
        rows: each well-formed row as a dict keyed by the header, values stripped.
        lines: the file line each row of ``rows`` starts on.
        problems: rows that could not be read as the header says, in file order.
    """

    path: Path
    columns: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    lines: tuple[int, ...] = ()
    problems: tuple[RowProblem, ...] = ()

    def line_of(self, index: int) -> int:
        """The file line row ``index`` (0-based, of ``rows``) starts on."""
        return self.lines[index] if self.lines else index + 2


def _read_text(path: Path) -> str:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return stream.read()
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path} is not a UTF-8 text file") from None


def _detect_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    return max(counts, key=lambda d: counts[d])


def _count_problem(
    values: list[str], columns: tuple[str, ...], last: bool, ends_in_newline: bool
) -> str | None:
    if len(values) == len(columns):
        return None
    if len(values) < len(columns):
        missing = ", ".join(columns[len(values) :])
        if last and not ends_in_newline:
            return (
                f"the row ends after {len(values)} of {len(columns)} values "
                f"(missing {missing}): the file looks cut off"
            )
        return (
            f"{len(values)} values where the header has {len(columns)} "
            f"(missing {missing}): is a value or a delimiter missing?"
        )
    extra = ", ".join(repr(v) for v in values[len(columns) :])
    return (
        f"{len(values)} values where the header has {len(columns)} (extra {extra}): "
        "is a value quoted wrongly?"
    )


def _quote_problem(error: csv.Error) -> str:
    reason = str(error)
    if "end of data" in reason:
        return (
            "the row ends inside a quoted value: the file looks cut off here, or a quote "
            "opened in this row is never closed (everything after it was read as one value)"
        )
    return (
        f"a quote in this row is unbalanced ({reason}): the values after it would shift "
        "into the wrong columns"
    )


def read_csv(path: Path, required: Iterable[str], what: str = "CSV file") -> CsvTable:
    """Read ``path`` (comma, semicolon or tab separated) and check ``required`` columns.

    Rows that do not match the header are reported in ``CsvTable.problems``, not read.

    Raises:
        InvalidInputError: the file is empty, not UTF-8, lacks required columns or repeats a
            column (named).
        OSError: the file cannot be read.
    """
    text = _read_text(path)
    header_line = text.splitlines()[0] if text else ""
    if not header_line.strip():
        raise InvalidInputError(f"{path} is empty: expected a {what} with a header line")
    records = _records(text, _detect_delimiter(header_line))
    header_line_no, _, header = records[0]
    if isinstance(header, str):
        raise InvalidInputError(f"{path} line {header_line_no}: the header {header}")
    columns = tuple(name.strip() for name in header)
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    if repeated:
        raise InvalidInputError(
            f"{path}: column(s) {', '.join(repr(c) for c in repeated)} appear more than once "
            "in the header: each column may appear once"
        )
    missing = [name for name in required if name not in columns]
    if missing:
        found = ", ".join(repr(c) for c in columns) or "none"
        raise InvalidInputError(
            f"{path} is not a {what}: missing column(s) {', '.join(missing)} (found {found})"
        )
    ends_in_newline = text.endswith(("\n", "\r"))
    rows: list[dict[str, str]] = []
    lines: list[int] = []
    problems: list[RowProblem] = []
    body = records[1:]
    for number, (line, end, values) in enumerate(body, start=1):
        if isinstance(values, str):
            problems.append(RowProblem(line, values))
            continue
        problem = _count_problem(values, columns, number == len(body), ends_in_newline)
        if problem is not None:
            if end > line:
                problem += f" (the row runs over lines {line}–{end}: is a quote left open?)"
            problems.append(RowProblem(line, problem))
            continue
        rows.append({c: v.strip() for c, v in zip(columns, values, strict=True)})
        lines.append(line)
    return CsvTable(
        path=path, columns=columns, rows=tuple(rows), lines=tuple(lines), problems=tuple(problems)
    )


def _records(text: str, delimiter: str) -> list[tuple[int, int, list[str] | str]]:
    """Each non-blank record with the lines it starts and ends on: its values, or what is
    wrong with it.

    The reader is strict about quotes, so a quote left open is an error at its own row instead
    of silently merging the following values into one.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, int, list[str] | str]] = []
    consumed = 0
    while True:
        start = consumed + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            records.append((start, reader.line_num, _quote_problem(error)))
            consumed = reader.line_num
            continue
        consumed = reader.line_num
        if values and any(v.strip() for v in values):
            records.append((start, consumed, values))
    return records


def parse_number(text: str, label: str, where: str) -> float | None:
    """A number from a CSV cell (decimal comma accepted); None for an empty cell.

    The domain's one reading of a number field (``set_fields.parse_field_number``): NaN,
    infinities and absurd magnitudes are refused as written.
    """
    return parse_field_number(text, label, where)
