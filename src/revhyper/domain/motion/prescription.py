"""What the athlete meant to do: parsing and checking a set's prescription (pure)."""

from __future__ import annotations

import math

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.form_result import Prescription, Tempo

#: Longest phase of a tempo or hold we accept [s] (a sanity bound on typing errors).
MAX_PHASE_S = 60.0


def _phase_seconds(text: str, name: str, spec: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidInputError(
            f"tempo {spec!r}: the {name} phase {text!r} is not a number of seconds"
        ) from None
    if not math.isfinite(value) or not 0 <= value <= MAX_PHASE_S:
        raise InvalidInputError(
            f"tempo {spec!r}: the {name} phase must be between 0 and {MAX_PHASE_S:g} s, got {text}"
        )
    return value


def parse_tempo(spec: str) -> Tempo:
    """Parse a cadence ``"C-H-E-P"`` (e.g. ``"3-1-3-1"``, decimals allowed) into seconds.

    C is the lift (concentric), H the hold at the top, E the lowering (eccentric), P the pause
    at the bottom. The lift and the lowering must last longer than zero.
    """
    parts = spec.strip().split("-")
    if len(parts) != 4:
        raise InvalidInputError(
            f"tempo {spec!r} must have four numbers of seconds C-H-E-P "
            "(lift, hold at top, lowering, pause at bottom), e.g. 3-1-3-1"
        )
    names = ("lift (C)", "hold (H)", "lowering (E)", "pause (P)")
    concentric, hold, eccentric, pause = (
        _phase_seconds(part.strip(), name, spec) for part, name in zip(parts, names, strict=True)
    )
    if concentric <= 0 or eccentric <= 0:
        raise InvalidInputError(f"tempo {spec!r}: the lift and the lowering must last over 0 s")
    return Tempo(concentric, hold, eccentric, pause)


def make_prescription(
    variation: str | None = None, hold_s: float | None = None, tempo: str | None = None
) -> Prescription | None:
    """A prescription from command-line style values, or None when nothing was prescribed."""
    if hold_s is not None and (not math.isfinite(hold_s) or not 0 < hold_s <= MAX_PHASE_S):
        raise InvalidInputError(
            f"hold must be between 0 and {MAX_PHASE_S:g} seconds (exclusive of 0), got {hold_s}"
        )
    parsed = parse_tempo(tempo) if tempo is not None else None
    if variation is None and hold_s is None and parsed is None:
        return None
    return Prescription(variation=variation, hold_s=hold_s, tempo=parsed)
