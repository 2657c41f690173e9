"""Accounts of the server: users, passwords, sign-in with rate limits, and tokens.

Three kinds of token, all stored as the SHA-256 of a 256-bit secret (``adapters.secrets``):
``access`` tokens from the OAuth2 password flow (``Settings.access_token_hours``), long-lived
``personal`` tokens a user names, lists and revokes, and ``browser`` sessions behind a cookie
(with a CSRF token derived from the cookie's secret, so a reloaded page can ask for it again).
A new password or a disabled account revokes them all (a password changed by its owner keeps
the token the change was made with).

An administrator manages accounts; the role gives no access to athletes' data (see
``services.access``: only ownership and grants do).

The first administrator account takes over the athletes that have no owner yet: the athletes
of a database written before accounts existed, or made in the terminal before any account.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from revhyper.adapters import secrets as secret_store
from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import StoredToken, StoredUser
from revhyper.adapters.db.repositories import utc_now
from revhyper.domain.errors import InvalidInputError, NotFoundError, RevhyperError
from revhyper.services.transactions import write_with_retry
from revhyper.settings import Settings

LOG = logging.getLogger("revhyper.accounts")


class Role(StrEnum):
    """What an account is for (an administrator also manages accounts)."""

    ATHLETE = "athlete"
    COACH = "coach"
    ADMIN = "admin"


class TokenKind(StrEnum):
    """The kinds of stored token."""

    ACCESS = "access"
    PERSONAL = "personal"
    BROWSER = "browser"


class AuthenticationError(RevhyperError):
    """Wrong, expired, revoked or missing credentials (HTTP 401)."""


class TooManyAttemptsError(RevhyperError):
    """Too many failed sign-ins for an account or an address (HTTP 429)."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


#: Shortest password accepted [characters] (the API contract's rule).
MIN_PASSWORD_CHARS = 10
#: Longest password accepted [characters]: bounds the hashing work an attacker can ask for.
MAX_PASSWORD_CHARS = 1024
#: What a username may be: 3 to 60 letters, digits, dots, dashes and underscores.
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9._-]{3,60}")
#: Longest personal token name [characters].
MAX_TOKEN_NAME_CHARS = 100
#: A token's last use is written at most this often, so reads stay reads [s].
TOUCH_EVERY_S = 60.0
#: Longest lifetime a personal token may be given [days] (about ten years).
MAX_PERSONAL_TOKEN_DAYS = 3650
#: What a non-administrator is told about the account routes: what an unknown address gets.
NOT_FOUND_FOR_NON_ADMINS = "Not Found"


@dataclass(frozen=True)
class IssuedToken:
    """A token just made: its secret (shown once, never stored) and its record."""

    secret: str
    record: StoredToken
    #: The CSRF token of a browser session (None for other kinds).
    csrf: str | None = None


def check_username(username: str) -> str:
    """The username if allowed; ``InvalidInputError`` naming the rule otherwise."""
    if not isinstance(username, str) or not USERNAME_PATTERN.fullmatch(username):
        shown = username if isinstance(username, str) and len(username) <= 80 else "(too long)"
        raise InvalidInputError(
            f"username {shown!r} is not allowed: use 3 to 60 letters, digits, '.', '-' or '_'"
        )
    return username


