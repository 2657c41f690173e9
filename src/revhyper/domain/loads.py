"""Load maths: estimated one-rep max, RPE and RIR, %1RM from an RPE chart, working-load
suggestions, and plate arithmetic for the reverse hyper's swing arm.

All loads are in kilograms [kg]; percentages of 1RM are returned as fractions (0.811, not
81.1). Every public function validates its input and raises :class:`InvalidInputError`
with a message naming the bad value and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Integral

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.plates import STANDARD_KG_PLATES, PlateInventory, load_plates
from revhyper.domain.units import MassUnit

# --------------------------------------------------------------------------- e1RM

#: Repetitions accepted by the e1RM formulas. The equations were fitted on sets of roughly
#: 2–15 reps (LeSuer et al. 1997); we accept up to 30 and leave the judgement to the caller.
E1RM_MIN_REPS = 1
E1RM_MAX_REPS = 30


def _epley(load_kg: float, reps: float) -> float:
    """Epley B. (1985) Poundage chart. Boyd Epley Workout. Lincoln, NE: Body Enterprises.

    1RM = w · (1 + 0.0333 · r)   (as tabulated by LeSuer et al. 1997) [kg]
    """
    return load_kg * (1.0 + 0.0333 * reps)


def _brzycki(load_kg: float, reps: int) -> float:
    """Brzycki M. (1993) Strength testing: predicting a one-rep max from reps-to-fatigue.
    JOPERD 64(1):88–90.

    1RM = 100 · w / (102.78 − 2.78 · r) [kg]
    """
    return 100.0 * load_kg / (102.78 - 2.78 * reps)


def _lombardi(load_kg: float, reps: int) -> float:
    """Lombardi V.P. (1989) Beginning Weight Training. Dubuque, IA: W.C. Brown.

    1RM = w · r^0.10 [kg]
    """
    return load_kg * math.pow(reps, 0.10)


def _mayhew(load_kg: float, reps: int) -> float:
    """Mayhew J.L., Ball T.E., Arnold M.D., Bowen J.C. (1992) Relative muscular endurance
    performance as a predictor of bench press strength in college men and women.
    J Appl Sport Sci Res 6(4):200–206.

    1RM = 100 · w / (52.2 + 41.9 · e^(−0.055 · r)) [kg]
    """
    return 100.0 * load_kg / (52.2 + 41.9 * math.exp(-0.055 * reps))


def _oconner(load_kg: float, reps: int) -> float:
    """O'Conner B., Simmons J., O'Shea P. (1989) Weight Training Today. St. Paul, MN: West.

    1RM = w · (1 + 0.025 · r) [kg]
    """
    return load_kg * (1.0 + 0.025 * reps)


def _wathan(load_kg: float, reps: int) -> float:
    """Wathan D. (1994) Load assignment. In: Baechle T.R. (ed.) Essentials of Strength
    Training and Conditioning. Champaign, IL: Human Kinetics, 435–446.

    1RM = 100 · w / (48.8 + 53.8 · e^(−0.075 · r)) [kg]
    """
    return 100.0 * load_kg / (48.8 + 53.8 * math.exp(-0.075 * reps))


def _lander(load_kg: float, reps: int) -> float:
    """Lander J. (1985) Maximums based on reps. NSCA Journal 6:60–61.

    1RM = 100 · w / (101.3 − 2.67123 · r) [kg]
    """
    return 100.0 * load_kg / (101.3 - 2.67123 * reps)


#: e1RM formulas by name. Published forms as tabulated in LeSuer D.A., McCormick J.H.,
#: Mayhew J.L., Wasserstein R.L., Arnold M.D. (1997) The accuracy of prediction equations
#: for estimating 1-RM performance in the bench press, squat, and deadlift.
#: J Strength Cond Res 11(4):211–213.
E1RM_METHODS: Mapping[str, Callable[[float, int], float]] = {
    "epley": _epley,
    "brzycki": _brzycki,
    "lombardi": _lombardi,
    "mayhew": _mayhew,
    "oconner": _oconner,
    "wathan": _wathan,
    "lander": _lander,
}


def epley_fraction(reps_to_failure: float) -> float:
    """The fraction of a one-rep max that can be lifted for ``reps_to_failure`` reps by Epley's
    equation (the inverse of ``_epley`` for 1 kg); fractional reps are allowed, so 15 reps at
    RPE 7.5 (17.5 to failure) lies between 17 and 18 instead of rounding to either."""
    return 1.0 / _epley(1.0, reps_to_failure)


def estimate_1rm(load_kg: float, reps: int, method: str = "epley") -> float:
    """Estimated one-repetition maximum [kg] from a set of ``reps`` at ``load_kg`` [kg].

    ``method`` is one of :data:`E1RM_METHODS` (case-insensitive; ``o'conner`` is accepted).
    A single rep returns the load itself for every method: the set *was* a 1RM attempt,
    whereas several of the fitted equations would otherwise return a little more.
    """
    formula = _e1rm_formula(method)
    _check_positive("load", load_kg, "kg")
    _check_reps(reps, E1RM_MIN_REPS, E1RM_MAX_REPS)
    if reps == 1:
        return float(load_kg)
    return formula(float(load_kg), reps)


#: Above this many reps an e1RM is flagged as rough: the equations were fitted mostly on
#: low-rep sets (see ``E1RM_MAX_REPS``). The threshold of 10 reps is OUR choice (no source).
E1RM_ROUGH_ABOVE_REPS = 10


def e1rm_is_rough(reps: int) -> bool:
    """True when an e1RM from ``reps`` reps is only a rough estimate (more than 10 reps)."""
    return reps > E1RM_ROUGH_ABOVE_REPS


def estimate_1rm_all(load_kg: float, reps: int) -> dict[str, float]:
    """Every formula's e1RM [kg] for one set, by method name (validated once, up front)."""
    estimate_1rm(load_kg, reps)
    return {name: estimate_1rm(load_kg, reps, name) for name in E1RM_METHODS}


def _e1rm_formula(method: str) -> Callable[[float, int], float]:
    key = method.strip().lower().replace("'", "").replace("’", "")
    if key not in E1RM_METHODS:
        allowed = ", ".join(E1RM_METHODS)
        raise InvalidInputError(f"unknown e1RM method {method!r}; allowed: {allowed}")
    return E1RM_METHODS[key]


# --------------------------------------------------------------------------- RPE / RIR

#: Zourdos M.C. et al. (2016) Novel resistance training-specific rating of perceived
#: exertion scale measuring repetitions in reserve. J Strength Cond Res 30(1):267–275.
#: Scale rows: (RPE low, RPE high, RIR low, RIR high, description). RIR None = no count given.
RPE_SCALE: tuple[tuple[float, float, float | None, float | None, str], ...] = (
    (10.0, 10.0, 0.0, 0.0, "maximum effort"),
    (9.5, 9.5, 0.0, 0.0, "no more reps, but slightly more load was possible"),
    (9.0, 9.0, 1.0, 1.0, "one rep left"),
    (8.5, 8.5, 1.0, 2.0, "surely one, maybe two reps left"),
    (8.0, 8.0, 2.0, 2.0, "two reps left"),
    (7.5, 7.5, 2.0, 3.0, "surely two, maybe three reps left"),
    (7.0, 7.0, 3.0, 3.0, "three reps left"),
    (5.0, 6.0, 4.0, 6.0, "four to six reps left"),
    (3.0, 4.0, None, None, "light effort"),
    (1.0, 2.0, None, None, "little to no effort"),
)
RPE_MIN, RPE_MAX = 1.0, 10.0
#: Below RPE 5 the Zourdos scale gives an effort word, not a reps-in-reserve count.
RPE_MIN_WITH_RIR = 5.0
RIR_MAX = 6.0


def describe_rpe(rpe: float) -> str:
    """The Zourdos et al. (2016) description of an RPE value (1–10)."""
    _check_rpe(rpe, RPE_MIN, RPE_MAX)
    for low, high, _rir_low, _rir_high, text in RPE_SCALE:
        if low <= rpe <= high:
            return text
    # Between rows (e.g. 6.5 or 4.5): describe by the reps-in-reserve arithmetic.
    if rpe >= RPE_MIN_WITH_RIR:
        return f"about {rir_from_rpe(rpe):g} reps left"
    return "light effort"


def rir_from_rpe(rpe: float) -> float:
    """Repetitions in reserve for an RPE (Zourdos et al. 2016).

    From RPE 6 to 10 RIR = 10 − RPE (half points give e.g. 1.5 = "one, maybe two"; 9.5
    gives 0.5, the usual reading of the scale's "no more reps, a little more load"); the
    scale's RPE 5–6 row spans 4–6 RIR, which we map linearly (6 → 4, 5.5 → 5, 5 → 6).
    Below RPE 5 the scale gives no RIR, so those values are refused with a reason.
    """
    _check_rpe(rpe, RPE_MIN, RPE_MAX)
    if rpe < RPE_MIN_WITH_RIR:
        raise InvalidInputError(
            f"RPE {rpe:g} has no reps-in-reserve count on the Zourdos scale "
            f"(only RPE 5–10 do; below 5 means light or no effort)"
        )
    if rpe >= 6.0:
        return 10.0 - rpe
    return 4.0 + 2.0 * (6.0 - rpe)


def rpe_from_rir(rir: float) -> float:
    """RPE for a number of repetitions in reserve (0–6), the inverse of :func:`rir_from_rpe`."""
    if not _is_finite_number(rir) or not 0.0 <= rir <= RIR_MAX:
        raise InvalidInputError(
            f"reps in reserve {rir!r} is out of range; allowed: 0–{RIR_MAX:g} "
            f"(the Zourdos RPE scale counts at most 6 reps left)"
        )
    if rir <= 4.0:
        return 10.0 - rir
    return 6.0 - (rir - 4.0) / 2.0


# --------------------------------------------------------------------------- RPE chart

#: RPE columns of the chart, high to low.
RPE_CHART_RPES: tuple[float, ...] = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5)

