"""The training log as plain values: sets, sessions and body mass, validated on construction.

These frozen dataclasses are what services and the progression rules work with; the database
adapter maps them to rows. Every constructor checks its numbers against ``LIMITS`` and raises
``InvalidInputError`` with a message naming the value and the allowed range.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.tempo import parse_tempo
from revhyper.domain.vocabulary import Fault, VariationId


@dataclass(frozen=True)
class Limit:
    """An inclusive allowed range for one logged quantity."""

    low: float
    high: float
    unit: str = ""

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{_fmt(self.low)}–{_fmt(self.high)}{unit}"


#: Allowed ranges of what people log, in one place. Loads above 500 kg or 100 reps on a reverse
#: hyper are typing mistakes, not training.
LIMITS: dict[str, Limit] = {
    "reps": Limit(0, 100),
    "load_kg": Limit(0, 500, "kg"),
    "rpe": Limit(1, 10),
    "rir": Limit(0, 10),
    "pain": Limit(0, 10),
    "hold_s": Limit(0, 600, "s"),
    "body_mass_kg": Limit(20, 400, "kg"),
    "plan_week": Limit(1, 104),
    "plan_day": Limit(1, 7),
}

#: Longest free-text note kept [characters].
MAX_NOTE_CHARS = 2000


class SessionStatus(StrEnum):
    """Where a session stands: planned (nothing done), in progress (some sets), performed."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    PERFORMED = "performed"


class SetKind(StrEnum):
    """Why a set was done: a working set counts as training; a warm-up only prepares for it.

    Warm-up sets are stored and shown, but left out of working volume, personal records and
    e1RM (``revhyper.domain.training.analytics``) and of the progression rules.
    """

    WORKING = "working"
    WARMUP = "warmup"


