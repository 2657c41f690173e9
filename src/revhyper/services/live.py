"""Use case: live form coaching over a connection (``docs/guide/live-protocol.md``).

The page sends pose landmarks as they are measured; :class:`LiveConnection` validates each
message, feeds :class:`revhyper.domain.motion.live.LiveAnalysis` and answers with the messages
to send back (framing, state, reps with their cue, acknowledgements, errors). At the end it
logs the set through :func:`revhyper.services.training.log_set`, the service the REST log-set
route uses, with the whole set's analysis stored and linked, once per ``live_key``.

Live sets are kept in this process's memory (:class:`LiveSets`) for ``LIVE_SET_TTL_S`` after
their last message: a dropped connection that comes back with the same ``live_key`` resumes
the set, provided it reaches the same server process (see the protocol document).
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from revhyper.adapters.analysis_json import analysis_to_dict
from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import StoredUser
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.knowledge.exercises import HOW_TO_STEPS, VARIATIONS
from revhyper.domain.motion.form_result import Fault, Prescription, RepResult
from revhyper.domain.motion.live import (
    Framing,
    LiveAnalysis,
    LiveState,
    LiveUpdate,
    frame_arrays,
)
from revhyper.domain.motion.prescription import make_prescription
from revhyper.domain.training.log import SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import access as access_service
from revhyper.services import idempotency, training
from revhyper.services.access import Scope

#: A live set is forgotten this long after its last message [s].
LIVE_SET_TTL_S = 600.0
#: Most live sets one process keeps at a time [-] (the oldest idle one goes first).
MAX_LIVE_SETS = 1000
#: Most frames in one ``frames`` message [-] (10 s at 30 frames/s: a backlog is sent in parts).
MAX_FRAMES_PER_BATCH = 300
#: Largest message accepted [bytes] (300 frames of 33 points as JSON text fit in 400 KiB).
MAX_MESSAGE_BYTES = 512 * 1024
#: Largest image side accepted [px].
MAX_IMAGE_PX = 10_000
#: Largest prescribed rep count [-].
MAX_PRESCRIBED_REPS = 100

#: The cue said for each fault: a phrase of the exercise catalogue's cues
#: (``domain/knowledge/exercises.py``: the how-to steps' and the variations' cues).
FAULT_CUES: dict[Fault, str] = {
    Fault.OVER_EXTENSION: "Stop at parallel",
    Fault.TORSO_LIFT: "Chest glued to the pad",
    Fault.UNCONTROLLED_DESCENT: "Lower, don't drop",
    Fault.KNEE_BEND: "Legs long",
    Fault.SHORT_ROM: "Lift to parallel",
    Fault.SHORT_HOLD: "Reach parallel and freeze",
    Fault.TEMPO_OFF: "Count every phase",
}
#: Which fault's cue is said when a rep has several: the ones that load the lower back first.
CUE_PRIORITY: tuple[Fault, ...] = tuple(FAULT_CUES)


def catalogue_cues() -> frozenset[str]:
    """Every cue the exercise catalogue words (how-to steps and variations)."""
    steps = {cue for step in HOW_TO_STEPS for cue in step.cues}
    return frozenset(steps | {cue for v in VARIATIONS.values() for cue in v.cues})


def cue_for(faults: tuple[Fault, ...]) -> str | None:
    """The one cue for a rep: the catalogue phrase for its worst fault, None without faults."""
    for fault in CUE_PRIORITY:
        if fault in faults:
            return FAULT_CUES[fault]
    return None


class LiveProtocolError(InvalidInputError):
    """A message the protocol refuses; ``code`` goes into the error message sent back."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class LiveSet:
    """One set being coached: who, for which athlete, and its analysis so far."""

    key: str
    user_id: int
    athlete_id: int
    variation: VariationId
    prescription: Prescription | None
    analysis: LiveAnalysis
    seen_seqs: set[int] = field(default_factory=set)
    framing: Framing | None = None
    logged: dict[str, Any] | None = None
    touched: float = 0.0
    # Re-entrant: ``LiveConnection.handle_now`` holds it while ``handle`` takes it again.
    lock: threading.RLock = field(default_factory=threading.RLock)


