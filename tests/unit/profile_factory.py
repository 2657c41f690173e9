"""The athlete most unit tests start from: intermediate, a reverse-hyper machine, strength goal.

``intermediate_on_a_machine(goal=Goal.HYPERTROPHY, known_set=...)`` changes any field; the
profile checks and normalises the changed values as it does for a user's.
"""

from __future__ import annotations

from revhyper.domain.programming.athlete import Profile
from revhyper.domain.vocabulary import Equipment, Goal, Level


def intermediate_on_a_machine(**changes: object) -> Profile:
    """An intermediate strength athlete with a machine, with ``changes`` applied."""
    values: dict[str, object] = {
        "level": Level.INTERMEDIATE,
        "equipment": frozenset({Equipment.MACHINE}),
        "goal": Goal.STRENGTH,
    }
    values.update(changes)
    return Profile(**values)  # type: ignore[arg-type]
