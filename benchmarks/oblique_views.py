"""Benchmark: how far from side-on the analysis stays trustworthy, and what the view check does.

Run from the repository root:

    .venv/bin/python benchmarks/oblique_views.py [--clips 24] [--seed 2026]

For each yaw (the athlete turned about the vertical, 0 = side-on), ``--clips`` clips of each
generator are filmed at +/- that yaw: the independent one (``benchmarks/independent/``, a
perspective camera 2-5 m away) and the project's (``domain/clips/synth.py`` with ``oblique_deg``, a
weak-perspective camera 2-5 m away, on top of its own small yaw). It prints, per yaw and
generator: the share of clips the view check refuses, the hip separation it reads (trunk
lengths, median and range) and, with the check switched off, the share of clips counted exactly
and the mean |top angle error| [deg] on clips counted exactly.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.independent.body import random_body
from benchmarks.independent.plan import random_plan
from benchmarks.independent.render import film, random_filming

from revhyper.domain.clips.synth import Style, random_spec, synthesize
from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.analyze import AnalysisSettings
from revhyper.domain.motion.form_result import AnalysisResult, Prescription
from revhyper.domain.motion.keypoints import KeypointClip
from revhyper.domain.motion.quality import DEFAULT_QUALITY_LIMITS, hip_separation

YAWS_DEG = (0.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 50.0, 60.0)
NO_VIEW_CHECK = AnalysisSettings(
    quality=replace(DEFAULT_QUALITY_LIMITS, max_hip_separation=float("inf"))
)

#: (clip, prescription, true top angles [deg]) of one generated clip.
Generated = tuple[KeypointClip, Prescription | None, list[float]]


def independent_clip(seed: int, index: int, yaw_deg: float) -> Generated:
    rng = np.random.default_rng(np.random.SeedSequence([seed, index]))
    plan = random_plan(rng, str(rng.choice(["controlled", "pendulum", "isometric"])))
    body = random_body(rng)
    filming = replace(random_filming(rng), yaw_deg=yaw_deg)
    clip, _ = film(rng, plan, body, filming)
    return clip, plan.prescription, [truth.top_angle_deg for truth in plan.truth]


def synth_clip(seed: int, index: int, yaw_deg: float) -> Generated:
    rng = np.random.default_rng(np.random.SeedSequence([seed, index, 1]))
    style = [Style.CONTROLLED, Style.PENDULUM, Style.ISOMETRIC][index % 3]
    spec = random_spec(rng, style=style)
    camera = replace(spec.camera, oblique_deg=yaw_deg, distance_m=float(rng.uniform(2.0, 5.0)))
    clip, truth = synthesize(replace(spec, camera=camera), rng)
    return clip, truth.prescription, [rep.top_angle_deg for rep in truth.reps]


def _scores(generated: Generated) -> tuple[bool, float, bool, list[float]]:
    clip, prescription, tops = generated
    refused = not analyze_clip(clip, prescription).quality.analysable
    result: AnalysisResult = analyze_clip(clip, prescription, NO_VIEW_CHECK)
    exact = result.rep_count == len(tops)
    errors = [abs(rep.top_angle_deg - top) for rep, top in zip(result.reps, tops, strict=False)]
    return refused, hip_separation(clip)[0], exact, errors if exact else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=24, help="clips per yaw and generator")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the clip set")
    args = parser.parse_args(argv)
    limit = DEFAULT_QUALITY_LIMITS.max_hip_separation
    print(f"command: .venv/bin/python benchmarks/oblique_views.py {' '.join(argv or sys.argv[1:])}")
    print(f"view check: refuse above {limit:g} trunk lengths between the hips\n")
    print("yaw  generator    refused  hip sep. median [min-max]  exact (no check)  |top err| deg")
    for yaw in YAWS_DEG:
        for name, make in (("independent", independent_clip), ("synth", synth_clip)):
            rows = [_scores(make(args.seed, k, yaw if k % 2 else -yaw)) for k in range(args.clips)]
            refused = np.mean([r[0] for r in rows])
            separation = np.array([r[1] for r in rows])
            exact = np.mean([r[2] for r in rows])
            errors = [e for r in rows for e in r[3]]
            top = f"{np.mean(errors):.2f}" if errors else "n/a"
            print(
                f"{yaw:3.0f}  {name:<11}  {refused:7.2f}  {np.median(separation):.3f} "
                f"[{separation.min():.3f}-{separation.max():.3f}]    {exact:16.2f}  {top:>12}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
