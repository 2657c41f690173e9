"""The next session's prescription: the plan, adjusted by what the log says happened.

Rules, in the order they are applied (each reason the result carries names its rule):

1. **Back pain first** (``PAIN_RULES``; OUR thresholds, kept as data here):
   a set with pain during it at or above ``during_threshold`` (4/10), or a session that left the
   back ``after_rise`` (2) points worse than before, regresses the next session: a lighter load
   (``regress_load_fraction``), the previous, easier stage of the beginner path when the
   equipment allows it, and the movement-integrity protocol (3–4 × 8–10, light to moderate,
   controlled speed; seed). When ``repeat_count`` (2) of the last ``repeat_window`` (3) sessions
   had such pain, progression stops and the athlete is told to see a doctor or
   physiotherapist — the seed's advice for anyone with back trouble.
2. **Form counts**: a set whose linked analysis found ``short_rom`` or ``uncontrolled_descent``
   does not count as reaching the top of the rep range.
3. **Effort counts**: a set rated above the target RPE does not count as reaching the top either,
   and a target exceeded means the load is held (or reduced when reps also fell short).
4. **Double progression and the NSCA 2-for-2 rule**
   (:mod:`revhyper.domain.programming.progression`): every
   set at the top of the range, or the last set 2+ reps over the top in two consecutive
   sessions, raises the load by a step within ACSM's 2–10 %; the best set below the range lowers
   it by one step; otherwise the load is held and the athlete adds reps. Every new load is one
   the athlete's plates make (``LoadKit``), rounded down; when no makeable load lies within
   2–10 % the load is held.
5. **Beginner path** (:data:`revhyper.domain.knowledge.exercises.BEGINNER_PATH`, seed): floor work
   moves to
   the bench and the bench to the machine once a set reaches 15–20 controlled reps.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.knowledge.exercises import (
    BEGINNER_PATH,
    BEGINNER_REPS_TO_ADVANCE,
    get_variation,
)
from revhyper.domain.knowledge.protocols import PROTOCOLS, GoalProtocol
from revhyper.domain.plates import (
    PlateInventory,
    heaviest_makeable_kg,
    lightest_makeable_at_least_kg,
    standard_inventory,
)
from revhyper.domain.programming.progression import (
    ACSM_LOAD_STEP_RANGE,
    DEFAULT_LOAD_STEP,
    LoadDecision,
    double_progression,
    next_load_kg,
    two_for_two_met,
)
from revhyper.domain.training.log import SessionRecord, SessionStatus, SetRecord
from revhyper.domain.units import MassUnit, format_load
from revhyper.domain.vocabulary import Equipment, Fault, Goal, VariationId


@dataclass(frozen=True)
class PainRules:
    """OUR back-pain safety thresholds (the seed gives none; it says to see a doctor).

    Attributes:
        during_threshold: pain during a set at or above this regresses the next session (0–10).
        after_rise: pain after the session this many points above pain before regresses it.
        repeat_window: how many of the latest sessions are looked at for repeated pain.
        repeat_count: that many painful sessions in the window stop progression.
        regress_load_fraction: the regressed load as a fraction of the last one (0.8 = 20 % off).
    """

    during_threshold: int = 4
    after_rise: int = 2
    repeat_window: int = 3
    repeat_count: int = 2
    regress_load_fraction: float = 0.8

    def stops_exercise(self, pain_during: int | None) -> bool:
        """True when pain during a set (0–10) means: stop this exercise for today.

        It is the same line that regresses the next session (``during_threshold``).
        """
        return pain_during is not None and pain_during >= self.during_threshold

    def rose_too_much(self, before: int | None, after: int | None) -> bool:
        """True when pain after a session (0–10) rose ``after_rise`` or more above before."""
        return before is not None and after is not None and after - before >= self.after_rise


PAIN_RULES = PainRules()

#: Form faults after which a set does not count as reaching the top of the rep range.
NOT_COUNTED_FAULTS: frozenset[Fault] = frozenset({Fault.SHORT_ROM, Fault.UNCONTROLLED_DESCENT})

#: OUR rule: a set rated this many RPE points above the target lowers the load by one step
#: (RPE 10 against a target of 8 is the near-maximal effort the seed warns against).
RPE_REDUCE_MARGIN = 2.0

#: Faults that make beginner reps "not controlled" (seed: slow and controlled, no momentum).
UNCONTROLLED_FAULTS: frozenset[Fault] = NOT_COUNTED_FAULTS


class Rule(StrEnum):
    """The rule behind each reason."""

    PLAN = "plan"
    DOUBLE_PROGRESSION = "double-progression"
    LOAD_INCREASE = "load-increase"
    TWO_FOR_TWO = "nsca-2-for-2"
    RPE_ABOVE_TARGET = "rpe-above-target"
    REPS_SHORT = "reps-short"
    FORM_FAULT = "form-fault"
    BEGINNER_PATH = "beginner-path"
    BODYWEIGHT_TOP = "bodyweight-top"
    PAIN_DURING_SET = "pain-during-set"
    PAIN_AFTER_SESSION = "pain-after-session"
    REPEATED_PAIN = "repeated-pain"


@dataclass(frozen=True)
class Reason:
    """Why the prescription is what it is: the rule and a sentence with the numbers."""

    rule: Rule
    text: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.text}"


@dataclass(frozen=True)
class PlannedPrescription:
    """One main block of the plan, as the adaptation needs it.

    Attributes:
        variation: the planned variation.
        sets: planned sets.
        reps: the rep range (fewest, most).
        goal: the goal protocol the block follows.
        load_kg: planned load [kg], or ``None`` when the plan gives only words.
        load_text: the plan's load guidance (words).
        target_rpe: highest RPE the plan wants, or ``None``.
        rest_s: rest range [s] or ``None`` for "as needed".
        tempo: tempo text (e.g. ``"3-1-3-1"``) or ``None``.
        hold_s: isometric hold at the top [s] or ``None``.
    """

    variation: VariationId
    sets: int
    reps: tuple[int, int]
    goal: Goal
    load_kg: float | None = None
    load_text: str = ""
    target_rpe: float | None = None
    rest_s: tuple[int, int] | None = None
    tempo: str | None = None
    hold_s: float | None = None

    def __post_init__(self) -> None:
        low, high = self.reps
        if not (1 <= low <= high <= 100):
            raise InvalidInputError(
                f"rep range {low}-{high} is not allowed: use 1 <= min <= max <= 100"
            )
        if not (1 <= self.sets <= 20):
            raise InvalidInputError(f"sets {self.sets} is not allowed: use 1 to 20")


@dataclass(frozen=True)
class AdjustedPrescription:
    """What to do next session, and why.

    Attributes:
        variation: the variation to do.
        sets: sets to do.
        reps: the rep range (fewest, most).
        target_reps: reps to aim for in each set this time (inside ``reps``).
        goal: the protocol followed (movement integrity after a pain regression).
        load_kg: load [kg], or ``None`` when none can be given (body weight, words only).
        load_text: the load in words.
        target_rpe: highest RPE to reach, or ``None``.
        rest_s: rest range [s] or ``None`` for "as needed".
        tempo: tempo text or ``None``.
        hold_s: isometric hold [s] or ``None``.
        reasons: every rule that shaped this prescription, in order.
        progression_stopped: repeated pain: no load or variation increase until cleared.
        see_professional: the athlete should see a doctor or physiotherapist.
    """

    variation: VariationId
    sets: int
    reps: tuple[int, int]
    target_reps: int
    goal: Goal
    load_kg: float | None
    load_text: str
    target_rpe: float | None
    rest_s: tuple[int, int] | None
    tempo: str | None
    hold_s: float | None
    reasons: tuple[Reason, ...]
    progression_stopped: bool = False
    see_professional: bool = False

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules applied, in order."""
        return tuple(reason.rule for reason in self.reasons)


