"""Run a pose backend over a video on every core, streaming, with flat memory.

The frames to analyse (every ``stride``-th) are split into one contiguous time range per
worker process. Each worker opens its own decoder, seeks to its range and runs its own
estimator in video (tracking) mode; a worker that starts mid-video first runs the model on
a short warm-up stretch before its range (:data:`WARMUP_S`) so tracking and landmark
smoothing have settled when its results begin, and drops those warm-up results. Workers
decode and run the model in turn in one thread, so one decoded frame per worker is alive at
a time (measured on 720p H.264 with PyAV: a decoding thread running ahead of the model cost
as much or more CPU per frame, 0.3-0.9 ms, as decoding in turn); they send small batches of
landmarks back through a queue; the parent stores them by frame index, so results merge in
time order whatever order they arrive in.

A second-person check runs on a few frames spread over the video (:data:`PERSON_CHECKS`).
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import queue as queue_module
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from revhyper.adapters.pose import get_backend
from revhyper.adapters.video import VideoInfo, iter_frames
from revhyper.domain.errors import RevhyperError
from revhyper.domain.motion.keypoints import JOINT_NAMES, Skeleton

#: Model time run before a worker's range to let tracking settle [s].
WARMUP_S = 0.5
#: Fewest analysed frames worth a worker process of its own (below: run in this process).
MIN_FRAMES_PER_WORKER = 90
#: How many frames, spread over the video, get the second-person check (in total).
PERSON_CHECKS = 8
#: Landmarks are sent to the parent in batches of this many frames.
BATCH_FRAMES = 16
#: How often the parent checks that workers are alive while waiting [s].
POLL_S = 0.5

ProgressCallback = Callable[[int, int], None]
"""Called with (frames analysed so far, frames to analyse in total)."""


@dataclass(frozen=True, eq=False)
class KeypointTrack:
    """Landmarks of the analysed frames, in time order.

    Attributes:
        skeleton: joint layout of ``xy`` and ``score``.
        frame_index: index of each analysed frame in the video, shape (N,).
        t: frame timestamps, shape (N,) [s].
        xy: joint positions, shape (N, J, 2) [px]; NaN where not found.
        score: joint scores, shape (N, J), in [0, 1].
        person_found: whether a person was found in each frame, shape (N,).
        person_checks: frames on which the second-person check ran.
        second_person_hits: how many of those showed a second person.
    """

    skeleton: Skeleton
    frame_index: NDArray[np.int64]
    t: NDArray[np.float64]
    xy: NDArray[np.float64]
    score: NDArray[np.float64]
    person_found: NDArray[np.bool_]
    person_checks: int
    second_person_hits: int


@dataclass(frozen=True)
class _Task:
    """One worker's share: model from ``decode_start``, keep results from ``keep_from``."""

    worker: int
    backend_name: str
    info: VideoInfo
    decode_start: int
    keep_from: int
    stop: int
    stride: int
    check_every: int
    decoder_threads: int


class _Sink(Protocol):
    def put(self, item: Any) -> None: ...


