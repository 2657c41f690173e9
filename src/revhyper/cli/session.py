"""``revhyper session``: today's planned session, guided set by set and logged as it happens.

Every set is stored (and committed) the moment its line is entered, so killing the program
loses nothing already entered; running the command again the same day resumes the session.
Input is read line by line from stdin through a small select-based reader, so the rest
countdown can be skipped with Enter on a terminal and the runner also works with a pipe.
"""

from __future__ import annotations

import os
import select
import sys
import time
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console

from revhyper.cli import output
from revhyper.cli.output import hanging, safe
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.knowledge.exercises import get_variation
from revhyper.domain.programming.adaptation import AdjustedPrescription
from revhyper.domain.training.log import Side
from revhyper.domain.training.session_flow import (
    DONE_WORDS,
    ENTRY_HELP,
    MAX_REST_SCALE,
    CadenceTick,
    EntryKind,
    ParsedEntry,
    hold_schedule,
    needs_load_answer,
    parse_load_answer,
    parse_pain_answer,
    parse_set_entry,
    rest_plan,
    tempo_schedule,
)
from revhyper.domain.units import MassUnit, format_load

if TYPE_CHECKING:
    from revhyper.services import guided_session as guided

#: Seconds of "get ready" before a tempo cadence or a hold countdown starts [s].
GET_READY_S = 3

BELL = "\a"

RESUME_HINT = (
    "the session stays unfinished with every entered set stored; "
    "run `revhyper session` again to resume."
)


class LineReader:
    """Reads whole lines from a file descriptor, with an optional timeout.

    Python's buffered ``sys.stdin`` hides data from ``select``; reading the descriptor
    directly keeps "is a line waiting?" answerable for terminals and pipes alike.
    """

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._buffer = b""
        self._eof = False
        #: Repeat typed lines in the output when input is not a terminal (pipes, tests).
        self.echo = fd < 0 or not os.isatty(fd)

    def _take_line(self) -> str | None:
        if b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            return line.decode("utf-8", errors="replace").rstrip("\r")
        if self._eof and self._buffer:
            line, self._buffer = self._buffer, b""
            return line.decode("utf-8", errors="replace")
        return None

    def readline(self, timeout_s: float | None = None) -> str | None:
        """The next line; ``None`` at end of input or when ``timeout_s`` passes first.

        ``at_eof`` tells the two apart.
        """
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            line = self._take_line()
            if line is not None or self._eof:
                return line
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([self._fd], [], [], wait)
            if not ready:
                return None
            chunk = os.read(self._fd, 4096)
            if chunk:
                self._buffer += chunk
            else:
                self._eof = True

    def unread(self, line: str) -> None:
        """Put a line back to be read next (a set line typed during a countdown)."""
        self._buffer = line.encode() + b"\n" + self._buffer

    @property
    def at_eof(self) -> bool:
        return self._eof and not self._buffer


class StreamLineReader(LineReader):
    """The same reading for a stream without a file descriptor (e.g. a test's input).

    Timeouts cannot be honoured without a descriptor: a timed read returns nothing at once.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__(-1)
        self._stream = stream

    def readline(self, timeout_s: float | None = None) -> str | None:
        line = self._take_line()
        if line is not None or self._eof or timeout_s is not None:
            return line
        text = self._stream.readline()
        if not text:
            self._eof = True
            return None
        return text.rstrip("\r\n")


def reader_for(stream: TextIO) -> LineReader:
    """A line reader on ``stream``'s descriptor when it has one."""
    try:
        return LineReader(stream.fileno())
    except (OSError, ValueError):
        return StreamLineReader(stream)


class InputEnded(Exception):
    """Stdin closed before the session was finished."""