class LiveSets:
    """The live sets of this process, by ``live_key``, forgotten ``ttl_s`` after their last
    message (``clock`` [s] is monotonic)."""

    def __init__(
        self,
        ttl_s: float = LIVE_SET_TTL_S,
        clock: Callable[[], float] = time.monotonic,
        max_sets: int = MAX_LIVE_SETS,
    ) -> None:
        self.ttl_s, self.clock, self.max_sets = ttl_s, clock, max_sets
        self._sets: dict[str, LiveSet] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._sets)

    def find(self, key: str) -> LiveSet | None:
        with self._lock:
            self._expire()
            return self._sets.get(key)

    def keep(self, live: LiveSet) -> None:
        with self._lock:
            self._expire()
            if len(self._sets) >= self.max_sets:
                oldest = min(self._sets.values(), key=lambda s: s.touched)
                del self._sets[oldest.key]
            live.touched = self.clock()
            self._sets[live.key] = live

    def touch(self, live: LiveSet) -> None:
        live.touched = self.clock()

    def _expire(self) -> None:
        now = self.clock()
        for key in [k for k, s in self._sets.items() if now - s.touched > self.ttl_s]:
            del self._sets[key]


# --------------------------------------------------------------------------- validation


def _int(message: dict[str, Any], name: str, low: int, high: int) -> int:
    value = message.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise LiveProtocolError(
            "invalid_input", f"{name} must be a whole number from {low} to {high}, got {value!r}"
        )
    return value


def _optional_number(message: dict[str, Any], name: str) -> float | None:
    value = message.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LiveProtocolError("invalid_input", f"{name} must be a number or null, got {value!r}")
    return float(value)


def _optional_int(message: dict[str, Any], name: str) -> int | None:
    value = message.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise LiveProtocolError(
            "invalid_input", f"{name} must be a whole number or null, got {value!r}"
        )
    return value


def _live_key(message: dict[str, Any]) -> str:
    value = message.get("live_key")
    try:
        return str(uuid.UUID(str(value))) if isinstance(value, str) else _bad_key(value)
    except ValueError:
        return _bad_key(value)


def _bad_key(value: object) -> str:
    shown = repr(value)[:60]
    raise LiveProtocolError(
        "invalid_input",
        f"live_key must be a UUID string (e.g. from crypto.randomUUID()), got {shown}",
    )


def _variation(message: dict[str, Any]) -> VariationId:
    value = message.get("variation")
    try:
        return VariationId(str(value))
    except ValueError:
        allowed = ", ".join(v.value for v in VariationId)
        raise LiveProtocolError(
            "invalid_input", f"unknown variation {str(value)[:60]!r}; allowed: {allowed}"
        ) from None


def _prescription(message: dict[str, Any], variation: VariationId) -> Prescription | None:
    given = message.get("prescription")
    if given is None:
        return make_prescription(variation.value)
    if not isinstance(given, dict):
        raise LiveProtocolError("invalid_input", "prescription must be an object or null")
    unknown = sorted(set(given) - {"reps", "tempo", "hold_s"})
    if unknown:
        raise LiveProtocolError(
            "invalid_input", f"unknown prescription field(s) {unknown}: allowed reps, tempo, hold_s"
        )
    if given.get("reps") is not None:
        _int(given, "reps", 1, MAX_PRESCRIBED_REPS)
    tempo = given.get("tempo")
    if tempo is not None and not isinstance(tempo, str):
        raise LiveProtocolError(
            "invalid_input", f"tempo must be text such as '3-1-3-0', got {tempo!r}"
        )
    try:
        return make_prescription(variation.value, _optional_number(given, "hold_s"), tempo)
    except InvalidInputError as error:
        raise LiveProtocolError("invalid_input", str(error)) from None


def parse_frames(
    message: dict[str, Any],
) -> tuple[int, list[float], list[Any], list[Any], list[bool | None]]:
    """``seq``, times [s], positions, scores and second-person checks (None where the frame
    was not checked) of a ``frames`` message (see the protocol)."""
    seq = _int(message, "seq", 0, 2**53)
    frames = message.get("frames")
    if not isinstance(frames, list) or not 1 <= len(frames) <= MAX_FRAMES_PER_BATCH:
        count = len(frames) if isinstance(frames, list) else type(frames).__name__
        raise LiveProtocolError(
            "invalid_input",
            f"frames must be a list of 1 to {MAX_FRAMES_PER_BATCH} frames, got {count}",
        )
    times, xys, scores = [], [], []
    checks: list[bool | None] = []
    for index, frame in enumerate(frames):
        if not isinstance(frame, dict):
            raise LiveProtocolError("invalid_input", f"frame {index} must be an object")
        when = frame.get("t")
        if isinstance(when, bool) or not isinstance(when, int | float) or not math.isfinite(when):
            raise LiveProtocolError(
                "invalid_input",
                f"frame {index}: t must be a finite number of seconds, got {when!r}",
            )
        points = frame.get("points")
        if not isinstance(points, list):
            raise LiveProtocolError("invalid_input", f"frame {index}: points must be a list")
        try:
            xy, score = frame_arrays(points)
        except (InvalidInputError, TypeError, ValueError) as error:
            raise LiveProtocolError("invalid_input", f"frame {index}: {error}") from None
        check = frame.get("second_person")
        if check is not None and not isinstance(check, bool):
            raise LiveProtocolError(
                "invalid_input",
                f"frame {index}: second_person must be true, false or absent, got {check!r}",
            )
        times.append(float(when))
        xys.append(xy)
        scores.append(score)
        checks.append(check)
    return seq, times, xys, scores, checks


