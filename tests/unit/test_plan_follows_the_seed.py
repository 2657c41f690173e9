"""Generated plans against the seed's protocol numbers, written out here (not read from the
table the planner reads), so that a wrong number in ``PROTOCOLS`` or a planner that reads the
wrong field of it fails.

Seed (shared/seed/000_32136873e1d48bdf.txt), "How to Add the Reverse Hyperextension to your
Routine":
- "Strength Training ... three to four sets with eight to 10 reps; rest as needed here."
- "Movement Integrity ... three to four sets with eight to 10 repetitions in each set with a
  light to moderate load."
- "Muscle Endurance ... two to four sets with 15 to 20 reps. Rest only for 30 to 45 seconds"
- "Muscular Hypertrophy ... two to three sets with 12 to 15 reps. Your rest periods should be
  anywhere from 45 to 90 seconds."
- Beginners: floor work, "15 to 20 reps before moving on to do reverse hyperextension on a
  bench".
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.knowledge.protocols import INTENSITY_TARGETS, Intensity
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.programming.planner import BlockRole, generate_plan
from revhyper.domain.vocabulary import Equipment, Goal, Level

#: goal: (fewest sets, most sets), (fewest reps, most reps), rest [s] or None ("as needed").
SEED_PROTOCOLS = {
    Goal.STRENGTH: ((3, 4), (8, 10), None),
    Goal.MOVEMENT_INTEGRITY: ((3, 4), (8, 10), None),
    Goal.ENDURANCE: ((2, 4), (15, 20), (30, 45)),
    Goal.HYPERTROPHY: ((2, 3), (12, 15), (45, 90)),
}


def _goal_blocks(goal: Goal, weeks: int = 8, days: int = 2, level: Level = Level.INTERMEDIATE):
    profile = Profile(level=level, equipment=frozenset({Equipment.MACHINE}), goal=goal)
    plan = generate_plan(profile, weeks, days)
    return [
        (week.number, block)
        for week in plan.weeks
        for session in week.sessions
        for block in session.blocks
        if block.role is BlockRole.MAIN
    ]


def test_a_hypertrophy_plan_prescribes_two_to_three_sets_of_twelve_to_fifteen():
    blocks = _goal_blocks(Goal.HYPERTROPHY)
    assert blocks
    for _, block in blocks:
        assert block.reps == (12, 15)
        assert block.sets in (2, 3)
        assert block.rest_s == (45, 90)
        assert block.follows == "hypertrophy"
    # The sets climb one a week from the fewest to the most, the 4th week a deload at 2.
    first_day = {week: block.sets for week, block in blocks}
    assert [first_day[w] for w in range(1, 9)] == [2, 3, 3, 2, 2, 3, 3, 2]


@pytest.mark.parametrize("goal", list(Goal))
def test_every_main_block_of_a_trained_athlete_stays_inside_the_seed_protocol(goal):
    (fewest_sets, most_sets), reps, rest_s = SEED_PROTOCOLS[goal]
    blocks = _goal_blocks(goal, weeks=5)
    sets_seen = {block.sets for _, block in blocks}
    for _, block in blocks:
        assert block.reps == reps
        assert block.rest_s == rest_s
    assert min(sets_seen) == fewest_sets
    assert max(sets_seen) == most_sets


@settings(max_examples=25, deadline=None)
@given(
    goal=st.sampled_from(list(Goal)),
    weeks=st.integers(1, 12),
    days=st.integers(1, 6),
    level=st.sampled_from([Level.INTERMEDIATE, Level.ADVANCED]),
)
def test_trained_athletes_always_get_the_seed_numbers(goal, weeks, days, level):
    (fewest_sets, most_sets), (fewest_reps, most_reps), rest_s = SEED_PROTOCOLS[goal]
    for _, block in _goal_blocks(goal, weeks, days, level):
        assert fewest_sets <= block.sets <= most_sets
        assert block.reps == (fewest_reps, most_reps)
        assert block.rest_s == rest_s


def test_a_new_athlete_starts_with_fifteen_to_twenty_floor_reps():
    blocks = _goal_blocks(Goal.HYPERTROPHY, weeks=1, days=1, level=Level.NEW)
    assert blocks
    for _, block in blocks:
        assert block.reps == (15, 20)
        assert block.variation.startswith("floor-")


def test_a_moderate_load_reads_as_rpe_six_and_a_half_to_seven_and_a_half():
    # OUR reading of "moderate" (domain/knowledge/protocols.py); RIR = 10 - RPE (Zourdos et al.
    # 2016).
    assert INTENSITY_TARGETS[Intensity.MODERATE].describe() == (
        "RPE 6.5–7.5 (2.5–3.5 reps in reserve)"
    )
    assert INTENSITY_TARGETS[Intensity.LIGHT].describe() == "RPE 5–6 (4–5 reps in reserve)"
