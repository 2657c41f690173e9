"""Turn a screened athlete profile into a multi-week plan of sessions and blocks.

What comes from the seed (``shared/seed/000_32136873e1d48bdf.txt``):
- the goal protocols (``revhyper.domain.knowledge.protocols``);
- warm up and stretch before every session;
- beginners start on the floor (floor hyperextensions, then floor reverse hypers), 15–20
  controlled reps before moving to the bench; bend the knees slightly if it is too hard;
- without a machine: bench, stability ball, GHD with bands, or bands;
- the isometric, tempo, banded and single-leg variations;
- never a maximal or near-maximal load; slow and controlled, never explosive;
- after the last rep, lower the weight to the start under control.

OUR rules (documented here, in the plan's notes, and in the README):
- the floor is always available (it needs a mat at most), even when not listed;
- beginners stay on the floor for ``FLOOR_WEEKS[level]`` weeks; later stages are scheduled but
  gated: each block states the criterion to meet first and what to repeat until then;
- the bench stage lasts one 4-week cycle, then the machine (when there is one), gated by 15–20
  controlled bench reps (the catalogue's ``BEGINNER_PATH``);
- path work is 2–3 sets of 15–20 bodyweight reps with 30–60 s rest, whatever the goal;
- new and novice athletes, and cleared athletes, get no rotation variation harder than the
  machine (no single-leg); cleared athletes rotate through movement-integrity choices (tempo first);
- athletes cleared after screening do movement-integrity work at light load for the first
  ``CONSERVATIVE_WEEKS`` weeks; afterwards a light movement-integrity block opens every session
  and goal loads are capped at "moderate";
- every prescription stays at or below RPE 8 (≥ 2 reps in reserve);
- every 4th week is a deload (fewest sets, one load word lighter); sets climb by one a week inside
  the protocol's range in between; reps are a range to climb by double progression;
- tempos (C-H-E-P seconds) and rest for warm-up, cool-down and path work are ours;
- every kilogram figure is one the athlete's plates make (rounded down); plate-loaded tempo and
  hold blocks count their slower reps as more reps (``effective_reps``), single-leg blocks get
  half the two-leg load per leg, and ramp-up warm-ups half the first work set's load.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from revhyper.domain.errors import InvalidInputError, ScreeningRefusalError
from revhyper.domain.knowledge.exercises import (
    BEGINNER_PATH,
    BEGINNER_REPS_TO_ADVANCE,
    DIFFICULTY_MAX,
    VARIATIONS,
    LoadKind,
)
from revhyper.domain.knowledge.protocols import (
    INTENSITY_TARGETS,
    PROTOCOLS,
    GoalProtocol,
    Intensity,
    RpeTarget,
    at_most,
    lighter,
)
from revhyper.domain.loads import E1RM_MAX_REPS, epley_fraction, percent_1rm
from revhyper.domain.plates import (
    MAX_TARGET_KG,
    PlateInventory,
    heaviest_makeable_kg,
    load_plates,
    standard_inventory,
)
from revhyper.domain.programming.athlete import KnownSet, Profile, ScreeningResult, screen
from revhyper.domain.programming.progression import (
    DEFAULT_LOAD_STEP,
    is_deload_week,
    next_load_kg,
    sets_for_week,
)
from revhyper.domain.tempo import parse_tempo
from revhyper.domain.units import MassUnit, format_load, number_text
from revhyper.domain.vocabulary import Equipment, Goal, Level, VariationId

#: Allowed plan lengths; 6 days leaves at least one rest day a week (our rule).
WEEKS_RANGE = (1, 52)
DAYS_PER_WEEK_RANGE = (1, 6)

#: OUR rule: weeks of floor work before the (gated) bench stage.
FLOOR_WEEKS: Mapping[Level, int] = MappingProxyType({Level.NEW: 3, Level.NOVICE: 2})
#: OUR rule: length of the bench stage before the (gated) machine stage [weeks].
BENCH_STAGE_WEEKS = 4
#: OUR rule: weeks of light movement-integrity work after a cleared screening.
CONSERVATIVE_WEEKS = 2
#: OUR rule: heaviest load word after the conservative weeks, for cleared athletes.
CONSERVATIVE_CAP = Intensity.MODERATE

#: Path work (floor and bench stages): sets are ours, reps are the seed's 15–20, rest is ours.
PATH_SETS = (2, 3)
PATH_REPS: tuple[int, int] = BEGINNER_REPS_TO_ADVANCE
PATH_REST_S = (30, 60)

#: OUR tempos, C-H-E-P seconds (concentric, hold at the top, eccentric, pause at the bottom).
GOAL_TEMPO: Mapping[Goal, str] = MappingProxyType(
    {
        Goal.STRENGTH: "1-1-2-0",
        Goal.MOVEMENT_INTEGRITY: "2-1-3-0",
        Goal.ENDURANCE: "1-0-2-0",
        Goal.HYPERTROPHY: "2-1-2-0",
    }
)
VARIATION_TEMPO: Mapping[VariationId, str] = MappingProxyType(
    {VariationId.TEMPO_REVERSE_HYPER: "3-1-3-1", VariationId.ISOMETRIC_HOLD: "1-5-2-0"}
)
PATH_TEMPO = "2-1-2-0"
WARMUP_TEMPO = "2-0-2-0"
COOLDOWN_TEMPO = "2-1-3-0"

#: OUR preference for the main variation, best first; the first one the equipment allows wins.
PRIMARY_ORDER: tuple[VariationId, ...] = (
    VariationId.MACHINE_REVERSE_HYPER,
    VariationId.GHD_REVERSE_HYPER_BANDED,
    VariationId.BANDED_REVERSE_HYPER,
    VariationId.BENCH_REVERSE_HYPER,
    VariationId.STABILITY_BALL_REVERSE_HYPER,
    VariationId.FLOOR_REVERSE_HYPER,
)

#: OUR choice of second variations per goal, rotated day by day (where the equipment allows).
ROTATION: Mapping[Goal, tuple[VariationId, ...]] = MappingProxyType(
    {
        Goal.STRENGTH: (
            VariationId.SINGLE_LEG_REVERSE_HYPER,
            VariationId.ISOMETRIC_HOLD,
            VariationId.BANDED_REVERSE_HYPER,
        ),
        Goal.MOVEMENT_INTEGRITY: (
            VariationId.TEMPO_REVERSE_HYPER,
            VariationId.ISOMETRIC_HOLD,
            VariationId.BANDED_REVERSE_HYPER,
            VariationId.SINGLE_LEG_REVERSE_HYPER,
        ),
        Goal.ENDURANCE: (
            VariationId.BANDED_REVERSE_HYPER,
            VariationId.STABILITY_BALL_REVERSE_HYPER,
            VariationId.BENCH_REVERSE_HYPER,
        ),
        Goal.HYPERTROPHY: (
            VariationId.TEMPO_REVERSE_HYPER,
            VariationId.SINGLE_LEG_REVERSE_HYPER,
            VariationId.ISOMETRIC_HOLD,
            VariationId.BANDED_REVERSE_HYPER,
        ),
    }
)

#: OUR rule: new and novice athletes get no rotation harder than the machine (difficulty 3 of 5;
#: e.g. no single-leg work).
ROTATION_MAX_DIFFICULTY: Mapping[Level, int] = MappingProxyType({Level.NEW: 3, Level.NOVICE: 3})

#: OUR rule: after a cleared screening, no rotation harder than the machine either.
CONSERVATIVE_MAX_DIFFICULTY = 3

#: OUR spread of training days over a week: day offsets from the week's first day.
DAY_OFFSETS: Mapping[int, tuple[int, ...]] = MappingProxyType(
    {
        1: (0,),
        2: (0, 3),
        3: (0, 2, 4),
        4: (0, 1, 3, 4),
        5: (0, 1, 2, 4, 5),
        6: (0, 1, 2, 3, 4, 5),
    }
)

#: What a block follows, when it is not the goal protocol itself.
BEGINNER_PATH_RULE = "beginner-path"
WARMUP_RULE = "warmup"
COOLDOWN_RULE = "cooldown"


class BlockRole(StrEnum):
    """Where a block sits in a session."""

    WARMUP = "warmup"
    MAIN = "main"
    COOLDOWN = "cooldown"


@dataclass(frozen=True)
class Block:
    """One exercise prescription in a session.

    Attributes:
        role: warm-up, main or cool-down.
        variation: the catalogue variation.
        sets: number of sets.
        reps: reps per set, or (fewest, most) to climb by double progression.
        rest_s: (shortest, longest) rest between sets [s], or None for "as needed".
        load: load guidance in words (intensity, RPE/RIR, kilograms when known).
        tempo: C-H-E-P seconds, or None.
        reason: the protocol or rule the block comes from, one line.
        follows: the rule set the numbers obey: a goal id, ``beginner-path``, ``warmup`` or
            ``cooldown``.
        effort: the RPE/RIR target, or None for warm-up and cool-down.
        condition: what must be true before doing this block (gated stages), or None.
        note: extra instructions, or None.
        load_kg: the load to put on [kg] when the plan can give one (a number the athlete's
            plates make), else None (body weight, bands, or no known set).
    """

    role: BlockRole
    variation: VariationId
    sets: int
    reps: int | tuple[int, int]
    rest_s: tuple[int, int] | None
    load: str
    tempo: str | None
    reason: str
    follows: str
    effort: RpeTarget | None = None
    condition: str | None = None
    note: str | None = None
    load_kg: float | None = None


@dataclass(frozen=True)
class Session:
    """One training day: warm-up, main blocks, cool-down (in that order)."""

    day: int
    date: date | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Week:
    """One week of sessions."""

    number: int
    deload: bool
    sessions: tuple[Session, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A whole plan for one athlete."""

    athlete: Profile
    screening: ScreeningResult
    days_per_week: int
    start: date | None
    weeks: tuple[Week, ...]
    notes: tuple[str, ...]

    @property
    def goal(self) -> Goal:
        """The athlete's goal."""
        return self.athlete.goal


