"""The timing and input rules of a guided session, free of any terminal or clock.

The session runner (``revhyper session``) asks this module what to count and when:

* :func:`rest_plan` turns a block's rest range (the goal protocol's, e.g. 30–45 s for muscular
  endurance and 45–90 s for hypertrophy, as the seed gives them) into a countdown [s];
* :func:`tempo_schedule` spells out a tempo set second by second, one tick per second of each
  phase (lift, hold at the top, lower, pause at the bottom), so the runner can print
  ``lift 1 2 3`` and ring the terminal bell at each phase change;
* :func:`hold_schedule` does the same for an isometric hold at the top;
* :func:`parse_set_entry` reads the one line an athlete types after a set
  (``10 40 7 0`` = reps, load [kg], RPE, pain during the set 0–10; ``skip``; ``done``).

Everything here is pure: the runner owns the clock, the terminal and the database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.tempo import Tempo
from revhyper.domain.units import MassUnit, format_load, from_kg, parse_load

#: Rest used when a protocol says "rest as needed" (strength and movement integrity in the
#: seed) [s]. The seed gives no number; this range is revhyper's own default, long enough for
#: 8–10 reps at a moderate load and short enough to keep a session under half an hour.
AS_NEEDED_REST_S: tuple[int, int] = (60, 120)

#: Largest rest scale accepted by the runner (``--rest-scale``); 0 means no waiting at all.
MAX_REST_SCALE = 10.0

#: Limits of what a person may type for one set. Reps and load limits catch typos
#: (``100`` for ``10``); the storage layer applies its own, possibly stricter, checks.
MAX_REPS = 100
MAX_LOAD_KG = 500.0
RPE_RANGE = (1.0, 10.0)
PAIN_RANGE = (0, 10)
MAX_HOLD_S = 600.0


class Phase(StrEnum):
    """Phases of one repetition in the C-H-E-P tempo order of ``revhyper-analysis/1``."""

    LIFT = "lift"
    HOLD = "hold"
    LOWER = "lower"
    PAUSE = "pause"


@dataclass(frozen=True)
class RestPlan:
    """How long to rest after a set [s].

    Attributes:
        minimum_s: the protocol's shortest rest, scaled [s].
        maximum_s: the protocol's longest rest, scaled; the countdown runs to this [s].
        as_needed: the protocol said "rest as needed" and revhyper's default range was used.
    """

    minimum_s: int
    maximum_s: int
    as_needed: bool


@dataclass(frozen=True)
class CadenceTick:
    """One second of a tempo or hold schedule.

    Attributes:
        rep: repetition number, from 1.
        phase: the phase this second belongs to.
        count: the second within the phase, from 1 (what the runner prints).
        phase_length: the phase's length in whole seconds (``count == phase_length`` on its last).
        phase_start: true on the first second of a phase (the runner rings the bell here).
    """

    rep: int
    phase: Phase
    count: int
    phase_length: int
    phase_start: bool


class EntryKind(StrEnum):
    """What a typed line means."""

    SET = "set"
    SKIP = "skip"
    DONE = "done"


@dataclass(frozen=True)
class SetEntry:
    """A parsed set line. Load ``None`` means body weight only; RPE ``None`` means not given.

    Attributes:
        reps: repetitions done (for an isometric hold, holds done).
        load_kg: external load [kg], or ``None`` for body weight / bands.
        rpe: rating of perceived exertion 1–10, or ``None``.
        pain: back pain during the set, 0 (none) to 10 (worst).
        hold_s: the hold actually done at the top, when given [s].
    """

    reps: int
    load_kg: float | None
    rpe: float | None
    pain: int
    hold_s: float | None = None


@dataclass(frozen=True)
class ParsedEntry:
    """A typed line: a set, ``skip`` (skip this set) or ``done`` (end the session now).

    ``load_given`` is False when a set line had no LOAD word (its load is then the default).
    """

    kind: EntryKind
    set_entry: SetEntry | None = None
    load_given: bool = True


#: Words that end the session (typed alone on a line).
DONE_WORDS = frozenset({"done", "quit", "q"})

ENTRY_HELP = (
    "type REPS LOAD RPE PAIN, e.g. '10 40 7 0' (LOAD 'bw' or '-' for body weight, RPE '-' if "
    "unsure, PAIN 0-10; add 'hold=S' for holds), or 'skip', or 'done'"
)


def rest_plan(rest_s: tuple[int, int] | list[int] | None, scale: float = 1.0) -> RestPlan:
    """The rest countdown after a set.

    Args:
        rest_s: the block's rest range ``(min, max)`` [s], or ``None`` for "rest as needed".
        scale: multiply both ends by this (``0`` = no rest, for tests and demos), 0–10.

    Returns:
        A :class:`RestPlan` in whole seconds.
    """
    if not (0.0 <= scale <= MAX_REST_SCALE) or math.isnan(scale):
        raise InvalidInputError(f"rest scale {scale} is not allowed; use 0 to {MAX_REST_SCALE:g}")
    as_needed = rest_s is None
    low, high = AS_NEEDED_REST_S if rest_s is None else (int(rest_s[0]), int(rest_s[1]))
    if low < 0 or high < low:
        raise InvalidInputError(f"rest range {low}-{high} s is not allowed; use 0 <= min <= max")
    return RestPlan(round(low * scale), round(high * scale), as_needed)


def _whole_seconds(duration_s: float) -> int:
    return max(0, round(duration_s))


def tempo_schedule(tempo: Tempo, reps: int) -> list[CadenceTick]:
    """One tick per second for ``reps`` repetitions at ``tempo``; phases of 0 s are left out.

    Phase lengths are rounded to whole seconds [s] because the runner counts out loud in
    seconds; a 0.5 s phase rounds to 0 (Python's round-half-to-even) and is skipped.
    """
    if reps < 0 or reps > MAX_REPS:
        raise InvalidInputError(f"reps {reps} is not allowed; use 0 to {MAX_REPS}")
    phases = (
        (Phase.LIFT, tempo.concentric_s),
        (Phase.HOLD, tempo.hold_s),
        (Phase.LOWER, tempo.eccentric_s),
        (Phase.PAUSE, tempo.pause_s),
    )
    ticks: list[CadenceTick] = []
    for rep in range(1, reps + 1):
        for phase, duration_s in phases:
            length = _whole_seconds(duration_s)
            ticks.extend(
                CadenceTick(rep, phase, count, length, count == 1) for count in range(1, length + 1)
            )
    return ticks


def hold_schedule(hold_s: float, holds: int = 1) -> list[CadenceTick]:
    """A countdown schedule for ``holds`` isometric holds of ``hold_s`` seconds at the top [s]."""
    if not (0.0 < hold_s <= MAX_HOLD_S):
        raise InvalidInputError(
            f"hold {hold_s} s is not allowed; use more than 0 up to {MAX_HOLD_S:g}"
        )
    return tempo_schedule(Tempo(0.0, hold_s, 0.0, 0.0), holds)


def schedule_seconds(ticks: list[CadenceTick]) -> int:
    """Total length of a schedule [s] (one second per tick)."""
    return len(ticks)


def _parse_number(word: str, what: str, allowed: str) -> float:
    try:
        value = float(word)
    except ValueError:
        raise InvalidInputError(f"{what} '{word}' is not a number; {allowed}") from None
    if math.isnan(value) or math.isinf(value):
        raise InvalidInputError(f"{what} '{word}' is not a number; {allowed}")
    return value


def _parse_reps(word: str) -> int:
    allowed = f"use a whole number 0 to {MAX_REPS}"
    value = _parse_number(word, "reps", allowed)
    if value != int(value) or not (0 <= value <= MAX_REPS):
        raise InvalidInputError(f"reps '{word}' is not allowed; {allowed}")
    return int(value)


def _parse_load(word: str, unit: MassUnit = MassUnit.KG) -> float | None:
    """A typed load in ``unit`` (or with its own, ``90lb``) as kilograms [kg]; None for body
    weight, which is ``bw``, ``-`` or any zero (``0``, ``0.0``, ``0kg``)."""
    if word.lower() in {"bw", "-"}:
        return None
    most = format_load(MAX_LOAD_KG, unit, decimals=0)
    allowed = f"use {unit.value} from 0 to {most} (or 90lb / 40kg), or 'bw'"
    try:
        value = parse_load(word, unit)
    except InvalidInputError:
        raise InvalidInputError(f"load '{word}' is not a load; {allowed}") from None
    if not (0.0 <= value <= MAX_LOAD_KG + 1e-9):
        shown = f"{word}'" if any(c.isalpha() for c in word) else f"{word}' {unit.value}"
        raise InvalidInputError(f"load '{shown} is not allowed; {allowed}")
    return None if value == 0 else value


def _parse_rpe(word: str) -> float | None:
    if word == "-":
        return None
    low, high = RPE_RANGE
    allowed = f"use {low:g} to {high:g}, or '-'"
    value = _parse_number(word, "RPE", allowed)
    if not (low <= value <= high):
        raise InvalidInputError(f"RPE '{word}' is not allowed; {allowed}")
    return value


def _parse_pain(word: str) -> int:
    low, high = PAIN_RANGE
    allowed = f"use a whole number {low} to {high}"
    value = _parse_number(word, "pain", allowed)
    if value != int(value) or not (low <= value <= high):
        raise InvalidInputError(f"pain '{word}' is not allowed; {allowed}")
    return int(value)


def parse_pain_answer(text: str) -> int | None:
    """A back-pain answer (0–10, whole numbers); an empty answer means not given (``None``).

    Raises :class:`InvalidInputError` naming the answer and what is allowed.
    """
    word = text.strip()
    if not word:
        return None
    return _parse_pain(word)


def _parse_hold(word: str) -> float:
    allowed = f"use seconds above 0 up to {MAX_HOLD_S:g}"
    value = _parse_number(word, "hold", allowed)
    if not (0.0 < value <= MAX_HOLD_S):
        raise InvalidInputError(f"hold '{word}' s is not allowed; {allowed}")
    return value


def parse_set_entry(
    line: str, default_load_kg: float | None = None, unit: MassUnit = MassUnit.KG
) -> ParsedEntry:
    """Read one typed line: ``REPS [LOAD [RPE [PAIN]]] [hold=S]``, ``skip`` or ``done``.

    Missing fields take defaults: LOAD the prescribed ``default_load_kg`` [kg], RPE not given,
    PAIN 0. A typed LOAD is in ``unit`` unless it names its own (``90lb``) and is returned in
    kilograms. Raises :class:`InvalidInputError` naming the bad word and what is allowed.
    """
    words = line.strip().split()
    if not words:
        raise InvalidInputError(f"empty line; {ENTRY_HELP}")
    keyword = words[0].lower()
    if keyword in {"skip", "s"} and len(words) == 1:
        return ParsedEntry(EntryKind.SKIP)
    if keyword in DONE_WORDS and len(words) == 1:
        return ParsedEntry(EntryKind.DONE)
    hold_s: float | None = None
    positional: list[str] = []
    for word in words:
        if word.lower().startswith("hold="):
            hold_s = _parse_hold(word.split("=", 1)[1])
        else:
            positional.append(word)
    if not positional or len(positional) > 4:
        raise InvalidInputError(f"'{line.strip()}' is not a set line; {ENTRY_HELP}")
    reps = _parse_reps(positional[0])
    load_given = len(positional) > 1
    load_kg = _parse_load(positional[1], unit) if load_given else default_load_kg
    rpe = _parse_rpe(positional[2]) if len(positional) > 2 else None
    pain = _parse_pain(positional[3]) if len(positional) > 3 else 0
    return ParsedEntry(EntryKind.SET, SetEntry(reps, load_kg, rpe, pain, hold_s), load_given)


def needs_load_answer(parsed: ParsedEntry, loaded_block: bool) -> bool:
    """True when a set line left out LOAD on a block that takes external load.

    Such a line is not taken to mean body weight (nor silently the prescription): the runner
    asks for the load, offering the prescribed one (:func:`parse_load_answer`).
    """
    return parsed.kind is EntryKind.SET and not parsed.load_given and loaded_block


def parse_load_answer(
    text: str, default_kg: float | None, unit: MassUnit = MassUnit.KG
) -> float | None:
    """The answer to "what load?" in ``unit`` (or with its own, ``90lb``) as kilograms [kg], up
    to 500 kg; ``bw``/``-`` for body weight (``None``).

    An empty answer takes ``default_kg`` (the prescribed load [kg]); without one it is refused.
    Raises :class:`InvalidInputError` naming the answer and what is allowed.
    """
    word = text.strip()
    if word:
        return _parse_load(word, unit)
    if default_kg is None:
        most = f"{from_kg(MAX_LOAD_KG, unit):.0f}"
        raise InvalidInputError(
            f"no load given; type the load in {unit.value} (0 to {most}), or 'bw' for body weight"
        )
    return default_kg
