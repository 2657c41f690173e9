"""Today's guided session suggests the next set's load from the sets of its block done today."""

from __future__ import annotations

from typing import Any

from api_support import Api


def _started(api: Api) -> tuple[dict[str, str], int, dict[str, Any]]:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    plan = api.client.post(f"/api/v1/athletes/{athlete}/plans", json={}, headers=owner)
    assert plan.status_code == 201, plan.text
    start = api.client.post(f"/api/v1/athletes/{athlete}/sessions/today", json={}, headers=owner)
    assert start.status_code == 200, start.text
    today: dict[str, Any] = start.json()
    return owner, athlete, today


def _log_first_step(
    api: Api, owner: dict[str, str], athlete: int, today: dict[str, Any], **fields: Any
) -> dict[str, Any]:
    step = today["pending"][0]
    body = {"variation": step["variation"], "reps": 12, "load_kg": 40.0, **fields}
    logged = api.client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=owner)
    assert logged.status_code == 201, logged.text
    answer = api.client.get(f"/api/v1/athletes/{athlete}/sessions/today", headers=owner)
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def test_no_next_set_advice_before_the_first_set_of_a_block(api: Api) -> None:
    _, _, today = _started(api)
    assert today["next_set"] is None


def test_reps_below_the_range_lower_the_next_sets_load_one_step(api: Api) -> None:
    owner, athlete, today = _started(api)
    low = today["prescriptions"][today["pending"][0]["block"]]["reps"][0]
    after = _log_first_step(api, owner, athlete, today, reps=max(1, low - 3), rpe=7)
    advice = after["next_set"]
    assert advice["stop"] is False
    assert advice["load_kg"] is not None and advice["load_kg"] < 40.0
    assert "below the range" in advice["reason"]


def test_a_set_in_range_keeps_the_load_for_the_next_set(api: Api) -> None:
    owner, athlete, today = _started(api)
    low = today["prescriptions"][today["pending"][0]["block"]]["reps"][0]
    after = _log_first_step(api, owner, athlete, today, reps=low)
    assert after["next_set"]["load_kg"] == 40.0
    assert after["next_set"]["stop"] is False


def test_pain_at_the_threshold_stops_the_exercise(api: Api) -> None:
    owner, athlete, today = _started(api)
    after = _log_first_step(api, owner, athlete, today, pain=today["pain_stop_threshold"])
    assert after["next_set"]["stop"] is True
    assert after["next_set"]["load_kg"] is None
    assert "stop this exercise" in after["next_set"]["reason"]
