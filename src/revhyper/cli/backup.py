"""CLI commands: ``revhyper export`` (JSON backup or sets CSV) and ``revhyper import``."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from revhyper.adapters.importers.csv_tables import describe_problems
from revhyper.adapters.importers.json_files import dump_json, read_json_object, write_text_atomic
from revhyper.adapters.importers.sets_csv import sets_to_csv
from revhyper.cli import output
from revhyper.cli.output import plural, safe
from revhyper.domain.errors import InvalidInputError

console = output.console()
err_console = output.console(stderr=True)


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


class ImportFormat(StrEnum):
    BACKUP = "backup"
    STRONG = "strong"
    HEVY = "hevy"


class WeightUnit(StrEnum):
    KG = "kg"
    LBS = "lbs"


def export(
    format_: Annotated[
        ExportFormat, typer.Option("--format", help="json: complete backup; csv: the sets.")
    ] = ExportFormat.JSON,
    athlete: Annotated[str | None, typer.Option(help="Only this athlete (default: all).")] = None,
    output: Annotated[
        Path | None, typer.Option(help="Write to this file (default: stdout).")
    ] = None,
) -> None:
    """Export a complete JSON backup (revhyper-backup/1) or a CSV of the sets."""
    from revhyper.services import backup as backup_service
    from revhyper.services import history
    from revhyper.services.database import unit_of_work

    uow = unit_of_work()
    if format_ is ExportFormat.JSON:
        text = dump_json(backup_service.export_backup(uow, athlete))
    else:
        text = sets_to_csv(history.sets_for(uow, athlete))
    if output is None:
        typer.echo(text, nl=False)
        return
    write_text_atomic(output, text)
    err_console.print(f"Wrote {format_.value} export to {safe(output)}")


def import_(
    file: Annotated[Path, typer.Argument(help="A revhyper backup, or a Strong/Hevy CSV export.")],
    format_: Annotated[
        ImportFormat | None,
        typer.Option("--format", help="backup, strong or hevy (default: from the file)."),
    ] = None,
    athlete: Annotated[
        str | None, typer.Option(help="Athlete the Strong/Hevy workouts belong to.")
    ] = None,
    weight_unit: Annotated[
        WeightUnit | None,
        typer.Option(
            help="Unit of Strong weights when the file has no unit column [the athlete's unit]."
        ),
    ] = None,
    skip_bad_rows: Annotated[
        bool,
        typer.Option(
            "--skip-bad-rows",
            help="Import the good rows of a Strong/Hevy file and list the bad ones "
            "(default: a file with a bad row imports nothing).",
        ),
    ] = False,
) -> None:
    """Restore a JSON backup, or import the reverse-hyper sets of a Strong or Hevy export."""
    from revhyper.services import backup as backup_service
    from revhyper.services import imports
    from revhyper.services.database import unit_of_work

    chosen = format_ or _guess_format(file)
    uow = unit_of_work()
    if chosen is ImportFormat.BACKUP:
        report = backup_service.import_backup(uow, read_json_object(file, "revhyper backup"))
        console.print(
            f"Restored {safe(file.name)}: {report.athletes_added} athletes added, "
            f"{report.athletes_merged} merged; {report.programs} programs, {report.analyses} "
            f"analyses, {report.sessions} sessions, {report.sets} sets, {report.body_mass} body "
            f"mass values; {report.skipped_existing} already present."
        )
        return
    if athlete is None:
        raise _missing_athlete(chosen)
    result = imports.import_workouts(
        uow,
        file,
        chosen.value,
        athlete,
        weight_unit=weight_unit.value if weight_unit else None,
        skip_bad_rows=skip_bad_rows,
    )
    console.print(
        f"Imported {plural(result.sets_added, 'reverse-hyper set')} in "
        f"{plural(result.sessions_added, 'session')} from {safe(file.name)} ({chosen.value}) for "
        f"{safe(athlete)}; {plural(result.workouts_already_imported, 'workout')} already imported, "
        f"{plural(result.workouts_without_reverse_hypers, 'workout')} without reverse hypers."
    )
    if result.unknown_exercises:
        skipped = sum(result.unknown_exercises.values())
        console.print(
            f"Not imported ({plural(skipped, 'set')} of exercises that are not reverse hypers):"
        )
        for name, count in result.unknown_exercises.items():
            console.print(f"  {safe(name)}: {plural(count, 'set')}")
    if result.warmup_sets_added:
        console.print(
            f"Warm-up sets (stored as warm-ups, counted in no volume, record or e1RM): "
            f"{result.warmup_sets_added}."
        )
    if result.skipped_rows:
        console.print(
            f"Skipped {plural(len(result.skipped_rows), 'bad row')} of {file}:\n"
            f"{describe_problems(result.skipped_rows)}",
            markup=False,
            highlight=False,
        )


def _missing_athlete(chosen: ImportFormat) -> InvalidInputError:
    return InvalidInputError(f"--athlete is required for a {chosen.value} import")


def _guess_format(file: Path) -> ImportFormat:
    """The file's format by ``services.imports.guess_format`` (its name and header)."""
    from revhyper.services.imports import guess_format

    if file.suffix.lower() == ".json":
        return ImportFormat.BACKUP
    with file.open(encoding="utf-8-sig", errors="replace") as stream:
        header = stream.readline()
    return ImportFormat(guess_format(file.name, header))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command("export", help="Export a JSON backup or a CSV of the sets.")(export)
    app.command("import", help="Restore a backup or import Strong/Hevy workouts.")(import_)
