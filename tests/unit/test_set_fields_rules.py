"""What a set typed as named fields stores, and the exact words it is refused with.

Complements ``test_set_fields.py``: whole messages (with and without where it happened), the
bounds of a typed number, loads in the athlete's unit, a field given twice, single-leg sides.
"""

from __future__ import annotations

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import Side
from revhyper.domain.training.set_fields import (
    parse_field_number,
    parse_set_fields,
    set_from_fields,
)
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import VariationId

FLOOR = "floor-reverse-hyper"
SINGLE_LEG = "single-leg-reverse-hyper"


def _refusal(text: str, where: str, default_variation: str | None = FLOOR) -> str:
    with pytest.raises(InvalidInputError) as caught:
        parse_set_fields(text, default_variation, where)
    return str(caught.value)


def _cell_refusal(fields: dict[str, str], where: str) -> str:
    with pytest.raises(InvalidInputError) as caught:
        set_from_fields(fields, FLOOR, where)
    return str(caught.value)


# --- where the message starts -------------------------------------------------------------


def test_a_refusal_without_a_place_is_the_bare_message() -> None:
    assert _refusal("reps=ten", "") == "reps 'ten' is not a number"


def test_a_missing_variation_is_refused_naming_where() -> None:
    assert (
        _refusal("reps=10", "--set 4", default_variation=None)
        == "--set 4: no variation: give variation=ID or --variation"
    )


def test_an_empty_variation_field_counts_as_no_variation() -> None:
    assert (
        _refusal("reps=10,variation= ", "--set 1", default_variation=None)
        == "--set 1: no variation: give variation=ID or --variation"
    )


# --- numbers typed in a field or a cell ---------------------------------------------------


def test_a_decimal_comma_is_read_in_an_rpe_cell() -> None:
    record = set_from_fields({"reps": "8", "rpe": "7,5", "rir": "2,5"}, FLOOR, "sets.csv line 2")
    assert (record.rpe, record.rir) == (7.5, 2.5)


def test_the_largest_typed_number_is_read_and_its_negative_too() -> None:
    assert parse_field_number("1e15", "rpe", "x") == 1e15
    assert parse_field_number("-1e15", "rpe", "x") == -1e15


def test_an_empty_or_blank_number_is_not_given() -> None:
    assert parse_field_number("", "rpe", "x") is None
    assert parse_field_number("   ", "rpe", "x") is None


