"""Every bad row of a CSV file is reported with its line and what is wrong, never guessed at."""

from __future__ import annotations

from pathlib import Path

import pytest

from revhyper.adapters.importers.csv_tables import (
    MAX_LISTED_PROBLEMS,
    BadRowsError,
    RowProblem,
    read_csv,
)
from revhyper.adapters.importers.workout_apps import read_hevy, read_strong
from revhyper.domain.errors import InvalidInputError

DATA = Path(__file__).resolve().parents[1] / "data"


def _sets(path: Path) -> list[tuple[int, int | None, float, float | None, str]]:
    export = read_strong(path)
    return [(s.line, s.reps, s.weight_kg, s.rpe, s.notes) for w in export.workouts for s in w.sets]


def test_a_short_row_is_reported_with_its_line_instead_of_becoming_load_0() -> None:
    export = read_strong(DATA / "strong_short_row.csv")
    assert [str(p) for p in export.problems] == [
        "line 3: 11 values where the header has 12 (missing RPE): "
        "is a value or a delimiter missing?"
    ]
    assert [line for line, *_ in _sets(DATA / "strong_short_row.csv")] == [2, 4]


def test_an_unclosed_quote_is_reported_instead_of_moving_rpe_into_notes() -> None:
    export = read_strong(DATA / "strong_unclosed_quote.csv")
    assert [p.line for p in export.problems] == [3]
    assert "quote in this row is unbalanced" in export.problems[0].message
    assert _sets(DATA / "strong_unclosed_quote.csv") == [
        (2, 12, 20.0, 7.0, ""),
        (4, 10, 22.5, 8.0, ""),
    ]


def test_a_last_row_cut_off_inside_a_quote_is_reported_not_dropped() -> None:
    export = read_strong(DATA / "strong_truncated.csv")
    assert [p.line for p in export.problems] == [4]
    assert "the file looks cut off" in export.problems[0].message
    assert [line for line, *_ in _sets(DATA / "strong_truncated.csv")] == [2, 3]


def test_a_last_row_cut_off_between_values_is_reported_as_cut_off(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text("a,b,c\n1,2,3\n4,5")
    table = read_csv(path, ("a",))
    assert table.problems == (
        RowProblem(3, "the row ends after 2 of 3 values (missing c): the file looks cut off"),
    )
    path.write_text("a,b,c\n1,2,3\n4,5,6")  # no final newline, but complete: a good row
    assert read_csv(path, ("a",)).problems == ()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("1,2,3\n", []),
        ("1,2\n", ["line 2: 2 values where the header has 3 (missing c)"]),
        ("1,2,3,4\n", ["line 2: 4 values where the header has 3 (extra '4')"]),
        ('1,"two\nlines",3\n4,5,6\n', []),
        ('1,"2,3\n4,5,6\n7,8,9"\n', ["line 2: 2 values where the header has 3 (missing c)"]),
    ],
    ids=["good", "one short", "one long", "quoted note over two lines", "quote left open"],
)
def test_rows_are_checked_against_the_header(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("a,b,c\n" + body)
    problems = [str(p) for p in read_csv(path, ("a",)).problems]
    assert len(problems) == len(expected), problems
    assert all(p.startswith(e) for p, e in zip(problems, expected, strict=True)), problems


def test_a_quote_left_open_over_several_lines_names_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text('a,b,c\n1,"2,3\n4,5,6\n7,8,9"\n10,11,12\n')
    table = read_csv(path, ("a",))
    assert [p.line for p in table.problems] == [2]
    assert "runs over lines 2–4: is a quote left open?" in table.problems[0].message
    assert table.rows == ({"a": "10", "b": "11", "c": "12"},) and table.lines == (5,)


def test_rows_keep_their_file_lines_past_blank_lines_and_multi_line_notes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "lines.csv"
    path.write_text('a,b\n1,"x\ny"\n\n2,z\n')
    table = read_csv(path, ("a",))
    assert table.lines == (2, 5) and table.rows[0]["b"] == "x\ny"


def test_a_column_repeated_in_the_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("reps,load_kg,reps\n10,20,12\n")
    with pytest.raises(InvalidInputError, match="column\\(s\\) 'reps' appear more than once"):
        read_csv(path, ("reps",))


def test_an_unknown_hevy_set_type_is_a_bad_row(tmp_path: Path) -> None:
    text = (DATA / "hevy_export.csv").read_text().replace('"warmup"', '"warm"')
    path = tmp_path / "hevy.csv"
    path.write_text(text)
    problems = read_hevy(path).problems
    assert [str(p) for p in problems] == [
        "line 3: set_type 'warm' is not one of normal, warmup, dropset, failure"
    ]
    assert problems[0].exercise == "Reverse Hyperextension"


def test_an_empty_reps_cell_is_read_as_unknown_not_as_0() -> None:
    sets = read_hevy(DATA / "hevy_missing_reps.csv").workouts[0].sets
    assert [s.reps for s in sets] == [12, None, None]


def test_the_bad_rows_message_lists_each_row_up_to_a_limit(tmp_path: Path) -> None:
    few = [RowProblem(3, "x"), RowProblem(7, "y")]
    message = str(BadRowsError(tmp_path / "f.csv", few))
    assert "2 bad rows, so nothing was stored" in message
    assert "\n  line 3: x\n  line 7: y" in message and "--skip-bad-rows" in message
    many = [RowProblem(n, "bad") for n in range(2, MAX_LISTED_PROBLEMS + 4)]
    message = str(BadRowsError(tmp_path / "f.csv", many))
    assert message.count("  line ") == MAX_LISTED_PROBLEMS
    assert message.endswith("... and 2 more bad rows")
