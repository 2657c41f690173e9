"""Writing output files atomically: a file appears complete under its name, or not at all.

Every output revhyper writes (keypoint clips, JSON backups, plots, reports, videos) goes
through a temporary file in the same directory that is moved into place with
:func:`os.replace` on success and deleted on any error, so a failure never leaves a
half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def new_file_mode() -> int:
    """Permissions an ordinary new file gets here: 0o666 less the umask.

    Temporary files start private (0o600); they get these permissions when moved into place.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def temp_path_beside(path: Path) -> Path:
    """A fresh, empty temporary file in ``path``'s directory that keeps its suffix.

    Keeping the suffix matters to writers that choose a format from it (OpenCV, matplotlib).
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    handle, name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=directory
    )
    os.close(handle)
    return Path(name)


def commit_temp(temp: Path, final: Path) -> None:
    """Give ``temp`` ordinary permissions and move it onto ``final``."""
    os.chmod(temp, new_file_mode())
    os.replace(temp, final)


@contextlib.contextmanager
def staged_paths(final_paths: list[Path]) -> Iterator[dict[Path, Path]]:
    """Temporary paths beside each final path, moved into place together on success.

    On any error every temporary file is deleted and no final path is touched.
    """
    temps: dict[Path, Path] = {}
    try:
        for final in final_paths:
            temps[Path(final)] = temp_path_beside(Path(final))
        yield temps
        for final, temp in temps.items():
            commit_temp(temp, final)
    finally:
        for temp in temps.values():
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb", **open_args: Any) -> Iterator[IO[Any]]:
    """Open a temporary file for writing; on success it replaces ``path``.

    ``mode`` and ``open_args`` are those of :func:`open` (e.g. ``"w", encoding="utf-8"``).
    """
    with staged_paths([Path(path)]) as temps, open(temps[Path(path)], mode, **open_args) as out:
        yield out
