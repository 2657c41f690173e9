"""A planned athlete for the guided-session browser tests: today's session holds two plain
machine sets (rest 45 s), one tempo set (3-1-3-0) and one 10 s isometric hold."""

from __future__ import annotations

from datetime import date
from typing import Any

from browser_support import LiveServer

from revhyper.adapters.plan_json import plan_to_dict
from revhyper.services.planning import demo_plan

#: Rest after each set [s] (the shorter end of the plan's range is counted down).
REST_S = 45
#: The hold of the isometric set [s].
HOLD_S = 10
#: The machine sets' planned load [kg].
LOAD_KG = 37.5


def _main_blocks() -> list[dict[str, Any]]:
    common: dict[str, Any] = {
        "role": "main",
        "reps": [12, 15],
        "rest_s": [REST_S, 90],
        "reason": "test plan",
        "follows": "hypertrophy",
        "rpe": [6.5, 7.5],
        "rir": None,
        "condition": None,
        "note": None,
    }
    return [
        {
            **common,
            "variation": "machine-reverse-hyper",
            "sets": 2,
            "load": f"about {LOAD_KG} kg",
            "tempo": "2-1-2-0",
            "load_kg": LOAD_KG,
        },
        {
            **common,
            "variation": "tempo-reverse-hyper",
            "sets": 1,
            "load": "about 30 kg",
            "tempo": "3-1-3-0",
            "load_kg": 30.0,
        },
        {
            **common,
            "variation": "isometric-hold",
            "sets": 1,
            "reps": 1,
            "load": "body weight",
            "tempo": None,
            "load_kg": None,
            "hold_s": HOLD_S,
        },
    ]


def planned_athlete(server: LiveServer, username: str) -> int:
    """A new account ``username`` owning an athlete whose next planned session is the test's."""
    server.add_user(username)
    athlete_id = server.add_athlete(username, f"{username}'s athlete")
    plan = plan_to_dict(demo_plan(date.today()))
    for week in plan["weeks"]:
        for session in week["sessions"]:
            others = [b for b in session["blocks"] if b["role"] != "main"]
            session["blocks"] = [*others[:-1], *_main_blocks(), others[-1]]
    uow = server.uow()
    with uow:
        uow.programs.add(
            athlete_id=athlete_id,
            start_date=date.fromisoformat(plan["start"]),
            goal="hypertrophy",
            weeks=len(plan["weeks"]),
            days_per_week=plan["days_per_week"],
            parameters={"start": plan["start"]},
            plan=plan,
        )
        uow.commit()
    return athlete_id
