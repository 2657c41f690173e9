"""The catalogue: the exercise, its variations explained, and the goal protocols (the seed's
facts as ``revhyper exercises`` and ``revhyper explain`` show them). Any signed-in user."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from revhyper.domain.errors import NotFoundError
from revhyper.domain.knowledge import exercises as ex
from revhyper.domain.knowledge.protocols import PROTOCOLS, GoalProtocol
from revhyper.domain.programming.athlete import PROFILE_LIMITS
from revhyper.domain.vocabulary import Equipment, Goal, Injury, Level
from revhyper.services.planning import DEFAULT_DAYS_PER_WEEK, DEFAULT_WEEKS
from revhyper.web.api_schemas import (
    BenefitPublic,
    CautionPublic,
    ChoicePublic,
    EquipmentPublic,
    ExerciseList,
    ExercisePublic,
    FaultPublic,
    HistoryPublic,
    HowToStepPublic,
    LoadOptionPublic,
    MusclePublic,
    PathStagePublic,
    PhasePublic,
    ProfileChoicesPublic,
    ProtocolList,
    ProtocolPublic,
    RangePublic,
    VariationList,
    VariationPublic,
    VariationSummary,
)
from revhyper.web.deps import UserDep
from revhyper.web.schemas import PLAN_DAYS_PER_WEEK, PLAN_WEEKS, ErrorPublic

router = APIRouter(prefix="/api/v1", tags=["catalogue"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    422: {"model": ErrorPublic, "description": "An unknown equipment or variation id."},
}


def _how_to() -> list[HowToStepPublic]:
    return [
        HowToStepPublic(number=s.number, title=s.title, instruction=s.instruction, cues=[*s.cues])
        for s in ex.HOW_TO_STEPS
    ]


def _muscles() -> list[MusclePublic]:
    return [
        MusclePublic(name=m.name, role=m.role.value, what_it_does=m.what_it_does)
        for m in ex.MUSCLES
    ]


def _cautions() -> list[CautionPublic]:
    return [CautionPublic(id=c.id, advice=c.advice, applies_to=c.applies_to) for c in ex.CAUTIONS]


def _fault(fault: ex.FormFault) -> FaultPublic:
    return FaultPublic(
        id=fault.id,
        name=fault.name,
        why_it_matters=fault.why_it_matters,
        fix=fault.fix,
        detected_as=fault.detected_as.value if fault.detected_as else None,
    )


def _stage(stage: ex.PathStage) -> PathStagePublic:
    criterion = stage.to_advance
    return PathStagePublic(
        variation=stage.variation.value,
        to_advance=criterion.text if criterion else None,
        reps_to_advance=[criterion.min_reps, criterion.max_reps] if criterion else None,
        pause_at_top_allowed=stage.pause_at_top_allowed,
        if_too_hard=stage.if_too_hard,
    )


def _equipment() -> list[EquipmentPublic]:
    return [
        EquipmentPublic(
            id=info.id.value,
            name=info.name,
            description=info.description,
            components=[*info.components],
            adds_load=[kind.value for kind in info.adds_load],
        )
        for info in ex.EQUIPMENT.values()
    ]


def _exercise() -> ExercisePublic:
    history = ex.HISTORY
    return ExercisePublic(
        movement_summary=ex.MOVEMENT_SUMMARY,
        phases=[
            PhasePublic(kind=p.kind.value, summary=p.summary, points=[*p.points]) for p in ex.PHASES
        ],
        how_to=_how_to(),
        muscles=_muscles(),
        benefits=[
            BenefitPublic(id=b.id, title=b.title, explanation=b.explanation) for b in ex.BENEFITS
        ],
        cautions=_cautions(),
        faults=[_fault(f) for f in ex.FAULTS],
        equipment=_equipment(),
        beginner_path=[_stage(s) for s in ex.BEGINNER_PATH],
        history=HistoryPublic(
            machine_attributed_to=history.machine_attributed_to,
            decade=history.decade,
            manufacturers=[*history.manufacturers],
            availability=history.availability,
            other_names=[*history.other_names],
            controversy=history.controversy,
        ),
        variations=[v.value for v in ex.VARIATIONS],
    )


def _summary_fields(variation: ex.Variation, have: set[Equipment] | None = None) -> dict[str, Any]:
    return {
        "id": variation.id.value,
        "name": variation.name,
        "equipment": variation.equipment.describe(),
        "equipment_all_of": [e.value for e in Equipment if e in variation.equipment.all_of],
        "equipment_any_of": [e.value for e in Equipment if e in variation.equipment.any_of],
        "difficulty": variation.difficulty,
        "load": variation.load_text(have),
        "goals": [goal.value for goal in variation.goals],
        "beginner_friendly": variation.beginner_friendly,
    }


def _variation(variation: ex.Variation) -> VariationPublic:
    stage = next((s for s in ex.BEGINNER_PATH if s.variation is variation.id), None)
    return VariationPublic(
        **_summary_fields(variation),
        how_it_differs=variation.how_it_differs,
        cues=[*variation.cues],
        load_options=[
            LoadOptionPublic(kind=kind.value, needs=[e.value for e in needs])
            for kind, needs in ex.load_options(variation)
        ],
        movement_summary=ex.MOVEMENT_SUMMARY,
        how_to=_how_to(),
        beginner_stage=_stage(stage) if stage else None,
        beginner_path=[s.variation.value for s in ex.BEGINNER_PATH] if stage else [],
        faults=[_fault(f) for f in ex.faults_for_variation(variation.id)],
        muscles=_muscles(),
        cautions=_cautions(),
    )


def _protocol(protocol: GoalProtocol) -> ProtocolPublic:
    effort = protocol.effort
    return ProtocolPublic(
        goal=protocol.goal.value,
        sets=[*protocol.sets],
        reps=[*protocol.reps],
        rest_s=[*protocol.rest_s] if protocol.rest_s else None,
        intensity=protocol.intensity.value,
        rpe=[effort.rpe_low, effort.rpe_high],
        rir=[effort.rir_low, effort.rir_high],
        effort=effort.describe(),
        speed=protocol.speed,
        constraint=protocol.constraint,
    )


@router.get("/exercises", response_model=ExerciseList, responses=_ERRORS)
def list_exercises(_user: UserDep) -> ExerciseList:
    """The exercise: movement, phases, how-to, muscles, benefits, faults, cautions, equipment,
    the beginner path and its history (every fact of the seed)."""
    return ExerciseList(items=[_exercise()], total=1)


@router.get("/variations", response_model=VariationList, responses=_ERRORS)
def list_variations(
    _user: UserDep,
    equipment: Annotated[
        list[str] | None,
        Query(
            max_length=len(Equipment),
            description="Equipment you have (repeatable): only the variations it allows, and "
            "the load it offers.",
            json_schema_extra={"items": {"type": "string", "enum": [*Equipment]}},
        ),
    ] = None,
) -> VariationList:
    """The variations, easiest first (``revhyper exercises [--equipment ...]``)."""
    have = {ex.get_equipment(item[:40]) for item in equipment} if equipment else None
    variations = (
        ex.variations_for_equipment(have)
        if have is not None
        else tuple(sorted(ex.VARIATIONS.values(), key=lambda v: v.difficulty))
    )
    items = [VariationSummary(**_summary_fields(v, have)) for v in variations]
    return VariationList(items=items, total=len(items))


@router.get(
    "/variations/{variation_id}",
    response_model=VariationPublic,
    responses={**_ERRORS, 404: {"model": ErrorPublic}},
)
def get_variation(
    _user: UserDep,
    variation_id: Annotated[str, Path(max_length=60, description="e.g. machine-reverse-hyper")],
) -> VariationPublic:
    """One variation explained (``revhyper explain``): how to do it, cues, load, beginner
    stage, faults and why, muscles and cautions; 404 for an unknown id."""
    return _variation(_catalogued(variation_id))


def _catalogued(variation_id: str) -> ex.Variation:
    """The variation with this id (case and spaces ignored); ``NotFoundError`` otherwise."""
    wanted = variation_id.strip().lower()
    for variation in ex.VARIATIONS.values():
        if variation.id.value == wanted:
            return variation
    allowed = ", ".join(v.value for v in ex.VARIATIONS)
    raise NotFoundError(f"no variation {variation_id!r}: known ids are {allowed}")


@router.get("/protocols", response_model=ProtocolList, responses=_ERRORS)
def list_protocols(_user: UserDep) -> ProtocolList:
    """The seed's goal protocols: sets, reps, rest, load words and our RPE reading of them."""
    items = [_protocol(p) for p in PROTOCOLS.values()]
    return ProtocolList(items=items, total=len(items))