class Runner:
    """The interactive part: prompts, countdowns and the cadence display.

    On a terminal a countdown or cadence redraws one status line in place; when a line is typed
    meanwhile, the terminal's own echo of it is replaced by one final line saying what was
    typed, so no timer text is left behind. Elsewhere (a pipe, a log file) only the final line
    of a countdown is written, and each cadence second as a line of its own, with no control
    sequences.
    """

    def __init__(
        self,
        console: Console,
        reader: LineReader,
        wait: bool,
        out: TextIO,
        get_ready_s: int = GET_READY_S,
    ) -> None:
        self.console = console
        self.reader = reader
        self.wait = wait
        self.out = out
        self.get_ready_s = get_ready_s
        self.terminal = _is_terminal(out)
        #: A line typed while a set was counted, answered at the next prompt.
        self.typed_ahead: str | None = None

    def ask(self, prompt: str) -> str:
        self.console.print(prompt, end="", markup=True, highlight=False)
        self.out.flush()
        if self.typed_ahead is not None:
            earlier, self.typed_ahead = self.typed_ahead, None
            self.console.print(earlier, highlight=False, markup=False)  # typed earlier: shown now
            return earlier.strip()
        line = self.reader.readline()
        if line is None:
            self.console.print()
            raise InputEnded
        if self.reader.echo:
            self.console.print(line, highlight=False, markup=False)
        return line.strip()

    def ask_pain(self, when: str) -> int | None:
        while True:
            text = self.ask(f"Back pain {when}, 0–10 (Enter to skip): ")
            try:
                return parse_pain_answer(text)
            except InvalidInputError as error:
                self.console.print(f"[red]{safe(error)}[/]")

    def ask_load(self, default_kg: float | None, unit: MassUnit = MassUnit.KG) -> float | None:
        """The load of a set typed without one, asked in ``unit`` [kg]; None = body weight."""
        offer = f"Enter = {format_load(default_kg, unit)}, " if default_kg is not None else ""
        while True:
            text = self.ask(f"  load for this set \\[{unit.value}] ({offer}'bw' = body weight): ")
            try:
                return parse_load_answer(text, default_kg, unit)
            except InvalidInputError as error:
                self.console.print(f"[red]{safe(error)}[/]")

    def pause(self, text: str) -> None:
        """Wait for Enter (not when waiting is off)."""
        if self.wait:
            self.ask(f"{text} ")

    def _status(self, text: str) -> None:
        """Redraw the status line (terminal only)."""
        if self.terminal:
            self.out.write(f"\r\x1b[2K{text}")
            self.out.flush()

    def _final(self, text: str, typed: bool = False) -> None:
        """Replace the status line by its final text, on a line of its own."""
        if self.terminal:
            # The terminal echoed a typed line and its Enter: go back up over that line.
            up = "\x1b[1A" if typed and not self.reader.echo else ""
            self.out.write(f"{up}\r\x1b[2K{text}\n")
        else:
            self.out.write(f"{text}\n")
        self.out.flush()

    def countdown(self, seconds: int, label: str) -> str | None:
        """Count down ``seconds``; Enter or a typed line ends it early.

        Returns the line typed ("" for a bare Enter), or None when the time ran out.
        """
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            self._status(f"  {label}: {int(left) + 1:3d} s left (Enter to skip)")
            typed = self.reader.readline(timeout_s=min(1.0, left))
            if typed is not None:
                self._final(f"  {label}: skipped", typed=True)
                return typed.strip()
            if self.reader.at_eof:
                break
        self._final(f"  {label}: done{BELL}")
        return None

    def cadence(self, ticks: list[CadenceTick], title: str) -> None:
        """Show a tempo or hold schedule one second per tick, ringing the bell per phase.

        A line typed meanwhile stops the count and answers the next prompt (the set's log).
        """
        total = len(ticks)
        if not self.wait:
            self.console.print(f"  {title}: {total} s (not counted: --no-wait)")
            return
        if self.get_ready_s > 0:
            typed = self.countdown(self.get_ready_s, "get ready")
            if typed:
                self.typed_ahead = typed
                return
        reps = ticks[-1].rep if ticks else 0
        for tick in ticks:
            bell = BELL if tick.phase_start else ""
            dots = "●" * tick.count + "○" * (tick.phase_length - tick.count)
            line = (
                f"{bell}  rep {tick.rep}/{reps}  {tick.phase.value.upper():<5} {dots}  {tick.count}"
            )
            if self.terminal:
                self._status(line)
            else:
                self._final(line)
            typed = self.reader.readline(timeout_s=1.0)
            if typed is not None or self.reader.at_eof:
                if typed and typed.strip():
                    self.typed_ahead = typed.strip()
                self._final("  cadence stopped", typed=typed is not None)
                return
        self._final(f"  {title}: done{BELL}")


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _rest_text(rest_s: tuple[int, int] | None) -> str:
    return "rest as needed" if rest_s is None else f"rest {rest_s[0]}–{rest_s[1]} s"


def _prescription_line(p: AdjustedPrescription, unit: MassUnit = MassUnit.KG) -> str:
    reps = f"{p.reps[0]}–{p.reps[1]}" if p.reps[0] != p.reps[1] else str(p.reps[0])
    parts = [f"{reps} reps (aim for {p.target_reps})"]
    parts.append(
        format_load(p.load_kg, unit) if p.load_kg is not None else p.load_text or "body weight"
    )
    if p.target_rpe is not None:
        parts.append(f"RPE ≤ {p.target_rpe:g}")
    if p.hold_s:
        parts.append(f"hold {p.hold_s:g} s at the top")
    if p.tempo:
        parts.append(f"tempo {p.tempo}")
    parts.append(_rest_text(p.rest_s))
    return " · ".join(parts)


