"""Sessions through the API: the log by session, today's guided session, set corrections."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from api_support import Api

from revhyper.domain.programming.adaptation import PAIN_RULES


def _log(api: Api, headers: dict[str, str], athlete: int, **fields: Any) -> dict[str, Any]:
    body = {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20.0, **fields}
    answer = api.client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=headers)
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def _on(day: date) -> str:
    return f"{day.isoformat()}T10:00:00+00:00"


def _planned_athlete(api: Api) -> tuple[dict[str, str], int]:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    plan = api.client.post(f"/api/v1/athletes/{athlete}/plans", json={}, headers=owner)
    assert plan.status_code == 201, plan.text
    return owner, athlete


def test_sessions_list_with_their_sets_oldest_first_a_page_at_a_time(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    first, second = date.today() - timedelta(days=3), date.today() - timedelta(days=1)
    _log(db_api, owner, athlete, performed_at=_on(first))
    _log(db_api, owner, athlete, performed_at=_on(first), reps=10)
    _log(db_api, owner, athlete, performed_at=_on(second))
    url = f"/api/v1/athletes/{athlete}/sessions"
    page = db_api.client.get(url, params={"limit": 1}, headers=owner).json()
    assert page["total"] == 2
    assert [s["day"] for s in page["items"]] == [first.isoformat()]
    assert [s["reps"] for s in page["items"][0]["sets"]] == [12, 10]
    assert page["items"][0]["volume_load_kg"] == 20.0 * 22
    later = db_api.client.get(url, params={"since": second.isoformat()}, headers=owner).json()
    assert [s["day"] for s in later["items"]] == [second.isoformat()]


def test_a_session_is_read_by_id_and_another_athletes_session_is_404(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    other = api.add_athlete(owner, "Sam")
    logged = _log(api, owner, athlete)
    url = f"/api/v1/athletes/{athlete}/sessions/{logged['session_id']}"
    answer = api.client.get(url, headers=owner)
    assert answer.status_code == 200
    assert answer.json()["sets"][0]["id"] == logged["id"]
    wrong = api.client.get(
        f"/api/v1/athletes/{other}/sessions/{logged['session_id']}", headers=owner
    )
    assert wrong.status_code == 404
    assert wrong.json()["error"]["code"] == "not_found"


def test_a_stranger_gets_404_for_the_sessions_of_someone_elses_athlete(api: Api) -> None:
    owner = api.add_user("alex")
    stranger = api.add_user("sam")
    athlete = api.add_athlete(owner)
    logged = _log(api, owner, athlete)
    base = f"/api/v1/athletes/{athlete}"
    for path in ("/sessions", f"/sessions/{logged['session_id']}", "/sessions/today"):
        assert api.client.get(base + path, headers=stranger).status_code == 404, path
    assert api.client.post(base + "/sessions/today", json={}, headers=stranger).status_code == 404


def test_bad_paging_and_date_ranges_are_422_naming_the_field(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    url = f"/api/v1/athletes/{athlete}/sessions"
    too_many = api.client.get(url, params={"limit": 501}, headers=owner)
    assert too_many.status_code == 422
    assert "limit" in too_many.json()["error"]["message"]
    backwards = api.client.get(
        url, params={"since": "2026-05-02", "until": "2026-05-01"}, headers=owner
    )
    assert backwards.status_code == 422
    huge_id = api.client.get(f"{url}/{2**31}", headers=owner)
    assert huge_id.status_code == 422


def test_today_shows_the_adapted_plan_without_starting_anything(db_api: Api) -> None:
    owner, athlete = _planned_athlete(db_api)
    answer = db_api.client.get(f"/api/v1/athletes/{athlete}/sessions/today", headers=owner)
    assert answer.status_code == 200, answer.text
    today = answer.json()
    assert today["session"] is None
    assert today["planned"]["week"] == 1 and today["planned"]["day"] == 1
    assert today["prescriptions"], "the plan's main blocks, adapted"
    assert all(p["reasons"] for p in today["prescriptions"])
    planned_sets = sum(p["sets"] for p in today["prescriptions"])
    assert len(today["pending"]) >= planned_sets
    listed = db_api.client.get(f"/api/v1/athletes/{athlete}/sessions", headers=owner).json()
    assert listed["total"] == 0


def test_today_without_a_plan_is_an_empty_answer_and_starting_it_is_404(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    url = f"/api/v1/athletes/{athlete}/sessions/today"
    today = api.client.get(url, headers=owner).json()
    assert today["planned"] is None and today["prescriptions"] == [] and today["pending"] == []
    started = api.client.post(url, json={}, headers=owner)
    assert started.status_code == 404
    assert "plan" in started.json()["error"]["message"]


def test_starting_today_twice_resumes_the_same_session(db_api: Api) -> None:
    owner, athlete = _planned_athlete(db_api)
    url = f"/api/v1/athletes/{athlete}/sessions/today"
    first = db_api.client.post(url, json={"pain_before": 2}, headers=owner)
    assert first.status_code == 200, first.text
    assert first.json()["resumed"] is False
    assert first.json()["session"]["status"] == "in_progress"
    assert first.json()["session"]["pain_before"] == 2
    _log(db_api, owner, athlete)
    again = db_api.client.post(url, json={}, headers=owner).json()
    assert again["resumed"] is True
    assert again["session"]["id"] == first.json()["session"]["id"]
    assert len(again["pending"]) == len(first.json()["pending"]) - 1


def test_finishing_stores_the_pain_after_and_previews_the_next_session(db_api: Api) -> None:
    owner, athlete = _planned_athlete(db_api)
    base = f"/api/v1/athletes/{athlete}/sessions"
    started = db_api.client.post(f"{base}/today", json={}, headers=owner).json()
    _log(db_api, owner, athlete)
    session_id = started["session"]["id"]
    finished = db_api.client.post(
        f"{base}/{session_id}/finish", json={"pain_after": 1}, headers=owner
    )
    assert finished.status_code == 200, finished.text
    assert finished.json()["session"]["status"] == "performed"
    assert finished.json()["session"]["pain_after"] == 1
    assert finished.json()["next_time"], "the plan's next session"


def test_finishing_refuses_a_bad_pain_and_another_athletes_session(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    other = api.add_athlete(owner, "Sam")
    logged = _log(api, owner, athlete)
    url = f"/api/v1/athletes/{athlete}/sessions/{logged['session_id']}/finish"
    bad = api.client.post(url, json={"pain_after": 11}, headers=owner)
    assert bad.status_code == 422
    assert "pain_after" in bad.json()["error"]["message"]
    foreign = f"/api/v1/athletes/{other}/sessions/{logged['session_id']}/finish"
    assert api.client.post(foreign, json={}, headers=owner).status_code == 404
    session = api.client.get(
        f"/api/v1/athletes/{athlete}/sessions/{logged['session_id']}", headers=owner
    ).json()
    assert session["pain_after"] is None


def test_a_read_grant_sees_today_but_may_not_start_or_finish_it(api: Api) -> None:
    owner, athlete = _planned_athlete(api)
    api.add_user("physio", "coach")
    reader = api.sign_in("physio")
    api.grant(owner, athlete, "physio", "read")
    url = f"/api/v1/athletes/{athlete}/sessions/today"
    assert api.client.get(url, headers=reader).status_code == 200
    assert api.client.post(url, json={}, headers=reader).status_code == 404


def test_a_set_is_corrected_with_only_the_values_sent(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    logged = _log(db_api, owner, athlete, rpe=7)
    url = f"/api/v1/athletes/{athlete}/sets/{logged['id']}"
    answer = db_api.client.patch(url, json={"reps": 9, "notes": "miscounted"}, headers=owner)
    assert answer.status_code == 200, answer.text
    edited = answer.json()
    assert (edited["reps"], edited["notes"], edited["rpe"], edited["load_kg"]) == (
        9,
        "miscounted",
        7,
        20.0,
    )
    listed = db_api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=owner).json()
    assert listed["items"][0]["reps"] == 9


def test_a_correction_out_of_range_or_empty_is_422_and_changes_nothing(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    logged = _log(api, owner, athlete)
    url = f"/api/v1/athletes/{athlete}/sets/{logged['id']}"
    for body in ({"load_kg": 5000}, {}, {"variation": "bicep-curl"}, {"colour": "red"}):
        answer = api.client.patch(url, json=body, headers=owner)
        assert answer.status_code == 422, body
        assert answer.json()["error"]["code"] == "invalid_input"
    listed = api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=owner).json()
    assert listed["items"][0] == logged


def test_a_set_is_deleted_with_its_session_when_it_was_the_last(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    first = _log(db_api, owner, athlete)
    second = _log(db_api, owner, athlete, reps=8)
    base = f"/api/v1/athletes/{athlete}"
    kept = db_api.client.delete(f"{base}/sets/{first['id']}", headers=owner).json()
    assert kept == {"removed": first, "session_deleted": False}
    gone = db_api.client.delete(f"{base}/sets/{second['id']}", headers=owner).json()
    assert gone["session_deleted"] is True
    assert db_api.client.get(f"{base}/sessions", headers=owner).json()["total"] == 0
    again = db_api.client.delete(f"{base}/sets/{second['id']}", headers=owner)
    assert again.status_code == 404


def test_a_set_of_another_athlete_is_404_to_edit_or_delete_and_stays(api: Api) -> None:
    owner = api.add_user("alex")
    stranger = api.add_user("sam")
    athlete = api.add_athlete(owner)
    strangers_athlete = api.add_athlete(stranger, "Kim")
    logged = _log(api, owner, athlete)
    through_own = f"/api/v1/athletes/{strangers_athlete}/sets/{logged['id']}"
    assert api.client.patch(through_own, json={"reps": 1}, headers=stranger).status_code == 404
    assert api.client.delete(through_own, headers=stranger).status_code == 404
    direct = f"/api/v1/athletes/{athlete}/sets/{logged['id']}"
    assert api.client.delete(direct, headers=stranger).status_code == 404
    listed = api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=owner).json()
    assert listed["items"] == [logged]


def test_a_session_is_deleted_with_its_sets_and_only_through_its_athlete(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    other = db_api.add_athlete(owner, "Sam")
    logged = _log(db_api, owner, athlete)
    _log(db_api, owner, athlete, reps=8)
    session_id = logged["session_id"]
    foreign = db_api.client.delete(f"/api/v1/athletes/{other}/sessions/{session_id}", headers=owner)
    assert foreign.status_code == 404
    url = f"/api/v1/athletes/{athlete}/sessions/{session_id}"
    removed = db_api.client.delete(url, headers=owner)
    assert removed.status_code == 200
    assert [s["reps"] for s in removed.json()["sets"]] == [12, 8]
    assert db_api.client.get(url, headers=owner).status_code == 404
    assert db_api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=owner).json()["total"] == 0


def test_today_says_from_which_pain_to_stop(api: Api) -> None:
    owner, athlete = _planned_athlete(api)
    today = api.client.get(f"/api/v1/athletes/{athlete}/sessions/today", headers=owner).json()
    assert today["pain_stop_threshold"] == PAIN_RULES.during_threshold


def test_sessions_are_listed_newest_first_and_narrowed_to_a_variation_or_kind(
    db_api: Api,
) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    first, second = date.today() - timedelta(days=3), date.today() - timedelta(days=1)
    _log(db_api, owner, athlete, performed_at=_on(first), kind="warmup", reps=8)
    _log(db_api, owner, athlete, performed_at=_on(first))
    _log(db_api, owner, athlete, performed_at=_on(second), variation="bench-reverse-hyper")
    url = f"/api/v1/athletes/{athlete}/sessions"
    newest = db_api.client.get(url, params={"newest_first": "true"}, headers=owner).json()
    assert [s["day"] for s in newest["items"]] == [second.isoformat(), first.isoformat()]
    warmups = db_api.client.get(url, params={"kind": "warmup"}, headers=owner).json()
    assert warmups["total"] == 1
    assert [s["reps"] for s in warmups["items"][0]["sets"]] == [8]
    machine = db_api.client.get(
        url, params={"variation": "machine-reverse-hyper"}, headers=owner
    ).json()
    assert [s["day"] for s in machine["items"]] == [first.isoformat()]
    assert len(machine["items"][0]["sets"]) == 2


def test_an_unknown_kind_or_variation_filter_is_a_422(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    url = f"/api/v1/athletes/{athlete}/sessions"
    assert api.client.get(url, params={"kind": "cooldown"}, headers=owner).status_code == 422
    assert api.client.get(url, params={"variation": "squat"}, headers=owner).status_code == 422
