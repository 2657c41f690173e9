"""The job queue's pieces that need no server: recognising uploads, the queue's storage
chosen from the settings, and messages stored as JSON."""

from __future__ import annotations

import gzip
import io
import pickle
from datetime import datetime
from pathlib import Path

import pytest
from huey.registry import Message

from revhyper.adapters.queue import JsonSerializer, describe_queue, open_queue
from revhyper.domain.errors import InvalidInputError
from revhyper.services.jobs import UploadKind, clean_filename, upload_digest, upload_kind
from revhyper.settings import Settings

KEYPOINT_TEXT = b'\n  {"format": "revhyper-keypoints/1", "frames": []}'


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", UploadKind.VIDEO),  # MP4
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", UploadKind.VIDEO),  # MOV
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01", UploadKind.VIDEO),  # WebM / Matroska
        (b"RIFF\x24\x10\x00\x00AVI LIST", UploadKind.VIDEO),
        (KEYPOINT_TEXT, UploadKind.KEYPOINTS),
        (gzip.compress(KEYPOINT_TEXT, mtime=0), UploadKind.KEYPOINTS),
        (b"RIFF\x24\x10\x00\x00WAVEfmt ", None),  # a sound file
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
        (b"these are my training notes", None),
        (b"[1, 2, 3]", None),  # JSON, but no keypoint document
        (gzip.compress(b"plain text, compressed", mtime=0), None),
        (b"\x1f\x8b\x08 broken gzip", None),
        (b"", None),
    ],
)
def test_an_upload_is_recognised_from_its_first_bytes(head: bytes, kind: UploadKind) -> None:
    assert upload_kind(head) == kind


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("set.mp4", "set.mp4"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\alex\\clip.mov", "clip.mov"),
        ("bad\x1b[31mname\n.json", "bad[31mname.json"),
        ("", "upload"),
        (None, "upload"),
        ("x" * 400, "x" * 255),
    ],
)
def test_a_file_name_is_kept_without_folders_or_control_characters(
    given: str | None, shown: str
) -> None:
    assert clean_filename(given) == shown


def test_the_digest_reads_the_whole_upload_and_rewinds_it() -> None:
    stream = io.BytesIO(b"a" * 3_000_000)
    stream.read(10)
    first = upload_digest(stream)
    assert stream.tell() == 0
    assert first == upload_digest(io.BytesIO(b"a" * 3_000_000))
    assert first != upload_digest(io.BytesIO(b"a" * 2_999_999 + b"b"))


def test_without_a_url_the_queue_is_a_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", queue_url=None)
    huey = open_queue(settings)
    try:
        assert (tmp_path / "data" / "queue.db").is_file()
        assert type(huey).__name__ == "SqliteHuey"
    finally:
        huey.storage.close()
    assert str(tmp_path / "data" / "queue.db") in describe_queue(settings)


def test_a_redis_url_gives_a_redis_queue_without_connecting(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, queue_url="redis://127.0.0.1:1/3", queue_name="q1")
    huey = open_queue(settings)
    assert type(huey).__name__ == "RedisHuey"
    assert huey.storage.queue_key == "huey.redis.q1"


@pytest.mark.parametrize(
    "url",
    [
        "http://queue.example:6379",
        "postgresql://localhost/db",
        "queue",
        "redis://h/notadb",
        "redis://h:port/0",
    ],
)
def test_a_queue_url_that_is_not_redis_is_refused_naming_it(url: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="REVHYPER_QUEUE_URL") as refused:
        open_queue(Settings(data_dir=tmp_path, queue_url=url))
    assert url in str(refused.value)
    assert "redis://" in str(refused.value)


def test_a_refused_queue_url_does_not_show_its_password(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError) as refused:
        open_queue(Settings(data_dir=tmp_path, queue_url="amqp://user:s3cret@host/vhost"))
    assert "s3cret" not in str(refused.value)
    assert "user:***@host" in str(refused.value)


def test_queue_messages_are_json_and_come_back_the_same() -> None:
    message = Message(
        "id-1", "revhyper.services.jobs.analysis_job.run", datetime(2026, 1, 2, 3, 4, 5),
        0, 0, None, (42,), {}, None, None, None, None, None, None, None,
    )  # fmt: skip
    serializer = JsonSerializer()
    data = serializer.serialize(message)
    assert data.startswith(b"{")
    back = serializer.deserialize(data)
    assert back == message._replace(args=[42])
    assert serializer.deserialize(serializer.serialize({"flag": True})) == {"flag": True}


def test_a_pickled_message_is_refused_instead_of_unpickled() -> None:
    planted = pickle.dumps(Message("id-1", "x"))
    with pytest.raises(ValueError):
        JsonSerializer().deserialize(planted)