# --------------------------------------------------------------------------- reading the log


def performed_sessions(history: Iterable[SessionRecord]) -> list[SessionRecord]:
    """Sessions that happened (performed or in progress), oldest first."""
    done = [s for s in history if s.status is not SessionStatus.PLANNED]
    return sorted(done, key=lambda s: (s.day, s.id or 0))


def pain_flags(session: SessionRecord, rules: PainRules = PAIN_RULES) -> list[Reason]:
    """The pain reasons one session raises (empty when its pain stayed below the thresholds)."""
    flags: list[Reason] = []
    worst = session.max_pain_during
    if rules.stops_exercise(worst):
        flags.append(
            Reason(
                Rule.PAIN_DURING_SET,
                f"back pain {worst}/10 during a set on {session.day.isoformat()} "
                f"(regress at {rules.during_threshold}/10 or more)",
            )
        )
    before, after = session.pain_before, session.pain_after
    if rules.rose_too_much(before, after):
        flags.append(
            Reason(
                Rule.PAIN_AFTER_SESSION,
                f"back pain rose from {before}/10 before to {after}/10 after the session on "
                f"{session.day.isoformat()} (regress at a rise of {rules.after_rise} or more)",
            )
        )
    return flags


def _faults(record: SetRecord) -> frozenset[Fault]:
    return frozenset(Fault(code) for code in record.faults)


