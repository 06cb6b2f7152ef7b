"""The `timeline` executable's entry point: as light as a module can be, so Ctrl-C is handled from
the first instant. The command line's imports (typer, rich, SQLAlchemy) take a few tenths of a
second, and a Ctrl-C among them would otherwise end in a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from timeline.cli import app

        app(prog_name="timeline")
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)  # 128 + SIGINT, as a shell reports a command ended by Ctrl-C
