"""`import` and `log session --file|--set` name every bad row, store nothing unless asked to
skip them, and keep warm-ups apart from working sets."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from revhyper.cli.app import app
from revhyper.services import history
from revhyper.services.database import unit_of_work

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    """Exit code and output (stdout and stderr) with whitespace runs made single spaces."""
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


def add_alex() -> None:
    code, output = run(
        "athlete", "add", "Alex", "--goal", "hypertrophy", "--level", "intermediate",
        "--equipment", "machine", "--body-mass", "82",
    )  # fmt: skip
    assert code == 0, output


def stored() -> list[tuple[int, float, str]]:
    return [
        (s.record.reps, s.record.load_kg, s.record.kind.value)
        for s in history.sets_for(unit_of_work())
    ]


def test_a_field_given_twice_in_a_set_is_refused_not_resolved() -> None:
    add_alex()
    code, output = run(
        "log", "session", "--athlete", "Alex", "--variation", "machine-reverse-hyper",
        "--set", "reps=10,load=20", "--set", "reps=10,reps=12",
    )  # fmt: skip
    assert code == 2
    assert "--set 2: reps is given twice (reps=10 and reps=12): give each field once" in output
    code, output = run(
        "log", "session", "--athlete", "Alex", "--variation", "machine-reverse-hyper",
        "--set", "reps=10,load=20,load_kg=25",
    )  # fmt: skip
    assert code == 2 and "load_kg is given twice (load=20 and load_kg=25)" in output
    assert stored() == []


def test_a_sets_file_with_a_short_row_stores_nothing_and_names_the_row() -> None:
    add_alex()
    path = DATA / "sets_short_row.csv"
    code, output = run("log", "session", "--athlete", "Alex", "--file", str(path))
    assert code == 2
    assert "1 bad row, so nothing was stored" in output
    assert "line 3: 2 values where the header has 4 (missing load_kg, rpe)" in output
    assert stored() == []


def test_skip_bad_rows_stores_the_other_rows_of_a_sets_file_and_lists_the_skipped() -> None:
    add_alex()
    path = DATA / "sets_short_row.csv"
    code, output = run(
        "log", "session", "--athlete", "Alex", "--file", str(path), "--skip-bad-rows"
    )
    assert code == 0, output
    assert "2 sets, volume load 465 kg" in output
    assert f"Skipped 1 bad row of {path}: line 3: 2 values" in output
    assert stored() == [(12, 20.0, "working"), (10, 22.5, "working")]


def test_a_sets_file_naming_one_field_twice_is_refused() -> None:
    add_alex()
    code, output = run(
        "log", "session", "--athlete", "Alex", "--file", str(DATA / "sets_repeated_column.csv")
    )
    assert code == 2 and "'reps' appear more than once in the header" in output
    assert stored() == []


def test_a_sets_file_can_mark_warm_ups(tmp_path: Path) -> None:
    add_alex()
    path = tmp_path / "sets.csv"
    path.write_text("variation,reps,load_kg,kind\nmachine-reverse-hyper,15,10,warmup\n"
                    "machine-reverse-hyper,10,20,\n")  # fmt: skip
    code, output = run("log", "session", "--athlete", "Alex", "--file", str(path))
    assert code == 0 and "2 sets, volume load 200 kg" in output
    assert stored() == [(15, 10.0, "warmup"), (10, 20.0, "working")]


def test_log_set_warmup_is_stored_as_a_warm_up() -> None:
    add_alex()
    code, output = run(
        "log", "set", "--athlete", "Alex", "--variation", "machine-reverse-hyper",
        "--reps", "15", "--load", "10", "--warmup",
    )  # fmt: skip
    assert code == 0 and "warm-up: machine-reverse-hyper 15 reps @ 10 kg" in output
    assert stored() == [(15, 10.0, "warmup")]


def test_import_of_a_file_with_an_unclosed_quote_stores_nothing() -> None:
    add_alex()
    path = DATA / "strong_unclosed_quote.csv"
    code, output = run("import", str(path), "--athlete", "Alex")
    assert code == 2 and "line 3: a quote in this row is unbalanced" in output
    assert "--skip-bad-rows" in output
    assert stored() == []
    code, output = run("import", str(path), "--athlete", "Alex", "--skip-bad-rows")
    assert code == 0 and "Imported 2 reverse-hyper sets in 1 session" in output
    assert f"Skipped 1 bad row of {path}: line 3:" in output
    assert stored() == [(12, 20.0, "working"), (10, 22.5, "working")]


def test_import_of_hevy_says_how_many_sets_are_warm_ups() -> None:
    add_alex()
    code, output = run("import", str(DATA / "hevy_export.csv"), "--athlete", "Alex")
    assert code == 0 and "counted in no volume, record or e1RM): 1." in output
    assert [kind for *_, kind in stored()] == ["warmup", "working", "working", "working"]
    code, output = run("history", "--athlete", "Alex")
    assert code == 0 and output.count("warm-up") == 1


def test_exported_sets_csv_carries_the_kind() -> None:
    add_alex()
    run("import", str(DATA / "hevy_export.csv"), "--athlete", "Alex")
    code, output = run("export", "--format", "csv")
    assert code == 0
    assert output.split()[0].endswith(",faults,kind,side")


def test_every_bad_row_of_a_sets_file_is_listed_with_what_is_wrong(tmp_path: Path) -> None:
    add_alex()
    path = tmp_path / "sets.csv"
    path.write_text(
        "variation,reps,load_kg,rpe,kind\n"
        "machine-reverse-hyper,12,20,7,\n"
        "machine-reverse-hyper,12,twenty,7,\n"
        "machine-reverse-hyper,,20,7,\n"
        "machine-reverse-hyper,12,20,7,warm\n"
    )
    code, output = run("log", "session", "--athlete", "Alex", "--file", str(path))
    assert code == 2 and "3 bad rows, so nothing was stored" in output
    assert "line 3: load 'twenty' is not a number" in output
    assert "line 4: reps missing: give reps=N" in output
    assert "line 5: unknown set kind 'warm': allowed working, warmup" in output
    assert stored() == []


def test_bad_rows_are_listed_one_per_line_and_a_line_break_in_a_value_stays_escaped(
    tmp_path: Path,
) -> None:
    add_alex()
    path = tmp_path / "sets.csv"
    path.write_text(
        "variation,reps,load_kg,rpe,kind\n"
        "machine-reverse-hyper,12,twenty,7,\n"
        '"machine\nreverse",12,20,7,\n'
    )
    result = runner.invoke(app, ["log", "session", "--athlete", "Alex", "--file", str(path)])
    assert result.exit_code == 2
    lines = [line.strip() for line in result.output.splitlines()]
    assert any(line.startswith("line 2: load 'twenty' is not a number") for line in lines)
    shown_value = next(line for line in lines if "machine\\nreverse" in line)
    assert shown_value.startswith("line 3: unknown variation"), lines
    assert "\\n  line" not in result.output  # the rows' own breaks are real line breaks
    assert stored() == []
