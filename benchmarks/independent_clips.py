"""Check the form analysis on clips from an independent model (issue 3's "clips you have not seen").

Reproduce with:

    .venv/bin/python benchmarks/independent_clips.py                  # 300 clips, seed 2026
    .venv/bin/python benchmarks/independent_clips.py --clips 1000 --seed 7
    .venv/bin/python benchmarks/independent_clips.py --only 42 --dump /tmp/c42.kp.json
    .venv/bin/python benchmarks/independent_clips.py --noise none  # same clips, no detector noise

The clips come from ``benchmarks/independent/`` (not from ``revhyper.domain.clips.synth``): de Leva
(1996) body proportions with +/-8 % per segment, a perspective camera 2-5 m away, up to 15 deg
off side-on and rolled up to 4 deg, mirrored images, BlazePose-33 and COCO-17, 24-60 fps with
dropped frames, heavy-tailed and drifting jitter, label swaps, jumps, weak-score spells; rep
styles controlled / pendulum (under the pad to about -110 deg) / isometric holds / slow tempo /
no reps / prescribed holds / prescribed tempos, with faults injected far from the thresholds.

The analysis is treated as a black box: ``revhyper.domain.motion.analyze_clip``. Reps are
matched to the truth by their overlap in time. Phase times are compared with the truth read as
"leaving the bottom -> within 3 deg of the peak -> leaving that band -> back at the bottom"
(and, second, with the designed movement-onset-to-standstill segment times).

``--dump FILE.kp.json`` (with ``--only N``) writes that clip as ``revhyper-keypoints/1`` and
``FILE.truth.json`` beside it with its parameters, prescription, true reps and what the
analysis returned.
"""

from __future__ import annotations

import argparse
import math
import shlex
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.independent.plan import STYLES
from benchmarks.independent.render import NOISE_LEVELS
from benchmarks.independent.scoring import (
    Outcome,
    badness,
    breakdown,
    describe_case,
    judge,
    make_case,
    summary,
    truth_json,
)

from revhyper.adapters.keypoint_file import write_json_atomically, write_keypoints

#: Issue 3's targets.
TARGET_COUNT_EXACT = 0.98
TARGET_MAX_COUNT_ERROR = 1
TARGET_TOP_DEG = 3.0
TARGET_PHASE_S = 0.2
TARGET_FAULT_PR = 0.9


def _fmt(x: float, digits: int = 3) -> str:
    return "n/a" if isinstance(x, float) and math.isnan(x) else f"{x:.{digits}f}"


def _verdict(ok: bool) -> str:
    return "ok  " if ok else "MISS"


def print_summary(s: dict[str, Any], label: str) -> None:
    print(
        f"\n== {label}: {s['clips']} clips, {s['reps_true']} true reps, "
        f"{s['reps_matched']} matched by time =="
    )
    rows = [
        (
            "rep count exact",
            _fmt(s["count_exact"]),
            s["count_exact"] >= TARGET_COUNT_EXACT,
            f">= {TARGET_COUNT_EXACT}",
        ),
        (
            "max |count error|",
            str(s["max_abs_count_error"]),
            s["max_abs_count_error"] <= TARGET_MAX_COUNT_ERROR,
            f"<= {TARGET_MAX_COUNT_ERROR}",
        ),
        (
            f"zero reps on no-rep clips ({s['no_rep_clips']})",
            _fmt(s["zero_rep_accuracy"]),
            math.isnan(s["zero_rep_accuracy"]) or s["zero_rep_accuracy"] == 1.0,
            "= 1",
        ),
        (
            "mean |top angle error| [deg]",
            _fmt(s["top_abs_error_deg"], 2),
            s["top_abs_error_deg"] <= TARGET_TOP_DEG,
            f"<= {TARGET_TOP_DEG}",
        ),
        (
            "mean |concentric error| [s]",
            _fmt(s["concentric_abs_error_s"]),
            s["concentric_abs_error_s"] <= TARGET_PHASE_S,
            f"<= {TARGET_PHASE_S}",
        ),
        (
            "mean |eccentric error| [s]",
            _fmt(s["eccentric_abs_error_s"]),
            s["eccentric_abs_error_s"] <= TARGET_PHASE_S,
            f"<= {TARGET_PHASE_S}",
        ),
    ]
    for name, value, ok, target in rows:
        print(f"  {_verdict(ok)} {name:<38} {value:>8}   (target {target})")
    print(f"       mean |hold error| [s]                  {_fmt(s['hold_abs_error_s']):>8}")
    by_band = ", ".join(
        f"{band:g} deg {_fmt(err)} s" for band, err in s["hold_abs_error_by_band_s"].items()
    )
    print(f"       mean |hold error| if the top were read as within: {by_band}")
    print(f"       mean |bottom angle error| [deg]        {_fmt(s['bottom_abs_error_deg'], 2):>8}")
    print(
        f"       mean signed errors (analysis - truth): top {_fmt(s['top_bias_deg'], 2)} deg, "
        f"concentric {_fmt(s['concentric_bias_s'])} s, hold {_fmt(s['hold_bias_s'])} s, "
        f"eccentric {_fmt(s['eccentric_bias_s'])} s"
    )
    print(
        "       vs movement onset/standstill: concentric "
        f"{_fmt(s['concentric_abs_error_kinematic_s'])} s, eccentric "
        f"{_fmt(s['eccentric_abs_error_kinematic_s'])} s"
    )
    print(f"  {'fault':<22}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}")
    for code, row in s["faults"].items():
        ok = all(math.isnan(v) or v >= TARGET_FAULT_PR for v in (row["precision"], row["recall"]))
        print(
            f"  {_verdict(ok)}{code:<18}{row['tp']:>5}{row['fp']:>5}{row['fn']:>5}"
            f"{_fmt(row['precision']):>11}{_fmt(row['recall']):>8}"
        )


