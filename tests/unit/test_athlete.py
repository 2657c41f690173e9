"""Profile validation and the seed's screening rule (injury, pain or medical care → clearance)."""

from __future__ import annotations

import pytest
from profile_factory import intermediate_on_a_machine as make

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.athlete import KnownSet, Sex, parse_known_set, screen
from revhyper.domain.vocabulary import Equipment, Goal, Level


def test_profile_accepts_plain_ids_and_turns_them_into_enums() -> None:
    profile = make(level="novice", goal="hypertrophy", equipment=["bench", "bands"], sex="female")
    assert profile.level is Level.NOVICE
    assert profile.goal is Goal.HYPERTROPHY
    assert profile.equipment == {Equipment.BENCH, Equipment.BANDS}
    assert profile.sex is Sex.FEMALE


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"goal": "power"}, "unknown goal 'power'"),
        ({"level": "expert"}, "unknown level 'expert'"),
        ({"equipment": ["rowing-machine"]}, "unknown equipment 'rowing-machine'"),
        ({"injuries": ["knee"]}, "unknown injury 'knee'"),
        ({"equipment": []}, "no equipment given"),
        ({"body_mass_kg": 0}, "body mass 0 kg is out of range: allowed 20–300 kg"),
        ({"body_mass_kg": 301.0}, "body mass 301.0 kg is out of range"),
        ({"height_m": 0.5}, "height 0.5 m is out of range: allowed 1–2.5 m"),
        ({"back_pain": 11}, "pain 11 is out of range: allowed 0–10"),
        ({"back_pain": -1}, "pain -1 is out of range"),
        ({"back_pain": 2.5}, "pain must be a whole number"),
        ({"body_mass_kg": float("nan")}, "body mass nan kg is out of range"),
    ],
)
def test_profile_refuses_bad_values_naming_value_and_allowed(
    changes: dict[str, object], named: str
) -> None:
    with pytest.raises(InvalidInputError) as error:
        make(**changes)
    assert named in str(error.value)
    assert "\n" not in str(error.value)


def test_unknown_goal_message_lists_the_allowed_goals() -> None:
    with pytest.raises(InvalidInputError, match="strength, movement-integrity, endurance"):
        make(goal="power")


def test_new_athletes_and_novices_without_the_floor_criterion_are_beginners() -> None:
    assert make(level=Level.NEW).is_beginner
    assert make(level=Level.NEW, floor_criterion_met=True).is_beginner
    assert make(level=Level.NOVICE).is_beginner
    assert not make(level=Level.NOVICE, floor_criterion_met=True).is_beginner
    assert not make(level=Level.ADVANCED).is_beginner


def test_known_set_reads_load_reps_and_rpe() -> None:
    assert parse_known_set("60x10@8") == KnownSet(60.0, 10, 8.0)
    assert parse_known_set(" 42.5 kg × 12 @ 7.5 ") == KnownSet(42.5, 12, 7.5)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("60-10-8", "not LOADxREPS@RPE"),
        ("0x10@8", "known set load 0.0 kg is out of range"),
        ("60x40@8", "known set reps 40 is out of range"),
        ("60x10@11", "known set RPE 11.0 is out of range"),
        ("60x10@7.3", "steps of 0.5"),
    ],
)
def test_known_set_refuses_bad_text(text: str, named: str) -> None:
    with pytest.raises(InvalidInputError, match=named):
        parse_known_set(text)


def test_screening_passes_a_healthy_athlete_without_clearance() -> None:
    result = screen(make())
    assert not result.needs_clearance
    assert not result.refused
    assert not result.conservative_start


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"injuries": ["herniated-disc"]}, "injury history (herniated-disc)"),
        ({"back_pain": 3}, "current back pain 3/10"),
        ({"under_medical_care": True}, "ongoing medical care"),
    ],
)
def test_plan_refused_without_clearance_when_a_screening_reason_exists(
    changes: dict[str, object], reason: str
) -> None:
    result = screen(make(**changes))
    assert result.refused
    assert reason in result.reasons[0]
    message = result.refusal_message()
    assert reason in message
    assert "doctor" in message
    assert "--clearance" in message


def test_clearance_turns_refusal_into_a_conservative_start() -> None:
    result = screen(make(injuries=["back-surgery"], back_pain=2, medical_clearance=True))
    assert not result.refused
    assert result.conservative_start
    assert len(result.reasons) == 2