def default_worker_count() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def plan_tasks(info: VideoInfo, backend_name: str, *, stride: int, workers: int) -> list[_Task]:
    """Split the analysed frames into ``workers`` contiguous ranges of about equal model work
    (a range's warm-up counts as work, so later ranges are shorter by it)."""
    analysed = math.ceil(info.frame_count / stride)
    workers = max(1, min(workers, analysed // MIN_FRAMES_PER_WORKER))
    warmup = math.ceil(WARMUP_S * info.fps / stride)
    first = math.ceil((analysed + (workers - 1) * warmup) / workers)
    check_every = max(1, analysed // PERSON_CHECKS)
    tasks, start = [], 0
    for worker in range(workers):
        size = first if worker == 0 else first - warmup
        stop = analysed if worker == workers - 1 else min(analysed, start + size)
        decode_start = max(0, start - (warmup if worker else 0))
        tasks.append(
            _Task(
                worker=worker,
                backend_name=backend_name,
                info=info,
                decode_start=decode_start * stride,
                keep_from=start * stride,
                stop=min(info.frame_count, stop * stride),
                stride=stride,
                check_every=check_every,
                # One decoder thread per worker when the workers already fill the cores.
                decoder_threads=1 if workers > 1 else 0,
            )
        )
        start = stop
    return tasks


def run_task(task: _Task, sink: _Sink) -> None:
    """Worker body: decode the task's range, run the model, send results, then ``done``."""
    try:
        estimator = get_backend(task.backend_name).open_estimator()
        try:
            _run_estimator(task, estimator, sink)
        finally:
            estimator.close()
    except RevhyperError as error:
        sink.put(("error", error))
    except Exception as error:  # a crash in a worker becomes one clear line in the parent
        sink.put(("error", RevhyperError(f"pose estimation failed: {error!r}")))


def _run_estimator(task: _Task, estimator: Any, sink: _Sink) -> None:
    batch: list[tuple[int, float, Any, Any]] = []
    checks = hits = 0
    frames = iter_frames(task.info, start_index=task.decode_start, stop_index=task.stop,
                         stride=task.stride, decoder_threads=task.decoder_threads)  # fmt: skip
    for frame in frames:
        found = estimator.estimate(frame.rgb)
        if frame.index < task.keep_from:
            continue
        if found is None:
            batch.append((frame.index, frame.t, None, None))
        else:
            batch.append((frame.index, frame.t, found.xy, found.score))
            if (frame.index // task.stride) % task.check_every == 0:
                checks += 1
                hits += bool(estimator.other_person_present(frame.rgb, found))
        if len(batch) >= BATCH_FRAMES:
            sink.put(("frames", batch))
            batch = []
    sink.put(("frames", batch))
    sink.put(("done", task.worker, checks, hits))


def _process_main(task: _Task, results: Any) -> None:
    """Entry point of a worker process (module level, so ``spawn`` can import it). Native
    libraries' console chatter is sent to /dev/null; errors travel back through the queue."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    run_task(task, results)


class _Collector:
    """Parent side: stores landmarks by frame index and reports progress."""

    def __init__(self, info: VideoInfo, skeleton: Skeleton, stride: int,
                 progress: ProgressCallback | None) -> None:  # fmt: skip
        n = math.ceil(info.frame_count / stride)
        joints = len(JOINT_NAMES[skeleton])
        self.skeleton, self.stride, self.progress, self.total = skeleton, stride, progress, n
        self.t = np.full(n, np.nan)
        self.xy = np.full((n, joints, 2), np.nan)
        self.score = np.zeros((n, joints))
        self.found = np.zeros(n, dtype=bool)
        self.filled = np.zeros(n, dtype=bool)
        self.done_workers = 0
        self.checks = self.hits = 0
        self.error: RevhyperError | None = None

    def put(self, item: Any) -> None:
        kind = item[0]
        if kind == "frames":
            self._store(item[1])
        elif kind == "done":
            self.done_workers += 1
            self.checks += item[2]
            self.hits += item[3]
        elif kind == "error" and self.error is None:
            self.error = item[1]

    def _store(self, batch: list[tuple[int, float, Any, Any]]) -> None:
        for index, t, xy, score in batch:
            row = index // self.stride
            self.t[row], self.filled[row] = t, True
            if xy is not None:
                self.xy[row], self.score[row], self.found[row] = xy, score, True
        if self.progress is not None and batch:
            self.progress(int(self.filled.sum()), self.total)

    def track(self) -> KeypointTrack:
        rows = np.flatnonzero(self.filled)
        return KeypointTrack(
            skeleton=self.skeleton,
            frame_index=rows * self.stride,
            t=self.t[rows],
            xy=self.xy[rows],
            score=self.score[rows],
            person_found=self.found[rows],
            person_checks=self.checks,
            second_person_hits=self.hits,
        )


def estimate_keypoints(
    info: VideoInfo,
    backend_name: str,
    *,
    stride: int = 1,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
) -> KeypointTrack:
    """Landmarks of every ``stride``-th frame of the video, using ``workers`` processes
    (default: every core this process may use)."""
    backend = get_backend(backend_name)
    backend.check_available()
    tasks = plan_tasks(info, backend_name, stride=stride,
                       workers=default_worker_count() if workers is None else workers)  # fmt: skip
    collector = _Collector(info, backend.skeleton, stride, progress)
    if len(tasks) == 1 and not backend.needs_own_process:
        run_task(tasks[0], collector)
    else:
        _run_in_processes(tasks, collector)
    if collector.error is not None:
        raise collector.error
    return collector.track()


def _run_in_processes(tasks: list[_Task], collector: _Collector) -> None:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [
        context.Process(target=_process_main, args=(task, results), daemon=True) for task in tasks
    ]
    with _main_script_not_rerun():
        for process in processes:
            process.start()
    finished = False
    try:
        while collector.done_workers < len(tasks) and collector.error is None:
            try:
                collector.put(results.get(timeout=POLL_S))
            except queue_module.Empty:
                _check_alive(processes, collector)
        finished = collector.error is None
    finally:  # after an error or an interrupt (Ctrl-C), stop the other workers at once
        for process in processes:
            if process.is_alive() and not finished:
                process.terminate()
            process.join(timeout=5)
        results.close()


@contextlib.contextmanager
def _main_script_not_rerun() -> Iterator[None]:
    """Start workers without making them re-run the parent's main script. ``spawn`` normally
    runs the ``__main__`` file again in each child (as ``__mp_main__``); for the ``revhyper``
    console script that imports the whole CLI, which cost each worker about 2 s of CPU time
    (measured), while workers only need :func:`_process_main` and the task, both importable
    from this package. Hiding ``__main__.__file__`` while they start skips that re-run."""
    main = sys.modules.get("__main__")
    if main is None or getattr(main, "__spec__", None) is not None or not hasattr(main, "__file__"):
        yield  # run with -m (children skip a *.__main__ module) or interactively: nothing rerun
        return
    main_file = main.__file__
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = main_file


def _check_alive(processes: list[Any], collector: _Collector) -> None:
    for process in processes:
        if not process.is_alive() and process.exitcode not in (0, None):
            collector.error = RevhyperError(
                f"a pose worker process stopped unexpectedly (exit code {process.exitcode})"
            )
