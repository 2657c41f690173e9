"""The athlete's profile, known sets and screening: exact messages and the stored values.

A person who types a bad value sees a message naming the value and what is allowed; these tests
pin those messages word for word, how ``--known-set`` text is split, and that the profile keeps
its values in normalised form (enum members, kilograms as floats, pain as a whole number).
"""

from __future__ import annotations

import pytest
from profile_factory import intermediate_on_a_machine as _profile

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.athlete import KnownSet, parse_known_set, screen
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import Equipment, Injury

# --------------------------------------------------------------------------- profile numbers


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"back_pain": True}, "pain must be a number, got True: allowed 0–10"),
        ({"body_mass_kg": "80"}, "body mass must be a number, got '80': allowed 20–300 kg"),
        ({"height_m": False}, "height must be a number, got False: allowed 1–2.5 m"),
    ],
)
def test_a_profile_number_given_as_a_bool_or_text_is_refused_naming_it(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInputError) as error:
        _profile(**changes)
    assert str(error.value) == message


def test_body_mass_and_height_are_stored_as_floats() -> None:
    profile = _profile(body_mass_kg=80, height_m=2)
    assert type(profile.body_mass_kg) is float
    assert type(profile.height_m) is float
    assert profile.body_mass_kg == 80.0
    assert profile.height_m == 2.0


def test_back_pain_given_as_a_whole_float_is_stored_and_reported_as_a_whole_number() -> None:
    profile = _profile(back_pain=3.0)
    assert type(profile.back_pain) is int
    assert screen(profile).reasons == ("current back pain 3/10",)


# --------------------------------------------------------------------------- profile choices


@pytest.mark.parametrize(
    ("typed", "unit"),
    [("lb", MassUnit.LB), ("pounds", MassUnit.LB), ("KG", MassUnit.KG)],
)
def test_the_profile_unit_typed_as_text_is_stored_as_the_unit(typed: str, unit: MassUnit) -> None:
    assert _profile(unit=typed).unit is unit


def test_an_unknown_sex_is_refused_naming_it_and_the_allowed_ones() -> None:
    with pytest.raises(InvalidInputError) as error:
        _profile(sex="other")
    assert str(error.value) == "unknown sex 'other': allowed male, female"


def test_no_equipment_is_refused_listing_every_equipment_id() -> None:
    with pytest.raises(InvalidInputError) as error:
        _profile(equipment=[])
    assert str(error.value) == (
        "no equipment given: name at least one of machine, bench, floor, stability-ball, ghd, bands"
    )


def test_a_single_equipment_or_injury_id_given_as_text_is_one_item() -> None:
    profile = _profile(equipment="bench", injuries="back-injury")
    assert profile.equipment == frozenset({Equipment.BENCH})
    assert profile.injuries == frozenset({Injury.BACK_INJURY})


# --------------------------------------------------------------------------- known sets


@pytest.mark.parametrize(
    ("load", "reps", "rpe", "message"),
    [
        (60.0, 10.5, 8.0, "known set reps must be a whole number, got 10.5: allowed 1–20"),
        ("60", 10, 8.0, "known set load must be a number, got '60': allowed 1–500 kg"),
        (60.0, 10, True, "known set RPE must be a number, got True: allowed 5–10"),
    ],
)
def test_a_known_set_with_fractional_reps_or_non_numbers_is_refused_naming_the_value(
    load: object, reps: object, rpe: object, message: str
) -> None:
    with pytest.raises(InvalidInputError) as error:
        KnownSet(load, reps, rpe)  # type: ignore[arg-type]
    assert str(error.value) == message


@pytest.mark.parametrize("text", ["6 0 x 1 0 @ 8", "60 k g x 10 @ 8"])
def test_spaces_anywhere_in_a_known_set_are_ignored(text: str) -> None:
    assert parse_known_set(text) == KnownSet(60.0, 10, 8.0)


@pytest.mark.parametrize(
    ("text", "unit", "message"),
    [
        # a second "x" (sets written too): the reps are not a number
        (
            "60x10x3@8",
            MassUnit.KG,
            "known set '60x10x3@8' is not LOADxREPS@RPE: write e.g. 60x10@8 "
            "(kg unless the load names its unit, reps, RPE 5–10)",
        ),
        # a second "@": the RPE is not a number
        (
            "60x10@8@9",
            MassUnit.KG,
            "known set '60x10@8@9' is not LOADxREPS@RPE: write e.g. 60x10@8 "
            "(kg unless the load names its unit, reps, RPE 5–10)",
        ),
        # an unknown unit is reported as the whole set's shape, in the athlete's unit
        (
            "60stonex10@8",
            MassUnit.LB,
            "known set '60stonex10@8' is not LOADxREPS@RPE: write e.g. 60x10@8 "
            "(lb unless the load names its unit, reps, RPE 5–10)",
        ),
    ],
)
def test_a_malformed_known_set_is_refused_naming_the_text_and_the_shape(
    text: str, unit: MassUnit, message: str
) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_known_set(text, unit)
    assert str(error.value) == message


@pytest.mark.parametrize(
    "text",
    ["bodyweight x 10 @ 8", "bodyweight x 10 x 3 @ 8", "bodyweight x 10 @ 8 @ 9"],
)
def test_a_known_set_whose_load_is_not_a_number_is_refused_naming_the_load(text: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        parse_known_set(text)
    assert str(error.value) == (
        "known set load 'bodyweight' is not a number with an optional unit: "
        "write e.g. 90, 90kg or 200lb"
    )


# --------------------------------------------------------------------------- screening


def test_the_refusal_names_every_reason_and_what_to_do() -> None:
    result = screen(_profile(injuries=["herniated-disc", "back-injury"], back_pain=2))
    assert result.refusal_message() == (
        "no plan issued: a doctor's clearance is needed first because of "
        "injury history (back-injury, herniated-disc); current back pain 2/10. "
        "What to do: see a doctor or physiotherapist about reverse hyperextensions, "
        "then rerun with --clearance once they agree"
    )
