"""The guided session: today's planned session turned into steps, adapted by the log.

The runner (``revhyper session``) and any other entry point call three use cases, each one
unit of work:

* :func:`start_guided_session` resolves the athlete, resumes today's unfinished session or
  starts the next planned one, and turns the plan into warm-up/cool-down instructions and one
  :class:`SetStep` per main set still to do, each main block adapted by
  :func:`revhyper.domain.programming.adaptation.adapt_prescription` from the athlete's earlier
  sessions;
* :func:`record_guided_set` stores one typed set at once (killing the runner loses nothing)
  and says whether the pain rule stops the exercise; :func:`record_pain_before` stores the
  back pain asked once the session has started;
* :func:`finish_guided_session` marks the session performed and previews the next one.

The pain rules themselves live in :class:`revhyper.domain.programming.adaptation.PainRules`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.knowledge.exercises import LoadKind, get_variation
from revhyper.domain.motion.form_result import Tempo
from revhyper.domain.programming.adaptation import (
    PAIN_RULES,
    AdjustedPrescription,
    LoadKit,
    NextSetAdvice,
    PlannedPrescription,
    adapt_prescription,
    next_set_advice,
)
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.tempo import tempo_in_text
from revhyper.domain.training.log import (
    SINGLE_LEG_VARIATIONS,
    SessionRecord,
    SessionStatus,
    SetRecord,
    Side,
)
from revhyper.domain.training.session_flow import SetEntry
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import Equipment, Goal, VariationId
from revhyper.services.training import (
    PlannedSession,
    check_pain,
    next_planned_session,
    open_session_of_day,
    planned_for,
    record_set,
)
from revhyper.services.transactions import write_with_retry

#: Hold used for an isometric-hold block whose plan text names no duration [s]
#: (the planner's own note asks for about 5 s at the top).
DEFAULT_HOLD_S = 5.0

#: Text written in the notes of every set the runner stores.
GUIDED_NOTE = "guided session"


@dataclass(frozen=True)
class Instruction:
    """A warm-up or cool-down block shown as text (not logged)."""

    role: str
    variation: VariationId
    sets: int
    reps: str
    load: str
    note: str | None
    reason: str


@dataclass(frozen=True)
class SetStep:
    """One main set to perform.

    Attributes:
        block: index of the main block (0-based) the set belongs to.
        number: set number within the block (1-based).
        of: sets in the block.
        prescription: the block's prescription adapted by the log.
        cues: the variation's cues from the catalogue.
        tempo: the cadence to count for tempo sets, or None.
        hold_s: the hold to count down for isometric holds [s], or None.
        loaded: the block takes external load (a load in kg is prescribed, or plates can be
            added with the athlete's equipment): a set typed without a load is asked about.
    """

    block: int
    number: int
    of: int
    prescription: AdjustedPrescription
    cues: tuple[str, ...]
    tempo: Tempo | None
    hold_s: float | None
    loaded: bool = False
    #: The athlete's unit: loads are typed and shown in it.
    unit: MassUnit = MassUnit.KG
    #: The leg of a single-leg set (each set is done and logged once per side), else None.
    side: Side | None = None

    @property
    def variation(self) -> VariationId:
        return self.prescription.variation


@dataclass(frozen=True)
class GuidedPlan:
    """Everything the runner shows for one session."""

    warmup: tuple[Instruction, ...]
    steps: tuple[SetStep, ...]
    cooldown: tuple[Instruction, ...]
    prescriptions: tuple[AdjustedPrescription, ...]
    unit: MassUnit = MassUnit.KG

    @property
    def see_professional(self) -> bool:
        return any(p.see_professional for p in self.prescriptions)


def choose_athlete(uow: UnitOfWork, name: str | None) -> str:
    """The athlete to train: ``name``, or the only stored athlete when no name is given."""
    with uow:
        return _choose_athlete(uow, name)


def _choose_athlete(uow: UnitOfWork, name: str | None) -> str:
    if name is not None:
        return uow.athletes.get(name).name
    athletes = uow.athletes.all()
    if len(athletes) == 1:
        return athletes[0].name
    if not athletes:
        raise NotFoundError("no athletes stored yet: add one with `revhyper athlete add`")
    names = ", ".join(a.name for a in athletes)
    raise InvalidInputError(f"several athletes are stored ({names}): choose one with --athlete")


def _require_planned(uow: UnitOfWork, athlete_id: int, athlete: str) -> PlannedSession:
    planned = next_planned_session(uow, athlete_id)
    if planned is None:
        raise NotFoundError(
            f"athlete {athlete!r} has no stored plan: create one with `revhyper athlete plan`"
        )
    return planned


def _reps_range(value: Any) -> tuple[int, int]:
    if isinstance(value, int | float):
        return int(value), int(value)
    low, high = value
    return int(low), int(high)


def _reps_text(value: Any) -> str:
    low, high = _reps_range(value)
    return str(low) if low == high else f"{low}–{high}"


_RPE_TEXT = re.compile(r"RPE\s*(\d+(?:\.\d+)?)\s*[–-]\s*(\d+(?:\.\d+)?)")
_KG_TEXT = re.compile(r"about\s+(\d+(?:\.\d+)?)\s*kg")
_HOLD_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*s\b")


def _target_rpe(block: Mapping[str, Any]) -> float | None:
    """The highest RPE the block allows: its ``rpe`` [low, high], or the load text's "RPE a–b"."""
    rpe = block.get("rpe")
    if isinstance(rpe, Sequence) and len(rpe) == 2 and rpe[1] is not None:
        return float(rpe[1])
    match = _RPE_TEXT.search(str(block.get("load", "")))
    return float(match.group(2)) if match else None


def _planned_load_kg(block: Mapping[str, Any]) -> float | None:
    if block.get("load_kg") is not None:
        return float(block["load_kg"])
    match = _KG_TEXT.search(str(block.get("load", "")))
    return float(match.group(1)) if match else None


def _hold_s(block: Mapping[str, Any], variation: VariationId) -> float | None:
    if block.get("hold_s") is not None:
        return float(block["hold_s"])
    if variation is not VariationId.ISOMETRIC_HOLD:
        return None
    match = _HOLD_TEXT.search(str(block.get("note") or ""))
    return float(match.group(1)) if match else DEFAULT_HOLD_S


def _goal_of(block: Mapping[str, Any], fallback: Goal) -> Goal:
    try:
        return Goal(str(block.get("follows")))
    except ValueError:
        return fallback


def planned_prescription(block: Mapping[str, Any], fallback_goal: Goal) -> PlannedPrescription:
    """A plan JSON block as the adaptation's input."""
    variation = VariationId(str(block["variation"]))
    rest = block.get("rest_s")
    return PlannedPrescription(
        variation=variation,
        sets=int(block["sets"]),
        reps=_reps_range(block["reps"]),
        goal=_goal_of(block, fallback_goal),
        load_kg=_planned_load_kg(block),
        load_text=str(block.get("load", "")),
        target_rpe=_target_rpe(block),
        rest_s=(int(rest[0]), int(rest[1])) if rest else None,
        tempo=block.get("tempo"),
        hold_s=_hold_s(block, variation),
    )


def _instruction(block: Mapping[str, Any]) -> Instruction:
    return Instruction(
        role=str(block.get("role")),
        variation=VariationId(str(block["variation"])),
        sets=int(block.get("sets", 1)),
        reps=_reps_text(block.get("reps", 1)),
        load=str(block.get("load", "")),
        note=block.get("note"),
        reason=str(block.get("reason", "")),
    )


def _steps_for(
    index: int,
    prescription: AdjustedPrescription,
    equipment: frozenset[Equipment],
    unit: MassUnit = MassUnit.KG,
) -> list[SetStep]:
    variation = get_variation(prescription.variation)
    tempo = None
    if prescription.variation is VariationId.TEMPO_REVERSE_HYPER:
        tempo = tempo_in_text(prescription.tempo)
    hold = prescription.hold_s if prescription.variation is VariationId.ISOMETRIC_HOLD else None
    loaded = prescription.load_kg is not None or (
        LoadKind.PLATES in variation.load_kinds_with(equipment)
    )
    sides: tuple[Side | None, ...] = (None,)
    if prescription.variation in SINGLE_LEG_VARIATIONS:
        sides = (Side.LEFT, Side.RIGHT)
    return [
        SetStep(
            index,
            number,
            prescription.sets,
            prescription,
            variation.cues,
            tempo,
            hold,
            loaded=loaded,
            unit=unit,
            side=side,
        )
        for number in range(1, prescription.sets + 1)
        for side in sides
    ]


def _guided_plan(
    uow: UnitOfWork,
    athlete_id: int,
    profile: Profile,
    planned: PlannedSession,
    current_session_id: int | None,
) -> GuidedPlan:
    history = [
        s
        for s in uow.sessions.in_range(athlete_id)
        if s.id != current_session_id and s.status is not SessionStatus.PLANNED
    ]
    blocks = planned.blocks
    prescriptions: list[AdjustedPrescription] = []
    steps: list[SetStep] = []
    for block in (b for b in blocks if b.get("role") == "main"):
        base = planned_prescription(block, profile.goal)
        adjusted = adapt_prescription(
            base,
            history,
            equipment=profile.equipment,
            load_kit=LoadKit(profile.inventory, profile.unit),
        )
        steps.extend(_steps_for(len(prescriptions), adjusted, profile.equipment, profile.unit))
        prescriptions.append(adjusted)
    return GuidedPlan(
        warmup=tuple(_instruction(b) for b in blocks if b.get("role") == "warmup"),
        steps=tuple(steps),
        cooldown=tuple(_instruction(b) for b in blocks if b.get("role") == "cooldown"),
        prescriptions=tuple(prescriptions),
        unit=profile.unit,
    )


def pending_steps(steps: Sequence[SetStep], stored: Sequence[SetRecord]) -> list[SetStep]:
    """The steps not yet done, matching stored sets to steps in order by variation.

    Sets are stored in the order they were done, so walking both lists together finds the
    steps already covered; a skipped set that was never stored is offered again.
    """
    remaining: list[SetStep] = []
    position = 0
    for step in steps:
        if position < len(stored) and stored[position].variation == step.variation:
            position += 1
            continue
        remaining.append(step)
    return remaining


def set_record_for(step: SetStep, entry: SetEntry) -> SetRecord:
    """The set to store for a typed entry (validated by :class:`SetRecord`)."""
    tempo = None
    if step.tempo is not None:
        t = step.tempo
        tempo = "-".join(f"{v:g}" for v in (t.concentric_s, t.hold_s, t.eccentric_s, t.pause_s))
    hold = entry.hold_s if entry.hold_s is not None else step.hold_s
    return SetRecord(
        variation=step.variation,
        reps=entry.reps,
        load_kg=entry.load_kg or 0.0,
        rpe=entry.rpe,
        pain=entry.pain,
        tempo=tempo,
        hold_s=hold,
        notes=f"{GUIDED_NOTE}: block {step.block + 1}, set {step.number}/{step.of}",
        side=step.side,
    )


def next_time(uow: UnitOfWork, athlete: str) -> list[AdjustedPrescription]:
    """The adapted main blocks of the next planned session (empty when the plan is done)."""
    with uow:
        stored = uow.athletes.get(athlete)
        return _next_time(uow, stored.id, stored.profile, athlete)


def _next_time(
    uow: UnitOfWork, athlete_id: int, profile: Profile, athlete: str
) -> list[AdjustedPrescription]:
    try:
        planned = _require_planned(uow, athlete_id, athlete)
    except NotFoundError:
        return []
    return list(_guided_plan(uow, athlete_id, profile, planned, None).prescriptions)


@dataclass(frozen=True)
class GuidedStart:
    """A guided session started or resumed.

    Attributes:
        athlete: the athlete's name.
        session: the stored session (in progress), with the sets already stored.
        planned: the plan's session it fulfils.
        plan: warm-up, every main step and cool-down, adapted by the log.
        pending: the steps not done yet (all of them on a fresh start).
        resumed: True when today's unfinished session was picked up again.
    """

    athlete: str
    session: SessionRecord
    planned: PlannedSession
    plan: GuidedPlan
    pending: tuple[SetStep, ...]
    resumed: bool
    #: The next pending set's load from the sets of its block done today, or None.
    next_set: NextSetAdvice | None = None

    @property
    def session_id(self) -> int:
        assert self.session.id is not None
        return self.session.id

    @property
    def needs_pain_before(self) -> bool:
        """Pain before training [0–10] has not been asked yet (no answer and no set stored)."""
        return self.session.pain_before is None and not self.session.sets


def start_guided_session(
    uow: UnitOfWork, athlete: AthleteRef | None, today: date, *, pain_before: int | None = None
) -> GuidedStart:
    """Resume ``athlete``'s unfinished session of ``today`` or start their next planned one.

    One transaction: a new session is stored in progress and committed with its plan slot.
    ``athlete`` is a name or an id; None means the only stored athlete. ``pain_before``
    (0–10) is stored unless the day's session has one already.

    Raises:
        NotFoundError: unknown athlete, no stored plan, or every planned session trained.
        InvalidInputError: no name given while several athletes are stored; a bad pain.
    """
    check_pain(pain_before, "pain before")

    def work() -> GuidedStart:
        ref = athlete if isinstance(athlete, int) else _choose_athlete(uow, athlete)
        stored = uow.athletes.lock(ref)
        name = stored.name
        session, planned, resumed = open_session_of_day(
            uow,
            stored.id,
            today,
            pain_before=pain_before,
            next_planned=lambda: _require_planned(uow, stored.id, name),
        )
        if planned is None:
            planned = _require_planned(uow, stored.id, name)
        plan = _guided_plan(uow, stored.id, stored.profile, planned, session.id)
        uow.commit()
        pending = tuple(pending_steps(plan.steps, session.sets))
        advice = advice_for_next_set(session, pending, stored.profile)
        return GuidedStart(name, session, planned, plan, pending, resumed, advice)

    return write_with_retry(uow, work)


def advice_for_next_set(
    session: SessionRecord, pending: Sequence[SetStep], profile: Profile
) -> NextSetAdvice | None:
    """The load for the first pending set from today's sets of its variation (loads [kg],
    made from the athlete's plates), or None when nothing is pending or none is done yet."""
    if not pending:
        return None
    step = pending[0]
    done = [s for s in session.working_sets if s.variation == step.variation]
    kit = LoadKit(profile.inventory, profile.unit)
    return next_set_advice(step.prescription, done, PAIN_RULES, kit)


def record_pain_before(uow: UnitOfWork, session_id: int, pain: int | None) -> None:
    """Store the back pain before training (0–10, or None when not given); commits."""
    check_pain(pain, "pain before")
    if pain is None:
        return
    with uow:
        uow.sessions.update(session_id, pain_before=pain)
        uow.commit()


@dataclass(frozen=True)
class GuidedSet:
    """A set stored by the runner, and what the pain rules say about it.

    Attributes:
        stored: the set as stored (with its position).
        stop_exercise: the pain during the set reached ``pain_threshold``: stop for today.
        pain_threshold: the pain during a set [0–10] that stops the exercise.
    """

    stored: SetRecord
    stop_exercise: bool
    pain_threshold: int


def record_guided_set(
    uow: UnitOfWork, session_id: int, step: SetStep, entry: SetEntry
) -> GuidedSet:
    """Store one typed set of ``step`` at once (its own transaction) and apply the pain rule."""
    stored = record_set(uow, session_id, set_record_for(step, entry))
    return GuidedSet(stored, PAIN_RULES.stops_exercise(entry.pain), PAIN_RULES.during_threshold)


@dataclass(frozen=True)
class GuidedFinish:
    """A finished session and the adapted main blocks of the next one (empty: plan done)."""

    session: SessionRecord
    next_time: tuple[AdjustedPrescription, ...]
    #: The athlete's unit: loads are shown in it.
    unit: MassUnit = MassUnit.KG


def finish_guided_session(
    uow: UnitOfWork, athlete: AthleteRef, session_id: int, pain_after: int | None
) -> GuidedFinish:
    """Mark the athlete's session performed with the pain after it (0–10 or None); one
    transaction.

    Raises:
        NotFoundError: unknown athlete, or the session is not theirs.
        InvalidInputError: a bad pain rating.
    """
    check_pain(pain_after, "pain after")
    with uow:
        stored = uow.athletes.get(athlete)
        if uow.sessions.get(session_id).athlete_id != stored.id:
            raise NotFoundError(f"athlete {stored.name!r} has no session with id {session_id}")
        session = uow.sessions.update(
            session_id, status=SessionStatus.PERFORMED, pain_after=pain_after
        )
        uow.commit()
        upcoming = _next_time(uow, stored.id, stored.profile, stored.name)
    return GuidedFinish(session, tuple(upcoming), stored.profile.unit)


@dataclass(frozen=True)
class GuidedToday:
    """What the athlete is to do today, read without starting anything.

    Attributes:
        session: today's stored session with its sets, or None when none is started.
        planned: the plan's session for today (the started one's, else the next one), or None
            (no plan, every planned session trained, or a free session today).
        plan: warm-up, main steps and cool-down adapted by the log, or None without ``planned``.
        pending: the main steps not done yet.
    """

    session: SessionRecord | None
    planned: PlannedSession | None
    plan: GuidedPlan | None
    pending: tuple[SetStep, ...]
    #: The next pending set's load from the sets of its block done today, or None.
    next_set: NextSetAdvice | None = None


def today_plan(uow: UnitOfWork, athlete: AthleteRef, today: date) -> GuidedToday:
    """Today's guided-session state of ``athlete`` (a name or an id); stores nothing.

    Raises:
        NotFoundError: unknown athlete.
    """
    with uow:
        stored = uow.athletes.get(athlete)
        session = uow.sessions.on_day(stored.id, today)
        if session is not None:
            planned = planned_for(uow, session)
        else:
            try:
                planned = next_planned_session(uow, stored.id)
            except NotFoundError:  # every planned session trained: nothing planned today
                planned = None
        if planned is None:
            return GuidedToday(session, None, None, ())
        current = session.id if session is not None else None
        plan = _guided_plan(uow, stored.id, stored.profile, planned, current)
    done = session.sets if session is not None else ()
    pending = tuple(pending_steps(plan.steps, done))
    advice = advice_for_next_set(session, pending, stored.profile) if session else None
    return GuidedToday(session, planned, plan, pending, advice)
