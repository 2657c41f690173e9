"""Wall time of the common ``revhyper`` commands, each a fresh process, beside ``python -c pass``.

Every command runs as its own ``python -m revhyper ...`` process (what a user pays per command),
on the embedded SQLite default in a temporary data directory holding one athlete and a few
sessions. The commands are run in interleaved rounds (one of each per round) so that a busy
machine slows them all alike; the figures are the median over the rounds, measured in this run,
and the ratios are to ``python -c pass`` and to ``revhyper --help`` from the same run. The CPU
time (user + system) of each process is shown too: on a machine shared with other work it
moves less than the wall time. Run:

    .venv/bin/python benchmarks/startup.py [--runs N] [--baseline OTHER/src]

``--baseline`` runs every command a second time, interleaved, with another checkout's ``src``
first on the path (its own temporary data directory), and prints the ratio of the two: a
before/after comparison measured in one run. Byte-code is cached as an installed package would
have it: ``PYTHONDONTWRITEBYTECODE`` is dropped for the measured processes (with it set, every
command also compiles revhyper's own modules each time).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The libraries every database command imports whatever revhyper does (the ORM, the SQLite
#: dialect, the command-line parser and the terminal renderer): importing them alone is the floor
#: under a database command's start-up, and ``own [s]`` is what a command costs above it.
LIBRARIES = ("sqlalchemy.orm", "sqlalchemy.dialects.sqlite", "typer", "rich.console", "rich.table")

#: The commands measured: (label, arguments after ``python``).
REVHYPER = ["-m", "revhyper"]
COMMANDS: tuple[tuple[str, list[str]], ...] = (
    ("python -c pass", ["-c", "pass"]),
    ("libraries only", ["-c", f"import {', '.join(LIBRARIES)}"]),
    ("revhyper --help", [*REVHYPER, "--help"]),
    (
        "log set",
        [
            *REVHYPER,
            *("log", "set", "--athlete", "Alex", "--variation", "machine-reverse-hyper"),
            *("--reps", "10", "--load", "20", "--date", "2025-03-10"),
        ],
    ),
    ("history", [*REVHYPER, "history", "--athlete", "Alex"]),
    ("athlete list", [*REVHYPER, "athlete", "list"]),
    ("athlete show", [*REVHYPER, "athlete", "show", "Alex"]),
    ("exercises", [*REVHYPER, "exercises"]),
    ("e1rm", [*REVHYPER, "e1rm", "100", "5"]),
)

#: What the data directory holds before timing: one athlete and three sessions.
SETUP: tuple[list[str], ...] = (
    ["athlete", "add", "Alex", "--goal", "hypertrophy", "--level", "intermediate",
     "--equipment", "machine", "--body-mass", "82"],
    *(
        ["log", "session", "--athlete", "Alex", "--date", day, "--variation",
         "machine-reverse-hyper", "--set", "reps=12,load=20,rpe=7", "--set", "reps=10,load=25"]
        for day in ("2025-03-03", "2025-03-05", "2025-03-07")
    ),
)  # fmt: skip


def _environment(data_dir: Path, source: Path | None = None) -> dict[str, str]:
    """This process's environment with revhyper pointed at ``data_dir`` (its SQLite default),
    and ``source`` (a checkout's ``src``) first on the path when given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REVHYPER_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["REVHYPER_DATA_DIR"] = str(data_dir)
    env["COLUMNS"] = "120"
    if source is not None:
        env["PYTHONPATH"] = str(source.resolve())
    return env


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU time of one fresh process [s]; a failing command stops the benchmark."""
    cpu = _cpu_of_children()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, _cpu_of_children() - cpu


Times = dict[str, list[tuple[float, float]]]


def measure(runs: int, envs: list[dict[str, str]]) -> list[Times]:
    """(wall, CPU) times [s] of every command in each environment, over ``runs`` interleaved
    rounds after one warm-up round."""
    for env in envs:
        for arguments in SETUP:
            _run([*REVHYPER, *arguments], env)
        for _, args in COMMANDS:  # warm the file cache and write the byte-code
            _run(args, env)
    times: list[Times] = [{label: [] for label, _ in COMMANDS} for _ in envs]
    for _ in range(runs):
        for label, args in COMMANDS:
            for env, measured in zip(envs, times, strict=True):
                measured[label].append(_run(args, env))
    return times


def _median_wall(times: Times) -> dict[str, float]:
    return {label: statistics.median(w for w, _ in values) for label, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds of every command (>= 1)")
    parser.add_argument("--baseline", type=Path, help="another checkout's src to compare with")
    options = parser.parse_args()
    if options.runs < 1:
        parser.error(f"--runs {options.runs} is not allowed: give 1 or more")
    if options.baseline is not None and not (options.baseline / "revhyper").is_dir():
        parser.error(f"--baseline {options.baseline} holds no revhyper package")
    with tempfile.TemporaryDirectory() as folder:
        envs = [_environment(Path(folder) / "data")]
        if options.baseline is not None:
            envs.append(_environment(Path(folder) / "baseline", options.baseline))
        measured = measure(options.runs, envs)
    times = measured[0]
    wall = _median_wall(times)
    cpu = {label: statistics.median(c for _, c in values) for label, values in times.items()}
    bare, help_ = wall["python -c pass"], wall["revhyper --help"]
    floor = wall["libraries only"]
    print(f"revhyper start-up, median of {options.runs} fresh processes each (embedded SQLite)")
    print(
        f"{'command':<17} {'wall [s]':>8} {'min [s]':>8} {'CPU [s]':>8} {'x pass':>7} "
        f"{'x --help':>8} {'own [s]':>8}"
    )
    for label, values in times.items():
        print(
            f"{label:<17} {wall[label]:>8.3f} {min(w for w, _ in values):>8.3f} "
            f"{cpu[label]:>8.3f} {wall[label] / bare:>7.1f} {wall[label] / help_:>8.2f} "
            f"{wall[label] - floor:>8.3f}"
        )
    command = f"benchmarks/startup.py --runs {options.runs}"
    if options.baseline is not None:
        before = _median_wall(measured[1])
        print(f"\nbaseline {options.baseline} (same rounds, interleaved)")
        print(f"{'command':<17} {'before [s]':>10} {'after [s]':>9} {'after/before':>12}")
        for label in times:
            print(
                f"{label:<17} {before[label]:>10.3f} {wall[label]:>9.3f} "
                f"{wall[label] / before[label]:>12.2f}"
            )
        command += f" --baseline {options.baseline}"
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"reproduce: {Path(sys.executable).name} {command}")


if __name__ == "__main__":
    main()