#: Percent of 1RM [%] for reps 1–12 (rows) × RPE 10…6.5 (columns).
#: Source: Tuchscherer M. (2008) The Reactive Training Manual, Reactive Training Systems —
#: the RTS RPE chart as widely reproduced. Each value depends only on reps + RIR, so the
#: table is one sequence read along diagonals (a test checks this). A few reproductions
#: print 80.0 instead of 79.9; we keep 79.9, the more common printing.
RPE_CHART_PERCENT: tuple[tuple[float, ...], ...] = (
    (100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8),
    (95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0),
    (92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4),
    (89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1, 79.9),
    (86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6, 77.4),
    (83.7, 82.4, 81.1, 79.9, 78.6, 77.4, 76.2, 75.1),
    (81.1, 79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3),
    (78.6, 77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4),
    (76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7),
    (73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0),
    (70.7, 69.4, 68.0, 66.7, 65.3, 64.0, 62.6, 61.3),
    (68.0, 66.7, 65.3, 64.0, 62.6, 61.3, 59.9, 58.6),
)
RPE_CHART_MIN_REPS, RPE_CHART_MAX_REPS = 1, len(RPE_CHART_PERCENT)
RPE_CHART_MIN_RPE, RPE_CHART_MAX_RPE = min(RPE_CHART_RPES), max(RPE_CHART_RPES)


