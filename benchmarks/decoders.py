"""Which decoder feeds the pose model cheapest: OpenCV or PyAV, in turn or read ahead.

Reproduce with:

    .venv/bin/python benchmarks/decoders.py                 # 1200 frames, 3 alternating rounds
    .venv/bin/python benchmarks/decoders.py --frames 600 --rounds 2

Each variant runs in two processes side by side (like the pipeline's workers), each over its
half of the benchmark clip (the 720p H.264 astronaut clip of ``video_throughput.py``), and
reports CPU time per frame after the model has loaded (all threads of both processes):

- ``model only``: frames decoded beforehand, only the model timed (the bare-model reference);
- ``opencv``: OpenCV's FFmpeg decoder (one thread), BGR to RGB, then the model, in turn;
- ``pyav``: PyAV (one thread), YUV 4:2:0 to RGB in one OpenCV pass, then the model, in turn;
- ``pyav + read-ahead``: the same decoding in a thread of its own, up to 4 frames ahead.

The variants alternate round by round so each sees the same machine load.
"""

from __future__ import annotations

import argparse
import multiprocessing
import queue
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).parent))
from video_throughput import render_astronaut_clip

Frames = Iterator[NDArray[np.uint8]]
READ_AHEAD_FRAMES = 4


def opencv_frames(path: str, start: int, stop: int) -> Frames:
    capture = cv2.VideoCapture(path, cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])
    capture.set(cv2.CAP_PROP_POS_FRAMES, start)
    for _ in range(stop - start):
        ok, bgr = capture.read()
        if not ok:
            return
        yield np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)


def pyav_frames(path: str, start: int, stop: int) -> Frames:
    from revhyper.adapters.video import iter_frames, probe_video

    for frame in iter_frames(probe_video(Path(path)), start_index=start, stop_index=stop,
                             decoder_threads=1):  # fmt: skip
        yield frame.rgb


def read_ahead(frames: Frames) -> Frames:
    ready: queue.Queue[Any] = queue.Queue(READ_AHEAD_FRAMES)
    end = object()

    def decode() -> None:
        for rgb in frames:
            ready.put(rgb)
        ready.put(end)

    threading.Thread(target=decode, daemon=True).start()
    while (item := ready.get()) is not end:
        yield item


VARIANTS: dict[str, Callable[[str, int, int], Frames]] = {
    "model only": pyav_frames,
    "opencv": opencv_frames,
    "pyav": pyav_frames,
    "pyav + read-ahead": lambda path, a, b: read_ahead(pyav_frames(path, a, b)),
}


def _worker(variant: str, path: str, start: int, stop: int, barrier: Any, results: Any) -> None:
    from mediapipe.python.solutions import pose as mp_pose

    cv2.setNumThreads(1)
    model = mp_pose.Pose(static_image_mode=False, model_complexity=1)
    frames = VARIANTS[variant](path, start, stop)
    if variant == "model only":
        frames = iter(list(frames))  # decoded beforehand, untimed
    first = next(frames)
    first.flags.writeable = False
    model.process(first)  # load and warm up, untimed
    barrier.wait()
    began, count = time.process_time(), 0
    for rgb in frames:
        rgb.flags.writeable = False
        model.process(rgb)
        count += 1
    results.put((count, time.process_time() - began))


def cpu_ms_per_frame(variant: str, path: Path, frames: int) -> float:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    halves = [(0, frames // 2), (frames // 2, frames)]
    workers = [
        context.Process(target=_worker, args=(variant, str(path), a, b, barrier, results))
        for a, b in halves
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    cpu_s: float = sum(cpu for _, cpu in outcomes)
    frames_timed: int = sum(count for count, _ in outcomes)
    return 1000 * cpu_s / frames_timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=1200, help="clip length [frames]")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    args = parser.parse_args()
    print(f"command: .venv/bin/python benchmarks/decoders.py --frames {args.frames} "
          f"--rounds {args.rounds}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "astronaut_720p.mp4"
        render_astronaut_clip(clip, args.frames / 30.0)
        measured: dict[str, list[float]] = {name: [] for name in VARIANTS}
        for round_ in range(1, args.rounds + 1):
            for name in VARIANTS:
                measured[name].append(cpu_ms_per_frame(name, clip, args.frames))
            latest = "; ".join(f"{name} {values[-1]:.2f}" for name, values in measured.items())
            print(f"round {round_}: {latest}")
    print("CPU per frame [ms], median of rounds (two processes, 720p H.264):")
    base = statistics.median(measured["model only"])
    for name, values in measured.items():
        median = statistics.median(values)
        print(f"  {name:18s} {median:6.2f}   model only / this = {base / median:.3f}")
    paired = [o - p for o, p in zip(measured["opencv"], measured["pyav"], strict=True)]
    print(f"opencv - pyav, per round [ms]: {', '.join(f'{d:+.2f}' for d in paired)}")
    ahead = [r - p for r, p in zip(measured["pyav + read-ahead"], measured["pyav"], strict=True)]
    print(f"read-ahead - in turn, per round [ms]: {', '.join(f'{d:+.2f}' for d in ahead)}")


if __name__ == "__main__":
    main()
