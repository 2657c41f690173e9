"""CLI commands: ``revhyper log set|session`` — record training after the fact."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from revhyper.adapters.importers.csv_tables import parse_number
from revhyper.adapters.importers.json_files import read_json_object
from revhyper.adapters.importers.sets_csv import SESSION_FILE_OPTIONAL, read_session_file
from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training_log import SetRecord, parse_date

console = output.console()

log_app = typer.Typer(help="Record a set or a whole session after the fact.")

#: Keys of ``--set "reps=10,load=20,rpe=7"`` → SetRecord fields (aliases accepted).
SET_KEYS: dict[str, str] = {
    "variation": "variation",
    "reps": "reps",
    "load": "load_kg",
    "load_kg": "load_kg",
    "band": "band",
    "rpe": "rpe",
    "rir": "rir",
    "tempo": "tempo",
    "hold": "hold_s",
    "hold_s": "hold_s",
    "pain": "pain",
    "notes": "notes",
}
_TEXT_FIELDS = {"variation", "band", "tempo", "notes"}
_WHOLE_FIELDS = {"reps", "pain"}


def _typed(field: str, text: str, where: str) -> Any:
    if field in _TEXT_FIELDS:
        return text or None
    number = parse_number(text, field.removesuffix("_kg").removesuffix("_s"), where)
    if number is None:
        return None
    if field in _WHOLE_FIELDS:
        if not number.is_integer():
            raise InvalidInputError(f"{where}: {field} {text!r} must be a whole number")
        return int(number)
    return number


def set_from_fields(fields: dict[str, str], default_variation: str | None, where: str) -> SetRecord:
    """A SetRecord from text fields (keys of ``SET_KEYS``); variation defaults to the option."""
    values: dict[str, Any] = {}
    for key, text in fields.items():
        field = SET_KEYS.get(key.strip().lower())
        if field is None:
            allowed = ", ".join(sorted(set(SET_KEYS)))
            raise InvalidInputError(f"{where}: unknown field {key!r}: allowed {allowed}")
        value = _typed(field, text.strip(), where)
        if value is not None:
            values[field] = value
    values.setdefault("variation", default_variation)
    if not values.get("variation"):
        raise InvalidInputError(f"{where}: no variation: give variation=ID or --variation")
    if "reps" not in values:
        raise InvalidInputError(f"{where}: reps missing: give reps=N")
    values.setdefault("notes", "")
    try:
        return SetRecord(**values)
    except InvalidInputError as error:
        raise InvalidInputError(f"{where}: {error}") from None


def parse_set_option(text: str, default_variation: str | None, index: int) -> SetRecord:
    """``"reps=10,load=20,rpe=7"`` → SetRecord."""
    where = f"--set {index}"
    fields: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise InvalidInputError(f"{where}: {part.strip()!r} is not KEY=VALUE (e.g. reps=10)")
        fields[key.strip()] = value
    return set_from_fields(fields, default_variation, where)


def sets_from_file(path: Path, default_variation: str | None) -> list[SetRecord]:
    """The sets of a CSV file with a ``reps`` column (and any of ``SESSION_FILE_OPTIONAL``)."""
    table = read_session_file(path)
    allowed = {"reps", *SESSION_FILE_OPTIONAL, *SET_KEYS}
    unknown = [c for c in table.columns if c.lower() not in allowed]
    if unknown:
        raise InvalidInputError(
            f"{path}: unknown column(s) {', '.join(unknown)}: allowed {', '.join(sorted(allowed))}"
        )
    return [
        set_from_fields(row, default_variation, f"{path.name} line {table.line_of(i)}")
        for i, row in enumerate(table.rows)
    ]


Day = Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD, today or yesterday.")]


@log_app.command("set")
def log_set(
    athlete: Annotated[str, typer.Option(help="The athlete's name.")],
    variation: Annotated[str, typer.Option(help="Variation id (see `revhyper exercises`).")],
    reps: Annotated[int, typer.Option(help="Repetitions done, 0–100.")],
    load: Annotated[float, typer.Option(help="Load [kg], 0–500.")] = 0.0,
    band: Annotated[str | None, typer.Option(help="Band used, as text.")] = None,
    rpe: Annotated[float | None, typer.Option(help="RPE 1–10.")] = None,
    rir: Annotated[float | None, typer.Option(help="Reps in reserve 0–10.")] = None,
    tempo: Annotated[
        str | None, typer.Option(help="Tempo done, C-H-E-P seconds, e.g. 3-1-3-0.")
    ] = None,
    hold: Annotated[float | None, typer.Option(help="Isometric hold done [s].")] = None,
    pain: Annotated[int | None, typer.Option(help="Back pain during the set, 0–10.")] = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
    analysis: Annotated[
        int | None, typer.Option(help="Id of a stored form analysis of this set.")
    ] = None,
    analysis_file: Annotated[
        Path | None,
        typer.Option(help="JSON of `revhyper analyze --json` for this set (stored and linked)."),
    ] = None,
    on: Day = None,
) -> None:
    """Record one set; it joins that day's session (created if there is none)."""
    from revhyper.services import training
    from revhyper.services.analyses import check_analysis_document
    from revhyper.services.database import unit_of_work

    record = SetRecord(
        variation=variation,  # type: ignore[arg-type]
        reps=reps,
        load_kg=load,
        band=band,
        rpe=rpe,
        rir=rir,
        tempo=tempo,
        hold_s=hold,
        pain=pain,
        notes=notes,
        analysis_id=analysis,
    )
    day = parse_date(on, "--date") if on is not None else None
    document = None
    if analysis_file is not None:
        if analysis is not None:
            raise InvalidInputError("give --analysis or --analysis-file, not both")
        document = read_json_object(analysis_file, "form analysis JSON file")
        check_analysis_document(document, str(analysis_file))
    session, stored = training.log_set(
        unit_of_work(),
        athlete,
        record,
        day=day,
        analysis=document,
        analysis_source=str(analysis_file or ""),
    )
    console.print(
        f"Logged set {stored.position} of session {session.id} ({session.day.isoformat()}): "
        f"{safe(_describe(stored))}"
    )


