"""SQLAlchemy 2 models of the stored data: athletes, programs, sessions, sets, analyses, body mass,
and the server's accounts (users, tokens, access grants, the audit log, idempotency records,
analysis jobs and login attempts).

The Alembic migrations in ``revhyper/adapters/migrations`` create exactly this schema (a test
compares them). Datetimes are naive UTC; dates are calendar dates in the athlete's own time.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Constraint names fixed by convention so SQLite and PostgreSQL migrations agree.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the shared metadata."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UserRow(Base):
    """An account of the server: a lifter, a coach or physiotherapist, or an administrator."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    #: Argon2id hash (PHC string) of the password; the password itself is never stored.
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class ApiTokenRow(Base):
    """A bearer token or browser session of a user, stored as the SHA-256 of its secret."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    #: "access" (password flow), "personal" (long-lived, named) or "browser" (cookie session).
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(100), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: SHA-256 of the browser session's CSRF token (browser sessions only).
    csrf_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)


class LoginAttemptRow(Base):
    """A failed sign-in, kept for the per-account and per-address rate limits."""

    __tablename__ = "login_attempt"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(60), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class AthleteRow(Base):
    """An athlete: the planner's profile fields (``domain.athlete.Profile``) and screening."""

    __tablename__ = "athlete"
    __table_args__ = (
        # Names are unique per owner (the terminal's athletes, with no owner, are checked by
        # the service: a NULL owner never clashes in SQL).
        Index("ux_athlete_owner_name", "owner_id", "name", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: The account that owns the profile; NULL for athletes made in the terminal before any
    #: administrator existed (the first administrator account takes them over).
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    level: Mapped[str] = mapped_column(String(20))
    goal: Mapped[str] = mapped_column(String(30))
    equipment: Mapped[list[str]] = mapped_column(JSON)
    injuries: Mapped[list[str]] = mapped_column(JSON)
    back_pain: Mapped[int] = mapped_column(Integer, default=0)
    medical_care: Mapped[bool] = mapped_column(Boolean, default=False)
    clearance: Mapped[bool] = mapped_column(Boolean, default=False)
    body_mass_kg: Mapped[float | None] = mapped_column(Float)
    height_m: Mapped[float | None] = mapped_column(Float)
    sex: Mapped[str | None] = mapped_column(String(10))
    known_set: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    floor_criterion_met: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_clearance: Mapped[bool] = mapped_column(Boolean, default=False)
    screening_reasons: Mapped[list[str]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    #: "kg" or "lb": how the athlete's loads are entered and shown (stored loads are kg).
    unit: Mapped[str] = mapped_column(String(2), default="kg", server_default="kg")
    #: The athlete's plates (``PlateInventory.to_json``), or NULL for a full gym set.
    plates: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    programs: Mapped[list[ProgramRow]] = relationship(
        back_populates="athlete", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[SessionRow]] = relationship(
        back_populates="athlete", cascade="all, delete-orphan"
    )
    body_masses: Mapped[list[BodyMassRow]] = relationship(cascade="all, delete-orphan")


class ProgramRow(Base):
    """A generated plan, stored as its JSON with the parameters it was generated from."""

    __tablename__ = "program"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    start_date: Mapped[date] = mapped_column(Date)
    goal: Mapped[str] = mapped_column(String(30))
    weeks: Mapped[int] = mapped_column(Integer)
    days_per_week: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)

    athlete: Mapped[AthleteRow] = relationship(back_populates="programs")


class SessionRow(Base):
    """A training session, planned or performed; at most one per athlete and day."""

    __tablename__ = "session"
    __table_args__ = (
        # A unique index, not a constraint: SQLite adds it without rebuilding the table
        # (migration 0002).
        Index("ux_session_athlete_day", "athlete_id", "day", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    program_id: Mapped[int | None] = mapped_column(ForeignKey("program.id", ondelete="SET NULL"))
    day: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20))
    plan_week: Mapped[int | None] = mapped_column(Integer)
    plan_day: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    pain_before: Mapped[int | None] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)

    athlete: Mapped[AthleteRow] = relationship(back_populates="sessions")
    sets: Mapped[list[SetRow]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SetRow.position"
    )


class FormAnalysisRow(Base):
    """A stored form analysis (the ``revhyper-analysis/1`` JSON) that sets can link to."""

    __tablename__ = "form_analysis"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any]] = mapped_column(JSON)


class SetRow(Base):
    """One set as done, in its session's order."""

    __tablename__ = "training_set"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("session.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    variation: Mapped[str] = mapped_column(String(60), index=True)
    reps: Mapped[int] = mapped_column(Integer)
    load_kg: Mapped[float] = mapped_column(Float, default=0.0)
    band: Mapped[str | None] = mapped_column(String(60))
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[float | None] = mapped_column(Float)
    tempo: Mapped[str | None] = mapped_column(String(40))
    hold_s: Mapped[float | None] = mapped_column(Float)
    pain: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    analysis_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_analysis.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(10), default="working", server_default="working")
    """``SetKind``: "working" or "warmup" (warm-ups count in no analytics)."""
    logged_at: Mapped[datetime] = mapped_column(DateTime)
    #: "left" or "right" for a single-leg set (one row per side), else NULL.
    side: Mapped[str | None] = mapped_column(String(5))

    session: Mapped[SessionRow] = relationship(back_populates="sets")
    analysis: Mapped[FormAnalysisRow | None] = relationship()


class BodyMassRow(Base):
    """The athlete's body mass on one date [kg]."""

    __tablename__ = "body_mass"
    __table_args__ = (UniqueConstraint("athlete_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    mass_kg: Mapped[float] = mapped_column(Float)


class AccessGrantRow(Base):
    """The owner's grant of ``read`` or ``coach`` access to one athlete for another user."""

    __tablename__ = "access_grant"
    __table_args__ = (UniqueConstraint("athlete_id", "grantee_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    grantee_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    scope: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class MachineRow(Base):
    """One of an athlete's machines (a gym can have several) and the plates kept by it."""

    __tablename__ = "athlete_machine"
    __table_args__ = (UniqueConstraint("athlete_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(60))
    #: The machine's plates (``PlateInventory.to_json``: sizes in the unit they are labelled).
    plates: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: What the empty swing arm counts for [kg].
    arm_kg: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEventRow(Base):
    """One read or write of an athlete's data by someone other than the owner, or a change of
    the athlete's grants; the owner reads these."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    #: The actor's name at the time (kept when the account is deleted).
    actor: Mapped[str] = mapped_column(String(60))
    #: "read", "write", "grant" or "revoke".
    action: Mapped[str] = mapped_column(String(10))
    #: What was touched, e.g. "GET /api/v1/athletes/3/sets" or "grant read to coach1".
    detail: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)


class IdempotencyRow(Base):
    """The stored answer to a state-changing request sent with an ``Idempotency-Key``."""

    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(200))
    #: SHA-256 of the method, path and body: the same key with another request is refused.
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AnalysisJobRow(Base):
    """A form analysis submitted through the server, run by the job queue."""

    __tablename__ = "analysis_job"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athlete.id", ondelete="CASCADE"), index=True
    )
    submitted_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    #: "queued", "running", "done" or "failed".
    status: Mapped[str] = mapped_column(String(10))
    #: "video" or "keypoints".
    kind: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(255))
    upload_path: Mapped[str] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    analysis_id: Mapped[int | None] = mapped_column(
        ForeignKey("form_analysis.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(DateTime)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
