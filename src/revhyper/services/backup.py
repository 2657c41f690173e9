"""Complete JSON backups (``revhyper-backup/1``) of one athlete or everything, and restoring them.

A backup holds every athlete with their profile, screening, programs, form analyses, sessions
with sets, and body mass. Storage ids are not part of it: programs and analyses are referred to
by their position in the file (``"key"``), so exports of equal data are equal documents.

Restoring runs in one transaction: a file that is not valid leaves the database unchanged.
Restoring into a database that already has an athlete of the same name merges: programs,
analyses and sessions already present (same creation time) are skipped, so importing the same
backup twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from importlib import metadata
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import (
    AthleteRef,
    StoredAnalysis,
    StoredAthlete,
    StoredProgram,
)
from revhyper.domain.errors import InvalidInputError, RevhyperError
from revhyper.domain.plates import PlateInventory
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.training.log import (
    BodyMassRecord,
    SessionRecord,
    SetKind,
    SetRecord,
)
from revhyper.domain.units import parse_unit
from revhyper.services.machines import machine_name

BACKUP_FORMAT = "revhyper-backup/1"


@dataclass(frozen=True)
class ImportReport:
    """What a restore added (and what it found already present)."""

    athletes_added: int = 0
    athletes_merged: int = 0
    programs: int = 0
    analyses: int = 0
    sessions: int = 0
    sets: int = 0
    body_mass: int = 0
    #: Machines with their plates (a name the athlete already has counts as existing).
    machines: int = 0
    skipped_existing: int = 0
    #: Analyses linked to no athlete, left out of a restore into one account's athletes.
    unlinked_analyses_left_out: int = 0


# --------------------------------------------------------------------------- export


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _profile_json(profile: Profile) -> dict[str, Any]:
    known = profile.known_set
    return {
        "level": profile.level.value,
        "goal": profile.goal.value,
        "equipment": sorted(e.value for e in profile.equipment),
        "injuries": sorted(i.value for i in profile.injuries),
        "back_pain": profile.back_pain,
        "medical_care": profile.under_medical_care,
        "clearance": profile.medical_clearance,
        "body_mass_kg": profile.body_mass_kg,
        "height_m": profile.height_m,
        "sex": profile.sex.value if profile.sex else None,
        "known_set": (
            {"load_kg": known.load_kg, "reps": known.reps, "rpe": known.rpe} if known else None
        ),
        "floor_criterion_met": profile.floor_criterion_met,
        "unit": profile.unit.value,
        "plates": profile.plates.to_json() if profile.plates else None,
    }


def _set_json(record: SetRecord, analysis_keys: dict[int, int]) -> dict[str, Any]:
    return {
        "position": record.position,
        "variation": record.variation.value,
        "reps": record.reps,
        "load_kg": record.load_kg,
        "band": record.band,
        "rpe": record.rpe,
        "rir": record.rir,
        "tempo": record.tempo,
        "hold_s": record.hold_s,
        "pain": record.pain,
        "notes": record.notes,
        "kind": record.kind.value,
        "analysis": analysis_keys.get(record.analysis_id) if record.analysis_id else None,
        "side": record.side.value if record.side else None,
    }


def _athlete_json(uow: UnitOfWork, athlete: StoredAthlete) -> dict[str, Any]:
    programs = uow.programs.list_for(athlete.id)
    program_keys = {p.id: key for key, p in enumerate(programs, start=1)}
    sessions = uow.sessions.find(athlete.id)
    linked = {s.analysis_id for session in sessions for s in session.sets if s.analysis_id}
    owned = {a.id for a in uow.analyses.list_for(athlete.id)}
    analyses = [uow.analyses.get(i) for i in sorted(owned | linked)]
    analysis_keys = {a.id: key for key, a in enumerate(analyses, start=1)}
    created = uow.sessions.created_times(athlete.id)
    logged = uow.sessions.logged_times(athlete.id)
    document: dict[str, Any] = {
        "name": athlete.name,
        "created_at": _iso(athlete.created_at),
        "profile": _profile_json(athlete.profile),
        "screening": {
            "needs_clearance": athlete.screening.needs_clearance,
            "reasons": list(athlete.screening.reasons),
        },
        "programs": [_program_json(key, p) for key, p in enumerate(programs, start=1)],
        "analyses": [_analysis_json(analysis_keys[a.id], a, a.id in owned) for a in analyses],
        "sessions": [
            {
                "created_at": _iso(created[s.id or 0]),
                "day": s.day.isoformat(),
                "status": s.status.value,
                "program": program_keys.get(s.program_id) if s.program_id else None,
                "plan_week": s.plan_week,
                "plan_day": s.plan_day,
                "notes": s.notes,
                "pain_before": s.pain_before,
                "pain_after": s.pain_after,
                "sets": [
                    {**_set_json(r, analysis_keys), "logged_at": _iso(logged[r.id or 0])}
                    for r in s.sets
                ],
            }
            for s in sessions
        ],
        "body_mass": [
            {"day": b.day.isoformat(), "mass_kg": b.mass_kg}
            for b in uow.body_mass.list_for(athlete.id)
        ],
    }
    machines = uow.machines.of_athlete(athlete.id)
    if machines:  # optional: backups of athletes without machines stay as they were
        document["machines"] = [
            {
                "name": m.name,
                "created_at": _iso(m.created_at),
                "plates": m.plates.to_json(),
                "arm_kg": m.arm_kg,
            }
            for m in machines
        ]
    return document


def _program_json(key: int, program: StoredProgram) -> dict[str, Any]:
    return {
        "key": key,
        "created_at": _iso(program.created_at),
        "start_date": program.start_date.isoformat(),
        "goal": program.goal,
        "weeks": program.weeks,
        "days_per_week": program.days_per_week,
        "active": program.active,
        "parameters": program.parameters,
        "plan": program.plan,
    }


def _analysis_json(key: int, analysis: StoredAnalysis, owned: bool) -> dict[str, Any]:
    return {
        "key": key,
        "created_at": _iso(analysis.created_at),
        "source": analysis.source,
        "owned_by_athlete": owned,
        "result": analysis.result,
    }


def export_backup(
    uow: UnitOfWork, athlete: AthleteRef | None = None, *, exported_at: datetime | None = None
) -> dict[str, Any]:
    """The complete backup document of ``athlete`` (by name or id) or of every athlete."""
    moment = exported_at or datetime.now(UTC).replace(tzinfo=None)
    with uow:
        chosen = [uow.athletes.get(athlete)] if athlete is not None else uow.athletes.all()
        athletes = [_athlete_json(uow, a) for a in chosen]
        unlinked: list[dict[str, Any]] = []
        if athlete is None:
            linked = {s.record.analysis_id for s in uow.sessions.sets() if s.record.analysis_id}
            loose = [
                a
                for a in uow.analyses.list_for(None)
                if a.athlete_id is None and a.id not in linked
            ]
            unlinked = [_analysis_json(key, a, False) for key, a in enumerate(loose, start=1)]
    return {
        "format": BACKUP_FORMAT,
        "exported_at": _iso(moment),
        "revhyper_version": _version(),
        "scope": {"athlete": chosen[0].name if athlete is not None else None},
        "athletes": athletes,
        "unlinked_analyses": unlinked,
    }


def _version() -> str:
    try:
        return metadata.version("revhyper")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


# --------------------------------------------------------------------------- import


class _Doc:
    """A JSON object with its location in the file, for error messages that point at it."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise InvalidInputError(f"backup {where}: expected an object, got {_kind(data)}")
        self.data: dict[str, Any] = data
        self.where = where

    def get(self, key: str, kinds: type | tuple[type, ...], *, optional: bool = False) -> Any:
        if key not in self.data:
            if optional:
                return None
            raise InvalidInputError(f"backup {self.where}: missing field {key!r}")
        value = self.data[key]
        if value is None and optional:
            return None
        if isinstance(value, bool) and bool not in _as_tuple(kinds):
            raise InvalidInputError(
                f"backup {self.where}.{key}: expected {_names(kinds)}, got {value!r}"
            )
        if not isinstance(value, kinds):
            raise InvalidInputError(
                f"backup {self.where}.{key}: expected {_names(kinds)}, got {_kind(value)}"
            )
        return value

    def items(self, key: str) -> list[_Doc]:
        values = self.get(key, list)
        return [_Doc(v, f"{self.where}.{key}[{i}]") for i, v in enumerate(values)]

    def moment(self, key: str) -> datetime:
        text = self.get(key, str)
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            raise InvalidInputError(
                f"backup {self.where}.{key}: {text!r} is not an ISO date-time"
            ) from None

    def day(self, key: str) -> date:
        text = self.get(key, str)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidInputError(
                f"backup {self.where}.{key}: {text!r} is not an ISO date (YYYY-MM-DD)"
            ) from None


