"""Video pipeline throughput against the bare pose model, and memory against video length.

Reproduce with:

    .venv/bin/python benchmarks/video_throughput.py            # 60 s 720p clip (1800 frames)
    .venv/bin/python benchmarks/video_throughput.py --seconds 20   # quicker

The clip: BlazePose must find a real person, so the frames show scikit-image's astronaut
photograph (a real photo of a person shipped with the package), scaled to 720 px high on a
1280x720 grey background and sliding left and right (so tracking has to follow her), encoded
at 30 fps with OpenCV's MPEG-4 Part 2 writer (the codec OpenCV can write without extra
software; phones record H.264, which decodes at a similar 140-470 fps here).

Measured in one run:
1. bare model: two processes, each running ``Pose.process`` (video mode, complexity 1) on its
   half of the same frames, decoded beforehand in chunks of 32 held in memory; only the time
   inside the model counts, after both have loaded it. Throughput = frames / the slower
   process's model time.
2. end to end: wall time of ``analyze_video`` (probe, decode, pose on both cores, merge,
   analysis); also its CPU time per frame (parent and workers, start-up included), which
   other jobs on the machine disturb much less than wall time, against the bare model's.
   The astronaut does no reverse hyperextensions, so the analysis ends by refusing the clip
   (not side-on, or no hip/knee tracked); by then every frame has been decoded and run
   through the model and the analysis has run, which is the work measured.
3. decoding alone: CPU time per frame of the workers' decoder (OpenCV, one thread, BGR to
   RGB) in this process. The bare model gets its frames decoded for free, so even a pipeline
   with no other overhead cannot beat model / (model + decoding) in CPU terms; printed.
4. memory: peak resident set size of the parent and of the largest worker, for the clip and
   for one three times as long, each in a fresh process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

FPS = 30.0
SIZE = (1280, 720)


def render_astronaut_clip(path: Path, seconds: float) -> int:
    """Write the benchmark clip; returns its frame count."""
    from skimage import data

    person = cv2.resize(cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR), (720, 720))  # type: ignore[no-untyped-call]
    width, height = SIZE
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"mp4v"), FPS, SIZE)
    frames = round(seconds * FPS)
    for k in range(frames):
        canvas = np.full((height, width, 3), 110, np.uint8)
        left = int((width - 720) / 2 + 200 * np.sin(2 * np.pi * k / (4 * FPS)))
        canvas[:, left : left + 720] = person
        writer.write(canvas)
    writer.release()
    return frames


#: The bare-model workers decode this many frames into memory (untimed), then time the model
#: on them, chunk after chunk, so the timed part is the model alone on the same frames.
BARE_CHUNK_FRAMES = 32


def _bare_worker(path: str, start: int, stop: int, barrier, results) -> None:  # type: ignore[no-untyped-def]
    from mediapipe.python.solutions import pose as mp_pose

    capture = cv2.VideoCapture(path)
    capture.set(cv2.CAP_PROP_POS_FRAMES, start)
    model = mp_pose.Pose(static_image_mode=False, model_complexity=1)
    ok, first = capture.read()
    model.process(cv2.cvtColor(first, cv2.COLOR_BGR2RGB))  # load and warm up, not timed
    barrier.wait()
    spent, cpu, count, index = 0.0, 0.0, 0, start + 1
    while index < stop:
        chunk = []
        for _ in range(min(BARE_CHUNK_FRAMES, stop - index)):
            ok, frame = capture.read()
            if not ok:
                break
            rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
            rgb.flags.writeable = False  # passed by reference, as analyze_video's backend does
            chunk.append(rgb)
        if not chunk:
            break
        began, began_cpu = time.perf_counter(), time.process_time()
        for rgb in chunk:
            model.process(rgb)
        spent += time.perf_counter() - began
        cpu += time.process_time() - began_cpu  # all of this process's threads
        count += len(chunk)
        index += len(chunk)
    results.put((count, spent, cpu))


def bare_model_fps(path: Path, frames: int) -> tuple[float, float]:
    """(frames per second, CPU milliseconds per frame) of the model alone in two processes
    (see module docstring)."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    half = frames // 2
    ranges = [(0, half), (half, frames)]
    workers = [
        context.Process(target=_bare_worker, args=(str(path), a, b, barrier, results))
        for a, b in ranges
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    timed_frames = sum(count for count, _, _ in outcomes)
    cpu_ms = 1000 * sum(cpu for _, _, cpu in outcomes) / timed_frames
    return timed_frames / max(spent for _, spent, _ in outcomes), cpu_ms


def decode_cpu_ms(path: Path) -> float:
    """CPU milliseconds per frame of decoding alone, as each pose worker does it (OpenCV's
    FFmpeg decoder with one thread, then BGR to RGB), in this process."""
    from revhyper.adapters.video import iter_frames, probe_video

    info = probe_video(path)
    began, count = time.process_time(), 0
    for _ in iter_frames(info, decoder_threads=1):
        count += 1
    return 1000 * (time.process_time() - began) / count


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children [s]."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def end_to_end_fps(path: Path) -> tuple[float, float, float, str]:
    """(frames per second, wall seconds, CPU milliseconds per frame, outcome) of analyze_video
    on the clip (CPU of the parent and its worker processes, start-up included)."""
    from revhyper.domain.errors import ClipUnusableError
    from revhyper.services.video_analysis import analyze_video

    analysed = [0]

    def progress(stage: str, done: int, total: int) -> None:
        analysed[0] = done

    began, began_cpu = time.perf_counter(), _cpu_seconds()
    try:
        result = analyze_video(path, backend="mediapipe", progress=progress)
        outcome = f"analysed: {result.rep_count} reps"
    except ClipUnusableError as refusal:
        outcome = f"refused after the full pass: {refusal}"
    wall = time.perf_counter() - began
    cpu_ms = 1000 * (_cpu_seconds() - began_cpu) / analysed[0]
    return analysed[0] / wall, wall, cpu_ms, outcome


def memory_probe(path: Path) -> None:
    """Run analyze_video and print peak RSS [MiB] of this process and of its largest child."""
    end_to_end_fps(path)
    self_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{self_mib:.0f} {child_mib:.0f}")


def peak_rss_mib(path: Path) -> tuple[float, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--memory-probe", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(output[-2]), float(output[-1])


def peak_table(folder: Path, seconds: float) -> None:
    """Peak memory for a clip and one three times as long."""
    print("peak RSS [MiB]              parent  largest worker")
    for factor in (1, 3):
        clip = folder / f"memory_{factor}.mp4"
        render_astronaut_clip(clip, factor * seconds)
        parent, child = peak_rss_mib(clip)
        print(f"  {factor * seconds:5.0f} s clip ({factor}x)      {parent:6.0f}  {child:6.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="throughput clip length")
    parser.add_argument("--memory-seconds", type=float, default=20.0, help="short memory clip")
    parser.add_argument("--repeats", type=int, default=2, help="alternating runs; best kept")
    parser.add_argument("--memory-probe", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_probe:
        memory_probe(args.memory_probe)
        return
    print(
        "command: .venv/bin/python benchmarks/video_throughput.py "
        f"--seconds {args.seconds:g} --memory-seconds {args.memory_seconds:g} "
        f"--repeats {args.repeats}"
    )
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "astronaut_720p.mp4"
        frames = render_astronaut_clip(clip, args.seconds)
        print(f"clip: {frames} frames, {SIZE[0]}x{SIZE[1]} at {FPS:g} fps (mp4v)")
        bares, ends, decodes = [], [], []
        for run in range(1, args.repeats + 1):  # alternate, so both see the same machine load
            bares.append(bare_model_fps(clip, frames))
            ends.append(end_to_end_fps(clip))
            decodes.append(decode_cpu_ms(clip))
            (bare_fps, bare_cpu), (end_fps, end_wall, end_cpu, _) = bares[-1], ends[-1]
            print(f"run {run}: bare model {bare_fps:5.1f} frames/s ({bare_cpu:4.1f} ms CPU/frame); "
                  f"analyze_video {end_fps:5.1f} frames/s ({end_cpu:4.1f} ms CPU/frame, "
                  f"{end_wall:.1f} s wall); ratio {end_fps / bare_fps:.2f}; "
                  f"decoding alone {decodes[-1]:.2f} ms CPU/frame")  # fmt: skip
        best_bare = max(fps for fps, _ in bares)
        best_end, _, _, outcome = max(ends)
        paired = statistics.median(end[0] / bare[0] for bare, end in zip(bares, ends, strict=True))
        cpu_ratio = statistics.median(
            bare[1] / end[2] for bare, end in zip(bares, ends, strict=True)
        )
        print(f"bare model, 2 processes:  {best_bare:6.1f} frames/s (best run)")
        print(f"analyze_video end to end: {best_end:6.1f} frames/s (best run); {outcome}")
        print(f"throughput ratio end-to-end / bare: best/best {best_end / best_bare:.3f}, "
              f"median of runs {paired:.3f}  (target >= 0.9)")  # fmt: skip
        print(f"CPU-cost ratio, bare / end-to-end CPU per frame (median): {cpu_ratio:.3f}  "
              "(= the throughput ratio when both cores run only this job)")  # fmt: skip
        model_ms = statistics.median(cpu for _, cpu in bares)
        decode_ms = statistics.median(decodes)
        print(f"ceiling if start-up, warm-up and checks cost nothing: model / (model + decoding) = "
              f"{model_ms:.1f} / ({model_ms:.1f} + {decode_ms:.2f}) = "
              f"{model_ms / (model_ms + decode_ms):.3f}")  # fmt: skip
        peak_table(Path(folder), args.memory_seconds)


if __name__ == "__main__":
    main()
