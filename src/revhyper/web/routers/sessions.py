"""Sessions: the log by session, today's guided session (what to do, start or resume it,
finish it) and corrections of logged sets. Readers read; the owner and coaches write."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.adaptation import (
    PAIN_RULES,
    AdjustedPrescription,
    NextSetAdvice,
)
from revhyper.domain.training.log import SessionRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import corrections, guided_session, history
from revhyper.services.guided_session import GuidedPlan, Instruction, SetStep
from revhyper.services.training import PlannedSession
from revhyper.web.api_schemas import (
    FinishPublic,
    InstructionPublic,
    NextSetPublic,
    PlannedSlotPublic,
    PrescriptionPublic,
    SessionFinish,
    SessionPage,
    SessionPublic,
    SetRemovalPublic,
    SetUpdate,
    StepPublic,
    TodayPublic,
    TodayStart,
)
from revhyper.web.deps import MAX_ID, CoachDep, ReaderDep, UowDep
from revhyper.web.routers.sets import MAX_PAGE, set_public
from revhyper.web.schemas import ErrorPublic, IsoDate, SetPublic

router = APIRouter(prefix="/api/v1/athletes/{athlete_id}", tags=["sessions"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic, "description": "Not the caller's athlete, or no such item."},
    409: {"model": ErrorPublic},
    422: {"model": ErrorPublic},
}

SessionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The session's id.")]
SetId = Annotated[int, Path(ge=1, le=MAX_ID, description="The set's id.")]


def session_public(session: SessionRecord) -> SessionPublic:
    """A stored session with its sets as the API shows it."""
    assert session.id is not None
    return SessionPublic(
        id=session.id,
        day=session.day,
        status=session.status.value,
        program_id=session.program_id,
        plan_week=session.plan_week,
        plan_day=session.plan_day,
        notes=session.notes,
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        volume_load_kg=session.volume_load_kg,
        sets=[set_public(s, session.id, session.day) for s in session.sets],
    )


def _prescription(p: AdjustedPrescription) -> PrescriptionPublic:
    return PrescriptionPublic(
        variation=p.variation.value,
        sets=p.sets,
        reps=[*p.reps],
        target_reps=p.target_reps,
        goal=p.goal.value,
        load_kg=p.load_kg,
        load_text=p.load_text,
        target_rpe=p.target_rpe,
        rest_s=[*p.rest_s] if p.rest_s else None,
        tempo=p.tempo,
        hold_s=p.hold_s,
        reasons=[str(reason) for reason in p.reasons],
        progression_stopped=p.progression_stopped,
        see_professional=p.see_professional,
    )


def _instruction(item: Instruction) -> InstructionPublic:
    return InstructionPublic(
        role=item.role,
        variation=item.variation.value,
        sets=item.sets,
        reps=item.reps,
        load=item.load,
        note=item.note,
        reason=item.reason,
    )


def _step(step: SetStep) -> StepPublic:
    return StepPublic(
        block=step.block,
        number=step.number,
        of=step.of,
        variation=step.variation.value,
        side=step.side.value if step.side else None,
        loaded=step.loaded,
        load_kg=step.prescription.load_kg,
        tempo=step.prescription.tempo if step.tempo is not None else None,
        hold_s=step.hold_s,
        cues=[*step.cues],
    )


def _today(
    day: date,
    unit: str,
    session: SessionRecord | None,
    planned: PlannedSession | None,
    plan: GuidedPlan | None,
    pending: tuple[SetStep, ...],
    resumed: bool | None = None,
    advice: NextSetAdvice | None = None,
) -> TodayPublic:
    slot = (
        PlannedSlotPublic(program_id=planned.program_id, week=planned.week, day=planned.day)
        if planned
        else None
    )
    return TodayPublic(
        day=day,
        unit=unit,  # type: ignore[arg-type]
        session=session_public(session) if session is not None else None,
        planned=slot,
        warmup=[_instruction(i) for i in plan.warmup] if plan else [],
        prescriptions=[_prescription(p) for p in plan.prescriptions] if plan else [],
        pending=[_step(s) for s in pending],
        cooldown=[_instruction(i) for i in plan.cooldown] if plan else [],
        see_professional=plan.see_professional if plan else False,
        pain_stop_threshold=PAIN_RULES.during_threshold,
        resumed=resumed,
        next_set=NextSetPublic(**vars(advice)) if advice else None,
    )


@router.get("/sessions", response_model=SessionPage, responses=_ERRORS)
def list_sessions(
    access: ReaderDep,
    uow: UowDep,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    variation: Annotated[
        VariationId | None, Query(description="Only sets of this variation.")
    ] = None,
    kind: Annotated[
        Literal["working", "warmup"] | None, Query(description="Only sets of this kind.")
    ] = None,
    newest_first: Annotated[bool, Query(description="Latest sessions first.")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> SessionPage:
    """The athlete's sessions with their sets, oldest first (or newest first), a page at a
    time. With ``variation`` or ``kind``, a session shows only its matching sets (its volume
    load is theirs) and sessions without one are left out."""
    page, total = history.session_page(
        uow,
        access.athlete.id,
        since=since,
        until=until,
        variation=variation.value if variation else None,
        kind=kind,
        newest_first=newest_first,
        limit=limit,
        offset=offset,
    )
    return SessionPage(items=[session_public(s) for s in page], total=total)


@router.get("/sessions/today", response_model=TodayPublic, responses=_ERRORS)
def today(
    access: ReaderDep,
    uow: UowDep,
    day: Annotated[
        IsoDate | None, Query(description="The training day (the server's today).")
    ] = None,
) -> TodayPublic:
    """What to do today, without starting anything: the plan's session adapted by the log
    (warm-up, prescriptions with their reasons and next loads, cool-down), today's stored
    session if any, and the sets still to do. Empty lists when nothing is planned."""
    on = day or date.today()
    state = guided_session.today_plan(uow, access.athlete.id, on)
    unit = access.athlete.profile.unit.value
    return _today(
        on, unit, state.session, state.planned, state.plan, state.pending, advice=state.next_set
    )


@router.post("/sessions/today", response_model=TodayPublic, responses=_ERRORS)
def start_today(body: TodayStart, access: CoachDep, uow: UowDep) -> TodayPublic:
    """Start the next planned session today, or resume today's (repeating it resumes: it is
    idempotent). 404 when the athlete has no plan or every planned session is trained."""
    on = body.day or date.today()
    start = guided_session.start_guided_session(
        uow, access.athlete.id, on, pain_before=body.pain_before
    )
    unit = start.plan.unit.value
    return _today(
        on,
        unit,
        start.session,
        start.planned,
        start.plan,
        start.pending,
        start.resumed,
        start.next_set,
    )


@router.get("/sessions/{session_id:int}", response_model=SessionPublic, responses=_ERRORS)
def get_session(access: ReaderDep, uow: UowDep, session_id: SessionId) -> SessionPublic:
    """One of the athlete's sessions with its sets (404 for another athlete's)."""
    return session_public(history.session_of_athlete(uow, access.athlete.id, session_id))


@router.post("/sessions/{session_id:int}/finish", response_model=FinishPublic, responses=_ERRORS)
def finish_session(
    body: SessionFinish, access: CoachDep, uow: UowDep, session_id: SessionId
) -> FinishPublic:
    """Mark the session performed with the back pain after it, and preview the next one."""
    finish = guided_session.finish_guided_session(
        uow, access.athlete.id, session_id, body.pain_after
    )
    return FinishPublic(
        session=session_public(finish.session),
        next_time=[_prescription(p) for p in finish.next_time],
    )


@router.delete("/sessions/{session_id:int}", response_model=SessionPublic, responses=_ERRORS)
def delete_session(access: CoachDep, uow: UowDep, session_id: SessionId) -> SessionPublic:
    """Delete one of the athlete's sessions with all its sets; answers it as it was."""
    removed = corrections.delete_session(uow, session_id, athlete_id=access.athlete.id)
    return session_public(removed)


@router.patch("/sets/{set_id}", response_model=SetPublic, responses=_ERRORS)
def edit_set(body: SetUpdate, access: CoachDep, uow: UowDep, set_id: SetId) -> SetPublic:
    """Correct a logged set: only the values sent change (checked like a new set)."""
    changes = body.model_dump(mode="json", exclude_unset=True, exclude_none=True)
    if not changes:
        known = ", ".join(SetUpdate.model_fields)
        raise InvalidInputError(f"nothing to change: give at least one of {known}")
    edited = corrections.edit_set(uow, set_id, changes, athlete_id=access.athlete.id)
    return set_public(edited.record, edited.session_id, edited.day)


@router.delete("/sets/{set_id}", response_model=SetRemovalPublic, responses=_ERRORS)
def delete_set(access: CoachDep, uow: UowDep, set_id: SetId) -> SetRemovalPublic:
    """Delete a logged set (a finished session left without sets goes with it)."""
    removal = corrections.delete_set(uow, set_id, athlete_id=access.athlete.id)
    logged = removal.removed
    return SetRemovalPublic(
        removed=set_public(logged.record, logged.session_id, logged.day),
        session_deleted=removal.session_deleted,
    )
