"""Scene cuts in edited clips, and the analysis of a clip split at them.

An edited clip (a phone or social-media edit) joins takes with jump cuts: between two frames the
whole skeleton lands somewhere else. Issue 12 reported a rep whose lowering phase spanned such a
cut. A cut is found where

* **the whole skeleton jumps**: between two consecutive frames at least
  ``CutParameters.moved_fraction`` of the joints tracked in both moved further than
  ``min_jump_trunks`` trunk lengths, and further than a body can carry its *whole* skeleton in the
  time between the frames (``max_body_speed_trunks_s``). One joint jumping is a tracking glitch;
  legs swinging move the knees and ankles but not the trunk and head lying on the pad; or
* **the timestamps jump**: consecutive frames are more than ``max_frame_gap_s`` apart (frames
  the container did not present, or an edit that kept its source times).

The clip is then analysed piece by piece (:func:`split_at_cuts`, :func:`merge_pieces`), so no
rep can span a cut; a piece too short or otherwise unusable is skipped with a warning.

Lengths are in trunk lengths (hip to shoulder in the image), so nothing depends on image size.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from revhyper.domain.motion.faults import FAULT_ADVICE, union_of_faults
from revhyper.domain.motion.form_result import AnalysisResult, AngleSeries, ClipQuality
from revhyper.domain.motion.keypoints import KeypointClip, joint_index


@dataclass(frozen=True)
class CutParameters:
    """When consecutive frames belong to different takes.

    Attributes:
        min_jump_trunks: a joint "jumped" when it moved further than this many trunk lengths
            between two frames [-] ...
        max_body_speed_trunks_s: ... and further than the whole body can move in the time
            between them, at this speed in trunk lengths per second [1/s]. 5 trunk lengths/s is
            about 2.5 m/s for a 0.5 m trunk: an athlete lying on the pad moves the trunk and head
            a few centimetres per rep; only the legs move fast.
        moved_fraction: the skeleton jumped when at least this share of the joints tracked in
            both frames jumped [-].
        min_joints: fewer joints tracked in both frames than this cannot show a cut [-].
        max_frame_gap_s: consecutive frames further apart than this are a cut [s] (the
            cleaning does not bridge gaps longer than its ``max_gap_s``, 0.5 s, either).
    """

    min_jump_trunks: float = 0.5
    max_body_speed_trunks_s: float = 5.0
    moved_fraction: float = 0.8
    min_joints: int = 4
    max_frame_gap_s: float = 0.5


DEFAULT_CUTS = CutParameters()

#: How the analysis of a part without reps begins its warning.
NO_REPS_WARNING = "no reps found"


def _trunk_length_px(clip: KeypointClip) -> NDArray[np.float64]:
    """Hip-to-shoulder image length per frame [px] (mean of the sides seen; NaN if neither)."""
    lengths = []
    for side in ("left", "right"):
        hip = clip.xy[:, joint_index(clip.skeleton, f"{side}_hip"), :]
        shoulder = clip.xy[:, joint_index(clip.skeleton, f"{side}_shoulder"), :]
        seen = (clip.score[:, joint_index(clip.skeleton, f"{side}_hip")] > 0) & (
            clip.score[:, joint_index(clip.skeleton, f"{side}_shoulder")] > 0
        )
        length = np.hypot(*(hip - shoulder).T)
        lengths.append(np.where(seen, length, np.nan))
    stacked = np.stack(lengths)
    counts = np.sum(np.isfinite(stacked), axis=0)
    total = np.nansum(stacked, axis=0)
    return np.where(counts > 0, total / np.maximum(counts, 1), np.nan)


def skeleton_jumps(clip: KeypointClip, params: CutParameters = DEFAULT_CUTS) -> NDArray[np.intp]:
    """Indices ``i`` of frames that start a new take because the whole skeleton jumped between
    frames ``i - 1`` and ``i`` (see the module docstring)."""
    if clip.n_frames < 2:
        return np.zeros(0, dtype=np.intp)
    x, y = clip.xy[..., 0], clip.xy[..., 1]
    seen = (clip.score > 0) & np.isfinite(x) & np.isfinite(y)
    both = seen[1:] & seen[:-1]
    dx, dy = x[1:] - x[:-1], y[1:] - y[:-1]
    moved_squared = dx * dx + dy * dy  # NaN where a joint is missing: never "jumped"
    trunk = _trunk_length_px(clip)
    typical = float(np.nanmedian(trunk)) if np.isfinite(trunk).any() else float("nan")
    trunk = np.where(np.isfinite(trunk), trunk, typical)
    # The smaller of the two frames' trunks: a cut to a closer shot must not hide its own jump.
    scale = np.fmin(trunk[1:], trunk[:-1])
    dt = np.diff(clip.t)
    limit = scale * np.maximum(params.min_jump_trunks, params.max_body_speed_trunks_s * dt)
    with np.errstate(invalid="ignore"):
        jumped = both & (moved_squared > (limit * limit)[:, None])
    count = both.sum(axis=1)
    share = jumped.sum(axis=1) / np.maximum(count, 1)
    found = (count >= params.min_joints) & (share >= params.moved_fraction) & np.isfinite(limit)
    return np.flatnonzero(found) + 1


def time_gaps(t: NDArray[np.float64], params: CutParameters = DEFAULT_CUTS) -> NDArray[np.intp]:
    """Indices ``i`` of frames more than ``max_frame_gap_s`` after frame ``i - 1``."""
    return np.flatnonzero(np.diff(t) > params.max_frame_gap_s) + 1


def find_cuts(clip: KeypointClip, params: CutParameters = DEFAULT_CUTS) -> NDArray[np.intp]:
    """Sorted indices of the frames that begin a new take (skeleton jumps or time gaps)."""
    return np.union1d(skeleton_jumps(clip, params), time_gaps(clip.t, params)).astype(np.intp)


def split_at_cuts(clip: KeypointClip, cuts: Sequence[int]) -> list[KeypointClip]:
    """The clip's pieces between cuts (frame indices that begin a piece), in order."""
    bounds = [0, *cuts, clip.n_frames]
    return [
        replace(clip, t=clip.t[lo:hi], xy=clip.xy[lo:hi], score=clip.score[lo:hi])
        for lo, hi in itertools.pairwise(bounds)
        if hi > lo
    ]


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _concatenated(series: list[AngleSeries]) -> AngleSeries | None:
    if not series:
        return None
    return AngleSeries(
        np.concatenate([s.t for s in series]),
        np.concatenate([s.thigh_deg for s in series]),
        np.concatenate([s.trunk_deg for s in series]),
        np.concatenate([s.knee_flexion_deg for s in series]),
    )


