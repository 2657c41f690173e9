"""Writing output files atomically: a file appears complete under its name, or not at all.

Every output revhyper writes (keypoint clips, JSON backups, plots, reports, videos) goes
through a temporary file in the same directory that is moved into place with
:func:`os.replace` on success and deleted on any error, so a failure never leaves a
half-written file behind.

An output path must be absent or an ordinary file: a directory, a symbolic link, a FIFO, a
device or a socket is refused (``os.replace`` would rename over the link or the device node
rather than write to it), and so is a path whose directory does not exist. Errors name the
path the user gave, never the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from revhyper.domain.errors import InvalidInputError


def new_file_mode() -> int:
    """Permissions an ordinary new file gets here: 0o666 less the umask.

    Temporary files start private (0o600); they get these permissions when moved into place.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


#: What a non-regular file is called in a message, by its ``stat`` test.
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_output_path(path: Path) -> None:
    """Refuse ``path`` as an output unless it is absent or a regular file in a directory.

    Raises:
        InvalidInputError: naming the path and what it is (a symbolic link is refused even
            when it points to a regular file: replacing it would not write where it points).
    """
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        directory = path.parent if str(path.parent) else Path(".")
        if not directory.is_dir():
            raise InvalidInputError(
                f"output {str(path)!r}: directory {str(directory)!r} does not exist"
            ) from None
        return
    except NotADirectoryError:
        raise InvalidInputError(
            f"output {str(path)!r}: a part of the path is a file, not a directory"
        ) from None
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    raise InvalidInputError(
        f"output {str(path)!r} is {kind}: give the name of a new or ordinary file"
    )


def temp_path_beside(path: Path) -> Path:
    """A fresh, empty temporary file in ``path``'s directory that keeps its suffix.

    Keeping the suffix matters to writers that choose a format from it (OpenCV, matplotlib).
    ``path`` is checked first (:func:`check_output_path`).
    """
    path = Path(path)
    check_output_path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=directory
        )
    except OSError as error:
        raise InvalidInputError(
            f"cannot write output {str(path)!r}: {error.strerror or error}"
        ) from None
    os.close(handle)
    return Path(name)


def commit_temp(temp: Path, final: Path) -> None:
    """Give ``temp`` ordinary permissions and move it onto ``final`` (checked again first)."""
    check_output_path(final)
    os.chmod(temp, new_file_mode())
    try:
        os.replace(temp, final)
    except OSError as error:
        raise InvalidInputError(
            f"cannot write output {str(final)!r}: {error.strerror or error}"
        ) from None


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
