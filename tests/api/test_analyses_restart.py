"""Analysis jobs survive restarts and never run twice: queued jobs wait in the queue's
storage, runs orphaned by a killed worker are queued again (once), and repeated messages or
late runs change nothing."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

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
)

from postgres_support import create_postgres_database, drop_postgres_database
from revhyper.adapters.db import open_engine
from revhyper.adapters.db.repositories import utc_now
from revhyper.adapters.queue import start_consumer_threads
from revhyper.domain.errors import StorageError
from revhyper.services import jobs
from revhyper.services.access import Scope, access_to
from revhyper.settings import Settings


@pytest.fixture(params=["sqlite-queue", pytest.param("redis-queue", marks=pytest.mark.redis)])
def idle_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings of a server that runs no consumer, on each kind of queue."""
    overrides = {} if request.param == "sqlite-queue" else redis_queue_overrides()
    try:
        yield settings_for(tmp_path / "data", run_jobs_in_server=False, **overrides)
    finally:
        if overrides:
            drop_redis_queue(overrides["queue_url"], overrides["queue_name"])


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def idle_api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    """A server on the SQLite queue that runs no consumer (the tests run jobs themselves), on
    each kind of database."""
    database_url = create_postgres_database() if request.param == "postgresql" else None
    settings = settings_for(tmp_path / "data", database_url, run_jobs_in_server=False)
    try:
        with running_app(settings) as api:
            yield api
    finally:
        if database_url:
            drop_postgres_database(database_url)


def _submitted(api: Api, clip: Path) -> tuple[dict[str, str], int]:
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    answer = upload(api, owner, athlete, clip)
    assert answer.status_code == 202, answer.text
    return owner, int(answer.json()["id"])


def _queue(api: Api) -> jobs.AnalysisQueue:
    queue: jobs.AnalysisQueue = api.client.app.state.analysis_queue  # type: ignore[attr-defined]
    return queue


def _job(api: Api, job_id: int) -> Any:
    with api.uow() as uow:
        return uow.jobs.get(job_id)


def _claim_as_a_worker(api: Api, job_id: int, minutes_ago: float) -> Any:
    """What a worker does on taking a job: the message leaves the queue, the job is claimed."""
    assert _queue(api).huey.dequeue() is not None
    uow = api.uow()
    with uow.writing():
        claimed = uow.jobs.claim(job_id, utc_now() - timedelta(minutes=minutes_ago))
        uow.commit()
    assert claimed is not None
    return claimed


def test_a_job_queued_with_no_consumer_runs_on_a_new_queue_instance_after_a_restart(
    idle_settings: Settings, tmp_path: Path
) -> None:
    clip = write_clip(tmp_path / "set.kp.json")
    with running_app(idle_settings) as api:
        owner, job_id = _submitted(api, clip)
        assert _job(api, job_id).status == "queued"
    assert idle_settings.database_url is not None
    engine = open_engine(idle_settings.database_url)
    restarted = jobs.AnalysisQueue(idle_settings, engine)  # a new process's queue instance
    try:
        assert restarted.pending() == 1
        stop = start_consumer_threads(restarted.huey)
        try:
            with running_app(idle_settings) as api:
                ended = wait_for_end(api, owner, job_id)
        finally:
            stop()
    finally:
        restarted.close()
        engine.dispose()
    assert ended["status"] == "done", ended
    assert ended["result"] == cli_analysis(clip)
    assert uploads_left(idle_settings) == []


def test_a_job_left_running_by_a_killed_worker_is_queued_again_when_the_server_starts(
    idle_settings: Settings, tmp_path: Path
) -> None:
    clip = write_clip(tmp_path / "set.kp.json")
    with running_app(idle_settings) as api:
        owner, job_id = _submitted(api, clip)
        _claim_as_a_worker(api, job_id, minutes_ago=idle_settings.job_timeout_minutes + 1)
        assert _queue(api).pending() == 0
    serving = dataclasses.replace(idle_settings, run_jobs_in_server=True)
    with running_app(serving) as api:
        ended = wait_for_end(api, owner, job_id)
    assert ended["status"] == "done", ended
    assert ended["result"] == cli_analysis(clip)
    assert uploads_left(idle_settings) == []


def test_a_recent_run_may_belong_to_a_live_worker_and_is_left_alone(
    idle_api: Api, tmp_path: Path
) -> None:
    _, job_id = _submitted(idle_api, write_clip(tmp_path / "set.kp.json"))
    _claim_as_a_worker(idle_api, job_id, minutes_ago=1)
    assert jobs.recover(_queue(idle_api), resend_queued=True) == 0
    assert _job(idle_api, job_id).status == "running"
    assert _queue(idle_api).pending() == 0


