"""Leg segment parameters (thigh, shank, foot) from body mass, height and sex.

Two published tables are combined, each kept here as data:

* **Inertia parameters** — de Leva P. (1996) "Adjustments to Zatsiorsky-Seluyanov's
  segment inertia parameters", *J Biomech* 29(9):1223–1230, Table 4: segment mass as a
  percentage of body mass, centre-of-mass (CoM) position as a percentage of the segment
  length measured from the segment's *origin* endpoint, and radii of gyration as a
  percentage of the same length, for females and males.
* **Segment lengths** — Drillis R. & Contini R. (1966) "Body segment parameters", Report
  1166-03, New York University, as redrawn by Winter D.A., *Biomechanics and Motor Control
  of Human Movement*, 4th ed. (2009), Fig. 4.1: heights of the hip (greater trochanter /
  hip joint), knee and ankle joints and the foot length as fractions of body height H.

Why the two can be combined (endpoints matter, because de Leva's CoM percentages are
percentages of *his* segment lengths between *his* endpoints):

* Thigh: de Leva measures from the hip joint centre (HJC) to the knee joint centre (KJC).
  Winter's figure gives the hip at 0.530 H and the knee at 0.285 H, i.e. the same two joint
  centres, so the thigh length is (0.530 − 0.285) H = 0.245 H and de Leva's CoM fraction
  (from HJC) applies to it directly.
* Shank: de Leva measures from KJC to the lateral malleolus (LMAL); Winter's figure gives
  the ankle (malleolus level) at 0.039 H, so the shank length is (0.285 − 0.039) H =
  0.246 H, again between matching endpoints; the CoM fraction is from KJC.
* Foot: de Leva measures from the heel (HEEL) to the tip of the longest toe (TTIP), which
  is the foot length of Winter's figure, 0.152 H. That length only scales the radius of
  gyration; see :func:`foot_com_beyond_ankle_m` for where the foot's CoM is placed
  relative to the ankle in the straight-leg model.

The de Leva segment lengths themselves (mm, for his reference subjects) are kept in the
table for completeness and for the test against the publication; the model scales with the
athlete's height through the Drillis–Contini fractions, not through those lengths.

Radii of gyration: de Leva gives three columns (sagittal, transverse, longitudinal). The
hip flexion–extension axis is the medio-lateral (transverse) axis; we use the
*transverse* column for it. For the three leg segments the sagittal and transverse
columns differ by at most 2.2 percentage points (foot, female), so this choice changes the
legs' moment of inertia about the hip by well under 1%.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError


class Sex(StrEnum):
    """The two columns of de Leva's table."""

    FEMALE = "female"
    MALE = "male"


class LegSegment(StrEnum):
    """The leg segments the mechanics model uses."""

    THIGH = "thigh"
    SHANK = "shank"
    FOOT = "foot"


@dataclass(frozen=True)
class DeLevaRow:
    """One cell group of de Leva (1996) Table 4 for one segment and one sex.

    Attributes:
        origin: de Leva's origin endpoint (CoM is measured from here).
        other_end: de Leva's other endpoint.
        length_mm: mean segment length of de Leva's reference subjects [mm].
        mass_percent: segment mass as a percentage of body mass [%].
        com_percent: CoM distance from the origin, percentage of segment length [%].
        r_sagittal_percent: radius of gyration about the sagittal axis, % of length [%].
        r_transverse_percent: radius of gyration about the transverse axis, % of length [%].
        r_longitudinal_percent: radius of gyration about the long axis, % of length [%].
    """

    origin: str
    other_end: str
    length_mm: float
    mass_percent: float
    com_percent: float
    r_sagittal_percent: float
    r_transverse_percent: float
    r_longitudinal_percent: float


#: de Leva (1996) J Biomech 29(9):1223–1230, Table 4 (leg rows), copied cell by cell.
#: Endpoints: HJC hip joint centre, KJC knee joint centre, LMAL lateral malleolus,
#: HEEL heel, TTIP tip of the longest toe.
DE_LEVA_1996_TABLE_4: dict[tuple[LegSegment, Sex], DeLevaRow] = {
    (LegSegment.THIGH, Sex.FEMALE): DeLevaRow("HJC", "KJC", 368.5, 14.78, 36.12, 36.9, 36.4, 16.2),
    (LegSegment.THIGH, Sex.MALE): DeLevaRow("HJC", "KJC", 422.2, 14.16, 40.95, 32.9, 32.9, 14.9),
    (LegSegment.SHANK, Sex.FEMALE): DeLevaRow("KJC", "LMAL", 432.3, 4.81, 44.16, 27.1, 26.7, 9.3),
    (LegSegment.SHANK, Sex.MALE): DeLevaRow("KJC", "LMAL", 434.0, 4.33, 44.59, 25.5, 24.9, 10.3),
    (LegSegment.FOOT, Sex.FEMALE): DeLevaRow("HEEL", "TTIP", 228.3, 1.29, 40.14, 29.9, 27.9, 13.9),
    (LegSegment.FOOT, Sex.MALE): DeLevaRow("HEEL", "TTIP", 258.1, 1.37, 44.15, 25.7, 24.5, 12.4),
}

#: Drillis & Contini (1966) via Winter (2009) Fig. 4.1: heights above the floor and the foot
#: length as fractions of body height H [-].
DRILLIS_CONTINI_FRACTIONS: dict[str, float] = {
    "hip_height": 0.530,
    "knee_height": 0.285,
    "ankle_height": 0.039,
    "foot_length": 0.152,
}

