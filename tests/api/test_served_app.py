"""The app as ``revhyper serve`` runs it in each worker: the objects made while it starts are
out of the garbage collector's reach, so a full collection, which walks every object it
tracks, does not stop the event loop for tens of milliseconds (``benchmarks/live_load.py``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: Builds the app in a fresh process; prints how many objects are frozen, and how many a full
#: collection still walks.
SCRIPT = """
import gc
from revhyper.web.app import create_app, served_app
{build}()
print(gc.get_freeze_count(), len(gc.get_objects()))
"""


def build_in_a_new_process(factory: str, data_dir: Path) -> tuple[int, int]:
    env = {**os.environ, "REVHYPER_DATA_DIR": str(data_dir)}
    script = SCRIPT.format(build=factory)
    answer = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    frozen, walked = answer.stdout.split()
    return int(frozen), int(walked)


def test_the_served_app_freezes_what_it_made_while_starting_and_the_plain_app_does_not(
    tmp_path: Path,
) -> None:
    frozen, walked = build_in_a_new_process("served_app", tmp_path)
    plain_frozen, plain_walked = build_in_a_new_process("create_app", tmp_path)
    assert plain_frozen == 0 and plain_walked > 100_000
    assert frozen >= plain_walked * 0.9 and walked < 1_000