def parse_set_kind(value: str) -> SetKind:
    """The ``SetKind`` for ``value`` ("working" or "warmup"), else ``InvalidInputError``."""
    try:
        return SetKind(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(k.value for k in SetKind)
        raise InvalidInputError(f"unknown set kind {value!r}: allowed {allowed}") from None


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def check_range(name: str, value: float, label: str | None = None) -> None:
    """Refuse ``value`` outside ``LIMITS[name]`` (or not a finite number)."""
    limit = LIMITS[name]
    shown = label or name
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError(f"{shown} must be a number, got {value!r}")
    if not math.isfinite(value) or not limit.low <= value <= limit.high:
        raise InvalidInputError(
            f"{shown} {_fmt(value)} is out of range: allowed {limit.describe()}"
        )


def _check_whole(name: str, value: int, label: str) -> None:
    check_range(name, value, label)
    if not float(value).is_integer():
        raise InvalidInputError(f"{label} must be a whole number, got {value!r}")


def _check_optional_whole(name: str, value: int | None, label: str) -> None:
    if value is not None:
        _check_whole(name, value, label)


def _check_not_future(day: date, today: date | None, label: str) -> None:
    if not isinstance(day, date):
        raise InvalidInputError(f"{label} must be a date, got {day!r}")
    limit = today or date.today()
    if day > limit:
        raise InvalidInputError(
            f"{label} {day.isoformat()} is in the future: allowed up to {limit.isoformat()}"
        )


def _check_notes(notes: str) -> None:
    if len(notes) > MAX_NOTE_CHARS:
        raise InvalidInputError(
            f"notes are {len(notes)} characters long: allowed up to {MAX_NOTE_CHARS}"
        )


def parse_variation(value: str) -> VariationId:
    """The ``VariationId`` for an id, or ``InvalidInputError`` listing the known ids."""
    try:
        return VariationId(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(v.value for v in VariationId)
        raise InvalidInputError(f"unknown variation {value!r}: allowed {allowed}") from None


def parse_fault(value: str) -> Fault:
    """The ``Fault`` for a fault code, or ``InvalidInputError`` listing the known codes."""
    try:
        return Fault(value)
    except ValueError:
        allowed = ", ".join(f.value for f in Fault)
        raise InvalidInputError(f"unknown form fault {value!r}: allowed {allowed}") from None


class Side(StrEnum):
    """The working leg of a single-leg set."""

    LEFT = "left"
    RIGHT = "right"


#: Variations done one leg at a time, logged per side.
SINGLE_LEG_VARIATIONS = frozenset({VariationId.SINGLE_LEG_REVERSE_HYPER})


def parse_side(value: object, variation: VariationId) -> Side:
    """``left`` or ``right`` (also ``l``/``r``) for a single-leg variation, else
    ``InvalidInputError`` naming the value and what is allowed."""
    if variation not in SINGLE_LEG_VARIATIONS:
        raise InvalidInputError(
            f"side {value!r} is only for single-leg variations "
            f"({', '.join(sorted(v.value for v in SINGLE_LEG_VARIATIONS))}), not {variation.value}"
        )
    if isinstance(value, Side):
        return value
    word = str(value).strip().lower()
    word = {"l": "left", "r": "right"}.get(word, word)
    try:
        return Side(word)
    except ValueError:
        raise InvalidInputError(f"side {value!r} is not allowed: use left or right") from None


@dataclass(frozen=True)
class SetRecord:
    """One set as it was done.

    Attributes:
        variation: the variation id (a ``VariationId``; a plain id string is accepted).
        reps: repetitions completed, 0–100.
        load_kg: external load [kg], 0–500 (0 for body weight or bands only).
        band: the band used, as text (e.g. "light", "red x2"), or None.
        rpe: rating of perceived exertion, 1–10 (halves allowed), or None.
        rir: repetitions in reserve, 0–10, or None.
        tempo: the tempo actually done, C-H-E-P in seconds (e.g. "3-1-3-0"), or None.
        hold_s: the isometric hold actually done [s], or None.
        pain: back pain during the set, 0–10 (whole numbers), or None when not asked.
        notes: free text.
        analysis_id: id of a stored form analysis of this set, or None.
        faults: fault codes of the linked analysis (``Fault`` values); empty when none.
        kind: ``SetKind.WORKING`` (default) or ``SetKind.WARMUP``.
        id: storage id (None until stored).
        position: order within its session, 1-based (None until stored).
        side: for a single-leg set, the leg that worked (``"left"`` or ``"right"``). A
            single-leg set is logged once per side: 3 × 10 per leg is six records, three
            left and three right, each with that leg's reps and load. None for two-leg
            variations, and for single-leg sets logged before sides were recorded.
    """

    variation: VariationId
    reps: int
    load_kg: float = 0.0
    band: str | None = None
    rpe: float | None = None
    rir: float | None = None
    tempo: str | None = None
    hold_s: float | None = None
    pain: int | None = None
    notes: str = ""
    analysis_id: int | None = None
    faults: tuple[str, ...] = ()
    kind: SetKind = SetKind.WORKING
    id: int | None = None
    position: int | None = None
    side: Side | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "variation", parse_variation(self.variation))
        object.__setattr__(self, "kind", parse_set_kind(self.kind))
        if self.side is not None:
            object.__setattr__(self, "side", parse_side(self.side, self.variation))
        _check_whole("reps", self.reps, "reps")
        check_range("load_kg", self.load_kg, "load")
        if self.rpe is not None:
            check_range("rpe", self.rpe, "RPE")
        if self.rir is not None:
            check_range("rir", self.rir, "RIR")
        if self.hold_s is not None:
            check_range("hold_s", self.hold_s, "hold")
        _check_optional_whole("pain", self.pain, "pain")
        if self.tempo is not None:
            parse_tempo(self.tempo)
        _check_notes(self.notes)
        faults = tuple(parse_fault(code).value for code in self.faults)
        object.__setattr__(self, "faults", faults)
        if faults and self.analysis_id is None:
            raise InvalidInputError("form faults need a linked analysis (analysis_id)")

    @property
    def effective_rpe(self) -> float | None:
        """The RPE, or 10 − RIR when only RIR was logged (RPE 10 = no reps left)."""
        if self.rpe is not None:
            return self.rpe
        if self.rir is not None:
            return 10.0 - self.rir
        return None

    @property
    def is_warmup(self) -> bool:
        """True for a warm-up set (not counted as training by the analytics)."""
        return self.kind is SetKind.WARMUP

    @property
    def volume_load_kg(self) -> float:
        """Reps × load [kg]."""
        return self.reps * self.load_kg


@dataclass(frozen=True)
class SessionRecord:
    """One training session, planned or performed, with its sets in order.

    Attributes:
        athlete_id: storage id of the athlete.
        day: the calendar date of the session; not in the future unless still planned.
        status: ``SessionStatus`` (planned, in_progress, performed).
        program_id: storage id of the program it came from, or None for a free session.
        plan_week: week of the plan (1-based), or None.
        plan_day: day within that week (1-based), or None.
        notes: free text.
        pain_before: back pain before the session, 0–10, or None.
        pain_after: back pain after the session, 0–10, or None.
        sets: the sets done, in order.
        id: storage id (None until stored).
    """

    athlete_id: int
    day: date
    status: SessionStatus = SessionStatus.PERFORMED
    program_id: int | None = None
    plan_week: int | None = None
    plan_day: int | None = None
    notes: str = ""
    pain_before: int | None = None
    pain_after: int | None = None
    sets: tuple[SetRecord, ...] = field(default_factory=tuple)
    id: int | None = None
    today: date | None = field(default=None, compare=False, repr=False)
    """Reference date for the not-in-the-future check (default: the system's today)."""

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "status", SessionStatus(self.status))
        except ValueError:
            allowed = ", ".join(s.value for s in SessionStatus)
            raise InvalidInputError(
                f"unknown session status {self.status!r}: allowed {allowed}"
            ) from None
        if self.status is not SessionStatus.PLANNED:
            _check_not_future(self.day, self.today, "session date")
        elif not isinstance(self.day, date):
            raise InvalidInputError(f"session date must be a date, got {self.day!r}")
        _check_optional_whole("plan_week", self.plan_week, "plan week")
        _check_optional_whole("plan_day", self.plan_day, "plan day")
        _check_optional_whole("pain", self.pain_before, "pain before")
        _check_optional_whole("pain", self.pain_after, "pain after")
        _check_notes(self.notes)
        object.__setattr__(self, "sets", tuple(self.sets))

    @property
    def working_sets(self) -> tuple[SetRecord, ...]:
        """The sets that count as training (warm-ups left out), in order."""
        return tuple(s for s in self.sets if not s.is_warmup)

    @property
    def volume_load_kg(self) -> float:
        """Sum of reps × load over the session's working sets [kg] (warm-ups left out)."""
        return sum(s.volume_load_kg for s in self.working_sets)

    @property
    def max_pain_during(self) -> int | None:
        """The highest pain reported during any set, or None when none was reported."""
        pains = [s.pain for s in self.sets if s.pain is not None]
        return max(pains) if pains else None