def print_breakdown(outcomes: list[Outcome]) -> None:
    print(
        "\n== breakdown: value: clips / exact-count share / mean |top err| deg / mean |phase "
        "err| s / fault mismatches =="
    )
    for key, values in breakdown(outcomes).items():
        cells = [
            f"{v}: {r['clips']}/{r['count_exact']:.2f}/{_fmt(r['top_abs_error_deg'], 1)}"
            f"/{_fmt(r['phase_abs_error_s'], 2)}/{r['fault_mismatches']}"
            for v, r in values.items()
        ]
        print(f"  {key:<10} " + "  ".join(cells))


def print_outcome(o: Outcome, args: argparse.Namespace) -> None:
    d = describe_case(o.case)
    truth = o.case.plan.truth
    print(
        f"\n-- clip {d['index']} (badness {badness(o):.1f}): {d['style']}"
        f"{'/' + d['fault'] if d['fault'] else ''}, truth {len(truth)} reps, analysis "
        f"{o.result.rep_count}; {d['skeleton']} {d['image']} {d['fps']} fps, {d['frames']} "
        f"frames {d['duration_s']} s, near {d['near_side']}, head {d['facing']}"
        f"{' (mirrored)' if d['mirrored'] else ''}, noise {d['noise']}"
        f"{', low scores' if d['low_scores'] else ''}"
    )
    print(f"   camera {d['camera']}  prescription {d['prescription']}")
    print(
        f"   body: stature {d['body']['stature_m']} m {d['body']['sex']}, thigh "
        f"{d['body']['thigh_m']} m; glitches: {', '.join(d['glitches']) or 'none'}"
    )
    if o.result.quality.warnings:
        print(f"   warnings: {list(o.result.quality.warnings)}")
    for k, pair in enumerate(o.pairs, start=1):
        t, f = pair.truth, pair.found
        line = (
            f"   truth {k}: {t.start_s:6.2f}-{t.end_s:6.2f}s top {t.top_angle_deg:6.1f} "
            f"C/H/E {t.concentric_s:.2f}/{t.hold_s:.2f}/{t.eccentric_s:.2f} "
            f"{list(t.faults)}"
        )
        if f is None:
            line += "  <- not found"
        else:
            line += (
                f"  | found {f.start_s:6.2f}-{f.end_s:6.2f}s top {f.top_angle_deg:6.1f} "
                f"C/H/E {f.concentric_s:.2f}/{f.hold_s:.2f}/{f.eccentric_s:.2f} "
                f"{[str(x) for x in f.faults]}"
            )
        print(line)
    for f in o.extra_found:
        print(
            f"   EXTRA found: {f.start_s:6.2f}-{f.end_s:6.2f}s top {f.top_angle_deg:6.1f} "
            f"bottom {f.bottom_angle_deg:6.1f} {[str(x) for x in f.faults]}"
        )
    if o.fault_mismatches:
        print(f"   fault mismatches: {'; '.join(o.fault_mismatches)}")
    print(
        f"   reproduce: .venv/bin/python benchmarks/independent_clips.py --seed {args.seed} "
        f"--only {d['index']}{' --noise ' + args.noise if args.noise else ''} "
        f"--dump /tmp/clip{d['index']}.kp.json"
    )


