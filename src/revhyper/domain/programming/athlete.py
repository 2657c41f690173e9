"""The athlete's profile, checked on construction, and the seed's screening rule.

Screening (seed, "Advice for Beginners" and the closing paragraph): consult a doctor before adding
the exercise, especially with previous injuries; if you are under regular medical care or
recovering from an injury, talk to your doctor first. Our rule from that: an injury history,
current back pain above 0, or ongoing medical care requires a doctor's clearance. Without it no
plan is issued; with it the plan starts conservatively (light loads, movement-integrity work
first) and says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.plates import PlateInventory, standard_inventory
from revhyper.domain.units import MassUnit, format_load, parse_load, parse_unit
from revhyper.domain.vocabulary import Equipment, Goal, Injury, Level


class Sex(StrEnum):
    """Used only to pick body-segment proportions for the machine's load estimate."""

    MALE = "male"
    FEMALE = "female"


#: Allowed ranges of profile numbers, in one place: (low, high, unit).
PROFILE_LIMITS: dict[str, tuple[float, float, str]] = {
    "body mass": (20.0, 300.0, "kg"),
    "height": (1.0, 2.5, "m"),
    "pain": (0, 10, ""),
    "known set load": (1.0, 500.0, "kg"),
    "known set reps": (1, 20, ""),
    "known set RPE": (5.0, 10.0, ""),
}

#: The pain scale's top; pain is asked as a whole number 0–10.
MAX_PAIN = 10

_E = TypeVar("_E", bound=StrEnum)


def parse_choice(kind: type[_E], value: object, label: str) -> _E:
    """``kind(value)`` or ``InvalidInputError`` naming the value and the allowed ids."""
    if isinstance(value, kind):
        return value
    try:
        return kind(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidInputError(f"unknown {label} {value!r}: allowed {allowed}") from None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def check_limit(name: str, value: object, whole: bool = False) -> float:
    """``value`` as a number inside ``PROFILE_LIMITS[name]``, else ``InvalidInputError``."""
    low, high, unit = PROFILE_LIMITS[name]
    shown_unit = f" {unit}" if unit else ""
    allowed = f"allowed {_fmt(low)}–{_fmt(high)}{shown_unit}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(f"{name} must be a number, got {value!r}: {allowed}")
    if not math.isfinite(value) or not low <= value <= high:
        raise InvalidInputError(f"{name} {value!r}{shown_unit} is out of range: {allowed}")
    if whole and not float(value).is_integer():
        raise InvalidInputError(f"{name} must be a whole number, got {value!r}: {allowed}")
    return float(value)


@dataclass(frozen=True)
class KnownSet:
    """A set the athlete has done on the reverse hyper machine: load × reps @ RPE.

    Attributes:
        load_kg: plates on the swing arm [kg].
        reps: repetitions done.
        rpe: how hard it was, 5–10 (RIR = 10 − RPE).
    """

    load_kg: float
    reps: int
    rpe: float

    def __post_init__(self) -> None:
        check_limit("known set load", self.load_kg)
        check_limit("known set reps", self.reps, whole=True)
        check_limit("known set RPE", self.rpe)
        if (self.rpe * 2) != int(self.rpe * 2):
            raise InvalidInputError(f"known set RPE {self.rpe!r} must be in steps of 0.5")

    def describe(self, unit: MassUnit = MassUnit.KG) -> str:
        """E.g. ``"60 kg × 10 @ RPE 8"`` (the load in ``unit``)."""
        return f"{format_load(self.load_kg, unit)} × {self.reps} @ RPE {_fmt(self.rpe)}"

    def as_text(self) -> str:
        """The set as ``--known-set`` text with an explicit unit: ``"60kgx10@8"``."""
        return f"{self.load_kg!r}kgx{self.reps}@{_fmt(self.rpe)}"


def parse_known_set(text: str, unit: MassUnit = MassUnit.KG) -> KnownSet:
    """Read ``"LOADxREPS@RPE"`` (e.g. ``"60x10@8"``) into a ``KnownSet``.

    The load is in ``unit`` unless it names its own (``130lbx10@8``, ``60kgx10@8``).
    """
    cleaned = str(text).strip().lower().replace(" ", "").replace("×", "x")
    try:
        load_text, rest = cleaned.split("x", 1)
        reps_text, rpe_text = rest.split("@", 1)
        load_kg = parse_load(load_text, unit, what="known set load")
        return KnownSet(load_kg, int(reps_text), float(rpe_text))
    except ValueError as error:
        if isinstance(error, InvalidInputError) and "known set" in str(error):
            raise
        raise InvalidInputError(
            f"known set {text!r} is not LOADxREPS@RPE: write e.g. 60x10@8 "
            f"({unit.value} unless the load names its unit, reps, RPE 5–10)"
        ) from None


@dataclass(frozen=True)
class Profile:
    """Who the plan is for. Construction checks every value and raises ``InvalidInputError``.

    Attributes:
        level: training experience.
        equipment: what the athlete can train on (at least one item).
        goal: the goal protocol wanted.
        body_mass_kg: body mass [kg], 20–300, or None.
        height_m: standing height [m], 1.0–2.5, or None.
        sex: for body-segment proportions only, or None.
        injuries: injury history.
        back_pain: current back pain, whole number 0–10.
        under_medical_care: under regular medical care or recovering from an injury.
        medical_clearance: a doctor (or physiotherapist) has cleared the athlete for this exercise.
        known_set: a logged machine set, if any; it lets the plan give kilograms.
        floor_criterion_met: a novice who can already do 15–20 controlled floor reps.
        name: how to address the athlete in output.
        unit: the unit loads are entered and shown in (stored loads are always kg).
        plates: the plates the athlete has, or ``None`` for a full gym set in ``unit``.
    """

    level: Level
    equipment: frozenset[Equipment]
    goal: Goal
    body_mass_kg: float | None = None
    height_m: float | None = None
    sex: Sex | None = None
    injuries: frozenset[Injury] = field(default_factory=frozenset)
    back_pain: int = 0
    under_medical_care: bool = False
    medical_clearance: bool = False
    known_set: KnownSet | None = None
    floor_criterion_met: bool = False
    name: str = "athlete"
    unit: MassUnit = MassUnit.KG
    plates: PlateInventory | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "unit", parse_unit(self.unit))
        set_(self, "level", parse_choice(Level, self.level, "level"))
        set_(self, "goal", parse_choice(Goal, self.goal, "goal"))
        set_(self, "equipment", _parse_many(Equipment, self.equipment, "equipment"))
        set_(self, "injuries", _parse_many(Injury, self.injuries, "injury"))
        if self.sex is not None:
            set_(self, "sex", parse_choice(Sex, self.sex, "sex"))
        if not self.equipment:
            allowed = ", ".join(item.value for item in Equipment)
            raise InvalidInputError(f"no equipment given: name at least one of {allowed}")
        if self.body_mass_kg is not None:
            set_(self, "body_mass_kg", check_limit("body mass", self.body_mass_kg))
        if self.height_m is not None:
            set_(self, "height_m", check_limit("height", self.height_m))
        set_(self, "back_pain", int(check_limit("pain", self.back_pain, whole=True)))

    @property
    def inventory(self) -> PlateInventory:
        """The plates loads are made from: the athlete's own, or a full gym set in their unit."""
        return self.plates if self.plates is not None else standard_inventory(self.unit)

    @property
    def is_beginner(self) -> bool:
        """New athletes, and novices who have not met the floor criterion, start on the floor."""
        if self.level is Level.NEW:
            return True
        return self.level is Level.NOVICE and not self.floor_criterion_met


