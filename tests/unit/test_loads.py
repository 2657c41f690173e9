"""Load maths against published values: e1RM formulas, the Zourdos RPE/RIR scale, the RTS
chart, working-load suggestions and swing-arm plate arithmetic."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from revhyper.domain import loads
from revhyper.domain.errors import InvalidInputError

# ----------------------------------------------------------------------------- e1RM

# Hand-computed from each published form (LeSuer et al. 1997, Table 1) for 100 kg × 10 reps.
PUBLISHED_100KG_X10 = {
    "epley": 133.3,  # 100 · (1 + 0.0333·10) = 133.3
    "brzycki": 133.369,  # 100·100 / (102.78 − 27.8) = 10000 / 74.98
    "lombardi": 125.893,  # 100 · 10^0.10 = 100 · 1.258925
    "mayhew": 130.934,  # 10000 / (52.2 + 41.9·e^−0.55) = 10000 / (52.2 + 41.9·0.576950)
    "oconner": 125.0,  # 100 · (1 + 0.025·10)
    "wathan": 134.747,  # 10000 / (48.8 + 53.8·e^−0.75) = 10000 / (48.8 + 53.8·0.472367)
    "lander": 134.070,  # 10000 / (101.3 − 26.7123) = 10000 / 74.5877
}


@pytest.mark.parametrize(("method", "expected"), PUBLISHED_100KG_X10.items())
def test_each_e1rm_formula_matches_its_published_form_at_100kg_for_10(
    method: str, expected: float
) -> None:
    assert loads.estimate_1rm(100.0, 10, method) == pytest.approx(expected, abs=0.01)


def test_e1rm_methods_are_exactly_the_seven_named_in_the_issue() -> None:
    assert set(loads.E1RM_METHODS) == set(PUBLISHED_100KG_X10)


def test_epley_is_the_default_method() -> None:
    assert loads.estimate_1rm(100.0, 10) == pytest.approx(133.3)


def test_brzycki_at_five_reps_matches_hand_computation() -> None:
    # 100·80 / (102.78 − 13.9) = 8000 / 88.88
    assert loads.estimate_1rm(80.0, 5, "brzycki") == pytest.approx(90.009, abs=0.001)


def test_mayhew_at_three_reps_matches_hand_computation() -> None:
    # 100·60 / (52.2 + 41.9·e^−0.165) = 6000 / (52.2 + 41.9·0.847894) = 6000 / 87.7268
    assert loads.estimate_1rm(60.0, 3, "mayhew") == pytest.approx(68.394, abs=0.001)


@pytest.mark.parametrize("method", sorted(PUBLISHED_100KG_X10))
def test_a_single_rep_is_its_own_one_rep_max_for_every_method(method: str) -> None:
    assert loads.estimate_1rm(87.5, 1, method) == 87.5


def test_method_names_are_case_insensitive_and_accept_the_apostrophe() -> None:
    assert loads.estimate_1rm(100.0, 10, "O'Conner") == pytest.approx(125.0)
    assert loads.estimate_1rm(100.0, 10, " Brzycki ") == pytest.approx(133.369, abs=0.01)


def test_unknown_method_lists_the_methods() -> None:
    with pytest.raises(InvalidInputError) as info:
        loads.estimate_1rm(100.0, 5, "nsca")
    assert "nsca" in str(info.value)
    for method in loads.E1RM_METHODS:
        assert method in str(info.value)


@pytest.mark.parametrize("reps", [0, 31, -2])
def test_reps_outside_1_to_30_are_refused(reps: int) -> None:
    with pytest.raises(InvalidInputError, match="1–30"):
        loads.estimate_1rm(100.0, reps)


def test_fractional_reps_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="whole"):
        loads.estimate_1rm(100.0, 2.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("load", [0.0, -5.0, math.nan, math.inf])
def test_non_positive_or_non_finite_load_is_refused(load: float) -> None:
    with pytest.raises(InvalidInputError, match="load"):
        loads.estimate_1rm(load, 5)


@settings(max_examples=40, deadline=None)
@given(
    load=st.floats(min_value=1.0, max_value=400.0),
    reps=st.integers(min_value=1, max_value=29),
    method=st.sampled_from(sorted(PUBLISHED_100KG_X10)),
)
def test_e1rm_is_at_least_the_load_and_grows_with_reps(load: float, reps: int, method: str) -> None:
    now = loads.estimate_1rm(load, reps, method)
    assert now >= load
    assert loads.estimate_1rm(load, reps + 1, method) > now


# ----------------------------------------------------------------------------- RPE / RIR

# Zourdos et al. 2016, Table 1.
ZOURDOS_RPE_TO_RIR = [(10, 0), (9, 1), (8.5, 1.5), (8, 2), (7.5, 2.5), (7, 3), (6, 4), (5, 6)]


@pytest.mark.parametrize(("rpe", "rir"), ZOURDOS_RPE_TO_RIR)
def test_rir_from_rpe_follows_the_zourdos_scale(rpe: float, rir: float) -> None:
    assert loads.rir_from_rpe(rpe) == rir


@pytest.mark.parametrize(("rpe", "rir"), ZOURDOS_RPE_TO_RIR)
def test_rpe_from_rir_inverts_it(rpe: float, rir: float) -> None:
    assert loads.rpe_from_rir(rir) == rpe


@settings(max_examples=40, deadline=None)
@given(rpe=st.floats(min_value=5.0, max_value=10.0))
def test_rpe_and_rir_round_trip(rpe: float) -> None:
    assert loads.rpe_from_rir(loads.rir_from_rpe(rpe)) == pytest.approx(rpe)


def test_rpe_below_five_has_a_description_but_no_rir() -> None:
    assert loads.describe_rpe(3) == "light effort"
    assert loads.describe_rpe(1.5) == "little to no effort"
    with pytest.raises(InvalidInputError, match="no reps-in-reserve"):
        loads.rir_from_rpe(4)


@pytest.mark.parametrize("rpe", [0.5, 10.5, math.nan])
def test_rpe_outside_1_to_10_is_refused(rpe: float) -> None:
    with pytest.raises(InvalidInputError, match="1–10"):
        loads.rir_from_rpe(rpe)


@pytest.mark.parametrize("rir", [-1, 6.5])
def test_rir_outside_the_scale_is_refused(rir: float) -> None:
    with pytest.raises(InvalidInputError, match="0–6"):
        loads.rpe_from_rir(rir)


def test_the_rpe_scale_table_covers_1_to_10_and_says_ten_is_maximal() -> None:
    assert loads.RPE_SCALE[0][:4] == (10.0, 10.0, 0.0, 0.0)
    assert loads.describe_rpe(10) == "maximum effort"
    assert min(row[0] for row in loads.RPE_SCALE) == 1.0


# ----------------------------------------------------------------------------- RTS chart

# Cells of the RTS chart (Tuchscherer 2008) as widely reproduced: (reps, RPE, %1RM).
RTS_CELLS = [
    (1, 10, 100.0),
    (1, 9, 95.5),
    (3, 8, 86.3),
    (5, 8, 81.1),
    (5, 10, 86.3),
    (8, 7, 70.7),
    (10, 10, 73.9),
    (12, 6.5, 58.6),
]


@pytest.mark.parametrize(("reps", "rpe", "percent"), RTS_CELLS)
def test_percent_1rm_returns_the_rts_chart_cell(reps: int, rpe: float, percent: float) -> None:
    assert loads.percent_1rm(reps, rpe) == pytest.approx(percent / 100)


def test_rts_chart_is_one_sequence_read_by_reps_plus_reps_in_reserve() -> None:
    by_effective_reps: dict[float, float] = {}
    for reps, row in enumerate(loads.RPE_CHART_PERCENT, start=1):
        assert len(row) == len(loads.RPE_CHART_RPES)
        for rpe, percent in zip(loads.RPE_CHART_RPES, row, strict=True):
            effective = reps + (10 - rpe)
            assert by_effective_reps.setdefault(effective, percent) == percent


def test_rts_chart_falls_with_more_reps_and_lower_rpe() -> None:
    table = loads.RPE_CHART_PERCENT
    for row in table:
        assert list(row) == sorted(row, reverse=True)
    for column in zip(*table, strict=True):
        assert list(column) == sorted(column, reverse=True)


def test_percent_1rm_interpolates_between_half_point_columns() -> None:
    # Halfway between 5 @ 8 (81.1 %) and 5 @ 8.5 (82.4 %).
    assert loads.percent_1rm(5, 8.25) == pytest.approx(0.8175)


@pytest.mark.parametrize(("reps", "rpe"), [(13, 8), (0, 8), (5, 6), (5, 10.5)])
def test_percent_1rm_refuses_to_extrapolate_outside_the_chart(reps: int, rpe: float) -> None:
    with pytest.raises(InvalidInputError, match="RPE chart"):
        loads.percent_1rm(reps, rpe)


# ----------------------------------------------------------------------------- working load


def test_suggested_load_uses_the_chart_both_ways_and_rounds_down() -> None:
    # 100 kg × 8 @ 8 → 73.9 % → e1RM 135.32 kg; 10 @ 8 → 68.0 % → 92.02 kg → 91.25 kg.
    assert loads.suggest_working_load_kg(100.0, 8, 8, 10, 8) == 91.25


def test_same_target_as_logged_set_gives_back_the_logged_load() -> None:
    assert loads.suggest_working_load_kg(60.0, 10, 7, 10, 7, increment_kg=2.5) == 60.0


def test_suggested_load_respects_the_increment() -> None:
    load = loads.suggest_working_load_kg(80.0, 5, 8, 8, 7, increment_kg=2.5)
    assert load / 2.5 == pytest.approx(round(load / 2.5))


def test_suggested_load_refuses_a_zero_increment() -> None:
    with pytest.raises(InvalidInputError, match="increment"):
        loads.suggest_working_load_kg(80.0, 5, 8, 8, 7, increment_kg=0)


# ----------------------------------------------------------------------------- plates


def test_standard_plates_make_77_5_kg_with_the_fewest_plates() -> None:
    solution = loads.plates_for_load(77.5)
    assert solution.plates_kg == (25.0, 25.0, 25.0, 2.5)
    assert solution.exact and solution.achieved_kg == 77.5


def test_plates_are_counted_singly_on_the_pin_not_in_pairs() -> None:
    solution = loads.plates_for_load(45.0)
    assert solution.plates_kg == (25.0, 20.0)


def test_arm_mass_counts_toward_the_target() -> None:
    solution = loads.plates_for_load(60.0, arm_kg=15.0)
    assert sum(solution.plates_kg) == 45.0 and solution.achieved_kg == 60.0


def test_count_limits_are_respected_and_still_find_an_exact_answer() -> None:
    # Greedy would take the single 25 and be stuck 5 kg short; two 15s are exact.
    solution = loads.plates_for_load(30.0, plates_kg=(25, 15), counts={25: 1, 15: 2})
    assert solution.plates_kg == (15.0, 15.0) and solution.exact


def test_unreachable_target_reports_the_shortfall() -> None:
    solution = loads.plates_for_load(101.3)
    assert solution.achieved_kg == pytest.approx(101.25)
    assert solution.shortfall_kg == pytest.approx(0.05)
    assert not solution.exact


def test_too_few_plates_leave_a_shortfall() -> None:
    solution = loads.plates_for_load(
        100.0, counts={25: 1, 20: 1, 15: 0, 10: 0, 5: 0, 2.5: 0, 1.25: 0}
    )
    assert solution.plates_kg == (25.0, 20.0)
    assert solution.shortfall_kg == pytest.approx(55.0)


def test_counts_summarise_the_copies() -> None:
    assert loads.plates_for_load(52.5).counts() == {25.0: 2, 2.5: 1}


def test_target_below_the_empty_arm_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="below the empty arm"):
        loads.plates_for_load(10.0, arm_kg=12.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"target_kg": 0.0}, "target"),
        ({"target_kg": 20.0, "plates_kg": ()}, "plate"),
        ({"target_kg": 20.0, "plates_kg": (10, -5)}, "plate"),
        ({"target_kg": 20.0, "counts": {7.0: 1}}, "7 kg"),
        ({"target_kg": 20.0, "counts": {10.0: -1}}, "count"),
        ({"target_kg": 20.0, "arm_kg": -1.0}, "arm"),
    ],
)
def test_bad_plate_requests_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        loads.plates_for_load(**kwargs)  # type: ignore[arg-type]


@settings(max_examples=50, deadline=None)
@given(target=st.floats(min_value=0.5, max_value=250.0), arm=st.sampled_from([0.0, 5.0]))
@example(target=177.49987080857838, arm=0.0)  # was rounded up to 177.5 kg
def test_plate_solution_never_overshoots_and_misses_by_less_than_the_smallest_plate(
    target: float, arm: float
) -> None:
    if target < arm:
        return
    solution = loads.plates_for_load(target, arm_kg=arm)
    assert solution.achieved_kg == pytest.approx(arm + sum(solution.plates_kg))
    assert solution.achieved_kg <= target + 1e-9
    assert solution.shortfall_kg < 1.25
    assert list(solution.plates_kg) == sorted(solution.plates_kg, reverse=True)


def test_numpy_integer_reps_are_accepted_like_python_ints() -> None:
    import numpy as np

    assert loads.percent_1rm(np.int64(5), 8) == pytest.approx(0.811)  # type: ignore[arg-type]
    assert loads.estimate_1rm(100.0, np.int64(10)) == pytest.approx(133.3)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- rules the CLI used


@pytest.mark.parametrize(("reps", "rough"), [(9, False), (10, False), (11, True), (30, True)])
def test_an_e1rm_from_more_than_ten_reps_is_rough(reps: int, rough: bool) -> None:
    assert loads.e1rm_is_rough(reps) is rough


def test_every_formula_is_estimated_at_once_and_bad_input_refused_first() -> None:
    estimates = loads.estimate_1rm_all(100.0, 10)
    assert list(estimates) == list(loads.E1RM_METHODS)
    assert estimates["epley"] == pytest.approx(133.3)  # 100 × (1 + 0.0333 × 10)
    assert estimates["oconner"] == pytest.approx(125.0)  # 100 × (1 + 0.025 × 10)
    with pytest.raises(InvalidInputError, match="1–30"):
        loads.estimate_1rm_all(100.0, 31)


def test_a_working_load_suggestion_carries_the_e1rm_it_went_through() -> None:
    # RTS chart: 8 reps @ RPE 8 = 73.9 %, 10 reps @ RPE 8 = 68.0 %.
    suggestion = loads.suggest_working_load(100.0, 8, 8.0, 10, 8.0)
    assert suggestion.e1rm_kg == pytest.approx(100 / 0.739)
    assert suggestion.load_kg == 91.25  # 135.32 × 0.680 = 92.02 → down to 1.25 kg steps
    assert suggestion.increment_kg == 1.25


@pytest.mark.parametrize("increment_kg", [1e-320, 5e-324, 0.001])
def test_a_load_step_far_below_the_lightest_plate_is_refused_not_overflowed(increment_kg):
    with pytest.raises(InvalidInputError, match=r"smallest load step allowed is 0\.01 kg"):
        loads.round_down_to_increment(100.0, increment_kg)
    with pytest.raises(InvalidInputError, match="too small"):
        loads.suggest_working_load(100.0, 5, 8, 8, 8, increment_kg=increment_kg)


def test_the_smallest_allowed_load_step_still_rounds_down():
    assert loads.round_down_to_increment(40.017, loads.MIN_INCREMENT_KG) == 40.01
