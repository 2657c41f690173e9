"""The API's documents, one pydantic model per use (``XCreate`` in, ``XPublic`` out).

Bounds come from the domain's tables (``domain.training.log.LIMITS``) so that the OpenAPI
document states the same rules the domain enforces. Unknown fields are refused, and so are NaN
and infinities.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, PlainSerializer

from revhyper.domain.training.log import LIMITS, MAX_NOTE_CHARS

#: Longest short text (names, band descriptions, tempo) accepted [characters].
SHORT_TEXT = 100


def _with_offset(moment: datetime) -> str:
    """A stored time (naive UTC) as ISO 8601 with its offset."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.isoformat()


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


Level = Literal["novice", "beginner", "intermediate", "advanced"]


class AthleteCreate(Strict):
    """A new athlete: the profile fields of ``revhyper plan`` (loads in kilograms)."""

    name: str = Field(min_length=1, max_length=100)
    goal: str = Field(max_length=40, description="A goal id, e.g. hypertrophy.")
    level: str = Field(max_length=40, description="novice, intermediate or advanced.")
    equipment: list[str] = Field(min_length=1, max_length=20)
    injury: list[str] = Field(default_factory=list, max_length=20)
    pain: int = Field(default=0, ge=0, le=10, description="Back pain now, 0–10.")
    medical_care: bool = False
    clearance: bool = False
    body_mass: float | None = Field(
        default=None, ge=LIMITS["body_mass_kg"].low, le=LIMITS["body_mass_kg"].high
    )
    height: float | None = Field(default=None, ge=0.5, le=2.6, description="[m]")
    sex: Literal["male", "female"] | None = None
    known_set: str | None = Field(
        default=None, max_length=SHORT_TEXT, description='A recent set, e.g. "40x10@8".'
    )
    floor_criterion_met: bool = False
    unit: Literal["kg", "lb"] = "kg"
    plates: str | None = Field(default=None, max_length=400)


class AthleteUpdate(Strict):
    """Profile fields to change (the athlete is screened again)."""

    goal: str | None = Field(default=None, max_length=40)
    level: str | None = Field(default=None, max_length=40)
    equipment: list[str] | None = Field(default=None, min_length=1, max_length=20)
    injury: list[str] | None = Field(default=None, max_length=20)
    pain: int | None = Field(default=None, ge=0, le=10)
    medical_care: bool | None = None
    clearance: bool | None = None
    body_mass: float | None = Field(
        default=None, ge=LIMITS["body_mass_kg"].low, le=LIMITS["body_mass_kg"].high
    )
    height: float | None = Field(default=None, ge=0.5, le=2.6)
    floor_criterion_met: bool | None = None
    unit: Literal["kg", "lb"] | None = None


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

    variation: str = Field(max_length=60, description="A variation id, e.g. reverse-hyper.")
    reps: int = Field(ge=LIMITS["reps"].low, le=LIMITS["reps"].high)
    load_kg: float = Field(default=0.0, ge=LIMITS["load_kg"].low, le=LIMITS["load_kg"].high)
    rpe: float | None = Field(default=None, ge=LIMITS["rpe"].low, le=LIMITS["rpe"].high)
    rir: float | None = Field(default=None, ge=LIMITS["rir"].low, le=LIMITS["rir"].high)
    pain: int | None = Field(default=None, ge=LIMITS["pain"].low, le=LIMITS["pain"].high)
    performed_at: AwareDatetime | None = None
    notes: str = Field(default="", max_length=MAX_NOTE_CHARS)
    band: str | None = Field(default=None, max_length=SHORT_TEXT)
    tempo: str | None = Field(default=None, max_length=40, description='C-H-E-P, "3-1-3-0".')
    hold_s: float | None = Field(default=None, ge=LIMITS["hold_s"].low, le=LIMITS["hold_s"].high)
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

    weeks: int | None = Field(default=None, ge=1, le=52)
    days_per_week: int | None = Field(default=None, ge=1, le=6)
    start: date | None = Field(default=None, description="First session's date (today).")


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


class AnalysisJobPage(Public):
    items: list[AnalysisJobPublic]
    total: int
