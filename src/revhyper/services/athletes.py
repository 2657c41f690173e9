"""Athletes: add one (screened on the way in), list them, show one."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef, StoredAthlete
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.units import MassUnit
from revhyper.services.planning import profile_from_fields

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


def add_athlete(
    uow: UnitOfWork, name: str, profile: Profile, *, owner_id: int | None = None
) -> StoredAthlete:
    """Store a new athlete with ``profile`` and its screening, owned by ``owner_id`` (None, as
    from the terminal: the first administrator account, or no one until there is one);
    commits.

    Raises:
        InvalidInputError: the name is empty, too long or already taken (by the owner's
            athletes; by any athlete when there is no owner).
    """
    cleaned = check_name(name)
    with uow:
        owner = owner_id if owner_id is not None else uow.users.first_admin_id()
        athlete = uow.athletes.add(
            cleaned,
            replace(profile, name=cleaned),
            owner_id=owner,
            unique_across_owners=owner_id is None,
        )
        uow.commit()
    return athlete


def update_athlete(uow: UnitOfWork, name: AthleteRef, changes: dict[str, Any]) -> StoredAthlete:
    """Change some profile fields of a stored athlete (keys as in ``profile_fields``); commits.

    The profile is checked and the athlete screened again (e.g. after a doctor's clearance).
    """
    ref = name if isinstance(name, int) else check_name(name)
    with uow:
        stored = uow.athletes.get(ref)
        fields = {**profile_fields(stored.profile), **changes, "name": stored.name}
        updated = uow.athletes.update_profile(stored.id, profile_from_fields(fields))
        uow.commit()
    return updated


def profile_fields(profile: Profile) -> dict[str, Any]:
    """A profile as the field names of ``revhyper plan``'s options and profile file."""
    known = profile.known_set
    return {
        "goal": profile.goal.value,
        "level": profile.level.value,
        "equipment": sorted(e.value for e in profile.equipment),
        "injury": sorted(i.value for i in profile.injuries),
        "pain": profile.back_pain,
        "medical_care": profile.under_medical_care,
        "clearance": profile.medical_clearance,
        "body_mass": profile.body_mass_kg,
        "height": profile.height_m,
        "sex": profile.sex.value if profile.sex else None,
        "known_set": known.as_text() if known else None,
        "floor_criterion_met": profile.floor_criterion_met,
        "unit": profile.unit.value,
        "plates": profile.plates.as_text() if profile.plates else None,
    }


def list_athletes(uow: UnitOfWork) -> list[StoredAthlete]:
    """Every athlete, by name."""
    with uow:
        return uow.athletes.all()


def athlete_unit(uow: UnitOfWork, name: str) -> MassUnit:
    """The unit ``name`` enters and sees loads in; ``NotFoundError`` when unknown."""
    return get_athlete(uow, name).profile.unit


def units_by_id(uow: UnitOfWork) -> dict[int, MassUnit]:
    """Every athlete's unit by athlete id (to show loads of several athletes at once)."""
    with uow:
        return {athlete.id: athlete.profile.unit for athlete in uow.athletes.all()}


def get_athlete(uow: UnitOfWork, name: str) -> StoredAthlete:
    """The athlete called ``name``; ``NotFoundError`` (listing known names) otherwise."""
    with uow:
        return uow.athletes.get(check_name(name))
