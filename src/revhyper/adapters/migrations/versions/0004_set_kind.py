"""a set's kind: working set or warm-up

Revision ID: 0004
Revises: 0001
Create Date: 2026-12-02

Sets stored before this revision were all counted as working sets, so they become "working".
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("training_set") as batch:
        batch.add_column(
            sa.Column("kind", sa.String(length=10), nullable=False, server_default="working")
        )


def downgrade() -> None:
    with op.batch_alter_table("training_set") as batch:
        batch.drop_column("kind")