def available_equipment(profile: Profile) -> frozenset[Equipment]:
    """The athlete's equipment plus the floor (OUR rule: everybody has a floor)."""
    return profile.equipment | {Equipment.FLOOR}


def can_do(variation: VariationId, equipment: frozenset[Equipment]) -> bool:
    """True when ``equipment`` meets the catalogue's needs for ``variation``."""
    return VARIATIONS[variation].equipment.is_met_by(equipment)


def check_plan_options(weeks: object, days_per_week: object) -> None:
    """Refuse plan lengths outside 1–52 weeks and 1–6 days per week."""
    _check_whole("weeks", weeks, WEEKS_RANGE, "")
    _check_whole(
        "days per week", days_per_week, DAYS_PER_WEEK_RANGE, " (at least one rest day a week)"
    )


def _check_whole(name: str, value: object, allowed: tuple[int, int], why: str) -> None:
    low, high = allowed
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(
            f"{name} must be a whole number, got {value!r}: allowed {low}–{high}"
        )
    if not low <= value <= high:
        raise InvalidInputError(f"{name} {value} is out of range: allowed {low}–{high}{why}")


# --------------------------------------------------------------------------- stages


@dataclass(frozen=True)
class StageWeek:
    """Which kind of main work a week gets, and what gates it."""

    path_variations: tuple[VariationId, ...]
    condition: str | None


