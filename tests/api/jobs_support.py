"""Helpers for the analysis job tests: apps on a chosen queue, clips, waiting for a job."""

from __future__ import annotations

import json
import time
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from api_support import Api
from typer.testing import CliRunner

from revhyper.adapters.db import ensure_current, open_engine
from revhyper.adapters.keypoint_file import write_keypoints
from revhyper.cli.app import app as cli_app
from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion.keypoints import Skeleton
from revhyper.settings import Settings
from revhyper.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

#: Longest a test waits for a job to end before failing [s] (a hang guard, not a measure).
JOB_WAIT_S = 120.0
ENDED = ("done", "failed")


def settings_for(data_dir: Path, database_url: str | None = None, **overrides: Any) -> Settings:
    """Settings on ``database_url`` (default: a SQLite file in ``data_dir``), migrated, with
    ``overrides``."""
    url = database_url or f"sqlite:///{data_dir / 'api.db'}"
    engine = open_engine(url)
    ensure_current(engine)
    engine.dispose()
    return Settings(data_dir=data_dir, database_url=url, **overrides)


@contextmanager
def running_app(settings: Settings) -> Iterator[Api]:
    """The app started on ``settings`` (its consumer too when ``run_jobs_in_server``)."""
    assert settings.database_url is not None
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, settings.database_url)


def redis_queue_overrides() -> dict[str, Any]:
    """Settings of a Redis queue under a fresh name (skips, or fails when required, without
    a Redis server)."""
    import redis

    settings = Settings()
    try:
        client = redis.Redis.from_url(settings.redis_test_url, socket_connect_timeout=3)
        client.ping()
        client.close()
    except (redis.RedisError, ValueError) as error:
        message = f"Redis at {settings.redis_test_url} unusable: {error}"
        if settings.require_redis:
            pytest.fail(message + " (REVHYPER_REQUIRE_REDIS is set)")
        pytest.skip(message)
    return {"queue_url": settings.redis_test_url, "queue_name": f"rhtest{uuid.uuid4().hex[:12]}"}


def drop_redis_queue(url: str, name: str) -> None:
    """Delete every key of the named queue."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        for key in client.scan_iter(match=f"huey.*{name}*"):
            client.delete(key)
    finally:
        client.close()


def write_clip(path: Path, seed: int = 7, reps: int = 4) -> Path:
    """A synthetic keypoint clip of a controlled set (from the project's generator)."""
    rng = np.random.default_rng(seed)
    spec = random_spec(rng, style=Style.CONTROLLED, n_reps=reps, noise=NoiseLevel.LOW,
                       skeleton=Skeleton.BLAZEPOSE33, fps=30.0)  # fmt: skip
    clip, _ = synthesize(spec, rng)
    write_keypoints(clip, path)
    return path


def write_empty_room_clip(path: Path) -> Path:
    """Three seconds of keypoints in which nobody was found (an unusable clip)."""
    frames = [{"t": k / 30, "points": [None] * 17} for k in range(90)]
    document = {"format": "revhyper-keypoints/1", "skeleton": "coco17", "fps": 30.0,
                "width": 640, "height": 480, "frames": frames}  # fmt: skip
    path.write_text(json.dumps(document))
    return path


def cli_analysis(path: Path) -> dict[str, Any]:
    """What ``revhyper analyze PATH --json`` prints, parsed."""
    result = CliRunner().invoke(cli_app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def upload(api: Api, headers: dict[str, str], athlete: int, path: Path, **extra: str) -> Any:
    """POST the file to the athlete's analyses; returns the answer."""
    with path.open("rb") as handle:
        return api.client.post(
            f"/api/v1/athletes/{athlete}/analyses",
            files={"file": (path.name, handle, "application/octet-stream")},
            headers={**headers, **extra},
        )


def wait_for_end(api: Api, headers: dict[str, str], job_id: int) -> dict[str, Any]:
    """Poll the job until it is done or failed; returns its last answer."""
    deadline = time.monotonic() + JOB_WAIT_S
    while True:
        answer = api.client.get(f"/api/v1/analyses/{job_id}", headers=headers)
        assert answer.status_code == 200, answer.text
        document: dict[str, Any] = answer.json()
        if document["status"] in ENDED:
            return document
        if time.monotonic() > deadline:
            pytest.fail(f"job {job_id} did not end within {JOB_WAIT_S} s: {document}")
        time.sleep(0.05)


def uploads_left(settings: Settings) -> list[Path]:
    """Files in the uploads folder."""
    folder = settings.data_dir / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


#: Names Huey gives its consumer threads.
CONSUMER_THREADS = ("Worker-", "Scheduler")


def consumer_threads() -> list[str]:
    """Names of the live consumer threads of this process."""
    import threading

    return [t.name for t in threading.enumerate() if t.name.startswith(CONSUMER_THREADS)]
