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
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError(f"{path} is not a {what}: it is not UTF-8 text") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInputError(
            f"{path} is not a {what}: invalid JSON at line {error.lineno} column {error.colno} "
            f"({error.msg})"
        ) from None
    if not isinstance(document, dict):
        raise InvalidInputError(f"{path} is not a {what}: expected a JSON object at the top")
    return document


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temp file in the same directory, then ``os.replace``."""
    with atomic_open(Path(path), "w", encoding="utf-8", newline="") as stream:
        stream.write(text)


def dump_json(document: dict[str, Any]) -> str:
    """Stable, readable JSON text (keys in insertion order, two-space indent)."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