def _as_tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _names(kinds: type | tuple[type, ...]) -> str:
    words = {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "an object",
    }
    return " or ".join(words.get(k, k.__name__) for k in _as_tuple(kinds))


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", type(None): "null"}.get(
        type(value), type(value).__name__
    )


_NUMBER = (int, float)


def _located(where: str, error: RevhyperError) -> InvalidInputError:
    return InvalidInputError(f"backup {where}: {error}")


def check_backup_header(document: dict[str, Any]) -> None:
    """Refuse documents that are not ``revhyper-backup/1``."""
    found = document.get("format")
    if found != BACKUP_FORMAT:
        raise InvalidInputError(
            f"not a revhyper backup: format is {found!r}, expected {BACKUP_FORMAT!r}"
        )


def _profile(doc: _Doc) -> Profile:
    known = doc.get("known_set", dict, optional=True)
    try:
        known_set = None
        if known is not None:
            k = _Doc(known, f"{doc.where}.known_set")
            known_set = KnownSet(
                k.get("load_kg", _NUMBER), k.get("reps", int), k.get("rpe", _NUMBER)
            )
        return Profile(
            level=doc.get("level", str),
            goal=doc.get("goal", str),
            equipment=frozenset(doc.get("equipment", list)),
            injuries=frozenset(doc.get("injuries", list)),
            back_pain=doc.get("back_pain", int),
            under_medical_care=doc.get("medical_care", bool),
            medical_clearance=doc.get("clearance", bool),
            body_mass_kg=doc.get("body_mass_kg", _NUMBER, optional=True),
            height_m=doc.get("height_m", _NUMBER, optional=True),
            sex=doc.get("sex", str, optional=True),
            known_set=known_set,
            floor_criterion_met=doc.get("floor_criterion_met", bool),
            # Backups written before units existed have neither key: kg, a full gym set.
            unit=parse_unit(doc.get("unit", str, optional=True) or "kg"),
            plates=_plates(doc),
        )
    except InvalidInputError as error:
        if str(error).startswith("backup "):
            raise
        raise _located(doc.where, error) from None


