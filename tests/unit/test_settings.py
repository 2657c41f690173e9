"""The settings object reads REVHYPER_* variables, converts them, and refuses bad values."""

from __future__ import annotations

from pathlib import Path

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.settings import Settings


def test_defaults_without_variables_use_the_embedded_sqlite_file() -> None:
    settings = Settings({})
    assert settings.database_url is None and settings.max_video_seconds == 300.0
    assert settings.effective_database_url == f"sqlite:///{settings.data_dir / 'revhyper.db'}"


def test_variables_are_read_by_field_name_in_any_case_and_converted() -> None:
    settings = Settings(
        {
            "REVHYPER_DATA_DIR": "/tmp/rh",
            "REVHYPER_DATABASE_URL": "postgresql://u@h/db",
            "revhyper_require_postgres": "yes",
            "REVHYPER_MAX_VIDEO_SECONDS": "12.5",
            "REVHYPER_MAX_VIDEO_PIXELS": "921600",
            "OTHER_DATABASE_URL": "ignored",
        }
    )
    assert settings.data_dir == Path("/tmp/rh")
    assert settings.effective_database_url == "postgresql://u@h/db"
    assert settings.require_postgres is True
    assert (settings.max_video_seconds, settings.max_video_pixels) == (12.5, 921600)


def test_an_empty_database_url_means_the_default() -> None:
    settings = Settings({"REVHYPER_DATABASE_URL": "", "REVHYPER_DATA_DIR": "/d"})
    assert settings.effective_database_url == "sqlite:////d/revhyper.db"


def test_keyword_values_override_the_environment() -> None:
    settings = Settings({"REVHYPER_POSE_BACKEND": "mediapipe"}, pose_backend="fake")
    assert settings.pose_backend == "fake"
    with pytest.raises(TypeError, match="unknown setting"):
        Settings({}, colour="red")


@pytest.mark.parametrize(
    ("variable", "text", "message"),
    [
        ("REVHYPER_MAX_VIDEO_PIXELS", "4k", "REVHYPER_MAX_VIDEO_PIXELS='4k' is not a whole number"),
        ("REVHYPER_MAX_VIDEO_SECONDS", "ten", "'ten' is not a number"),
        ("REVHYPER_MAX_VIDEO_SECONDS", "inf", "'inf' is not a finite number"),
        ("REVHYPER_REQUIRE_POSTGRES", "maybe", "'maybe' is not yes or no: allowed 0, 1, f,"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_the_variable(
    variable: str, text: str, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        Settings({variable: text})


def test_a_bad_variable_is_a_clear_error_from_a_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from revhyper.cli.app import app
    from revhyper.settings import get_settings

    monkeypatch.setenv("REVHYPER_MAX_VIDEO_SECONDS", "ten")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["athlete", "list"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "REVHYPER_MAX_VIDEO_SECONDS='ten' is not a number" in result.output
