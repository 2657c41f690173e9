"""Form analyses in the log: store an analysis (``revhyper-analysis/1`` JSON) and link it to sets.

A set linked to an analysis carries the analysis's fault codes (e.g. ``short_rom``), which the
progression rules read: such a set does not count as hitting the top of the rep range.
"""

from __future__ import annotations

from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef, StoredAnalysis
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import ANALYSIS_FORMAT
from revhyper.domain.training.log import SetRecord, parse_fault


def check_analysis_document(document: dict[str, Any], source: str = "analysis") -> None:
    """Refuse documents that are not ``revhyper-analysis/1`` or carry unknown fault codes."""
    found = document.get("format")
    if found != ANALYSIS_FORMAT:
        raise InvalidInputError(
            f"{source} is not a form analysis: format is {found!r}, expected {ANALYSIS_FORMAT!r}"
        )
    faults = document.get("faults", [])
    if not isinstance(faults, list):
        raise InvalidInputError(f"{source}: 'faults' must be a list of fault codes")
    for code in faults:
        try:
            parse_fault(code)
        except InvalidInputError as error:
            raise InvalidInputError(f"{source}: {error}") from None


def store_analysis(
    uow: UnitOfWork,
    document: dict[str, Any],
    *,
    athlete: AthleteRef | None = None,
    source: str = "",
) -> StoredAnalysis:
    """Store an analysis result (optionally owned by an athlete, by name); commits."""
    check_analysis_document(document, source or "analysis")
    with uow:
        athlete_id = uow.athletes.get(athlete).id if athlete else None
        stored = uow.analyses.add(document, athlete_id=athlete_id, source=source)
        uow.commit()
    return stored


def attach_analysis(uow: UnitOfWork, set_id: int, analysis_id: int) -> SetRecord:
    """Link an already stored set to a stored analysis; returns the set with its faults."""
    with uow:
        stored = uow.sessions.link_analysis(set_id, analysis_id)
        uow.commit()
    return stored
