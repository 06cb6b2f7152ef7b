"""The `timeline` executable's entry point: as light as a module can be, so Ctrl-C is handled from
the first instant. The command line's imports (typer, rich, SQLAlchemy) take a few tenths of a
second, and a Ctrl-C among them would otherwise end in a traceback — or, landing in the import
machinery's own callbacks, be printed as "Exception ignored" and lost. So SIGINT waits while they
load, and a Ctrl-C pressed meanwhile arrives the moment they are done."""

from __future__ import annotations

import sys

try:
    import signal  # slow enough (its enums are built on import) for a Ctrl-C to land in it
except KeyboardInterrupt:
    sys.stderr.write("Interrupted.\n")
    sys.exit(130)


def main() -> None:
    can_block = hasattr(signal, "pthread_sigmask")  # not on Windows: there the imports take their chance
    try:
        if can_block:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            from timeline.cli import app
        finally:
            if can_block:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        app(prog_name="timeline")
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(130)  # 128 + SIGINT, as a shell reports a command ended by Ctrl-C