def _rpe_above(record: SetRecord, target_rpe: float | None) -> bool:
    rpe = record.effective_rpe
    return target_rpe is not None and rpe is not None and rpe > target_rpe


def counted_reps(record: SetRecord, top: int, target_rpe: float | None) -> int:
    """Reps that count towards the top of the range: a faulted or too-hard set stops one short."""
    if _faults(record) & NOT_COUNTED_FAULTS or _rpe_above(record, target_rpe):
        return min(record.reps, top - 1)
    return record.reps


def _sets_of(session: SessionRecord, variation: VariationId) -> list[SetRecord]:
    return [s for s in session.working_sets if s.variation == variation]


# --------------------------------------------------------------------------- load arithmetic


#: How far a load may miss ACSM's 2 % or 10 % and still count as within them [kg]: a milligram,
#: far below any plate, and far above the float noise of converting pounds and plate sums (the
#: plate search itself tolerates about 5e-8 kg; with 1e-9 here, a load it found "at least +2 %"
#: could be refused as 2e-8 kg short and the athlete's load held).
STEP_TOLERANCE_KG = 1e-6


def increased_load_kg(load_kg: float, plates: PlateInventory | None = None) -> float | None:
    """One ACSM step up from ``load_kg`` [kg] that ``plates`` can make, or ``None``.

    The default 5 % step, rounded down to a load the plates make; when that is below ACSM's
    2 % (light loads, coarse plates), the lightest makeable load from 2 % up. ``None`` when no
    makeable load lies within 2–10 % (e.g. 5 kg with 1.25 kg as the smallest plate).
    ``plates`` defaults to a full kilogram gym set.
    """
    if load_kg <= 0:
        return None
    kit = plates or standard_inventory(MassUnit.KG)
    low, high = (load_kg * (1 + step) for step in ACSM_LOAD_STEP_RANGE)
    wanted = next_load_kg(load_kg, DEFAULT_LOAD_STEP)
    candidate: float | None = heaviest_makeable_kg(wanted, kit)
    if candidate is None or candidate < low - STEP_TOLERANCE_KG:
        candidate = lightest_makeable_at_least_kg(low, kit)
    if candidate is not None and low - STEP_TOLERANCE_KG <= candidate <= high + STEP_TOLERANCE_KG:
        return round(candidate, 6)
    return None


def step_down_text(last_load_kg: float, new_load_kg: float) -> str:
    """How far a step down went, e.g. "5 % step down" or, when the plates could not make
    the 5 % step, "6.25 % step down: 5 % rounded to the plates" (loads [kg])."""
    actual = 100 * (last_load_kg - new_load_kg) / last_load_kg if last_load_kg > 0 else 0.0
    planned = 100 * DEFAULT_LOAD_STEP
    if abs(actual - planned) < 0.005:
        return f"{planned:g} % step down"
    return f"{actual:.3g} % step down: {planned:g} % rounded to the plates"