def check_password(password: str) -> str:
    """The password if long enough and not absurdly long; ``InvalidInputError`` otherwise."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInputError(
            f"the password has {len(password)} characters: at least {MIN_PASSWORD_CHARS} needed"
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise InvalidInputError(
            f"the password has {len(password)} characters: at most {MAX_PASSWORD_CHARS} allowed"
        )
    return password


def check_role(role: str) -> Role:
    """The role named by ``role``; ``InvalidInputError`` listing the roles otherwise."""
    try:
        return Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InvalidInputError(f"role {role!r} is not known: allowed {allowed}") from None


def add_user(uow: UnitOfWork, username: str, role: str, password: str) -> StoredUser:
    """Create an account (the first administrator takes over athletes with no owner); commits.

    Raises:
        InvalidInputError: the name is taken or not allowed, the role is unknown, or the
            password is too short or too long.
    """
    check_username(username)
    kind = check_role(role)
    password_hash = secret_store.hash_password(check_password(password))

    def work() -> StoredUser:
        first_admin = kind is Role.ADMIN and uow.users.count_admins() == 0
        user = uow.users.add(username, kind.value, password_hash, utc_now())
        if first_admin:
            uow.athletes.claim_ownerless(user.id)
        uow.commit()
        return user

    return write_with_retry(uow, work)


def get_user(uow: UnitOfWork, username: str) -> StoredUser:
    """The account with this name; ``NotFoundError`` otherwise."""
    with uow:
        return uow.users.get(username)


def list_users(uow: UnitOfWork) -> list[StoredUser]:
    """Every account, by name."""
    with uow:
        return uow.users.all()


def set_password(uow: UnitOfWork, username: str, password: str) -> StoredUser:
    """Give an account a new password and revoke its tokens and sessions; commits."""
    password_hash = secret_store.hash_password(check_password(password))
    with uow:
        user = uow.users.get(username)
        uow.users.set_password_hash(user.id, password_hash)
        uow.tokens.revoke_all_of(user.id, utc_now())
        uow.commit()
    return user


def set_disabled(uow: UnitOfWork, username: str, disabled: bool = True) -> StoredUser:
    """Disable an account (its tokens and sessions are revoked) or enable it again; commits."""
    with uow:
        user = uow.users.get(username)
        uow.users.set_disabled(user.id, disabled)
        if disabled:
            uow.tokens.revoke_all_of(user.id, utc_now())
        uow.commit()
        return uow.users.get(username)


def _refuse_when_limited(uow: UnitOfWork, username: str, address: str, settings: Settings) -> None:
    since = utc_now() - timedelta(minutes=settings.login_window_minutes)
    retry = int(settings.login_window_minutes * 60)
    by_account = uow.login_attempts.failures_since(since, username=username)
    if by_account >= settings.login_failures_per_account:
        raise TooManyAttemptsError(
            f"too many failed sign-ins for {username!r}: wait "
            f"{settings.login_window_minutes:g} minutes and try again",
            retry,
        )
    by_address = uow.login_attempts.failures_since(since, address=address)
    if by_address >= settings.login_failures_per_address:
        raise TooManyAttemptsError(
            f"too many failed sign-ins from this address: wait "
            f"{settings.login_window_minutes:g} minutes and try again",
            retry,
        )


def authenticate(
    uow: UnitOfWork, username: str, password: str, address: str, settings: Settings
) -> StoredUser:
    """The account these credentials open; commits the failure count either way.

    Raises:
        TooManyAttemptsError: the account or the address failed too often recently (checked
            before the password, so a locked-out guesser learns nothing).
        AuthenticationError: unknown name, wrong password or disabled account (one message
            for all three).
    """
    with uow.writing():
        _refuse_when_limited(uow, username, address, settings)
        found = uow.users.password_hash(username[:60])
        user, stored_hash = found if found else (None, None)
        matches = secret_store.verify_password(stored_hash, password[:MAX_PASSWORD_CHARS])
        if user is None or not matches or user.disabled:
            uow.login_attempts.add_failure(username, address, utc_now())
            uow.commit()
            LOG.info("failed sign-in as %r from %s", username[:60], address[:64])
            raise AuthenticationError("wrong username or password")
        assert stored_hash is not None
        if secret_store.needs_rehash(stored_hash):
            uow.users.set_password_hash(user.id, secret_store.hash_password(password))
        window = timedelta(minutes=settings.login_window_minutes)
        uow.login_attempts.forget(username, before=utc_now() - window)
        uow.commit()
        return user


def issue_token(
    uow: UnitOfWork,
    user: StoredUser,
    kind: TokenKind,
    *,
    lifetime: timedelta | None,
    name: str = "",
) -> IssuedToken:
    """Make a token of ``kind`` for ``user``, valid for ``lifetime`` (None: until revoked)."""
    if len(name) > MAX_TOKEN_NAME_CHARS:
        raise InvalidInputError(
            f"token name has {len(name)} characters: at most {MAX_TOKEN_NAME_CHARS} allowed"
        )
    secret = secret_store.new_secret()
    csrf = secret_store.csrf_for(secret) if kind is TokenKind.BROWSER else None
    now = utc_now()
    with uow:
        record = uow.tokens.add(
            user.id,
            kind.value,
            secret_store.digest(secret),
            created_at=now,
            expires_at=now + lifetime if lifetime is not None else None,
            name=name,
            csrf_hash=secret_store.digest(csrf) if csrf else None,
        )
        uow.commit()
    return IssuedToken(secret, record, csrf)


def resolve_token(
    uow: UnitOfWork, secret: str, kinds: frozenset[TokenKind]
) -> tuple[StoredUser, StoredToken]:
    """The account and token behind a secret; ``AuthenticationError`` when it is unknown,
    of another kind, expired, revoked, or its account is disabled."""
    now = utc_now()
    with uow:
        found = uow.tokens.with_user(secret_store.digest(secret))
        token, user = found if found is not None else (None, None)
        if token is None or user is None or token.kind not in kinds:
            raise AuthenticationError("the token is not valid: sign in again")
        if token.revoked_at is not None:
            raise AuthenticationError("the token was revoked: sign in again")
        if token.expires_at is not None and token.expires_at <= now:
            raise AuthenticationError("the token has expired: sign in again")
        if user.disabled:
            raise AuthenticationError("the account is disabled")
        stale = token.last_used_at is None or (now - token.last_used_at).total_seconds() > (
            TOUCH_EVERY_S
        )
    if stale:
        # A transaction of its own that takes the write lock first: a read-then-write one
        # fails at once (SQLite: "database is locked") when another request committed in
        # between, e.g. a sign-in in another tab answered just before this session check.
        with uow.writing():
            uow.tokens.touch(token.id, now)
            uow.commit()
    return user, token


def personal_tokens(uow: UnitOfWork, user: StoredUser) -> list[StoredToken]:
    """The user's personal tokens (revoked ones included, marked), newest first."""
    with uow:
        return uow.tokens.of_user(user.id, TokenKind.PERSONAL.value)


