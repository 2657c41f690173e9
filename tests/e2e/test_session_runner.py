"""The guided session runner end to end: sets survive a SIGKILL, and the session resumes."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyte
import pytest
from rich.console import Console
from typer.testing import CliRunner

from revhyper.adapters.plan_json import plan_to_dict
from revhyper.cli.app import app
from revhyper.cli.session import LineReader, Runner
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.programming.planner import generate_plan
from revhyper.domain.training.log import SessionStatus
from revhyper.domain.vocabulary import Equipment, Goal, Level
from revhyper.services.athletes import add_athlete
from revhyper.services.database import dispose_engines, unit_of_work
from revhyper.settings import get_settings

REVHYPER = Path(sys.executable).with_name("revhyper")
POLL_TIMEOUT_S = 60.0


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'runner.db'}"
    monkeypatch.setenv("REVHYPER_DATABASE_URL", url)
    monkeypatch.setenv("REVHYPER_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield url
    dispose_engines()
    get_settings.cache_clear()


def store_athlete_with_plan(url: str, name: str = "alex") -> dict[str, Any]:
    """An intermediate hypertrophy athlete with a machine and a bench, and a stored plan."""
    profile = Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE, Equipment.BENCH}),
        goal=Goal.HYPERTROPHY,
        known_set=KnownSet(40.0, 10, 8.0),
        name=name,
    )
    athlete = add_athlete(unit_of_work(url), name, profile)
    plan = plan_to_dict(generate_plan(profile, 4, 3, start=date.today()))
    uow = unit_of_work(url)
    with uow:
        uow.programs.add(
            athlete_id=athlete.id,
            start_date=date.today(),
            goal=Goal.HYPERTROPHY.value,
            weeks=4,
            days_per_week=3,
            parameters={},
            plan=plan,
        )
        uow.commit()
    return plan


def main_sets_of_first_session(plan: dict[str, Any]) -> int:
    blocks = plan["weeks"][0]["sessions"][0]["blocks"]
    return sum(int(b["sets"]) for b in blocks if b["role"] == "main")


def stored_sets(url: str) -> int:
    uow = unit_of_work(url)
    with uow:
        return uow.sessions.count_sets()


def sessions(url: str) -> list[Any]:
    uow = unit_of_work(url)
    with uow:
        return uow.sessions.in_range()


def runner_process(tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REVHYPER_DATA_DIR": str(tmp_path)}
    return subprocess.Popen(
        [str(REVHYPER), "session", "--athlete", "alex", "--no-wait", "--rest-scale", "0"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def wait_for_sets(url: str, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + POLL_TIMEOUT_S
    while stored_sets(url) < count:
        assert process.poll() is None, "the runner ended before the sets were stored"
        assert time.monotonic() < deadline, f"{count} sets were not stored in time"
        time.sleep(0.05)


def test_killing_the_runner_after_n_sets_keeps_exactly_n_and_the_session_resumes(
    database: str, tmp_path: Path
) -> None:
    plan = store_athlete_with_plan(database)
    total = main_sets_of_first_session(plan)
    entered = 2
    assert total > entered

    process = runner_process(tmp_path)
    assert process.stdin is not None
    process.stdin.write(b"1\n" + b"12 35 7 0\n" * entered)  # pain before, then N sets
    process.stdin.flush()
    try:
        wait_for_sets(database, entered, process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)  # stdin stays open until the kill
    assert process.returncode == -signal.SIGKILL

    assert stored_sets(database) == entered
    (interrupted,) = sessions(database)
    assert interrupted.status is SessionStatus.IN_PROGRESS
    assert interrupted.pain_before == 1
    assert [s.reps for s in interrupted.sets] == [12] * entered

    remaining = total - entered
    lines = b"13 35 7 0\n" * remaining + b"2\n"  # the rest of the sets, then pain after
    resumed = subprocess.run(
        [str(REVHYPER), "session", "--athlete", "alex", "--no-wait"],
        input=lines,
        capture_output=True,
        env={**os.environ, "REVHYPER_DATA_DIR": str(tmp_path)},
        timeout=60,
        check=False,
    )
    output = resumed.stdout.decode()
    assert resumed.returncode == 0, resumed.stderr.decode()
    assert f"{entered} set(s) already stored" in output
    (finished,) = sessions(database)
    assert finished.status is SessionStatus.PERFORMED
    assert len(finished.sets) == total
    assert [s.reps for s in finished.sets] == [12] * entered + [13] * remaining
    assert (finished.pain_before, finished.pain_after) == (1, 2)


def test_a_bad_set_line_is_refused_with_a_message_and_nothing_stored(database: str) -> None:
    store_athlete_with_plan(database)
    result = CliRunner().invoke(app, ["session", "--no-wait"], input="0\n10 5000 7 0\ndone\n\n")
    assert result.exit_code == 0, result.output
    assert "load '5000' kg is not allowed" in result.output
    assert stored_sets(database) == 0
    (ended,) = sessions(database)
    assert ended.status is SessionStatus.PERFORMED


def test_pain_at_the_threshold_warns_and_the_next_session_is_regressed(database: str) -> None:
    store_athlete_with_plan(database)
    result = CliRunner().invoke(app, ["session", "--no-wait"], input="0\n12 35 7 5\ndone\n3\n")
    assert result.exit_code == 0, result.output
    assert "Pain 5/10" in result.output
    assert "[pain-during-set]" in result.output  # the "next time" preview says why
    assert "movement-integrity" in result.output


def test_closing_input_midway_leaves_the_session_resumable(database: str) -> None:
    store_athlete_with_plan(database)
    result = CliRunner().invoke(app, ["session", "--no-wait"], input="0\n12 35 7 0\n")
    assert result.exit_code == 0, result.output
    assert "run `revhyper session` again to resume" in result.output
    (open_session,) = sessions(database)
    assert open_session.status is SessionStatus.IN_PROGRESS
    assert len(open_session.sets) == 1


def test_an_unknown_athlete_exits_4(database: str) -> None:
    store_athlete_with_plan(database)
    result = CliRunner().invoke(app, ["session", "--athlete", "nobody", "--no-wait"], input="")
    assert result.exit_code == 4


def test_a_rest_scale_outside_zero_to_ten_exits_2(database: str) -> None:
    store_athlete_with_plan(database)
    result = CliRunner().invoke(app, ["session", "--rest-scale", "11"], input="")
    assert result.exit_code == 2
    assert "rest scale 11" in result.output


def test_an_athlete_without_a_plan_is_told_how_to_make_one(database: str) -> None:
    profile = Profile(
        level=Level.NOVICE, equipment=frozenset({Equipment.FLOOR}), goal=Goal.ENDURANCE
    )
    add_athlete(unit_of_work(database), "sam", profile)
    result = CliRunner().invoke(app, ["session", "--athlete", "sam", "--no-wait"], input="")
    assert result.exit_code == 4
    assert "no stored plan" in result.output


def _move_todays_session_back(url: str, days: int) -> None:
    from sqlalchemy import update

    from revhyper.adapters.db.models import SessionRow

    uow = unit_of_work(url)
    with uow:
        uow.session.execute(
            update(SessionRow)
            .where(SessionRow.day == date.today())
            .values(day=date.fromordinal(date.today().toordinal() - days))
        )
        uow.commit()


def test_repeated_pain_stops_progression_and_the_runner_says_to_see_a_professional(
    database: str,
) -> None:
    store_athlete_with_plan(database)
    runner = CliRunner()
    for days_ago in (2, 1):  # two painful sessions (the plan's next session starts each time)
        result = runner.invoke(app, ["session", "--no-wait"], input="1\n12 35 7 5\ndone\n2\n")
        assert result.exit_code == 0, result.output
        _move_todays_session_back(database, days_ago)  # one session per day: make room today
    third = runner.invoke(app, ["session", "--no-wait"], input="0\ndone\n0\n")
    assert third.exit_code == 0, third.output
    assert "Safety first" in third.output
    assert "doctor or physiotherapist" in third.output
    assert "[repeated-pain]" in third.output


# --------------------------------------------------------------------------- on a real terminal

SCREEN_COLUMNS, SCREEN_ROWS = 80, 300


class Terminal:
    """The runner on a pseudo-terminal, its output drawn by a VT100 emulator (pyte)."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        size = struct.pack("HHHH", SCREEN_ROWS, SCREEN_COLUMNS, 0, 0)
        fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
        self.process = subprocess.Popen(
            [str(REVHYPER), *args], stdin=slave, stdout=slave, stderr=slave, env=env
        )
        os.close(slave)
        self.master = master
        self.screen = pyte.Screen(SCREEN_COLUMNS, SCREEN_ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.output = b""
        self.searched = 0

    def _read(self, timeout_s: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout_s)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the runner exited and closed the terminal
            return False
        self.output += data
        self.stream.feed(data)
        return bool(data)

    def wait_for(self, text: str) -> None:
        """Read until ``text`` appears after the previous match."""
        deadline = time.monotonic() + POLL_TIMEOUT_S
        while (found := self.output.find(text.encode(), self.searched)) < 0:
            assert time.monotonic() < deadline, f"{text!r} not shown; got {self.output[-500:]!r}"
            assert self._read(0.1), f"the runner ended before showing {text!r}"
        self.searched = found + len(text)

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")  # Enter on a terminal

    def finish(self) -> list[str]:
        """Wait for the runner to end; the lines left on the screen."""
        self.process.wait(timeout=POLL_TIMEOUT_S)
        while self._read(0.1):
            pass
        os.close(self.master)
        return [line.rstrip() for line in self.screen.display]


def test_a_line_typed_during_the_rest_is_shown_once_not_logged_and_no_timer_is_left(
    database: str, tmp_path: Path
) -> None:
    store_athlete_with_plan(database)
    env = {**os.environ, "REVHYPER_DATABASE_URL": database, "TERM": "xterm"}
    terminal = Terminal(["session", "--athlete", "alex", "--rest-scale", "0.1"], env)
    terminal.wait_for("before training")
    terminal.type("0")
    terminal.wait_for("Press Enter when you are warm")
    terminal.type("")
    terminal.wait_for("(reps load RPE pain")
    terminal.type("12 35 7 0")
    terminal.wait_for("s left")  # the rest countdown (45–90 s × 0.1) is running
    terminal.type("13 35 7 0")
    terminal.wait_for("Set 2/2")
    terminal.wait_for("(reps load RPE pain")
    terminal.type("done")
    terminal.wait_for("after training")
    terminal.type("0")
    lines = terminal.finish()

    assert terminal.process.returncode == 0, "\n".join(lines)
    (session,) = sessions(database)
    assert [s.reps for s in session.sets] == [12]  # 13 was typed before set 2 was done
    shown = [line for line in lines if "13 35 7 0" in line]
    assert shown == [
        "  '13 35 7 0' typed during the rest: not logged; log each set after doing it."
    ]
    assert "  rest: skipped" in lines
    assert not [line for line in lines if "s left" in line], "a timer line was left on screen"


def test_done_typed_during_a_rest_ends_the_session_there(database: str) -> None:
    store_athlete_with_plan(database)
    env = {**os.environ, "REVHYPER_DATABASE_URL": database, "TERM": "xterm"}
    terminal = Terminal(["session", "--athlete", "alex", "--rest-scale", "0.1"], env)
    terminal.wait_for("before training")
    terminal.type("0")
    terminal.wait_for("Press Enter when you are warm")
    terminal.type("")
    terminal.wait_for("(reps load RPE pain")
    terminal.type("12 35 7 0")
    terminal.wait_for("s left")
    terminal.type("done")
    terminal.wait_for("after training")
    terminal.type("1")
    lines = terminal.finish()

    assert terminal.process.returncode == 0, "\n".join(lines)
    assert not [line for line in lines if "Set 2/2" in line or "Cool-down" in line]
    (session,) = sessions(database)
    assert session.status is SessionStatus.PERFORMED
    assert ([s.reps for s in session.sets], session.pain_after) == ([12], 1)


# --------------------------------------------------------------------------- a set without a load


def store_plan_for(url: str, name: str, profile: Profile) -> None:
    athlete = add_athlete(unit_of_work(url), name, profile)
    uow = unit_of_work(url)
    with uow:
        uow.programs.add(
            athlete_id=athlete.id,
            start_date=date.today(),
            goal=profile.goal.value,
            weeks=4,
            days_per_week=3,
            parameters={},
            plan=plan_to_dict(generate_plan(profile, 4, 3, start=date.today())),
        )
        uow.commit()


def first_set_load(url: str) -> float:
    (session,) = sessions(url)
    return float(session.sets[0].load_kg)


@pytest.mark.parametrize(("answer", "load_kg"), [("", 35.0), ("bw", 0.0), ("37.5", 37.5)])
def test_reps_alone_on_a_loaded_block_asks_for_the_load_offering_the_prescribed_one(
    database: str, answer: str, load_kg: float
) -> None:
    store_athlete_with_plan(database)  # the machine block prescribes 35 kg
    lines = f"0\n12\n{answer}\ndone\n0\n"
    result = CliRunner().invoke(app, ["session", "--no-wait"], input=lines)
    assert result.exit_code == 0, result.output
    assert "load for this set [kg] (Enter = 35 kg, 'bw' = body weight):" in result.output
    assert first_set_load(database) == load_kg


def test_reps_alone_without_a_prescribed_load_needs_a_load_typed(database: str) -> None:
    profile = Profile(  # no known set: the plan gives the load in words only
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE}),
        goal=Goal.HYPERTROPHY,
    )
    store_plan_for(database, "kim", profile)
    result = CliRunner().invoke(app, ["session", "--no-wait"], input="0\n12\n\n30\ndone\n0\n")
    assert result.exit_code == 0, result.output
    assert "load for this set [kg] ('bw' = body weight):" in result.output
    assert "no load given; type the load in kg (0 to 500), or 'bw' for body weight" in (
        result.output
    )
    assert first_set_load(database) == 30.0


