"""Form analyses run in the background: an upload becomes a job, a worker runs it.

``submit`` stores the upload under ``data_dir/uploads`` (counting its bytes against
``Settings.max_upload_mb``), checks from its first bytes that it is a video or a keypoint
file, records the ``analysis_job`` row and sends its id to the queue. ``run`` (the task body)
runs the analysis ``revhyper analyze`` runs, stores the ``revhyper-analysis/1`` document and
ends the job ``done``, or ``failed`` with a message a person can act on.

Who runs a job, once: a queue message only means "try job N"; the database row decides.
A worker claims a job with one conditional UPDATE (``queued`` -> ``running``, stamped with
its start time), so of two messages for one job, or two workers racing, one runs it and the
other does nothing. A run records its end only if the job is still in the run it claimed
(same start time), so a run that was given up on (queued again) stores nothing when it ends
late. Messages can therefore be sent again freely, which is how restarts are handled:

* queued jobs are messages in the queue's storage (SQLite file or Redis): they survive a
  restart; on start-up a consumer sends every ``queued`` job again anyway (harmless), which
  also recovers jobs whose message was lost (a Redis restarted without persistence);
* a consumer that stops while runs are still going (graceful stop timed out) puts them back
  to ``queued`` and queues them again;
* a job still ``running`` after ``Settings.job_timeout_minutes`` was orphaned by a worker
  that was killed (SIGKILL, power loss, out of memory): consumers look for such jobs on
  start-up and every few minutes and queue them again, once; a job orphaned a second time
  (a clip that kills its worker) ends ``failed`` instead of looping.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path, PurePosixPath
from typing import IO, Any

from huey import crontab
from sqlalchemy import Engine

from revhyper.adapters.analysis_json import analysis_to_dict
from revhyper.adapters.db import UnitOfWork, ensure_current, open_engine
from revhyper.adapters.db.accounts import StoredJob, StoredUser
from revhyper.adapters.db.repositories import utc_now
from revhyper.adapters.queue import (
    close_queue,
    describe_queue,
    open_queue,
    run_consumer,
    start_consumer_threads,
)
from revhyper.domain.errors import (
    ClipUnusableError,
    InvalidInputError,
    NotFoundError,
    RevhyperError,
    StorageError,
)
from revhyper.domain.training.log import LoggedSet
from revhyper.services.access import Access, Scope, scope_in
from revhyper.services.form_analysis import analyze_keypoint_file
from revhyper.services.transactions import write_with_retry
from revhyper.settings import Settings

LOG = logging.getLogger("revhyper.jobs")

#: Folder of uploads waiting for their job, inside ``Settings.data_dir``.
UPLOADS_DIR = "uploads"
#: Folder of the annotated videos of video jobs, inside ``Settings.data_dir``.
ANNOTATED_DIR = "annotated"
#: Bytes copied per read while storing an upload [B].
CHUNK_BYTES = 1 << 20
#: Bytes of an upload's beginning read to recognise its type [B].
HEAD_BYTES = 1 << 12
#: Longest file name kept for a job [characters].
MAX_FILENAME_CHARS = 255
#: How often consumers look for jobs orphaned by a killed worker [min] (a divisor of 60).
RECOVERY_EVERY_MIN = 5
#: Times a run is tried again when the database failed it (busy, unreachable), and the wait
#: before each try [s]; the analysis itself never raises (its failures end the job).
STORAGE_RETRIES = 2
STORAGE_RETRY_DELAY_S = 30
#: The queue's task names (stable: messages name them).
RUN_TASK = "analysis_job.run"
RECOVERY_TASK = "analysis_job.recover"
#: What may be uploaded, for messages.
ALLOWED_UPLOADS = (
    "a video (MP4 or MOV, WebM or Matroska, AVI) or a revhyper-keypoints/1 file "
    "(JSON, or gzip-compressed JSON)"
)
#: A failure's message when the cause is a bug or the server (the detail goes to the log).
UNEXPECTED_FAILURE = (
    "the analysis failed unexpectedly on the server: submit the clip again later; if it "
    "fails again, the server's log has the details"
)
#: A job whose worker was killed twice while running it.
ORPHANED_TWICE = (
    "the analysis was interrupted twice (its worker stopped while running it): the clip may "
    "be too large for the server; try a shorter or smaller clip"
)


class JobStatus(StrEnum):
    """Where a job is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class UploadKind(StrEnum):
    """What an upload holds, recognised from its first bytes."""

    VIDEO = "video"
    KEYPOINTS = "keypoints"


class UploadTooLargeError(InvalidInputError):
    """The uploaded file is larger than ``Settings.max_upload_mb``."""