#: Session statuses from least to most done (a joined session takes the most done of the two).
_STATUS_ORDER = (SessionStatus.PLANNED, SessionStatus.IN_PROGRESS, SessionStatus.PERFORMED)

#: Between the notes of two sessions of one day when they are joined.
NOTES_JOINER = " | "


def joined_session(kept: SessionRecord, extra: SessionRecord) -> SessionRecord:
    """The one session of a day after ``extra`` (a second session of that day) joins ``kept``.

    An athlete has at most one session per day. A session logged, imported or restored onto a
    day that already has one joins it: its sets follow the kept session's sets, the status is
    the more done of the two, notes are joined with ``NOTES_JOINER``, pain before comes from
    the earlier session (the kept one) when it has one, pain after from the later one when it
    has one, and the kept session's plan slot stays unless it has none.

    Raises:
        InvalidInputError: the two sessions belong to different athletes or days, or the
            joined notes are too long.
    """
    if (kept.athlete_id, kept.day) != (extra.athlete_id, extra.day):
        raise InvalidInputError(
            f"only sessions of one athlete and day can be joined: athlete {kept.athlete_id} on "
            f"{kept.day} and athlete {extra.athlete_id} on {extra.day}"
        )
    status = max(kept.status, extra.status, key=_STATUS_ORDER.index)
    linked = kept if kept.program_id is not None else extra
    notes = NOTES_JOINER.join(n for n in (kept.notes, extra.notes) if n)
    return SessionRecord(
        athlete_id=kept.athlete_id,
        day=kept.day,
        status=status,
        program_id=linked.program_id,
        plan_week=linked.plan_week,
        plan_day=linked.plan_day,
        notes=notes,
        pain_before=kept.pain_before if kept.pain_before is not None else extra.pain_before,
        pain_after=extra.pain_after if extra.pain_after is not None else kept.pain_after,
        sets=kept.sets + extra.sets,
        id=kept.id,
        today=date.max,
    )


