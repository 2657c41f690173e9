"""Tools: load maths (e1RM, the RPE chart, working loads, plates) and the machine's mechanics,
as ``revhyper e1rm|rpe|working-load|plates|mechanics`` compute them.

They are GET requests with query parameters: they compute and store nothing, so an answer may
be cached, linked or retried freely, and a browser session needs no CSRF token for them. Every
number has bounds (and NaN or infinity is refused) before the domain checks it again.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from revhyper.domain import loads
from revhyper.domain.body import mechanics as mech
from revhyper.domain.body.anthropometry import BODY_MASS_RANGE_KG, HEIGHT_RANGE_M
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.plates import MAX_TARGET_KG, PlateLoading
from revhyper.domain.training.log import LIMITS
from revhyper.domain.units import KG_PER_LB
from revhyper.services import machines as machines_service
from revhyper.services import mechanics as mechanics_service
from revhyper.services.plates import PlatesRequest, plates_for
from revhyper.web.api_schemas import (
    E1rmPublic,
    MechanicsPublic,
    PlatesPublic,
    RpeCellPublic,
    RpeChartPublic,
    RpeRowPublic,
    RpeScalePublic,
    WorkingLoadPublic,
)
from revhyper.web.deps import MAX_ID, ReaderDep, UowDep, UserDep
from revhyper.web.schemas import ErrorPublic

router = APIRouter(tags=["tools"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    422: {"model": ErrorPublic, "description": "A value outside what the maths covers."},
}

#: Heaviest load any tool accepts [kg] (the log's own limit).
MAX_LOAD_KG = LIMITS["load_kg"].high
#: Smallest load step a working load is rounded to [kg] (the lightest change plates make).
MIN_INCREMENT_KG = 0.01
#: Heaviest plate target in either unit (500 kg in pounds) [kg or lb].
MAX_TARGET = MAX_TARGET_KG / KG_PER_LB


def _number(low: float, high: float, description: str, *, strict_low: bool = False) -> Any:
    """A bounded, finite query number."""
    if strict_low:
        return Query(gt=low, le=high, allow_inf_nan=False, description=description)
    return Query(ge=low, le=high, allow_inf_nan=False, description=description)


def _whole(low: int, high: int, description: str) -> Any:
    return Query(ge=low, le=high, description=description)


#: The e1RM formulas by name (``domain.loads.E1RM_METHODS``; a test keeps the two equal).
E1rmMethod = Literal["epley", "brzycki", "lombardi", "mayhew", "oconner", "wathan", "lander"]

ChartReps = Annotated[
    int, _whole(loads.RPE_CHART_MIN_REPS, loads.RPE_CHART_MAX_REPS, "Reps (1–12).")
]
ChartRpe = Annotated[
    float,
    _number(loads.RPE_CHART_MIN_RPE, loads.RPE_CHART_MAX_RPE, "RPE (6.5–10)."),
]


@router.get("/api/v1/tools/e1rm", response_model=E1rmPublic, responses=_ERRORS)
def e1rm(
    _user: UserDep,
    load_kg: Annotated[float, _number(0, MAX_LOAD_KG, "Load lifted [kg].", strict_low=True)],
    reps: Annotated[int, _whole(loads.E1RM_MIN_REPS, loads.E1RM_MAX_REPS, "Reps done (1–30).")],
    method: Annotated[E1rmMethod, Query(description="The formula.")] = "epley",
) -> E1rmPublic:
    """Estimated one-rep max from a set, by the chosen formula and by every formula [kg]."""
    chosen = loads.estimate_1rm(load_kg, reps, method)
    return E1rmPublic(
        load_kg=load_kg,
        reps=reps,
        method=method,
        e1rm_kg=chosen,
        estimates_kg=loads.estimate_1rm_all(load_kg, reps),
        rough=loads.e1rm_is_rough(reps),
    )


@router.get("/api/v1/tools/rpe", response_model=RpeChartPublic, responses=_ERRORS)
def rpe_chart(
    _user: UserDep, reps: ChartReps | None = None, rpe: ChartRpe | None = None
) -> RpeChartPublic:
    """The RPE chart (% of 1RM by reps and RPE) and the RPE ↔ reps-in-reserve scale; with
    ``reps`` and ``rpe`` also that one cell."""
    if (reps is None) != (rpe is None):
        raise InvalidInputError("give both reps and rpe to look up one cell, or neither")
    cell = None
    if reps is not None and rpe is not None:
        cell = RpeCellPublic(
            reps=reps,
            rpe=rpe,
            percent_1rm=round(loads.percent_1rm(reps, rpe) * 100, 4),
            rir=loads.rir_from_rpe(rpe),
        )
    return RpeChartPublic(
        rpe_columns=[*loads.RPE_CHART_RPES],
        rows=[
            RpeRowPublic(reps=reps_row, percent_1rm=[*row])
            for reps_row, row in enumerate(loads.RPE_CHART_PERCENT, start=1)
        ],
        scale=[
            RpeScalePublic(rpe_low=lo, rpe_high=hi, rir_low=rlo, rir_high=rhi, meaning=text)
            for lo, hi, rlo, rhi, text in loads.RPE_SCALE
        ],
        cell=cell,
    )


@router.get("/api/v1/tools/working-load", response_model=WorkingLoadPublic, responses=_ERRORS)
def working_load(
    _user: UserDep,
    load_kg: Annotated[float, _number(0, MAX_LOAD_KG, "Logged load [kg].", strict_low=True)],
    reps: ChartReps,
    rpe: ChartRpe,
    target_reps: ChartReps,
    target_rpe: ChartRpe,
    increment_kg: Annotated[
        float, _number(MIN_INCREMENT_KG, 50, "Smallest load step [kg].")
    ] = 1.25,
) -> WorkingLoadPublic:
    """A working load for a target reps @ RPE from a logged set (RTS chart), rounded down."""
    suggestion = loads.suggest_working_load(
        load_kg, reps, rpe, target_reps, target_rpe, increment_kg=increment_kg
    )
    return WorkingLoadPublic(
        e1rm_kg=suggestion.e1rm_kg,
        load_kg=suggestion.load_kg,
        increment_kg=suggestion.increment_kg,
    )


Target = Annotated[
    float, _number(0, MAX_TARGET, "Load wanted, arm included, in unit.", strict_low=True)
]
ArmKg = Annotated[float, _number(0, 200, "What the empty arm counts for [kg].")]
PlateList = Annotated[
    str | None,
    Query(
        max_length=400,
        description="The plates you have, SIZExCOPIES in unit, e.g. 20x4,10x2,5x2 (a size "
        "alone: as many as needed). Default: a full gym set (or the athlete's plates).",
    ),
]


def _plates_public(loading: PlateLoading) -> PlatesPublic:
    return PlatesPublic(
        unit=loading.unit.value,
        target=loading.target,
        arm=loading.arm,
        plates=[*loading.plates],
        achieved=loading.achieved,
        exact=loading.exact,
        shortfall=loading.shortfall,
    )


@router.get("/api/v1/tools/plates", response_model=PlatesPublic, responses=_ERRORS)
def plates(
    _user: UserDep,
    target: Target,
    arm_kg: ArmKg = 0.0,
    plates: PlateList = None,
    unit: Annotated[Literal["kg", "lb"], Query(description="The plates' unit.")] = "kg",
) -> PlatesPublic:
    """Which plates to put on the swing arm's pin for a target load."""
    request = PlatesRequest(target=repr(target), arm_kg=arm_kg, plates=plates, unit=unit)
    return _plates_public(plates_for(request))


