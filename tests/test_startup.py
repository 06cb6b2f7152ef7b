"""Start-up: a command loads only what it uses. Judged by the modules loaded, never by a stopwatch."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Heavy packages, each loaded only by the commands that need it.
HEAVY = ("alembic", "mako", "natasha", "pymorphy3", "matplotlib", "icalendar", "httpx", "trafilatura",
         "feedparser", "lxml", "py3langid", "numpy", "selenium", "pydantic")

PROBE = """
import json, sys
from typer.testing import CliRunner
from timeline.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _loaded(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("args", [["--help"], ["events", "--help"], ["db", "path"], ["kinds", "--help"]])
def test_help_and_light_commands_load_nothing_heavy(args: list[str]) -> None:
    assert not _loaded(*args) & set(HEAVY), args


def test_reading_a_database_loads_no_migration_machinery(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from timeline.cli import app

    db = tmp_path / "t.db"
    assert CliRunner().invoke(app, ["db", "upgrade", "--db", str(db)]).exit_code == 0
    loaded = _loaded("events", "--db", str(db))
    assert not loaded & {"alembic", "mako", "natasha", "matplotlib", "icalendar", "httpx"}, loaded
