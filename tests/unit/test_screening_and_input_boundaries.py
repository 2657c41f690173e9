"""Screening, the beginner path's gates and every input limit, just below, at and just above.

The numbers are written out here from the rules' stated sources:
- screening (seed, "Advice for Beginners" and the closing paragraph): an injury history, back
  pain above 0 or ongoing medical care needs a doctor's clearance;
- the beginner path (seed: floor work, 15-20 reps, then the bench; our weeks): a new athlete does
  3 floor weeks, a novice 2, then 4 bench weeks when there is a bench, then the goal protocol;
- after a cleared screening, 2 weeks of light movement-integrity work (our rule);
- the profile's and the log's allowed ranges (``PROFILE_LIMITS``, ``LIMITS``, the session
  runner's typed-entry limits).
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from revhyper.domain.errors import InvalidInputError, ScreeningRefusalError
from revhyper.domain.programming.athlete import KnownSet, Profile, parse_known_set, screen
from revhyper.domain.programming.planner import BlockRole, generate_plan
from revhyper.domain.training.log import BodyMassRecord, SessionRecord, SetRecord
from revhyper.domain.training.session_flow import EntryKind, parse_set_entry, rest_plan
from revhyper.domain.vocabulary import Equipment, Goal, Level, VariationId

MACHINE = VariationId.MACHINE_REVERSE_HYPER


def _profile(**changes: object) -> Profile:
    values: dict[str, object] = {
        "level": Level.INTERMEDIATE,
        "equipment": frozenset({Equipment.MACHINE, Equipment.BENCH}),
        "goal": Goal.STRENGTH,
    }
    values.update(changes)
    return Profile(**values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- screening


@pytest.mark.parametrize(
    ("changes", "needs_clearance"),
    [
        ({}, False),
        ({"back_pain": 0}, False),
        ({"back_pain": 1}, True),
        ({"back_pain": 10}, True),
        ({"injuries": ["back-injury"]}, True),
        ({"under_medical_care": True}, True),
        ({"medical_clearance": True}, False),
    ],
)
def test_injury_pain_above_zero_or_medical_care_and_only_they_need_clearance(
    changes, needs_clearance
):
    result = screen(_profile(**changes))
    assert result.needs_clearance is needs_clearance
    assert result.refused is (needs_clearance and not changes.get("medical_clearance", False))


def test_each_screening_reason_is_named():
    result = screen(_profile(back_pain=3, injuries=["back-injury"], under_medical_care=True))
    assert result.reasons == (
        "injury history (back-injury)",
        "current back pain 3/10",
        "ongoing medical care or recovery from an injury",
    )


@pytest.mark.parametrize(("pain", "refused"), [(0, False), (1, True)])
def test_no_plan_without_clearance_from_a_back_pain_of_one(pain, refused):
    profile = _profile(back_pain=pain)
    if refused:
        with pytest.raises(ScreeningRefusalError, match="current back pain 1/10"):
            generate_plan(profile, 1, 1)
    else:
        assert generate_plan(profile, 1, 1).weeks


def test_a_cleared_athlete_does_two_light_weeks_of_movement_integrity_first():
    plan = generate_plan(_profile(back_pain=2, medical_clearance=True), 3, 1)
    follows = [
        [b.follows for b in week.sessions[0].blocks if b.role is BlockRole.MAIN]
        for week in plan.weeks
    ]
    assert set(follows[0]) == set(follows[1]) == {"movement-integrity"}
    assert "strength" in follows[2]


# --------------------------------------------------------------------------- beginner path


def _main_variations(level: Level, weeks: int, **changes: object) -> list[set[VariationId]]:
    plan = generate_plan(_profile(level=level, **changes), weeks, 1)
    return [
        {b.variation for b in week.sessions[0].blocks if b.role is BlockRole.MAIN}
        for week in plan.weeks
    ]


FLOOR = {VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER}
BENCH = {VariationId.BENCH_REVERSE_HYPER}


def test_a_new_athlete_does_three_floor_weeks_then_four_bench_weeks():
    weeks = _main_variations(Level.NEW, 8)
    assert weeks[:3] == [FLOOR] * 3
    assert weeks[3:7] == [BENCH] * 4
    assert MACHINE in weeks[7]


def test_a_novice_does_two_floor_weeks_then_four_bench_weeks():
    weeks = _main_variations(Level.NOVICE, 7)
    assert weeks[:2] == [FLOOR] * 2
    assert weeks[2:6] == [BENCH] * 4
    assert MACHINE in weeks[6]


def test_a_beginner_without_a_bench_goes_from_the_floor_to_the_machine_behind_the_gate():
    weeks = _main_variations(Level.NOVICE, 3, equipment=frozenset({Equipment.MACHINE}))
    assert weeks[:2] == [FLOOR] * 2
    assert MACHINE in weeks[2]


# --------------------------------------------------------------------------- the profile


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("body_mass_kg", 19.99, False),
        ("body_mass_kg", 20.0, True),
        ("body_mass_kg", 300.0, True),
        ("body_mass_kg", 300.01, False),
        ("height_m", 0.99, False),
        ("height_m", 1.0, True),
        ("height_m", 2.5, True),
        ("height_m", 2.51, False),
        ("back_pain", -1, False),
        ("back_pain", 10, True),
        ("back_pain", 11, False),
        ("body_mass_kg", math.nan, False),
        ("body_mass_kg", True, False),
    ],
)
def test_profile_numbers_are_checked_at_their_limits(field, value, allowed):
    if allowed:
        assert getattr(_profile(**{field: value}), field) == value
    else:
        with pytest.raises(InvalidInputError, match="allowed"):
            _profile(**{field: value})


def test_a_profile_number_out_of_range_is_refused_naming_it_and_the_range():
    with pytest.raises(InvalidInputError, match=r"^body mass 300\.5 kg is out of range: allowed "):
        _profile(body_mass_kg=300.5)
    with pytest.raises(InvalidInputError, match=r"^pain must be a whole number, got 2\.5"):
        _profile(back_pain=2.5)


@pytest.mark.parametrize(
    ("load", "reps", "rpe", "allowed"),
    [
        (0.99, 10, 8.0, False),
        (1.0, 10, 8.0, True),
        (500.0, 10, 8.0, True),
        (500.01, 10, 8.0, False),
        (60.0, 0, 8.0, False),
        (60.0, 1, 8.0, True),
        (60.0, 20, 8.0, True),
        (60.0, 21, 8.0, False),
        (60.0, 10, 4.5, False),
        (60.0, 10, 5.0, True),
        (60.0, 10, 10.0, True),
        (60.0, 10, 10.5, False),
        (60.0, 10, 7.25, False),  # RPE in steps of 0.5
    ],
)
def test_a_known_set_is_checked_at_its_limits(load, reps, rpe, allowed):
    if allowed:
        assert KnownSet(load, reps, rpe).describe().startswith(f"{load:g} kg × {reps}")
    else:
        with pytest.raises(InvalidInputError):
            KnownSet(load, reps, rpe)


def test_a_known_set_is_read_from_load_x_reps_at_rpe():
    assert parse_known_set(" 60kg × 10 @ 8 ") == KnownSet(60.0, 10, 8.0)
    with pytest.raises(InvalidInputError, match=r"'60-10-8' is not LOADxREPS@RPE"):
        parse_known_set("60-10-8")


# --------------------------------------------------------------------------- the log


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("reps", -1, False),
        ("reps", 0, True),
        ("reps", 100, True),
        ("reps", 101, False),
        ("load_kg", -0.01, False),
        ("load_kg", 500, True),
        ("load_kg", 500.01, False),
        ("rpe", 0.99, False),
        ("rpe", 1, True),
        ("rpe", 10, True),
        ("rpe", 10.01, False),
        ("rir", -0.01, False),
        ("rir", 0, True),
        ("rir", 10, True),
        ("rir", 10.01, False),
        ("pain", -1, False),
        ("pain", 10, True),
        ("pain", 11, False),
        ("hold_s", 600, True),
        ("hold_s", 600.01, False),
        ("rpe", math.inf, False),
    ],
)
def test_a_logged_set_is_checked_at_its_limits(field, value, allowed):
    fields = {"variation": MACHINE, "reps": 10, field: value}
    if allowed:
        assert getattr(SetRecord(**fields), field) == value  # type: ignore[arg-type]
    else:
        with pytest.raises(InvalidInputError, match=r"allowed|number"):
            SetRecord(**fields)  # type: ignore[arg-type]


def test_a_logged_value_out_of_range_is_refused_naming_it_and_the_range():
    with pytest.raises(InvalidInputError, match=r"^load 500\.5 is out of range: allowed 0–500 kg$"):
        SetRecord(variation=MACHINE, reps=10, load_kg=500.5)
    with pytest.raises(InvalidInputError, match=r"^RPE 11 is out of range: allowed 1–10$"):
        SetRecord(variation=MACHINE, reps=10, rpe=11)


@pytest.mark.parametrize(("length", "allowed"), [(2000, True), (2001, False)])
def test_notes_are_kept_up_to_two_thousand_characters(length, allowed):
    if allowed:
        assert len(SetRecord(variation=MACHINE, reps=1, notes="x" * length).notes) == length
    else:
        with pytest.raises(InvalidInputError, match="2001 characters long: allowed up to 2000"):
            SetRecord(variation=MACHINE, reps=1, notes="x" * length)


@pytest.mark.parametrize(
    ("mass", "allowed"), [(19.9, False), (20, True), (400, True), (400.1, False)]
)
def test_body_mass_is_logged_from_20_to_400_kg(mass, allowed):
    if allowed:
        assert BodyMassRecord(1, date(2025, 1, 1), mass).mass_kg == mass
    else:
        with pytest.raises(InvalidInputError, match="allowed 20–400 kg"):
            BodyMassRecord(1, date(2025, 1, 1), mass)


def test_the_worst_pain_during_a_session_is_its_highest_set_pain():
    sets = tuple(SetRecord(variation=MACHINE, reps=10, pain=p) for p in (1, 4, 2))
    assert SessionRecord(athlete_id=1, day=date(2025, 1, 1), sets=sets).max_pain_during == 4
    assert SessionRecord(athlete_id=1, day=date(2025, 1, 1)).max_pain_during is None


# --------------------------------------------------------------------------- typed set entries


@pytest.mark.parametrize(
    ("line", "accepted"),
    [
        ("100", True),
        ("101", False),
        ("-1", False),
        ("10.5", False),
        ("10 500", True),
        ("10 500.01", False),
        ("10 40 1", True),
        ("10 40 0.99", False),
        ("10 40 10", True),
        ("10 40 10.01", False),
        ("10 40 7 10", True),
        ("10 40 7 11", False),
        ("10 40 7 -1", False),
        ("1 hold=600", True),
        ("1 hold=600.01", False),
        ("1 hold=0", False),
        ("10 40 7 0 5", False),  # more than four fields
        ("10 nan", False),  # a load is read with its unit now (issue 14): "is not a load"
    ],
)
def test_a_typed_set_is_checked_at_each_limit(line, accepted):
    if accepted:
        assert parse_set_entry(line).kind is EntryKind.SET
    else:
        with pytest.raises(
            InvalidInputError, match=r"allowed|not a number|not a load|not a set line"
        ):
            parse_set_entry(line)


def test_a_typed_nan_load_is_refused_naming_the_word_typed():
    with pytest.raises(InvalidInputError, match=r"^load 'nan' is not a load; use kg from 0 to "):
        parse_set_entry("10 nan")


@pytest.mark.parametrize("line", ["10 nan", "10 500.01"])
def test_a_refused_typed_load_names_the_500_kg_ceiling(line):
    # session_flow.MAX_LOAD_KG is 500 kg; "10 500" is accepted and "10 500.01" is not (above).
    with pytest.raises(InvalidInputError, match=r"use kg from 0 to 500 kg \(or 90lb / 40kg\)"):
        parse_set_entry(line)


def test_a_typed_set_fills_missing_fields_with_the_prescribed_load_and_no_pain():
    entry = parse_set_entry("12", default_load_kg=40.0).set_entry
    assert entry is not None
    assert (entry.reps, entry.load_kg, entry.rpe, entry.pain, entry.hold_s) == (
        12,
        40.0,
        None,
        0,
        None,
    )
    bodyweight = parse_set_entry("12 bw - 3 hold=5").set_entry
    assert bodyweight is not None
    assert (bodyweight.load_kg, bodyweight.rpe, bodyweight.pain, bodyweight.hold_s) == (
        None,
        None,
        3,
        5.0,
    )


@pytest.mark.parametrize(
    ("scale", "allowed"), [(-0.01, False), (0, True), (10, True), (10.01, False)]
)
def test_the_rest_scale_runs_from_zero_to_ten(scale, allowed):
    if allowed:
        plan = rest_plan((45, 90), scale)
        assert (plan.minimum_s, plan.maximum_s) == (round(45 * scale), round(90 * scale))
    else:
        with pytest.raises(InvalidInputError, match="use 0 to 10"):
            rest_plan((45, 90), scale)


def test_rest_as_needed_is_one_to_two_minutes():
    plan = rest_plan(None)
    assert (plan.minimum_s, plan.maximum_s, plan.as_needed) == (60, 120, True)
