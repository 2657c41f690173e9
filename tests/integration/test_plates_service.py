"""The plates use case picks the plate set by one rule, for the CLI and any other entry point."""

from __future__ import annotations

from dataclasses import replace

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.plates import parse_inventory
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.units import MassUnit
from revhyper.services import athletes
from revhyper.services.plates import PlatesRequest, plates_for


def test_without_an_athlete_a_kilogram_gym_set_is_used_and_no_database_opened() -> None:
    loading = plates_for(PlatesRequest("77.5"))
    assert loading.plates == (25.0, 25.0, 25.0, 2.5)


def test_the_athletes_plates_and_unit_are_used(uow: UnitOfWork, profile: Profile) -> None:
    plates = parse_inventory("45x2,10x2", MassUnit.LB)
    athletes.add_athlete(uow, "Pat", replace(profile, unit=MassUnit.LB, plates=plates))
    loading = plates_for(PlatesRequest("120", athlete="Pat"), lambda: uow)
    assert loading.unit is MassUnit.LB and loading.achieved == 110.0  # 45+45+10+10


def test_named_plates_override_the_athletes(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Pat", replace(profile, unit=MassUnit.LB))
    loading = plates_for(PlatesRequest("120", athlete="Pat", plates="25x4"), lambda: uow)
    assert loading.plates == (25.0, 25.0, 25.0, 25.0) and loading.unit is MassUnit.LB
    forced = plates_for(PlatesRequest("50", athlete="Pat", unit="kg"), lambda: uow)
    assert forced.unit is MassUnit.KG and forced.plates == (25.0, 25.0)


def test_an_unknown_athlete_is_named(uow: UnitOfWork) -> None:
    with pytest.raises(NotFoundError, match="Nobody"):
        plates_for(PlatesRequest("50", athlete="Nobody"), lambda: uow)


@pytest.mark.parametrize(
    ("request_", "needle"),
    [
        (PlatesRequest("50", plates="20x2", limits={20.0: 1}), "not both"),
        (PlatesRequest("50", unit="lb", limits={20.0: 1}), "use --plates"),
    ],
)
def test_contradictory_plate_requests_are_refused(request_: PlatesRequest, needle: str) -> None:
    with pytest.raises(InvalidInputError, match=needle):
        plates_for(request_)
