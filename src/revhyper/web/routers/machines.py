"""An athlete's machines (a gym can have several), each with the plates kept by it.

Everyone with access to the athlete sees them; only the owner adds, changes or removes one
(as with the rest of the profile). ``GET /athletes/{id}/plates?machine_id=`` answers from one.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from revhyper.adapters.db.machines import StoredMachine
from revhyper.services import machines as machine_service
from revhyper.web.deps import MAX_ID, OwnerDep, ReaderDep, UowDep
from revhyper.web.machine_schemas import (
    MachineCreate,
    MachineList,
    MachinePublic,
    MachineUpdate,
    PlateCountPublic,
)
from revhyper.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1/athletes/{athlete_id}/machines", tags=["machines"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic},
    409: {"model": ErrorPublic, "description": "Another machine has that name."},
    422: {"model": ErrorPublic},
}

MachineId = Annotated[int, Path(ge=1, le=MAX_ID, description="The machine's id.")]


def machine_public(machine: StoredMachine) -> MachinePublic:
    """The machine as the API shows it."""
    return MachinePublic(
        id=machine.id,
        name=machine.name,
        unit=machine.plates.unit.value,
        plates=[PlateCountPublic(size=s, copies=c) for s, c in machine.plates.plates],
        plates_text=machine.plates.describe(),
        arm_kg=machine.arm_kg,
        created_at=machine.created_at,
    )


def _changes(body: MachineCreate | MachineUpdate) -> machine_service.MachineChanges:
    return machine_service.MachineChanges(name=body.name, plates=body.plates, arm_kg=body.arm_kg)


@router.get("", response_model=MachineList, responses=_ERRORS)
def list_machines(access: ReaderDep, uow: UowDep) -> MachineList:
    """The athlete's machines, oldest first."""
    items = [machine_public(m) for m in machine_service.machines_of(uow, access.athlete.id)]
    return MachineList(items=items, total=len(items))


@router.post("", status_code=201, response_model=MachinePublic, responses=_ERRORS)
def add_machine(body: MachineCreate, access: OwnerDep, uow: UowDep) -> MachinePublic:
    """Add a machine with its plates (owner only)."""
    return machine_public(machine_service.add_machine(uow, access.athlete.id, _changes(body)))


@router.patch("/{machine_id}", response_model=MachinePublic, responses=_ERRORS)
def change_machine(
    machine_id: MachineId, body: MachineUpdate, access: OwnerDep, uow: UowDep
) -> MachinePublic:
    """Rename a machine or change its plates or arm (owner only)."""
    changed = machine_service.change_machine(uow, access.athlete.id, machine_id, _changes(body))
    return machine_public(changed)


@router.delete("/{machine_id}", status_code=204, responses=_ERRORS)
def remove_machine(machine_id: MachineId, access: OwnerDep, uow: UowDep) -> Response:
    """Remove a machine (owner only)."""
    machine_service.remove_machine(uow, access.athlete.id, machine_id)
    return Response(status_code=204)
