"""How far ``--stride`` can go before rep counting suffers, at 60 and 30 fps.

Reproduce with:

    .venv/bin/python benchmarks/stride.py            # 60 clips per frame rate
    .venv/bin/python benchmarks/stride.py --clips 200

``--stride K`` runs the pose model on every K-th frame only, so the analysis sees the clip at
fps / K. This takes clips from the synthetic generator (``revhyper.domain.clips.synth``: random
styles, reps, faults and medium noise, at exactly 60 or 30 fps), keeps every K-th frame as the
stride would, runs the form analysis and compares with the generator's truth: exact rep counts,
worst count error, mean error of the top angle and of the concentric/eccentric times.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from revhyper.domain.clips.synth import NoiseLevel, SynthTruth, random_spec, synthesize
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.keypoints import KeypointClip

STRIDES = (1, 2, 3, 4, 5, 6, 8, 10, 12, 15)
FRAME_RATES = (60.0, 30.0)
#: A stride "keeps" accuracy when its exact-count rate is within this of stride 1's, and the
#: timing and angle errors stay within the analysis targets (issue 3: phase durations within
#: 0.2 s, top angle within 3 degrees, on average).
TOLERATED_LOSS = 0.01
MAX_PHASE_ERROR_S = 0.2
MAX_TOP_ERROR_DEG = 3.0


def every_kth_frame(clip: KeypointClip, stride: int) -> KeypointClip:
    """What the analysis receives with ``--stride``: every ``stride``-th frame, real times."""
    return KeypointClip(clip.skeleton, clip.fps / stride, clip.width, clip.height,
                        clip.t[::stride], clip.xy[::stride], clip.score[::stride])  # fmt: skip


def _clips(fps: float, count: int, seed: int) -> list[tuple[KeypointClip, SynthTruth]]:
    rng = np.random.default_rng(seed)
    clips = []
    for _ in range(count):
        spec = random_spec(rng, noise=NoiseLevel.MEDIUM, fps=fps)
        clips.append(synthesize(spec, rng))
    return clips


def _score(clips: list[tuple[KeypointClip, SynthTruth]], stride: int) -> dict[str, float]:
    exact, worst, top_err, phase_err = 0, 0, [], []
    for clip, truth in clips:
        result = analyze_clip(every_kth_frame(clip, stride), truth.prescription)
        error = result.rep_count - truth.rep_count
        exact += error == 0
        worst = max(worst, abs(error))
        if error == 0:
            for rep, expected in zip(result.reps, truth.reps, strict=True):
                top_err.append(abs(rep.top_angle_deg - expected.top_angle_deg))
                phase_err.append(abs(rep.concentric_s - expected.concentric_s))
                phase_err.append(abs(rep.eccentric_s - expected.eccentric_s))
    return {
        "exact": exact / len(clips),
        "worst": worst,
        "top": float(np.mean(top_err)) if top_err else float("nan"),
        "phase": float(np.mean(phase_err)) if phase_err else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=60, help="clips per frame rate")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    print(f"command: .venv/bin/python benchmarks/stride.py --clips {args.clips} --seed {args.seed}")
    began = time.perf_counter()
    print(f"{'fps':>4} {'stride':>6} {'seen fps':>8} {'exact count':>11} {'worst':>5} "
          f"{'top err [deg]':>13} {'phase err [s]':>13}")  # fmt: skip
    for fps in FRAME_RATES:
        clips = _clips(fps, args.clips, args.seed + int(fps))
        baseline, safe, broken = None, 1, False
        for stride in STRIDES:
            row = _score(clips, stride)
            baseline = row["exact"] if baseline is None else baseline
            keeps = (row["exact"] >= baseline - TOLERATED_LOSS and row["phase"] <= MAX_PHASE_ERROR_S
                     and row["top"] <= MAX_TOP_ERROR_DEG)  # fmt: skip
            broken = broken or not keeps
            safe = stride if not broken else safe
            print(f"{fps:4.0f} {stride:6d} {fps / stride:8.1f} {row['exact']:11.1%} "
                  f"{row['worst']:5.0f} {row['top']:13.2f} {row['phase']:13.3f}")  # fmt: skip
        print(f"  -> at {fps:.0f} fps, stride up to {safe} keeps stride 1's count accuracy (within "
              f"{TOLERATED_LOSS:.0%}) and the targets (phases {MAX_PHASE_ERROR_S} s, top "
              f"{MAX_TOP_ERROR_DEG:g} deg); the model then sees {fps / safe:.1f} fps")  # fmt: skip
    print(f"({args.clips} clips per frame rate, {time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