def _describe(record: SetRecord) -> str:
    parts = [f"{record.variation.value} {record.reps} reps"]
    if record.load_kg:
        parts.append(f"@ {record.load_kg:g} kg")
    if record.rpe is not None:
        parts.append(f"RPE {record.rpe:g}")
    if record.rir is not None:
        parts.append(f"RIR {record.rir:g}")
    if record.pain is not None:
        parts.append(f"pain {record.pain}")
    if record.analysis_id is not None:
        faults = ", ".join(record.faults) or "no faults"
        parts.append(f"(analysis {record.analysis_id}: {faults})")
    return " ".join(parts)


@log_app.command("session")
def log_session(
    athlete: Annotated[str, typer.Option(help="The athlete's name.")],
    on: Day = None,
    file: Annotated[
        Path | None, typer.Option(help="CSV of sets: reps, variation, load_kg, rpe, ...")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help='A set as "reps=10,load=20,rpe=7" (repeatable).'),
    ] = None,
    variation: Annotated[
        str | None, typer.Option(help="Variation of sets that do not name one.")
    ] = None,
    pain_before: Annotated[int | None, typer.Option(help="Back pain before, 0–10.")] = None,
    pain_after: Annotated[int | None, typer.Option(help="Back pain after, 0–10.")] = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
) -> None:
    """Record a whole performed session at once (all of it is stored, or nothing)."""
    from revhyper.services import training
    from revhyper.services.database import unit_of_work

    sets: list[SetRecord] = []
    if file is not None:
        sets.extend(sets_from_file(file, variation))
    for index, text in enumerate(set_ or (), start=1):
        sets.append(parse_set_option(text, variation, index))
    if not sets:
        raise InvalidInputError('no sets given: use --file sets.csv or --set "reps=10,load=20"')
    day = parse_date("today" if on is None else on, "--date")
    session = training.log_session(
        unit_of_work(),
        athlete,
        day,
        sets,
        pain_before=pain_before,
        pain_after=pain_after,
        notes=notes,
    )
    console.print(
        f"Logged session {session.id} for {safe(athlete)} on {session.day.isoformat()}: "
        f"{len(session.sets)} sets, volume load {session.volume_load_kg:g} kg."
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(log_app, name="log", help="Record a set or a whole session after the fact.")
