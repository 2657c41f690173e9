"""Repositories of the server's accounts: users, tokens, grants, the audit log, idempotency
records, failed sign-ins and analysis jobs. Like the others, they never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from revhyper.adapters.db.models import (
    AccessGrantRow,
    AnalysisJobRow,
    ApiTokenRow,
    AuditEventRow,
    IdempotencyRow,
    LoginAttemptRow,
    UserRow,
)
from revhyper.adapters.db.repositories import run_core
from revhyper.domain.errors import AlreadyExistsError, NotFoundError


@dataclass(frozen=True)
class StoredUser:
    """An account (the password hash stays in the database layer)."""

    id: int
    username: str
    role: str
    disabled: bool
    created_at: datetime


@dataclass(frozen=True)
class StoredToken:
    """A token's record (never its secret: only the secret's hash is stored)."""

    id: int
    user_id: int
    kind: str
    name: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None
    csrf_hash: str | None


@dataclass(frozen=True)
class StoredGrant:
    """One user's access to one athlete."""

    athlete_id: int
    grantee_id: int
    grantee: str
    scope: str
    created_at: datetime


@dataclass(frozen=True)
class AuditEvent:
    """One audited access to an athlete's data."""

    id: int
    athlete_id: int
    actor: str
    action: str
    detail: str
    at: datetime


@dataclass(frozen=True)
class StoredJob:
    """An analysis job as stored."""

    id: int
    athlete_id: int
    submitted_by: int | None
    status: str
    kind: str
    filename: str
    upload_path: str
    error: str | None
    analysis_id: int | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


_TOKENS = ApiTokenRow.__table__.c
_USERS = UserRow.__table__.c
_IDEMPOTENCY = IdempotencyRow.__table__.c
#: Every request's authentication and idempotency check run these prebuilt Core statements:
#: one query finds a token with its account (the ORM took two, each costing more CPU to
#: build and load than to run).
_TOKEN_WITH_USER = (
    select(
        _TOKENS.id,
        _TOKENS.user_id,
        _TOKENS.kind,
        _TOKENS.name,
        _TOKENS.created_at,
        _TOKENS.expires_at,
        _TOKENS.revoked_at,
        _TOKENS.last_used_at,
        _TOKENS.csrf_hash,
        _USERS.username,
        _USERS.role,
        _USERS.disabled,
        _USERS.created_at.label("user_created_at"),
    )
    .join_from(ApiTokenRow.__table__, UserRow.__table__, _TOKENS.user_id == _USERS.id)
    .where(_TOKENS.token_hash == bindparam("token_hash"))
)
_IDEMPOTENCY_ANSWER = select(
    _IDEMPOTENCY.request_hash, _IDEMPOTENCY.status_code, _IDEMPOTENCY.response
).where(_IDEMPOTENCY.user_id == bindparam("user_id"), _IDEMPOTENCY.key == bindparam("key"))
_INSERT_IDEMPOTENCY = insert(cast(Table, IdempotencyRow.__table__))


def _user(row: UserRow) -> StoredUser:
    return StoredUser(row.id, row.username, row.role, row.disabled, row.created_at)


def _token(row: ApiTokenRow) -> StoredToken:
    return StoredToken(
        id=row.id,
        user_id=row.user_id,
        kind=row.kind,
        name=row.name,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
        last_used_at=row.last_used_at,
        csrf_hash=row.csrf_hash,
    )


