"""A plan as the JSON contract of ``revhyper plan --json`` (documented in the README).

Top level: ``athlete``, ``goal``, ``days_per_week``, ``start``, ``screening``, ``notes`` and
``weeks[].sessions[].blocks[]``; every block has ``role``, ``variation``, ``sets``, ``reps``
(int or ``[min, max]``), ``rest_s`` (``[min, max]`` or null for "as needed"), ``load``, ``tempo``
(C-H-E-P seconds or null) and ``reason``, plus ``follows``, ``rpe``, ``rir``, ``condition``,
``note`` and ``load_kg`` (the load to put on [kg], a number the athlete's plates make, or null).
"""

from __future__ import annotations

import json
from typing import Any

from revhyper.domain.athlete import Profile, ScreeningResult
from revhyper.domain.planner import Block, Plan, Session, Week

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