def _plates(doc: _Doc) -> PlateInventory | None:
    plates = doc.get("plates", dict, optional=True)
    if plates is None:
        return None
    try:
        return PlateInventory.from_json(plates)
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, InvalidInputError):
            raise
        raise InvalidInputError(
            f"plates {plates!r} is not {{'unit': 'kg' or 'lb', 'plates': [[size, copies], ...]}}"
        ) from None


def _set_record(doc: _Doc, analysis_ids: dict[int, int]) -> SetRecord:
    key = doc.get("analysis", int, optional=True)
    if key is not None and key not in analysis_ids:
        raise InvalidInputError(f"backup {doc.where}.analysis: no analysis with key {key}")
    try:
        return SetRecord(
            variation=doc.get("variation", str),
            reps=doc.get("reps", int),
            load_kg=doc.get("load_kg", _NUMBER),
            band=doc.get("band", str, optional=True),
            rpe=doc.get("rpe", _NUMBER, optional=True),
            rir=doc.get("rir", _NUMBER, optional=True),
            tempo=doc.get("tempo", str, optional=True),
            hold_s=doc.get("hold_s", _NUMBER, optional=True),
            pain=doc.get("pain", int, optional=True),
            notes=doc.get("notes", str),
            kind=doc.get("kind", str, optional=True) or SetKind.WORKING,
            analysis_id=analysis_ids[key] if key is not None else None,
            position=doc.get("position", int),
            side=doc.get("side", str, optional=True),
        )
    except InvalidInputError as error:
        if str(error).startswith("backup "):
            raise
        raise _located(doc.where, error) from None


