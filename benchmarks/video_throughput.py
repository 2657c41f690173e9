"""Video pipeline throughput against the bare pose model, and memory against video length.

Reproduce with:

    .venv/bin/python benchmarks/video_throughput.py            # 60 s 720p clip (1800 frames)
    .venv/bin/python benchmarks/video_throughput.py --seconds 20   # quicker

The clip: BlazePose must find a real person, so the frames show scikit-image's astronaut
photograph (a real photo of a person shipped with the package), scaled to 720 px high on a
1280x720 grey background and sliding left and right (so tracking has to follow her), encoded
at 30 fps as H.264 (what phones record) by revhyper's own writer (PyAV's libx264).

Measured in one run:
1. bare model: two processes, each running ``Pose.process`` (video mode, complexity 1) on its
   half of the same frames, decoded beforehand in chunks of 32 held in memory; only the time
   inside the model counts, after both have loaded it. Throughput = frames / the slower
   process's model time.
1b. decode + model, nothing else: the same two processes, but each decodes its half as it
   goes (revhyper's decoder, one thread) and feeds every frame to the model; timed after
   both have loaded the model. No start-up, no checks, no merging: the least any pipeline
   that has to decode the video can cost.
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
import threading
import time
from pathlib import Path

from pose_feed import FPS, SIZE, render_astronaut_clip, two_process_run


def bare_model_fps(
    path: Path, frames: int, *, decode_as_it_goes: bool = False
) -> tuple[float, float]:
    """(frames per second, CPU milliseconds per frame) of the model alone in two processes,
    or of decoding and the model with ``decode_as_it_goes`` (see module docstring)."""
    return two_process_run(path, frames, model_only=not decode_as_it_goes)


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


def _peak_rss_mib(pid: int | str) -> float:
    """A process's peak resident set size [MiB] (``VmHWM``: it starts afresh at ``exec``, while
    ``ru_maxrss`` keeps the peak of the process that forked it, so it would count the parent's
    memory in a child started by fork and exec)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # the process has just ended
        return 0.0
    line = next(row for row in status.splitlines() if row.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def memory_probe(path: Path) -> None:
    """Run analyze_video and print peak RSS [MiB] of this process and of its largest child
    (children sampled every 50 ms while they run)."""
    peaks: dict[int, float] = {}
    done = threading.Event()

    def sample_children() -> None:
        while not done.wait(0.05):
            for child in multiprocessing.active_children():
                if child.pid is not None:
                    peaks[child.pid] = max(peaks.get(child.pid, 0.0), _peak_rss_mib(child.pid))

    sampler = threading.Thread(target=sample_children, daemon=True)
    sampler.start()
    end_to_end_fps(path)
    done.set()
    sampler.join()
    print(f"{_peak_rss_mib('self'):.0f} {max(peaks.values(), default=0.0):.0f}")


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
        print(f"clip: {frames} frames, {SIZE[0]}x{SIZE[1]} at {FPS:g} fps (H.264)")
        bares, loops, ends, decodes = [], [], [], []
        for run in range(1, args.repeats + 1):  # alternate, so all see the same machine load
            bares.append(bare_model_fps(clip, frames))
            loops.append(bare_model_fps(clip, frames, decode_as_it_goes=True))
            ends.append(end_to_end_fps(clip))
            decodes.append(decode_cpu_ms(clip))
            (bare_fps, bare_cpu), (loop_fps, loop_cpu) = bares[-1], loops[-1]
            end_fps, end_wall, end_cpu, _ = ends[-1]
            print(f"run {run}: bare model {bare_fps:5.1f} frames/s ({bare_cpu:4.1f} ms CPU/frame); "
                  f"decode+model {loop_fps:5.1f} frames/s ({loop_cpu:4.1f} ms); "
                  f"analyze_video {end_fps:5.1f} frames/s ({end_cpu:4.1f} ms, {end_wall:.1f} s "
                  f"wall); decoding alone {decodes[-1]:.2f} ms CPU/frame")  # fmt: skip
        _, _, _, outcome = max(ends)
        print(f"analyze_video: {outcome}")
        print("ratios, median of paired runs     throughput   CPU per frame")
        for name, reference in (("end to end / bare model", bares),
                                ("end to end / decode+model", loops),
                                ("decode+model / bare model", None)):  # fmt: skip
            if reference is None:
                fps_ratio = statistics.median(
                    lp[0] / b[0] for lp, b in zip(loops, bares, strict=True)
                )
                cpu_ratio = statistics.median(
                    b[1] / lp[1] for lp, b in zip(loops, bares, strict=True)
                )
            else:
                fps_ratio = statistics.median(
                    e[0] / r[0] for e, r in zip(ends, reference, strict=True)
                )
                cpu_ratio = statistics.median(
                    r[1] / e[2] for e, r in zip(ends, reference, strict=True)
                )
            print(f"  {name:30s}  {fps_ratio:10.3f}  {cpu_ratio:13.3f}")
        print(
            "  (target: end to end / bare model >= 0.9; the CPU ratio equals the throughput "
            "ratio when both cores run only this job)"
        )
        model_ms = statistics.median(cpu for _, cpu in bares)
        decode_ms = statistics.median(decodes)
        print(f"ceiling if start-up, warm-up and checks cost nothing: model / (model + decoding) = "
              f"{model_ms:.1f} / ({model_ms:.1f} + {decode_ms:.2f}) = "
              f"{model_ms / (model_ms + decode_ms):.3f}")  # fmt: skip
        peak_table(Path(folder), args.memory_seconds)


if __name__ == "__main__":
    main()