def _floor_criterion_text() -> str:
    stage = BEGINNER_PATH[0]
    if stage.to_advance is None:  # pragma: no cover - the catalogue always has one
        return stage.if_too_hard
    return stage.to_advance.text


def stage_for_week(profile: Profile, week: int) -> StageWeek | None:
    """The beginner-path stage of ``week``, or None when the week follows the goal protocol."""
    if not profile.is_beginner:
        return None
    floor_weeks = FLOOR_WEEKS.get(profile.level, 0)
    if week <= floor_weeks:
        return StageWeek((VariationId.FLOOR_HYPEREXTENSION, VariationId.FLOOR_REVERSE_HYPER), None)
    gate_floor = (
        "only once you have done 15–20 controlled reps of both floor exercises on every set; "
        f"until then repeat week {floor_weeks}'s floor work"
    )
    bench_end = floor_weeks + BENCH_STAGE_WEEKS
    if Equipment.BENCH in profile.equipment and week <= bench_end:
        return StageWeek((VariationId.BENCH_REVERSE_HYPER,), gate_floor)
    if Equipment.BENCH in profile.equipment:
        return StageWeek(
            (),
            "only once you can do 15–20 controlled bench reverse hypers on every set; "
            f"until then repeat week {bench_end}'s bench work",
        )
    return StageWeek((), gate_floor)


# --------------------------------------------------------------------------- variations


def primary_variation(profile: Profile) -> VariationId:
    """The main variation for goal work: the first of ``PRIMARY_ORDER`` the equipment allows."""
    equipment = available_equipment(profile)
    return next(v for v in PRIMARY_ORDER if can_do(v, equipment))


