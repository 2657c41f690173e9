"""Benchmark: form analysis on a large set of synthetic clips, and its speed on an hour of data.

Run from the repository root:

    .venv/bin/python benchmarks/form_analysis.py [--clips 500] [--seed 2026] [--hour-s 3600]

It prints, measured in this run:

- accuracy on ``--clips`` clips drawn by :func:`revhyper.domain.clips.synth.random_spec` (all
  styles,
  no-rep clips, faults, noise levels, both skeletons, 24-60 fps, portrait and landscape):
  rep-count exact-match rate, largest count error, zero-rep accuracy, mean |top angle error|,
  mean |concentric| and |eccentric| duration errors on reps matched by time, and per-fault
  precision/recall (isometric and tempo sets are analysed with their prescription);
- speed, pinned to one CPU core: analysis time of one hour of 60 fps keypoints (216,000 frames)
  excluding parsing, and the time to parse that hour's file (written with the project's
  writer to a temporary file, then read back).
"""

from __future__ import annotations

import os

# One core: set before NumPy/SciPy load their thread pools.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from dataclasses import replace  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from revhyper.adapters.keypoint_file import read_keypoints, write_keypoints  # noqa: E402
from revhyper.domain.clips.scoring import Scoreboard, mean  # noqa: E402
from revhyper.domain.clips.synth import (  # noqa: E402
    NoiseLevel,
    Style,
    SynthSpec,
    random_spec,
    synthesize,
)
from revhyper.domain.motion.form_result import Fault  # noqa: E402
from revhyper.domain.motion.keypoints import Skeleton  # noqa: E402

#: The issue's targets, printed next to the figures.
TARGETS = {
    "exact_count_rate": 0.98,
    "max_count_error": 1,
    "top_angle_error_deg": 3.0,
    "phase_error_s": 0.2,
    "fault_precision_recall": 0.9,
    "hour_analysis_s": 1.0,
}


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=500, help="synthetic clips to score")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the clip set")
    parser.add_argument("--hour-s", type=float, default=3600.0, help="length of the speed clip")
    parser.add_argument("--skip-speed", action="store_true", help="accuracy only")
    parser.add_argument(
        "--noise",
        choices=[level.value for level in NoiseLevel],
        help="only clips at this noise level (default: a mix of low, medium and high)",
    )
    return parser.parse_args()


def load_analysis():  # type: ignore[no-untyped-def]
    try:
        from revhyper.domain.motion import analyze_clip
    except ImportError as error:
        sys.exit(f"revhyper.domain.motion.analyze_clip is not available yet: {error}")
    return analyze_clip


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity on this system)"


def score_clips(
    count: int, seed: int, analyze_clip, noise: NoiseLevel | None = None
) -> tuple[Scoreboard, dict[str, Scoreboard]]:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(seed)
    board = Scoreboard()
    by_group: dict[str, Scoreboard] = {}
    for _ in range(count):
        spec = random_spec(rng, noise=noise)
        clip, truth = synthesize(spec, rng)
        result = analyze_clip(clip, truth.prescription)
        board.add_clip(truth.reps, result.reps)
        for group in (f"style={spec.style.value}", f"noise={_noise_name(spec)}"):
            by_group.setdefault(group, Scoreboard()).add_clip(truth.reps, result.reps)
    return board, by_group


def _noise_name(spec) -> str:  # type: ignore[no-untyped-def]
    from revhyper.domain.clips.synth import NOISE_PRESETS

    for level, preset in NOISE_PRESETS.items():
        if preset.jitter_fraction == spec.nuisance.jitter_fraction:
            return level.value
    return "custom"


def print_accuracy(board: Scoreboard, by_group: dict[str, Scoreboard]) -> None:
    print(f"\n== accuracy on {board.clips} synthetic clips ==")
    print(f"rep count exactly right      {board.exact_count_rate:7.3f}   (target >= 0.98)")
    print(f"largest rep-count error      {board.max_count_error:7d}   (target <= 1)")
    no_rep = board.no_rep_accuracy
    no_rep_text = "n/a" if no_rep is None else f"{no_rep:.3f}"
    print(f"zero reps on no-rep clips    {no_rep_text:>7}   ({board.no_rep_clips} clips)")
    reps = len(board.top_angle_errors)
    print(f"matched reps                 {reps:7d}")
    print(f"mean |top angle error|       {_fmt(mean(board.top_angle_errors))} deg (target <= 3)")
    print(f"mean |concentric error|      {_fmt(mean(board.concentric_errors))} s   (target <= 0.2)")
    print(f"mean |eccentric error|       {_fmt(mean(board.eccentric_errors))} s   (target <= 0.2)")
    print("\nfault                  reps  precision  recall   (target >= 0.9 each)")
    for fault in Fault:
        tally = board.faults[fault]
        actual = tally.true_positive + tally.false_negative
        print(f"{fault.value:<22}{actual:5d}  {_fmt(tally.precision):>9}  {_fmt(tally.recall):>6}")
    print("\nby group                 clips  exact  |top| deg  |conc| s  |ecc| s")
    for group in sorted(by_group):
        part = by_group[group]
        print(
            f"  {group:<22}{part.clips:5d}  {part.exact_count_rate:5.3f}  "
            f"{_fmt(mean(part.top_angle_errors)):>9}  {_fmt(mean(part.concentric_errors)):>8}  "
            f"{_fmt(mean(part.eccentric_errors)):>7}"
        )


