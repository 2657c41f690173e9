"""Backups: one athlete's JSON backup and sets CSV (``revhyper export``), and imports of a
backup or a Strong/Hevy export (``revhyper import``), all of a file or nothing."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response

from revhyper.adapters.importers.json_files import parse_json_object
from revhyper.adapters.importers.sets_csv import sets_to_csv
from revhyper.domain.errors import InvalidInputError
from revhyper.services import backup, history, imports
from revhyper.services.access import Access, Scope
from revhyper.web.api_schemas import (
    BackupImportPublic,
    BackupPublic,
    ImportPublic,
    RowProblemPublic,
    WorkoutImportPublic,
)
from revhyper.web.deps import MAX_ID, ReaderDep, UowDep, UserDep, athlete_access
from revhyper.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1", tags=["backup"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic},
}
_IMPORT_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    413: {"model": ErrorPublic, "description": "Larger than REVHYPER_MAX_UPLOAD_MB."},
    422: {
        "model": ErrorPublic,
        "description": "Not a backup or export, or bad rows (every one listed; nothing stored).",
    },
}


@router.get("/athletes/{athlete_id}/export", response_model=BackupPublic, responses=_ERRORS)
def export_backup(access: ReaderDep, uow: UowDep) -> Any:
    """The athlete's complete JSON backup (``revhyper-backup/1``): profile, programs,
    analyses, sessions with sets, body mass. ``POST /api/v1/imports`` restores it."""
    return backup.export_backup(uow, access.athlete.id)


@router.get(
    "/athletes/{athlete_id}/export.csv",
    response_class=Response,
    responses={**_ERRORS, 200: {"content": {"text/csv": {}}, "description": "One row per set."}},
)
def export_sets_csv(access: ReaderDep, uow: UowDep) -> Response:
    """The athlete's sets as CSV, oldest first (``revhyper export --format csv``)."""
    text = sets_to_csv(history.sets_for(uow, access.athlete.id))
    name = f"athlete-{access.athlete.id}-sets.csv"
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def import_target(
    request: Request,
    user: UserDep,
    uow: UowDep,
    athlete_id: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description="The athlete a Strong/Hevy file's workouts belong to (owner or coach).",
        ),
    ] = None,
) -> Access | None:
    """The caller's coach access to the athlete a workout file goes to (404 otherwise)."""
    if athlete_id is None:
        return None
    return athlete_access(Scope.COACH)(request, athlete_id, user, uow)


ImportTargetDep = Annotated[Access | None, Depends(import_target)]


@router.post("/imports", response_model=ImportPublic, responses=_IMPORT_ERRORS)
def import_file(
    user: UserDep,
    uow: UowDep,
    target: ImportTargetDep,
    file: Annotated[UploadFile, File(description="A revhyper backup, or a Strong/Hevy CSV.")],
    format: Annotated[
        Literal["backup", "strong", "hevy"] | None,
        Form(description="Default: from the file (JSON: backup; exercise_title: Hevy)."),
    ] = None,
    weight_unit: Annotated[
        Literal["kg", "lbs"] | None,
        Form(description="Strong weights' unit when the file has none (the athlete's)."),
    ] = None,
    skip_bad_rows: Annotated[
        bool, Form(description="Store a workout file's good rows and list the bad ones.")
    ] = False,
) -> ImportPublic:
    """Restore a backup into the caller's athletes (merged by name into the caller's own,
    others added as the caller's), or import a Strong/Hevy file's reverse-hyper sets into
    ``athlete_id``'s log. All of the file or nothing; repeating an import adds nothing."""
    content = file.file.read()
    name = (file.filename or "upload").rsplit("/", 1)[-1][:200]
    first_line = content[:4096].decode("utf-8-sig", errors="replace").split("\n", 1)[0]
    chosen = format or imports.guess_format(name, first_line)
    if chosen == "backup":
        document = parse_json_object(content, name, "revhyper backup")
        report = backup.import_backup(uow, document, owner_id=user.id)
        return ImportPublic(format="backup", file=name, backup=BackupImportPublic(**asdict(report)))
    if target is None:
        raise InvalidInputError(
            f"query field 'athlete_id' is required for a {chosen} import: the athlete whose "
            "log the workouts go to"
        )
    result = imports.import_uploaded_workouts(
        uow,
        content,
        name,
        chosen,
        target.athlete.id,
        weight_unit=weight_unit,
        skip_bad_rows=skip_bad_rows,
    )
    workouts = WorkoutImportPublic(
        athlete_id=target.athlete.id,
        sessions_added=result.sessions_added,
        sets_added=result.sets_added,
        warmup_sets_added=result.warmup_sets_added,
        workouts_already_imported=result.workouts_already_imported,
        workouts_without_reverse_hypers=result.workouts_without_reverse_hypers,
        unknown_exercises=result.unknown_exercises,
        skipped_rows=[
            RowProblemPublic(line=p.line, message=p.message, exercise=p.exercise)
            for p in result.skipped_rows
        ],
    )
    return ImportPublic(format=chosen, file=name, workouts=workouts)  # type: ignore[arg-type]
