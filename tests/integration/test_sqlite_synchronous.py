"""SQLite's commit durability is a setting: ``full`` (a flush per commit) unless ``normal`` is
chosen; anything else is refused naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from revhyper.adapters.db import open_engine
from revhyper.domain.errors import InvalidInputError
from revhyper.settings import Settings

#: SQLite's codes for the levels (PRAGMA synchronous answers a number).
LEVEL_CODES = {"normal": 1, "full": 2}


def _level(url: str, **options: str) -> int:
    engine = open_engine(url, **options)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("PRAGMA synchronous")).scalar_one())
    finally:
        engine.dispose()


def test_commits_wait_for_the_disk_unless_normal_is_chosen(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert _level(url) == LEVEL_CODES["full"]
    assert _level(url, sqlite_synchronous="normal") == LEVEL_CODES["normal"]
    assert Settings(environ={}).sqlite_synchronous == "full"


def test_an_unknown_level_is_refused_naming_the_variable(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="REVHYPER_SQLITE_SYNCHRONOUS"):
        open_engine(f"sqlite:///{tmp_path / 'x.db'}", sqlite_synchronous="off")
