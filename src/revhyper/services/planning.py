"""Use case: profile (file and/or options) → screening → plan.

Options given on the command line override the same fields of the profile file; fields given
nowhere take the defaults below. Screening runs before planning: a refusal raises
``ScreeningRefusalError`` with why and what to do, and no plan is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from revhyper.adapters.profile_file import read_profile_file
from revhyper.domain.errors import InvalidInputError, ScreeningRefusalError
from revhyper.domain.plates import PlateInventory, parse_inventory
from revhyper.domain.programming.athlete import Profile, ScreeningResult, parse_known_set, screen
from revhyper.domain.programming.planner import Plan, generate_plan
from revhyper.domain.training.log import parse_date
from revhyper.domain.units import MassUnit, parse_unit
from revhyper.domain.vocabulary import Equipment, Goal, Level

#: Plan length and frequency when neither the options nor the file give them.
DEFAULT_WEEKS = 4
DEFAULT_DAYS_PER_WEEK = 3


@dataclass(frozen=True)
class PlanRequest:
    """What a person asked for; None (or empty) means "not given here".

    Field names match the ``plan`` options and the profile file keys.
    """

    goal: str | None = None
    level: str | None = None
    equipment: tuple[str, ...] = ()
    injury: tuple[str, ...] = ()
    pain: int | None = None
    medical_care: bool | None = None
    clearance: bool | None = None
    body_mass: float | None = None
    height: float | None = None
    sex: str | None = None
    known_set: str | None = None
    floor_criterion_met: bool | None = None
    unit: str | None = None
    plates: str | None = None
    name: str | None = None
    weeks: int | None = None
    days_per_week: int | None = None
    start: str | None = None
    profile: Path | None = None


def merged_fields(request: PlanRequest) -> dict[str, Any]:
    """The profile file's fields overridden by every option that was given."""
    fields: dict[str, Any] = read_profile_file(request.profile) if request.profile else {}
    for name, value in vars(request).items():
        if name == "profile":
            continue
        if value is None or value == ():
            continue
        fields[name] = list(value) if isinstance(value, tuple) else value
    return fields


def profile_from_fields(fields: dict[str, Any]) -> Profile:
    """A checked ``Profile`` from merged fields (InvalidInputError on anything wrong)."""
    _require(fields, "goal", Goal)
    _require(fields, "level", Level)
    _require(fields, "equipment", Equipment)
    unit = parse_unit(fields.get("unit") or "kg")
    known = fields.get("known_set")
    plates = fields.get("plates")
    return Profile(
        level=fields["level"],
        equipment=frozenset(fields["equipment"]),
        goal=fields["goal"],
        body_mass_kg=fields.get("body_mass"),
        height_m=fields.get("height"),
        sex=fields.get("sex"),
        injuries=frozenset(fields.get("injury", ())),
        back_pain=fields.get("pain", 0),
        under_medical_care=bool(fields.get("medical_care", False)),
        medical_clearance=bool(fields.get("clearance", False)),
        known_set=parse_known_set(known, unit) if known else None,
        floor_criterion_met=bool(fields.get("floor_criterion_met", False)),
        name=str(fields.get("name") or "athlete"),
        unit=unit,
        plates=_plates(plates, unit),
    )


#: ``--plates`` word for "a full gym set" (clears a stored inventory).
GYM_PLATES_WORD = "gym"


def _plates(text: str | None, unit: MassUnit) -> PlateInventory | None:
    if not text or text.strip().lower() == GYM_PLATES_WORD:
        return None
    return parse_inventory(text, unit)


def _require(fields: dict[str, Any], name: str, kind: type[Any]) -> None:
    if fields.get(name):
        return
    allowed = ", ".join(member.value for member in kind)
    option = name.replace("_", "-")
    raise InvalidInputError(
        f"missing {name}: give --{option} (or {option} in the profile file): allowed {allowed}"
    )


def parse_start(text: str | None, today: date) -> date:
    """An ISO date (``YYYY-MM-DD``, or ``today``/``yesterday``); ``today`` when not given."""
    if text is None:
        return today
    return parse_date(text, "start", today)


def screen_or_refuse(profile: Profile) -> ScreeningResult:
    """The screening result; ``ScreeningRefusalError`` (why, what to do) when refused."""
    result = screen(profile)
    if result.refused:
        raise ScreeningRefusalError(result.refusal_message())
    return result


def make_plan(request: PlanRequest, today: date | None = None) -> Plan:
    """Merge options over the profile file, screen, and generate the plan."""
    fields = merged_fields(request)
    profile = profile_from_fields(fields)
    screen_or_refuse(profile)
    start = parse_start(fields.get("start"), today or date.today())
    return generate_plan(
        profile,
        weeks=fields.get("weeks", DEFAULT_WEEKS),
        days_per_week=fields.get("days_per_week", DEFAULT_DAYS_PER_WEEK),
        start=start,
    )


#: The demo's sample athlete (a made-up person): a novice past the floor stage, training for
#: hypertrophy on a machine, with a bench and bands, who logged 40 kg × 12 @ RPE 7.
SAMPLE_ATHLETE = PlanRequest(
    name="Sam (sample athlete)",
    goal=Goal.HYPERTROPHY.value,
    level=Level.NOVICE.value,
    equipment=(Equipment.MACHINE.value, Equipment.BENCH.value, Equipment.BANDS.value),
    body_mass=78.0,
    height=1.78,
    known_set="40x12@7",
    floor_criterion_met=True,
    weeks=4,
    days_per_week=3,
)


def demo_plan(today: date | None = None, name: str | None = None) -> Plan:
    """The sample athlete's plan, starting on the Monday of the current week (under another
    ``name`` for the server's demo athlete)."""
    day = today or date.today()
    monday = day - timedelta(days=day.weekday())
    changes = {"start": monday.isoformat(), **({"name": name} if name else {})}
    request = PlanRequest(**{**vars(SAMPLE_ATHLETE), **changes})
    return make_plan(request, today=day)
