"""GET /api/v1/shared-athletes: the coach's overview of every athlete granted to them, in one
answer, each read audited; the owner's own athletes, revoked grants and strangers' athletes
are absent."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from api_support import Api

OVERVIEW = "/api/v1/shared-athletes"


def _log(api: Api, headers: dict[str, str], athlete: int, day: date, **fields: Any) -> None:
    body = {
        "variation": "machine-reverse-hyper",
        "reps": 10,
        "load_kg": 40.0,
        "performed_at": f"{day.isoformat()}T09:00:00+00:00",
        **fields,
    }
    answer = api.client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=headers)
    assert answer.status_code == 201, answer.text


def _overview(api: Api, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = api.client.get(OVERVIEW, headers=headers)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_a_granted_athlete_is_summarised_with_sessions_and_pain_when_a_coach_asks(
    db_api: Api,
) -> None:
    owner = db_api.add_user("owner1")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner, "Sam")
    days = [date.today() - timedelta(days=ago) for ago in (20, 10, 5, 1)]
    for day in days:
        _log(db_api, owner, athlete, day, pain=2)
    _log(db_api, owner, athlete, days[-1], load_kg=50.0, pain=6)
    db_api.grant(owner, athlete, "coach1", "coach")

    [summary] = _overview(db_api, coach)
    assert (summary["id"], summary["name"], summary["access"]) == (athlete, "Sam", "coach")
    sessions = db_api.client.get(f"/api/v1/athletes/{athlete}/sessions", headers=owner).json()
    newest = list(reversed(sessions["items"]))[:3]
    assert [s["id"] for s in summary["recent_sessions"]] == [s["id"] for s in newest]
    assert summary["recent_sessions"][0]["working_sets"] == 2
    assert summary["recent_sessions"][0]["volume_load_kg"] == 10 * 40 + 10 * 50
    progress = db_api.client.get(f"/api/v1/athletes/{athlete}/progress", headers=owner).json()
    assert summary["pain"] == progress["pain"]
    assert summary["pain"][-1]["stopped_a_set"] is True
    assert summary["analyses"] == 0 and summary["latest_analysis"] is None


def test_each_athlete_in_the_overview_is_audited_as_a_read_by_the_coach(db_api: Api) -> None:
    owner = db_api.add_user("owner1")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner)
    db_api.grant(owner, athlete, "coach1", "read")
    _overview(db_api, coach)
    audit = db_api.client.get(f"/api/v1/athletes/{athlete}/audit", headers=owner).json()
    details = [(event["actor"], event["action"], event["detail"]) for event in audit["items"]]
    assert ("coach1", "read", f"GET {OVERVIEW}") in details


def test_the_owners_own_athletes_are_absent_when_the_owner_asks(db_api: Api) -> None:
    owner = db_api.add_user("owner1")
    db_api.add_athlete(owner)
    assert _overview(db_api, owner) == []


def test_a_revoked_athlete_is_absent_when_the_coach_asks_again(db_api: Api) -> None:
    owner = db_api.add_user("owner1")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner)
    db_api.grant(owner, athlete, "coach1", "coach")
    assert [s["id"] for s in _overview(db_api, coach)] == [athlete]
    revoked = db_api.client.delete(f"/api/v1/athletes/{athlete}/grants/coach1", headers=owner)
    assert revoked.status_code == 204
    assert _overview(db_api, coach) == []


def test_someone_elses_athlete_is_absent_and_unaudited_when_a_stranger_asks(db_api: Api) -> None:
    owner = db_api.add_user("owner1")
    stranger = db_api.add_user("stranger1", "coach")
    athlete = db_api.add_athlete(owner)
    assert _overview(db_api, stranger) == []
    audit = db_api.client.get(f"/api/v1/athletes/{athlete}/audit", headers=owner).json()
    assert [e for e in audit["items"] if e["actor"] == "stranger1"] == []


def test_the_overview_is_refused_when_not_signed_in(db_api: Api) -> None:
    answer = db_api.client.get(OVERVIEW)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"]
