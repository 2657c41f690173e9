"""A plan as the JSON contract of ``revhyper plan --json`` (documented in the README).

Top level: ``athlete``, ``goal``, ``days_per_week``, ``start``, ``screening``, ``notes`` and
``weeks[].sessions[].blocks[]``; every block has ``role``, ``variation``, ``sets``, ``reps``
(int or ``[min, max]``), ``rest_s`` (``[min, max]`` or null for "as needed"), ``load``, ``tempo``
(C-H-E-P seconds or null) and ``reason``, plus ``follows``, ``rpe``, ``rir``, ``condition``,
``note`` and ``load_kg`` (the load to put on [kg], a number the athlete's plates make, or null).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.knowledge.protocols import RpeTarget
from revhyper.domain.programming.athlete import Profile, ScreeningResult
from revhyper.domain.programming.planner import Block, BlockRole, Plan, Session, Week
from revhyper.domain.vocabulary import VariationId

#: Version of this JSON layout; bump on incompatible change.
PLAN_JSON_VERSION = 1


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-ready values."""
    return {
        "version": PLAN_JSON_VERSION,
        "athlete": athlete_to_dict(plan.athlete),
        "goal": plan.goal.value,
        "days_per_week": plan.days_per_week,
        "start": plan.start.isoformat() if plan.start else None,
        "screening": screening_to_dict(plan.screening),
        "notes": list(plan.notes),
        "weeks": [_week(week) for week in plan.weeks],
    }


def plan_to_json(plan: Plan) -> str:
    """The plan as indented JSON text (UTF-8, no ASCII escaping)."""
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False)


def athlete_to_dict(profile: Profile) -> dict[str, Any]:
    """The profile's fields with ids as strings."""
    known = profile.known_set
    return {
        "name": profile.name,
        "level": profile.level.value,
        "goal": profile.goal.value,
        "equipment": sorted(item.value for item in profile.equipment),
        "body_mass_kg": profile.body_mass_kg,
        "height_m": profile.height_m,
        "sex": profile.sex.value if profile.sex else None,
        "injuries": sorted(item.value for item in profile.injuries),
        "back_pain": profile.back_pain,
        "under_medical_care": profile.under_medical_care,
        "medical_clearance": profile.medical_clearance,
        "known_set": (
            None
            if known is None
            else {"load_kg": known.load_kg, "reps": known.reps, "rpe": known.rpe}
        ),
        "floor_criterion_met": profile.floor_criterion_met,
        "unit": profile.unit.value,
        "plates": profile.plates.to_json() if profile.plates else None,
    }


def screening_to_dict(result: ScreeningResult) -> dict[str, Any]:
    """What screening found and what it means for the plan."""
    return {
        "needs_clearance": result.needs_clearance,
        "cleared": result.cleared,
        "conservative_start": result.conservative_start,
        "reasons": list(result.reasons),
    }


def _week(week: Week) -> dict[str, Any]:
    return {
        "week": week.number,
        "deload": week.deload,
        "notes": list(week.notes),
        "sessions": [_session(session) for session in week.sessions],
    }


def _session(session: Session) -> dict[str, Any]:
    return {
        "day": session.day,
        "date": session.date.isoformat() if session.date else None,
        "blocks": [block_to_dict(block) for block in session.blocks],
    }


def block_to_dict(block: Block) -> dict[str, Any]:
    """One block in the contract's shape."""
    effort = block.effort
    return {
        "role": block.role.value,
        "variation": block.variation.value,
        "sets": block.sets,
        "reps": list(block.reps) if isinstance(block.reps, tuple) else block.reps,
        "rest_s": list(block.rest_s) if block.rest_s is not None else None,
        "load": block.load,
        "tempo": block.tempo,
        "reason": block.reason,
        "follows": block.follows,
        "rpe": [effort.rpe_low, effort.rpe_high] if effort else None,
        "rir": [effort.rir_low, effort.rir_high] if effort else None,
        "condition": block.condition,
        "note": block.note,
        "load_kg": block.load_kg,
    }


def _pair(value: Any) -> tuple[int, int]:
    low, high = value
    return int(low), int(high)


def block_from_dict(block: Mapping[str, Any]) -> Block:
    """A block read back from the contract's shape (the inverse of :func:`block_to_dict`)."""
    reps = block["reps"]
    rpe = block.get("rpe")
    return Block(
        role=BlockRole(block["role"]),
        variation=VariationId(block["variation"]),
        sets=int(block["sets"]),
        reps=_pair(reps) if isinstance(reps, list | tuple) else int(reps),
        rest_s=_pair(block["rest_s"]) if block.get("rest_s") is not None else None,
        load=str(block.get("load", "")),
        tempo=block.get("tempo"),
        reason=str(block.get("reason", "")),
        follows=str(block.get("follows", "")),
        effort=RpeTarget(float(rpe[0]), float(rpe[1])) if rpe else None,
        condition=block.get("condition"),
        note=block.get("note"),
    )


def weeks_from_dict(document: Mapping[str, Any]) -> tuple[Week, ...]:
    """The weeks, sessions and blocks of a stored plan document.

    Raises:
        InvalidInputError: the document is not a plan of this layout (names the field).
    """
    try:
        return tuple(
            Week(
                number=int(week["week"]),
                deload=bool(week.get("deload", False)),
                notes=tuple(week.get("notes", ())),
                sessions=tuple(
                    Session(
                        day=int(session["day"]),
                        date=date.fromisoformat(session["date"]) if session.get("date") else None,
                        blocks=tuple(block_from_dict(b) for b in session.get("blocks", ())),
                    )
                    for session in week.get("sessions", ())
                ),
            )
            for week in document.get("weeks", ())
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InvalidInputError(f"the stored plan is not a plan document: {error!r}") from None
