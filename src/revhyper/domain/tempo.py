"""Tempo: the cadence of one repetition, written C-H-E-P (e.g. ``3-1-3-1``).

C is the lift (concentric), H the hold at the top, E the lowering (eccentric) and P the pause
at the bottom, each in seconds. One parser serves the analysis prescription, the training log,
the session runner and the mechanics model.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from revhyper.domain.errors import InvalidInputError

#: Longest phase of a tempo or hold we accept [s] (a sanity bound on typing errors).
MAX_PHASE_S = 60.0

_PHASE_NAMES = ("lift (C)", "hold (H)", "lowering (E)", "pause (P)")
_TEMPO_IN_TEXT = re.compile(
    r"(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)"
)


@dataclass(frozen=True)
class Tempo:
    """A prescribed cadence C-H-E-P: concentric, hold at top, eccentric, bottom pause [s]."""

    concentric_s: float
    hold_s: float
    eccentric_s: float
    pause_s: float

    @property
    def duration_s(self) -> float:
        """Time of one whole repetition at this tempo [s]."""
        return self.concentric_s + self.hold_s + self.eccentric_s + self.pause_s


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
    """Parse a cadence ``"C-H-E-P"`` (e.g. ``"3-1-3-1"``, decimals allowed) into seconds [s].

    The lift and the lowering must last longer than zero; every phase at most ``MAX_PHASE_S``.

    Raises:
        InvalidInputError: naming the text and what a tempo looks like.
    """
    parts = spec.strip().split("-")
    if len(parts) != 4:
        raise InvalidInputError(
            f"tempo {spec!r} must have four numbers of seconds C-H-E-P "
            "(lift, hold at top, lowering, pause at bottom), e.g. 3-1-3-1"
        )
    concentric, hold, eccentric, pause = (
        _phase_seconds(part.strip(), name, spec)
        for part, name in zip(parts, _PHASE_NAMES, strict=True)
    )
    if concentric <= 0 or eccentric <= 0:
        raise InvalidInputError(f"tempo {spec!r}: the lift and the lowering must last over 0 s")
    return Tempo(concentric, hold, eccentric, pause)


def tempo_in_text(text: str | None) -> Tempo | None:
    """The first C-H-E-P cadence found in free text (e.g. a plan's "tempo 2-0-4-1"), or None.

    Returns ``None`` when the text holds no four-number cadence (e.g. "controlled").
    """
    if not text:
        return None
    match = _TEMPO_IN_TEXT.search(text)
    return parse_tempo(match.group(0)) if match else None