def _job(row: AnalysisJobRow) -> StoredJob:
    return StoredJob(
        id=row.id,
        athlete_id=row.athlete_id,
        submitted_by=row.submitted_by,
        status=row.status,
        kind=row.kind,
        filename=row.filename,
        upload_path=row.upload_path,
        error=row.error,
        analysis_id=row.analysis_id,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


class UserRepository:
    """Accounts by id or name."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, username: str, role: str, password_hash: str, created_at: datetime) -> StoredUser:
        """Store a new account; the name must be free (``AlreadyExistsError`` otherwise)."""
        if self._by_name(username) is not None:
            raise AlreadyExistsError(f"the username {username!r} is taken: choose another")
        row = UserRow(
            username=username,
            role=role,
            password_hash=password_hash,
            disabled=False,
            created_at=created_at,
        )
        self._session.add(row)
        self._session.flush()
        return _user(row)

    def _by_name(self, username: str) -> UserRow | None:
        return self._session.scalar(select(UserRow).where(UserRow.username == username))

    def find(self, username: str) -> StoredUser | None:
        """The account with this name, or None."""
        row = self._by_name(username)
        return _user(row) if row else None

    def get(self, username: str) -> StoredUser:
        """The account with this name; ``NotFoundError`` otherwise."""
        found = self.find(username)
        if found is None:
            raise NotFoundError(f"no user named {username!r}")
        return found

    def by_id(self, user_id: int) -> StoredUser | None:
        """The account with this id, or None."""
        row = self._session.get(UserRow, user_id)
        return _user(row) if row else None

    def password_hash(self, username: str) -> tuple[StoredUser, str] | None:
        """The account and its stored password hash, or None."""
        row = self._by_name(username)
        return (_user(row), row.password_hash) if row else None

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Replace the stored hash (a new password, or a rehash with newer parameters)."""
        row = self._session.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        row.password_hash = password_hash
        self._session.flush()

    def set_disabled(self, user_id: int, disabled: bool) -> None:
        """Disable (or enable again) an account."""
        row = self._session.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        row.disabled = disabled
        self._session.flush()

    def set_role(self, user_id: int, role: str) -> None:
        """Give an account another role."""
        row = self._session.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no user with id {user_id}")
        row.role = role
        self._session.flush()

    def all(self) -> list[StoredUser]:
        """Every account, by name."""
        return [_user(r) for r in self._session.scalars(select(UserRow).order_by(UserRow.username))]

    def first_admin_id(self) -> int | None:
        """The id of the oldest administrator account, or None."""
        return self._session.scalar(
            select(UserRow.id).where(UserRow.role == "admin").order_by(UserRow.id).limit(1)
        )

    def count_admins(self) -> int:
        """How many administrator accounts exist (disabled ones included)."""
        query = select(func.count()).select_from(UserRow).where(UserRow.role == "admin")
        return int(self._session.scalar(query) or 0)


class TokenRepository:
    """Tokens by the hash of their secret."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        user_id: int,
        kind: str,
        token_hash: str,
        *,
        created_at: datetime,
        expires_at: datetime | None,
        name: str = "",
        csrf_hash: str | None = None,
    ) -> StoredToken:
        """Store a token's hash."""
        row = ApiTokenRow(
            user_id=user_id,
            kind=kind,
            name=name,
            token_hash=token_hash,
            csrf_hash=csrf_hash,
            created_at=created_at,
            expires_at=expires_at,
        )
        self._session.add(row)
        self._session.flush()
        return _token(row)

    def by_hash(self, token_hash: str) -> StoredToken | None:
        """The token whose secret hashes to ``token_hash``, or None."""
        row = self._session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash))
        return _token(row) if row else None

    def with_user(self, token_hash: str) -> tuple[StoredToken, StoredUser] | None:
        """The token whose secret hashes to ``token_hash`` with its account, or None."""
        found = run_core(self._session, _TOKEN_WITH_USER, {"token_hash": token_hash}).first()
        if found is None:
            return None
        token = StoredToken(
            id=found.id,
            user_id=found.user_id,
            kind=found.kind,
            name=found.name,
            created_at=found.created_at,
            expires_at=found.expires_at,
            revoked_at=found.revoked_at,
            last_used_at=found.last_used_at,
            csrf_hash=found.csrf_hash,
        )
        user = StoredUser(
            found.user_id, found.username, found.role, found.disabled, found.user_created_at
        )
        return token, user

    def touch(self, token_id: int, at: datetime) -> None:
        """Record that the token was used at ``at``."""
        row = self._session.get(ApiTokenRow, token_id)
        if row is not None:
            row.last_used_at = at
            self._session.flush()

    def revoke(self, token_id: int, at: datetime) -> None:
        """Revoke the token from ``at`` on."""
        row = self._session.get(ApiTokenRow, token_id)
        if row is not None and row.revoked_at is None:
            row.revoked_at = at
            self._session.flush()

    def revoke_all_of(self, user_id: int, at: datetime, *, keep: int | None = None) -> None:
        """Revoke every token of a user (a new password, a disabled account) but ``keep``."""
        for row in self._session.scalars(
            select(ApiTokenRow).where(
                ApiTokenRow.user_id == user_id,
                ApiTokenRow.revoked_at.is_(None),
                ApiTokenRow.id != (keep if keep is not None else -1),
            )
        ):
            row.revoked_at = at
        self._session.flush()

    def of_user(self, user_id: int, kind: str) -> list[StoredToken]:
        """A user's tokens of one kind, newest first."""
        rows = self._session.scalars(
            select(ApiTokenRow)
            .where(ApiTokenRow.user_id == user_id, ApiTokenRow.kind == kind)
            .order_by(ApiTokenRow.id.desc())
        )
        return [_token(r) for r in rows]

    def get(self, token_id: int) -> StoredToken | None:
        """The token with this id, or None."""
        row = self._session.get(ApiTokenRow, token_id)
        return _token(row) if row else None


