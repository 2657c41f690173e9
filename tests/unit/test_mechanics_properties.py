"""Physics invariants of the hip-moment model, checked over many bodies and setups (Hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from revhyper.domain.body.mechanics import (
    BandSetup,
    MachineGeometry,
    RigidLegs,
    athlete_legs,
    curve_angles_deg,
    dynamic_moment,
    hip_extension_moment,
    motion_from_tempo,
)
from revhyper.domain.motion.form_result import Tempo

SETTINGS = settings(max_examples=40, deadline=None)

body_mass = st.floats(40.0, 150.0)
height = st.floats(1.45, 2.05)
sex = st.sampled_from(["male", "female"])
plate = st.floats(0.0, 100.0)
offset_from_vertical = st.floats(0.0, 60.0)


@st.composite
def bodies(draw: st.DrawFn) -> RigidLegs:
    return athlete_legs(draw(body_mass), draw(height), draw(sex))


@st.composite
def machines_with_pivot_under_the_hip(draw: st.DrawFn) -> MachineGeometry:
    return MachineGeometry(
        arm_length_m=draw(st.floats(0.85, 1.3)),
        pivot_x_m=0.0,
        pivot_y_m=draw(st.floats(-0.20, 0.05)),
        arm_mass_kg=draw(st.floats(0.0, 20.0)),
        strap_distance_m=draw(st.floats(0.50, 0.70)),
    )


@st.composite
def machines(draw: st.DrawFn) -> MachineGeometry:
    return MachineGeometry(
        arm_length_m=draw(st.floats(0.85, 1.3)),
        pivot_x_m=draw(st.floats(-0.10, 0.10)),
        pivot_y_m=draw(st.floats(-0.20, 0.05)),
        arm_mass_kg=draw(st.floats(0.0, 20.0)),
        strap_distance_m=draw(st.floats(0.50, 0.70)),
    )


@SETTINGS
@given(legs=bodies())
def test_hanging_straight_legs_need_no_static_moment(legs: RigidLegs) -> None:
    assert_allclose(hip_extension_moment(-90.0, legs, "bench"), 0.0, atol=1e-9)


@SETTINGS
@given(legs=bodies(), geometry=machines_with_pivot_under_the_hip(), load=plate)
def test_hanging_legs_need_no_static_moment_on_a_machine_pivoting_under_the_hip(
    legs: RigidLegs, geometry: MachineGeometry, load: float
) -> None:
    moment = hip_extension_moment(-90.0, legs, "machine", plate_kg=load, geometry=geometry)
    assert_allclose(moment, 0.0, atol=1e-8)


@SETTINGS
@given(legs=bodies(), stiffness=st.floats(10.0, 2000.0))
def test_hanging_legs_need_no_static_moment_with_a_band_taut_at_the_bottom(
    legs: RigidLegs, stiffness: float
) -> None:
    band = BandSetup(stiffness_n_per_m=stiffness)
    assert_allclose(hip_extension_moment(-90.0, legs, "band", band=band), 0.0, atol=1e-8)


@SETTINGS
@given(legs=bodies(), offset=offset_from_vertical)
def test_legs_alone_moment_is_mirror_symmetric_about_vertical(
    legs: RigidLegs, offset: float
) -> None:
    in_front = hip_extension_moment(-90.0 + offset, legs, "bench")
    behind = hip_extension_moment(-90.0 - offset, legs, "bench")
    # same size, opposite direction: gravity always swings the legs back toward vertical
    assert_allclose(in_front, -behind, atol=1e-9)


@SETTINGS
@given(legs=bodies(), geometry=machines(), load=plate, scale=st.floats(0.0, 3.0))
def test_machine_moment_is_linear_in_plate_load(
    legs: RigidLegs, geometry: MachineGeometry, load: float, scale: float
) -> None:
    angles = curve_angles_deg(10.0)

    def moment(kg: float) -> np.ndarray:
        return hip_extension_moment(angles, legs, "machine", plate_kg=kg, geometry=geometry)

    empty = moment(0.0)
    assert_allclose(moment(scale * load) - empty, scale * (moment(load) - empty), atol=1e-7)


@SETTINGS
@given(
    legs=bodies(),
    geometry=machines(),
    load=plate,
    scale=st.floats(0.0, 3.0),
    concentric=st.floats(0.5, 4.0),
)
def test_dynamic_machine_moment_is_linear_in_plate_load(
    legs: RigidLegs, geometry: MachineGeometry, load: float, scale: float, concentric: float
) -> None:
    angles = curve_angles_deg(10.0, (-90.0, 0.0))
    motion = motion_from_tempo(Tempo(concentric, 0.0, concentric, 0.0))

    def moment(kg: float) -> np.ndarray:
        return dynamic_moment(angles, legs, "machine", motion, plate_kg=kg, geometry=geometry)

    empty = moment(0.0)
    assert_allclose(moment(scale * load) - empty, scale * (moment(load) - empty), atol=1e-7)


@SETTINGS
@given(
    legs=bodies(),
    geometry=machines(),
    load=plate,
    setup=st.sampled_from(["bench", "machine", "band"]),
    concentric=st.floats(0.5, 1.5),
)
def test_dynamic_moment_approaches_the_static_one_as_the_tempo_slows(
    legs: RigidLegs, geometry: MachineGeometry, load: float, setup: str, concentric: float
) -> None:
    angles = curve_angles_deg(5.0, (-90.0, 0.0))
    band = BandSetup(stiffness_n_per_m=300.0)
    static = hip_extension_moment(angles, legs, setup, plate_kg=load, geometry=geometry, band=band)

    def gap(slowdown: float) -> float:
        seconds = concentric * slowdown
        motion = motion_from_tempo(Tempo(seconds, 0.0, seconds, 0.0))
        dynamic = dynamic_moment(
            angles, legs, setup, motion, plate_kg=load, geometry=geometry, band=band
        )
        return float(np.max(np.abs(dynamic - static)))

    gaps = [gap(factor) for factor in (1.0, 4.0, 40.0)]
    # inertial terms scale with 1 / time²: each slowdown shrinks the gap accordingly
    assert gaps[0] > 0.0
    assert_allclose(gaps[1], gaps[0] / 16.0, rtol=1e-6)
    assert_allclose(gaps[2], gaps[0] / 1600.0, rtol=1e-6)
    assert gaps[2] < 0.01 * float(np.max(np.abs(static))) + 1e-9


@SETTINGS
@given(legs=bodies(), geometry=machines(), load=plate, concentric=st.floats(0.6, 3.0))
def test_a_faster_swing_loads_the_bottom_more_and_the_top_less(
    legs: RigidLegs, geometry: MachineGeometry, load: float, concentric: float
) -> None:
    ends = np.array([-90.0, 0.0])
    static = hip_extension_moment(ends, legs, "machine", plate_kg=load, geometry=geometry)
    motion = motion_from_tempo(Tempo(concentric, 0.0, concentric, 0.0))
    dynamic = dynamic_moment(ends, legs, "machine", motion, plate_kg=load, geometry=geometry)
    assert dynamic[0] > static[0]
    assert dynamic[1] < static[1]