def reduced_load_kg(load_kg: float, fraction: float, plates: PlateInventory | None = None) -> float:
    """``load_kg`` × ``fraction`` [kg] rounded down to a load ``plates`` can make (≥ 0).

    ``plates`` defaults to a full kilogram gym set.
    """
    wanted = load_kg * fraction
    if wanted <= 0:
        return 0.0
    return round(heaviest_makeable_kg(wanted, plates or standard_inventory(MassUnit.KG)), 6)


@dataclass(frozen=True)
class LoadKit:
    """What prescribed loads are made from and shown in: the athlete's plates and unit."""

    plates: PlateInventory
    unit: MassUnit = MassUnit.KG

    def text(self, load_kg: float) -> str:
        """``load_kg`` [kg] in the athlete's unit, e.g. ``"37.5 kg"`` or ``"85 lb"``."""
        return format_load(load_kg, self.unit)


#: A kilogram athlete in a commercial gym.
DEFAULT_KIT = LoadKit(standard_inventory(MassUnit.KG))


# --------------------------------------------------------------------------- beginner path

_PATH_ORDER: tuple[VariationId, ...] = tuple(stage.variation for stage in BEGINNER_PATH)


def _equipment_allows(variation: VariationId, equipment: frozenset[Equipment] | None) -> bool:
    return equipment is None or get_variation(variation).equipment.is_met_by(equipment)


def _level(variation: VariationId) -> int:
    """Where a variation sits on the path: its catalogue difficulty (floor 1, bench 2,
    machine 3); the two floor exercises share a level and are done side by side."""
    return get_variation(variation).difficulty


def _later_path_stage(
    current: VariationId, equipment: frozenset[Equipment] | None
) -> VariationId | None:
    """The next level of the path (floor → bench → machine) the equipment allows, skipping
    a level it does not."""
    index = _PATH_ORDER.index(current)
    for candidate in _PATH_ORDER[index + 1 :]:
        if _level(candidate) > _level(current) and _equipment_allows(candidate, equipment):
            return candidate
    return None


def _easier_variation(
    current: VariationId, equipment: frozenset[Equipment] | None
) -> VariationId | None:
    """An easier variation the equipment allows: the previous stage of the beginner path, or,
    off the path, the most advanced path stage rated easier than ``current``."""
    if current in _PATH_ORDER:
        candidates = list(reversed(_PATH_ORDER[: _PATH_ORDER.index(current)]))
    else:
        difficulty = get_variation(current).difficulty
        candidates = [v for v in reversed(_PATH_ORDER) if get_variation(v).difficulty < difficulty]
    for candidate in candidates:
        if _equipment_allows(candidate, equipment):
            return candidate
    return None


def _path_variation(
    planned: VariationId, sessions: Sequence[SessionRecord]
) -> tuple[VariationId, str | None]:
    """Where a beginner stands on the path: never below the highest level logged, and never
    on the plan's higher level before the criterion is met there (the plan's stages are gated).
    Among variations of one level, the latest logged one stands for it.
    """
    if planned not in _PATH_ORDER:
        return planned, None
    logged = [
        record.variation
        for session in sessions
        for record in session.sets
        if record.variation in _PATH_ORDER
    ]
    if not logged:
        return planned, None
    top = max(_level(v) for v in logged)
    stage = [v for v in logged if _level(v) == top][-1]
    if top > _level(planned):
        return stage, f"already moved on to {stage} (the plan says {planned})"
    if top == _level(planned):
        return planned, None
    fewest, most = BEGINNER_REPS_TO_ADVANCE
    return stage, (
        f"the plan moves on to {planned} once {stage} reaches {fewest}–{most} controlled "
        f"reps; until then, {stage}"
    )