def percent_1rm(reps: int, rpe: float) -> float:
    """Fraction of 1RM (e.g. 0.811) for ``reps`` at ``rpe`` from the RTS chart.

    Reps must be a whole number 1–12 and RPE 6.5–10; between the chart's half-point RPE
    columns the value is interpolated linearly. Nothing outside the table is extrapolated.
    """
    _check_reps(reps, RPE_CHART_MIN_REPS, RPE_CHART_MAX_REPS, what="RPE chart reps")
    _check_rpe(rpe, RPE_CHART_MIN_RPE, RPE_CHART_MAX_RPE, what="RPE chart")
    row = RPE_CHART_PERCENT[reps - 1]
    # Columns run from RPE 10 down in 0.5 steps.
    position = (RPE_CHART_MAX_RPE - rpe) / 0.5
    left = min(math.floor(position), len(row) - 1)
    right = min(left + 1, len(row) - 1)
    weight = position - left
    return round((row[left] * (1.0 - weight) + row[right] * weight) / 100.0, 6)


@dataclass(frozen=True)
class WorkingLoadSuggestion:
    """A working load from a logged set, and the e1RM it went through.

    Attributes:
        e1rm_kg: the logged set's e1RM through the RTS chart [kg].
        load_kg: the suggested load, rounded down to ``increment_kg`` [kg].
        increment_kg: the smallest load step used [kg].
    """

    e1rm_kg: float
    load_kg: float
    increment_kg: float