def revoke_token(
    uow: UnitOfWork, user: StoredUser, token_id: int, kind: TokenKind | None = None
) -> StoredToken:
    """Revoke one of the user's own tokens (of ``kind``, if given); ``NotFoundError`` for
    anyone else's (the same answer as for an id nobody has); commits."""
    with uow:
        token = uow.tokens.get(token_id)
        if token is None or token.user_id != user.id or (kind is not None and token.kind != kind):
            raise NotFoundError(f"no token with id {token_id}")
        uow.tokens.revoke(token_id, utc_now())
        uow.commit()
        revoked = uow.tokens.get(token_id)
    assert revoked is not None
    return revoked


def revoke_secret(uow: UnitOfWork, secret: str) -> None:
    """Revoke the token behind a secret, if any (signing out); commits."""
    with uow:
        token = uow.tokens.by_hash(secret_store.digest(secret))
        if token is not None:
            uow.tokens.revoke(token.id, utc_now())
            uow.commit()


def csrf_matches(token: StoredToken, csrf: str | None) -> bool:
    """Whether ``csrf`` is the CSRF token of this browser session."""
    if token.csrf_hash is None or not csrf:
        return False
    return secret_store.same_digest(csrf, token.csrf_hash)


def issue_personal_token(
    uow: UnitOfWork, user: StoredUser, name: str, expires_in_days: int | None
) -> IssuedToken:
    """A named personal token, valid for ``expires_in_days`` [days] (None: until revoked).

    Raises:
        InvalidInputError: an empty or too long name, or a lifetime outside 1 to
            ``MAX_PERSONAL_TOKEN_DAYS`` days.
    """
    cleaned = name.strip()
    if not cleaned:
        raise InvalidInputError("token name is empty: name what the token is for, e.g. 'backup'")
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_PERSONAL_TOKEN_DAYS:
        raise InvalidInputError(
            f"expires_in_days {expires_in_days} is not allowed: give 1 to "
            f"{MAX_PERSONAL_TOKEN_DAYS} days, or leave it out for a token valid until revoked"
        )
    lifetime = timedelta(days=expires_in_days) if expires_in_days is not None else None
    return issue_token(uow, user, TokenKind.PERSONAL, lifetime=lifetime, name=cleaned)