def beginner_criterion_met(sets: Sequence[SetRecord]) -> SetRecord | None:
    """A set with 15–20+ controlled reps (no form fault saying otherwise), or ``None``.

    Source: seed, "Advice for Beginners" (15 to 20 reps before moving on to the bench).
    """
    fewest = BEGINNER_REPS_TO_ADVANCE[0]
    for record in sets:
        if record.reps >= fewest and not (_faults(record) & UNCONTROLLED_FAULTS):
            return record
    return None


# --------------------------------------------------------------------------- the rules


def _from_plan(planned: PlannedPrescription) -> AdjustedPrescription:
    return AdjustedPrescription(
        variation=planned.variation,
        sets=planned.sets,
        reps=planned.reps,
        target_reps=planned.reps[0],
        goal=planned.goal,
        load_kg=planned.load_kg,
        load_text=planned.load_text,
        target_rpe=planned.target_rpe,
        rest_s=planned.rest_s,
        tempo=planned.tempo,
        hold_s=planned.hold_s,
        reasons=(),
    )


def _last_load_kg(sets: Sequence[SetRecord]) -> float | None:
    loads = [s.load_kg for s in sets if s.load_kg > 0]
    return max(loads) if loads else None


def _regressed_load_text(
    variation: VariationId, protocol: GoalProtocol, load_kg: float | None, load_kit: LoadKit
) -> str:
    if load_kg is not None:
        return f"{load_kit.text(load_kg)} ({protocol.intensity})"
    if get_variation(variation).loadable:
        return f"{protocol.intensity}"
    return "body weight, slow and controlled"


def _regress(
    base: AdjustedPrescription,
    last_load: float | None,
    flags: list[Reason],
    equipment: frozenset[Equipment] | None,
    rules: PainRules,
    load_kit: LoadKit,
) -> AdjustedPrescription:
    """Lighter load, easier variation, movement-integrity protocol."""
    protocol: GoalProtocol = PROTOCOLS[Goal.MOVEMENT_INTEGRITY]
    reasons = list(flags)
    easier = _easier_variation(base.variation, equipment)
    variation = easier or base.variation
    reference_load = last_load if last_load is not None else base.load_kg
    load_kg: float | None = None
    if easier is None and reference_load is not None and get_variation(variation).loadable:
        load_kg = reduced_load_kg(reference_load, rules.regress_load_fraction, load_kit.plates)
    change = f"easier variation {variation}" if easier else f"same variation {variation}"
    if load_kg is not None and reference_load is not None:
        change += f", load {load_kit.text(reference_load)} → {load_kit.text(load_kg)}"
    reasons.append(
        Reason(
            flags[0].rule,
            f"next session regressed: {change}, movement-integrity work "
            f"({protocol.sets[0]}×{protocol.reps[0]}–{protocol.reps[1]}, "
            f"{protocol.intensity} load, {protocol.speed})",
        )
    )
    return replace(
        base,
        variation=variation,
        sets=protocol.sets[0],
        reps=protocol.reps,
        target_reps=protocol.reps[0],
        goal=Goal.MOVEMENT_INTEGRITY,
        load_kg=load_kg,
        load_text=_regressed_load_text(variation, protocol, load_kg, load_kit),
        target_rpe=protocol.effort.rpe_high,
        rest_s=protocol.rest_s,
        tempo=None,
        hold_s=None,
        reasons=tuple(reasons),
    )


def _pain_rule(
    base: AdjustedPrescription,
    sessions: Sequence[SessionRecord],
    equipment: frozenset[Equipment] | None,
    rules: PainRules,
    load_kit: LoadKit,
) -> AdjustedPrescription | None:
    """The regressed prescription when pain calls for it, else ``None``."""
    if not sessions:
        return None
    window = sessions[-rules.repeat_window :]
    painful = [s for s in window if pain_flags(s, rules)]
    latest_flags = pain_flags(sessions[-1], rules)
    if len(painful) < rules.repeat_count and not latest_flags:
        return None
    flags = latest_flags or pain_flags(painful[-1], rules)
    last_load = _last_load_kg(_sets_of(sessions[-1], base.variation))
    regressed = _regress(base, last_load, flags, equipment, rules, load_kit)
    if len(painful) < rules.repeat_count:
        return regressed
    stop = Reason(
        Rule.REPEATED_PAIN,
        f"back pain in {len(painful)} of the last {len(window)} sessions: progression stops; "
        "see a doctor or physiotherapist before training harder, and stop any set that hurts",
    )
    return replace(
        regressed,
        reasons=(*regressed.reasons, stop),
        progression_stopped=True,
        see_professional=True,
    )


