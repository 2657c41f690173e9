"""The documents of the catalogue, session, progress, tools and backup routes, one pydantic
model per use (``XCreate``/``XUpdate`` in, ``XPublic`` out).

Request bounds come from the domain's tables (``domain.training.log.LIMITS``), so the OpenAPI
document states the rules the domain enforces; the domain checks them again.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import ConfigDict, Field

from revhyper.domain.training.log import MAX_NOTE_CHARS
from revhyper.domain.vocabulary import VariationId
from revhyper.web.schemas import (
    SHORT_TEXT,
    HoldS,
    IsoDate,
    LoadKg,
    PainScore,
    Public,
    Reps,
    Rir,
    Rpe,
    SetPain,
    SetPublic,
    Strict,
)

# --------------------------------------------------------------------------- catalogue


class PhasePublic(Public):
    kind: str = Field(description="concentric, top or eccentric.")
    summary: str
    points: list[str]


class HowToStepPublic(Public):
    number: int
    title: str
    instruction: str
    cues: list[str]


class MusclePublic(Public):
    name: str
    role: str = Field(description="prime mover, stabiliser or lengthened.")
    what_it_does: str


class BenefitPublic(Public):
    id: str
    title: str
    explanation: str


class CautionPublic(Public):
    id: str
    advice: str
    applies_to: str


class FaultPublic(Public):
    """A form fault, why it matters and how to fix it."""

    id: str
    name: str
    why_it_matters: str
    fix: str
    detected_as: str | None = Field(description="The form analysis's code for it, if any.")


class EquipmentPublic(Public):
    id: str
    name: str
    description: str
    components: list[str]
    adds_load: list[str] = Field(description="Load kinds this equipment adds.")


class HistoryPublic(Public):
    machine_attributed_to: str
    decade: str
    manufacturers: list[str]
    availability: str
    other_names: list[str]
    controversy: str


class PathStagePublic(Public):
    """One stage of the beginner path."""

    variation: str
    to_advance: str | None = Field(description="When to move on; None at the path's end.")
    reps_to_advance: list[int] | None = Field(description="[fewest, most] controlled reps.")
    pause_at_top_allowed: bool
    if_too_hard: str


class ExercisePublic(Public):
    """The reverse hyperextension itself: movement, how-to, muscles, benefits, cautions."""

    id: Literal["reverse-hyperextension"] = "reverse-hyperextension"
    movement_summary: str
    phases: list[PhasePublic]
    how_to: list[HowToStepPublic]
    muscles: list[MusclePublic]
    benefits: list[BenefitPublic]
    cautions: list[CautionPublic]
    faults: list[FaultPublic]
    equipment: list[EquipmentPublic]
    beginner_path: list[PathStagePublic]
    history: HistoryPublic
    variations: list[str] = Field(description="Ids of its variations (GET /api/v1/variations).")


class ExerciseList(Public):
    items: list[ExercisePublic]
    total: int


class LoadOptionPublic(Public):
    kind: str = Field(description="plates or bands.")
    needs: list[str] = Field(
        description="Equipment to add for this load (one of them); empty when the variation's "
        "own equipment provides it."
    )


class VariationSummary(Public):
    """A variation as listed."""

    id: str
    name: str
    equipment: str = Field(description='What it needs, e.g. "bands + (bench or ghd)".')
    equipment_all_of: list[str]
    equipment_any_of: list[str]
    difficulty: int = Field(description="1 = easiest … 5.")
    load: str = Field(
        description='"plates", "bands", "plates, bands" or "bodyweight only" (with the '
        "equipment asked for: what it offers)."
    )
    goals: list[str]
    beginner_friendly: bool


class VariationList(Public):
    items: list[VariationSummary]
    total: int


class VariationPublic(VariationSummary):
    """One variation explained, as ``revhyper explain`` shows it."""

    how_it_differs: str
    cues: list[str]
    load_options: list[LoadOptionPublic]
    movement_summary: str
    how_to: list[HowToStepPublic]
    beginner_stage: PathStagePublic | None
    beginner_path: list[str] = Field(description="The path's variations when on it, else [].")
    faults: list[FaultPublic]
    muscles: list[MusclePublic]
    cautions: list[CautionPublic]


class ProtocolPublic(Public):
    """A goal's protocol, as the seed gives it, with our RPE reading of its load words."""

    goal: str
    sets: list[int] = Field(description="[fewest, most] sets per exercise.")
    reps: list[int] = Field(description="[fewest, most] reps per set.")
    rest_s: list[int] | None = Field(description="[shortest, longest] rest [s]; None = as needed.")
    intensity: str
    rpe: list[float] = Field(description="[low, high] RPE target.")
    rir: list[float] = Field(description="[fewest, most] reps in reserve.")
    effort: str
    speed: str
    constraint: str | None


class ProtocolList(Public):
    items: list[ProtocolPublic]
    total: int


class ChoicePublic(Public):
    """One allowed value of a profile field, with a name to show."""

    id: str
    name: str


class RangePublic(Public):
    """The bounds of a number field (inclusive) and its unit ("" for none)."""

    low: float
    high: float
    unit: str


