"""Passwords and token secrets: Argon2id hashes for passwords, SHA-256 digests for tokens.

Passwords are low-entropy and guessed offline if a database leaks, so they are hashed with
Argon2id (argon2-cffi's ``PasswordHasher``, RFC 9106 parameters of the library's default
profile). Token secrets are 256 random bits: a plain SHA-256 of such a secret cannot be
inverted or guessed, and lets every request find its token with one indexed lookup instead of
an Argon2 computation (tens of milliseconds) per request.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()

#: A hash to verify against when the account does not exist, so that a wrong username takes as
#: long as a wrong password (the answer's timing does not reveal which names exist).
_DUMMY_HASH = _HASHER.hash("revhyper: no such account")

#: Prefix of every token secret, so a leaked one is recognisable in logs and scanners.
TOKEN_PREFIX = "rh_"
#: Prefix of a browser session's CSRF token.
CSRF_PREFIX = "csrf_"
#: What the CSRF token's HMAC signs (it is keyed by the session's secret).
_CSRF_PURPOSE = b"revhyper browser session csrf v1"


def hash_password(password: str) -> str:
    """The Argon2id hash (PHC string) of ``password``."""
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches the hash (``None``: no account; still takes the time)."""
    try:
        return _HASHER.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's."""
    return _HASHER.check_needs_rehash(password_hash)


def new_secret() -> str:
    """A new token secret: the prefix and 43 URL-safe characters (256 random bits)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def csrf_for(session_secret: str) -> str:
    """The CSRF token of the browser session whose cookie holds ``session_secret``.

    An HMAC-SHA256 keyed by the session's secret: the page can ask for it again after a reload
    (the server derives it from the cookie, stores nothing new), a page of another site can
    neither read the HttpOnly cookie nor compute the token, and the token reveals nothing of
    the secret.
    """
    key = session_secret.encode("utf-8", "surrogatepass")
    mac = hmac.new(key, _CSRF_PURPOSE, hashlib.sha256).digest()
    return CSRF_PREFIX + base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def new_password() -> str:
    """A new random password: 16 URL-safe characters (96 random bits)."""
    return secrets.token_urlsafe(12)


def digest(secret: str) -> str:
    """The SHA-256 hex digest under which a token secret is stored and looked up."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def same_digest(secret: str, stored_digest: str) -> bool:
    """Whether ``secret`` hashes to ``stored_digest`` (compared in constant time)."""
    return hmac.compare_digest(digest(secret), stored_digest)
