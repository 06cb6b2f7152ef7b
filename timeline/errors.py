"""Errors a user can cause and fix; the CLI prints them as one ``Error: …`` line."""


class TimelineError(Exception):
    """A user mistake or an environment problem, reported without a traceback."""

    exit_code = 1
