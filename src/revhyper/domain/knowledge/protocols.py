"""The seed's four goal protocols, as one table of data, plus our RPE/RIR reading of its load words.

Source of every number in ``PROTOCOLS``: the seed text (``shared/seed/000_32136873e1d48bdf.txt``,
section "How to Add the Reverse Hyperextension to your Routine"):

- strength: 3–4 sets of 8–10 reps, moderate to heavy load, never the maximal load or close to it,
  rest as needed;
- movement integrity: 3–4 sets of 8–10 reps, light to moderate load, controlled speed, focus on
  lifting and lowering;
- muscular endurance: 2–4 sets of 15–20 reps, light to moderate load, rest 30–45 s;
- muscular hypertrophy: 2–3 sets of 12–15 reps, moderate load, rest 45–90 s.

The seed gives no rest for movement integrity; we treat it as "as needed" (``None``), like strength.

``INTENSITY_TARGETS`` (RPE/RIR per load word) and ``MAX_PRESCRIBED_RPE`` are OUR rules, not the
seed's: the seed only says "light", "moderate", "heavy" and "never at or near maximal". We read
"never at or near maximal" as "always leave at least 2 reps in reserve" (RPE ≤ 8). RIR = 10 − RPE
(the reps-in-reserve RPE scale, Zourdos et al. 2016, J Strength Cond Res 30(1):267–275).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from revhyper.domain.vocabulary import Goal


class Intensity(StrEnum):
    """Load words, lightest first (the order matters: see ``lighter``)."""

    LIGHT = "light"
    LIGHT_TO_MODERATE = "light to moderate"
    MODERATE = "moderate"
    MODERATE_TO_HEAVY = "moderate to heavy"


_INTENSITY_ORDER: tuple[Intensity, ...] = tuple(Intensity)


def lighter(intensity: Intensity) -> Intensity:
    """The next lighter load word (``LIGHT`` stays ``LIGHT``)."""
    index = _INTENSITY_ORDER.index(intensity)
    return _INTENSITY_ORDER[max(0, index - 1)]


def at_most(intensity: Intensity, cap: Intensity) -> Intensity:
    """``intensity``, but no heavier than ``cap``."""
    return min(intensity, cap, key=_INTENSITY_ORDER.index)


@dataclass(frozen=True)
class RpeTarget:
    """A target effort band: RPE from ``rpe_low`` to ``rpe_high`` (RIR = 10 − RPE)."""

    rpe_low: float
    rpe_high: float

    @property
    def rir_low(self) -> float:
        """Fewest reps in reserve allowed (at ``rpe_high``)."""
        return 10.0 - self.rpe_high

    @property
    def rir_high(self) -> float:
        """Most reps in reserve (at ``rpe_low``)."""
        return 10.0 - self.rpe_low

    def describe(self) -> str:
        """E.g. ``"RPE 7–8 (2–3 reps in reserve)"``."""
        return (
            f"RPE {_num(self.rpe_low)}–{_num(self.rpe_high)} "
            f"({_num(self.rir_low)}–{_num(self.rir_high)} reps in reserve)"
        )


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


#: OUR mapping from the seed's load words to an effort band (not the seed's numbers).
INTENSITY_TARGETS: Mapping[Intensity, RpeTarget] = MappingProxyType(
    {
        Intensity.LIGHT: RpeTarget(5.0, 6.0),
        Intensity.LIGHT_TO_MODERATE: RpeTarget(6.0, 7.0),
        Intensity.MODERATE: RpeTarget(6.5, 7.5),
        Intensity.MODERATE_TO_HEAVY: RpeTarget(7.0, 8.0),
    }
)

#: OUR reading of the seed's "never at or near maximal": no prescription above RPE 8 (≥ 2 RIR).
MAX_PRESCRIBED_RPE = 8.0


@dataclass(frozen=True)
class GoalProtocol:
    """One goal's prescription, as the seed gives it.

    Attributes:
        goal: the goal id.
        sets: (fewest, most) sets per exercise.
        reps: (fewest, most) repetitions per set.
        rest_s: (shortest, longest) rest between sets [s], or None for "as needed".
        intensity: the load words.
        speed: how to move, in our words.
        constraint: a hard limit the seed sets (or None).
    """

    goal: Goal
    sets: tuple[int, int]
    reps: tuple[int, int]
    rest_s: tuple[int, int] | None
    intensity: Intensity
    speed: str
    constraint: str | None = None

    @property
    def effort(self) -> RpeTarget:
        """Our RPE/RIR target for this protocol's load words."""
        return INTENSITY_TARGETS[self.intensity]


#: The seed's four protocols (see the module docstring for the source of every value).
PROTOCOLS: Mapping[Goal, GoalProtocol] = MappingProxyType(
    {
        Goal.STRENGTH: GoalProtocol(
            goal=Goal.STRENGTH,
            sets=(3, 4),
            reps=(8, 10),
            rest_s=None,
            intensity=Intensity.MODERATE_TO_HEAVY,
            speed="controlled, never explosive; drive the lift with glutes and hamstrings",
            constraint="never use your maximal load or a load close to it",
        ),
        Goal.MOVEMENT_INTEGRITY: GoalProtocol(
            goal=Goal.MOVEMENT_INTEGRITY,
            sets=(3, 4),
            reps=(8, 10),
            rest_s=None,
            intensity=Intensity.LIGHT_TO_MODERATE,
            speed="controlled speed; attend to both the lift and the lowering",
        ),
        Goal.ENDURANCE: GoalProtocol(
            goal=Goal.ENDURANCE,
            sets=(2, 4),
            reps=(15, 20),
            rest_s=(30, 45),
            intensity=Intensity.LIGHT_TO_MODERATE,
            speed="steady and controlled, no momentum bursts",
        ),
        Goal.HYPERTROPHY: GoalProtocol(
            goal=Goal.HYPERTROPHY,
            sets=(2, 3),
            reps=(12, 15),
            rest_s=(45, 90),
            intensity=Intensity.MODERATE,
            speed="controlled, lowering under control",
        ),
    }
)


def protocol_for(goal: Goal) -> GoalProtocol:
    """The protocol of ``goal``."""
    return PROTOCOLS[goal]
