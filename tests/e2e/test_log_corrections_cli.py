"""Correcting the log from the command line: ids from history, exit codes, confirmation."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from revhyper.cli.app import app
from revhyper.services import history
from revhyper.services.database import unit_of_work

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    """Exit code and output (stdout and stderr) with whitespace runs made single spaces."""
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, " ".join(result.output.split())


def _alex_with_sets(*reps: int) -> None:
    code, output = run(
        "athlete", "add", "Alex", "--goal", "hypertrophy", "--level", "new", "--equipment", "floor"
    )
    assert code == 0, output
    for count in reps:
        code, output = run(
            "log",
            "set",
            "--athlete",
            "Alex",
            "--variation",
            "floor-reverse-hyper",
            "--reps",
            str(count),
            "--date",
            "2026-11-20",
        )
        assert code == 0, output


def _set_ids() -> list[int]:
    return [s.record.id for s in history.sets_for(unit_of_work()) if s.record.id is not None]


def test_history_shows_the_set_ids_that_edit_takes() -> None:
    _alex_with_sets(10, 11)
    first, second = _set_ids()
    code, output = run("history", "--athlete", "Alex")
    assert code == 0 and "Id" in output
    assert f"{second} 2026-11-20 1.2 floor-reverse-hyper 11" in output
    code, output = run("log", "edit", str(first), "--reps", "9", "--rpe", "8")
    assert code == 0 and f"Edited set {first} of Alex on 2026-11-20" in output
    assert "9 reps" in output and "RPE 8" in output
    assert [s.record.reps for s in history.sets_for(unit_of_work())] == [9, 11]


def test_bad_ids_exit_4_and_bad_values_exit_2_with_nothing_changed() -> None:
    _alex_with_sets(10)
    [only] = _set_ids()
    for args in (
        ("log", "edit", "999", "--reps", "5"),
        ("log", "edit", "abc", "--reps", "5"),
        ("log", "delete", "999"),
        ("log", "delete-session", "77"),
        ("log", "undo", "Nobody"),
        ("athlete", "rename", "Nobody", "Bo"),
        ("athlete", "delete", "Nobody", "--yes"),
    ):
        code, output = run(*args)
        assert code == 4, (args, output)
        assert "error:" in output and "Traceback" not in output
    for args, message in (
        (("log", "edit", str(only), "--reps", "101"), "reps 101 is out of range"),
        (("log", "edit", str(only), "--rpe", "11"), "RPE 11 is out of range"),
        (("log", "edit", str(only)), "nothing to change"),
        (("athlete", "rename", "Alex", ""), "athlete name is empty"),
    ):
        code, output = run(*args)
        assert code == 2 and message in output, (args, output)
    assert [s.record.reps for s in history.sets_for(unit_of_work())] == [10]


def test_delete_undo_and_delete_session() -> None:
    _alex_with_sets(10, 11, 12, 13)
    ids = _set_ids()
    code, output = run("log", "delete", str(ids[0]))
    assert code == 0 and f"Deleted set {ids[0]} of Alex" in output
    code, output = run("log", "undo", "Alex")
    assert code == 0 and f"Undid set {ids[3]} of Alex" in output and "13 reps" in output
    assert [(s.record.position, s.record.reps) for s in history.sets_for(unit_of_work())] == [
        (1, 11),
        (2, 12),
    ]
    session_id = history.sets_for(unit_of_work())[0].session_id
    code, output = run("log", "delete-session", str(session_id))
    assert code == 0 and f"Deleted session {session_id} of 2026-11-20 with 2 sets" in output
    assert _set_ids() == []


def test_athlete_rename_then_delete_after_typing_the_name(tmp_path: Path) -> None:
    _alex_with_sets(10)
    code, output = run("athlete", "rename", "Alex", "Alexandra")
    assert code == 0 and "Renamed Alex to Alexandra" in output
    code, output = run("athlete", "delete", "Alexandra", input="Alex\n")
    assert code == 2 and "nothing was deleted" in output
    assert "--export FILE writes a complete backup first" in output
    assert len(_set_ids()) == 1
    backup = tmp_path / "alexandra.json"
    code, output = run(
        "athlete", "delete", "Alexandra", "--export", str(backup), input="Alexandra\n"
    )
    assert code == 0 and "Deleted Alexandra: 0 programs, 1 session, 1 set" in output
    document = json.loads(backup.read_text())
    assert [a["name"] for a in document["athletes"]] == ["Alexandra"]
    assert _set_ids() == []
    code, output = run("import", str(backup))
    assert code == 0, output
    assert len(_set_ids()) == 1


def test_athlete_delete_with_yes_does_not_ask() -> None:
    _alex_with_sets(10)
    code, output = run("athlete", "delete", "Alex", "--yes")
    assert code == 0 and "Deleted Alex" in output and "Type the name" not in output
    code, output = run("athlete", "list")
    assert "Alex" not in output


def test_a_name_two_accounts_share_is_refused_with_the_ids_then_renamed_by_id() -> None:
    from revhyper.domain.programming.athlete import Profile
    from revhyper.services import accounts
    from revhyper.services.athletes import add_athlete

    profile = Profile(level="new", equipment=frozenset({"floor"}), goal="hypertrophy")
    owners = [
        accounts.add_user(unit_of_work(), name, "athlete", "correct horse battery")
        for name in ("alex.one", "alex.two")
    ]
    ids = [add_athlete(unit_of_work(), "Alex", profile, owner_id=o.id).id for o in owners]

    code, output = run("athlete", "show", "Alex")
    assert code == 2
    assert f"#{ids[0]}, #{ids[1]}" in output
    assert f"revhyper athlete rename '#{ids[1]}' NEW_NAME" in output

    code, output = run("athlete", "rename", f"#{ids[1]}", "Alex Two")
    assert (code, output) == (0, f"Renamed #{ids[1]} to Alex Two.")
    code, output = run("athlete", "show", "Alex")
    assert code == 0, output
    with unit_of_work() as uow:
        assert uow.athletes.get_by_id(ids[0]).name == "Alex"
        assert uow.athletes.get_by_id(ids[1]).name == "Alex Two"


def test_deleting_an_athlete_deletes_the_annotated_videos_of_their_analyses() -> None:
    from revhyper.adapters.db.repositories import utc_now
    from revhyper.services.jobs import annotated_video_path
    from revhyper.settings import get_settings

    _alex_with_sets(10)
    uow = unit_of_work()
    with uow:
        athlete = uow.athletes.get("Alex")
        job = uow.jobs.add(athlete.id, None, "video", "set.mp4", "gone", utc_now())
        uow.commit()
    video = annotated_video_path(get_settings(), job.id)
    video.parent.mkdir(parents=True, exist_ok=True)
    video.write_bytes(b"annotated")
    code, output = run("athlete", "delete", "Alex", "--yes")
    assert code == 0, output
    assert not video.exists()
