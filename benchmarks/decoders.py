"""Which decoder feeds the pose model cheapest: OpenCV or PyAV, in turn or read ahead.

Reproduce with:

    .venv/bin/python benchmarks/decoders.py                 # 1200 frames, 3 alternating rounds
    .venv/bin/python benchmarks/decoders.py --frames 600 --rounds 2

Each variant runs in two processes side by side (like the pipeline's workers), each over its
half of the benchmark clip (the 720p H.264 astronaut clip of ``pose_feed.py``), and
reports CPU time per frame after the model has loaded (all threads of both processes):

- ``model only``: frames decoded beforehand in chunks, only the model timed (the bare-model
  reference);
- ``opencv``: OpenCV's FFmpeg decoder (one thread), BGR to RGB, then the model, in turn;
- ``pyav``: PyAV (one thread), YUV 4:2:0 to RGB in one OpenCV pass, then the model, in turn;
- ``pyav + read-ahead``: the same decoding in a thread of its own, up to 4 frames ahead.

The variants alternate round by round so each sees the same machine load.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from pose_feed import FPS, render_astronaut_clip, two_process_run

#: variant -> (frame source, model only)
VARIANTS = {
    "model only": ("pyav", True),
    "opencv": ("opencv", False),
    "pyav": ("pyav", False),
    "pyav + read-ahead": ("pyav + read-ahead", False),
}


def cpu_ms_per_frame(variant: str, path: Path, frames: int) -> float:
    source, model_only = VARIANTS[variant]
    return two_process_run(path, frames, source=source, model_only=model_only)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=1200, help="clip length [frames]")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    args = parser.parse_args()
    print(f"command: .venv/bin/python benchmarks/decoders.py --frames {args.frames} "
          f"--rounds {args.rounds}")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "astronaut_720p.mp4"
        render_astronaut_clip(clip, args.frames / FPS)
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
