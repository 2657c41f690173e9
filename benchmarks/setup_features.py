"""Print the set-up check's features per clip: the filmed clips and both generators' clips.

Run: ``.venv/bin/python benchmarks/setup_features.py [KEYPOINT_DIR]``. The filmed clips are
read from keypoint files (``*.json.gz``) extracted from ``../shared/realclips`` with
``revhyper analyze VIDEO --keypoints-out`` (or any folder given); the generated clips are
made here: ``revhyper.domain.clips.synth`` over every style x noise level with random cameras, and
``benchmarks/independent`` (its own body, perspective camera and noise). Prints one row per
clip and, per group, the extreme values next to the limits in
:data:`revhyper.domain.motion.setup_check.DEFAULT_SETUP_LIMITS`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.independent.scoring import make_case

from revhyper.adapters.keypoint_file import read_keypoints
from revhyper.domain.clips.synth import NoiseLevel, Style, random_spec, synthesize
from revhyper.domain.motion.setup_check import (
    DEFAULT_SETUP_LIMITS,
    judge_setup,
    setup_features,
)

FEATURES = ("trunk_elevation_deg", "face_up", "knee_flexion_deg", "arm_support", "leg_hang")


def _row(name: str, clip) -> dict[str, float]:
    features = setup_features(clip)
    verdict = judge_setup(features)
    values = features.as_dict()
    cells = " ".join(f"{values[k]:>8.2f}" for k in FEATURES)
    print(f"{name:<44} {cells}  {'refused: ' + verdict[:60] if verdict else 'accepted'}")
    return {**values, "refused": float(verdict is not None)}


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/footage/kp")
    print(f"{'clip':<44} " + " ".join(f"{k[:8]:>8}" for k in FEATURES) + "  verdict")
    for path in sorted(folder.glob("*.json.gz")):
        _row(path.name, read_keypoints(path))
    groups: dict[str, list[dict[str, float]]] = {"synth": [], "independent": []}
    seed = 0
    for style in Style:
        for noise in NoiseLevel:
            for _ in range(4):
                seed += 1
                spec = random_spec(np.random.default_rng(seed), style=style, noise=noise)
                clip = synthesize(spec, seed)[0]
                groups["synth"].append(_row(f"synth {style.value} {noise.value} #{seed}", clip))
    for index in range(40):
        case = make_case(1000, index)
        if case is not None:
            groups["independent"].append(_row(f"independent #{index} {case.plan.style}", case.clip))
    for group, rows in groups.items():
        refused = sum(r["refused"] for r in rows)
        print(f"\n{group}: {len(rows)} clips, {refused:.0f} refused")
        for key in FEATURES:
            values = np.array([r[key] for r in rows])
            print(f"  {key:<22} min {np.nanmin(values):8.2f}  max {np.nanmax(values):8.2f}")
    print(f"\nlimits: {DEFAULT_SETUP_LIMITS}")
    start = time.process_time()
    clip = read_keypoints(next(iter(sorted(folder.glob("*.json.gz")))))
    for _ in range(20):
        setup_features(clip)
    per_frame = (time.process_time() - start) / 20 / clip.n_frames
    print(f"set-up check CPU: {1e6 * per_frame:.1f} us per frame")


if __name__ == "__main__":
    main()
