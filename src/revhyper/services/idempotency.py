"""Requests sent again with the same ``Idempotency-Key`` get the first answer, stored once.

A phone that loses its connection after sending a set does not know whether the set was
stored; it sends it again with the same key. The first request stores its answer under
(user, key) in the same transaction as what it changed (``guard``), so a repeat, even one
racing the first, finds the answer and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import utc_now
from revhyper.domain.errors import ConcurrentWriteError, InvalidInputError, RevhyperError


class Replayed(RevhyperError):
    """The request was answered before: here is the stored answer (nothing was stored now)."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__("answered before")
        self.status = status
        self.body = body


@dataclass(frozen=True)
class IdempotentRequest:
    """Who asked, with which key, and the fingerprint of what they asked."""

    user_id: int
    key: str
    fingerprint: str


def _stored(uow: UnitOfWork, request: IdempotentRequest) -> Replayed | None:
    found = uow.idempotency.find(request.user_id, request.key)
    if found is None:
        return None
    fingerprint, status, body = found
    if fingerprint != request.fingerprint:
        raise InvalidInputError(
            f"Idempotency-Key {request.key!r} was used for a different request: "
            "use a new key for a new request"
        )
    return Replayed(status, body)


def check(uow: UnitOfWork, request: IdempotentRequest | None) -> None:
    """Raise ``Replayed`` when the request was answered before (opens ``uow``)."""
    if request is None:
        return
    with uow:
        replay = _stored(uow, request)
    if replay is not None:
        raise replay


def guard(
    uow: UnitOfWork, request: IdempotentRequest | None, status: int, body: dict[str, Any]
) -> None:
    """Inside the open write transaction: raise ``Replayed`` if another request with the key
    got there first, else store this answer (committed with the change, or not at all)."""
    if request is None:
        return
    replay = _stored(uow, request)
    if replay is not None:
        raise replay
    uow.idempotency.add(request.user_id, request.key, request.fingerprint, status, body, utc_now())


def remember(
    uow: UnitOfWork, request: IdempotentRequest | None, status: int, body: dict[str, Any]
) -> None:
    """Store an answer after its change was committed (for changes made by services that do
    not take a ``before_commit`` hook; a repeat racing the first may then run twice)."""
    if request is None:
        return
    try:
        with uow.writing():
            guard(uow, request, status, body)
            uow.commit()
    except (Replayed, ConcurrentWriteError):
        return


def answered(
    uow: UnitOfWork,
    request: IdempotentRequest | None,
    work: Callable[[], tuple[int, dict[str, Any]]],
) -> tuple[int, dict[str, Any]]:
    """Run ``work`` unless the request was answered before; store its answer."""
    try:
        check(uow, request)
    except Replayed as replay:
        return 200, replay.body
    status, body = work()
    remember(uow, request, status, body)
    return status, body