class LoginAttemptRepository:
    """Failed sign-ins, counted for the rate limits."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add_failure(self, username: str, address: str, at: datetime) -> None:
        """Record a failed sign-in."""
        self._session.add(LoginAttemptRow(username=username[:60], address=address[:64], at=at))
        self._session.flush()

    def failures_since(
        self, since: datetime, *, username: str | None = None, address: str | None = None
    ) -> int:
        """How many failures since ``since`` for this account or this address."""
        query = select(func.count()).select_from(LoginAttemptRow).where(LoginAttemptRow.at >= since)
        if username is not None:
            query = query.where(LoginAttemptRow.username == username[:60])
        if address is not None:
            query = query.where(LoginAttemptRow.address == address[:64])
        return int(self._session.scalar(query) or 0)

    def forget(self, username: str, before: datetime) -> None:
        """Drop an account's failures (after a successful sign-in) and everything older than
        ``before`` (no longer counted by any limit)."""
        self._session.execute(
            delete(LoginAttemptRow).where(
                (LoginAttemptRow.username == username[:60]) | (LoginAttemptRow.at < before)
            )
        )


class GrantRepository:
    """Who may see or coach which athlete."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def scope(self, athlete_id: int, user_id: int) -> str | None:
        """The scope this user was granted on this athlete, or None."""
        return self._session.scalar(
            select(AccessGrantRow.scope).where(
                AccessGrantRow.athlete_id == athlete_id, AccessGrantRow.grantee_id == user_id
            )
        )

    def put(self, athlete_id: int, user_id: int, scope: str, at: datetime) -> None:
        """Grant ``scope`` (replacing an earlier scope of the same user)."""
        row = self._session.scalar(
            select(AccessGrantRow).where(
                AccessGrantRow.athlete_id == athlete_id, AccessGrantRow.grantee_id == user_id
            )
        )
        if row is None:
            self._session.add(
                AccessGrantRow(
                    athlete_id=athlete_id, grantee_id=user_id, scope=scope, created_at=at
                )
            )
        else:
            row.scope = scope
        self._session.flush()

    def remove(self, athlete_id: int, user_id: int) -> bool:
        """Revoke a grant; whether there was one."""
        result = self._session.execute(
            delete(AccessGrantRow).where(
                AccessGrantRow.athlete_id == athlete_id, AccessGrantRow.grantee_id == user_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    def of_athlete(self, athlete_id: int) -> list[StoredGrant]:
        """The athlete's grants, by grantee name."""
        rows = self._session.execute(
            select(AccessGrantRow, UserRow.username)
            .join(UserRow, UserRow.id == AccessGrantRow.grantee_id)
            .where(AccessGrantRow.athlete_id == athlete_id)
            .order_by(UserRow.username)
        )
        return [
            StoredGrant(g.athlete_id, g.grantee_id, name, g.scope, g.created_at) for g, name in rows
        ]

    def athletes_of(self, user_id: int) -> dict[int, str]:
        """The athletes granted to this user: id → scope."""
        rows = self._session.execute(
            select(AccessGrantRow.athlete_id, AccessGrantRow.scope).where(
                AccessGrantRow.grantee_id == user_id
            )
        )
        return {athlete_id: scope for athlete_id, scope in rows}


class AuditRepository:
    """The audit log of athletes' data."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        athlete_id: int,
        actor_id: int | None,
        actor: str,
        action: str,
        detail: str,
        at: datetime,
    ) -> None:
        """Record one event."""
        self._session.add(
            AuditEventRow(
                athlete_id=athlete_id,
                actor_id=actor_id,
                actor=actor,
                action=action,
                detail=detail[:500],
                at=at,
            )
        )
        self._session.flush()

    def of_athlete(self, athlete_id: int, limit: int, offset: int) -> tuple[list[AuditEvent], int]:
        """The athlete's events, newest first, and how many there are in all."""
        total = int(
            self._session.scalar(
                select(func.count())
                .select_from(AuditEventRow)
                .where(AuditEventRow.athlete_id == athlete_id)
            )
            or 0
        )
        rows = self._session.scalars(
            select(AuditEventRow)
            .where(AuditEventRow.athlete_id == athlete_id)
            .order_by(AuditEventRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
        events = [AuditEvent(r.id, r.athlete_id, r.actor, r.action, r.detail, r.at) for r in rows]
        return events, total


class IdempotencyRepository:
    """Stored answers to requests sent with an ``Idempotency-Key``."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, user_id: int, key: str) -> tuple[str, int, dict[str, Any]] | None:
        """``(request hash, status, body)`` stored for this user's key, or None."""
        found = run_core(
            self._session, _IDEMPOTENCY_ANSWER, {"user_id": user_id, "key": key}
        ).first()
        if found is None:
            return None
        return found.request_hash, found.status_code, dict(found.response)

    def add(
        self,
        user_id: int,
        key: str,
        request_hash: str,
        status: int,
        body: dict[str, Any],
        at: datetime,
    ) -> None:
        """Store the answer (a second answer for the same key clashes in the database)."""
        run_core(
            self._session,
            _INSERT_IDEMPOTENCY,
            {
                "user_id": user_id,
                "key": key,
                "request_hash": request_hash,
                "status_code": status,
                "response": body,
                "created_at": at,
            },
        )


class JobRepository:
    """Analysis jobs."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        athlete_id: int,
        submitted_by: int | None,
        kind: str,
        filename: str,
        upload_path: str,
        at: datetime,
    ) -> StoredJob:
        """Store a queued job."""
        row = AnalysisJobRow(
            athlete_id=athlete_id,
            submitted_by=submitted_by,
            status="queued",
            kind=kind,
            filename=filename,
            upload_path=upload_path,
            created_at=at,
        )
        self._session.add(row)
        self._session.flush()
        return _job(row)

    def get(self, job_id: int) -> StoredJob | None:
        """The job with this id, or None."""
        row = self._session.get(AnalysisJobRow, job_id)
        return _job(row) if row else None

    def update(self, job_id: int, **changes: Any) -> StoredJob:
        """Change some of a job's columns."""
        row = self._session.get(AnalysisJobRow, job_id)
        if row is None:
            raise NotFoundError(f"no analysis job with id {job_id}")
        for name, value in changes.items():
            setattr(row, name, value)
        self._session.flush()
        return _job(row)

    def with_status(self, status: str) -> list[StoredJob]:
        """Every job with this status, oldest first."""
        rows = self._session.scalars(
            select(AnalysisJobRow)
            .where(AnalysisJobRow.status == status)
            .order_by(AnalysisJobRow.id)
        )
        return [_job(r) for r in rows]

    def of_athlete(self, athlete_id: int) -> list[StoredJob]:
        """An athlete's jobs, newest first."""
        rows = self._session.scalars(
            select(AnalysisJobRow)
            .where(AnalysisJobRow.athlete_id == athlete_id)
            .order_by(AnalysisJobRow.id.desc())
        )
        return [_job(r) for r in rows]

    def claim(self, job_id: int, at: datetime) -> StoredJob | None:
        """Mark a queued job running, started ``at``; None when it is not queued (another
        worker claimed it first, or it ended): one conditional UPDATE, so two workers
        racing for one job cannot both win."""
        result = self._session.execute(
            update(AnalysisJobRow)
            .where(AnalysisJobRow.id == job_id, AnalysisJobRow.status == "queued")
            .values(status="running", started_at=at, error=None)
        )
        if not getattr(result, "rowcount", 0):
            return None
        return self.get(job_id)

    def finish_run(self, job_id: int, claimed_at: datetime, **changes: Any) -> bool:
        """Apply ``changes`` to the run of the job claimed at ``claimed_at``; False (and
        nothing changed) when the job is no longer in that run (it was queued again)."""
        result = self._session.execute(
            update(AnalysisJobRow)
            .where(
                AnalysisJobRow.id == job_id,
                AnalysisJobRow.status == "running",
                AnalysisJobRow.started_at == claimed_at,
            )
            .values(**changes)
        )
        return bool(getattr(result, "rowcount", 0))

    def running_since_before(self, cutoff: datetime) -> list[StoredJob]:
        """Jobs running since before ``cutoff``, oldest first."""
        rows = self._session.scalars(
            select(AnalysisJobRow)
            .where(AnalysisJobRow.status == "running", AnalysisJobRow.started_at < cutoff)
            .order_by(AnalysisJobRow.id)
        )
        return [_job(r) for r in rows]

    def remove(self, job_id: int) -> None:
        """Delete a job (a submission that could not be queued)."""
        self._session.execute(delete(AnalysisJobRow).where(AnalysisJobRow.id == job_id))