def rotation_variation(
    profile: Profile, day: int, conservative: bool = False
) -> VariationId | None:
    """The second variation of day ``day`` (1-based), rotating through the goal's choices.

    ``conservative`` (after a cleared screening) rotates through the movement-integrity choices
    and, like new and novice levels, leaves out variations harder than the machine.
    """
    equipment = available_equipment(profile)
    primary = primary_variation(profile)
    goal = Goal.MOVEMENT_INTEGRITY if conservative else profile.goal
    hardest = ROTATION_MAX_DIFFICULTY.get(profile.level, DIFFICULTY_MAX)
    if conservative:
        hardest = min(hardest, CONSERVATIVE_MAX_DIFFICULTY)
    choices = [
        v
        for v in ROTATION[goal]
        if v != primary and can_do(v, equipment) and VARIATIONS[v].difficulty <= hardest
    ]
    if not choices:
        return None
    return choices[(day - 1) % len(choices)]


# --------------------------------------------------------------------------- load text


#: OUR rule: a single-leg set gets this fraction of the two-leg plate load, per leg. One hip
#: does the work two did, and hip extension strength scales with the hips working
#: (Anderson et al. 2007, as in ``mechanics.peak_hip_extension_strength_n_m``).
SINGLE_LEG_LOAD_FRACTION = 0.5
#: OUR rule: ramp-up warm-up sets use this fraction of the first work set's load.
WARMUP_LOAD_FRACTION = 0.5
#: Most reps (reps + reps in reserve) the e1RM equations take (``loads.E1RM_MAX_REPS``).
_MOST_REPS_TO_FAILURE = E1RM_MAX_REPS


def effective_reps(variation: VariationId, goal: Goal, reps: int, rpe: float) -> int:
    """Reps a block's set counts as when its load is estimated.

    OUR rule (no source; a time-under-tension reading of the RTS chart): a slow or held rep
    counts as longer work, reps × (rep time at the block's tempo / rep time at the goal's usual
    tempo); e.g. 10 tempo reps at 3-1-3-1 (8 s) in a hypertrophy plan (2-1-2-0, 5 s) are loaded
    like 16 reps. Never past what the e1RM equations take (reps + reps in reserve ≤ 30).
    """
    usual = parse_tempo(GOAL_TEMPO[goal])
    tempo = parse_tempo(VARIATION_TEMPO.get(variation, GOAL_TEMPO[goal]))
    scaled = round(reps * tempo.duration_s / usual.duration_s)
    in_reserve = math.ceil(10.0 - rpe)
    return max(reps, min(scaled, _MOST_REPS_TO_FAILURE - in_reserve))


def machine_load_kg(
    known: KnownSet, reps: int, rpe: float, plates: PlateInventory | None = None
) -> float:
    """A machine load [kg] for ``reps`` at ``rpe`` from a logged machine set, rounded down to a
    load ``plates`` make (a full kilogram gym set by default).

    When both sets fit the RTS chart (1–12 reps, RPE 6.5–10; ``loads.percent_1rm``) the chart is
    used for both. Otherwise (e.g. 15–20 reps, or RPE 6) both use Epley on reps + reps in
    reserve (``loads.estimate_1rm``): %1RM = 1 / (1 + (reps + RIR) / 30).
    """
    return _makeable(_exact_machine_load_kg(known, reps, rpe), plates)


def _exact_machine_load_kg(known: KnownSet, reps: int, rpe: float) -> float:
    """:func:`machine_load_kg` before rounding to the plates [kg]."""
    try:
        fraction_known = percent_1rm(known.reps, known.rpe)
        fraction_target = percent_1rm(reps, rpe)
    except InvalidInputError:
        fraction_known = _epley_fraction(known.reps, known.rpe)
        fraction_target = _epley_fraction(reps, rpe)
    return known.load_kg / fraction_known * fraction_target


def _makeable(load_kg: float, plates: PlateInventory | None) -> float:
    """The heaviest load [kg] ``plates`` make that is not above ``load_kg`` (0 when none)."""
    if load_kg <= 0:
        return 0.0
    kit = plates or standard_inventory(MassUnit.KG)
    return round(heaviest_makeable_kg(min(load_kg, MAX_TARGET_KG), kit), 6)


def fraction_of_max(reps: int, rpe: float) -> float:
    """Fraction of a one-rep max for ``reps`` at ``rpe``: RTS chart, or Epley outside it."""
    try:
        return percent_1rm(reps, rpe)
    except InvalidInputError:
        return _epley_fraction(reps, rpe)