def _beginner_rule(
    base: AdjustedPrescription,
    sets: Sequence[SetRecord],
    equipment: frozenset[Equipment] | None,
) -> AdjustedPrescription | None:
    if base.variation not in _PATH_ORDER:
        return None
    qualifying = beginner_criterion_met(sets)
    later = _later_path_stage(base.variation, equipment)
    if qualifying is None or later is None:
        return None
    reason = Reason(
        Rule.BEGINNER_PATH,
        f"{qualifying.reps} controlled reps of {base.variation} meet the "
        f"{BEGINNER_REPS_TO_ADVANCE[0]}–{BEGINNER_REPS_TO_ADVANCE[1]} rep criterion: "
        f"move on to {later}",
    )
    loadable = get_variation(later).loadable
    return replace(
        base,
        variation=later,
        target_reps=base.reps[0],
        load_kg=None,
        load_text="light: the empty arm or the lightest plate, form first"
        if loadable
        else "body weight",
        reasons=(*base.reasons, reason),
    )


def _load_rule(
    base: AdjustedPrescription,
    sessions: Sequence[SessionRecord],
    latest_sets: Sequence[SetRecord],
    load_kit: LoadKit,
) -> AdjustedPrescription:
    """Double progression, 2-for-2, RPE and reps-short rules on a logged variation."""
    low, top = base.reps
    target_rpe = base.target_rpe
    reasons = list(base.reasons)
    faulted = [s for s in latest_sets if _faults(s) & NOT_COUNTED_FAULTS]
    if faulted:
        codes = sorted({str(f) for s in faulted for f in _faults(s) & NOT_COUNTED_FAULTS})
        reasons.append(
            Reason(
                Rule.FORM_FAULT,
                f"{len(faulted)} set(s) with {', '.join(codes)} do not count as reaching "
                f"{top} reps",
            )
        )
    hard = [s for s in latest_sets if _rpe_above(s, target_rpe)]
    counted = [counted_reps(s, top, target_rpe) for s in latest_sets]
    decision = double_progression(counted, base.reps)
    workouts = [
        [counted_reps(s, top, target_rpe) for s in _sets_of(session, base.variation)]
        for session in sessions
    ]
    two_for_two = two_for_two_met(workouts, top)
    if two_for_two and decision is LoadDecision.KEEP and not hard:
        decision = LoadDecision.INCREASE
    last_load = _last_load_kg(latest_sets)
    best = max(s.reps for s in latest_sets)
    down_why = f"best set {best} reps, below the range's {low}"
    down_rule = Rule.REPS_SHORT
    if hard and target_rpe is not None:
        worst = max(s.effective_rpe or 0.0 for s in hard)
        too_hard = worst >= target_rpe + RPE_REDUCE_MARGIN
        if decision is LoadDecision.INCREASE:
            decision = LoadDecision.KEEP
        if too_hard and decision is LoadDecision.KEEP:
            decision = LoadDecision.DECREASE
            down_rule = Rule.RPE_ABOVE_TARGET
            down_why = (
                f"RPE {worst:g} is {RPE_REDUCE_MARGIN:g}+ above the target {target_rpe:g} "
                "(too close to maximal)"
            )
        else:
            reasons.append(
                Reason(
                    Rule.RPE_ABOVE_TARGET,
                    f"RPE {worst:g} is above the target {target_rpe:g}: the load is not increased",
                )
            )
    if decision is LoadDecision.INCREASE:
        return _increase(base, reasons, last_load, two_for_two, top, load_kit)
    if decision is LoadDecision.DECREASE:
        return _decrease(base, reasons, last_load, down_rule, down_why, load_kit)
    aim = min(top, max(low, min(counted) + 1))
    reasons.append(
        Reason(
            Rule.DOUBLE_PROGRESSION,
            f"reps {', '.join(str(s.reps) for s in latest_sets)} in a range of {low}–{top}: "
            f"keep the load and aim for {aim} reps per set, then up to {top}",
        )
    )
    load_text = (
        base.load_text if last_load is None else f"{load_kit.text(last_load)} (as last time)"
    )
    return replace(
        base,
        target_reps=aim,
        load_kg=last_load or base.load_kg,
        load_text=load_text,
        reasons=tuple(reasons),
    )


