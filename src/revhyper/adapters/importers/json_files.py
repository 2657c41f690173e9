"""JSON documents on disk: read with clear errors, write atomically (temp file + os.replace)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from revhyper.adapters.files import atomic_open
from revhyper.domain.errors import InvalidInputError


def read_json_object(path: Path, what: str = "JSON file") -> dict[str, Any]:
    """The JSON object in ``path``.

    Raises:
        InvalidInputError: not UTF-8, not JSON (with line and column), or not an object.
        OSError: the file cannot be read.
    """
    return parse_json_object(path.read_bytes(), str(path), what)


def parse_json_object(content: bytes, source: str, what: str = "JSON file") -> dict[str, Any]:
    """The JSON object in ``content`` (a file's bytes), named ``source`` in messages.

    Raises:
        InvalidInputError: not UTF-8, not JSON (with line and column), or not an object.
    """
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{source} is not a {what}: it is not UTF-8 text") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"{source} is not a {what}: invalid JSON at line {error.lineno} column "
            f"{error.colno} ({error.msg})"
        ) from None
    if not isinstance(document, dict):
        raise InvalidInputError(f"{source} is not a {what}: expected a JSON object at the top")
    return document


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same directory, then ``os.replace``."""
    with atomic_open(Path(path), "w", encoding="utf-8", newline="") as stream:
        stream.write(text)


def dump_json(document: dict[str, Any]) -> str:
    """Stable, readable JSON text (keys in insertion order, two-space indent)."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
