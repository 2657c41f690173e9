"""The unit of work: one database transaction with its repositories.

``with uow: ...; uow.commit()`` — anything not committed when the block ends is rolled back,
including when an error escapes it. Database errors leave as ``StorageError``; those caused by
another writer at the same moment (lock timeout, serialization failure, uniqueness clash) as its
subclass ``ConcurrentWriteError``, which ``services.transactions.write_with_retry`` retries.

``with uow.writing(): ...`` opens a transaction meant to write: on SQLite it takes the write
lock at once (``BEGIN IMMEDIATE``), so it waits for other writers instead of failing half-way.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from revhyper.adapters.db.accounts import (
    AuditRepository,
    GrantRepository,
    IdempotencyRepository,
    JobRepository,
    LoginAttemptRepository,
    TokenRepository,
    UserRepository,
)
from revhyper.adapters.db.engine import SQLITE_BEGIN_OPTION, masked
from revhyper.adapters.db.machines import MachineRepository
from revhyper.adapters.db.repositories import (
    AnalysisRepository,
    AthleteRepository,
    BodyMassRepository,
    ProgramRepository,
    SessionRepository,
)
from revhyper.domain.errors import ConcurrentWriteError, StorageError

#: PostgreSQL SQLSTATEs of clashes between concurrent writers: serialization failure, deadlock,
#: lock not available, unique violation.
_PG_CONFLICTS = frozenset({"40001", "40P01", "55P03", "23505"})
#: SQLite result codes of the same: busy/locked (lock wait timed out) and a UNIQUE clash.
_SQLITE_CONFLICTS = frozenset(
    {"SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_LOCKED", "SQLITE_CONSTRAINT_UNIQUE"}
)


def is_concurrent_write(error: BaseException) -> bool:
    """Whether a database error is a clash with another writer (worth running again)."""
    orig = getattr(error, "orig", None) or error
    if getattr(orig, "sqlstate", None) in _PG_CONFLICTS:
        return True
    if getattr(orig, "sqlite_errorname", None) in _SQLITE_CONFLICTS:
        return True
    text = str(orig).lower()
    return "database is locked" in text or "database is busy" in text


def _reason(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    return str(orig or error).strip().splitlines()[0]


class UnitOfWork:
    """A transaction over ``engine`` exposing the training log's repositories (``athletes``,
    ``programs``, ``sessions``, ``analyses``, ``body_mass``) and the server's (``users``,
    ``tokens``, ``login_attempts``, ``grants``, ``audit``, ``idempotency``, ``jobs``)."""

    athletes: AthleteRepository
    programs: ProgramRepository
    sessions: SessionRepository
    analyses: AnalysisRepository
    body_mass: BodyMassRepository
    users: UserRepository
    tokens: TokenRepository
    login_attempts: LoginAttemptRepository
    grants: GrantRepository
    machines: MachineRepository
    audit: AuditRepository
    idempotency: IdempotencyRepository
    jobs: JobRepository

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._session: Session | None = None
        self._write = False

    def writing(self) -> UnitOfWork:
        """This unit of work, to be opened (``with uow.writing():``) for a write transaction."""
        self._write = True
        return self

    def __enter__(self) -> UnitOfWork:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        write, self._write = self._write, False
        self._session = self._factory()
        if write and self.engine.dialect.name == "sqlite":
            try:
                self._session.connection(execution_options={SQLITE_BEGIN_OPTION: "IMMEDIATE"})
            except DBAPIError as error:
                self._session.close()
                self._session = None
                raise self._storage_error(error, "database error at") from error
        self.athletes = AthleteRepository(self._session)
        self.programs = ProgramRepository(self._session)
        self.sessions = SessionRepository(self._session)
        self.analyses = AnalysisRepository(self._session)
        self.body_mass = BodyMassRepository(self._session)
        self.users = UserRepository(self._session)
        self.tokens = TokenRepository(self._session)
        self.login_attempts = LoginAttemptRepository(self._session)
        self.grants = GrantRepository(self._session)
        self.audit = AuditRepository(self._session)
        self.idempotency = IdempotencyRepository(self._session)
        self.jobs = JobRepository(self._session)
        self.machines = MachineRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self._session
        self._session = None
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()
        if isinstance(exc, DBAPIError):
            raise self._storage_error(exc, "database error at") from exc

    def _storage_error(self, error: BaseException, what: str) -> StorageError:
        kind = ConcurrentWriteError if is_concurrent_write(error) else StorageError
        return kind(f"{what} {masked(self.engine.url)}: {_reason(error)}")

    @property
    def session(self) -> Session:
        """The open SQLAlchemy session (for adapters that need raw access)."""
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use `with uow:`")
        return self._session

    def commit(self) -> None:
        """Make everything done in this unit of work permanent."""
        try:
            self.session.commit()
        except SQLAlchemyError as error:
            self.session.rollback()
            raise self._storage_error(error, "saving failed at") from None

    def rollback(self) -> None:
        """Discard everything since the last commit."""
        self.session.rollback()
