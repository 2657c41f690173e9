"""Form analyses through the API: uploads are queued, run in the background by the server's
consumer, and read back; on the embedded SQLite queue and on Redis."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import Api
from jobs_support import (
    cli_analysis,
    drop_redis_queue,
    redis_queue_overrides,
    running_app,
    settings_for,
    upload,
    uploads_left,
    wait_for_end,
    write_clip,
    write_empty_room_clip,
)

from postgres_support import create_postgres_database, drop_postgres_database
from revhyper.services.jobs import ALLOWED_UPLOADS


@pytest.fixture(
    params=[
        "sqlite-queue",
        pytest.param("redis-queue", marks=pytest.mark.redis),
        pytest.param("sqlite-queue-postgresql", marks=pytest.mark.postgres),
    ]
)
def jobs_api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    """The app with its in-process consumer, on each kind of queue (and PostgreSQL)."""
    overrides = redis_queue_overrides() if request.param == "redis-queue" else {}
    database_url = create_postgres_database() if request.param.endswith("postgresql") else None
    try:
        with running_app(settings_for(tmp_path / "data", database_url, **overrides)) as api:
            yield api
    finally:
        if overrides:
            drop_redis_queue(overrides["queue_url"], overrides["queue_name"])
        if database_url:
            drop_postgres_database(database_url)


@pytest.fixture
def sqlite_api(tmp_path: Path) -> Iterator[Api]:
    """The app with its in-process consumer on the embedded SQLite queue."""
    with running_app(settings_for(tmp_path / "data")) as api:
        yield api


def test_a_keypoint_file_is_queued_then_done_with_what_analyze_json_prints(
    jobs_api: Api, tmp_path: Path
) -> None:
    owner = jobs_api.add_user("alex")
    athlete = jobs_api.add_athlete(owner)
    clip = write_clip(tmp_path / "set.kp.json")
    answer = upload(jobs_api, owner, athlete, clip)
    assert answer.status_code == 202, answer.text
    assert answer.json()["status"] == "queued"
    ended = wait_for_end(jobs_api, owner, answer.json()["id"])
    assert ended["status"] == "done", ended
    assert ended["result"] == cli_analysis(clip)
    assert "error" not in ended
    assert uploads_left(jobs_api.settings) == []


def test_a_gzip_compressed_keypoint_file_is_analysed_too(jobs_api: Api, tmp_path: Path) -> None:
    owner = jobs_api.add_user("alex")
    athlete = jobs_api.add_athlete(owner)
    clip = write_clip(tmp_path / "set.kp.json", seed=11)
    packed = tmp_path / "set.kp.json.gz"
    packed.write_bytes(gzip.compress(clip.read_bytes()))
    job = upload(jobs_api, owner, athlete, packed).json()
    ended = wait_for_end(jobs_api, owner, job["id"])
    assert ended["status"] == "done", ended
    assert ended["result"] == cli_analysis(clip)


def test_an_unusable_clip_ends_failed_with_the_reason(jobs_api: Api, tmp_path: Path) -> None:
    owner = jobs_api.add_user("alex")
    athlete = jobs_api.add_athlete(owner)
    job = upload(jobs_api, owner, athlete, write_empty_room_clip(tmp_path / "room.kp.json"))
    ended = wait_for_end(jobs_api, owner, job.json()["id"])
    assert ended["status"] == "failed"
    assert "room.kp.json cannot be analysed" in ended["error"]
    assert "no person" in ended["error"]
    assert "result" not in ended
    assert uploads_left(jobs_api.settings) == []


def test_a_json_file_that_is_not_a_clip_fails_naming_the_problem_not_the_server_path(
    sqlite_api: Api, tmp_path: Path
) -> None:
    owner = sqlite_api.add_user("alex")
    athlete = sqlite_api.add_athlete(owner)
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"format": "my-notes/2", "text": "felt good"}')
    ended = wait_for_end(sqlite_api, owner, upload(sqlite_api, owner, athlete, wrong).json()["id"])
    assert ended["status"] == "failed"
    assert "my-notes/2" in ended["error"]
    assert str(sqlite_api.settings.data_dir) not in ended["error"]


def test_a_file_that_is_no_video_is_415_and_nothing_is_stored(
    sqlite_api: Api, tmp_path: Path
) -> None:
    owner = sqlite_api.add_user("alex")
    athlete = sqlite_api.add_athlete(owner)
    text = tmp_path / "notes.mp4"
    text.write_text("these are my training notes, not a video\n")
    answer = upload(sqlite_api, owner, athlete, text)
    assert answer.status_code == 415
    error = answer.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "notes.mp4" in error["message"] and ALLOWED_UPLOADS in error["message"]
    assert uploads_left(sqlite_api.settings) == []
    listed = sqlite_api.client.get(f"/api/v1/athletes/{athlete}/analyses", headers=owner)
    assert listed.json() == {"items": [], "total": 0}


def test_a_request_without_the_file_field_names_it(sqlite_api: Api) -> None:
    owner = sqlite_api.add_user("alex")
    athlete = sqlite_api.add_athlete(owner)
    answer = sqlite_api.client.post(
        f"/api/v1/athletes/{athlete}/analyses", files={"video": ("a.mp4", b"x")}, headers=owner
    )
    assert answer.status_code == 422
    assert "'file'" in answer.json()["error"]["message"]


def test_a_file_over_the_upload_cap_is_413_and_leaves_nothing(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "set.kp.json")
    cap_mb = clip.stat().st_size / 2 / 1e6
    with running_app(settings_for(tmp_path / "data", max_upload_mb=cap_mb)) as api:
        owner = api.add_user("alex")
        athlete = api.add_athlete(owner)
        answer = upload(api, owner, athlete, clip)
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "payload_too_large"
        assert uploads_left(api.settings) == []


def test_a_stranger_gets_404_for_the_job_the_upload_and_the_list(
    sqlite_api: Api, tmp_path: Path
) -> None:
    owner = sqlite_api.add_user("alex")
    stranger = sqlite_api.add_user("sam")
    athlete = sqlite_api.add_athlete(owner)
    job = upload(sqlite_api, owner, athlete, write_clip(tmp_path / "set.kp.json")).json()
    wait_for_end(sqlite_api, owner, job["id"])
    seen = sqlite_api.client.get(f"/api/v1/analyses/{job['id']}", headers=stranger)
    missing = sqlite_api.client.get("/api/v1/analyses/999999", headers=stranger)
    assert seen.status_code == missing.status_code == 404
    assert seen.json()["error"]["message"].replace(str(job["id"]), "N") == missing.json()["error"][
        "message"
    ].replace("999999", "N")
    sent = upload(sqlite_api, stranger, athlete, write_clip(tmp_path / "mine.kp.json"))
    assert sent.status_code == 404
    listed = sqlite_api.client.get(f"/api/v1/athletes/{athlete}/analyses", headers=stranger)
    assert listed.status_code == 404
    assert uploads_left(sqlite_api.settings) == []


def test_a_read_grant_sees_jobs_but_only_owner_and_coach_submit(
    sqlite_api: Api, tmp_path: Path
) -> None:
    owner = sqlite_api.add_user("alex")
    physio = sqlite_api.add_user("physio1", "coach")
    coach = sqlite_api.add_user("coach1", "coach")
    athlete = sqlite_api.add_athlete(owner)
    sqlite_api.grant(owner, athlete, "physio1", "read")
    sqlite_api.grant(owner, athlete, "coach1", "coach")
    clip = write_clip(tmp_path / "set.kp.json")
    assert upload(sqlite_api, physio, athlete, clip).status_code == 404
    by_coach = upload(sqlite_api, coach, athlete, clip)
    assert by_coach.status_code == 202
    ended = wait_for_end(sqlite_api, physio, by_coach.json()["id"])
    assert ended["status"] == "done"
    audit = sqlite_api.client.get(f"/api/v1/athletes/{athlete}/audit", headers=owner).json()
    actions = {(event["actor"], event["action"]) for event in audit["items"]}
    assert {("coach1", "write"), ("physio1", "read")} <= actions


def test_the_athletes_jobs_are_listed_newest_first(sqlite_api: Api, tmp_path: Path) -> None:
    owner = sqlite_api.add_user("alex")
    athlete = sqlite_api.add_athlete(owner)
    first = upload(sqlite_api, owner, athlete, write_clip(tmp_path / "a.kp.json")).json()
    second = upload(sqlite_api, owner, athlete, write_clip(tmp_path / "b.kp.json", 8)).json()
    listed = sqlite_api.client.get(f"/api/v1/athletes/{athlete}/analyses", headers=owner).json()
    assert [job["id"] for job in listed["items"]] == [second["id"], first["id"]]
    assert [job["filename"] for job in listed["items"]] == ["b.kp.json", "a.kp.json"]
    assert listed["total"] == 2
    for job in (first, second):
        wait_for_end(sqlite_api, owner, job["id"])


def test_an_upload_sent_twice_with_one_idempotency_key_makes_one_job(
    sqlite_api: Api, tmp_path: Path
) -> None:
    owner = sqlite_api.add_user("alex")
    athlete = sqlite_api.add_athlete(owner)
    clip = write_clip(tmp_path / "set.kp.json")
    first = upload(sqlite_api, owner, athlete, clip, **{"Idempotency-Key": "phone-7"})
    again = upload(sqlite_api, owner, athlete, clip, **{"Idempotency-Key": "phone-7"})
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["id"] == first.json()["id"]
    other = upload(
        sqlite_api, owner, athlete, write_clip(tmp_path / "other.kp.json", 9),
        **{"Idempotency-Key": "phone-7"},
    )  # fmt: skip
    assert other.status_code == 422
    listed = sqlite_api.client.get(f"/api/v1/athletes/{athlete}/analyses", headers=owner).json()
    assert listed["total"] == 1
    wait_for_end(sqlite_api, owner, first.json()["id"])


def test_a_video_is_analysed_with_the_configured_pose_backend_as_analyze_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from revhyper.adapters.keypoint_file import read_keypoints
    from revhyper.adapters.pose.fake import render_clip_video
    from revhyper.settings import get_settings

    video = tmp_path / "set.mp4"
    render_clip_video(
        read_keypoints(write_clip(tmp_path / "set.kp.json", reps=2)), video, width=256
    )
    monkeypatch.setenv("REVHYPER_POSE_BACKEND", "fake")  # for the CLI run below
    get_settings.cache_clear()
    with running_app(settings_for(tmp_path / "data", pose_backend="fake")) as api:
        owner = api.add_user("alex")
        athlete = api.add_athlete(owner)
        answer = upload(api, owner, athlete, video)
        assert answer.status_code == 202, answer.text
        ended = wait_for_end(api, owner, answer.json()["id"])
    assert ended["status"] == "done", ended
    assert ended["kind"] == "video"
    assert ended["result"] == cli_analysis(video)
    get_settings.cache_clear()
