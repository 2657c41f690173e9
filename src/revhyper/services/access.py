"""Who may see and change an athlete: the owner, and the users the owner granted access.

``read`` sees the log, plans and analyses; ``coach`` may also write plans and log sets. An
athlete someone may not see does not exist for them (``NotFoundError``, the same message as for
an id nobody has): the server never reveals others' data by a different answer. Every read or
write by a granted user, and every grant and revocation, goes to the athlete's audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import AuditEvent, StoredGrant, StoredUser
from revhyper.adapters.db.repositories import StoredAthlete, utc_now
from revhyper.domain.errors import InvalidInputError, NotFoundError


class Scope(StrEnum):
    """What a user may do with an athlete's data, from least to most."""

    READ = "read"
    COACH = "coach"
    OWNER = "owner"


#: The scopes an owner may grant.
GRANTABLE = (Scope.READ, Scope.COACH)
_RANK = {Scope.READ: 0, Scope.COACH: 1, Scope.OWNER: 2}


@dataclass(frozen=True)
class Access:
    """A user's access to one athlete."""

    user: StoredUser
    athlete: StoredAthlete
    scope: Scope

    def allows(self, needed: Scope) -> bool:
        """Whether this access covers ``needed``."""
        return _RANK[self.scope] >= _RANK[needed]


def _unknown(athlete_id: int) -> NotFoundError:
    return NotFoundError(f"no athlete with id {athlete_id}")


def access_to(uow: UnitOfWork, user: StoredUser, athlete_id: int, needed: Scope) -> Access:
    """The user's access to the athlete, when it covers ``needed`` (opens ``uow``).

    Raises:
        NotFoundError: the athlete does not exist, or the user may not do ``needed`` with it
            (the same answer: a granted ``read`` user asking to write gets it too).
    """
    with uow:
        return scope_in(uow, user, athlete_id, needed)


def scope_in(uow: UnitOfWork, user: StoredUser, athlete_id: int, needed: Scope) -> Access:
    """``access_to`` inside an open unit of work."""
    athlete = uow.athletes.find(athlete_id)
    if athlete is None:
        raise _unknown(athlete_id)
    if athlete.owner_id == user.id:
        scope = Scope.OWNER
    else:
        granted = uow.grants.scope(athlete_id, user.id)
        if granted is None:
            raise _unknown(athlete_id)
        scope = Scope(granted)
    access = Access(user, athlete, scope)
    if not access.allows(needed):
        raise _unknown(athlete_id)
    return access


def visible_athletes(uow: UnitOfWork, user: StoredUser) -> list[Access]:
    """The athletes the user owns and those granted to them, by name."""
    with uow:
        owned = [Access(user, a, Scope.OWNER) for a in uow.athletes.owned_by(user.id)]
        granted = uow.grants.athletes_of(user.id)
        others = [Access(user, a, Scope(granted[a.id])) for a in uow.athletes.by_ids(list(granted))]
    return sorted(owned + others, key=lambda access: (access.athlete.name, access.athlete.id))


def record(uow: UnitOfWork, access: Access, action: str, detail: str) -> None:
    """Audit a read or write by a granted user (an owner's own use is not audited); commits."""
    if access.scope is Scope.OWNER:
        return
    with uow:
        uow.audit.add(
            access.athlete.id, access.user.id, access.user.username, action, detail, utc_now()
        )
        uow.commit()


def grant(
    uow: UnitOfWork, owner: StoredUser, athlete_id: int, username: str, scope: str
) -> StoredGrant:
    """Grant ``username`` ``read`` or ``coach`` access to the owner's athlete; commits.

    Raises:
        NotFoundError: not the caller's athlete.
        InvalidInputError: unknown scope, unknown or disabled user, or the owner themself.
    """
    try:
        wanted = Scope(scope)
    except ValueError:
        wanted = Scope.OWNER
    if wanted not in GRANTABLE:
        allowed = ", ".join(s.value for s in GRANTABLE)
        raise InvalidInputError(f"scope {scope!r} is not allowed: use {allowed}")
    with uow:
        access = scope_in(uow, owner, athlete_id, Scope.OWNER)
        grantee = uow.users.find(username)
        if grantee is None or grantee.disabled:
            raise InvalidInputError(f"username {username!r} is not an active account here")
        if grantee.id == owner.id:
            raise InvalidInputError("the owner already has every right: grant another user")
        now = utc_now()
        uow.grants.put(athlete_id, grantee.id, wanted.value, now)
        uow.audit.add(athlete_id, owner.id, owner.username, "grant", f"{wanted} to {username}", now)
        uow.commit()
        found = [g for g in uow.grants.of_athlete(access.athlete.id) if g.grantee_id == grantee.id]
    return found[0]


def revoke(uow: UnitOfWork, owner: StoredUser, athlete_id: int, username: str) -> None:
    """Take back a user's access at once; ``NotFoundError`` when there was none; commits."""
    with uow:
        scope_in(uow, owner, athlete_id, Scope.OWNER)
        grantee = uow.users.find(username)
        if grantee is None or not uow.grants.remove(athlete_id, grantee.id):
            raise NotFoundError(f"{username!r} has no access to athlete {athlete_id}")
        uow.audit.add(athlete_id, owner.id, owner.username, "revoke", f"from {username}", utc_now())
        uow.commit()


def grants_of(uow: UnitOfWork, owner: StoredUser, athlete_id: int) -> list[StoredGrant]:
    """The owner's athlete's grants."""
    with uow:
        scope_in(uow, owner, athlete_id, Scope.OWNER)
        return uow.grants.of_athlete(athlete_id)


def audit_log(
    uow: UnitOfWork, owner: StoredUser, athlete_id: int, *, limit: int, offset: int
) -> tuple[list[AuditEvent], int]:
    """The owner's athlete's audit log, newest first, with the number of events in all."""
    with uow:
        scope_in(uow, owner, athlete_id, Scope.OWNER)
        return uow.audit.of_athlete(athlete_id, limit, offset)
