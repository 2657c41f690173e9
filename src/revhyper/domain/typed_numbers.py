"""What a number typed by a person may be, and how a message quotes it: one place for both.

Command options, set fields, CSV cells and typed loads all refuse NaN, infinities (``1e400``
overflows to one) and magnitudes no training value comes near, and name the text as it was typed
rather than a float with hundreds of digits. Part of the shared kernel: imports nothing.
"""

from __future__ import annotations

import math

#: Largest magnitude a typed number may have: nothing revhyper measures comes near, and a float
#: this size still prints in at most 16 digits in any message.
MAX_TYPED_NUMBER = 1e15


def is_sane_number(number: float) -> bool:
    """Finite and no larger in magnitude than ``MAX_TYPED_NUMBER``."""
    return math.isfinite(number) and abs(number) <= MAX_TYPED_NUMBER


def as_typed(text: object) -> str:
    """The text as typed, quoted for a message, shortened when over 20 characters
    (``'999999999999…' (300 characters)``)."""
    shown = str(text)
    if len(shown) <= 20:
        return repr(shown)
    return f"'{shown[:12]}…' ({len(shown)} characters)"