def _increase(
    base: AdjustedPrescription,
    reasons: list[Reason],
    last_load: float | None,
    two_for_two: bool,
    top: int,
    load_kit: LoadKit,
) -> AdjustedPrescription:
    rule = Rule.TWO_FOR_TWO if two_for_two else Rule.LOAD_INCREASE
    why = (
        f"the last set beat {top} reps by 2+ in two sessions running (NSCA 2-for-2)"
        if two_for_two
        else f"every set reached {top} reps at or below the target RPE (double progression)"
    )
    new_load = increased_load_kg(last_load, load_kit.plates) if last_load is not None else None
    if last_load is None or not get_variation(base.variation).loadable:
        reasons.append(
            Reason(
                Rule.BODYWEIGHT_TOP,
                f"{why}; no load to raise on {base.variation}: slow the lowering or add a band",
            )
        )
        return replace(base, target_reps=top, reasons=tuple(reasons))
    if new_load is None:
        reasons.append(
            Reason(
                Rule.BODYWEIGHT_TOP,
                f"{why}; no plate step fits 2–10 % of {load_kit.text(last_load)}",
            )
        )
        return replace(base, target_reps=top, load_kg=last_load, reasons=tuple(reasons))
    percent = 100 * (new_load / last_load - 1)
    reasons.append(
        Reason(
            rule,
            f"{why}: load {load_kit.text(last_load)} → {load_kit.text(new_load)} "
            f"(+{percent:.1f} %, within ACSM's 2–10 %), back to the bottom of the range",
        )
    )
    return replace(
        base,
        target_reps=base.reps[0],
        load_kg=new_load,
        load_text=load_kit.text(new_load),
        reasons=tuple(reasons),
    )


def _decrease(
    base: AdjustedPrescription,
    reasons: list[Reason],
    last_load: float | None,
    rule: Rule,
    why: str,
    load_kit: LoadKit,
) -> AdjustedPrescription:
    low = base.reps[0]
    if last_load is None:
        reasons.append(
            Reason(
                rule,
                f"{why}: keep the variation and aim for {low} reps; bend the knees slightly "
                "if it is too hard (seed)",
            )
        )
        return replace(base, target_reps=low, reasons=tuple(reasons))
    new_load = reduced_load_kg(last_load, 1 - DEFAULT_LOAD_STEP, load_kit.plates)
    reasons.append(
        Reason(
            rule,
            f"{why}: load {load_kit.text(last_load)} → {load_kit.text(new_load)} "
            f"({step_down_text(last_load, new_load)})",
        )
    )
    return replace(
        base,
        target_reps=low,
        load_kg=new_load,
        load_text=load_kit.text(new_load),
        reasons=tuple(reasons),
    )


