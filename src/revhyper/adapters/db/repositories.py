"""Repositories: store and load training-log values; they never commit (the unit of work does)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Executable,
    Result,
    Row,
    Table,
    bindparam,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session

from revhyper.adapters.db.models import (
    AthleteRow,
    BodyMassRow,
    FormAnalysisRow,
    ProgramRow,
    SessionRow,
    SetRow,
)
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.plates import PlateInventory
from revhyper.domain.programming.athlete import KnownSet, Profile, ScreeningResult, screen
from revhyper.domain.training.log import (
    BodyMassRecord,
    LoggedSet,
    SessionRecord,
    SessionStatus,
    SetRecord,
    joined_session,
)
from revhyper.domain.units import MassUnit


def utc_now() -> datetime:
    """The current time as naive UTC (how timestamps are stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


#: How a service names an athlete: by name (the terminal) or by id (the server, where two
#: owners may each have an athlete of the same name).
AthleteRef = str | int


@dataclass(frozen=True)
class StoredAthlete:
    """An athlete as stored: name, the planner's profile and the screening outcome."""

    id: int
    name: str
    profile: Profile
    screening: ScreeningResult
    created_at: datetime
    #: The owning account's id; None for an athlete made in the terminal with no owner yet.
    owner_id: int | None = None


@dataclass(frozen=True)
class StoredProgram:
    """A generated plan as stored (``plan`` is the plan's JSON document)."""

    id: int
    athlete_id: int
    created_at: datetime
    start_date: date
    goal: str
    weeks: int
    days_per_week: int
    active: bool
    parameters: dict[str, Any]
    plan: dict[str, Any]


@dataclass(frozen=True)
class StoredAnalysis:
    """A stored form analysis (``result`` is the ``revhyper-analysis/1`` JSON)."""

    id: int
    athlete_id: int | None
    created_at: datetime
    source: str
    result: dict[str, Any]

    @property
    def faults(self) -> tuple[str, ...]:
        """The analysis's fault codes (union over its reps)."""
        return tuple(str(code) for code in self.result.get("faults", ()))


def _known_set_json(known: KnownSet | None) -> dict[str, Any] | None:
    if known is None:
        return None
    return {"load_kg": known.load_kg, "reps": known.reps, "rpe": known.rpe}


def _athlete(row: AthleteRow | Row[Any]) -> StoredAthlete:
    """An athlete from its ORM row or its table's Core row (the same attribute names)."""
    known = row.known_set
    profile = Profile(
        level=row.level,  # type: ignore[arg-type]
        goal=row.goal,  # type: ignore[arg-type]
        equipment=frozenset(row.equipment),  # type: ignore[arg-type]
        injuries=frozenset(row.injuries),  # type: ignore[arg-type]
        back_pain=row.back_pain,
        under_medical_care=row.medical_care,
        medical_clearance=row.clearance,
        body_mass_kg=row.body_mass_kg,
        height_m=row.height_m,
        sex=row.sex,  # type: ignore[arg-type]
        known_set=KnownSet(known["load_kg"], known["reps"], known["rpe"]) if known else None,
        floor_criterion_met=row.floor_criterion_met,
        name=row.name,
        unit=MassUnit(row.unit),
        plates=PlateInventory.from_json(row.plates) if row.plates else None,
    )
    screening = ScreeningResult(reasons=tuple(row.screening_reasons), cleared=row.clearance)
    return StoredAthlete(
        id=row.id,
        name=row.name,
        profile=profile,
        screening=screening,
        created_at=row.created_at,
        owner_id=row.owner_id,
    )


def _program(row: ProgramRow) -> StoredProgram:
    return StoredProgram(
        id=row.id,
        athlete_id=row.athlete_id,
        created_at=row.created_at,
        start_date=row.start_date,
        goal=row.goal,
        weeks=row.weeks,
        days_per_week=row.days_per_week,
        active=row.active,
        parameters=dict(row.parameters),
        plan=dict(row.plan),
    )


def _set_record(row: SetRow) -> SetRecord:
    faults: tuple[str, ...] = ()
    if row.analysis is not None:
        faults = tuple(str(code) for code in row.analysis.result.get("faults", ()))
    return SetRecord(
        variation=row.variation,  # type: ignore[arg-type]
        reps=row.reps,
        load_kg=row.load_kg,
        band=row.band,
        rpe=row.rpe,
        rir=row.rir,
        tempo=row.tempo,
        hold_s=row.hold_s,
        pain=row.pain,
        notes=row.notes,
        analysis_id=row.analysis_id,
        faults=faults,
        kind=row.kind,  # type: ignore[arg-type]
        id=row.id,
        position=row.position,
        side=row.side,  # type: ignore[arg-type]
    )


def _session_record(row: SessionRow, with_sets: bool = True) -> SessionRecord:
    return SessionRecord(
        athlete_id=row.athlete_id,
        day=row.day,
        status=SessionStatus(row.status),
        program_id=row.program_id,
        plan_week=row.plan_week,
        plan_day=row.plan_day,
        notes=row.notes,
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        sets=tuple(_set_record(s) for s in row.sets) if with_sets else (),
        id=row.id,
        today=date.max,
    )


#: The log's hot path (a set logged through the server) reads and writes through these Core
#: statements, built once: the ORM's per-statement building, identity map and refresh cost
#: several times more CPU than the SQL itself (measured: see ``benchmarks/api_load.py``).
_ATHLETE_BY_ID = select(AthleteRow.__table__).where(
    AthleteRow.__table__.c.id == bindparam("athlete_id")
)
_ATHLETE_ROW_LOCK = (
    select(AthleteRow.__table__.c.id)
    .where(AthleteRow.__table__.c.id == bindparam("athlete_id"))
    .with_for_update()
)
_SESSION_ON_DAY = select(SessionRow.__table__).where(
    SessionRow.__table__.c.athlete_id == bindparam("athlete_id"),
    SessionRow.__table__.c.day == bindparam("day"),
)
_NEXT_SET_POSITION = select(func.coalesce(func.max(SetRow.__table__.c.position), 0) + 1).where(
    SetRow.__table__.c.session_id == bindparam("session_id")
)
_INSERT_SET = insert(cast(Table, SetRow.__table__))


def run_core(session: Session, statement: Executable, parameters: dict[str, Any]) -> Result[Any]:
    """``statement`` run in the session's transaction after its pending ORM changes (a Core
    statement does not flush them itself)."""
    session.flush()
    return session.execute(statement, parameters)


def _session_of_columns(columns: Any) -> SessionRecord:
    """A session without its sets from its table's columns (a Core row's mapping)."""
    return SessionRecord(
        athlete_id=columns["athlete_id"],
        day=columns["day"],
        status=SessionStatus(columns["status"]),
        program_id=columns["program_id"],
        plan_week=columns["plan_week"],
        plan_day=columns["plan_day"],
        notes=columns["notes"],
        pain_before=columns["pain_before"],
        pain_after=columns["pain_after"],
        id=columns["id"],
        today=date.max,
    )


def _float_or_none(value: float | None) -> float | None:
    return float(value) if value is not None else None


def _set_columns(
    record: SetRecord, session_id: int, position: int, logged_at: datetime | None
) -> dict[str, Any]:
    """A set's row as column values (``id`` aside)."""
    return {
        "session_id": session_id,
        "position": position,
        "variation": record.variation.value,
        "reps": record.reps,
        "load_kg": float(record.load_kg),
        "band": record.band,
        "rpe": record.rpe,
        "rir": record.rir,
        "tempo": record.tempo,
        "hold_s": record.hold_s,
        "pain": record.pain,
        "notes": record.notes,
        "analysis_id": record.analysis_id,
        "kind": record.kind.value,
        "logged_at": logged_at or utc_now(),
        "side": record.side.value if record.side else None,
    }


class AthleteRepository:
    """Athletes by id or by name."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        name: str,
        profile: Profile,
        *,
        created_at: datetime | None = None,
        id: int | None = None,
        owner_id: int | None = None,
        unique_across_owners: bool | None = None,
    ) -> StoredAthlete:
        """Store a new athlete with the screening of ``profile``.

        The name must be free among the owner's athletes (``owner_id``), or among all athletes
        when there is no owner or ``unique_across_owners`` (the terminal, which names athletes
        across the database).
        """
        across = owner_id is None if unique_across_owners is None else unique_across_owners
        if self._named(name, owner_id, any_owner=across):
            raise InvalidInputError(f"an athlete named {name!r} already exists")
        screening = screen(profile)
        row = AthleteRow(
            id=id,
            name=name,
            owner_id=owner_id,
            level=profile.level.value,
            goal=profile.goal.value,
            equipment=sorted(item.value for item in profile.equipment),
            injuries=sorted(item.value for item in profile.injuries),
            back_pain=profile.back_pain,
            medical_care=profile.under_medical_care,
            clearance=profile.medical_clearance,
            body_mass_kg=profile.body_mass_kg,
            height_m=profile.height_m,
            sex=profile.sex.value if profile.sex else None,
            known_set=_known_set_json(profile.known_set),
            floor_criterion_met=profile.floor_criterion_met,
            needs_clearance=screening.needs_clearance,
            screening_reasons=list(screening.reasons),
            created_at=created_at or utc_now(),
            unit=profile.unit.value,
            plates=profile.plates.to_json() if profile.plates else None,
        )
        self._session.add(row)
        self._session.flush()
        return _athlete(row)

    def _named(self, name: str, owner_id: int | None, *, any_owner: bool) -> list[AthleteRow]:
        query = select(AthleteRow).where(AthleteRow.name == name)
        if not any_owner:
            query = query.where(AthleteRow.owner_id == owner_id)
        return list(self._session.scalars(query.order_by(AthleteRow.id)))

    def _row(self, ref: AthleteRef, *, lock: bool = False) -> AthleteRow | None:
        """The athlete's row by id (an int) or by name (unique, or refused as ambiguous)."""
        if isinstance(ref, int):
            query = select(AthleteRow).where(AthleteRow.id == ref)
        else:
            rows = self._named(ref, None, any_owner=True)
            if len(rows) > 1:
                ids = ", ".join(f"#{row.id}" for row in rows)
                raise InvalidInputError(
                    f"{len(rows)} athletes are named {ref!r} ({ids}; they belong to different "
                    f"accounts of the server): rename one by id, e.g. "
                    f"`revhyper athlete rename '#{rows[-1].id}' NEW_NAME`"
                )
            if not rows:
                return None
            query = select(AthleteRow).where(AthleteRow.id == rows[0].id)
        if lock:
            query = query.with_for_update()
        return self._session.scalar(query)

    def update_profile(self, name: AthleteRef, profile: Profile) -> StoredAthlete:
        """Replace the stored athlete's profile and screening; ``NotFoundError`` if unknown."""
        row = self._row(name)
        if row is None:
            self.get(name)
            raise AssertionError("unreachable")  # pragma: no cover
        screening = screen(profile)
        row.level = profile.level.value
        row.goal = profile.goal.value
        row.equipment = sorted(item.value for item in profile.equipment)
        row.injuries = sorted(item.value for item in profile.injuries)
        row.back_pain = profile.back_pain
        row.medical_care = profile.under_medical_care
        row.clearance = profile.medical_clearance
        row.body_mass_kg = profile.body_mass_kg
        row.height_m = profile.height_m
        row.sex = profile.sex.value if profile.sex else None
        row.known_set = _known_set_json(profile.known_set)
        row.floor_criterion_met = profile.floor_criterion_met
        row.needs_clearance = screening.needs_clearance
        row.screening_reasons = list(screening.reasons)
        row.unit = profile.unit.value
        row.plates = profile.plates.to_json() if profile.plates else None
        self._session.flush()
        return _athlete(row)

    def lock(self, name: AthleteRef) -> StoredAthlete:
        """The athlete with this name (or id), its row locked until the transaction ends.

        Every change to an athlete's log takes this lock first, so concurrent writers of one
        athlete run one after the other on PostgreSQL (``SELECT ... FOR UPDATE``); on SQLite
        the write transaction already holds the database's write lock.

        Raises:
            NotFoundError: no athlete of that name (the message lists the known names).
        """
        row = self._row(name, lock=True)
        if row is None:
            self.get(name)
            raise AssertionError("unreachable")  # pragma: no cover
        return _athlete(row)

    def locked_id(self, name: AthleteRef) -> int:
        """The id of the athlete with this name (or id), its row locked as in ``lock``,
        without loading the athlete's profile; ``NotFoundError`` as in ``lock``."""
        if not isinstance(name, int):
            return self.lock(name).id
        found = run_core(self._session, _ATHLETE_ROW_LOCK, {"athlete_id": name}).scalar()
        if found is None:
            raise NotFoundError(f"no athlete with id {name}")
        return int(found)

    def lock_id(self, athlete_id: int) -> StoredAthlete:
        """The athlete with this id, its row locked as in ``lock``; ``NotFoundError`` if none."""
        row = self._session.scalar(
            select(AthleteRow).where(AthleteRow.id == athlete_id).with_for_update()
        )
        if row is None:
            raise NotFoundError(f"no athlete with id {athlete_id}")
        return _athlete(row)

    def find(self, name: AthleteRef) -> StoredAthlete | None:
        """The athlete with this exact name (or this id), or None."""
        if isinstance(name, int):  # the server's every request: read without ORM objects
            found = run_core(self._session, _ATHLETE_BY_ID, {"athlete_id": name}).first()
            return _athlete(found) if found is not None else None
        row = self._row(name)
        return _athlete(row) if row else None

    def get(self, name: AthleteRef) -> StoredAthlete:
        """The athlete with this name (or id); ``NotFoundError`` listing known names otherwise."""
        found = self.find(name)
        if found is None and isinstance(name, int):
            raise NotFoundError(f"no athlete with id {name}")
        if found is None:
            known = ", ".join(a.name for a in self.all()) or "none yet (revhyper athlete add)"
            raise NotFoundError(f"no athlete named {name!r}: known athletes are {known}")
        return found

    def get_by_id(self, athlete_id: int) -> StoredAthlete:
        """The athlete with this id; ``NotFoundError`` otherwise."""
        row = self._session.get(AthleteRow, athlete_id)
        if row is None:
            raise NotFoundError(f"no athlete with id {athlete_id}")
        return _athlete(row)

    def rename(self, athlete_id: int, new_name: str) -> StoredAthlete:
        """Give the athlete a new name (the caller checks it is free)."""
        row = self._session.get(AthleteRow, athlete_id)
        if row is None:
            raise NotFoundError(f"no athlete with id {athlete_id}")
        row.name = new_name
        self._session.flush()
        return _athlete(row)

    def remove(self, athlete_id: int) -> None:
        """Delete the athlete and, by the database's cascades, their programs, sessions, sets,
        form analyses and body mass values."""
        self._session.execute(delete(AthleteRow).where(AthleteRow.id == athlete_id))
        self._session.expire_all()

    def all(self) -> list[StoredAthlete]:
        """All athletes by name."""
        rows = self._session.scalars(select(AthleteRow).order_by(AthleteRow.name))
        return [_athlete(r) for r in rows]

    def by_ids(self, athlete_ids: Sequence[int]) -> list[StoredAthlete]:
        """The athletes with these ids, by name (unknown ids are left out)."""
        rows = self._session.scalars(
            select(AthleteRow).where(AthleteRow.id.in_(list(athlete_ids))).order_by(AthleteRow.name)
        )
        return [_athlete(r) for r in rows]

    def owned_by(self, owner_id: int) -> list[StoredAthlete]:
        """The athletes this account owns, by name."""
        rows = self._session.scalars(
            select(AthleteRow).where(AthleteRow.owner_id == owner_id).order_by(AthleteRow.name)
        )
        return [_athlete(r) for r in rows]

    def claim_ownerless(self, owner_id: int) -> int:
        """Give every athlete without an owner to ``owner_id``; returns how many."""
        rows = list(self._session.scalars(select(AthleteRow).where(AthleteRow.owner_id.is_(None))))
        for row in rows:
            row.owner_id = owner_id
        self._session.flush()
        return len(rows)


class ProgramRepository:
    """Stored plans; one active program per athlete at a time."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        *,
        athlete_id: int,
        start_date: date,
        goal: str,
        weeks: int,
        days_per_week: int,
        parameters: dict[str, Any],
        plan: dict[str, Any],
        active: bool = True,
        created_at: datetime | None = None,
        id: int | None = None,
    ) -> StoredProgram:
        """Store a plan; when ``active``, the athlete's other programs become inactive."""
        if active:
            for row in self._session.scalars(
                select(ProgramRow).where(ProgramRow.athlete_id == athlete_id, ProgramRow.active)
            ):
                row.active = False
        row = ProgramRow(
            id=id,
            athlete_id=athlete_id,
            start_date=start_date,
            goal=goal,
            weeks=weeks,
            days_per_week=days_per_week,
            parameters=parameters,
            plan=plan,
            active=active,
            created_at=created_at or utc_now(),
        )
        self._session.add(row)
        self._session.flush()
        return _program(row)

    def get(self, program_id: int) -> StoredProgram:
        row = self._session.get(ProgramRow, program_id)
        if row is None:
            raise NotFoundError(f"no program with id {program_id}")
        return _program(row)

    def active_for(self, athlete_id: int) -> StoredProgram | None:
        """The athlete's active program (newest first), or None."""
        row = self._session.scalar(
            select(ProgramRow)
            .where(ProgramRow.athlete_id == athlete_id, ProgramRow.active)
            .order_by(ProgramRow.id.desc())
        )
        return _program(row) if row else None

    def list_for(self, athlete_id: int) -> list[StoredProgram]:
        rows = self._session.scalars(
            select(ProgramRow).where(ProgramRow.athlete_id == athlete_id).order_by(ProgramRow.id)
        )
        return [_program(r) for r in rows]


class AnalysisRepository:
    """Stored form analyses that sets may link to."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(
        self,
        result: dict[str, Any],
        *,
        athlete_id: int | None = None,
        source: str = "",
        created_at: datetime | None = None,
        id: int | None = None,
    ) -> StoredAnalysis:
        """Store an analysis result (the ``revhyper-analysis/1`` JSON document)."""
        row = FormAnalysisRow(
            id=id,
            athlete_id=athlete_id,
            source=source,
            result=result,
            created_at=created_at or utc_now(),
        )
        self._session.add(row)
        self._session.flush()
        return self._stored(row)

    def get(self, analysis_id: int) -> StoredAnalysis:
        row = self._session.get(FormAnalysisRow, analysis_id)
        if row is None:
            raise NotFoundError(f"no form analysis with id {analysis_id}")
        return self._stored(row)

    def list_for(self, athlete_id: int | None) -> list[StoredAnalysis]:
        query = select(FormAnalysisRow).order_by(FormAnalysisRow.id)
        if athlete_id is not None:
            query = query.where(FormAnalysisRow.athlete_id == athlete_id)
        return [self._stored(r) for r in self._session.scalars(query)]

    @staticmethod
    def _stored(row: FormAnalysisRow) -> StoredAnalysis:
        return StoredAnalysis(
            id=row.id,
            athlete_id=row.athlete_id,
            created_at=row.created_at,
            source=row.source,
            result=dict(row.result),
        )


class SessionRepository:
    """Sessions and their sets."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, record: SessionRecord, created_at: datetime | None = None) -> SessionRecord:
        """Store a session and its sets (positions 1, 2, ... in the given order)."""
        row = SessionRow(
            id=record.id,
            athlete_id=record.athlete_id,
            program_id=record.program_id,
            day=record.day,
            status=record.status.value,
            plan_week=record.plan_week,
            plan_day=record.plan_day,
            notes=record.notes,
            pain_before=record.pain_before,
            pain_after=record.pain_after,
            created_at=created_at or utc_now(),
        )
        self._session.add(row)
        self._session.flush()
        for set_record in record.sets:
            self.add_set(row.id, set_record)
        return self.get(row.id)

    def on_day(self, athlete_id: int, day: date, *, with_sets: bool = True) -> SessionRecord | None:
        """The athlete's session of that day (there is at most one), or None; without its sets
        (``sets`` empty) unless ``with_sets``."""
        if not with_sets:
            found = run_core(self._session, _SESSION_ON_DAY, {"athlete_id": athlete_id, "day": day})
            columns = found.mappings().first()
            return _session_of_columns(columns) if columns is not None else None
        row = self._session.scalar(
            select(SessionRow).where(SessionRow.athlete_id == athlete_id, SessionRow.day == day)
        )
        return _session_record(row, with_sets) if row is not None else None

    def add_or_join(
        self, record: SessionRecord, created_at: datetime | None = None
    ) -> SessionRecord:
        """Store a session, or join it to the athlete's session of that day when there is one.

        Joining follows ``domain.training_log.joined_session``: the sets are appended after
        the day's sets and the session's status, notes and pain are merged.
        """
        existing = self.on_day(record.athlete_id, record.day)
        if existing is None:
            return self.add(record, created_at)
        assert existing.id is not None
        joined = joined_session(existing, record)
        row = self._row(existing.id)
        row.status = joined.status.value
        row.program_id = joined.program_id
        row.plan_week = joined.plan_week
        row.plan_day = joined.plan_day
        row.notes = joined.notes
        row.pain_before = joined.pain_before
        row.pain_after = joined.pain_after
        self._session.flush()
        for set_record in record.sets:
            self.add_set(existing.id, replace(set_record, position=None))
        return self.get(existing.id)

    def plan_places(self, program_id: int) -> list[tuple[int, date, int | None, int | None]]:
        """``(session id, date, plan week, plan day)`` of every session counted against a
        program, oldest first."""
        query = (
            select(SessionRow.id, SessionRow.day, SessionRow.plan_week, SessionRow.plan_day)
            .where(SessionRow.program_id == program_id)
            .order_by(SessionRow.day, SessionRow.id)
        )
        return [(i, d, w, p) for i, d, w, p in self._session.execute(query).all()]

    def set_plan_place(
        self, session_id: int, program_id: int | None, week: int | None, day: int | None
    ) -> None:
        """Count a session against a program's slot (week, day), or none (all None: free)."""
        row = self._row(session_id)
        row.program_id = program_id
        row.plan_week = week
        row.plan_day = day
        self._session.flush()

    def _row(self, session_id: int) -> SessionRow:
        row = self._session.get(SessionRow, session_id)
        if row is None:
            raise NotFoundError(f"no session with id {session_id}")
        return row

    def status(self, session_id: int) -> SessionStatus:
        """The session's status without loading its sets; ``NotFoundError`` if unknown."""
        return SessionStatus(self._row(session_id).status)

    def get(self, session_id: int, *, with_sets: bool = True) -> SessionRecord:
        """The session with its sets in order (``sets`` empty unless ``with_sets``);
        ``NotFoundError`` otherwise."""
        row = self._row(session_id)
        self._session.refresh(row)
        return _session_record(row, with_sets)

    def add_set(
        self, session_id: int, record: SetRecord, logged_at: datetime | None = None
    ) -> SetRecord:
        """Append a set to a session (next position unless ``record.position`` is given)."""
        self._row(session_id)
        if record.analysis_id is not None and (
            self._session.get(FormAnalysisRow, record.analysis_id) is None
        ):
            raise NotFoundError(f"no form analysis with id {record.analysis_id}")
        position = record.position
        if position is None:
            last = self._session.scalar(
                select(func.max(SetRow.position)).where(SetRow.session_id == session_id)
            )
            position = (last or 0) + 1
        row = SetRow(id=record.id, **_set_columns(record, session_id, position, logged_at))
        self._session.add(row)
        self._session.flush()
        self._session.refresh(row)
        return _set_record(row)

    def append_set(
        self, session_id: int, record: SetRecord, logged_at: datetime | None = None
    ) -> SetRecord:
        """``add_set`` for a session read or made in this transaction, of a set without a
        linked analysis: the same row, written without loading anything back (one query for
        the position, one insert)."""
        if record.analysis_id is not None or record.position is not None:
            return self.add_set(session_id, record, logged_at)
        position = run_core(self._session, _NEXT_SET_POSITION, {"session_id": session_id}).scalar()
        assert position is not None
        values = _set_columns(record, session_id, position, logged_at)
        written = cast(CursorResult[Any], run_core(self._session, _INSERT_SET, values))
        inserted = written.inserted_primary_key
        assert inserted is not None
        # What the stored row reads back as: its float columns as floats.
        return replace(
            record,
            id=int(inserted[0]),
            position=position,
            load_kg=values["load_kg"],
            rpe=_float_or_none(record.rpe),
            rir=_float_or_none(record.rir),
            hold_s=_float_or_none(record.hold_s),
        )

    def logged_set(self, set_id: int) -> LoggedSet:
        """A stored set with its athlete, session and date; ``NotFoundError`` otherwise."""
        found = self._session.execute(
            select(SetRow, SessionRow, AthleteRow)
            .join(SessionRow, SetRow.session_id == SessionRow.id)
            .join(AthleteRow, SessionRow.athlete_id == AthleteRow.id)
            .where(SetRow.id == set_id)
        ).first()
        if found is None:
            raise NotFoundError(f"no set with id {set_id}: set ids are shown by `revhyper history`")
        set_row, session, athlete = found
        return LoggedSet(athlete.id, athlete.name, session.id, session.day, _set_record(set_row))

    def last_logged_set(self, athlete_id: int) -> LoggedSet | None:
        """The athlete's set entered last (by entry time, then id), or None."""
        set_id = self._session.scalar(
            select(SetRow.id)
            .join(SessionRow, SetRow.session_id == SessionRow.id)
            .where(SessionRow.athlete_id == athlete_id)
            .order_by(SetRow.logged_at.desc(), SetRow.id.desc())
            .limit(1)
        )
        return self.logged_set(set_id) if set_id is not None else None

    def replace_set(self, set_id: int, record: SetRecord) -> SetRecord:
        """Overwrite a stored set's values (its session, position and entry time stay)."""
        row = self._session.get(SetRow, set_id)
        if row is None:
            raise NotFoundError(f"no set with id {set_id}")
        if record.analysis_id is not None and (
            self._session.get(FormAnalysisRow, record.analysis_id) is None
        ):
            raise NotFoundError(f"no form analysis with id {record.analysis_id}")
        row.variation = record.variation.value
        row.reps = record.reps
        row.load_kg = float(record.load_kg)
        row.band = record.band
        row.rpe = record.rpe
        row.rir = record.rir
        row.tempo = record.tempo
        row.hold_s = record.hold_s
        row.pain = record.pain
        row.notes = record.notes
        row.analysis_id = record.analysis_id
        self._session.flush()
        self._session.refresh(row)
        return _set_record(row)

    def remove_set(self, set_id: int) -> None:
        """Delete a set; the later sets of its session move up one place (positions 1..N)."""
        row = self._session.get(SetRow, set_id)
        if row is None:
            raise NotFoundError(f"no set with id {set_id}")
        session_id, position = row.session_id, row.position
        self._session.delete(row)
        self._session.flush()
        later = self._session.scalars(
            select(SetRow)
            .where(SetRow.session_id == session_id, SetRow.position > position)
            .order_by(SetRow.position)
        ).all()
        for moved in later:  # ascending, so each new position is already free
            moved.position -= 1
            self._session.flush()
        self._session.expire(self._row(session_id))

    def remove(self, session_id: int) -> None:
        """Delete a session and its sets."""
        self._session.delete(self._row(session_id))
        self._session.flush()

    def link_analysis(self, set_id: int, analysis_id: int | None) -> SetRecord:
        """Point a stored set at a stored analysis (None removes the link)."""
        row = self._session.get(SetRow, set_id)
        if row is None:
            raise NotFoundError(f"no set with id {set_id}")
        if analysis_id is not None and self._session.get(FormAnalysisRow, analysis_id) is None:
            raise NotFoundError(f"no form analysis with id {analysis_id}")
        row.analysis_id = analysis_id
        self._session.flush()
        self._session.refresh(row)
        return _set_record(row)

    def sets_with_analysis(self, analysis_id: int) -> list[LoggedSet]:
        """The stored sets linked to a form analysis, in the order logged."""
        ids = self._session.scalars(
            select(SetRow.id).where(SetRow.analysis_id == analysis_id).order_by(SetRow.id)
        )
        return [self.logged_set(set_id) for set_id in ids]

    def update(
        self,
        session_id: int,
        *,
        status: SessionStatus | None = None,
        pain_before: int | None = None,
        pain_after: int | None = None,
        notes: str | None = None,
    ) -> SessionRecord:
        """Change a session's status, pain ratings or notes (None leaves a field as it is)."""
        row = self._row(session_id)
        if status is not None:
            row.status = SessionStatus(status).value
        if pain_before is not None:
            row.pain_before = pain_before
        if pain_after is not None:
            row.pain_after = pain_after
        if notes is not None:
            row.notes = notes
        self._session.flush()
        return self.get(session_id)

    def find(
        self,
        athlete_id: int,
        day: date | None = None,
        *,
        statuses: Sequence[SessionStatus] = (),
    ) -> list[SessionRecord]:
        """The athlete's sessions (optionally on one day, with given statuses), oldest first."""
        query = select(SessionRow).where(SessionRow.athlete_id == athlete_id)
        if day is not None:
            query = query.where(SessionRow.day == day)
        if statuses:
            query = query.where(SessionRow.status.in_([s.value for s in statuses]))
        query = query.order_by(SessionRow.day, SessionRow.id)
        return [_session_record(r) for r in self._session.scalars(query)]

    def in_range(
        self,
        athlete_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[SessionRecord]:
        """Sessions with their sets, oldest first, filtered by athlete and date range."""
        query = select(SessionRow)
        if athlete_id is not None:
            query = query.where(SessionRow.athlete_id == athlete_id)
        if since is not None:
            query = query.where(SessionRow.day >= since)
        if until is not None:
            query = query.where(SessionRow.day <= until)
        query = query.order_by(SessionRow.day, SessionRow.id)
        return [_session_record(r) for r in self._session.scalars(query)]

    def sets(
        self,
        athlete_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        variation: str | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[LoggedSet]:
        """Stored sets with their session's athlete and date, oldest first (``limit`` of them
        from ``offset`` on, when given)."""
        query = self._filtered(
            select(SetRow, SessionRow, AthleteRow), athlete_id, since, until, variation
        )
        query = query.order_by(SessionRow.day, SessionRow.id, SetRow.position)
        if limit is not None:
            query = query.limit(limit).offset(offset)
        return [
            LoggedSet(
                athlete_id=athlete.id,
                athlete_name=athlete.name,
                session_id=session.id,
                day=session.day,
                record=_set_record(set_row),
            )
            for set_row, session, athlete in self._session.execute(query).all()
        ]

    def count_matching(
        self,
        athlete_id: int | None = None,
        since: date | None = None,
        until: date | None = None,
        variation: str | None = None,
    ) -> int:
        """How many stored sets ``sets`` would return without a limit."""
        query = self._filtered(select(func.count(SetRow.id)), athlete_id, since, until, variation)
        return int(self._session.scalar(query) or 0)

    @staticmethod
    def _filtered(
        query: Any,
        athlete_id: int | None,
        since: date | None,
        until: date | None,
        variation: str | None,
    ) -> Any:
        query = query.select_from(SetRow).join(SessionRow, SetRow.session_id == SessionRow.id)
        query = query.join(AthleteRow, SessionRow.athlete_id == AthleteRow.id)
        if athlete_id is not None:
            query = query.where(SessionRow.athlete_id == athlete_id)
        if since is not None:
            query = query.where(SessionRow.day >= since)
        if until is not None:
            query = query.where(SessionRow.day <= until)
        if variation is not None:
            query = query.where(SetRow.variation == variation)
        return query

    def created_times(self, athlete_id: int) -> dict[int, datetime]:
        """When each of the athlete's sessions was stored, by session id (naive UTC)."""
        query = select(SessionRow.id, SessionRow.created_at).where(
            SessionRow.athlete_id == athlete_id
        )
        return {row_id: created for row_id, created in self._session.execute(query).all()}

    def logged_times(self, athlete_id: int) -> dict[int, datetime]:
        """When each of the athlete's sets was entered, by set id (naive UTC)."""
        query = (
            select(SetRow.id, SetRow.logged_at)
            .join(SessionRow, SetRow.session_id == SessionRow.id)
            .where(SessionRow.athlete_id == athlete_id)
        )
        return {row_id: logged for row_id, logged in self._session.execute(query).all()}

    def count_sets(self) -> int:
        """How many sets are stored (all athletes)."""
        return int(self._session.scalar(select(func.count(SetRow.id))) or 0)


class BodyMassRepository:
    """Body mass over time; one value per athlete and date."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(self, entry: BodyMassRecord) -> BodyMassRecord:
        """Store the value for that date, replacing an earlier value of the same date."""
        row = self._session.scalar(
            select(BodyMassRow).where(
                BodyMassRow.athlete_id == entry.athlete_id, BodyMassRow.day == entry.day
            )
        )
        if row is None:
            row = BodyMassRow(id=entry.id, athlete_id=entry.athlete_id, day=entry.day)
            self._session.add(row)
        row.mass_kg = float(entry.mass_kg)
        self._session.flush()
        return self._record(row)

    def list_for(self, athlete_id: int) -> list[BodyMassRecord]:
        rows = self._session.scalars(
            select(BodyMassRow)
            .where(BodyMassRow.athlete_id == athlete_id)
            .order_by(BodyMassRow.day)
        )
        return [self._record(r) for r in rows]

    @staticmethod
    def _record(row: BodyMassRow) -> BodyMassRecord:
        return BodyMassRecord(
            athlete_id=row.athlete_id, day=row.day, mass_kg=row.mass_kg, id=row.id, today=date.max
        )