def _parse_many(kind: type[_E], values: Iterable[object], label: str) -> frozenset[_E]:
    if isinstance(values, str):
        values = [values]
    return frozenset(parse_choice(kind, value, label) for value in values)


@dataclass(frozen=True)
class ScreeningResult:
    """What screening found.

    Attributes:
        reasons: why clearance is needed (empty when it is not).
        cleared: the athlete has a doctor's clearance.
    """

    reasons: tuple[str, ...]
    cleared: bool

    @property
    def needs_clearance(self) -> bool:
        """Injury history, pain or medical care was reported."""
        return bool(self.reasons)

    @property
    def refused(self) -> bool:
        """No plan may be issued: clearance is needed but missing."""
        return self.needs_clearance and not self.cleared

    @property
    def conservative_start(self) -> bool:
        """Cleared after a reason to screen: start light, movement-integrity work first."""
        return self.needs_clearance and self.cleared

    def refusal_message(self) -> str:
        """Why no plan is issued and what to do, in one line."""
        why = "; ".join(self.reasons)
        return (
            f"no plan issued: a doctor's clearance is needed first because of {why}. "
            "What to do: see a doctor or physiotherapist about reverse hyperextensions, "
            "then rerun with --clearance once they agree"
        )


def screen(profile: Profile) -> ScreeningResult:
    """Apply the seed's rule: injury history, pain above 0 or medical care need clearance."""
    reasons: list[str] = []
    if profile.injuries:
        kinds = ", ".join(sorted(injury.value for injury in profile.injuries))
        reasons.append(f"injury history ({kinds})")
    if profile.back_pain > 0:
        reasons.append(f"current back pain {profile.back_pain}/{MAX_PAIN}")
    if profile.under_medical_care:
        reasons.append("ongoing medical care or recovery from an injury")
    return ScreeningResult(reasons=tuple(reasons), cleared=profile.medical_clearance)