@router.get(
    "/api/v1/athletes/{athlete_id}/plates",
    response_model=PlatesPublic,
    responses={**_ERRORS, 404: {"model": ErrorPublic}},
)
def athlete_plates(
    access: ReaderDep,
    uow: UowDep,
    target: Target,
    arm_kg: ArmKg = 0.0,
    plates: PlateList = None,
    unit: Annotated[
        Literal["kg", "lb"] | None,
        Query(description="Force a unit (then a full gym set in it); default the athlete's."),
    ] = None,
    machine_id: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="Use this machine's plates and arm (its own unit)."),
    ] = None,
) -> PlatesPublic:
    """Plates for a target from the athlete's own plates and unit (``plates --athlete``), or
    from one of the athlete's machines (``machine_id``: its plates and its arm)."""
    if machine_id is not None:
        if plates is not None or unit is not None or arm_kg:
            raise InvalidInputError(
                "with machine_id, give only the target: the machine says the rest"
            )
        loading = machines_service.plates_on_machine(
            uow, access.athlete.id, machine_id, repr(target)
        )
        return _plates_public(loading)
    request = PlatesRequest(
        target=repr(target), arm_kg=arm_kg, athlete=access.athlete.id, plates=plates, unit=unit
    )
    return _plates_public(plates_for(request, lambda: uow))


