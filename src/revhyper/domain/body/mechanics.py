"""Hip extension moment of the reverse hyperextension, for every way of loading it.

One concept per function, NumPy arrays in and out, units in every docstring.

Conventions
-----------
* **Thigh angle** [deg]: the contract's convention (the keypoints/analysis contract):
  0 = thigh parallel to the floor, −90 = hanging straight down, below −90 when the legs
  swing under the pad, positive above parallel. The model works in a side view with the
  hip joint at the origin, x pointing away from the bench (where the feet point when the
  legs are level) and y up, so a thigh at angle θ points along (cos θ, sin θ).
* **Hip extension moment** [N m]: the moment the hip extensors must supply, summed over
  both hips (or over one for a single-leg set); positive = extension. Negative values mean
  the hip flexors must hold the legs (legs swung under the pad, or a band pulling up).
* Gravity is standard gravity, 9.80665 m/s².

Setups (chosen by name in :func:`hip_extension_moment`)
-------------------------------------------------------
* ``bench``, ``ball``, ``floor``, ``ghd``: the legs alone (bodyweight); the legs are a
  rigid body (straight, or with a fixed knee flexion) rotating about the hips.
* ``machine``: the legs plus the swing arm of a reverse hyper machine (see
  :class:`MachineGeometry`); the strap loops round the straight legs and slides along them.
* ``band``: the legs plus an elastic band (see :class:`BandSetup`).

Dynamics: with a prescribed angular velocity and acceleration the same functions give the
moment by inverse dynamics (legs and arm as a pendulum). :func:`rep_trajectory` prescribes
a rep from a tempo; :func:`phase_kinematics` gives velocity and acceleration at chosen angles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from revhyper.domain.body.anthropometry import (
    LegParameters,
    foot_com_beyond_ankle_m,
    leg_parameters,
)
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import RepResult
from revhyper.domain.tempo import Tempo

FloatArray = NDArray[np.float64]

#: Standard gravity [m/s²].
STANDARD_GRAVITY_M_S2 = 9.80665

#: The thigh-angle range the curves cover [deg] (contract convention).
CURVE_RANGE_DEG = (-100.0, 30.0)

#: The standard rep for summaries [deg]: from hanging to parallel, as the seed describes
#: the movement ("raise your legs until they're parallel with the floor").
STANDARD_REP_RANGE_DEG = (-90.0, 0.0)

#: Peak isometric hip-extension torque of ONE hip of a young adult, as a multiple of
#: body mass × height × g [-]. Anderson D.E., Madigan M.L., Nussbaum M.A. (2007) "Maximum
#: voluntary joint torque as a function of joint angle and angular velocity: model
#: development and application to the lower limb", J Biomech 40(14):3105–3113, report
#: peak hip-extension torques of about 0.16–0.18 × m × h × g for young adults (the range
#: quoted in issue 6); we use the central value 0.17.
ANDERSON_2007_PEAK_HIP_EXTENSION_RANGE = (0.16, 0.18)
ANDERSON_2007_PEAK_HIP_EXTENSION_COEFFICIENT = 0.17

#: Setups that load the hip with the legs' own weight only.
LEGS_ALONE_SETUPS = ("bench", "ball", "floor", "ghd")
#: Every setup name :func:`hip_extension_moment` accepts.
SETUP_NAMES = (*LEGS_ALONE_SETUPS, "machine", "band")

#: Velocity profiles :func:`rep_trajectory` accepts.
PROFILE_NAMES = ("harmonic", "minimum-jerk")

#: Limits for a plate load [kg], a knee flexion [deg] and a phase time [s].
PLATE_LOAD_RANGE_KG = (0.0, 400.0)
KNEE_FLEXION_RANGE_DEG = (0.0, 150.0)
PHASE_TIME_LIMIT_S = 60.0


# --------------------------------------------------------------------------- the legs


@dataclass(frozen=True)
class RigidLegs:
    """The legs as one rigid body rotating about the hip axis.

    Positions are in the thigh's frame: "along" the thigh from the hip, "across" it toward
    the heel side of a flexed knee (counter-clockwise from the thigh in the model's view).

    Attributes:
        mass_kg: mass of the moving legs [kg].
        first_moment_along_kg_m: Σ mass × CoM distance along the thigh [kg m].
        first_moment_across_kg_m: Σ mass × CoM distance across the thigh [kg m].
        inertia_about_hip_kg_m2: moment of inertia about the hip axis [kg m²].
        leg_count: 1 or 2.
        hip_to_ankle_m: hip joint centre to ankle joint along a straight leg [m].
        leg_length_m: hip joint centre to the sole along a straight leg [m].
    """

    mass_kg: float
    first_moment_along_kg_m: float
    first_moment_across_kg_m: float
    inertia_about_hip_kg_m2: float
    leg_count: int
    hip_to_ankle_m: float
    leg_length_m: float


def rigid_legs(leg: LegParameters, knee_flexion_deg: float = 0.0, leg_count: int = 2) -> RigidLegs:
    """Combine the segments of one leg into the moving legs of the exercise.

    Args:
        leg: segment parameters of one leg
        (:func:`revhyper.domain.body.anthropometry.leg_parameters`).
        knee_flexion_deg: fixed knee flexion during the set, 0 = straight [deg], 0–150.
        leg_count: 2 for the usual exercise, 1 for a single-leg set.

    Raises:
        InvalidInputError: knee flexion or leg count out of range.
    """
    low, high = KNEE_FLEXION_RANGE_DEG
    if not low <= knee_flexion_deg <= high:
        raise InvalidInputError(
            f"knee flexion {knee_flexion_deg:g} deg is outside {low:g}–{high:g} deg"
        )
    if leg_count not in (1, 2):
        raise InvalidInputError(f"leg count {leg_count} is not allowed; use 1 or 2")
    flexion = math.radians(knee_flexion_deg)
    thigh, shank, foot = leg.thigh, leg.shank, leg.foot
    foot_distance = shank.length_m + foot_com_beyond_ankle_m(leg)
    # CoM positions in the thigh frame (along, across) [m]
    points = [
        (thigh.mass_kg, thigh.com_from_origin_m, 0.0, thigh.radius_of_gyration_m),
        (
            shank.mass_kg,
            thigh.length_m + shank.com_from_origin_m * math.cos(flexion),
            shank.com_from_origin_m * math.sin(flexion),
            shank.radius_of_gyration_m,
        ),
        (
            foot.mass_kg,
            thigh.length_m + foot_distance * math.cos(flexion),
            foot_distance * math.sin(flexion),
            foot.radius_of_gyration_m,
        ),
    ]
    along = sum(mass * x for mass, x, _, _ in points)
    across = sum(mass * y for mass, _, y, _ in points)
    inertia = sum(mass * (k * k + x * x + y * y) for mass, x, y, k in points)
    return RigidLegs(
        mass_kg=leg_count * leg.mass_kg,
        first_moment_along_kg_m=leg_count * along,
        first_moment_across_kg_m=leg_count * across,
        inertia_about_hip_kg_m2=leg_count * inertia,
        leg_count=leg_count,
        hip_to_ankle_m=leg.hip_to_ankle_m,
        leg_length_m=leg.hip_to_ankle_m + leg.ankle_height_m,
    )


def athlete_legs(
    body_mass_kg: float,
    height_m: float,
    sex: str = "male",
    knee_flexion_deg: float = 0.0,
    leg_count: int = 2,
) -> RigidLegs:
    """The moving legs of an athlete from body mass [kg], height [m] and sex."""
    return rigid_legs(leg_parameters(body_mass_kg, height_m, sex), knee_flexion_deg, leg_count)


def _angles_rad(thigh_angle_deg: ArrayLike) -> FloatArray:
    angles = np.asarray(thigh_angle_deg, dtype=np.float64)
    if not np.all(np.isfinite(angles)):
        raise InvalidInputError("thigh angles must be finite numbers of degrees")
    return np.radians(angles)


def legs_static_moment(thigh_angle_deg: ArrayLike, legs: RigidLegs) -> FloatArray:
    """Hip extension moment that holds the legs still against gravity [N m].

    Equals g × Σ mass × horizontal CoM distance from the hip; zero when the leg hangs
    vertically, largest with the leg level.

    Args:
        thigh_angle_deg: thigh angle(s), contract convention [deg].
        legs: the moving legs.
    """
    theta = _angles_rad(thigh_angle_deg)
    horizontal_first_moment = legs.first_moment_along_kg_m * np.cos(
        theta
    ) - legs.first_moment_across_kg_m * np.sin(theta)
    return STANDARD_GRAVITY_M_S2 * horizontal_first_moment


def legs_inertial_moment(angular_acceleration_rad_s2: ArrayLike, legs: RigidLegs) -> FloatArray:
    """Hip moment that angularly accelerates the legs about the hip [N m].

    Args:
        angular_acceleration_rad_s2: thigh angular acceleration [rad/s²].
        legs: the moving legs.
    """
    return legs.inertia_about_hip_kg_m2 * np.asarray(angular_acceleration_rad_s2, dtype=np.float64)


# --------------------------------------------------------------------------- the machine


@dataclass(frozen=True)
class MachineGeometry:
    """Geometry of a reverse hyper machine's swing arm.

    The defaults are TYPICAL values for a pendulum-type machine (pivot just below the end of
    the pad, arm hanging to about ankle height, plates on a horn at its end); they describe
    no particular manufacturer's machine. Measure your own machine for better numbers.

    Attributes:
        arm_length_m: pivot axle to the plate horn [m]; default 0.90.
        pivot_x_m: pivot position relative to the hip joint, horizontally, positive away
            from the bench (toward the feet of level legs) [m]; default 0.
        pivot_y_m: pivot position relative to the hip joint, vertically, positive up [m];
            default −0.10 (10 cm below the hip).
        arm_mass_kg: the empty arm's own mass, taken as a uniform rod pivot→horn [kg];
            default 8.
        plate_radius_m: radius of the plates (they swing in their own plane, adding
            ½ m r² of inertia) [m]; default 0.225 (450 mm Olympic plates).
        strap_distance_m: where the strap sits on the legs when they hang vertically,
            measured from the hip joint along the leg [m]; ``None`` puts it at the ankles
            (or as low as the arm reaches, if the ankles hang below the arm's end). The
            strap is fixed to the arm and slides along the legs as they swing.
    """

    arm_length_m: float = 0.90
    pivot_x_m: float = 0.0
    pivot_y_m: float = -0.10
    arm_mass_kg: float = 8.0
    plate_radius_m: float = 0.225
    strap_distance_m: float | None = None


#: Limits that make a machine geometrically sensible [m], [kg].
ARM_LENGTH_RANGE_M = (0.30, 1.50)
PIVOT_OFFSET_LIMIT_M = 0.50
ARM_MASS_RANGE_KG = (0.0, 100.0)


def _pivot(geometry: MachineGeometry) -> tuple[float, float]:
    return geometry.pivot_x_m, geometry.pivot_y_m


def _lowest_reach_m(geometry: MachineGeometry) -> float:
    """Distance below the hip, along a hanging leg, where the arm's end can meet it [m]."""
    px, py = _pivot(geometry)
    return -py + math.sqrt(max(geometry.arm_length_m**2 - px * px, 0.0))


def strap_distance_m(geometry: MachineGeometry, legs: RigidLegs) -> float:
    """Strap position along the hanging legs, from the hip [m], defaults resolved."""
    if geometry.strap_distance_m is not None:
        return geometry.strap_distance_m
    return min(legs.hip_to_ankle_m, _lowest_reach_m(geometry))


def strap_radius_m(geometry: MachineGeometry, legs: RigidLegs) -> float:
    """Distance from the pivot to the strap's attachment on the arm [m]."""
    px, py = _pivot(geometry)
    strap = strap_distance_m(geometry, legs)
    return math.hypot(0.0 - px, -strap - py)


def validate_machine(geometry: MachineGeometry, legs: RigidLegs) -> None:
    """Refuse a machine geometry that makes no geometric sense for these legs.

    Raises:
        InvalidInputError: naming the value and what is allowed.
    """
    low, high = ARM_LENGTH_RANGE_M
    if not low <= geometry.arm_length_m <= high:
        raise InvalidInputError(
            f"arm length {geometry.arm_length_m:g} m is outside {low:g}–{high:g} m"
        )
    if math.hypot(*_pivot(geometry)) > PIVOT_OFFSET_LIMIT_M:
        raise InvalidInputError(
            f"pivot offset ({geometry.pivot_x_m:g}, {geometry.pivot_y_m:g}) m is more than "
            f"{PIVOT_OFFSET_LIMIT_M:g} m from the hip"
        )
    low_mass, high_mass = ARM_MASS_RANGE_KG
    if not low_mass <= geometry.arm_mass_kg <= high_mass:
        raise InvalidInputError(
            f"arm mass {geometry.arm_mass_kg:g} kg is outside {low_mass:g}–{high_mass:g} kg"
        )
    if not 0.0 <= geometry.plate_radius_m <= 0.30:
        raise InvalidInputError(f"plate radius {geometry.plate_radius_m:g} m is outside 0–0.3 m")
    strap = strap_distance_m(geometry, legs)
    if not 0.10 <= strap <= legs.leg_length_m:
        raise InvalidInputError(
            f"strap position {strap:g} m is not on the leg; allowed 0.1–{legs.leg_length_m:.2f} m "
            "from the hip"
        )
    radius = strap_radius_m(geometry, legs)
    if radius > geometry.arm_length_m + 1e-9:
        raise InvalidInputError(
            f"the strap ({strap:.2f} m down the leg) is {radius:.2f} m from the pivot, beyond the "
            f"arm's length {geometry.arm_length_m:g} m; lengthen the arm or raise the strap"
        )
    if math.hypot(*_pivot(geometry)) >= radius - 0.05:
        raise InvalidInputError(
            "the pivot must be nearer the hip than the strap (by at least 5 cm) for the strap "
            "to stay on the legs over the whole swing"
        )


def validate_plate_load(plate_kg: float) -> None:
    """Refuse a plate load [kg] outside 0–400 kg."""
    low, high = PLATE_LOAD_RANGE_KG
    if not (math.isfinite(plate_kg) and low <= plate_kg <= high):
        raise InvalidInputError(f"plate load {plate_kg:g} kg is outside {low:g}–{high:g} kg")


@dataclass(frozen=True, eq=False)
class ArmKinematics:
    """Where the arm is for given thigh angles.

    Attributes:
        arm_angle_rad: the arm's direction pivot→horn, same convention as the thigh [rad].
        strap_along_leg_m: the strap's distance from the hip along the leg [m].
        gear_ratio: dψ/dθ, arm rotation per thigh rotation [-].
        gear_ratio_slope: d²ψ/dθ² [1/rad].
    """

    arm_angle_rad: FloatArray
    strap_along_leg_m: FloatArray
    gear_ratio: FloatArray
    gear_ratio_slope: FloatArray


def arm_kinematics(
    thigh_angle_deg: ArrayLike, geometry: MachineGeometry, legs: RigidLegs
) -> ArmKinematics:
    """The arm's angle and its rate of change with the thigh angle.

    The strap's point S is fixed on the arm at radius r from the pivot P and lies on the
    leg's line: S = t u(θ), |S − P| = r. With p = P·u and w = √(p² − |P|² + r²),
    t = p + w, dψ/dθ = t / w and d²ψ/dθ² = (P·n)(r² − |P|²) / w³, n = (−sin θ, cos θ).
    With the pivot at the hip the arm turns exactly with the thigh (ratio 1).

    Args:
        thigh_angle_deg: thigh angle(s) [deg].
        geometry: machine geometry (validated by the caller).
        legs: the moving legs (for the default strap position).
    """
    theta = _angles_rad(thigh_angle_deg)
    px, py = _pivot(geometry)
    radius = strap_radius_m(geometry, legs)
    along = px * np.cos(theta) + py * np.sin(theta)
    across = -px * np.sin(theta) + py * np.cos(theta)
    w = np.sqrt(along**2 - (px * px + py * py) + radius * radius)
    t = along + w
    arm_angle = np.arctan2(t * np.sin(theta) - py, t * np.cos(theta) - px)
    slope = across * (radius * radius - (px * px + py * py)) / w**3
    return ArmKinematics(
        arm_angle_rad=arm_angle,
        strap_along_leg_m=t,
        gear_ratio=t / w,
        gear_ratio_slope=slope,
    )


def arm_static_torque(
    arm_angle_rad: ArrayLike, plate_kg: float, geometry: MachineGeometry
) -> FloatArray:
    """Torque about the pivot that holds the loaded arm still [N m].

    Plates are a point mass at the horn (arm length); the arm a uniform rod.

    Args:
        arm_angle_rad: arm direction pivot→horn, thigh convention [rad].
        plate_kg: plate load on the horn [kg].
        geometry: machine geometry.
    """
    first_moment = geometry.arm_length_m * (plate_kg + 0.5 * geometry.arm_mass_kg)
    angle = np.asarray(arm_angle_rad, dtype=np.float64)
    result: FloatArray = STANDARD_GRAVITY_M_S2 * first_moment * np.cos(angle)
    return result


def arm_inertia_kg_m2(plate_kg: float, geometry: MachineGeometry) -> float:
    """Moment of inertia of the loaded arm about its pivot [kg m²].

    Plates: m (L² + ½ r²) (discs turning in their own plane at the horn); arm: m L² / 3.
    """
    length = geometry.arm_length_m
    plates = plate_kg * (length**2 + 0.5 * geometry.plate_radius_m**2)
    return plates + geometry.arm_mass_kg * length**2 / 3.0


def machine_arm_moment(
    thigh_angle_deg: ArrayLike,
    legs: RigidLegs,
    plate_kg: float,
    geometry: MachineGeometry,
    angular_velocity_rad_s: ArrayLike = 0.0,
    angular_acceleration_rad_s2: ArrayLike = 0.0,
) -> FloatArray:
    """The arm's share of the hip extension moment [N m] (legs excluded).

    By virtual work through the frictionless sliding strap, the hip supplies
    (dψ/dθ) × (torque the arm needs about its pivot); that torque is the static one plus
    I_arm × ψ̈, with ψ̈ = (d²ψ/dθ²) θ̇² + (dψ/dθ) θ̈.

    Args:
        thigh_angle_deg: thigh angle(s) [deg].
        legs: the moving legs.
        plate_kg: plate load [kg].
        geometry: machine geometry (validated here).
        angular_velocity_rad_s: thigh angular velocity θ̇ [rad/s].
        angular_acceleration_rad_s2: thigh angular acceleration θ̈ [rad/s²].
    """
    validate_plate_load(plate_kg)
    validate_machine(geometry, legs)
    arm = arm_kinematics(thigh_angle_deg, geometry, legs)
    velocity = np.asarray(angular_velocity_rad_s, dtype=np.float64)
    acceleration = np.asarray(angular_acceleration_rad_s2, dtype=np.float64)
    arm_acceleration = arm.gear_ratio_slope * velocity**2 + arm.gear_ratio * acceleration
    torque = arm_static_torque(arm.arm_angle_rad, plate_kg, geometry) + (
        arm_inertia_kg_m2(plate_kg, geometry) * arm_acceleration
    )
    result: FloatArray = arm.gear_ratio * torque
    return result


# --------------------------------------------------------------------------- the band


@dataclass(frozen=True)
class BandSetup:
    """An elastic band pulling the legs toward an anchor.

    Attributes:
        stiffness_n_per_m: tension per metre of stretch (linear band) [N/m].
        anchor_x_m: anchor horizontally from the hip, positive away from the bench [m];
            default 0 (under the hip).
        anchor_y_m: anchor vertically from the hip, positive up [m]; default −1.0 (the
            floor under a typical pad about 1 m high).
        rest_length_m: unstretched length [m]; ``None`` makes the band just taut with the
            legs hanging.
        attach_distance_m: where the band loops round the legs, from the hip along the
            leg [m]; ``None`` = at the ankles.
    """

    stiffness_n_per_m: float
    anchor_x_m: float = 0.0
    anchor_y_m: float = -1.0
    rest_length_m: float | None = None
    attach_distance_m: float | None = None


BAND_STIFFNESS_RANGE_N_PER_M = (1.0, 20000.0)
BAND_ANCHOR_LIMIT_M = 3.0


def band_attach_distance_m(band: BandSetup, legs: RigidLegs) -> float:
    """Where the band loops round the legs, defaults resolved [m]."""
    return legs.hip_to_ankle_m if band.attach_distance_m is None else band.attach_distance_m


def band_rest_length_m(band: BandSetup, legs: RigidLegs) -> float:
    """Unstretched band length, defaults resolved [m]."""
    if band.rest_length_m is not None:
        return band.rest_length_m
    attach = band_attach_distance_m(band, legs)
    return math.hypot(band.anchor_x_m, band.anchor_y_m + attach)


def validate_band(band: BandSetup, legs: RigidLegs) -> None:
    """Refuse a band setup that makes no physical sense."""
    low, high = BAND_STIFFNESS_RANGE_N_PER_M
    if not low <= band.stiffness_n_per_m <= high:
        raise InvalidInputError(
            f"band stiffness {band.stiffness_n_per_m:g} N/m is outside {low:g}–{high:g} N/m"
        )
    if math.hypot(band.anchor_x_m, band.anchor_y_m) > BAND_ANCHOR_LIMIT_M:
        raise InvalidInputError(
            f"band anchor ({band.anchor_x_m:g}, {band.anchor_y_m:g}) m is more than "
            f"{BAND_ANCHOR_LIMIT_M:g} m from the hip"
        )
    rest = band_rest_length_m(band, legs)
    if not 0.0 <= rest <= BAND_ANCHOR_LIMIT_M:
        raise InvalidInputError(f"band rest length {rest:g} m is outside 0–3 m")
    attach = band_attach_distance_m(band, legs)
    if not 0.10 <= attach <= legs.leg_length_m:
        raise InvalidInputError(
            f"band position {attach:g} m is not on the leg; allowed 0.1–{legs.leg_length_m:.2f} m"
        )


def band_tension_n(thigh_angle_deg: ArrayLike, band: BandSetup, legs: RigidLegs) -> FloatArray:
    """Band tension [N]: stiffness × stretch beyond the rest length, never negative."""
    theta = _angles_rad(thigh_angle_deg)
    attach = band_attach_distance_m(band, legs)
    length = np.hypot(
        band.anchor_x_m - attach * np.cos(theta), band.anchor_y_m - attach * np.sin(theta)
    )
    stretch = np.maximum(length - band_rest_length_m(band, legs), 0.0)
    return band.stiffness_n_per_m * stretch


def band_moment(thigh_angle_deg: ArrayLike, band: BandSetup, legs: RigidLegs) -> FloatArray:
    """The band's share of the hip extension moment [N m] (legs excluded; band massless).

    Args:
        thigh_angle_deg: thigh angle(s) [deg].
        band: the band (validated here).
        legs: the moving legs (for the default attachment and rest length).
    """
    validate_band(band, legs)
    theta = _angles_rad(thigh_angle_deg)
    attach = band_attach_distance_m(band, legs)
    dx = band.anchor_x_m - attach * np.cos(theta)
    dy = band.anchor_y_m - attach * np.sin(theta)
    length = np.hypot(dx, dy)
    tension = band_tension_n(thigh_angle_deg, band, legs)
    safe_length = np.where(length > 0.0, length, 1.0)
    # torque of the band's pull about the hip (counter-clockwise positive), then negated
    torque = attach * (np.cos(theta) * dy - np.sin(theta) * dx) * tension / safe_length
    result: FloatArray = -torque
    return result


# --------------------------------------------------------------------------- one entry point


def hip_extension_moment(
    thigh_angle_deg: ArrayLike,
    legs: RigidLegs,
    setup: str = "bench",
    *,
    plate_kg: float = 0.0,
    geometry: MachineGeometry | None = None,
    band: BandSetup | None = None,
    angular_velocity_rad_s: ArrayLike = 0.0,
    angular_acceleration_rad_s2: ArrayLike = 0.0,
) -> FloatArray:
    """Hip extension moment required over the thigh angle for a named setup [N m].

    Static when velocity and acceleration are zero (the default); otherwise inverse
    dynamics of the legs (and arm) following the prescribed motion.

    Args:
        thigh_angle_deg: thigh angle(s), contract convention [deg].
        legs: the moving legs (:func:`athlete_legs`).
        setup: one of ``bench``, ``ball``, ``floor``, ``ghd`` (legs alone), ``machine``,
            ``band``.
        plate_kg: plate load on the machine [kg] (``machine`` only).
        geometry: machine geometry; default :class:`MachineGeometry` ().
        band: the band (required for ``band``).
        angular_velocity_rad_s: thigh angular velocity [rad/s], scalar or per angle.
        angular_acceleration_rad_s2: thigh angular acceleration [rad/s²], scalar or per angle.

    Raises:
        InvalidInputError: an unknown setup name or a bad parameter.
    """
    name = setup.strip().lower()
    if name not in SETUP_NAMES:
        raise InvalidInputError(
            f"setup {setup!r} is not known; use one of {', '.join(SETUP_NAMES)}"
        )
    moment = legs_static_moment(thigh_angle_deg, legs) + legs_inertial_moment(
        angular_acceleration_rad_s2, legs
    )
    if name == "machine":
        moment = moment + machine_arm_moment(
            thigh_angle_deg,
            legs,
            plate_kg,
            geometry or MachineGeometry(),
            angular_velocity_rad_s,
            angular_acceleration_rad_s2,
        )
    elif name == "band":
        if band is None:
            raise InvalidInputError("the band setup needs a band (give its stiffness in N/m)")
        moment = moment + band_moment(thigh_angle_deg, band, legs)
    result: FloatArray = np.asarray(moment, dtype=np.float64)
    return result


def curve_angles_deg(
    step_deg: float = 1.0, angle_range_deg: tuple[float, float] = CURVE_RANGE_DEG
) -> FloatArray:
    """Thigh angles from the low to the high end of the range, inclusive [deg]."""
    low, high = angle_range_deg
    if step_deg <= 0 or high <= low:
        raise InvalidInputError("the angle step must be positive and the range increasing")
    count = round((high - low) / step_deg) + 1
    return np.linspace(low, high, count)


# --------------------------------------------------------------------------- summaries


@dataclass(frozen=True)
class MomentSummary:
    """Numbers that describe one moment curve over a rep's range.

    Attributes:
        peak_n_m: largest hip extension moment [N m].
        peak_angle_deg: thigh angle where it occurs [deg].
        mean_n_m: angle-averaged moment over the range [N m].
        work_j: work the hip extensors do lifting from bottom to top, ∫ M dθ [J].
    """

    peak_n_m: float
    peak_angle_deg: float
    mean_n_m: float
    work_j: float


def summarize_moment_curve(thigh_angle_deg: ArrayLike, moment_n_m: ArrayLike) -> MomentSummary:
    """Peak, its angle, angle-averaged mean and work of a moment curve.

    Non-finite points (angles the motion does not visit) are left out.

    Args:
        thigh_angle_deg: increasing thigh angles [deg].
        moment_n_m: hip extension moment at those angles [N m].
    """
    angles = np.asarray(thigh_angle_deg, dtype=np.float64)
    moments = np.asarray(moment_n_m, dtype=np.float64)
    keep = np.isfinite(angles) & np.isfinite(moments)
    angles, moments = angles[keep], moments[keep]
    if angles.size < 2 or np.any(np.diff(angles) <= 0):
        raise InvalidInputError("a moment curve needs at least two increasing angles")
    peak_index = int(np.argmax(moments))
    work = float(np.trapezoid(moments, np.radians(angles)))
    span = float(np.radians(angles[-1] - angles[0]))
    return MomentSummary(
        peak_n_m=float(moments[peak_index]),
        peak_angle_deg=float(angles[peak_index]),
        mean_n_m=work / span,
        work_j=work,
    )


def rep_angles_deg(
    rep_range_deg: tuple[float, float] = STANDARD_REP_RANGE_DEG, step_deg: float = 0.5
) -> FloatArray:
    """Angles covering a rep from bottom to top [deg]."""
    return curve_angles_deg(step_deg, rep_range_deg)


def static_peak_moment(
    legs: RigidLegs,
    setup: str,
    *,
    plate_kg: float = 0.0,
    geometry: MachineGeometry | None = None,
    band: BandSetup | None = None,
    rep_range_deg: tuple[float, float] = STANDARD_REP_RANGE_DEG,
) -> float:
    """Peak static hip extension moment over a rep's range for a setup [N m]."""
    angles = rep_angles_deg(rep_range_deg)
    moment = hip_extension_moment(
        angles, legs, setup, plate_kg=plate_kg, geometry=geometry, band=band
    )
    return float(np.max(moment))


def equivalent_plate_load(
    target_peak_n_m: float,
    legs: RigidLegs,
    geometry: MachineGeometry | None = None,
    rep_range_deg: tuple[float, float] = STANDARD_REP_RANGE_DEG,
) -> float:
    """Plate load on the machine whose peak static moment equals a target [kg].

    Use it to compare setups: pass another setup's peak moment to learn what it is
    "worth" on the machine. Returns 0 when the legs and empty arm already reach the target.

    Args:
        target_peak_n_m: the peak hip extension moment to match [N m].
        legs: the moving legs.
        geometry: machine geometry; default :class:`MachineGeometry` ().
        rep_range_deg: the rep's angle range [deg].

    Raises:
        InvalidInputError: the target needs more than the machine's plate limit.
    """
    machine = geometry or MachineGeometry()
    angles = rep_angles_deg(rep_range_deg)
    # the moment is linear in the plate load: empty machine + load × moment per kg
    empty = hip_extension_moment(angles, legs, "machine", plate_kg=0.0, geometry=machine)
    per_kg = hip_extension_moment(angles, legs, "machine", plate_kg=1.0, geometry=machine) - empty

    def shortfall(plate_kg: float) -> float:
        return float(np.max(empty + plate_kg * per_kg)) - target_peak_n_m

    if shortfall(0.0) >= 0.0:
        return 0.0
    high = PLATE_LOAD_RANGE_KG[1]
    if shortfall(high) < 0.0:
        raise InvalidInputError(
            f"a peak of {target_peak_n_m:.0f} N m needs more than {high:g} kg on this machine"
        )
    # Imported here: scipy.optimize costs ~0.25 s, and this module is imported by the planner
    # and by every `revhyper` start-up (the mechanics command's option defaults).
    from scipy.optimize import brentq

    return float(brentq(shortfall, 0.0, high, xtol=1e-4))


def peak_hip_extension_strength_n_m(body_mass_kg: float, height_m: float, hips: int = 2) -> float:
    """Estimated peak isometric hip extension strength of a young adult [N m].

    0.17 × body mass × height × g per hip (Anderson et al. 2007, see
    :data:`ANDERSON_2007_PEAK_HIP_EXTENSION_COEFFICIENT`), times the number of hips working
    (2 in the usual two-leg exercise).

    Args:
        body_mass_kg: body mass [kg].
        height_m: body height [m].
        hips: hips working together, 1 or 2.
    """
    if hips not in (1, 2):
        raise InvalidInputError(f"hips {hips} is not allowed; use 1 or 2")
    per_hip = (
        ANDERSON_2007_PEAK_HIP_EXTENSION_COEFFICIENT
        * body_mass_kg
        * height_m
        * STANDARD_GRAVITY_M_S2
    )
    return hips * per_hip


def plate_load_for_relative_effort(
    body_mass_kg: float,
    height_m: float,
    relative_effort: float,
    sex: str = "male",
    geometry: MachineGeometry | None = None,
) -> float:
    """Plate load [kg] at which the machine asks a given fraction of the athlete's strength.

    The peak static hip extension moment over the standard rep (hanging to parallel, both
    legs, straight knees) is set equal to ``relative_effort`` × the estimated peak strength
    of both hips (:func:`peak_hip_extension_strength_n_m`). Returns 0 when the legs and the
    empty arm already exceed that.

    Args:
        body_mass_kg: body mass [kg], 30–250.
        height_m: body height [m], 1.20–2.30.
        relative_effort: fraction of peak strength, 0 < effort ≤ 1 [-].
        sex: "male" or "female".
        geometry: the athlete's machine; default :class:`MachineGeometry` ().

    Raises:
        InvalidInputError: a value out of range, or more than 400 kg needed.
    """
    if not (math.isfinite(relative_effort) and 0.0 < relative_effort <= 1.0):
        raise InvalidInputError(
            f"relative effort {relative_effort:g} is outside (0, 1] (a fraction of peak strength)"
        )
    legs = athlete_legs(body_mass_kg, height_m, sex)
    target = relative_effort * peak_hip_extension_strength_n_m(body_mass_kg, height_m, hips=2)
    return equivalent_plate_load(target, legs, geometry)


# --------------------------------------------------------------------------- tempo and motion


@dataclass(frozen=True)
class RepMotion:
    """One rep's timing and range.

    Attributes:
        bottom_angle_deg: thigh angle at the bottom [deg].
        top_angle_deg: thigh angle at the top [deg].
        concentric_s: time lifting [s].
        hold_s: time held at the top [s].
        eccentric_s: time lowering [s].
        pause_s: time paused at the bottom [s].
    """

    bottom_angle_deg: float
    top_angle_deg: float
    concentric_s: float
    hold_s: float
    eccentric_s: float
    pause_s: float

    @property
    def duration_s(self) -> float:
        """Time of the whole rep [s]."""
        return self.concentric_s + self.hold_s + self.eccentric_s + self.pause_s


def validate_motion(motion: RepMotion) -> None:
    """Refuse a rep whose times or range make no sense."""
    if not motion.bottom_angle_deg < motion.top_angle_deg:
        raise InvalidInputError(
            f"top angle {motion.top_angle_deg:g} deg must be above the bottom angle "
            f"{motion.bottom_angle_deg:g} deg"
        )
    for label, value in (("concentric", motion.concentric_s), ("eccentric", motion.eccentric_s)):
        if not 0.05 <= value <= PHASE_TIME_LIMIT_S:
            raise InvalidInputError(
                f"{label} time {value:g} s is outside 0.05–{PHASE_TIME_LIMIT_S:g} s"
            )
    for label, value in (("hold", motion.hold_s), ("pause", motion.pause_s)):
        if not 0.0 <= value <= PHASE_TIME_LIMIT_S:
            raise InvalidInputError(
                f"{label} time {value:g} s is outside 0–{PHASE_TIME_LIMIT_S:g} s"
            )


def motion_from_tempo(
    tempo: Tempo,
    rep_range_deg: tuple[float, float] = STANDARD_REP_RANGE_DEG,
) -> RepMotion:
    """A rep of the plan's tempo over a range (default hanging to parallel)."""
    bottom, top = rep_range_deg
    motion = RepMotion(
        bottom, top, tempo.concentric_s, tempo.hold_s, tempo.eccentric_s, tempo.pause_s
    )
    validate_motion(motion)
    return motion


def motion_from_rep(rep: RepResult) -> RepMotion:
    """A rep as the form analysis measured it (times and top/bottom angles).

    The analysis does not time the pause at the bottom; it is taken as zero.
    """
    motion = RepMotion(
        bottom_angle_deg=rep.bottom_angle_deg,
        top_angle_deg=rep.top_angle_deg,
        concentric_s=rep.concentric_s,
        hold_s=rep.hold_s,
        eccentric_s=rep.eccentric_s,
        pause_s=0.0,
    )
    validate_motion(motion)
    return motion


def typical_motion(motions: Sequence[RepMotion]) -> RepMotion:
    """The median rep of several (each time and angle its own median).

    Use it to turn a form analysis's reps into one representative tempo.

    Raises:
        InvalidInputError: no reps, or a median rep that makes no sense.
    """
    if not motions:
        raise InvalidInputError("no usable reps to take a tempo from")

    def median(values: list[float]) -> float:
        return float(np.median(np.asarray(values, dtype=np.float64)))

    motion = RepMotion(
        bottom_angle_deg=median([m.bottom_angle_deg for m in motions]),
        top_angle_deg=median([m.top_angle_deg for m in motions]),
        concentric_s=median([m.concentric_s for m in motions]),
        hold_s=median([m.hold_s for m in motions]),
        eccentric_s=median([m.eccentric_s for m in motions]),
        pause_s=median([m.pause_s for m in motions]),
    )
    validate_motion(motion)
    return motion


Phase = Literal["concentric", "eccentric"]


def _profile(name: str, fraction: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Position, velocity and acceleration of a unit move over unit time (s, s', s'')."""
    if name == "harmonic":
        angle = np.pi * fraction
        position = 0.5 * (1.0 - np.cos(angle))
        velocity = 0.5 * np.pi * np.sin(angle)
        acceleration = 0.5 * np.pi**2 * np.cos(angle)
        return position, velocity, acceleration
    if name == "minimum-jerk":
        f = fraction
        position = 10 * f**3 - 15 * f**4 + 6 * f**5
        velocity = 30 * f**2 - 60 * f**3 + 30 * f**4
        acceleration = 60 * f - 180 * f**2 + 120 * f**3
        return position, velocity, acceleration
    raise ValueError(f"profile {name!r} is not known; use one of {', '.join(PROFILE_NAMES)}")


@dataclass(frozen=True, eq=False)
class RepTrajectory:
    """A prescribed rep sampled in time.

    Attributes:
        time_s: time from the start of the lift [s].
        thigh_angle_deg: thigh angle [deg].
        angular_velocity_rad_s: thigh angular velocity [rad/s].
        angular_acceleration_rad_s2: thigh angular acceleration [rad/s²].
        phase: per sample, "concentric", "hold", "eccentric" or "pause".
    """

    time_s: FloatArray
    thigh_angle_deg: FloatArray
    angular_velocity_rad_s: FloatArray
    angular_acceleration_rad_s2: FloatArray
    phase: tuple[str, ...]


def _phase_samples(
    motion: RepMotion, phase: str, profile: str, samples: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Time, angle, velocity, acceleration over one moving phase (time from phase start)."""
    duration = motion.concentric_s if phase == "concentric" else motion.eccentric_s
    fraction = np.linspace(0.0, 1.0, samples)
    position, velocity, acceleration = _profile(profile, fraction)
    span = math.radians(motion.top_angle_deg - motion.bottom_angle_deg)
    direction = 1.0 if phase == "concentric" else -1.0
    start = motion.bottom_angle_deg if phase == "concentric" else motion.top_angle_deg
    angle = start + direction * np.degrees(span * position)
    return (
        fraction * duration,
        angle,
        direction * span * velocity / duration,
        direction * span * acceleration / duration**2,
    )


def rep_trajectory(
    motion: RepMotion, profile: str = "harmonic", samples_per_phase: int = 201
) -> RepTrajectory:
    """Sample a prescribed rep: lift, hold, lower, pause.

    Profiles by name: ``harmonic`` (half-cosine, like a pendulum swing: the angular
    acceleration is largest at the ends, positive at the bottom and negative at the top)
    or ``minimum-jerk`` (Flash & Hogan 1985 quintic; zero acceleration at the ends).

    Args:
        motion: the rep's times [s] and range [deg].
        profile: velocity profile name.
        samples_per_phase: samples per moving phase.

    Raises:
        ValueError: an unknown profile.
        InvalidInputError: a bad motion.
    """
    validate_motion(motion)
    if profile not in PROFILE_NAMES:
        raise ValueError(f"profile {profile!r} is not known; use one of {', '.join(PROFILE_NAMES)}")
    up = _phase_samples(motion, "concentric", profile, samples_per_phase)
    down = _phase_samples(motion, "eccentric", profile, samples_per_phase)
    hold_start = motion.concentric_s
    down_start = hold_start + motion.hold_s
    pause_start = down_start + motion.eccentric_s
    zeros = np.zeros(2)
    times = np.concatenate(
        [up[0], [hold_start, down_start], down[0] + down_start, [pause_start, motion.duration_s]]
    )
    angles = np.concatenate(
        [
            up[1],
            [motion.top_angle_deg] * 2,
            down[1],
            [motion.bottom_angle_deg] * 2,
        ]
    )
    velocity = np.concatenate([up[2], zeros, down[2], zeros])
    acceleration = np.concatenate([up[3], zeros, down[3], zeros])
    phases = (
        ("concentric",) * samples_per_phase
        + ("hold",) * 2
        + ("eccentric",) * samples_per_phase
        + ("pause",) * 2
    )
    return RepTrajectory(times, angles, velocity, acceleration, phases)


def phase_kinematics(
    thigh_angle_deg: ArrayLike,
    motion: RepMotion,
    phase: Phase = "concentric",
    profile: str = "harmonic",
) -> tuple[FloatArray, FloatArray]:
    """Angular velocity [rad/s] and acceleration [rad/s²] when a phase passes given angles.

    Angles outside the rep's range are not visited: NaN.

    Args:
        thigh_angle_deg: thigh angle(s) [deg].
        motion: the rep.
        phase: "concentric" (lifting) or "eccentric" (lowering).
        profile: velocity profile name (see :func:`rep_trajectory`).

    Raises:
        ValueError: an unknown phase or profile.
    """
    if phase not in ("concentric", "eccentric"):
        raise ValueError(f"phase {phase!r} is not known; use 'concentric' or 'eccentric'")
    if profile not in PROFILE_NAMES:
        raise ValueError(f"profile {profile!r} is not known; use one of {', '.join(PROFILE_NAMES)}")
    validate_motion(motion)
    angles = np.asarray(thigh_angle_deg, dtype=np.float64)
    _, sampled_angle, velocity, acceleration = _phase_samples(motion, phase, profile, 4001)
    order = np.argsort(sampled_angle, kind="stable")
    inside = (angles >= motion.bottom_angle_deg) & (angles <= motion.top_angle_deg)
    velocity_at = np.interp(angles, sampled_angle[order], velocity[order])
    acceleration_at = np.interp(angles, sampled_angle[order], acceleration[order])
    return np.where(inside, velocity_at, np.nan), np.where(inside, acceleration_at, np.nan)


def dynamic_moment(
    thigh_angle_deg: ArrayLike,
    legs: RigidLegs,
    setup: str,
    motion: RepMotion,
    phase: Phase = "concentric",
    profile: str = "harmonic",
    *,
    plate_kg: float = 0.0,
    geometry: MachineGeometry | None = None,
    band: BandSetup | None = None,
) -> FloatArray:
    """Hip extension moment while a rep's phase passes given angles [N m] (NaN outside).

    Args:
        thigh_angle_deg: thigh angle(s) [deg].
        legs: the moving legs.
        setup: setup name (see :func:`hip_extension_moment`).
        motion: the rep's times and range.
        phase: "concentric" or "eccentric".
        profile: velocity profile name.
        plate_kg: machine plate load [kg].
        geometry: machine geometry.
        band: band setup.
    """
    velocity, acceleration = phase_kinematics(thigh_angle_deg, motion, phase, profile)
    visited = np.isfinite(velocity)
    moment = hip_extension_moment(
        thigh_angle_deg,
        legs,
        setup,
        plate_kg=plate_kg,
        geometry=geometry,
        band=band,
        angular_velocity_rad_s=np.where(visited, velocity, 0.0),
        angular_acceleration_rad_s2=np.where(visited, acceleration, 0.0),
    )
    result: FloatArray = np.where(visited, moment, np.nan)
    return result


# --------------------------------------------------------------------------- comparing setups


@dataclass(frozen=True)
class SetupSpec:
    """One setup to compare.

    Attributes:
        setup: setup name (see :data:`SETUP_NAMES`).
        plate_kg: plate load on the machine [kg].
        geometry: machine geometry (``None`` = defaults).
        band: band (required for ``band``).
    """

    setup: str
    plate_kg: float = 0.0
    geometry: MachineGeometry | None = None
    band: BandSetup | None = None

    @property
    def label(self) -> str:
        """A short human name, e.g. "machine 20 kg" or "band 150 N/m"."""
        if self.setup == "machine":
            return f"machine {self.plate_kg:g} kg"
        if self.setup == "band" and self.band is not None:
            return f"band {self.band.stiffness_n_per_m:g} N/m"
        return f"{self.setup} (legs alone)"


@dataclass(frozen=True, eq=False)
class SetupCurve:
    """One moment curve with its summary numbers.

    Attributes:
        spec: the setup.
        phase: "static" or "concentric" (lifting at the tempo).
        angles_deg: thigh angles over :data:`CURVE_RANGE_DEG` [deg].
        moment_n_m: hip extension moment at those angles, NaN where not visited [N m].
        summary: peak, mean and work over the rep's range.
        equivalent_plate_kg: plate load on the reference machine with the same static peak
            [kg]; ``None`` when it would need more than the machine's limit.
        strength_fraction: peak as a fraction of the estimated strength of the working hips.
    """

    spec: SetupSpec
    phase: str
    angles_deg: FloatArray
    moment_n_m: FloatArray
    summary: MomentSummary
    equivalent_plate_kg: float | None
    strength_fraction: float

    @property
    def label(self) -> str:
        """The setup's label, with the phase when dynamic."""
        return self.spec.label if self.phase == "static" else f"{self.spec.label}, lifting"


def _curve_for(
    spec: SetupSpec,
    legs: RigidLegs,
    angles: ArrayLike,
    motion: RepMotion | None,
) -> FloatArray:
    if motion is None:
        return hip_extension_moment(
            angles, legs, spec.setup, plate_kg=spec.plate_kg, geometry=spec.geometry, band=spec.band
        )
    return dynamic_moment(
        angles,
        legs,
        spec.setup,
        motion,
        "concentric",
        plate_kg=spec.plate_kg,
        geometry=spec.geometry,
        band=spec.band,
    )


def _equivalent_or_none(
    peak: float,
    legs: RigidLegs,
    geometry: MachineGeometry | None,
    rep_range_deg: tuple[float, float],
) -> float | None:
    try:
        return equivalent_plate_load(peak, legs, geometry, rep_range_deg)
    except InvalidInputError:
        return None


def compare_setups(
    legs: RigidLegs,
    specs: list[SetupSpec],
    strength_n_m: float,
    *,
    motion: RepMotion | None = None,
    reference_geometry: MachineGeometry | None = None,
    rep_range_deg: tuple[float, float] = STANDARD_REP_RANGE_DEG,
) -> list[SetupCurve]:
    """Static curves (and lifting curves at a tempo) of several setups, with summaries.

    Args:
        legs: the moving legs.
        specs: setups to compare.
        strength_n_m: estimated peak strength of the working hips [N m].
        motion: a rep's tempo and range; adds a lifting (concentric) curve per setup.
        reference_geometry: the machine the equivalent plate loads refer to.
        rep_range_deg: range for peak, mean and work [deg]; the motion's range if given.
    """
    if strength_n_m <= 0:
        raise InvalidInputError(f"strength {strength_n_m:g} N m must be positive")
    rep_range = (motion.bottom_angle_deg, motion.top_angle_deg) if motion else rep_range_deg
    curve_angles = curve_angles_deg(1.0)
    summary_angles = rep_angles_deg(rep_range)
    curves: list[SetupCurve] = []
    for motion_or_none in (None, motion) if motion else (None,):
        for spec in specs:
            summary = summarize_moment_curve(
                summary_angles, _curve_for(spec, legs, summary_angles, motion_or_none)
            )
            curves.append(
                SetupCurve(
                    spec=spec,
                    phase="static" if motion_or_none is None else "concentric",
                    angles_deg=curve_angles,
                    moment_n_m=_curve_for(spec, legs, curve_angles, motion_or_none),
                    summary=summary,
                    equivalent_plate_kg=_equivalent_or_none(
                        summary.peak_n_m, legs, reference_geometry, rep_range
                    ),
                    strength_fraction=summary.peak_n_m / strength_n_m,
                )
            )
    return curves