def _epley_fraction(reps: int, rpe: float) -> float:
    # Not rounded to whole reps: round(17.5) == 18 loaded 15 reps at RPE 7.5 like 15 at RPE 7.
    return epley_fraction(reps + (10.0 - rpe))


def typical_machine_load_kg(profile: Profile, reps: int, rpe: float) -> float | None:
    """A plate load [kg] on a typical machine from body mass and height, or None if unknown.

    Uses ``mechanics.plate_load_for_relative_effort`` with the effort fraction
    ``fraction_of_max(reps, rpe)``; without a known sex the lighter of the two estimates is used.
    None when body mass or height is missing or outside the mechanics model's range. Rounded
    down to a load the athlete's plates make.
    """
    if profile.body_mass_kg is None or profile.height_m is None:
        return None
    # Imported here: the mechanics model needs NumPy, which commands that never plan (logging,
    # history) should not pay for at start-up.
    from revhyper.domain.body.mechanics import plate_load_for_relative_effort

    sexes = [profile.sex.value] if profile.sex is not None else ["male", "female"]
    effort = fraction_of_max(reps, rpe)
    try:
        loads = [
            plate_load_for_relative_effort(profile.body_mass_kg, profile.height_m, effort, sex)
            for sex in sexes
        ]
    except InvalidInputError:
        return None
    return _makeable(min(loads), profile.inventory)


def _kilogram_text(
    profile: Profile, variation: VariationId, goal: Goal, reps: int, target: RpeTarget
) -> tuple[str, float] | None:
    """The load text and the plate load [kg] of a plate-loaded block, or None when nothing
    gives one. Tempo and held reps count as more reps (``effective_reps``); a single-leg set
    gets ``SINGLE_LEG_LOAD_FRACTION`` of the two-leg load, per leg."""
    unit = profile.unit
    rpe = target.rpe_high
    counted = effective_reps(variation, goal, reps, rpe)
    fraction = (
        SINGLE_LEG_LOAD_FRACTION if variation is VariationId.SINGLE_LEG_REVERSE_HYPER else 1.0
    )
    how = _adjustment_text(variation, reps, counted)
    if profile.known_set is not None:
        exact = _exact_machine_load_kg(profile.known_set, counted, rpe) * fraction
        kilograms = _makeable(exact, profile.inventory)
        heavier = _makeable(next_load_kg(kilograms), profile.inventory)
        step = (
            f"about {format_load(heavier, unit)}"
            if heavier > kilograms
            else "the smallest plate more"
        )
        start = f"about {format_load(kilograms, unit)}" if kilograms > 0 else "the empty arm"
        return (
            f"{start}{how}, from your set of {profile.known_set.describe(unit)}; once every "
            f"set reaches {reps} reps, go to {step}"
        ), kilograms
    estimate = typical_machine_load_kg(profile, counted, rpe)
    if estimate is not None:
        estimate = _makeable(estimate * fraction, profile.inventory)
    if estimate is not None and estimate > 0:
        return (
            f"about {format_load(estimate, unit)}{how} on a typical machine, a rough estimate "
            "from body mass and height: adjust to the RPE target"
        ), estimate
    return None


def _adjustment_text(variation: VariationId, reps: int, counted: int) -> str:
    parts = []
    if variation is VariationId.SINGLE_LEG_REVERSE_HYPER:
        parts.append(f"per leg, {SINGLE_LEG_LOAD_FRACTION:.0%} of the two-leg load")
    if counted > reps:
        kind = "held" if variation is VariationId.ISOMETRIC_HOLD else "slow"
        parts.append(f"{reps} {kind} reps loaded like {counted}")
    return f" ({'; '.join(parts)})" if parts else ""


def _effort_text(profile: Profile, variation: VariationId, intensity: Intensity) -> str:
    words = f"{intensity.value}, {INTENSITY_TARGETS[intensity].describe()}"
    kinds = VARIATIONS[variation].load_kinds_with(available_equipment(profile))
    if LoadKind.PLATES in kinds:
        return f"{words}; plates on the swing arm"
    if LoadKind.BANDS in kinds:
        return f"{words}; pick the band that leaves that many reps in reserve"
    return f"body weight; {words}"


