"""Progression rules, pure and small: double progression, load steps, "2-for-2", deload weeks.

Sources:
- Load steps of 2–10 %: American College of Sports Medicine (2009), "Progression models in
  resistance training for healthy adults", Med Sci Sports Exerc 41(3):687–708 — once the current
  load can be done for 1–2 reps beyond the target on two consecutive sessions, raise it 2–10 %.
- "2-for-2": Baechle T.R. & Earle R.W. (eds), Essentials of Strength Training and Conditioning
  (NSCA), 3rd ed. 2008, chapter on program design: when the athlete does two or more reps over the
  rep goal in the last set in two consecutive workouts, increase the load.

OUR rules (not from a source): a default step of 5 %; every prescribed load rounded down to one
the athlete's plates make (``revhyper.domain.plates``; in a kilogram gym the smallest common
plate is ``LOAD_ROUNDING_KG``, 1.25 kg); double progression inside the protocol's rep range; a
deload every 4th week (fewest sets of the protocol, one load word lighter); within a 4-week cycle
the sets climb by one per week from the protocol's fewest to its most.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError

#: ACSM (2009): allowed load increase per step, as a fraction of the current load.
ACSM_LOAD_STEP_RANGE: tuple[float, float] = (0.02, 0.10)

#: OUR default step inside the ACSM range.
DEFAULT_LOAD_STEP = 0.05

#: The smallest plate of a kilogram gym's set [kg] (``plates.STANDARD_KG_PLATES``): the load
#: step of an athlete with no plate inventory of their own. Prescribed loads are rounded to what
#: the athlete's plates make, which is a multiple of this for that set.
LOAD_ROUNDING_KG = 1.25

#: NSCA "2-for-2": reps over the goal, in the last set, in this many consecutive workouts.
TWO_FOR_TWO_EXTRA_REPS = 2
TWO_FOR_TWO_WORKOUTS = 2

#: OUR deload rule: every 4th week is a deload week.
DELOAD_EVERY_WEEKS = 4


class LoadDecision(StrEnum):
    """What to do with the load next session."""

    INCREASE = "increase"
    KEEP = "keep"
    DECREASE = "decrease"


def next_load_kg(load_kg: float, step: float = DEFAULT_LOAD_STEP) -> float:
    """The load after one progression step [kg]; ``step`` must lie in ACSM's 2–10 %."""
    low, high = ACSM_LOAD_STEP_RANGE
    if not low <= step <= high:
        raise InvalidInputError(
            f"load step {step:g} is out of range: allowed {low:.2f}–{high:.2f} (ACSM 2–10 %)"
        )
    if not math.isfinite(load_kg) or load_kg < 0:
        raise InvalidInputError(f"load {load_kg!r} kg is out of range: allowed 0 kg or more")
    return load_kg * (1.0 + step)


def double_progression(reps_per_set: Sequence[int], rep_range: tuple[int, int]) -> LoadDecision:
    """Double progression: add reps inside the range, add load once every set reaches the top.

    Every set at the top of ``rep_range`` → increase the load; the best set below the bottom of
    the range → decrease; otherwise keep the load and add reps.
    """
    low, high = rep_range
    if not reps_per_set:
        raise InvalidInputError("no sets given: double progression needs at least one set")
    if all(reps >= high for reps in reps_per_set):
        return LoadDecision.INCREASE
    if max(reps_per_set) < low:
        return LoadDecision.DECREASE
    return LoadDecision.KEEP


def two_for_two_met(workouts: Sequence[Sequence[int]], rep_goal: int) -> bool:
    """NSCA "2-for-2": the last set beat ``rep_goal`` by 2+ reps in each of the last 2 workouts.

    ``workouts`` are the reps of each set of one exercise, one sequence per workout, oldest first.
    """
    recent = [sets for sets in workouts if sets][-TWO_FOR_TWO_WORKOUTS:]
    if len(recent) < TWO_FOR_TWO_WORKOUTS:
        return False
    return all(sets[-1] >= rep_goal + TWO_FOR_TWO_EXTRA_REPS for sets in recent)


def is_deload_week(week: int) -> bool:
    """OUR rule: weeks 4, 8, 12, … are deload weeks."""
    return week % DELOAD_EVERY_WEEKS == 0


def cycle_of(week: int) -> int:
    """Which 4-week cycle ``week`` (1-based) falls in, 0-based."""
    return (week - 1) // DELOAD_EVERY_WEEKS


def sets_for_week(week: int, sets_range: tuple[int, int]) -> int:
    """Sets for ``week``: climb one a week from the fewest to the most; fewest on deload weeks."""
    fewest, most = sets_range
    if is_deload_week(week):
        return fewest
    position = (week - 1) % DELOAD_EVERY_WEEKS
    return min(most, fewest + position)