#: Body mass and height accepted as an adult human's [kg], [m].
BODY_MASS_RANGE_KG = (30.0, 250.0)
HEIGHT_RANGE_M = (1.20, 2.30)


@dataclass(frozen=True)
class SegmentParameters:
    """One segment of one leg, scaled to an athlete.

    Attributes:
        segment: which segment.
        mass_kg: segment mass [kg].
        length_m: segment length between de Leva's endpoints, from Drillis–Contini [m].
        com_from_origin_m: CoM distance from de Leva's origin endpoint [m].
        radius_of_gyration_m: about the medio-lateral axis through the CoM [m].
    """

    segment: LegSegment
    mass_kg: float
    length_m: float
    com_from_origin_m: float
    radius_of_gyration_m: float


@dataclass(frozen=True)
class LegParameters:
    """The three segments of one leg plus the ankle height used to place the foot.

    Attributes:
        thigh, shank, foot: segment parameters.
        ankle_height_m: ankle joint height above the sole, Drillis–Contini [m].
    """

    thigh: SegmentParameters
    shank: SegmentParameters
    foot: SegmentParameters
    ankle_height_m: float

    @property
    def hip_to_ankle_m(self) -> float:
        """Distance from hip joint centre to ankle along a straight leg [m]."""
        return self.thigh.length_m + self.shank.length_m

    @property
    def mass_kg(self) -> float:
        """Mass of the whole leg [kg]."""
        return self.thigh.mass_kg + self.shank.mass_kg + self.foot.mass_kg


def parse_sex(sex: str) -> Sex:
    """The :class:`Sex` named by ``sex`` ("male" or "female", any case)."""
    try:
        return Sex(sex.strip().lower())
    except ValueError:
        raise InvalidInputError(f"sex {sex!r} is not known; use 'male' or 'female'") from None


def validate_body(body_mass_kg: float, height_m: float) -> None:
    """Refuse a body mass [kg] or height [m] outside the adult human range."""
    low_mass, high_mass = BODY_MASS_RANGE_KG
    if not low_mass <= body_mass_kg <= high_mass:
        raise InvalidInputError(
            f"body mass {body_mass_kg:g} kg is outside the human range "
            f"{low_mass:g}–{high_mass:g} kg"
        )
    low_height, high_height = HEIGHT_RANGE_M
    if not low_height <= height_m <= high_height:
        raise InvalidInputError(
            f"height {height_m:g} m is outside the human range {low_height:g}–{high_height:g} m "
            "(give it in metres, e.g. 1.80)"
        )


def segment_length_m(segment: LegSegment, height_m: float) -> float:
    """Segment length from body height, Drillis & Contini via Winter Fig. 4.1 [m].

    Args:
        segment: thigh (hip to knee), shank (knee to ankle) or foot (heel to toe tip).
        height_m: body height [m].
    """
    fractions = DRILLIS_CONTINI_FRACTIONS
    if segment is LegSegment.THIGH:
        fraction = fractions["hip_height"] - fractions["knee_height"]
    elif segment is LegSegment.SHANK:
        fraction = fractions["knee_height"] - fractions["ankle_height"]
    else:
        fraction = fractions["foot_length"]
    return fraction * height_m


def segment_parameters(
    segment: LegSegment, body_mass_kg: float, height_m: float, sex: Sex
) -> SegmentParameters:
    """Mass [kg], length [m], CoM position [m] and radius of gyration [m] of one segment."""
    row = DE_LEVA_1996_TABLE_4[(segment, sex)]
    length = segment_length_m(segment, height_m)
    return SegmentParameters(
        segment=segment,
        mass_kg=row.mass_percent / 100.0 * body_mass_kg,
        length_m=length,
        com_from_origin_m=row.com_percent / 100.0 * length,
        radius_of_gyration_m=row.r_transverse_percent / 100.0 * length,
    )


def leg_parameters(
    body_mass_kg: float, height_m: float, sex: str | Sex = Sex.MALE
) -> LegParameters:
    """All segment parameters of ONE leg for an athlete.

    Args:
        body_mass_kg: body mass [kg], 30–250.
        height_m: body height [m], 1.20–2.30.
        sex: "male" or "female" (selects de Leva's column).

    Raises:
        InvalidInputError: mass or height outside the human range, or an unknown sex.
    """
    validate_body(body_mass_kg, height_m)
    chosen = sex if isinstance(sex, Sex) else parse_sex(sex)
    return LegParameters(
        thigh=segment_parameters(LegSegment.THIGH, body_mass_kg, height_m, chosen),
        shank=segment_parameters(LegSegment.SHANK, body_mass_kg, height_m, chosen),
        foot=segment_parameters(LegSegment.FOOT, body_mass_kg, height_m, chosen),
        ankle_height_m=DRILLIS_CONTINI_FRACTIONS["ankle_height"] * height_m,
    )


def foot_com_beyond_ankle_m(leg: LegParameters) -> float:
    """Where the straight-leg model puts the foot's CoM: this far past the ankle [m].

    de Leva locates the foot's CoM along the heel–toe line (44 % of the foot length from
    the heel in men), which is roughly perpendicular to the shank. In a side view the CoM
    lies between the ankle joint and the sole; we place it on the leg's long axis at half
    the ankle height (Drillis–Contini 0.039 H) beyond the ankle joint. Its offset across
    the leg (a few centimetres toward the toes) is neglected: at the horizontal, where the
    hip moment peaks, a perpendicular offset contributes nothing, and elsewhere the foot
    (about 1.4 % of body mass) moves the legs' moment by well under 1 %.
    """
    return 0.5 * leg.ankle_height_m