class UnsupportedUploadError(InvalidInputError):
    """The uploaded file is neither a video nor a keypoint file."""


class JobNotDoneError(InvalidInputError):
    """The job has no analysis yet (queued, running or failed): nothing to link."""


# --------------------------------------------------------------------------------------------
# The queue of one configuration
# --------------------------------------------------------------------------------------------


class AnalysisQueue:
    """The job queue of one configuration: its Huey instance with the run and recovery tasks,
    and the database the jobs live in."""

    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.settings = settings
        self.engine = engine
        self.huey = open_queue(settings)
        self._claims: dict[int, datetime] = {}
        self._claims_lock = threading.Lock()
        self._run_task = self.huey.task(
            name=RUN_TASK, retries=STORAGE_RETRIES, retry_delay=STORAGE_RETRY_DELAY_S
        )(self._run)
        every = crontab(minute=f"*/{RECOVERY_EVERY_MIN}")
        self.huey.periodic_task(every, name=RECOVERY_TASK)(self._recover)

    def unit_of_work(self) -> UnitOfWork:
        """A fresh unit of work on the jobs' database."""
        return UnitOfWork(self.engine)

    def enqueue(self, job_id: int) -> None:
        """Send "run job ``job_id``" to the queue.

        Raises:
            StorageError: the queue's storage cannot be reached.
        """
        try:
            self._run_task(job_id)
        except Exception as error:  # redis/sqlite3 errors alike
            text = str(error).strip()
            reason = text.splitlines()[0] if text else type(error).__name__
            raise StorageError(
                f"the job queue ({describe_queue(self.settings)}) cannot take the job: "
                f"{reason}; try again later"
            ) from None

    def pending(self) -> int:
        """Messages waiting in the queue's storage."""
        return int(self.huey.pending_count())

    def close(self) -> None:
        """Release the queue storage's connection."""
        close_queue(self.huey)

    def remember_claim(self, job_id: int, started_at: datetime) -> None:
        with self._claims_lock:
            self._claims[job_id] = started_at

    def forget_claim(self, job_id: int) -> None:
        with self._claims_lock:
            self._claims.pop(job_id, None)

    def claims(self) -> dict[int, datetime]:
        """The runs this process has started and not finished: job id -> start time."""
        with self._claims_lock:
            return dict(self._claims)

    def _run(self, job_id: int) -> None:
        run(self, job_id)

    def _recover(self) -> None:
        recover(self, resend_queued=False)


def _recovered_key(job_id: int) -> str:
    return f"revhyper.analysis_job.{job_id}.recovered"


# --------------------------------------------------------------------------------------------
# Submitting
# --------------------------------------------------------------------------------------------


def upload_kind(head: bytes) -> UploadKind | None:
    """The kind of an upload from its first bytes, or None when it is neither kind."""
    if head[4:8] == b"ftyp":  # MP4 / MOV (ISO base media file)
        return UploadKind.VIDEO
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # WebM / Matroska (EBML header)
        return UploadKind.VIDEO
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return UploadKind.VIDEO
    text = head
    if head.startswith(b"\x1f\x8b"):
        try:
            text = zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
        except zlib.error:
            return None
    if text.lstrip(b" \t\r\n").startswith(b"{"):
        return UploadKind.KEYPOINTS
    return None


