"""CPU per frame on the filmed clips: the whole video path beside the bare pose model.

Reproduce with (the clips are read from ``../shared/realclips``, never copied here):

    .venv/bin/python benchmarks/realclips_cpu.py

Per clip, measured in one run, all as CPU time (other jobs on a shared machine disturb it
much less than wall time):

1. bare model: this process decodes each frame (not timed) and times only MediaPipe's
   ``Pose.process`` on it (video mode, the estimator revhyper opens).
2. end to end: ``analyze_video`` with one pose worker (probe with the packet scan, decode,
   pose, the second-person check, analysis, the set-up check, the refusal or the result):
   CPU of this process and its worker, start-up included.
3. set-up check: :func:`revhyper.domain.motion.setup_check.setup_problem` on the clip's
   keypoints, repeated to time it, per frame; printed as a share of the bare model.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

from revhyper.adapters.pose import get_backend
from revhyper.adapters.pose.parallel import estimate_keypoints
from revhyper.adapters.video import iter_frames, probe_video
from revhyper.domain.errors import ClipUnusableError
from revhyper.domain.motion.setup_check import setup_problem
from revhyper.services.video_analysis import analyze_video, clip_from_track

REALCLIPS = Path(__file__).resolve().parents[1].parent / "shared" / "realclips"
REPEATS = 50


def _cpu_with_children() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def bare_model_ms(path: Path) -> tuple[float, int]:
    """CPU milliseconds per frame inside the model alone, and the frames timed."""
    info = probe_video(path)
    estimator = get_backend("mediapipe").open_estimator()
    spent, frames = 0.0, 0
    try:
        for frame in iter_frames(info, decoder_threads=1):
            start = time.process_time()
            estimator.estimate(frame.rgb)
            spent += time.process_time() - start
            frames += 1
    finally:
        estimator.close()
    return 1000 * spent / frames, frames


def end_to_end_ms(path: Path, frames: int) -> tuple[float, str]:
    start = _cpu_with_children()
    try:
        result = analyze_video(path, backend="mediapipe", workers=1)
        outcome = f"{result.rep_count} rep(s)"
    except ClipUnusableError as refusal:
        outcome = "refused: " + str(refusal)[:48]
    return 1000 * (_cpu_with_children() - start) / frames, outcome


def setup_check_us(path: Path) -> float:
    info = probe_video(path)
    clip = clip_from_track(info, estimate_keypoints(info, "mediapipe", workers=1), 1)
    start = time.process_time()
    for _ in range(REPEATS):
        setup_problem(clip)
    return 1e6 * (time.process_time() - start) / REPEATS / clip.n_frames


def main() -> None:
    print(f"{'clip':<36} {'frames':>6} {'model':>8} {'end-to-end':>11} {'ratio':>6} "
          f"{'set-up check':>13} {'share':>7}  outcome")  # fmt: skip
    for path in sorted(REALCLIPS.glob("*.mp4")):
        model, frames = bare_model_ms(path)
        whole, outcome = end_to_end_ms(path, frames)
        check = setup_check_us(path)
        print(f"{path.name:<36} {frames:>6} {model:>6.1f}ms {whole:>9.1f}ms {whole / model:>6.2f} "
              f"{check:>10.1f} us {check / 1000 / model:>7.3%}  {outcome}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
