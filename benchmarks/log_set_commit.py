"""How long recording one set takes when each set is its own committed transaction.

Prints, for SQLite (WAL) and, when reachable, PostgreSQL: the median and 95th percentile time
per ``services.training.record_set`` call over N sets, measured in this run. Run:

    .venv/bin/python benchmarks/log_set_commit.py [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import uuid
from datetime import date

from sqlalchemy import create_engine, make_url, text

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import StorageError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SetRecord
from revhyper.services import athletes, training
from revhyper.services.database import dispose_engines, engine_for
from revhyper.settings import Settings


def measure(url: str, count: int) -> list[float]:
    """Seconds per record_set call, one per set [s]."""
    uow = UnitOfWork(engine_for(url))
    athletes.add_athlete(
        uow,
        "bench",
        Profile(level="intermediate", equipment=frozenset({"machine"}), goal="strength"),  # type: ignore[arg-type]
    )
    session = training.start_session(uow, "bench", day=date(2025, 1, 1))
    assert session.id is not None
    record = SetRecord(variation="machine-reverse-hyper", reps=10, load_kg=40, rpe=7)  # type: ignore[arg-type]
    times = []
    for _ in range(count):
        start = time.perf_counter()
        training.record_set(uow, session.id, record)
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label:<11} {len(times)} sets: median {statistics.median(times) * 1e3:.2f} ms, "
        f"p95 {p95 * 1e3:.2f} ms per committed set"
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite", measure(f"sqlite:///{folder}/bench.db", count))
    admin_url = make_url(Settings().postgres_test_url)
    name = f"revhyper_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        print(f"PostgreSQL  skipped: {str(error).splitlines()[0]}")
        return
    try:
        url = admin_url.set(database=name).render_as_string(hide_password=False)
        report("PostgreSQL", measure(url, count))
    except StorageError as error:
        print(f"PostgreSQL  failed: {error}")
    finally:
        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
