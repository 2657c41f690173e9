"""The pose model fed in two processes: the clip and the measurement both video benchmarks use.

``video_throughput.py`` compares the bare model and a decode + model loop with the whole
pipeline; ``decoders.py`` compares ways of decoding. Both run the same worker here, so their
figures are measured the same way.
"""

from __future__ import annotations

import itertools
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

FPS = 30.0
SIZE = (1280, 720)
#: "Model only" workers decode this many frames into memory (untimed), then time the model on
#: them, chunk after chunk, so the timed part is the model alone on the same frames.
MODEL_ONLY_CHUNK_FRAMES = 32
READ_AHEAD_FRAMES = 4

Frames = Iterator[NDArray[np.uint8]]


def render_astronaut_clip(path: Path, seconds: float) -> int:
    """Write the benchmark clip (H.264, 720p, 30 fps): scikit-image's astronaut photograph,
    720 px high on a grey background, sliding left and right so tracking has to follow her.
    Returns its frame count."""
    from skimage import data

    from revhyper.adapters.video import AtomicVideoWriter

    person = cv2.resize(data.astronaut(), (720, 720))  # type: ignore[no-untyped-call]
    width, height = SIZE
    frames = round(seconds * FPS)
    with AtomicVideoWriter(path, fps=FPS, width=width, height=height) as writer:
        for k in range(frames):
            canvas = np.full((height, width, 3), 110, np.uint8)
            left = int((width - 720) / 2 + 200 * np.sin(2 * np.pi * k / (4 * FPS)))
            canvas[:, left : left + 720] = person
            writer.write_rgb(canvas)
        writer.commit()
    return frames


def pyav_frames(path: str, start: int, stop: int) -> Frames:
    """revhyper's decoder (PyAV, one thread), as the pose workers use it."""
    from revhyper.adapters.video import iter_frames, probe_video

    for frame in iter_frames(probe_video(Path(path)), start_index=start, stop_index=stop,
                             decoder_threads=1):  # fmt: skip
        yield frame.rgb


def opencv_frames(path: str, start: int, stop: int) -> Frames:
    """OpenCV's FFmpeg decoder (one thread), then BGR to RGB."""
    capture = cv2.VideoCapture(path, cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])
    capture.set(cv2.CAP_PROP_POS_FRAMES, start)
    for _ in range(stop - start):
        ok, bgr = capture.read()
        if not ok:
            return
        yield np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)


def read_ahead(frames: Frames) -> Frames:
    """``frames`` decoded in a thread of their own, up to :data:`READ_AHEAD_FRAMES` ahead."""
    ready: queue.Queue[Any] = queue.Queue(READ_AHEAD_FRAMES)
    end = object()

    def decode() -> None:
        for rgb in frames:
            ready.put(rgb)
        ready.put(end)

    threading.Thread(target=decode, daemon=True).start()
    while (item := ready.get()) is not end:
        yield item


FRAME_SOURCES: dict[str, Callable[[str, int, int], Frames]] = {
    "pyav": pyav_frames,
    "opencv": opencv_frames,
    "pyav + read-ahead": lambda path, start, stop: read_ahead(pyav_frames(path, start, stop)),
}


def _worker(path: str, start: int, stop: int, source: str, model_only: bool,
            barrier: Any, results: Any) -> None:  # fmt: skip
    from mediapipe.python.solutions import pose as mp_pose

    cv2.setNumThreads(1)
    frames = FRAME_SOURCES[source](path, start, stop)
    model = mp_pose.Pose(static_image_mode=False, model_complexity=1)
    first = next(frames)
    first.flags.writeable = False
    model.process(first)  # load and warm up, not timed
    barrier.wait()
    spent, cpu, count = 0.0, 0.0, 0
    batches = iter(lambda: list(itertools.islice(frames, MODEL_ONLY_CHUNK_FRAMES)), [])
    for batch in batches if model_only else [frames]:
        began, began_cpu = time.perf_counter(), time.process_time()
        for rgb in batch:  # decoded beforehand (model only) or as it goes
            rgb.flags.writeable = False  # passed by reference, as analyze_video's backend does
            model.process(rgb)
            count += 1
        spent += time.perf_counter() - began
        cpu += time.process_time() - began_cpu  # all of this process's threads
    results.put((count, spent, cpu))


def two_process_run(
    path: Path, frames: int, *, source: str = "pyav", model_only: bool = False
) -> tuple[float, float]:
    """(frames per second, CPU milliseconds per frame) of the model in two processes side by
    side, each over its half of the clip, timed after both have loaded the model. With
    ``model_only`` only the time inside the model counts (frames decoded beforehand, in
    chunks); otherwise each process decodes from ``source`` as it goes."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    halves = [(0, frames // 2), (frames // 2, frames)]
    workers = [
        context.Process(target=_worker,
                        args=(str(path), a, b, source, model_only, barrier, results))
        for a, b in halves
    ]  # fmt: skip
    for worker in workers:
        worker.start()
    outcomes = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    timed_frames: int = sum(count for count, _, _ in outcomes)
    cpu_s: float = sum(cpu for _, _, cpu in outcomes)
    return timed_frames / max(spent for _, spent, _ in outcomes), 1000 * cpu_s / timed_frames