def load_text(
    profile: Profile, variation: VariationId, intensity: Intensity, reps: tuple[int, int]
) -> str:
    """Load guidance: the words, the RPE/RIR target and, on the machine, kilograms if known.

    Kilograms are for the top of the rep range at the top of the RPE band, so the bottom of the
    range is easier and reaching the top never asks for more than the target. Loads are shown
    in the athlete's unit.
    """
    return prescribed_load(profile, variation, intensity, reps)[0]


def prescribed_load(
    profile: Profile,
    variation: VariationId,
    intensity: Intensity,
    reps: tuple[int, int],
    goal: Goal | None = None,
) -> tuple[str, float | None]:
    """:func:`load_text` and the load [kg] it names, or None when it names none.

    ``goal`` is the protocol the block follows (its usual tempo); the athlete's by default.
    """
    text = _effort_text(profile, variation, intensity)
    load_kg: float | None = None
    kinds = VARIATIONS[variation].load_kinds_with(available_equipment(profile))
    if LoadKind.PLATES in kinds:
        kilograms = _kilogram_text(
            profile, variation, goal or profile.goal, reps[1], INTENSITY_TARGETS[intensity]
        )
        if kilograms:
            text = f"{text} ({kilograms[0]})"
            load_kg = kilograms[1]
    return text, load_kg


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class _WeekContext:
    profile: Profile
    week: int
    deload: bool
    conservative_weeks: bool
    cleared_after_screening: bool


def _goal_block(
    ctx: _WeekContext,
    variation: VariationId,
    protocol: GoalProtocol,
    cap: Intensity | None,
    fewest_sets: bool = False,
) -> Block:
    intensity = protocol.intensity
    if ctx.deload:
        intensity = lighter(intensity)
    if cap is not None:
        intensity = at_most(intensity, cap)
    target = INTENSITY_TARGETS[intensity]
    tempo = VARIATION_TEMPO.get(variation, GOAL_TEMPO[protocol.goal])
    reason = _goal_reason(ctx, protocol, cap)
    note = None
    if variation is VariationId.ISOMETRIC_HOLD:
        note = "hold each rep about 5 s at the top, legs parallel to the floor"
    load, load_kg = prescribed_load(ctx.profile, variation, intensity, protocol.reps, protocol.goal)
    return Block(
        role=BlockRole.MAIN,
        variation=variation,
        sets=protocol.sets[0] if fewest_sets else sets_for_week(ctx.week, protocol.sets),
        reps=protocol.reps,
        rest_s=protocol.rest_s,
        load=load,
        tempo=tempo,
        reason=reason,
        follows=protocol.goal.value,
        effort=target,
        note=note,
        load_kg=load_kg,
    )


def _goal_reason(ctx: _WeekContext, protocol: GoalProtocol, cap: Intensity | None) -> str:
    low_sets, high_sets = protocol.sets
    low_reps, high_reps = protocol.reps
    rest = "rest as needed"
    if protocol.rest_s is not None:
        rest = f"rest {protocol.rest_s[0]}–{protocol.rest_s[1]} s"
    reason = (
        f"{protocol.goal.value} protocol (seed): {low_sets}–{high_sets} × {low_reps}–{high_reps}, "
        f"{protocol.intensity.value}, {rest}; climb to {high_reps} reps, then progress"
    )
    if ctx.deload:
        reason += "; deload week (our rule: every 4th week, fewer sets, lighter)"
    if cap is not None:
        reason += f"; conservative start after screening: load capped at {cap.value} (our rule)"
    return reason


def _path_block(ctx: _WeekContext, variation: VariationId, condition: str | None) -> Block:
    sets = sets_for_week(ctx.week, PATH_SETS)
    intensity = Intensity.LIGHT_TO_MODERATE if not ctx.deload else Intensity.LIGHT
    target = INTENSITY_TARGETS[intensity]
    stage = "floor" if variation is not VariationId.BENCH_REVERSE_HYPER else "bench"
    reason = (
        f"beginner path (seed), {stage} stage: 15–20 controlled reps, slow, never explosive; "
        "bend the knees slightly if too hard"
    )
    return Block(
        role=BlockRole.MAIN,
        variation=variation,
        sets=sets,
        reps=PATH_REPS,
        rest_s=PATH_REST_S,
        load=f"body weight; {intensity.value}, {target.describe()}",
        tempo=PATH_TEMPO,
        reason=reason,
        follows=BEGINNER_PATH_RULE,
        effort=target,
        condition=condition,
        note=_floor_criterion_text(),
    )


