"""The job queue's storage: a Huey instance on a SQLite file (default) or on Redis (by URL).

``open_queue(settings)`` gives the same kind of object either way, so task code does not know
where its messages live: ``Settings.queue_url`` ``None`` means ``SqliteHuey`` on
``data_dir/queue.db`` (no server needed), ``redis://`` / ``rediss://`` / ``unix://`` means
``RedisHuey``. Messages persist in that storage, so queued work survives a restart.

Messages are JSON, not pickle: whoever can write to the queue storage (a Redis on the network)
must not be able to run code in the workers by planting a crafted message.

Consumers: ``start_consumer_threads`` runs one inside the current process (no signal handlers:
the server keeps its own) and returns its stop function; ``run_consumer`` blocks (the
``revhyper worker`` command) and stops on SIGINT/SIGTERM as Huey's consumer does.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from huey import RedisHuey, SqliteHuey
from huey.api import Huey
from huey.consumer import Consumer
from huey.registry import Message
from huey.serializer import Serializer

from revhyper.domain.errors import InvalidInputError, StorageError
from revhyper.settings import Settings

LOG = logging.getLogger("revhyper.queue")

#: File name of the embedded queue inside ``Settings.data_dir``.
SQLITE_QUEUE_FILE = "queue.db"
#: URL schemes of the Redis storage.
REDIS_SCHEMES = ("redis", "rediss", "unix")
#: Polling of an idle SQLite queue: first wait and longest wait between looks [s].
FIRST_POLL_S = 0.1
LONGEST_POLL_S = 1.0
#: How long a stopping in-process consumer waits for running tasks before giving up [s].
STOP_WAIT_S = 10.0
_DATETIME_TAG = "$datetime"
_MESSAGE_TAG = "$message"


class JsonSerializer(Serializer):  # type: ignore[misc]
    """Huey messages and stored values as JSON (task arguments must be JSON values)."""

    def _serialize(self, data: Any) -> bytes:
        return json.dumps(_tagged(data), separators=(",", ":")).encode()

    def _deserialize(self, data: bytes) -> Any:
        return json.loads(data, object_hook=_untagged)


def _tagged(value: Any) -> Any:
    if isinstance(value, Message):
        return {_MESSAGE_TAG: [_tagged(part) for part in value]}
    if isinstance(value, datetime):
        return {_DATETIME_TAG: value.isoformat()}
    if isinstance(value, list | tuple):
        return [_tagged(part) for part in value]
    if isinstance(value, dict):
        return {str(key): _tagged(part) for key, part in value.items()}
    return value


def _untagged(document: dict[str, Any]) -> Any:
    if set(document) == {_MESSAGE_TAG}:
        return Message(*document[_MESSAGE_TAG])
    if set(document) == {_DATETIME_TAG}:
        return datetime.fromisoformat(document[_DATETIME_TAG])
    return document


def masked_queue_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (for messages and logs)."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        host = parts.netloc.rsplit("@", 1)[1]
        user = parts.username or ""
        return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))
    except ValueError:
        return "<an unparseable URL>"


def describe_queue(settings: Settings) -> str:
    """Where the queue lives, for people (password masked)."""
    if settings.queue_url is None:
        return f"SQLite queue {settings.data_dir / SQLITE_QUEUE_FILE}"
    return f"Redis queue {settings.queue_name!r} at {masked_queue_url(settings.queue_url)}"


def open_queue(settings: Settings) -> Huey:
    """The Huey instance of the configured queue storage (no results kept: jobs live in the
    database).

    Raises:
        InvalidInputError: ``queue_url`` is not a Redis URL.
        StorageError: the SQLite queue file cannot be created.
    """
    if settings.queue_url is None:
        return _sqlite_queue(settings.queue_name, settings.data_dir / SQLITE_QUEUE_FILE)
    return _redis_queue(settings.queue_name, settings.queue_url)


def _sqlite_queue(name: str, path: Path) -> Huey:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(path), results=False, serializer=JsonSerializer())
    except Exception as error:  # sqlite3 and OS errors alike
        raise StorageError(f"cannot use the queue file {path}: {error}") from None


def _redis_queue(name: str, url: str) -> Huey:
    shown = masked_queue_url(url)
    allowed = "redis://HOST:PORT/DB, rediss://… or unix://PATH (or unset for the SQLite queue)"
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        _ = parts.port  # raises on a port that is not a number
    except ValueError:
        scheme = ""
    if scheme not in REDIS_SCHEMES:
        raise InvalidInputError(f"REVHYPER_QUEUE_URL={shown!r} is not a Redis URL: use {allowed}")
    database = parts.path.strip("/")
    if scheme != "unix" and database and not database.isdigit():
        raise InvalidInputError(
            f"REVHYPER_QUEUE_URL={shown!r}: the database {database!r} is not a number: "
            f"use {allowed}"
        )
    try:
        return RedisHuey(name, url=url, results=False, serializer=JsonSerializer())
    except ValueError as error:
        raise InvalidInputError(
            f"REVHYPER_QUEUE_URL={shown!r} is not usable ({error}): use {allowed}"
        ) from None


class _InProcessConsumer(Consumer):  # type: ignore[misc]
    """A consumer that leaves the process's signal handlers alone (the server owns them)."""

    def _set_signal_handlers(self) -> None:
        return None


def _consumer_options(workers: int) -> dict[str, Any]:
    if workers < 1:
        raise InvalidInputError(f"workers must be at least 1, got {workers}")
    return {
        "workers": workers,
        "worker_type": "thread",
        "initial_delay": FIRST_POLL_S,
        "max_delay": LONGEST_POLL_S,
        "check_worker_health": True,
    }


def start_consumer_threads(huey: Huey, workers: int = 1) -> Callable[[], None]:
    """Run a consumer on threads of this process; returns the function that stops it (waiting
    up to :data:`STOP_WAIT_S` for running tasks)."""
    consumer = _InProcessConsumer(huey, shutdown_timeout=STOP_WAIT_S, **_consumer_options(workers))
    consumer.start()

    def stop() -> None:
        consumer.stop(graceful=True)

    return stop


def run_consumer(huey: Huey, workers: int = 1) -> None:
    """Run a consumer until SIGINT or SIGTERM (graceful: running tasks finish first)."""
    Consumer(huey, **_consumer_options(workers)).run()


def close_queue(huey: Huey) -> None:
    """Release the storage's connection (SQLite file handle or Redis pool)."""
    storage = huey.storage
    if hasattr(storage, "close"):
        storage.close()
    pool = getattr(storage, "pool", None)
    if pool is not None:
        pool.disconnect()