def adapt_prescription(
    planned: PlannedPrescription,
    history: Iterable[SessionRecord],
    equipment: Iterable[Equipment] | None = None,
    rules: PainRules = PAIN_RULES,
    load_kit: LoadKit = DEFAULT_KIT,
) -> AdjustedPrescription:
    """The next session's prescription for one planned block, adjusted by the log.

    Args:
        planned: the plan's block.
        history: the athlete's earlier sessions (any order; planned ones are ignored).
        equipment: what the athlete can train on (``None``: do not restrict variation changes).
        rules: the pain thresholds.
        load_kit: the athlete's plates and unit: every load prescribed is one the plates make
            (a kilogram gym set by default), and reasons show loads in the unit.

    Returns:
        The adjusted prescription with a reason per rule applied.
    """
    sessions = performed_sessions(history)
    kit = None if equipment is None else frozenset(equipment)
    base = _from_plan(planned)
    current, path_note = _path_variation(planned.variation, sessions)
    if path_note is not None:
        base = replace(
            base,
            variation=current,
            load_kg=None,
            reasons=(Reason(Rule.BEGINNER_PATH, path_note),),
        )
    regressed = _pain_rule(base, sessions, kit, rules, load_kit)
    if regressed is not None:
        return regressed
    recent = [s for s in sessions if _sets_of(s, current)]
    if not recent:
        reason = Reason(Rule.PLAN, f"no logged sets of {current} yet: the plan's prescription")
        return replace(base, reasons=(*base.reasons, reason))
    latest_sets = _sets_of(recent[-1], current)
    advanced = _beginner_rule(base, latest_sets, kit)
    if advanced is not None:
        return advanced
    return _load_rule(base, recent, latest_sets, load_kit)


# --------------------------------------------------------------------------- within a session


@dataclass(frozen=True)
class NextSetAdvice:
    """What to do on the next set of a block, from the sets of it already done today.

    Attributes:
        load_kg: the load for the next set [kg], or None (no load to suggest, or stop).
        load_text: that load in the athlete's unit, or words.
        reason: why, in one sentence.
        stop: the pain rule stops the exercise for today.
    """

    load_kg: float | None
    load_text: str
    reason: str
    stop: bool = False


def next_set_advice(
    prescription: AdjustedPrescription,
    done_today: Sequence[SetRecord],
    rules: PainRules = PAIN_RULES,
    load_kit: LoadKit = DEFAULT_KIT,
) -> NextSetAdvice | None:
    """The next set's load from the sets of the block done today (oldest first), or None
    before the first set (the prescription stands).

    OUR within-session rules, the session-to-session ones applied to the last set: pain at or
    above ``rules.during_threshold`` stops the exercise; reps below the range, or an RPE
    ``RPE_REDUCE_MARGIN``+ above the target, lower the load one ``reduced_load_kg`` step; an
    RPE above the target holds it; otherwise the load is held (it goes up between sessions,
    by double progression, never within one).
    """
    if not done_today:
        return None
    last = done_today[-1]
    if rules.stops_exercise(last.pain):
        return NextSetAdvice(
            None,
            "stop",
            f"back pain {last.pain}/10 during the last set reached {rules.during_threshold}: "
            "stop this exercise for today",
            stop=True,
        )
    low, top = prescription.reps
    load = last.load_kg if last.load_kg > 0 else None
    rpe = last.effective_rpe
    target = prescription.target_rpe
    too_hard = target is not None and rpe is not None and rpe >= target + RPE_REDUCE_MARGIN
    if (too_hard or last.reps < low) and load is not None:
        lower = reduced_load_kg(load, 1 - DEFAULT_LOAD_STEP, load_kit.plates)
        why = (
            f"RPE {rpe:g} against a target of {target:g}"
            if too_hard
            else (f"{last.reps} reps, below the range's {low}")
        )
        return NextSetAdvice(
            lower,
            load_kit.text(lower),
            f"{why}: {load_kit.text(load)} → {load_kit.text(lower)} "
            f"({step_down_text(load, lower)})",
        )
    if load is None:
        return NextSetAdvice(
            None, prescription.load_text, f"aim for {prescription.target_reps} reps"
        )
    if target is not None and rpe is not None and rpe > target:
        why = f"RPE {rpe:g} is above the target {target:g}: keep {load_kit.text(load)}, no more"
    else:
        why = (
            f"keep {load_kit.text(load)}: the load goes up between sessions, once every set "
            f"reaches {top} reps (double progression)"
        )
    return NextSetAdvice(load, load_kit.text(load), why)