def _show_step(console: Console, step: guided.SetStep) -> None:
    p = step.prescription
    name = get_variation(p.variation).name
    side = f" · [bold]{step.side.value} leg[/]" if step.side is not None else ""
    console.print(
        f"\n[bold cyan]Set {step.number}/{step.of}[/] · [bold]{name}[/] ({p.variation}){side}",
        highlight=False,
    )
    console.print(hanging("  do:   ", safe(_prescription_line(p, step.unit))), highlight=False)
    console.print(hanging("  cues: ", safe(" · ".join(step.cues))), highlight=False)
    if step.number == 1 and step.side in (None, Side.LEFT):
        for reason in p.reasons:
            console.print(hanging("  why:  ", safe(reason), style="dim"), highlight=False)


def _show_instructions(console: Console, title: str, items: tuple[guided.Instruction, ...]) -> None:
    if not items:
        return
    console.print(f"\n[bold magenta]{title}[/]")
    for item in items:
        name = get_variation(item.variation).name
        line = f"{name}: {item.sets} × {item.reps}, {item.load}"
        console.print(hanging("  • ", safe(line)), highlight=False)
        if item.note:
            console.print(hanging("    ", safe(item.note)), highlight=False)


def _warn_pain(console: Console, result: guided.GuidedSet) -> None:
    if result.stop_exercise:
        console.print(
            f"[bold red]Pain {result.stored.pain}/10 (≥ {result.pain_threshold}): stop this "
            "exercise for today; type 'done' to end. The next session will be lighter. If the "
            "pain stays, see a doctor or physiotherapist.[/]"
        )


def _entry(runner: Runner, step: guided.SetStep, text: str) -> ParsedEntry:
    """The typed line as an entry; a set without a load on a loaded block asks for it."""
    default_load = step.prescription.load_kg
    parsed = parse_set_entry(text, default_load_kg=default_load, unit=step.unit)
    if parsed.set_entry is not None and needs_load_answer(parsed, step.loaded):
        load = runner.ask_load(default_load, step.unit)
        return replace(parsed, set_entry=replace(parsed.set_entry, load_kg=load), load_given=True)
    return parsed


def _log_step(runner: Runner, session_id: int, step: guided.SetStep) -> EntryKind:
    """Ask for the set's line until it parses and is stored; returns what was entered."""
    from revhyper.services import guided_session as guided
    from revhyper.services.database import unit_of_work

    while True:
        text = runner.ask("[bold]log[/] (reps load RPE pain | skip | done): ")
        try:
            parsed = _entry(runner, step, text)
            if parsed.set_entry is None:
                return parsed.kind
            result = guided.record_guided_set(unit_of_work(), session_id, step, parsed.set_entry)
        except InvalidInputError as error:
            runner.console.print(f"[red]{safe(error)}[/]", highlight=False)
            continue
        stored = result.stored
        load = format_load(stored.load_kg, step.unit) if stored.load_kg else "body weight"
        runner.console.print(
            f"  [green]stored[/] set {stored.position}: {stored.reps} reps, {load}"
            + (f", RPE {stored.rpe:g}" if stored.rpe is not None else "")
            + f", pain {stored.pain}",
            highlight=False,
        )
        _warn_pain(runner.console, result)
        return EntryKind.SET


def _perform(runner: Runner, step: guided.SetStep) -> None:
    if step.tempo is not None:
        runner.cadence(tempo_schedule(step.tempo, step.prescription.target_reps), "tempo")
    elif step.hold_s is not None:
        runner.cadence(hold_schedule(step.hold_s, step.prescription.target_reps), "hold")


def _rest(runner: Runner, step: guided.SetStep, scale: float) -> EntryKind | None:
    """Count the rest after ``step``; ``DONE`` when 'done' was typed during it.

    Any other line typed during the rest ends it and is shown, but not logged: the next set has
    not been done yet.
    """
    plan = rest_plan(step.prescription.rest_s, scale)
    if not runner.wait or plan.maximum_s == 0:
        runner.console.print(f"  {_rest_text(step.prescription.rest_s)} (not counted)")
        return None
    note = " (as needed: our default)" if plan.as_needed else ""
    runner.console.print(
        f"  rest {plan.minimum_s}–{plan.maximum_s} s{note}; ready from {plan.minimum_s} s"
    )
    typed = runner.countdown(plan.maximum_s, "rest")
    if not typed:
        return None
    if typed.lower() in DONE_WORDS:
        return EntryKind.DONE
    runner.console.print(
        f"  {typed!r} typed during the rest: not logged; log each set after doing it.",
        highlight=False,
        markup=False,
    )
    return None


