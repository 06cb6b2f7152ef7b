"""`timeline relink`: rebuild the events from the stored mentions (after an upgrade of the linker)."""

from __future__ import annotations

from timeline import config
from timeline.cli.common import DbOption, message, progress_bar


def relink(db_url: DbOption = None) -> None:
    """Rebuild every event from the stored mentions; an event keeps its id when it is the same happening.

    Examples:

        timeline relink

        timeline relink --db news.db
    """
    from sqlalchemy import func, select

    from timeline import db
    from timeline.linking.relink import relink as rebuild
    from timeline.models import Mention

    engine = db.open_for_write(config.resolve(db_url))
    with db.write_transaction(engine) as connection, progress_bar() as progress:
        total = connection.scalar(select(func.count()).select_from(Mention)) or 0
        task = progress.add_task("Relinking", total=total)
        summary = rebuild(connection, lambda n: progress.advance(task, n))
    message(f"{summary.mentions} mentions: {summary.events_before} events before, {summary.events_after} now")
