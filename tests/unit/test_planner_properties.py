"""Properties of every generated plan, for random valid profiles (Hypothesis).

- Screening: a plan is refused exactly when injury, pain or medical care is reported and the
  athlete has no clearance.
- Protocol: every main block that follows the goal protocol stays inside its sets, reps and rest
  (seed table); the documented exceptions are the beginner path (floor/bench, 15–20 reps) and
  the conservative start (movement-integrity work at light load).
- Equipment: every block's variation can be done with the athlete's equipment (plus the floor).
- Effort: no block asks for more than RPE 8.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.errors import ScreeningRefusalError
from revhyper.domain.knowledge.protocols import (
    MAX_PRESCRIBED_RPE,
    PROTOCOLS,
    GoalProtocol,
    Intensity,
)
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.programming.planner import (
    BEGINNER_PATH_RULE,
    CONSERVATIVE_WEEKS,
    PATH_REPS,
    PATH_SETS,
    BlockRole,
    available_equipment,
    can_do,
    generate_plan,
)
from revhyper.domain.vocabulary import Equipment, Goal, Injury, Level

known_sets = st.builds(
    KnownSet,
    load_kg=st.floats(5.0, 200.0).map(lambda kg: round(kg * 2) / 2),
    reps=st.integers(1, 20),
    rpe=st.sampled_from([6.0, 7.0, 7.5, 8.0, 9.0, 10.0]),
)

profiles = st.builds(
    Profile,
    level=st.sampled_from(Level),
    equipment=st.frozensets(st.sampled_from(Equipment), min_size=1),
    goal=st.sampled_from(Goal),
    body_mass_kg=st.one_of(st.none(), st.floats(40.0, 150.0)),
    height_m=st.one_of(st.none(), st.floats(1.4, 2.1)),
    sex=st.sampled_from([None, "male", "female"]),
    injuries=st.frozensets(st.sampled_from(Injury), max_size=2),
    back_pain=st.integers(0, 10),
    under_medical_care=st.booleans(),
    medical_clearance=st.booleans(),
    known_set=st.one_of(st.none(), known_sets),
    floor_criterion_met=st.booleans(),
)


def _needs_clearance(profile: Profile) -> bool:
    return bool(profile.injuries) or profile.back_pain > 0 or profile.under_medical_care


def _within(protocol: GoalProtocol, sets: int, reps: object, rest: object) -> bool:
    low_sets, high_sets = protocol.sets
    if not isinstance(reps, tuple):
        return False
    return (
        low_sets <= sets <= high_sets
        and protocol.reps[0] <= reps[0] <= reps[1] <= protocol.reps[1]
        and rest == protocol.rest_s
    )


@settings(max_examples=40, deadline=None)
@given(profile=profiles, weeks=st.integers(1, 14), days=st.integers(1, 6))
def test_every_plan_respects_screening_protocol_equipment_and_effort(
    profile: Profile, weeks: int, days: int
) -> None:
    refused = _needs_clearance(profile) and not profile.medical_clearance
    try:
        plan = generate_plan(profile, weeks, days)
    except ScreeningRefusalError:
        assert refused
        return
    assert not refused
    conservative = _needs_clearance(profile)
    have = available_equipment(profile)
    assert have - {Equipment.FLOOR} <= profile.equipment
    for week in plan.weeks:
        assert len(week.sessions) == days
        for session in week.sessions:
            assert session.blocks[0].role is BlockRole.WARMUP
            assert session.blocks[-1].role is BlockRole.COOLDOWN
            for block in session.blocks:
                assert can_do(block.variation, have), block
                if block.role is not BlockRole.MAIN:
                    continue
                assert block.effort is not None
                assert block.effort.rpe_high <= MAX_PRESCRIBED_RPE
                if block.follows == BEGINNER_PATH_RULE:
                    assert profile.is_beginner
                    assert block.reps == PATH_REPS
                    assert PATH_SETS[0] <= block.sets <= PATH_SETS[1]
                    continue
                goal = Goal(block.follows)
                assert goal is profile.goal or (goal is Goal.MOVEMENT_INTEGRITY and conservative), (
                    block
                )
                assert _within(PROTOCOLS[goal], block.sets, block.reps, block.rest_s), block
                if conservative and week.number <= CONSERVATIVE_WEEKS:
                    assert goal is Goal.MOVEMENT_INTEGRITY
                    assert block.load.startswith(Intensity.LIGHT.value + ",") or (
                        "body weight; light," in block.load
                    )