def _main_blocks(ctx: _WeekContext, day: int) -> list[Block]:
    stage = stage_for_week(ctx.profile, ctx.week)
    if stage is not None and stage.path_variations:
        return [_path_block(ctx, v, stage.condition) for v in stage.path_variations]
    condition = stage.condition if stage is not None else None
    blocks = _goal_or_conservative_blocks(ctx, day)
    if condition is None:
        return blocks
    return [_with_condition(block, condition) for block in blocks]


def _with_condition(block: Block, condition: str) -> Block:
    return Block(**{**block.__dict__, "condition": condition})


def _goal_or_conservative_blocks(ctx: _WeekContext, day: int) -> list[Block]:
    profile = ctx.profile
    primary = primary_variation(profile)
    second = rotation_variation(profile, day, conservative=ctx.cleared_after_screening)
    integrity = PROTOCOLS[Goal.MOVEMENT_INTEGRITY]
    if ctx.conservative_weeks:
        variations = [primary] + ([second] if second is not None else [])
        return [_goal_block(ctx, v, integrity, Intensity.LIGHT) for v in variations]
    goal_protocol = PROTOCOLS[profile.goal]
    if ctx.cleared_after_screening:
        opener = _goal_block(ctx, second or primary, integrity, Intensity.LIGHT, fewest_sets=True)
        return [opener, _goal_block(ctx, primary, goal_protocol, CONSERVATIVE_CAP)]
    blocks = [_goal_block(ctx, primary, goal_protocol, None)]
    if second is not None:
        blocks.append(_goal_block(ctx, second, goal_protocol, None))
    return blocks


def warmup_load(profile: Profile, work_load_kg: float | None) -> tuple[str, float | None]:
    """The ramp-up sets' load text and load [kg]: ``WARMUP_LOAD_FRACTION`` of the first work
    set's load, rounded down to the athlete's plates, with the plates to put on."""
    easy = "easy: RPE 4–5"
    if work_load_kg is None or work_load_kg <= 0:
        return f"well under your work sets (about half the load, or a lighter band), {easy}", None
    inventory = profile.inventory
    half = _makeable(work_load_kg * WARMUP_LOAD_FRACTION, inventory)
    work = format_load(work_load_kg, profile.unit)
    share = f"{WARMUP_LOAD_FRACTION:.0%} of your first work set's {work}"
    if half <= 0:
        return f"the empty arm ({share}), {easy}", 0.0
    loading = load_plates(half, inventory)
    plates = " + ".join(number_text(p) for p in loading.plates)
    return (
        f"about {format_load(half, profile.unit)} (plates: {plates} {inventory.unit.value}; "
        f"{share}), {easy}",
        half,
    )


def _warmup_blocks(first_main: Block, profile: Profile) -> list[Block]:
    general = Block(
        role=BlockRole.WARMUP,
        variation=VariationId.FLOOR_HYPEREXTENSION,
        sets=1,
        reps=10,
        rest_s=None,
        load="body weight, easy",
        tempo=WARMUP_TEMPO,
        reason="seed: always warm up and stretch before reverse hypers",
        follows=WARMUP_RULE,
        note=(
            "first 5 minutes of easy cardio, then dynamic stretches for hips and hamstrings "
            "(leg swings, hip-flexor lunge stretch)"
        ),
    )
    if not VARIATIONS[first_main.variation].loadable:
        return [general]
    ramp_load, ramp_kg = warmup_load(profile, first_main.load_kg)
    ramp = Block(
        role=BlockRole.WARMUP,
        variation=first_main.variation,
        sets=2,
        reps=8,
        rest_s=(60, 90),
        load=ramp_load,
        tempo=WARMUP_TEMPO,
        reason="ramp-up sets before the first work set (our rule)",
        follows=WARMUP_RULE,
        condition=first_main.condition,
        load_kg=ramp_kg,
    )
    return [general, ramp]


def _cooldown_block(first_main: Block) -> Block:
    variation = first_main.variation
    load = "no added load (empty swing arm or no band), easy swing under control"
    if not VARIATIONS[variation].loadable:
        load = "body weight, easy"
    return Block(
        role=BlockRole.COOLDOWN,
        variation=variation,
        sets=1,
        reps=10,
        rest_s=None,
        load=load,
        tempo=COOLDOWN_TEMPO,
        reason=(
            "seed: lower the weight under control after the last rep; the easy lowering "
            "stretches and unloads the lower back"
        ),
        follows=COOLDOWN_RULE,
        condition=first_main.condition,
        note="then 5 minutes of static stretches for hamstrings, glutes and hip flexors",
    )