# --------------------------------------------------------------------------- messages


def rep_message(rep: RepResult, kind: str = "rep") -> dict[str, Any]:
    """A rep as the page gets it (angles [deg], times [s]): ``kind`` ``"rep"`` for a settled
    rep, ``"provisional_rep"`` for one first seen (see ``docs/guide/live-protocol.md``)."""
    return {
        "type": kind,
        "number": rep.index,
        "top_angle_deg": round(rep.top_angle_deg, 2),
        "phases": {
            "concentric_s": round(rep.concentric_s, 3),
            "hold_s": round(rep.hold_s, 3),
            "eccentric_s": round(rep.eccentric_s, 3),
        },
        "faults": [fault.value for fault in rep.faults],
        "cue": cue_for(rep.faults),
        "t_end": round(rep.end_s, 3),
    }


def withdrawn_message(number: int) -> dict[str, Any]:
    """A provisional rep that the settled analysis did not confirm: the count goes back."""
    return {"type": "rep_withdrawn", "number": number}


def state_message(state: LiveState) -> dict[str, Any]:
    thigh = round(state.thigh_deg, 1) if state.thigh_deg is not None else None
    return {
        "type": "state",
        "reps": state.reps,
        "phase": state.phase.value,
        "thigh_deg": thigh,
        "paused": state.paused,
    }


def error_message(code: str, message: str) -> dict[str, Any]:
    return {"type": "error", "code": code, "message": message}


# --------------------------------------------------------------------------- the connection