@pytest.mark.parametrize(
    "text", ["1.0000000000000002e15", "-1.0000000000000002e15", "nan", "1e400"]
)
def test_a_number_beyond_the_typed_limit_is_refused_naming_the_limits(text: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_field_number(text, "rpe", "sets.csv line 4")
    assert str(caught.value) == (
        f"sets.csv line 4: rpe {text!r} is not allowed: "
        "give a finite number between -1e+15 and 1e+15"
    )


def test_a_huge_number_in_a_field_is_refused_without_a_place_when_none_is_given() -> None:
    assert _refusal("reps=1e16", "") == (
        "reps '1e16' is not allowed: give a finite number between -1e+15 and 1e+15"
    )


def test_a_bad_hold_is_named_hold_not_hold_s() -> None:
    assert _refusal("reps=10,hold_s=long", "--set 1") == "--set 1: hold 'long' is not a number"


def test_a_bad_rir_is_refused_naming_the_text_as_typed() -> None:
    assert _cell_refusal({"reps": "10", "RIR": " two "}, "sets.csv line 3") == (
        "sets.csv line 3: rir 'two' is not a number"
    )


def test_a_pain_just_above_a_whole_number_is_refused_as_not_whole() -> None:
    assert _refusal("reps=10,pain=2.5", "--set 1") == "--set 1: pain '2.5' must be a whole number"


def test_a_whole_number_written_with_a_decimal_point_is_stored_as_a_whole_number() -> None:
    record = parse_set_fields("reps=10.0,pain=3.0", FLOOR, "--set 1")
    assert (record.reps, record.pain) == (10, 3)
    assert isinstance(record.reps, int)
    assert isinstance(record.pain, int)


# --- loads and units ----------------------------------------------------------------------


def test_a_load_naming_pounds_is_stored_in_kilograms() -> None:
    record = parse_set_fields("reps=10,load=100lb", FLOOR, "--set 1")
    assert record.load_kg == pytest.approx(45.359237)


def test_a_load_without_a_unit_is_read_in_the_athletes_pounds() -> None:
    record = parse_set_fields("reps=10,load=100", FLOOR, "--set 1", MassUnit.LB)
    assert record.load_kg == pytest.approx(45.359237)


def test_a_load_cell_without_a_unit_is_read_in_the_athletes_pounds() -> None:
    record = set_from_fields({"reps": "10", "load_kg": "100"}, FLOOR, "x", MassUnit.LB)
    assert record.load_kg == pytest.approx(45.359237)


def test_a_load_naming_kilograms_is_kept_for_a_pound_athlete() -> None:
    record = parse_set_fields("reps=10,load=40 kg", FLOOR, "--set 1", MassUnit.LB)
    assert record.load_kg == 40.0


def test_a_load_left_empty_is_body_weight() -> None:
    record = parse_set_fields("reps=10,load=", FLOOR, "--set 1")
    assert record.load_kg == 0.0


def test_a_load_that_is_not_a_number_is_refused_naming_where_and_examples() -> None:
    assert _refusal("reps=10,load=heavy", "--set 3") == (
        "--set 3: load 'heavy' is not a number with an optional unit: write e.g. 90, 90kg or 200lb"
    )


def test_a_load_in_an_unknown_unit_is_refused_naming_where() -> None:
    assert _refusal("reps=10,load=20st", "--set 3") == (
        "--set 3: unknown unit 'st': allowed kg or lb"
    )


# --- keys ---------------------------------------------------------------------------------


def test_an_unknown_key_is_refused_listing_every_allowed_key() -> None:
    assert _refusal("reps=10,weight=20", "--set 2") == (
        "--set 2: unknown field 'weight': allowed band, hold, hold_s, kind, load, load_kg, "
        "notes, pain, reps, rir, rpe, side, tempo, variation"
    )


def test_the_first_of_two_different_unknown_keys_is_the_one_named() -> None:
    message = _refusal("reps=10,weight=20,height=3", "--set 2")
    assert message.startswith("--set 2: unknown field 'weight': allowed band, ")


def test_a_key_given_twice_is_refused_naming_it_and_both_values() -> None:
    assert _refusal("reps=10, rpe = 7 ,reps=12", "--set 2") == (
        "--set 2: reps is given twice (reps=10 and reps=12): give each field once"
    )


def test_a_key_given_twice_in_different_case_is_refused_as_written() -> None:
    assert _refusal("Reps=10,REPS=12", "--set 5") == (
        "--set 5: reps is given twice (Reps=10 and REPS=12): give each field once"
    )


def test_a_field_given_by_its_name_and_its_alias_is_refused() -> None:
    assert _refusal("reps=10,load=20,load_kg=25", "") == (
        "load_kg is given twice (load=20 and load_kg=25): give each field once"
    )


def test_a_value_may_contain_an_equals_sign() -> None:
    record = parse_set_fields("reps=10,notes=felt=good", FLOOR, "--set 1")
    assert record.notes == "felt=good"


def test_notes_not_given_are_stored_empty() -> None:
    record = parse_set_fields("reps=10", FLOOR, "--set 1")
    assert record.notes == ""
    assert (record.band, record.rpe, record.rir, record.tempo, record.hold_s, record.pain) == (
        None,
        None,
        None,
        None,
        None,
        None,
    )


# --- single-leg sides ---------------------------------------------------------------------


def test_a_single_leg_set_with_its_side_is_stored_with_that_side() -> None:
    record = parse_set_fields(f"reps=8,variation={SINGLE_LEG},side=Left", None, "--set 1")
    assert record.variation is VariationId.SINGLE_LEG_REVERSE_HYPER
    assert record.side is Side.LEFT


def test_a_single_leg_set_without_a_side_is_refused_saying_how_to_give_it() -> None:
    assert _refusal("reps=8", "--set 6", default_variation=SINGLE_LEG) == (
        "--set 6: single-leg-reverse-hyper is logged per side: give side= left or side= right "
        "(log each leg's set separately)"
    )


def test_a_two_leg_set_needs_no_side() -> None:
    record = parse_set_fields("reps=8", FLOOR, "--set 1")
    assert record.side is None