def _run_steps(runner: Runner, session_id: int, steps: list[guided.SetStep], scale: float) -> bool:
    """Guide the sets; False when the athlete typed 'done' early."""
    for index, step in enumerate(steps):
        _show_step(runner.console, step)
        _perform(runner, step)
        kind = _log_step(runner, session_id, step)
        if kind is EntryKind.DONE:
            return False
        resting = kind is EntryKind.SET and index + 1 < len(steps)
        if resting and _rest(runner, step, scale) is EntryKind.DONE:
            return False
    return True


def _show_safety(console: Console, plan: guided.GuidedPlan) -> None:
    if plan.see_professional:
        console.print(
            "[bold red]Safety first:[/] back pain came back in recent sessions, so progression "
            "is stopped. Please see a doctor or physiotherapist before training harder; today "
            "is light movement-integrity work only, and stop any set that hurts."
        )


def _announce(console: Console, start: guided.GuidedStart) -> None:
    where = f"week {start.planned.week}, day {start.planned.day}"
    session = start.session
    if start.resumed:
        console.print(
            f"Resuming {safe(start.athlete)}'s session of {session.day} ({where}): "
            f"{len(session.sets)} set(s) already stored."
        )
    else:
        console.print(
            f"Starting {safe(start.athlete)}'s session ({where}), session id {session.id}.",
        )


def _show_next_time(console: Console, finish: guided.GuidedFinish) -> None:
    console.print(
        f"[bold green]Session finished:[/] {len(finish.session.sets)} set(s), volume load "
        f"{format_load(finish.session.volume_load_kg, finish.unit)}."
    )
    for p in finish.next_time:
        console.print(
            f"Next time: {p.variation} · {_prescription_line(p, finish.unit)}",
            highlight=False,
            markup=False,
        )
        for reason in p.reasons:
            console.print(f"  why: {reason}", style="dim", highlight=False, markup=False)


def run_session(
    athlete: str | None, wait: bool, rest_scale: float, console: Console, stdin: TextIO
) -> int:
    """The whole guided session; returns the number of sets stored during this run."""
    from revhyper.services import guided_session as guided
    from revhyper.services.database import unit_of_work

    rest_plan(None, rest_scale)  # validates the scale before anything starts
    runner = Runner(console, reader_for(stdin), wait, sys.stdout)
    start = guided.start_guided_session(unit_of_work(), athlete, date.today())
    _announce(console, start)
    if start.needs_pain_before:
        pain = runner.ask_pain("right now, before training")
        guided.record_pain_before(unit_of_work(), start.session_id, pain)
    _show_safety(console, start.plan)
    if not start.session.sets:
        warmup = start.plan.warmup
        _show_instructions(console, "Warm-up (seed: always warm up and stretch first)", warmup)
        runner.pause("Press Enter when you are warm…")
    completed = _run_steps(runner, start.session_id, list(start.pending), rest_scale)
    if completed:
        _show_instructions(console, "Cool-down", start.plan.cooldown)
    pain_after = runner.ask_pain("now, after training")
    finish = guided.finish_guided_session(
        unit_of_work(), start.athlete, start.session_id, pain_after
    )
    _show_next_time(console, finish)
    return len(finish.session.sets) - len(start.session.sets)


def register(app: typer.Typer) -> None:
    """Add ``session`` to the root app."""

    @app.command("session")
    def session_command(
        athlete: Annotated[
            str | None, typer.Option(help="Athlete name (default: the only one stored).")
        ] = None,
        no_wait: Annotated[
            bool, typer.Option("--no-wait", help="No countdowns or pauses (rest, tempo, holds).")
        ] = False,
        rest_scale: Annotated[
            float,
            typer.Option(help=f"Multiply rest times by this, 0 (none) to {MAX_REST_SCALE:g}."),
        ] = 1.0,
    ) -> None:
        """Run today's planned session: warm-up, each set with cues, rest timer, logging."""
        console = output.console(highlight=False)
        console.print(f"[dim]{ENTRY_HELP}[/]")
        try:
            run_session(athlete, not no_wait, rest_scale, console, sys.stdin)
        except InputEnded:
            console.print(f"Input ended: {RESUME_HINT}")
        except KeyboardInterrupt:
            console.print(f"\nInterrupted: {RESUME_HINT}")
            raise typer.Exit(code=130) from None
