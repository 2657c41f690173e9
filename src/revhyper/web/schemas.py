"""The API's documents, one pydantic model per use (``XCreate`` in, ``XPublic`` out).

Bounds and ids come from the domain's tables (``domain.training.log.LIMITS``,
``PROFILE_LIMITS``, ``domain.vocabulary``) so that the OpenAPI document states the same rules
the domain enforces. Unknown fields are refused, and so are NaN and infinities, strings or
booleans for numbers, numbers for booleans, and dates not written in ISO 8601.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
)

from revhyper.domain.programming.athlete import PROFILE_LIMITS
from revhyper.domain.training.log import LIMITS, MAX_NOTE_CHARS
from revhyper.domain.vocabulary import Equipment, Goal, Injury, Level, VariationId

#: Longest short text (names, band descriptions, tempo) accepted [characters].
SHORT_TEXT = 100


def _with_offset(moment: datetime) -> str:
    """A stored time (naive UTC) as ISO 8601 with its offset."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.isoformat()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _iso_text(pattern: re.Pattern[str], example: str) -> Any:
    def check(value: Any) -> Any:
        if isinstance(value, str) and pattern.match(value):
            return value
        if isinstance(value, date):
            return value
        raise ValueError(f"write it in ISO 8601, e.g. {example}")

    return BeforeValidator(check)


#: A calendar day written ``YYYY-MM-DD`` (pydantic alone would also take a number of seconds).
IsoDate = Annotated[date, _iso_text(_ISO_DATE, "2026-03-01")]
#: A moment written in ISO 8601 with its offset, e.g. ``2026-03-01T18:30:00+01:00``.
IsoMoment = Annotated[AwareDatetime, _iso_text(_ISO_DATE_TIME, "2026-03-01T18:30:00+01:00")]


def _json_number(value: Any) -> Any:
    """Refuse what JSON does not call a number (a string, a boolean) before pydantic's lax
    mode would convert it; ``12.0`` stays a valid integer, as JSON Schema says."""
    if isinstance(value, str | bool):
        raise ValueError("send a JSON number, not a string or a boolean")
    return value


#: JSON types as sent: ``0`` is not ``false`` and ``"3"`` is not ``3`` (the OpenAPI schema
#: refuses them, so the server must too).
Flag = StrictBool

#: Put inside ``Annotated[int | float, Field(ge=…, le=…), JSON_NUMBER]``, after the bounds, so
#: that the bounds still reach the OpenAPI document.
JSON_NUMBER = BeforeValidator(_json_number)

_MASS_LOW_KG, _MASS_HIGH_KG, _ = PROFILE_LIMITS["body mass"]
_HEIGHT_LOW_M, _HEIGHT_HIGH_M, _ = PROFILE_LIMITS["height"]

#: Bounded numbers of the request documents (bounds from the domain's tables).
PainScore = Annotated[int, Field(ge=0, le=10), JSON_NUMBER]
BodyMassKg = Annotated[float, Field(ge=_MASS_LOW_KG, le=_MASS_HIGH_KG), JSON_NUMBER]
HeightM = Annotated[float, Field(ge=_HEIGHT_LOW_M, le=_HEIGHT_HIGH_M), JSON_NUMBER]
Reps = Annotated[int, Field(ge=LIMITS["reps"].low, le=LIMITS["reps"].high), JSON_NUMBER]
LoadKg = Annotated[float, Field(ge=LIMITS["load_kg"].low, le=LIMITS["load_kg"].high), JSON_NUMBER]
Rpe = Annotated[float, Field(ge=LIMITS["rpe"].low, le=LIMITS["rpe"].high), JSON_NUMBER]
Rir = Annotated[float, Field(ge=LIMITS["rir"].low, le=LIMITS["rir"].high), JSON_NUMBER]
SetPain = Annotated[int, Field(ge=LIMITS["pain"].low, le=LIMITS["pain"].high), JSON_NUMBER]
HoldS = Annotated[float, Field(ge=LIMITS["hold_s"].low, le=LIMITS["hold_s"].high), JSON_NUMBER]
#: A plan's length [weeks] and its sessions per week: the bounds the plan options accept.
PLAN_WEEKS = (1, 52)
PLAN_DAYS_PER_WEEK = (1, 6)
Weeks = Annotated[int, Field(ge=PLAN_WEEKS[0], le=PLAN_WEEKS[1]), JSON_NUMBER]
DaysPerWeek = Annotated[int, Field(ge=PLAN_DAYS_PER_WEEK[0], le=PLAN_DAYS_PER_WEEK[1]), JSON_NUMBER]


#: A time in an answer: stored as naive UTC, shown as ISO 8601 with the ``+00:00`` offset.
UtcTime = Annotated[datetime, PlainSerializer(_with_offset, return_type=str)]


class Strict(BaseModel):
    """Base of request documents: unknown fields and non-finite numbers are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Public(BaseModel):
    """Base of answers."""

    model_config = ConfigDict(from_attributes=True)


class ErrorDetail(Public):
    code: str = Field(description="A stable machine-readable code, e.g. invalid_input.")
    message: str = Field(description="What went wrong and what is allowed.")


class ErrorPublic(Public):
    """Every 4xx and 5xx answer."""

    error: ErrorDetail


class TokenPublic(Public):
    """An access token from the OAuth2 password flow."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the token expires [s].")


class UserPublic(Public):
    id: int
    username: str
    role: Literal["athlete", "coach", "admin"]