class ProfileChoicesPublic(Public):
    """What the profile and plan forms may send: the vocabulary's values and the bounds."""

    goals: list[ChoicePublic]
    levels: list[ChoicePublic]
    equipment: list[ChoicePublic]
    injuries: list[ChoicePublic]
    units: list[str]
    sexes: list[str]
    body_mass: RangePublic = Field(description="Body mass [kg].")
    height: RangePublic = Field(description="Standing height [m].")
    pain: RangePublic = Field(description="Back pain now, 0–10.")
    weeks: RangePublic
    days_per_week: RangePublic
    default_weeks: int
    default_days_per_week: int


# --------------------------------------------------------------------------- sessions


class SessionPublic(Public):
    """A stored session with its sets."""

    id: int
    day: date
    status: Literal["planned", "in_progress", "performed"]
    program_id: int | None
    plan_week: int | None
    plan_day: int | None
    notes: str
    pain_before: int | None
    pain_after: int | None
    volume_load_kg: float = Field(description="Reps × load over the working sets [kg].")
    sets: list[SetPublic]


class SessionPage(Public):
    items: list[SessionPublic]
    total: int


class PrescriptionPublic(Public):
    """A main block adapted by the log: what to do, and every rule that shaped it."""

    variation: str
    sets: int
    reps: list[int] = Field(description="[fewest, most] reps.")
    target_reps: int
    goal: str
    load_kg: float | None = Field(description="Suggested load [kg]; None = words only.")
    load_text: str
    target_rpe: float | None
    rest_s: list[int] | None = Field(description="[shortest, longest] rest [s].")
    tempo: str | None
    hold_s: float | None = Field(description="[s]")
    reasons: list[str]
    progression_stopped: bool
    see_professional: bool


class InstructionPublic(Public):
    """A warm-up or cool-down block (shown, not logged)."""

    role: str
    variation: str
    sets: int
    reps: str
    load: str
    note: str | None
    reason: str


class StepPublic(Public):
    """One main set still to do."""

    block: int = Field(description="Index of the main block (0-based).")
    number: int
    of: int
    variation: str
    side: Literal["left", "right"] | None
    loaded: bool = Field(description="The set takes external load: send load_kg with it.")
    load_kg: float | None = Field(description="Suggested load [kg].")
    tempo: str | None = Field(description="C-H-E-P cadence to count [s].")
    hold_s: float | None = Field(description="Hold to count down [s].")
    cues: list[str]


class PlannedSlotPublic(Public):
    program_id: int
    week: int
    day: int


class NextSetPublic(Public):
    """The next set's load from the sets of its block done today (the server's rules)."""

    load_kg: float | None = Field(description="Load for the next set [kg]; None = words only.")
    load_text: str = Field(description="That load in the athlete's unit, or words.")
    reason: str
    stop: bool = Field(description="The pain rule stops the exercise for today.")


class TodayPublic(Public):
    """Today's guided session: what to do, and what is done already."""

    day: date
    unit: Literal["kg", "lb"] = Field(description="The athlete's unit (answers stay in kg).")
    session: SessionPublic | None = Field(description="Today's stored session, if started.")
    planned: PlannedSlotPublic | None = Field(description="The plan's session for today.")
    warmup: list[InstructionPublic]
    prescriptions: list[PrescriptionPublic]
    pending: list[StepPublic]
    cooldown: list[InstructionPublic]
    see_professional: bool
    pain_stop_threshold: int = Field(
        description="Pain during a set (0–10) from which to stop the exercise for today."
    )
    resumed: bool | None = Field(
        default=None, description="On start: True when today's session was picked up again."
    )
    next_set: NextSetPublic | None = Field(
        default=None,
        description="The first pending set's load from today's sets of its block (None before "
        "the block's first set).",
    )


class TodayStart(Strict):
    """Start or resume today's session."""

    day: IsoDate | None = Field(default=None, description="The training day (the server's today).")
    pain_before: PainScore | None = Field(default=None, description="0–10.")


class SessionFinish(Strict):
    pain_after: PainScore | None = Field(default=None, description="0–10.")


class FinishPublic(Public):
    session: SessionPublic
    next_time: list[PrescriptionPublic] = Field(description="The next session's main blocks.")