_GEOMETRY = mech.MachineGeometry()
_PIVOT = mech.PIVOT_OFFSET_LIMIT_M
_ANCHOR = mech.BAND_ANCHOR_LIMIT_M
_ANGLES = mech.CURVE_RANGE_DEG


@router.get("/api/v1/tools/mechanics", response_model=MechanicsPublic, responses=_ERRORS)
def mechanics(
    _user: UserDep,
    body_mass_kg: Annotated[float, _number(*BODY_MASS_RANGE_KG, "Body mass [kg].")],
    height_m: Annotated[float, _number(*HEIGHT_RANGE_M, "Body height [m].")],
    sex: Annotated[Literal["male", "female"], Query(description="de Leva's column.")] = "male",
    setup: Annotated[
        list[Literal["machine", "bench", "band"]] | None,
        Query(max_length=3, description="Setups to compare (default bench and machine)."),
    ] = None,
    plate_kg: Annotated[
        float, _number(*mech.PLATE_LOAD_RANGE_KG, "Plates on the machine [kg].")
    ] = 20.0,
    arm_length_m: Annotated[
        float, _number(*mech.ARM_LENGTH_RANGE_M, "Machine: pivot to plate horn [m].")
    ] = _GEOMETRY.arm_length_m,
    arm_mass_kg: Annotated[
        float, _number(*mech.ARM_MASS_RANGE_KG, "Machine: the empty arm's mass [kg].")
    ] = _GEOMETRY.arm_mass_kg,
    pivot_x_m: Annotated[
        float, _number(-_PIVOT, _PIVOT, "Machine: pivot from the hip, + away [m].")
    ] = _GEOMETRY.pivot_x_m,
    pivot_y_m: Annotated[
        float, _number(-_PIVOT, _PIVOT, "Machine: pivot from the hip, + up [m].")
    ] = _GEOMETRY.pivot_y_m,
    strap_m: Annotated[
        float | None, _number(0, 2, "Machine: strap distance down the leg [m].")
    ] = None,
    band_stiffness_n_per_m: Annotated[
        float, _number(*mech.BAND_STIFFNESS_RANGE_N_PER_M, "Band: tension per metre [N/m].")
    ] = 150.0,
    band_anchor_x_m: Annotated[
        float, _number(-_ANCHOR, _ANCHOR, "Band: anchor from the hip, + away [m].")
    ] = 0.0,
    band_anchor_y_m: Annotated[
        float, _number(-_ANCHOR, _ANCHOR, "Band: anchor from the hip, + up [m].")
    ] = -1.0,
    band_rest_length_m: Annotated[
        float | None, _number(0, 2 * _ANCHOR, "Band: unstretched length [m].")
    ] = None,
    knee_flexion_deg: Annotated[
        float, _number(*mech.KNEE_FLEXION_RANGE_DEG, "Bench only: fixed knee bend [deg].")
    ] = 0.0,
    single_leg: bool = False,
    bottom_deg: Annotated[float, _number(*_ANGLES, "Rep bottom angle [deg].")] = -90.0,
    top_deg: Annotated[float, _number(*_ANGLES, "Rep top angle [deg].")] = 0.0,
    tempo: Annotated[
        str | None, Query(max_length=40, description="C-H-E-P, e.g. 2-1-2-0 [s].")
    ] = None,
) -> Any:
    """Hip extension moment over the thigh angle for the machine, bench or band (the
    ``revhyper mechanics --json`` document)."""
    request = mechanics_service.MechanicsRequest(
        body_mass_kg=body_mass_kg,
        height_m=height_m,
        sex=sex,
        setups=tuple(setup or ()),
        plate_kg=plate_kg,
        arm_length_m=arm_length_m,
        arm_mass_kg=arm_mass_kg,
        pivot_x_m=pivot_x_m,
        pivot_y_m=pivot_y_m,
        strap_m=strap_m,
        band_stiffness_n_per_m=band_stiffness_n_per_m,
        band_anchor_x_m=band_anchor_x_m,
        band_anchor_y_m=band_anchor_y_m,
        band_rest_length_m=band_rest_length_m,
        knee_flexion_deg=knee_flexion_deg,
        single_leg=single_leg,
        bottom_deg=bottom_deg,
        top_deg=top_deg,
        tempo=tempo,
    )
    return mechanics_service.mechanics_document(mechanics_service.hip_moments(request))
