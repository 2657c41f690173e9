"""Progress figures through the API match the report ``revhyper progress`` prints."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from api_support import Api

from revhyper.domain.loads import estimate_1rm


def _log(api: Api, headers: dict[str, str], athlete: int, day: date, **fields: object) -> None:
    body = {
        "variation": "machine-reverse-hyper",
        "reps": 10,
        "load_kg": 40.0,
        "performed_at": f"{day.isoformat()}T09:00:00+00:00",
        **fields,
    }
    answer = api.client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=headers)
    assert answer.status_code == 201, answer.text


def test_progress_of_an_empty_log_is_empty_figures(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    answer = api.client.get(f"/api/v1/athletes/{athlete}/progress", headers=owner)
    assert answer.status_code == 200
    report = answer.json()
    assert report["sessions"] == 0
    assert report["volume"] == [] and report["e1rm"] == [] and report["records"] == []
    assert report["adherence_gap"]


def test_progress_gives_volume_e1rm_records_and_pain(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    first = date.today() - timedelta(days=28)
    last = date.today() - timedelta(days=1)
    _log(db_api, owner, athlete, first, pain=1)
    _log(db_api, owner, athlete, last, load_kg=50.0, pain=6)
    answer = db_api.client.get(
        f"/api/v1/athletes/{athlete}/progress", params={"e1rm_method": "epley"}, headers=owner
    )
    report = answer.json()
    assert report["sessions"] == 2
    assert sum(w["volume_load_kg"] for w in report["volume"]) == 10 * 40 + 10 * 50
    assert report["weeks_without_training"] >= 2
    assert [p["e1rm_kg"] for p in report["e1rm"]] == pytest.approx(
        [estimate_1rm(40, 10), estimate_1rm(50, 10)]
    )
    best = {r["kind"]: r for r in report["records"]}
    assert max(r["load_kg"] for r in best.values()) == 50.0
    pain = {p["day"]: p for p in report["pain"]}
    assert pain[last.isoformat()]["stopped_a_set"] is True
    assert pain[first.isoformat()]["stopped_a_set"] is False


def test_progress_refuses_an_unknown_formula(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    answer = api.client.get(
        f"/api/v1/athletes/{athlete}/progress", params={"e1rm_method": "guess"}, headers=owner
    )
    assert answer.status_code == 422
    message = answer.json()["error"]["message"]
    assert "e1rm_method" in message and "brzycki" in message


def test_a_stranger_gets_404_for_someone_elses_progress(api: Api) -> None:
    owner = api.add_user("alex")
    stranger = api.add_user("sam")
    athlete = api.add_athlete(owner)
    answer = api.client.get(f"/api/v1/athletes/{athlete}/progress", headers=stranger)
    assert answer.status_code == 404