def clean_filename(name: str | None) -> str:
    """The upload's file name as shown back: no folders, no control characters, bounded."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    printable = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    return printable[:MAX_FILENAME_CHARS] or "upload"


def upload_digest(stream: IO[bytes]) -> str:
    """SHA-256 of a file-like object's content (read from its start; rewound after)."""
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(CHUNK_BYTES):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def _store_upload(stream: IO[bytes], folder: Path, max_bytes: int) -> tuple[Path, bytes]:
    """Copy the stream to a new randomly named file in ``folder``; returns it and its head.

    Raises:
        UploadTooLargeError: more than ``max_bytes`` (nothing is left on disk).
        StorageError: the folder cannot be written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"cannot create the uploads folder {folder}: {error.strerror}") from None
    path = folder / secrets.token_hex(16)
    head = b""
    size = 0
    try:
        with path.open("xb") as out:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    raise UploadTooLargeError(
                        f"the file is larger than {max_bytes / 1e6:g} MB "
                        "(REVHYPER_MAX_UPLOAD_MB): upload a shorter or smaller clip"
                    )
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                out.write(chunk)
    except OSError as error:  # a full or read-only disk: the server's problem, not the upload's
        path.unlink(missing_ok=True)
        raise StorageError(f"cannot store the upload in {folder}: {error.strerror}") from None
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, head


def submit(
    uow: UnitOfWork, queue: AnalysisQueue, access: Access, filename: str | None, stream: IO[bytes]
) -> StoredJob:
    """Store an upload for ``access.athlete``, record its job and queue it; returns the job.

    Raises:
        UploadTooLargeError: the file is over ``Settings.max_upload_mb``.
        UnsupportedUploadError: the file is neither a video nor a keypoint file.
        StorageError: the database or the queue cannot be used.
    Nothing is left on disk or in the database when it raises.
    """
    settings = queue.settings
    name = clean_filename(filename)
    max_bytes = int(settings.max_upload_mb * 1e6)
    path, head = _store_upload(stream, settings.data_dir / UPLOADS_DIR, max_bytes)
    try:
        kind = upload_kind(head)
        if kind is None:
            raise UnsupportedUploadError(
                f"file {name!r} is not a clip revhyper can analyse: upload {ALLOWED_UPLOADS}"
            )
        with uow.writing():
            job = uow.jobs.add(access.athlete.id, access.user.id, kind, name, str(path), utc_now())
            uow.commit()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    try:
        queue.enqueue(job.id)
    except StorageError:
        with uow.writing():
            uow.jobs.remove(job.id)
            uow.commit()
        path.unlink(missing_ok=True)
        raise
    return job


# --------------------------------------------------------------------------------------------
# Running (the task body)
# --------------------------------------------------------------------------------------------


def annotated_video_path(settings: Settings, job_id: int) -> Path:
    """Where job ``job_id``'s annotated video (H.264 MP4) is kept."""
    return settings.data_dir / ANNOTATED_DIR / f"job-{job_id}.mp4"


def annotated_video(settings: Settings, job: StoredJob) -> Path | None:
    """The annotated video of a finished video job, or None (a keypoint upload, a job not
    done, or a video that was deleted)."""
    if job.kind != UploadKind.VIDEO or job.status != JobStatus.DONE:
        return None
    path = annotated_video_path(settings, job.id)
    return path if path.is_file() else None


def delete_annotated_videos(settings: Settings, job_ids: list[int]) -> None:
    """Delete the annotated videos of these jobs (those that have none are skipped)."""
    for job_id in job_ids:
        annotated_video_path(settings, job_id).unlink(missing_ok=True)


def analyse_upload(
    path: Path, kind: str, filename: str, settings: Settings, annotate: Path | None = None
) -> dict[str, Any]:
    """The ``revhyper-analysis/1`` document of an upload, as ``revhyper analyze --json`` prints
    it; a video's annotated copy is written to ``annotate`` when given (as ``revhyper analyze
    --annotate`` writes it; all or nothing).

    Raises:
        ClipUnusableError: the clip cannot be analysed (the message says why).
        InvalidInputError: the file is not a valid clip or video.
    """
    if kind == UploadKind.KEYPOINTS:
        result = analyze_keypoint_file(path)[1]
        if not result.quality.analysable:
            reason = "; ".join(result.quality.warnings) or "unknown reason"
            raise ClipUnusableError(f"{filename} cannot be analysed: {reason}")
        return analysis_to_dict(result)
    try:
        from revhyper.services.video_analysis import analyze_video
    except ImportError:
        raise InvalidInputError(
            "video analysis is not available on this server: upload a keypoint file instead"
        ) from None
    return analysis_to_dict(analyze_video(path, backend=settings.pose_backend, annotate=annotate))


