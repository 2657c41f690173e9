"""Concurrent writers on one athlete's log: real processes, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import ConcurrentWriteError, StorageError
from revhyper.domain.programming.athlete import Profile
from revhyper.services.database import dispose_engines
from revhyper.services.transactions import write_with_retry

WRITER = Path(__file__).with_name("concurrent_log_writer.py")
sys.path.insert(0, str(WRITER.parent))
from concurrent_log_writer import DAY  # noqa: E402

#: Writer processes and sets each: small enough for two busy cores, enough to collide often.
PROCESSES = 3
SETS_EACH = 40


def _run_writers(url: str, tmp_path: Path) -> list[subprocess.CompletedProcess[str]]:
    go = tmp_path / "go"
    readies = [tmp_path / f"ready-{i}" for i in range(PROCESSES)]
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), url, "Alex", str(SETS_EACH), str(ready), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for ready in readies
    ]
    deadline = time.monotonic() + 120
    while not all(r.exists() for r in readies) and time.monotonic() < deadline:
        if any(p.poll() not in (None, 0) for p in procs):
            break
        time.sleep(0.01)
    go.write_text("go")
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


def test_concurrent_processes_logging_one_day_store_every_set_in_one_session(
    uow: UnitOfWork, profile: Profile, db_url: str, tmp_path: Path
) -> None:
    with uow:
        uow.athletes.add("Alex", profile)
        uow.commit()
    dispose_engines()

    results = _run_writers(db_url, tmp_path)

    assert [r.returncode for r in results] == [0] * PROCESSES, [r.stderr[-2000:] for r in results]
    with uow:
        athlete = uow.athletes.get("Alex")
        sessions = uow.sessions.find(athlete.id)
    assert [(s.day, len(s.sets)) for s in sessions] == [(DAY, PROCESSES * SETS_EACH)]
    positions = [s.position for s in sessions[0].sets]
    assert positions == list(range(1, PROCESSES * SETS_EACH + 1))
    # every process's every set is there once: reps 1..SETS_EACH, once per process
    assert Counter(s.reps for s in sessions[0].sets) == dict.fromkeys(
        range(1, SETS_EACH + 1), PROCESSES
    )


def test_a_clashing_write_runs_again_until_it_succeeds(uow: UnitOfWork) -> None:
    calls: list[int] = []
    naps: list[float] = []

    def work() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise ConcurrentWriteError("database is locked")
        return "stored"

    assert write_with_retry(uow, work, attempts=3, sleep=naps.append) == "stored"
    assert len(calls) == 3 and len(naps) == 2


def test_a_write_that_keeps_clashing_gives_up_after_the_bounded_attempts(uow: UnitOfWork) -> None:
    calls: list[int] = []

    def work() -> None:
        calls.append(1)
        raise ConcurrentWriteError("could not serialize access")

    with pytest.raises(ConcurrentWriteError, match="gave up after 4 attempts"):
        write_with_retry(uow, work, attempts=4, sleep=lambda _s: None)
    assert len(calls) == 4


def test_other_storage_errors_are_not_retried(uow: UnitOfWork) -> None:
    calls: list[int] = []

    def work() -> None:
        calls.append(1)
        raise StorageError("disk full")

    with pytest.raises(StorageError, match="disk full"):
        write_with_retry(uow, work, sleep=lambda _s: None)
    assert len(calls) == 1