def _fmt(value: float | None) -> str:
    return "    n/a" if value is None else f"{value:7.3f}"


def hour_long_spec(duration_s: float, seed: int) -> SynthSpec:
    """BlazePose-33 controlled reps at 60 fps, medium noise, exactly ``duration_s`` long."""
    rng = np.random.default_rng(seed)
    spec = random_spec(
        rng, style=Style.CONTROLLED, n_reps=int(duration_s / 3.0) + 1, fps=60.0,
        noise=NoiseLevel.MEDIUM, skeleton=Skeleton.BLAZEPOSE33,
    )  # fmt: skip
    reps, clock = [], spec.lead_in_s
    for rep in spec.reps:
        length = rep.concentric_s + rep.hold_s + rep.eccentric_s + rep.pause_s
        if clock + length > duration_s - 1.0:
            break
        reps.append(rep)
        clock += length
    # No dropped frames, so that an hour is the 216,000 frames.
    nuisance = replace(spec.nuisance, frame_drop=0.0)
    return replace(
        spec, reps=tuple(reps), lead_out_s=duration_s - clock, settles=(), nuisance=nuisance
    )


def measure_speed(hour_s: float, seed: int, analyze_clip) -> None:  # type: ignore[no-untyped-def]
    spec = hour_long_spec(hour_s, seed)
    rng = np.random.default_rng(seed)
    print(f"\n== speed ({pin_to_one_core()}) ==")
    started = time.perf_counter()
    clip, truth = synthesize(spec, rng)
    print(f"synthesised {clip.n_frames} frames ({clip.duration_s / 60:.1f} min at 60 fps, "
          f"{clip.skeleton.value}) in {time.perf_counter() - started:.1f} s")  # fmt: skip
    frames_per_hour = 3600.0 * 60.0
    analyze_clip(clip)  # warm-up (imports, caches)
    wall, cpu = [], []
    for _ in range(3):
        with Stopwatch() as watch:
            result = analyze_clip(clip)
        wall.append(watch.wall_s)
        cpu.append(watch.cpu_s)
    scale = frames_per_hour / clip.n_frames
    print(f"analysis of {clip.n_frames} frames, best of 3: {min(wall):.3f} s wall, "
          f"{min(cpu):.3f} s CPU -> {min(wall) * scale:.3f} s wall / {min(cpu) * scale:.3f} s "
          f"CPU per hour of 60 fps (target < 1 s); "
          f"{result.rep_count} reps found, {truth.rep_count} true")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hour.kp.json"
        with Stopwatch() as writing:
            write_keypoints(clip, path)
        size_mb = path.stat().st_size / 1e6
        with Stopwatch() as parsing:
            loaded = read_keypoints(path)
        del loaded
        tracemalloc.start()
        loaded = read_keypoints(path)
        peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert loaded.n_frames == clip.n_frames
    print(f"file: {size_mb:.0f} MB written in {writing.wall_s:.1f} s; parsed in "
          f"{parsing.wall_s:.2f} s wall, {parsing.cpu_s:.2f} s CPU "
          f"-> {parsing.wall_s * scale:.2f} s wall / {parsing.cpu_s * scale:.2f} s CPU "
          f"per hour of 60 fps")  # fmt: skip
    arrays = loaded.t.nbytes + loaded.xy.nbytes + loaded.score.nbytes
    print(f"parse memory: peak {peak_bytes / 1e6:.0f} MB allocated (the file itself is memory-"
          f"mapped) for {arrays / 1e6:.0f} MB of arrays = {peak_bytes / arrays:.2f}x")  # fmt: skip
    print(f"load average during the run: {os.getloadavg()[0]:.1f} "
          f"(CPU times are less affected by other processes than wall times)")  # fmt: skip


class Stopwatch:
    """Wall-clock and process CPU time of a ``with`` block [s]."""

    def __enter__(self) -> Stopwatch:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall_s = time.perf_counter() - self._wall
        self.cpu_s = time.process_time() - self._cpu


def main() -> None:
    arguments = parse_arguments()
    command = " ".join(["python", "benchmarks/form_analysis.py", *sys.argv[1:]])
    print(f"reproduce with: {command}")
    print(f"clips: {arguments.clips} from random_spec, seed {arguments.seed}")
    analyze_clip = load_analysis()
    started = time.perf_counter()
    noise = NoiseLevel(arguments.noise) if arguments.noise else None
    board, by_group = score_clips(arguments.clips, arguments.seed, analyze_clip, noise)
    print_accuracy(board, by_group)
    print(f"\n(generation + analysis of the set took {time.perf_counter() - started:.0f} s)")
    if not arguments.skip_speed:
        measure_speed(arguments.hour_s, arguments.seed, analyze_clip)


if __name__ == "__main__":
    main()