def suggest_working_load(
    logged_load_kg: float,
    logged_reps: int,
    logged_rpe: float,
    target_reps: int,
    target_rpe: float,
    *,
    increment_kg: float = 1.25,
) -> WorkingLoadSuggestion:
    """A working load for ``target_reps`` at ``target_rpe`` from a logged set, with the e1RM
    [kg] it went through.

    The logged set gives an e1RM through the RTS chart (load / %1RM); the target load is
    that e1RM times the chart's %1RM for the target, rounded *down* to a multiple of
    ``increment_kg`` [kg] (the smallest step you can load), so the advice never overshoots.
    """
    _check_positive("logged load", logged_load_kg, "kg")
    _check_positive("increment", increment_kg, "kg")
    e1rm_kg = logged_load_kg / percent_1rm(logged_reps, logged_rpe)
    exact_kg = e1rm_kg * percent_1rm(target_reps, target_rpe)
    load_kg = round_down_to_increment(exact_kg, increment_kg)
    return WorkingLoadSuggestion(e1rm_kg=e1rm_kg, load_kg=load_kg, increment_kg=increment_kg)


def suggest_working_load_kg(
    logged_load_kg: float,
    logged_reps: int,
    logged_rpe: float,
    target_reps: int,
    target_rpe: float,
    *,
    increment_kg: float = 1.25,
) -> float:
    """A working load [kg] for ``target_reps`` at ``target_rpe`` from a logged set: the load
    of :func:`suggest_working_load`."""
    return suggest_working_load(
        logged_load_kg,
        logged_reps,
        logged_rpe,
        target_reps,
        target_rpe,
        increment_kg=increment_kg,
    ).load_kg


#: Smallest load step accepted [kg]: the lightest fractional plates sold are 0.25 kg, and a
#: step far below it (1e-320) made the step count overflow.
MIN_INCREMENT_KG = 0.01


def check_increment(increment_kg: float) -> None:
    """``InvalidInputError`` unless ``increment_kg`` is at least ``MIN_INCREMENT_KG`` [kg]."""
    _check_positive("increment", increment_kg, "kg")
    if increment_kg < MIN_INCREMENT_KG:
        raise InvalidInputError(
            f"increment {increment_kg:g} kg is too small: the smallest load step allowed is "
            f"{MIN_INCREMENT_KG:g} kg"
        )


def round_down_to_increment(load_kg: float, increment_kg: float) -> float:
    """The largest multiple of ``increment_kg`` not above ``load_kg`` [kg]."""
    check_increment(increment_kg)
    steps = math.floor(load_kg / increment_kg + 1e-9)
    return round(steps * increment_kg, 6)


