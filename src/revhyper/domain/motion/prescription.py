"""What the athlete meant to do: parsing and checking a set's prescription (pure)."""

from __future__ import annotations

import math

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Prescription
from revhyper.domain.tempo import MAX_PHASE_S, parse_tempo

__all__ = ["MAX_PHASE_S", "make_prescription", "parse_tempo"]


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
