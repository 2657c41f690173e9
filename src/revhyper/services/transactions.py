"""Write transactions that survive concurrent writers: a bounded retry around a unit of work.

Every service that changes the training log runs its work through ``write_with_retry``: the
work opens nothing itself, it is called inside ``with uow.writing():`` and commits. When the
database reports a clash with another writer (``ConcurrentWriteError``: SQLite busy after its
busy timeout, a PostgreSQL serialization failure or deadlock, or a uniqueness clash such as two
writers creating the same day's session), everything is rolled back and the work runs again on
fresh data, up to ``WRITE_ATTEMPTS`` times with a short random back-off.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import ConcurrentWriteError

T = TypeVar("T")

#: How many times a write transaction is tried before the clash is reported.
WRITE_ATTEMPTS = 8
#: First back-off before running a clashing transaction again [s]; doubles each attempt.
FIRST_BACKOFF_S = 0.02
#: Longest back-off between two attempts [s].
MAX_BACKOFF_S = 0.5


def write_with_retry(
    uow: UnitOfWork,
    work: Callable[[], T],
    *,
    attempts: int = WRITE_ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``work`` (which commits) in a write transaction of ``uow``, again on a clash.

    Raises:
        ConcurrentWriteError: the transaction still clashed after ``attempts`` tries (the
            message says so); other errors propagate at once, with nothing stored.
    """
    for attempt in range(1, attempts + 1):
        try:
            with uow.writing():
                return work()
        except ConcurrentWriteError as error:
            if attempt == attempts:
                raise ConcurrentWriteError(
                    f"{error} (other writers kept changing the same data; gave up after "
                    f"{attempts} attempts, nothing was stored: try again)"
                ) from None
            backoff = min(MAX_BACKOFF_S, FIRST_BACKOFF_S * 2 ** (attempt - 1))
            sleep(backoff * (0.5 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover
