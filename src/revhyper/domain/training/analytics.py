"""What the training log says about progress: volume, strength, records, adherence and pain.

Pure functions over :class:`~revhyper.domain.training.log.SessionRecord` values. Sessions
count when they hold sets (performed or still in progress); planned sessions without sets
only count towards adherence.

* Volume load is reps × external load summed per ISO week (Monday start) [kg]. Body-weight
  and band sets add reps but no volume load. Warm-up sets (``SetKind.WARMUP``) count nowhere:
  not in volume, sets, reps, e1RM or personal records.
* Estimated one-repetition maximum (e1RM) uses the load maths of
  :func:`revhyper.domain.loads.estimate_1rm`; sets outside a formula's valid range are left out.
* Personal records per variation: heaviest load, most reps, largest set volume and best e1RM;
  a record is an event when a set beats every earlier one.
* Adherence compares the plan's sessions and sets (week, day) with those logged.
* Pain trend: back pain before and after each session and the worst pain during a set (0–10).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.loads import estimate_1rm
from revhyper.domain.training.log import SessionRecord, SessionStatus, SetRecord
from revhyper.domain.vocabulary import VariationId

#: The e1RM formula used when none is named (Epley 1985, the most widely used).
DEFAULT_E1RM_METHOD = "epley"

#: Variations whose sets give no e1RM: an isometric hold's "reps" are holds, not repetitions.
NO_E1RM_VARIATIONS: frozenset[VariationId] = frozenset({VariationId.ISOMETRIC_HOLD})


def _logged(sessions: Iterable[SessionRecord]) -> list[SessionRecord]:
    """Sessions with at least one set, oldest first (ties keep their order)."""
    return sorted((s for s in sessions if s.sets), key=lambda s: s.day)


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekVolume:
    """One training week.

    Attributes:
        week_start: Monday of the ISO week.
        volume_load_kg: sum of reps × load [kg].
        sets: sets logged.
        reps: repetitions logged.
        sessions: sessions with sets.
    """

    week_start: date
    volume_load_kg: float
    sets: int
    reps: int
    sessions: int


def weekly_volume(sessions: Iterable[SessionRecord]) -> list[WeekVolume]:
    """Volume load per week from the first to the last logged week, empty weeks as zeros."""
    logged = _logged(sessions)
    if not logged:
        return []
    totals: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for session in logged:
        row = totals[week_start(session.day)]
        row[0] += session.volume_load_kg
        row[1] += len(session.working_sets)
        row[2] += sum(s.reps for s in session.working_sets)
        row[3] += 1
    weeks: list[WeekVolume] = []
    current, last = week_start(logged[0].day), week_start(logged[-1].day)
    while current <= last:
        volume, n_sets, reps, n_sessions = totals.get(current, [0.0, 0.0, 0.0, 0.0])
        weeks.append(WeekVolume(current, volume, int(n_sets), int(reps), int(n_sessions)))
        current += timedelta(days=7)
    return weeks


def set_e1rm_kg(record: SetRecord, method: str = DEFAULT_E1RM_METHOD) -> float | None:
    """The set's estimated 1RM [kg], or ``None`` for warm-ups, unloaded sets, isometric holds,
    or reps a formula refuses."""
    if record.is_warmup or record.variation in NO_E1RM_VARIATIONS:
        return None
    if record.load_kg <= 0 or record.reps < 1:
        return None
    try:
        return estimate_1rm(record.load_kg, record.reps, method)
    except InvalidInputError:
        return None


@dataclass(frozen=True)
class E1rmPoint:
    """The best e1RM of one session for one variation.

    Attributes:
        day: session date.
        variation: the variation.
        e1rm_kg: best estimated 1RM of the session's sets [kg].
        load_kg: load of the set it came from [kg].
        reps: reps of that set.
    """

    day: date
    variation: VariationId
    e1rm_kg: float
    load_kg: float
    reps: int


def e1rm_trend(
    sessions: Iterable[SessionRecord],
    method: str = DEFAULT_E1RM_METHOD,
    variation: VariationId | None = None,
) -> list[E1rmPoint]:
    """Best e1RM per session and variation, in date order (loaded sets only)."""
    points: list[E1rmPoint] = []
    for session in _logged(sessions):
        best: dict[VariationId, E1rmPoint] = {}
        for record in session.sets:
            if variation is not None and record.variation != variation:
                continue
            e1rm = set_e1rm_kg(record, method)
            if e1rm is None:
                continue
            held = best.get(record.variation)
            if held is None or e1rm > held.e1rm_kg:
                best[record.variation] = E1rmPoint(
                    session.day, record.variation, e1rm, record.load_kg, record.reps
                )
        points.extend(best[v] for v in sorted(best))
    return points


class RecordKind(StrEnum):
    """Kinds of personal record."""

    HEAVIEST_LOAD = "heaviest load"
    MOST_REPS = "most reps"
    BEST_SET_VOLUME = "best set volume"
    BEST_E1RM = "best e1RM"


@dataclass(frozen=True)
class BestSet:
    """The best set of one kind for a variation.

    Attributes:
        kind: which record.
        value: the record's value ([kg] for loads, volumes and e1RM; reps for most reps).
        day: when it was set.
        load_kg: the set's load [kg].
        reps: the set's reps.
    """

    kind: RecordKind
    value: float
    day: date
    load_kg: float
    reps: int


def _record_values(record: SetRecord, method: str) -> dict[RecordKind, float]:
    values: dict[RecordKind, float] = {RecordKind.MOST_REPS: float(record.reps)}
    if record.load_kg > 0 and record.reps > 0:
        values[RecordKind.HEAVIEST_LOAD] = record.load_kg
        values[RecordKind.BEST_SET_VOLUME] = record.volume_load_kg
    e1rm = set_e1rm_kg(record, method)
    if e1rm is not None:
        values[RecordKind.BEST_E1RM] = e1rm
    return values


@dataclass(frozen=True)
class PersonalRecordEvent:
    """A set that beat every earlier set of its variation in one kind of record."""

    variation: VariationId
    best: BestSet
    previous: float | None


def personal_records(
    sessions: Iterable[SessionRecord], method: str = DEFAULT_E1RM_METHOD
) -> tuple[dict[VariationId, dict[RecordKind, BestSet]], list[PersonalRecordEvent]]:
    """Best sets per variation and kind, and every record event in date order.

    The first set of a variation sets its first records (``previous`` is ``None``); later
    sets make an event only when strictly better.
    """
    bests: dict[VariationId, dict[RecordKind, BestSet]] = defaultdict(dict)
    events: list[PersonalRecordEvent] = []
    for session in _logged(sessions):
        for record in session.working_sets:
            held = bests[record.variation]
            for kind, value in _record_values(record, method).items():
                previous = held.get(kind)
                if previous is not None and value <= previous.value:
                    continue
                best = BestSet(kind, value, session.day, record.load_kg, record.reps)
                held[kind] = best
                before = previous.value if previous is not None else None
                events.append(PersonalRecordEvent(record.variation, best, before))
    return dict(bests), events


@dataclass(frozen=True)
class PlannedSlot:
    """One session of the plan: its week, day and number of main sets."""

    week: int
    day: int
    sets: int


@dataclass(frozen=True)
class WeekAdherence:
    """Planned versus done for one plan week.

    Attributes:
        week: plan week (1-based).
        planned_sessions: sessions the plan holds that week.
        done_sessions: planned sessions with at least one set logged.
        planned_sets: main sets the plan holds that week.
        done_sets: sets logged against those sessions (capped at the planned number each).
    """

    week: int
    planned_sessions: int
    done_sessions: int
    planned_sets: int
    done_sets: int

    @property
    def session_fraction(self) -> float:
        """Done / planned sessions, 0–1 (1 when nothing was planned)."""
        return self.done_sessions / self.planned_sessions if self.planned_sessions else 1.0

    @property
    def set_fraction(self) -> float:
        """Done / planned sets, 0–1 (1 when nothing was planned)."""
        return self.done_sets / self.planned_sets if self.planned_sets else 1.0


def adherence(
    planned: Sequence[PlannedSlot], sessions: Iterable[SessionRecord], up_to_week: int | None = None
) -> list[WeekAdherence]:
    """Per plan week, how many planned sessions and sets were done.

    Sessions are matched to the plan by ``(plan_week, plan_day)``; sets beyond the planned
    number in a session do not lift adherence above 100%. ``up_to_week`` leaves out later
    weeks (those not due yet).
    """
    done_sets: dict[tuple[int, int], int] = defaultdict(int)
    for session in sessions:
        if session.plan_week is None or session.plan_day is None:
            continue
        if session.status is SessionStatus.PLANNED and not session.sets:
            continue
        done_sets[(session.plan_week, session.plan_day)] += len(session.working_sets)
    weeks: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for slot in planned:
        if up_to_week is not None and slot.week > up_to_week:
            continue
        done = min(done_sets.get((slot.week, slot.day), 0), slot.sets)
        row = weeks[slot.week]
        row[0] += 1
        row[1] += 1 if done > 0 else 0
        row[2] += slot.sets
        row[3] += done
    return [WeekAdherence(week, *weeks[week]) for week in sorted(weeks)]


@dataclass(frozen=True)
class PainPoint:
    """Back pain around one session, 0–10 each (``None`` when not asked)."""

    day: date
    before: int | None
    after: int | None
    max_during: int | None

    @property
    def rise(self) -> int | None:
        """After minus before (positive when the session left the back worse)."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def pain_trend(sessions: Iterable[SessionRecord]) -> list[PainPoint]:
    """Pain before, after and during each session that recorded any, in date order."""
    points: list[PainPoint] = []
    for session in sorted(sessions, key=lambda s: s.day):
        point = PainPoint(
            session.day, session.pain_before, session.pain_after, session.max_pain_during
        )
        if point.before is None and point.after is None and point.max_during is None:
            continue
        points.append(point)
    return points
