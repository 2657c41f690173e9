"""The unit of work: one database transaction with its repositories.

``with uow: ...; uow.commit()`` — anything not committed when the block ends is rolled back,
including when an error escapes it. Database errors leave as ``StorageError``.
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from revhyper.adapters.db.engine import masked
from revhyper.adapters.db.repositories import (
    AnalysisRepository,
    AthleteRepository,
    BodyMassRepository,
    ProgramRepository,
    SessionRepository,
)
from revhyper.domain.errors import StorageError


class UnitOfWork:
    """A transaction over ``engine`` exposing ``athletes``, ``programs``, ``sessions``,
    ``analyses`` and ``body_mass`` repositories."""

    athletes: AthleteRepository
    programs: ProgramRepository
    sessions: SessionRepository
    analyses: AnalysisRepository
    body_mass: BodyMassRepository

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        self._session = self._factory()
        self.athletes = AthleteRepository(self._session)
        self.programs = ProgramRepository(self._session)
        self.sessions = SessionRepository(self._session)
        self.analyses = AnalysisRepository(self._session)
        self.body_mass = BodyMassRepository(self._session)
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
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise StorageError(f"database error at {masked(self.engine.url)}: {reason}") from exc

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
            raise StorageError(f"saving to {masked(self.engine.url)} failed: {error}") from None

    def rollback(self) -> None:
        """Discard everything since the last commit."""
        self.session.rollback()
