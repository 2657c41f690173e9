"""Processes that migrate one fresh database at the same moment take turns and all succeed
(a server starting while ``revhyper user add`` runs migrates the same new file)."""

from __future__ import annotations

import os
import subprocess
import sys

from revhyper.adapters.db import UnitOfWork, current_revision, head_revision, open_engine

#: How many processes migrate at once.
PROCESSES = 4

_MIGRATE = """
import sys
from revhyper.adapters.db import ensure_current, open_engine
engine = open_engine(sys.argv[1])
sys.stdin.readline()  # all start migrating together
ensure_current(engine)
print("migrated")
"""


def test_processes_migrating_one_new_database_at_once_all_succeed(db_url: str) -> None:
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _MIGRATE, db_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for _ in range(PROCESSES)
    ]
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outcomes = [worker.communicate(timeout=120) for worker in workers]
    for worker, (out, err) in zip(workers, outcomes, strict=True):
        assert worker.returncode == 0, err
        assert out.strip() == "migrated"
    engine = open_engine(db_url)
    try:
        assert current_revision(engine) == head_revision()
        with UnitOfWork(engine) as uow:
            assert uow.users.all() == []
    finally:
        engine.dispose()