def plan_places_by_date(
    sessions: Sequence[tuple[int, date]], slots: Sequence[tuple[int, int]]
) -> dict[int, tuple[int, int] | None]:
    """Each session's place in its plan: the k-th session by date takes the plan's k-th slot.

    Args:
        sessions: ``(session id, date)`` of every session counted against one program, in any
            order (the order they were logged in does not matter; ties on a date go by id).
        slots: the plan's ``(week, day)`` slots in training order (week 1 day 1, ...).

    Returns:
        ``{session id: (week, day)}``; sessions beyond the plan's last slot map to None
        (they stay with the program but fill no slot).
    """
    ordered = sorted(sessions, key=lambda item: (item[1], item[0]))
    return {
        session_id: (slots[index] if index < len(slots) else None)
        for index, (session_id, _day) in enumerate(ordered)
    }


@dataclass(frozen=True)
class BodyMassRecord:
    """The athlete's body mass on one date.

    Attributes:
        athlete_id: storage id of the athlete.
        day: date of the measurement (not in the future).
        mass_kg: body mass [kg], 20–400.
        id: storage id (None until stored).
    """

    athlete_id: int
    day: date
    mass_kg: float
    id: int | None = None
    today: date | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        _check_not_future(self.day, self.today, "body mass date")
        check_range("body_mass_kg", self.mass_kg, "body mass")


@dataclass(frozen=True)
class LoggedSet:
    """A stored set with where it belongs: which athlete, which session, which day.

    Attributes:
        athlete_id: storage id of the athlete.
        athlete_name: the athlete's name.
        session_id: storage id of the session.
        day: the session's date.
        record: the set itself (with ``id`` and ``position`` filled in).
    """

    athlete_id: int
    athlete_name: str
    session_id: int
    day: date
    record: SetRecord


#: Earliest date a person may enter (OUR choice: no one logs reverse hypers from before
#: 1900, and a year such as 0001 made ``progress`` walk two thousand years of weeks).
EARLIEST_DATE = date(1900, 1, 1)

#: How far past today a date may be [days] (OUR choice: a plan may start up to a year ahead).
DAYS_AHEAD_ALLOWED = 366


def date_range(today: date | None = None) -> tuple[date, date]:
    """The first and last date a person may enter, relative to ``today`` (default: today)."""
    reference = today or date.today()
    return EARLIEST_DATE, date.fromordinal(reference.toordinal() + DAYS_AHEAD_ALLOWED)


def parse_date(text: str, label: str = "date", today: date | None = None) -> date:
    """An ISO date ``YYYY-MM-DD`` (also ``today``/``yesterday``), else ``InvalidInputError``.

    The date must lie in :func:`date_range` (1900-01-01 to a year after ``today``); empty text
    is refused, not taken as today.
    """
    reference = today or date.today()
    cleaned = str(text).strip().lower()
    if cleaned == "today":
        return reference
    if cleaned == "yesterday":
        return date.fromordinal(reference.toordinal() - 1)
    try:
        parsed = date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInputError(
            f"{label} {text!r} is not a date: write YYYY-MM-DD, today or yesterday"
        ) from None
    first, last = date_range(reference)
    if not first <= parsed <= last:
        raise InvalidInputError(
            f"{label} {text!r} is out of range: allowed {first.isoformat()} to "
            f"{last.isoformat()} (a year from today)"
        )
    return parsed
