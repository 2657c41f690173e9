"""The plan JSON contract: top-level keys, week/session/block shape, value types."""

from __future__ import annotations

import json
from datetime import date

import pytest

from revhyper.adapters.plan_json import plan_to_dict, plan_to_json, weeks_from_dict
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.programming.planner import generate_plan
from revhyper.domain.vocabulary import Equipment, Goal, Level, VariationId

BLOCK_KEYS = {"role", "variation", "sets", "reps", "rest_s", "load", "tempo", "reason"}


def _plan_dict(goal: Goal = Goal.ENDURANCE) -> dict[str, object]:
    profile = Profile(level=Level.ADVANCED, equipment=frozenset({Equipment.MACHINE}), goal=goal)
    return json.loads(plan_to_json(generate_plan(profile, 2, 2, start=date(2026, 11, 23))))


def test_top_level_has_athlete_goal_and_weeks() -> None:
    data = _plan_dict()
    assert {"athlete", "goal", "weeks"} <= set(data)
    assert data["goal"] == "endurance"
    assert data["athlete"]["equipment"] == ["machine"]  # type: ignore[index]
    assert [w["week"] for w in data["weeks"]] == [1, 2]  # type: ignore[union-attr,index]


def test_every_block_has_the_contract_fields_with_the_right_types() -> None:
    data = _plan_dict()
    for week in data["weeks"]:  # type: ignore[union-attr]
        for session in week["sessions"]:
            assert isinstance(session["day"], int)
            for block in session["blocks"]:
                assert set(block) >= BLOCK_KEYS
                assert block["role"] in ("warmup", "main", "cooldown")
                assert VariationId(block["variation"])
                assert isinstance(block["sets"], int)
                reps = block["reps"]
                assert isinstance(reps, int) or (isinstance(reps, list) and len(reps) == 2)
                rest = block["rest_s"]
                assert rest is None or (isinstance(rest, list) and len(rest) == 2)
                assert isinstance(block["load"], str)
                assert block["tempo"] is None or isinstance(block["tempo"], str)
                assert isinstance(block["reason"], str) and block["reason"]


def test_endurance_main_block_serialises_reps_and_rest_as_pairs() -> None:
    data = _plan_dict()
    blocks = data["weeks"][0]["sessions"][0]["blocks"]  # type: ignore[index]
    main = next(b for b in blocks if b["role"] == "main")
    assert main["reps"] == [15, 20]
    assert main["rest_s"] == [30, 45]
    assert main["rpe"] == [6.0, 7.0]


def test_strength_rest_as_needed_is_null() -> None:
    data = _plan_dict(Goal.STRENGTH)
    blocks = data["weeks"][0]["sessions"][0]["blocks"]  # type: ignore[index]
    main = next(b for b in blocks if b["role"] == "main")
    assert main["rest_s"] is None


def test_plan_to_dict_dates_sessions() -> None:
    profile = Profile(level=Level.ADVANCED, equipment=frozenset({Equipment.BANDS}), goal="strength")
    data = plan_to_dict(generate_plan(profile, 1, 2, start=date(2026, 11, 23)))
    assert [s["date"] for s in data["weeks"][0]["sessions"]] == ["2026-11-23", "2026-11-26"]


@pytest.mark.parametrize(
    ("level", "equipment", "goal"),
    [
        (Level.NEW, {Equipment.FLOOR, Equipment.BENCH}, Goal.ENDURANCE),  # gated beginner path
        (Level.INTERMEDIATE, {Equipment.MACHINE}, Goal.HYPERTROPHY),
        (Level.ADVANCED, {Equipment.MACHINE, Equipment.BANDS}, Goal.STRENGTH),
    ],
)
def test_a_stored_plan_reads_back_to_the_weeks_the_planner_made(
    level: Level, equipment: set[Equipment], goal: Goal
) -> None:
    profile = Profile(level=level, equipment=frozenset(equipment), goal=goal)
    plan = generate_plan(profile, 6, 3, start=date(2026, 11, 2))
    stored = json.loads(json.dumps(plan_to_dict(plan)))  # as the database gives it back
    assert weeks_from_dict(stored) == plan.weeks


def test_a_hand_written_block_reads_back_field_by_field() -> None:
    block = {
        "role": "main",
        "variation": "tempo-reverse-hyper",
        "sets": 3,
        "reps": [12, 15],
        "rest_s": [45, 90],
        "load": "moderate",
        "tempo": "3-1-3-1",
        "reason": "hypertrophy protocol",
        "follows": "hypertrophy",
        "rpe": [6.5, 7.5],
        "rir": [2.5, 3.5],
        "condition": None,
        "note": "slow",
    }
    (week,) = weeks_from_dict({"weeks": [{"week": 2, "sessions": [{"day": 1, "blocks": [block]}]}]})
    (session,) = week.sessions
    (read,) = session.blocks
    assert (week.number, week.deload, session.day, session.date) == (2, False, 1, None)
    assert (read.variation, read.sets, read.reps, read.rest_s) == (
        VariationId.TEMPO_REVERSE_HYPER,
        3,
        (12, 15),
        (45, 90),
    )
    assert read.effort is not None and (read.effort.rpe_low, read.effort.rir_low) == (6.5, 2.5)
    assert (read.tempo, read.note, read.condition) == ("3-1-3-1", "slow", None)


@pytest.mark.parametrize(
    "document",
    [
        {"weeks": [{"sessions": []}]},  # no week number
        {"weeks": [{"week": 1, "sessions": [{"day": 1, "blocks": [{"role": "main"}]}]}]},
        {"weeks": [{"week": 1, "sessions": [{"day": 1, "date": "someday", "blocks": []}]}]},
    ],
)
def test_a_document_that_is_not_a_plan_is_refused(document: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError, match="the stored plan is not a plan document"):
        weeks_from_dict(document)
