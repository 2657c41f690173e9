"""Property tests whose oracle is not the code under test.

Each expected value here comes from the rule as its source states it, written out again in the
test (the contract's fault table, the double-progression and NSCA 2-for-2 wording, Epley's
formula, a brute-force search over plate combinations, a signal whose reps are known by
construction), never from the module being tested.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revhyper.domain.loads import estimate_1rm, plates_for_load
from revhyper.domain.motion.faults import DEFAULT_THRESHOLDS, RepMeasures, rep_faults
from revhyper.domain.motion.form_result import Fault
from revhyper.domain.motion.reps import find_rep_peaks
from revhyper.domain.programming.progression import (
    LoadDecision,
    double_progression,
    two_for_two_met,
)

# --------------------------------------------------------------------------- the fault table


def _contract_faults(rep: RepMeasures) -> tuple[Fault, ...]:
    """shared/contracts/keypoints.md, fault table, in its order (no prescription)."""
    expected = []
    if rep.top_angle_deg < -10.0:
        expected.append(Fault.SHORT_ROM)
    if rep.top_angle_deg > 20.0:
        expected.append(Fault.OVER_EXTENSION)
    if rep.trunk_change_deg > 8.0:
        expected.append(Fault.TORSO_LIFT)
    if rep.knee_flexion_top_deg > 25.0:
        expected.append(Fault.KNEE_BEND)
    if rep.eccentric_s < 0.5:
        expected.append(Fault.UNCONTROLLED_DESCENT)
    return tuple(expected)


#: Values on, and a hair either side of, every threshold, plus anything in the plausible range.
def _near(*edges: float) -> st.SearchStrategy[float]:
    hairs = [edge + delta for edge in edges for delta in (-1e-6, 0.0, 1e-6)]
    return st.one_of(st.sampled_from(hairs), st.floats(min(edges) - 30, max(edges) + 30))


@settings(max_examples=300)
@given(
    top=_near(-10.0, 20.0),
    trunk=_near(8.0),
    knee=_near(25.0),
    eccentric=_near(0.5).filter(lambda s: s >= 0),
)
def test_rep_faults_follow_the_contract_fault_table(top, trunk, knee, eccentric):
    rep = RepMeasures(top, trunk, knee, 1.0, 0.5, eccentric)
    assert rep_faults(rep, DEFAULT_THRESHOLDS) == _contract_faults(rep)


# --------------------------------------------------------------------------- progression

rep_lists = st.lists(st.integers(0, 30), min_size=1, max_size=6)
ranges = st.tuples(st.integers(1, 20), st.integers(0, 10)).map(lambda t: (t[0], t[0] + t[1]))


@given(reps=rep_lists, rep_range=ranges)
def test_double_progression_follows_its_stated_rule(reps, rep_range):
    low, high = rep_range
    # "Every set at the top of the range -> increase; the best set below the bottom ->
    # decrease; otherwise keep."
    every_set_at_top = all(r >= high for r in reps)
    best_below_bottom = not any(r >= low for r in reps)
    if every_set_at_top:
        expected = LoadDecision.INCREASE
    elif best_below_bottom:
        expected = LoadDecision.DECREASE
    else:
        expected = LoadDecision.KEEP
    assert double_progression(reps, rep_range) is expected


@given(
    workouts=st.lists(st.lists(st.integers(0, 30), max_size=4), max_size=5), goal=st.integers(1, 25)
)
def test_two_for_two_follows_the_nsca_wording(workouts, goal):
    # "Two or more reps over the rep goal in the last set, in two consecutive workouts."
    done = [w for w in workouts if w]
    expected = len(done) >= 2 and done[-1][-1] - goal >= 2 and done[-2][-1] - goal >= 2
    assert two_for_two_met(workouts, goal) is expected


# --------------------------------------------------------------------------- loads


@given(load=st.floats(1.0, 300.0), reps=st.integers(2, 30))
def test_e1rm_follows_the_published_formulas(load, reps):
    # As tabulated by LeSuer et al. (1997): Epley (1985) 1RM = w (1 + 0.0333 r);
    # Brzycki (1993) 1RM = 100 w / (102.78 - 2.78 r).
    assert estimate_1rm(load, reps, "epley") == pytest.approx(load * (1 + 0.0333 * reps))
    assert estimate_1rm(load, reps, "brzycki") == pytest.approx(100 * load / (102.78 - 2.78 * reps))


@given(load=st.floats(1.0, 300.0))
def test_a_single_rep_is_its_own_one_rep_max(load):
    assert estimate_1rm(load, 1, "epley") == load
    assert estimate_1rm(load, 1, "brzycki") == load


def _best_total_by_brute_force(target_kg: float, plates: tuple[float, ...], most: int) -> float:
    """The heaviest total of up to ``most`` copies of each plate not above the target [kg]."""
    best = 0.0
    for copies in itertools.product(range(most + 1), repeat=len(plates)):
        total = sum(c * p for c, p in zip(copies, plates, strict=True))
        if total <= target_kg + 1e-9:
            best = max(best, total)
    return best


@settings(max_examples=60)
@given(
    target=st.integers(1, 400).map(lambda quarter_kg: quarter_kg / 4),
    plates=st.sampled_from([(20.0, 5.0, 2.5), (10.0, 2.5, 1.25), (15.0, 10.0), (5.0, 1.25)]),
)
def test_plates_reach_the_heaviest_total_a_brute_force_search_finds(target, plates):
    most = 3
    solution = plates_for_load(target, plates_kg=plates, counts=dict.fromkeys(plates, most))
    assert solution.achieved_kg == pytest.approx(_best_total_by_brute_force(target, plates, most))
    assert solution.achieved_kg <= target + 1e-9
    assert all(solution.plates_kg.count(p) <= most for p in plates)


# --------------------------------------------------------------------------- rep counting


@settings(max_examples=60)
@given(
    rises=st.lists(st.floats(5.0, 80.0), min_size=0, max_size=6),
    bottom=st.floats(-110.0, -70.0),
)
def test_the_reps_counted_are_the_rises_of_at_least_30_degrees(rises, bottom):
    """Each rise starts and ends at the same bottom, so its prominence is the rise itself:
    a rep is counted exactly when the rise is 30 deg or more (the contract)."""
    samples = [np.full(30, bottom)]
    for rise in rises:
        samples += [
            bottom + rise * np.linspace(0, 1, 40)[1:],
            bottom + rise * np.linspace(1, 0, 40)[1:],
        ]
        samples.append(np.full(30, bottom))
    angle = np.concatenate(samples)
    expected = sum(1 for rise in rises if rise >= 30.0)
    assert len(find_rep_peaks(angle)) == expected
