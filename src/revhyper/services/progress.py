"""Progress of one athlete: the analytics over their log, and the figure of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef, StoredProgram
from revhyper.adapters.progress_plot import ProgressData, adherence_gap_text, save_progress_plot
from revhyper.domain.loads import estimate_1rm
from revhyper.domain.programming.adaptation import PAIN_RULES, PainRules
from revhyper.domain.training.analytics import (
    DEFAULT_E1RM_METHOD,
    BestSet,
    PainPoint,
    PersonalRecordEvent,
    PlannedSlot,
    RecordKind,
    adherence,
    e1rm_trend,
    pain_trend,
    personal_records,
    weekly_volume,
)
from revhyper.domain.training.log import SessionRecord
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import VariationId
from revhyper.services.training import plan_sessions


@dataclass(frozen=True)
class ProgressReport:
    """The figures ``revhyper progress`` prints and plots."""

    data: ProgressData
    bests: dict[VariationId, dict[RecordKind, BestSet]]
    records: list[PersonalRecordEvent]
    sessions: int
    method: str
    #: The athlete's unit: loads are shown in it (the analytics stay in kg).
    unit: MassUnit = MassUnit.KG
    pain_rules: PainRules = PAIN_RULES

    @property
    def adherence_gap(self) -> str | None:
        """Why no adherence can be shown yet (no plan, or no plan week due), or None."""
        return None if self.data.adherence else adherence_gap_text(self.data.plan_start)

    def pain_stopped_a_set(self, point: PainPoint) -> bool:
        """Pain during a set of that session reached the stop-and-regress threshold."""
        return self.pain_rules.stops_exercise(point.max_during)

    def pain_rose_too_much(self, point: PainPoint) -> bool:
        """Pain after that session rose enough above pain before to regress the next one."""
        return self.pain_rules.rose_too_much(point.before, point.after)


def _planned_slots(
    uow: UnitOfWork, athlete_id: int, today: date
) -> tuple[list[PlannedSlot], int, StoredProgram | None]:
    """The active program's sessions, the plan week ``today`` falls in, and the program.

    Adherence counts the weeks already over plus any week with sets logged.
    """
    program = uow.programs.active_for(athlete_id)
    if program is None:
        return [], 0, None
    slots = [
        PlannedSlot(p.week, p.day, sum(int(b["sets"]) for b in p.blocks if b.get("role") == "main"))
        for p in plan_sessions(program)
    ]
    current_week = max(1, (today - program.start_date).days // 7 + 1)
    return slots, current_week, program


def progress_report(
    uow: UnitOfWork,
    athlete: AthleteRef,
    method: str = DEFAULT_E1RM_METHOD,
    today: date | None = None,
) -> ProgressReport:
    """Volume, e1RM, records, adherence and pain of ``athlete``.

    Raises:
        NotFoundError: unknown athlete.  InvalidInputError: unknown e1RM method.
    """
    estimate_1rm(100.0, 5, method)  # refuses an unknown method before any work
    with uow:
        stored = uow.athletes.get(athlete)
        sessions: list[SessionRecord] = uow.sessions.in_range(stored.id)
        slots, current_week, program = _planned_slots(uow, stored.id, today or date.today())
    in_program = [s for s in sessions if program is not None and s.program_id == program.id]
    logged_weeks = [s.plan_week for s in in_program if s.plan_week is not None and s.sets]
    up_to = max([current_week - 1, *logged_weeks]) if slots else None
    bests, records = personal_records(sessions, method)
    data = ProgressData(
        athlete=stored.name,
        volume=weekly_volume(sessions),
        e1rm=e1rm_trend(sessions, method),
        adherence=adherence(slots, in_program, up_to_week=up_to),
        pain=pain_trend(sessions),
        pain_threshold=PAIN_RULES.during_threshold,
        plan_start=program.start_date if program is not None else None,
        unit=stored.profile.unit,
    )
    performed = sum(1 for s in sessions if s.sets)
    return ProgressReport(data, bests, records, performed, method, stored.profile.unit)


def write_progress_plot(report: ProgressReport, path: Path) -> Path:
    """Save the four-panel progress figure as PNG (atomically)."""
    return save_progress_plot(report.data, path)