class _Restorer:
    """Writes one backup document through an open unit of work (the caller commits)."""

    def __init__(self, uow: UnitOfWork, owner_id: int | None = None) -> None:
        self.uow = uow
        #: Restore into this account's athletes only (None: the terminal's whole database).
        self.owner_id = owner_id
        self.counts: dict[str, int] = dict.fromkeys(
            (
                "athletes_added",
                "athletes_merged",
                "programs",
                "analyses",
                "sessions",
                "sets",
                "body_mass",
                "machines",
                "skipped_existing",
                "unlinked_analyses_left_out",
            ),
            0,
        )

    def athlete(self, doc: _Doc) -> None:
        name = doc.get("name", str)
        profile = _profile(_Doc(doc.get("profile", dict), f"{doc.where}.profile"))
        existing = self._existing(name)
        if existing is None:
            athlete = self.uow.athletes.add(
                name, profile, created_at=doc.moment("created_at"), owner_id=self.owner_id
            )
            self.counts["athletes_added"] += 1
        else:
            athlete = existing
            self.counts["athletes_merged"] += 1
        programs = self._programs(doc, athlete.id)
        analyses = self._analyses(doc.items("analyses"), athlete.id)
        self._sessions(doc, athlete.id, programs, analyses)
        known = {(b.day, b.mass_kg) for b in self.uow.body_mass.list_for(athlete.id)}
        for entry in doc.items("body_mass"):
            try:
                record = BodyMassRecord(athlete.id, entry.day("day"), entry.get("mass_kg", _NUMBER))
            except InvalidInputError as error:
                raise _located(entry.where, error) from None
            if (record.day, record.mass_kg) in known:
                self.counts["skipped_existing"] += 1
                continue
            self.uow.body_mass.record(record)
            self.counts["body_mass"] += 1
        self._machines(doc, athlete.id)

    def _machines(self, doc: _Doc, athlete_id: int) -> None:
        """The backup's machines the athlete has no machine of that name for."""
        if doc.get("machines", list, optional=True) is None:
            return
        present = {m.name for m in self.uow.machines.of_athlete(athlete_id)}
        for entry in doc.items("machines"):
            try:
                name = machine_name(entry.get("name", str))
            except InvalidInputError as error:
                raise _located(entry.where, error) from None
            if name in present:
                self.counts["skipped_existing"] += 1
                continue
            plates = _plates(entry)
            if plates is None:
                raise InvalidInputError(f"{entry.where}.plates is missing")
            arm_kg = entry.get("arm_kg", _NUMBER, optional=True) or 0.0
            self.uow.machines.add(
                athlete_id, name, plates, float(arm_kg), entry.moment("created_at")
            )
            present.add(name)
            self.counts["machines"] += 1

    def _existing(self, name: str) -> StoredAthlete | None:
        """The athlete a backup's athlete of this name merges into: the owner's own athlete
        of that name (any athlete of that name from the terminal), or None."""
        if self.owner_id is None:
            return self.uow.athletes.find(name)
        owned = self.uow.athletes.owned_by(self.owner_id)
        return next((athlete for athlete in owned if athlete.name == name), None)

    def _programs(self, doc: _Doc, athlete_id: int) -> dict[int, int]:
        present = {p.created_at: p.id for p in self.uow.programs.list_for(athlete_id)}
        ids: dict[int, int] = {}
        for entry in doc.items("programs"):
            created = entry.moment("created_at")
            if created in present:
                ids[entry.get("key", int)] = present[created]
                self.counts["skipped_existing"] += 1
                continue
            stored = self.uow.programs.add(
                athlete_id=athlete_id,
                start_date=entry.day("start_date"),
                goal=entry.get("goal", str),
                weeks=entry.get("weeks", int),
                days_per_week=entry.get("days_per_week", int),
                parameters=entry.get("parameters", dict),
                plan=entry.get("plan", dict),
                active=entry.get("active", bool),
                created_at=created,
            )
            ids[entry.get("key", int)] = stored.id
            self.counts["programs"] += 1
        return ids

    def _analyses(self, entries: list[_Doc], athlete_id: int | None) -> dict[int, int]:
        scoped = self.owner_id is not None
        among = self.uow.analyses.list_for(athlete_id if scoped else None)
        present = {(a.created_at, a.source): a.id for a in among}
        ids: dict[int, int] = {}
        for entry in entries:
            created, source = entry.moment("created_at"), entry.get("source", str)
            key = entry.get("key", int)
            if (created, source) in present:
                ids[key] = present[(created, source)]
                self.counts["skipped_existing"] += 1
                continue
            owned = entry.get("owned_by_athlete", bool)
            # In an account's restore every analysis belongs to its athlete: one linked to
            # no athlete would be visible to no one.
            owner = athlete_id if owned or scoped else None
            stored = self.uow.analyses.add(
                entry.get("result", dict), athlete_id=owner, source=source, created_at=created
            )
            ids[key] = stored.id
            self.counts["analyses"] += 1
        return ids

    def _sessions(
        self, doc: _Doc, athlete_id: int, programs: dict[int, int], analyses: dict[int, int]
    ) -> None:
        present = set(self.uow.sessions.created_times(athlete_id).values())
        for entry in doc.items("sessions"):
            created = entry.moment("created_at")
            if created in present:
                self.counts["skipped_existing"] += 1
                continue
            program_key = entry.get("program", int, optional=True)
            if program_key is not None and program_key not in programs:
                raise InvalidInputError(
                    f"backup {entry.where}.program: no program with key {program_key}"
                )
            set_docs = entry.items("sets")
            sets = [_set_record(s, analyses) for s in set_docs]
            try:
                record = SessionRecord(
                    athlete_id=athlete_id,
                    day=entry.day("day"),
                    status=entry.get("status", str),
                    program_id=programs[program_key] if program_key is not None else None,
                    plan_week=entry.get("plan_week", int, optional=True),
                    plan_day=entry.get("plan_day", int, optional=True),
                    notes=entry.get("notes", str),
                    pain_before=entry.get("pain_before", int, optional=True),
                    pain_after=entry.get("pain_after", int, optional=True),
                )
            except InvalidInputError as error:
                if str(error).startswith("backup "):
                    raise
                raise _located(entry.where, error) from None
            joining = self.uow.sessions.on_day(athlete_id, record.day) is not None
            if joining:
                # One session per day: a backup's session on a day that already has one joins
                # it, unless its sets are already there (the same backup restored again).
                logged = set(self.uow.sessions.logged_times(athlete_id).values())
                moments = [s.moment("logged_at") for s in set_docs]
                if moments and all(m in logged for m in moments):
                    self.counts["skipped_existing"] += 1
                    continue
            stored = self.uow.sessions.add_or_join(record, created_at=created)
            assert stored.id is not None
            for set_doc, set_record in zip(set_docs, sets, strict=True):
                self.uow.sessions.add_set(
                    stored.id,
                    replace(set_record, position=None) if joining else set_record,
                    logged_at=set_doc.moment("logged_at"),
                )
            self.counts["sessions"] += 1
            self.counts["sets"] += len(sets)


def import_backup(
    uow: UnitOfWork, document: dict[str, Any], *, owner_id: int | None = None
) -> ImportReport:
    """Restore a backup document in one transaction (all of it, or nothing on any error).

    With ``owner_id`` (the server) the athletes are restored as that account's: merged into
    the account's athletes of the same name, or added as owned by it; analyses linked to no
    athlete are left out (counted in the report). Without it (the terminal) athletes merge by
    name across the database.

    Raises:
        InvalidInputError: not a ``revhyper-backup/1`` document, or a field is missing or
            invalid (the message gives its place, e.g. ``athletes[0].sessions[2].sets[1]``).
    """
    check_backup_header(document)
    root = _Doc(document, "")
    with uow.writing():
        restorer = _Restorer(uow, owner_id)
        for athlete_doc in root.items("athletes"):
            athlete_doc.where = athlete_doc.where.lstrip(".")
            restorer.athlete(athlete_doc)
        if "unlinked_analyses" in document:
            unlinked = root.items("unlinked_analyses")
            if owner_id is None:
                restorer._analyses(unlinked, None)
            else:
                restorer.counts["unlinked_analyses_left_out"] += len(unlinked)
        uow.commit()
    return ImportReport(**restorer.counts)
