"""Leg segment parameters against the published tables (de Leva 1996; Drillis & Contini)."""

from __future__ import annotations

import pytest
from numpy.testing import assert_allclose

from revhyper.domain.body.anthropometry import (
    DE_LEVA_1996_TABLE_4,
    DRILLIS_CONTINI_FRACTIONS,
    LegSegment,
    Sex,
    foot_com_beyond_ankle_m,
    leg_parameters,
    parse_sex,
    segment_length_m,
)
from revhyper.domain.errors import InvalidInputError

# de Leva (1996) J Biomech 29(9):1223-1230, Table 4, typed in again from the publication:
# (segment, sex): (origin, other end, length mm, mass %, CM %, r_sag %, r_trans %, r_long %)
PUBLISHED_DE_LEVA_TABLE_4 = {
    ("thigh", "female"): ("HJC", "KJC", 368.5, 14.78, 36.12, 36.9, 36.4, 16.2),
    ("thigh", "male"): ("HJC", "KJC", 422.2, 14.16, 40.95, 32.9, 32.9, 14.9),
    ("shank", "female"): ("KJC", "LMAL", 432.3, 4.81, 44.16, 27.1, 26.7, 9.3),
    ("shank", "male"): ("KJC", "LMAL", 434.0, 4.33, 44.59, 25.5, 24.9, 10.3),
    ("foot", "female"): ("HEEL", "TTIP", 228.3, 1.29, 40.14, 29.9, 27.9, 13.9),
    ("foot", "male"): ("HEEL", "TTIP", 258.1, 1.37, 44.15, 25.7, 24.5, 12.4),
}

# Winter (2009) Fig. 4.1 after Drillis & Contini (1966): fractions of body height H.
PUBLISHED_DRILLIS_CONTINI = {
    "hip_height": 0.530,
    "knee_height": 0.285,
    "ankle_height": 0.039,
    "foot_length": 0.152,
}


@pytest.mark.parametrize(("segment", "sex"), sorted(PUBLISHED_DE_LEVA_TABLE_4))
def test_de_leva_table_matches_the_publication_cell_by_cell(segment: str, sex: str) -> None:
    row = DE_LEVA_1996_TABLE_4[(LegSegment(segment), Sex(sex))]
    origin, other, length, mass, com, r_sag, r_trans, r_long = PUBLISHED_DE_LEVA_TABLE_4[
        (segment, sex)
    ]
    assert (row.origin, row.other_end) == (origin, other)
    assert row.length_mm == length
    assert row.mass_percent == mass
    assert row.com_percent == com
    assert row.r_sagittal_percent == r_sag
    assert row.r_transverse_percent == r_trans
    assert row.r_longitudinal_percent == r_long


def test_de_leva_table_holds_exactly_the_three_leg_segments_for_both_sexes() -> None:
    assert len(DE_LEVA_1996_TABLE_4) == 6


def test_drillis_contini_fractions_match_winter_figure_4_1() -> None:
    assert PUBLISHED_DRILLIS_CONTINI == DRILLIS_CONTINI_FRACTIONS


def test_segment_lengths_are_the_differences_of_joint_heights() -> None:
    assert_allclose(segment_length_m(LegSegment.THIGH, 1.0), 0.245)
    assert_allclose(segment_length_m(LegSegment.SHANK, 1.0), 0.246)
    assert_allclose(segment_length_m(LegSegment.FOOT, 2.0), 0.304)


def test_male_leg_scales_table_fractions_to_the_athlete() -> None:
    leg = leg_parameters(80.0, 1.80, "male")
    assert_allclose(leg.thigh.mass_kg, 0.1416 * 80.0)
    assert_allclose(leg.thigh.length_m, 0.245 * 1.80)
    assert_allclose(leg.thigh.com_from_origin_m, 0.4095 * 0.245 * 1.80)
    assert_allclose(leg.thigh.radius_of_gyration_m, 0.329 * 0.245 * 1.80)
    assert_allclose(leg.shank.mass_kg, 0.0433 * 80.0)
    assert_allclose(leg.shank.com_from_origin_m, 0.4459 * 0.246 * 1.80)
    assert_allclose(leg.foot.mass_kg, 0.0137 * 80.0)
    assert_allclose(leg.foot.radius_of_gyration_m, 0.245 * 0.152 * 1.80)
    assert_allclose(leg.hip_to_ankle_m, 0.491 * 1.80)


def test_female_leg_uses_the_female_column() -> None:
    leg = leg_parameters(60.0, 1.65, "Female")
    assert_allclose(leg.thigh.mass_kg, 0.1478 * 60.0)
    assert_allclose(leg.thigh.com_from_origin_m, 0.3612 * 0.245 * 1.65)
    assert_allclose(leg.shank.mass_kg, 0.0481 * 60.0)
    assert_allclose(leg.foot.mass_kg, 0.0129 * 60.0)


def test_foot_com_sits_half_the_ankle_height_past_the_ankle() -> None:
    leg = leg_parameters(70.0, 1.70)
    assert_allclose(foot_com_beyond_ankle_m(leg), 0.5 * 0.039 * 1.70)


def test_one_leg_weighs_about_a_fifth_of_the_body() -> None:
    leg = leg_parameters(75.0, 1.75, "male")
    assert 0.19 < leg.mass_kg / 75.0 < 0.21


@pytest.mark.parametrize(
    ("mass", "height"), [(10.0, 1.75), (400.0, 1.75), (75.0, 175.0), (75.0, 0.9)]
)
def test_body_outside_human_range_is_refused_with_the_value_named(
    mass: float, height: float
) -> None:
    with pytest.raises(InvalidInputError) as error:
        leg_parameters(mass, height)
    assert f"{mass:g}" in str(error.value) or f"{height:g}" in str(error.value)


def test_unknown_sex_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="'male' or 'female'"):
        parse_sex("robot")
