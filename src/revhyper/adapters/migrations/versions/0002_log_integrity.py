"""one session per athlete and day: join existing same-day sessions, then a unique index

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Before this revision two writers logging at once could store two sessions for one athlete on
one day. This migration joins each such group into its oldest session (lowest id), keeping
every set: the other sessions' sets are moved after the kept session's sets in their order
(session id, then position), the status becomes the most done one, notes are joined with
" | ", pain before is the first given, pain after the last given, and the plan slot is the
first linked session's. Then ``ux_session_athlete_day`` makes a second same-day session
impossible. The rules match ``revhyper.domain.training_log.joined_session``; they are written
out here so that this revision keeps doing what it did whatever later code does.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_STATUS_ORDER = ("planned", "in_progress", "performed")

_session = sa.table(
    "session",
    sa.column("id"),
    sa.column("athlete_id"),
    sa.column("day"),
    sa.column("status"),
    sa.column("program_id"),
    sa.column("plan_week"),
    sa.column("plan_day"),
    sa.column("notes"),
    sa.column("pain_before"),
    sa.column("pain_after"),
)
_set = sa.table("training_set", sa.column("id"), sa.column("session_id"), sa.column("position"))


def _first(values: list[Any]) -> Any:
    return next((v for v in values if v is not None), None)


def _join_group(bind: sa.Connection, rows: list[sa.RowMapping]) -> None:
    kept, others = rows[0], rows[1:]
    last = bind.scalar(
        sa.select(sa.func.max(_set.c.position)).where(_set.c.session_id == kept["id"])
    )
    position = (last or 0) + 1
    for other in others:
        moved = bind.scalars(
            sa.select(_set.c.id)
            .where(_set.c.session_id == other["id"])
            .order_by(_set.c.position, _set.c.id)
        ).all()
        for set_id in moved:
            bind.execute(
                sa.update(_set)
                .where(_set.c.id == set_id)
                .values(session_id=kept["id"], position=position)
            )
            position += 1
    statuses = [r["status"] for r in rows if r["status"] in _STATUS_ORDER]
    linked = next((r for r in rows if r["program_id"] is not None), kept)
    bind.execute(
        sa.update(_session)
        .where(_session.c.id == kept["id"])
        .values(
            status=max(statuses, key=_STATUS_ORDER.index) if statuses else kept["status"],
            program_id=linked["program_id"],
            plan_week=linked["plan_week"],
            plan_day=linked["plan_day"],
            notes=" | ".join(r["notes"] for r in rows if r["notes"]),
            pain_before=_first([r["pain_before"] for r in rows]),
            pain_after=_first([r["pain_after"] for r in reversed(rows)]),
        )
    )
    bind.execute(sa.delete(_session).where(_session.c.id.in_([r["id"] for r in others])))


def upgrade() -> None:
    bind = op.get_bind()
    groups = bind.execute(
        sa.select(_session.c.athlete_id, _session.c.day)
        .group_by(_session.c.athlete_id, _session.c.day)
        .having(sa.func.count() > 1)
    ).all()
    for athlete_id, day in groups:
        rows = (
            bind.execute(
                sa.select(_session)
                .where(_session.c.athlete_id == athlete_id, _session.c.day == day)
                .order_by(_session.c.id)
            )
            .mappings()
            .all()
        )
        _join_group(bind, list(rows))
    op.create_index("ux_session_athlete_day", "session", ["athlete_id", "day"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_session_athlete_day", table_name="session")
