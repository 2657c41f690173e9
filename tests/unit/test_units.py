"""Kilograms and pounds: the exact factor, reading typed loads, showing stored ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.athlete import parse_known_set
from revhyper.domain.units import (
    KG_PER_LB,
    MassUnit,
    format_load,
    from_kg,
    number_text,
    parse_load,
    parse_unit,
    to_kg,
)


def test_one_pound_is_exactly_0_45359237_kg_as_nist_defines_it() -> None:
    # NIST SP 811 (2008), B.8: 1 lb (avoirdupois) = 0.453 592 37 kg exactly.
    assert KG_PER_LB == 0.45359237
    assert to_kg(1, MassUnit.LB) == 0.45359237
    assert to_kg(100, MassUnit.LB) == pytest.approx(45.359237, abs=1e-12)


def test_ninety_pounds_are_stored_as_kilograms_and_shown_as_ninety_pounds() -> None:
    stored = parse_load("90", MassUnit.LB)
    assert stored == pytest.approx(40.8233133, abs=1e-7)
    assert format_load(stored, MassUnit.LB) == "90 lb"
    assert format_load(stored, MassUnit.KG) == "40.82 kg"


@given(st.floats(min_value=0, max_value=2000, allow_nan=False))
def test_pounds_survive_a_round_trip_through_kilograms(pounds: float) -> None:
    assert from_kg(to_kg(pounds, MassUnit.LB), MassUnit.LB) == pytest.approx(pounds, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "default", "kg"),
    [
        ("90lb", MassUnit.KG, 90 * KG_PER_LB),
        ("90 lbs", MassUnit.KG, 90 * KG_PER_LB),
        ("40kg", MassUnit.LB, 40.0),
        ("40 KG", MassUnit.LB, 40.0),
        ("40", MassUnit.KG, 40.0),
        ("40", MassUnit.LB, 40 * KG_PER_LB),
        ("2.5", MassUnit.KG, 2.5),
        (".5kg", MassUnit.KG, 0.5),
        (0, MassUnit.LB, 0.0),
    ],
)
def test_a_typed_load_is_read_in_its_own_unit_or_the_athletes(
    text: str, default: MassUnit, kg: float
) -> None:
    assert parse_load(text, default) == pytest.approx(kg)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("ninety", "not a number"),
        ("90 stone", "unknown unit 'stone'"),
        ("inf", "not a number"),
        ("1e999", "finite"),
        ("", "not a number"),
    ],
)
def test_a_load_that_is_not_a_number_with_a_unit_is_refused(text: str, needle: str) -> None:
    with pytest.raises(InvalidInputError, match=needle):
        parse_load(text, MassUnit.KG)


def test_shown_loads_hide_conversion_noise_but_keep_a_quarter_plate() -> None:
    assert format_load(to_kg(92.5, MassUnit.LB), MassUnit.LB) == "92.5 lb"
    assert format_load(to_kg(0.25, MassUnit.LB), MassUnit.LB) == "0.25 lb"
    assert format_load(38.75, MassUnit.KG) == "38.75 kg"
    assert format_load(0.0, MassUnit.LB) == "0 lb"


def test_unit_words_are_read_and_others_refused() -> None:
    assert parse_unit("Pounds") is MassUnit.LB and parse_unit("kgs") is MassUnit.KG
    with pytest.raises(InvalidInputError, match="allowed kg or lb"):
        parse_unit("st")


def test_a_known_set_is_read_in_the_athletes_unit_unless_it_names_one() -> None:
    assert parse_known_set("130x10@8", MassUnit.LB).load_kg == pytest.approx(130 * KG_PER_LB)
    assert parse_known_set("60kgx10@8", MassUnit.LB).load_kg == 60.0
    known = parse_known_set("130lbx10@8")
    assert known.describe(MassUnit.LB) == "130 lb × 10 @ RPE 8"
    assert parse_known_set(known.as_text(), MassUnit.LB) == known


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [(500, 0, "500"), (40, 0, "40"), (0, 0, "0"), (1102.3, 0, "1102"), (90.0, 2, "90"),
     (40.8233, 2, "40.82"), (2.5, 2, "2.5"), (-0.001, 2, "0")],
)  # fmt: skip
def test_a_number_keeps_the_zeros_of_its_whole_part(
    value: float, decimals: int, shown: str
) -> None:
    assert number_text(value, decimals) == shown
