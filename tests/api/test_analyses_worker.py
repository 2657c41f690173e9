"""``revhyper worker``: a separate process runs the jobs the server queued, and stops cleanly
on Ctrl+C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from jobs_support import running_app, settings_for, upload, wait_for_end, write_clip

import revhyper

#: Longest the test waits for the worker to exit after Ctrl+C [s] (a hang guard).
EXIT_WAIT_S = 60


def _worker(data_dir: Path, database_url: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "REVHYPER_DATA_DIR": str(data_dir),
        "REVHYPER_DATABASE_URL": database_url,
        "PYTHONPATH": str(Path(revhyper.__file__).parents[1]),
    }
    command = [sys.executable, "-m", "revhyper", "worker", "--workers", "2"]
    return subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)


def test_the_worker_command_runs_queued_jobs_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    settings = settings_for(tmp_path / "data", run_jobs_in_server=False)
    assert settings.database_url is not None
    with running_app(settings) as api:
        owner = api.add_user("alex")
        athlete = api.add_athlete(owner)
        before = upload(api, owner, athlete, write_clip(tmp_path / "a.kp.json")).json()
        worker = _worker(settings.data_dir, settings.database_url)
        try:
            after = upload(api, owner, athlete, write_clip(tmp_path / "b.kp.json", 8)).json()
            for job in (before, after):
                assert wait_for_end(api, owner, job["id"])["status"] == "done"
            worker.send_signal(signal.SIGINT)
            _, stderr = worker.communicate(timeout=EXIT_WAIT_S)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    assert worker.returncode == 0, stderr
    assert "worker on the SQLite queue" in stderr
    assert "2 thread(s)" in stderr
