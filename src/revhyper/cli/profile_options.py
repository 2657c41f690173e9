"""The athlete-profile options shared by ``plan``, ``athlete add`` and ``athlete update``.

Declared once so the three commands accept the same spellings and show the same help.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from revhyper.domain.vocabulary import Equipment, Goal, Injury, Level


def _ids(kind: type[Goal] | type[Level] | type[Equipment] | type[Injury]) -> str:
    return ", ".join(member.value for member in kind)


GoalOption = Annotated[str | None, typer.Option(help=f"Goal: {_ids(Goal)}.")]
LevelOption = Annotated[str | None, typer.Option(help=f"Experience: {_ids(Level)}.")]
EquipmentOption = Annotated[
    list[str] | None,
    typer.Option("--equipment", help=f"Available equipment (repeat): {_ids(Equipment)}."),
]
InjuryOption = Annotated[
    list[str] | None,
    typer.Option("--injury", help=f"Injury history (repeat): {_ids(Injury)}."),
]
PainOption = Annotated[int | None, typer.Option(help="Current back pain, 0–10 [0].")]
MedicalCareOption = Annotated[
    bool | None,
    typer.Option(
        "--medical-care/--no-medical-care",
        help="Under medical care or recovering from an injury.",
    ),
]
ClearanceOption = Annotated[
    bool | None,
    typer.Option("--clearance/--no-clearance", help="A doctor has cleared the athlete."),
]
BodyMassOption = Annotated[
    float | None, typer.Option("--body-mass", help="Body mass [kg], 20–300.")
]
HeightOption = Annotated[float | None, typer.Option(help="Height [m], 1.0–2.5.")]
SexOption = Annotated[str | None, typer.Option(help="male or female (machine load estimate only).")]
KnownSetOption = Annotated[
    str | None,
    typer.Option("--known-set", help="A logged machine set LOADxREPS@RPE, e.g. 60x10@8."),
]
FloorCriterionOption = Annotated[
    bool | None,
    typer.Option(
        "--floor-criterion-met/--floor-criterion-not-met",
        help="Already does 15–20 controlled floor reps (novices skip the floor stage).",
    ),
]
UnitOption = Annotated[
    str | None,
    typer.Option("--unit", help="kg or lb: how loads are entered and shown (stored in kg) [kg]."),
]
PlatesOption = Annotated[
    str | None,
    typer.Option(
        "--plates",
        help="The plates the athlete has, SIZExCOPIES in --unit, e.g. 20x4,10x2,5x2,2.5x2,1.25x2 "
        "('gym' or default: a full gym set).",
    ),
]
ProfileFileOption = Annotated[
    Path | None,
    typer.Option("--profile", help="Profile file (TOML or JSON); options override it."),
]
