"""CLI commands: ``revhyper log set|session`` — record training after the fact."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from revhyper.adapters.importers.csv_tables import (
    BadRowsError,
    RowProblem,
    describe_problems,
)
from revhyper.adapters.importers.json_files import read_json_object
from revhyper.adapters.importers.sets_csv import SessionFileSets, read_session_sets
from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import SetKind, SetRecord, parse_date
from revhyper.domain.training.set_fields import parse_set_fields, require_side
from revhyper.domain.units import MassUnit, format_load, parse_load

console = output.console()

log_app = typer.Typer(help="Record a set or a whole session after the fact.")


def parse_set_option(
    text: str, default_variation: str | None, index: int, unit: MassUnit = MassUnit.KG
) -> SetRecord:
    """``"reps=10,load=20,rpe=7"`` → SetRecord (the domain's one parser of set fields)."""
    return parse_set_fields(text, default_variation, f"--set {index}", unit)


def sets_from_file(
    path: Path, default_variation: str | None, unit: MassUnit = MassUnit.KG
) -> SessionFileSets:
    """The sets of a ``log session --file`` CSV and its unreadable rows (``read_session_sets``)."""
    return read_session_sets(path, default_variation, unit)


Day = Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD, today or yesterday.")]


@log_app.command("set")
def log_set(
    athlete: Annotated[str, typer.Option(help="The athlete's name.")],
    variation: Annotated[str, typer.Option(help="Variation id (see `revhyper exercises`).")],
    reps: Annotated[int, typer.Option(help="Repetitions done, 0–100.")],
    load: Annotated[
        str,
        typer.Option(
            help="Load in the athlete's unit, or with its own (90lb, 40kg); 0 = body weight "
            "[kg or lb, up to 500 kg]."
        ),
    ] = "0",
    band: Annotated[str | None, typer.Option(help="Band used, as text.")] = None,
    rpe: Annotated[float | None, typer.Option(help="RPE 1–10.")] = None,
    rir: Annotated[float | None, typer.Option(help="Reps in reserve 0–10.")] = None,
    tempo: Annotated[
        str | None, typer.Option(help="Tempo done, C-H-E-P seconds, e.g. 3-1-3-0.")
    ] = None,
    hold: Annotated[float | None, typer.Option(help="Isometric hold done [s].")] = None,
    pain: Annotated[int | None, typer.Option(help="Back pain during the set, 0–10.")] = None,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
    side: Annotated[
        str | None,
        typer.Option(help="left or right: the leg of a single-leg set (log each side)."),
    ] = None,
    analysis: Annotated[
        int | None, typer.Option(help="Id of a stored form analysis of this set.")
    ] = None,
    analysis_file: Annotated[
        Path | None,
        typer.Option(help="JSON of `revhyper analyze --json` for this set (stored and linked)."),
    ] = None,
    warmup: Annotated[
        bool, typer.Option("--warmup", help="A warm-up set: counted in no volume, record or e1RM.")
    ] = False,
    on: Day = None,
) -> None:
    """Record one set; it joins that day's session (created if there is none)."""
    from revhyper.services import athletes, training
    from revhyper.services.analyses import check_analysis_document
    from revhyper.services.database import unit_of_work

    unit = athletes.athlete_unit(unit_of_work(), athlete)
    record = SetRecord(
        variation=variation,  # type: ignore[arg-type]
        reps=reps,
        load_kg=parse_load(load, unit, what="--load"),
        band=band,
        rpe=rpe,
        rir=rir,
        tempo=tempo,
        hold_s=hold,
        pain=pain,
        notes=notes,
        analysis_id=analysis,
        kind=SetKind.WARMUP if warmup else SetKind.WORKING,
        side=side,  # type: ignore[arg-type]
    )
    require_side(record, "--side")
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
        f"{safe(describe_set(stored, unit))}"
    )


def describe_set(record: SetRecord, unit: MassUnit = MassUnit.KG) -> str:
    """One set as a line: variation, reps, load in ``unit``, effort, pain, linked analysis."""
    parts = [f"{record.variation.value} {record.reps} reps"]
    if record.is_warmup:
        parts.insert(0, "warm-up:")
    if record.side is not None:
        parts[0] += f" ({record.side.value} leg)"
    if record.load_kg:
        parts.append(f"@ {format_load(record.load_kg, unit)}")
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
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Store the good rows of --file and list the bad ones (default: store nothing).",
        ),
    ] = False,
) -> None:
    """Record a whole performed session at once (all of it is stored, or nothing)."""
    from revhyper.services import athletes, training
    from revhyper.services.database import unit_of_work

    unit = athletes.athlete_unit(unit_of_work(), athlete)
    sets: list[SetRecord] = []
    skipped: tuple[RowProblem, ...] = ()
    if file is not None:
        from_file = sets_from_file(file, variation, unit)
        if from_file.problems and not skip_bad_rows:
            raise BadRowsError(file, from_file.problems)
        sets.extend(from_file.sets)
        skipped = from_file.problems
    for index, text in enumerate(set_ or (), start=1):
        sets.append(parse_set_option(text, variation, index, unit))
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
        f"{len(session.sets)} sets, volume load {format_load(session.volume_load_kg, unit)}."
    )
    if skipped:
        console.print(
            f"Skipped {len(skipped)} bad row{'s' if len(skipped) != 1 else ''} of {file}:\n"
            f"{describe_problems(skipped)}",
            markup=False,
            highlight=False,
        )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    from revhyper.cli.corrections import add_log_corrections

    add_log_corrections(log_app)
    app.add_typer(log_app, name="log", help="Record a set or a whole session after the fact.")