# --------------------------------------------------------------------------- plates

#: Olympic plate denominations [kg] usually found in a gym.
STANDARD_PLATES_KG: tuple[float, ...] = STANDARD_KG_PLATES


@dataclass(frozen=True)
class PlateSolution:
    """Plates for the swing arm's loading pin and what they add up to [kg].

    ``plates_kg`` lists each plate once per copy, heaviest first. ``achieved_kg`` includes
    ``arm_kg``; ``shortfall_kg`` = target − achieved (0 when exact, never negative).
    """

    target_kg: float
    arm_kg: float
    plates_kg: tuple[float, ...]
    achieved_kg: float
    shortfall_kg: float

    @property
    def exact(self) -> bool:
        return self.shortfall_kg == 0.0

    def counts(self) -> dict[float, int]:
        """Plate → number of copies, heaviest first."""
        result: dict[float, int] = {}
        for plate in self.plates_kg:
            result[plate] = result.get(plate, 0) + 1
        return result


def plates_for_load(
    target_kg: float,
    *,
    plates_kg: Sequence[float] = STANDARD_PLATES_KG,
    counts: Mapping[float, int] | None = None,
    arm_kg: float = 0.0,
) -> PlateSolution:
    """Plates [kg] to put on the swing arm so that arm + plates reach ``target_kg`` [kg].

    A kilogram plate set given as sizes and copy limits (``counts``; sizes missing from it
    are unlimited); see :func:`revhyper.domain.plates.load_plates` for the search, its bounds
    and pound plate sets.
    """
    inventory = kg_inventory(plates_kg, counts)
    loading = load_plates(target_kg, inventory, arm_kg)
    return PlateSolution(
        target_kg=float(target_kg),
        arm_kg=float(arm_kg),
        plates_kg=loading.plates,
        achieved_kg=loading.achieved,
        shortfall_kg=loading.shortfall,
    )


def kg_inventory(plates_kg: Sequence[float], counts: Mapping[float, int] | None) -> PlateInventory:
    """A kilogram inventory from plate sizes [kg] and copy limits (missing sizes: unlimited)."""
    if not plates_kg:
        raise InvalidInputError("no plate sizes given; give at least one plate in kg")
    for plate in plates_kg:
        _check_positive("plate", plate, "kg")
    limits = dict(counts or {})
    for plate, limit in limits.items():
        if plate not in plates_kg:
            sizes = ", ".join(f"{p:g}" for p in plates_kg)
            raise InvalidInputError(f"count given for a {plate:g} kg plate; plates: {sizes}")
        if not isinstance(limit, int) or limit < 0:
            raise InvalidInputError(f"plate count {limit!r} for {plate:g} kg; use 0 or more")
    unique = sorted({float(plate) for plate in plates_kg}, reverse=True)
    return PlateInventory(MassUnit.KG, tuple((plate, limits.get(plate)) for plate in unique))


# --------------------------------------------------------------------------- validation


def _is_finite_number(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


def _check_positive(name: str, value: float, unit: str) -> None:
    if not _is_finite_number(value) or value <= 0:
        raise InvalidInputError(f"{name} {value!r} {unit} is not allowed; it must be above 0")


def _check_reps(reps: int, low: int, high: int, *, what: str = "reps") -> None:
    if isinstance(reps, bool) or not isinstance(reps, Integral) or not low <= reps <= high:
        raise InvalidInputError(
            f"{what} {reps!r} is out of range; allowed: whole numbers {low}–{high}"
        )


def _check_rpe(rpe: float, low: float, high: float, *, what: str = "RPE") -> None:
    if not _is_finite_number(rpe) or not low <= rpe <= high:
        raise InvalidInputError(f"{what} {rpe!r} is out of range; allowed: {low:g}–{high:g}")