class HealthPublic(Public):
    status: Literal["ok"]


class AthleteCreate(Strict):
    """A new athlete: the profile fields of ``revhyper plan`` (loads in kilograms)."""

    name: str = Field(min_length=1, max_length=100)
    goal: Goal = Field(description="A goal id, e.g. hypertrophy.")
    level: Level = Field(description="Training experience.")
    equipment: list[Equipment] = Field(min_length=1, max_length=20)
    injury: list[Injury] = Field(default_factory=list, max_length=20)
    pain: PainScore = Field(default=0, description="Back pain now, 0–10.")
    medical_care: Flag = False
    clearance: Flag = False
    body_mass: BodyMassKg | None = Field(default=None, description="Body mass [kg].")
    height: HeightM | None = Field(default=None, description="Standing height [m].")
    sex: Literal["male", "female"] | None = None
    known_set: str | None = Field(
        default=None, max_length=SHORT_TEXT, description='A recent set, e.g. "40x10@8".'
    )
    floor_criterion_met: Flag = False
    unit: Literal["kg", "lb"] = "kg"
    plates: str | None = Field(default=None, max_length=400)


class AthleteUpdate(Strict):
    """Profile fields to change (the athlete is screened again)."""

    goal: Goal | None = None
    level: Level | None = None
    equipment: list[Equipment] | None = Field(default=None, min_length=1, max_length=20)
    injury: list[Injury] | None = Field(default=None, max_length=20)
    pain: PainScore | None = None
    medical_care: Flag | None = None
    clearance: Flag | None = None
    body_mass: BodyMassKg | None = None
    height: HeightM | None = None
    floor_criterion_met: Flag | None = None
    unit: Literal["kg", "lb"] | None = None
    plates: str | None = Field(
        default=None,
        max_length=400,
        description="The plate inventory as SIZExCOPIES text in the athlete's unit, e.g. "
        '"20x4,10x2,5x2,2.5x2" (a size alone: as many as needed; "15x2 lb" names the unit); '
        '"gym" clears it back to a full gym set.',
    )


class ScreeningPublic(Public):
    needs_clearance: bool
    cleared: bool
    conservative_start: bool
    reasons: list[str]


class AthletePublic(Public):
    """An athlete as the caller sees it, with the caller's access."""

    id: int
    name: str
    access: Literal["owner", "coach", "read"]
    profile: dict[str, Any]
    screening: ScreeningPublic
    created_at: UtcTime


class AthleteList(Public):
    items: list[AthletePublic]
    total: int


class GrantCreate(Strict):
    username: str = Field(min_length=1, max_length=60)
    scope: Literal["read", "coach"]


class GrantPublic(Public):
    username: str
    scope: Literal["read", "coach"]
    created_at: UtcTime


class AuditEventPublic(Public):
    id: int
    actor: str
    action: str
    detail: str
    at: UtcTime


class AuditPage(Public):
    items: list[AuditEventPublic]
    total: int


class SetCreate(Strict):
    """A set as done. Loads in kilograms; ``performed_at`` (with its offset) says the day."""

    variation: VariationId = Field(description="A variation id, e.g. machine-reverse-hyper.")
    reps: Reps
    load_kg: LoadKg = 0.0
    rpe: Rpe | None = None
    rir: Rir | None = None
    pain: SetPain | None = None
    performed_at: IsoMoment | None = None
    notes: str = Field(default="", max_length=MAX_NOTE_CHARS)
    band: str | None = Field(default=None, max_length=SHORT_TEXT)
    tempo: str | None = Field(default=None, max_length=40, description='C-H-E-P, "3-1-3-0".')
    hold_s: HoldS | None = None
    kind: Literal["working", "warmup"] = "working"
    side: Literal["left", "right"] | None = None


class SetPublic(Public):
    """A stored set."""

    id: int
    session_id: int
    day: date
    position: int
    variation: str
    reps: int
    load_kg: float
    rpe: float | None
    rir: float | None
    pain: int | None
    band: str | None
    tempo: str | None
    hold_s: float | None
    kind: str
    side: str | None
    notes: str
    analysis_id: int | None
    faults: list[str]


class SetPage(Public):
    items: list[SetPublic]
    total: int


class PlanCreate(Strict):
    """The plan options (the profile comes from the athlete)."""

    weeks: Weeks | None = None
    days_per_week: DaysPerWeek | None = None
    start: IsoDate | None = Field(default=None, description="First session's date (today).")


class AnalysisJobPublic(Public):
    """A form analysis job; ``result`` once ``done``, ``error`` once ``failed``."""

    id: int
    athlete_id: int
    status: Literal["queued", "running", "done", "failed"]
    kind: Literal["video", "keypoints"] = Field(description="What the upload was found to be.")
    filename: str
    created_at: UtcTime
    started_at: UtcTime | None = None
    finished_at: UtcTime | None = None
    analysis_id: int | None = Field(default=None, description="The stored analysis, once done.")
    result: dict[str, Any] | None = Field(
        default=None, description="The revhyper-analysis/1 document (as analyze --json prints)."
    )
    error: str | None = Field(default=None, description="Why the analysis failed.")
    video_url: str | None = Field(
        default=None,
        description="Where the annotated video (H.264 MP4) of a finished video job is served.",
    )
    linked_sets: list[SetPublic] | None = Field(
        default=None, description="The logged sets this analysis is linked to (a job read alone)."
    )


class AnalysisJobPage(Public):
    items: list[AnalysisJobPublic]
    total: int
