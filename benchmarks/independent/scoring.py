"""Generate a seeded set of independent clips, run the analysis, compare with the truth."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np

from revhyper.domain.motion import analyze_clip
from revhyper.domain.motion.form_result import AnalysisResult, RepResult
from revhyper.domain.motion.keypoints import KeypointClip

from .body import Body
from .plan import ALL_FAULTS, DIAGNOSTIC_BANDS_DEG, ClipPlan, RepTruth, random_plan
from .render import Filming, random_clip


@dataclass
class Case:
    """One generated clip with everything needed to reproduce and judge it."""

    index: int
    seed: int
    plan: ClipPlan
    body: Body
    filming: Filming
    clip: KeypointClip | None  # released after judging in large runs (see ``Outcome.slim``)
    events: list[str]
    n_frames: int = 0
    duration_s: float = 0.0


def make_case(
    seed: int,
    index: int,
    style: str | None = None,
    fault: str | None = "random",
    noise: str | None = None,
    only_styles: tuple[str, ...] | None = None,
) -> Case | None:
    """Clip ``index`` of the set drawn with ``seed`` (the same inputs give the same clip).

    None when ``only_styles`` is given and the clip's style is not among them (decided
    before the costly rendering; the clips kept are the same as in the full set).
    """
    rng = np.random.default_rng(np.random.SeedSequence([seed, index]))
    plan = random_plan(rng, style, fault)
    if only_styles is not None and plan.style not in only_styles:
        return None
    body, filming, clip, events = random_clip(rng, plan, noise)
    return Case(index, seed, plan, body, filming, clip, events, clip.n_frames, clip.duration_s)


@dataclass
class RepPair:
    truth: RepTruth
    found: RepResult | None


@dataclass
class Outcome:
    """How the analysis did on one clip."""

    case: Case
    result: AnalysisResult
    pairs: list[RepPair]
    extra_found: list[RepResult]
    fault_mismatches: list[str] = field(default_factory=list)

    def slim(self) -> None:
        """Drop the clip's arrays and the analysed series (keeps a large run's memory small)."""
        self.case.clip = None
        self.result = replace(self.result, series=None)

    @property
    def count_error(self) -> int:
        return self.result.rep_count - len(self.case.plan.truth)

    def top_errors(self) -> list[float]:
        return [p.found.top_angle_deg - p.truth.top_angle_deg for p in self.pairs if p.found]


def _overlap(truth: RepTruth, found: RepResult) -> float:
    return min(truth.end_s, found.end_s) - max(truth.start_s, found.start_s)


def match_reps(
    truths: list[RepTruth], found: Iterable[RepResult]
) -> tuple[list[RepPair], list[RepResult]]:
    """Pair each true rep with the analysed rep overlapping it most in time (one-to-one)."""
    remaining = list(found)
    candidates = sorted(
        ((_overlap(t, f), i, j) for i, t in enumerate(truths) for j, f in enumerate(remaining)),
        reverse=True,
    )
    paired: dict[int, int] = {}
    used: set[int] = set()
    for overlap, i, j in candidates:
        if overlap <= 0:
            break
        if i not in paired and j not in used:
            paired[i] = j
            used.add(j)
    pairs = [
        RepPair(t, remaining[paired[i]] if i in paired else None) for i, t in enumerate(truths)
    ]
    extra = [f for j, f in enumerate(remaining) if j not in used]
    return pairs, extra


def judge(case: Case, analyse: Callable[..., AnalysisResult] = analyze_clip) -> Outcome:
    if case.clip is None:
        raise ValueError(f"clip {case.index} was released; generate it again with make_case")
    result = analyse(case.clip, case.plan.prescription)
    pairs, extra = match_reps(case.plan.truth, result.reps)
    outcome = Outcome(case, result, pairs, extra)
    for k, pair in enumerate(pairs, start=1):
        got = {str(f) for f in pair.found.faults} if pair.found else set()
        want = set(pair.truth.faults)
        for code in sorted(got ^ want):
            sign = "missed" if code in want else "false"
            outcome.fault_mismatches.append(f"rep {k}: {sign} {code}")
    for rep in extra:
        for code in rep.faults:
            outcome.fault_mismatches.append(f"extra rep at {rep.top_s:.1f}s: false {code}")
    return outcome


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


def fault_table(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    """Per fault code, rep-level TP / FP / FN, precision, recall (``nan`` when undefined)."""
    table = {}
    for code in ALL_FAULTS:
        tp = fp = fn = 0
        for o in outcomes:
            for pair in o.pairs:
                want = code in pair.truth.faults
                got = pair.found is not None and code in {str(f) for f in pair.found.faults}
                tp, fp, fn = tp + (want and got), fp + (got and not want), fn + (want and not got)
            fp += sum(code in {str(f) for f in rep.faults} for rep in o.extra_found)
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        table[code] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall}
    return table


def _mean_abs(values: list[float]) -> float:
    return float(np.mean(np.abs(values))) if values else float("nan")


def _mean(values: list[float]) -> float:
    return float(np.mean(values)) if values else float("nan")


def _phase_errors(outcomes: list[Outcome], found_attr: str, truth_attr: str) -> list[float]:
    return [
        getattr(p.found, found_attr) - getattr(p.truth, truth_attr)
        for o in outcomes
        for p in o.pairs
        if p.found is not None
    ]


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    """The issue's headline figures over a set of outcomes."""
    errors = [o.count_error for o in outcomes]
    no_rep = [o for o in outcomes if not o.case.plan.truth]
    return {
        "clips": len(outcomes),
        "count_exact": float(np.mean([e == 0 for e in errors])) if errors else float("nan"),
        "max_abs_count_error": max((abs(e) for e in errors), default=0),
        "zero_rep_accuracy": float(np.mean([o.result.rep_count == 0 for o in no_rep]))
        if no_rep
        else float("nan"),
        "no_rep_clips": len(no_rep),
        "reps_true": sum(len(o.case.plan.truth) for o in outcomes),
        "reps_matched": sum(p.found is not None for o in outcomes for p in o.pairs),
        "top_abs_error_deg": _mean_abs([e for o in outcomes for e in o.top_errors()]),
        "concentric_abs_error_s": _mean_abs(
            _phase_errors(outcomes, "concentric_s", "concentric_s")
        ),
        "eccentric_abs_error_s": _mean_abs(_phase_errors(outcomes, "eccentric_s", "eccentric_s")),
        "hold_abs_error_s": _mean_abs(_phase_errors(outcomes, "hold_s", "hold_s")),
        "concentric_abs_error_kinematic_s": _mean_abs(
            _phase_errors(outcomes, "concentric_s", "concentric_kinematic_s")
        ),
        "eccentric_abs_error_kinematic_s": _mean_abs(
            _phase_errors(outcomes, "eccentric_s", "eccentric_kinematic_s")
        ),
        "concentric_bias_s": _mean(_phase_errors(outcomes, "concentric_s", "concentric_s")),
        "eccentric_bias_s": _mean(_phase_errors(outcomes, "eccentric_s", "eccentric_s")),
        "hold_bias_s": _mean(_phase_errors(outcomes, "hold_s", "hold_s")),
        "top_bias_deg": _mean([e for o in outcomes for e in o.top_errors()]),
        "hold_abs_error_by_band_s": {
            band: _mean_abs(
                [
                    p.found.hold_s - dict(p.truth.hold_by_band_s)[band]
                    for o in outcomes
                    for p in o.pairs
                    if p.found is not None
                ]
            )
            for band in DIAGNOSTIC_BANDS_DEG
        },
        "bottom_abs_error_deg": _mean_abs(
            _phase_errors(outcomes, "bottom_angle_deg", "bottom_angle_deg")
        ),
        "faults": fault_table(outcomes),
    }


