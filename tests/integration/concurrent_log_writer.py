"""A writer process for the concurrency tests: logs N sets for one athlete through the service.

Usage: ``python concurrent_log_writer.py DB_URL ATHLETE SETS READY_FILE GO_FILE``. It opens the
database, writes READY_FILE, waits for GO_FILE (so all writers start together), then logs SETS
sets of ``reps = 1..SETS`` on one day, and exits 0 when every call returned a stored set.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from revhyper.domain.training.log import SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services.database import dispose_engines, unit_of_work
from revhyper.services.training import log_set

#: The day every writer logs on (fixed, so the test can check one session of that day).
DAY = date(2026, 11, 20)


def main(url: str, athlete: str, count: int, ready: Path, go: Path) -> int:
    unit_of_work(url)  # connect (and migrate) before the start signal
    ready.write_text("ready")
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            return 3
        time.sleep(0.005)
    for reps in range(1, count + 1):
        record = SetRecord(variation=VariationId.MACHINE_REVERSE_HYPER, reps=reps, load_kg=20.0)
        log_set(unit_of_work(url), athlete, record, day=DAY)
    dispose_engines()
    return 0


if __name__ == "__main__":
    db_url, name, sets, ready_file, go_file = sys.argv[1:6]
    sys.exit(main(db_url, name, int(sets), Path(ready_file), Path(go_file)))
