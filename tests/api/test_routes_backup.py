"""Backups through the API: one athlete's JSON backup and sets CSV, and imports of a backup
or a Strong/Hevy export into the caller's athletes, all of a file or nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from api_support import Api, TestClient

from revhyper.settings import Settings
from revhyper.web.app import create_app

DATA = Path(__file__).resolve().parents[1] / "data"


def _athlete_with_a_set(api: Api, username: str = "alex") -> tuple[dict[str, str], int]:
    owner = api.add_user(username)
    athlete = api.add_athlete(owner)
    answer = api.client.post(
        f"/api/v1/athletes/{athlete}/sets",
        json={"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 25, "rpe": 7},
        headers=owner,
    )
    assert answer.status_code == 201, answer.text
    return owner, athlete


def _upload(
    api: Api,
    headers: dict[str, str],
    name: str,
    content: bytes,
    params: dict[str, Any] | None = None,
    **form: str,
) -> Any:
    return api.client.post(
        "/api/v1/imports",
        files={"file": (name, content)},
        data=form,
        params=params,
        headers=headers,
    )


def _sets_of(api: Api, headers: dict[str, str], athlete: int) -> list[dict[str, Any]]:
    answer = api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=headers)
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_the_backup_of_one_athlete_holds_only_that_athlete(db_api: Api) -> None:
    owner, athlete = _athlete_with_a_set(db_api)
    db_api.add_athlete(owner, "Sam")
    answer = db_api.client.get(f"/api/v1/athletes/{athlete}/export", headers=owner)
    assert answer.status_code == 200
    backup = answer.json()
    assert backup["format"] == "revhyper-backup/1"
    assert backup["scope"] == {"athlete": "Alex"}
    assert [a["name"] for a in backup["athletes"]] == ["Alex"]
    sets = [s for session in backup["athletes"][0]["sessions"] for s in session["sets"]]
    assert [(s["reps"], s["load_kg"]) for s in sets] == [(12, 25)]


def test_the_sets_csv_lists_the_athletes_sets(api: Api) -> None:
    owner, athlete = _athlete_with_a_set(api)
    answer = api.client.get(f"/api/v1/athletes/{athlete}/export.csv", headers=owner)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["variation"], r["reps"], r["load_kg"]) for r in rows] == [
        ("machine-reverse-hyper", "12", "25")
    ]


def test_a_stranger_gets_404_for_someone_elses_exports(api: Api) -> None:
    _, athlete = _athlete_with_a_set(api)
    stranger = api.add_user("sam")
    for path in ("export", "export.csv"):
        answer = api.client.get(f"/api/v1/athletes/{athlete}/{path}", headers=stranger)
        assert answer.status_code == 404, path


def test_a_backup_restores_into_an_athlete_the_caller_owns(db_api: Api) -> None:
    owner, athlete = _athlete_with_a_set(db_api)
    backup = db_api.client.get(f"/api/v1/athletes/{athlete}/export", headers=owner).content
    other = db_api.add_user("kim")
    answer = _upload(db_api, other, "alex.json", backup)
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["format"] == "backup"
    assert report["backup"]["athletes_added"] == 1 and report["backup"]["sets"] == 1
    listed = db_api.client.get("/api/v1/athletes", headers=other).json()["items"]
    assert [(a["name"], a["access"]) for a in listed] == [("Alex", "owner")]
    restored = listed[0]["id"]
    assert restored != athlete
    assert [s["reps"] for s in _sets_of(db_api, other, restored)] == [12]
    assert len(_sets_of(db_api, owner, athlete)) == 1, "the original is untouched"


def test_restoring_the_same_backup_twice_adds_nothing(api: Api) -> None:
    owner, athlete = _athlete_with_a_set(api)
    backup = api.client.get(f"/api/v1/athletes/{athlete}/export", headers=owner).content
    again = _upload(api, owner, "alex.json", backup).json()["backup"]
    assert again["athletes_merged"] == 1 and again["athletes_added"] == 0
    assert again["sets"] == 0 and again["skipped_existing"] >= 1
    assert len(_sets_of(api, owner, athlete)) == 1


def test_a_broken_backup_is_422_and_stores_nothing(api: Api) -> None:
    owner, athlete = _athlete_with_a_set(api)
    document = api.client.get(f"/api/v1/athletes/{athlete}/export", headers=owner).json()
    document["athletes"][0]["name"] = "Robin"
    document["athletes"][0]["sessions"][0]["sets"][0]["reps"] = "many"
    broken = _upload(api, owner, "robin.json", json.dumps(document).encode())
    assert broken.status_code == 422
    assert "sessions[0].sets[0]" in broken.json()["error"]["message"]
    not_json = _upload(api, owner, "notes.json", b"{ not json")
    assert not_json.status_code == 422
    assert "notes.json" in not_json.json()["error"]["message"]
    names = [a["name"] for a in api.client.get("/api/v1/athletes", headers=owner).json()["items"]]
    assert names == ["Alex"]


def test_a_strong_export_is_imported_into_the_athlete_named(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    content = (DATA / "strong_export.csv").read_bytes()
    answer = _upload(db_api, owner, "strong.csv", content, {"athlete_id": athlete})
    assert answer.status_code == 200, answer.text
    workouts = answer.json()["workouts"]
    assert answer.json()["format"] == "strong"
    assert workouts["athlete_id"] == athlete and workouts["sets_added"] > 0
    assert "Squat (Barbell)" in workouts["unknown_exercises"]
    assert len(_sets_of(db_api, owner, athlete)) == workouts["sets_added"]
    again = _upload(db_api, owner, "strong.csv", content, {"athlete_id": athlete}).json()
    assert again["workouts"]["sets_added"] == 0


def test_a_hevy_export_is_recognised_by_its_header(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    content = (DATA / "hevy_export.csv").read_bytes()
    answer = _upload(api, owner, "workouts.csv", content, {"athlete_id": athlete})
    assert answer.status_code == 200, answer.text
    assert answer.json()["format"] == "hevy"
    assert answer.json()["workouts"]["warmup_sets_added"] >= 1


def test_a_file_with_bad_rows_stores_nothing_unless_asked_to_skip_them(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    content = (DATA / "strong_short_row.csv").read_bytes()
    refused = _upload(api, owner, "strong.csv", content, {"athlete_id": athlete})
    assert refused.status_code == 422
    message = refused.json()["error"]["message"]
    assert "line 3" in message and "strong.csv" in message and "/tmp" not in message
    assert _sets_of(api, owner, athlete) == []
    skipped = _upload(
        api, owner, "strong.csv", content, {"athlete_id": athlete}, skip_bad_rows="true"
    )
    assert skipped.status_code == 200, skipped.text
    assert [row["line"] for row in skipped.json()["workouts"]["skipped_rows"]] == [3]
    assert len(_sets_of(api, owner, athlete)) == 2


def test_a_workout_file_needs_an_athlete_the_caller_may_log_for(api: Api) -> None:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    api.add_user("physio", "coach")
    reader = api.sign_in("physio")
    api.grant(owner, athlete, "physio", "read")
    stranger = api.add_user("sam")
    content = (DATA / "strong_export.csv").read_bytes()
    no_athlete = _upload(api, owner, "strong.csv", content)
    assert no_athlete.status_code == 422
    assert "athlete_id" in no_athlete.json()["error"]["message"]
    for headers in (reader, stranger):
        answer = _upload(api, headers, "strong.csv", content, {"athlete_id": athlete})
        assert answer.status_code == 404
    assert _sets_of(api, owner, athlete) == []


def test_an_import_needs_a_signed_in_user(api: Api) -> None:
    answer = api.client.post("/api/v1/imports", files={"file": ("a.json", b"{}")})
    assert answer.status_code == 401


def test_an_upload_over_the_cap_is_413_and_stores_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'small.db'}"
    settings = Settings(data_dir=tmp_path, database_url=url, max_upload_mb=0.001)
    with TestClient(create_app(settings)) as client:
        small = Api(client, settings, url)
        owner = small.add_user("alex")
        content = b"{" + b" " * 5000 + b"}"
        answer = _upload(small, owner, "big.json", content)
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "payload_too_large"
        assert client.get("/api/v1/athletes", headers=owner).json()["total"] == 0
