"""Scoring a form analysis against the truth of synthetic clips (used by the benchmark).

Reps are matched by time: a found rep matches the unmatched true rep whose top it is nearest
to, provided its top lies within the true rep's span (start to end, widened by
:data:`MATCH_MARGIN_S`). Faults are scored per rep: a fault on a matched pair counts as a true
positive when both carry it; a fault on an unmatched found rep is a false positive and one on
an unmatched true rep a false negative.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from revhyper.domain.clips.synth import RepTruth
from revhyper.domain.motion.form_result import Fault, RepResult

#: How far outside a true rep's span a found top may lie and still match it [s].
MATCH_MARGIN_S = 0.3


@dataclass(frozen=True)
class RepMatch:
    """A true rep paired with the found rep that matched it (``None`` = missed)."""

    truth: RepTruth
    found: RepResult | None


def match_reps(
    truth: Sequence[RepTruth], found: Sequence[RepResult]
) -> tuple[list[RepMatch], list[RepResult]]:
    """Pair true and found reps by time; return the pairs and the unmatched found reps."""
    candidates = sorted(
        (abs(f.top_s - t.top_s), ti, fi)
        for ti, t in enumerate(truth)
        for fi, f in enumerate(found)
        if t.start_s - MATCH_MARGIN_S <= f.top_s <= t.end_s + MATCH_MARGIN_S
    )
    paired: dict[int, int] = {}
    used: set[int] = set()
    for _, ti, fi in candidates:
        if ti not in paired and fi not in used:
            paired[ti] = fi
            used.add(fi)
    matches = [
        RepMatch(t, found[paired[ti]] if ti in paired else None) for ti, t in enumerate(truth)
    ]
    extra = [f for fi, f in enumerate(found) if fi not in used]
    return matches, extra


@dataclass
class FaultTally:
    """Rep-level counts for one fault code."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP), ``None`` when nothing was flagged [-]."""
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN), ``None`` when the fault never occurred [-]."""
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else None


@dataclass
class Scoreboard:
    """Running totals over many clips."""

    clips: int = 0
    exact_counts: int = 0
    max_count_error: int = 0
    no_rep_clips: int = 0
    no_rep_clips_right: int = 0
    top_angle_errors: list[float] = field(default_factory=list)
    concentric_errors: list[float] = field(default_factory=list)
    eccentric_errors: list[float] = field(default_factory=list)
    faults: dict[Fault, FaultTally] = field(
        default_factory=lambda: {f: FaultTally() for f in Fault}
    )

    def add_clip(self, truth: Sequence[RepTruth], found: Sequence[RepResult]) -> None:
        """Score one clip's found reps against its true reps."""
        self.clips += 1
        error = len(found) - len(truth)
        self.exact_counts += error == 0
        self.max_count_error = max(self.max_count_error, abs(error))
        if not truth:
            self.no_rep_clips += 1
            self.no_rep_clips_right += not found
        matches, extra = match_reps(truth, found)
        for match in matches:
            self._add_match(match)
        for rep in extra:
            for fault in rep.faults:
                self.faults[fault].false_positive += 1

    def _add_match(self, match: RepMatch) -> None:
        truth, found = match.truth, match.found
        if found is None:
            for fault in truth.faults:
                self.faults[fault].false_negative += 1
            return
        self.top_angle_errors.append(abs(found.top_angle_deg - truth.top_angle_deg))
        self.concentric_errors.append(abs(found.concentric_s - truth.concentric_s))
        self.eccentric_errors.append(abs(found.eccentric_s - truth.eccentric_s))
        for fault in Fault:
            flagged, actual = fault in found.faults, fault in truth.faults
            tally = self.faults[fault]
            tally.true_positive += flagged and actual
            tally.false_positive += flagged and not actual
            tally.false_negative += actual and not flagged

    @property
    def exact_count_rate(self) -> float:
        """Fraction of clips whose rep count is exactly right [-]."""
        return self.exact_counts / self.clips if self.clips else 0.0

    @property
    def no_rep_accuracy(self) -> float | None:
        """Fraction of rep-free clips reported with zero reps [-]."""
        return self.no_rep_clips_right / self.no_rep_clips if self.no_rep_clips else None


def mean(values: Iterable[float]) -> float | None:
    """Arithmetic mean, ``None`` for no values."""
    items = list(values)
    return sum(items) / len(items) if items else None
