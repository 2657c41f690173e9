"""Athletes: add one (screened on the way in), list them, show one."""

from __future__ import annotations

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import StoredAthlete
from revhyper.domain.athlete import Profile
from revhyper.domain.errors import InvalidInputError

#: Longest athlete name [characters] (the column's width).
MAX_NAME_CHARS = 100


def check_name(name: str) -> str:
    """The name without surrounding spaces; ``InvalidInputError`` when empty or too long."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise InvalidInputError("athlete name is empty: give a name such as 'alex'")
    if len(cleaned) > MAX_NAME_CHARS:
        raise InvalidInputError(
            f"athlete name is {len(cleaned)} characters long: allowed up to {MAX_NAME_CHARS}"
        )
    return cleaned


def add_athlete(uow: UnitOfWork, name: str, profile: Profile) -> StoredAthlete:
    """Store a new athlete with ``profile`` and its screening; commits.

    Raises:
        InvalidInputError: the name is empty, too long or already taken.
    """
    cleaned = check_name(name)
    with uow:
        athlete = uow.athletes.add(cleaned, profile)
        uow.commit()
    return athlete


def list_athletes(uow: UnitOfWork) -> list[StoredAthlete]:
    """Every athlete, by name."""
    with uow:
        return uow.athletes.all()


def get_athlete(uow: UnitOfWork, name: str) -> StoredAthlete:
    """The athlete called ``name``; ``NotFoundError`` (listing known names) otherwise."""
    with uow:
        return uow.athletes.get(check_name(name))