def test_reps_alone_on_a_body_weight_block_is_stored_without_a_question(database: str) -> None:
    profile = Profile(level=Level.NEW, equipment=frozenset({Equipment.FLOOR}), goal=Goal.ENDURANCE)
    store_plan_for(database, "sam", profile)
    result = CliRunner().invoke(app, ["session", "--no-wait"], input="0\n\n12\ndone\n0\n")
    assert result.exit_code == 0, result.output
    assert "load for this set" not in result.output
    assert first_set_load(database) == 0.0


def test_a_full_set_line_is_stored_without_a_load_question(database: str) -> None:
    store_athlete_with_plan(database)
    result = CliRunner().invoke(app, ["session", "--no-wait"], input="0\n12 40\ndone\n0\n")
    assert result.exit_code == 0, result.output
    assert "load for this set" not in result.output
    assert first_set_load(database) == 40.0


# --------------------------------------------------------------------------- off a terminal


def test_a_countdown_written_to_a_pipe_leaves_one_line_and_no_control_codes() -> None:
    read_end, write_end = os.pipe()
    try:
        out = io.StringIO()
        console = Console(file=out, force_terminal=False, width=80)
        runner = Runner(console, LineReader(read_end), wait=True, out=out, get_ready_s=0)
        assert runner.countdown(1, "rest") is None
    finally:
        os.close(read_end)
        os.close(write_end)
    assert out.getvalue() == "  rest: done\a\n"
