"""event_view and mention_view: an event, and each report of it, flattened for sqlite3 and Datasette

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 20:00:00

Users of other tools (``sqlite3 "$(timeline db path)"``, ``datasette "$(timeline db path)"``) read
tables that hold ids: an event's actors and sources are rows of other tables. Two read-only views
flatten them: ``event_view`` is an event with its participants, who reported it, its number of
sources and mentions, and its first and latest reports; ``mention_view`` is every mention with its
article (date, source, title) and its sentence. Views hold no data: downgrade drops them, nothing
stored changes. The same views on PostgreSQL (``string_agg`` for SQLite's ``group_concat``).
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _names(role_test: str, dialect: str) -> str:
    if dialect == "postgresql":
        return (f"(SELECT string_agg(DISTINCT a.name, '; ') FROM event_actors ea JOIN actors a ON a.id = ea.actor_id "
                f"WHERE ea.event_id = e.id AND {role_test})")
    return (f"(SELECT group_concat(name, '; ') FROM (SELECT DISTINCT a.name AS name FROM event_actors ea "
            f"JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id AND {role_test} ORDER BY a.name))")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute(f"""
CREATE VIEW event_view AS
SELECT e.id, e.kind, e.title, e.status, e.start_date, e.end_date, e.precision, e.modifier, e.date_text,
       e.place, e.count, e.duration,
       {_names("ea.role <> 'reporter'", dialect)} AS participants,
       {_names("ea.role = 'reporter'", dialect)} AS reported_by,
       (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.event_id = e.id) AS sources,
       (SELECT count(*) FROM mentions m WHERE m.event_id = e.id) AS mentions,
       (SELECT min(a.published) FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = e.id) AS first_reported,
       (SELECT max(a.published) FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = e.id) AS last_reported,
       (SELECT a.source FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id
         ORDER BY a.published, m.id LIMIT 1) AS first_source
FROM events e""")
    op.execute("""
CREATE VIEW mention_view AS
SELECT m.id, m.event_id, e.title AS event_title, m.kind, m.status, m.start_date, m.end_date, m.date_text,
       m.place, m.article_id, a.published, a.source, a.title AS article_title, m.sentence,
       m.start_offset, m.end_offset, m.linked_by
FROM mentions m JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = m.article_id""")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS mention_view")
    op.execute("DROP VIEW IF EXISTS event_view")
