"""CLI commands that correct the log: ``revhyper log edit|delete|undo|delete-session`` and
``revhyper athlete rename|delete``. The rules live in ``services.corrections``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from revhyper.cli import output
from revhyper.cli.output import plural, safe
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.units import MassUnit

if TYPE_CHECKING:
    from revhyper.domain.training.log import LoggedSet, SessionRecord

console = output.console(highlight=False)
err_console = output.console(stderr=True, highlight=False)

SetId = Annotated[str, typer.Argument(help="The set's id (the Id column of `revhyper history`).")]


def _describe(logged: LoggedSet) -> str:
    """``set 7 of Alex on 2026-11-20: machine-reverse-hyper 10 reps @ 90 lb`` (the athlete's
    unit, as ``log set`` shows it)."""
    from revhyper.cli.log import describe_set
    from revhyper.services.athletes import units_by_id
    from revhyper.services.database import unit_of_work

    unit = units_by_id(unit_of_work()).get(logged.athlete_id, MassUnit.KG)
    where = f"set {logged.record.id} of {safe(logged.athlete_name)} on {logged.day.isoformat()}:"
    return f"{where} {safe(describe_set(logged.record, unit))}"


def edit(
    set_id: SetId,
    variation: Annotated[str | None, typer.Option(help="Variation id.")] = None,
    reps: Annotated[int | None, typer.Option(help="Repetitions done, 0–100.")] = None,
    load: Annotated[float | None, typer.Option(help="Load [kg], 0–500.")] = None,
    band: Annotated[str | None, typer.Option(help="Band used, as text.")] = None,
    rpe: Annotated[float | None, typer.Option(help="RPE 1–10.")] = None,
    rir: Annotated[float | None, typer.Option(help="Reps in reserve 0–10.")] = None,
    tempo: Annotated[
        str | None, typer.Option(help="Tempo done, C-H-E-P [s], e.g. 3-1-3-0.")
    ] = None,
    hold: Annotated[float | None, typer.Option(help="Isometric hold done [s].")] = None,
    pain: Annotated[int | None, typer.Option(help="Back pain during the set, 0–10.")] = None,
    notes: Annotated[str | None, typer.Option(help="Free text (replaces the notes).")] = None,
) -> None:
    """Correct a logged set: only the values given change."""
    from revhyper.services.corrections import edit_set, parse_id
    from revhyper.services.database import unit_of_work

    given: dict[str, Any] = {
        "variation": variation,
        "reps": reps,
        "load_kg": load,
        "band": band,
        "rpe": rpe,
        "rir": rir,
        "tempo": tempo,
        "hold_s": hold,
        "pain": pain,
        "notes": notes,
    }
    changes = {key: value for key, value in given.items() if value is not None}
    edited = edit_set(unit_of_work(), parse_id(set_id, "set"), changes)
    console.print(f"Edited {_describe(edited)}")


def delete(set_id: SetId) -> None:
    """Delete a logged set (a session left without sets goes with it)."""
    from revhyper.services.corrections import delete_set, parse_id
    from revhyper.services.database import unit_of_work

    removal = delete_set(unit_of_work(), parse_id(set_id, "set"))
    _print_removal("Deleted", removal.removed, removal.session_deleted)


def undo(athlete: Annotated[str, typer.Argument(help="The athlete's name.")]) -> None:
    """Delete the set of ATHLETE entered last."""
    from revhyper.services.corrections import undo_last_set
    from revhyper.services.database import unit_of_work

    removal = undo_last_set(unit_of_work(), athlete)
    _print_removal("Undid", removal.removed, removal.session_deleted)


def _print_removal(verb: str, logged: LoggedSet, session_deleted: bool) -> None:
    console.print(f"{verb} {_describe(logged)}")
    if session_deleted:
        console.print(f"Session {logged.session_id} had no other set and was deleted too.")


def delete_session(
    session_id: Annotated[
        str, typer.Argument(help="The session's id (`revhyper history --sessions`).")
    ],
) -> None:
    """Delete a session with all its sets."""
    from revhyper.services.corrections import delete_session as delete_session_service
    from revhyper.services.corrections import parse_id
    from revhyper.services.database import unit_of_work

    session: SessionRecord = delete_session_service(unit_of_work(), parse_id(session_id, "session"))
    console.print(
        f"Deleted session {session.id} of {session.day.isoformat()} with "
        f"{plural(len(session.sets), 'set')}."
    )


def rename(
    old: Annotated[
        str,
        typer.Argument(help="The athlete's current name, or #ID when several accounts share it."),
    ],
    new: Annotated[str, typer.Argument(help="The new name.")],
) -> None:
    """Rename an athlete; their log, plans and analyses stay theirs."""
    from revhyper.services.corrections import rename_athlete
    from revhyper.services.database import unit_of_work

    renamed = rename_athlete(unit_of_work(), old, new)
    console.print(f"Renamed {safe(old.strip())!s} to {safe(renamed.name)}.")


def delete_athlete(
    name: Annotated[str, typer.Argument(help="The athlete's name.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Do not ask for confirmation (for scripts).")
    ] = False,
    export: Annotated[
        Path | None,
        typer.Option(help="First write a complete JSON backup of the athlete to this file."),
    ] = None,
) -> None:
    """Delete an athlete with ALL their data (offer: --export FILE writes a backup first)."""
    from revhyper.adapters.importers.json_files import dump_json, write_text_atomic
    from revhyper.services import backup
    from revhyper.services.athletes import get_athlete
    from revhyper.services.corrections import delete_athlete as delete_athlete_service
    from revhyper.services.database import unit_of_work
    from revhyper.services.jobs import delete_annotated_videos
    from revhyper.settings import get_settings

    stored = get_athlete(unit_of_work(), name)
    if export is not None:
        write_text_atomic(export, dump_json(backup.export_backup(unit_of_work(), stored.name)))
        err_console.print(f"Wrote a complete backup of {safe(stored.name)} to {safe(export)}")
    if not yes:
        if export is None:
            err_console.print(
                "Tip: --export FILE writes a complete backup first (restore it with "
                "`revhyper import FILE`)."
            )
        typed = typer.prompt(
            f"This deletes {stored.name} and all their sessions, sets, plans, analyses and "
            "body mass values. Type the name to confirm",
            default="",
            show_default=False,
            err=True,
        )
        if typed.strip() != stored.name:
            raise InvalidInputError(
                f"confirmation {typed.strip()!r} is not the name {stored.name!r}: "
                "nothing was deleted"
            )
    removed = delete_athlete_service(unit_of_work(), stored.name)
    delete_annotated_videos(get_settings(), list(removed.job_ids))
    console.print(
        f"Deleted {safe(removed.athlete)}: {plural(removed.programs, 'program')}, "
        f"{plural(removed.sessions, 'session')}, {plural(removed.sets, 'set')}, "
        f"{plural(removed.body_mass_values, 'body mass value')}."
    )


def _add_once(group: typer.Typer, name: str, command: Any) -> None:
    if all(info.name != name for info in group.registered_commands):
        group.command(name)(command)


def add_log_corrections(log_app: typer.Typer) -> None:
    """Add ``log edit|delete|undo|delete-session`` to the ``log`` group (once per process).

    The groups are passed in rather than imported, so that ``log set`` does not load the
    ``athlete`` commands (and the planner behind them) at start-up.
    """
    _add_once(log_app, "edit", edit)
    _add_once(log_app, "delete", delete)
    _add_once(log_app, "undo", undo)
    _add_once(log_app, "delete-session", delete_session)


def add_athlete_corrections(athlete_app: typer.Typer) -> None:
    """Add ``athlete rename|delete`` to the ``athlete`` group (once per process)."""
    _add_once(athlete_app, "rename", rename)
    _add_once(athlete_app, "delete", delete_athlete)