def _session(ctx: _WeekContext, day: int, session_date: date | None) -> Session:
    main = _main_blocks(ctx, day)
    blocks = [*_warmup_blocks(main[0], ctx.profile), *main, _cooldown_block(main[0])]
    return Session(day=day, date=session_date, blocks=tuple(blocks))


# --------------------------------------------------------------------------- plan


def _week_notes(profile: Profile, week: int, deload: bool, ctx: _WeekContext) -> tuple[str, ...]:
    notes: list[str] = []
    if deload:
        notes.append("Deload week (our rule, every 4th week): fewest sets and a lighter load.")
    if ctx.conservative_weeks:
        notes.append(
            "Conservative start after screening: light movement-integrity work only this week."
        )
    stage = stage_for_week(profile, week)
    if stage is not None and stage.condition is not None:
        notes.append(f"Gated week: do this {stage.condition}.")
    return tuple(notes)


def _plan_notes(profile: Profile, screening: ScreeningResult) -> tuple[str, ...]:
    notes = [
        "Warm up and stretch before every session (seed).",
        "Move slowly and under control, never with explosive momentum (seed).",
        "Never at or near your maximal load: every set stops at RPE 8 or lower, "
        "2+ reps in reserve (our rule from the seed's advice).",
        "Double progression: climb to the top of the rep range on every set, then add "
        f"{DEFAULT_LOAD_STEP:.0%} load (ACSM 2009: steps of 2–10 %).",
        "Every 4th week is a deload week (our rule).",
    ]
    if screening.conservative_start:
        why = "; ".join(screening.reasons)
        notes.insert(
            0,
            f"Cleared after screening ({why}): conservative start — light loads and "
            f"movement-integrity work first for {CONSERVATIVE_WEEKS} weeks, then loads capped "
            f"at {CONSERVATIVE_CAP.value}. Stop and see your doctor if pain returns or grows.",
        )
    if profile.is_beginner:
        notes.insert(
            0,
            "Beginner path (seed): floor hyperextensions and floor reverse hypers first; move "
            "to the bench, then the machine, only once you do 15–20 controlled reps on every "
            "set. " + BEGINNER_PATH[0].if_too_hard,
        )
    return tuple(notes)


def generate_plan(
    profile: Profile,
    weeks: int,
    days_per_week: int,
    start: date | None = None,
) -> Plan:
    """A plan of ``weeks`` weeks with ``days_per_week`` sessions each.

    Args:
        profile: the athlete (already validated by ``Profile``).
        weeks: plan length, 1–52.
        days_per_week: sessions per week, 1–6.
        start: the date of the first session; None leaves sessions undated.

    Raises:
        InvalidInputError: weeks or days per week out of range.
        ScreeningRefusalError: screening needs a clearance the athlete does not have.
    """
    check_plan_options(weeks, days_per_week)
    screening = screen(profile)
    if screening.refused:
        raise ScreeningRefusalError(screening.refusal_message())
    plan_weeks = tuple(
        _week(profile, screening, number, days_per_week, start) for number in range(1, weeks + 1)
    )
    return Plan(
        athlete=profile,
        screening=screening,
        days_per_week=days_per_week,
        start=start,
        weeks=plan_weeks,
        notes=_plan_notes(profile, screening),
    )


def _week(
    profile: Profile,
    screening: ScreeningResult,
    number: int,
    days_per_week: int,
    start: date | None,
) -> Week:
    deload = is_deload_week(number)
    ctx = _WeekContext(
        profile=profile,
        week=number,
        deload=deload,
        conservative_weeks=screening.conservative_start and number <= CONSERVATIVE_WEEKS,
        cleared_after_screening=screening.conservative_start,
    )
    sessions = tuple(
        _session(ctx, day, _session_date(start, number, offset))
        for day, offset in enumerate(DAY_OFFSETS[days_per_week], start=1)
    )
    return Week(number, deload, sessions, _week_notes(profile, number, deload, ctx))


def _session_date(start: date | None, week: int, offset: int) -> date | None:
    if start is None:
        return None
    return start + timedelta(days=7 * (week - 1) + offset)


def main_blocks(plan: Plan) -> Sequence[Block]:
    """Every main block of the plan, in order."""
    return [
        block
        for week in plan.weeks
        for session in week.sessions
        for block in session.blocks
        if block.role is BlockRole.MAIN
    ]