def test_a_job_orphaned_twice_fails_instead_of_looping(idle_api: Api, tmp_path: Path) -> None:
    _, job_id = _submitted(idle_api, write_clip(tmp_path / "set.kp.json"))
    queue = _queue(idle_api)
    stale = queue.settings.job_timeout_minutes + 1
    _claim_as_a_worker(idle_api, job_id, minutes_ago=stale)
    assert jobs.recover(queue, resend_queued=False) == 1
    assert _job(idle_api, job_id).status == "queued"
    _claim_as_a_worker(idle_api, job_id, minutes_ago=stale)
    assert jobs.recover(queue, resend_queued=False) == 0
    failed = _job(idle_api, job_id)
    assert (failed.status, failed.error) == ("failed", jobs.ORPHANED_TWICE)
    assert uploads_left(queue.settings) == []


def test_a_job_whose_message_arrives_twice_is_analysed_once(idle_api: Api, tmp_path: Path) -> None:
    _, job_id = _submitted(idle_api, write_clip(tmp_path / "set.kp.json"))
    queue = _queue(idle_api)
    jobs.run(queue, job_id)
    first = _job(idle_api, job_id)
    jobs.run(queue, job_id)
    assert _job(idle_api, job_id) == first
    assert first.status == "done" and first.analysis_id is not None
    with idle_api.uow() as uow:
        assert len(uow.analyses.list_for(first.athlete_id)) == 1


def test_a_run_given_up_on_stores_nothing_when_it_ends_late(idle_api: Api, tmp_path: Path) -> None:
    _, job_id = _submitted(idle_api, write_clip(tmp_path / "set.kp.json"))
    queue = _queue(idle_api)
    late = _claim_as_a_worker(idle_api, job_id, minutes_ago=queue.settings.job_timeout_minutes + 1)
    jobs.recover(queue, resend_queued=False)
    jobs.run(queue, job_id)
    uow = idle_api.uow()
    with uow.writing():
        assert not uow.jobs.finish_run(job_id, late.started_at, status="failed", error="late")
        uow.commit()
    assert _job(idle_api, job_id).status == "done"


def test_a_stopping_consumer_puts_its_unfinished_runs_back_in_the_queue(
    idle_api: Api, tmp_path: Path
) -> None:
    _, job_id = _submitted(idle_api, write_clip(tmp_path / "set.kp.json"))
    queue = _queue(idle_api)
    claimed = _claim_as_a_worker(idle_api, job_id, minutes_ago=0)
    queue.remember_claim(job_id, claimed.started_at)
    assert jobs.release_claims(queue) == 1
    assert _job(idle_api, job_id).status == "queued"
    assert queue.pending() == 1


def _owner_access(api: Api) -> Any:
    headers = api.add_user("alex")
    athlete = api.add_athlete(headers)
    with api.uow() as uow:
        user = uow.users.find("alex")
    assert user is not None
    return access_to(api.uow(), user, athlete, Scope.OWNER)


def test_the_service_refuses_a_file_over_the_cap_and_leaves_nothing(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "data", run_jobs_in_server=False, max_upload_mb=0.001)
    with running_app(settings) as api:
        access = _owner_access(api)
        with pytest.raises(jobs.UploadTooLargeError, match=r"0\.001 MB"):
            jobs.submit(api.uow(), _queue(api), access, "big.kp.json", io.BytesIO(b"{" * 1001))
        assert uploads_left(settings) == []
        with api.uow() as uow:
            assert uow.jobs.of_athlete(access.athlete.id) == []


def test_a_queue_that_cannot_be_reached_is_503_and_leaves_nothing(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path / "data", run_jobs_in_server=False, queue_url="redis://127.0.0.1:1/0"
    )
    with running_app(settings) as api:
        access = _owner_access(api)
        clip = write_clip(tmp_path / "set.kp.json")
        with pytest.raises(StorageError, match="job queue"):
            jobs.submit(
                api.uow(), _queue(api), access, "set.kp.json", io.BytesIO(clip.read_bytes())
            )
        owner = api.sign_in("alex")
        answer = upload(api, owner, access.athlete.id, clip)
        assert answer.status_code == 503
        assert answer.json()["error"]["code"] == "storage_unavailable"
        assert uploads_left(settings) == []
        with api.uow() as uow:
            assert uow.jobs.of_athlete(access.athlete.id) == []