def conditions(case: Case) -> dict[str, str]:
    """The labels a failure breakdown groups by."""
    f = case.filming
    orientation = (
        "portrait" if f.height > f.width else ("square" if f.height == f.width else "landscape")
    )
    fps = "24-30" if f.fps < 40 else "48-60"
    return {
        "style": case.plan.style,
        "fault": case.plan.fault or "-",
        "skeleton": f.skeleton.value,
        "noise": f.noise,
        "scores": "low" if f.low_scores else "usual",
        "fps": fps,
        "image": orientation,
        "facing": f.facing,
        "near side": f.near_side,
        "|yaw|": "<8 deg" if abs(f.yaw_deg) < 8 else "8-15 deg",
        "|roll|": "<2 deg" if abs(f.roll_deg) < 2 else "2-4 deg",
    }


def breakdown(outcomes: list[Outcome]) -> dict[str, dict[str, dict[str, float]]]:
    """Per condition label: clips, exact-count share, mean |top error|, fault mismatches."""
    groups: dict[str, dict[str, list[Outcome]]] = defaultdict(lambda: defaultdict(list))
    for o in outcomes:
        for key, value in conditions(o.case).items():
            groups[key][value].append(o)
    table: dict[str, dict[str, dict[str, float]]] = {}
    for key, values in groups.items():
        table[key] = {}
        for value, members in sorted(values.items()):
            table[key][value] = {
                "clips": len(members),
                "count_exact": float(np.mean([m.count_error == 0 for m in members])),
                "top_abs_error_deg": _mean_abs([e for m in members for e in m.top_errors()]),
                "phase_abs_error_s": _mean_abs(
                    _phase_errors(members, "concentric_s", "concentric_s")
                    + _phase_errors(members, "eccentric_s", "eccentric_s")
                ),
                "fault_mismatches": sum(len(m.fault_mismatches) for m in members),
            }
    return table


def badness(o: Outcome) -> float:
    """Orders clips worst first: count errors, then fault mismatches, then angle errors."""
    top = _mean_abs(o.top_errors())
    return 100 * abs(o.count_error) + 10 * len(o.fault_mismatches) + (0 if np.isnan(top) else top)


def describe_case(case: Case) -> dict[str, Any]:
    """Parameters of a clip, for a failure listing or a dump."""
    f = case.filming
    rx = case.plan.prescription
    return {
        "index": case.index,
        "seed": case.seed,
        "style": case.plan.style,
        "fault": case.plan.fault,
        "prescription": None
        if rx is None
        else {
            "hold_s": rx.hold_s,
            "tempo": None if rx.tempo is None else asdict(rx.tempo),
        },
        "skeleton": f.skeleton.value,
        "image": f"{f.width}x{f.height}",
        "fps": f.fps,
        "frames": case.n_frames,
        "duration_s": round(case.duration_s, 2),
        "near_side": f.near_side,
        "facing": f.facing,
        "mirrored": f.mirrored,
        "camera": {
            "distance_m": round(f.distance_m, 2),
            "height_offset_m": round(f.height_offset_m, 2),
            "yaw_deg": round(f.yaw_deg, 1),
            "roll_deg": round(f.roll_deg, 1),
            "fill": round(f.fill, 2),
        },
        "noise": f.noise,
        "low_scores": f.low_scores,
        "body": {
            k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(case.body).items()
        },
        "glitches": case.events,
    }


def truth_json(case: Case) -> list[dict[str, Any]]:
    return [
        {k: (round(v, 3) if isinstance(v, float) else v) for k, v in asdict(t).items()}
        for t in case.plan.truth
    ]
