"""The one settings object: the only place that reads the environment (prefix ``REVHYPER_``).

Every field can be set as ``REVHYPER_<FIELD>`` (any letter case), e.g.
``REVHYPER_DATABASE_URL=postgresql://...``; a value that is not of the field's type is refused
with a message naming the variable, the value and what is allowed.

This is a plain dataclass read with the standard library rather than a pydantic-settings model:
every database command reads the settings at start-up, and importing pydantic-settings (with
pydantic and its core) took about a fifth of such a command's time (see benchmarks/startup.py).
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from revhyper.domain.errors import InvalidInputError

ENV_PREFIX = "REVHYPER_"

_TRUE = frozenset({"1", "true", "yes", "on", "t", "y"})
_FALSE = frozenset({"0", "false", "no", "off", "f", "n"})


def _default_data_dir() -> Path:
    return Path(user_data_dir("revhyper", appauthor=False))


def _default_docs_site_dir() -> Path | None:
    """The checkout's ``site/`` (where ``make docs`` builds the site) when revhyper runs from a
    source checkout (``mkdocs.yml`` beside ``src/``); ``None`` for an installed wheel, which
    has no documentation site."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout / "site" if (checkout / "mkdocs.yml").is_file() else None


def _optional_path(text: str) -> Path | None:
    return Path(text) if text.strip() else None


def _boolean(text: str) -> bool:
    cleaned = text.strip().lower()
    if cleaned in _TRUE:
        return True
    if cleaned in _FALSE:
        return False
    raise ValueError(f"is not yes or no: allowed {', '.join(sorted(_TRUE | _FALSE))}")


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("is not a number") from None
    if not math.isfinite(value):
        raise ValueError("is not a finite number")
    return value


def _whole(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError("is not a whole number") from None


def _optional_text(text: str) -> str | None:
    return text or None


#: How a variable's text becomes each field type (the annotations, as written below).
_CONVERTERS: dict[str, Callable[[str], Any]] = {
    "Path": Path,
    "str": str,
    "str | None": _optional_text,
    "Path | None": _optional_path,
    "bool": _boolean,
    "float": _number,
    "int": _whole,
}


@dataclass(frozen=True)
class Settings:
    """Configuration of revhyper; every field can be set as ``REVHYPER_<FIELD>``.

    ``Settings()`` reads the process environment; keyword arguments override it (tests).
    """

    data_dir: Path = field(default_factory=_default_data_dir)
    """Where the embedded SQLite database and other user data live."""

    database_url: str | None = None
    """SQLAlchemy URL; ``None`` means a SQLite file ``revhyper.db`` in ``data_dir``."""

    postgres_test_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    """Admin URL the test suite uses to create and drop its own PostgreSQL databases."""

    require_postgres: bool = False
    """When true (CI), PostgreSQL tests fail instead of being skipped if the server is missing."""

    require_realclips: bool = False
    """When true (CI), tests over the filmed clips in ``../shared/realclips`` fail instead of
    being skipped if that folder is missing."""

    debug: bool = False
    """When true, an unexpected error inside revhyper shows its traceback instead of one line."""

    pose_backend: str = "mediapipe"
    """Pose estimator used for videos: ``mediapipe`` (BlazePose, default) or ``fake`` (tests)."""

    max_video_seconds: float = 300.0
    """Longest video accepted for analysis [s]."""

    max_video_pixels: int = 1920 * 1080
    """Largest frame accepted (width x height) [px]; 4K is refused."""

    access_token_hours: float = 12.0
    """How long a token from the password flow (``POST /api/v1/auth/token``) is valid [h]."""

    browser_session_hours: float = 24.0 * 14
    """How long a browser's sign-in cookie is valid [h]."""

    login_failures_per_account: int = 5
    """Failed sign-ins allowed per account in ``login_window_minutes`` before it waits."""

    login_failures_per_address: int = 20
    """Failed sign-ins allowed per client address in ``login_window_minutes``."""

    login_window_minutes: float = 15.0
    """The window the sign-in limits count failures over [min]."""

    queue_url: str | None = None
    """Job queue: ``None`` for a SQLite queue file beside the data (no server needed), or
    ``redis://HOST:PORT/DB`` to share the analysis work between machines."""

    queue_name: str = "revhyper"
    """Name of the analysis queue inside its storage (one Redis may hold several queues)."""

    job_timeout_minutes: float = 30.0
    """How long an analysis may stay ``running`` before it counts as orphaned by a killed
    worker and is queued again [min]; longer than the slowest video analysis."""

    require_redis: bool = False
    """When true (CI), Redis queue tests fail instead of being skipped if the server is missing."""

    redis_test_url: str = "redis://127.0.0.1:6379/15"
    """Redis the test suite runs its queues on (each test under its own queue name)."""

    max_upload_mb: float = 200.0
    """Largest video or keypoint upload the server accepts [MB]."""

    max_json_kb: float = 1024.0
    """Largest JSON or form body the server accepts outside uploads [kB]."""

    sqlite_synchronous: str = "full"
    """How a SQLite commit reaches the disk: ``full`` (default) waits for the disk after every
    commit, so a committed set survives a power cut; ``normal`` lets the operating system
    write it moments later (with the write-ahead log, still never a corrupt file, and nothing
    lost when only revhyper crashes, but a power cut may lose the last commits). ``normal``
    lifts the writer's ceiling from one disk flush per commit (a few ms each) to CPU speed."""

    run_jobs_in_server: bool = True
    """Whether ``revhyper serve`` runs the analysis queue's worker in its own process (off
    when separate ``revhyper worker`` processes do the work)."""

    docs_site_dir: Path | None = field(default_factory=_default_docs_site_dir)
    """The built documentation site (``make docs``) that ``revhyper serve`` serves at
    ``/docs-site/``: by default the checkout's ``site/``; empty for none. Read at every
    request, so a site built while the server runs is served at once."""

    def __init__(self, environ: Mapping[str, str] | None = None, **values: Any) -> None:
        by_name = {
            key.upper(): value
            for key, value in (os.environ if environ is None else environ).items()
            if key.upper().startswith(ENV_PREFIX)
        }
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(values) - names)
        if unknown:
            raise TypeError(f"unknown setting(s) {', '.join(unknown)}: allowed {sorted(names)}")
        for spec in dataclasses.fields(self):
            if spec.name in values:
                value = values[spec.name]
            elif (variable := ENV_PREFIX + spec.name.upper()) in by_name:
                value = _from_text(variable, by_name[variable], str(spec.type))
            elif spec.default_factory is not dataclasses.MISSING:
                value = spec.default_factory()
            else:
                value = spec.default
            object.__setattr__(self, spec.name, value)

    @property
    def effective_database_url(self) -> str:
        """The URL actually used: the configured one, or the embedded SQLite default."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'revhyper.db'}"


def _from_text(variable: str, text: str, kind: str) -> Any:
    try:
        return _CONVERTERS[kind](text)
    except ValueError as error:
        raise InvalidInputError(f"environment variable {variable}={text!r} {error}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests may call ``get_settings.cache_clear()``)."""
    return Settings()