def dump(o: Outcome, path: Path) -> None:
    if not path.name.endswith(".kp.json"):
        raise SystemExit(f"--dump needs a file name ending in .kp.json, got {path.name!r}")
    assert o.case.clip is not None
    write_keypoints(o.case.clip, path)
    truth_path = path.with_name(path.name[: -len(".kp.json")] + ".truth.json")
    result = o.result
    write_json_atomically(
        {
            "clip": describe_case(o.case),
            "truth_reps": truth_json(o.case),
            "analysis": {
                "rep_count": result.rep_count,
                "faults": [str(f) for f in result.faults],
                "warnings": list(result.quality.warnings),
                "reps": [
                    {
                        "start_s": r.start_s,
                        "top_s": r.top_s,
                        "end_s": r.end_s,
                        "concentric_s": r.concentric_s,
                        "hold_s": r.hold_s,
                        "eccentric_s": r.eccentric_s,
                        "top_angle_deg": r.top_angle_deg,
                        "bottom_angle_deg": r.bottom_angle_deg,
                        "trunk_angle_change_deg": r.trunk_angle_change_deg,
                        "knee_flexion_top_deg": r.knee_flexion_top_deg,
                        "faults": [str(f) for f in r.faults],
                    }
                    for r in result.reps
                ],
            },
        },
        truth_path,
    )
    print(f"\nwrote {path} and {truth_path}")


def _styles(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [name for name in chosen if name not in STYLES]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown style(s) {unknown}; choose from {STYLES}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clips", type=int, default=300, help="clips in the set (default 300)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the set (default 2026)")
    parser.add_argument("--only", type=int, help="generate and judge only clip N of the set")
    parser.add_argument("--dump", type=Path, help="with --only: write the clip (.kp.json)")
    parser.add_argument(
        "--noise",
        choices=("none", *NOISE_LEVELS),
        help="film every clip at this nuisance level (same clips otherwise; 'none' = a perfect "
        "detector, roll and perspective still apply)",
    )
    parser.add_argument(
        "--styles",
        type=_styles,
        help=f"comma-separated styles to judge (others in the set are skipped): {STYLES}",
    )
    parser.add_argument("--worst", type=int, default=8, help="failing clips to list (default 8)")
    args = parser.parse_args(argv)
    if args.dump and args.only is None:
        parser.error("--dump needs --only N")
    if args.clips < 1:
        parser.error(f"--clips must be at least 1, got {args.clips}")
    arguments = argv if argv is not None else sys.argv[1:]
    command = " ".join(["benchmarks/independent_clips.py", *map(shlex.quote, arguments)])
    print(f"command: .venv/bin/python {command}")
    if args.only is not None:
        args.styles = None
    indices = [args.only] if args.only is not None else list(range(args.clips))
    started = time.perf_counter()
    analysis_s = 0.0
    outcomes = []
    for index in indices:
        case = make_case(args.seed, index, noise=args.noise, only_styles=args.styles)
        if case is None:
            continue
        tick = time.perf_counter()
        outcome = judge(case)
        analysis_s += time.perf_counter() - tick
        if not args.dump:
            outcome.slim()
        outcomes.append(outcome)
    total = time.perf_counter() - started
    frames = sum(o.case.n_frames for o in outcomes)
    print(
        f"{len(outcomes)} clips, {frames} frames: generated and analysed in {total:.1f} s "
        f"(analysis {analysis_s:.1f} s)"
    )
    print_summary(summary(outcomes), f"seed {args.seed}")
    if args.only is None:
        print_breakdown(outcomes)
    failing = sorted(
        (o for o in outcomes if badness(o) >= 10 or args.only is not None),
        key=badness,
        reverse=True,
    )
    print(
        f"\n== {len(failing)} clips with a count error or a fault mismatch; worst "
        f"{min(len(failing), args.worst)} =="
    )
    for o in failing[: args.worst]:
        print_outcome(o, args)
    if args.dump:
        dump(outcomes[0], args.dump)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
