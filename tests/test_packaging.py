"""Migrations work from an installed wheel, not only from a checkout; alembic works from a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_and_runs_the_migrations(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("timeline-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "timeline/migrations/env.py" in names
    assert "timeline/migrations/script.py.mako" in names
    assert "timeline/lang/ru/data/events.toml" in names  # the event vocabulary is data, not code
    assert "timeline/lang/ru/data/dates.toml" in names  # so are the date rules' words
    assert any(n.startswith("timeline/migrations/versions/0001") for n in names)
    # The web view works offline: its script, styles and the vendored vis-timeline ship in the wheel.
    for static in ("app.js", "app.css", "vis-timeline/vis-timeline-graph2d.min.js",
                   "vis-timeline/vis-timeline-graph2d.min.css", "vis-timeline/LICENSE.md"):
        assert f"timeline/web/static/{static}" in names, static
    # Every package of the checkout ships (a package left out of pyproject.toml fails only when installed).
    packages = {p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "timeline").rglob("__init__.py")}
    assert packages and all(f"{package}/__init__.py" in names for package in packages), sorted(
        package for package in packages if f"{package}/__init__.py" not in names)
    # Run the migrations from the unpacked wheel, far from the checkout.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    script = (
        "import timeline.db as d, timeline.config as c;"
        f"assert d.migrations_path().startswith({str(site)!r}), d.migrations_path();"
        "e = d.open_for_write(c.resolve('w.db')); print(d.current_revision(e));"
        "import timeline.query, timeline.linking.relink, timeline.cli"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() not in ("", "None")


def test_alembic_upgrade_head_from_a_checkout(tmp_path: Path) -> None:
    env = {**os.environ, "TIMELINE_DATABASE_URL": str(tmp_path / "a.db")}
    alembic = Path(sys.executable).parent / "alembic"
    done = subprocess.run(
        [str(alembic), "-c", str(ROOT / "alembic.ini"), "upgrade", "head"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.db").exists()
    check = subprocess.run(
        [str(alembic), "-c", str(ROOT / "alembic.ini"), "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
