"""Hip extension moment of the reverse hyper: hand calculations, geometry and literature checks."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from revhyper.domain.body.mechanics import (
    ANDERSON_2007_PEAK_HIP_EXTENSION_RANGE,
    STANDARD_GRAVITY_M_S2,
    BandSetup,
    MachineGeometry,
    RepMotion,
    SetupSpec,
    arm_kinematics,
    athlete_legs,
    band_tension_n,
    compare_setups,
    curve_angles_deg,
    dynamic_moment,
    equivalent_plate_load,
    hip_extension_moment,
    machine_arm_moment,
    motion_from_rep,
    motion_from_tempo,
    peak_hip_extension_strength_n_m,
    phase_kinematics,
    plate_load_for_relative_effort,
    rep_trajectory,
    static_peak_moment,
    summarize_moment_curve,
    typical_motion,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import RepResult, Tempo
from revhyper.domain.tempo import parse_tempo

G = STANDARD_GRAVITY_M_S2


def hand_calculated_legs_moment_at_horizontal(mass: float, height: float) -> float:
    """Both legs level: Σ segment weight × CoM distance from the hip, from the tables.

    Male column of de Leva (1996) Table 4: mass % 14.16 / 4.33 / 1.37, CM % 40.95 (thigh,
    from the hip) and 44.59 (shank, from the knee). Lengths from Drillis & Contini (Winter
    Fig. 4.1): thigh 0.245 H, shank 0.246 H; the foot's CoM half the ankle height (0.039 H)
    past the ankle.
    """
    thigh, shank = 0.245 * height, 0.246 * height
    thigh_arm = 0.4095 * thigh
    shank_arm = thigh + 0.4459 * shank
    foot_arm = thigh + shank + 0.5 * 0.039 * height
    one_leg = G * mass * (0.1416 * thigh_arm + 0.0433 * shank_arm + 0.0137 * foot_arm)
    return 2 * one_leg


@pytest.mark.parametrize("setup", ["bench", "ball", "floor", "ghd"])
def test_legs_alone_moment_at_horizontal_equals_weights_times_com_distances(setup: str) -> None:
    legs = athlete_legs(80.0, 1.80, "male")
    moment = hip_extension_moment(0.0, legs, setup)
    assert_allclose(moment, hand_calculated_legs_moment_at_horizontal(80.0, 1.80), rtol=1e-12)


def test_legs_alone_moment_follows_the_cosine_of_the_thigh_angle() -> None:
    legs = athlete_legs(70.0, 1.70)
    angles = np.array([-90.0, -60.0, -30.0, 0.0, 30.0])
    level = hip_extension_moment(0.0, legs)
    assert_allclose(
        hip_extension_moment(angles, legs), level * np.cos(np.radians(angles)), atol=1e-9
    )


def test_single_leg_needs_half_the_moment_of_two() -> None:
    two = athlete_legs(80.0, 1.80, leg_count=2)
    one = athlete_legs(80.0, 1.80, leg_count=1)
    assert_allclose(hip_extension_moment(-20.0, one), 0.5 * hip_extension_moment(-20.0, two))


def test_bent_knees_lower_the_moment_at_horizontal() -> None:
    straight = athlete_legs(80.0, 1.80)
    bent = athlete_legs(80.0, 1.80, knee_flexion_deg=90.0)
    assert hip_extension_moment(0.0, bent) < 0.8 * hip_extension_moment(0.0, straight)


def test_bent_knees_at_ninety_degrees_put_the_shank_above_the_knee() -> None:
    bent = athlete_legs(80.0, 1.80, knee_flexion_deg=90.0)
    leg_thigh = 0.245 * 1.80
    # level thigh, vertical shank: all lower-leg CoMs sit above the knee
    expected = 2 * G * 80.0 * (0.1416 * 0.4095 * leg_thigh + (0.0433 + 0.0137) * leg_thigh)
    assert_allclose(hip_extension_moment(0.0, bent), expected, rtol=1e-12)


def test_legs_alone_work_over_a_rep_equals_the_rise_in_potential_energy() -> None:
    legs = athlete_legs(80.0, 1.80)
    angles = curve_angles_deg(0.1, (-90.0, 0.0))
    summary = summarize_moment_curve(angles, hip_extension_moment(angles, legs))
    # the legs' CoM rises by its distance from the hip: work = g × Σ m d
    assert_allclose(summary.work_j, G * legs.first_moment_along_kg_m, rtol=1e-5)
    assert summary.peak_angle_deg == 0.0
    assert_allclose(summary.mean_n_m, summary.work_j / (math.pi / 2))


def test_legs_alone_at_horizontal_is_a_plausible_fraction_of_anderson_peak_strength() -> None:
    # Anderson et al. 2007: one hip's peak extension torque 0.16-0.18 × m × h × g. Lifting
    # both straight legs to level should ask a modest share of both hips' strength.
    for sex in ("male", "female"):
        for mass, height in ((55.0, 1.60), (80.0, 1.80), (110.0, 1.95)):
            legs = athlete_legs(mass, height, sex)
            moment = float(hip_extension_moment(0.0, legs))
            for coefficient in ANDERSON_2007_PEAK_HIP_EXTENSION_RANGE:
                strength = 2 * coefficient * mass * height * G
                assert 0.15 < moment / strength < 0.30, (sex, mass, height, coefficient)


def test_peak_strength_uses_the_central_anderson_coefficient_for_both_hips() -> None:
    assert_allclose(peak_hip_extension_strength_n_m(80.0, 1.80), 2 * 0.17 * 80 * 1.80 * G)
    assert_allclose(peak_hip_extension_strength_n_m(80.0, 1.80, hips=1), 0.17 * 80 * 1.80 * G)


def test_machine_with_pivot_at_the_hip_adds_the_arm_torque_unchanged() -> None:
    legs = athlete_legs(80.0, 1.80)
    geometry = MachineGeometry(arm_length_m=0.9, pivot_x_m=0.0, pivot_y_m=0.0, arm_mass_kg=6.0)
    angles = np.array([-90.0, -45.0, 0.0, 20.0])
    arm = machine_arm_moment(angles, legs, 20.0, geometry)
    expected = G * 0.9 * (20.0 + 3.0) * np.cos(np.radians(angles))
    assert_allclose(arm, expected, atol=1e-9)


def test_strap_slides_along_the_leg_when_the_pivot_sits_below_the_hip() -> None:
    legs = athlete_legs(80.0, 1.80)
    arm = arm_kinematics([-90.0, -45.0, 0.0], MachineGeometry(), legs)
    hanging, _, level = arm.strap_along_leg_m
    assert_allclose(hanging, legs.hip_to_ankle_m)
    assert level < hanging
    assert_allclose(np.degrees(arm.arm_angle_rad[0]), -90.0)


def test_gear_ratio_is_the_derivative_of_the_arm_angle() -> None:
    legs = athlete_legs(80.0, 1.80)
    geometry = MachineGeometry(pivot_x_m=0.08, pivot_y_m=-0.15)
    angles = np.linspace(-100.0, 30.0, 27)
    step = 1e-4
    ahead = arm_kinematics(angles + step, geometry, legs)
    behind = arm_kinematics(angles - step, geometry, legs)
    here = arm_kinematics(angles, geometry, legs)
    step_rad = math.radians(step)
    slope = (ahead.arm_angle_rad - behind.arm_angle_rad) / (2 * step_rad)
    assert_allclose(here.gear_ratio, slope, rtol=1e-6)
    curvature = (ahead.gear_ratio - behind.gear_ratio) / (2 * step_rad)
    assert_allclose(here.gear_ratio_slope, curvature, rtol=1e-5, atol=1e-8)


def test_hip_work_on_the_machine_equals_the_arm_and_legs_potential_energy() -> None:
    legs = athlete_legs(80.0, 1.80)
    geometry = MachineGeometry()
    angles = curve_angles_deg(0.05, (-90.0, 0.0))
    moment = hip_extension_moment(angles, legs, "machine", plate_kg=25.0, geometry=geometry)
    work = summarize_moment_curve(angles, moment).work_j
    arm_angles = arm_kinematics([-90.0, 0.0], geometry, legs).arm_angle_rad
    rise = geometry.arm_length_m * (np.sin(arm_angles[1]) - np.sin(arm_angles[0]))
    arm_energy = G * (25.0 + 0.5 * geometry.arm_mass_kg) * rise
    assert_allclose(work, G * legs.first_moment_along_kg_m + arm_energy, rtol=1e-5)


def test_band_is_slack_when_hanging_and_pulls_hardest_near_the_top() -> None:
    legs = athlete_legs(80.0, 1.80)
    band = BandSetup(stiffness_n_per_m=150.0)
    assert_allclose(band_tension_n(-90.0, band, legs), 0.0, atol=1e-9)
    tension_level = float(band_tension_n(0.0, band, legs))
    ankle = legs.hip_to_ankle_m
    stretch = math.hypot(ankle, 1.0) - (1.0 - ankle)
    assert_allclose(tension_level, 150.0 * stretch)
    with_band = hip_extension_moment(0.0, legs, "band", band=band)
    alone = hip_extension_moment(0.0, legs, "bench")
    # the band pulls toward the anchor under the hip: lever arm = ankle × sin(angle to leg)
    lever = ankle * 1.0 / math.hypot(ankle, 1.0)
    assert_allclose(with_band - alone, tension_level * lever, rtol=1e-9)


def test_band_setup_needs_a_band() -> None:
    legs = athlete_legs(80.0, 1.80)
    with pytest.raises(InvalidInputError, match="stiffness"):
        hip_extension_moment(0.0, legs, "band")


def test_unknown_setup_is_refused_with_the_known_names() -> None:
    legs = athlete_legs(80.0, 1.80)
    with pytest.raises(InvalidInputError, match="machine"):
        hip_extension_moment(0.0, legs, "trampoline")


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (MachineGeometry(arm_length_m=0.1), "arm length"),
        (MachineGeometry(arm_length_m=3.0), "arm length"),
        (MachineGeometry(arm_length_m=0.5, strap_distance_m=0.85), "beyond the arm"),
        (MachineGeometry(pivot_x_m=0.6), "pivot offset"),
        (MachineGeometry(strap_distance_m=1.5), "not on the leg"),
        (MachineGeometry(pivot_y_m=-0.45, strap_distance_m=0.45), "pivot must be nearer"),
        (MachineGeometry(arm_mass_kg=-1.0), "arm mass"),
    ],
)
def test_machine_geometry_without_geometric_sense_is_refused(
    geometry: MachineGeometry, message: str
) -> None:
    legs = athlete_legs(80.0, 1.80)
    with pytest.raises(InvalidInputError, match=message):
        hip_extension_moment(0.0, legs, "machine", plate_kg=10.0, geometry=geometry)


def test_negative_plate_load_is_refused() -> None:
    legs = athlete_legs(80.0, 1.80)
    with pytest.raises(InvalidInputError, match="plate load -5"):
        hip_extension_moment(0.0, legs, "machine", plate_kg=-5.0)


def test_default_strap_rises_to_the_arm_end_for_a_tall_athlete() -> None:
    legs = athlete_legs(110.0, 2.20)
    geometry = MachineGeometry()
    assert legs.hip_to_ankle_m > 1.0
    kinematics = arm_kinematics(-90.0, geometry, legs)
    assert_allclose(kinematics.strap_along_leg_m, 0.10 + 0.90)


def test_faster_tempo_raises_the_bottom_moment_and_lowers_the_top_moment() -> None:
    legs = athlete_legs(80.0, 1.80)
    angles = np.array([-90.0, 0.0])
    static = hip_extension_moment(angles, legs, "machine", plate_kg=20.0)
    slow = dynamic_moment(
        angles, legs, "machine", motion_from_tempo(Tempo(3, 1, 3, 0)), plate_kg=20.0
    )
    fast = dynamic_moment(
        angles, legs, "machine", motion_from_tempo(Tempo(1, 0, 1, 0)), plate_kg=20.0
    )
    assert fast[0] > slow[0] > static[0]
    assert fast[1] < slow[1] < static[1]


def test_symmetric_tempo_gives_the_same_moment_lifting_and_lowering() -> None:
    legs = athlete_legs(80.0, 1.80)
    motion = motion_from_tempo(Tempo(1.5, 0, 1.5, 0))
    angles = curve_angles_deg(5.0, (-90.0, 0.0))
    up = dynamic_moment(angles, legs, "machine", motion, "concentric", plate_kg=15.0)
    down = dynamic_moment(angles, legs, "machine", motion, "eccentric", plate_kg=15.0)
    assert_allclose(up, down, rtol=1e-6)


def test_angles_outside_the_rep_are_not_visited() -> None:
    legs = athlete_legs(80.0, 1.80)
    motion = motion_from_tempo(Tempo(2, 0, 2, 0))
    moment = dynamic_moment([-100.0, -50.0, 20.0], legs, "bench", motion)
    assert np.isnan(moment[0]) and np.isnan(moment[2]) and np.isfinite(moment[1])


def test_harmonic_trajectory_reaches_the_top_with_zero_speed() -> None:
    motion = RepMotion(-90.0, 0.0, 2.0, 1.0, 3.0, 0.5)
    trajectory = rep_trajectory(motion)
    assert_allclose(trajectory.time_s[-1], 6.5)
    top = trajectory.phase.index("hold")
    assert_allclose(trajectory.thigh_angle_deg[top - 1], 0.0, atol=1e-9)
    assert_allclose(trajectory.angular_velocity_rad_s[top - 1], 0.0, atol=1e-9)
    assert (
        trajectory.angular_acceleration_rad_s2[0]
        > 0
        > trajectory.angular_acceleration_rad_s2[top - 1]
    )
    velocity, _ = phase_kinematics(-45.0, motion, "concentric")
    # mid-way the harmonic profile moves at π/2 × mean speed
    assert_allclose(velocity, math.pi / 2 * (math.pi / 2) / 2.0, rtol=1e-4)


def test_minimum_jerk_profile_starts_and_ends_without_acceleration() -> None:
    motion = RepMotion(-90.0, 0.0, 2.0, 0.0, 2.0, 0.0)
    trajectory = rep_trajectory(motion, profile="minimum-jerk")
    assert_allclose(trajectory.angular_acceleration_rad_s2[0], 0.0, atol=1e-9)


def test_unknown_profile_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="harmonic"):
        rep_trajectory(RepMotion(-90.0, 0.0, 2.0, 0.0, 2.0, 0.0), profile="sawtooth")


def test_tempo_text_is_parsed_as_concentric_hold_eccentric_pause() -> None:
    assert parse_tempo("3-1-2.5-0") == Tempo(3.0, 1.0, 2.5, 0.0)


@pytest.mark.parametrize("text", ["3-1-3", "fast", "3-1-3-1-1", "-1-1-1-1"])
def test_malformed_tempo_is_refused(text: str) -> None:
    with pytest.raises(InvalidInputError, match="C-H-E-P"):
        parse_tempo(text)


def test_zero_concentric_time_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="over 0 s"):
        parse_tempo("0-1-3-0")
    with pytest.raises(InvalidInputError, match="concentric time 0"):
        motion_from_tempo(Tempo(0.0, 1.0, 3.0, 0.0))


def test_motion_from_a_form_analysis_rep_uses_its_times_and_angles() -> None:
    rep = RepResult(
        index=1,
        start_s=2.1,
        top_s=3.35,
        end_s=5.6,
        concentric_s=1.25,
        hold_s=0.4,
        eccentric_s=1.85,
        top_angle_deg=4.5,
        bottom_angle_deg=-92.0,
        peak_angular_velocity_deg_s=150.0,
        trunk_angle_change_deg=2.0,
        knee_flexion_top_deg=5.0,
    )
    motion = motion_from_rep(rep)
    assert motion == RepMotion(-92.0, 4.5, 1.25, 0.4, 1.85, 0.0)


def test_equivalent_plate_load_reproduces_the_target_peak() -> None:
    legs = athlete_legs(80.0, 1.80)
    band_peak = static_peak_moment(legs, "band", band=BandSetup(stiffness_n_per_m=200.0))
    plate = equivalent_plate_load(band_peak, legs)
    assert plate > 0
    assert_allclose(static_peak_moment(legs, "machine", plate_kg=plate), band_peak, rtol=1e-5)


def test_equivalent_plate_load_is_zero_when_the_legs_already_exceed_the_target() -> None:
    legs = athlete_legs(80.0, 1.80)
    assert equivalent_plate_load(50.0, legs) == 0.0


def test_plate_load_for_relative_effort_meets_the_effort_on_the_machine() -> None:
    plate = plate_load_for_relative_effort(80.0, 1.80, 0.5, "male")
    legs = athlete_legs(80.0, 1.80, "male")
    peak = static_peak_moment(legs, "machine", plate_kg=plate)
    assert_allclose(peak, 0.5 * peak_hip_extension_strength_n_m(80.0, 1.80), rtol=1e-5)
    assert 5.0 < plate < 30.0


def test_plate_load_grows_with_effort_and_is_zero_for_a_light_effort() -> None:
    loads = [plate_load_for_relative_effort(80.0, 1.80, e) for e in (0.1, 0.4, 0.6, 0.8)]
    assert loads[0] == 0.0
    assert loads == sorted(loads) and loads[1] < loads[2] < loads[3]


def test_plate_load_depends_on_the_machine_geometry() -> None:
    short_arm = MachineGeometry(arm_length_m=0.8, strap_distance_m=0.75)
    long_arm = MachineGeometry(arm_length_m=1.1, strap_distance_m=0.75)
    assert plate_load_for_relative_effort(
        80.0, 1.80, 0.6, geometry=short_arm
    ) > plate_load_for_relative_effort(80.0, 1.80, 0.6, geometry=long_arm)


@pytest.mark.parametrize("effort", [0.0, -0.2, 1.5, float("nan")])
def test_relative_effort_outside_zero_to_one_is_refused(effort: float) -> None:
    with pytest.raises(InvalidInputError, match="relative effort"):
        plate_load_for_relative_effort(80.0, 1.80, effort)


def test_plate_load_for_relative_effort_refuses_an_inhuman_body() -> None:
    with pytest.raises(InvalidInputError, match="body mass"):
        plate_load_for_relative_effort(5.0, 1.80, 0.5)


def test_typical_motion_takes_the_median_of_each_time_and_angle() -> None:
    motions = [
        RepMotion(-92.0, 4.0, 1.0, 0.5, 2.0, 0.0),
        RepMotion(-90.0, 2.0, 1.2, 0.3, 2.2, 0.0),
        RepMotion(-80.0, -20.0, 3.0, 0.0, 1.0, 0.0),
    ]
    assert typical_motion(motions) == RepMotion(-90.0, 2.0, 1.2, 0.3, 2.0, 0.0)


def test_typical_motion_of_no_reps_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="no usable reps"):
        typical_motion([])


def test_compared_setups_carry_summaries_equivalent_loads_and_strength_share() -> None:
    legs = athlete_legs(80.0, 1.80)
    strength = peak_hip_extension_strength_n_m(80.0, 1.80)
    specs = [SetupSpec("bench"), SetupSpec("machine", plate_kg=20.0)]
    motion = motion_from_tempo(Tempo(1.0, 0.0, 1.0, 0.0))
    curves = compare_setups(legs, specs, strength, motion=motion)
    assert [c.label for c in curves] == [
        "bench (legs alone)",
        "machine 20 kg",
        "bench (legs alone), lifting",
        "machine 20 kg, lifting",
    ]
    bench, machine, bench_lifting, machine_lifting = curves
    assert_allclose(machine.equivalent_plate_kg, 20.0, atol=1e-3)
    assert bench.equivalent_plate_kg == 0.0
    assert_allclose(bench.strength_fraction, bench.summary.peak_n_m / strength)
    # starting and ending at rest, the lift adds no net work: only where it is done changes
    assert_allclose(machine_lifting.summary.work_j, machine.summary.work_j, rtol=1e-3)
    assert_allclose(bench_lifting.summary.work_j, bench.summary.work_j, rtol=1e-3)
    assert machine_lifting.summary.peak_n_m < machine.summary.peak_n_m