class LiveConnection:
    """One client connection: turns each received message into the messages to send back.

    ``uow_factory`` gives a fresh unit of work for the access check (``start``) and the log
    (``end``). ``handle`` blocks (database, analysis): the web layer runs it in a thread, but
    for ``handle_now``, which answers a batch of frames at once when that is cheap and safe.
    """

    def __init__(
        self, user: StoredUser, sets: LiveSets, uow_factory: Callable[[], UnitOfWork]
    ) -> None:
        self.user, self.sets, self.uow_factory = user, sets, uow_factory
        self.live: LiveSet | None = None

    def handle_now(self, message: object) -> list[dict[str, Any]] | None:
        """The answers to a ``frames`` message of a started set whose lock is free, computed
        here and now; None for any other message, or while the set is busy (an ``end`` being
        logged from another connection): then ``handle`` it in a thread. A batch costs a few
        milliseconds of analysis, less than a thread pool's hand-offs under the GIL: the web
        layer runs it on its event loop (``benchmarks/live_load.py``)."""
        live = self.live
        if live is None or not isinstance(message, dict) or message.get("type") != "frames":
            return None
        if not live.lock.acquire(blocking=False):
            return None
        try:
            return self.handle(message)
        finally:
            live.lock.release()

    def handle(self, message: object) -> list[dict[str, Any]]:
        """The answers to one message; a refused message answers one ``error``."""
        try:
            if not isinstance(message, dict):
                raise LiveProtocolError("invalid_input", "a message must be a JSON object")
            kind = message.get("type")
            if kind == "start":
                return self._start(message)
            if kind == "frames":
                return self._frames(message)
            if kind == "end":
                return self._end(message)
            raise LiveProtocolError(
                "invalid_input",
                f"unknown message type {str(kind)[:40]!r}: allowed start, frames, end",
            )
        except LiveProtocolError as error:
            return [error_message(error.code, str(error))]
        except NotFoundError as error:
            return [error_message("not_found", str(error))]
        except InvalidInputError as error:
            return [error_message("invalid_input", str(error))]

    def _access(self, athlete_id: int, action: str) -> None:
        uow = self.uow_factory()
        access = access_service.access_to(uow, self.user, athlete_id, Scope.COACH)
        access_service.record(uow, access, action, f"WS /api/v1/live {action}")

    def _start(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        athlete_id = _int(message, "athlete_id", 1, 2**31 - 1)
        key = _live_key(message)
        variation = _variation(message)
        prescription = _prescription(message, variation)
        width = _int(message, "width", 1, MAX_IMAGE_PX)
        height = _int(message, "height", 1, MAX_IMAGE_PX)
        self._access(athlete_id, "write")
        found = self.sets.find(key)
        if found is not None and (found.user_id, found.athlete_id) != (self.user.id, athlete_id):
            raise NotFoundError(f"no live set {key} for athlete {athlete_id}: use a new live_key")
        if found is None:
            found = LiveSet(
                key,
                self.user.id,
                athlete_id,
                variation,
                prescription,
                LiveAnalysis(width, height, prescription),
            )
            self.sets.keep(found)
        self.live = found
        self.sets.touch(found)
        return [
            {
                "type": "started",
                "live_key": key,
                "resumed": found.analysis.frames_received > 0 or found.logged is not None,
                "frames_received": found.analysis.frames_received,
            }
        ]

    def _current(self) -> LiveSet:
        if self.live is None:
            raise LiveProtocolError("not_started", "send a start message before frames or end")
        self.sets.touch(self.live)
        return self.live

    def _frames(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        live = self._current()
        seq, times, xys, scores, checks = parse_frames(message)
        with live.lock:
            if live.logged is not None:
                raise LiveProtocolError("already_logged", "this set was logged; start a new one")
            if seq in live.seen_seqs:
                return [{"type": "ack", "seq": seq}]
            update = live.analysis.add_frames(times, xys, scores, checks)
            live.seen_seqs.add(seq)
            return [*self._events(live, update), {"type": "ack", "seq": seq}]

    def _events(self, live: LiveSet, update: LiveUpdate) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        if update.framing is not None and update.framing != live.framing:
            live.framing = update.framing
            problems = list(update.framing.problems)
            events.append({"type": "framing", "ok": update.framing.ok, "problems": problems})
        events.extend(rep_message(rep) for rep in update.reps)
        events.extend(rep_message(rep, "provisional_rep") for rep in update.provisional)
        events.extend(withdrawn_message(number) for number in update.withdrawn)
        if update.state is not None:
            events.append(state_message(update.state))
        return events

    def _end(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        live = self._current()
        load = _optional_number(message, "load_kg")
        rpe = _optional_number(message, "rpe")
        pain = _optional_int(message, "back_pain")
        with live.lock:
            if live.logged is not None:
                return [live.logged]
            finished = live.analysis.finish()
            if not finished.result.reps:
                warning = "; ".join(finished.result.quality.warnings) or "no rep was counted"
                raise LiveProtocolError("no_reps", f"nothing to log: {warning}")
            record = SetRecord(
                variation=live.variation,
                reps=finished.result.rep_count,
                load_kg=load if load is not None else 0.0,
                rpe=rpe,
                pain=pain,
            )
            self._access(live.athlete_id, "write")
            document = analysis_to_dict(finished.result)
            answer = self._log(live, record, document)
            live.logged = answer
            late = [rep_message(rep) for rep in finished.unreported]
            withdrawn = [withdrawn_message(number) for number in finished.withdrawn]
            return [*late, *withdrawn, answer]

    def _log(self, live: LiveSet, record: SetRecord, document: dict[str, Any]) -> dict[str, Any]:
        """Log the set with its analysis, once per ``live_key`` (the idempotency record is
        written in the set's transaction; a repeat gets the first answer)."""
        uow = self.uow_factory()
        request = idempotency.IdempotentRequest(
            self.user.id, f"live:{live.key}", _fingerprint(live)
        )

        def remember(_: object, saved: SetRecord) -> None:
            assert saved.id is not None and saved.analysis_id is not None
            body = {
                "type": "logged",
                "set_id": saved.id,
                "analysis_id": saved.analysis_id,
                "reps": saved.reps,
            }
            idempotency.guard(uow, request, 201, body)

        try:
            _, saved = training.log_set(
                uow,
                live.athlete_id,
                record,
                analysis=document,
                analysis_source=f"live:{live.key}",
                before_commit=remember,
                with_sets=False,
            )
        except idempotency.Replayed as replay:
            return replay.body
        assert saved.id is not None and saved.analysis_id is not None
        return {
            "type": "logged",
            "set_id": saved.id,
            "analysis_id": saved.analysis_id,
            "reps": saved.reps,
        }


def _fingerprint(live: LiveSet) -> str:
    text = f"live-end {live.athlete_id} {live.key}"
    return hashlib.sha256(text.encode()).hexdigest()
