"""The guided session: today's planned session turned into steps, adapted by the log.

The runner (``revhyper session``) calls these functions; storage goes through
:mod:`revhyper.services.training` (``record_set`` commits every set on its own).

* :func:`choose_athlete` resolves ``--athlete`` (or the only athlete there is);
* :func:`unfinished_today` finds a session to resume;
* :func:`guided_plan` turns the plan's blocks into warm-up/cool-down instructions and one
  :class:`SetStep` per main set, each main block adapted by
  :func:`revhyper.domain.adaptation.adapt_prescription` from the athlete's earlier sessions;
* :func:`pending_steps` leaves out the sets already stored (resuming);
* :func:`set_record_for` turns a typed line into the :class:`SetRecord` to store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.adaptation import (
    PAIN_RULES,
    AdjustedPrescription,
    LoadKit,
    PlannedPrescription,
    adapt_prescription,
)
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.exercises import get_variation
from revhyper.domain.form_result import Tempo
from revhyper.domain.session_flow import SetEntry
from revhyper.domain.tempo import tempo_in_text
from revhyper.domain.training_log import (
    SINGLE_LEG_VARIATIONS,
    SessionRecord,
    SessionStatus,
    SetRecord,
    Side,
)
from revhyper.domain.units import MassUnit
from revhyper.domain.vocabulary import Goal, VariationId
from revhyper.services.training import PlannedSession, next_planned_session, planned_for

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
    """

    block: int
    number: int
    of: int
    prescription: AdjustedPrescription
    cues: tuple[str, ...]
    tempo: Tempo | None
    hold_s: float | None
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
        if name is not None:
            return uow.athletes.get(name).name
        athletes = uow.athletes.all()
    if len(athletes) == 1:
        return athletes[0].name
    if not athletes:
        raise NotFoundError("no athletes stored yet: add one with `revhyper athlete add`")
    names = ", ".join(a.name for a in athletes)
    raise InvalidInputError(f"several athletes are stored ({names}): choose one with --athlete")


def unfinished_today(uow: UnitOfWork, athlete: str, day: date) -> SessionRecord | None:
    """Today's in-progress session of ``athlete`` (to resume), or None."""
    with uow:
        stored = uow.athletes.get(athlete)
        found = uow.sessions.find(stored.id, day, statuses=(SessionStatus.IN_PROGRESS,))
    return found[-1] if found else None


def require_planned_session(uow: UnitOfWork, athlete: str) -> PlannedSession:
    """The next planned session; ``NotFoundError`` when the athlete has no stored plan."""
    with uow:
        stored = uow.athletes.get(athlete)
        planned = next_planned_session(uow, stored.id)
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
    index: int, prescription: AdjustedPrescription, unit: MassUnit = MassUnit.KG
) -> list[SetStep]:
    variation = get_variation(prescription.variation)
    tempo = None
    if prescription.variation is VariationId.TEMPO_REVERSE_HYPER:
        tempo = tempo_in_text(prescription.tempo)
    hold = prescription.hold_s if prescription.variation is VariationId.ISOMETRIC_HOLD else None
    sides: tuple[Side | None, ...] = (None,)
    if prescription.variation in SINGLE_LEG_VARIATIONS:
        sides = (Side.LEFT, Side.RIGHT)
    return [
        SetStep(
            index, number, prescription.sets, prescription, variation.cues, tempo, hold, unit, side
        )
        for number in range(1, prescription.sets + 1)
        for side in sides
    ]


def guided_plan(
    uow: UnitOfWork, athlete: str, planned: PlannedSession, current_session_id: int | None
) -> GuidedPlan:
    """Warm-up, adapted main sets and cool-down for ``planned``.

    The adaptation reads every earlier session of the athlete (not the one being trained).
    """
    with uow:
        stored = uow.athletes.get(athlete)
        history = [
            s
            for s in uow.sessions.in_range(stored.id)
            if s.id != current_session_id and s.status is not SessionStatus.PLANNED
        ]
    profile = stored.profile
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
        steps.extend(_steps_for(len(prescriptions), adjusted, profile.unit))
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


def stored_session(uow: UnitOfWork, session_id: int) -> SessionRecord:
    """The session as stored now."""
    with uow:
        return uow.sessions.get(session_id)


def next_time(uow: UnitOfWork, athlete: str) -> list[AdjustedPrescription]:
    """The adapted main blocks of the next planned session (empty when the plan is done)."""
    try:
        planned = require_planned_session(uow, athlete)
    except NotFoundError:
        return []
    return list(guided_plan(uow, athlete, planned, None).prescriptions)


def pain_during_threshold() -> int:
    """The pain during a set [0–10] at which the next session is regressed."""
    return PAIN_RULES.during_threshold


def planned_session_of(uow: UnitOfWork, session: SessionRecord) -> PlannedSession | None:
    """The plan's session for a stored session (None for a free one)."""
    with uow:
        return planned_for(uow, session)
