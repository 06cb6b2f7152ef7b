"""The one place that decides where the database is."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from timeline.errors import TimelineError

ENV_VAR = "TIMELINE_DATABASE_URL"
APP_NAME = "timeline"


@dataclass(frozen=True)
class DatabaseLocation:
    url: str
    origin: str  # "--db", the environment variable, or "default"

    @property
    def sqlite_path(self) -> Path | None:
        """The file of a SQLite database, or None for in-memory and server databases."""
        prefix = "sqlite:///"
        if not self.url.startswith(prefix):
            return None
        rest = self.url[len(prefix) :].split("?", 1)[0]
        if rest in ("", ":memory:"):
            return None
        return Path(rest)

    @property
    def display(self) -> str:
        """The URL to show: its password masked."""
        return mask_password(self.url)


def mask_password(url: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    return parsed.render_as_string(hide_password=True) if parsed.password else url


def scrub(message: str, url: str) -> str:
    """A driver's message with the URL's password, should it repeat it, masked."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        password = make_url(url).password
    except ArgumentError:
        return message
    return message.replace(str(password), "***") if password else message


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "timeline.db"


def to_url(value: str) -> str:
    """A SQLAlchemy URL as given, or a plain file path turned into a SQLite URL."""
    if "://" in value:
        if value.startswith(("postgresql://", "postgres://")):
            # psycopg 3 is the driver we ship; make the plain scheme mean it.
            return "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def resolve(cli_value: str | None = None) -> DatabaseLocation:
    """``--db`` wins, then ``TIMELINE_DATABASE_URL``, then the user data directory."""
    if cli_value is not None:
        if not cli_value.strip():
            raise TimelineError("--db: empty; give a SQLAlchemy URL or a SQLite file path")
        return DatabaseLocation(to_url(cli_value), "--db")
    env = os.environ.get(ENV_VAR)
    if env:
        return DatabaseLocation(to_url(env), ENV_VAR)
    return DatabaseLocation(to_url(str(default_db_path())), "default")
