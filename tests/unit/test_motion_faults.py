"""Fault thresholds (the contract's defaults), checks, overrides and advice."""

from __future__ import annotations

import math

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.faults import (
    DEFAULT_THRESHOLDS,
    FAULT_ADVICE,
    RepMeasures,
    rep_faults,
    thresholds_for,
    union_of_faults,
)
from revhyper.domain.motion.form_result import Fault, Prescription, Tempo

GOOD = RepMeasures(
    top_angle_deg=2.0,
    trunk_change_deg=2.0,
    knee_flexion_top_deg=5.0,
    concentric_s=1.0,
    hold_s=0.5,
    eccentric_s=1.5,
)


def _with(**changes) -> RepMeasures:
    return RepMeasures(**{**GOOD.__dict__, **changes})


def test_default_thresholds_are_the_contract_table():
    # shared/contracts/keypoints.md, fault table: -10 deg, +20 deg, 8 deg, 25 deg, 0.5 s, 25 %.
    limits = DEFAULT_THRESHOLDS
    assert limits.short_rom_top_deg == -10.0
    assert limits.over_extension_top_deg == 20.0
    assert limits.torso_lift_change_deg == 8.0
    assert limits.knee_bend_top_deg == 25.0
    assert limits.uncontrolled_descent_s == 0.5
    assert limits.tempo_tolerance_fraction == 0.25


def test_a_good_rep_has_no_faults():
    assert rep_faults(GOOD, DEFAULT_THRESHOLDS) == ()


@pytest.mark.parametrize(
    ("changes", "fault"),
    [
        ({"top_angle_deg": -15.0}, Fault.SHORT_ROM),
        ({"top_angle_deg": 25.0}, Fault.OVER_EXTENSION),
        ({"trunk_change_deg": 12.0}, Fault.TORSO_LIFT),
        ({"knee_flexion_top_deg": 40.0}, Fault.KNEE_BEND),
        ({"eccentric_s": 0.3}, Fault.UNCONTROLLED_DESCENT),
    ],
)
def test_each_form_fault_is_flagged_past_its_threshold(changes, fault):
    assert rep_faults(_with(**changes), DEFAULT_THRESHOLDS) == (fault,)


def test_short_hold_is_checked_only_with_a_prescribed_hold():
    rep = _with(hold_s=1.0)
    assert rep_faults(rep, DEFAULT_THRESHOLDS) == ()
    assert rep_faults(rep, DEFAULT_THRESHOLDS, Prescription(hold_s=3.0)) == (Fault.SHORT_HOLD,)
    assert rep_faults(_with(hold_s=2.9), DEFAULT_THRESHOLDS, Prescription(hold_s=3.0)) == ()


def test_tempo_off_when_a_phase_misses_the_cadence_by_more_than_a_quarter():
    tempo = Prescription(tempo=Tempo(1.0, 0.5, 1.5, 1.0))
    assert rep_faults(GOOD, DEFAULT_THRESHOLDS, tempo) == ()
    assert rep_faults(_with(eccentric_s=2.2), DEFAULT_THRESHOLDS, tempo) == (Fault.TEMPO_OFF,)
    # A short phase is judged to half a second at the finest (the top cannot be placed finer).
    assert rep_faults(_with(hold_s=0.1), DEFAULT_THRESHOLDS, tempo) == ()
    assert rep_faults(_with(hold_s=1.1), DEFAULT_THRESHOLDS, tempo) == (Fault.TEMPO_OFF,)
    assert DEFAULT_THRESHOLDS.tempo_tolerance_floor_s == 0.5


def test_tempo_off_needs_every_reading_of_the_top_to_miss_the_cadence():
    tempo = Prescription(tempo=Tempo(3.0, 1.0, 3.0, 1.0))
    # Read from the band, the slow approach moves 0.3 s per side from the moves to the hold.
    band = _with(concentric_s=2.7, hold_s=1.6, eccentric_s=2.7)
    with_motion = _with(**{**band.__dict__, "other_readings": ((3.0, 1.0, 3.0),)})
    assert rep_faults(band, DEFAULT_THRESHOLDS, tempo) == (Fault.TEMPO_OFF,)
    assert rep_faults(with_motion, DEFAULT_THRESHOLDS, tempo) == ()
    rushed = _with(concentric_s=1.2, hold_s=1.6, eccentric_s=2.7, other_readings=((1.5, 1.0, 3.0),))
    assert rep_faults(rushed, DEFAULT_THRESHOLDS, tempo) == (Fault.TEMPO_OFF,)


def test_short_hold_and_a_dropped_descent_read_the_longest_hold_and_lowering():
    held = Prescription(hold_s=3.0)
    longer = _with(hold_s=2.0, other_readings=((1.0, 2.6, 1.5),))
    assert rep_faults(longer, DEFAULT_THRESHOLDS, held) == ()
    shorter = _with(hold_s=2.0, other_readings=((1.0, 1.6, 1.5),))
    assert rep_faults(shorter, DEFAULT_THRESHOLDS, held) == (Fault.SHORT_HOLD,)
    dropped = _with(eccentric_s=0.3, other_readings=((1.0, 0.4, 0.45),))
    assert rep_faults(dropped, DEFAULT_THRESHOLDS) == (Fault.UNCONTROLLED_DESCENT,)
    lowered = _with(eccentric_s=0.3, other_readings=((1.0, 0.2, 0.6),))
    assert rep_faults(lowered, DEFAULT_THRESHOLDS) == ()


def test_the_pause_at_the_bottom_is_not_judged_for_tempo():
    tempo = Prescription(tempo=Tempo(1.0, 0.5, 1.5, 1.0))
    assert rep_faults(_with(pause_after_s=3.0), DEFAULT_THRESHOLDS, tempo) == ()


def test_unmeasured_values_are_not_judged():
    assert rep_faults(_with(knee_flexion_top_deg=math.nan), DEFAULT_THRESHOLDS) == ()


def test_a_prescription_can_override_a_threshold():
    lenient = Prescription(threshold_overrides={"short_rom_top_deg": -20.0})
    limits = thresholds_for(lenient)
    assert rep_faults(_with(top_angle_deg=-15.0), limits) == ()


@pytest.mark.parametrize("overrides", [{"no_such_threshold": 1.0}, {"short_rom_top_deg": math.nan}])
def test_bad_threshold_overrides_are_refused(overrides):
    with pytest.raises(InvalidInputError):
        thresholds_for(Prescription(threshold_overrides=overrides))


def test_every_fault_has_one_line_of_advice():
    assert set(FAULT_ADVICE) == set(Fault)
    assert all("\n" not in line and len(line) < 100 for line in FAULT_ADVICE.values())


def test_the_union_keeps_the_contract_order():
    faults = union_of_faults([(Fault.KNEE_BEND,), (Fault.SHORT_ROM, Fault.KNEE_BEND)])
    assert faults == (Fault.SHORT_ROM, Fault.KNEE_BEND)
