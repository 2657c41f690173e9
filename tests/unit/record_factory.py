"""Training-log records for analytics tests: a set on the machine and a session of athlete 1."""

from __future__ import annotations

from datetime import date

from revhyper.domain.training.log import SessionRecord, SetRecord
from revhyper.domain.vocabulary import VariationId


def a_set(
    reps: int,
    load: float = 0.0,
    variation: VariationId = VariationId.MACHINE_REVERSE_HYPER,
    **kw: object,
) -> SetRecord:
    """A set of ``reps`` at ``load`` [kg] (0: body weight), with any other field in ``kw``."""
    return SetRecord(variation=variation, reps=reps, load_kg=load, **kw)  # type: ignore[arg-type]


def a_session(day: date, *sets: SetRecord, **kw: object) -> SessionRecord:
    """Athlete 1's session on ``day`` holding ``sets``, with any other field in ``kw``."""
    return SessionRecord(athlete_id=1, day=day, sets=sets, **kw)  # type: ignore[arg-type]