def _annotation_target(job: StoredJob, settings: Settings) -> Path | None:
    """Where a video job's annotated copy goes (its folder made), None for keypoint files.

    Raises:
        StorageError: the folder cannot be created.
    """
    if job.kind != UploadKind.VIDEO:
        return None
    path = annotated_video_path(settings, job.id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(
            f"cannot create the annotated videos folder {path.parent}: {error.strerror}"
        ) from None
    return path


def _outcome(job: StoredJob, settings: Settings) -> dict[str, Any]:
    """The job's end as column changes: done with its document, or failed with a message."""
    try:
        annotate = _annotation_target(job, settings)
        document = analyse_upload(Path(job.upload_path), job.kind, job.filename, settings, annotate)
    except RevhyperError as refusal:
        message = str(refusal).replace(job.upload_path, job.filename)
        return {"status": JobStatus.FAILED.value, "error": message}
    except Exception:
        LOG.exception("analysis job %s (%s) failed unexpectedly", job.id, job.filename)
        return {"status": JobStatus.FAILED.value, "error": UNEXPECTED_FAILURE}
    return {"status": JobStatus.DONE.value, "document": document}


def run(queue: AnalysisQueue, job_id: int) -> None:
    """Run job ``job_id`` if it is queued (claiming it); do nothing if another run has it or
    it ended. Deletes the upload once the job has ended."""
    uow = queue.unit_of_work()
    with uow.writing():
        job = uow.jobs.claim(job_id, utc_now())
        uow.commit()
    if job is None or job.started_at is None:
        _tidy_ended(queue, job_id)
        return
    queue.remember_claim(job.id, job.started_at)
    try:
        changes = _outcome(job, queue.settings)
        finished = _finish(uow, job, changes)
    finally:
        queue.forget_claim(job.id)
    if finished:
        _delete_upload(queue, job)
    else:
        LOG.warning("analysis job %s was queued again while it ran: this run is dropped", job_id)


def _finish(uow: UnitOfWork, job: StoredJob, changes: dict[str, Any]) -> bool:
    """Store the outcome if the job is still in this run; whether it was."""
    assert job.started_at is not None
    document = changes.pop("document", None)
    with uow.writing():
        if document is not None:
            stored = uow.analyses.add(
                document, athlete_id=job.athlete_id, source=f"upload {job.filename}"
            )
            changes["analysis_id"] = stored.id
        changes["finished_at"] = utc_now()
        if not uow.jobs.finish_run(job.id, job.started_at, **changes):
            return False
        uow.commit()
    return True


def _tidy_ended(queue: AnalysisQueue, job_id: int) -> None:
    """A message for a job that is not queued: if it ended, make sure its upload is gone."""
    with queue.unit_of_work() as uow:
        job = uow.jobs.get(job_id)
    if job is not None and job.status in (JobStatus.DONE, JobStatus.FAILED):
        _delete_upload(queue, job)


def _delete_upload(queue: AnalysisQueue, job: StoredJob) -> None:
    Path(job.upload_path).unlink(missing_ok=True)
    queue.huey.delete(_recovered_key(job.id))


# --------------------------------------------------------------------------------------------
# Restarts
# --------------------------------------------------------------------------------------------


def recover(queue: AnalysisQueue, *, resend_queued: bool) -> int:
    """Queue again the jobs orphaned by a killed worker (``running`` for longer than
    ``Settings.job_timeout_minutes``; a second orphaning fails the job) and, when
    ``resend_queued``, every ``queued`` job; returns how many messages were sent."""
    cutoff = utc_now() - timedelta(minutes=queue.settings.job_timeout_minutes)
    with queue.unit_of_work() as uow:
        orphans = uow.jobs.running_since_before(cutoff)
        queued = uow.jobs.with_status(JobStatus.QUEUED) if resend_queued else []
    sent = 0
    for job in orphans:
        sent += _recover_orphan(queue, job)
    for job in queued:
        queue.enqueue(job.id)
        sent += 1
    return sent


def _recover_orphan(queue: AnalysisQueue, job: StoredJob) -> int:
    assert job.started_at is not None
    key = _recovered_key(job.id)
    again = queue.huey.get(key, peek=True) is not None
    if again:
        changes: dict[str, Any] = {"status": JobStatus.FAILED.value, "error": ORPHANED_TWICE}
        changes["finished_at"] = utc_now()
    else:
        changes = {"status": JobStatus.QUEUED.value, "started_at": None}
    uow = queue.unit_of_work()
    with uow.writing():
        changed = uow.jobs.finish_run(job.id, job.started_at, **changes)
        uow.commit()
    if not changed:
        return 0
    if again:
        LOG.error("analysis job %s was orphaned twice: failed", job.id)
        _delete_upload(queue, job)
        return 0
    LOG.warning("analysis job %s was orphaned by a stopped worker: queued again", job.id)
    queue.huey.put(key, True)
    queue.enqueue(job.id)
    return 1


def release_claims(queue: AnalysisQueue) -> int:
    """Put the runs this process still has going back to ``queued`` and queue them again (a
    stopping consumer whose tasks did not finish in time); returns how many."""
    released = 0
    for job_id, started_at in queue.claims().items():
        uow = queue.unit_of_work()
        with uow.writing():
            changed = uow.jobs.finish_run(
                job_id, started_at, status=JobStatus.QUEUED.value, started_at=None
            )
            uow.commit()
        if changed:
            queue.enqueue(job_id)
            released += 1
    return released


# --------------------------------------------------------------------------------------------
# Consumers
# --------------------------------------------------------------------------------------------


def _open_queue_and_database(settings: Settings) -> AnalysisQueue:
    engine = open_engine(settings.effective_database_url)
    try:
        ensure_current(engine)
        return AnalysisQueue(settings, engine)
    except BaseException:
        engine.dispose()
        raise


def _shut(queue: AnalysisQueue) -> None:
    try:
        release_claims(queue)
    finally:
        queue.close()
        queue.engine.dispose()


def start_in_process_consumer(settings: Settings, workers: int = 1) -> Callable[[], None]:
    """Recover orphaned jobs and run a consumer on threads of this process (the server's);
    returns the function that stops it (waiting a few seconds for running jobs, then putting
    the unfinished ones back in the queue)."""
    queue = _open_queue_and_database(settings)
    try:
        try:
            recover(queue, resend_queued=True)
        except StorageError as error:  # the server still starts; the worker threads retry
            LOG.error("analysis jobs could not be queued again at start-up: %s", error)
        stop_threads = start_consumer_threads(queue.huey, workers)
    except BaseException:
        _shut(queue)
        raise

    def stop() -> None:
        try:
            stop_threads()
        finally:
            _shut(queue)

    return stop


def run_worker(
    settings: Settings, workers: int, announce: Callable[[str], None] | None = None
) -> None:
    """Recover orphaned jobs, then run jobs on ``workers`` threads until SIGINT or SIGTERM."""
    queue = _open_queue_and_database(settings)
    try:
        resent = recover(queue, resend_queued=True)
        if announce is not None:
            announce(
                f"worker on the {describe_queue(settings)}: {workers} thread(s), "
                f"{resent} job(s) queued again; stop with Ctrl+C"
            )
        run_consumer(queue.huey, workers)
    finally:
        _shut(queue)


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _unknown_job(job_id: int) -> NotFoundError:
    return NotFoundError(f"no analysis job with id {job_id}")


def readable_job(uow: UnitOfWork, user: StoredUser, job_id: int) -> tuple[StoredJob, Access]:
    """A job the user may read (its athlete decides), with the user's access to the athlete.

    Raises:
        NotFoundError: no such job, or the user may not see its athlete (the same answer).
    """
    return job_in_scope(uow, user, job_id, Scope.READ)


def job_in_scope(
    uow: UnitOfWork, user: StoredUser, job_id: int, scope: Scope
) -> tuple[StoredJob, Access]:
    """A job whose athlete the user has ``scope`` on, with the user's access to the athlete.

    Raises:
        NotFoundError: no such job, or the user lacks that scope (the same answer).
    """
    with uow:
        job = uow.jobs.get(job_id)
        if job is None:
            raise _unknown_job(job_id)
        try:
            access = scope_in(uow, user, job.athlete_id, scope)
        except NotFoundError:
            raise _unknown_job(job_id) from None
    return job, access


def linked_sets(uow: UnitOfWork, job: StoredJob) -> list[LoggedSet]:
    """The logged sets this job's analysis is linked to (none before it is done)."""
    if job.analysis_id is None:
        return []
    with uow:
        return uow.sessions.sets_with_analysis(job.analysis_id)


def link_set(uow: UnitOfWork, job: StoredJob, set_id: int) -> LoggedSet:
    """Link a logged set of the job's athlete to the job's analysis (the set then carries the
    analysis's faults, which progression reads); commits; returns the set.

    Raises:
        NotFoundError: no set with that id of the job's athlete.
        JobNotDoneError: the job has no analysis (it is not done).
    """
    analysis_id = job.analysis_id
    if analysis_id is None:
        raise JobNotDoneError(
            f"analysis job {job.id} is {job.status}: only a finished analysis can be linked "
            "to a set"
        )

    def work() -> LoggedSet:
        uow.athletes.lock_id(job.athlete_id)
        logged = uow.sessions.logged_set(set_id)
        if logged.athlete_id != job.athlete_id:
            raise NotFoundError(f"the athlete has no set with id {set_id}")
        record = uow.sessions.link_analysis(set_id, analysis_id)
        uow.commit()
        return replace(logged, record=record)

    return write_with_retry(uow, work)


def job_result(uow: UnitOfWork, job: StoredJob) -> dict[str, Any] | None:
    """The analysis document of a finished job (None before, or when it failed)."""
    if job.analysis_id is None:
        return None
    with uow:
        try:
            return uow.analyses.get(job.analysis_id).result
        except NotFoundError:
            return None


def jobs_of(
    uow: UnitOfWork, athlete_id: int, *, limit: int, offset: int
) -> tuple[list[StoredJob], int]:
    """A page of the athlete's jobs, newest first, and how many there are in all."""
    with uow:
        every = uow.jobs.of_athlete(athlete_id)
    return every[offset : offset + limit], len(every)
