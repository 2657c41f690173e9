"""Request and answer documents of an athlete's machines and their plates."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from revhyper.web.schemas import Public, Strict, UtcTime

#: What an empty swing arm may count for [kg].
MAX_ARM_KG = 200.0

_PLATES = (
    "The plates as SIZExCOPIES text in the athlete's unit, e.g. 20x4,10x2,5x2 (a size alone: "
    "as many as needed; a unit after the list, e.g. 45x2 lb, names another)."
)


class MachineCreate(Strict):
    """A new machine in the athlete's gym."""

    name: str = Field(min_length=1, max_length=60, description="E.g. 'Rogue, back room'.")
    plates: str = Field(min_length=1, max_length=400, description=_PLATES)
    arm_kg: float = Field(default=0.0, ge=0, le=MAX_ARM_KG, description="The empty arm [kg].")


class MachineUpdate(Strict):
    """Fields of a machine to change."""

    name: str | None = Field(default=None, min_length=1, max_length=60)
    plates: str | None = Field(default=None, min_length=1, max_length=400, description=_PLATES)
    arm_kg: float | None = Field(default=None, ge=0, le=MAX_ARM_KG, description="[kg].")


class PlateCountPublic(Public):
    size: float = Field(description="The plate's size, in the inventory's unit.")
    copies: int | None = Field(description="How many there are; null: as many as needed.")


class MachinePublic(Public):
    """A machine and its plates (sizes in the unit they are labelled)."""

    id: int
    name: str
    unit: Literal["kg", "lb"] = Field(description="The plates' unit.")
    plates: list[PlateCountPublic] = Field(description="Heaviest first.")
    plates_text: str = Field(description="The plates as SIZExCOPIES text, in ``unit``.")
    arm_kg: float = Field(description="What the empty arm counts for [kg].")
    created_at: UtcTime


class MachineList(Public):
    items: list[MachinePublic]
    total: int
