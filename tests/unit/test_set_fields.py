"""The one parser of named set fields (``log session --set`` and session CSV files)."""

from __future__ import annotations

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.set_fields import parse_set_fields, set_from_fields
from revhyper.domain.vocabulary import VariationId


def test_a_decimal_comma_is_read_in_a_file_cell() -> None:
    record = set_from_fields(
        {"reps": "10", "load_kg": "22,5", "RPE": "7"}, "floor-reverse-hyper", "x"
    )
    assert (record.reps, record.load_kg, record.rpe) == (10, 22.5, 7.0)
    assert record.variation is VariationId.FLOOR_REVERSE_HYPER


def test_aliases_any_case_and_empty_parts_are_accepted() -> None:
    record = parse_set_fields(
        "REPS=10,load=22.5,, rpe=7.5,hold=3,Pain=1,tempo=3-1-3-0,notes=ok,"
        "variation=floor-reverse-hyper",
        None,
        "--set 1",
    )
    assert (record.reps, record.load_kg, record.rpe, record.hold_s, record.pain) == (
        10,
        22.5,
        7.5,
        3.0,
        1,
    )
    assert (record.tempo, record.notes) == ("3-1-3-0", "ok")
    assert record.variation is VariationId.FLOOR_REVERSE_HYPER


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reps=10,weight=20", "--set 2: unknown field 'weight': allowed"),
        ("reps=10,20", "--set 2: '20' is not KEY=VALUE"),
        ("load=20", "--set 2: reps missing: give reps=N"),
        ("reps=ten", "--set 2: reps 'ten' is not a number"),
        ("reps=10.5", "--set 2: reps '10.5' must be a whole number"),
        ("reps=101", "--set 2: reps 101 is out of range: allowed 0–100"),
        ("reps=100,load=500.5", "--set 2: load 500.5 is out of range: allowed 0–500 kg"),
    ],
)
def test_bad_fields_are_refused_with_where_and_what(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_set_fields(text, "floor-reverse-hyper", "--set 2")
    assert message in str(caught.value)


def test_a_set_without_a_variation_asks_for_one() -> None:
    with pytest.raises(InvalidInputError, match="no variation: give variation=ID or --variation"):
        parse_set_fields("reps=10", None, "--set 1")