def _named(value: str) -> ChoicePublic:
    """A vocabulary id with a readable name ("movement-integrity" → "Movement integrity")."""
    return ChoicePublic(id=value, name=value.replace("-", " ").capitalize())


def _range(name: str) -> RangePublic:
    low, high, unit = PROFILE_LIMITS[name]
    return RangePublic(low=low, high=high, unit=unit)


@router.get("/profile-choices", response_model=ProfileChoicesPublic, responses=_ERRORS)
def profile_choices(_user: UserDep) -> ProfileChoicesPublic:
    """The values the athlete and plan documents accept (goals, levels, equipment with its
    catalogue name, injuries, units) and the bounds of their numbers, for forms to offer."""
    return ProfileChoicesPublic(
        goals=[_named(goal.value) for goal in Goal],
        levels=[_named(level.value) for level in Level],
        equipment=[ChoicePublic(id=e.value, name=ex.EQUIPMENT[e].name) for e in Equipment],
        injuries=[_named(injury.value) for injury in Injury],
        units=["kg", "lb"],
        sexes=["male", "female"],
        body_mass=_range("body mass"),
        height=_range("height"),
        pain=_range("pain"),
        weeks=RangePublic(low=PLAN_WEEKS[0], high=PLAN_WEEKS[1], unit="weeks"),
        days_per_week=RangePublic(
            low=PLAN_DAYS_PER_WEEK[0], high=PLAN_DAYS_PER_WEEK[1], unit="days"
        ),
        default_weeks=DEFAULT_WEEKS,
        default_days_per_week=DEFAULT_DAYS_PER_WEEK,
    )