class SetUpdate(Strict):
    """Values of a logged set to correct; only those sent change (at least one)."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    variation: VariationId | None = None
    reps: Reps | None = None
    load_kg: LoadKg | None = None
    band: str | None = Field(default=None, max_length=SHORT_TEXT)
    rpe: Rpe | None = None
    rir: Rir | None = None
    tempo: str | None = Field(default=None, max_length=40)
    hold_s: HoldS | None = None
    pain: SetPain | None = None
    notes: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)


class SetRemovalPublic(Public):
    removed: SetPublic
    session_deleted: bool = Field(description="Its session had no other set and went too.")


# --------------------------------------------------------------------------- progress


class WeekVolumePublic(Public):
    week_start: date
    sessions: int
    sets: int
    reps: int
    volume_load_kg: float


class E1rmPointPublic(Public):
    day: date
    variation: str
    e1rm_kg: float
    load_kg: float
    reps: int


class RecordPublic(Public):
    variation: str
    kind: str
    value: float = Field(description="[kg], or reps for most-reps.")
    day: date
    load_kg: float
    reps: int


class AdherencePublic(Public):
    week: int
    planned_sessions: int
    done_sessions: int
    planned_sets: int
    done_sets: int
    set_fraction: float


class PainPointPublic(Public):
    day: date
    before: int | None
    after: int | None
    max_during: int | None
    stopped_a_set: bool = Field(description="Pain in a set reached the stop threshold.")
    rose_too_much: bool = Field(description="Pain after rose enough to regress the next one.")


class ProgressPublic(Public):
    """The figures of ``revhyper progress``, loads in kilograms."""

    athlete_id: int
    athlete: str
    unit: Literal["kg", "lb"] = Field(description="The athlete's display unit.")
    method: str = Field(description="The e1RM formula.")
    sessions: int = Field(description="Sessions with sets logged.")
    volume: list[WeekVolumePublic] = Field(description="Weeks with training, oldest first.")
    weeks_without_training: int
    e1rm: list[E1rmPointPublic]
    records: list[RecordPublic]
    adherence: list[AdherencePublic]
    adherence_gap: str | None = Field(description="Why no adherence is shown yet.")
    plan_start: date | None
    pain: list[PainPointPublic]
    pain_threshold: int | None


# --------------------------------------------------------------------------- tools


class E1rmPublic(Public):
    load_kg: float
    reps: int
    method: str
    e1rm_kg: float
    estimates_kg: dict[str, float] = Field(description="Every formula's e1RM [kg].")
    rough: bool = Field(description="More than 10 reps: a rough estimate.")


class RpeCellPublic(Public):
    reps: int
    rpe: float
    percent_1rm: float = Field(description="[%]")
    rir: float


class RpeRowPublic(Public):
    reps: int
    percent_1rm: list[float] = Field(description="[%] per RPE column.")


class RpeScalePublic(Public):
    rpe_low: float
    rpe_high: float
    rir_low: float | None
    rir_high: float | None
    meaning: str


class RpeChartPublic(Public):
    """The RTS chart (Tuchscherer 2008) and the RPE scale (Zourdos et al. 2016)."""

    rpe_columns: list[float]
    rows: list[RpeRowPublic]
    scale: list[RpeScalePublic]
    cell: RpeCellPublic | None = Field(description="The cell asked for with reps and rpe.")


class WorkingLoadPublic(Public):
    e1rm_kg: float
    load_kg: float = Field(description="Rounded down to increment_kg [kg].")
    increment_kg: float


class PlatesPublic(Public):
    """Plates for the swing arm's pin, in ``unit``."""

    unit: Literal["kg", "lb"]
    target: float
    arm: float
    plates: list[float] = Field(description="Each plate once per copy, heaviest first.")
    achieved: float
    exact: bool
    shortfall: float


class MechanicsSetupPublic(Public):
    setup: str
    label: str
    phase: str
    plate_kg: float | None
    moment_n_m: list[float | None] = Field(description="[N m] at each of angles_deg.")
    peak_n_m: float
    peak_angle_deg: float
    mean_n_m: float
    work_j: float
    strength_fraction: float
    equivalent_plate_kg: float | None


class MechanicsPublic(Public):
    """The ``revhyper-mechanics/1`` document of ``revhyper mechanics --json``."""

    format: Literal["revhyper-mechanics/1"]
    athlete: dict[str, Any]
    legs: dict[str, Any]
    strength_n_m: float
    rep_range_deg: list[float]
    tempo: str | None
    angles_deg: list[float]
    setups: list[MechanicsSetupPublic]


# --------------------------------------------------------------------------- backup


class BackupPublic(Public):
    """A ``revhyper-backup/1`` document (``revhyper export``), importable again."""

    format: Literal["revhyper-backup/1"]
    exported_at: str
    revhyper_version: str
    scope: dict[str, Any]
    athletes: list[dict[str, Any]]
    unlinked_analyses: list[dict[str, Any]]


class BackupImportPublic(Public):
    athletes_added: int
    athletes_merged: int
    programs: int
    analyses: int
    sessions: int
    sets: int
    body_mass: int
    machines: int = Field(default=0, description="Machines with their plates added.")
    skipped_existing: int
    unlinked_analyses_left_out: int


class RowProblemPublic(Public):
    line: int
    message: str
    exercise: str


class WorkoutImportPublic(Public):
    athlete_id: int
    sessions_added: int
    sets_added: int
    warmup_sets_added: int
    workouts_already_imported: int
    workouts_without_reverse_hypers: int
    unknown_exercises: dict[str, int] = Field(description="Exercises not imported: set counts.")
    skipped_rows: list[RowProblemPublic]


class ImportPublic(Public):
    """What an import stored: ``backup`` for a backup, ``workouts`` for a Strong/Hevy file."""

    format: Literal["backup", "strong", "hevy"]
    file: str
    backup: BackupImportPublic | None = None
    workouts: WorkoutImportPublic | None = None
