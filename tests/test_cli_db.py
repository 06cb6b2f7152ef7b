"""The database location, `timeline db …`, and how errors reach the user."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from timeline import __version__, config


def test_version(runner: CliRunner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_db_path_default_is_in_user_data_dir(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "db", "path")
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("timeline.db")
    assert str(tmp_path / "xdg-data") in result.stdout
    assert "default" in result.stderr


def test_db_path_env_then_flag(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(config.ENV_VAR, "env.db")
    result = invoke(runner, "db", "path")
    assert result.stdout.strip() == str(tmp_path / "env.db")  # a path sqlite3 and Datasette take
    assert config.ENV_VAR in result.stderr
    assert invoke(runner, "db", "path", "--url").stdout.strip() == f"sqlite:///{tmp_path / 'env.db'}"
    result = invoke(runner, "db", "path", "--db", "sqlite:///flag.db")
    assert result.stdout.strip() == str(tmp_path / "flag.db")
    assert invoke(runner, "db", "path", "--url", "--db", "sqlite:///flag.db").stdout.strip() == "sqlite:///flag.db"


def test_db_path_is_what_sqlite3_opens(runner: CliRunner, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "news.db"
    invoke(runner, "db", "upgrade", "--db", str(db))
    shown = invoke(runner, "db", "path", "--db", str(db)).stdout.strip()
    with sqlite3.connect(f"file:{shown}?mode=ro", uri=True) as c:
        assert c.execute("SELECT count(*) FROM event_view").fetchone() == (0,)


def test_plain_postgres_url_uses_psycopg() -> None:
    assert config.to_url("postgresql://u@h/d").startswith("postgresql+psycopg://")


def test_upgrade_current_downgrade(runner: CliRunner, tmp_path: Path) -> None:
    db_file = tmp_path / "t.db"
    assert invoke(runner, "db", "upgrade", "--db", str(db_file)).exit_code == 0
    current = invoke(runner, "db", "current", "--db", str(db_file))
    assert current.exit_code == 0
    assert current.stdout.strip() != "base"
    assert "(head)" in current.stderr
    assert invoke(runner, "db", "downgrade", "base", "--db", str(db_file)).exit_code == 0
    assert invoke(runner, "db", "current", "--db", str(db_file)).stdout.strip() == "base"


def test_reading_a_missing_database_says_so_without_creating_it(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "db", "current", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no database at")
    assert "Traceback" not in result.output
    assert not (tmp_path / "missing.db").exists()


def test_bad_url_is_a_clean_error(runner: CliRunner) -> None:
    result = invoke(runner, "db", "upgrade", "--db", "nosuchdriver://x/y")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")


def test_usage_error_exits_2(runner: CliRunner) -> None:
    result = invoke(runner, "db", "nosuchcommand")
    assert result.exit_code == 2


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "timeline", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert __version__ in done.stdout