def start_browser_session(uow: UnitOfWork, user: StoredUser, settings: Settings) -> IssuedToken:
    """A browser session for a user just authenticated, valid ``browser_session_hours``."""
    lifetime = timedelta(hours=settings.browser_session_hours)
    return issue_token(uow, user, TokenKind.BROWSER, lifetime=lifetime)


def browser_session_csrf(session_secret: str) -> str:
    """The CSRF token of the browser session behind ``session_secret`` (derived, not stored:
    asking again after a page reload gives the same token and writes nothing)."""
    return secret_store.csrf_for(session_secret)


def require_admin(user: StoredUser) -> StoredUser:
    """The user if an administrator; otherwise ``NotFoundError`` (the account routes answer
    everyone else as an unknown address does: 404, never 403)."""
    if user.role != Role.ADMIN.value:
        raise NotFoundError(NOT_FOUND_FOR_NON_ADMINS)
    return user


def update_user(
    uow: UnitOfWork,
    admin: StoredUser,
    username: str,
    *,
    disabled: bool | None = None,
    role: str | None = None,
) -> StoredUser:
    """An administrator disables or enables an account, or changes its role; commits.

    Disabling revokes the account's tokens and sessions at once. An administrator may not
    disable or demote their own account, so that an enabled administrator always remains.

    Raises:
        NotFoundError: no account of that name.
        InvalidInputError: nothing to change, an unknown role, or the administrator's own
            account.
    """
    if disabled is None and role is None:
        raise InvalidInputError("nothing to change: give 'disabled' (true or false) or 'role'")
    new_role = check_role(role) if role is not None else None

    def work() -> StoredUser:
        target = uow.users.get(username)
        if target.id == admin.id and (disabled or new_role not in (None, Role.ADMIN)):
            raise InvalidInputError(
                "you may not disable or demote your own account: another administrator must "
                "(so that an enabled administrator always remains)"
            )
        if new_role is not None:
            uow.users.set_role(target.id, new_role.value)
        if disabled is not None:
            uow.users.set_disabled(target.id, disabled)
            if disabled:
                uow.tokens.revoke_all_of(target.id, utc_now())
        uow.commit()
        return uow.users.get(username)

    return write_with_retry(uow, work)


def change_password(
    uow: UnitOfWork,
    user: StoredUser,
    current_password: str,
    new_password: str,
    *,
    address: str,
    settings: Settings,
    keep_token_id: int,
) -> None:
    """The signed-in user replaces their password; every other token and session of theirs
    is revoked (the one the change was made with, ``keep_token_id``, stays); commits.

    The current password is checked as a sign-in is, under the same rate limits, so a stolen
    token is no way to guess the password.

    Raises:
        InvalidInputError: the new password is too short, too long, or the current one; or
            the current password is wrong (a bad field, not a lost sign-in: the token in use
            stays valid).
        TooManyAttemptsError: too many failed sign-ins for the account or the address.
    """
    check_password(new_password)
    if new_password == current_password:
        raise InvalidInputError("new_password is the current password: choose another one")
    try:
        authenticate(uow, user.username, current_password, address, settings)
    except AuthenticationError:
        raise InvalidInputError("current_password is wrong: give the password in use") from None
    password_hash = secret_store.hash_password(new_password)
    with uow.writing():
        uow.users.set_password_hash(user.id, password_hash)
        uow.tokens.revoke_all_of(user.id, utc_now(), keep=keep_token_id)
        uow.commit()
