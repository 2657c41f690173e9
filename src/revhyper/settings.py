"""The one settings object: the only place that reads the environment (prefix ``REVHYPER_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path(user_data_dir("revhyper", appauthor=False))


class Settings(BaseSettings):
    """Configuration of revhyper; every field can be set as ``REVHYPER_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="REVHYPER_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    """Where the embedded SQLite database and other user data live."""

    database_url: str | None = None
    """SQLAlchemy URL; ``None`` means a SQLite file ``revhyper.db`` in ``data_dir``."""

    postgres_test_url: str = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    """Admin URL the test suite uses to create and drop its own PostgreSQL databases."""

    require_postgres: bool = False
    """When true (CI), PostgreSQL tests fail instead of being skipped if the server is missing."""

    require_realclips: bool = False
    """When true (CI), tests over the filmed clips in ``../shared/realclips`` fail instead of
    being skipped if that folder is missing."""

    pose_backend: str = "mediapipe"
    """Pose estimator used for videos: ``mediapipe`` (BlazePose, default) or ``fake`` (tests)."""

    max_video_seconds: float = 300.0
    """Longest video accepted for analysis [s]."""

    max_video_pixels: int = 1920 * 1080
    """Largest frame accepted (width x height) [px]; 4K is refused."""

    @property
    def effective_database_url(self) -> str:
        """The URL actually used: the configured one, or the embedded SQLite default."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'revhyper.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests may call ``get_settings.cache_clear()``)."""
    return Settings()
