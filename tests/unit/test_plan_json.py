"""The plan JSON contract: top-level keys, week/session/block shape, value types."""

from __future__ import annotations

import json
from datetime import date

from revhyper.adapters.plan_json import plan_to_dict, plan_to_json
from revhyper.domain.athlete import Profile
from revhyper.domain.planner import generate_plan
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