def merge_pieces(
    pieces: Sequence[KeypointClip], results: Sequence[AnalysisResult]
) -> AnalysisResult:
    """One result for a clip analysed piece by piece: reps in order and numbered across the
    clip, faults united, warnings gathered (a piece that could not be analysed says why)."""
    frames = np.array([piece.n_frames for piece in pieces], dtype=np.float64)
    tracked = float(np.average([r.quality.tracked_fraction for r in results], weights=frames))
    cut_times = [float(piece.t[0]) for piece in pieces[1:]]
    warnings = [
        f"{len(cut_times)} cut(s) in the clip, at "
        + ", ".join(f"{at:.2f} s" for at in cut_times)
        + ": each part was analysed on its own, so no rep spans a cut"
    ]
    usable = [(p, r) for p, r in zip(pieces, results, strict=True) if r.quality.analysable]
    for piece, result in zip(pieces, results, strict=True):
        if not result.quality.analysable:
            reason = "; ".join(result.quality.warnings)
            warnings.append(
                f"part {float(piece.t[0]):.2f}-{float(piece.t[-1]):.2f} s not analysed: {reason}"
            )
    if not usable:
        quality = ClipQuality(tracked, "none", _unique(warnings), analysable=False)
        return AnalysisResult(reps=(), faults=(), quality=quality, extra={"cuts_s": cut_times})
    for _, result in usable:
        warnings.extend(result.quality.warnings)
    if any(r.reps for _, r in usable):  # a part without reps is not a clip without reps
        warnings = [w for w in warnings if not w.startswith(NO_REPS_WARNING)]
    reps = tuple(
        replace(rep, index=k)
        for k, rep in enumerate((rep for _, r in usable for rep in r.reps), start=1)
    )
    faults = union_of_faults([r.faults for _, r in usable])
    sides = {r.quality.side for _, r in usable}
    extra = dict(usable[0][1].extra)
    extra["cuts_s"] = cut_times
    extra["fault_advice"] = {fault.value: FAULT_ADVICE[fault] for fault in faults}
    return AnalysisResult(
        reps=reps,
        faults=faults,
        quality=ClipQuality(tracked, sides.pop() if len(sides) == 1 else "both", _unique(warnings)),
        series=_concatenated([r.series for _, r in usable if r.series is not None]),
        extra=extra,
    )


def analyze_pieces(
    clip: KeypointClip,
    cuts: Sequence[int],
    analyse: Callable[[KeypointClip], AnalysisResult],
) -> AnalysisResult:
    """``analyse`` each piece of ``clip`` between ``cuts`` and merge the results."""
    pieces = split_at_cuts(clip, cuts)
    return merge_pieces(pieces, [analyse(piece) for piece in pieces])
