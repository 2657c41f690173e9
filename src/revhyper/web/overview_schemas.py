"""The answer of ``GET /api/v1/shared-athletes``: each granted athlete at a glance."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from revhyper.web.api_schemas import PainPointPublic
from revhyper.web.schemas import Public


class RecentSessionPublic(Public):
    """A recent session in short (loads in kilograms)."""

    id: int
    day: date
    status: str
    working_sets: int = Field(description="Working sets (warm-ups left out).")
    volume_load_kg: float = Field(description="Working volume, reps × load [kg].")
    pain_before: int | None
    pain_after: int | None


class FaultCountPublic(Public):
    fault: str = Field(description="A form fault code, e.g. lumbar_hyperextension.")
    sets: int = Field(description="How many of the recent sessions' sets had it.")


class LatestAnalysisPublic(Public):
    id: int
    filename: str
    status: str


class SharedAthleteSummaryPublic(Public):
    """One athlete granted to the caller: recent sessions (newest first), the back-pain trend
    (oldest first), form faults on the recent sessions' sets and the analysis jobs."""

    id: int
    name: str
    access: Literal["coach", "read"]
    unit: str = Field(description="The athlete's unit for loads shown: kg or lb.")
    recent_sessions: list[RecentSessionPublic]
    pain: list[PainPointPublic]
    faults: list[FaultCountPublic]
    analyses: int = Field(description="How many analysis jobs the athlete has.")
    latest_analysis: LatestAnalysisPublic | None


class SharedAthleteList(Public):
    items: list[SharedAthleteSummaryPublic]
