"""athletes get a unit (kg or lb) and a plate inventory; single-leg sets a side

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-02

Loads stay stored in kilograms; ``unit`` only says how an athlete enters and sees them.
Existing athletes become kilogram athletes with a full gym plate set (``plates`` NULL).
``training_set.side`` is "left" or "right" for a single-leg set (one row per side), else NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("athlete", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("unit", sa.String(length=2), nullable=False, server_default="kg")
        )
        batch_op.add_column(sa.Column("plates", sa.JSON(), nullable=True))
    with op.batch_alter_table("training_set", schema=None) as batch_op:
        batch_op.add_column(sa.Column("side", sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("training_set", schema=None) as batch_op:
        batch_op.drop_column("side")
    with op.batch_alter_table("athlete", schema=None) as batch_op:
        batch_op.drop_column("plates")
        batch_op.drop_column("unit")
